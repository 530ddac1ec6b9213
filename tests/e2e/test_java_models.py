"""The generated Java client's models, driven by tests/java/ModelScenarios.java against real servers.

- a response row missing a required field, or holding a value of another type, still decodes: only
  its accessor throws, `validate()` throws naming the path, and `responseValidation(true)` (per call
  or on the client) makes the call itself throw;
- properties the spec does not name are kept on decode and written back; `toBuilder()` copies equal;
- a params' `putAdditionalHeader`, `putAdditionalQueryParam` and `putAdditionalBodyProperty`, and a
  model's `putAdditionalProperty`, reach the server (the server's record of the request is checked).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..conftest import OUTPUT, TESTS
from ..servers.fake_clear_street import FakeClearStreet
from ..servers.scripted_server import ScriptedServer
from .java_tools import RUNTIME_JARS, classpath, javac, missing_jars

JAVA = OUTPUT / "java"
JSON = {"Content-Type": "application/json"}
INSTRUMENT = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02"


@pytest.fixture(scope="module")
def classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert not missing_jars(), f"missing Debian jars {missing_jars()} in /usr/share/java: run ./dev setup"
    out = tmp_path_factory.mktemp("java-models") / "classes"
    result = javac(sorted((JAVA / "src" / "main" / "java").rglob("*.java")), out, classpath(*RUNTIME_JARS))
    assert result.returncode == 0, result.stdout + result.stderr
    scenarios = out.parent / "scenarios"
    result = javac([TESTS / "java" / "ModelScenarios.java"], scenarios, classpath(*RUNTIME_JARS, extra=(out,)))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def run(classes: Path, name: str, base_url: str) -> dict[str, Any]:
    cp = classpath(*RUNTIME_JARS, extra=(classes, classes.parent / "scenarios"))
    command = ["java", "-cp", cp, "ModelScenarios", name, base_url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    out: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return out


def _row(**fields: Any) -> dict[str, Any]:
    row = {"account_id": 122503, "id": "r1", "instruction_id": "k1", "instruction_type": "EXERCISE",
           "instrument_id": "i", "quantity": "1", "status": "SENT", "symbol": "AAPL"}
    row.update(fields)
    return {k: v for k, v in row.items() if v is not None}


def _body(*rows: dict[str, Any]) -> bytes:
    return json.dumps({"data": list(rows), "metadata": {"request_id": "req-m"}}).encode()


def test_a_bad_row_fails_only_its_accessor_validate_and_response_validation(classes: Path) -> None:
    bad = _body(_row(symbol=None), _row(id="r2", account_id="not-a-number", status="REJECTED"))
    with ScriptedServer(*[(200, JSON, bad)] * 3) as scripted:
        out = run(classes, "bad-rows", scripted.base_url)
        assert scripted.hits == 3
    assert out["rows"] == 2 and out["first_id"] == "r1"
    assert out["symbol"] == "ClearStreetInvalidDataException: $.data[0].symbol: required, but missing"
    assert out["symbol_missing"] is True
    assert out["account_id"].startswith("ClearStreetInvalidDataException: $.data[1].account_id: expected an integer")
    assert out["account_id_raw"] == '"not-a-number"' and out["account_id_known"] is False
    assert out["validate"] == out["symbol"]  # the first bad field, by its path
    assert out["row_validate"] == out["account_id"]
    assert out["rejected"] == 1  # reading the batch's rows does not need every field
    refused = "ClearStreetInvalidDataException: The response does not match the API spec at $.data[0].symbol"
    for key in ("per_call", "client_level"):
        assert out[key].startswith(refused), out[key]


def test_a_good_response_validates_and_round_trips(classes: Path) -> None:
    with ScriptedServer((200, JSON, _body(_row(venue="X")))) as scripted:
        out = run(classes, "good-rows", scripted.base_url)
    assert out["validated"] == "ok: 1"
    assert out["extra"] == {"venue": "X"}
    assert json.loads(out["round_trip"]) == _row(venue="X")
    assert out["to_builder_equals"] is True and out["response_to_builder_equals"] is True
    assert out["changed_equals"] is False and out["changed_symbol"] == "CHANGED"
    assert out["built_equals"] is True


def test_additional_headers_query_and_body_properties_reach_the_server(classes: Path) -> None:
    with FakeClearStreet() as server:
        server.add_instrument(INSTRUMENT, "AAPL  280121C00195000")
        out = run(classes, "send-additional", server.base_url)
        received = server.state.received
    assert out["status"] == "SENT"
    assert out["params_to_builder_equals"] is True and out["params_changed_equals"] is False
    assert len(received) == 1
    assert received[0]["path"] == "/v1/accounts/122503/positions/instructions?dry_run=yes"
    assert received[0]["headers"]["X-Extra"] == "header-value"
    body = received[0]["body"]
    assert body["batch_note"] == {"n": 7}
    assert body["instructions"][0]["note"] == "row-extra"


def test_a_path_parameter_may_be_given_as_the_calls_first_argument(classes: Path) -> None:
    with FakeClearStreet() as server:
        server.add_instrument(INSTRUMENT, "AAPL  280121C00195000")
        out = run(classes, "path-argument", server.base_url)
        received = server.state.received
    assert out["account_id_present"] is False
    assert out["without"] == "IllegalStateException: `accountId` is required, but was not set"
    assert out["status"] == "SENT"
    assert [r["path"] for r in received] == ["/v1/accounts/7/positions/instructions"]
