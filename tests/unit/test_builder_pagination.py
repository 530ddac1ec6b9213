"""generator/builder/pagination.py: which operations return pages, and how a page leads to the next."""

from __future__ import annotations

from typing import Any

from generator.ir import Operation, Pagination, PrimitiveType, RefType

from .spec import build, content, errors, query, ref, spec

ITEM = {"type": "object", "properties": {"id": {"type": "string"}}}


def listing(body: Any, params: list[dict[str, Any]], method: str = "get", headers: Any = None) -> dict[str, Any]:
    ok: dict[str, Any] = {"description": "a page", "content": content(body)}
    if headers:
        ok["headers"] = headers
    return {"/items": {method: {"operationId": "listItems", "parameters": params, "responses": {"200": ok}}}}


def paged(
    body: Any, *params: dict[str, Any], method: str = "get", config: Any = None, headers: Any = None
) -> Operation:
    built = build(spec(listing(body, list(params), method, headers), {"Item": ITEM}), config)
    return built.op(method, "/items")


def page(op: Operation) -> Pagination:
    assert op.pagination is not None, f"{op.operation_id} is not paginated"
    return op.pagination


def wires(path: tuple[Any, ...]) -> list[str]:
    return [p.wire_name for p in path]


def envelope(**fields: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {"data": {"type": "array", "items": ref("Item")}, **fields}}


def test_a_link_header_wins() -> None:
    op = paged(
        {"type": "array", "items": ref("Item")},
        query("cursor", {"type": "string"}),
        headers={"Link": {"schema": {"type": "string"}}},
    )
    paging = page(op)
    assert paging.style == "link" and paging.items == ()
    assert isinstance(paging.item_type, RefType) and paging.item_type.decl.source.endswith("/components/schemas/Item")


def test_stripe_cursor_from_the_last_item() -> None:
    body = envelope(has_more={"type": "boolean"})
    paging = page(paged(body, query("starting_after", {"type": "string"}), query("limit", {"type": "integer"})))
    assert paging.style == "cursor_from_item"
    assert paging.cursor_param is not None and paging.cursor_param.wire_name == "starting_after"
    assert wires(paging.has_more) == ["has_more"] and paging.cursor_field == "id"
    assert wires(paging.items) == ["data"]


def test_a_cursor_parameter_and_a_next_cursor_field_up_to_two_levels_down() -> None:
    meta = {"type": "object", "properties": {"next_page_token": {"type": ["string", "null"]}}}
    paging = page(paged(envelope(meta=meta), query("pageToken", {"type": "string"})))
    assert paging.style == "cursor"
    assert paging.cursor_param is not None and paging.cursor_param.wire_name == "pageToken"
    assert wires(paging.next_cursor) == ["meta", "next_page_token"]


def test_a_string_page_parameter_with_a_next_object_is_a_cursor() -> None:
    nxt = {"type": "object", "properties": {"page": {"type": "string"}}}
    paging = page(paged(envelope(next=nxt), query("page", {"type": "string"})))
    assert paging.style == "cursor" and wires(paging.next_cursor) == ["next", "page"]


def test_offset_and_page_parameters() -> None:
    offset = page(paged(envelope(), query("offset", {"type": "integer"}), query("limit", {"type": "integer"})))
    assert offset.style == "offset" and offset.offset_param is not None and offset.offset_param.wire_name == "offset"
    numbered = page(paged(envelope(), query("page", {"type": "integer", "minimum": 0})))
    assert numbered.style == "page" and numbered.page_param is not None and numbered.page_param.wire_name == "page"
    assert numbered.first_page == 0
    assert page(paged(envelope(), query("page", {"type": "integer", "default": 2, "minimum": 0}))).first_page == 2
    assert page(paged(envelope(), query("page", {"type": "integer"}))).first_page == 1


def test_what_the_rule_does_not_page() -> None:
    no_cursor_field = paged(envelope(), query("cursor", {"type": "string"}))
    string_page = paged(envelope(), query("page", {"type": "string"}))
    no_list = paged(ITEM, query("offset", {"type": "integer"}))
    posted = paged(envelope(), query("offset", {"type": "integer"}), method="post")
    for op in (no_cursor_field, string_page, no_list, posted):
        assert op.pagination is None, op.method


def test_the_list_of_items_is_a_known_field_else_the_only_array() -> None:
    two = envelope(results={"type": "array", "items": {"type": "integer"}})
    assert wires(page(paged(two, query("offset", {"type": "integer"}))).items) == ["data"]  # data before results
    only = {"type": "object", "properties": {"things": {"type": "array", "items": {"type": "integer"}}}}
    found = page(paged(only, query("offset", {"type": "integer"})))
    assert wires(found.items) == ["things"] and found.item_type == PrimitiveType("integer")
    unknown = {"type": "object", "properties": {"a": {"type": "array"}, "b": {"type": "array"}}}
    assert paged(unknown, query("offset", {"type": "integer"})).pagination is None


def test_the_config_sets_any_part_and_can_turn_pagination_off() -> None:
    body = {
        "type": "object",
        "properties": {
            "rows": {"type": "array", "items": ref("Item")},
            "data": {"type": "array"},
            "more": {"type": "string"},
        },
    }
    rules = {"style": "cursor", "items": "rows", "cursor_param": "from", "next_cursor": "more"}
    paging = page(
        paged(body, query("from", {"type": "string"}), method="post", config={"pagination": {"listItems": rules}})
    )
    assert paging.style == "cursor" and wires(paging.items) == ["rows"]
    assert paging.cursor_param is not None and paging.cursor_param.wire_name == "from"
    assert wires(paging.next_cursor) == ["more"]
    off = paged(
        envelope(), query("offset", {"type": "integer"}), config={"pagination": {"listItems": {"style": "none"}}}
    )
    assert off.pagination is None


def test_a_configured_style_that_cannot_apply_is_a_located_config_error() -> None:
    doc = spec(listing(envelope(), [query("offset", {"type": "integer"})]), {"Item": ITEM})
    (missing,) = errors(doc, {"pagination": {"listItems": {"style": "cursor"}}})
    assert missing.location.pointer == "/pagination/listItems/cursor_param"
    assert "listItems has no cursor query parameter" in missing.message
    (named,) = errors(doc, {"pagination": {"listItems": {"style": "offset", "offset_param": "skip"}}})
    assert named.location.pointer == "/pagination/listItems/offset_param" and "'skip'" in named.message
    (field,) = errors(doc, {"pagination": {"listItems": {"items": "rows"}}})
    assert field.location.pointer == "/pagination/listItems/items" and "no field 'rows'" in field.message


def test_default_applies_only_where_it_fits_and_unknown_operations_are_warned() -> None:
    paths = {
        **listing(envelope(), [query("skip", {"type": "integer"})]),
        "/other": {
            "get": {
                "operationId": "listOther",
                "responses": {"200": {"description": "ok", "content": content(envelope())}},
            }
        },
    }
    config = {"pagination": {"default": {"style": "offset", "offset_param": "skip"}, "listGone": {"style": "none"}}}
    built = build(spec(paths, {"Item": ITEM}), config)
    fits = page(built.op("get", "/items"))
    assert fits.style == "offset" and fits.offset_param is not None and fits.offset_param.wire_name == "skip"
    assert built.op("get", "/other").pagination is None  # no `skip` there: silently not paged
    [(pointer, message)] = built.warned("unused-config")
    assert pointer == "/pagination/listGone" and "'listGone'" in message
