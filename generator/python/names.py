"""The Python naming service: every Python spelling the templates are given.

The IR (generator/ir.py) says *what* a client has; this module says how each
piece is spelled in Python: type annotations, decoder expressions, the
inline fast-path decode of each field, the `TypedDict` form of a request
type, method arguments, and the names of module-level constants. Templates
call these (as `py.<function>`) and only lay the results out, so a rule for
Python lives here once, and another language gets a module of its own.

Identifiers themselves (`py_name`, class and module names) are made by the
rule in generator/naming.py when the model is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..escape import all_identifiers, ident, pystr
from ..ir import (
    AnyType,
    Body,
    BytesType,
    ContainerType,
    DateTimeType,
    Decl,
    FileType,
    ListType,
    MapType,
    NullableType,
    NumericStringType,
    Operation,
    Pagination,
    PrimitiveType,
    Property,
    RefType,
    SpecText,
    TypeInfo,
)

# ------------------------------------------------------------------ types


_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


def annotation(t: TypeInfo) -> str:
    """The type of a decoded value."""
    return _spell(t, request=False)


def param_annotation(t: TypeInfo) -> str:
    """The looser type a request accepts (TypedDicts, keyword arguments)."""
    return _spell(t, request=True)


# How each container kind wraps the spelling of its child: (list, map, nullable).
_ANNOTATION = ("List[{}]", "Dict[str, {}]", "Optional[{}]")
_REQUEST = ("Sequence[{}]", "Mapping[str, {}]", "Optional[{}]")
_DECODER = ("_m.list_of({})", "_m.map_of({})", "_m.nullable({})")


def _wrap(t: TypeInfo, formats: tuple[str, str, str], leaf: Callable[[TypeInfo], str]) -> str:
    """Spell a type: each container by its format around its child's spelling, anything else by `leaf`."""
    if isinstance(t, ContainerType):
        form = formats[0] if isinstance(t, ListType) else formats[1] if isinstance(t, MapType) else formats[2]
        return form.format(_wrap(t.child, formats, leaf))
    return leaf(t)


def _spell(t: TypeInfo, request: bool) -> str:
    return _wrap(t, _REQUEST if request else _ANNOTATION, lambda leaf: _leaf_type(leaf, request))


def _leaf_type(t: TypeInfo, request: bool) -> str:
    if isinstance(t, RefType):
        return param_type_name(t.decl) if request else t.decl.name
    if isinstance(t, PrimitiveType):
        return _PRIMITIVES[t.json_type]
    if isinstance(t, DateTimeType):
        decoded = "datetime.date" if t.date_only else "datetime.datetime"
        return f"Union[str, {decoded}]" if request else decoded
    return (_REQUEST_LEAVES if request else _RESPONSE_LEAVES).get(type(t), "object")


# Leaves whose request type is looser than what a response decodes to.
_RESPONSE_LEAVES: dict[type[TypeInfo], str] = {NumericStringType: "str", FileType: "str", BytesType: "bytes"}
_REQUEST_LEAVES: dict[type[TypeInfo], str] = {
    NumericStringType: "Union[str, int, Decimal]",
    FileType: "FileTypes",
    BytesType: "FileContent",
}


def alias_annotation(t: TypeInfo, request: bool = False) -> str:
    """A type alias's value: its declarations' names quoted (forward references, so modules that
    refer to each other import in any order), the rest plain. A single quoted string would be split
    by black and left by ruff when too long; this form both format alike."""

    def leaf(t: TypeInfo) -> str:
        if isinstance(t, RefType):
            return f'"{param_type_name(t.decl) if request else t.decl.name}"'
        return _leaf_type(t, request)

    return _wrap(t, _REQUEST if request else _ANNOTATION, leaf)


def union_annotation(variants: list[TypeInfo], request: bool = False) -> str:
    return f"Union[{', '.join(alias_annotation(v, request) for v in variants)}]"


def field_annotation(prop: Property) -> str:
    """A model attribute's type: Optional when the field may be absent."""
    ann = annotation(prop.type)
    if not prop.required and not isinstance(prop.type, NullableType):
        ann = f"Optional[{ann}]"
    return ann


def field_default(prop: Property) -> str:
    """What follows a model field's annotation: ` = None` when the server may leave it out, and
    `_m.field("key")` when its JSON key is not its name (the runtime reads both, `_models.py`)."""
    if prop.py_name == prop.wire_name:
        return "" if prop.required else " = None"
    key = pystr(prop.wire_name)
    return f" = _m.field({key})" if prop.required else f" = _m.field({key}, default=None)"


