"""The generated client against a misbehaving server on loopback.

Every bad answer becomes a typed exception carrying the status, the raw body
and the request id, never a KeyError, AttributeError or TypeError from inside.
Unknown enum values and extra fields are not errors. A server that trickles
its answer cannot hold a call past its deadline, and a body that inflates past
max_response_bytes is dropped as soon as it does.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
from typing import Any

import pytest

from clear_street import (
    APIResponseValidationError,
    APITimeoutError,
    AsyncClearStreet,
    ClearStreet,
    InternalServerError,
    ResponseTooLargeError,
)

from ..servers.scripted_server import ScriptedServer, Trickle

ROW = {
    "account_id": 1,
    "id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02",
    "instruction_id": "k-1",
    "instruction_type": "EXERCISE",
    "instrument_id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e01",
    "quantity": "1",
    "status": "SENT",
    "symbol": "AAPL  280121C00195000",
}
JSON = {"content-type": "application/json", "x-request-id": "hdr-req-1"}


def call(mode: str, server: ScriptedServer, settings: dict[str, Any] | None = None, **options: Any) -> Any:
    """One call: the client made with `settings` (no retries unless they say so), the method given `options`."""
    rows = [{"instruction_type": "EXERCISE", "instrument_id": ROW["instrument_id"], "quantity": "1"}]
    settings = {"max_retries": 0, **(settings or {})}
    if mode == "sync":
        with ClearStreet(api_key="k", base_url=server.base_url, **settings) as client:
            return client.v1.positions.submit_position_instructions(account_id=1, instructions=rows, **options)

    async def go() -> Any:
        async with AsyncClearStreet(api_key="k", base_url=server.base_url, **settings) as client:
            return await client.v1.positions.submit_position_instructions(account_id=1, instructions=rows, **options)

    return asyncio.run(go())


BAD = {
    "malformed-json": ((200, JSON, b'{"data": [tru'), APIResponseValidationError, "not valid JSON"),
    "wrong-content-type": ((200, {"content-type": "text/plain", "x-request-id": "hdr-req-1"}, b"OK"), APIResponseValidationError, "text/plain"),
    "empty-200": ((200, JSON, b""), APIResponseValidationError, "not valid JSON"),
    "missing-required-field": (
        (200, JSON, json.dumps({"data": [{k: v for k, v in ROW.items() if k != "status"}], "metadata": {"request_id": "body-req"}}).encode()),
        APIResponseValidationError,
        "$.data[0]: required field 'status' is missing",
    ),
    "wrong-type": (
        (200, JSON, json.dumps({"data": [{**ROW, "account_id": "one"}], "metadata": {"request_id": "body-req"}}).encode()),
        APIResponseValidationError,
        "$.data[0].account_id: expected an integer",
    ),
    "data-not-a-list": ((200, JSON, json.dumps({"data": {}, "metadata": {"request_id": "body-req"}}).encode()), APIResponseValidationError, "$.data: expected an array"),
    "html-502": (
        (502, {"content-type": "text/html", "x-request-id": "hdr-req-1"}, b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
        InternalServerError,
        "502 Bad Gateway",
    ),
}


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_answer_is_a_typed_error(case: str, mode: str) -> None:
    reply, exc_type, text = BAD[case]
    with ScriptedServer(reply) as server:
        with pytest.raises(exc_type) as info:
            call(mode, server)
    exc: Any = info.value
    assert type(exc) is exc_type
    assert text in str(exc)
    assert exc.status_code == reply[0]
    assert exc.request_id in ("hdr-req-1", "body-req")
    if isinstance(exc.body, str):
        assert exc.body == reply[2].decode()
    else:
        assert exc.body == json.loads(reply[2])


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_unknown_enum_and_extra_fields_are_kept(mode: str) -> None:
    body = {"data": [{**ROW, "status": "QUEUED_FOR_REVIEW", "venue": "OCC"}], "metadata": {"request_id": "r", "shard": 3}}
    with ScriptedServer((200, JSON, json.dumps(body).encode())) as server:
        result = call(mode, server)
    row = result.data[0]
    assert row.status == "QUEUED_FOR_REVIEW" and not row.status.is_known
    assert row.extra == {"venue": "OCC"}
    assert result.metadata.extra == {"shard": 3}
    assert result.to_dict()["data"][0]["status"] == "QUEUED_FOR_REVIEW"


def _timed_out(mode: str, server: ScriptedServer, settings: dict[str, Any], **options: Any) -> tuple[APITimeoutError, float]:
    start = time.monotonic()
    with pytest.raises(APITimeoutError) as info:
        call(mode, server, settings, **options)
    return info.value, time.monotonic() - start


# A trickle that would take 30 s, against a 1 s deadline and a 3 s per-read timeout each
# byte beats. The bound is generous (a correctness bound, not a benchmark): without the
# deadline the call lasts until the server is done.
TRICKLE = Trickle(200, JSON, json.dumps({"data": [ROW], "metadata": {"request_id": "r"}}).encode()[:150], every=0.2)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_trickled_body_ends_at_the_deadline(mode: str) -> None:
    with ScriptedServer(TRICKLE) as server:
        exc, elapsed = _timed_out(mode, server, {"deadline": 1.0, "timeout": 3.0})
    assert elapsed < 5, elapsed
    assert "deadline of 1.0 s passed" in str(exc) and "larger deadline" in str(exc)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_trickled_headers_end_at_the_deadline(mode: str) -> None:
    """Each header byte resets httpx's read timeout; the deadline, given per call here, does not reset."""
    slow_head = Trickle(200, JSON, b"{}", every=0.2, head=True)  # ~100 bytes of head: 20 s
    with ScriptedServer(slow_head) as server:
        exc, elapsed = _timed_out(mode, server, {"timeout": 3.0}, deadline=1.0)
    assert elapsed < 5, elapsed
    assert "deadline of 1.0 s passed" in str(exc)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_deadline_covers_retries_and_their_waits(mode: str) -> None:
    """Ten retries of a 503 would back off for about a minute; a backoff that would end past the
    deadline is not started, so the call ends by it, with the last answer in the message."""
    down = (503, JSON, json.dumps({"error": {"code": 503, "message": "down"}}).encode())
    with ScriptedServer(*[down] * 11) as server:
        exc, elapsed = _timed_out(mode, server, {"max_retries": 10, "deadline": 1.5})
        assert 1 <= server.hits < 11
    assert elapsed < 5, elapsed
    assert "before the next retry could start (the last attempt: status 503)" in str(exc)


