"""The three-way line merge that keeps hand edits through regeneration."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.merge import has_conflict_markers, merge3, split_lines

BASE = "".join(f"line {i}\n" for i in range(1, 11))


def edit(text: str, number: int, new: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[number - 1] = new
    return "".join(lines)


def test_one_side_changed_takes_that_side() -> None:
    yours = edit(BASE, 2, "mine\n")
    assert merge3(BASE, yours, BASE).text == yours
    generated = edit(BASE, 2, "new\n")
    assert merge3(BASE, BASE, generated).text == generated


def test_changes_apart_are_both_kept() -> None:
    yours = edit(BASE, 2, "mine\n") + "def helper(): ...\n"
    generated = edit(BASE, 8, "new\n")
    merged = merge3(BASE, yours, generated)
    assert merged.conflicts == ()
    assert merged.text == edit(edit(BASE, 2, "mine\n"), 8, "new\n") + "def helper(): ...\n"


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = edit(BASE, 5, "same\n")
    assert merge3(BASE, both, both) == merge3(BASE, both, both)
    assert merge3(BASE, both, both).text == both and merge3(BASE, both, both).conflicts == ()


def test_a_clash_is_marked_and_located() -> None:
    merged = merge3(BASE, edit(BASE, 3, "mine\n"), edit(BASE, 3, "new\n"), yours_label="custom")
    assert merged.conflicts == (3,)
    lines = merged.text.splitlines()
    assert lines[2:7] == ["<<<<<<< custom", "mine", "=======", "new", ">>>>>>> generated"]
    assert has_conflict_markers(merged.text)


def test_two_clashes_are_numbered_in_the_merged_text() -> None:
    yours = edit(edit(BASE, 2, "a\n"), 8, "b\n")
    generated = edit(edit(BASE, 2, "c\n"), 8, "d\n")
    merged = merge3(BASE, yours, generated)
    assert merged.conflicts == (2, 12)
    assert [merged.text.splitlines()[n - 1] for n in merged.conflicts] == ["<<<<<<< yours"] * 2


def test_edits_on_adjacent_lines_conflict_as_in_git() -> None:
    merged = merge3(BASE, edit(BASE, 4, "mine\n"), edit(BASE, 5, "new\n"))
    assert len(merged.conflicts) == 1


def test_insertions_at_either_end_and_a_deletion() -> None:
    yours = "header\n" + BASE
    generated = BASE.replace("line 6\n", "") + "footer\n"
    assert merge3(BASE, yours, generated).text == "header\n" + generated


def test_text_without_a_final_newline_round_trips() -> None:
    for text in ("", "a", "a\nb", "a\n"):
        assert merge3(text, text, text).text == text
    merged = merge3("a\nb", "a\nmine", "a\nnew")
    assert merged.text == "a\n<<<<<<< yours\nmine\n=======\nnew\n>>>>>>> generated\n"


def test_only_newlines_split_lines() -> None:
    assert split_lines("a\x0cb\u2028c\nd") == ["a\x0cb\u2028c\n", "d"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<<<<<<< yours\na\n=======\nb\n>>>>>>> generated\n", True),
        ("x = '<<<<<<< yours'\n=======\n", False),
        ("<<<<<<< yours\na\n>>>>>>> generated\n", False),
        ("plain\n", False),
    ],
)
def test_leftover_markers_are_found(text: str, expected: bool) -> None:
    assert has_conflict_markers(text) is expected


def test_a_long_file_with_many_blank_lines_merges_at_once() -> None:
    base = "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(5000))
    yours = base + "def mine():\n    return 0\n"
    generated = base.replace("return 7\n", "return 70\n", 1)
    merged = merge3(base, yours, generated)
    assert merged.conflicts == () and merged.text == generated + "def mine():\n    return 0\n"


lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "d"]), max_size=12).map("".join)


@given(lines, lines, lines)
def test_a_side_equal_to_the_base_gives_the_other(base: str, x: str, y: str) -> None:
    assert merge3(base, x, base).text == x
    assert merge3(base, base, y).text == y
    assert merge3(base, x, x).text == x


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    ("yours", "generated"),
    [
        (edit(BASE, 2, "mine\n") + "tail\n", edit(BASE, 8, "new\n")),
        ("top\n" + BASE, BASE.replace("line 5\n", "")),
        (edit(BASE, 3, "mine\n"), edit(BASE, 3, "new\n")),
        (edit(BASE, 4, "mine\n"), edit(BASE, 5, "new\n")),
    ],
)
def test_agrees_with_git_merge_file(tmp_path: Path, yours: str, generated: str) -> None:
    for name, text in (("yours", yours), ("base", BASE), ("generated", generated)):
        (tmp_path / name).write_text(text)
    git = subprocess.run(
        ["git", "merge-file", "-p", "-L", "yours", "-L", "base", "-L", "generated", "yours", "base", "generated"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    merged = merge3(BASE, yours, generated)
    assert merged.text == git.stdout
    assert len(merged.conflicts) == git.returncode
