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


class Resolver:
    def __init__(self, root: SourceDocument, diags: Diagnostics) -> None:
        self.root = root
        self.diags = diags
        self._docs: dict[Path, SourceDocument] = {root.path.resolve(): root}
        self._failed: set[Path] = set()

    @property
    def documents(self) -> list[SourceDocument]:
        return list(self._docs.values())

    def document_by_name(self, name: str) -> SourceDocument | None:
        for doc in self._docs.values():
            if doc.name == name:
                return doc
        return None

    def _document(self, base: SourceDocument, relative: str, at: str) -> SourceDocument | None:
        path = (base.path.parent / unquote(relative)).resolve()
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
                        if target is not None and target.doc.name not in checked:
                            pending.append(target.doc)
                    for key, value in node.items():
                        if isinstance(value, (Mapping, list)):
                            stack.append((value, join_pointer(pointer, str(key))))
                elif isinstance(node, list):
                    for index, value in enumerate(node):
                        if isinstance(value, (Mapping, list)):
                            stack.append((value, join_pointer(pointer, index)))

    def check_allof_cycles(self) -> None:
        """Record an error for every `allOf` that, through `$ref`s, contains itself.

        openapi-spec-validator never returns on such a document, so this runs
        before it; the error names the `$ref` that closes the loop.
        """
        edges: dict[tuple[str, str], list[tuple[Target, str]]] = {}
        schemas = (self.root.data.get("components") or {}).get("schemas") or {}
        if not isinstance(schemas, Mapping):
            return
        starts = [Target(self.root, join_pointer("/components/schemas", str(k)), v) for k, v in schemas.items()]
        pending = list(starts)
        seen: set[tuple[str, str]] = set()
        while pending:
            target = pending.pop()
            if target.key in seen or not isinstance(target.node, Mapping):
                continue
            seen.add(target.key)
            outs: list[tuple[Target, str]] = []
            parts = target.node.get("allOf")
            for i, part in enumerate(parts if isinstance(parts, list) else []):
                if isinstance(part, Mapping) and isinstance(part.get("$ref"), str):
                    at = join_pointer(target.pointer, "allOf", i, "$ref")
                    nxt = self.lookup(part["$ref"], target.doc, at)
                    if nxt is not None:
                        outs.append((nxt, at))
                        pending.append(nxt)
            edges[target.key] = outs
        # Iterative DFS with colours: grey = on the current path.
        colour: dict[tuple[str, str], int] = {}
        for start in starts:
            if colour.get(start.key):
                continue
            path: list[tuple[tuple[str, str], int]] = [(start.key, 0)]
            colour[start.key] = 1
            while path:
                key, index = path[-1]
                outs = edges.get(key, [])
                if index >= len(outs):
                    colour[key] = 2
                    path.pop()
                    continue
                path[-1] = (key, index + 1)
                nxt, at = outs[index]
                state = colour.get(nxt.key, 0)
                if state == 1:
                    names = [k[1].rsplit("/", 1)[-1] for k, _ in path] + [nxt.pointer.rsplit("/", 1)[-1]]
                    doc_name = key[0]
                    self.diags.error(
                        doc_name,
                        at,
                        "allOf cycle: " + " -> ".join(names),
                        hint="a schema cannot include itself; use a property $ref for recursion",
                    )
                elif state == 0:
                    colour[nxt.key] = 1
                    path.append((nxt.key, 0))