def _gzipped(body: bytes) -> tuple[int, dict[str, str], bytes]:
    return 200, {**JSON, "content-encoding": "gzip"}, gzip.compress(body)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_body_inflating_past_max_response_bytes_is_refused(mode: str) -> None:
    """A small gzip body (about 30 KB) inflating to 32 MiB, against a 1 MiB limit given per call."""
    bomb = _gzipped(b'{"data": [], "metadata": {"request_id": "r"}, "pad": "' + b" " * (32 << 20) + b'"}')
    assert len(bomb[2]) < 100_000
    with ScriptedServer(bomb) as server:
        with pytest.raises(ResponseTooLargeError) as info:
            call(mode, server, max_response_bytes=1 << 20)
    exc = info.value
    assert (exc.limit, exc.status_code, exc.request_id) == (1 << 20, 200, "hdr-req-1")
    assert "max_response_bytes=1048576" in str(exc) and "pass a larger max_response_bytes" in str(exc)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_gzip_body_under_max_response_bytes_decodes(mode: str) -> None:
    body = json.dumps({"data": [ROW], "metadata": {"request_id": "r"}}).encode()
    with ScriptedServer(_gzipped(body)) as server:
        result = call(mode, server, {"max_response_bytes": len(body)})
    assert result.data[0].status == "SENT" and result.request_id == "r"
