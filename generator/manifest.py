"""What sdkgen wrote into an output folder, recorded in the folder: `<output>/.sdkgen/`.

`.sdkgen/manifest` has a line per file:

    generated <sha256> <path>   the file as the spec renders it
    custom    <sha256> <path>   the file as written, when it holds the user's code
    conflict  <sha256> <path>   written with conflict markers (sha256 of `<path>.custom`)

The `generated` lines tell a hand edit from the generator's own text without
rendering, so `check` can answer from hashes alone; the `custom` lines tell a
recorded edit from a new one. `.sdkgen/base/<path>` holds the generated text of
each generated file the user has changed: the base of the next three-way merge.
A file is listed by its posix path relative to the output; lines are sorted, so
the same state gives the same bytes.

`<output>/.sdkgen-keep` is the user's: glob patterns of files sdkgen never writes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

RECORD_DIR = ".sdkgen"
MANIFEST = f"{RECORD_DIR}/manifest"
BASE = f"{RECORD_DIR}/base/"
KEEP = ".sdkgen-keep"
CONFLICT_COPY = ".custom"  # the user's side of a conflict, kept beside the file
_KINDS = ("generated", "custom", "conflict")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_record(path: str) -> bool:
    """The folder's bookkeeping, which is neither generated code nor the user's."""
    return path == KEEP or path.startswith(RECORD_DIR + "/")


def _quoted(path: str) -> str:
    """The path as written on its line: as it is, or as a JSON string when it holds a line break,
    a name the file system gave in no encoding (a lone surrogate), or starts with a quote."""
    if path.startswith('"') or any(c in "\n\r" or "\ud800" <= c <= "\udfff" for c in path):
        return json.dumps(path)
    return path


@dataclass
class Manifest:
    generated: dict[str, str] = field(default_factory=dict)  # path -> sha256 as rendered
    custom: dict[str, str] = field(default_factory=dict)  # path -> sha256 as written
    conflicts: dict[str, str] = field(default_factory=dict)  # path -> sha256 of its .custom copy

    def digest(self) -> str:
        """Of the `generated` lines alone: what a render of the same inputs must reproduce."""
        lines = "".join(f"{sha} {path}\n" for path, sha in sorted(self.generated.items()))
        return sha256(lines.encode("utf-8", "surrogateescape"))

    def text(self, header: str) -> str:
        out = [header, "# What sdkgen wrote here; `sdkgen check` compares the folder with it (README, 'Custom code')."]
        for kind, table in zip(_KINDS, (self.generated, self.custom, self.conflicts), strict=True):
            out.extend(f"{kind} {sha} {_quoted(path)}" for path, sha in sorted(table.items()))
        return "\n".join(out) + "\n"

    @classmethod
    def parse(cls, text: str) -> Manifest | None:
        """None for text this module did not write: the caller then trusts nothing in it."""
        manifest = cls()
        tables = dict(zip(_KINDS, (manifest.generated, manifest.custom, manifest.conflicts), strict=True))
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            kind, _, rest = line.partition(" ")
            sha, _, path = rest.partition(" ")
            if kind not in tables or len(sha) != 64 or not path:
                return None
            if path.startswith('"'):
                try:
                    path = json.loads(path)
                except ValueError:
                    return None
            tables[kind][path] = sha
        return manifest


def read_manifest(output: Path) -> Manifest | None:
    try:
        return Manifest.parse((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _glob_regex(pattern: str) -> str:
    """gitignore's reading of one pattern: `*` and `?` stay inside a folder name, `**` crosses
    folders, a pattern without a `/` matches a name at any depth, and one ending in `/` a folder
    with everything in it."""
    anchored = "/" in pattern.rstrip("/")
    folder = pattern.endswith("/")
    pattern = pattern.strip("/")
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    body = "".join(out)
    return ("" if anchored else "(?:.*/)?") + body + ("/.*" if folder else "(?:/.*)?")


@dataclass(frozen=True)
class KeepList:
    """The patterns of `<output>/.sdkgen-keep`: files the user owns whole."""

    patterns: tuple[str, ...] = ()

    @classmethod
    def read(cls, output: Path) -> KeepList:
        try:
            text = (output / KEEP).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return cls()
        lines = (line.strip() for line in text.splitlines())
        return cls(tuple(line for line in lines if line and not line.startswith("#")))

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        if not self.patterns:
            return None
        return re.compile("|".join(f"(?:{_glob_regex(p)})" for p in self.patterns))

    def matches(self, path: str) -> bool:
        return self._regex is not None and self._regex.fullmatch(path) is not None
