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

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from .conftest import FIXTURES, GENERATED, VENV_BIN

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
        shutil.move(str(out / rendered.model.package), str(root / rendered.model.package))
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


def test_pyright_strict_reports_zero_errors(packages: Path) -> None:
    config = {"include": _names(packages), "typeCheckingMode": "strict", "pythonVersion": "3.10"}
    (packages / "pyrightconfig.json").write_text(json.dumps(config))
    result = subprocess.run(
        [str(VENV_BIN / "pyright"), "--pythonpath", sys.executable, "--outputjson"],
        cwd=packages,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert errors == [], "\n".join(f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}" for d in errors)
    assert report["summary"]["filesAnalyzed"] > 0
