"""Seeded mutations of the checked-in specs: one reproducible input file per seed.

`make_case(seed)` picks a spec from `SOURCES`, applies one to three mutations drawn from
the real failure classes (delete, duplicate or retype a node; swap a `$ref`; schemas that
refer to themselves; hostile strings and names; deep nesting; missing required keys;
duplicate tags; invalid defaults and examples; byte-level damage) and serializes the
result as JSON or YAML. Everything is drawn from `random.Random(seed)`, so a seed names
its input exactly; each step is described, so a failure says what was done.

Everything here is pure: no file is written, nothing is run.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .contract import Input

ROOT = Path(__file__).resolve().parents[2]

# The specs mutated: every fixture and the real spec, and the broken corpus (mutated as bytes
# where it does not parse). Paths relative to the repository root, in a fixed order.
WORKING: tuple[str, ...] = tuple(
    sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "fixtures").glob("*/openapi.yaml"))
    + ["spec/openapi.yaml"]
)
BROKEN: tuple[str, ...] = tuple(sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "broken").iterdir()))
SOURCES = WORKING + BROKEN
# These parse to a small graph that holds itself or serializes to gigabytes: damaged as bytes only.
BYTES_ONLY = frozenset({"tests/broken/alias_bomb.yaml", "tests/broken/recursive_alias.yaml"})

# Strings that have broken code generators: quotes and comment ends that close what they sit in,
# template syntax, lone surrogates (valid JSON escapes, not encodable as UTF-8), NUL and control
# characters, right-to-left text, names that Unicode normalization or case folding merge, and
# Python's own words.
HOSTILE: tuple[str, ...] = (
    "\ud800",
    "x\udfffy",
    "\ud83d",
    "\x00",
    "a\x00b",
    '"""',
    "'''",
    '\\"""',
    "*/",
    "/*",
    "{{",
    "}}",
    "{{ 7*7 }}",
    "{%",
    "{#",
    "{",
    "}",
    "\\",
    "\\u0041",
    "\u202e",
    "\u202egnp.exe",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u00e9",
    "e\u0301",
    "\U0001f4a5",
    "\u2028",
    "\u2029",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "\x0b",
    "\x1b[31m",
    "\x7f",
    "\ufeff",
    "\ufffe",
    "#",
    "`",
    "$ref",
    "~1",
    "%s",
    "%(x)s",
    "${x}",
    "None",
    "class",
    "self",
    "__init__",
    "import",
    "True",
    "1abc",
    "123",
    "-",
    "_",
    "__",
    " ",
    "",
    "a" * 300,
    "\u00ff" * 100,
    "\ufb01le",
    "file",
    "\u212a",
    "K",
    "\u0130",
    "\u00df",
    "SS",
    "\U0001d518\U0001d52b\U0001d526",
    "\u0663",
    "\u00a0",
    "null",
    "~",
    "&a",
    "*a",
    "!!python/object:os.system",
    "@",
    "'; DROP TABLE x; --",
    "</script>",
    "..",
    "../../etc/passwd",
    "CON",
    "nul",
    "a/b",
    "a\\b",
    "a:b",
)

SURROGATES = tuple(h for h in HOSTILE if any("\ud800" <= c <= "\udfff" for c in h))

PATH_TEMPLATES: tuple[str, ...] = (
    "/x/id}",
    "/x/{id",
    "/x/{}",
    "/x/{id}/{id}",
    "/x/{a b}",
    "/x/{\u00e9}",
    "/x/{class}",
    "/{}",
    "/",
    "//",
    "x",
    "/x?y=1",
    "/x#frag",
    "/x/%7Bid%7D",
    "/\u00fc/\u00df",
    "/\u202eevil",
    "/x/ y",
    "/x/" + "y" * 300,
    "/" + "z" * 300,
    "/" + "/".join(["seg"] * 80),
    "/x/{id}.{format}",
    "/x/{id}{id2}",
    '/x/"""',
    "/x/*/",
    "/x/{{id}}",
)

