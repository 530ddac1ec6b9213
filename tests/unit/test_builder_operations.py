"""generator/builder/operations.py: parameters, bodies, responses, return types and outcome tables."""

from __future__ import annotations

from typing import Any

import pytest

from generator.ir import (
    AnyType,
    BytesType,
    FileType,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    Operation,
    PrimitiveType,
    RefType,
    UnionDecl,
)

from .spec import build, content, query, ref, returning, spec

STR, INT = PrimitiveType("string"), PrimitiveType("integer")
THING = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}, "size": {"type": "integer"}},
}
NO_CONTENT = {"204": {"description": "done"}}


def one(operation: dict[str, Any], path: str = "/things", method: str = "post", **item: Any) -> Operation:
    built = build(spec({path: {method: operation, **item}}, {"Thing": THING}))
    return built.op(method, path)


def with_body(media: str, schema: Any, required: bool = True) -> Operation:
    return one({"requestBody": {"required": required, "content": content(schema, media)}, "responses": NO_CONTENT})


def test_operations_follow_sorted_paths_and_a_fixed_method_order() -> None:
    ok = {"responses": NO_CONTENT}
    paths = {
        "/b": {"post": ok, "get": ok},
        "/a/{id}": {
            "delete": ok,
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        },
        "/a": {"put": ok},
    }
    built = build(spec(paths))
    assert [(op.method, op.path) for op in built.model.operations] == [
        ("put", "/a"),
        ("delete", "/a/{id}"),
        ("get", "/b"),
        ("post", "/b"),
    ]
    assert [op.pointer for op in built.model.operations][1] == "/paths/~1a~1{id}/delete"


def test_an_operation_without_an_id_is_named_by_method_and_literal_segments() -> None:
    param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    op = one({"parameters": [param], "responses": NO_CONTENT}, path="/things/{id}/parts", method="get")
    assert op.operation_id == "get_things_parts"
    assert one({"operationId": "makeThing", "responses": NO_CONTENT}).operation_id == "makeThing"


def test_parameters_merge_path_level_and_operation_level_in_a_fixed_order() -> None:
    item_params = [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
        query("verbose", {"type": "string"}, description="from the path item"),
    ]
    op_params = [
        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
        {"name": "session", "in": "cookie", "schema": {"type": "string"}},
        query("verbose", {"type": "boolean"}, description="from the operation"),
        query("limit", {"type": "integer"}, required=True),
        {"name": "Accept", "in": "header", "schema": {"type": "string"}},
        {"name": "Authorization", "in": "header", "schema": {"type": "string"}},
        {"name": "content-type", "in": "header", "schema": {"type": "string"}},
    ]
    op = one(
        {"parameters": op_params, "responses": NO_CONTENT}, path="/things/{id}", method="get", parameters=item_params
    )
    found = [(p.location, p.wire_name, p.required) for p in op.parameters]
    assert found == [
        ("path", "id", True),
        ("query", "limit", True),
        ("query", "verbose", False),
        ("header", "X-Trace", False),
        ("cookie", "session", False),
    ]
    verbose = op.parameters[2]
    assert verbose.type == PrimitiveType("boolean") and verbose.description == "from the operation"


def test_parameter_styles_default_per_location_and_unsupported_ones_are_warned() -> None:
    params = [
        {
            "name": "id",
            "in": "path",
            "required": True,
            "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form",
        },
        {"name": "at", "in": "path", "required": True, "schema": {"type": "string"}, "style": "matrix", "explode": True},
        query("tags", {"type": "array", "items": {"type": "string"}}),
        query("ids", {"type": "array", "items": {"type": "integer"}}, style="pipeDelimited", explode=False),
        query("filter", {"type": "object", "additionalProperties": {"type": "string"}}, style="deepObject"),
        {"name": "X-Ids", "in": "header", "schema": {"type": "array", "items": {"type": "string"}}},
    ]
    built = build(spec({"/t/{id}/{at}": {"get": {"parameters": params, "responses": NO_CONTENT}}}))
    op = built.op("get", "/t/{id}/{at}")
    styles = {p.wire_name: (p.style, p.explode) for p in op.parameters}
    assert styles == {
        "id": ("simple", False),
        "at": ("matrix", True),
        "tags": ("form", True),
        "ids": ("pipeDelimited", False),
        "filter": ("deepObject", False),
        "X-Ids": ("simple", False),
    }
    assert [p.wire_name for p in op.styled_parameters] == ["at", "ids", "filter"]
    [(pointer, message)] = built.warned("unsupported-parameter-style")
    assert pointer == "/paths/~1t~1{id}~1{at}/get/parameters/0/style" and "'form'" in message
    assert op.parameters[3].type == ListType(INT)


def test_allow_reserved_is_warned_where_it_is_written() -> None:
    params = [
        {**query("next", {"type": "string"}), "allowReserved": True},
        {**query("plain", {"type": "string"}), "allowReserved": False},
    ]
    built = build(spec({"/t": {"get": {"parameters": params, "responses": NO_CONTENT}}}))
    [(pointer, message)] = built.warned("unsupported-parameter-style")
    assert pointer == "/paths/~1t/get/parameters/0/allowReserved" and "percent-encoded" in message


