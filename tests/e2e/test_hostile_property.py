"""Property-based: specs built from adversarial strings always render clients
that compile, import without side effects, keep every value exactly, and pass
`mypy --strict`.

The example count is bounded (HYPOTHESIS_EXAMPLES, default 8) so CI stays fast;
raise it locally to search harder.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mypy import api as mypy_api

from generator.pipeline import render_spec
from generator.write import write_tree

NASTY = [
    '"""', "'''", "\\", '"', "'", "{{ 7*7 }}", "{% raw %}", "{#", "*/", "/*", "\n", "\r\n", "\t", "#",
    "__import__('os').system('touch PWNED')", "\"); import os; os.system('touch PWNED') #", "\u2028", "\x00", "\x7f",
    "class", "None", "self", "__init__", "1", "-", " ", "é", "💥", "$ref", "~1", "%s", "{}",
    "\ud800", "\udfff",  # lone surrogates: JSON can spell them, UTF-8 cannot
]

fragment = st.one_of(st.sampled_from(NASTY), st.text(max_size=6))
hostile = st.lists(fragment, min_size=1, max_size=4).map("".join)
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "8"))


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(hostile, min_size=1, max_size=4, unique=True))
    values = draw(st.lists(hostile, min_size=1, max_size=4, unique=True))
    properties: dict[str, Any] = {name: {"type": "string", "description": draw(hostile), "default": draw(hostile), "example": draw(hostile)} for name in names}
    properties["kind"] = {"type": "string", "enum": values, "description": draw(hostile)}
    return {
        "openapi": "3.1.0",
        "info": {"title": draw(hostile), "version": draw(hostile), "description": draw(hostile)},
        "servers": [{"url": "https://example.com"}],
        "tags": [{"name": draw(hostile)}],
        "paths": {
            "/items/{id}": {
                "post": {
                    "operationId": draw(hostile),
                    "summary": draw(hostile),
                    "description": draw(hostile),
                    "parameters": [{"name": "id", "in": "path", "required": True, "description": draw(hostile), "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}, "example": {names[0]: draw(hostile)}}}},
                    "responses": {"200": {"description": draw(hostile), "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
                }
            }
        },
        "components": {"schemas": {"Thing": {"type": "object", "description": draw(hostile), "properties": properties}}},
    }


@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(spec=specs())
def test_hostile_spec_renders_safe_typed_code(spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> None:
    text = json.dumps(spec)
    package = "hyp_" + hashlib.sha256(text.encode()).hexdigest()[:10]
    root = tmp_path_factory.mktemp("hyp")
    (root / "openapi.json").write_text(text)
    (root / "openapi.sdkgen.yaml").write_text(f"package_name: {package}\nclient_class: Client\n")
    out = root / "out"
    rendered = render_spec(root / "openapi.json", out)
    write_tree(rendered.files, out)

    for path in out.rglob("*.py"):
        compile(path.read_text(), str(path), "exec")
    tomllib.loads((out / "pyproject.toml").read_text())

    # As the file says them: JSON reads a high and a low surrogate side by side as one character.
    thing = json.loads(text)["components"]["schemas"]["Thing"]
    values = thing["properties"]["kind"]["enum"]
    names = [n for n in thing["properties"]]
    script = f"""
import importlib, pkgutil, {package}, {package}.types
for m in pkgutil.walk_packages({package}.__path__, "{package}."):
    importlib.import_module(m.name)
from {package}.types import Thing, ThingKind
got = [m.value for m in ThingKind]
assert got == {values!r}, got
fields = [wire for _, wire in Thing._fields]
assert fields == {names!r}, fields
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=out, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert not (out / "PWNED").exists() and not Path("PWNED").exists()

    stdout, stderr, status = mypy_api.run(["--strict", "--no-incremental", "--python-version", "3.10", str(out / package)])
    assert status == 0, stdout + stderr
