"""A corpus of broken specs (tests/broken/): each gets exit code 2, exactly one
clear `file:line:col: /json/pointer: message` line, no traceback, and an
output folder left byte for byte as it was."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.write import read_tree, write_tree

from ..conftest import BROKEN, ROOT, SPEC

B = r"tests/broken/"

CASES = {
    "empty.yaml": rf"^{B}empty\.yaml:1:1: /: file is empty",
    "binary_garbage.yaml": rf"^{B}binary_garbage\.yaml:3:1: /: not a text file",
    "not_utf8.yaml": rf"^{B}not_utf8\.yaml:1:4: /: not a text file",
    "latin1.yaml": rf"^{B}latin1\.yaml:3:13: /info/title: not UTF-8 text \(bad byte at offset 33\)",
    "invalid_yaml.yaml": rf"^{B}invalid_yaml\.yaml:3:1: /: invalid YAML: did not find expected ',' or '\}}'",
    "invalid_json.json": rf"^{B}invalid_json\.json:4:13: /: invalid JSON: Expecting property name",
    "not_openapi_list.yaml": rf"^{B}not_openapi_list\.yaml:1:1: /: not an OpenAPI document: the top level must be a mapping",
    "not_openapi_mapping.yaml": rf"^{B}not_openapi_mapping\.yaml:1:1: /: not an OpenAPI document: there is no `openapi` version field",
    "swagger2.yaml": rf"^{B}swagger2\.yaml:1:1: /swagger: Swagger 2\.0 is not supported.*\(hint: convert it first",
    "schema_invalid.yaml": rf"^{B}schema_invalid\.yaml:11:24: /paths/~1x/get/responses/200/content/application~1json/schema/type: invalid OpenAPI: 'strnig'",
    "dangling_ref.yaml": rf"^{B}dangling_ref\.yaml:11:24: /paths/~1x/get/responses/200/content/application~1json/schema/\$ref: \$ref '#/components/schemas/Missing' points at nothing",
    "cyclic_allof.yaml": rf"^{B}cyclic_allof\.yaml:11:11: /components/schemas/B/allOf/0/\$ref: allOf cycle: A -> B -> A",
    "deep_nesting.yaml": rf"^{B}deep_nesting\.yaml:7:\d+: /components/schemas/Deep/items/items/.*: nesting is deeper than 200 levels",
    "recursive_alias.yaml": rf"^{B}recursive_alias\.yaml:2:\d+: /info/x/0: a YAML alias refers to a node that contains it",
    "alias_bomb.yaml": rf"^{B}alias_bomb\.yaml:\d+:\d+: /x\d(/\d+)?: the document expands to more than 5000000 nodes",
    "duplicate_operation_ids.yaml": rf"^{B}duplicate_operation_ids\.yaml:10:7: /paths/~1b/get/operationId: duplicate operationId 'same' \(hint: first used at /paths/~1a/get/operationId\)",
}


def test_every_file_in_the_corpus_has_a_case() -> None:
    on_disk = {p.name for p in BROKEN.iterdir()} - {"colliding_names.yaml"}
    assert on_disk == set(CASES)


@pytest.fixture
def output(tmp_path: Path) -> Path:
    out = tmp_path / "client"
    write_tree({"keep.py": "# an earlier render\n", "pkg/mod.py": "x = 1\n"}, out)
    return out


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", ["generate", "check"])
@pytest.mark.parametrize("background", ["0", "1"], ids=["inline-validation", "background-validation"])
def test_broken_spec(name: str, command: str, background: str, output: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`background`: big specs are validated in a child process while the model is built (validate.py)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SDKGEN_BACKGROUND_VALIDATION", background)
    before = read_tree(output)
    code = main([command, f"tests/broken/{name}", "--output", str(output)])
    err = capsys.readouterr().err
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.match(CASES[name], lines[0]), lines[0]
    assert read_tree(output) == before


def test_missing_and_directory_paths(output: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["generate", str(tmp_path / "nope.yaml"), "--output", str(output)]) == 2
    assert main(["generate", str(tmp_path), "--output", str(output)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].endswith("nope.yaml: /: file not found")
    assert lines[1].endswith(": /: is a directory, not a spec file")


def test_no_traceback_unless_debug(output: Path) -> None:
    spec = str(BROKEN / "dangling_ref.yaml")
    plain = subprocess.run([sys.executable, "-m", "generator", "generate", spec, "--output", str(output)], capture_output=True, text=True)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    debug = subprocess.run([sys.executable, "-m", "generator", "generate", spec, "--output", str(output), "--debug"], capture_output=True, text=True)
    assert "Traceback" in debug.stderr


def test_colliding_names_are_numbered_with_a_located_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Not an error: every name is kept, deterministically numbered, and said."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "client"
    assert main(["generate", "tests/broken/colliding_names.yaml", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert re.search(r"colliding_names\.yaml:\d+:\d+: /components/schemas/FooBar: warning\[name-collision\]: schema 'FooBar'.* named 'FooBar_2'", err)
    assert re.search(r"/properties/upper: warning\[name-collision\]: property 'upper'.* named 'upper_2'", err)
    assert re.search(r"/paths/~1users~1b/get: warning\[name-collision\]: operation 'get_user'.* named 'get_user_2'", err)
    resource = (out / "t" / "resources" / "users.py").read_text()
    assert "def get_user(" in resource and "def get_user_2(" in resource


def _errors(validator_cls: Any, data: Any) -> list[tuple[str, str]]:
    return [(str(list(e.path)), e.message) for e in validator_cls(data).iter_errors()]


def test_the_faster_schema_check_finds_what_the_validator_finds() -> None:
    """generator/validate.py swaps two of openapi-spec-validator's lists for sets: same errors, in order."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    from generator import validate

    spec = yaml.safe_load(SPEC.read_text())
    schemas = spec["components"]["schemas"]
    # Errors in schemas met more than once (by $ref), where the dedupe lists are consulted.
    schemas["PositionInstruction"]["properties"]["quantity"]["default"] = {"not": "a string"}
    schemas["PositionInstructionStatus"]["default"] = 7
    schemas["ResponseMetadata"]["required"] = "request_id"
    cases = [(OpenAPIV31SpecValidator, validate.validator_for("3.1.0"), spec)]
    for name in ("schema_invalid.yaml", "duplicate_operation_ids.yaml", "colliding_names.yaml"):
        data = yaml.safe_load((BROKEN / name).read_text())
        version = str(data.get("openapi", "3.0"))
        cases.append(
            (OpenAPIV31SpecValidator, validate.validator_for("3.1.0"), data)
            if version.startswith("3.1")
            else (OpenAPIV30SpecValidator, validate.validator_for("3.0.3"), data)
        )
    found = 0
    for stock, ours, data in cases:
        expected = _errors(stock, data)
        assert _errors(ours, data) == expected
        found += len(expected)
    assert found >= 4  # the cases do have errors to find
