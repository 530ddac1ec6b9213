"""generator/python/names.py: how the pieces of a client are spelled in Python (annotations, decoders, arguments)."""

from __future__ import annotations

from typing import Any

from generator.ir import ClientModel, ModelDecl
from generator.kinds import Location
from generator.python.identifiers import PythonNames
from generator.python.names import PythonSpelling, TypedDictForm, tuple_source, typed_dict_form

from .spec import build, content, query, ref, returning, spec


def spelled(doc: dict[str, Any]) -> tuple[ClientModel, PythonSpelling]:
    model = build(doc).model
    return model, PythonSpelling(PythonNames(model))


THING = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "meta": {"type": "object", "additionalProperties": {"type": "integer"}},
        "when": {"type": "string", "format": "date-time"},
        "class": {"type": "string"},
        "parent": {"anyOf": [ref("Thing"), {"type": "null"}]},
    },
}


def test_annotations_and_request_types_of_each_field() -> None:
    model, py = spelled(spec(schemas={"Thing": THING}))
    (thing,) = [d for d in model.decls if isinstance(d, ModelDecl)]
    fields = {p.wire_name: py.field_annotation(p) for p in thing.properties}
    assert fields == {
        "id": "str",
        "tags": "Optional[List[str]]",
        "meta": "Optional[Dict[str, int]]",
        "when": "Optional[datetime.datetime]",
        "class": "Optional[str]",
        "parent": "Optional[Thing]",
    }
    tags = next(p for p in thing.properties if p.wire_name == "tags")
    assert py.param_annotation(tags.type) == "Sequence[str]"
    assert py.param_annotation(next(p for p in thing.properties if p.wire_name == "when").type) == (
        "Union[str, datetime.datetime]"
    )


def test_a_field_names_its_json_key_only_where_the_attribute_differs() -> None:
    model, py = spelled(spec(schemas={"Thing": THING}))
    (thing,) = [d for d in model.decls if isinstance(d, ModelDecl)]
    keys = {p.wire_name: py.field_key(p) for p in thing.properties}
    assert keys["class"] == "class" and keys["id"] is None and keys["tags"] is None


def test_decoders_wrap_containers_around_leaves() -> None:
    model, py = spelled(spec(schemas={"Thing": THING}))
    (thing,) = [d for d in model.decls if isinstance(d, ModelDecl)]
    decoders = {p.wire_name: py.decoder(p.type) for p in thing.properties}
    assert decoders["tags"] == "_m.list_of(_m.as_str)"
    assert decoders["meta"] == "_m.map_of(_m.as_int)"
    assert decoders["when"] == "_m.as_datetime"
    assert decoders["parent"] == "_m.nullable(Thing.from_json)"


def test_arguments_path_first_then_required_keywords_then_optional_ones() -> None:
    body = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}, "note": {"type": "string"}},
    }
    operation = {
        "operationId": "rename",
        "parameters": [
            query("dry_run", {"type": "boolean"}),
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
            {"name": "X-Trace", "in": "header", "required": True, "schema": {"type": "string"}},
        ],
        "requestBody": {"required": True, "content": content(body)},
        "responses": {"204": {"description": "ok"}},
    }
    model, py = spelled(spec({"/things/{id}": {"post": operation}}))
    (op,) = model.operations
    args = py.arguments(op)
    assert [(a.py_name, a.location, a.required) for a in args] == [
        ("id", Location.PATH, True),
        ("x_trace", Location.HEADER, True),
        ("name", Location.BODY, True),
        ("dry_run", Location.QUERY, False),
        ("note", Location.BODY, False),
    ]
    assert args[-1].annotation == "Union[str, NotGiven]"
    at = py.arguments_at(op)
    assert [a.py_name for a in at.body] == ["name", "note"] and [a.py_name for a in at.query] == ["dry_run"]


def test_call_paths_constants_and_return_types() -> None:
    operation = returning({"type": "array", "items": {"type": "integer"}}, operationId="listIds", tags=["ids"])
    model, py = spelled(spec({"/v1/ids": {"get": operation}}))
    (op,) = model.operations
    assert py.call_path(op) == "v1.ids.list_ids"
    assert py.call_path(op, raw=True) == "v1.ids.with_raw_response.list_ids"
    assert py.constant(op, "RESPONSES") == "_LIST_IDS_RESPONSES"
    assert py.return_annotation(op) == "List[int]"


def test_typed_dict_forms_and_tuples() -> None:
    model, _ = spelled(
        spec(
            schemas={
                "Mixed": {"type": "object", "required": ["a"], "properties": {"a": {}, "b": {}}},
                "Odd": {"type": "object", "properties": {"not an identifier": {}}},
                "Plain": {"type": "object", "properties": {"a": {}}},
            }
        )
    )
    forms = {d.name: typed_dict_form(d.properties) for d in model.decls if isinstance(d, ModelDecl)}
    assert forms == {"Mixed": TypedDictForm.SPLIT, "Odd": TypedDictForm.FUNCTIONAL, "Plain": TypedDictForm.CLASS}
    assert tuple_source(["a"]) == "(a,)" and tuple_source(["a", "b"]) == "(a, b)" and tuple_source([]) == "()"
