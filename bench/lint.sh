#!/usr/bin/env bash
# Benchmark `specfirst lint` against Spectral (spectral:oas) and Redocly CLI (recommended)
# on the same real-world documents in the same run. Not a test: it prints figures.
#
#   bench/lint.sh                      build specfirst (release), 3 runs per tool and document
#   BENCH_RUNS=1 bench/lint.sh         one run each (GitHub with Spectral alone takes ~3 min)
#   BENCH_DOCS="petstore stripe" bench/lint.sh
#
# For each document and tool it measures wall time, CPU time (user+sys) and peak RSS
# (GNU time, or a python3 getrusage wrapper when /usr/bin/time is missing), takes the
# median over the runs, prints a table and the ratios of specfirst to each peer.
# Runs are interleaved (run 1 of every tool, then run 2, ...) so that load from other
# jobs hits all tools alike: compare ratios, not absolute times, across runs.
#
# Environment:
#   BENCH_RUNS       runs per tool and document (default 3)
#   BENCH_DOCS       documents: names known to scripts/fetch-corpus.sh --path
#                    (petstore, stripe, github, star-trek, readme-3.1, ...) or file paths
#                    (default "petstore stripe github")
#   BENCH_TOOLS      subset of "specfirst spectral redocly" (default: all three)
#   BENCH_TIMEOUT    seconds before one invocation counts as hung (default 1200)
#   SPECFIRST_BIN    use this binary and skip `cargo build`
#   SPECFIRST_ARGS   arguments before the file (default "lint --format json")
#   BENCH_NO_BUILD=1 skip `cargo build`, use target/release/specfirst if present
#   BENCH_DIR        scratch directory (default <repo>/.scratch/bench)
#   BENCH_TOOLS_DIR  where the peers are installed (default <repo>/.scratch/bench-tools)
#   BENCH_TIMER      auto (GNU time if present, else python3), gnu or python (default auto)
#
# A lint exit code of 1 (problems found) is expected. A tool that exits otherwise, is
# killed, times out, or prints nothing on stdout aborts the benchmark.
set -euo pipefail

SPECTRAL_VERSION="6.16.3" # needs node ^18.18 || >=20.17
REDOCLY_VERSION="2.77.0"  # needs node >=20.19 <21 || >=22.12 (last line to support node 20)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
docs="${BENCH_DOCS:-petstore stripe github}"
tools="${BENCH_TOOLS:-specfirst spectral redocly}"
timeout_s="${BENCH_TIMEOUT:-1200}"
work="${BENCH_DIR:-$repo_root/.scratch/bench}"
tools_dir="${BENCH_TOOLS_DIR:-$repo_root/.scratch/bench-tools}"
read -r -a specfirst_args <<<"${SPECFIRST_ARGS:-lint --format json}"

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer"
command -v python3 >/dev/null || die "python3 is needed for the summary"
for t in $tools; do
  case "$t" in specfirst | spectral | redocly) ;; *) die "unknown tool '$t' in BENCH_TOOLS" ;; esac
done
wants() { [[ " $tools " == *" $1 "* ]]; }

mkdir -p "$work/out"

# ---------------------------------------------------------------- specfirst
specfirst_bin=""
if wants specfirst; then
  if [[ -n "${SPECFIRST_BIN:-}" ]]; then
    specfirst_bin="$SPECFIRST_BIN"
    [[ -x "$specfirst_bin" ]] || die "SPECFIRST_BIN=$specfirst_bin is not an executable"
  else
    target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
    if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
      log "building specfirst (cargo build --release --locked)"
      if ! (cd "$repo_root" && cargo build --release --locked --bin specfirst >&2); then
        log "WARNING: cargo build failed: benchmarking the peers only"
      fi
    fi
    if [[ -x "$target_dir/release/specfirst" ]]; then
      specfirst_bin="$target_dir/release/specfirst"
    else
      log "WARNING: no specfirst binary at $target_dir/release/specfirst: benchmarking the peers only"
    fi
  fi
  if [[ -z "$specfirst_bin" ]]; then
    tools="${tools//specfirst/}"
  fi
fi

