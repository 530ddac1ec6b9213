"""generator/java/: the Java naming service, minting Java's identifiers from the model's wire names."""

from __future__ import annotations

from typing import Any

from generator.ir import ClientModel, EnumDecl, ModelDecl
from generator.java.names import JavaNames

from .spec import build, content, ref, returning, spec


def java(doc: dict[str, Any]) -> tuple[ClientModel, JavaNames, list[str]]:
    model = build(doc).model
    warnings: list[str] = []
    names = JavaNames(model, "com.unit.api", lambda file, pointer, message: warnings.append(f"{pointer}: {message}"))
    return model, names, warnings


NO_CONTENT = {"204": {"description": "ok"}}


def test_accessors_are_camel_case_and_escape_java_keywords_only() -> None:
    thing = {"type": "object", "properties": {"user_name": {}, "class": {}, "mro": {}, "yield": {}, "record": {}}}
    paths = {"/t": {"get": returning(ref("Thing"), operationId="getThing")}}
    model, j, warnings = java(spec(paths, {"Thing": thing}))
    decl = next(d for d in model.decls if isinstance(d, ModelDecl))
    assert [f.name for f in j.fields(decl)] == ["userName", "class_", "mro", "yield_", "record_"]
    assert warnings == []


def test_colliding_accessors_are_numbered_with_a_warning() -> None:
    thing = {"type": "object", "properties": {"user-name": {"type": "string"}, "userName": {"type": "string"}}}
    paths = {"/t": {"get": returning(ref("Thing"), operationId="getThing")}}
    model, j, warnings = java(spec(paths, {"Thing": thing}))
    decl = next(d for d in model.decls if isinstance(d, ModelDecl))
    assert sorted(f.name for f in j.fields(decl)) == ["userName", "userName_2"]
    assert len(warnings) == 1 and "would be named 'userName' like another" in warnings[0]
    j.fields(decl)
    assert len(warnings) == 1, "names are minted once: asking again reports nothing new"


def test_enum_constants_keep_names_python_reserves() -> None:
    mode = {"type": "string", "enum": ["mro", "class", "dark-blue"]}
    paths = {"/m": {"get": returning(ref("Mode"), operationId="getMode")}}
    model, j, _ = java(spec(paths, {"Mode": mode}))
    decl = next(d for d in model.decls if isinstance(d, EnumDecl))
    assert [j.constant_of(m) for m in decl.members] == ["MRO", "CLASS", "DARK_BLUE"]
    assert j.constant_for("Mode", "dark-blue") == "DARK_BLUE"


def test_methods_params_classes_and_constants_come_from_the_operation_id() -> None:
    body = {"type": "object", "properties": {"orders": {"type": "array", "items": {"type": "string"}}}}
    operation = {"operationId": "submit_orders", "tags": ["orders"], "requestBody": {"content": content(body)}}
    model, j, _ = java(spec({"/v1/orders": {"post": {**operation, "responses": NO_CONTENT}}}))
    (op,) = model.operations
    jop = j.operation(op)
    assert jop.method == "submitOrders"
    assert jop.params.name == "OrderSubmitOrdersParams" and jop.params.package == "com.unit.api.models.v1.orders"
    assert j.constant(jop, "OUTCOMES") == "SUBMIT_ORDERS_OUTCOMES"
    assert [(f.name, f.add_name) for f in jop.fields] == [("orders", "addOrder")]
    assert jop.returns_nothing


def test_an_operation_named_like_a_child_resource_is_escaped() -> None:
    paths = {
        "/v1/users": {"get": {"operationId": "orders", "responses": NO_CONTENT}},
        "/v1/orders": {"get": {"operationId": "listOrders", "tags": ["orders"], "responses": NO_CONTENT}},
    }
    model = build(spec(paths), {"resources": {"orders": "v1"}}).model
    warnings: list[str] = []
    j = JavaNames(model, "com.unit.api", lambda file, pointer, message: warnings.append(f"{pointer}: {message}"))
    op = next(o for o in model.operations if o.operation_id == "orders")
    assert op.resource == ("v1",) and "orders" in model.root.children["v1"].children
    assert j.operation(op).method == "orders_2"  # `v1().orders()` is the child service's accessor
    assert warnings == [
        "/paths/~1v1~1users/get: operation 'orders' would be named 'orders' like a resource; it is named 'orders_2'"
    ]


def test_services_are_singular_and_types_spell_java() -> None:
    thing = {
        "type": "object",
        "required": ["n"],
        "properties": {"n": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}}},
    }
    paths = {"/v1/things": {"get": returning(ref("Thing"), operationId="getThing", tags=["things"])}}
    model, j, _ = java(spec(paths, {"Thing": thing}))
    things = model.root.children["v1"].children["things"]
    assert j.service(things).name == "ThingService"
    decl = next(d for d in model.decls if isinstance(d, ModelDecl))
    types = {f.wire: j.field_type(f) for f in j.fields(decl)}
    assert types == {"n": "long", "tags": "Optional<List<String>>"}


def test_operations_without_ids_that_share_a_made_up_id_get_their_own_methods() -> None:
    ok = {"200": {"description": "ok"}}
    path_param = {"in": "path", "required": True, "schema": {"type": "string"}}
    paths = {
        "/n/{a}/tickers": {"get": {"parameters": [{"name": "a", **path_param}], "responses": ok}},
        "/n/{a}/tickers/{t}": {
            "get": {"parameters": [{"name": "a", **path_param}, {"name": "t", **path_param}], "responses": ok}
        },
    }
    model, j, warnings = java(spec(paths))
    assert [j.operation(op).method for op in model.operations] == ["getNTickers", "getNTickers_2"]
    assert len(warnings) == 1 and "'getNTickers_2'" in warnings[0]


