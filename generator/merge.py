"""A three-way merge of lines, as `git merge-file` does it, with the standard library alone.

It keeps a user's hand edits to a generated file when the generator renders that file again:
`base` is the file as sdkgen last generated it, `yours` the file on disk, `generated` the new
render. It needs no git, so a user without git (or outside a work tree) is served the same.

The algorithm is diff3's. Lines matched between the base and each side, and unchanged on both,
split the three files into stable regions (kept) and unstable ones between them. In an unstable
region a side equal to the base takes the other side's lines, two equal sides agree, and anything
else is a conflict written with git's markers; so edits on adjacent lines conflict, as in git.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher

_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_START = re.compile(r"^<<<<<<< ", re.MULTILINE)
_MIDDLE = re.compile(r"^=======$", re.MULTILINE)
_END = re.compile(r"^>>>>>>> ", re.MULTILINE)

_Block = tuple[int, int, int]  # (start in a, start in b, length) of lines a and b share
_Span = tuple[int, int, int, int]  # (a start, a end, b start, b end): the lines of a and b left to match
_Region = tuple[int, int, int, int, int, int]  # (start, end) in base, yours and generated


@dataclass(frozen=True)
class Merged:
    """A merge's result; the conflicts' places let the caller point the user at each one."""

    text: str  # the merged text; conflicts written with markers
    conflicts: tuple[int, ...]  # 1-based line numbers in `text` of each conflict's "<<<<<<<" line; empty when clean


def split_lines(text: str) -> list[str]:
    """Lines with their "\\n", so joining them gives the text back byte for byte.

    Only "\\n" ends a line, as for git and editors; `str.splitlines` would also break at "\\x0c",
    "\\u2028" and the like, and the conflicts' line numbers would then not be the editor's.
    """
    return _LINE.findall(text)


def _common_ends(a: list[str], b: list[str], span: _Span) -> tuple[int, int]:
    """How many lines the two ranges share at their start and, after that, at their end.

    Matched before anything else because an edit is usually small: most of a file is its common
    head and tail, and this costs one comparison a line.
    """
    a_start, a_end, b_start, b_end = span
    shorter = min(a_end - a_start, b_end - b_start)
    head = 0
    while head < shorter and a[a_start + head] == b[b_start + head]:
        head += 1
    tail = 0
    while head + tail < shorter and a[a_end - 1 - tail] == b[b_end - 1 - tail]:
        tail += 1
    return head, tail


def _once(lines: list[str], start: int, end: int) -> dict[str, int]:
    """Each line that occurs once in lines[start:end], with its index."""
    where: dict[str, int] = {}
    for index in range(start, end):
        where[lines[index]] = -1 if lines[index] in where else index
    return {line: index for line, index in where.items() if index >= 0}


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by first item) whose second items increase too: the
    anchors that can all be matched without crossing (patience sorting, n log n)."""
    tails: list[int] = []  # tails[k]: the smallest second item ending a run of k + 1 pairs
    ends: list[int] = []  # ends[k]: the index in `pairs` of that run's last pair
    before = [-1] * len(pairs)
    for index, (_, second) in enumerate(pairs):
        k = bisect_left(tails, second)
        before[index] = ends[k - 1] if k else -1
        if k == len(tails):
            tails.append(second)
            ends.append(index)
        else:
            tails[k], ends[k] = second, index
    run: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]


def _anchors(a: list[str], b: list[str], span: _Span) -> list[tuple[int, int]]:
    """(index in a, index in b) of lines found exactly once in each range, in an order both agree on.

    A unique line is a safe match, and splitting at it leaves SequenceMatcher small pieces:
    on a whole file it compares every copy of a repeated line (blank lines, "}") with every
    other, which takes minutes on 20,000 lines of code with a few scattered edits.
    """
    a_start, a_end, b_start, b_end = span
    in_b = _once(b, b_start, b_end)
    pairs = sorted((i, in_b[line]) for line, i in _once(a, a_start, a_end).items() if line in in_b)
    return _longest_increasing(pairs)


def _coalesce(blocks: list[_Block]) -> list[_Block]:
    """Sorted blocks with the touching ones joined, so each stable region is found whole."""
    joined: list[_Block] = []
    for i, j, n in sorted(blocks):
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + n)
        else:
            joined.append((i, j, n))
    return joined


def _slid_down(a: list[str], b: list[str], blocks: list[_Block]) -> list[_Block]:
    """The blocks with each pure insertion or deletion moved as far down as equal lines allow.

    Where an added run sits among equal lines ("x" added next to an "x") any place is a right
    answer, and the two diffs of a merge need not pick the same one: both sides adding the same
    line would then give it twice, or an edit could look adjacent to the other side's and
    conflict. One rule for both, as low as it goes (git's starting point too), makes them agree.
    """
    slid = [(0, 0, 0), *blocks]  # an empty block first, so an addition at the very start slides too
    k = 0
    while k < len(slid) - 1:
        i, j, n = slid[k]
        next_i, next_j, next_n = slid[k + 1]
        a_gap, b_gap = next_i - i - n, next_j - j - n
        if next_n and (a_gap == 0) != (b_gap == 0):
            same = b[j + n] == b[next_j] if a_gap == 0 else a[i + n] == a[next_i]
            if same:  # the run's first line equals the line after it: match that one, add the next
                slid[k], slid[k + 1] = (i, j, n + 1), (next_i + 1, next_j + 1, next_n - 1)
                continue
        if next_n or k + 1 == len(slid) - 1:
            k += 1
        else:
            del slid[k + 1]  # slid through a whole block: this gap joins the next one
    return [block for block in slid[:-1] if block[2]] + slid[-1:]


