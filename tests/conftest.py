"""Shared test setup.

Golden files are rewritten only with `--update-golden`; a plain test run
never writes them.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "generated"  # what `./dev generate` renders spec/ into: one folder per language
GENERATED = OUTPUT / "python"  # the Python client
SPEC = ROOT / "spec" / "openapi.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VENV_BIN = Path(sys.executable).parent

# Golden outputs hold generated test suites: they are compared, not collected.
collect_ignore_glob = ["fixtures/*"]

# The generated client is imported from the checked-in folder, not an install,
# so the tests always exercise exactly what is committed.
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/fixtures/*/expected from a fresh render instead of comparing",
    )
    parser.addoption(
        "--corpus-giants",
        action="store_true",
        default=False,
        help="also run the corpus test on GitHub's and Stripe's specs (minutes each; `./dev corpus`)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def import_fixture_client(fixture: str, folder: Path) -> ModuleType:
    """Render tests/fixtures/<fixture> into `folder` and import its client package."""
    out = folder / fixture
    write_tree(render_spec(FIXTURES / fixture / "openapi.yaml", out).files, out)
    (package,) = [p.parent.name for p in out.glob("*/__init__.py") if p.parent.name != "tests"]
    sys.path.insert(0, str(out))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(out))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A plain line for the generated Java suite's result (the JUnit console's summary is boxed)."""
    from .java_tools import RESULTS

    if RESULTS:
        terminalreporter.write_line(f"java: {RESULTS.get('successful', 0)} passed, {RESULTS.get('failed', 0)} failed")
