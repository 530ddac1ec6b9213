"""The generator is held to the bar its output meets: mypy --strict, black and ruff.

Each tool is pinned in pyproject.toml (`[dev]`), configured there, and run
over `generator/` as a subprocess, so a failure prints the tool's own report.
"""

from __future__ import annotations

import ast
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
    """Stages depend one way (DEVELOPERS: no cycles), so each module can be read, and replaced, on its own."""
    graph = _module_imports()
    assert "generator.build.schemas" in graph["generator.build"], "the import graph is read"
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
