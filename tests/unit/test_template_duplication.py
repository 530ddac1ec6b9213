"""No six lines repeat across `templates/`: what two templates share lives in one macro.

Python's duplicate finders skip `.jinja` files, so this is the check for them.
Lines are compared with their whitespace folded; blank lines, Jinja comments,
lone punctuation and bare block ends (`{% endif %}`...) are passed over, since
every template has those.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..conftest import ROOT

RUN = 6
_TRIVIAL = re.compile(r"[\[\](){},:\s]*|\{%-? ?(endif|endfor|else|endmacro) ?-?%\}|\{#.*|.*#\}")


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = " ".join(raw.split())
        if line and not _TRIVIAL.fullmatch(line):
            out.append((number, line))
    return out


def repeated_runs(root: Path, run: int = RUN) -> list[str]:
    """Each run of `run` significant lines found in two places, as 'file:line ~ file:line'."""
    first: dict[tuple[str, ...], str] = {}
    found = []
    for path in sorted(root.rglob("*.jinja")):
        lines = _lines(path)
        for i in range(len(lines) - run + 1):
            key = tuple(text for _, text in lines[i : i + run])
            place = f"{path.relative_to(root)}:{lines[i][0]}"
            if key in first:
                found.append(f"{first[key]} ~ {place}")
            else:
                first[key] = place
    return found


def test_the_check_finds_a_repeated_run(tmp_path: Path) -> None:
    body = "".join(f"line {i} of the shared block\n" for i in range(RUN))
    (tmp_path / "a.jinja").write_text("{% if x %}\n" + body)
    (tmp_path / "b.jinja").write_text("other\n" + body)
    assert repeated_runs(tmp_path) == ["a.jinja:2 ~ b.jinja:2"]


def test_templates_repeat_no_run_of_six_lines() -> None:
    assert repeated_runs(ROOT / "templates") == []
