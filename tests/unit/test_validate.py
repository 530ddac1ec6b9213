"""generator/validate.py: openapi-spec-validator's findings, each placed where the document
writes the node, through the validator's own wrapping of errors and through `$ref`s."""

from __future__ import annotations

import pytest

from generator.errors import GenerationError
from generator.validate import where_written

from .spec import build, ref, returning, spec

SCHEMAS = {
    "A": {
        "type": "object",
        "properties": {
            "n": {"type": "integer", "default": "abc"},
            "inner": {"type": "object", "properties": {"m": {"type": "string", "enum": ["a", "b"], "default": "c"}}},
        },
    }
}


def test_an_invalid_default_deep_in_a_component_is_placed_there() -> None:
    with pytest.raises(GenerationError) as refused:
        build(spec({"/a": {"get": returning(ref("A"))}}, SCHEMAS), validate=True)
    found = refused.value.diagnostics
    assert [(d.location.pointer, d.message) for d in found] == [
        ("/components/schemas/A/properties/n", "invalid OpenAPI: 'abc' is not of type 'integer'"),
        ("/components/schemas/A/properties/inner/properties/m", "invalid OpenAPI: 'c' is not one of ['a', 'b']"),
    ]
    assert all(d.location.line is not None for d in found)


def test_lenient_mode_forgives_it_because_it_is_placed() -> None:
    built = build(spec({"/a": {"get": returning(ref("A"))}}, SCHEMAS), lenient=True)
    assert [pointer for pointer, _ in built.warned("lenient")] == [
        "/components/schemas/A/properties/n",
        "/components/schemas/A/properties/inner/properties/m",
    ]


def test_where_written_follows_local_refs_on_the_way() -> None:
    data = spec({"/a": {"get": returning(ref("A"))}}, SCHEMAS)
    via = ("paths", "/a", "get", "responses", "200", "content", "application/json", "schema", "properties", "n")
    assert where_written(data, via) == "/components/schemas/A/properties/n"
    assert where_written(data, ("paths", "/a", "get")) == "/paths/~1a/get"
    assert where_written(data, ("paths", "/nowhere", "x")) == "/paths/~1nowhere/x"
