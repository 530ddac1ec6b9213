"""The Java client's event streams and files, against a real server (tests/servers/event_server.py).

The `streaming` fixture's Java client is compiled with `-Xlint:all -Werror`, and
tests/java/StreamScenarios.java drives it, one scenario per run, against a server
that sends each event as its own HTTP chunk: `fooStreaming(params)` sets `stream`
and returns a `StreamResponse` whose `stream()` is lazy; `data: [DONE]` ends it;
`event: error` throws `MediaStreamException`; a cut throws `MediaIoException` and
is never retried; a file comes back as an `HttpResponse` read from the wire.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES, TESTS
from ..servers.event_server import EventServer, Streamed, sse
from .java_tools import RUNTIME_JARS, classpath, javac, missing_jars

SSE = {"Content-Type": "text/event-stream"}
CHUNKS = sse(
    'data: {"id": "c1", "delta": "Hel"}',
    'data: {"id": "c1", "delta": "lo", "finish_reason": null}',
    'data: {"id": "c1", "delta": "!", "finish_reason": "stop"}',
    "data: [DONE]",
)
AFTER_DONE = sse('data: {"id": "c1", "delta": "after done"}')
BLOB = bytes(range(256)) * 64  # 16 KiB


@pytest.fixture(scope="module")
def client_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The streaming fixture rendered with the Java target: out/java."""
    assert not missing_jars(), f"missing Java jars {missing_jars()}: run ./dev setup"
    folder = tmp_path_factory.mktemp("java-streaming") / "streaming"
    shutil.copytree(FIXTURES / "streaming", folder, ignore=shutil.ignore_patterns("expected"))
    (folder / "openapi.sdkgen.yaml").write_text("targets: [python, java]\n")
    write_tree(render_spec(folder / "openapi.yaml", folder / "out").files, folder / "out")
    return folder / "out" / "java"


@pytest.fixture(scope="module")
def classpath_(client_dir: Path) -> str:
    """The client and StreamScenarios, compiled with every lint as an error."""
    classes = client_dir.parent.parent / "classes"
    result = javac(sorted((client_dir / "src" / "main" / "java").rglob("*.java")), classes, classpath(*RUNTIME_JARS))
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    scenarios = classes.parent / "scenarios"
    result = javac([TESTS / "java" / "StreamScenarios.java"], scenarios, classpath(*RUNTIME_JARS, extra=(classes,)))
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    return classpath(*RUNTIME_JARS, extra=(classes, scenarios))


@pytest.fixture
def server() -> Any:
    with EventServer() as running:
        yield running


def command(cp: str, scenario: str, server: EventServer, max_retries: int = 0, path: str = "", jvm: tuple[str, ...] = ()) -> list[str]:
    return ["java", *jvm, "-cp", cp, "StreamScenarios", scenario, server.base_url, str(max_retries), path]


