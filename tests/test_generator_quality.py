"""The generator is held to the bar its output meets: mypy --strict, black and ruff.

Each tool is pinned in pyproject.toml (`[dev]`), configured there, and run
over `generator/` as a subprocess, so a failure prints the tool's own report.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

CHECKS = {
    "mypy --strict": [sys.executable, "-m", "mypy", "--strict", "generator"],
    "black": [sys.executable, "-m", "black", "--check", "--quiet", "generator"],
    "ruff": [sys.executable, "-m", "ruff", "check", "--quiet", "generator"],
}


@pytest.mark.parametrize("tool", sorted(CHECKS))
def test_generator_passes(tool: str) -> None:
    result = subprocess.run(CHECKS[tool], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{tool} on generator/:\n{result.stdout}{result.stderr}"
