"""The config's rules, the request plans they lead to, and the one partial-batch rule.

- Request rules (`requests.<Schema>` in the config): which string fields take
  numbers and are sent in canonical form, and which field is an idempotency
  key the client fills in before the first attempt.
- Plans (`ir.Plan`): what the runtime does to a request body before sending,
  derived from the types those rules left behind.
- The partial-batch rule (README, "Partial-batch rule"): which models are
  batch envelopes, which 2xx statuses are partial batches, and which
  envelopes get batch helpers. Nothing else in the generator decides these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..ir import (
    AliasDecl,
    BatchInfo,
    Body,
    Decl,
    EachPlan,
    EnumDecl,
    ListType,
    ModelDecl,
    NullableType,
    NumericPlan,
    NumericStringType,
    ObjectPlan,
    Operation,
    Plan,
    RefType,
    TypeInfo,
    model_of,
)
from ..resolve import Target
from .context import Context
from .schemas import STR, Schemas

# ------------------------------------------------------------ request rules


class RequestRules:
    """Applies `requests.<Schema>` to each model as it is built, and reports rules no schema used."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._used: set[str] = set()

    def apply(self, decl: ModelDecl) -> None:
        rules = self.ctx.config.requests.get(decl.name)
        if rules is None:
            return
        self._used.add(decl.name)
        props = {p.wire_name: p for p in decl.properties}
        base = f"/requests/{decl.name}"
        for name in rules.positive_integer_strings:
            prop = props.get(name)
            if prop is None or prop.type.canonical() != STR:
                message = f"{name!r} is not a string field of {decl.name}"
                self.ctx.config_error(base + "/positive_integer_strings", message)
                continue
            prop.type = NumericStringType()
        if rules.idempotency_key is not None:
            prop = props.get(rules.idempotency_key)
            if prop is None or prop.type.canonical() != STR:
                message = f"{rules.idempotency_key!r} is not a string field of {decl.name}"
                self.ctx.config_error(base + "/idempotency_key", message)
            else:
                decl.idempotency_key = prop

    def report_unused(self) -> None:
        for name in sorted(set(self.ctx.config.requests) - self._used):
            self.ctx.config_error(f"/requests/{name}", f"no schema is named {name!r}")


# ------------------------------------------------------------ plans


def plan_for(t: TypeInfo, visiting: frozenset[str] = frozenset()) -> Plan | None:
    """What the runtime must do to a request value of type `t`, if anything.

    `visiting` holds the declarations being planned further up: a type that contains itself
    (`A: {type: array, items: {$ref: A}}`) is planned once, not forever.
    """
    if isinstance(t, RefType):
        if t.decl.name in visiting:
            return None
        visiting = visiting | {t.decl.name}
        if isinstance(t.decl, AliasDecl):
            return plan_for(t.decl.target, visiting)
    if isinstance(t, NullableType):
        inner = plan_for(t.inner, visiting)
        if isinstance(inner, NumericPlan):
            inner.nullable = True
        return inner
    if isinstance(t, NumericStringType):
        return NumericPlan("positive-integer")
    if isinstance(t, ListType):
        item = plan_for(t.item, visiting)
        return EachPlan(item) if item is not None else None
    if isinstance(t, RefType) and isinstance(t.decl, ModelDecl):
        planned = ((p.wire_name, plan_for(p.type, visiting)) for p in t.decl.properties)
        fields = {wire: plan for wire, plan in planned if plan is not None}
        key = t.decl.idempotency_key.wire_name if t.decl.idempotency_key else None
        if fields or key:
            return ObjectPlan(fields, key)
    return None


def body_plan(body: Body | None) -> Plan | None:
    """The plan of a request body: per field when it is flattened into arguments, else whole."""
    if body is not None and body.fields is not None:
        fields = {f.wire_name: plan for f in body.fields if (plan := plan_for(f.type)) is not None}
        return ObjectPlan(fields) if fields else None
    if body is not None and body.whole is not None:
        return plan_for(body.whole)
    return None


# ------------------------------------------------------------ partial batches


def envelope(decl: ModelDecl, ctx: Context) -> BatchInfo | None:
    """A batch envelope: an array field of model rows (`data`) beside an error field (`error`)."""
    props = {p.wire_name: p for p in decl.properties}
    data = props.get(ctx.config.batch_data_field)
    error = props.get(ctx.config.batch_error_field)
    if data is None or error is None:
        return None
    rows = data.type.canonical()
    if not isinstance(rows, ListType):
        return None
    row = rows.item.canonical()
    if not (isinstance(row, RefType) and isinstance(row.decl, ModelDecl)):
        return None
    return BatchInfo(data=data, error=error, row=row.decl)


def is_partial(response: Target, schema: Target, t: TypeInfo | None, schemas: Schemas) -> bool:
    """Is this 2xx response a partial batch?

    Its `x-sdkgen-partial` says so (true/false); without it, it is when the
    response decodes to a batch envelope and its schema (with `allOf`
    merged) *requires* the error field: a success that must explain a failure.
    """
    flag = response.get("x-sdkgen-partial")
    if isinstance(flag, bool):
        return flag
    model = model_of(t)
    if model is None or envelope(model, schemas.ctx) is None:
        return False
    target = schemas.ctx.deref(schema)
    if not isinstance(target.node, Mapping):
        return False
    _, required = schemas.object_shape(target)
    return schemas.ctx.config.batch_error_field in required


def attach_batch_helpers(decls: Iterable[Decl], operations: list[Operation], ctx: Context) -> None:
    """Batch helpers go on each envelope a partial status returns, or on every envelope when
    the config has a `batch` section; `accepted`/`rejected` need `batch.rejected_rows`."""
    partial = {model.name for op in operations for r in op.responses if r.partial and (model := model_of(r.type))}
    for decl in decls:
        if not isinstance(decl, ModelDecl) or not (ctx.config.batch_configured or decl.name in partial):
            continue
        info = envelope(decl, ctx)
        if info is not None and _rejected_rows(info, ctx):
            decl.batch = info


def _rejected_rows(info: BatchInfo, ctx: Context) -> bool:
    """Fill in which rows are rejected (config `batch.rejected_rows`); False when the rule is wrong."""
    rule = ctx.config.batch_rejected_rows
    if rule is None:
        return True
    field = next((p for p in info.row.properties if p.wire_name == rule.field), None)
    if field is None:
        message = f"{rule.field!r} is not a field of {info.row.name} ({info.row.source})"
        ctx.config_error("/batch/rejected_rows/field", message)
        return False
    t = field.type.canonical()
    if isinstance(t, RefType) and isinstance(t.decl, EnumDecl):
        known = {str(m.value) for m in t.decl.members}
        unknown = [v for v in rule.values if v not in known]
        if unknown:
            ctx.config_error("/batch/rejected_rows/values", f"{unknown!r} are not values of {t.decl.name}")
            return False
    info.rejected_field = field
    info.rejected_values = rule.values
    return True
