"""How deeply a spec's text nests, found without recursion, before a parser recurses into it.

libyaml composes a document recursively in C: a flow mapping nested some 30,000 deep overflows
the C stack and kills the process (SIGSEGV) before any Python code can object. Python's JSON
decoder stops cleanly with a RecursionError, but one that says nowhere. So:

- `depth_bound` bounds a YAML text's depth from above by counting, cheaply; only a text that
  might nest deeper than the parser survives (`SAFE_DEPTH`) is walked event by event
  (`yaml_find`: libyaml's event parser keeps its own stack) before it is composed;
- `json_find` finds where a JSON text passes the limit, after its decoder gave up.

Both answer with a place and the JSON pointer of the node there. Given a character index instead
of a limit, they name the node at that index: how a bad byte, found before any parsing, gets a
pointer.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from .errors import join_pointer

# Far under the depth either parser fails at, far over any real API description's.
SAFE_DEPTH = 5_000

# What can start a block collection on a line: indentation, the `- `, `? ` and `: ` indicators of
# compact notation, and node properties (`&anchor`, `!tag`). A nested block collection starts
# further right than its parent, except a sequence that is a mapping's value, which may share its
# key's column: so block nesting is at most twice the widest such prefix.
_BLOCK_PREFIX = re.compile(r"^(?:[ \-?:]|[&!]\S* )*", re.MULTILINE)


# Every character YAML reads as a line break, spelled as the one `_BLOCK_PREFIX` knows.
_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def depth_bound(text: str) -> int:
    """An upper bound on how deeply YAML `text` nests: its flow brackets plus its block indentation."""
    lines = text.translate(_BREAKS) if any(c in text for c in "\r\x85\u2028\u2029") else text
    widest = max((len(m) for m in _BLOCK_PREFIX.findall(lines)), default=0)
    return text.count("[") + text.count("{") + 2 * (widest + 1)


class _Frame:
    """One open collection while walking a text: which child of it the walk is in."""

    __slots__ = ("mapping", "current", "expect_key", "index")

    def __init__(self, mapping: bool) -> None:
        self.mapping = mapping
        self.current = "?"
        self.expect_key = mapping
        self.index = 0


def _pointer(stack: list[_Frame]) -> str:
    return join_pointer("", *(frame.current for frame in stack))


def yaml_find(
    text: str, loader: type[Any], limit: int | None = None, index: int | None = None
) -> tuple[int, int, str] | None:
    """(line, column, pointer) of the first collection nested more than `limit` below the root of
    YAML `text`, or of the node at character `index`; None if there is none.

    Walks libyaml's events with `loader`, so nothing recurses. Raises yaml.YAMLError as loading
    would, for text that is not YAML before that place.
    """
    stack: list[_Frame] = []
    last = (1, 1)
    events = yaml.parse(text, Loader=loader)
    while True:
        try:
            event = next(events)
        except StopIteration:
            break
        except yaml.YAMLError:
            if index is None:
                raise
            break  # the place asked for is past where the text stops being YAML: the last node before it
        mark: Any = event.start_mark  # libyaml's events always carry one
        if index is not None and mark.index > index:
            return last[0], last[1], _pointer(stack)
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            continue
        if not isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.ScalarEvent, yaml.AliasEvent)):
            continue
        last = (mark.line + 1, mark.column + 1)
        if stack:
            top = stack[-1]
            if not top.mapping:
                top.current = str(top.index)
                top.index += 1
            elif top.expect_key:
                top.current = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                top.expect_key = False
            else:
                top.expect_key = True
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if limit is not None and len(stack) > limit:
                return last[0], last[1], _pointer(stack)
            stack.append(_Frame(isinstance(event, yaml.MappingStartEvent)))
    return (last[0], last[1], _pointer(stack)) if index is not None else None


_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}:,]')


def json_find(text: str, limit: int | None = None, index: int | None = None) -> tuple[int, str] | None:
    """(offset, pointer) of the first collection nested more than `limit` below the root of JSON
    `text`, or of the node at character `index`; None if there is none.

    Reads token by token (strings, brackets and separators), so nothing recurses and text that is
    not JSON further on is no obstacle.
    """
    stack: list[_Frame] = []
    for match in _JSON_TOKEN.finditer(text):
        if index is not None and match.start() > index:
            return index, _pointer(stack)
        token = match.group()
        if token in ("[", "{"):
            if limit is not None and len(stack) > limit:
                return match.start(), _pointer(stack)
            stack.append(_Frame(token == "{"))
            if token == "[":
                stack[-1].current = "0"
        elif token in ("]", "}"):
            if stack:
                stack.pop()
        elif not stack:
            continue
        elif token == ",":
            top = stack[-1]
            top.index += 1
            top.expect_key = top.mapping
            if not top.mapping:
                top.current = str(top.index)
        elif token == ":":
            stack[-1].expect_key = False
        elif stack[-1].mapping and stack[-1].expect_key:
            stack[-1].current = _json_string(token)
    return (index, _pointer(stack)) if index is not None else None


def _json_string(token: str) -> str:
    try:
        value = json.loads(token)
    except ValueError:
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]
