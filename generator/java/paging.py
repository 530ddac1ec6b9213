"""How a Java list operation pages (README, "Pagination"): its page classes and the Java
expressions their templates (package/Page.java.jinja, package/PageAsync.java.jinja) lay out.

The IR's `Pagination` says how pages follow each other; here that becomes Java read
through the typed response (`Optional` chains over the models' accessors) and the params
class's builder. An operation whose parameters Java could not set (a cursor parameter that
is not a string, an offset or page parameter that is not an integer) or whose response is
nullable keeps its plain result: it is not paged in Java.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ir import ModelDecl, NullableType, Property, TypeInfo, model_of
from ..kinds import Location, PagingStyle
from .members import JavaClass, JavaField, JavaOperation
from .types import JavaTypes

# What a page class defines itself: a response field of one of these names is read through `response()`.
PAGE_MEMBERS = frozenset(
    {"items", "response", "hasNextPage", "nextPage", "nextPageParams", "autoPager", "of"}
    | {"toString", "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize"}
)


@dataclass
class JavaPaging:
    """One operation's page classes, and the Java that reads and advances its pages.

    Expressions read `response` (the typed response), `params` (the request's params),
    `items` (this page's items, a list) and `last` (its last item)."""

    style: PagingStyle
    page: JavaClass
    page_async: JavaClass
    item: str  # the Java type of one item
    items: str  # this page's items: List<item>
    delegates: list[JavaField] = field(default_factory=list)  # the response's fields the page offers too
    param: JavaField | None = None  # the params field that moves: cursor, offset or page
    current: str = ""  # that field's value in `params`, as an Optional
    next_cursor: str = ""  # cursor: Optional<String>
    has_more: str = ""  # cursor_from_item: boolean
    item_cursor: str = ""  # cursor_from_item: Optional<String>, of `last`
    first_page: int = 1
    types: list[TypeInfo] = field(default_factory=list)  # what the page classes name, for imports

    @property
    def link(self) -> bool:
        return self.style is PagingStyle.LINK


def _strip(t: TypeInfo) -> TypeInfo:
    c = t.canonical()
    return c.inner if isinstance(c, NullableType) else t


def paging_of(j: JavaTypes, jop: JavaOperation) -> JavaPaging | None:
    op = jop.op
    p = op.pagination
    if p is None or jop.optional or jop.calls[0].kind != "json" or op.return_type is None:
        return None
    name = j.operation_class(op, "Page")
    page = JavaClass(name, jop.params.package)
    out = JavaPaging(p.style, page, JavaClass(name + "Async", page.package), j.type(p.item_type, boxed=True), "")
    out.types = [op.return_type, p.item_type]
    root = model_of(op.return_type)
    if p.items:
        path = _path(j, "response", root, p.items)
        if path is None:
            return None
        required = _direct(j, root, p.items)
        out.items = "response" + required if required is not None else path + ".orElse(List.of())"
    else:
        out.items = "response"
    if root is not None:
        out.delegates = [f for f in j.fields(root) if f.name not in PAGE_MEMBERS]
        out.types += [f.type for f in out.delegates]

    def param(wanted: object, java_type: str) -> JavaField | None:
        found = next((f for f in jop.fields if f.location is Location.QUERY and f.wire == wanted), None)
        if found is None or j.type(found.type) != java_type:
            return None
        out.param = found
        getter = f"params.{found.name}()"
        out.current = f"Optional.of({getter})" if found.required else getter
        return found

    style = p.style
    if style is PagingStyle.CURSOR or style is PagingStyle.CURSOR_FROM_ITEM:
        if p.cursor_param is None or param(p.cursor_param.wire_name, "String") is None:
            return None
    if style is PagingStyle.CURSOR:
        cursor = _path(j, "response", root, p.next_cursor, text=True)
        if cursor is None:
            return None
        out.next_cursor = cursor
    elif style is PagingStyle.CURSOR_FROM_ITEM:
        has_more = _path(j, "response", root, p.has_more)
        item_model = model_of(p.item_type)
        by_wire = {prop.wire_name: prop for prop in item_model.properties} if item_model else {}
        prop = by_wire.get(p.cursor_field or "")
        item_cursor = _path(j, "last", item_model, (prop,), text=True) if prop else None
        if has_more is None or item_cursor is None:
            return None
        out.has_more = has_more + ".orElse(false)"
        out.item_cursor = item_cursor
    elif style is PagingStyle.OFFSET:
        if p.offset_param is None or param(p.offset_param.wire_name, "long") is None:
            return None
    elif style is PagingStyle.PAGE:
        if p.page_param is None or param(p.page_param.wire_name, "long") is None:
            return None
        out.first_page = p.first_page
    return out


def _path(
    j: JavaTypes, root: str, model: ModelDecl | None, path: tuple[Property, ...], text: bool = False
) -> str | None:
    """An `Optional` of the value at `path` (property steps from `model`), read through the
    typed accessors of `root`; `text`: as a String. None when a step is not a generated field."""
    expr = f"Optional.of({root})"
    last: TypeInfo | None = None
    for prop in path:
        if model is None:
            return None
        f = next((f for f in j.fields(model) if f.wire == prop.wire_name), None)
        if f is None:
            return None
        expr += f".map(v -> v.{f.name}())" if f.required else f".flatMap(v -> v.{f.name}())"
        last = _strip(prop.type)
        model = model_of(last)
    if last is None:
        return None
    if text and j.type(last, boxed=True) != "String":
        expr += ".map(String::valueOf)"
    return expr


def _direct(j: JavaTypes, model: ModelDecl | None, path: tuple[Property, ...]) -> str | None:
    """`.a().b()`: the accessors that read `path` when every step is required; else None."""
    out = ""
    for prop in path:
        f = next((f for f in j.fields(model) if f.wire == prop.wire_name), None) if model else None
        if f is None or not f.required:
            return None
        out += f".{f.name}()"
        model = model_of(_strip(prop.type))
    return out
