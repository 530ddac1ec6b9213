"""Which operations answer with Server-Sent Events, and what one event is.

The rule, applied to each operation after its responses are built:

- a success response with a `text/event-stream` media type streams; the
  media type's schema is the type of one event's `data`;
- when the operation has another success answer too (JSON, bytes), a boolean
  body field named `stream` chooses between them (`stream: true` streams; a
  nullable one is a switch too, null asking for the other answer).
  Without such a field the client reads the other answer and a located
  `stream-not-offered` warning says so;
- with no other answer, every call streams.

The config's `streaming` section overrides the rule per operationId: `off`,
or `event` (a component schema, for specs that stream without saying so, as
Anthropic's does) and `field` (another switch, or null for "always").
"""

from __future__ import annotations

from ..config import StreamingRule
from ..errors import join_pointer
from ..ir import EVENT_STREAM, Body, NullableType, PrimitiveType, Property, Response, Streaming, Where
from ..resolve import Target
from . import shapes
from .schemas import Schemas

DEFAULT_SWITCH = "stream"


def streaming(
    schemas: Schemas, op_id: str, op_name: str, op: Target, body: Body | None, responses: list[Response]
) -> Streaming | None:
    """How the operation streams, or None when it does not."""
    ctx = schemas.ctx
    rule = ctx.config.streaming.get(op_id, StreamingRule())
    if rule.off:
        return None
    config_at = join_pointer("/streaming", op_id)
    found = _event_media(schemas, op, responses)
    if rule.event is not None:
        if rule.event not in ctx.components("schemas"):
            ctx.config_error(join_pointer(config_at, "event"), f"no component schema is named {rule.event!r}")
            return None
        where = ctx.root(join_pointer("/components/schemas", rule.event))
        status = found[0] if found else _first_success(responses)
        event = schemas.named(where)  # the component's own declaration, as a `$ref` to it gives
    elif found is not None:
        status, where = found
        event = schemas.type_of(shapes.schema_of(where), op_name + "Event")
    else:
        if op_id in ctx.config.streaming:
            ctx.config_warning(
                "unused-config", config_at, f"{op_id} answers no {EVENT_STREAM} and the config names no `event`"
            )
        return None
    place = Where(where.doc.name, where.pointer)
    other = [r for r in responses if r.is_success and r.type is not None]
    if not other or rule.field == "":
        return Streaming(event, None, status, place)
    name = rule.field or DEFAULT_SWITCH
    switch = _switch(body, name)
    if switch is not None:
        return Streaming(event, switch, status, place)
    if rule.field is not None:
        ctx.config_error(join_pointer(config_at, "field"), f"{op_id} has no boolean body field {name!r}")
        return None
    shown = other[0].content_type or "its other answer"
    ctx.warn(
        "stream-not-offered",
        where,
        f"the operation answers {shown} or {EVENT_STREAM}, and no boolean `{name}` body field chooses;"
        f" the client reads {shown} (the config's `streaming` section can name the field)",
    )
    return None


def _event_media(schemas: Schemas, op: Target, responses: list[Response]) -> tuple[str, Target] | None:
    """(status, media node) of the first success response that offers an event stream."""
    raw = op.child("responses")
    keys = {str(k): k for k in raw.node} if isinstance(raw.node, dict) else {}
    for r in responses:
        if not r.is_success or r.status not in keys:
            continue
        response = schemas.ctx.deref(raw.child(keys[r.status]))
        media = shapes.event_stream(response.child("content"))
        if media is not None:
            return r.status, media
    return None


def _first_success(responses: list[Response]) -> str:
    return next((r.status for r in responses if r.is_success), "2XX")


def _switch(body: Body | None, name: str) -> Property | None:
    """The body field `name`, when it is a boolean (or a boolean or null: null reads as not streaming)."""
    for field in (body.fields or []) if body is not None else []:
        t = field.type.canonical()
        if isinstance(t, NullableType):
            t = t.inner.canonical()
        if field.wire_name == name and isinstance(t, PrimitiveType) and t.json_type == "boolean":
            return field
    return None
