"""The three-way line merge that keeps hand edits through regeneration (generator/merge.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.merge import Merged, has_conflict_markers, merge3, split_lines

BASE = "".join(f"line {i}\n" for i in range(1, 11))


def edit(text: str, number: int, new: str) -> str:
    """`text` with its line `number` (1-based) replaced by `new`: "" deletes it, "x\\ny\\n" adds one."""
    lines = text.splitlines(keepends=True)
    lines[number - 1] = new
    return "".join(lines)


def conflict(mine: str, new: str) -> str:
    return f"<<<<<<< yours\n{mine}=======\n{new}>>>>>>> generated\n"


@pytest.mark.parametrize("text", ["", "a", "a\n", "\n", "\n\n", "a\nb", "a\r\nb\r\n", BASE])
def test_identical_inputs_merge_to_themselves(text: str) -> None:
    assert merge3(text, text, text) == Merged(text, ())


def test_only_yours_changed_keeps_yours() -> None:
    yours = edit(BASE, 2, "mine\n")
    assert merge3(BASE, yours, BASE) == Merged(yours, ())


def test_only_generated_changed_takes_generated() -> None:
    generated = edit(BASE, 2, "new\n")
    assert merge3(BASE, BASE, generated) == Merged(generated, ())


def test_changes_far_apart_are_both_kept() -> None:
    yours = edit(BASE, 2, "mine\n") + "def helper(): ...\n"
    generated = edit(BASE, 8, "new\n")
    merged = merge3(BASE, yours, generated)
    assert merged == Merged(edit(edit(BASE, 2, "mine\n"), 8, "new\n") + "def helper(): ...\n", ())


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = edit(BASE, 5, "same\n")
    assert merge3(BASE, both, both) == Merged(both, ())


def test_the_same_line_added_by_both_next_to_an_equal_line_is_kept_once() -> None:
    # Either "x" of "x\nx" can be the added one; the two diffs must pick alike, or "x" comes out
    # three times. `yours` also changes the first line, so its diff is not found from the start.
    base = "1\nx\n2\n"
    merged = merge3(base, "top\n1\nx\nx\n2\n", "1\nx\nx\n2\n")
    assert merged == Merged("top\n1\nx\nx\n2\n", ())


def test_a_clash_on_one_line_is_marked_and_located() -> None:
    merged = merge3(BASE, edit(BASE, 3, "mine\n"), edit(BASE, 3, "new\n"), yours_label="custom", generated_label="v2")
    assert merged.conflicts == (3,)
    assert merged.text == edit(BASE, 3, "<<<<<<< custom\nmine\n=======\nnew\n>>>>>>> v2\n")
    assert has_conflict_markers(merged.text)


def test_two_clashes_are_numbered_in_the_merged_text() -> None:
    yours = edit(edit(BASE, 2, "a\n"), 8, "b\n")
    generated = edit(edit(BASE, 2, "c\n"), 8, "d\n")
    merged = merge3(BASE, yours, generated)
    assert merged.conflicts == (2, 12)
    assert merged.text == edit(edit(BASE, 8, conflict("b\n", "d\n")), 2, conflict("a\n", "c\n"))
    assert [merged.text.splitlines()[n - 1] for n in merged.conflicts] == ["<<<<<<< yours"] * 2


def test_edits_on_adjacent_lines_conflict_as_in_git() -> None:
    # No base line both sides left alone separates them, so diff3 (and git) cannot order them:
    # the conflict holds both lines from each side.
    merged = merge3(BASE, edit(BASE, 4, "mine\n"), edit(BASE, 5, "new\n"))
    assert merged.conflicts == (4,)
    assert merged.text == BASE.replace("line 4\nline 5\n", conflict("mine\nline 5\n", "line 4\nnew\n"))


def test_an_insertion_next_to_the_other_sides_edit_conflicts_as_in_git() -> None:
    merged = merge3(BASE, edit(BASE, 4, "line 4\nadded\n"), edit(BASE, 5, "new\n"))
    assert merged == Merged(edit(BASE, 5, conflict("added\nline 5\n", "new\n")), (5,))


def test_edits_one_unchanged_line_apart_merge() -> None:
    merged = merge3(BASE, edit(BASE, 4, "mine\n"), edit(BASE, 6, "new\n"))
    assert merged == Merged(edit(edit(BASE, 4, "mine\n"), 6, "new\n"), ())


@pytest.mark.parametrize(
    ("yours", "generated", "expected"),
    [
        ("top\n" + BASE, BASE, "top\n" + BASE),
        (BASE, "top\n" + BASE, "top\n" + BASE),
        (BASE + "end\n", BASE, BASE + "end\n"),
        (BASE, BASE + "end\n", BASE + "end\n"),
        ("top\n" + BASE, BASE + "end\n", "top\n" + BASE + "end\n"),
        (BASE + "end\n", "top\n" + BASE, "top\n" + BASE + "end\n"),
        ("top\n" + BASE, "top\n" + BASE, "top\n" + BASE),
    ],
    ids=["yours-start", "generated-start", "yours-end", "generated-end", "start-and-end", "end-and-start", "same"],
)
def test_insertions_at_either_end_of_the_file(yours: str, generated: str, expected: str) -> None:
    assert merge3(BASE, yours, generated) == Merged(expected, ())


def test_different_insertions_at_the_same_end_conflict() -> None:
    assert merge3(BASE, "mine\n" + BASE, "new\n" + BASE) == Merged(conflict("mine\n", "new\n") + BASE, (1,))
    assert merge3(BASE, BASE + "mine\n", BASE + "new\n") == Merged(BASE + conflict("mine\n", "new\n"), (11,))


def test_a_deletion_on_one_side_is_kept() -> None:
    deleted = edit(BASE, 6, "")
    assert merge3(BASE, deleted, BASE) == Merged(deleted, ())
    assert merge3(BASE, BASE, deleted) == Merged(deleted, ())
    assert merge3(BASE, deleted, edit(BASE, 2, "new\n")) == Merged(edit(deleted, 2, "new\n"), ())
    assert merge3(BASE, BASE[: BASE.index("line 9")], BASE) == Merged(BASE[: BASE.index("line 9")], ())


def test_a_deletion_against_an_edit_of_the_same_line_conflicts() -> None:
    merged = merge3(BASE, edit(BASE, 6, ""), edit(BASE, 6, "new\n"))
    assert merged == Merged(edit(BASE, 6, conflict("", "new\n")), (6,))


def test_text_without_a_final_newline() -> None:
    assert merge3("a\nb\nc", "A\nb\nc", "a\nb\nC") == Merged("A\nb\nC", ())
    assert merge3("a\nb\nc", "a\nb\nc\n", "A\nb\nc") == Merged("A\nb\nc\n", ())
    assert merge3("a\nb", "a\nb", "a\nb\nc") == Merged("a\nb\nc", ())
    # A side that ends without "\n" gets one before the next marker, so markers start lines.
    assert merge3("a\nb", "a\nmine", "a\nnew") == Merged("a\n" + conflict("mine\n", "new\n"), (2,))
    assert merge3("a\nb\n", "a\nmine", "a\nnew\n") == Merged("a\n" + conflict("mine\n", "new\n"), (2,))


def test_only_newlines_split_lines() -> None:
    assert split_lines("a\x0cb\u2028c\r\nd") == ["a\x0cb\u2028c\r\n", "d"]
    assert split_lines("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (conflict("a\n", "b\n"), True),
        ("before\n" + conflict("", "") + "after", True),
        ("<<<<<<< yours\na\n=======\nb\n>>>>>>> generated", True),
        ("x = '<<<<<<< yours'\n=======\n>>>>>>> generated\n", False),
        ("<<<<<<< yours\na\n>>>>>>> generated\n", False),
        ("<<<<<<< yours\na\n======= \nb\n>>>>>>> generated\n", False),
        (">>>>>>> generated\n=======\n<<<<<<< yours\n", False),
        ("<<<<<<<yours\n=======\n>>>>>>> generated\n", False),
        ("plain\n", False),
        ("", False),
    ],
)
def test_leftover_markers_are_found(text: str, expected: bool) -> None:
    assert has_conflict_markers(text) is expected


def test_a_long_file_with_scattered_edits_merges_at_once() -> None:
    # Blank lines by the thousand: SequenceMatcher alone, over the whole file, takes minutes here.
    base_lines = [line for i in range(5000) for line in (f"def f{i}():\n", f"    return {i}\n", "\n", "\n")]
    yours_lines, generated_lines = list(base_lines), list(base_lines)
    for at in range(1, len(base_lines), 1000):
        yours_lines[at] = "    return 'mine'\n"
        generated_lines[at + 500] = "    return 'new'\n"
    expected = [
        mine if mine != old else new for old, mine, new in zip(base_lines, yours_lines, generated_lines, strict=True)
    ]
    merged = merge3("".join(base_lines), "".join(yours_lines) + "# mine\n", "".join(generated_lines))
    assert merged == Merged("".join(expected) + "# mine\n", ())


texts = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "d"]), max_size=12).map("".join)


@settings(deadline=None)
@given(texts, texts, texts)
def test_a_side_equal_to_the_base_gives_the_other(base: str, x: str, y: str) -> None:
    assert merge3(base, x, base).text == x
    assert merge3(base, base, y).text == y
    assert merge3(base, x, x).text == x


@settings(deadline=None)
@given(texts, texts, texts)
def test_each_conflict_line_is_a_marker(base: str, x: str, y: str) -> None:
    merged = merge3(base, x, y)
    lines = merged.text.splitlines()
    assert [n for n, line in enumerate(lines, 1) if line == "<<<<<<< yours"] == list(merged.conflicts)
    assert has_conflict_markers(merged.text) is bool(merged.conflicts)
    assert merged == merge3(base, x, y)


GIT_CASES = {
    "apart": (BASE, edit(BASE, 2, "mine\n") + "tail\n", edit(BASE, 8, "new\n")),
    "start-and-deletion": (BASE, "top\n" + BASE, BASE.replace("line 5\n", "")),
    "one-line-apart": (BASE, edit(BASE, 4, "mine\n"), edit(BASE, 6, "new\n")),
    "same-change": (BASE, edit(BASE, 5, "same\n"), edit(BASE, 5, "same\n")),
    "same-line-added-twice": ("1\nx\n2\n", "top\n1\nx\nx\n2\n", "1\nx\nx\n2\n"),
    "no-final-newline": ("a\nb\nc", "A\nb\nc", "a\nb\nC"),
    "adds-final-newline": ("a\nb\nc", "a\nb\nc\n", "A\nb\nc"),
    "same-line": (BASE, edit(BASE, 3, "mine\n"), edit(BASE, 3, "new\n")),
    "adjacent": (BASE, edit(BASE, 4, "mine\n"), edit(BASE, 5, "new\n")),
    "insertion-by-an-edit": (BASE, edit(BASE, 4, "line 4\nadded\n"), edit(BASE, 5, "new\n")),
    "different-ends": (BASE, BASE + "mine\n", BASE + "new\n"),
    "delete-and-edit": (BASE, edit(BASE, 6, ""), edit(BASE, 6, "new\n")),
    "two-clashes": (BASE, edit(edit(BASE, 2, "a\n"), 8, "b\n"), edit(edit(BASE, 2, "c\n"), 8, "d\n")),
}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(("base", "yours", "generated"), GIT_CASES.values(), ids=GIT_CASES.keys())
def test_agrees_with_git_merge_file(tmp_path: Path, base: str, yours: str, generated: str) -> None:
    for name, text in (("yours", yours), ("base", base), ("generated", generated)):
        (tmp_path / name).write_bytes(text.encode())
    git = subprocess.run(
        ["git", "merge-file", "-p", "-L", "yours", "-L", "base", "-L", "generated", "yours", "base", "generated"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    merged = merge3(base, yours, generated)
    assert git.returncode == len(merged.conflicts)
    assert merged.text == git.stdout.decode()
