"""The Java naming service: every Java spelling the Java templates are given.

It reads the same intermediate model as the Python one and decides, once,
what the Java client calls each thing and where it lives, following the
conventions of Stainless-generated Java SDKs (openai-java, anthropic-sdk-java):

- the base package is `com.<package>.api` (config `java_package` overrides);
- a model lives in `models.<resource path>` of the first operation that
  reaches it (`models` when none does); the declarations no operation
  reaches, and aliases (spelled as what they name), get no class;
- an operation's parameters are one immutable `<Resource><Method>Params`
  class with a builder; a request-only model that only one body field of
  one operation uses is nested in it, named after the field in the singular
  (`instructions` -> `Params.Instruction`, with `addInstruction(...)`);
- a model that only one operation returns is named `<Resource><Method>Response`;
- `<Resource>` is the resource's last path segment in the singular
  (`positions` -> `Position`), and services are `<Resource>Service`;
- members are camelCase and enum constants UPPER_CASE by naming rule 1-3
  (generator/naming.py), minted here from the wire names and operation ids;
  Java keywords and names the generated classes define get a trailing `_`
  (rule 4), and collisions in one class are numbered `_2` (rule 5) with a
  located `name-collision` warning.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import naming
from ..escape import javastr
from ..ir import (
    WHOLE_BODY,
    AliasDecl,
    ArgumentKey,
    BytesType,
    ClientModel,
    DateTimeType,
    Decl,
    EnumDecl,
    EnumMember,
    FileType,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    NumericStringType,
    Operation,
    Outcome,
    Parameter,
    PrimitiveType,
    Property,
    RefType,
    Resource,
    SpecText,
    TypeInfo,
    UnionDecl,
    Where,
)
from ..kinds import Location, ValueType
from ..testplan import Step

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
    | {"toJson", "fromJson", "builder", "toBuilder", "build", "isPartial", "accepted", "rejected"}
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
)

_BOXED = {"long": "Long", "double": "Double", "boolean": "Boolean"}
_PRIMITIVE = {"string": "String", "integer": "long", "number": "double", "boolean": "boolean", "null": "JsonNode"}
_DECODER = {"string": "Json.STRING", "integer": "Json.LONG", "number": "Json.DOUBLE", "boolean": "Json.BOOLEAN"}


def camel(text: str, *, fallback: str = "value", reserved: frozenset[str] = frozenset()) -> str:
    """lowerCamelCase by the naming rule; keywords and `reserved` get a trailing `_`."""
    words = naming.words(text)
    name = "".join([words[0], *(w[:1].upper() + w[1:] for w in words[1:])]) if words else fallback
    if name[0].isdigit():
        name = "n" + name
    while name in KEYWORDS or name in reserved:
        name += "_"
    return name


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
    where: Where | None = None


@dataclass
class JavaOperation:
    op: Operation
    method: str  # submitPositionInstructions
    params: JavaClass
    response: str  # the Java return type, "Void" when there is no body
    fields: list[JavaField] = field(default_factory=list)

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


@dataclass
class JavaBatch:
    """How a batch envelope's `rejected()` and `accepted()` read its rows."""

    rows: str  # an expression for the list of rows
    row_type: str
    value_of_row: str  # an expression for `row`'s rejected-field value, as a String
    field_wire: str
    values: tuple[str, ...]