# ---------------------------------------------------------------- peers
installed_version() { # $1 = package name
  local manifest="$tools_dir/node_modules/$1/package.json"
  [[ -f "$manifest" ]] || return 0
  sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$manifest" | head -n1
}
if wants spectral || wants redocly; then
  command -v node >/dev/null || die "node is needed for the peers"
  need=()
  [[ "$(installed_version @stoplight/spectral-cli)" == "$SPECTRAL_VERSION" ]] ||
    need+=("@stoplight/spectral-cli@$SPECTRAL_VERSION")
  [[ "$(installed_version @redocly/cli)" == "$REDOCLY_VERSION" ]] ||
    need+=("@redocly/cli@$REDOCLY_VERSION")
  if ((${#need[@]})); then
    mkdir -p "$tools_dir"
    [[ -f "$tools_dir/package.json" ]] ||
      printf '{\n  "name": "specfirst-bench-tools",\n  "private": true\n}\n' >"$tools_dir/package.json"
    log "installing ${need[*]} into $tools_dir"
    npm install --no-audit --no-fund --save-exact --loglevel=error --prefix "$tools_dir" "${need[@]}" >&2 ||
      die "npm install failed"
  fi
fi
spectral_bin="$tools_dir/node_modules/.bin/spectral"
redocly_bin="$tools_dir/node_modules/.bin/redocly"
ruleset="$work/spectral-oas.json"
printf '{"extends": ["spectral:oas"]}\n' >"$ruleset"
# No telemetry or update check (there is no network here; they must not cost time).
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1

tool_cmd() { # $1 = tool, $2 = file: fills the array `cmd`
  case "$1" in
    specfirst) cmd=("$specfirst_bin" "${specfirst_args[@]}" "$2") ;;
    spectral) cmd=("$spectral_bin" lint -r "$ruleset" -f json "$2") ;;
    # --extends recommended: the built-in `recommended` ruleset, no config file needed
    redocly) cmd=("$redocly_bin" lint --extends recommended --format json "$2") ;;
  esac
}

tool_version() {
  case "$1" in
    specfirst) "$specfirst_bin" --version 2>/dev/null | head -n1 || echo "specfirst (unknown version)" ;;
    spectral) echo "Spectral $("$spectral_bin" --version 2>/dev/null)" ;;
    redocly) echo "Redocly CLI $("$redocly_bin" --version 2>/dev/null)" ;;
  esac
}

# ---------------------------------------------------------------- documents
doc_names=()
doc_paths=()
for d in $docs; do
  if [[ -f "$d" ]]; then
    doc_names+=("$(basename "$d")")
    doc_paths+=("$(cd "$(dirname "$d")" && pwd)/$(basename "$d")")
  else
    doc_names+=("$d")
    doc_paths+=("$("$repo_root/scripts/fetch-corpus.sh" --path "$d")")
  fi
done

# ---------------------------------------------------------------- timing
# measure RESULT_FILE CMD...: runs CMD with the caller's redirections and writes
# "wall user sys maxrss_kib exit" to RESULT_FILE.
timer_choice="${BENCH_TIMER:-auto}"
case "$timer_choice" in auto | gnu | python) ;; *) die "BENCH_TIMER must be auto, gnu or python" ;; esac
have_gnu_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e' -o /dev/null true 2>/dev/null; then
  have_gnu_time=1
fi
[[ "$timer_choice" == gnu && "$have_gnu_time" == 0 ]] &&
  die "BENCH_TIMER=gnu but /usr/bin/time is missing (apt-get install time)"
if [[ "$timer_choice" != python && "$have_gnu_time" == 1 ]]; then
  timer="GNU time"
  measure() {
    local res="$1" rc=0
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$res.raw" timeout "$timeout_s" "$@" || rc=$?
    # GNU time may put "Command exited with non-zero status N" first: keep the last line
    printf '%s %s\n' "$(tail -n1 "$res.raw")" "$rc" >"$res"
  }
else
  timer="python3 getrusage(RUSAGE_CHILDREN)"
  measure() {
    local res="$1"
    shift
    python3 - "$res" timeout "$timeout_s" "$@" <<'PY'
import os, resource, subprocess, sys, time
res, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
rc = subprocess.call(cmd, stdin=subprocess.DEVNULL)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # ru_maxrss in KiB on Linux
with open(res, "w") as f:
    f.write(f"{wall:.3f} {ru.ru_utime:.3f} {ru.ru_stime:.3f} {ru.ru_maxrss} {rc}\n")
PY
  }
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$work/lint-$stamp.tsv"
printf 'document\ttool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\texit\tstdout_bytes\n' >"$results"

log "timer: $timer; runs: $runs; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for t in $tools; do log "$(tool_version "$t")"; done

