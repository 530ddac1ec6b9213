"""Schema to type, and the one registry of named declarations.

`Schemas.type_of` turns a schema node into an `ir.TypeInfo`. A `$ref`d
schema becomes a declaration once (`named`), so recursive schemas stay
finite; an inline object, enum or union becomes a declaration named from
where it sits (`Thing` + property `owner` -> `ThingOwner`). Every
declaration name comes from one namespace (naming rule 5): component schemas
claim theirs first, by key, so an inline schema never takes a component's
name; a later claim of a taken name is numbered `_2` with a warning.

Unsupported constructs become a `warning` and the nearest faithful type
(`object`), never a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .. import naming
from ..errors import join_pointer
from ..ir import (
    AliasDecl,
    AnyType,
    DateTimeType,
    Decl,
    EnumDecl,
    EnumMember,
    FileType,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    PrimitiveType,
    Property,
    RefType,
    SpecText,
    TypeInfo,
    UnionDecl,
    Where,
)
from ..kinds import DeclKind, ValueType
from ..resolve import Target
from . import shapes
from .context import Context

STR = PrimitiveType("string")
INT = PrimitiveType("integer")
FLOAT = PrimitiveType("number")
BOOL = PrimitiveType("boolean")
NONE = PrimitiveType("null")
PRIMITIVES = {"string": STR, "integer": INT, "number": FLOAT, "boolean": BOOL, "null": NONE}

D = TypeVar("D", bound=Decl)
Fields = list[tuple[str, Target]]  # (wire name, its schema), in order


class Schemas:
    """Types of schemas; `decls` holds every declaration made so far."""

    def __init__(self, ctx: Context, on_model: Callable[[ModelDecl], None]) -> None:
        self.ctx = ctx
        self.on_model = on_model  # called once a model's fields are known (request rules)
        self.decls: list[Decl] = []
        self._by_key: dict[tuple[str, str], Decl] = {}
        self._nullable: set[tuple[str, str]] = set()  # keys of named schemas that allow null
        self._component_names: dict[tuple[str, str], str] = {}
        self._claiming: Target | None = None
        # Keyed by snake_case, so no two names differ only in case or separators: a target may case them its way.
        self._names = naming.Namespace(keys=naming.snake, on_rename=self._renamed)

    # ------------------------------------------------------------ names

    def _renamed(self, proposed: str, given: str) -> None:
        if self._claiming is not None:
            message = f"type {proposed!r} would be named like another; it is named {given!r}"
            self.ctx.warn("name-collision", self._claiming, message)

    def _claim(self, proposed: str, at: Target) -> str:
        self._claiming = at
        try:
            return self._names.claim(proposed)
        finally:
            self._claiming = None

    def _declare(self, kind: type[D], proposed: str, at: Target, description: SpecText | None, name: str = "") -> D:
        """A new declaration of `kind`, named `name` when that is claimed already, else `proposed`."""
        name = name or self._claim(proposed, at)
        decl = kind(name, f"{at.doc.name}#{at.pointer}", description)
        self.decls.append(decl)
        return decl

    def declare_components(self) -> None:
        """Name every component schema by its key, then build each: components keep their keys."""
        schemas = self.ctx.components("schemas")
        at = {str(key): self.ctx.root(join_pointer("/components/schemas", str(key))) for key in schemas}
        proposed = [(key, naming.pascal(key, fallback="Schema")) for key in at]
        names = self.ctx.dedupe(proposed, at.__getitem__, "schema")
        for key, target in at.items():
            self._component_names[target.key] = self._claim(names[key], target)
        for target in at.values():
            self.named(target)

    def claim_name(self, proposed: str, at: Target) -> str:
        """A name in the package's one namespace of type names, for a class that is not a schema's (a page)."""
        return self._claim(proposed, at)

    def declare_union(self, proposed: str, at: Target, variants: list[TypeInfo]) -> RefType:
        """A union of types already built (an operation's several success types)."""
        decl = self._declare(UnionDecl, proposed, at, None)
        decl.variants = variants
        return RefType(decl)

    # ------------------------------------------------------------ types

    def type_of(self, schema: Target, hint: str) -> TypeInfo:
        """The type of a schema; `hint` names a declaration it may need."""
        node = schema.node
        if node is True or node == {}:
            return AnyType()
        if not isinstance(node, Mapping):
            self.ctx.warn("unsupported-schema", schema, "schema is not an object; typed as `object`")
            return AnyType()
        if "$ref" in node:
            target = self.ctx.resolver.lookup(node["$ref"], schema.doc, join_pointer(schema.pointer, "$ref"))
            if target is None:
                return AnyType()
            t = self.named(target)
            return NullableType(t) if node.get("nullable") is True and not isinstance(t, NullableType) else t
        return self.inline(schema, hint)

    def named(self, target: Target) -> TypeInfo:
        """The type of a `$ref`d schema: its declaration, made on first use.

        A nullable schema (`nullable: true`, `null` among its types or enum
        values, a `null` variant) is nullable at every reference, not only
        the first.
        """
        decl = self._by_key.get(target.key)
        if decl is None:
            last = target.pointer.rsplit("/", 1)[-1] or target.doc.path.stem
            claimed = self._component_names.get(target.key, "")
            proposed = claimed or naming.pascal(last, fallback="Schema")
            if not isinstance(target.node, Mapping):
                return self.type_of(target, proposed)
            decl = self._declare_named(target, target.node, proposed, claimed)
        t = RefType(decl)
        return NullableType(t) if target.key in self._nullable else t

    def _declare_named(self, target: Target, node: Mapping[str, Any], proposed: str, claimed: str) -> Decl:
        description = shapes.text(node.get("description")) or shapes.text(node.get("title"))
        kind = shapes.declaration_kind(node)
        if shapes.is_nullable(node) or (kind is DeclKind.ENUM and None in node["enum"]):
            self._nullable.add(target.key)

        def declare(cls: type[D]) -> D:
            decl = self._declare(cls, proposed, target, description, claimed)
            self._by_key[target.key] = decl
            return decl

        if kind is DeclKind.MODEL:
            model = declare(ModelDecl)
            self._fill_model(model, target)
            return model
        if kind is DeclKind.ENUM:
            enum = declare(EnumDecl)
            self._fill_enum(enum, target)
            return enum
        if kind is DeclKind.UNION:
            union = declare(UnionDecl)
            key = shapes.union_key(node) or "oneOf"
            variants, nullable = self._variants(target.child(key), union.name)
            union.variants = variants or [AnyType()]
            self._discriminate(union, target, key)
            if nullable:
                self._nullable.add(target.key)
            return union
        alias = declare(AliasDecl)
        if "$ref" in node:  # a component that only names another schema
            alias.target = self.type_of(target, alias.name)
        else:
            alias.target = self.inline(target, alias.name, as_decl=False)
        return alias

    def inline(self, schema: Target, hint: str, as_decl: bool = True) -> TypeInfo:
        """The type of a schema written in place (no `$ref` at its top)."""
        t = self._inline(schema, hint, as_decl)
        if shapes.is_nullable(schema.node) and not isinstance(t, NullableType):
            return NullableType(t)
        return t

    def _inline(self, schema: Target, hint: str, as_decl: bool) -> TypeInfo:
        node = schema.node
        ref = shapes.refinement(node)
        if ref is not None:
            target = self.ctx.resolver.lookup(ref, schema.doc, join_pointer(schema.pointer, "allOf"))
            return AnyType() if target is None else self.named(target)
        if shapes.has_enum(node):
            return self._inline_enum(schema, hint)
        key = shapes.union_key(node)
        if key is not None:
            t = self.union(schema.child(key), hint)
            inner = t.inner if isinstance(t, NullableType) else t
            if isinstance(inner, RefType) and isinstance(inner.decl, UnionDecl):
                self._discriminate(inner.decl, schema, key)
            return t
        if as_decl and ("allOf" in node or "properties" in node):
            model = self._declare(ModelDecl, hint, schema, shapes.text(node.get("description")))
            self._fill_model(model, schema)
            return RefType(model)
        if shapes.is_object(node) or "additionalProperties" in node:
            extra = node.get("additionalProperties", True)
            if isinstance(extra, Mapping) and extra:
                return MapType(self.type_of(schema.child("additionalProperties"), hint + "Value"))
            return MapType(AnyType())
        types = shapes.types_of(node)
        if types == {"array"} or "items" in node:
            return ListType(self.type_of(shapes.schema_of(schema, "items"), hint + "Item"))
        if len(types) == 1:
            return self._single_type(schema, types.pop())
        if len(types) > 1:
            fmt = {"format": node["format"]} if "format" in node else {}
            variants = [{"type": x, **fmt} for x in sorted(types)]
            return self.union(Target(schema.doc, schema.pointer, variants), hint)
        if "const" in node:
            return _type_of_value(node["const"])
        return AnyType()

    def _single_type(self, schema: Target, json_type: str) -> TypeInfo:
        if json_type == "string":
            fmt = schema.get("format")
            if fmt in ("date-time", "date"):
                return DateTimeType(date_only=fmt == "date")
            return FileType() if fmt == "binary" else STR
        if json_type in PRIMITIVES:
            return PRIMITIVES[json_type]
        self.ctx.warn("unsupported-schema", schema.child("type"), f"unknown type {json_type!r}; typed as `object`")
        return AnyType()

    # ------------------------------------------------------------ enums

    def _inline_enum(self, schema: Target, hint: str) -> TypeInfo:
        node = schema.node
        if shapes.enum_kind(node) is None:
            return self._enum_values_type(schema, hint)
        enum = self._declare(EnumDecl, hint, schema, shapes.text(node.get("description")))
        self._fill_enum(enum, schema)
        return NullableType(RefType(enum)) if None in node["enum"] else RefType(enum)

    def _enum_values_type(self, schema: Target, hint: str) -> TypeInfo:
        """The type of an enum that is not an enum class: `[true]` is a bool, `[1, "a"]` is int or str."""
        values = schema.node["enum"]
        names = {bool: "boolean", int: "integer", float: "number", str: "string"}
        kinds = sorted({names.get(type(v), "object") for v in values if v is not None})
        t: TypeInfo
        if "object" in kinds:
            t = AnyType()
        elif kinds == ["boolean"]:
            t = BOOL
        elif set(kinds) <= {"integer", "number"}:
            t = FLOAT
        else:
            at = schema.child("enum")
            message = f"enum mixes {' and '.join(kinds)} values; typed as their union, without members"
            self.ctx.warn("unsupported-enum", at, message)
            t = self.union(Target(at.doc, at.pointer, [{"type": k} for k in kinds]), hint)
        return NullableType(t) if None in values and not isinstance(t, NullableType) else t

    def _fill_enum(self, decl: EnumDecl, schema: Target) -> None:
        values = [v for v in schema.node["enum"] if v is not None]
        if shapes.enum_kind(schema.node) == "int":
            decl.value_type = ValueType.INT
        seen: set[str] = set()
        for v in values:
            if str(v) not in seen:
                seen.add(str(v))
                decl.members.append(EnumMember(v))

    # ------------------------------------------------------------ unions

    def union(self, variants: Target, hint: str) -> TypeInfo:
        """The type of a list of alternatives: one of them, or a union declaration."""
        parsed, nullable = self._variants(variants, hint)
        if not parsed:
            return NONE if nullable else AnyType()
        result = parsed[0] if len(parsed) == 1 else self.declare_union(hint, variants, parsed)
        return NullableType(result) if nullable else result

    def _variants(self, variants: Target, hint: str) -> tuple[list[TypeInfo], bool]:
        """The distinct non-null variants, and whether null is one of them.

        A variant typed `object` absorbs the rest: the union is then `object`.
        """
        nullable = False
        parsed: list[TypeInfo] = []
        for i, variant in enumerate(variants.node if isinstance(variants.node, list) else []):
            if isinstance(variant, Mapping) and (variant.get("type") == "null" or variant.get("enum") == [None]):
                nullable = True
                continue
            t = self.type_of(variants.child(i), f"{hint}Variant{i + 1}")
            if isinstance(t, NullableType):
                nullable, t = True, t.inner
            if t not in parsed:
                parsed.append(t)
        if any(isinstance(p, AnyType) for p in parsed):
            parsed = [AnyType()]
        return parsed, nullable

    def _discriminate(self, decl: UnionDecl, schema: Target, key: str) -> None:
        """Read `discriminator` so the decoder picks the variant by its tag.

        Each `$ref` variant is selected by the mapping values that name it
        (a schema name or a `$ref`), and, when no mapping value does, by the
        last segment of its `$ref` (the spec's implicit rule). Variants
        without a tag are still tried in order after a tag misses.
        """
        disc = schema.get("discriminator")
        if not isinstance(disc, Mapping) or not isinstance(disc.get("propertyName"), str):
            return
        refs: dict[str, TypeInfo] = {}
        for i, raw in enumerate(schema.node[key]):
            if isinstance(raw, Mapping) and isinstance(raw.get("$ref"), str):
                t = self.type_of(schema.child(key, i), decl.name)
                t = t.inner if isinstance(t, NullableType) else t
                if t in decl.variants:
                    refs[raw["$ref"]] = t
        given = disc.get("mapping")
        mapping: Mapping[Any, Any] = given if isinstance(given, Mapping) else {}
        tags: list[tuple[SpecText, TypeInfo]] = []
        named: set[str] = set()
        for value in sorted(mapping, key=str):
            target = mapping[value]
            is_ref = isinstance(target, str) and ("#" in target or "/" in target)
            ref = target if is_ref else f"#/components/schemas/{target}"
            if ref in refs:
                tags.append((SpecText(str(value)), refs[ref]))
                named.add(ref)
            else:
                at = schema.child("discriminator", "mapping", str(value))
                message = f"mapping value {target!r} names no `$ref` variant of this {key}"
                self.ctx.warn("unsupported-discriminator", at, message + "; that tag falls back to trying each variant")
        for ref in sorted(set(refs) - named):
            tags.append((SpecText(ref.rsplit("/", 1)[-1]), refs[ref]))
        decl.discriminator = SpecText(disc["propertyName"])
        decl.tags = tags

    # ------------------------------------------------------------ objects

    def object_shape(self, schema: Target, seen: frozenset[tuple[str, str]] = frozenset()) -> tuple[Fields, set[str]]:
        """Properties (in order) and required names of an object, `allOf` merged."""
        props: dict[str, tuple[str, Target]] = {}
        required: set[str] = set()
        parts = schema.get("allOf")
        for i, part in enumerate(parts if isinstance(parts, list) else []):
            where, inner_seen = schema.child("allOf", i), seen
            if isinstance(part, Mapping) and "$ref" in part:
                found = self.ctx.resolver.lookup(part["$ref"], schema.doc, join_pointer(where.pointer, "$ref"))
                if found is None or found.key in seen:
                    if found is not None:
                        self.ctx.diags.error(schema.doc.name, where.pointer, "allOf refers back to itself (a cycle)")
                    continue
                where, inner_seen = found, seen | {found.key}
            if isinstance(where.node, Mapping):
                inner_props, inner_required = self.object_shape(where, inner_seen)
                props.update((wire, (wire, at)) for wire, at in inner_props)
                required |= inner_required
        own = schema.get("properties") or {}
        if isinstance(own, Mapping):
            for key, value in own.items():
                at = Target(schema.doc, join_pointer(schema.pointer, "properties", str(key)), value)
                props[str(key)] = (str(key), at)
        listed = schema.get("required") or []
        if isinstance(listed, list):
            required |= {str(r) for r in listed}
        return list(props.values()), required

    def _fill_model(self, decl: ModelDecl, schema: Target) -> None:
        entries, required = self.object_shape(schema)
        for wire, at in entries:
            t = self.type_of(at, decl.name + naming.pascal(wire, fallback="Field"))
            description = shapes.text(at.get("description"))
            if description is None and isinstance(t, RefType):
                description = t.decl.description
            decl.properties.append(Property(wire, t, wire in required, description, Where(at.doc.name, at.pointer)))
        self.on_model(decl)


def _type_of_value(value: Any) -> TypeInfo:
    """The type of a `const`: the JSON type of its value."""
    for python_type, t in ((bool, BOOL), (int, INT), (float, FLOAT), (str, STR)):
        if isinstance(value, python_type):
            return t
    return AnyType()