class JavaNames:
    """Java names for one client model; templates call it as `j`."""

    def __init__(self, model: ClientModel, base_package: str, warn: Warn | None = None) -> None:
        self.model = model
        self.base = base_package
        self.prefix = model.client_class
        self._warn: Warn = warn or (lambda file, pointer, message: None)
        self._classes: dict[str, JavaClass] = {}
        self._nested: dict[str, list[ModelDecl]] = {}  # params class qualified name -> nested models
        self._reached: list[Decl] = []
        self._services: dict[tuple[str, ...], JavaClass] = {}
        self._methods: dict[Operation, str] = {}
        self._constants: dict[EnumMember, str] = {}
        self._fields: dict[ModelDecl, list[JavaField]] = {}
        self._operations: dict[Operation, JavaOperation] = {}
        for resource in model.root.walk():
            self._name_methods(resource)
        for decl in model.decls:
            if isinstance(decl, EnumDecl):
                self._name_constants(decl)
        self._plan_classes()

    def _report(self, at: Where | None, message: str) -> None:
        place = at or Where(self.model.source_name, "")
        self._warn(place.file, place.pointer, message)

    def _name_methods(self, resource: Resource) -> None:
        """An operation's method: camelCase of its id, unique in its service and never a child's accessor."""
        places = {op.operation_id: Where(self.model.source_name, op.pointer) for op in resource.operations}
        children = {self.member(s) for s in resource.children}
        proposed = [
            (op.operation_id, camel(op.operation_id, fallback="call", reserved=RESOURCE_MEMBERS | children))
            for op in resource.operations
        ]
        names = naming.dedupe_reported(proposed, lambda op_id, msg: self._report(places[op_id], msg), "operation")
        for op in resource.operations:
            self._methods[op] = names[op.operation_id]

    def _name_constants(self, decl: EnumDecl) -> None:
        def proposal(value: str | int) -> str:
            if isinstance(value, int):
                return naming.upper(f"value_{value}" if value >= 0 else f"value_minus_{-value}")
            return naming.upper(str(value), fallback="EMPTY")

        file, _, pointer = decl.source.partition("#")
        at = Where(file, pointer + "/enum")
        proposed = [(str(m.value), proposal(m.value)) for m in decl.members]
        names = naming.dedupe_reported(proposed, lambda _, msg: self._report(at, msg), "enum value")
        for member in decl.members:
            self._constants[member] = names[str(member.value)]

    def constant_of(self, member: EnumMember) -> str:
        """An enum member's constant: `EXERCISE`, `VALUE_2`."""
        return self._constants[member]

    def constant_for(self, decl_name: str, value: object) -> str:
        """The constant of the member of a declaration (by its IR name) whose value is `value`."""
        decl = next(d for d in self.model.decls if d.name == decl_name)
        assert isinstance(decl, EnumDecl)
        member = next(m for m in decl.members if m.value == value and type(m.value) is type(value))
        return self._constants[member]

    # ------------------------------------------------------------ packages and classes

    def package(self, *parts: str) -> str:
        return ".".join([self.base, *(p for p in parts if p)])

    def resource_prefix(self, resource: tuple[str, ...]) -> str:
        return pascal(singular(resource[-1])) if resource else ""

    def models_package(self, resource: tuple[str, ...]) -> str:
        return self.package("models", *(package_segment(s) for s in resource))

    def _plan_classes(self) -> None:
        """Decide each reached declaration's class and package (see the module docstring)."""
        first_use: dict[str, tuple[str, ...]] = {}
        returned_by: dict[str, list[Operation]] = {}
        for op in self.model.operations:
            for decl in _closure(op.decls()):
                first_use.setdefault(decl.name, op.resource)
            for r in op.success_responses:
                c = r.type.canonical() if r.type else None
                if (
                    isinstance(c, RefType)
                    and isinstance(c.decl, ModelDecl)
                    and op not in returned_by.get(c.decl.name, [])
                ):
                    returned_by.setdefault(c.decl.name, []).append(op)
        nested = self._nestable()
        taken: dict[str, set[str]] = {}
        reserved_names = self._reserved_class_names()
        for decl in self.model.decls:
            if decl.name not in first_use or isinstance(decl, (AliasDecl, UnionDecl)):
                continue
            self._reached.append(decl)
            package = self.models_package(first_use[decl.name])
            if decl.name in nested:
                op, prop = nested[decl.name]
                params = self.params_class(op)
                inside = taken.setdefault(params.qualified, {params.name})
                name = _unique(pascal(singular(prop.wire_name), fallback="Item"), inside)
                self._classes[decl.name] = JavaClass(name, params.package, params.name)
                self._nested.setdefault(params.qualified, []).append(decl)  # type: ignore[arg-type]
                continue
            ops = returned_by.get(decl.name, [])
            name = self.operation_class(ops[0], "Response") if len(ops) == 1 else pascal(decl.name)
            # The client and service classes are imported beside the models (tests, examples, services).
            names = taken.setdefault(package, set(reserved_names))
            name = _unique(name, names)
            self._classes[decl.name] = JavaClass(name, package)

    def _reserved_class_names(self) -> set[str]:
        clients = {f"{self.prefix}{c}" for c in ("Client", "ClientAsync", "OkHttpClient")}
        services = {self.service(r).name for r in self.resources()}
        return clients | services | {name + "Async" for name in services}

    def _nestable(self) -> dict[str, tuple[Operation, Property]]:
        """Request-only models used by exactly one body field of one operation, and nothing else."""
        uses: dict[str, list[tuple[Operation, Property]]] = {}
        response_side = {d.name for op in self.model.operations for d in _closure(_response_decls(op))}
        reached = _closure([d for op in self.model.operations for d in op.decls()])
        referenced = {r.name for d in reached for r in d.refs()}
        for op in self.model.operations:
            for prop in op.body.fields or [] if op.body else []:
                t = prop.type.canonical()
                t = t.item.canonical() if isinstance(t, ListType) else t
                if isinstance(t, RefType) and isinstance(t.decl, ModelDecl):
                    uses.setdefault(t.decl.name, []).append((op, prop))
        return {
            name: found[0]
            for name, found in uses.items()
            if len(found) == 1 and name not in response_side and name not in referenced
        }

    @property
    def decls(self) -> list[Decl]:
        """The top-level declarations that get a class file."""
        return [d for d in self._reached if self._classes[d.name].outer is None]

    def nested_in(self, params: JavaClass) -> list[ModelDecl]:
        return self._nested.get(params.qualified, [])

    def cls(self, decl: Decl) -> JavaClass:
        return self._classes[decl.name]

    def operation_class(self, op: Operation, suffix: str) -> str:
        return self.resource_prefix(op.resource) + pascal(self._methods[op], fallback="Call") + suffix

    def params_class(self, op: Operation) -> JavaClass:
        return JavaClass(self.operation_class(op, "Params"), self.models_package(op.resource))

    # ------------------------------------------------------------ types

    def type(self, t: TypeInfo, boxed: bool = False) -> str:
        """The Java type of a decoded value (`long`, `List<PositionInstruction>`, `Optional<...>` never)."""
        t = t.canonical()
        if isinstance(t, NullableType):
            return self.type(t.inner, boxed=True)
        if isinstance(t, ListType):
            return f"List<{self.type(t.item, boxed=True)}>"
        if isinstance(t, MapType):
            return f"Map<String, {self.type(t.value, boxed=True)}>"
        if isinstance(t, PrimitiveType):
            name = _PRIMITIVE[t.json_type]
            return _BOXED.get(name, name) if boxed else name
        if isinstance(t, DateTimeType):
            return "LocalDate" if t.date_only else "OffsetDateTime"
        if isinstance(t, NumericStringType):
            return "String"
        if isinstance(t, (BytesType, FileType)):
            return "byte[]"
        if isinstance(t, RefType) and t.decl.name in self._classes:
            return self.ref_name(t.decl)
        return "JsonNode"  # unions and free-form values

    def ref_name(self, decl: Decl) -> str:
        c = self._classes[decl.name]
        return f"{c.outer}.{c.name}" if c.outer else c.name

    def field_type(self, f: JavaField) -> str:
        """What a field's accessor returns: Optional of the boxed type when it may be absent or null."""
        return self.type(f.type) if f.required else f"Optional<{self.type(f.type, boxed=True)}>"

    def decoder(self, t: TypeInfo) -> str:
        """A `Json.Decoder` expression for the type."""
        t = t.canonical()
        if isinstance(t, NullableType):
            return f"Json.nullable({self.decoder(t.inner)})"
        if isinstance(t, ListType):
            return f"Json.listOf({self.decoder(t.item)})"
        if isinstance(t, MapType):
            return f"Json.mapOf({self.decoder(t.value)})"
        if isinstance(t, PrimitiveType):
            return _DECODER.get(t.json_type, "Json.ANY")
        if isinstance(t, DateTimeType):
            return "Json.DATE" if t.date_only else "Json.DATE_TIME"
        if isinstance(t, NumericStringType):
            return "Json.STRING"
        if isinstance(t, FileType):
            return "Json.BINARY_STRING"
        if isinstance(t, BytesType):
            return "Json.BYTES"
        if isinstance(t, RefType) and t.decl.name in self._classes:
            return f"{self.ref_name(t.decl)}::fromJson"
        return "Json.ANY"

    def imports(self, package: str, types: list[TypeInfo], deep: bool = False) -> list[str]:
        """Classes of other packages that these types name (the formatter drops unused ones);
        `deep` also follows models' fields, for code that builds values (examples, tests)."""
        out: set[str] = set()
        pending = list(types)
        seen: set[str] = set()
        while pending:
            t = pending.pop().canonical()
            if isinstance(t, (NullableType, ListType, MapType)):
                pending.append(t.child)
            elif isinstance(t, RefType) and t.decl.name in self._classes and t.decl.name not in seen:
                seen.add(t.decl.name)
                c = self._classes[t.decl.name]
                if c.package != package:
                    out.add(c.importable)
                if deep and isinstance(t.decl, ModelDecl):
                    pending.extend(p.type for p in t.decl.properties)
        return sorted(out)

    # ------------------------------------------------------------ members

    def fields(self, decl: ModelDecl) -> list[JavaField]:
        if decl not in self._fields:
            self._fields[decl] = self._named([_field(p, Location.BODY) for p in decl.properties])
        return self._fields[decl]

    def operation(self, op: Operation) -> JavaOperation:
        if op not in self._operations:
            self._operations[op] = self._operation(op)
        return self._operations[op]

    def _named(self, fields: list[JavaField], reserved: frozenset[str] = frozenset()) -> list[JavaField]:
        """Give each field its camelCase name, numbered `_2` on a collision (rule 5)."""
        taken = MEMBERS | reserved
        places = {f"{f.wire}\x00{f.location}": f.where for f in fields}
        proposed = [(f"{f.wire}\x00{f.location}", camel(f.wire, fallback="field", reserved=taken)) for f in fields]
        names = naming.dedupe_reported(
            proposed,
            lambda key, msg: self._report(places[key], msg),
            "property",
            shown=lambda key: key.split("\x00", 1)[0],
        )
        for f in fields:
            f.name = names[f"{f.wire}\x00{f.location}"] if f.location is not Location.WHOLE_BODY else "body"
        return fields

    def _operation(self, op: Operation) -> JavaOperation:
        params: list[JavaField] = [_field(p, p.location) for p in op.parameters]
        if op.body is not None and op.body.fields is not None:
            params += [_field(f, Location.BODY) for f in op.body.fields]
        elif op.body is not None and op.body.whole is not None:
            whole = op.body.whole
            params.append(JavaField("body", "", whole, op.body.required, None, Location.WHOLE_BODY, WHOLE_BODY))
        fields = self._named(
            params, frozenset({"body"}) if op.body is not None and op.body.whole is not None else frozenset()
        )
        setters = {f.name for f in fields}  # a builder's methods: one per field, `addX` per list field
        for f in fields:
            if isinstance(f.type.canonical(), ListType) and f.location is Location.BODY:
                proposed = "add" + pascal(singular(f.name[:1].upper() + f.name[1:]), fallback="Item")
                f.add_name = _unique(proposed, setters)
        response = self.type(op.return_type, boxed=True) if op.return_type is not None else "Void"
        if isinstance(op.return_type, NullableType):
            response = f"Optional<{response}>"
        return JavaOperation(op, self._methods[op], self.params_class(op), response, fields)

    def service(self, resource: Resource) -> JavaClass:
        """`<Resource>Service`, the last path segment in the singular; where two resources of one
        package would share a name, the later (by path) keeps its plural, else is numbered."""
        if not self._services:
            taken: dict[str, set[str]] = {}
            for r in self.resources():
                package = self.package("services", "blocking", *(package_segment(s) for s in r.path[:-1]))
                names = taken.setdefault(package, set())
                name = pascal(singular(r.path[-1])) + "Service"
                if name in names:
                    name = pascal(r.path[-1]) + "Service"
                self._services[r.path] = JavaClass(_unique(name, names), package)
        return self._services[resource.path]

    def async_service(self, resource: Resource) -> JavaClass:
        blocking = self.service(resource)
        package = self.package("services", "async", *(package_segment(s) for s in resource.path[:-1]))
        return JavaClass(blocking.name + "Async", package)

    @property
    def group_id(self) -> str:
        """The Maven group: the base package without its last segment (`com.clear_street`)."""
        return self.base.rsplit(".", 1)[0] if "." in self.base else self.base

    @property
    def example_operation(self) -> Operation | None:
        return self.model.example_operation

    def example_imports(self, jop: JavaOperation) -> list[str]:
        """What the README's example imports: the params class and every class its values and result name."""
        types = [f.type for f in jop.fields] + ([jop.op.return_type] if jop.op.return_type else [])
        used = " ".join([jop.response, *(value for _, value in self.example_setters(jop))])
        words = set(re.findall(r"\w+", used))
        named = [name for name in self.imports("", types, deep=True) if name.rsplit(".", 1)[-1] in words]
        return sorted(set([jop.params.qualified, *named]))

    def test_method(self, name: str) -> str:
        return camel(name)

    def step_member(self, step: Step) -> str:
        """The member a test-plan step reads: a property's accessor, or a batch helper."""
        if step.owner:
            return self.property_name(step.owner, step.wire)
        return {"is_partial": "isPartial"}.get(step.name, camel(step.name))

    def member(self, segment: str) -> str:
        """A resource's accessor on its parent: `v1()`, `positions()`."""
        return camel(segment, reserved=RESOURCE_MEMBERS)

    def resource_path(self, resource: Resource) -> str:
        return "client." + ".".join(f"{self.member(s)}()" for s in resource.path)

    def call_path(self, jop: JavaOperation) -> str:
        return ".".join(["client", *(f"{self.member(s)}()" for s in jop.op.resource), jop.method]) + "(params)"

    def constant(self, jop: JavaOperation, what: str) -> str:
        """A static table of an operation: `SUBMIT_POSITION_INSTRUCTIONS_OUTCOMES`."""
        return f"{'_'.join(naming.words(jop.method)).upper()}_{what}"

    def doc(self, op: Operation) -> SpecText | None:
        parts = [t for t in (op.summary, op.description) if t]
        return SpecText("\n\n".join(parts)) if parts else None

    def decode_body(self, jop: JavaOperation, outcome: Outcome) -> str:
        """How an outcome's body becomes the operation's return value (`body`, `partial` in scope);
        an Optional result (some success has no body) wraps it."""
        t = outcome.type.canonical() if outcome.type is not None else None
        result = jop.op.return_type.canonical() if jop.op.return_type is not None else None
        result = result.inner.canonical() if isinstance(result, NullableType) else result
        if t is not None and result is not None and t != result:
            t = result  # several success types: the result is their union, read as the union is
        if isinstance(t, RefType) and isinstance(t.decl, ModelDecl) and t.decl.name in self._classes:
            partial = ", partial" if t.decl.batch else ""
            value = f'{self.ref_name(t.decl)}.fromJson(body, "$"{partial})'
        elif t is None:
            return self.empty_value(jop)
        else:
            value = f'Json.decode(body, "$", {self.decoder(t)})'
        return f"Optional.ofNullable({value})" if jop.response.startswith("Optional<") else value

    def empty_value(self, jop: JavaOperation) -> str:
        """What a success without a body returns."""
        return "Optional.empty()" if jop.response.startswith("Optional<") else "null"

    def item_type(self, f: JavaField) -> str:
        t = f.type.canonical()
        return self.type(t.item, boxed=True) if isinstance(t, ListType) else "Object"

    def enum_literal(self, decl: EnumDecl, member: EnumMember) -> str:
        return f"{member.value}L" if decl.value_type is ValueType.INT else javastr(str(member.value))

    def error_class(self, name: str) -> str:
        """The status table's class names, Java-style: `ConflictError` -> `ConflictException`."""
        if name == "APIStatusError":
            return f"{self.prefix}ServiceException"
        return (name[: -len("Error")] if name.endswith("Error") else name) + "Exception"

    def class_named(self, decl_name: str) -> str | None:
        """The Java class of a declaration, by its IR name (test plans name types so)."""
        return self.ref_name_by_name(decl_name) if decl_name in self._classes else None

    def class_import(self, decl_name: str, package: str) -> str | None:
        """What a file of `package` imports to name a declaration's class (None: nothing)."""
        c = self._classes.get(decl_name)
        return c.importable if c is not None and c.package != package else None

    def ref_name_by_name(self, decl_name: str) -> str:
        c = self._classes[decl_name]
        return f"{c.outer}.{c.name}" if c.outer else c.name

    def property_name(self, owner: str, wire: str) -> str:
        """The accessor of a model's property, by the model's IR name and the wire name."""
        decl = next(d for d in self._reached if d.name == owner)
        assert isinstance(decl, ModelDecl)
        return next(f.name for f in self.fields(decl) if f.wire == wire)

    def batch(self, decl: ModelDecl) -> JavaBatch:
        info = decl.batch
        assert info is not None and info.rejected_field is not None
        by_wire = {f.wire: f for f in self.fields(decl)}
        data = by_wire[info.data.wire_name]
        rows = f"{data.name}()" if data.required else f"{data.name}().orElse(List.of())"
        row = info.row
        field_ = next(f for f in self.fields(row) if f.wire == info.rejected_field.wire_name)
        t = field_.type.canonical()
        text = ".asString()" if isinstance(t, RefType) and isinstance(t.decl, EnumDecl) else ""
        if field_.required:
            value = f"row.{field_.name}(){text}" if text else f"String.valueOf(row.{field_.name}())"
        else:
            mapped = f".map(v -> v{text})" if text else ".map(String::valueOf)"
            value = f"row.{field_.name}(){mapped}.orElse(null)"
        return JavaBatch(rows, self.ref_name(row), value, info.rejected_field.wire_name, info.rejected_values)

    def resources(self) -> list[Resource]:
        return self.model.root.walk()[1:]

    # ------------------------------------------------------------ values

    def value(self, t: TypeInfo, value: object, fitted: bool = False) -> str:
        """A Java expression for a JSON value of type `t` (examples in READMEs and tests).

        An example the type does not admit (specs' examples go unchecked: GitHub gives "1296269"
        for an integer, a string for a list) is fitted to it first (`_fit`), once."""
        t = t.canonical()
        if value is None:
            return "null"
        if isinstance(value, bytes):
            text = javastr(value.decode("latin-1"))
            return (
                f"{text}.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)" if self.type(t) == "byte[]" else text
            )
        if isinstance(t, NullableType):
            return self.value(t.inner, value)
        if isinstance(t, RefType) and isinstance(t.decl, EnumDecl) and t.decl.name in self._classes:
            member = next((m for m in t.decl.members if m.value == value and type(m.value) is type(value)), None)
            if member is not None:
                return f"{self.ref_name(t.decl)}.{self._constants[member]}"
            return f"{self.ref_name(t.decl)}.of({_literal(value)})"
        if isinstance(t, RefType) and isinstance(t.decl, ModelDecl) and t.decl.name in self._classes:
            given = value if isinstance(value, dict) else {}
            setters = "".join(
                f".{f.name}({self.argument(f.type, given[f.wire])})" for f in self.fields(t.decl) if f.wire in given
            )
            return f"{self.ref_name(t.decl)}.builder(){setters}.build()"
        if isinstance(t, ListType) and isinstance(value, list):
            return "List.of(" + ", ".join(self.value(t.item, v) for v in value) + ")"
        if isinstance(t, MapType) and isinstance(value, dict):
            entries = [
                f"Map.entry({javastr(str(k))}, {self.value(t.value, v)})" for k, v in value.items() if v is not None
            ]
            return "Map.ofEntries(" + ", ".join(entries) + ")"
        if isinstance(t, PrimitiveType) and t.json_type == "integer" and isinstance(value, int):
            return f"{max(-(2**63) + 1, min(2**63 - 1, value))}L"  # a long: an example beyond it is clamped
        if isinstance(t, PrimitiveType) and t.json_type == "number" and isinstance(value, (int, float)):
            return repr(float(value))
        if isinstance(t, PrimitiveType) and t.json_type == "boolean" and isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(t, DateTimeType) and isinstance(value, str):
            return f"{'LocalDate' if t.date_only else 'OffsetDateTime'}.parse({javastr(value)})"
        if isinstance(value, str) and self.type(t) == "String":
            return javastr(value)
        if self.type(t) != "JsonNode" and not fitted:
            return self.value(t, _fit(t, value), fitted=True)
        return f"Json.parse({javastr(json.dumps(value, sort_keys=True))})"

    def example_setters(self, jop: JavaOperation) -> list[tuple[str, str]]:
        """(setter, Java value) for the documented example call; list items one `add` call each."""
        given = {key: value.value for key, value in jop.op.example_args}
        out: list[tuple[str, str]] = []
        for f in jop.fields:
            if f.key not in given:
                continue
            raw = given[f.key]
            t = f.type.canonical()
            if f.add_name and isinstance(t, ListType) and isinstance(raw, list):
                out += [(f.add_name, self.argument(t.item, item)) for item in raw]
            else:
                out.append((f.name, self.argument(f.type, raw)))
        return out

    def argument(self, t: TypeInfo, value: object) -> str:
        """`value` as a setter's argument: a null is cast to the type, since a builder's setter
        also takes an `Optional` of it and a bare `null` would match both."""
        return f"({self.type(t, boxed=True)}) null" if value is None else self.value(t, value)


