"""Specs built to break the generator, run through the CLI as a user runs it: each either
generates a client that imports, or is refused with exit 2 and a located line; nothing
crashes, hangs, or leaves a process or a temporary folder behind."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator.naming import MAX_LENGTH


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def spec(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Hostile", "version": "1"},
        "servers": [{"url": "https://example.com"}],
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }


def get(schema: Any = None, **more: Any) -> dict[str, Any]:
    content = {"content": {"application/json": {"schema": schema}}} if schema is not None else {}
    return {"responses": {"200": {"description": "ok", **content}}, **more}


def generate(tmp_path: Path, text: str, suffix: str = ".json", **env: str) -> subprocess.CompletedProcess[str]:
    """`generate` in a fresh process with its own TMPDIR, which must be empty again afterwards."""
    path = tmp_path / f"openapi{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", path.name, "--output", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TMPDIR": str(scratch), **env},
    )
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".sdkgen")) == []
    return result


def refused(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The error lines of a refusal, each checked to be located: `file:line:col: /pointer: message`."""
    assert result.returncode == 2, result.stdout
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning")]
    assert lines
    for line in lines:
        assert re.match(r"^openapi\.\w+:\d+:\d+: /", line), line
    return lines


def imports(out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import importlib, pkgutil, hostile\n"
         "for m in pkgutil.walk_packages(hostile.__path__, 'hostile.'): importlib.import_module(m.name)"],
        cwd=out, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_yaml_nested_past_the_parsers_stack_is_refused_not_a_crash(tmp_path: Path) -> None:
    text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: " + "{a: " * 40_000 + "1" + "}" * 40_000
    (line,) = refused(generate(tmp_path, text, ".yaml"))
    assert line.startswith("openapi.yaml:4:") and "nesting is deeper than 200 levels" in line


@pytest.mark.parametrize("newline", ["\r", "\x85", "\u2028"], ids=["CR", "NEL", "LS"])
def test_block_nesting_after_any_yaml_line_break_is_refused_not_a_crash(tmp_path: Path, newline: str) -> None:
    (line,) = refused(generate(tmp_path, "# a comment" + newline + "- " * 40_000 + "x\n", ".yaml"))
    assert line.startswith("openapi.yaml:2:") and "nesting is deeper than 200 levels" in line


def test_a_request_body_that_contains_itself_generates(tmp_path: Path) -> None:
    body = {"required": True, "content": {"application/json": {"schema": ref("A")}}}
    doc = spec({"/a": {"post": get(ref("A"), operationId="a", requestBody=body)}}, {"A": {"type": "array", "items": ref("A")}})
    assert generate(tmp_path, json.dumps(doc)).returncode == 0
    imports(tmp_path / "out")


def test_a_path_too_long_for_a_file_name_is_shortened(tmp_path: Path) -> None:
    doc = spec({"/" + "x" * 300: {"get": get({"type": "string"})}})
    assert generate(tmp_path, json.dumps(doc)).returncode == 0
    names = [p.stem.removeprefix("test_") for p in (tmp_path / "out").rglob("*.py")]
    assert max(len(n) for n in names) <= MAX_LENGTH and any(n.startswith("x" * 80) for n in names)
    imports(tmp_path / "out")


EXPR = {"oneOf": [{"type": "string"}, {"type": "array", "items": ref("Expr")}]}


def test_a_union_that_recurses_under_an_allof_validates_and_generates(tmp_path: Path) -> None:
    doc = spec({"/a": {"get": get(ref("Wrapper"), operationId="a")}}, {"Expr": EXPR, "Wrapper": {"allOf": [ref("Expr")]}})
    assert generate(tmp_path, json.dumps(doc)).returncode == 0


def big_spec(count: int) -> str:
    """A valid spec whose validation takes seconds: `count` schemas in a ring of references."""
    schemas = {
        f"S{i}": {"type": "object", "properties": {**{f"p{j}": {"type": "string"} for j in range(10)}, "next": ref(f"S{(i + 1) % count}")}}
        for i in range(count)
    }
    return json.dumps(spec({"/s": {"get": get(ref("S0"), operationId="s")}}, schemas))


@pytest.mark.parametrize("background", ["0", "1"], ids=["inline", "forked"])
@pytest.mark.parametrize("seconds", ["0.5", "1e-06"])
def test_validation_has_a_time_limit(tmp_path: Path, background: str, seconds: str) -> None:
    result = generate(tmp_path, big_spec(1000), SDKGEN_VALIDATION_SECONDS=seconds, SDKGEN_BACKGROUND_VALIDATION=background)
    (line,) = refused(result)
    assert f"validation did not finish within {float(seconds):g} s" in line
    assert not (tmp_path / "out").exists()


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_sigterm_stops_the_validator_and_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "openapi.json").write_text(big_spec(1000))
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", "openapi.json", "--output", "out"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        waited = 0.0
        while not children_of(process.pid) and waited < 60:
            time.sleep(0.1)
            waited += 0.1
        child = children_of(process.pid)
        assert child, "the validator child never started"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM
        for _ in range(100):
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"a process of the run outlived it: {child}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["openapi.json"]


def test_a_lone_surrogate_in_a_description_imports(tmp_path: Path) -> None:
    schema = {"type": "object", "description": "bad \ud800 here", "properties": {"p": {"type": "string", "description": "x\udfff"}}}
    doc = spec({"/a": {"get": get(ref("S"), operationId="a", description="op \udc00")}}, {"S": schema})
    assert generate(tmp_path, json.dumps(doc)).returncode == 0  # json.dumps spells them \ud800
    imports(tmp_path / "out")
    source = (tmp_path / "out" / "hostile" / "types" / "s.py").read_text()
    assert "bad \\\\ud800 here" in source  # shown as its escape, not put back as a non-character


@pytest.mark.parametrize(
    ("schemas", "message"),
    [
        ({"A": {"oneOf": [ref("A")]}}, "oneOf cycle with no base case: /components/schemas/A -> "),
        ({"A": ref("B"), "B": {"anyOf": [ref("A"), {"type": "string"}]}}, "anyOf cycle (a schema that is its own variant)"),
    ],
)
def test_a_schema_that_is_its_own_variant_is_refused(tmp_path: Path, schemas: dict[str, Any], message: str) -> None:
    doc = spec({"/a": {"get": get(ref("A"), operationId="a")}}, schemas)
    (line,) = refused(generate(tmp_path, json.dumps(doc)))
    assert message in line and re.search(r"/(oneOf|anyOf)/0/\$ref: ", line), line


def test_a_validator_crash_is_located_and_said_in_words(tmp_path: Path) -> None:
    doc = spec({"/x/id}": {"get": get(operationId="a")}})
    (line,) = refused(generate(tmp_path, json.dumps(doc)))
    assert line.startswith("openapi.json:1:") and "/paths/~1x~1id}/get: " in line
    assert "unmatched `{` or `}`" in line and "Error" not in line


def test_a_ref_with_a_nul_byte_is_refused_where_it_is(tmp_path: Path) -> None:
    doc = spec({"/a": {"get": get({"$ref": "other\u0000.yaml#/x"}, operationId="a")}})
    (line,) = refused(generate(tmp_path, json.dumps(doc)))
    assert "/schema/$ref: $ref 'other\\x00.yaml' is not a usable file path" in line
