"""Stage 1: read a spec file (YAML or JSON) into plain Python data.

Parsing uses the fastest loader available (json, or libyaml's C loader). Line
numbers are needed only when something is wrong, so they are found lazily:
in JSON by walking down each pointer's path (`_JsonPositions`), in YAML from
the node tree that loading composed anyway, indexed the first time a
diagnostic asks for a line.
"""

from __future__ import annotations

import bisect
import codecs
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, GenerationError, Location, join_pointer, split_pointer
from .nesting import SAFE_DEPTH, depth_bound, json_find, yaml_find

_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SpecLoader(_SafeLoader):  # type: ignore[misc]
    """The safe loader minus YAML 1.1 timestamps.

    OpenAPI is JSON data: `2024-01-31` in an example is a string, and must
    stay one rather than become a `datetime.date`.
    """


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 (and JSON) booleans only: `on`, `off`, `yes`, `no` stay strings.
_SpecLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _string_keys(data: Any) -> Any:
    """JSON has only string keys; YAML's unquoted `200:` is an int. Make it "200".

    Call only on acyclic data (see _shape_problem); shared nodes are visited once.
    """
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if any(not isinstance(k, str) for k in node):
                items = list(node.items())
                node.clear()
                for k, v in items:
                    node[str(k).lower() if isinstance(k, bool) else ("null" if k is None else str(k))] = v
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return data


MAX_NODES = 5_000_000


def _shape_problem(data: Any) -> tuple[str, str] | None:
    """(pointer, message) if the data contains itself (a recursive YAML alias)
    or expands, aliases unfolded, past MAX_NODES (an alias bomb)."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, tuple[str, ...], bool]] = [(data, (), False)]
    while stack:
        node, parts, done = stack.pop()
        key = id(node)
        children = (
            [(str(k), v) for k, v in node.items()]
            if isinstance(node, dict)
            else [(str(i), v) for i, v in enumerate(node)]
        )
        children = [(k, v) for k, v in children if isinstance(v, (dict, list))]
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(v)] for _, v in children)
            if size[key] > MAX_NODES:
                return (
                    join_pointer("", *parts),
                    f"the document expands to more than {MAX_NODES} nodes (a YAML alias bomb?)",
                )
            continue
        if key in size:
            continue
        if key in on_path:
            return join_pointer("", *parts), "a YAML alias refers to a node that contains it (a cycle)"
        on_path.add(key)
        stack.append((node, parts, True))
        for k, v in children:
            if id(v) in on_path:
                return join_pointer("", *parts, k), "a YAML alias refers to a node that contains it (a cycle)"
            if id(v) not in size:
                stack.append((v, parts + (k,), False))
    return None


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the cwd when possible.

    Keeps absolute paths out of messages and, more importantly, out of
    anything rendered.
    """
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


@dataclass
class SourceDocument:
    path: Path
    name: str  # display name used in diagnostics
    text: str
    data: Any
    _positions: dict[tuple[str, ...], tuple[int, int]] | None = field(default=None, repr=False)
    # A YAML spec's node tree, kept from loading until the first diagnostic indexes it.
    _root: Any = field(default=None, repr=False)

    _json: _JsonPositions | None = field(default=None, repr=False)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """(line, col), 1-based, of the key or item a JSON pointer names."""
        if self.path.suffix.lower() == ".json":
            if self._json is None:
                self._json = _JsonPositions(self.text)
            return self._json.position(tuple(split_pointer(pointer)))
        if self._positions is None:
            self._positions = _node_positions(self._root) if self._root is not None else _index_positions(self.text)
            self._root = None
        parts = tuple(split_pointer(pointer))
        while parts:
            if parts in self._positions:
                return self._positions[parts]
            parts = parts[:-1]  # fall back to the nearest enclosing node
        return self._positions.get((), None)

    def locate(self, pointer: str) -> Location:
        pos = self.position(pointer)
        if pos is None:
            return Location(self.name, pointer)
        return Location(self.name, pointer, pos[0], pos[1])


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


