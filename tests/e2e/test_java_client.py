"""The generated Java client (generated/java/), compiled and driven against real servers.

- `mvn -B verify` compiles it with `-Xlint:all -Werror`, runs its generated JUnit suite (one
  test per documented response) against Prism, and builds its jar, sources and javadoc;
- the Java docs page's example compiles and runs verbatim against the semantic
  test server (tests/servers/fake_clear_street.py);
- tests/java/Scenarios.java drives the same scenarios as the Python client's
  tests, against the same servers, and this file checks what the server saw.

Jars come from Maven Central, as its pom pins them (`./dev` fetches them into ~/.m2).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ..conftest import OUTPUT, ROOT, SPEC, TESTS
from ..servers.fake_clear_street import FakeClearStreet
from ..servers.scripted_server import Cut, ScriptedServer, Trickle
from .java_tools import RESULTS, RUNTIME_JARS, classpath, javac, missing_jars, mvn, prism

JAVA = OUTPUT / "java"
DOCS = ROOT.parent / "shared" / "reference" / "submit-position-instructions.java-sdk.txt"
INSTRUMENT = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02"
SYMBOL = "AAPL  280121C00195000"


@pytest.fixture(scope="module")
def classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated client, compiled with every lint as an error."""
    assert not missing_jars(), f"missing Java jars {missing_jars()}: run ./dev setup"
    out = tmp_path_factory.mktemp("java") / "classes"
    result = javac(sorted((JAVA / "src" / "main" / "java").rglob("*.java")), out, classpath(*RUNTIME_JARS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr  # not even a note
    return out


@pytest.fixture(scope="module")
def scenarios(classes: Path) -> Path:
    out = classes.parent / "scenarios"
    result = javac([TESTS / "java" / "Scenarios.java"], out, classpath(*RUNTIME_JARS, extra=(classes,)))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_maven_verify_compiles_tests_and_packages_the_client_against_prism(tmp_path: Path) -> None:
    """`mvn -B verify` on a copy of generated/java, as a user runs it: javac with every lint as an
    error, the generated JUnit suite against Prism, then the jar, its sources and its javadoc
    (doclint on, a warning fails the build)."""
    project = tmp_path / "java"
    shutil.copytree(JAVA, project)
    expected = sum(source.read_text().count("@Test") for source in (project / "src" / "test").rglob("*.java"))
    with prism(SPEC) as (base_url, log):
        result = mvn(project, "verify", env={**os.environ, "TEST_API_BASE_URL": base_url})
        flagged = [line for line in log.read_text().splitlines() if "Violation: request" in line]
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    totals = re.findall(r"Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)\s*$", output, re.M)
    run, failures, errors, skipped = (int(n) for n in totals[-1])
    RESULTS.update({"successful": run - failures - errors - skipped, "failed": failures + errors})
    assert (run, failures, errors, skipped) == (expected, 0, 0, 0) and expected == 6, output[-6000:]
    assert not flagged, "Prism flagged a request as off-spec:\n" + "\n".join(flagged)
    artifact = f"{_pom_value('artifactId')}-{_pom_value('version')}"
    for suffix in ("", "-sources", "-javadoc"):
        jar = project / "target" / f"{artifact}{suffix}.jar"
        assert jar.exists(), f"{jar.name} was not built"
    with zipfile.ZipFile(project / "target" / f"{artifact}-javadoc.jar") as javadoc:
        assert any(name.endswith("ClearStreetClient.html") for name in javadoc.namelist())


def _pom_value(tag: str) -> str:
    match = re.search(rf"^  <{tag}>([^<]+)</{tag}>", (JAVA / "pom.xml").read_text(), re.M)
    assert match is not None, tag
    return match.group(1)


def _docs_example() -> str:
    text = DOCS.read_text()
    (block,) = re.findall(r"```java\s*(.*?)```", text, re.S)
    return block


def test_docs_example_compiles_and_runs_verbatim(classes: Path, tmp_path: Path) -> None:
    """The page's example, unchanged; only the base URL comes from the environment, as a user sets it."""
    source = _docs_example()
    package = re.search(r"^\s*package ([\w.]+);", source, re.M)
    assert package is not None and "fromEnv()" in source and 'apiKey("My API Key")' in source
    main = tmp_path / "src" / Path(*package.group(1).split(".")) / "Main.java"
    main.parent.mkdir(parents=True)
    main.write_text(source)
    out = tmp_path / "classes"
    compiled = javac([main], out, classpath(*RUNTIME_JARS, extra=(classes,)))
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    with FakeClearStreet(api_key="My API Key") as server:
        server.add_instrument(INSTRUMENT, SYMBOL)
        env = {**os.environ, "CLEAR_STREET_BASE_URL": server.base_url, "CLEAR_STREET_API_KEY": "not this one"}
        command = ["java", "-cp", classpath(*RUNTIME_JARS, extra=(classes, out)), f"{package.group(1)}.Main"]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        (request,) = server.state.received
    assert request["path"] == "/v1/accounts/0/positions/instructions"
    assert request["headers"]["Authorization"] == "Bearer My API Key"  # apiKey(...) after fromEnv() wins
    (row,) = request["body"]["instructions"]
    assert row["instruction_type"] == "EXERCISE" and row["instrument_id"] == INSTRUMENT and row["quantity"] == "1"
    assert re.fullmatch(r"[0-9a-f-]{36}", row["instruction_id"]), "a keyed row gets its key before the first attempt"


def run(
    scenarios: Path,
    classes: Path,
    name: str,
    base_url: str,
    max_retries: int = 2,
    api_key: str = "test-api-key",
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    command = ["java", "-cp", classpath(*RUNTIME_JARS, extra=(classes, scenarios)), "Scenarios", name, base_url, str(max_retries), api_key]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stdout + result.stderr
    out: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert api_key not in json.dumps(out), "the API key leaked into a toString() or a message"
    out["_stderr"] = result.stderr
    return out


@pytest.fixture
def server() -> Any:
    with FakeClearStreet() as fake:
        fake.add_instrument(INSTRUMENT, SYMBOL)
        fake.add_instrument("0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e03", "AAPL  261218C00200000", expires_today=True)
        yield fake


def test_all_rows_accepted(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    out = run(scenarios, classes, "one-row", server.base_url)
    assert out["partial"] is False and out["statuses"] == ["SENT"] and (out["accepted"], out["rejected"]) == (1, 0)
    assert out["request_id"] == "req-000001" and out["error_message"] is None
    assert "ClearStreetClient{ClientOptions{baseUrl=" in out["client"]


def test_partial_batch_keeps_rejected_rows_in_data(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    out = run(scenarios, classes, "duplicate-in-batch", server.base_url)
    assert out["partial"] is True and out["statuses"] == ["SENT", "ENGINE_REJECTED"]
    assert (out["accepted"], out["rejected"]) == (1, 1)
    assert out["error_message"] == "Duplicate exercise instruction"
    assert out["rejection_reasons"] == "[-, Duplicate exercise instruction]"


def test_dne_outside_expiry_is_400_without_data(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    out = run(scenarios, classes, "dne-outside-expiry", server.base_url)
    assert (out["error"], out["status"]) == ("BadRequestException", 400)
    assert out["server_message"] == "DO_NOT_EXERCISE must be submitted on the contract's expiration date"
    partial = run(scenarios, classes, "dne-and-exercise", server.base_url)
    assert partial["partial"] is True and partial["statuses"] == ["SENT", "REJECTED"]


def test_unknown_instrument_is_404(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    out = run(scenarios, classes, "unknown-instrument", server.base_url)
    assert (out["error"], out["status"], out["request_id"]) == ("NotFoundException", 404, "req-000001")
    assert out["message"] == "Error code: 404 - Instrument nope not found (request_id: req-000001)"


def test_duplicate_is_409_and_never_retried(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    assert run(scenarios, classes, "keyed-row", server.base_url)["statuses"] == ["SENT"]
    out = run(scenarios, classes, "keyed-row", server.base_url)
    assert (out["error"], out["status"]) == ("ConflictException", 409)
    assert out["earlier_attempt_lost"] is False and out["keys"] == ["ui-1"]
    assert len(server.state.received) == 2  # one attempt each


def test_clearing_down_is_503_after_retries(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    server.state.clearing_up = False
    out = run(scenarios, classes, "one-row", server.base_url, max_retries=1)
    assert (out["error"], out["status"]) == ("ServiceUnavailableException", 503)
    assert len(server.state.received) == 2


def test_retries_resend_the_same_bytes_and_keys(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    server.state.faults = ["503", "503"]
    out = run(scenarios, classes, "one-row", server.base_url)
    assert out["statuses"] == ["SENT"]
    bodies = [r["body"] for r in server.state.received]
    assert len(bodies) == 3 and bodies[0] == bodies[1] == bodies[2]
    assert out["instruction_ids"] == [bodies[0]["instructions"][0]["instruction_id"]]


def test_a_lost_response_then_409_says_the_batch_was_probably_applied(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    server.state.faults = ["drop"]  # applied, then the connection closes unanswered
    out = run(scenarios, classes, "keyed-row", server.base_url)
    assert (out["error"], out["status"], out["earlier_attempt_lost"]) == ("ConflictException", 409, True)
    assert "that attempt was probably applied" in out["message"] and out["keys"] == ["ui-1"]
    assert len(server.state.received) == 2


def test_wrong_api_key_is_401(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    out = run(scenarios, classes, "one-row", server.base_url, api_key="wrong-key")
    assert (out["error"], out["status"]) == ("AuthenticationException", 401)


def test_quantities_are_sent_canonical_and_bad_ones_never_sent(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    assert run(scenarios, classes, "quantity-canonical", server.base_url)["statuses"] == ["SENT"]
    assert server.state.received[0]["body"]["instructions"][0]["quantity"] == "7"
    out = run(scenarios, classes, "quantity-invalid", server.base_url)
    assert out["error"] == "IllegalArgumentException" and "instructions[0].quantity" in out["message"]
    assert len(server.state.received) == 1  # refused before sending


def test_builders_name_the_missing_field(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    out = run(scenarios, classes, "missing-required", server.base_url)
    assert out == {**out, "error": "IllegalStateException", "message": "`instructions` is required, but was not set"}
    out = run(scenarios, classes, "missing-row-field", server.base_url)
    assert out["message"] == "`instrumentId` is required, but was not set"


def test_async_and_raw_response(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    assert run(scenarios, classes, "async", server.base_url)["statuses"] == ["SENT"]
    assert run(scenarios, classes, "async-error", server.base_url)["cause"] == "NotFoundException"
    raw = run(scenarios, classes, "raw", server.base_url)
    assert (raw["status"], raw["content_type"], raw["raw_request_id"]) == (200, "application/json", "req-000003")


def test_async_runs_on_the_callers_okhttp_dispatcher_and_retries_without_blocking(
    scenarios: Path, classes: Path, server: FakeClearStreet
) -> None:
    """An async call is OkHttp's own async call: the caller's OkHttpClient (passed to the builder) sends
    every attempt through its interceptor, and its dispatcher's thread completes the future; a 503 is
    retried on the same path, and closing the SDK's client leaves the caller's OkHttp client open."""
    server.state.faults = ["503"]
    out = run(scenarios, classes, "client-own-okhttp-async", server.base_url)
    assert out["statuses"] == ["SENT"] and len(server.state.received) == 2
    assert out["thread"] == "callers-dispatcher", out
    path = "POST /v1/accounts/122503/positions/instructions"
    assert out["intercepted"] == [path, path] and out["still_open"] is True


def test_requests_go_through_the_configured_proxy(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    """With proxy(...), a request for a host that does not resolve reaches the proxy, in absolute form."""
    out = run(scenarios, classes, "client-proxy", server.base_url)
    (request,) = server.state.received
    assert request["path"] == "http://clear-street.invalid/v1/accounts/122503/positions/instructions"
    assert out["status"] == 404  # the fake server knows no such route: it is no proxy


def test_logging_from_the_environment_never_prints_the_key(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    quiet = run(scenarios, classes, "one-row", server.base_url)
    assert quiet["_stderr"] == ""
    server.state.faults = ["503"]
    info = run(scenarios, classes, "one-row", server.base_url, env={"CLEAR_STREET_LOG": "info"})["_stderr"]
    url = f"POST {server.base_url}/v1/accounts/122503/positions/instructions"
    assert f"{url} -> 200 (request_id req-000003)" in info and "Retrying " + url in info and "Request:" not in info
    debug = run(scenarios, classes, "one-row", server.base_url, api_key="sk-secret-1", env={"CLEAR_STREET_LOG": "debug"})
    assert "Request: POST" in debug["_stderr"] and "Authorization=<redacted>" in debug["_stderr"]
    assert "sk-secret-1" not in debug["_stderr"]


def test_per_call_options_send_extra_headers(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    run(scenarios, classes, "per-call-options", server.base_url)
    assert server.state.received[0]["headers"]["X-Trace"] == "t-1"


def test_a_timeout_is_an_io_error_and_with_options_changes_retries(scenarios: Path, classes: Path, server: FakeClearStreet) -> None:
    server.state.faults = ["sleep:1.5"]
    out = run(scenarios, classes, "timeout", server.base_url)
    assert (out["error"], out["message"]) == ("ClearStreetIoException", "Request timed out.")
    server.state.faults = ["503"]
    out = run(scenarios, classes, "with-options", server.base_url)
    assert (out["error"], out["status"]) == ("ServiceUnavailableException", 503)
    assert len(server.state.received) == 2  # the timed-out attempt, then one 503 without retries


def test_open_enums(scenarios: Path, classes: Path) -> None:
    out = run(scenarios, classes, "enums", "http://127.0.0.1:9")
    assert out["sent_known"] == "SENT" and out["new_value"] == "_UNKNOWN" and out["new_equals"] is True
    assert out["known_throws"] == "ClearStreetInvalidDataException"


def _batch(status: str, **extra: Any) -> bytes:
    row = {"account_id": 1, "id": "r1", "instruction_id": "k", "instruction_type": "EXERCISE", "instrument_id": "i",
           "quantity": "1", "status": status, "symbol": "S", **extra}
    return json.dumps({"data": [row], "metadata": {"request_id": "req-x"}}).encode()


JSON = {"Content-Type": "application/json"}


def test_a_newer_servers_status_and_fields_decode(scenarios: Path, classes: Path) -> None:
    with ScriptedServer((200, JSON, _batch("PARTIALLY_FILLED", venue="X"))) as scripted:
        out = run(scenarios, classes, "one-row", scripted.base_url)
    assert out["statuses"] == ["PARTIALLY_FILLED"] and out["known"] == ["_UNKNOWN"]
    assert out["extra"] == {"venue": "X"}


def test_retry_after_is_honoured_and_a_long_one_is_not_waited_for(scenarios: Path, classes: Path) -> None:
    with ScriptedServer((429, {**JSON, "Retry-After": "0"}, b"{}"), (200, JSON, _batch("SENT"))) as scripted:
        assert run(scenarios, classes, "one-row", scripted.base_url)["statuses"] == ["SENT"]
        assert scripted.hits == 2
    with ScriptedServer((429, {**JSON, "Retry-After": "3600"}, b'{"error": {"message": "slow down"}}')) as scripted:
        out = run(scenarios, classes, "one-row", scripted.base_url)
        assert (out["error"], scripted.hits) == ("RateLimitException", 1)


def test_only_a_usable_retry_after_is_honoured(scenarios: Path, classes: Path) -> None:
    delays = run(scenarios, classes, "retry-delays", "http://localhost/")["delays"]
    assert delays["retry-after: 2"] == 2000 and delays["retry-after-ms: 250"] == 250
    assert delays["retry-after: Wed, 21 Oct 2015 07:28:00 GMT"] == 0  # in the past: no wait
    assert delays["retry-after: 3600"] is None  # over MAX_RETRY_AFTER: not retried
    # No usable instruction: our backoff (500 ms, less up to 25% jitter), as if there were no header.
    for header in ("NaN", "nan", "-1", "Infinity", "soon"):
        assert 375 <= delays[f"retry-after: {header}"] <= 500, (header, delays)
    for header in ("-5", "NaN"):
        assert 375 <= delays[f"retry-after-ms: {header}"] <= 500, (header, delays)


def test_a_body_cut_off_mid_read_is_retried_when_retry_safe(scenarios: Path, classes: Path) -> None:
    body = _batch("SENT")
    with ScriptedServer(Cut(200, JSON, body, sent=10), (200, JSON, body)) as scripted:
        out = run(scenarios, classes, "one-row", scripted.base_url)
        assert out["statuses"] == ["SENT"] and scripted.hits == 2
        assert scripted.received[0] == scripted.received[1]  # the same bytes and keys
    with ScriptedServer(Cut(200, JSON, body, sent=10), Cut(200, JSON, body, sent=10, chunked=True)) as scripted:
        out = run(scenarios, classes, "one-row", scripted.base_url, max_retries=1)
        assert out["error"] == "ClearStreetIoException" and out["earlier_attempt_lost"] is True
        assert "an earlier attempt's response was lost" in out["message"]


def test_generated_readme_examples_compile_and_run(classes: Path, tmp_path: Path) -> None:
    """The Java README's usage blocks, in order, as one program against the semantic server."""
    blocks = re.findall(r"```java\n(.*?)```", (JAVA / "README.md").read_text(), re.S)
    assert len(blocks) >= 2
    code = "\n".join(blocks)
    imports = [line for line in code.splitlines() if line.startswith("import ")]
    body = "\n".join(line for line in code.splitlines() if not line.startswith("import "))
    imports += ["import com.clear_street.api.core.HttpResponseFor;", "import java.util.concurrent.CompletableFuture;"]
    main = tmp_path / "src" / "ReadmeExample.java"
    main.parent.mkdir(parents=True)
    main.write_text("\n".join(sorted(set(imports))) + "\n\npublic final class ReadmeExample {\n"
                    "  public static void main(String[] args) throws Exception {\n" + body
                    + "\n    System.out.println(future.get().data().get(0).status());\n  }\n}\n")
    out = tmp_path / "classes"
    compiled = javac([main], out, classpath(*RUNTIME_JARS, extra=(classes,)))
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    with FakeClearStreet(api_key="My API Key") as server:
        server.add_instrument(INSTRUMENT, SYMBOL)
        env = {**os.environ, "CLEAR_STREET_BASE_URL": server.base_url}
        command = ["java", "-cp", classpath(*RUNTIME_JARS, extra=(classes, out)), "ReadmeExample"]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(server.state.received) == 4  # the call, the raw call, two async calls
    lines = result.stdout.splitlines()
    assert lines[0] == "200 req-000002" and lines[-1] == "SENT", lines
    assert lines[1].startswith("PositionSubmitPositionInstructionsResponse{"), lines  # the async block's result


def test_a_redirect_is_not_followed(scenarios: Path, classes: Path) -> None:
    """It would carry the API key (or a header parameter) to wherever it points; Python's client does not follow either."""
    with ScriptedServer((200, JSON, _batch("SENT"))) as elsewhere:
        with ScriptedServer((302, {"Location": f"{elsewhere.base_url}/steal"}, b"")) as scripted:
            out = run(scenarios, classes, "one-row", scripted.base_url)
        assert (out["error"], out["status"]) == ("ClearStreetServiceException", 302)
        assert elsewhere.hits == 0


# Deadlines: each elapsed bound is generous (a correctness bound, not a benchmark); without the
# deadline the trickles below take 30 s and 20 s, the ten retries about a minute.
def test_a_trickled_body_or_head_ends_at_the_deadline(scenarios: Path, classes: Path) -> None:
    body = _batch("SENT")[:150]
    for trickle in (Trickle(200, JSON, body, every=0.2), Trickle(200, JSON, b"{}", every=0.2, head=True)):
        with ScriptedServer(trickle) as scripted:
            out = run(scenarios, classes, "deadline", scripted.base_url, max_retries=0)
        assert out["error"] == "ClearStreetIoException", out
        assert out["message"].startswith("Request timed out: the call's deadline of 1000 ms passed."), out
        assert out["elapsed_ms"] < 5000, out


def test_the_deadline_covers_retries_and_their_waits(scenarios: Path, classes: Path) -> None:
    down = (503, JSON, b'{"error": {"code": 503, "message": "down"}}')
    with ScriptedServer(*[down] * 11) as scripted:
        out = run(scenarios, classes, "deadline-per-call", scripted.base_url)
        assert 1 <= scripted.hits < 11
    assert out["error"] == "ClearStreetIoException" and out["elapsed_ms"] < 5000, out
    assert "would pass before the next retry could start (the last attempt: status 503)" in out["message"]


def test_a_body_inflating_past_max_response_bytes_is_refused(scenarios: Path, classes: Path) -> None:
    """OkHttp asks for gzip and inflates it; the client counts what comes out, against a 1 MiB limit."""
    bomb = gzip.compress(b'{"data": [], "metadata": {"request_id": "r"}, "pad": "' + b" " * (32 << 20) + b'"}')
    with ScriptedServer((200, {**JSON, "Content-Encoding": "gzip"}, bomb)) as scripted:
        out = run(scenarios, classes, "max-response-bytes", scripted.base_url)
    assert (out["error"], out["limit"], out["status"]) == ("ClearStreetResponseTooLargeException", 1 << 20, 200), out
    assert "maxResponseBytes=1048576" in out["message"] and "set a larger maxResponseBytes" in out["message"]
    with ScriptedServer((200, {**JSON, "Content-Encoding": "gzip"}, gzip.compress(_batch("SENT")))) as scripted:
        assert run(scenarios, classes, "max-response-bytes", scripted.base_url)["statuses"] == ["SENT"]