def _matching_blocks(a: list[str], b: list[str]) -> list[_Block]:
    """The lines a and b share, in order, ending with the empty block at (len(a), len(b)).

    Common ends first, then lines unique to both ranges as anchors, each gap between anchors
    handled the same way; a gap with no unique line goes to SequenceMatcher (without autojunk,
    which would ignore the blank lines code is full of). A work list, not recursion, so no input
    can exceed Python's recursion limit.
    """
    blocks: list[_Block] = []
    spans: list[_Span] = [(0, len(a), 0, len(b))]
    while spans:
        span = spans.pop()
        head, tail = _common_ends(a, b, span)
        a_start, a_end, b_start, b_end = span[0] + head, span[1] - tail, span[2] + head, span[3] - tail
        blocks += [block for block in ((span[0], span[2], head), (a_end, b_end, tail)) if block[2]]
        if a_start == a_end or b_start == b_end:
            continue
        anchors = _anchors(a, b, (a_start, a_end, b_start, b_end))
        if not anchors:
            matcher = SequenceMatcher(None, a[a_start:a_end], b[b_start:b_end], autojunk=False)
            blocks += [(i + a_start, j + b_start, n) for i, j, n in matcher.get_matching_blocks() if n]
            continue
        blocks += [(i, j, 1) for i, j in anchors]
        starts = [(a_start, b_start)] + [(i + 1, j + 1) for i, j in anchors]
        ends = anchors + [(a_end, b_end)]
        spans += [(i0, i1, j0, j1) for (i0, j0), (i1, j1) in zip(starts, ends, strict=True)]
    return _slid_down(a, b, _coalesce(blocks) + [(len(a), len(b), 0)])


def _stable_regions(base: list[str], yours: list[str], generated: list[str]) -> list[_Region]:
    """Where all three agree: the base lines both sides kept, intersected, with where each side has
    them; ending with the empty region at the three ends, so the last unstable region is seen."""
    ours, theirs = _matching_blocks(base, yours), _matching_blocks(base, generated)
    regions: list[_Region] = []
    i = j = 0
    while i < len(ours) - 1 and j < len(theirs) - 1:
        a_base, a_at, a_len = ours[i]
        b_base, b_at, b_len = theirs[j]
        low, high = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if low < high:
            y, g = a_at + low - a_base, b_at + low - b_base
            regions.append((low, high, y, y + high - low, g, g + high - low))
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(yours), len(yours), len(generated), len(generated)))
    return regions


def _resolved(old: list[str], mine: list[str], new: list[str]) -> list[str] | None:
    """An unstable region's lines when at most one side changed it or both changed it alike;
    None when both changed it differently."""
    if mine == new or new == old:
        return mine
    if mine == old:
        return new
    return None


def _ended(chunk: list[str]) -> list[str]:
    """The chunk with "\\n" after its last line if it had none (a file's end), so that the marker
    written after it starts a line."""
    if chunk and not chunk[-1].endswith("\n"):
        return chunk[:-1] + [chunk[-1] + "\n"]
    return chunk


def _conflict(mine: list[str], new: list[str], yours_label: str, generated_label: str) -> list[str]:
    """Both sides, in git's default ("merge") style: no base section."""
    return [f"<<<<<<< {yours_label}\n", *_ended(mine), "=======\n", *_ended(new), f">>>>>>> {generated_label}\n"]


def merge3(
    base: str, yours: str, generated: str, *, yours_label: str = "yours", generated_label: str = "generated"
) -> Merged:
    """`generated`'s changes to `base` applied to `yours`; both sides of each clash kept, marked."""
    b, y, g = split_lines(base), split_lines(yours), split_lines(generated)
    out: list[str] = []
    conflicts: list[int] = []
    at_base = at_yours = at_generated = 0
    for base_start, base_end, y_start, y_end, g_start, g_end in _stable_regions(b, y, g):
        old, mine, new = b[at_base:base_start], y[at_yours:y_start], g[at_generated:g_start]
        lines = _resolved(old, mine, new)
        if lines is None:
            conflicts.append(len(out) + 1)
            lines = _conflict(mine, new, yours_label, generated_label)
        out += lines
        out += y[y_start:y_end]
        at_base, at_yours, at_generated = base_end, y_end, g_end
    return Merged("".join(out), tuple(conflicts))


def has_conflict_markers(text: str) -> bool:
    """Whether `text` still holds an unresolved conflict: a line starting "<<<<<<< ", a later line
    "=======", and a later one starting ">>>>>>> ". A user who leaves them must not have the file
    merged again as if they were code."""
    start = _START.search(text)
    middle = start and _MIDDLE.search(text, start.end())
    return bool(middle and _END.search(text, middle.end()))
