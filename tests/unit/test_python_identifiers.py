"""generator/python/identifiers.py: every Python identifier, minted once per client with Python's reserved words."""

from __future__ import annotations

from typing import Any

from generator.ir import ClientModel, EnumDecl, ModelDecl
from generator.kinds import Location as Place
from generator.python.identifiers import PythonNames

from .spec import JSON, build, content, ref, returning, spec


def named(doc: dict[str, Any], config: dict[str, Any] | None = None) -> tuple[ClientModel, PythonNames, list[str]]:
    """The model, its Python names, and each name-collision warning as `pointer: message`."""
    model = build(doc, config).model
    warnings: list[str] = []
    names = PythonNames(model, lambda file, pointer, message: warnings.append(f"{pointer}: {message}"))
    return model, names, warnings


def test_attributes_escape_keywords_and_model_members_and_keep_their_keys() -> None:
    thing = {"type": "object", "properties": {"class": {"type": "string"}, "to_dict": {}, "userName": {}, "id": {}}}
    model, names, warnings = named(spec(schemas={"Thing": thing}))
    (decl,) = [d for d in model.decls if isinstance(d, ModelDecl)]
    assert [names.attribute(p) for p in decl.properties] == ["class_", "to_dict_", "user_name", "id"]
    assert warnings == []


def test_attributes_that_collide_are_numbered_and_warned_where_the_property_is() -> None:
    thing = {"type": "object", "properties": {"user-name": {"type": "string"}, "user_name": {"type": "string"}}}
    model, names, warnings = named(spec(schemas={"Thing": thing}))
    (decl,) = model.decls
    assert isinstance(decl, ModelDecl)
    assert {p.wire_name: names.attribute(p) for p in decl.properties} == {
        "user-name": "user_name",
        "user_name": "user_name_2",
    }
    assert warnings == [
        "/components/schemas/Thing/properties/user_name: property 'user_name' would be named 'user_name' like another;"
        " it is named 'user_name_2'"
    ]


def test_enum_members_are_upper_case_off_the_enum_base_and_numbered_for_integers() -> None:
    schemas = {
        "Mode": {"type": "string", "enum": ["mro", "dark-blue", ""]},
        "Level": {"type": "integer", "enum": [1, -2]},
    }
    model, names, _ = named(spec(schemas=schemas))
    by_name = {d.name: d for d in model.decls if isinstance(d, EnumDecl)}
    assert [names.member(m) for m in by_name["Mode"].members] == ["MRO_", "DARK_BLUE", "EMPTY"]
    assert [names.member(m) for m in by_name["Level"].members] == ["VALUE_1", "VALUE_MINUS_2"]


def test_classes_escape_keywords_and_typing_names_and_modules_follow() -> None:
    schemas = {"None": {"type": "object", "properties": {"x": {}}}, "List": {"type": "array", "items": {}}, "Pet": {}}
    model, names, _ = named(spec(schemas=schemas))
    by_name = {d.name: d for d in model.decls}
    assert {n: names.cls(d) for n, d in by_name.items()} == {"None": "None_", "List": "List_", "Pet": "Pet"}
    assert {n: names.module(d) for n, d in by_name.items()} == {"None": "none", "List": "list", "Pet": "pet"}


def test_a_request_type_named_like_another_class_is_numbered() -> None:
    schemas = {
        "FunctionTool": {"type": "object", "properties": {"name": {"type": "string"}}},
        "FunctionToolParam": {"type": "object", "properties": {"value": {"type": "string"}}},
    }
    body = {"type": "object", "properties": {"tool": ref("FunctionTool"), "param": ref("FunctionToolParam")}}
    paths = {
        "/tools": {"post": {"requestBody": {"content": content(body)}, "responses": {"204": {"description": "ok"}}}}
    }
    model, names, warnings = named(spec(paths, schemas))
    by_name = {d.name: d for d in model.decls}
    assert names.param_type(by_name["FunctionTool"]) == "FunctionToolParam_2"
    assert names.param_type(by_name["FunctionToolParam"]) == "FunctionToolParamParam"
    assert [w for w in warnings if "request type" in w] == [
        "/components/schemas/FunctionTool: the request type of 'FunctionTool' would be named 'FunctionToolParam'"
        " like another type; it is named 'FunctionToolParam_2'"
    ]


def test_arguments_share_one_namespace_and_escape_method_names() -> None:
    body = {"type": "object", "required": ["limit"], "properties": {"limit": {"type": "string"}, "timeout": {}}}
    operation = {
        "operationId": "make",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "requestBody": {"required": True, "content": content(body)},
        "responses": {"204": {"description": "made"}},
    }
    model, names, warnings = named(spec({"/things": {"post": operation}}))
    (op,) = model.operations
    assert names.argument(op, (Place.BODY, "limit")) == "limit"
    assert names.argument(op, (Place.QUERY, "limit")) == "limit_2"
    assert names.argument(op, (Place.BODY, "timeout")) == "timeout_"  # every method's own keyword argument
    assert len(warnings) == 1 and "argument 'limit in query'" in warnings[0]


