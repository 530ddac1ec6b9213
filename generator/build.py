"""Stage 4: turn the resolved OpenAPI document into the intermediate model.

Problems are recorded as located diagnostics; unsupported constructs become a
named warning and the nearest faithful type (`object`), never a crash and never
a dropped operation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import naming
from .config import Config
from .errors import Diagnostic, Diagnostics, join_pointer
from .ir import (
    AliasDecl,
    AnyType,
    BatchInfo,
    Body,
    ClientModel,
    DateTimeType,
    Decl,
    EnumDecl,
    EnumMember,
    ListType,
    MapType,
    EachPlan,
    ModelDecl,
    NullableType,
    BytesType,
    FileType,
    NumericPlan,
    NumericStringType,
    ObjectPlan,
    Operation,
    Plan,
    Parameter,
    PrimitiveType,
    Property,
    RefType,
    Resource,
    Response,
    SpecText,
    SpecValue,
    TypeInfo,
    UnionDecl,
)
from .load import SourceDocument
from .resolve import Resolver, Target

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Header parameters OpenAPI says to ignore (Parameter Object, "in: header").
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
# Request bodies: JSON first, then what a form would send, then raw content.
REQUEST_ENCODINGS = ("json", "form", "multipart", "text", "binary")
# Responses: JSON first, then text, then bytes for anything else.
RESPONSE_ENCODINGS = ("json", "text", "binary")


def _encoding_of(content_type: str, media: Any = None) -> str:
    """How a body of this media type is encoded: json, form, multipart, text or binary.

    A wildcard (`*/*`, `application/*`, as springdoc writes for every JSON
    answer) is JSON when its schema is structured (an object, an array or a
    `$ref`), else bytes.
    """
    base = content_type.split(";")[0].strip().lower()
    if base in ("application/json", "text/json") or base.endswith("+json"):
        return "json"
    if base in ("*/*", "application/*"):
        schema = media.get("schema") if isinstance(media, Mapping) else None
        structured = isinstance(schema, Mapping) and ("$ref" in schema or "properties" in schema or schema.get("type") in ("object", "array"))
        return "json" if structured else "binary"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("multipart/"):
        return "multipart"
    if base.startswith("text/") or base in ("application/xml", "application/yaml", "application/x-yaml", "application/javascript") or base.endswith("+xml"):
        return "text"
    return "binary"


STR = PrimitiveType("str", "as_str")
INT = PrimitiveType("int", "as_int")
FLOAT = PrimitiveType("float", "as_float")
BOOL = PrimitiveType("bool", "as_bool")
NONE = PrimitiveType("None", "as_none")
_PRIMITIVES = {"string": STR, "integer": INT, "number": FLOAT, "boolean": BOOL, "null": NONE}

# Names a generated model attribute may not take: runtime members of the
# model base class, and names its annotations use (a field named `str` would
# shadow the type `str` for the rest of the class body).
MODEL_RESERVED = frozenset(
    {"to_dict", "from_json", "extra", "is_partial", "accepted", "rejected"}
    | {"str", "int", "float", "bool", "object", "list", "dict", "datetime", "date", "None"}
    | {"List", "Dict", "Optional", "Union", "Mapping", "Sequence", "Literal", "Any", "ClassVar", "TypedDict"}
)
# Keyword arguments every generated method has, and names its body uses.
METHOD_RESERVED = frozenset({"extra_headers", "timeout", "self", "build_path", "prepare", "datetime", "decimal"}) | MODEL_RESERVED
# Names generated modules import (typing, the runtime): a schema may not take them.
TYPE_RESERVED = frozenset(
    {"Any", "ClassVar", "Decimal", "Dict", "List", "Literal", "Mapping", "Optional", "Sequence", "Tuple", "TypedDict", "Union"}
    | {"NOT_GIVEN", "NotGiven", "Headers", "Timeout", "Outcome", "RequestOptions", "ResponseMap", "Each", "Numeric", "Object"}
    | {"Prepared", "APIResponse", "SyncAPIResource", "AsyncAPIResource", "SyncAPIClient", "AsyncAPIClient"}
)
# Attributes of the client and of resources that a child resource or an
# operation must not shadow.
CLIENT_RESERVED = frozenset(
    {"with_options", "close", "api_key", "base_url", "timeout", "max_retries", "default_headers", "copy"}
)


def _text(value: object) -> SpecText | None:
    if isinstance(value, str) and value.strip():
        return SpecText(value.strip())
    return None


class Builder:
    def __init__(self, resolver: Resolver, config: Config, diags: Diagnostics, spec_display: str, output_display: str, config_doc: SourceDocument | None = None) -> None:
        self.config_doc = config_doc
        self.resolver = resolver
        self.doc = resolver.root
        self.config = config
        self.diags = diags
        self.spec_display = spec_display
        self.output_display = output_display
        self.decls_by_key: dict[tuple[str, str], Decl] = {}
        self.decls: list[Decl] = []
        self.taken_names: set[str] = set()
        self.taken_modules: set[str] = set()
        self._component_names: dict[tuple[str, str], str] = {}
        self._used_request_rules: set[str] = set()

    # ------------------------------------------------------------ naming

    def _claim(self, proposed: str) -> tuple[str, str]:
        """A unique class name and module for a new declaration."""
        while proposed in TYPE_RESERVED:
            proposed += "_"
        name = proposed
        n = 2
        while name in self.taken_names or naming.snake(name) in self.taken_modules:
            name = f"{proposed}{n}"
            n += 1
        self.taken_names.add(name)
        self.taken_modules.add(naming.snake(name))
        return name, naming.snake(name)

    def _dedupe(self, proposed: list[tuple[str, str]], doc: SourceDocument, pointer_of: Any, what: str) -> dict[str, str]:
        """naming.dedupe, with a `name-collision` warning for each renamed source."""
        result = naming.dedupe(proposed)
        first = dict(proposed)
        for source, name in sorted(result.items()):
            if name != first[source]:
                self.diags.warn("name-collision", doc.name, pointer_of(source), f"{what} {source!r} would be named {first[source]!r} like another; it is named {name!r}")
        return result

    def _reserve_component_names(self) -> None:
        schemas = self._components("schemas")
        proposed = [(key, naming.pascal(key, fallback="Schema")) for key in schemas]
        renamed = self._dedupe(proposed, self.doc, lambda key: join_pointer("/components/schemas", key), "schema")
        for key, name in sorted(renamed.items()):
            pointer = join_pointer("/components/schemas", key)
            self._component_names[(self.doc.name, pointer)] = name

    def _components(self, kind: str) -> Mapping[str, Any]:
        components = self.doc.data.get("components") or {}
        section = components.get(kind) or {}
        return section if isinstance(section, Mapping) else {}

    # ------------------------------------------------------------ schemas

    def schema_type(self, node: Any, doc: SourceDocument, pointer: str, hint: str) -> TypeInfo:
        if node is True or node == {}:
            return AnyType()
        if not isinstance(node, Mapping):
            self.diags.warn("unsupported-schema", doc.name, pointer, "schema is not an object; typed as `object`")
            return AnyType()
        if "$ref" in node:
            target = self.resolver.lookup(node["$ref"], doc, join_pointer(pointer, "$ref"))
            if target is None:
                return AnyType()
            t = self.named_type(target)
            if node.get("nullable") is True:
                return NullableType(t)
            return t
        return self.inline_type(node, doc, pointer, hint)

    def named_type(self, target: Target) -> TypeInfo:
        decl = self.decls_by_key.get(target.key)
        if decl is not None:
            return RefType(decl)
        node = target.node
        proposed = self._component_names.get(target.key) or naming.pascal(
            target.pointer.rsplit("/", 1)[-1] or target.doc.path.stem, fallback="Schema"
        )
        if not isinstance(node, Mapping):
            return self.schema_type(node, target.doc, target.pointer, proposed)
        name, module = self._claim(proposed)
        source = f"{target.doc.name}#{target.pointer}"
        description = _text(node.get("description")) or _text(node.get("title"))
        kind = self._shape(node, target.doc)
        decl: Decl
        if kind == "model":
            decl = ModelDecl(name, module, source, description)
        elif kind == "enum":
            decl = EnumDecl(name, module, source, description)
        elif kind == "union":
            decl = UnionDecl(name, module, source, description)
        else:
            decl = AliasDecl(name, module, source, description)
        self.decls_by_key[target.key] = decl
        self.decls.append(decl)
        if isinstance(decl, ModelDecl):
            self._fill_model(decl, node, target.doc, target.pointer)
            if self._nullable(node):
                return NullableType(RefType(decl))
        elif isinstance(decl, EnumDecl):
            self._fill_enum(decl, node, target.doc, target.pointer)
            if self._nullable(node) or None in (node.get("enum") or []):
                return NullableType(RefType(decl))
        elif isinstance(decl, UnionDecl):
            key = "oneOf" if "oneOf" in node else "anyOf"
            variants, nullable = self._union_variants(node[key], target.doc, join_pointer(target.pointer, key), name)
            decl.variants = variants or [AnyType()]
            self._discriminate(decl, node, key, target.doc, target.pointer)
            if nullable or self._nullable(node):
                return NullableType(RefType(decl))
        elif isinstance(decl, AliasDecl):
            decl.target = self.inline_type(node, target.doc, target.pointer, name, as_decl=False)
        return RefType(decl)

    def _enum_kind(self, node: Mapping[str, Any]) -> str | None:
        """"str" or "int" for an enum that becomes an enum class; None for other enums
        (booleans, floats, mixed kinds), which are typed by their values' types instead."""
        values = [v for v in node["enum"] if v is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return "int"
        if all(isinstance(v, str) for v in values):
            return "str"
        return None

    def _enum_values_type(self, node: Mapping[str, Any], doc: SourceDocument, pointer: str, hint: str) -> TypeInfo:
        """The type of an enum that is not an enum class: `[true]` is a bool, `[1, "a"]` is int or str."""
        names = {bool: "boolean", int: "integer", float: "number", str: "string"}
        kinds = sorted({names.get(type(v), "object") for v in node["enum"] if v is not None})
        if "object" in kinds:
            t: TypeInfo = AnyType()
        elif kinds == ["boolean"]:
            t = BOOL
        elif set(kinds) <= {"integer", "number"}:
            t = FLOAT
        else:
            self.diags.warn("unsupported-enum", doc.name, join_pointer(pointer, "enum"), f"enum mixes {' and '.join(kinds)} values; typed as their union, without members")
            t = self._union([{"type": k} for k in kinds], doc, join_pointer(pointer, "enum"), hint)
        return NullableType(t) if None in node["enum"] and not isinstance(t, NullableType) else t

    def _shape(self, node: Mapping[str, Any], doc: SourceDocument) -> str:
        if "enum" in node and isinstance(node["enum"], list):
            return "enum" if self._enum_kind(node) else "alias"
        if self._refinement(node) is not None:
            return "alias"
        if isinstance(node.get("oneOf"), list) or isinstance(node.get("anyOf"), list):
            return "union"
        types = self._types(node)
        if "allOf" in node or "properties" in node or types == {"object"}:
            if "properties" not in node and "allOf" not in node:
                return "alias"  # a free-form object or a map
            return "model"
        return "alias"

    def _types(self, node: Mapping[str, Any]) -> set[str]:
        t = node.get("type")
        if isinstance(t, str):
            return {t} - {"null"}
        if isinstance(t, list):
            return {x for x in t if isinstance(x, str)} - {"null"}
        return set()

    def _nullable(self, node: Mapping[str, Any]) -> bool:
        t = node.get("type")
        return node.get("nullable") is True or (isinstance(t, list) and "null" in t)

    def _refinement(self, node: Mapping[str, Any]) -> Any | None:
        """The `$ref` of an allOf that only narrows one referenced schema.

        `allOf: [{$ref: X}, {required: [...]}]` adds no fields: it is X with
        constraints, so it is typed as X (an alias), not as a new class.
        """
        parts = node.get("allOf")
        if not isinstance(parts, list) or "properties" in node:
            return None
        refs = [p for p in parts if isinstance(p, Mapping) and "$ref" in p]
        rest = [p for p in parts if not (isinstance(p, Mapping) and "$ref" in p)]
        if len(refs) != 1:
            return None
        allowed = {"required", "type", "description", "title", "minProperties", "maxProperties"}
        if all(isinstance(p, Mapping) and set(p) <= allowed for p in rest):
            return refs[0]["$ref"]
        return None

    def inline_type(self, node: Mapping[str, Any], doc: SourceDocument, pointer: str, hint: str, as_decl: bool = True) -> TypeInfo:
        t = self._inline_type(node, doc, pointer, hint, as_decl)
        if self._nullable(node) and not isinstance(t, NullableType):
            return NullableType(t)
        return t

    def _inline_type(self, node: Mapping[str, Any], doc: SourceDocument, pointer: str, hint: str, as_decl: bool) -> TypeInfo:
        ref = self._refinement(node)
        if ref is not None:
            target = self.resolver.lookup(ref, doc, join_pointer(pointer, "allOf"))
            return AnyType() if target is None else self.named_type(target)
        if "enum" in node and isinstance(node["enum"], list):
            if self._enum_kind(node) is None:
                return self._enum_values_type(node, doc, pointer, hint)
            decl = EnumDecl(*self._claim(hint), f"{doc.name}#{pointer}", _text(node.get("description")))
            self.decls.append(decl)
            self._fill_enum(decl, node, doc, pointer)
            t: TypeInfo = RefType(decl)
            return NullableType(t) if None in node["enum"] else t
        for key in ("oneOf", "anyOf"):
            if key in node and isinstance(node[key], list):
                t = self._union(node[key], doc, join_pointer(pointer, key), hint)
                inner = t.inner if isinstance(t, NullableType) else t
                if isinstance(inner, RefType) and isinstance(inner.decl, UnionDecl):
                    self._discriminate(inner.decl, node, key, doc, pointer)
                return t
        types = self._types(node)
        if "allOf" in node or "properties" in node:
            if as_decl:
                name, module = self._claim(hint)
                decl = ModelDecl(name, module, f"{doc.name}#{pointer}", _text(node.get("description")))
                self.decls.append(decl)
                self._fill_model(decl, node, doc, pointer)
                return RefType(decl)
        if types == {"object"} or "additionalProperties" in node or "properties" in node or "allOf" in node:
            extra = node.get("additionalProperties", True)
            if isinstance(extra, Mapping) and extra:
                return MapType(self.schema_type(extra, doc, join_pointer(pointer, "additionalProperties"), hint + "Value"))
            return MapType(AnyType())
        if types == {"array"} or "items" in node:
            items = node.get("items", True)
            return ListType(self.schema_type(items, doc, join_pointer(pointer, "items"), hint + "Item"))
        if len(types) == 1:
            (only,) = types
            if only == "string":
                fmt = node.get("format")
                if fmt == "date-time":
                    return DateTimeType()
                if fmt == "date":
                    return DateTimeType(date_only=True)
                if fmt == "binary":
                    return FileType()
                return STR
            if only in _PRIMITIVES:
                return _PRIMITIVES[only]
            self.diags.warn("unsupported-schema", doc.name, join_pointer(pointer, "type"), f"unknown type {only!r}; typed as `object`")
            return AnyType()
        if len(types) > 1:
            variants = [{"type": x, **({"format": node["format"]} if "format" in node else {})} for x in sorted(types)]
            return self._union(variants, doc, pointer, hint)
        if "const" in node:
            value = node["const"]
            for type_name, prim in (("boolean", BOOL), ("integer", INT), ("number", FLOAT), ("string", STR)):
                if isinstance(value, {"boolean": bool, "integer": int, "number": float, "string": str}[type_name]):
                    return prim
        return AnyType()

    def _union(self, variants: list[Any], doc: SourceDocument, pointer: str, hint: str) -> TypeInfo:
        parsed, nullable = self._union_variants(variants, doc, pointer, hint)
        result: TypeInfo
        if not parsed:
            result = NONE if nullable else AnyType()
            return result
        if len(parsed) == 1:
            result = parsed[0]
        else:
            name, module = self._claim(hint)
            decl = UnionDecl(name, module, f"{doc.name}#{pointer}", None, variants=parsed)
            self.decls.append(decl)
            result = RefType(decl)
        return NullableType(result) if nullable else result

    def _discriminate(self, decl: UnionDecl, node: Mapping[str, Any], key: str, doc: SourceDocument, pointer: str) -> None:
        """Read `discriminator` so the decoder picks the variant by its tag.

        Each `$ref` variant is selected by the mapping values that name it
        (a schema name or a `$ref`), and, when no mapping value does, by the
        last segment of its `$ref` (the spec's implicit rule). Variants
        without a tag are still tried in order after a tag misses.
        """
        disc = node.get("discriminator")
        if not isinstance(disc, Mapping) or not isinstance(disc.get("propertyName"), str):
            return
        refs: dict[str, TypeInfo] = {}
        for i, raw in enumerate(node[key]):
            if isinstance(raw, Mapping) and isinstance(raw.get("$ref"), str):
                t = self.schema_type(raw, doc, join_pointer(pointer, key, i), decl.name)
                t = t.inner if isinstance(t, NullableType) else t
                if t in decl.variants:
                    refs[raw["$ref"]] = t
        mapping = disc.get("mapping") if isinstance(disc.get("mapping"), Mapping) else {}
        tags: list[tuple[SpecText, TypeInfo]] = []
        named: set[str] = set()
        for value in sorted(mapping, key=str):
            target = mapping[value]
            ref = target if isinstance(target, str) and ("#" in target or "/" in target) else f"#/components/schemas/{target}"
            if ref in refs:
                tags.append((SpecText(str(value)), refs[ref]))
                named.add(ref)
            else:
                self.diags.warn("unsupported-discriminator", doc.name, join_pointer(pointer, "discriminator", "mapping", str(value)), f"mapping value {target!r} names no `$ref` variant of this {key}; that tag falls back to trying each variant")
        for ref in sorted(set(refs) - named):
            tags.append((SpecText(ref.rsplit("/", 1)[-1]), refs[ref]))
        decl.discriminator = SpecText(disc["propertyName"])
        decl.tags = tags

    def _union_variants(self, variants: list[Any], doc: SourceDocument, pointer: str, hint: str) -> tuple[list[TypeInfo], bool]:
        """The distinct non-null variants, and whether null is one of them.

        A variant typed `object` absorbs the rest: the union is then `object`.
        """
        nullable = False
        parsed: list[TypeInfo] = []
        for i, variant in enumerate(variants):
            if isinstance(variant, Mapping) and (variant.get("type") == "null" or variant.get("enum") == [None]):
                nullable = True
                continue
            t = self.schema_type(variant, doc, join_pointer(pointer, i), f"{hint}Variant{i + 1}")
            if isinstance(t, NullableType):
                nullable, t = True, t.inner
            if t not in parsed:
                parsed.append(t)
        if any(isinstance(p, AnyType) for p in parsed):
            parsed = [AnyType()]
        return parsed, nullable

    def object_shape(self, node: Mapping[str, Any], doc: SourceDocument, pointer: str, seen: frozenset[tuple[str, str]] = frozenset()) -> tuple[list[tuple[str, Any, SourceDocument, str]], set[str]]:
        """Properties (in order) and required names of an object, allOf merged."""
        props: dict[str, tuple[str, Any, SourceDocument, str]] = {}
        required: set[str] = set()
        for i, part in enumerate(node.get("allOf") or []):
            part_doc, part_pointer = doc, join_pointer(pointer, "allOf", i)
            if isinstance(part, Mapping) and "$ref" in part:
                target = self.resolver.lookup(part["$ref"], doc, join_pointer(part_pointer, "$ref"))
                if target is None or target.key in seen:
                    if target is not None:
                        self.diags.error(doc.name, part_pointer, "allOf refers back to itself (a cycle)")
                    continue
                part, part_doc, part_pointer = target.node, target.doc, target.pointer
                sub_seen = seen | {target.key}
            else:
                sub_seen = seen
            if isinstance(part, Mapping):
                sub_props, sub_required = self.object_shape(part, part_doc, part_pointer, sub_seen)
                for entry in sub_props:
                    props[entry[0]] = entry
                required |= sub_required
        own = node.get("properties") or {}
        if isinstance(own, Mapping):
            for key, value in own.items():
                props[str(key)] = (str(key), value, doc, join_pointer(pointer, "properties", str(key)))
        req = node.get("required") or []
        if isinstance(req, list):
            required |= {str(r) for r in req}
        return list(props.values()), required

    def _fill_model(self, decl: ModelDecl, node: Mapping[str, Any], doc: SourceDocument, pointer: str) -> None:
        entries, required = self.object_shape(node, doc, pointer)
        pointers = {wire: p for wire, _, _, p in entries}
        proposed = [(wire, naming.snake(wire, fallback="field", reserved=MODEL_RESERVED)) for wire, *_ in entries]
        names = self._dedupe(proposed, doc, lambda wire: pointers[wire], "property")
        for wire, schema, prop_doc, prop_pointer in entries:
            t = self.schema_type(schema, prop_doc, prop_pointer, decl.name + naming.pascal(wire, fallback="Field"))
            description = _text(schema.get("description")) if isinstance(schema, Mapping) else None
            if description is None and isinstance(t, RefType):
                description = t.decl.description
            decl.properties.append(Property(wire, names[wire], t, wire in required, description))
        self._apply_request_rules(decl)

    def _apply_request_rules(self, decl: ModelDecl) -> None:
        rules = self.config.requests.get(decl.name)
        if rules is None:
            return
        self._used_request_rules.add(decl.name)
        props = {p.wire_name: p for p in decl.properties}
        base = f"/requests/{decl.name}"
        for name in rules.positive_integer_strings:
            prop = props.get(name)
            if prop is None or prop.type.canonical() != STR:
                self._config_error(base + "/positive_integer_strings", f"{name!r} is not a string field of {decl.name}")
                continue
            prop.type = NumericStringType()
        if rules.idempotency_key is not None:
            prop = props.get(rules.idempotency_key)
            if prop is None or prop.type.canonical() != STR:
                self._config_error(base + "/idempotency_key", f"{rules.idempotency_key!r} is not a string field of {decl.name}")
            else:
                decl.idempotency_key = prop

    def _fill_enum(self, decl: EnumDecl, node: Mapping[str, Any], doc: SourceDocument, pointer: str) -> None:
        values = [v for v in node["enum"] if v is not None]
        if self._enum_kind(node) == "int":
            decl.value_type = "int"
            proposed = [(str(v), naming.upper(f"value_{v}" if v >= 0 else f"value_minus_{-v}")) for v in values]
        else:
            proposed = [(str(v), naming.upper(str(v), fallback="EMPTY", reserved={"MRO"})) for v in values]
        names = self._dedupe(proposed, doc, lambda _: join_pointer(pointer, "enum"), "enum value")
        seen: set[str] = set()
        for v in values:
            if str(v) in seen:
                continue
            seen.add(str(v))
            decl.members.append(EnumMember(names[str(v)], v))

    # ------------------------------------------------------------ operations

    def build(self) -> ClientModel:
        data = self.doc.data
        self._reserve_component_names()
        for key in self._components("schemas"):
            pointer = join_pointer("/components/schemas", key)
            target = self.resolver.lookup("#" + pointer, self.doc, pointer)
            if target is not None:
                self.named_type(target)
        operations = self._operations()
        for name in sorted(set(self.config.requests) - self._used_request_rules):
            self._config_error(f"/requests/{name}", f"no schema is named {name!r}")
        known_ids = {op.operation_id for op in operations}
        for op_id in sorted(set(self.config.resources) - known_ids):
            # A warning: a spec that drops an operation should still diff and generate.
            where = self.config_doc.name if self.config_doc else self.doc.name
            loc = self.config_doc.locate(join_pointer("/resources", op_id)) if self.config_doc else None
            if loc is not None:
                self.diags.items.append(Diagnostic("warning", loc, f"no operation has the operationId {op_id!r}", code="unused-config"))
            else:
                self.diags.warn("unused-config", where, "", f"no operation has the operationId {op_id!r}")
        self._mark_request_decls(operations)
        self._batch_helpers()
        info = data.get("info") or {}
        title = str(info.get("title") or self.doc.path.stem)
        base_title = re.sub(r"(?i)[\s_-]*api$", "", title.strip()) or title
        package = self.config.package_name or naming.snake(base_title, fallback="client", reserved=naming.PACKAGE_RESERVED)
        client_class = self.config.client_class or naming.pascal(base_title, fallback="Client")
        auth_header, auth_scheme = self._auth()
        return ClientModel(
            package=package,
            project_name=self.config.project_name or package.replace("_", "-"),
            version=self.config.package_version or str(info.get("version") or "0.0.0"),
            client_class=client_class,
            env_prefix=self.config.env_prefix or naming.upper(package),
            title=SpecText(title),
            description=_text(info.get("description")),
            base_url=self._base_url(),
            auth_header=auth_header,
            auth_scheme=auth_scheme,
            request_id_header=self.config.request_id_header,
            request_id_body_path=self.config.request_id_body_path,
            max_retries=self.config.max_retries,
            timeout=self.config.timeout,
            connect_timeout=self.config.connect_timeout,
            max_retry_after=self.config.max_retry_after,
            decls=sorted(self.decls, key=lambda d: d.name),
            operations=operations,
            root=self._resources(operations, client_class),
            spec_display=self.spec_display,
            output_display=self.output_display,
        )

    def _base_url(self) -> str:
        servers = self.doc.data.get("servers") or []
        if not servers or not isinstance(servers[0], Mapping):
            return ""
        url = str(servers[0].get("url") or "")
        for name, var in (servers[0].get("variables") or {}).items():
            if isinstance(var, Mapping) and "default" in var:
                url = url.replace("{" + str(name) + "}", str(var["default"]))
        return url.rstrip("/") if url.startswith(("http://", "https://")) else ""

    def _auth(self) -> tuple[str, str]:
        schemes = sorted(self._components("securitySchemes").items())
        for name, scheme in schemes:
            if not isinstance(scheme, Mapping):
                continue
            if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
                return "Authorization", "Bearer"
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header" and isinstance(scheme.get("name"), str):
                return scheme["name"], ""
        for name, _ in schemes:
            self.diags.warn(
                "unsupported-auth",
                self.doc.name,
                join_pointer("/components/securitySchemes", name),
                "only bearer tokens and API keys in a header are supported; the client sends `Authorization: Bearer <api_key>`",
            )
        return "Authorization", "Bearer"

    def _operations(self) -> list[Operation]:
        paths = self.doc.data.get("paths") or {}
        found: list[tuple[str, str, Mapping[str, Any], str, list[Any]]] = []
        for path in sorted(paths):
            item = paths[path]
            item_pointer = join_pointer("/paths", path)
            if isinstance(item, Mapping) and "$ref" in item:
                target = self.resolver.follow(Target(self.doc, item_pointer, item))
                item = target.node if target else {}
            if not isinstance(item, Mapping):
                continue
            shared = item.get("parameters") or []
            for method in HTTP_METHODS:
                op = item.get(method)
                if isinstance(op, Mapping):
                    found.append((path, method, op, join_pointer(item_pointer, method), shared))
        ids: dict[str, str] = {}
        for path, method, op, pointer, _ in found:
            op_id = op.get("operationId")
            if not isinstance(op_id, str) or not op_id:
                words = [w for w in re.split(r"[/{}]+", path) if w and not path.count("{" + w + "}")]
                op_id = "_".join([method, *words]) or method
            ids[pointer] = op_id
        operations = [self._operation(path, method, op, pointer, shared, ids[pointer]) for path, method, op, pointer, shared in found]
        # Operations whose names collide within one resource are numbered.
        by_resource: dict[tuple[str, ...], list[Operation]] = {}
        for o in operations:
            by_resource.setdefault(o.resource, []).append(o)
        by_id = {ids[p]: p for p in ids}
        for ops in by_resource.values():
            renamed = self._dedupe([(o.operation_id, o.py_name) for o in ops], self.doc, lambda op_id: by_id[op_id], "operation")
            for o in ops:
                o.py_name = renamed[o.operation_id]
        return operations

    def _resource_path(self, path: str, op: Mapping[str, Any], op_id: str) -> tuple[str, ...]:
        configured = self.config.resources.get(op_id)
        if configured is not None:
            return tuple(naming.snake(p, reserved=CLIENT_RESERVED) for p in configured.split(".") if p)
        segments = [s for s in path.split("/") if s]
        out: list[str] = []
        if segments and re.fullmatch(r"v\d+(\.\d+)?", segments[0]):
            out.append(naming.snake(segments.pop(0)))
        tags = op.get("tags")
        if isinstance(tags, list) and tags and isinstance(tags[0], str):
            out.append(naming.snake(tags[0], reserved=CLIENT_RESERVED))
        else:
            literal = [s for s in segments if not s.startswith("{")]
            if literal:
                out.append(naming.snake(literal[0], reserved=CLIENT_RESERVED))
        return tuple(out)

    def _operation(self, path: str, method: str, op: Mapping[str, Any], pointer: str, shared: list[Any], op_id: str) -> Operation:
        op_name = naming.pascal(op_id, fallback="Operation")
        params = self._parameters(list(shared) + list(op.get("parameters") or []), pointer, op_name)
        taken = {p.py_name for p in params}
        body = self._body(op.get("requestBody"), join_pointer(pointer, "requestBody"), op_name, taken)
        responses = self._responses(op.get("responses") or {}, join_pointer(pointer, "responses"), op_name)
        success = []
        for r in responses:
            if r.is_success and r.type is not None:
                c = r.type.canonical()
                if c not in success:
                    success.append(c)
        return_type: TypeInfo | None
        if not success:
            return_type = None
        elif len(success) == 1:
            return_type = success[0]
        else:
            name, module = self._claim(op_name + "Response")
            decl = UnionDecl(name, module, f"{self.doc.name}#{pointer}", None, variants=success)
            self.decls.append(decl)
            return_type = RefType(decl)
        if return_type is not None and not isinstance(return_type, NullableType) and any(r.is_success and r.type is None for r in responses):
            return_type = NullableType(return_type)  # e.g. 201 with a body, 204 without
        for r in responses:
            result = r.type.canonical() if r.is_success and r.type else None
            if isinstance(result, RefType) and isinstance(result.decl, ModelDecl):
                result.decl.is_result = True
        body_plan: Plan | None = None
        if body is not None and body.fields is not None:
            fields = {f.wire_name: p for f in body.fields if (p := self._plan(f.type, set())) is not None}
            body_plan = ObjectPlan(fields) if fields else None
        elif body is not None and body.whole is not None:
            body_plan = self._plan(body.whole, set())
        return Operation(
            pointer=pointer,
            example_args=self._example_args(op, params, body),
            body_plan=body_plan,
            operation_id=op_id,
            py_name=naming.snake(op_id, fallback="call", reserved=CLIENT_RESERVED | {"with_raw_response"}),
            method=method,
            path=path,
            resource=self._resource_path(path, op, op_id),
            summary=_text(op.get("summary")),
            description=_text(op.get("description")),
            parameters=params,
            body=body,
            responses=responses,
            return_type=return_type,
            deprecated=op.get("deprecated") is True,
        )

    def _example_args(self, op: Mapping[str, Any], params: list[Parameter], body: Body | None) -> list[tuple[str, SpecValue]]:
        """Arguments for a documented example call: the spec's examples where
        it has them, else `sample` of the schema for required ones.

        Required parameters always carry an example (`_parameters` falls back
        to `sample`), so only the body needs filling in here.
        """
        out = [(p.py_name, p.example) for p in params if p.example is not None]
        if body is None:
            return out
        example: Any = None
        fallback: Any = None
        raw_body, body_doc, body_pointer = self._deref(op.get("requestBody"), "")
        media = self._media(raw_body.get("content"), REQUEST_ENCODINGS) if isinstance(raw_body, Mapping) else None
        if body.encoding in ("binary", "text"):
            out.append(("body", SpecValue(b"example bytes" if body.encoding == "binary" else "example text")))
            return out
        if media is not None and isinstance(media[1], Mapping):
            if "example" in media[1]:
                example = media[1]["example"]
            elif isinstance(media[1].get("examples"), Mapping) and media[1]["examples"]:
                first, _, _ = self._deref(media[1]["examples"][sorted(media[1]["examples"])[0]], body_pointer)
                example = first.get("value") if isinstance(first, Mapping) else None
            if "schema" in media[1]:
                fallback = self.sample(media[1]["schema"], body_doc, join_pointer(body_pointer, "content", media[0], "schema"))
        if body.fields is not None:
            given = example if isinstance(example, Mapping) else {}
            sampled = fallback if isinstance(fallback, Mapping) else {}
            for f in body.fields:
                if isinstance(f.type.canonical(), FileType) and (f.required or f.wire_name in given):
                    out.append((f.py_name, SpecValue(b"example file content")))
                elif f.wire_name in given:
                    out.append((f.py_name, SpecValue(given[f.wire_name])))
                elif f.required:
                    out.append((f.py_name, SpecValue(sampled.get(f.wire_name))))
        elif body.whole is not None:
            chosen = example if example is not None else fallback
            out.append(("body", SpecValue(chosen if chosen is not None else {})))
        return out

    def sample(self, schema: Any, doc: SourceDocument, pointer: str, visiting: frozenset[tuple[str, str]] = frozenset()) -> object:
        """A JSON value that satisfies the schema's common constraints.

        For example calls and mock responses when the spec gives no example:
        the schema's own example, default, const or first enum value first;
        else a value honouring type, format, minimum, length and item counts.
        """
        if isinstance(schema, Mapping) and "$ref" in schema:
            target = self.resolver.follow(Target(doc, pointer, schema))
            if target is None or target.key in visiting:
                return None
            return self.sample(target.node, target.doc, target.pointer, visiting | {target.key})
        if not isinstance(schema, Mapping):
            return None
        for key in ("example", "default", "const"):
            if key in schema:
                return schema[key]
        if isinstance(schema.get("examples"), list) and schema["examples"]:
            return schema["examples"][0]
        if isinstance(schema.get("enum"), list):
            values = [v for v in schema["enum"] if v is not None]
            return values[0] if values else None
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return self.sample(schema[key][0], doc, join_pointer(pointer, key, 0), visiting)
        types = self._types(schema)
        if "allOf" in schema or "properties" in schema or types == {"object"}:
            entries, required = self.object_shape(schema, doc, pointer)
            return {
                wire: self.sample(sub, sub_doc, sub_pointer, visiting)
                for wire, sub, sub_doc, sub_pointer in entries
                if wire in required
            }
        if types == {"array"} or "items" in schema:
            count = max(1, int(schema.get("minItems", 1) or 1))
            item = self.sample(schema.get("items", {}), doc, join_pointer(pointer, "items"), visiting)
            return [item] * count
        kind = next(iter(sorted(types)), "string")
        if kind in ("integer", "number"):
            low = schema.get("minimum")
            exclusive = schema.get("exclusiveMinimum")
            if isinstance(exclusive, (int, float)) and not isinstance(exclusive, bool):
                low = exclusive + 1
            elif exclusive is True and isinstance(low, (int, float)):
                low = low + 1
            value = low if isinstance(low, (int, float)) and not isinstance(low, bool) else 0
            return int(value) if kind == "integer" else float(value)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        fmt = schema.get("format")
        by_format = {
            "uuid": "00000000-0000-4000-8000-000000000000",
            "date": "2024-01-31",
            "date-time": "2024-01-31T00:00:00Z",
            "email": "user@example.com",
            "uri": "https://example.com",
            "url": "https://example.com",
            "ipv4": "192.0.2.1",
            "hostname": "example.com",
        }
        text = by_format.get(str(fmt), "string")
        length = schema.get("minLength")
        if isinstance(length, int) and len(text) < length:
            text = text + "x" * (length - len(text))
        return text

    def _plan(self, t: TypeInfo, visiting: set[str]) -> Plan | None:
        """What the runtime must do to a request value of type `t`, if anything."""
        t = t.canonical()
        if isinstance(t, NullableType):
            inner = self._plan(t.inner, visiting)
            if isinstance(inner, NumericPlan):
                inner.nullable = True
            return inner
        if isinstance(t, NumericStringType):
            return NumericPlan("positive-integer")
        if isinstance(t, ListType):
            item = self._plan(t.item, visiting)
            return EachPlan(item) if item is not None else None
        if isinstance(t, RefType) and isinstance(t.decl, ModelDecl) and t.decl.name not in visiting:
            inner = visiting | {t.decl.name}
            fields = {p.wire_name: plan for p in t.decl.properties if (plan := self._plan(p.type, inner)) is not None}
            key = t.decl.idempotency_key.wire_name if t.decl.idempotency_key else None
            if fields or key:
                return ObjectPlan(fields, key)
        return None

    def _deref(self, node: Any, pointer: str) -> tuple[Any, SourceDocument, str]:
        if isinstance(node, Mapping) and "$ref" in node:
            target = self.resolver.follow(Target(self.doc, pointer, node))
            if target is None:
                return {}, self.doc, pointer
            return target.node, target.doc, target.pointer
        return node, self.doc, pointer

    def _parameters(self, raw: list[Any], pointer: str, op_name: str) -> list[Parameter]:
        by_key: dict[tuple[str, str], tuple[Mapping[str, Any], SourceDocument, str]] = {}
        for i, item in enumerate(raw):
            node, doc, p = self._deref(item, join_pointer(pointer, "parameters", i))
            if isinstance(node, Mapping) and isinstance(node.get("name"), str) and node.get("in") in ("path", "query", "header", "cookie"):
                if node["in"] == "header" and node["name"].lower() in IGNORED_HEADERS:
                    continue  # the spec says these SHALL be ignored: the body and auth decide them
                by_key[(node["name"], node["in"])] = (node, doc, p)  # operation-level overrides path-level
        names = naming.dedupe(((f"{n}\x00{loc}", naming.snake(n, fallback="param", reserved=METHOD_RESERVED)) for n, loc in by_key))
        out = []
        for (name, loc), (node, doc, p) in by_key.items():
            schema = node.get("schema", True)
            t = self.schema_type(schema, doc, join_pointer(p, "schema"), op_name + naming.pascal(name, fallback="Param"))
            example = None
            if "example" in node:
                example = SpecValue(node["example"])
            elif isinstance(schema, Mapping) and "example" in schema:
                example = SpecValue(schema["example"])
            elif isinstance(node.get("examples"), Mapping) and node["examples"]:
                first, _, _ = self._deref(node["examples"][sorted(node["examples"])[0]], p)
                if isinstance(first, Mapping) and "value" in first:
                    example = SpecValue(first["value"])
            if example is None and (loc == "path" or node.get("required") is True):
                example = SpecValue(self.sample(schema, doc, join_pointer(p, "schema")))
            style, explode = self._style(node, loc, doc, p)
            out.append(Parameter(name, names[f"{name}\x00{loc}"], loc, t, loc == "path" or node.get("required") is True, _text(node.get("description")), example, style, explode))
        order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
        return sorted(out, key=lambda q: (order[q.location], not q.required))

    _STYLES = {"path": {"simple"}, "header": {"simple"}, "query": {"form", "spaceDelimited", "pipeDelimited", "deepObject"}, "cookie": {"form"}}

    def _style(self, node: Mapping[str, Any], loc: str, doc: SourceDocument, pointer: str) -> tuple[str, bool]:
        """The parameter's `style` and `explode`, with the spec's defaults per location."""
        default = "form" if loc in ("query", "cookie") else "simple"
        style = node.get("style", default)
        if not isinstance(style, str) or style not in self._STYLES[loc]:
            self.diags.warn("unsupported-parameter-style", doc.name, join_pointer(pointer, "style"), f"style {style!r} is not supported for {loc} parameters; sent as {default!r}")
            style = default
        explode = node.get("explode", style == "form")
        return style, explode is True

    def _media(self, content: Any, encodings: tuple[str, ...]) -> tuple[str, Any, str] | None:
        """The media type to use, as (content type, media object, encoding).

        Preference follows `encodings` (JSON first); within one encoding the
        content types are taken in sorted order, so the choice is stable.
        """
        if not isinstance(content, Mapping) or not content:
            return None
        for encoding in encodings:
            # text/plain before other text types; otherwise sorted, so the choice is stable
            for ctype in sorted(content, key=lambda c: (str(c).split(";")[0].strip().lower() != "text/plain", str(c))):
                if _encoding_of(str(ctype), content[ctype]) == encoding:
                    return str(ctype), content[ctype], encoding
        return None

    def _body(self, raw: Any, pointer: str, op_name: str, taken: set[str]) -> Body | None:
        if raw is None:
            return None
        node, doc, p = self._deref(raw, pointer)
        if not isinstance(node, Mapping):
            return None
        media = self._media(node.get("content"), REQUEST_ENCODINGS)
        required = node.get("required") is True
        if media is None:
            return None
        ctype, media_node, encoding = media
        if encoding == "binary":
            return Body(ctype, required, None, BytesType(), encoding)
        if encoding == "text":
            return Body(ctype, required, None, STR, encoding)
        schema = media_node.get("schema", True) if isinstance(media_node, Mapping) else True
        schema_pointer = join_pointer(p, "content", ctype, "schema")
        t = self.schema_type(schema, doc, schema_pointer, op_name + "Body")
        canonical = t.canonical()
        if isinstance(canonical, RefType) and isinstance(canonical.decl, ModelDecl) and canonical.decl.properties:
            model = canonical.decl
            reserved = METHOD_RESERVED | taken
            names = naming.dedupe((prop.wire_name, naming.snake(prop.wire_name, fallback="field", reserved=reserved)) for prop in model.properties)
            fields = [Property(prop.wire_name, names[prop.wire_name], prop.type, prop.required, prop.description) for prop in model.properties]
            return Body(ctype, required, fields, None, encoding)
        if encoding != "json" and not isinstance(canonical, (MapType, AnyType)):
            self.diags.warn("unsupported-body", doc.name, schema_pointer, f"a {ctype} body must be an object; it is taken as a mapping of fields")
            t = MapType(AnyType())
        return Body(ctype, required, None, t, encoding)

    def _responses(self, raw: Mapping[str, Any], pointer: str, op_name: str) -> list[Response]:
        out = []
        statuses = sorted((str(k) for k in raw), key=lambda s: (s == "default", s))
        for status in statuses:
            node, doc, p = self._deref(raw.get(status, raw.get(int(status) if status.isdigit() else status)), join_pointer(pointer, status))
            if not isinstance(node, Mapping):
                continue
            media = self._media(node.get("content"), RESPONSE_ENCODINGS)
            t: TypeInfo | None = None
            partial = False
            examples: list[tuple[str | None, SpecValue]] = []
            content = "json"
            content_type = media[0] if media is not None else None
            if media is not None and media[2] != "json":
                content = "text" if media[2] == "text" else "bytes"
                t = STR if content == "text" else BytesType()
                media = None
            elif media is not None:
                ctype, media_node, _ = media
                examples = self._media_examples(media_node, join_pointer(p, "content", ctype))
                schema = media_node.get("schema", True) if isinstance(media_node, Mapping) else True
                schema_pointer = join_pointer(p, "content", ctype, "schema")
                hint = op_name + ("Response" if status.startswith("2") else "Error") + (naming.pascal(status) if status != "200" else "")
                t = self.schema_type(schema, doc, schema_pointer, hint)
                partial = status.startswith("2") and self._is_partial(node, schema, doc, schema_pointer)
            placeholder = None
            if media is not None and isinstance(media[1], Mapping) and "schema" in media[1]:
                placeholder = SpecValue(self.sample(media[1]["schema"], doc, join_pointer(p, "content", media[0], "schema")))
            out.append(Response(status, t, partial, _text(node.get("description")), is_success=status.startswith("2"), examples=examples, placeholder=placeholder, content=content, content_type=content_type))
        if not any(r.is_success for r in out):
            for r in out:
                if r.status == "default":
                    r.is_success = True
        return out

    def _media_examples(self, media: Any, pointer: str) -> list[tuple[str | None, SpecValue]]:
        if not isinstance(media, Mapping):
            return []
        named = media.get("examples")
        if isinstance(named, Mapping) and named:
            out: list[tuple[str | None, SpecValue]] = []
            for name in sorted(named):
                node, _, _ = self._deref(named[name], join_pointer(pointer, "examples", name))
                if isinstance(node, Mapping) and "value" in node:
                    out.append((str(name), SpecValue(node["value"])))
            return out
        if "example" in media:
            return [(None, SpecValue(media["example"]))]
        return []

    def _is_partial(self, response: Mapping[str, Any], schema: Any, doc: SourceDocument, pointer: str) -> bool:
        """The partial-batch rule (README, "Partial batches").

        A 2xx response is a partial batch when its `x-sdkgen-partial` says so,
        or, without that extension, when its schema has an array `data` field
        and *requires* the `error` field: a success that must explain a failure.
        """
        flag = response.get("x-sdkgen-partial")
        if isinstance(flag, bool):
            return flag
        node, d, p = schema, doc, pointer
        if isinstance(node, Mapping) and "$ref" in node:
            target = self.resolver.follow(Target(doc, pointer, node))
            if target is None:
                return False
            node, d, p = target.node, target.doc, target.pointer
        if not isinstance(node, Mapping):
            return False
        entries, required = self.object_shape(node, d, p)
        props = {wire: (sch, sd, sp) for wire, sch, sd, sp in entries}
        data = props.get(self.config.batch_data_field)
        if data is None or self.config.batch_error_field not in required:
            return False
        data_schema, data_doc, data_pointer = data
        if isinstance(data_schema, Mapping) and "$ref" in data_schema:
            target = self.resolver.follow(Target(data_doc, data_pointer, data_schema))
            data_schema = target.node if target else {}
        return isinstance(data_schema, Mapping) and (data_schema.get("type") == "array" or "items" in data_schema)

    # ------------------------------------------------------------ finishing

    def _mark_request_decls(self, operations: list[Operation]) -> None:
        pending = [decl for op in operations for decl in op.request_decls()]
        while pending:
            decl = pending.pop()
            if not decl.used_in_request:
                decl.used_in_request = True
                pending.extend(decl.refs())

    def _batch_helpers(self) -> None:
        cfg = self.config
        for decl in self.decls:
            if not isinstance(decl, ModelDecl):
                continue
            props = {p.wire_name: p for p in decl.properties}
            data = props.get(cfg.batch_data_field)
            if data is None or cfg.batch_error_field not in props:
                continue
            t = data.type.canonical()
            if not isinstance(t, ListType):
                continue
            row_t = t.item.canonical()
            if not (isinstance(row_t, RefType) and isinstance(row_t.decl, ModelDecl)):
                continue
            row = row_t.decl
            info = BatchInfo(data=data, error=props[cfg.batch_error_field], row=row)
            rule = cfg.batch_rejected_rows
            if rule is not None:
                row_props = {p.wire_name: p for p in row.properties}
                field = row_props.get(rule.field)
                if field is None:
                    self._config_error("/batch/rejected_rows/field", f"{rule.field!r} is not a field of {row.name} ({row.source})")
                    continue
                ft = field.type.canonical()
                if isinstance(ft, RefType) and isinstance(ft.decl, EnumDecl):
                    known = {str(m.value) for m in ft.decl.members}
                    unknown = [v for v in rule.values if v not in known]
                    if unknown:
                        self._config_error("/batch/rejected_rows/values", f"{unknown!r} are not values of {ft.decl.name}")
                        continue
                info.rejected_field = field
                info.rejected_values = rule.values
            decl.batch = info

    def _config_error(self, pointer: str, message: str) -> None:
        if self.config_doc is not None:
            self.diags.error_at(self.config_doc.locate(pointer), message)
        else:
            self.diags.error(self.doc.name, "", message)

    def _resources(self, operations: list[Operation], client_class: str) -> Resource:
        root = Resource((), client_class)
        for op in operations:
            node = root
            for i, segment in enumerate(op.resource):
                if segment not in node.children:
                    node.children[segment] = Resource(op.resource[: i + 1], naming.pascal(segment, fallback="Default") + "Resource")
                node = node.children[segment]
            node.operations.append(op)
        self._separate_operations_from_children(root)
        return root

    def _separate_operations_from_children(self, node: Resource) -> None:
        """An operation may not share its name with a child resource of the same node."""
        taken = set(node.children) | {"with_raw_response"}
        for op in node.operations:
            if op.py_name in taken:
                new = op.py_name
                n = 2
                while f"{new}_{n}" in taken or any(o.py_name == f"{new}_{n}" for o in node.operations):
                    n += 1
                self.diags.warn("name-collision", self.doc.name, op.pointer, f"operation {op.operation_id!r} would be named {op.py_name!r} like a resource; it is named '{new}_{n}'")
                op.py_name = f"{new}_{n}"
            taken.add(op.py_name)
        for child in node.children.values():
            self._separate_operations_from_children(child)
