"""Checks schemathesis cannot do on its own for versioned media types.

`Content-Type: application/json; version=2` names one content of a response:
the body must validate against that content's schema, the version must be one
the operation documents, and a deprecated version must come with
`Deprecated: true` (RULEBOOK §3.2).
"""

import os
import urllib.parse

import jsonschema_rs
import schemathesis
import yaml

SPEC_PATH = os.environ["SPECFIRST_CONFORMANCE_SPEC"]

with open(SPEC_PATH, encoding="utf-8") as f:
    SPEC = yaml.safe_load(f)

VALIDATORS = {}


def validator_for(pointer):
    """A validator for the schema at `pointer`, whose `#/components/...`
    references resolve in the whole document."""
    if pointer not in VALIDATORS:
        root = dict(SPEC)
        root["$ref"] = "#" + urllib.parse.quote(pointer, safe="/~")
        VALIDATORS[pointer] = jsonschema_rs.Draft202012Validator(root, validate_formats=True)
    return VALIDATORS[pointer]


def escape(token):
    return token.replace("~", "~0").replace("/", "~1")


def follow(node, pointer):
    """Follows `$ref`s from `node` (at `pointer`); the node and its pointer."""
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            break
        seen.add(ref)
        pointer = ref[1:]
        node = SPEC
        for token in pointer.split("/")[1:]:
            node = node[token.replace("~1", "/").replace("~0", "~")]
    return node, pointer


def parse_media_type(value):
    parts = [p.strip() for p in value.split(";")]
    params = {}
    for p in parts[1:]:
        if "=" in p:
            k, v = p.split("=", 1)
            params[k.strip().lower()] = v.strip().strip('"')
    return parts[0].lower(), params


@schemathesis.check
def versioned_representation(ctx, response, case):
    content_type = response.headers.get("content-type")
    if isinstance(content_type, list):
        content_type = content_type[0] if content_type else None
    if not content_type or not response.content:
        return None
    method = case.operation.method.lower()
    op_pointer = "/paths/" + escape(case.operation.path) + "/" + method
    responses = SPEC["paths"][case.operation.path][method].get("responses", {})
    status = str(response.status_code)
    key = status if status in responses else status[0] + "XX"
    if key not in responses:
        key = "default"
    if key not in responses:
        return None
    definition, pointer = follow(responses[key], op_pointer + "/responses/" + escape(key))
    content = definition.get("content") or {}
    media_type, params = parse_media_type(content_type)
    version = params.get("version")
    candidates = []
    for name, media in content.items():
        m, p = parse_media_type(name)
        if m == media_type:
            candidates.append((name, media, p.get("version")))
    if not candidates:
        return None
    versions = [v for _, _, v in candidates if v is not None]
    if versions:
        if version is None:
            raise AssertionError(
                f"Content-Type {content_type!r} has no version; documented: {versions}"
            )
        if version not in versions:
            raise AssertionError(
                f"Content-Type {content_type!r} names version {version}; documented: {versions}"
            )
    chosen = next(
        (c for c in candidates if c[2] == version), candidates[0]
    )
    name, media, _ = chosen
    if media.get("x-deprecated") is True and response.headers.get("deprecated") not in (
        "true",
        ["true"],
    ):
        raise AssertionError(f"{name!r} is deprecated but the response has no `Deprecated: true`")
    if "schema" not in media:
        return None
    schema_pointer = pointer + "/content/" + escape(name) + "/schema"
    body = response.json()
    errors = list(validator_for(schema_pointer).iter_errors(body))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.instance_path)
        raise AssertionError(
            f"The body does not match the schema of {name!r} at /{where}: {first.message}"
        )
    return None