def test_an_object_body_is_flattened_into_fields() -> None:
    op = with_body("application/json", ref("Thing"))
    assert op.body is not None and op.body.encoding == "json" and op.body.required
    assert op.body.whole is None and op.body.fields is not None
    assert [(f.wire_name, f.type, f.required) for f in op.body.fields] == [("name", STR, True), ("size", INT, False)]
    assert not op.body.sends_content_type
    merge = with_body("application/merge-patch+json", ref("Thing"), required=False)
    assert merge.body is not None and not merge.body.required and merge.body.sends_content_type


def test_other_bodies_are_passed_whole() -> None:
    listed = with_body("application/json", {"type": "array", "items": ref("Thing")})
    assert listed.body is not None and listed.body.fields is None
    assert isinstance(listed.body.whole, ListType) and isinstance(listed.body.whole.item, RefType)
    raw = with_body("application/octet-stream", {"type": "string", "format": "binary"})
    assert raw.body is not None and (raw.body.encoding, raw.body.whole) == ("binary", BytesType())
    text = with_body("text/csv", {"type": "string"})
    assert text.body is not None and (text.body.encoding, text.body.whole, text.body.content_type) == (
        "text",
        STR,
        "text/csv",
    )


def test_form_and_multipart_bodies() -> None:
    upload = {
        "type": "object",
        "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"}, "note": {"type": "string"}},
    }
    multipart = with_body("multipart/form-data", upload)
    assert multipart.body is not None and multipart.body.encoding == "multipart" and multipart.body.fields is not None
    assert [(f.wire_name, f.type) for f in multipart.body.fields] == [("file", FileType()), ("note", STR)]
    form = with_body("application/x-www-form-urlencoded", ref("Thing"))
    assert form.body is not None and form.body.encoding == "form"


def test_a_form_body_that_is_not_an_object_is_a_mapping_with_a_warning() -> None:
    doc = spec(
        {
            "/things": {
                "post": {
                    "requestBody": {"content": content({"type": "array"}, "application/x-www-form-urlencoded")},
                    "responses": NO_CONTENT,
                }
            }
        }
    )
    built = build(doc)
    body = built.op("post", "/things").body
    assert body is not None and body.whole == MapType(AnyType()) and body.fields is None
    [(pointer, _)] = built.warned("unsupported-body")
    assert pointer == "/paths/~1things/post/requestBody/content/application~1x-www-form-urlencoded/schema"


def test_responses_outcomes_and_the_return_type() -> None:
    error = {
        "description": "bad",
        "content": content({"type": "object", "properties": {"message": {"type": "string"}}}),
    }
    op = one(
        {
            "responses": {  # read in status order, `default` last, whatever the file's order
                "default": {"description": "other"},
                "400": error,
                "204": {"description": "already there"},
                "201": {"description": "made", "content": content(ref("Thing"))},
            }
        }
    )
    assert [(r.status, r.is_success) for r in op.responses] == [
        ("201", True),
        ("204", True),
        ("400", False),
        ("default", False),
    ]
    assert isinstance(op.return_type, NullableType) and isinstance(op.return_type.inner, RefType)
    assert [(o.status, o.type is not None, o.content) for o in op.outcomes] == [
        ("201", True, "json"),
        ("204", False, "json"),
    ]
    thing = op.return_type.inner.decl
    assert isinstance(thing, ModelDecl) and thing.is_result
    assert op.responses[2].type is not None and op.responses[2].description == "bad"


def test_several_success_types_make_a_union() -> None:
    op = one(
        {
            "responses": {
                "200": {"description": "a", "content": content(ref("Thing"))},
                "202": {"description": "b", "content": content({"type": "string"})},
            }
        }
    )
    assert isinstance(op.return_type, RefType) and isinstance(op.return_type.decl, UnionDecl)
    assert op.return_type.decl.variants[1] == STR


@pytest.mark.parametrize(
    ("responses", "table"),
    [
        ({"default": {"description": "anything", "content": content({"type": "string"})}}, [("default", True)]),
        ({"404": {"description": "missing"}}, [("2XX", False)]),
    ],
)
def test_without_a_2xx_the_default_is_the_success_else_a_bodiless_2xx(responses: dict[str, Any], table: Any) -> None:
    op = one({"responses": responses}, method="get")
    assert [(o.status, o.type is not None) for o in op.outcomes] == table


def test_text_and_binary_responses_are_read_as_such() -> None:
    text = one(returning({"type": "string"}, media="text/plain"), method="get")
    assert (text.responses[0].content, text.responses[0].type, text.return_type) == ("text", STR, STR)
    assert text.accept == "text/plain, application/json"
    pdf = one(returning({"type": "string", "format": "binary"}, media="application/pdf"), method="get")
    assert (pdf.outcomes[0].content, pdf.outcomes[0].type) == ("bytes", BytesType())
    assert one(returning(ref("Thing")), method="get").accept is None


def test_documented_facts_are_kept() -> None:
    op = one({"summary": " Make a thing. ", "description": "Long.", "deprecated": True, "responses": NO_CONTENT})
    assert (op.summary, op.description, op.deprecated) == ("Make a thing.", "Long.", True)
    assert one({"responses": NO_CONTENT}).deprecated is False
