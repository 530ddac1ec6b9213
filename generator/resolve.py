"""Stage 3: resolve `$ref`s, within the document and to files beside it.

Nothing is inlined here. The resolver answers "what does this `$ref` point
at, in which file, at which pointer", so the model builder can keep component
schemas as named types (and recursive ones finite) while following refs to
parameters, responses and request bodies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .errors import Diagnostics, GenerationError, join_pointer, split_pointer
from .load import SourceDocument, load_document


@dataclass(frozen=True)
class Target:
    """A node and where it lives. `key` identifies it across the whole spec."""

    doc: SourceDocument
    pointer: str
    node: Any

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc.name, self.pointer)

    def child(self, *tokens: str | int) -> Target:
        """The node below this one at `tokens` (None where there is none), in the same file."""
        node = self.node
        for token in tokens:
            if isinstance(node, Mapping):
                node = node.get(token)
            elif isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node):
                node = node[token]
            else:
                node = None
        return Target(self.doc, join_pointer(self.pointer, *tokens), node)

    def get(self, key: str, default: Any = None) -> Any:
        """`node.get(key)` when the node is a mapping, else `default`."""
        return self.node.get(key, default) if isinstance(self.node, Mapping) else default


# Keys whose values are data, not OpenAPI structure: a `$ref` inside them is just a key.
# (Not `default`: openapi-spec-validator follows a `$ref` there, so it must resolve.)
_LITERAL_KEYS = frozenset({"example", "enum", "const", "value"})
# Maps whose keys are names the spec chose, so `default` or `example` there is a name, not data.
_NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "dependentSchemas",
        "$defs",
        "definitions",
        "schemas",
        "examples",
        "responses",
        "parameters",
        "headers",
        "requestBodies",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
        "content",
        "encoding",
        "variables",
        "mapping",
        "paths",
        "webhooks",
    }
)


def _is_literal(key: str) -> bool:
    return key in _LITERAL_KEYS or key.startswith("x-")


def _is_name_map(pointer: str) -> bool:
    tokens = split_pointer(pointer)
    return bool(tokens) and tokens[-1] in _NAME_MAPS


class Resolver:
    def __init__(self, root: SourceDocument, diags: Diagnostics) -> None:
        self.root = root
        self.diags = diags
        self._docs: dict[Path, SourceDocument] = {root.path.resolve(): root}
        self._failed: set[Path] = set()
        # Every `$ref` target check_all met, by (file, pointer): where check_schema_cycles starts too.
        self._ref_targets: dict[tuple[str, str], Target] = {}

    @property
    def documents(self) -> list[SourceDocument]:
        return list(self._docs.values())

    def document_by_name(self, name: str) -> SourceDocument | None:
        for doc in self._docs.values():
            if doc.name == name:
                return doc
        return None

    def _document(self, base: SourceDocument, relative: str, at: str) -> SourceDocument | None:
        try:
            path = (base.path.parent / unquote(relative)).resolve()
        except (OSError, ValueError):  # a NUL byte, a name too long for the file system
            self.diags.error(base.name, at, f"$ref {relative!r} is not a usable file path")
            return None
        if path in self._docs:
            return self._docs[path]
        if path in self._failed:
            return None
        try:
            doc = load_document(path)
        except GenerationError as exc:
            self._failed.add(path)
            for d in exc.diagnostics:
                self.diags.error(base.name, at, f"$ref {relative!r}: {d.location.file}: {d.message}")
            return None
        self._docs[path] = doc
        return doc

    def lookup(self, ref: object, base: SourceDocument, at: str) -> Target | None:
        """The target of a `$ref` value found at pointer `at` of `base`."""
        if not isinstance(ref, str):
            self.diags.error(base.name, at, "$ref must be a string")
            return None
        file_part, _, fragment = ref.partition("#")
        if file_part.startswith(("http://", "https://")):
            self.diags.error(
                base.name,
                at,
                f"remote $ref {ref!r} is not supported",
                hint="download it next to the spec and refer to the file",
            )
            return None
        doc = self._document(base, file_part, at) if file_part else base
        if doc is None:
            return None
        pointer = unquote(fragment)
        node: Any = doc.data
        for token in split_pointer(pointer):
            if isinstance(node, Mapping) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                self.diags.error(
                    base.name, at, f"$ref {ref!r} points at nothing", hint=f"{doc.name} has no {pointer or '/'}"
                )
                return None
        return Target(doc, join_pointer("", *split_pointer(pointer)), node)

    def follow(self, target: Target) -> Target | None:
        """Follow a chain of `$ref`s until a node that is not a reference."""
        seen: set[tuple[str, str]] = set()
        while isinstance(target.node, Mapping) and "$ref" in target.node:
            if target.key in seen:
                self.diags.error(target.doc.name, target.pointer, "$ref cycle: the reference refers back to itself")
                return None
            seen.add(target.key)
            nxt = self.lookup(target.node["$ref"], target.doc, join_pointer(target.pointer, "$ref"))
            if nxt is None:
                return None
            target = nxt
        return target

    def check_all(self) -> None:
        """Record a located error for every `$ref` that resolves to nothing.

        Walks iteratively, so a deeply nested document cannot overflow the
        stack; files reached through refs are checked too.
        """
        pending = [self.root]
        checked: set[str] = set()
        while pending:
            doc = pending.pop()
            if doc.name in checked:
                continue
            checked.add(doc.name)
            stack: list[tuple[Any, str]] = [(doc.data, "")]
            while stack:
                node, pointer = stack.pop()
                if isinstance(node, Mapping):
                    ref = node.get("$ref")
                    if isinstance(ref, str):  # a mapping here is a property named "$ref"
                        target = self.lookup(ref, doc, join_pointer(pointer, "$ref"))
                        if target is not None:
                            self._ref_targets.setdefault(target.key, target)
                        if target is not None and target.doc.name not in checked:
                            pending.append(target.doc)
                    names = _is_name_map(pointer)
                    for key, value in node.items():
                        if isinstance(value, (Mapping, list)) and (names or not _is_literal(str(key))):
                            stack.append((value, join_pointer(pointer, str(key))))
                elif isinstance(node, list):
                    for index, value in enumerate(node):
                        if isinstance(value, (Mapping, list)):
                            stack.append((value, join_pointer(pointer, index)))

    def check_schema_cycles(self) -> None:
        """Record an error for every schema that is, through `$ref`s and `allOf`/`oneOf`/`anyOf`
        alone, part of itself.

        Recursion needs an object property, array items or a map in between (`Node: {properties:
        {children: {items: {$ref: Node}}}}`); without one, `A: {oneOf: [{$ref: A}]}` has no base
        case and `A: {anyOf: [{$ref: A}, {type: string}]}` is a type that is its own variant. No
        language's types can say either. openapi-spec-validator never returns on an `allOf` cycle,
        so this runs before it. The error sits at the `$ref` that closes the loop and lists the
        loop's pointers.
        """
        schemas = (self.root.data.get("components") or {}).get("schemas") or {}
        starts = [
            Target(self.root, join_pointer("/components/schemas", str(k)), v)
            for k, v in (schemas.items() if isinstance(schemas, Mapping) else [])
        ]
        # A loop passes at least one `$ref` (inline schemas nest as a tree), so starting from every
        # `$ref` target too finds loops among schemas anywhere: under parameters, in other files.
        starts += [self._ref_targets[key] for key in sorted(self._ref_targets)]
        # Edges: (the schema it leads to, the pointer of the edge, the keyword it passes).
        edges: dict[tuple[str, str], list[tuple[Target, str, str]]] = {}
        pending = list(starts)
        while pending:
            target = pending.pop()
            if target.key in edges:
                continue
            outs = list(self._transparent_edges(target))
            edges[target.key] = outs
            pending.extend(nxt for nxt, _, _ in outs if nxt.key not in edges)
        reported: set[frozenset[tuple[str, str]]] = set()
        # Iterative DFS with colours: grey (1) = on the current path.
        colour: dict[tuple[str, str], int] = {}
        for start in starts:
            if colour.get(start.key):
                continue
            path: list[tuple[tuple[str, str], int]] = [(start.key, 0)]
            via: list[tuple[str, str]] = []  # (edge pointer, keyword) into each path entry after the first
            colour[start.key] = 1
            while path:
                key, index = path[-1]
                outs = edges.get(key, [])
                if index >= len(outs):
                    colour[key] = 2
                    path.pop()
                    if via:
                        via.pop()
                    continue
                path[-1] = (key, index + 1)
                nxt, at, keyword = outs[index]
                state = colour.get(nxt.key, 0)
                if state == 1:
                    first = [k for k, _ in path].index(nxt.key)
                    loop = [k for k, _ in path[first:]]
                    if frozenset(loop) not in reported:
                        reported.add(frozenset(loop))
                        # A base case: some union on the loop has a member that leads out of it.
                        on_loop = set(loop)
                        base_case = any(
                            kind in ("oneOf", "anyOf") and out.key not in on_loop
                            for k in loop
                            for out, _, kind in edges.get(k, [])
                        )
                        self._report_cycle(key[0], at, loop, [w for w, _ in via[first:]] + [at], keyword, base_case)
                elif state == 0:
                    colour[nxt.key] = 1
                    path.append((nxt.key, 0))
                    via.append((at, keyword))

    def _transparent_edges(self, target: Target) -> list[tuple[Target, str, str]]:
        """Where a schema is, as a whole, another schema: its `$ref`, and each `allOf`, `oneOf` and
        `anyOf` member (inline members are schemas of their own, at their pointer)."""
        node = target.node
        if not isinstance(node, Mapping):
            return []
        outs: list[tuple[Target, str, str]] = []
        if isinstance(node.get("$ref"), str):
            at = join_pointer(target.pointer, "$ref")
            nxt = self.lookup(node["$ref"], target.doc, at)
            if nxt is not None:
                outs.append((nxt, at, "$ref"))
        for keyword in ("allOf", "oneOf", "anyOf"):
            members = node.get(keyword)
            for i, member in enumerate(members if isinstance(members, list) else []):
                if isinstance(member, Mapping):
                    outs.append((Target(target.doc, join_pointer(target.pointer, keyword, i), member), "", keyword))
        return outs

    def _report_cycle(
        self, doc_name: str, at: str, loop: list[tuple[str, str]], edges: list[str], keyword: str, base_case: bool
    ) -> None:
        pointers = [pointer for _, pointer in loop] + [loop[0][1]]
        names = [tokens[2] for tokens in map(split_pointer, pointers) if len(tokens) == 3 and tokens[1] == "schemas"]
        refs = [e for e in edges if e]
        place = refs[-1] if refs else at
        kinds = {k for k in ("allOf", "oneOf", "anyOf") if any(f"/{k}/" in p for p in pointers)}
        if kinds == {"allOf"} or (not kinds and keyword == "allOf"):
            message = "allOf cycle: " + " -> ".join(names if len(names) > 1 else pointers)
            hint = "a schema cannot include itself; use a property $ref for recursion"
        elif "allOf" in kinds:
            message = f"{'/'.join(sorted(kinds))} cycle (a variant that includes its own union): " + " -> ".join(
                pointers
            )
            hint = "a variant cannot allOf the union it belongs to; put what they share in a schema of its own"
        else:
            kind = "/".join(sorted(kinds)) if kinds else "$ref"
            what = "with no base case" if not base_case else "(a schema that is its own variant)"
            message = f"{kind} cycle {what}: " + " -> ".join(pointers)
            hint = (
                "a schema cannot be its own variant or alias; recursion needs a property, "
                "array items or a map between (e.g. items: {$ref: ...})"
            )
        self.diags.error(doc_name, place, message, hint=hint)
