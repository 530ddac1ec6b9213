"""The tests the generator renders with the client (generated/tests/), run as a
user would run them, against Prism started from the spec; and a mutation check:
a client broken on purpose must fail them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES, GENERATED, ROOT, SPEC

PRISM = ROOT / "node_modules" / ".bin" / "prism"
PACKAGE = GENERATED / "clear_street"
RESOURCE = "clear_street/resources/v1/positions.py"
MODEL = "clear_street/types/position_instruction.py"


def run_suite(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDKGEN_PRISM": str(PRISM)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(folder / "tests"), "-q", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def counts(output: str) -> dict[str, int]:
    return {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|error)", output)}


def test_generated_tests_pass_against_prism() -> None:
    result = run_suite(GENERATED, "-rA")  # -rA lists each passed test
    assert result.returncode == 0, result.stdout + result.stderr
    # 200, 207, 400, 404, 409 and 503, each sync and async, plus two MockTransport tests.
    assert counts(result.stdout) == {"passed": 14}, result.stdout
    for status in ("200", "207", "400", "404", "409", "503"):
        assert f"test_documented_response[sync-submit_position_instructions_{status}_" in result.stdout


MUTANTS = {
    "wrong-path": (RESOURCE, '"/v1/accounts/{account_id}/positions/instructions"', '"/v1/accounts/{account_id}/position/instructions"'),
    "wrong-method": (RESOURCE, 'method="post"', 'method="put"'),
    "wrong-enum-value": ("clear_street/types/position_instruction_status.py", 'SENT = "SENT"', 'SENT = "SENT_"'),
    "207-treated-as-200": (RESOURCE, "PositionInstructionBatchResponse.from_json, partial=True", "PositionInstructionBatchResponse.from_json"),
    # An optional field read from the wrong key: it decodes to None, and its key is left over.
    "wrong-field-key": (MODEL, "rejection_reason: Optional[str] = None", 'rejection_reason: Optional[str] = _m.field("rejectionReason", default=None)'),
    # A field whose annotation says another type than its decoder makes.
    "annotation-not-decoder": (MODEL, "    instrument_id: str\n", "    instrument_id: int\n"),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("mutants") / "pristine"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_generated_tests_kill_the_mutant(name: str, pristine: Path, tmp_path: Path) -> None:
    path, old, new = MUTANTS[name]
    mutant = tmp_path / "client"
    shutil.copytree(pristine, mutant)
    target = mutant / path
    text = target.read_text()
    assert text.count(old) >= 1, f"mutation {name} no longer applies: update MUTANTS"
    target.write_text(text.replace(old, new))
    result = run_suite(mutant, "-x")
    assert result.returncode == 1, result.stdout + result.stderr
    assert counts(result.stdout).get("failed", 0) >= 1, result.stdout


def test_a_new_response_in_the_spec_brings_its_own_test(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    operation = spec["paths"]["/v1/accounts/{account_id}/positions/instructions"]["post"]
    operation["responses"]["422"] = {
        "description": "Unprocessable.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}, "examples": {"bad_row": {"value": {"error": {"code": 422, "message": "Row 0 cannot be processed"}, "metadata": {"request_id": "r-422"}}}}}},
    }
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    shutil.copy(SPEC.with_name("openapi.sdkgen.yaml"), folder / "openapi.sdkgen.yaml")
    output = tmp_path / "client"
    write_tree(render_spec(folder / "openapi.yaml", output).files, output)
    out = output / "python"  # the config names targets: one folder per language
    tests = (out / "tests" / "test_v1_positions.py").read_text()
    assert '"code=422, example=bad_row"' in tests
    assert "error=sdk.UnprocessableEntityError" in tests  # `import clear_street as sdk`
    result = run_suite(out, "-k", "422")
    assert result.returncode == 0, result.stdout + result.stderr
    assert counts(result.stdout) == {"passed": 2}, result.stdout


@pytest.mark.parametrize(
    "fixture",
    ["composition", "encodings", "enums", "objects", "operations", "pagination", "recursion", "reserved", "streaming", "unions"],
)
def test_fixture_clients_pass_their_generated_tests(fixture: str, tmp_path: Path) -> None:
    """The generated suites of other shapes of spec (no examples, defaults, recursion...) pass too.

    Left out: `hostile`, whose path and names Prism itself refuses to serve.
    """
    out = tmp_path / fixture
    write_tree(render_spec(FIXTURES / fixture / "openapi.yaml", out).files, out)
    result = run_suite(out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert counts(result.stdout).get("passed", 0) >= 2, result.stdout


UNASKABLE = """\
openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /thing:
    get:
      operationId: getThing
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema:
                type: object
                properties:
                  name: {type: string}
                  when: {type: string, format: date}
              examples:
                z: {value: {name: same, when: "2024-01-02", surprise: 1}}
                "a,b": {value: {name: same, when: "2024-01-02"}}
"""


def test_a_body_prism_may_not_send_is_not_held_to_exactness(tmp_path: Path) -> None:
    """An example whose name Prism cannot be asked for (a comma) is not the one it sends: Prism
    sends the first, here one with a key the schema does not name. The row must not claim the
    body is exact, and the suite must pass."""
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "openapi.yaml").write_text(UNASKABLE)
    output = tmp_path / "client"
    write_tree(render_spec(folder / "openapi.yaml", output).files, output)
    tests = (output / "tests" / "test_thing.py").read_text()  # the resource is named after the path
    assert 'Case(call_get_thing, "code=200, example=z", returns=types.GetThingResponse),' in tests
    assert 'Case(call_get_thing, "code=200", returns=types.GetThingResponse),' in tests
    assert "exact=True" not in tests
    result = run_suite(output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert counts(result.stdout) == {"passed": 6}, result.stdout

    # The checker is not relaxed where it need not be: a date decoded as a date-time fails it.
    model = output / "things" / "types" / "get_thing_response.py"
    model.write_text(model.read_text().replace("when=_m.as_date,", "when=_m.as_datetime,"))
    assert counts(run_suite(output, "-k", "documented").stdout) == {"failed": 4}
