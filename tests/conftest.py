"""Shared test setup: the repository's paths, the command-line options, the generated client on sys.path.

The tests are in two layers: `unit/` has no render, no subprocess and no
server, and runs in seconds (`./dev test -k unit`, or `pytest tests/unit`);
`e2e/` renders clients and drives them, the CLI, Java and the real-spec
corpus. `servers/` holds the HTTP servers on loopback the e2e tests run
clients against. `-k unit` matches any test id containing "unit", in any
case: keep the word out of e2e test names (Java's test suite is "java", not "JUnit").

Golden files are rewritten only with `--update-golden`; a plain test run
never writes them. The options live here, the conftest of every test run from
the repository root, so `pytest tests/e2e/test_golden.py --update-golden` works.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
OUTPUT = ROOT / "generated"  # what `./dev generate` renders spec/ into: one folder per language
GENERATED = OUTPUT / "python"  # the Python client
SPEC = ROOT / "spec" / "openapi.yaml"
FIXTURES = TESTS / "fixtures"  # one small spec per construct, with its golden files
BROKEN = TESTS / "broken"  # the broken-spec corpus
VENV_BIN = Path(sys.executable).parent

# Golden outputs hold generated test suites: they are compared, not collected.
collect_ignore_glob = ["fixtures/*"]

# The generated client is imported from the checked-in folder, not an install,
# so the tests always exercise exactly what is committed.
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


_OWN_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """A cache of the session's own (`generator/cache.py`), so no answer kept by an earlier run,
    or by the user's sdkgen, stands in for work a test means to see done."""
    if "SDKGEN_CACHE_DIR" not in os.environ:
        _OWN_CACHE.append(tempfile.mkdtemp(prefix="sdkgen-test-cache-"))
        os.environ["SDKGEN_CACHE_DIR"] = _OWN_CACHE[-1]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _OWN_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


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
        help="also run the corpus test on its larger specs, `giant` in tests/e2e/corpus.py (minutes; `./dev corpus`)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A plain line for the generated Java suite's result (the JUnit console's summary is boxed)."""
    from .e2e.java_tools import RESULTS

    if RESULTS:
        terminalreporter.write_line(f"java: {RESULTS.get('successful', 0)} passed, {RESULTS.get('failed', 0)} failed")