def _fit(t: TypeInfo, value: object) -> object:
    """The nearest value of the JSON type `t` to an example that does not match it."""
    if isinstance(t, ListType):
        return [value]
    if isinstance(t, MapType):
        return {}
    if isinstance(t, PrimitiveType) and t.json_type in ("integer", "number"):
        try:
            number = float(str(value))
        except ValueError:
            return 0
        if not math.isfinite(number):
            return 0
        return int(number) if t.json_type == "integer" else number
    if isinstance(t, PrimitiveType) and t.json_type == "boolean":
        return str(value).lower() == "true"
    if isinstance(t, DateTimeType):
        return "2024-01-01" if t.date_only else "2024-01-01T00:00:00Z"
    if isinstance(t, RefType) and isinstance(t.decl, ModelDecl):
        return {}
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _literal(value: object) -> str:
    if isinstance(value, str):
        return javastr(value)
    return f"{max(-(2**63) + 1, min(2**63 - 1, int(str(value))))}L"


def _nullable(t: TypeInfo) -> bool:
    return isinstance(t.canonical(), NullableType)


def _field(p: Parameter | Property, location: Location) -> JavaField:
    required = p.required and not _nullable(p.type)
    key = (location, p.wire_name)
    return JavaField(p.wire_name, p.wire_name, p.type, required, p.description, location, key, where=p.where)


def _unique(name: str, taken: set[str]) -> str:
    given, n = name, 2
    while given in taken:
        given, n = naming.numbered(name, n), n + 1
    taken.add(given)
    return given


def _closure(decls: list[Decl]) -> list[Decl]:
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


def _response_decls(op: Operation) -> list[Decl]:
    out: list[Decl] = []
    for r in op.success_responses:
        if r.type is not None:
            out += r.type.decls() + r.type.canonical().decls()
    return out