def test_a_parameter_named_like_the_fallback_keeps_its_name_beside_a_whole_body() -> None:
    operation = {
        "operationId": "upload",
        "parameters": [{"name": "field", "in": "query", "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": NO_CONTENT,
    }
    model, j, warnings = java(spec({"/files": {"post": operation}}))
    (op,) = model.operations
    assert [f.name for f in j.operation(op).fields] == ["field", "body"]
    assert warnings == []


def _dual(operation_id: str) -> dict[str, Any]:
    """An operation answering JSON, or events when its `stream` body field is true."""
    body = {"type": "object", "properties": {"prompt": {"type": "string"}, "stream": {"type": "boolean"}}}
    answer = {"application/json": {"schema": {"type": "object"}}, "text/event-stream": {"schema": ref("Chunk")}}
    return {
        "operationId": operation_id,
        "tags": ["completions"],
        "requestBody": {"content": content(body)},
        "responses": {"200": {"description": "ok", "content": answer}},
    }


def test_an_operation_that_streams_on_request_gains_a_streaming_twin() -> None:
    chunk = {"type": "object", "properties": {"delta": {"type": "string"}}}
    model, j, warnings = java(spec({"/c": {"post": _dual("complete")}}, {"Chunk": chunk}))
    (op,) = model.operations
    plain, twin = j.operation(op).calls
    assert (plain.method, plain.kind, plain.switch, plain.accept) == ("complete", "json", None, None)
    expected = ("completeStreaming", "stream", "StreamResponse<Chunk>", "stream")
    assert (twin.method, twin.kind, twin.returns, twin.switch) == expected
    assert twin.raw_returns == "HttpResponseFor<StreamResponse<Chunk>>"
    assert twin.accept == "text/event-stream, application/json"
    assert warnings == []


def test_a_streaming_twin_that_would_take_an_operations_name_is_numbered_with_a_warning() -> None:
    chunk = {"type": "object", "properties": {"delta": {"type": "string"}}}
    taken = returning(ref("Chunk"), operationId="completeStreaming", tags=["completions"])
    model, j, warnings = java(spec({"/c": {"post": _dual("complete")}, "/d": {"get": taken}}, {"Chunk": chunk}))
    dual = next(op for op in model.operations if op.operation_id == "complete")
    assert [c.method for c in j.operation(dual).calls] == ["complete", "completeStreaming_2"]
    assert len(warnings) == 1 and "'completeStreaming_2'" in warnings[0]


def test_always_streaming_and_file_operations_return_their_responses() -> None:
    events = {"200": {"description": "ok", "content": {"text/event-stream": {"schema": {"type": "string"}}}}}
    binary = {"schema": {"type": "string", "format": "binary"}}
    pdf = {"200": {"description": "ok", "content": {"application/pdf": binary}}}
    paths = {
        "/t": {"get": {"operationId": "ticks", "responses": events}},
        "/r": {"get": {"operationId": "report", "responses": pdf}},
    }
    model, j, _ = java(spec(paths))
    ops = {op.operation_id: j.operation(op) for op in model.operations}
    (ticks,) = ops["ticks"].calls
    stream = ("stream", "StreamResponse<String>", "ClientContext.textEvents()")
    assert (ticks.kind, ticks.returns, ops["ticks"].events) == stream
    (report,) = ops["report"].calls
    file = ("file", "HttpResponse", "HttpResponse", "application/pdf, application/json")
    assert (report.kind, report.returns, report.raw_returns, report.accept) == file


def test_fields_named_like_the_generated_classes_locals_keep_their_names() -> None:
    """`items`, `path`, `node`... are the generated code's locals, which fields no longer give way to."""
    wires = ["items", "path", "node", "object", "out", "other", "that", "item", "partial", "context"]
    thing = {"type": "object", "properties": {w: {"type": "string"} for w in wires}}
    paths = {"/t": {"get": returning(ref("Thing"), operationId="getThing")}}
    model, j, warnings = java(spec(paths, {"Thing": thing}))
    decl = next(d for d in model.decls if isinstance(d, ModelDecl))
    assert [f.name for f in j.fields(decl)] == wires
    assert warnings == []


def test_only_names_the_class_defines_get_a_suffix() -> None:
    wires = ["hashCode", "getClass", "toString", "equals", "builder", "toJson", "additionalProperties"]
    thing = {"type": "object", "properties": {w: {"type": "string"} for w in wires}}
    paths = {"/t": {"get": returning(ref("Thing"), operationId="getThing")}}
    model, j, _ = java(spec(paths, {"Thing": thing}))
    decl = next(d for d in model.decls if isinstance(d, ModelDecl))
    assert [f.name for f in j.fields(decl)] == [w + "_" for w in wires]


def test_a_parameter_named_none_gives_way_to_the_params_factory() -> None:
    query = [{"name": n, "in": "query", "schema": {"type": "string"}} for n in ("none", "path", "items")]
    operation = {"operationId": "listThings", "parameters": query, "responses": NO_CONTENT}
    model, j, _ = java(spec({"/t": {"get": operation}}))
    jop = j.operation(model.operations[0])
    assert [f.name for f in jop.fields] == ["none_", "path", "items"]
    assert jop.takes_nothing


def test_an_operation_without_a_body_returns_void_and_its_future_void() -> None:
    required = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    operation = {"operationId": "deleteThing", "parameters": required, "responses": NO_CONTENT}
    model, j, _ = java(spec({"/t/{id}": {"delete": operation}}))
    jop = j.operation(model.operations[0])
    (call,) = jop.calls
    assert (call.returns, call.boxed_returns, call.raw_returns) == ("void", "Void", "HttpResponseFor<Void>")
    assert call.is_void and jop.returns_nothing and not jop.takes_nothing
