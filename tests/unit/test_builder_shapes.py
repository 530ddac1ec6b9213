"""generator/builder/shapes.py: the facts read off raw schema, media and content nodes."""

from __future__ import annotations

from typing import Any

import pytest

from generator.builder import shapes
from generator.ir import SpecText
from generator.kinds import Encoding
from generator.resolve import Target

from .spec import parts, spec


def node(value: Any, *below: str) -> Target:
    """`value` as a node of a spec (under an extension key), or the node `below` it."""
    doc = spec()
    doc["x-unit"] = value
    return parts(doc).at("/".join(["/x-unit", *below]))


@pytest.mark.parametrize(
    ("content_type", "encoding"),
    [
        ("application/json", "json"),
        ("Application/JSON; charset=utf-8", "json"),
        ("text/json", "json"),
        ("application/problem+json", "json"),
        ("application/merge-patch+json", "json"),
        ("application/x-www-form-urlencoded", "form"),
        ("multipart/form-data", "multipart"),
        ("multipart/mixed", "multipart"),
        ("text/plain", "text"),
        ("text/csv", "text"),
        ("application/xml", "text"),
        ("application/atom+xml", "text"),
        ("application/x-yaml", "text"),
        ("application/octet-stream", "binary"),
        ("application/pdf", "binary"),
        ("image/png", "binary"),
    ],
)
def test_encoding_of_a_media_type(content_type: str, encoding: str) -> None:
    assert shapes.encoding_of(content_type) == encoding


@pytest.mark.parametrize(
    ("schema", "encoding"),
    [
        ({"$ref": "#/components/schemas/Thing"}, "json"),
        ({"type": "object"}, "json"),
        ({"type": "array", "items": {}}, "json"),
        ({"properties": {"a": {}}}, "json"),
        ({"type": "string", "format": "binary"}, "binary"),
        (None, "binary"),
    ],
)
def test_a_wildcard_media_type_is_json_only_when_its_schema_is_structured(schema: Any, encoding: str) -> None:
    media = {"schema": schema} if schema is not None else {}
    assert shapes.encoding_of("*/*", media) == encoding
    assert shapes.encoding_of("application/*", media) == encoding


def test_choose_media_prefers_the_encodings_order_not_the_files() -> None:
    content = node(
        {
            "content": {
                "application/octet-stream": {},
                "text/plain": {},
                "application/xml": {},
                "application/vnd.api+json": {"schema": {"type": "object"}},
            }
        },
        "content",
    )
    ctype, media, encoding = shapes.choose_media(content, shapes.RESPONSE_ENCODINGS) or ("", None, "")
    assert (ctype, encoding) == ("application/vnd.api+json", "json")
    assert media is not None and media.pointer == "/x-unit/content/application~1vnd.api+json"
    # Without JSON: text/plain comes first within "text", whatever sorts before it.
    ctype, _, encoding = shapes.choose_media(content, (Encoding.TEXT, Encoding.BINARY)) or ("", None, "")
    assert (ctype, encoding) == ("text/plain", Encoding.TEXT)
    assert shapes.choose_media(content, (Encoding.FORM,)) is None
    assert shapes.choose_media(node({"content": {}}, "content"), shapes.REQUEST_ENCODINGS) is None


def test_types_and_nullability_in_both_spellings() -> None:
    assert shapes.types_of({"type": "string", "nullable": True}) == {"string"}
    assert shapes.is_nullable({"type": "string", "nullable": True})
    assert shapes.types_of({"type": ["integer", "null"]}) == {"integer"}
    assert shapes.is_nullable({"type": ["integer", "null"]})
    assert shapes.types_of({"type": "null"}) == set()
    assert not shapes.is_nullable({"type": "string", "nullable": False})
    assert not shapes.is_nullable({"type": ["string"]})
    assert shapes.types_of({}) == set()


def test_refinement_is_an_allof_that_only_narrows_one_ref() -> None:
    base = {"$ref": "#/components/schemas/Base"}
    assert shapes.refinement({"allOf": [base, {"required": ["id"]}]}) == "#/components/schemas/Base"
    assert shapes.refinement({"allOf": [{"description": "narrowed", "type": "object"}, base]}) == base["$ref"]
    # New fields, a second $ref, or properties beside the allOf make a new model.
    assert shapes.refinement({"allOf": [base, {"properties": {"extra": {}}}]}) is None
    assert shapes.refinement({"allOf": [base, {"$ref": "#/components/schemas/Other"}]}) is None
    assert shapes.refinement({"allOf": [base], "properties": {"extra": {}}}) is None
    assert shapes.refinement({"allOf": [{"required": ["id"]}]}) is None


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["a", "b"], "str"),
        ([1, 2, -3], "int"),
        (["a", None], "str"),
        ([1, None], "int"),
        ([True, False], None),
        ([1, "a"], None),
        ([1.5, 2], None),
        ([1, True], None),
    ],
)
def test_enum_kind(values: list[Any], kind: str | None) -> None:
    assert shapes.enum_kind({"enum": values}) == kind


@pytest.mark.parametrize(
    ("node", "kind"),
    [
        ({"type": "string", "enum": ["a"]}, "enum"),
        ({"enum": [True]}, "alias"),
        ({"allOf": [{"$ref": "#/components/schemas/B"}, {"required": ["x"]}]}, "alias"),
        ({"allOf": [{"$ref": "#/components/schemas/B"}, {"properties": {"x": {}}}]}, "model"),
        ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, "union"),
        ({"anyOf": [{"type": "string"}]}, "union"),
        ({"type": "object", "properties": {"a": {}}}, "model"),
        ({"properties": {"a": {}}}, "model"),
        ({"type": "object"}, "alias"),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, "alias"),
        ({"type": "array", "items": {}}, "alias"),
        ({"type": "string"}, "alias"),
    ],
)
def test_declaration_kind_of_a_named_schema(node: dict[str, Any], kind: str) -> None:
    assert shapes.declaration_kind(node) == kind


def test_union_key_prefers_oneof() -> None:
    assert shapes.union_key({"oneOf": [], "anyOf": []}) == "oneOf"
    assert shapes.union_key({"anyOf": []}) == "anyOf"
    assert shapes.union_key({"oneOf": {}}) is None
    assert shapes.union_key({"type": "string"}) is None


def test_text_is_stripped_spec_text_or_none() -> None:
    found = shapes.text("  Submits a batch.\n")
    assert found == "Submits a batch." and isinstance(found, SpecText)
    assert shapes.text("   ") is None
    assert shapes.text(None) is None
    assert shapes.text(3) is None


def test_a_missing_schema_allows_anything() -> None:
    given = shapes.schema_of(node({"schema": {"type": "string"}}))
    assert (given.pointer, given.node) == ("/x-unit/schema", {"type": "string"})
    missing = shapes.schema_of(node({}), "items")
    assert (missing.pointer, missing.node) == ("/x-unit/items", True)


def test_is_object() -> None:
    assert shapes.is_object({"type": "object"})
    assert shapes.is_object({"properties": {}})
    assert shapes.is_object({"allOf": []})
    assert not shapes.is_object({"type": ["object", "string"]})
    assert not shapes.is_object({"type": "array"})
