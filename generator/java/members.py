"""The Java client's classes and members as the Java templates are given them, and the rule that names them.

Names are camelCase (members), PascalCase (classes) and lower case (package
segments) by the naming rule (generator/naming.py), with Java's keywords and
the names the generated classes define themselves reserved here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import naming
from ..ir import (
    AliasDecl,
    ArgumentKey,
    Decl,
    NullableType,
    Operation,
    Parameter,
    Property,
    SpecText,
    TypeInfo,
    Where,
)
from ..kinds import Location

# (file, pointer, message): where a renamed source sits, and what happened to its name.
Warn = Callable[[str, str, str], None]

KEYWORDS = frozenset(
    """abstract assert boolean break byte case catch char class const continue default do double else enum
    extends final finally float for goto if implements import instanceof int interface long native new package
    private protected public return short static strictfp super switch synchronized this throw throws transient
    try void volatile while true false null var record yield sealed permits""".split()
)
# Members every generated model, enum or params class defines itself.
MEMBERS = frozenset(
    {"toString", "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize"}
    | {"toJson", "fromJson", "builder", "toBuilder", "build", "isPartial", "accepted", "rejected", "validate"}
    | {"putAdditionalProperty", "putAllAdditionalProperties", "removeAdditionalProperty"}
    | {"additionalHeaders", "additionalQueryParams", "additionalBodyProperties"}
    | {"putAdditionalHeader", "putAdditionalQueryParam", "putAdditionalBodyProperty"}
    # Fields and local names of the generated classes, which a property of the same name would shadow.
    | {"additionalProperties", "partial", "out", "other", "that", "item", "items", "object", "node", "path"}
)
# Accessors of the client and of services, which a child resource or an operation may not take.
RESOURCE_MEMBERS = MEMBERS | {"async", "sync", "options", "withOptions", "withRawResponse", "close", "context"}
# Classes the generated code refers to by their simple names (java.lang, imports, the runtime, JUnit).
TYPES = frozenset(
    {"String", "Long", "Double", "Boolean", "Object", "List", "Map", "Optional", "JsonNode", "ObjectNode"}
    | {"OffsetDateTime", "LocalDate", "Json", "Builder", "Known", "Value", "Override", "Objects", "Collections"}
    | {"Set", "ArrayList", "LinkedHashMap", "Collectors", "JsonWritable", "Duration", "CompletableFuture"}
    | {"RequestOptions", "ClientContext", "ClientOptions", "HttpResponseFor", "Outcomes", "Prepare", "ApiRequest"}
    | {"Consumer", "Test", "Assertions", "Integer", "Number", "Class", "System", "Math", "Thread", "Void"}
    | {"StreamResponse", "HttpResponse", "Function", "IOException", "UncheckedIOException"}
    | {"JsonValue", "JsonField", "Validatable"}
)


def camel(text: str, *, fallback: str = "value", reserved: frozenset[str] = frozenset()) -> str:
    """lowerCamelCase by the naming rule; Java's keywords and `reserved` get a trailing `_`."""
    return naming.camel(text, fallback=fallback, reserved=KEYWORDS | reserved)


def pascal(text: str, *, fallback: str = "Model") -> str:
    name = naming.pascal(text, fallback=fallback)
    return name + "_" if name in KEYWORDS or name in TYPES else name


def singular(word: str) -> str:
    """`instructions` -> `instruction`, `entries` -> `entry`; a word not ending in `s` is kept."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith("sses") or word.endswith("xes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 1:
        return word[:-1]
    return word


def package_segment(text: str) -> str:
    """A Java package segment: lower case letters, digits and `_`."""
    name = "_".join(naming.words(text)) or "pkg"
    if name[0].isdigit():
        name = "n" + name
    return name + "_" if name in KEYWORDS else name


@dataclass
class JavaClass:
    """Where a generated class lives: `package.Outer.Name` for a nested class."""

    name: str
    package: str
    outer: str | None = None

    @property
    def qualified(self) -> str:
        return ".".join(x for x in (self.package, self.outer, self.name) if x)

    @property
    def referenced(self) -> str:
        """How code names it once imported: `Outer.Name` for a nested class."""
        return f"{self.outer}.{self.name}" if self.outer else self.name

    @property
    def importable(self) -> str:
        """What another file imports to use it (the outer class of a nested one)."""
        return ".".join(x for x in (self.package, self.outer or self.name) if x)


@dataclass
class JavaField:
    """One field of a generated model or params class."""

    name: str  # accessor and builder method
    wire: str
    type: TypeInfo
    required: bool  # present and non-null: the accessor returns the value itself
    description: SpecText | None
    location: Location = Location.BODY
    key: ArgumentKey = (Location.BODY, "")  # the argument as the wire knows it, which example calls are keyed by
    add_name: str | None = None  # `addInstruction` for a list field
    checked_late: bool = False  # a path parameter: optional in the builder, required when the request is built
    where: Where | None = None
    param: Parameter | None = None  # a parameter's style and explode: how the request spells it

    @property
    def style_constant(self) -> str:
        """The `ApiRequest.Style` a query parameter is spelled in (`PIPE_DELIMITED` for pipeDelimited)."""
        style = self.param.style if self.param is not None else "form"
        return re.sub(r"(?<!^)(?=[A-Z])", "_", style).upper()

    @property
    def explode(self) -> bool:
        return self.param.explode if self.param is not None else True

    @property
    def default_style(self) -> bool:
        """The runtime's default spelling applies: form exploded (query, cookie), simple not exploded (path, header)."""
        return self.param is None or self.param.default_style


