"""Generated code must pass `mypy --strict` and pyright's strict mode with zero errors.

Checked: the committed `generated/` client, and the full client rendered
from every fixture spec (runtime core included).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES, GENERATED, VENV_BIN

FIXTURE_SPECS = sorted(FIXTURES.glob("*/openapi.yaml"))


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every client package side by side in one folder."""
    root = tmp_path_factory.mktemp("typecheck")
    shutil.copytree(GENERATED / "clear_street", root / "clear_street")
    for spec in FIXTURE_SPECS:
        out = root / "_render" / spec.parent.name
        rendered = render_spec(spec, out)
        write_tree(rendered.files, out)
        (package,) = [p.parent.name for p in out.glob("*/__init__.py") if p.parent.name != "tests"]
        shutil.move(str(out / package), str(root / package))
    shutil.rmtree(root / "_render")
    return root


def _names(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "__init__.py").exists())


def test_packages_cover_every_fixture(packages: Path) -> None:
    assert len(_names(packages)) == len(FIXTURE_SPECS) + 1


def test_mypy_strict_reports_zero_errors(packages: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10", *_names(packages)],
        cwd=packages,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def _pyright(folder: Path, include: list[str]) -> Any:
    """pyright's strict JSON report on `include`, run in `folder`."""
    config = {"include": include, "typeCheckingMode": "strict", "pythonVersion": "3.10"}
    (folder / "pyrightconfig.json").write_text(json.dumps(config))
    result = subprocess.run(
        [str(VENV_BIN / "pyright"), "--pythonpath", sys.executable, "--outputjson"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def test_pyright_strict_reports_zero_errors(packages: Path) -> None:
    report = _pyright(packages, _names(packages))
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert errors == [], "\n".join(f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}" for d in errors)
    assert report["summary"]["filesAnalyzed"] > 0


# Models are declarations (their constructor is built at run time), so type
# checkers must see the constructor through `dataclass_transform`: each line
# marked `# bad` must be an error, and the rest of the file must not be.
MISUSE = '''\
from clear_street.types import PositionInstruction, PositionInstructionType, PositionInstructionStatus

good = PositionInstruction(
    id="a", account_id=1, instruction_id="i", instruction_type=PositionInstructionType.EXERCISE,
    instrument_id="x", quantity="1", status=PositionInstructionStatus.SENT, symbol="S", created_at=None,
)
label: str = good.id
PositionInstruction(id="a")  # bad: required fields missing
PositionInstruction(
    account_id="1",  # bad: account_id is an int
    id="a", instruction_id="i", instruction_type=PositionInstructionType.EXERCISE,
    instrument_id="x", quantity="1", status=PositionInstructionStatus.SENT, symbol="S",
)
count: int = good.id  # bad: id is a str
PositionInstruction.from_json({}).no_such_field  # bad: no such field
'''


def _bad_lines(text: str) -> set[int]:
    return {number for number, line in enumerate(text.splitlines(), 1) if "# bad" in line}


def test_type_checkers_see_each_models_constructor(tmp_path: Path) -> None:
    shutil.copytree(GENERATED / "clear_street", tmp_path / "clear_street")
    (tmp_path / "misuse.py").write_text(MISUSE)
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "misuse.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    flagged = {int(line.split(":")[1]) for line in mypy.stdout.splitlines() if line.startswith("misuse.py:") and ": error:" in line}
    assert flagged == _bad_lines(MISUSE), mypy.stdout
    report = _pyright(tmp_path, ["misuse.py"])
    errors = {d["range"]["start"]["line"] + 1 for d in report["generalDiagnostics"] if d["severity"] == "error"}
    assert errors == _bad_lines(MISUSE), report["generalDiagnostics"]
