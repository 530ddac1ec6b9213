"""generator/builder/rules.py: request rules, the plans they lead to, and the partial-batch rule."""

from __future__ import annotations

from typing import Any

from generator.builder.rules import plan_for
from generator.ir import (
    EachPlan,
    ModelDecl,
    NullableType,
    NumericPlan,
    NumericStringType,
    ObjectPlan,
    PrimitiveType,
    RefType,
)

from .spec import Built, build, content, errors, ref, spec

ROW = {
    "type": "object",
    "required": ["symbol", "quantity"],
    "properties": {
        "symbol": {"type": "string"},
        "quantity": {"type": "string"},
        "limit": {"type": ["string", "null"]},
        "key": {"type": "string"},
        "count": {"type": "integer"},
        "state": {"type": "string", "enum": ["SENT", "REJECTED"]},
    },
}
ERROR = {"type": "object", "properties": {"message": {"type": "string"}}}


def envelope(required: list[str], rows: Any = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "properties": {"data": {"type": "array", "items": rows or ref("Row")}, "error": ref("Error")},
    }


def batch_spec(responses: dict[str, Any], body: Any = None, **schemas: Any) -> dict[str, Any]:
    """POST /orders taking `body` (rows by default) and answering `responses` (status -> schema or response)."""
    answers = {
        status: answer if "description" in answer else {"description": status, "content": content(answer)}
        for status, answer in responses.items()
    }
    request = {"required": True, "content": content(body or {"type": "array", "items": ref("Row")})}
    operation = {"operationId": "submitOrders", "requestBody": request, "responses": answers}
    return spec({"/orders": {"post": operation}}, {"Row": ROW, "Error": ERROR, **schemas})


def row_of(built: Built) -> ModelDecl:
    row = built.component("Row")
    assert isinstance(row, ModelDecl)
    return row


def test_positive_integer_strings_become_numeric_strings_with_a_plan() -> None:
    config = {"requests": {"Row": {"positive_integer_strings": ["quantity"]}}}
    built = build(batch_spec({"204": {"description": "sent"}}), config)
    fields = {p.wire_name: p.type for p in row_of(built).properties}
    assert fields["quantity"] == NumericStringType()
    assert fields["symbol"] == fields["key"] == PrimitiveType("string")  # the others are untouched
    plan = built.op("post", "/orders").body_plan
    assert isinstance(plan, EachPlan) and isinstance(plan.item, ObjectPlan)
    assert set(plan.item.fields) == {"quantity"} and plan.item.key is None
    numeric = plan.item.fields["quantity"]
    assert isinstance(numeric, NumericPlan) and (numeric.number_kind, numeric.nullable) == ("positive-integer", False)


def test_a_nullable_numeric_string_gets_a_nullable_plan() -> None:
    built = build(
        batch_spec({"204": {"description": "sent"}}), {"requests": {"Row": {"positive_integer_strings": ["quantity"]}}}
    )
    (field,) = [p for p in row_of(built).properties if p.wire_name == "quantity"]
    plan = plan_for(NullableType(field.type))
    assert isinstance(plan, NumericPlan) and plan.nullable
    assert plan_for(field.type) is not None and not plan_for(field.type).nullable  # type: ignore[union-attr]


def test_an_idempotency_key_makes_a_post_retry_safe() -> None:
    plain = build(batch_spec({"204": {"description": "sent"}}))
    assert plain.op("post", "/orders").body_plan is None
    assert not plain.op("post", "/orders").retry_safe
    keyed = build(batch_spec({"204": {"description": "sent"}}), {"requests": {"Row": {"idempotency_key": "key"}}})
    row = row_of(keyed)
    assert row.idempotency_key is not None and row.idempotency_key.wire_name == "key"
    op = keyed.op("post", "/orders")
    plan = op.body_plan
    assert isinstance(plan, EachPlan) and isinstance(plan.item, ObjectPlan)
    assert (plan.item.fields, plan.item.key) == ({}, "key")
    assert op.assigns_idempotency_keys and op.retry_safe
    assert keyed.model.keyed_models == [row]


def test_a_flattened_body_gets_a_plan_per_field() -> None:
    built = build(
        batch_spec({"204": {"description": "sent"}}, body=ref("Row")),
        {"requests": {"Row": {"positive_integer_strings": ["quantity"]}}},
    )
    op = built.op("post", "/orders")
    assert op.body is not None and op.body.fields is not None
    plan = op.body_plan
    assert isinstance(plan, ObjectPlan) and set(plan.fields) == {"quantity"} and plan.key is None


