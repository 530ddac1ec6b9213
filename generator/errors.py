"""Diagnostics: every problem the generator reports carries where it is.

Stages never raise from deep inside a walk. They record a `Diagnostic` in a
`Diagnostics` collector and carry on, so one run reports every problem it can
find; the pipeline stops between stages when errors have been collected. This
is what makes the CLI able to print one line per problem in the form
``file:line:col: /json/pointer: message``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field


def escape_pointer_token(token: str | int) -> str:
    """RFC 6901 escaping of one JSON pointer segment."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape_pointer_token(t) for t in tokens)


def split_pointer(pointer: str) -> list[str]:
    if pointer in ("", "#", "/"):
        return []
    return [unescape_pointer_token(t) for t in pointer.lstrip("#").split("/")[1:]]


# Control characters (C0, DEL, C1), line and paragraph separators, and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with control characters, line and paragraph separators and lone surrogates
    spelled as escapes (`\\n` as `\\x0a`): spec text in a message must not break its line."""
    return _UNPRINTABLE.sub(_escape, text)


@dataclass(frozen=True)
class Location:
    """A place in a spec file. `line` and `col` are 1-based, or None if unknown."""

    file: str
    pointer: str = ""
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        pointer = printable(self.pointer) or "/"
        if len(pointer) > 160:  # keep the line readable on absurd nesting
            head, tail = pointer[:70].rstrip("/"), pointer[-70:].lstrip("/")
            pointer = f"{head}/...({pointer.count('/')} levels).../{tail}"
        return f"{where}: {pointer}"


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" or "warning"
    location: Location
    message: str
    hint: str | None = None
    code: str = ""  # a stable name for warnings, e.g. "unsupported-schema"

    def format(self) -> str:
        """One line; the message's own newlines are folded, and other control characters spelled
        as escapes, so it stays one line of plain text whatever the spec's keys hold."""
        text = printable(" ".join(self.message.split()))
        prefix = "" if self.severity == "error" else f"warning[{self.code or 'general'}]: "
        line = f"{self.location}: {prefix}{text}"
        if self.hint:
            line += f" (hint: {printable(' '.join(self.hint.split()))})"
        return line


class GenerationError(Exception):
    """Raised between stages when a stage recorded at least one error."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


@dataclass
class Diagnostics:
    """Collects diagnostics; `locate` turns a (file, pointer) into a Location."""

    locate: Callable[[str, str], Location] = field(default=lambda file, pointer: Location(file, pointer))
    items: list[Diagnostic] = field(default_factory=list)
    # (file, pointer) of each violation read leniently (validate.record, --lenient).
    degraded: set[tuple[str, str]] = field(default_factory=set)

    def is_degraded(self, file: str, pointer: str) -> bool:
        """Is this node inside a place read leniently?"""
        return any(file == f and (pointer == p or pointer.startswith(p + "/")) for f, p in self.degraded)

    def error(self, file: str, pointer: str, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic("error", self.locate(file, pointer), message, hint))

    def error_at(self, location: Location, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic("error", location, message, hint))

    def warn(self, code: str, file: str, pointer: str, message: str) -> None:
        self.items.append(Diagnostic("warning", self.locate(file, pointer), message, code=code))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise GenerationError(self.errors)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)