SCALARS: tuple[Any, ...] = (
    None,
    0,
    -1,
    1,
    1.5,
    -0.0,
    10**30,
    True,
    False,
    "",
    "x",
    "3.0.3",
    [],
    {},
    [1, "a", None],
    {"a": 1},
    {"type": "string"},
    {"$ref": "#"},
)

REF_TARGETS: tuple[str, ...] = (
    "#",
    "",
    "#/",
    "#/components",
    "#/components/schemas",
    "#/components/schemas/Nope",
    "#/paths",
    "#/info",
    "#/components/schemas/%7E",
    "#/components/schemas/a~2b",
    "#components/schemas/X",
    "other.yaml#/components/schemas/X",
    "other.yaml",
    "/etc/passwd",
    "../../../../etc/hostname",
    "http://127.0.0.1:9/x.yaml",
    "file:///etc/passwd",
    "#/components/schemas/\ud800",
)

Path_ = tuple[str | int, ...]


# --- walking and editing the parsed document --------------------------------------------------


def _nodes(doc: Any, limit: int = 20000) -> list[tuple[Path_, Any]]:
    """(path, node) of every node, the root included, in a fixed order (at most `limit`)."""
    out: list[tuple[Path_, Any]] = []
    stack: list[tuple[Path_, Any]] = [((), doc)]
    while stack and len(out) < limit:
        path, node = stack.pop()
        out.append((path, node))
        if isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(node))))
    return out


def _get(doc: Any, path: Path_) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _set(doc: Any, path: Path_, value: Any) -> None:
    _get(doc, path[:-1])[path[-1]] = value


def _show(path: Path_) -> str:
    """The JSON pointer of `path`, shortened past 120 characters."""
    text = "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path) if path else "/"
    return text if len(text) <= 120 else f"{text[:50]}/...({len(path)} levels).../{text[-50:]}"


def _short(value: Any, limit: int = 60) -> str:
    text = ascii(value)
    return text if len(text) <= limit else f"{text[:limit]}...({len(text)} chars)"


def _pick(rng: random.Random, doc: Any, want: Callable[[Path_, Any], bool]) -> tuple[Path_, Any] | None:
    found = [(p, n) for p, n in _nodes(doc) if want(p, n)]
    return rng.choice(found) if found else None


