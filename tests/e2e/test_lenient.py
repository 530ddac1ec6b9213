"""`--lenient` (README, "Lenient mode"): local violations become warnings and are read
the nearest valid way; what cannot be read stays fatal, exit 2, nothing written.

Strict is the default; the corpus holds real specs that need --lenient
(tests/e2e/corpus.py: those marked `lenient`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

# OpenAPI 3.0 with four local violations: a null request-body schema, {type: 'null'} in an
# anyOf (3.1 only), a parameter example whose summary is a number, and an unknown
# keyword in a schema.
INVALID = """\
openapi: 3.0.3
info: {title: Loose API, version: "1"}
paths:
  /things:
    post:
      operationId: makeThing
      parameters:
        - name: kind
          in: query
          required: true
          schema: {type: string}
          examples: {first: {summary: 5, value: ok}}
      requestBody:
        content:
          application/json:
            schema: null
      responses:
        "200":
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        note:
          anyOf:
            - {type: string}
            - {type: 'null'}
        size: {type: integer, unit: metres}
"""


def generate(spec: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    out = spec.parent / "client"
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(spec), "--output", str(out), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def test_local_violations_are_warnings_read_the_nearest_valid_way(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(INVALID)
    strict = generate(spec)
    assert strict.returncode == 2 and "invalid OpenAPI" in strict.stderr and not (tmp_path / "client").exists()

    result = generate(spec, "--lenient")
    assert result.returncode == 0, result.stderr
    lenient = [line for line in result.stderr.splitlines() if "warning[lenient]" in line]
    where = {re.sub(r":\d+:\d+:", ":L:", line.split(": warning")[0]) for line in lenient}
    assert {
        f"{spec}:L: /paths/~1things/post/parameters/0",
        f"{spec}:L: /paths/~1things/post/requestBody",
        f"{spec}:L: /components/schemas/Thing",
    } <= where, result.stderr
    assert all(re.match(rf"{re.escape(str(spec))}:\d+:\d+: /", line) for line in lenient), "each names file, line and pointer"
    assert f"{len(lenient)} places read leniently" in result.stdout

    package = tmp_path / "client" / "loose"
    resource = (package / "resources" / "things.py").read_text()
    assert "body: Union[object, NotGiven] = NOT_GIVEN" in resource  # a null schema: an untyped body
    thing = (package / "types" / "thing.py").read_text()
    assert "note: Optional[str]" in thing and "size: Optional[int]" in thing  # 'null' in 3.0 anyOf: nullable
    test = (tmp_path / "client" / "tests" / "test_things.py").read_text()
    assert 'kind="string"' in test and '"ok"' not in test  # the broken examples are dropped, a sample used
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "loose"], cwd=tmp_path / "client", capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout


def test_the_config_can_ask_for_it(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(INVALID)
    (tmp_path / "openapi.sdkgen.yaml").write_text("validation: lenient\n")
    assert generate(spec).returncode == 0


FATAL = {
    "not YAML or JSON": ("openapi: [3.0.3\n", "openapi.yaml:"),
    "not OpenAPI 3": ('swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n', "/swagger: Swagger 2.0 is not supported"),
    "a $ref that does not resolve": (INVALID.replace("#/components/schemas/Thing", "#/components/schemas/Nope"), "points at nothing"),
    "an allOf cycle": (INVALID + "    Loop:\n      allOf: [{$ref: '#/components/schemas/Loop'}]\n", "allOf cycle"),
    "a duplicate operationId": (INVALID.replace("  /things:\n", "  /other:\n    get:\n      operationId: makeThing\n      responses: {'200': {description: ok}}\n  /things:\n"), "duplicate operationId 'makeThing'"),
    "paths that is not a mapping": ('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: [1]\n', "/paths: `paths` must be a mapping"),
}


@pytest.mark.parametrize("case", sorted(FATAL))
def test_what_cannot_be_read_stays_fatal_even_lenient(case: str, tmp_path: Path) -> None:
    text, expected = FATAL[case]
    spec = tmp_path / "openapi.yaml"
    spec.write_text(text)
    result = generate(spec, "--lenient")
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr and not (tmp_path / "client").exists(), result.stderr


SLIPS = """\
openapi: 3.0.3
info: {title: Slips API}
tags:
  - {name: things, description: first}
  - {name: things, description: second}
