"""Facts read off raw spec nodes, before any type exists.

Every function here is pure: it looks at one schema, media or content node
(plain YAML/JSON data) and answers one question (which JSON types it allows,
whether it is nullable, whether an `allOf` only narrows one `$ref`, which
media type of a `content` map the client uses). The other build modules ask
these questions; none of them re-derives an answer on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import join_pointer
from ..ir import EVENT_STREAM, SpecText, media_base
from ..kinds import DeclKind, Encoding
from ..resolve import Target

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Header parameters OpenAPI says to ignore (Parameter Object, "in: header").
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
# Request bodies: JSON first, then what a form would send, then raw content.
REQUEST_ENCODINGS = (Encoding.JSON, Encoding.FORM, Encoding.MULTIPART, Encoding.TEXT, Encoding.BINARY)
# Responses: JSON first, then text, then bytes for anything else.
RESPONSE_ENCODINGS = (Encoding.JSON, Encoding.TEXT, Encoding.BINARY)

_TEXT_TYPES = ("application/xml", "application/yaml", "application/x-yaml", "application/javascript")


def text(value: object) -> SpecText | None:
    """Spec prose (a description, a summary), or None when there is none."""
    if isinstance(value, str) and value.strip():
        return SpecText(value.strip())
    return None


def encoding_of(content_type: str, media: Any = None) -> Encoding:
    """How a body of this media type is encoded: json, form, multipart, text or binary.

    A wildcard (`*/*`, `application/*`, as springdoc writes for every JSON
    answer) is JSON when its schema is structured (an object, an array or a
    `$ref`), else bytes.
    """
    base = media_base(content_type)
    if base in ("application/json", "text/json") or base.endswith("+json"):
        return Encoding.JSON
    if base in ("*/*", "application/*"):
        schema = media.get("schema") if isinstance(media, Mapping) else None
        structured = isinstance(schema, Mapping) and (
            "$ref" in schema or "properties" in schema or schema.get("type") in ("object", "array")
        )
        return Encoding.JSON if structured else Encoding.BINARY
    if base == "application/x-www-form-urlencoded":
        return Encoding.FORM
    if base.startswith("multipart/"):
        return Encoding.MULTIPART
    if base.startswith("text/") or base in _TEXT_TYPES or base.endswith("+xml"):
        return Encoding.TEXT
    return Encoding.BINARY


def choose_media(content: Target, encodings: tuple[Encoding, ...]) -> tuple[str, Target, Encoding] | None:
    """The media type the client uses, as (content type, media node, encoding).

    Preference follows `encodings` (JSON first); within one encoding
    `text/plain` comes first and the rest in sorted order, so the choice
    never depends on the order of keys in the file. An event stream is never
    chosen: it is not one body but many (`event_stream`).
    """
    node = content.node
    if not isinstance(node, Mapping) or not node:
        return None
    media = [c for c in node if media_base(str(c)) != EVENT_STREAM]
    ordered = sorted(media, key=lambda c: (media_base(str(c)) != "text/plain", str(c)))
    for encoding in encodings:
        for ctype in ordered:
            if encoding_of(str(ctype), node[ctype]) is encoding:
                return str(ctype), content.child(ctype), encoding
    return None


def event_stream(content: Target) -> Target | None:
    """The `text/event-stream` media node of a `content` map, if it has one."""
    node = content.node
    if not isinstance(node, Mapping):
        return None
    found = sorted(str(c) for c in node if media_base(str(c)) == EVENT_STREAM)
    return content.child(found[0]) if found else None


def schema_of(node: Target, key: str = "schema") -> Target:
    """The schema under `key`; a missing one allows anything (`true`)."""
    return Target(node.doc, join_pointer(node.pointer, key), node.get(key, True))


def types_of(node: Mapping[str, Any]) -> set[str]:
    """The JSON types a schema names, `null` left out (see `is_nullable`)."""
    t = node.get("type")
    if isinstance(t, str):
        return {t} - {"null"}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)} - {"null"}
    return set()


def is_nullable(node: Mapping[str, Any]) -> bool:
    """3.0's `nullable: true`, or 3.1's `null` in a type list."""
    t = node.get("type")
    return node.get("nullable") is True or (isinstance(t, list) and "null" in t)


def is_object(node: Mapping[str, Any]) -> bool:
    """Does the schema describe an object with fields (its own, or merged by `allOf`)?"""
    return "allOf" in node or "properties" in node or types_of(node) == {"object"}


def refinement(node: Mapping[str, Any]) -> Any | None:
    """The `$ref` of an allOf that only narrows one referenced schema.

    `allOf: [{$ref: X}, {required: [...]}]` adds no fields: it is X with
    constraints, so it is typed as X (an alias), not as a new class.
    """
    parts = node.get("allOf")
    if not isinstance(parts, list) or "properties" in node:
        return None
    refs = [p for p in parts if isinstance(p, Mapping) and "$ref" in p]
    rest = [p for p in parts if not (isinstance(p, Mapping) and "$ref" in p)]
    if len(refs) != 1:
        return None
    allowed = {"required", "type", "description", "title", "minProperties", "maxProperties"}
    if all(isinstance(p, Mapping) and set(p) <= allowed for p in rest):
        return refs[0]["$ref"]
    return None


def enum_kind(node: Mapping[str, Any]) -> str | None:
    """ "str" or "int" for an enum that becomes an enum class; None for other
    enums (booleans, floats, mixed kinds), which are typed by their values."""
    values = [v for v in node["enum"] if v is not None]
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, str) for v in values):
        return "str"
    return None


def has_enum(node: Mapping[str, Any]) -> bool:
    return isinstance(node.get("enum"), list)


def declaration_kind(node: Mapping[str, Any]) -> DeclKind:
    """What a named schema declares: model, enum, union or alias."""
    if has_enum(node):
        return DeclKind.ENUM if enum_kind(node) else DeclKind.ALIAS
    if refinement(node) is not None:
        return DeclKind.ALIAS
    if isinstance(node.get("oneOf"), list) or isinstance(node.get("anyOf"), list):
        return DeclKind.UNION
    if is_object(node):
        # A free-form object or a map has no fields to declare.
        return DeclKind.MODEL if "properties" in node or "allOf" in node else DeclKind.ALIAS
    return DeclKind.ALIAS


def union_key(node: Mapping[str, Any]) -> str | None:
    """`oneOf` or `anyOf`, whichever the schema uses (oneOf first)."""
    for key in ("oneOf", "anyOf"):
        if isinstance(node.get(key), list):
            return key
    return None
