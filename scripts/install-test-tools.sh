#!/usr/bin/env bash
# Install the external tools that the end-to-end tests run, into a private directory.
#
# Usage:
#   scripts/install-test-tools.sh     install (or check) the tools; print the venv's bin directory
#
# Installs, pinned:
#   pre-commit (PyPI)   used by tests/precommit.rs, which runs our hooks
#                       (.pre-commit-hooks.yaml) as users' repositories do
#   schemathesis (PyPI) used by tests/conformance.rs, which lets it test the
#                       generated bookstore server against specs/bookstore.yaml
#   @stoplight/spectral-cli (npm)
#                       used by tests/spectral_parity.rs, which compares Spectral's
#                       `spectral:oas` findings with our parity rules'; installed into
#                       $SPECFIRST_TOOLS_DIR/npm (binary: npm/node_modules/.bin/spectral).
#                       Skipped with a warning when npm is missing (SPECFIRST_SKIP_SPECTRAL=1
#                       then lets that test pass without running).
#   @stoplight/prism-cli (npm)
#                       mock server that tests/prism.rs (and the generated clients'
#                       tests) run against OpenAPI documents; installed beside
#                       Spectral in $SPECFIRST_TOOLS_DIR/npm (binary:
#                       npm/node_modules/.bin/prism). Pinned to 5.14.2: later
#                       versions need Node >= 24. Both packages go into one
#                       package.json and are installed by one `npm install`, so npm
#                       resolves their shared @stoplight dependencies together (each
#                       still gets versions it accepts). Skipped with a warning when
#                       npm is missing (SPECFIRST_SKIP_PRISM=1 then lets the Prism
#                       tests pass without running).
#
# Idempotent: a second run with everything in place only checks the versions.
# Needs python3 with pip; uses `python3 -m venv`, or virtualenv (installed by pip
# into the tools directory) where the venv module is missing (Debian without
# python3-venv).
#
# Environment:
#   SPECFIRST_TOOLS_DIR  where the tools go (default <repo>/.scratch/tools, git-ignored);
#                        the venv is $SPECFIRST_TOOLS_DIR/venv
#   PYTHON               the interpreter to build the venv with (default python3)
set -euo pipefail

PRE_COMMIT_VERSION="4.7.0"
SCHEMATHESIS_VERSION="4.32.5"
SPECTRAL_VERSION="6.16.3"
PRISM_VERSION="5.14.2"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${SPECFIRST_TOOLS_DIR:-$repo_root/.scratch/tools}"
venv="$tools_dir/venv"
python="${PYTHON:-python3}"

log() { printf 'install-test-tools: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1'" ;;
esac

command -v "$python" >/dev/null || die "$python not found"

if [[ ! -x "$venv/bin/python" ]]; then
  mkdir -p "$tools_dir"
  log "creating a venv in $venv"
  if ! "$python" -m venv "$venv" >&2 2>/dev/null; then
    rm -rf "$venv"
    log "the venv module is missing: using virtualenv instead"
    "$python" -m pip install --quiet --disable-pip-version-check \
      --target "$tools_dir/virtualenv-pkg" virtualenv >&2 || die "pip install virtualenv failed"
    PYTHONPATH="$tools_dir/virtualenv-pkg" "$python" -m virtualenv --quiet "$venv" >&2 ||
      die "virtualenv failed"
  fi
fi

have="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("pre-commit"))' 2>/dev/null || true)"
if [[ "$have" != "$PRE_COMMIT_VERSION" ]]; then
  log "installing pre-commit==$PRE_COMMIT_VERSION"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "pre-commit==$PRE_COMMIT_VERSION" >&2 || die "pip install pre-commit failed"
fi

"$venv/bin/pre-commit" --version >&2 || die "pre-commit does not run"

have="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true)"
if [[ "$have" != "$SCHEMATHESIS_VERSION" ]]; then
  log "installing schemathesis==$SCHEMATHESIS_VERSION"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "schemathesis==$SCHEMATHESIS_VERSION" >&2 || die "pip install schemathesis failed"
fi
"$venv/bin/schemathesis" --version >&2 || die "schemathesis does not run"

# Spectral and Prism, with npm into their own prefix (a package.json pins the
# versions, so `npm install` is reproducible and a second run only checks the
# versions). Both are installed by the same command: installing one alone would
# prune the other from the tree.
npm_dir="$tools_dir/npm"
spectral="$npm_dir/node_modules/.bin/spectral"
prism="$npm_dir/node_modules/.bin/prism"
if command -v npm >/dev/null; then
  have_spectral="$("$spectral" --version 2>/dev/null || true)"
  have_prism="$("$prism" --version 2>/dev/null || true)"
  if [[ "$have_spectral" != "$SPECTRAL_VERSION" || "$have_prism" != "$PRISM_VERSION" ]]; then
    log "installing @stoplight/spectral-cli@$SPECTRAL_VERSION and @stoplight/prism-cli@$PRISM_VERSION"
    mkdir -p "$npm_dir"
    printf '{"name": "specfirst-test-tools", "private": true}\n' >"$npm_dir/package.json"
    npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error --save-exact \
      "@stoplight/spectral-cli@$SPECTRAL_VERSION" "@stoplight/prism-cli@$PRISM_VERSION" >&2 ||
      die "npm install spectral-cli prism-cli failed"
  fi
  have="$("$spectral" --version 2>/dev/null)" || die "spectral does not run"
  [[ "$have" == "$SPECTRAL_VERSION" ]] || die "spectral is $have, not $SPECTRAL_VERSION"
  log "spectral $have"
  have="$("$prism" --version 2>/dev/null)" || die "prism does not run"
  [[ "$have" == "$PRISM_VERSION" ]] || die "prism is $have, not $PRISM_VERSION"
  log "prism $have"
else
  log "warning: npm not found: Spectral and Prism are not installed" \
    "(tests/spectral_parity.rs and tests/prism.rs need them)"
fi

printf '%s\n' "$venv/bin"
