"""What every part of the builder shares: the spec, the config, the diagnostics.

Parts read the spec as `Target`s (a node, its file and its JSON pointer), so
whatever they report says where. `Context` adds the few reads every part
needs: following a `$ref`, a component section, and reporting a warning or a
config error at its place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import naming
from ..config import Config
from ..errors import Diagnostic, Diagnostics, split_pointer
from ..load import SourceDocument
from ..resolve import Resolver, Target


@dataclass
class Context:
    resolver: Resolver
    config: Config
    diags: Diagnostics
    config_doc: SourceDocument | None = None

    @property
    def doc(self) -> SourceDocument:
        """The spec's root document."""
        return self.resolver.root

    def root(self, pointer: str = "") -> Target:
        """A node of the root document by its pointer (None where there is none)."""
        return Target(self.doc, "", self.doc.data).child(*split_pointer(pointer))

    def deref(self, target: Target) -> Target:
        """The node a `$ref` leads to (through chains); an empty mapping where it leads nowhere."""
        if isinstance(target.node, Mapping) and "$ref" in target.node:
            found = self.resolver.follow(target)
            return found if found is not None else Target(target.doc, target.pointer, {})
        return target

    def components(self, kind: str) -> Mapping[str, Any]:
        """`components.<kind>` of the root document, or an empty mapping."""
        section = self.root("/components").get(kind) or {}
        return section if isinstance(section, Mapping) else {}

    def warn(self, code: str, at: Target, message: str) -> None:
        self.diags.warn(code, at.doc.name, at.pointer, message)

    def config_error(self, pointer: str, message: str) -> None:
        """An error in the config file, at `pointer` of it."""
        if self.config_doc is not None:
            self.diags.error_at(self.config_doc.locate(pointer), message)
        else:
            self.diags.error(self.doc.name, "", message)

    def config_warning(self, code: str, pointer: str, message: str) -> None:
        """A warning about the config file, at `pointer` of it."""
        if self.config_doc is not None:
            location = self.config_doc.locate(pointer)
            self.diags.items.append(Diagnostic("warning", location, message, code=code))
        else:
            self.diags.warn(code, self.doc.name, "", message)

    def dedupe(
        self,
        proposed: list[tuple[str, str]],
        where: Callable[[str], Target],
        what: str,
        shown: Callable[[str], str] = str,
    ) -> dict[str, str]:
        """`naming.dedupe`, with a `name-collision` warning at each renamed source (`shown` spells it)."""

        def report(source: str, message: str) -> None:
            self.warn("name-collision", where(source), message)

        return naming.dedupe_reported(proposed, report, what, shown)