def test_request_rules_that_name_nothing_are_config_errors_located_in_the_config() -> None:
    doc = batch_spec({"204": {"description": "sent"}})
    found = errors(
        doc, {"requests": {"Row": {"positive_integer_strings": ["count", "missing"], "idempotency_key": "count"}}}
    )
    assert [(d.location.file.endswith("openapi.sdkgen.yaml"), d.location.pointer) for d in found] == [
        (True, "/requests/Row/positive_integer_strings"),
        (True, "/requests/Row/positive_integer_strings"),
        (True, "/requests/Row/idempotency_key"),
    ]
    assert "'count' is not a string field of Row" in found[0].message
    assert "'missing' is not a string field of Row" in found[1].message
    (unknown,) = errors(doc, {"requests": {"Nothing": {"idempotency_key": "key"}}})
    assert unknown.location.pointer == "/requests/Nothing" and "no schema is named 'Nothing'" in unknown.message


def test_a_2xx_envelope_that_requires_its_error_is_a_partial_batch() -> None:
    built = build(
        batch_spec({"200": envelope(["data"]), "207": envelope(["data", "error"])}, Envelope=envelope(["data"]))
    )
    op = built.op("post", "/orders")
    assert [(r.status, r.partial) for r in op.responses] == [("200", False), ("207", True)]
    assert [(o.status, o.partial) for o in op.outcomes] == [("200", False), ("207", True)]
    partial = op.responses[1].type
    assert isinstance(partial, RefType) and isinstance(partial.decl, ModelDecl)
    batch = partial.decl.batch
    assert batch is not None and batch.row is row_of(built)
    assert (batch.data.wire_name, batch.error and batch.error.wire_name) == ("data", "error")
    assert batch.rejected_field is None
    # The 200's envelope is returned by no partial status and no `batch` is configured: no helpers.
    ok = op.responses[0].type
    assert isinstance(ok, RefType) and isinstance(ok.decl, ModelDecl) and ok.decl.batch is None
    assert built.model.has_batches


def test_x_sdkgen_partial_overrides_the_rule_either_way() -> None:
    forced = {"description": "forced", "x-sdkgen-partial": True, "content": content(envelope(["data"]))}
    denied = {"description": "denied", "x-sdkgen-partial": False, "content": content(envelope(["data", "error"]))}
    built = build(batch_spec({"200": forced, "207": denied}))
    assert [(r.status, r.partial) for r in built.op("post", "/orders").responses] == [("200", True), ("207", False)]


def test_only_an_array_of_model_rows_beside_the_error_is_an_envelope() -> None:
    strings = envelope(["data", "error"], rows={"type": "string"})
    no_error = {"type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": ref("Row")}}}
    built = build(batch_spec({"207": strings, "206": no_error}))
    assert [r.partial for r in built.op("post", "/orders").responses] == [False, False]
    assert not built.model.has_batches


def test_a_batch_section_gives_every_envelope_helpers_with_its_field_names() -> None:
    renamed = {
        "type": "object",
        "properties": {
            "rows": {"type": "array", "items": ref("Row")},
            "problem": ref("Error"),
            "data": {"type": "array", "items": ref("Row")},
        },
    }
    config = {"batch": {"data_field": "rows", "error_field": "problem"}}
    built = build(batch_spec({"200": ref("Renamed")}, Renamed=renamed), config)
    decl = built.component("Renamed")
    assert isinstance(decl, ModelDecl) and decl.batch is not None
    assert (decl.batch.data.wire_name, decl.batch.error and decl.batch.error.wire_name) == ("rows", "problem")
    # Without the section the same spec has no partial status, so no helpers.
    assert build(batch_spec({"200": ref("Renamed")}, Renamed=renamed)).component("Renamed").batch is None  # type: ignore[attr-defined]


def test_rejected_rows_name_the_row_field_and_its_values() -> None:
    doc = batch_spec({"207": envelope(["data", "error"])})
    built = build(doc, {"batch": {"rejected_rows": {"field": "state", "values": ["REJECTED"]}}})
    (partial,) = [r.type for r in built.op("post", "/orders").responses]
    assert isinstance(partial, RefType) and isinstance(partial.decl, ModelDecl) and partial.decl.batch is not None
    batch = partial.decl.batch
    assert batch.rejected_field is not None and batch.rejected_field.wire_name == "state"
    assert batch.rejected_values == ("REJECTED",)
    assert built.model.example_batch is batch


def test_rejected_rows_that_do_not_fit_the_row_are_config_errors() -> None:
    doc = batch_spec({"207": envelope(["data", "error"])})
    (field,) = errors(doc, {"batch": {"rejected_rows": {"field": "status", "values": ["REJECTED"]}}})
    assert field.location.pointer == "/batch/rejected_rows/field" and "'status' is not a field of Row" in field.message
    (values,) = errors(doc, {"batch": {"rejected_rows": {"field": "state", "values": ["LOST", "SENT"]}}})
    assert values.location.pointer == "/batch/rejected_rows/values" and "['LOST']" in values.message
