"""How the Java client spells types: declarations, decoders, imports, and each operation's result."""

from __future__ import annotations

from ..escape import javastr
from ..ir import (
    WHOLE_BODY,
    BytesType,
    DateTimeType,
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
    PrimitiveType,
    RefType,
    TypeInfo,
)
from ..kinds import Location, ValueType
from .members import (
    PARAMS_MEMBERS,
    JavaBatch,
    JavaCall,
    JavaField,
    JavaOperation,
    JavaResult,
    field_of,
    pascal,
    singular,
    unique,
)
from .placement import JavaPlacement

_BOXED = {"long": "Long", "double": "Double", "boolean": "Boolean"}
_PRIMITIVE = {"string": "String", "integer": "long", "number": "double", "boolean": "boolean", "null": "JsonNode"}
_DECODER = {"string": "Json.STRING", "integer": "Json.LONG", "number": "Json.DOUBLE", "boolean": "Json.BOOLEAN"}


class JavaTypes(JavaPlacement):
    """Type spelling and decoders, over the names `JavaPlacement` gives."""

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

    def operation(self, op: Operation) -> JavaOperation:
        if op not in self._operations:
            self._operations[op] = self._operation(op)
        return self._operations[op]

    def _operation(self, op: Operation) -> JavaOperation:
        params: list[JavaField] = [field_of(p, p.location) for p in op.parameters]
        if op.body is not None and op.body.fields is not None:
            params += [field_of(f, Location.BODY) for f in op.body.fields]
        elif op.body is not None and op.body.whole is not None:
            whole = op.body.whole
            params.append(JavaField("body", "", whole, op.body.required, None, Location.WHOLE_BODY, WHOLE_BODY))
        whole_body = op.body is not None and op.body.whole is not None
        reserved = PARAMS_MEMBERS | ({"body"} if whole_body else frozenset())
        fields = self._named(params, reserved, "argument")
        setters = {f.name for f in fields}  # a builder's methods: one per field, `addX` per list field
        for f in fields:
            if isinstance(f.type.canonical(), ListType) and f.location is Location.BODY:
                proposed = "add" + pascal(singular(f.name[:1].upper() + f.name[1:]), fallback="Item")
                f.add_name = unique(proposed, setters)
        response = self.type(op.return_type, boxed=True) if op.return_type is not None else "Void"
        if isinstance(op.return_type, NullableType):
            response = f"Optional<{response}>"
        method = self._methods[op]
        events = event_type = None
        if op.streaming is not None:
            event_type = self.type(op.streaming.event, boxed=True)
            events = self.events(op.streaming.event)
        stream = f"StreamResponse<{event_type}>"
        if op.streams_always:
            response = stream
            calls = [JavaCall(method, "stream", stream, f"HttpResponseFor<{stream}>", op.accept)]
        elif op.returns_file:
            response = "HttpResponse"
            calls = [JavaCall(method, "file", response, response, op.accept)]
        else:
            returns = "void" if response == "Void" else response
            calls = [JavaCall(method, "json", returns, f"HttpResponseFor<{response}>", op.accept)]
        if op.streaming is not None and op.streaming.switch is not None:
            twin = self._stream_methods[op]
            raw = f"HttpResponseFor<{stream}>"
            calls.append(JavaCall(twin, "stream", stream, raw, op.stream_accept, op.streaming.switch.wire_name))
        return JavaOperation(op, method, self.params_class(op), response, fields, calls, events, event_type)

    def events(self, event: TypeInfo) -> str:
        """How a stream reads one event's data: JSON by the type's decoder, or a string's text as it is."""
        t = event.canonical()
        if isinstance(t, PrimitiveType) and t.json_type == "string":
            return "ClientContext.textEvents()"
        return f"ClientContext.jsonEvents({self.decoder(t)})"

    def result(self, jop: JavaOperation, outcome: Outcome) -> JavaResult | None:
        """How an outcome's body becomes the operation's result; None for a success without a body."""
        t = outcome.type.canonical() if outcome.type is not None else None
        result = jop.op.return_type.canonical() if jop.op.return_type is not None else None
        result = result.inner.canonical() if isinstance(result, NullableType) else result
        if t is not None and result is not None and t != result:
            t = result  # several success types: the result is their union, read as the union is
        if t is None:
            return None
        if isinstance(t, RefType) and isinstance(t.decl, ModelDecl) and t.decl.name in self._classes:
            return JavaResult(self.ref_name(t.decl), t.decl.batch is not None, None, jop.optional)
        return JavaResult(None, False, self.decoder(t), jop.optional)

    def item_type(self, f: JavaField) -> str:
        t = f.type.canonical()
        return self.type(t.item, boxed=True) if isinstance(t, ListType) else "Object"

    def enum_literal(self, decl: EnumDecl, member: EnumMember) -> str:
        return f"{member.value}L" if decl.value_type is ValueType.INT else javastr(str(member.value))

    def batch(self, decl: ModelDecl) -> JavaBatch:
        info = decl.batch
        assert info is not None and info.rejected_field is not None
        data = next(f for f in self.fields(decl) if f.wire == info.data.wire_name)
        row = info.row
        field_ = next(f for f in self.fields(row) if f.wire == info.rejected_field.wire_name)
        t = field_.type.canonical()
        enum = isinstance(t, RefType) and isinstance(t.decl, EnumDecl)
        return JavaBatch(data, self.ref_name(row), field_, enum, info.rejected_values)