for ((run = 1; run <= runs; run++)); do
  for i in "${!doc_paths[@]}"; do
    name="${doc_names[$i]}"
    file="${doc_paths[$i]}"
    for t in $tools; do
      tool_cmd "$t" "$file"
      out="$work/out/$t-$name.out"
      err="$work/out/$t-$name.err"
      res="$work/out/$t-$name.time"
      # run from the scratch dir so no project config (redocly.yaml, .spectral.*) is picked up
      (cd "$work" && measure "$res" "${cmd[@]}" </dev/null >"$out" 2>"$err")
      read -r wall user sys rss rc <"$res"
      bytes="$(wc -c <"$out" | tr -d ' ')"
      if [[ "$rc" == 124 ]]; then
        die "$t on $name timed out after ${timeout_s}s (BENCH_TIMEOUT)"
      elif [[ "$rc" != 0 && "$rc" != 1 ]] || ((bytes == 0)); then
        log "$t on $name crashed or printed nothing (exit $rc, $bytes bytes on stdout): ${cmd[*]}"
        tail -n 20 "$err" >&2
        exit 1
      fi
      log "run $run/$runs  $name  $t  wall ${wall}s  cpu $(python3 -c "print(round($user+$sys, 2))")s  peak $((rss / 1024)) MiB  exit $rc"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$t" "$run" "$wall" "$user" "$sys" "$rss" "$rc" "$bytes" >>"$results"
    done
  done
done

# ---------------------------------------------------------------- summary
names_paths="$(for i in "${!doc_paths[@]}"; do printf '%s\t%s\n' "${doc_names[$i]}" "${doc_paths[$i]}"; done)"
versions="$(for t in $tools; do printf '%s\t%s\n' "$t" "$(tool_version "$t")"; done)"
python3 - "$results" "$work/out" "$names_paths" "$versions" "$runs" "$timer" <<'PY'
import csv, json, os, statistics, sys

results, outdir, names_paths, versions, runs, timer = sys.argv[1:]
paths = dict(l.split("\t", 1) for l in names_paths.splitlines() if l)
versions = dict(l.split("\t", 1) for l in versions.splitlines() if l)
rows = list(csv.DictReader(open(results), delimiter="\t"))
docs = list(dict.fromkeys(r["document"] for r in rows))
tools = list(dict.fromkeys(r["tool"] for r in rows))
label = {"specfirst": "specfirst", "spectral": "Spectral", "redocly": "Redocly"}

def problems(tool, doc):
    """Number of problems in the last run's output (best effort)."""
    try:
        data = json.load(open(os.path.join(outdir, f"{tool}-{doc}.out")))
    except (OSError, ValueError):
        return "?"
    if isinstance(data, list):
        return str(len(data))
    if isinstance(data, dict):
        totals = data.get("totals")
        if isinstance(totals, dict):  # Redocly
            return str(sum(v for k, v in totals.items() if k in ("errors", "warnings") and isinstance(v, int)))
        for key in ("diagnostics", "problems", "results"):
            if isinstance(data.get(key), list):
                return str(len(data[key]))
    return "?"

def size(path):
    n = os.path.getsize(path)
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"

med = {}
for d in docs:
    for t in tools:
        rs = [r for r in rows if r["document"] == d and r["tool"] == t]
        if rs:
            med[d, t] = (
                statistics.median(float(r["wall_s"]) for r in rs),
                statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in rs),
                statistics.median(int(r["maxrss_kib"]) for r in rs) / 1024,
                problems(t, d),
            )

print()
print(f"Lint benchmark: medians of {runs} run(s); timer: {timer}; exit 1 (problems found) is expected")
for t in tools:
    print(f"  {label[t]:<10} {versions.get(t, '')}")
print()
head = f"{'document':<14} {'size':>9}  {'tool':<10} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'problems':>9}"
print(head)
print("-" * len(head))
for d in docs:
    for i, t in enumerate(tools):
        if (d, t) not in med:
            continue
        wall, cpu, rss, probs = med[d, t]
        doc_col = d if i == 0 else ""
        size_col = size(paths[d]) if i == 0 else ""
        print(f"{doc_col:<14} {size_col:>9}  {label[t]:<10} {wall:>8.2f} {cpu:>8.2f} {rss:>9.0f} {probs:>9}")
print()

def ratio(x):
    return f"{x:.2f}×" if x < 1 else f"{x:.1f}×" if x < 100 else f"{x:.0f}×"

if "specfirst" in tools:
    print("specfirst against each peer (same run):")
    for d in docs:
        if (d, "specfirst") not in med:
            continue
        sw, sc, sm, _ = med[d, "specfirst"]
        for t in tools:
            if t == "specfirst" or (d, t) not in med:
                continue
            pw, pc, pm, _ = med[d, t]
            # The timers resolve 10 ms: a run below that is "over" the ratio at 10 ms.
            speed = ratio(pw / sw) if sw > 0 else "over " + ratio(pw / 0.01)
            cpu = ratio(pc / sc) if sc > 0 else "over " + ratio(pc / 0.01)
            print(f"  {d}: specfirst is {speed} faster (wall) than {label[t]}, "
                  f"{cpu} less CPU time, {ratio(sm / pm)} its peak memory")
else:
    print("specfirst was not benchmarked (no binary): peers only.")
print(f"\nraw figures: {results}")
PY
