"""The Python naming service: every Python spelling the templates are given.

The IR (generator/ir.py) says *what* a client has; `PythonSpelling` says how
each piece is spelled in Python: type annotations, decoder expressions, the
`TypedDict` form of a request type, method arguments, and the names of
module-level constants. Templates call it as `py.<method>` and only lay the
results out, so a rule for Python lives here once.

Identifiers come from `identifiers.PythonNames`, minted once per client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..escape import all_identifiers, ident
from ..ir import (
    WHOLE_BODY,
    AnyType,
    Body,
    BytesType,
    ContainerType,
    DateTimeType,
    Decl,
    EnumMember,
    FileType,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    NumericStringType,
    Operation,
    PrimitiveType,
    Property,
    RefType,
    Resource,
    SpecText,
    SpecValue,
    TypeInfo,
)
from ..kinds import DeclKind, Encoding, Kind, Location
from .identifiers import PythonNames

_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}

# How each container kind wraps the spelling of its child: (list, map, nullable).
_ANNOTATION = ("List[{}]", "Dict[str, {}]", "Optional[{}]")
_REQUEST = ("Sequence[{}]", "Mapping[str, {}]", "Optional[{}]")
_DECODER = ("_m.list_of({})", "_m.map_of({})", "_m.nullable({})")

# Leaves whose request type is looser than what a response decodes to.
_RESPONSE_LEAVES: dict[type[TypeInfo], str] = {NumericStringType: "str", FileType: "str", BytesType: "BinaryResponse"}
_REQUEST_LEAVES: dict[type[TypeInfo], str] = {
    NumericStringType: "Union[str, int, Decimal]",
    FileType: "FileTypes",
    BytesType: "FileContent",
}

_RUNTIME_DECODERS = {
    NumericStringType: "_m.as_str",
    FileType: "_m.as_str",
    BytesType: "_m.as_binary",
    AnyType: "_m.as_any",
}

# How a request body is sent: the runtime's RequestOptions field for each encoding.
_BODY_OPTIONS = {
    Encoding.JSON: "json_body",
    Encoding.FORM: "form_body",
    Encoding.MULTIPART: "multipart_body",
    Encoding.BINARY: "content",
    Encoding.TEXT: "content",
}


def _wrap(t: TypeInfo, formats: tuple[str, str, str], leaf: Callable[[TypeInfo], str]) -> str:
    """Spell a type: each container by its format around its child's spelling, anything else by `leaf`."""
    if isinstance(t, ContainerType):
        form = formats[0] if isinstance(t, ListType) else formats[1] if isinstance(t, MapType) else formats[2]
        return form.format(_wrap(t.child, formats, leaf))
    return leaf(t)


def tuple_source(items: Iterable[str]) -> str:
    """A tuple of Python expressions, with the comma only a one-item tuple needs (a trailing one
    would make black explode it, one item a line)."""
    parts = list(items)
    return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"


def async_name(class_name: str) -> str:
    """The async twin of a client or resource class: `AsyncClearStreet`, `AsyncPositionsResource`."""
    return "Async" + class_name


class TypedDictForm(Kind):
    """How a request `TypedDict` is declared (`typed_dict_form`)."""

    CLASS = "class"
    SPLIT = "split"
    FUNCTIONAL = "functional"


def typed_dict_form(props: list[Property]) -> TypedDictForm:
    """How a request `TypedDict` is declared.

    "class" when every key is an identifier and all are required or all
    optional; "split" (a required base class and an optional subclass) when
    they are mixed; "functional" (`TypedDict("Name", {...})`) when some wire
    name is not an identifier, since only that form can spell it.
    """
    if not all_identifiers(p.wire_name for p in props):
        return TypedDictForm.FUNCTIONAL
    required = [p for p in props if p.required]
    return TypedDictForm.SPLIT if required and len(required) < len(props) else TypedDictForm.CLASS


def body_option(body: Body) -> str:
    return _BODY_OPTIONS[body.encoding]


@dataclass(frozen=True)
class Argument:
    """One argument of a generated method."""

    py_name: str
    wire_name: str
    location: Location
    annotation: str
    required: bool
    description: SpecText | None


# Where `ArgumentsAt` sorts arguments to, in its fields' order.
_PLACES = (Location.PATH, Location.QUERY, Location.HEADER, Location.COOKIE, Location.BODY)


