"""generator/builder/examples.py: the spec's own examples where it gives them, else values sampled from the schema."""

from __future__ import annotations

from typing import Any

import pytest

from .spec import build, content, parts, query, ref, spec


def sample(schema: Any, **others: Any) -> object:
    p = parts(spec(None, {"S": schema, **others}))
    return p.examples.sample(p.at("/components/schemas/S"))


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ({"type": "string", "example": "ex", "default": "d"}, "ex"),
        ({"type": "string", "default": "d", "enum": ["a"]}, "d"),
        ({"const": 7}, 7),
        ({"type": "string", "examples": ["first", "second"]}, "first"),
        ({"type": "string", "enum": [None, "b", "c"]}, "b"),
        ({"type": "string", "format": "uuid"}, "00000000-0000-4000-8000-000000000000"),
        ({"type": "string", "format": "date-time"}, "2024-01-31T00:00:00Z"),
        ({"type": "string", "format": "no-such-format"}, "string"),
        ({"type": "string", "minLength": 9}, "stringxxx"),
        ({"type": "integer", "minimum": 5}, 5),
        ({"type": "integer", "exclusiveMinimum": 5}, 6),
        ({"type": "number"}, 0.0),
        ({"type": "boolean"}, True),
        ({"oneOf": [{"type": "integer", "minimum": 2}, {"type": "string"}]}, 2),
        ({"type": "array", "items": {"type": "integer"}, "minItems": 3}, [0, 0, 0]),
        ({"type": "array", "items": {"type": "boolean"}}, [True]),
    ],
)
def test_sample_honours_the_schemas_own_values_then_its_constraints(schema: Any, value: object) -> None:
    assert sample(schema) == value


def test_sample_fills_required_fields_only_and_stops_at_a_cycle() -> None:
    node = {
        "type": "object",
        "required": ["id", "next", "tags"],
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "next": ref("S"),
            "tags": {"type": "array", "items": {"type": "string"}},
            "note": {"type": "string"},
        },
    }
    # The cycle is cut the second time the walk reaches S through a $ref.
    assert sample(node) == {"id": 1, "next": {"id": 1, "next": None, "tags": ["string"]}, "tags": ["string"]}
    merged = {"allOf": [ref("Base"), {"required": ["b"], "properties": {"b": {"type": "boolean"}}}]}
    base = {"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "format": "email"}}}
    assert sample(merged, Base=base) == {"a": "user@example.com", "b": True}


def test_a_parameter_example_comes_from_the_parameter_its_schema_or_its_first_named_example() -> None:
    params = [
        query("a", {"type": "string", "example": "from-schema"}, example="from-param"),
        query("b", {"type": "string", "example": "from-schema"}),
        query("c", {"type": "string"}, examples={"zeta": {"value": "z"}, "alpha": {"value": "a"}}),
        query("d", {"type": "integer", "minimum": 3}, required=True),
        query("e", {"type": "integer"}),
    ]
    built = build(spec({"/x": {"get": {"parameters": params, "responses": {"204": {"description": "ok"}}}}}))
    examples = {p.wire_name: p.example.value if p.example else None for p in built.op("get", "/x").parameters}
    assert examples == {"a": "from-param", "b": "from-schema", "c": "a", "d": 3, "e": None}


def test_response_examples_named_in_sorted_order_or_the_single_one() -> None:
    named = {
        "schema": {"type": "object"},
        "examples": {"second": {"value": {"n": 2}}, "first": {"$ref": "#/components/examples/One"}},
    }
    single = {"schema": {"type": "object"}, "example": {"n": 0}}
    responses = {
        "200": {"description": "ok", "content": {"application/json": named}},
        "201": {"description": "made", "content": {"application/json": single}},
    }
    doc = spec({"/x": {"get": {"responses": responses}}}, components={"examples": {"One": {"value": {"n": 1}}}})
    ok, made = build(doc).op("get", "/x").responses
    assert [(name, value.value) for name, value in ok.examples] == [("first", {"n": 1}), ("second", {"n": 2})]
    assert [(name, value.value) for name, value in made.examples] == [(None, {"n": 0})]


def test_example_call_values_for_parameters_then_body_fields() -> None:
    body = {
        "type": "object",
        "required": ["name", "count"],
        "properties": {
            "name": {"type": "string"},
            "count": {"type": "integer", "minimum": 1},
            "note": {"type": "string"},
        },
    }
    example = {"name": "documented", "note": "given"}
    request = {"required": True, "content": {"application/json": {"schema": body, "example": example}}}
    op = {
        "parameters": [query("dry", {"type": "boolean"}, required=True)],
        "requestBody": request,
        "responses": {"204": {"description": "ok"}},
    }
    built = build(spec({"/x": {"post": op}}))
    # The documented example where it has the field, the sampled value for a required field it lacks.
    assert [value.value for _, value in built.op("post", "/x").example_args] == [True, "documented", 1, "given"]


def test_example_call_values_for_whole_and_raw_bodies() -> None:
    listed = {
        "required": True,
        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "integer"}}}},
    }
    raw = {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
    doc = spec(
        {
            "/list": {"post": {"requestBody": listed, "responses": {"204": {"description": "ok"}}}},
            "/raw": {"put": {"requestBody": raw, "responses": {"204": {"description": "ok"}}}},
        }
    )
    built = build(doc)
    assert [v.value for _, v in built.op("post", "/list").example_args] == [[0]]
    assert [v.value for _, v in built.op("put", "/raw").example_args] == [b"example bytes"]


def test_a_multipart_file_gets_example_content() -> None:
    upload = {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}
    request = {"required": True, "content": content(upload, "multipart/form-data")}
    built = build(spec({"/up": {"post": {"requestBody": request, "responses": {"204": {"description": "ok"}}}}}))
    assert [v.value for _, v in built.op("post", "/up").example_args] == [b"example file content"]


def test_examples_in_a_place_read_leniently_are_dropped() -> None:
    """A place read leniently broke the spec's rules: its examples may not fit it, so they are not used."""
    media = {"application/json": {"schema": {"type": "object"}, "example": {"n": 1}}}
    responses = {"200": {"content": media}, "201": {"description": "made", "content": media}}  # 200 lacks a description
    built = build(spec({"/x": {"get": {"responses": responses}}}), lenient=True)
    assert [pointer for pointer, _ in built.warned("lenient")] == ["/paths/~1x/get/responses/200"]
    assert [(r.status, [v.value for _, v in r.examples]) for r in built.op("get", "/x").responses] == [
        ("200", []),
        ("201", [{"n": 1}]),
    ]