@dataclass(frozen=True)
class JavaCall:
    """One method a service offers for an operation (macros/service.jinja lays it out).

    `kind` says how the answer is read: `json` (decoded whole, `HttpResponseFor<T>` raw), `stream`
    (Server-Sent Events: `StreamResponse<E>`, `HttpResponseFor<StreamResponse<E>>` raw) or `file`
    (`HttpResponse`, raw too). `switch` is the body field the method sets to true itself (the
    `stream` of an operation that streams on request); `accept`, the Accept header it sends."""

    method: str
    kind: str
    returns: str
    raw_returns: str
    accept: str | None
    switch: str | None = None

    @property
    def is_stream(self) -> bool:
        return self.kind == "stream"

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


@dataclass
class JavaOperation:
    op: Operation
    method: str  # submitPositionInstructions
    params: JavaClass
    response: str  # the Java return type, "Void" when there is no body
    fields: list[JavaField] = field(default_factory=list)
    calls: list[JavaCall] = field(default_factory=list)  # the methods offered: the operation's, then its streaming twin
    events: str | None = None  # a streaming operation's event decoder (`ClientContext.jsonEvents(...)`)
    event_type: str | None = None  # the Java type of one event

    @property
    def has_body(self) -> bool:
        return self.op.body is not None

    @property
    def whole_body(self) -> bool:
        return any(f.location is Location.WHOLE_BODY for f in self.fields)

    @property
    def optional(self) -> bool:
        """The result is an Optional: some success has no body."""
        return self.response.startswith("Optional<")

    @property
    def result_type(self) -> str:
        """The result without its Optional."""
        return self.response[len("Optional<") : -1] if self.optional else self.response

    @property
    def returns_nothing(self) -> bool:
        """No success has a body: the method returns `Void`."""
        return self.response == "Void"

    @property
    def untyped(self) -> bool:
        """The result is JSON (a union of success types, or free-form): tests compare it whole."""
        return self.result_type == "JsonNode"

    @property
    def whole_field(self) -> JavaField | None:
        return next((f for f in self.fields if f.location is Location.WHOLE_BODY), None)

    @property
    def raw_body(self) -> bool:
        """Sent as it is (octet-stream, text), not as JSON or form fields."""
        return self.op.body is not None and self.op.body.encoding.is_raw


# Members and local names of a union class, which a variant's accessor may not take.
UNION_MEMBERS = MEMBERS | {"accept", "validate", "unknown", "json", "visitor", "value", "variant", "decoder", "tag"}


@dataclass(frozen=True)
class JavaVariant:
    """One variant of a union class (macros/model.jinja: `union`): `ofX`, `isX`, `asX`, `x()`, `visitX`."""

    index: int  # in the union's `variants`
    name: str  # PascalCase: `Circle`, `String`, `Strings` (a list of strings)
    field: str  # the field and its accessor: `circle`, `string`, `long_`
    type: str  # the Java type, boxed: the field's
    plain: str  # unboxed where it is a primitive (`long`): what `ofX`, `asX` and `visitX` take or give
    decoder: str  # a strict `Json.Decoder`: an enum takes only its members, a union only a known variant
    generic: bool  # the type has type arguments: the one constructor casts it unchecked


@dataclass
class JavaBatch:
    """How a batch envelope's `rejected()` and `accepted()` read its rows (macros/model.jinja lays them out)."""

    data: JavaField  # the envelope's list of rows
    row_type: str
    field: JavaField  # the row's field that says it was rejected
    enum_field: bool  # that field is an enum: its value is read with `asString()`
    values: tuple[str, ...]  # the field's values that mean rejected


@dataclass(frozen=True)
class JavaResult:
    """How one success's body becomes an operation's result (macros/service.jinja lays it out):
    a model's `fromJson`, told whether the status was partial, or a `Json.Decoder`; wrapped in
    an Optional where some success has no body."""

    model: str | None
    partial: bool
    decoder: str | None
    optional: bool


def nullable(t: TypeInfo) -> bool:
    return isinstance(t.canonical(), NullableType)


def field_of(p: Parameter | Property, location: Location) -> JavaField:
    required = p.required and not nullable(p.type)
    key = (location, p.wire_name)
    param = p if isinstance(p, Parameter) else None
    return JavaField(
        p.wire_name, p.wire_name, p.type, required, p.description, location, key, where=p.where, param=param
    )


def unique(name: str, taken: set[str]) -> str:
    given, n = name, 2
    while given in taken:
        given, n = naming.numbered(name, n), n + 1
    taken.add(given)
    return given


def closure(decls: list[Decl]) -> list[Decl]:
    """The declarations and every one they refer to, in first-met order."""
    out: dict[str, Decl] = {}
    pending = list(reversed(decls))
    while pending:
        decl = pending.pop()
        if decl.name not in out:
            out[decl.name] = decl
            pending.extend(reversed(decl.refs()))
            if isinstance(decl, AliasDecl):
                pending.extend(decl.target.canonical().decls())
    return list(out.values())


def response_decls(op: Operation) -> list[Decl]:
    out: list[Decl] = []
    for r in op.success_responses:
        if r.type is not None:
            out += r.type.decls() + r.type.canonical().decls()
    return out