paths:
  /things:
    get:
      operationId: listThings
      tags: [things]
      responses:
        "200": {description: ok}
"""


def test_document_level_slips_with_one_reading_are_forgiven(tmp_path: Path) -> None:
    """No `info.version` reads as 0.0.0; a tag named twice in the top-level list changes nothing
    (only operations' tags are read). Strict still refuses both."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SLIPS)
    strict = generate(spec)
    assert strict.returncode == 2
    assert "openapi.yaml:2:1: /info: invalid OpenAPI: 'version' is a required property" in strict.stderr
    lenient = generate(spec, "--lenient")
    assert lenient.returncode == 0, lenient.stderr
    assert (
        "openapi.yaml:2:1: /info: warning[lenient]: invalid OpenAPI: 'version' is a required property"
        " (read as version 0.0.0: --lenient)" in lenient.stderr
    )
    assert "/tags: warning[lenient]: invalid OpenAPI: Duplicate tag name 'things' (ignored: only operations' tags are read" in lenient.stderr
    assert 'version = "0.0.0"' in (tmp_path / "client" / "pyproject.toml").read_text()
    assert "places read leniently" in lenient.stdout


def test_a_message_listing_names_prints_them_in_one_order(tmp_path: Path) -> None:
    """The validator lists required names missing under an allOf in set order, which changes
    with the hash seed; sdkgen sorts them, so two runs print the same line."""
    names = ", ".join(f"ghost{i}" for i in range(8))
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        INVALID.replace("    Thing:\n", f"    Base: {{type: object}}\n    Thing:\n      allOf: [{{$ref: '#/components/schemas/Base'}}]\n      required: [{names}]\n")
    )
    lines = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-m", "generator", "check", str(spec), "--output", str(tmp_path / "client"), "--lenient"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed, "SDKGEN_CACHE": "0"},
        )
        (line,) = [text for text in result.stderr.splitlines() if "Required list" in text]
        lines.add(line)
    (line,) = lines
    assert line.endswith(f"Required list has not defined properties: {sorted(f'ghost{i}' for i in range(8))} (read the nearest valid way: --lenient)")


SCHEMA_SLIPS = """\
openapi: 3.0.3
info: {title: Slack API, version: "1"}
paths:
  /things:
    get:
      operationId: getThing
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer, default: many}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [id, ghost]
      properties:
        id: {type: string, format: snowflake-id}
        size: {type: integer, default: many, example: lots}
        mode: {type: string, enum: [a, b], default: c}
        tags: {type: array, items: {type: string}, default: {not: a-list}, minItems: -1}
"""


def test_slips_inside_a_schema_are_read_the_nearest_valid_way(tmp_path: Path) -> None:
    """Defaults that break their schema are dropped, a `required` name with no property is ignored,
    an unknown `format` is ignored: each slip the validator reports is a warning at its own node,
    and a composite keyword's failure names its node by pointer rather than quoting all of it."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SCHEMA_SLIPS)
    assert generate(spec).returncode == 2
    result = generate(spec, "--lenient")
    assert result.returncode == 0, result.stderr
    warned = {line.split(": warning")[0].split(": ", 1)[1] for line in result.stderr.splitlines() if "warning[lenient]" in line}
    assert warned == {
        "/paths/~1things/get/parameters/0/schema",
        "/components/schemas/Thing",
        "/components/schemas/Thing/properties/size",
        "/components/schemas/Thing/properties/mode",
        "/components/schemas/Thing/properties/tags",
        "/components/schemas/Thing/properties/tags/minItems",
    }, result.stderr
    assert "/components/schemas/Thing: warning[lenient]: invalid OpenAPI: the node is not valid under any of the given schemas" in result.stderr
    assert all(len(line) < 400 for line in result.stderr.splitlines())
    thing = (tmp_path / "client" / "slack" / "types" / "thing.py").read_text()
    for field in ("    id: str\n", "    size: Optional[int] = None\n", "    mode: Optional[ThingMode] = None\n", "    tags: Optional[List[str]] = None\n"):
        assert field in thing
    assert "ghost" not in thing
    test = (tmp_path / "client" / "tests" / "test_things.py").read_text()
    assert "limit=" in test and "many" not in test  # the broken default is no example: a sample is used
