"""The generator is held to the bar its output meets: mypy --strict, black and ruff.

Each tool is pinned in pyproject.toml (`[dev]`), configured there, and run
over `generator/` as a subprocess, so a failure prints the tool's own report.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from ..conftest import ROOT

# Each tool, and how to read from its report how many files it checked. black
# skips folders it takes for build output (`build/`, `dist/`...) by default, so
# the count is what proves the gate covers every module.
CHECKS = {
    "mypy --strict": ([sys.executable, "-m", "mypy", "--strict", "generator"], r"in (\d+) source files?"),
    "black": ([sys.executable, "-m", "black", "--check", "generator"], r"(\d+) files? would be left unchanged"),
    "ruff": ([sys.executable, "-m", "ruff", "check", "--show-files", "generator"], None),
}


def _python_files() -> int:
    return sum(1 for _ in (ROOT / "generator").rglob("*.py"))


@pytest.mark.parametrize("tool", sorted(CHECKS))
def test_generator_passes(tool: str) -> None:
    command, count_pattern = CHECKS[tool]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    report = result.stdout + result.stderr
    if tool == "ruff":  # --show-files lists what it would check, one path a line, and checks nothing
        checked = sum(1 for line in result.stdout.splitlines() if line.strip().endswith(".py"))
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--quiet", "generator"], cwd=ROOT, text=True, capture_output=True
        )
        report = result.stdout + result.stderr
    else:
        assert count_pattern is not None
        found = re.search(count_pattern, report)
        assert found, f"{tool} printed no file count:\n{report}"
        checked = int(found.group(1))
    assert result.returncode == 0, f"{tool} on generator/:\n{report}"
    assert checked == _python_files(), f"{tool} checked {checked} files of the {_python_files()} under generator/"


def _module_imports() -> dict[str, set[str]]:
    """Each module of generator/ -> the modules of generator/ it imports (anywhere in its body)."""
    root = ROOT / "generator"
    files = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in files else target for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def test_generator_has_no_import_cycles() -> None:
    """Stages depend one way, with no cycles, so each module can be read, and replaced, on its own."""
    graph = _module_imports()
    assert "generator.builder.schemas" in graph["generator.builder"], "the import graph is read"
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(graph[module]):
            assert state.get(dep) != 1, "import cycle: " + " -> ".join(path[path.index(dep) :] + [dep])
            if dep not in state:
                visit(dep)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