class _JsonPositions:
    """Where a JSON pointer's key or item starts in JSON text, found without indexing every node.

    Composing a big document's YAML node tree to index every position took 5 s of GitHub's 12 MB
    spec, to place a few dozen warnings. Here each lookup walks down the pointer's path only: the
    members of each container on it are listed once (their keys read, their values skipped by the
    C JSON decoder) and kept for later lookups. Same answers as the YAML index, the nearest
    enclosing node when a pointer goes further than the document, except that of duplicate keys
    it places the last, whose value is the one the generator read.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.decoder = json.JSONDecoder()
        self.members: dict[int, dict[str, int]] = {}  # container offset -> its members' offsets
        self.newlines: list[int] | None = None  # offsets of each "\n", on the first lookup

    def _skip_space(self, at: int) -> int:
        match = _JSON_SPACE.match(self.text, at)
        return match.end() if match else at

    def _members(self, start: int) -> dict[str, int]:
        """Each member of the container at `start`: key (or index) -> offset of its key (or item)."""
        known = self.members.get(start)
        if known is not None:
            return known
        text = self.text
        out: dict[str, int] = {}
        opener = text[start]
        at = self._skip_space(start + 1)
        index = 0
        while at < len(text) and text[at] not in "]}":
            if opener == "{":
                key, after = self.decoder.raw_decode(text, at)
                out[str(key)] = at  # of duplicates, the last: the one json.loads keeps
                at = self._skip_space(self._skip_space(after) + 1)  # past the colon
            else:
                out[str(index)] = at
                index += 1
            _, at = self.decoder.raw_decode(text, at)  # the value, skipped in C
            at = self._skip_space(at)
            if text[at : at + 1] == ",":
                at = self._skip_space(at + 1)
        self.members[start] = out
        return out

    def _value_at(self, key_or_item: int, in_object: bool) -> int:
        if not in_object:
            return key_or_item
        _, after = self.decoder.raw_decode(self.text, key_or_item)
        return self._skip_space(self._skip_space(after) + 1)

    def position(self, parts: tuple[str, ...]) -> tuple[int, int] | None:
        try:
            node = self._skip_space(0)
            found = node
            for part in parts:
                if self.text[node : node + 1] not in ("{", "["):
                    break
                member = self._members(node).get(part)
                if member is None:
                    break
                found = member
                node = self._value_at(member, self.text[node] == "{")
        except (ValueError, IndexError):
            return None
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self.newlines, found)  # newlines before it
        return line + 1, found - (self.newlines[line - 1] + 1 if line else 0) + 1


def _index_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except yaml.YAMLError:
        return {}
    return _node_positions(root)


def _node_positions(root: Any) -> dict[tuple[str, ...], tuple[int, int]]:
    """(line, col) of every key and item of a YAML node tree, by path."""
    positions: dict[tuple[str, ...], tuple[int, int]] = {}
    if root is None:
        return positions
    positions[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
    seen: set[int] = set()  # aliases share nodes: index each once, and never loop
    while stack:
        node, parts = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = parts + (str(key.value),)
                positions.setdefault(child, (key.start_mark.line + 1, key.start_mark.column + 1))
                stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                child = parts + (str(index),)
                positions.setdefault(child, (value.start_mark.line + 1, value.start_mark.column + 1))
                stack.append((value, child))
    return positions


def _place(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a byte offset, the column in characters as an editor counts them."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", "replace")) + 1


# Characters YAML refuses, blanked (index for index) to find the node they sit in.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _pointer_at(raw: bytes, offset: int, is_json: bool) -> str:
    """The JSON pointer of the node around byte `offset` of a text that cannot be read as it is.

    The bytes are read leniently (a bad byte becomes U+FFFD, a control character a space) to find
    the node; the text is still refused.
    """
    text = _CONTROL.sub(" ", raw.decode("utf-8", "replace"))
    index = len(raw[:offset].decode("utf-8", "replace"))
    if text.startswith("\ufeff"):
        text, index = text[1:], max(index - 1, 0)
    try:
        found = json_find(text, index=index) if is_json else yaml_find(text, _SpecLoader, index=index)
    except (yaml.YAMLError, ValueError):
        return ""
    return found[-1] if found is not None else ""


def load_document(path: Path) -> SourceDocument:
    """Read and parse one file; raises GenerationError with a located message."""
    name = display_path(path)
    is_json = path.suffix.lower() == ".json"

    def fail(
        message: str, line: int | None = None, col: int | None = None, hint: str | None = None, pointer: str = ""
    ) -> GenerationError:
        return GenerationError([Diagnostic("error", Location(name, pointer, line, col), message, hint)])

    def too_deep(line: int, col: int, pointer: str) -> GenerationError:
        return fail(
            f"nesting is deeper than {MAX_DEPTH} levels", line, col, "no real API description nests this deep", pointer
        )

    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):  # /dev/zero would be read forever, a FIFO waited on
            raise fail("not a regular file (a device or a pipe?)", hint="pass an OpenAPI YAML or JSON file")
        if path.stat().st_size > MAX_BYTES:
            raise fail(f"larger than {MAX_BYTES // 2**20} MiB", hint="no real API description is this big")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail("is a directory, not a spec file") from None
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise fail(
            "not a text file (it contains NUL bytes)",
            *_place(raw, offset),
            hint="pass an OpenAPI YAML or JSON file",
            pointer=_pointer_at(raw, offset, is_json),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        raise fail(
            f"not UTF-8 text (bad byte at offset {offset})",
            *_place(raw, offset),
            pointer=_pointer_at(raw, offset, is_json),
        ) from None
    if not text.strip():
        raise fail("file is empty", 1, 1, hint="pass an OpenAPI YAML or JSON file")

    root = None
    if is_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except RecursionError:
            found = json_find(text, limit=MAX_DEPTH)
            offset, pointer = found if found is not None else (0, "")
            raise too_deep(*_place(text.encode(), len(text[:offset].encode())), pointer) from None
    else:
        try:
            # libyaml composes recursively in C, and too deep a text would crash it: look first.
            if depth_bound(text) > SAFE_DEPTH:
                found_yaml = yaml_find(text, _SpecLoader, limit=MAX_DEPTH)
                if found_yaml is not None:
                    raise too_deep(*found_yaml)
            # What yaml.load does, keeping the node tree: a diagnostic's line then costs no second parse.
            loader = _SpecLoader(text)
            try:
                root = loader.get_single_node()
                data = loader.construct_document(root) if root is not None else None
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            col = mark.column + 1 if mark else None
            raise fail(f"invalid YAML: {exc.problem or exc.context}", line, col) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow, placed by its index
            index = min(max(exc.position, 0), len(text))
            line, col = text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1
            raise fail(
                (
                    f"invalid YAML: {exc.reason} (#x{exc.character:04x})"
                    if isinstance(exc.character, int)
                    else f"invalid YAML: {exc.reason}"
                ),
                line,
                col,
                pointer=_pointer_at(
                    text.encode("utf-8", "surrogatepass"), len(text[:index].encode("utf-8", "surrogatepass")), False
                ),
            ) from None
        except yaml.YAMLError as exc:
            raise fail(f"invalid YAML: {exc}") from None
        except RecursionError:
            found_yaml = yaml_find(text, _SpecLoader, limit=MAX_DEPTH)
            raise too_deep(*(found_yaml or (1, 1, ""))) from None
    doc = SourceDocument(path=path, name=name, text=text, data=data, _root=root)
    if isinstance(data, (dict, list)):
        problem = _shape_problem(data)
        if problem is not None:
            raise GenerationError([Diagnostic("error", doc.locate(problem[0]), problem[1])])
        _string_keys(data)
    deep = _first_too_deep(data)
    if deep is not None:
        loc = doc.locate(deep)
        raise GenerationError(
            [
                Diagnostic(
                    "error",
                    loc,
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    "no real API description nests this deep",
                )
            ]
        )
    return doc


# Files are read whole; the biggest public specs are some 12 MB.
MAX_BYTES = 256 * 2**20

# Every later stage may walk the document recursively; refusing absurd depth
# here, with a location, beats a RecursionError from somewhere inside.
MAX_DEPTH = 200


def _first_too_deep(data: Any) -> str | None:
    """The JSON pointer of the first node nested deeper than MAX_DEPTH, if any."""
    stack: list[tuple[Any, int, tuple[str, ...]]] = [(data, 0, ())]
    while stack:
        node, depth, parts = stack.pop()
        if depth > MAX_DEPTH:
            return join_pointer("", *parts)
        if isinstance(node, dict):
            stack.extend((v, depth + 1, parts + (str(k),)) for k, v in node.items() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1, parts + (str(i),)) for i, v in enumerate(node) if isinstance(v, (dict, list)))
    return None