@dataclass(frozen=True)
class ArgumentsAt:
    """A method's arguments by where they go (a body passed whole is in none of these)."""

    path: list[Argument]
    query: list[Argument]
    header: list[Argument]
    cookie: list[Argument]
    body: list[Argument]


@dataclass(frozen=True)
class StreamOverload:
    """One `typing.overload` of a method whose `stream` argument chooses the answer."""

    switch: str  # the switch argument's annotation
    optional: bool  # does it keep its `= NOT_GIVEN` default?
    returns: str


class PythonSpelling:
    """How one client's pieces are spelled in Python; templates call it as `py`."""

    def __init__(self, names: PythonNames) -> None:
        self.names = names
        self.tuple_source = tuple_source
        self.async_name = async_name
        self.typed_dict_form = typed_dict_form
        self.body_option = body_option

    # ------------------------------------------------------------ identifiers

    def cls(self, decl: Decl) -> str:
        return self.names.cls(decl)

    def module(self, decl: Decl) -> str:
        return self.names.module(decl)

    def attr(self, prop: Property) -> str:
        return self.names.attribute(prop)

    def member(self, member: EnumMember) -> str:
        return self.names.member(member)

    def method(self, op: Operation) -> str:
        return self.names.method(op)

    def resource_class(self, resource: Resource) -> str:
        return self.names.resource_class(resource)

    def children(self, resource: Resource) -> list[tuple[str, Resource]]:
        return self.names.children(resource)

    def segment(self, segment: str) -> str:
        return self.names.segment(segment)

    def has_request_id_field(self, decl: ModelDecl) -> bool:
        """Does the model name an attribute `request_id` itself (the runtime then adds none)?"""
        return any(self.attr(p) == "request_id" for p in decl.properties)

    # ------------------------------------------------------------ types

    def annotation(self, t: TypeInfo) -> str:
        """The type of a decoded value."""
        return _wrap(t, _ANNOTATION, lambda leaf: self._leaf_type(leaf, False))

    def param_annotation(self, t: TypeInfo) -> str:
        """The looser type a request accepts (TypedDicts, keyword arguments)."""
        return _wrap(t, _REQUEST, lambda leaf: self._leaf_type(leaf, True))

    def _leaf_type(self, t: TypeInfo, request: bool) -> str:
        if isinstance(t, RefType):
            return self.param_type_name(t.decl) if request else self.cls(t.decl)
        if isinstance(t, PrimitiveType):
            return _PRIMITIVES[t.json_type]
        if isinstance(t, DateTimeType):
            decoded = "datetime.date" if t.date_only else "datetime.datetime"
            return f"Union[str, {decoded}]" if request else decoded
        return (_REQUEST_LEAVES if request else _RESPONSE_LEAVES).get(type(t), "object")

    def alias_annotation(self, t: TypeInfo, request: bool = False) -> str:
        """A type alias's value: its declarations' names quoted (forward references, so modules that
        refer to each other import in any order), the rest plain. A single quoted string would be split
        by black and left by ruff when too long; this form both format alike."""

        def leaf(t: TypeInfo) -> str:
            if isinstance(t, RefType):
                return f'"{self.param_type_name(t.decl) if request else self.cls(t.decl)}"'
            return self._leaf_type(t, request)

        return _wrap(t, _REQUEST if request else _ANNOTATION, leaf)

    def union_annotation(self, variants: list[TypeInfo], request: bool = False) -> str:
        return f"Union[{', '.join(self.alias_annotation(v, request) for v in variants)}]"

    def field_annotation(self, prop: Property) -> str:
        """A model attribute's type: Optional when the field may be absent."""
        ann = self.annotation(prop.type)
        if not prop.required and not isinstance(prop.type, NullableType):
            ann = f"Optional[{ann}]"
        return ann

    def field_key(self, prop: Property) -> str | None:
        """A model field's JSON key where it is not the attribute's name (`_m.field(key)`), else None."""
        return None if self.attr(prop) == prop.wire_name else prop.wire_name

    def return_annotation(self, op: Operation) -> str:
        return self.annotation(op.return_type) if op.return_type else "None"

    # ------------------------------------------------------------ pages

    def page_class(self, op: Operation, is_async: bool = False) -> str:
        """The class of an operation's pages: `ListThingsPage`, `AsyncListThingsPage`."""
        assert op.pagination is not None
        name = op.pagination.page_name
        return async_name(name) if is_async else name

    def method_return(self, op: Operation, is_async: bool) -> str:
        """What a generated method returns: its result, a page, (async) a paginator of pages, or a stream."""
        if op.streaming is not None:
            stream = self.stream_class(op, is_async)
            return stream if op.streams_always else f"Union[{self.return_annotation(op)}, {stream}]"
        if op.pagination is None:
            return self.return_annotation(op)
        if is_async:
            return f"AsyncPaginator[{self.annotation(op.pagination.item_type)}, {self.page_class(op, True)}]"
        return self.page_class(op)

    def responses_constant(self, op: Operation, is_async: bool) -> str:
        """The outcome table a method passes: async pages decode into their own class."""
        return self.constant(op, "ASYNC_RESPONSES" if is_async and op.pagination else "RESPONSES")

    # ------------------------------------------------------------ streams

    def stream_class(self, op: Operation, is_async: bool) -> str:
        """`Stream[Event]` (`AsyncStream[Event]`): what a streaming call returns."""
        assert op.streaming is not None
        return f"{'AsyncStream' if is_async else 'Stream'}[{self.annotation(op.streaming.event)}]"

    def events(self, op: Operation) -> str:
        """The runtime's `Events` of a streaming operation: how one event's `data` is decoded."""
        assert op.streaming is not None
        event = op.streaming.event.canonical()
        if isinstance(event, PrimitiveType) and event.json_type == "string":
            return "Events(_m.as_str, text=True)"
        return f"Events({self.decoder(event)})"

    def stream_switch(self, op: Operation) -> str:
        """The argument that asks for the stream (`stream`)."""
        assert op.streaming is not None and op.streaming.switch is not None
        return self.names.argument(op, (Location.BODY, op.streaming.switch.wire_name))

    def stream_overloads(self, op: Operation, is_async: bool) -> list[StreamOverload]:
        """The `typing.overload`s of an operation the switch streams: off (or not given) returns the
        result, `True` a stream, a plain `bool` either; type checkers pick one from the argument."""
        assert op.streaming is not None and op.streaming.switch is not None
        result, stream = self.return_annotation(op), self.stream_class(op, is_async)
        switch = op.streaming.switch
        nullable = isinstance(switch.type.canonical(), NullableType)  # null asks for the result too
        off = ["Literal[False]", *(["None"] if nullable else []), *([] if switch.required else ["NotGiven"])]
        either = "Optional[bool]" if nullable else "bool"
        return [
            StreamOverload(f"Union[{', '.join(off)}]" if len(off) > 1 else off[0], not switch.required, result),
            StreamOverload("Literal[True]", False, stream),
            StreamOverload(either, False, f"Union[{result}, {stream}]"),
        ]

    def page_exports(self, op: Operation) -> list[str]:
        return [self.page_class(op), self.page_class(op, True)]

    def item_attributes(self, op: Operation) -> list[str]:
        """The attribute path from a page's response to its list of items (`["items"]` for a bare list)."""
        assert op.pagination is not None
        return [self.attr(prop) for prop in op.pagination.items] if op.pagination.items else ["items"]

    # ------------------------------------------------------------ names

    def param_type_name(self, decl: Decl) -> str:
        """The request-side type of a declaration: `<Name>Param` (a TypedDict, or a union that also takes literals)."""
        return self.names.param_type(decl)

    def decode_function(self, decl: Decl) -> str | None:
        """Unions and aliases decode through a module-level function; models and enums through `from_json`."""
        return f"decode_{self.module(decl)}" if decl.kind in (DeclKind.UNION, DeclKind.ALIAS) else None

    def exported_names(self, decl: Decl) -> list[str]:
        """What a declaration's module exports, in `__all__` order."""
        names = [self.cls(decl)]
        if decl.used_in_request:
            names.append(self.param_type_name(decl))
        function = self.decode_function(decl)
        if function is not None:
            names.append(function)
        return names

    def type_exports(self, decl: Decl) -> list[str]:
        """What `<package>.types` re-exports of a declaration: its types, not its decoder."""
        return [name for name in self.exported_names(decl) if name != self.decode_function(decl)]

    def call_path(self, op: Operation, raw: bool = False) -> str:
        """The dotted path from the client to the method: `v1.positions.submit` (`with_raw_response` before it)."""
        return ".".join([*self.names.path(op.resource), *(["with_raw_response"] if raw else []), self.method(op)])

    def result_class(self, t: TypeInfo | None, paged: bool = False) -> str | None:
        """What a generated test checks a decoded result's class against: a model or enum of `types`,
        list or dict; None where a class would not tell (a union, a scalar), since the test compares
        the value itself anyway. A page extends its response's model; a page of a list is not a list,
        so it is checked by its items (and its class by the next-page test)."""
        c = t.canonical() if t is not None else None
        while isinstance(c, NullableType):
            c = c.inner.canonical()
        if isinstance(c, RefType) and c.decl.kind in (DeclKind.MODEL, DeclKind.ENUM):
            return f"types.{ident(self.cls(c.decl))}"
        if isinstance(c, ListType):
            return None if paged else "list"
        if isinstance(c, MapType):
            return "dict"
        return None

    def constant(self, op: Operation, what: str) -> str:
        """A module-level constant of an operation: `_<OPERATION>_<WHAT>` (RESPONSES, BODY, STYLES)."""
        return f"_{self.method(op).upper()}_{what}"

    # ------------------------------------------------------------ decoders

    def decoder(self, t: TypeInfo) -> str:
        """A callable expression that turns a JSON value into the typed value (or raises)."""
        return _wrap(t, _DECODER, self._leaf_decoder)

    def _leaf_decoder(self, t: TypeInfo) -> str:
        if isinstance(t, PrimitiveType):
            return f"_m.as_{_PRIMITIVES[t.json_type].lower()}"
        if isinstance(t, DateTimeType):
            return "_m.as_date" if t.date_only else "_m.as_datetime"
        if isinstance(t, RefType):
            return self.decode_function(t.decl) or f"{self.cls(t.decl)}.from_json"
        return _RUNTIME_DECODERS.get(type(t), "_m.as_any")

    # ------------------------------------------------------------ arguments

    def arguments(self, op: Operation) -> list[Argument]:
        """Path parameters first (positional), then keyword-only arguments:
        required before optional, each group in spec order. Optional ones also take NOT_GIVEN."""
        named = self.names.argument
        path = [
            Argument(
                named(op, (p.location, p.wire_name)),
                p.wire_name,
                p.location,
                self.param_annotation(p.type),
                True,
                p.description,
            )
            for p in op.path_parameters
        ]
        keyword = [
            (named(op, (p.location, p.wire_name)), p.wire_name, p.location, p.type, p.required, p.description)
            for p in op.other_parameters
        ]
        if op.body is not None and op.body.fields is not None:
            keyword += [
                (named(op, (Location.BODY, f.wire_name)), f.wire_name, Location.BODY, f.type, f.required, f.description)
                for f in op.body.fields
            ]
        elif op.body is not None and op.body.whole is not None:
            whole = op.body.whole
            keyword.append((named(op, WHOLE_BODY), "", Location.WHOLE_BODY, whole, op.body.required, None))
        made = [
            Argument(
                name,
                wire,
                loc,
                self.param_annotation(t) if req else f"Union[{self.param_annotation(t)}, NotGiven]",
                req,
                doc,
            )
            for name, wire, loc, t, req, doc in keyword
        ]
        return path + [a for a in made if a.required] + [a for a in made if not a.required]

    def arguments_at(self, op: Operation) -> ArgumentsAt:
        """The arguments by where they go: `.path`, `.query`, `.header`, `.cookie`, `.body`."""
        args = self.arguments(op)
        return ArgumentsAt(*([a for a in args if a.location is place] for place in _PLACES))

    def example_args(self, op: Operation) -> list[tuple[str, SpecValue]]:
        """The documented example call's keyword arguments: (argument name, value)."""
        return [(self.names.argument(op, key), value) for key, value in op.example_args]

    def docstring(self, op: Operation) -> SpecText | None:
        """Summary, description, and an `Args:` section for the documented arguments."""
        parts: list[str] = [t for t in (op.summary, op.description) if t]
        documented = [a for a in self.arguments(op) if a.description]
        if documented:
            lines = [f"  {a.py_name}: {' '.join(a.description.split())}" for a in documented if a.description]
            parts.append("Args:\n" + "\n".join(lines))
        return SpecText("\n\n".join(parts)) if parts else None

    def importable_names(self, decl: Decl) -> set[str]:
        """Every name another module may import from `decl`'s module (render.py prunes unused ones)."""
        return set(self.exported_names(decl))
