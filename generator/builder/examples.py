"""Example values: the spec's own where it gives them, else sampled from the schema.

They feed the generated README's example call, the generated tests' calls
and mock bodies. `sample` makes a value that satisfies a schema's common
constraints, so a spec without examples still gets calls the mock server
accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..ir import WHOLE_BODY, ArgumentKey, Body, FileType, Parameter, SpecValue
from ..kinds import Encoding, Location
from ..resolve import Target
from . import shapes
from .schemas import Schemas

# Strings of a known `format`, for `sample`.
_BY_FORMAT = {
    "uuid": "00000000-0000-4000-8000-000000000000",
    "date": "2024-01-31",
    "date-time": "2024-01-31T00:00:00Z",
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "ipv4": "192.0.2.1",
    "hostname": "example.com",
}


class Examples:
    def __init__(self, schemas: Schemas) -> None:
        self.schemas = schemas
        self.ctx = schemas.ctx

    def sample(self, schema: Target, visiting: frozenset[tuple[str, str]] = frozenset()) -> object:
        """A JSON value that satisfies the schema's common constraints.

        The schema's own example, default, const or first enum value first;
        else a value honouring type, format, minimum, length and item counts.
        """
        node = schema.node
        if isinstance(node, Mapping) and "$ref" in node:
            target = self.ctx.resolver.follow(schema)
            if target is None or target.key in visiting:
                return None
            return self.sample(target, visiting | {target.key})
        if not isinstance(node, Mapping):
            return None
        documented = not self._dropped(schema)
        # In a place read leniently, a default may break its schema as an example may: both dropped.
        for own in ("example", "default", "const") if documented else ("const",):
            if own in node:
                return node[own]
        if documented and isinstance(node.get("examples"), list) and node["examples"]:
            return node["examples"][0]
        if isinstance(node.get("enum"), list):
            values = [v for v in node["enum"] if v is not None]
            return values[0] if values else None
        alternatives = shapes.union_key(node)
        if alternatives is not None and node[alternatives]:
            return self.sample(schema.child(alternatives, 0), visiting)
        types = shapes.types_of(node)
        if shapes.is_object(node):
            entries, required = self.schemas.object_shape(schema)
            return {wire: self.sample(at, visiting) for wire, at in entries if wire in required}
        if types == {"array"} or "items" in node:
            wanted = node.get("minItems")
            count = min(max(1, wanted), 20) if isinstance(wanted, int) and not isinstance(wanted, bool) else 1
            return [self.sample(shapes.schema_of(schema, "items"), visiting)] * count
        return _scalar(node, next(iter(sorted(types)), "string"))

    def _dropped(self, at: Target) -> bool:
        """Examples and defaults inside a place read leniently (--lenient) are dropped: they may not fit the schema."""
        return self.ctx.diags.is_degraded(at.doc.name, at.pointer)

    def of_media(self, media: Target) -> list[tuple[str | None, SpecValue]]:
        """The documented examples of a media type: (name or None, value) each, named ones sorted."""
        if self._dropped(media):
            return []
        named = media.get("examples")
        if isinstance(named, Mapping) and named:
            out: list[tuple[str | None, SpecValue]] = []
            for name in sorted(named):
                example = self.ctx.deref(media.child("examples", name))
                if self._dropped(example):  # a components/examples entry read leniently
                    continue
                if isinstance(example.node, Mapping) and "value" in example.node:
                    out.append((str(name), SpecValue(example.node["value"])))
            return out
        if isinstance(media.node, Mapping) and "example" in media.node:
            return [(None, SpecValue(media.node["example"]))]
        return []

    def first_value(self, holder: Target) -> Any:
        """The holder's `example`, else the value of its first named `examples` entry, else None."""
        if self._dropped(holder):
            return None
        if isinstance(holder.node, Mapping) and "example" in holder.node:
            return holder.node["example"]
        named = holder.get("examples")
        if isinstance(named, Mapping) and named:
            return self.ctx.deref(holder.child("examples", sorted(named)[0])).get("value")
        return None

    def of_parameter(self, param: Target, required: bool) -> SpecValue | None:
        """The parameter's example, its schema's, its first named one; sampled when it is required."""
        schema = shapes.schema_of(param)
        if self._dropped(param):
            return SpecValue(self.sample(schema)) if required else None
        if isinstance(param.node, Mapping) and "example" in param.node:
            return SpecValue(param.node["example"])
        if isinstance(schema.node, Mapping) and "example" in schema.node:
            return SpecValue(schema.node["example"])
        named = param.get("examples")
        if isinstance(named, Mapping) and named:
            first = self.ctx.deref(param.child("examples", sorted(named)[0]))
            if isinstance(first.node, Mapping) and "value" in first.node:
                return SpecValue(first.node["value"])
        return SpecValue(self.sample(schema)) if required else None

    def call_arguments(
        self, operation: Target, params: list[Parameter], body: Body | None
    ) -> list[tuple[ArgumentKey, SpecValue]]:
        """Arguments for a documented example call: (argument, value).

        Required parameters always carry an example (`of_parameter` samples
        one), so only the body needs filling in here.
        """
        out: list[tuple[ArgumentKey, SpecValue]] = [
            ((p.location, p.wire_name), p.example) for p in params if p.example is not None
        ]
        if body is None:
            return out
        if body.encoding.is_raw:
            raw = b"example bytes" if body.encoding is Encoding.BINARY else "example text"
            out.append((WHOLE_BODY, SpecValue(raw)))
            return out
        request = self.ctx.deref(operation.child("requestBody"))
        media = shapes.choose_media(request.child("content"), shapes.REQUEST_ENCODINGS)
        example: Any = None
        fallback: Any = None
        if media is not None and isinstance(media[1].node, Mapping):
            example = self.first_value(media[1])
            if "schema" in media[1].node:
                fallback = self.sample(media[1].child("schema"))
        if body.fields is not None:
            given = example if isinstance(example, Mapping) else {}
            sampled = fallback if isinstance(fallback, Mapping) else {}
            for f in body.fields:
                if isinstance(f.type.canonical(), FileType) and (f.required or f.wire_name in given):
                    out.append(((Location.BODY, f.wire_name), SpecValue(b"example file content")))
                elif f.wire_name in given:
                    out.append(((Location.BODY, f.wire_name), SpecValue(given[f.wire_name])))
                elif f.required:
                    out.append(((Location.BODY, f.wire_name), SpecValue(sampled.get(f.wire_name))))
        elif body.whole is not None:
            chosen = example if example is not None else fallback
            out.append((WHOLE_BODY, SpecValue(chosen if chosen is not None else {})))
        return out


def _scalar(node: Mapping[str, Any], kind: str) -> object:
    """A value of a scalar JSON type that honours minimum, format and minLength."""
    if kind in ("integer", "number"):
        low = node.get("minimum")
        exclusive = node.get("exclusiveMinimum")
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
    text = _BY_FORMAT.get(str(node.get("format")), "string")
    length = node.get("minLength")
    if isinstance(length, int) and not isinstance(length, bool) and len(text) < length:
        text = text + "x" * (min(length, 1000) - len(text))
    return text
