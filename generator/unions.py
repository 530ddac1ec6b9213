"""How a value of a union decodes, for every target: the order variants are tried in, and which
variant a JSON value is (for examples and tests).

A union with a discriminator decodes the variant its tag names, and no other. Without one (or
for a tag no variant has), variants are tried best match first, each decoded strictly; the first
that decodes wins, and a value none decodes is kept as an unknown variant, never refused:

- objects before anything else, a model with more required properties before one with fewer
  (a model whose required properties are missing does not decode), then nested unions, then maps;
- lists; then strings: dates and date-times before enums (known members only) before any string;
- integers before numbers (5 is an integer), then booleans.

JSON types do not overlap otherwise, so the order among different JSON types does not matter; ties
keep the spec's order. A variant of any JSON value (free-form) makes the union untyped: nothing is
tried, so targets type such a union as raw JSON.
"""

from __future__ import annotations

import re
from typing import Any

from .ir import (
    AnyType,
    DateTimeType,
    EnumDecl,
    FileType,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    NumericStringType,
    PrimitiveType,
    RefType,
    TypeInfo,
    UnionDecl,
)


def typed(decl: UnionDecl) -> bool:
    """A union whose every variant has a shape: no free-form variant makes it plain JSON."""
    return bool(decl.variants) and not any(isinstance(v.canonical(), AnyType) for v in decl.variants)


def _rank(t: TypeInfo) -> tuple[int, int]:
    c = t.canonical()
    if isinstance(c, RefType) and isinstance(c.decl, ModelDecl):
        return 0, -sum(1 for p in c.decl.properties if _required(p.required, p.type))
    if isinstance(c, RefType) and isinstance(c.decl, UnionDecl):
        return 1, 0
    if isinstance(c, MapType):
        return 2, 0
    if isinstance(c, ListType):
        return 3, 0
    if isinstance(c, DateTimeType):
        return 4, 0
    if isinstance(c, RefType) and isinstance(c.decl, EnumDecl):
        return 5, 0
    if isinstance(c, (NumericStringType, FileType)):
        return 6, 0
    if isinstance(c, PrimitiveType):
        return {"string": 7, "integer": 8, "number": 9, "boolean": 10}.get(c.json_type, 11), 0
    return 12, 0


def decode_order(decl: UnionDecl) -> list[int]:
    """The indexes of `decl.variants` in the order an untagged value tries them."""
    return sorted(range(len(decl.variants)), key=lambda i: (_rank(decl.variants[i]), i))


def tag_table(decl: UnionDecl) -> list[tuple[str, int]]:
    """(tag value, variant index) for a discriminated union, each value once (the first wins)."""
    out: dict[str, int] = {}
    for value, t in decl.tags:
        if str(value) not in out and t in decl.variants:
            out[str(value)] = decl.variants.index(t)
    return list(out.items())


def untagged(decl: UnionDecl) -> list[int]:
    """The variants a value whose tag no variant has still tries, in decode order: those no tag selects."""
    if decl.discriminator is None:
        return decode_order(decl)
    tagged = {i for _, i in tag_table(decl)}
    return [i for i in decode_order(decl) if i not in tagged]


def variant_of(decl: UnionDecl, value: Any) -> int | None:
    """The variant a JSON value decodes as (as the runtime decides, by shape), or None: unknown."""
    if decl.discriminator is not None and isinstance(value, dict):
        tag = value.get(str(decl.discriminator))
        for text, i in tag_table(decl):
            if isinstance(tag, str) and tag == text:
                return i if fits(decl.variants[i], value) else None
    return next((i for i in untagged(decl) if fits(decl.variants[i], value)), None)


def fits(t: TypeInfo, value: Any) -> bool:
    """Whether a JSON value decodes strictly as `t` (a model's required properties present and
    each present property fitting; an enum's value one of its members)."""
    c = t.canonical()
    if isinstance(c, NullableType):
        return value is None or fits(c.inner, value)
    if value is None:
        return False
    if isinstance(c, AnyType):
        return True
    if isinstance(c, RefType) and isinstance(c.decl, ModelDecl):
        if not isinstance(value, dict):
            return False
        props = {p.wire_name: p for p in c.decl.properties}
        if any(_required(p.required, p.type) and value.get(p.wire_name) is None for p in props.values()):
            return False
        return all(v is None or fits(props[k].type, v) for k, v in value.items() if k in props)
    if isinstance(c, RefType) and isinstance(c.decl, UnionDecl):
        return typed(c.decl) and variant_of(c.decl, value) is not None
    if isinstance(c, RefType) and isinstance(c.decl, EnumDecl):
        return any(m.value == value and type(m.value) is type(value) for m in c.decl.members)
    if isinstance(c, MapType):
        return isinstance(value, dict) and all(fits(c.value, v) for v in value.values())
    if isinstance(c, ListType):
        return isinstance(value, list) and all(fits(c.item, v) for v in value)
    if isinstance(c, PrimitiveType):
        if c.json_type == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        if c.json_type == "number":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if c.json_type == "boolean":
            return isinstance(value, bool)
        return isinstance(value, str) if c.json_type == "string" else False
    if isinstance(c, DateTimeType):
        return isinstance(value, str) and _parses_as_date(value, c.date_only)
    return isinstance(value, str)  # numeric strings, file names


def _required(required: bool, t: TypeInfo) -> bool:
    """Decoded as required: required and not nullable (a null then reads as absent)."""
    return required and not isinstance(t.canonical(), NullableType)


def _parses_as_date(text: str, date_only: bool) -> bool:
    date = r"\d{4}-\d{2}-\d{2}"
    time = r"[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
    return re.fullmatch(date if date_only else date + time, text) is not None
