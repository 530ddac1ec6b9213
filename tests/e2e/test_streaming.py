"""Event streams and binary answers against a real server (README, "Streaming" and "Files").

The `streaming` fixture's client is driven against tests/servers/event_server.py,
which sends each event as its own HTTP chunk. A streaming call returns
`Stream[E]` (`AsyncStream[E]`) once the headers come; events are decoded as
they arrive; `data: [DONE]` ends the stream, an `event: error` raises
`APIStreamError`, and a cut connection raises `APIConnectionError` with no retry.
A file comes back as a `BinaryResponse`, read or written to disk as it arrives.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import build_spec

from ..conftest import FIXTURES, ROOT
from ..servers.event_server import EventServer, Streamed, sse
from .conftest import import_fixture_client

SSE = {"Content-Type": "text/event-stream"}
CHUNKS = sse(
    'data: {"id": "c1", "delta": "Hel"}',
    'data: {"id": "c1", "delta": "lo", "finish_reason": null}',
    'data: {"id": "c1", "delta": "!", "finish_reason": "stop"}',
    "data: [DONE]",
)


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return import_fixture_client("streaming", tmp_path_factory.mktemp("streaming"))


@pytest.fixture
def server() -> Any:
    with EventServer() as running:
        yield running


def client(media: Any, server: EventServer, **settings: Any) -> Any:
    return media.Media(api_key="k", base_url=server.base_url, **settings)


def async_client(media: Any, server: EventServer, **settings: Any) -> Any:
    return media.AsyncMedia(api_key="k", base_url=server.base_url, **settings)


def test_the_rule_finds_each_kind_of_stream() -> None:
    built = build_spec(FIXTURES / "streaming" / "openapi.yaml", FIXTURES / "streaming" / "expected")
    ops = {op.operation_id: op for op in built.model.operations}
    assert ops["createCompletion"].streams_on_request and ops["createCompletion"].accept is None
    assert ops["listEvents"].streams_always and ops["listEvents"].accept == "text/event-stream, application/json"
    assert ops["followTicks"].streams_always
    # audio or events, with no `stream` switch: the audio, and a located warning
    assert ops["createSpeech"].streaming is None and ops["createSpeech"].accept == "audio/mpeg, application/json"
    assert [w.code for w in built.warnings] == ["stream-not-offered"]
    assert built.warnings[0].location.pointer.endswith("/responses/200/content/text~1event-stream")


def test_stream_true_returns_a_stream_of_chunks_ended_by_done(media: Any, server: EventServer) -> None:
    server.script(Streamed(200, SSE, CHUNKS))
    stream = client(media, server).completions.create_completion(prompt="Hi", stream=True)
    assert isinstance(stream, media.Stream)
    chunks = list(stream)
    assert [c.delta for c in chunks] == ["Hel", "lo", "!"]
    assert type(chunks[0]).__name__ == "CompletionChunk" and chunks[2].finish_reason == "stop"
    method, path, headers, body = server.requests[0]
    assert (method, path) == ("POST", "/completions")
    assert json.loads(body) == {"prompt": "Hi", "stream": True}
    assert headers["Accept"] == "text/event-stream, application/json"


def test_without_stream_the_same_method_returns_the_json_model(media: Any, server: EventServer) -> None:
    server.script((200, {}, b'{"id": "c1", "text": "Hello!"}'))
    completion = client(media, server).completions.create_completion(prompt="Hi")
    assert type(completion).__name__ == "Completion" and completion.text == "Hello!"
    assert server.requests[0][2]["Accept"] == "application/json"


def test_the_first_event_arrives_before_the_server_sends_the_next(media: Any, server: EventServer) -> None:
    reply = Streamed(200, SSE, CHUNKS, gate_before=1)
    server.script(reply)
    with client(media, server).completions.create_completion(prompt="Hi", stream=True) as stream:
        first = next(stream)
        assert first.delta == "Hel"
        reply.gate.set()  # only now does the server send the second event
        rest = [c.delta for c in stream]
    assert rest == ["lo", "!"]
    assert not reply.gate_timed_out


def test_the_async_stream_is_lazy_too(media: Any, server: EventServer) -> None:
    reply = Streamed(200, SSE, CHUNKS, gate_before=1)
    server.script(reply)

    async def go() -> list[str]:
        async with async_client(media, server) as api:
            stream = await api.completions.create_completion(prompt="Hi", stream=True)
            assert isinstance(stream, media.AsyncStream)
            seen: list[str] = []
            async with stream:
                async for chunk in stream:
                    seen.append(chunk.delta)
                    reply.gate.set()
            return seen

    assert asyncio.run(go()) == ["Hel", "lo", "!"]
    assert not reply.gate_timed_out


def test_an_error_event_raises_with_the_servers_message(media: Any, server: EventServer) -> None:
    chunks = sse('data: {"id": "c1", "delta": "Hel"}', 'event: error\ndata: {"error": {"message": "overloaded"}}')
    server.script(Streamed(200, SSE, chunks))
    stream = client(media, server).completions.create_completion(prompt="Hi", stream=True)
    assert next(stream).delta == "Hel"
    with pytest.raises(media.APIStreamError) as caught:
        next(stream)
    assert isinstance(caught.value, media.APIError)
    assert caught.value.message == "overloaded" and caught.value.body == {"error": {"message": "overloaded"}}


def test_a_cut_mid_stream_raises_and_is_never_retried(media: Any, server: EventServer) -> None:
    server.script(Streamed(200, SSE, CHUNKS[:2], cut=True), Streamed(200, SSE, CHUNKS))
    stream = client(media, server, max_retries=3).completions.create_completion(prompt="Hi", stream=True)
    assert next(stream).delta == "Hel"
    assert next(stream).delta == "lo"
    with pytest.raises(media.APIConnectionError, match="not retried"):
        next(stream)
    assert len(server.requests) == 1


def test_an_async_cut_raises_too(media: Any, server: EventServer) -> None:
    server.script(Streamed(200, SSE, CHUNKS[:1], cut=True))

    async def go() -> list[str]:
        seen: list[str] = []
        async with async_client(media, server, max_retries=3) as api:
            async for chunk in await api.completions.create_completion(prompt="Hi", stream=True):
                seen.append(chunk.delta)
        return seen

    with pytest.raises(media.APIConnectionError):
        asyncio.run(go())
    assert len(server.requests) == 1


def test_an_error_status_before_the_stream_raises_the_status_error(media: Any, server: EventServer) -> None:
    server.script((429, {"Retry-After": "0"}, b'{"error": {"message": "slow down"}}'), Streamed(200, SSE, CHUNKS))
    stream = client(media, server, max_retries=1).completions.create_completion(prompt="Hi", stream=True)
    assert [c.delta for c in stream] == ["Hel", "lo", "!"]  # retried: the stream had not begun
    assert len(server.requests) == 2
    server.script((400, {}, b'{"error": {"message": "bad prompt"}}'))
    with pytest.raises(media.BadRequestError, match="bad prompt"):
        client(media, server).completions.create_completion(prompt="Hi", stream=True)


def test_an_operation_that_always_streams_and_events_split_across_chunks(media: Any, server: EventServer) -> None:
    # One event's lines split over chunks, CRLF line ends, a comment and an id: the format, not the chunking, decides.
    chunks = [b': keep-alive\r\n\r\nid: 1\r\nevent: change\r\ndata: {"type": "cre', b'ated",\r\ndata: "detail": "x"}\r', b"\n\r\n"]
    server.script(Streamed(200, SSE, chunks))
    events = list(client(media, server).events.list_events(since="now"))
    assert [(e.type, e.detail) for e in events] == [("created", "x")]
    method, path, headers, _ = server.requests[0]
    assert (method, path, headers["Accept"]) == ("GET", "/events?since=now", "text/event-stream, application/json")


def test_text_events_are_their_data(media: Any, server: EventServer) -> None:
    server.script(Streamed(200, SSE, sse("data: tick 1", "data: tick\ndata: 2")))
    assert list(client(media, server).ticks.follow_ticks()) == ["tick 1", "tick\n2"]


def test_a_raw_response_parses_to_the_stream(media: Any, server: EventServer) -> None:
    server.script(Streamed(200, {**SSE, "x-request-id": "req-9"}, CHUNKS))
    raw = client(media, server).completions.with_raw_response.create_completion(prompt="Hi", stream=True)
    assert raw.status_code == 200 and raw.request_id == "req-9"
    assert [c.delta for c in raw.parse()] == ["Hel", "lo", "!"]


def test_the_readme_example_prints_the_chunks(media: Any, server: EventServer, capsys: pytest.CaptureFixture[str]) -> None:
    section = (ROOT / "README.md").read_text().split("### Streaming and files", 1)[1]
    snippet = section.split("```python\n", 1)[1].split("```", 1)[0]
    server.script(Streamed(200, SSE, CHUNKS))
    exec(snippet, {"client": client(media, server)})
    assert capsys.readouterr().out == "Hello!"


# ------------------------------------------------------------------ files

BLOB = bytes(range(256)) * 64  # 16 KiB


def test_a_file_is_written_to_disk_as_it_arrives(media: Any, server: EventServer, tmp_path: Path) -> None:
    server.script(Streamed(200, {"Content-Type": "application/octet-stream"}, [BLOB[:1000], BLOB[1000:]]))
    download = client(media, server).files.download_file("f-1")
    assert isinstance(download, media.BinaryResponse)
    assert download.content_type == "application/octet-stream"
    download.write_to_file(tmp_path / "f.bin")
    assert (tmp_path / "f.bin").read_bytes() == BLOB
    method, path, headers, _ = server.requests[0]
    assert (method, path, headers["Accept"]) == ("GET", "/files/f-1/content", "application/octet-stream, application/json")


def test_a_file_is_read_in_chunks_or_whole(media: Any, server: EventServer) -> None:
    server.script(
        Streamed(200, {"Content-Type": "application/pdf"}, [BLOB[:10], BLOB[10:]]),
        Streamed(200, {"Content-Type": "application/pdf"}, [BLOB]),
    )
    api = client(media, server)
    assert b"".join(api.reports.get_report("r-1").iter_bytes()) == BLOB
    assert api.reports.get_report("r-1").read() == BLOB


def test_a_file_cut_midway_raises_and_leaves_no_partial_file(media: Any, server: EventServer, tmp_path: Path) -> None:
    server.script(Streamed(200, {"Content-Type": "application/octet-stream"}, [BLOB[:1000]], cut=True))
    with pytest.raises(media.APIConnectionError):
        client(media, server, max_retries=2).files.download_file("f-1").write_to_file(tmp_path / "f.bin")
    assert not (tmp_path / "f.bin").exists()
    assert len(server.requests) == 1


def test_a_missing_file_raises_the_status_error(media: Any, server: EventServer) -> None:
    server.script((404, {}, b'{"error": {"message": "no such file"}}'))
    with pytest.raises(media.NotFoundError, match="no such file"):
        client(media, server).files.download_file("nope")


def test_the_async_client_streams_a_file_to_disk(media: Any, server: EventServer, tmp_path: Path) -> None:
    server.script(Streamed(200, {"Content-Type": "audio/mpeg"}, [BLOB[:5000], BLOB[5000:]]))

    async def go() -> None:
        async with async_client(media, server) as api:
            speech = await api.speech.create_speech(input="hello")
            await speech.awrite_to_file(tmp_path / "speech.mp3")

    asyncio.run(go())
    assert (tmp_path / "speech.mp3").read_bytes() == BLOB
    assert server.requests[0][2]["Accept"] == "audio/mpeg, application/json"


def test_the_generated_readmes_examples_run(media: Any, server: EventServer, tmp_path: Path) -> None:
    """The client's own README shows a stream and a download; both run as written."""
    folder = Path(media.__file__).parent.parent
    blocks = re.findall(r"```python\n(.*?)```", (folder / "README.md").read_text(), re.S)
    streaming = next(b for b in blocks if "as stream:" in b)
    download = next(b for b in blocks if "write_to_file" in b)
    server.script(Streamed(200, SSE, CHUNKS), Streamed(200, {"Content-Type": "application/octet-stream"}, [BLOB]))
    env = {**os.environ, "MEDIA_BASE_URL": server.base_url, "PYTHONPATH": str(folder)}
    for block in (streaming, download):
        result = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        if block is streaming:
            assert result.stdout.count("CompletionChunk(") == 3, result.stdout
    assert (tmp_path / "download_file.bin").read_bytes() == BLOB
