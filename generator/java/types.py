"""How the Java client spells types: declarations, decoders, imports, and each operation's result."""

from __future__ import annotations

from .. import naming, unions
from ..escape import javastr
from ..ir import (
    WHOLE_BODY,
    AliasDecl,
    AnyType,
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
    UnionDecl,
)
from ..kinds import Location, ValueType
from .members import (
    PARAMS_MEMBERS,
    UNION_MEMBERS,
    JavaBatch,
    JavaCall,
    JavaField,
    JavaOperation,
    JavaResult,
    JavaVariant,
    camel,
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
        if isinstance(t, FileType):
            return "UploadFile"
        if isinstance(t, BytesType):
            return "byte[]"
        if isinstance(t, RefType) and t.decl.name in self._classes:
            return self.ref_name(t.decl)
        return "JsonNode"  # free-form values, and unions with a free-form variant

    def is_upload(self, t: TypeInfo) -> bool:
        """Is the type (nullable or not) a file the caller uploads: an `UploadFile`, with Path and stream setters?"""
        c = t.canonical()
        c = c.inner.canonical() if isinstance(c, NullableType) else c
        return isinstance(c, FileType)

    def is_union(self, t: TypeInfo | None) -> bool:
        """Is the type (nullable or not) a union class?"""
        if t is None:
            return False
        c = t.canonical()
        c = c.inner.canonical() if isinstance(c, NullableType) else c
        return isinstance(c, RefType) and isinstance(c.decl, UnionDecl) and c.decl.name in self._classes

    def variants(self, decl: UnionDecl) -> list[JavaVariant]:
        """A union class's variants, in the spec's order, each named once (rule 5: `_2` on a collision)."""
        if decl not in self._variants:
            taken: set[str] = set()
            out: list[JavaVariant] = []
            for i, t in enumerate(decl.variants):
                proposed = self._variant_name(t)
                name, n = proposed, 2
                while self._variant_members(name) & taken:
                    name, n = f"{proposed}_{n}", n + 1
                if name != proposed:
                    message = f"variant {i + 1} would be named {proposed!r} like another; it is named {name!r}"
                    self._report(decl.where, message)
                taken |= self._variant_members(name)
                java = self.type(t, boxed=True)
                field = camel(name, reserved=UNION_MEMBERS)
                out.append(JavaVariant(i, name, field, java, self.type(t), self._strict_decoder(t), "<" in java))
            self._variants[decl] = out
        return self._variants[decl]

    @staticmethod
    def _variant_members(name: str) -> set[str]:
        return {camel(name, reserved=UNION_MEMBERS), f"is{name}", f"as{name}", f"of{name}"}

    def _variant_name(self, t: TypeInfo) -> str:
        """`Circle` for a class, an alias's own name (`ChannelId`), `String`/`Long`/`Double`/`Boolean` for a
        primitive, `Strings` for a list of strings."""
        if isinstance(t, RefType) and isinstance(t.decl, AliasDecl) and t.decl.name not in self._classes:
            return naming.pascal(t.decl.name, fallback="Value")
        c = t.canonical()
        if isinstance(c, NullableType):
            return self._variant_name(c.inner)
        if isinstance(c, ListType):
            item = self._variant_name(c.item)
            return item + "List" if item.endswith("s") else item + "s"
        if isinstance(c, MapType):
            return self._variant_name(c.value) + "Map"
        if isinstance(c, RefType) and c.decl.name in self._classes:
            return self._classes[c.decl.name].name.rstrip("_") or "Value"
        if isinstance(c, (BytesType, FileType)):
            return "Bytes"
        if isinstance(c, AnyType):
            return "Json"
        java = self.type(c, boxed=True)
        return "Json" if java == "JsonNode" else java

    def _strict_decoder(self, t: TypeInfo) -> str:
        """A variant's decoder: an open enum takes only its members here, a union only a variant it knows, and a
        model only a value whose fields all decode (models otherwise keep a bad field raw, for its accessor)."""
        c = t.canonical()
        if isinstance(c, RefType) and isinstance(c.decl, EnumDecl) and c.decl.name in self._classes:
            name = self.ref_name(c.decl)
            return f"Json.checked({name}::fromJson, {name}::known)"
        if self.is_union(c) or (
            isinstance(c, RefType) and isinstance(c.decl, ModelDecl) and c.decl.name in self._classes
        ):
            assert isinstance(c, RefType)
            name = self.ref_name(c.decl)
            return f"Json.checked({name}::fromJson, {name}::validate)"
        return self.decoder(c)

    def decode_order(self, decl: UnionDecl) -> list[JavaVariant]:
        """The variants an untagged value tries, best match first (generator/unions.py)."""
        variants = self.variants(decl)
        return [variants[i] for i in unions.untagged(decl)]

    def tags(self, decl: UnionDecl) -> list[tuple[str, JavaVariant]]:
        """(tag value, variant) of a discriminated union."""
        variants = self.variants(decl)
        return [(value, variants[i]) for value, i in unions.tag_table(decl)]

    def field_type(self, f: JavaField) -> str:
        """What a field's accessor returns: Optional of the boxed type when it may be absent or null."""
        return self.type(f.type) if f.required else f"Optional<{self.type(f.type, boxed=True)}>"

    def is_nullable(self, f: JavaField) -> bool:
        """The field's type admits JSON null: a builder's `null` sends null rather than leaving it out."""
        return isinstance(f.type.canonical(), NullableType)

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
            return "Json.UPLOAD"
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
            elif isinstance(t, FileType) and package != self.package("core"):
                out.add(f"{self.package('core')}.UploadFile")
            elif isinstance(t, RefType) and t.decl.name in self._classes and t.decl.name not in seen:
                seen.add(t.decl.name)
                c = self._classes[t.decl.name]
                if c.package != package:
                    out.add(c.importable)
                if deep and isinstance(t.decl, ModelDecl):
                    pending.extend(p.type for p in t.decl.properties)
                if deep and isinstance(t.decl, UnionDecl):
                    pending.extend(t.decl.variants)
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
        for f in fields:
            if f.location is Location.PATH:
                # As in Stainless SDKs, a path parameter's accessor is an Optional: it may be given to the
                # builder or later, and is checked when the request is built (`_pathParams()`).
                f.required, f.checked_late = False, True
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

    def result_model(self, jop: JavaOperation) -> ModelDecl | None:
        """The model an operation's call returns, when it returns one (not an Optional, a list or a union)."""
        t = jop.op.return_type.canonical() if jop.op.return_type is not None else None
        if jop.optional or not isinstance(t, RefType) or not isinstance(t.decl, ModelDecl):
            return None
        return t.decl if t.decl.name in self._classes else None

    def path_argument(self, jop: JavaOperation) -> tuple[JavaField, str] | None:
        """The path parameter a service method also takes as its first argument (`retrieve(id, params)`),
        and that argument's name: when the operation has exactly one."""
        path = [f for f in jop.fields if f.location is Location.PATH]
        if len(path) != 1:
            return None
        name = path[0].name
        return path[0], name + "_" if name in ("params", "requestOptions") else name

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