def _schemas(doc: Any) -> dict[str, Any] | None:
    components = doc.get("components") if isinstance(doc, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else None


def _ensure_schemas(doc: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(doc.get("components"), dict):
        doc["components"] = {}
    if not isinstance(doc["components"].get("schemas"), dict):
        doc["components"]["schemas"] = {}
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def _ensure_paths(doc: dict[str, Any]) -> dict[Any, Any]:
    if not isinstance(doc.get("paths"), dict):
        doc["paths"] = {}
    paths: dict[Any, Any] = doc["paths"]
    return paths


def _operations(doc: Any) -> list[tuple[Path_, dict[str, Any]]]:
    out: list[tuple[Path_, dict[str, Any]]] = []
    paths = doc.get("paths") if isinstance(doc, dict) else None
    for key, item in (paths.items() if isinstance(paths, dict) else []):
        for method, op in (item.items() if isinstance(item, dict) else []):
            if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace") and isinstance(op, dict):
                out.append((("paths", key, method), op))
    return out


def _fresh(rng: random.Random, taken: Any, stem: str) -> str:
    while True:
        name = f"{stem}{rng.randrange(1000)}"
        if name not in taken:
            return name


# --- the mutations: each edits the document in place and says what it did ---------------------

Doc = dict[str, Any]
Deep = dict[str, str]  # placeholder -> the text it stands for, spliced in after serializing


def delete_node(doc: Doc, rng: random.Random, deep: Deep) -> str:
    found = _pick(rng, doc, lambda p, n: bool(p))
    if found is None:
        return "delete: nothing to delete"
    path, _ = found
    parent = _get(doc, path[:-1])
    del parent[path[-1]]
    return f"delete {_show(path)}"


def duplicate_node(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """Copy a node to a random container: beside itself, or somewhere else entirely."""
    found = _pick(rng, doc, lambda p, n: bool(p))
    target = _pick(rng, doc, lambda p, n: isinstance(n, (dict, list)))
    if found is None or target is None:
        return "duplicate: nothing to duplicate"
    path, node = found
    where, container = target
    inside = where[: len(path)] == path
    # Shared (not copied) when that makes no cycle: YAML then writes an anchor and an alias.
    value = node if not inside and rng.random() < 0.3 else copy.deepcopy(node)
    if isinstance(container, list):
        container.insert(rng.randint(0, len(container)), value)
        return f"duplicate {_show(path)} into {_show(where)}"
    key = str(path[-1]) if rng.random() < 0.5 and path[-1] not in container else f"{path[-1]}_dup"
    container[key] = value
    return f"duplicate {_show(path)} to {_show((*where, key))}"


def retype_node(doc: Doc, rng: random.Random, deep: Deep) -> str:
    found = _pick(rng, doc, lambda p, n: bool(p))
    if found is None:
        return "retype: nothing to retype"
    path, node = found
    choices = [s for s in SCALARS if type(s) is not type(node)]
    value = copy.deepcopy(rng.choice(choices))
    _set(doc, path, value)
    return f"retype {_show(path)} to {_short(value)}"


def swap_ref(doc: Doc, rng: random.Random, deep: Deep) -> str:
    refs = [(p, n) for p, n in _nodes(doc) if p and p[-1] == "$ref" and isinstance(n, str)]
    if not refs:
        return "swap $ref: none in the document"
    path, old = rng.choice(refs)
    targets = sorted({n for _, n in refs if n != old})
    schemas = _schemas(doc) or {}
    inner = [
        f"#/components/schemas/{k}/properties/{p}"
        for k, v in schemas.items()
        if isinstance(v, dict)
        for p in (v.get("properties") or {})
        if isinstance(v.get("properties"), dict)
    ]
    pool = targets * 3 + list(REF_TARGETS) + inner[:20] + [_show(path[:-1]).replace("/", "#/", 1)]
    new = rng.choice(pool)
    _set(doc, path, new)
    return f"swap $ref at {_show(path)}: {_short(old)} -> {_short(new)}"


def _use_schema(doc: Doc, rng: random.Random, name: str, where: str) -> str:
    """A new operation that sends `name` as its request body or receives it as its response."""
    paths = _ensure_paths(doc)
    path = _fresh(rng, paths, "/fuzz")
    ref = {"$ref": f"#/components/schemas/{name}"}
    body = {"content": {"application/json": {"schema": ref}}}
    op: dict[str, Any] = {"operationId": f"fuzz{name}{rng.randrange(100)}", "responses": {"200": {"description": "ok"}}}
    if where == "request":
        op["requestBody"] = dict(body, required=True)
    else:
        op["responses"]["200"].update(body)
    paths[path] = {"post": op}
    return f"{path} {where}"


def self_reference(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """Schemas that refer to themselves, in the shapes that broke the generator."""
    schemas = _ensure_schemas(doc)
    a = _fresh(rng, schemas, "Rec")
    ref = {"$ref": f"#/components/schemas/{a}"}
    shape = rng.randrange(7)
    if shape == 0:
        schemas[a] = {"type": "array", "items": ref}
        text = f"{a}: array of itself"
    elif shape == 1:
        schemas[a] = {"oneOf": [ref]}
        text = f"{a}: oneOf [itself]"
    elif shape == 2:
        wrapper = _fresh(rng, schemas, "Wrapper")
        schemas[a] = {"oneOf": [{"type": "string"}, {"type": "array", "items": ref}]}
        schemas[wrapper] = {"allOf": [ref]}
        a, text = wrapper, f"{wrapper}: allOf [{a}: oneOf [string, array of itself]]"
    elif shape == 3:
        schemas[a] = {"anyOf": [ref, {"type": "integer"}]}
        text = f"{a}: anyOf [itself, integer]"
    elif shape == 4:
        schemas[a] = {"type": "object", "additionalProperties": ref}
        text = f"{a}: map of itself"
    elif shape == 5:
        schemas[a] = {"allOf": [ref]}
        text = f"{a}: allOf [itself]"
    else:
        schemas[a] = {"type": "object", "required": ["next"], "properties": {"next": ref}}
        text = f"{a}: object that requires itself"
    used = _use_schema(doc, rng, a, rng.choice(["request", "response"]))
    return f"self-reference {text}, used as {used}"


def hostile_string(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """Put a hostile string into a string value (description, name, enum value...)."""
    found = _pick(rng, doc, lambda p, n: isinstance(n, str) and bool(p) and p[-1] != "$ref")
    bad = rng.choice(HOSTILE)
    if found is None:
        doc.setdefault("info", {})
        if isinstance(doc["info"], dict):
            doc["info"]["description"] = bad
        return f"hostile info.description {_short(bad)}"
    path, old = found
    new = rng.choice([bad, old + bad, bad + old, old[: len(old) // 2] + bad + old[len(old) // 2 :]])
    _set(doc, path, new)
    return f"hostile string at {_show(path)}: {_short(new)}"


TEXT_KEYS = frozenset({"description", "title", "summary", "x-summary", "pattern", "format", "example", "default"})


def hostile_text(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """Put a hostile string into prose that lands in docstrings and comments: a description, title, summary."""
    found = _pick(rng, doc, lambda p, n: bool(p) and p[-1] in TEXT_KEYS and isinstance(n, str))
    bad = rng.choice(SURROGATES if rng.random() < 0.3 else HOSTILE)
    if found is None:
        schema = _pick(rng, doc, lambda p, n: isinstance(n, dict) and "type" in n)
        if schema is None:
            return "hostile text: no prose and no schema"
        schema[1]["description"] = bad
        return f"hostile text at {_show((*schema[0], 'description'))}: {_short(bad)}"
    path, old = found
    new = f"{old} {bad} {old}"
    _set(doc, path, new)
    return f"hostile text at {_show(path)}: {_short(new)}"


def hostile_key(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """Rename a mapping key (a property, parameter set, response code...) to a hostile one."""
    found = _pick(rng, doc, lambda p, n: isinstance(n, dict) and bool(n) and p[-1:] != ("paths",))
    if found is None:
        return "hostile key: no mapping"
    path, node = found
    old = rng.choice(list(node))
    new = rng.choice([rng.choice(HOSTILE), old + rng.choice(HOSTILE)])
    items = [(new if k == old else k, v) for k, v in node.items()]
    node.clear()
    node.update(items)
    return f"hostile key at {_show(path)}: {_short(old)} -> {_short(new)}"


def _twin(rng: random.Random, name: str) -> str:
    """A different name that may turn into the same identifier: case, separators, Unicode normalization."""
    return rng.choice(
        [
            name.upper(),
            name.lower(),
            name.swapcase(),
            name + "_",
            "_" + name,
            name.replace("_", "-"),
            name.replace("-", "_") + "-",
            name + " ",
            name + "\u200b",
            name.replace("f", "\ufb01", 1) if "f" in name else "\ufb01" + name,
            name.replace("K", "\u212a") if "K" in name else "\u212a" + name,
            name + "2",
            name + "_2",
            name.title().replace("_", ""),
        ]
    )


def colliding_names(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """A sibling whose name differs only where names are normalized: properties, schemas, enum values, paths."""
    kind = rng.choice(["property", "schema", "enum", "path", "operationId"])
    if kind == "enum":
        found = _pick(rng, doc, lambda p, n: bool(p) and p[-1] == "enum" and isinstance(n, list) and bool(n))
        if found is not None:
            values = found[1]
            value = rng.choice(values)
            twin = _twin(rng, value) if isinstance(value, str) else str(value)
            values.append(twin)
            return f"colliding enum value at {_show(found[0])}: {_short(value)} and {_short(twin)}"
    if kind == "path":
        paths = _ensure_paths(doc)
        if paths:
            key = rng.choice(list(paths))
            twin = _twin(rng, str(key))
            paths[twin] = copy.deepcopy(paths[key])
            return f"colliding path {_short(key)} and {_short(twin)}"
    if kind == "operationId":
        ops = [(p, o) for p, o in _operations(doc) if isinstance(o.get("operationId"), str)]
        if len(ops) >= 2:
            (_, first), (path, second) = rng.sample(ops, 2)
            second["operationId"] = _twin(rng, first["operationId"])
            return f"colliding operationId at {_show(path)}: {_short(second['operationId'])}"
    if kind == "schema":
        schemas = _schemas(doc)
        if schemas:
            name = rng.choice(list(schemas))
            twin = _twin(rng, name)
            schemas[twin] = copy.deepcopy(schemas[name])
            return f"colliding schema {_short(name)} and {_short(twin)}"
    found = _pick(rng, doc, lambda p, n: bool(p) and p[-1] == "properties" and isinstance(n, dict) and bool(n))
    if found is None:
        return f"colliding {kind}: none to collide with"
    props = found[1]
    name = rng.choice(list(props))
    twin = _twin(rng, str(name))
    props[twin] = copy.deepcopy(props[name])
    return f"colliding property at {_show(found[0])}: {_short(name)} and {_short(twin)}"


def rename_schema(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """Rename a component schema, and every $ref to it, to a hostile name."""
    schemas = _schemas(doc)
    if not schemas:
        return "rename schema: no schemas"
    old = rng.choice(list(schemas))
    new = rng.choice(HOSTILE) or "_"
    if rng.random() < 0.5:
        new = old + new
    if new in schemas:
        return f"rename schema: {_short(new)} taken"
    items = [(new if k == old else k, v) for k, v in schemas.items()]
    schemas.clear()
    schemas.update(items)
    before = f"#/components/schemas/{old}"
    after = "#/components/schemas/" + new.replace("~", "~0").replace("/", "~1")
    for path, node in _nodes(doc):
        if path and path[-1] == "$ref" and node == before:
            _set(doc, path, after)
    return f"rename schema {_short(old)} -> {_short(new)}"


def hostile_path(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """A path template that is malformed, huge, or non-ASCII, with or without an operationId."""
    paths = _ensure_paths(doc)
    template = rng.choice(PATH_TEMPLATES)
    ops = _operations(doc)
    if ops and rng.random() < 0.5:
        (_, key, _method), _op = rng.choice(ops)
        item = paths.pop(key)
        paths[template] = item
        return f"hostile path: {_short(key)} renamed {_short(template)}"
    op: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
    if rng.random() < 0.3:
        op["operationId"] = rng.choice(HOSTILE)
    if "{" in template and rng.random() < 0.5:
        op["parameters"] = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    paths[template] = {rng.choice(["get", "post", "delete"]): op}
    return f"hostile path: new {_short(template)} {_short(op)}"


def deep_nesting(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """A node nested 50 to 40,000 levels deep, spliced in as text after serializing."""
    depth = rng.choice([50, 150, 199, 200, 201, 202, 500, 1000, 3000])
    if rng.random() < 0.12:
        depth = rng.choice([10000, 30000, 40000])
    kind = rng.choice(["map", "list", "items"])
    token = f"FUZZDEEP{len(deep)}X{rng.randrange(10**6)}"
    deep[token] = f"{kind}:{depth}"
    target = _pick(rng, doc, lambda p, n: isinstance(n, (dict, list)))
    where = target[0] if target is not None and rng.random() < 0.7 else ()
    container = _get(doc, where)
    if isinstance(container, list):
        container.append(token)
        at: Path_ = (*where, len(container) - 1)
    else:
        key = rng.choice(["x-deep", "schema", "items", "properties", "deep"])
        container[key] = token
        at = (*where, key)
    return f"deep nesting: {kind} {depth} levels at {_show(at)}"


def remove_required(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """Take away a key the OpenAPI schema requires, or that every generator leans on."""
    options: list[Path_] = [("info", "version"), ("info", "title"), ("info",), ("paths",), ("openapi",)]
    options += [(*p, "responses") for p, _ in _operations(doc)]
    options += [(*p, "properties") for p, n in _nodes(doc) if isinstance(n, dict) and "properties" in n]
    options += [(*p, "content") for p, n in _nodes(doc) if isinstance(n, dict) and "content" in n]
    options += [(*p, "schema") for p, n in _nodes(doc) if isinstance(n, dict) and "in" in n and "schema" in n]
    options += [(*p, "name") for p, n in _nodes(doc) if isinstance(n, dict) and "in" in n and "name" in n]
    options += [(*p, "items") for p, n in _nodes(doc) if isinstance(n, dict) and n.get("type") == "array"]
    path = rng.choice(options)
    try:
        del _get(doc, path[:-1])[path[-1]]
    except (KeyError, IndexError, TypeError):
        return f"remove {_show(path)}: not there"
    return f"remove {_show(path)}"


def duplicate_tags(doc: Doc, rng: random.Random, deep: Deep) -> str:
    listed = doc["tags"] if isinstance(doc.get("tags"), list) else []
    names = [t["name"] for t in listed if isinstance(t, dict) and isinstance(t.get("name"), str)]
    for _, op in _operations(doc):
        if isinstance(op.get("tags"), list):
            names += [t for t in op["tags"] if isinstance(t, str)]
    name = rng.choice(names) if names else "things"
    twin = rng.choice([name, name.upper(), name + " ", name.replace("_", "-"), name + "s", rng.choice(HOSTILE)])
    tags = doc["tags"] if isinstance(doc.get("tags"), list) else []
    doc["tags"] = tags + [{"name": name}, {"name": twin, "description": "again"}]
    for _, op in rng.sample(_operations(doc), min(2, len(_operations(doc)))):
        op["tags"] = [twin, name, twin]
    return f"duplicate tags {_short(name)} and {_short(twin)}"


def invalid_default(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """A `default`, `example`, `examples` or `enum` that does not fit its schema."""
    found = _pick(rng, doc, lambda p, n: isinstance(n, dict) and ("type" in n or "$ref" in n or "schema" in n))
    if found is None:
        return "invalid default: no schema"
    path, node = found
    key = rng.choice(["default", "example", "examples", "enum", "const", "x-enum-varnames"])
    value = copy.deepcopy(rng.choice(SCALARS + (["a", "a"], [None], [[1]], {"": {"value": "\ud800"}})))
    if key == "enum" and not isinstance(value, list):
        value = [value, value]
    node[key] = value
    return f"invalid {key} at {_show(path)}: {_short(value)}"


def operation_id(doc: Doc, rng: random.Random, deep: Deep) -> str:
    ops = _operations(doc)
    if not ops:
        return "operationId: no operations"
    path, op = rng.choice(ops)
    others = [o.get("operationId") for _, o in ops if isinstance(o.get("operationId"), str)]
    new = rng.choice([rng.choice(HOSTILE), rng.choice(others) if others else "x", "a" * 300, "class", "__init__"])
    op["operationId"] = new
    return f"operationId at {_show(path)}: {_short(new)}"


def switch_version(doc: Doc, rng: random.Random, deep: Deep) -> str:
    old = doc.get("openapi")
    new = rng.choice(["3.0.0", "3.0.3", "3.1.0", "3.1.1", "3.2.0", "3", "3.0", "2.0", "4.0.0", "3.1.0-rc1", 3.1])
    doc["openapi"] = new
    if new == "2.0" and rng.random() < 0.5:
        doc["swagger"] = doc.pop("openapi")
    return f"openapi version {_short(old)} -> {_short(new)}"


def parameter(doc: Doc, rng: random.Random, deep: Deep) -> str:
    """An odd parameter: not in the template, in an odd place, named like a header or a keyword."""
    ops = _operations(doc)
    if not ops:
        return "parameter: no operations"
    path, op = rng.choice(ops)
    param: dict[str, Any] = {
        "name": rng.choice(
            ["id", "class", "Content-Type", "Authorization", "timeout", "self", "", "a b", "x[]", rng.choice(HOSTILE)]
        ),
        "in": rng.choice(["path", "query", "header", "cookie", "body", "nowhere"]),
        "schema": rng.choice([{"type": "string"}, {"type": "object"}, {"type": "array"}, {}, {"$ref": "#"}]),
    }
    if rng.random() < 0.5:
        param["required"] = rng.choice([True, False, "yes"])
    params = op["parameters"] if isinstance(op.get("parameters"), list) else []
    op["parameters"] = params + [param] * rng.choice([1, 1, 2])
    return f"parameter at {_show(path)}: {_short(param)}"


OBJECT_MUTATIONS: tuple[Callable[[Doc, random.Random, Deep], str], ...] = (
    delete_node,
    duplicate_node,
    retype_node,
    swap_ref,
    self_reference,
    self_reference,
    hostile_string,
    hostile_text,
    hostile_key,
    colliding_names,
    rename_schema,
    hostile_path,
    deep_nesting,
    remove_required,
    duplicate_tags,
    invalid_default,
    operation_id,
    switch_version,
    parameter,
)


# --- serializing, and damage to the bytes -----------------------------------------------------


def _deep_text(spec: str, yaml_flow: bool) -> str:
    kind, depth_text = spec.split(":")
    depth = int(depth_text)
    if kind == "list":
        return "[" * depth + "1" + "]" * depth
    if kind == "items":
        opener = "{type: array, items: " if yaml_flow else '{"type": "array", "items": '
        return opener * depth + ("{type: string}" if yaml_flow else '{"type": "string"}') + "}" * depth
    opener = "{a: " if yaml_flow else '{"a": '
    return opener * depth + "1" + "}" * depth


def _has_surrogate(doc: Any) -> bool:
    for _, node in _nodes(doc, limit=200000):
        texts = [node] if isinstance(node, str) else list(node) if isinstance(node, dict) else []
        if any(isinstance(t, str) and any("\ud800" <= c <= "\udfff" for c in t) for t in texts):
            return True
    return False


def serialize(doc: Any, rng: random.Random, deep: Deep) -> tuple[bytes, str, str]:
    """(bytes, suffix, how) of the document as JSON or YAML, deep-nesting placeholders spliced in."""
    # Mostly JSON where there is a lone surrogate: JSON can carry it, YAML only as an escape its loaders refuse.
    as_json = rng.random() < (0.8 if _has_surrogate(doc) else 0.4)
    text = None
    if not as_json:
        try:
            # Lone surrogates have no UTF-8 form: YAML then writes them as escapes, which its loaders refuse.
            unicode = not _has_surrogate(doc) and rng.random() < 0.7
            flow = rng.random() < 0.2
            text = yaml.safe_dump(
                doc, sort_keys=False, allow_unicode=unicode, default_flow_style=flow, width=rng.choice([80, 10**6])
            )
            how = f"YAML{' flow' if flow else ''}{'' if unicode else ' ascii'}"
        except (yaml.YAMLError, RecursionError, ValueError):
            as_json = True
    if text is None:
        ascii_only = _has_surrogate(doc) or rng.random() < 0.5
        indent = rng.choice([None, 2])
        text = json.dumps(doc, ensure_ascii=ascii_only, indent=indent, default=str)
        how = f"JSON{' indented' if indent else ''}{' ascii' if ascii_only else ''}"
    for token, spec in deep.items():
        nested = _deep_text(spec, yaml_flow=not as_json)
        text = text.replace(f'"{token}"', nested).replace(token, nested)
    return text.encode("utf-8", "surrogatepass"), (".json" if as_json else ".yaml"), how


def damage(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Byte-level damage: truncate, flip a byte, invalid UTF-8, NUL, BOM, line ends, lost lines."""
    kind = rng.randrange(10)
    at = rng.randint(0, len(data))
    if kind == 0:
        return data[:at], f"truncate at byte {at}"
    if kind == 1 and data:
        i = min(at, len(data) - 1)
        bit = 1 << rng.randrange(8)
        return data[:i] + bytes([data[i] ^ bit]) + data[i + 1 :], f"flip bit {bit} of byte {i}"
    if kind == 2:
        bad = rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x28\x8c\x28", b"\xc0\xaf", b"\x80"])
        return data[:at] + bad + data[at:], f"insert invalid UTF-8 {bad!r} at byte {at}"
    if kind == 3:
        return data[:at] + b"\x00" + data[at:], f"insert NUL at byte {at}"
    if kind == 4:
        return b"\xef\xbb\xbf" + data, "prefix a UTF-8 BOM"
    if kind == 5:
        return data.replace(b"\n", b"\r\n"), "CRLF line ends"
    if kind == 6:
        return data.replace(b"\n", b"\r"), "CR-only line ends"
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    if kind == 7:
        return b"\n".join(lines[:i] + lines[i + 1 :]), f"delete line {i + 1}"
    if kind == 8:
        return b"\n".join(lines[: i + 1] + lines[i:]), f"duplicate line {i + 1}"
    return b"\n".join(lines[:i] + [b"\t" + lines[i]] + lines[i + 1 :]), f"indent line {i + 1} with a tab"


# --- one case per seed ------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    data: bytes
    suffix: str  # ".yaml" or ".json"
    steps: tuple[str, ...]


class _Loader(yaml.SafeLoader):
    """YAML as JSON data: `2024-01-31` stays a string (as the generator reads it), so it serializes as JSON."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse(raw: bytes) -> Any:
    """The document `raw` holds, or None where it is not a mapping we can mutate as data."""
    try:
        doc = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def mutate(source: bytes | dict[str, Any], rng: random.Random, suffix: str = ".yaml", as_bytes: bool = False) -> Mutant:
    """One to three mutations of `source` (its bytes, or the parsed mapping, which is not changed).

    What cannot be parsed (or, with `as_bytes`, any bytes) is only damaged as bytes, in its
    own format (`suffix`).
    """
    doc = copy.deepcopy(source) if isinstance(source, dict) else None if as_bytes else parse(source)
    steps: list[str] = []
    if doc is None:
        data = source if isinstance(source, bytes) else b""
        for _ in range(rng.randint(1, 2)):
            data, step = damage(data, rng)
            steps.append(step)
        return Mutant(data, suffix, tuple(steps))
    deep: Deep = {}
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        steps.append(rng.choice(OBJECT_MUTATIONS)(doc, rng, deep))
    data, suffix, how = serialize(doc, rng, deep)
    steps.append(f"as {how}")
    if rng.random() < 0.15:
        data, step = damage(data, rng)
        steps.append(step)
    return Mutant(data, suffix, tuple(steps))


@dataclass(frozen=True)
class Case:
    seed: int
    source: str  # the spec mutated, relative to the repository root
    mutant: Mutant
    config: bytes | None  # the source's <stem>.sdkgen.yaml, kept beside the case
    lenient: bool
    inline_validation: bool  # SDKGEN_BACKGROUND_VALIDATION=0 instead of the default fork

    @property
    def description(self) -> str:
        flags = [f for f, on in (("--lenient", self.lenient), ("inline validation", self.inline_validation)) if on]
        return f"seed {self.seed}: {self.source}: " + "; ".join(self.mutant.steps + tuple(flags))

    def as_input(self) -> Input:
        m = self.mutant
        return Input(f"seed {self.seed}", m.data, m.suffix, self.config, self.lenient, self.inline_validation)

    def write(self, folder: Path, stem: str = "case") -> Path:
        """The case's spec (and config) in `folder`; the spec's path."""
        spec = folder / f"{stem}{self.mutant.suffix}"
        spec.write_bytes(self.mutant.data)
        if self.config is not None:
            (folder / f"{stem}.sdkgen.yaml").write_bytes(self.config)
        return spec


def make_case(seed: int) -> Case:
    rng = random.Random(seed)
    # Mostly the specs that generate; the broken corpus (tested as it is elsewhere) a quarter of the time.
    source = rng.choice(BROKEN if rng.random() < 0.25 else WORKING)
    path = ROOT / source
    raw = path.read_bytes()
    config_path = path.with_name(path.stem + ".sdkgen.yaml")
    # spec/'s config adds a Java client, seconds per case; the contract is about the Python one.
    config = config_path.read_bytes() if config_path.is_file() and source != "spec/openapi.yaml" else None
    mutant = mutate(raw, rng, path.suffix, as_bytes=source in BYTES_ONLY)
    return Case(seed, source, mutant, config, lenient=rng.random() < 0.25, inline_validation=rng.random() < 0.25)


def cases(first: int, count: int) -> Iterator[Case]:
    for seed in range(first, first + count):
        yield make_case(seed)
