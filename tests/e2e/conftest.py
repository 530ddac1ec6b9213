"""Helpers the end-to-end tests share; the options and paths are in tests/conftest.py."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES


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
