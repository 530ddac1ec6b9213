"""Stage 4's output: the typed intermediate model every target language renders.

Nothing here knows about OpenAPI documents, Jinja, or any one language. The
model says *what* the client has (types, declarations, operations, their
outcome tables, request plans, the resource tree) with the names the wire
uses: property, parameter and enum values as the spec spells them, and
operation ids. Each target's naming service (generator/python/identifiers.py,
generator/java/names.py) mints that language's identifiers from them, with
its own reserved words, and says how each piece is spelled. Each type kind is
one class whose `kind` names the template macro that renders it; each
declaration kind likewise.

The few names the model does hold are neutral: a declaration's `name`, a page
class's `page_name` and the client's `client_class` are PascalCase words, and
resource path segments and the `package` are snake_case words, all made by
the rule in generator/naming.py and unique within their namespace however a
target cases them. A target escapes its own reserved words.

Spec text (descriptions, summaries, titles) is carried as `SpecText`, which the
renderer refuses to print unless it goes through an escaping filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .kinds import (
    Content,
    DeclKind,
    Encoding,
    JsonType,
    Location,
    NumberKind,
    PagingStyle,
    ParameterStyle,
    PlanKind,
    TypeKind,
    ValueType,
)

# The media type of Server-Sent Events: an operation that answers with it streams.
EVENT_STREAM = "text/event-stream"


def media_base(content_type: str) -> str:
    """`application/json; charset=utf-8` -> `application/json`."""
    return content_type.split(";")[0].strip().lower()


class SpecText(str):
    """Text copied from the spec. Must pass an escaping filter to be rendered."""


@dataclass(frozen=True)
class SpecValue:
    """A JSON value copied from the spec (an example). Rendered only through a
    literal filter (`pyliteral` for Python), which writes it as a value."""

    value: object


@dataclass(frozen=True)
class Where:
    """Where a thing sits in the spec (a document's name and a JSON pointer), so that a target's
    naming service can place a warning about the identifier it gives that thing."""

    file: str
    pointer: str


# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class StatusError:
    """One exception class of the generated client, for one HTTP status (or a range)."""

    name: str
    status: int | None  # None: the class for a range, named by `base_of_range`
    parent: str  # the class it derives from
    doc: str  # its docstring: generic, true of any API

    @property
    def narrows(self) -> bool:
        """Derives from another status's class (ServiceUnavailableError from InternalServerError)."""
        return self.parent != "APIStatusError"


# The generated clients' exception classes for HTTP errors: the one table.
# It feeds the runtime's errors module, the package's exports, the README's
# table and the generated tests. Parents come before their children. A status
# not listed maps to InternalServerError (5xx) or APIStatusError (others).
STATUS_ERRORS: tuple[StatusError, ...] = (
    StatusError("BadRequestError", 400, "APIStatusError", "400: the request failed validation."),
    StatusError("AuthenticationError", 401, "APIStatusError", "401: the API key is missing, wrong or expired."),
    StatusError("PermissionDeniedError", 403, "APIStatusError", "403: the API key may not do this."),
    StatusError(
        "NotFoundError", 404, "APIStatusError", "404: the resource, or something the request refers to, does not exist."
    ),
    StatusError(
        "ConflictError", 409, "APIStatusError", "409: the request conflicts with the current state, e.g. a duplicate."
    ),
    StatusError(
        "UnprocessableEntityError", 422, "APIStatusError", "422: the request was understood but cannot be processed."
    ),
    StatusError("RateLimitError", 429, "APIStatusError", "429: too many requests."),
    StatusError("InternalServerError", None, "APIStatusError", "5xx: the server failed."),
    StatusError(
        "ServiceUnavailableError",
        503,
        "InternalServerError",
        "503: the service, or a system behind it, is unavailable.",
    ),
)


def error_class_for(status: int) -> str:
    """The exception class a response with this status raises."""
    for error in STATUS_ERRORS:
        if error.status == status:
            return error.name
    return "InternalServerError" if status >= 500 else "APIStatusError"


# ---------------------------------------------------------------- type kinds


class TypeInfo:
    """A type of a JSON value. Targets spell it (python/names.py: `annotation`)."""

    kind: ClassVar[TypeKind]

    def decls(self) -> list[Decl]:
        """Declarations this type refers to, for imports."""
        return []

    def canonical(self) -> TypeInfo:
        """The type with aliases looked through: what a decoder decodes."""
        return self


@dataclass(frozen=True, eq=True)
class PrimitiveType(TypeInfo):
    kind: ClassVar[TypeKind] = TypeKind.PRIMITIVE
    json_type: JsonType


@dataclass(frozen=True)
class DateTimeType(TypeInfo):
    """`format: date-time` (or `date`) strings, decoded to the language's date types."""

    kind: ClassVar[TypeKind] = TypeKind.DATETIME
    date_only: bool = False


@dataclass(frozen=True)
class NumericStringType(TypeInfo):
    """A string the API reads as a number. Requests also take numbers,
    checked and sent in canonical form (config `positive_integer_strings`)."""

    kind: ClassVar[TypeKind] = TypeKind.NUMERIC_STRING


@dataclass(frozen=True)
class FileType(TypeInfo):
    """`format: binary` inside a multipart body: a file the caller uploads.

    In a JSON response the same schema can only be a string.
    """

    kind: ClassVar[TypeKind] = TypeKind.FILE


@dataclass(frozen=True)
class BytesType(TypeInfo):
    """A whole body that is not JSON or text: octet-stream uploads and downloads."""

    kind: ClassVar[TypeKind] = TypeKind.BYTES


@dataclass(frozen=True)
class AnyType(TypeInfo):
    """Any JSON value: free-form schemas, and the nearest type for what is unsupported."""

    kind: ClassVar[TypeKind] = TypeKind.ANY


class ContainerType(TypeInfo):
    """A type made of one other type (`child`): a list of it, a map to it, or it-or-null."""

    @property
    def child(self) -> TypeInfo:
        raise NotImplementedError

    def decls(self) -> list[Decl]:
        return self.child.decls()


@dataclass(frozen=True)
class ListType(ContainerType):
    kind: ClassVar[TypeKind] = TypeKind.LIST
    item: TypeInfo

    @property
    def child(self) -> TypeInfo:
        return self.item


@dataclass(frozen=True)
class MapType(ContainerType):
    """A JSON object with string keys and values of one type (`additionalProperties`)."""

    kind: ClassVar[TypeKind] = TypeKind.MAP
    value: TypeInfo

    @property
    def child(self) -> TypeInfo:
        return self.value


@dataclass(frozen=True)
class NullableType(ContainerType):
    kind: ClassVar[TypeKind] = TypeKind.NULLABLE
    inner: TypeInfo

    @property
    def child(self) -> TypeInfo:
        return self.inner


@dataclass(frozen=True)
class RefType(TypeInfo):
    """A reference to a named declaration (model, enum, union or alias)."""

    kind: ClassVar[TypeKind] = TypeKind.REF
    decl: Decl

    def decls(self) -> list[Decl]:
        return [self.decl]

    def canonical(self) -> TypeInfo:
        """Aliases looked through, iteratively; an alias chain that closes on itself (which
        `resolve` refuses before anything is built) reads as untyped rather than looping."""
        current: TypeInfo = self
        seen: set[str] = set()
        while isinstance(current, RefType) and isinstance(current.decl, AliasDecl):
            if current.decl.name in seen:
                return AnyType()
            seen.add(current.decl.name)
            current = current.decl.target
        return current

    def __hash__(self) -> int:
        return hash(self.decl.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RefType) and other.decl.name == self.decl.name


def model_of(t: TypeInfo | None) -> ModelDecl | None:
    """The model a value of type `t` decodes to, aliases looked through; None for any other type."""
    decoded = t.canonical() if t is not None else None
    if isinstance(decoded, RefType) and isinstance(decoded.decl, ModelDecl):
        return decoded.decl
    return None


# ------------------------------------------------------------- declarations


@dataclass(eq=False)
class Property:
    wire_name: str
    type: TypeInfo
    required: bool
    description: SpecText | None = None
    where: Where | None = None


@dataclass(eq=False)
class BatchInfo:
    """Helpers generated on a batch envelope (see README, "Partial batches")."""

    data: Property
    error: Property | None
    row: ModelDecl
    rejected_field: Property | None = None
    rejected_values: tuple[str, ...] = ()


@dataclass(eq=False)
class Decl:
    kind: ClassVar[DeclKind]
    name: str  # PascalCase words, unique in the package's one namespace of type names
    source: str  # "file#/pointer" it was built from, for messages
    description: SpecText | None = None
    used_in_request: bool = False

    def refs(self) -> list[Decl]:
        return []

    @property
    def where(self) -> Where:
        """`source` as a place, for a warning about the name a target gives this declaration."""
        file, _, pointer = self.source.partition("#")
        return Where(file, pointer)


@dataclass(eq=False)
class ModelDecl(Decl):
    kind: ClassVar[DeclKind] = DeclKind.MODEL
    properties: list[Property] = field(default_factory=list)
    batch: BatchInfo | None = None
    # Filled in before the first attempt when a request row lacks it.
    idempotency_key: Property | None = None
    # Returned by an operation: gets a `request_id` property.
    is_result: bool = False

    def refs(self) -> list[Decl]:
        out: list[Decl] = []
        for prop in self.properties:
            out.extend(prop.type.decls())
        return out


@dataclass(eq=False)
class EnumMember:
    value: str | int


@dataclass(eq=False)
class EnumDecl(Decl):
    kind: ClassVar[DeclKind] = DeclKind.ENUM
    value_type: ValueType = ValueType.STR
    members: list[EnumMember] = field(default_factory=list)


@dataclass(eq=False)
class UnionDecl(Decl):
    kind: ClassVar[DeclKind] = DeclKind.UNION
    variants: list[TypeInfo] = field(default_factory=list)
    # From `discriminator`: the property that names the variant, and each
    # value with the variant it selects (explicit mapping first, then the
    # implicit schema names), in a stable order.
    # How a value decodes (tag first, then variants best match first) is generator/unions.py's.
    discriminator: SpecText | None = None
    tags: list[tuple[SpecText, TypeInfo]] = field(default_factory=list)

    def refs(self) -> list[Decl]:
        return [d for v in self.variants for d in v.decls()]


@dataclass(eq=False)
class AliasDecl(Decl):
    kind: ClassVar[DeclKind] = DeclKind.ALIAS
    target: TypeInfo = field(default_factory=AnyType)

    def refs(self) -> list[Decl]:
        return self.target.decls()


# --------------------------------------------------------------- operations


@dataclass(eq=False)
class Parameter:
    wire_name: str
    location: Location  # one of PARAMETER_LOCATIONS
    type: TypeInfo
    required: bool
    description: SpecText | None = None
    example: SpecValue | None = None
    # How a list or object value is serialized (OpenAPI `style`/`explode`).
    style: ParameterStyle = "form"
    explode: bool = True
    where: Where | None = None

    @property
    def default_style(self) -> bool:
        """True when the runtime's defaults for this location already apply."""
        if self.location in (Location.QUERY, Location.COOKIE):
            return self.style == "form" and self.explode
        return self.style == "simple" and not self.explode


@dataclass(eq=False)
class Body:
    content_type: str
    required: bool
    # Flattened into keyword arguments when the body is an object model.
    fields: list[Property] | None
    # Otherwise passed whole as `body=`.
    whole: TypeInfo | None = None
    encoding: Encoding = Encoding.JSON

    @property
    def sends_content_type(self) -> bool:
        """Raw bodies name their type; JSON ones only when it is not plain application/json
        (`application/merge-patch+json`); form and multipart get theirs from the encoding."""
        if self.encoding.is_raw:
            return True
        base = self.content_type.split(";")[0].strip().lower()
        return self.encoding is Encoding.JSON and base != "application/json" and "*" not in base


@dataclass(frozen=True)
class Outcome:
    """How the client reads one success status: the outcome table of an operation.

    `type` is None for a success without a body. When an operation declares no
    success at all, its table holds one outcome for "2XX" without a body.
    """

    status: str  # "200", "2XX", "default"
    type: TypeInfo | None
    partial: bool
    content: Content


@dataclass(eq=False)
class Response:
    status: str  # "200", "2XX", "default"
    type: TypeInfo | None  # None: no body
    partial: bool
    description: SpecText | None = None
    # 2xx responses; or `default` when the operation documents no 2xx.
    is_success: bool = False
    # (name or None, value) of each documented example of the body.
    examples: list[tuple[str | None, SpecValue]] = field(default_factory=list)
    content: Content = Content.JSON  # how the body is read
    content_type: str | None = None
    # Documented examples (by name, None for `example`) that break the schema: why each does.
    broken_examples: dict[str | None, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Streaming:
    """A success answered as Server-Sent Events (`text/event-stream`).

    `event` is the type of one event's `data`: the schema of the event-stream
    media type, or the one the config names. `switch` is the boolean body field
    that asks for the stream (`stream: true`, as OpenAI's and Anthropic's APIs
    have): the operation then answers its other success type without it. With
    no switch, every call streams.
    """

    event: TypeInfo
    switch: Property | None
    status: str  # the success status the stream comes with
    where: Where


# ------------------------------------------------------ request preparation
# A plan says what the runtime must do to a request body before the first
# attempt: canonical numeric strings, generated idempotency keys. Rendered by
# `templates/python/macros/plans.jinja`, applied by the runtime's `_prepare.py`.


@dataclass(eq=False)
class NumericPlan:
    kind: ClassVar[PlanKind] = PlanKind.NUMERIC
    number_kind: NumberKind
    nullable: bool = False


@dataclass(eq=False)
class EachPlan:
    kind: ClassVar[PlanKind] = PlanKind.EACH
    item: Plan


@dataclass(eq=False)
class ObjectPlan:
    kind: ClassVar[PlanKind] = PlanKind.OBJECT
    fields: dict[str, Plan]  # wire name -> plan
    key: str | None = None  # wire name of the idempotency key


Plan = NumericPlan | EachPlan | ObjectPlan


@dataclass(eq=False)
class Pagination:
    """How an operation's pages follow each other (README, "Pagination").

    `style` is one of:
    - "cursor": the next request sends, in `cursor_param`, the value found at
      `next_cursor` in the body; no value (null, empty, absent) ends the list;
    - "cursor_from_item": while the body's `has_more` is true, the next request
      sends the last item's `cursor_field` in `cursor_param` (Stripe);
    - "offset": `offset_param` advances by the number of items received;
    - "page": `page_param` advances by one;
    - "link": the next request is the `Link: <url>; rel="next"` the response sends.
    Offset and page lists end at an empty page (a server may send a short page
    anywhere: GitHub and Stripe cap the page size); `first_page` is the page a
    request without `page_param` gets (the parameter's default, else its minimum, else 1).

    Paths are property paths from the response model: `items` leads to the list
    of items (empty when the body is the list itself).
    """

    style: PagingStyle
    page_name: str  # the class of this operation's pages
    items: tuple[Property, ...]
    item_type: TypeInfo
    cursor_param: Parameter | None = None
    next_cursor: tuple[Property, ...] = ()
    has_more: tuple[Property, ...] = ()
    cursor_field: str | None = None  # wire name, in each item
    offset_param: Parameter | None = None
    page_param: Parameter | None = None
    first_page: int = 1
    response: TypeInfo | None = None  # the success type; a page extends it when it is a model


# An argument of an operation's call, as the wire knows it: (location, wire name). Body fields
# are (BODY, name); a body passed whole is (WHOLE_BODY, ""). Each target names arguments its own way.
ArgumentKey = tuple[Location, str]

WHOLE_BODY: ArgumentKey = (Location.WHOLE_BODY, "")


@dataclass(eq=False)
class Operation:
    operation_id: str
    method: str
    path: str
    resource: tuple[str, ...]
    summary: SpecText | None
    description: SpecText | None
    parameters: list[Parameter]
    body: Body | None
    responses: list[Response]
    return_type: TypeInfo | None
    outcomes: list[Outcome] = field(default_factory=list)
    deprecated: bool = False
    pagination: Pagination | None = None
    streaming: Streaming | None = None
    # Security schemes the operation requires that the client's one credential does not meet
    # (a second key, a query key, HTTP basic): a server that checks them refuses its calls.
    unmet_security: tuple[str, ...] = ()
    body_plan: Plan | None = None
    pointer: str = ""  # where the operation sits in the root document, for messages
    # A documented example call: (argument, value), each argument by its `ArgumentKey`.
    example_args: list[tuple[ArgumentKey, SpecValue]] = field(default_factory=list)
    # Why a server that validates requests refuses that call (its body or a parameter breaks its
    # own schema), or None: a generated test that sends it could only fail.
    example_refused: str | None = None

    @property
    def naming_key(self) -> str:
        """What tells operations apart, in a stable order, where a target names them: two without an
        operationId can share the id made from their method and literal path segments, never their path."""
        return f"{self.operation_id}\x00{self.method} {self.path}"

    @property
    def assigns_idempotency_keys(self) -> bool:
        """True when every row of the body gets an idempotency key."""
        pending: list[Plan] = [self.body_plan] if self.body_plan else []
        while pending:
            plan = pending.pop()
            if isinstance(plan, ObjectPlan):
                if plan.key:
                    return True
                pending.extend(plan.fields.values())
            elif isinstance(plan, EachPlan):
                pending.append(plan.item)
        return False

    @property
    def retry_safe(self) -> bool:
        """May a request whose response was lost be sent again?"""
        return self.method in ("get", "head", "put", "delete", "options", "trace") or self.assigns_idempotency_keys

    @property
    def path_parameters(self) -> list[Parameter]:
        return [p for p in self.parameters if p.location is Location.PATH]

    @property
    def other_parameters(self) -> list[Parameter]:
        return [p for p in self.parameters if p.location is not Location.PATH]

    @property
    def accept(self) -> str | None:
        """The Accept header when a success is not JSON: its media types, then JSON for errors.

        It names what the call can really get back: an operation that always
        streams asks for `text/event-stream`; one with a `stream` switch asks
        for its other answer here, and the runtime asks for the stream when
        the switch is on.
        """
        types = [r.content_type for r in self.success_responses if r.content is not Content.JSON and r.content_type]
        if self.streams_always:
            types = [EVENT_STREAM]
        # The JSON flavours it documents, errors' included (`application/problem+json`): a server
        # that negotiates would otherwise answer an error in another form, or not at all.
        json_types = [
            media_base(r.content_type) for r in self.responses if r.content is Content.JSON and r.content_type
        ]
        json_types = [t for t in dict.fromkeys(json_types) if "*" not in t] or ["application/json"]
        # An error documented only in another form (`application/xml`) is asked for too, last.
        others = [
            media_base(r.content_type) for r in self.error_responses if r.content is not Content.JSON and r.content_type
        ]
        if not types and not others and json_types == ["application/json"]:
            return None
        return ", ".join(dict.fromkeys(types + json_types + [t for t in others if "*" not in t]))

    @property
    def stream_accept(self) -> str:
        """The Accept header of a call that asks for the event stream: errors still come as JSON."""
        return f"{EVENT_STREAM}, application/json"

    @property
    def returns_file(self) -> bool:
        """Is a success a file (bytes, not JSON or text), handed over unread?"""
        return any(r.content is Content.BYTES and r.type is not None for r in self.success_responses)

    @property
    def streams_always(self) -> bool:
        """Every call answers with an event stream (no switch chooses another answer)."""
        return self.streaming is not None and self.streaming.switch is None

    @property
    def streams_on_request(self) -> bool:
        """A boolean body field chooses between the event stream and the other answer."""
        return self.streaming is not None and self.streaming.switch is not None

    @property
    def styled_parameters(self) -> list[Parameter]:
        """Parameters whose style/explode differ from the runtime's defaults."""
        return [p for p in self.parameters if not p.default_style]

    @property
    def styles_path(self) -> bool:
        """Some path parameter is not in the default style: filling the path needs the styles."""
        return any(p.location is Location.PATH for p in self.styled_parameters)

    @property
    def success_responses(self) -> list[Response]:
        return [r for r in self.responses if r.is_success]

    @property
    def error_responses(self) -> list[Response]:
        return [r for r in self.responses if not r.is_success]

    def request_decls(self) -> list[Decl]:
        """Declarations the caller passes in: parameters and body."""
        out: list[Decl] = []
        for p in self.parameters:
            out.extend(p.type.decls())
        if self.body:
            for f in self.body.fields or []:
                out.extend(f.type.decls())
            if self.body.whole:
                out.extend(self.body.whole.decls())
        return out

    def decls(self) -> list[Decl]:
        out = self.request_decls()
        if self.return_type is not None:
            out.extend(self.return_type.decls())  # a union of several success types is its own decl
        for r in self.responses:
            if r.type and r.is_success:
                out.extend(r.type.decls())
                out.extend(r.type.canonical().decls())  # decoders use the canonical type
        if self.pagination is not None:
            out.extend(self.pagination.item_type.decls())  # async methods name the item type
        if self.streaming is not None:
            out.extend(self.streaming.event.decls())
            out.extend(self.streaming.event.canonical().decls())
        return out


@dataclass(eq=False)
class Resource:
    path: tuple[str, ...]  # snake_case segments; () is the client itself
    operations: list[Operation] = field(default_factory=list)
    children: dict[str, Resource] = field(default_factory=dict)

    def walk(self) -> list[Resource]:
        """This resource and every one below it, children in name order."""
        out = [self]
        for name in sorted(self.children):
            out.extend(self.children[name].walk())
        return out


@dataclass(eq=False)
class ClientModel:
    package: str
    project_name: str
    version: str
    client_class: str
    env_prefix: str
    title: SpecText
    description: SpecText | None
    base_url: str
    auth_header: str  # e.g. "Authorization"
    auth_scheme: str  # e.g. "Bearer" ("" for a bare key)
    request_id_header: str
    request_id_body_path: tuple[str, ...]
    max_retries: int
    timeout: float
    connect_timeout: float
    max_retry_after: float
    decls: list[Decl]
    operations: list[Operation]
    root: Resource
    spec_display: str  # spec path relative to the output's parent
    output_display: str
    source_name: str = ""  # the root document's name, which `Operation.pointer` points into
    package_configured: bool = False  # `package` is the config's `package_name`, not made from the title

    @property
    def api_key_env(self) -> str:
        """The environment variable every target's client reads its API key from."""
        return f"{self.env_prefix}_API_KEY"

    @property
    def base_url_env(self) -> str:
        """The environment variable that overrides the base URL."""
        return f"{self.env_prefix}_BASE_URL"

    @property
    def log_env(self) -> str:
        """The environment variable that turns on the client's logging."""
        return f"{self.env_prefix}_LOG"

    @property
    def keyed_models(self) -> list[ModelDecl]:
        """Models whose request rows get idempotency keys."""
        return [d for d in self.decls if isinstance(d, ModelDecl) and d.idempotency_key is not None]

    @property
    def first_resource(self) -> str | None:
        """The first top-level resource by name, for examples."""
        return min(self.root.children, default=None)

    @property
    def assigns_idempotency_keys(self) -> bool:
        """Does any operation give its rows idempotency keys? (The runtime then explains them.)"""
        return any(op.assigns_idempotency_keys for op in self.operations)

    @property
    def has_pagination(self) -> bool:
        """Does any operation return pages? (The runtime then has its pagination module.)"""
        return any(op.pagination is not None for op in self.operations)

    @property
    def styled_operations(self) -> list[Operation]:
        """Operations with a parameter in a style other than its location's default."""
        return [op for op in self.operations if op.styled_parameters]

    @property
    def streaming_operations(self) -> list[Operation]:
        return [op for op in self.operations if op.streaming is not None]

    @property
    def file_operations(self) -> list[Operation]:
        return [op for op in self.operations if op.returns_file]

    @property
    def has_batches(self) -> bool:
        """Does any model have batch helpers? (The runtime then has their base class.)"""
        return any(isinstance(d, ModelDecl) and d.batch is not None for d in self.decls)

    @property
    def example_operation(self) -> Operation | None:
        """The operation the README's examples call: the first that returns a
        batch, else the first with a body, else the first."""
        for op in self.operations:
            t = op.return_type
            if (
                isinstance(t, RefType)
                and isinstance(t.decl, ModelDecl)
                and t.decl.batch
                and t.decl.batch.rejected_field
            ):
                return op
        with_body = [op for op in self.operations if op.body]
        candidates = with_body or self.operations
        return candidates[0] if candidates else None

    @property
    def example_batch(self) -> BatchInfo | None:
        op = self.example_operation
        t = op.return_type if op else None
        if isinstance(t, RefType) and isinstance(t.decl, ModelDecl) and t.decl.batch and t.decl.batch.rejected_field:
            return t.decl.batch
        return None
