"""Which operations return pages, and how a page leads to the next (README, "Pagination").

The rule, for GET operations whose success is JSON with a list of items (the body
itself, or the model's array field: `data`, `items`, `results`, `entries`,
`records`, `values`, else its only array field), first match wins:

1. "link": a success response declares a `Link` header (GitHub);
2. "cursor_from_item": a `starting_after` query parameter and a boolean
   `has_more` field; the cursor is the last item's `id` (Stripe);
3. "cursor": a query parameter named like a cursor (`cursor`, `page_token`,
   `next_token`, `after`, `marker`, `continuation_token`, `page_cursor`, or
   `page` when it is a string) and a string field, at most two levels down,
   named like a next cursor (`next_page_token`, `next_cursor`, `next_token`,
   `next_marker`, `end_cursor`, `continuation_token`), or named like the
   parameter inside an object field `next` (GitBook's `next.page`);
4. "offset": an `offset` query parameter;
5. "page": an integer `page` query parameter.

Config `pagination.<operationId>` (or `pagination.default`, which applies
only where it fits) sets or overrides any part, and `style: none` turns
pagination off.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import naming
from ..errors import join_pointer
from ..ir import (
    ListType,
    ModelDecl,
    NullableType,
    Operation,
    Pagination,
    Parameter,
    PrimitiveType,
    Property,
    TypeInfo,
    model_of,
)
from ..kinds import Location, PagingStyle
from ..resolve import Target
from .context import Context
from .schemas import Schemas

ITEM_FIELDS = ("data", "items", "results", "entries", "records", "values")
CURSOR_PARAMS = ("cursor", "page_token", "next_token", "after", "marker", "continuation_token", "page_cursor")
NEXT_FIELDS = ("next_page_token", "next_cursor", "next_token", "next_marker", "end_cursor", "continuation_token")


def _snake(name: str) -> str:
    return "_".join(naming.words(name))


def _is(t: TypeInfo, json_type: str) -> bool:
    c = t.canonical()
    c = c.inner.canonical() if isinstance(c, NullableType) else c
    return isinstance(c, PrimitiveType) and c.json_type == json_type


def _items(response: TypeInfo) -> tuple[tuple[Property, ...], TypeInfo] | None:
    """The path to the list of items, and the item type."""
    c = response.canonical()
    if isinstance(c, ListType):
        return (), c.item
    model = model_of(response)
    if model is None:
        return None
    lists = {p.wire_name: p for p in model.properties if isinstance(p.type.canonical(), ListType)}
    only = next(iter(lists.values())) if len(lists) == 1 else None
    chosen = next((lists[n] for n in ITEM_FIELDS if n in lists), None) or only
    if chosen is None:
        return None
    items = chosen.type.canonical()
    assert isinstance(items, ListType)
    return (chosen,), items.item


def _find(model: ModelDecl | None, wanted: Any, depth: int = 2) -> tuple[Property, ...]:
    """The first property path (breadth first, at most `depth` deep) whose last step `wanted` accepts."""
    if model is None:
        return ()
    level: list[tuple[tuple[Property, ...], ModelDecl]] = [((), model)]
    for _ in range(depth):
        following: list[tuple[tuple[Property, ...], ModelDecl]] = []
        for path, decl in level:
            for prop in decl.properties:
                if wanted(path, prop):
                    return (*path, prop)
                inner = model_of(prop.type.inner if isinstance(prop.type, NullableType) else prop.type)
                if inner is not None:
                    following.append(((*path, prop), inner))
        level = following
    return ()


def _success_headers(ctx: Context, op: Target) -> set[str]:
    out: set[str] = set()
    responses = op.get("responses")
    for status in responses if isinstance(responses, Mapping) else {}:
        if str(status).startswith("2"):
            headers = ctx.deref(op.child("responses", status)).get("headers")
            out |= {str(h).lower() for h in headers} if isinstance(headers, Mapping) else set()
    return out


class Paginations:
    def __init__(self, schemas: Schemas) -> None:
        self.schemas = schemas
        self.ctx = schemas.ctx
        self._used: set[str] = set()
        self._soft = False  # settings from `default`: they apply where they fit, silently elsewhere

    def _error(self, pointer: str, message: str) -> None:
        if not self._soft:
            self.ctx.config_error(pointer, message)

    def attach(self, op: Operation, node: Target, op_name: str) -> None:
        """Set `op.pagination` by the config, else by the rule; claims the page class's name."""
        config = self.ctx.config.pagination
        key = op.operation_id if op.operation_id in config else "default"
        rules: Mapping[str, Any] = config.get(key, {})
        if key in config:
            self._used.add(key)
        where = join_pointer("/pagination", key)
        self._soft = key == "default"
        configured = rules.get("style")
        if configured == "none" or op.return_type is None or op.streaming is not None:
            return
        style = PagingStyle(configured) if configured is not None else None
        if op.method != "get" and (style is None or self._soft):
            return
        found = _items(op.return_type)
        if "items" in rules:
            found = self._configured_items(op.return_type, str(rules["items"]), where)
        if found is None:
            if style is not None:
                message = f"{op.operation_id}'s response has no list of items"
                self._error(join_pointer(where, "style"), message)
            return
        items, item_type = found
        params = {p.wire_name: p for p in op.parameters if p.location is Location.QUERY}
        model = model_of(op.return_type)
        paging = Pagination(style or PagingStyle.CURSOR, "", items, item_type, response=op.return_type)
        explicit = style is not None
        style = style or self._detect(paging, params, model, _success_headers(self.ctx, node))
        if style is None:
            return
        paging.style = style
        if not self._complete(paging, params, model, rules, where, op, explicit, node):
            return
        paging.page_name = self.schemas.claim_name(op_name + "Page", node)
        op.pagination = paging

    def report_unused(self, operations: list[Operation]) -> None:
        ids = {op.operation_id for op in operations}
        for key in sorted(set(self.ctx.config.pagination) - ids - {"default"}):
            message = f"no operation has the operationId {key!r}"
            self.ctx.config_warning("unused-config", join_pointer("/pagination", key), message)

    # ------------------------------------------------------------ the rule

    def _detect(
        self, paging: Pagination, params: dict[str, Parameter], model: ModelDecl | None, headers: set[str]
    ) -> PagingStyle | None:
        if "link" in headers:
            return PagingStyle.LINK
        has_more = _find(model, lambda path, p: not path and p.wire_name == "has_more" and _is(p.type, "boolean"), 1)
        if "starting_after" in params and has_more:
            return PagingStyle.CURSOR_FROM_ITEM
        for param in params.values():
            name = _snake(param.wire_name)
            if name in CURSOR_PARAMS or (name == "page" and _is(param.type, "string")):
                paging.cursor_param = param
                paging.next_cursor = self._next_cursor(model, name)
                if paging.next_cursor:
                    return PagingStyle.CURSOR
        paging.cursor_param = None
        if "offset" in params:
            return PagingStyle.OFFSET
        if "page" in params and _is(params["page"].type, "integer"):
            return PagingStyle.PAGE
        return None

    def _next_cursor(self, model: ModelDecl | None, param: str) -> tuple[Property, ...]:
        def wanted(path: tuple[Property, ...], p: Property) -> bool:
            if not _is(p.type, "string"):
                return False
            name = _snake(p.wire_name)
            return name in NEXT_FIELDS or (bool(path) and _snake(path[-1].wire_name) == "next" and name == param)

        return _find(model, wanted)

    # ------------------------------------------------------------ completing a style

    def _complete(
        self,
        paging: Pagination,
        params: dict[str, Parameter],
        model: ModelDecl | None,
        rules: Mapping[str, Any],
        where: str,
        op: Operation,
        explicit: bool,
        node: Target,
    ) -> bool:
        """Fill in what the style needs from the config, else from the defaults; False when it cannot be
        (an error when the config named the style, else the rule simply does not apply)."""

        def cannot(key: str, message: str) -> bool:
            if explicit and not self._soft and key not in rules:  # a name the config gave is reported where read
                self._error(join_pointer(where, key), message)
            return False

        style = paging.style
        if style in (PagingStyle.CURSOR, PagingStyle.CURSOR_FROM_ITEM):
            default = ("starting_after",) if style is PagingStyle.CURSOR_FROM_ITEM else CURSOR_PARAMS
            given = rules.get("cursor_param") or (paging.cursor_param.wire_name if paging.cursor_param else None)
            paging.cursor_param = self._param(params, given, default, where, "cursor_param")
            if paging.cursor_param is None:
                return cannot("cursor_param", f"{op.operation_id} has no cursor query parameter")
        if style is PagingStyle.CURSOR:
            if "next_cursor" in rules:
                paging.next_cursor = self._path(model, str(rules["next_cursor"]), where, "next_cursor")
            elif not paging.next_cursor:
                paging.next_cursor = self._next_cursor(model, _snake(paging.cursor_param.wire_name))  # type: ignore[union-attr]
            if not paging.next_cursor:
                return cannot("next_cursor", f"{op.operation_id}'s response has no next-cursor field")
        if style is PagingStyle.CURSOR_FROM_ITEM:
            path = str(rules.get("has_more", "has_more"))
            paging.has_more = self._path(model, path, where, "has_more")
            paging.cursor_field = str(rules.get("cursor_field", "id"))
            if not paging.has_more:
                return False
        if style is PagingStyle.OFFSET:
            paging.offset_param = self._param(params, rules.get("offset_param"), ("offset",), where, "offset_param")
            if paging.offset_param is None:
                return cannot("offset_param", f"{op.operation_id} has no offset query parameter")
        if style is PagingStyle.PAGE:
            paging.page_param = self._param(params, rules.get("page_param"), ("page",), where, "page_param")
            if paging.page_param is None:
                return cannot("page_param", f"{op.operation_id} has no page query parameter")
            paging.first_page = self._first_page(node, paging.page_param)
        return True

    def _first_page(self, op: Target, param: Parameter) -> int:
        """The page a request without the page parameter gets: its default, else its minimum, else 1."""
        listed = op.get("parameters")
        for i in range(len(listed) if isinstance(listed, list) else 0):
            found = self.ctx.deref(op.child("parameters", i))
            if found.get("name") == param.wire_name and found.get("in") == "query":
                schema = self.ctx.deref(found.child("schema"))
                for key in ("default", "minimum"):
                    value = schema.get(key)
                    if isinstance(value, int) and not isinstance(value, bool):
                        return value
        return 1

    def _param(
        self, params: dict[str, Parameter], given: Any, defaults: tuple[str, ...], where: str, key: str
    ) -> Parameter | None:
        if given is not None:
            if str(given) not in params:
                self._error(join_pointer(where, key), f"no query parameter is named {given!r}")
                return None
            return params[str(given)]
        return next((params[n] for n in params if _snake(n) in defaults), None)

    def _path(self, model: ModelDecl | None, dotted: str, where: str, key: str) -> tuple[Property, ...]:
        out: list[Property] = []
        for part in dotted.split("."):
            prop = next((p for p in model.properties if p.wire_name == part), None) if model else None
            if prop is None:
                self._error(join_pointer(where, key), f"the response has no field {dotted!r}")
                return ()
            out.append(prop)
            model = model_of(prop.type.inner if isinstance(prop.type, NullableType) else prop.type)
        return tuple(out)

    def _configured_items(
        self, response: TypeInfo, dotted: str, where: str
    ) -> tuple[tuple[Property, ...], TypeInfo] | None:
        path = self._path(model_of(response), dotted, where, "items")
        items = path[-1].type.canonical() if path else None
        if isinstance(items, NullableType):
            items = items.inner.canonical()
        if not isinstance(items, ListType):
            if path:
                self._error(join_pointer(where, "items"), f"{dotted!r} is not a list")
            return None
        return path, items.item