def test_methods_are_unique_in_their_resource_and_never_a_child_resource() -> None:
    paths = {
        "/v1/users": {"get": {"operationId": "v1", "responses": {"204": {"description": "ok"}}}},
        "/v1/orders": {
            "get": {"operationId": "listOrders", "tags": ["orders"], "responses": {"204": {"description": "ok"}}}
        },
        "/a": {"get": {"operationId": "getA", "tags": ["t"], "responses": {"204": {"description": "ok"}}}},
        "/b": {"get": {"operationId": "get_a", "tags": ["t"], "responses": {"204": {"description": "ok"}}}},
    }
    model, names, warnings = named(spec(paths), {"resources": {"v1": ""}})
    methods = {op.operation_id: names.method(op) for op in model.operations}
    assert methods["v1"] == "v1_2"  # the client's child resource `v1` keeps the name
    assert {methods["getA"], methods["get_a"]} == {"get_a", "get_a_2"}
    assert any("/paths/~1v1~1users/get" in w and "like a resource" in w for w in warnings)


def test_resource_segments_escape_client_attributes() -> None:
    ok = {"204": {"description": "ok"}}
    paths = {"/copy": {"get": {"operationId": "c", "tags": ["copy"], "responses": ok}}}
    model, names, _ = named(spec(paths))
    (resource,) = model.root.children.values()
    assert names.path(resource.path) == ("copy_",) and names.resource_class(resource) == "CopyResource"
    assert names.children(model.root) == [("copy_", resource)]


def test_the_package_is_kept_off_the_standard_library() -> None:
    doc = spec()
    doc["info"]["title"] = "Email API"
    model, names, _ = named(doc)
    assert model.package == "email" and names.package == "email_"


def test_names_come_out_the_same_whatever_order_the_spec_lists_them_in() -> None:
    props = {"a-b": {"type": "string"}, "a_b": {"type": "string"}, "A B": {"type": "string"}}
    forward = {"type": "object", "properties": props}
    backward = {"type": "object", "properties": dict(reversed(list(props.items())))}
    results = []
    for schema in (forward, backward):
        model, names, _ = named(spec(schemas={"T": schema}))
        (decl,) = model.decls
        assert isinstance(decl, ModelDecl)
        results.append(sorted((p.wire_name, names.attribute(p)) for p in decl.properties))
    assert results[0] == results[1]


def test_a_response_model_can_be_named_without_a_body() -> None:
    """Building names touches every scope; a spec of one bodiless operation has no collision to report."""
    model, names, warnings = named(
        spec({"/x": {"get": returning({"type": "object", "properties": {"id": {}}}, media=JSON)}})
    )
    (op,) = model.operations
    assert names.method(op) == "get_x" and warnings == []


def test_operations_without_ids_that_share_a_made_up_id_get_their_own_names() -> None:
    """`GET /n/{a}/tickers` and `GET /n/{a}/tickers/{t}` both make the id `get_n_tickers`."""
    ok = {"200": {"description": "ok"}}
    paths = {"/n/{a}/tickers": {"get": {"responses": ok}}, "/n/{a}/tickers/{t}": {"get": {"responses": ok}}}
    for p in paths:
        paths[p]["get"]["parameters"] = [
            {"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
            for n in ("a", "t")
            if "{" + n in p
        ]
    model, names, warnings = named(spec(paths))
    assert [op.operation_id for op in model.operations] == ["get_n_tickers", "get_n_tickers"]
    assert [names.method(op) for op in model.operations] == ["get_n_tickers", "get_n_tickers_2"]
    assert warnings == [
        "/paths/~1n~1{a}~1tickers~1{t}/get: operation 'get_n_tickers' would be named 'get_n_tickers' like another;"
        " it is named 'get_n_tickers_2'"
    ]


def test_a_parameter_named_body_beside_a_whole_body_is_escaped() -> None:
    operation = {
        "operationId": "upload",
        "parameters": [{"name": "body", "in": "query", "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {"204": {"description": "ok"}},
    }
    model, names, _ = named(spec({"/files": {"post": operation}}))
    (op,) = model.operations
    assert names.argument(op, (Place.QUERY, "body")) == "body_"
    assert names.argument(op, (Place.WHOLE_BODY, "")) == "body"


def test_a_configured_package_is_kept_as_given() -> None:
    model, names, _ = named(spec(), {"package_name": "json"})
    assert model.package_configured and names.package == "json"
