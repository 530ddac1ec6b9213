"""Generated Python is black-formatted, though ruff formats it (generator/format.py).

ruff formats in well under a second what black took most of a cold run to do;
the templates render code on which the two agree, and this test holds them to
it: black, pinned beside ruff, must leave every generated `.py` of
`generated/` and of every fixture's golden files byte for byte as it is. The
corpus test checks the same of every corpus client.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.format import LINE_LENGTH, TARGET

from ..conftest import FIXTURES, OUTPUT

BLACK = [sys.executable, "-m", "black", "--check", "--quiet", "-l", str(LINE_LENGTH), "-t", TARGET]


def black_changes(*folders: Path) -> str:
    """What black would reformat ('' when nothing): its --diff output."""
    result = subprocess.run([*BLACK, *map(str, folders)], capture_output=True, text=True)
    if result.returncode == 0:
        return ""
    diff = subprocess.run([*BLACK[:3], "--diff", *BLACK[4:], *map(str, folders)], capture_output=True, text=True)
    return diff.stdout[-4000:] or result.stderr


def test_black_leaves_every_generated_file_unchanged() -> None:
    folders = [OUTPUT / "python", *sorted(FIXTURES.glob("*/expected"))]
    files = sum(len(list(folder.rglob("*.py"))) for folder in folders)
    assert files > 150  # the golden fixtures and the checked-in client
    assert black_changes(*folders) == ""


def test_the_check_catches_a_difference(tmp_path: Path) -> None:
    """The form black and ruff disagree on (a nested conditional expression) is caught."""
    (tmp_path / "nested.py").write_text(
        "x = (\n    None\n    if (v := data.get('key_number_one')) is None\n    else v if type(v) is str else fail(v)\n)\n"
    )
    assert black_changes(tmp_path) != ""


# Where ruff and black part ways on our output: a module-level annotated assignment with a long name.
LONG_ALIAS = (
    "from typing import TypeAlias, Union\n\n"
    f"{'A' * 90}Reason: TypeAlias = Union[\n    str,\n    \"{'B' * 96}\",\n]\n"
)


def _black(text: str) -> str:
    import black

    return black.format_str(text, mode=black.Mode(target_versions={black.TargetVersion.PY310}, line_length=LINE_LENGTH))


def test_files_ruff_leaves_apart_from_black_are_settled_by_black() -> None:
    """`format_python` then `settle_long_lines`, as a run does, gives what black gives."""
    from generator.format import format_python, settle_long_lines

    ruffed = format_python([LONG_ALIAS])
    assert _black(ruffed[0]) != ruffed[0]  # the probe is one they part on
    assert settle_long_lines(ruffed) == [_black(ruffed[0])]
    assert settle_long_lines(["x = 1\n"]) == ["x = 1\n"]  # anything else is left alone


def test_a_statement_black_cannot_read_alone_sends_its_file_through_black() -> None:
    """A blank line inside the statement ends it early (ruff removes those; this is the fallback)."""
    from generator.format import settle_long_lines

    text = f"_{'C' * 90}_RESPONSES: Dict[str, int] = {{\n    'a': 1,\n\n    'b': 2,\n}}\nx  =  1\n"
    assert settle_long_lines([text]) == [_black(text)]