def return_annotation(op: Operation) -> str:
    return annotation(op.return_type) if op.return_type else "None"


# ------------------------------------------------------------------ pages


def page_class(op: Operation, is_async: bool = False) -> str:
    """The class of an operation's pages: `ListThingsPage`, `AsyncListThingsPage`."""
    assert op.pagination is not None
    name = op.pagination.page_name
    return async_name(name) if is_async else name


def method_return(op: Operation, is_async: bool) -> str:
    """What a generated method returns: its result, a page, or (async) a paginator of pages."""
    if op.pagination is None:
        return return_annotation(op)
    if is_async:
        return f"AsyncPaginator[{annotation(op.pagination.item_type)}, {page_class(op, True)}]"
    return page_class(op)


def responses_constant(op: Operation, is_async: bool) -> str:
    """The outcome table a method passes: async pages decode into their own class."""
    return constant(op, "ASYNC_RESPONSES" if is_async and op.pagination else "RESPONSES")


def tuple_source(items: Iterable[str]) -> str:
    """A tuple of Python expressions, with the comma only a one-item tuple needs (a trailing one
    would make black explode it, one item a line)."""
    parts = list(items)
    return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"


def _tuple(texts: Iterable[str]) -> str:
    """A tuple of string literals."""
    return tuple_source(pystr(t) for t in texts)


def page_exports(op: Operation) -> list[str]:
    return [page_class(op), page_class(op, True)]


def paging(p: Pagination) -> str:
    """The runtime's `Paging(...)` for an operation: attribute paths for items, wire names for the rest."""
    items = [prop.py_name for prop in p.items] if p.items else ["items"]
    parts = [pystr(p.style), f"items={_tuple(items)}", f"raw_items={_tuple(prop.wire_name for prop in p.items)}"]
    for name, param in (("cursor_param", p.cursor_param), ("offset_param", p.offset_param)):
        if param is not None:
            parts.append(f"{name}={pystr(param.wire_name)}")
    if p.page_param is not None:
        parts.append(f"page_param={pystr(p.page_param.wire_name)}")
        if p.first_page != 1:
            parts.append(f"first_page={p.first_page}")
    for name, path in (("next_cursor", p.next_cursor), ("has_more", p.has_more)):
        if path:
            parts.append(f"{name}={_tuple(prop.wire_name for prop in path)}")
    if p.cursor_field is not None:
        parts.append(f"cursor_field={pystr(p.cursor_field)}")
    return f"Paging({', '.join(parts)})"


# ------------------------------------------------------------------ names


def param_type_name(decl: Decl) -> str:
    """The request-side type of a declaration: `<Name>Param` (a TypedDict, or a union that also takes literals)."""
    return decl.name + "Param"


def decode_function(decl: Decl) -> str | None:
    """Unions and aliases decode through a module-level function; models and enums through `from_json`."""
    return f"decode_{decl.module}" if decl.kind in ("union", "alias") else None


def exported_names(decl: Decl) -> list[str]:
    """What a declaration's module exports, in `__all__` order."""
    names = [decl.name]
    if decl.used_in_request:
        names.append(param_type_name(decl))
    function = decode_function(decl)
    if function is not None:
        names.append(function)
    return names


# How a request body is sent: the runtime's RequestOptions field for each encoding.
_BODY_OPTIONS = {
    "json": "json_body",
    "form": "form_body",
    "multipart": "multipart_body",
    "binary": "content",
    "text": "content",
}


def body_option(body: Body) -> str:
    return _BODY_OPTIONS[body.encoding]


def type_exports(decl: Decl) -> list[str]:
    """What `<package>.types` re-exports of a declaration: its types, not its decoder."""
    return [name for name in exported_names(decl) if name != decode_function(decl)]


def async_name(class_name: str) -> str:
    """The async twin of a client or resource class: `AsyncClearStreet`, `AsyncPositionsResource`."""
    return "Async" + class_name


def call_path(op: Operation, raw: bool = False) -> str:
    """The dotted path from the client to the method: `v1.positions.submit` (`with_raw_response` before it)."""
    return ".".join([*op.resource, *(["with_raw_response"] if raw else []), op.py_name])


