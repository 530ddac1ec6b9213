"""generator/java/paging.py: what a paged operation's Java page classes read and set."""

from __future__ import annotations

from typing import Any

from generator.java.names import JavaNames
from generator.kinds import PagingStyle

from .spec import build, query, returning, spec


def paged(params: list[dict[str, Any]], body: dict[str, Any], config: dict[str, Any] | None = None) -> Any:
    paths = {"/things": {"get": {**returning(body, operationId="listThings"), "parameters": params}}}
    model = build(spec(paths), config).model
    j = JavaNames(model, "com.unit.api", None)
    (op,) = model.operations
    return j.paging(j.operation(op))


ITEMS = {"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}


def test_a_cursor_is_read_through_optional_accessors_and_set_by_its_param() -> None:
    body = {"type": "object", "required": ["data"], "properties": {"data": ITEMS, "next_cursor": {"type": "string"}}}
    p = paged([query("cursor", {"type": "string"})], body)
    assert p.style is PagingStyle.CURSOR
    assert (p.page.name, p.page_async.name) == ("ThingListThingsPage", "ThingListThingsPageAsync")
    assert p.items == "response.data()"
    assert p.next_cursor == "Optional.of(response).flatMap(v -> v.nextCursor())"
    assert p.param.name == "cursor" and p.current == "params.cursor()"


def test_offset_and_page_numbers_need_integer_params_else_java_does_not_page() -> None:
    body = {"type": "object", "properties": {"items": ITEMS}}
    p = paged([query("offset", {"type": "integer"})], body)
    assert p.style is PagingStyle.OFFSET
    assert p.items == "Optional.of(response).flatMap(v -> v.items()).orElse(List.of())"
    config = {"pagination": {"listThings": {"style": "offset", "offset_param": "offset"}}}
    assert paged([query("offset", {"type": "string"})], body, config) is None


def test_a_link_style_list_body_is_its_own_items() -> None:
    op = {**returning(ITEMS, operationId="listThings"), "parameters": [query("page", {"type": "integer"})]}
    op["responses"]["200"]["headers"] = {"Link": {"schema": {"type": "string"}}}
    model = build(spec({"/things": {"get": op}})).model
    j = JavaNames(model, "com.unit.api", None)
    p = j.paging(j.operation(model.operations[0]))
    assert p.link and p.items == "response" and p.param is None
