"""A three-way merge of lines, as `git merge-file` does it, with the standard library alone.

It keeps a user's edits to a generated file when the spec changes the same file: `base` is the
file as sdkgen last generated it, `yours` the file on disk, `generated` the new render. A user
without git is served as well as one with it.

The algorithm is diff3's. Lines that both sides still hold unchanged from the base, at matching
places, split the files into stable regions (kept) and unstable ones between them. In an unstable
region, a side equal to the base takes the other side's lines; two equal sides agree; otherwise the
region is a conflict, written with git's markers. Edits on adjacent lines conflict, as in git.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_LINE = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True)
class Merged:
    text: str  # the merged text; conflicts written with markers
    conflicts: tuple[int, ...]  # 1-based line numbers in `text` of each conflict's "<<<<<<<" line


def split_lines(text: str) -> list[str]:
    """Lines with their "\\n", split on "\\n" alone (not on the other breaks `str.splitlines` knows),
    so joining them gives the text back byte for byte."""
    return _LINE.findall(text)


def _matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """(start in a, start in b, length) of the lines a and b share, in order, ending with the
    empty block at (len(a), len(b)).

    The common head and tail are matched first, and SequenceMatcher sees only the middle: an edit
    is usually small and local, and SequenceMatcher (without autojunk, which would ignore the
    blank lines code is full of) slows down with the number of repeated lines it must weigh.
    """
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    blocks = [(0, 0, head)] if head else []
    middle = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False)
    blocks += [(i + head, j + head, n) for i, j, n in middle.get_matching_blocks() if n]
    if tail:
        blocks.append((len(a) - tail, len(b) - tail, tail))
    blocks.append((len(a), len(b), 0))
    return blocks


def _stable_regions(base: list[str], yours: list[str], generated: list[str]) -> list[tuple[int, ...]]:
    """Where all three agree: (base start, base end, yours start, yours end, generated start,
    generated end), ending with the empty region at the three ends."""
    ours, theirs = _matching_blocks(base, yours), _matching_blocks(base, generated)
    regions: list[tuple[int, ...]] = []
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


def merge3(
    base: str, yours: str, generated: str, *, yours_label: str = "yours", generated_label: str = "generated"
) -> Merged:
    """`generated`'s changes to `base` applied to `yours`; both sides of each clash kept, marked."""
    b, y, g = split_lines(base), split_lines(yours), split_lines(generated)
    out: list[str] = []
    conflicts: list[int] = []
    at_base = at_yours = at_generated = 0

    def ended(chunk: list[str]) -> list[str]:
        return chunk[:-1] + [chunk[-1] + "\n"] if chunk and not chunk[-1].endswith("\n") else chunk

    for base_start, base_end, y_start, y_end, g_start, g_end in _stable_regions(b, y, g):
        old, mine, new = b[at_base:base_start], y[at_yours:y_start], g[at_generated:g_start]
        if mine == new or new == old:
            out += mine
        elif mine == old:
            out += new
        else:
            conflicts.append(len(out) + 1)
            out += [f"<<<<<<< {yours_label}\n", *ended(mine), "=======\n", *ended(new)]
            out.append(f">>>>>>> {generated_label}\n")
        out += y[y_start:y_end]
        at_base, at_yours, at_generated = base_end, y_end, g_end
    return Merged("".join(out), tuple(conflicts))


def has_conflict_markers(text: str) -> bool:
    """Whether `text` still holds a conflict as `merge3` writes it: "<<<<<<< ", then a line
    "=======", then ">>>>>>> ", each at the start of a line."""
    start = re.search(r"^<<<<<<< ", text, re.MULTILINE)
    middle = start and re.compile(r"^=======$", re.MULTILINE).search(text, start.end())
    return bool(middle and re.compile(r"^>>>>>>> ", re.MULTILINE).search(text, middle.end()))
