"""Java expressions for the spec's example values (READMEs and generated tests).

Specs' examples go unchecked: one the type does not admit is fitted to it
first (`_fit`), so the Java always compiles.
"""

from __future__ import annotations

import json
import math
import re

from .. import unions
from ..escape import javastr
from ..ir import (
    DateTimeType,
    EnumDecl,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    PrimitiveType,
    RefType,
    TypeInfo,
    UnionDecl,
)
from .members import JavaOperation
from .types import JavaTypes


class JavaExamples(JavaTypes):
    """Example values as Java expressions, over the types `JavaTypes` spells."""

    def value(self, t: TypeInfo, value: object, fitted: bool = False) -> str:
        """A Java expression for a JSON value of type `t` (examples in READMEs and tests).

        An example the type does not admit (specs' examples go unchecked: GitHub gives "1296269"
        for an integer, a string for a list) is fitted to it first (`_fit`), once."""
        t = t.canonical()
        if value is None:
            return "null"
        if self.is_upload(t) and isinstance(value, (bytes, str)):
            data = value if isinstance(value, bytes) else value.encode()
            text = javastr(data.decode("latin-1"))
            return f"UploadFile.of({text}.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))"
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
        if isinstance(t, RefType) and isinstance(t.decl, UnionDecl) and t.decl.name in self._classes:
            # The variant the runtime would decode the example as; one none decodes is read as the runtime reads it.
            index = unions.variant_of(t.decl, value)
            if index is not None:
                variant = self.variants(t.decl)[index]
                return f"{self.ref_name(t.decl)}.of{variant.name}({self.value(t.decl.variants[index], value)})"
            return f'{self.ref_name(t.decl)}.fromJson(Json.parse({javastr(json.dumps(value, sort_keys=True))}), "$")'
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

    def example_imports(self, jop: JavaOperation) -> list[str]:
        """What the README's example imports: the params class and every class its values and result name."""
        types = [f.type for f in jop.fields] + ([jop.op.return_type] if jop.op.return_type else [])
        used = " ".join([jop.response, *(value for _, value in self.example_setters(jop))])
        words = set(re.findall(r"\w+", used))
        named = [name for name in self.imports("", types, deep=True) if name.rsplit(".", 1)[-1] in words]
        return sorted(set([jop.params.qualified, *named]))


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