def result_class(t: TypeInfo | None, paged: bool = False) -> str | None:
    """What a generated test checks a decoded result's class against: a model or enum of `types`,
    list or dict; None where a class would not tell (a union, a scalar), since the test compares
    the value itself anyway. A page extends its response's model; a page of a list is not a list,
    so it is checked by its items (and its class by the next-page test)."""
    c = t.canonical() if t is not None else None
    while isinstance(c, NullableType):
        c = c.inner.canonical()
    if isinstance(c, RefType) and c.decl.kind in ("model", "enum"):
        return f"types.{ident(c.decl.name)}"
    if isinstance(c, ListType):
        return None if paged else "list"
    if isinstance(c, MapType):
        return "dict"
    return None


def constant(op: Operation, what: str) -> str:
    """A module-level constant of an operation: `_<OPERATION>_<WHAT>` (RESPONSES, BODY, STYLES)."""
    return f"_{op.py_name.upper()}_{what}"


# ------------------------------------------------------------------ decoders

_RUNTIME_DECODERS = {
    NumericStringType: "_m.as_str",
    FileType: "_m.as_str",
    BytesType: "_m.as_bytes",
    AnyType: "_m.as_any",
}


def decoder(t: TypeInfo) -> str:
    """A callable expression that turns a JSON value into the typed value (or raises)."""
    return _wrap(t, _DECODER, _leaf_decoder)


def _leaf_decoder(t: TypeInfo) -> str:
    if isinstance(t, PrimitiveType):
        return f"_m.as_{_PRIMITIVES[t.json_type].lower()}"
    if isinstance(t, DateTimeType):
        return "_m.as_date" if t.date_only else "_m.as_datetime"
    if isinstance(t, RefType):
        return decode_function(t.decl) or f"{t.decl.name}.from_json"
    return _RUNTIME_DECODERS.get(type(t), "_m.as_any")


# ------------------------------------------------------------------ request types


def typed_dict_form(props: list[Property]) -> str:
    """How a request `TypedDict` is declared.

    "class" when every key is an identifier and all are required or all
    optional; "split" (a required base class and an optional subclass) when
    they are mixed; "functional" (`TypedDict("Name", {...})`) when some wire
    name is not an identifier, since only that form can spell it.
    """
    if not all_identifiers(p.wire_name for p in props):
        return "functional"
    required = [p for p in props if p.required]
    return "split" if required and len(required) < len(props) else "class"


@dataclass(frozen=True)
class Argument:
    """One argument of a generated method."""

    py_name: str
    wire_name: str
    location: str  # path | query | header | cookie | body | whole-body
    annotation: str
    required: bool
    description: SpecText | None


def arguments(op: Operation) -> list[Argument]:
    """Path parameters first (positional), then keyword-only arguments:
    required before optional, each group in spec order. Optional ones also take NOT_GIVEN."""
    path = [
        Argument(p.py_name, p.wire_name, "path", param_annotation(p.type), True, p.description)
        for p in op.parameters
        if p.location == "path"
    ]
    keyword = [
        (p.py_name, p.wire_name, p.location, p.type, p.required, p.description)
        for p in op.parameters
        if p.location != "path"
    ]
    if op.body is not None and op.body.fields is not None:
        keyword += [(f.py_name, f.wire_name, "body", f.type, f.required, f.description) for f in op.body.fields]
    elif op.body is not None and op.body.whole is not None:
        keyword.append(("body", "", "whole-body", op.body.whole, op.body.required, None))
    made = [
        Argument(name, wire, loc, param_annotation(t) if req else f"Union[{param_annotation(t)}, NotGiven]", req, doc)
        for name, wire, loc, t, req, doc in keyword
    ]
    return path + [a for a in made if a.required] + [a for a in made if not a.required]


def arguments_in(op: Operation, location: str) -> list[Argument]:
    return [a for a in arguments(op) if a.location == location]


def docstring(op: Operation) -> SpecText | None:
    """Summary, description, and an `Args:` section for the documented arguments."""
    parts: list[str] = [t for t in (op.summary, op.description) if t]
    documented = [a for a in arguments(op) if a.description]
    if documented:
        lines = [f"  {a.py_name}: {' '.join(a.description.split())}" for a in documented if a.description]
        parts.append("Args:\n" + "\n".join(lines))
    return SpecText("\n\n".join(parts)) if parts else None


def importable_names(decl: Decl) -> set[str]:
    """Every name another module may import from `decl`'s module (render.py prunes unused ones)."""
    return set(exported_names(decl))