def run(cp: str, scenario: str, server: EventServer, max_retries: int = 0, path: str = "", jvm: tuple[str, ...] = ()) -> dict[str, Any]:
    result = subprocess.run(command(cp, scenario, server, max_retries, path, jvm), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    out: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return out


def run_gated(cp: str, scenario: str, server: EventServer, reply: Streamed) -> tuple[str, dict[str, Any]]:
    """Runs a scenario that prints `first: ...` once it holds the first event; only then opens the gate."""
    process = subprocess.Popen(command(cp, scenario, server), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        # The server has not sent the rest: the client handed over what it had, without waiting.
        gate_was_closed = not reply.gate.is_set()
        reply.gate.set()
        rest, errors = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, rest + errors
    assert gate_was_closed and not reply.gate_timed_out
    return first, json.loads(rest.strip().splitlines()[-1])


def test_the_streaming_twin_sets_stream_and_asks_for_events(classpath_: str, server: EventServer) -> None:
    server.script(Streamed(200, SSE, CHUNKS + AFTER_DONE))
    out = run(classpath_, "stream", server)
    assert out["status"] == 200
    assert out["events"] == ["Hel", "lo", "!"], "[DONE] ends the stream: the event after it is never read"
    method, path, headers, body = server.requests[0]
    assert (method, path) == ("POST", "/completions")
    assert json.loads(body) == {"prompt": "Say hello", "max_tokens": 5, "stream": True}
    assert headers["Accept"] == "text/event-stream, application/json"


def test_the_operation_itself_still_returns_the_json_model(classpath_: str, server: EventServer) -> None:
    server.script((200, {}, b'{"id": "c1", "text": "Hello!"}'))
    assert run(classpath_, "json", server)["text"] == "Hello!"
    _, _, headers, body = server.requests[0]
    assert "stream" not in json.loads(body) and headers["Accept"] == "application/json"


def test_the_first_event_is_read_before_the_server_sends_the_next(classpath_: str, server: EventServer) -> None:
    reply = Streamed(200, SSE, CHUNKS, gate_before=1)
    server.script(reply)
    first, out = run_gated(classpath_, "lazy", server, reply)
    assert first == "first: Hel"
    assert out["events"] == ["Hel", "lo", "!"]


def test_an_error_event_throws_with_the_servers_message(classpath_: str, server: EventServer) -> None:
    chunks = sse('data: {"id": "c1", "delta": "Hel"}', 'event: error\ndata: {"error": {"message": "overloaded"}}')
    server.script(Streamed(200, SSE, chunks + CHUNKS[1:]))
    out = run(classpath_, "stream", server)
    assert out["events"] == ["Hel"]
    assert (out["error"], out["message"], out["stream_status"]) == ("MediaStreamException", "overloaded", 200)
    assert json.loads(out["data"]) == {"error": {"message": "overloaded"}}


def test_a_plain_text_error_event_is_its_own_message(classpath_: str, server: EventServer) -> None:
    server.script(Streamed(200, SSE, sse("event: error\ndata: it broke")))
    out = run(classpath_, "ticks", server)
    assert (out["error"], out["message"], out["events"]) == ("MediaStreamException", "it broke", [])


def test_a_cut_mid_stream_throws_and_is_never_retried(classpath_: str, server: EventServer) -> None:
    server.script(Streamed(200, SSE, CHUNKS[:2], cut=True), Streamed(200, SSE, CHUNKS))
    out = run(classpath_, "stream", server, max_retries=3)
    assert out["events"] == ["Hel", "lo"]
    assert out["error"] == "MediaIoException" and out["is_io"], out
    assert len(server.requests) == 1


def test_a_retried_status_comes_before_the_stream(classpath_: str, server: EventServer) -> None:
    server.script((429, {"Retry-After": "0"}, b'{"error": {"message": "slow down"}}'), Streamed(200, SSE, CHUNKS))
    assert run(classpath_, "stream", server, max_retries=2)["events"] == ["Hel", "lo", "!"]
    assert len(server.requests) == 2


def test_an_error_status_throws_the_status_exception(classpath_: str, server: EventServer) -> None:
    server.script((429, {}, b'{"error": {"message": "slow down"}}'))
    out = run(classpath_, "stream", server)
    assert (out["error"], out["status"]) == ("RateLimitException", 429) and "slow down" in out["message"]


def test_the_async_client_streams(classpath_: str, server: EventServer) -> None:
    server.script(Streamed(200, SSE, CHUNKS))
    assert run(classpath_, "async", server)["events"] == ["Hel", "lo", "!"]
    assert json.loads(server.requests[0][3])["stream"] is True


def test_the_raw_response_parses_to_the_stream(classpath_: str, server: EventServer) -> None:
    server.script(Streamed(200, {**SSE, "x-request-id": "req-9"}, CHUNKS))
    out = run(classpath_, "raw", server)
    assert (out["status"], out["request_id"], out["events"]) == (200, "req-9", ["Hel", "lo", "!"])


def test_an_always_streaming_operation_decodes_every_line_ending(classpath_: str, server: EventServer) -> None:
    """A byte order mark, CRLF, CR and LF line ends, a comment, an event split across chunks, an unterminated one dropped."""
    chunks = [
        b'\xef\xbb\xbf: keep-alive\r\n\r\n',
        b'data: {"type": "created",\r\ndata:  "detail": "a"}\r\n\r\n',
        b'data: {"type": "upd',
        b'ated"}\r\r',
        b'event: change\ndata: {"type": "deleted", "detail": "b"}\n\n',
        b'data: {"type": "never finished"}\n',
    ]
    server.script(Streamed(200, SSE, chunks))
    out = run(classpath_, "events", server)
    assert out["events"] == ["created/a", "updated/-", "deleted/b"]
    method, path, headers, _ = server.requests[0]
    assert (method, path) == ("GET", "/events?since=2026-01-01")
    assert headers["Accept"] == "text/event-stream, application/json"


def test_text_events_are_their_data(classpath_: str, server: EventServer) -> None:
    server.script(Streamed(200, SSE, sse("data: tick 1", "data: tick\ndata: 2")))
    assert run(classpath_, "ticks", server)["events"] == ["tick 1", "tick\n2"]


def test_a_file_is_copied_to_disk_as_it_arrives(classpath_: str, server: EventServer, tmp_path: Path) -> None:
    server.script(Streamed(200, {"Content-Type": "application/octet-stream"}, [BLOB[:1000], BLOB[1000:]]))
    out = run(classpath_, "download", server, path=str(tmp_path / "f.bin"))
    assert (out["status"], out["content_type"]) == (200, "application/octet-stream")
    assert (tmp_path / "f.bin").read_bytes() == BLOB
    method, path, headers, _ = server.requests[0]
    assert (method, path) == ("GET", "/files/f%201/content")
    assert headers["Accept"] == "application/octet-stream, application/json"


def test_a_file_larger_than_the_heap_and_max_response_bytes_is_copied(classpath_: str, server: EventServer, tmp_path: Path) -> None:
    """80 MiB through a 24 MiB heap: the body goes from the wire to the file, never whole in memory
    (nor counted against the 64 MiB `maxResponseBytes`, which caps bodies read whole)."""
    mib = bytes(range(256)) * 4096
    server.script(Streamed(200, {"Content-Type": "application/octet-stream"}, [mib] * 80))
    out = run(classpath_, "download", server, path=str(tmp_path / "big.bin"), jvm=("-Xmx24m",))
    assert "error" not in out, out
    with (tmp_path / "big.bin").open("rb") as f:
        assert all(f.read(len(mib)) == mib for _ in range(80)) and f.read() == b""


def test_a_file_cut_midway_throws_and_leaves_no_file(classpath_: str, server: EventServer, tmp_path: Path) -> None:
    server.script(Streamed(200, {"Content-Type": "application/octet-stream"}, [BLOB[:1000]], cut=True))
    out = run(classpath_, "download", server, max_retries=3, path=str(tmp_path / "f.bin"))
    assert out["error"] == "MediaIoException", out
    assert list(tmp_path.iterdir()) == []
    assert len(server.requests) == 1


def test_a_missing_file_throws_the_status_exception(classpath_: str, server: EventServer, tmp_path: Path) -> None:
    server.script((404, {}, b'{"error": {"message": "no such file"}}'))
    out = run(classpath_, "download", server, path=str(tmp_path / "f.bin"))
    assert (out["error"], out["status"]) == ("NotFoundException", 404) and "no such file" in out["message"]


def test_a_files_first_bytes_are_read_before_the_rest_is_sent(classpath_: str, server: EventServer) -> None:
    reply = Streamed(200, {"Content-Type": "application/pdf"}, [BLOB[:10], BLOB[10:]], gate_before=1)
    server.script(reply)
    first, out = run_gated(classpath_, "report-lazy", server, reply)
    assert (first, out["length"]) == ("first: 10", len(BLOB))
    assert server.requests[0][2]["Accept"] == "application/pdf, application/json"


def test_the_readmes_streaming_and_file_examples_compile_and_run(
    client_dir: Path, classpath_: str, server: EventServer, tmp_path: Path
) -> None:
    """Each example, its statements put in a main method as written; the client comes from the environment."""
    readme = (client_dir / "README.md").read_text()
    blocks = re.findall(r"```java\n(.*?)```", readme, re.S)
    streaming = next(b for b in blocks if "StreamResponse<" in b and ".stream()" in b)
    download = next(b for b in blocks if "writeTo(" in b)
    server.script(Streamed(200, SSE, CHUNKS), Streamed(200, {"Content-Type": "application/octet-stream"}, [BLOB]))
    env = {"PATH": os.environ["PATH"], "MEDIA_BASE_URL": server.base_url, "MEDIA_API_KEY": "k"}
    printed = []
    for i, block in enumerate((streaming, download)):
        imports = "".join(line + "\n" for line in block.splitlines() if line.startswith("import "))
        body = "".join(line + "\n" for line in block.splitlines() if not line.startswith("import "))
        source = tmp_path / f"Example{i}" / "Main.java"
        source.parent.mkdir()
        source.write_text(f"{imports}\npublic class Main {{\n  public static void main(String[] args) throws Exception {{\n{body}  }}\n}}\n")
        compiled = javac([source], source.parent / "classes", classpath_)
        assert compiled.returncode == 0 and compiled.stderr == "", compiled.stdout + compiled.stderr
        cp = classpath_ + ":" + str(source.parent / "classes")
        result = subprocess.run(["java", "-cp", cp, "Main"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        printed.append(result.stdout)
    assert json.loads(server.requests[0][3])["stream"] is True and "delta=Hel" in printed[0], printed
    assert (tmp_path / "downloadFile.out").read_bytes() == BLOB
