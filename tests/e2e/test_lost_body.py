"""A response body cut off mid-read is a lost response, against a real server on loopback.

The server (`scripted_server.Cut`) sends the headers, promises more bytes than
it writes (by Content-Length or chunked framing) and closes the connection.
A retry-safe request is sent again with the same bytes and keys; one that is
not safe to send twice is raised at once. Every test runs sync and async.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable

import pytest

import clear_street
from clear_street import APIConnectionError, AsyncClearStreet, ClearStreet, ConflictError
from clear_street._base_client import Outcome, RequestOptions
from clear_street._models import as_any

from ..servers.scripted_server import Cut, ScriptedServer

INSTRUMENT = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e01"
ROW = {
    "account_id": 1,
    "id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02",
    "instruction_id": "k-1",
    "instruction_type": "EXERCISE",
    "instrument_id": INSTRUMENT,
    "quantity": "1",
    "status": "SENT",
    "symbol": "AAPL  280121C00195000",
}
JSON = {"content-type": "application/json"}
SUCCESS = json.dumps({"data": [ROW, {**ROW, "instruction_id": "k-2"}], "metadata": {"request_id": "req-ok"}}).encode()
DUPLICATE = json.dumps(
    {"error": {"code": 409, "message": "Duplicate exercise instruction"}, "metadata": {"request_id": "req-dup"}}
).encode()


def cut(chunked: bool = False) -> Cut:
    return Cut(200, JSON, SUCCESS, sent=len(SUCCESS) // 2, chunked=chunked)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(clear_street._base_client, "INITIAL_RETRY_DELAY", 0.001)
    return str(request.param)


def run(mode: str, server: ScriptedServer, fn: Callable[[Any], Any], **options: Any) -> Any:
    """fn(client) with the sync or the async client (awaited)."""
    options = {"api_key": "k", "base_url": server.base_url, **options}
    if mode == "sync":
        with ClearStreet(**options) as client:
            return fn(client)

    async def go() -> Any:
        async with AsyncClearStreet(**options) as client:
            return await fn(client)

    return asyncio.run(go())


def submit(client: Any) -> Any:
    rows = [{"instruction_type": "EXERCISE", "instrument_id": INSTRUMENT, "quantity": str(i + 1)} for i in range(2)]
    return client.v1.positions.submit_position_instructions(account_id=1, instructions=rows)


def keys(body: bytes) -> list[str]:
    return [row["instruction_id"] for row in json.loads(body)["instructions"]]


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_cut_body_is_retried_with_the_same_bytes_and_keys(mode: str, chunked: bool) -> None:
    with ScriptedServer(cut(chunked), cut(chunked), (200, JSON, SUCCESS)) as server:
        result = run(mode, server, submit)
    assert server.hits == 3
    first = server.received[0]
    assert server.received == [first, first, first]
    assert len(set(keys(first))) == 2 and all(keys(first))
    assert [row.status for row in result.data] == ["SENT", "SENT"]
    assert result.request_id == "req-ok"


def test_a_cut_body_spends_the_same_retry_budget(mode: str) -> None:
    with ScriptedServer(cut(), (200, JSON, SUCCESS)) as server:
        with pytest.raises(APIConnectionError):
            run(mode, server, submit, max_retries=0)
    assert server.hits == 1


def test_every_attempt_cut_says_an_earlier_response_was_lost(mode: str) -> None:
    with ScriptedServer(cut(), cut(chunked=True), cut(), (200, JSON, SUCCESS)) as server:
        with pytest.raises(APIConnectionError) as info:
            run(mode, server, submit, max_retries=2)
    assert server.hits == 3
    assert server.received[0] == server.received[1] == server.received[2]
    message = str(info.value)
    assert "while reading the response: RemoteProtocolError" in message
    assert "3 attempts" in message and "an earlier attempt's response was lost (RemoteProtocolError)" in message
    assert info.value.earlier_attempt_lost is True


def test_a_conflict_after_a_cut_body_says_it_was_probably_applied(mode: str) -> None:
    with ScriptedServer(cut(), (409, JSON, DUPLICATE)) as server:
        with pytest.raises(ConflictError) as info:
            run(mode, server, submit)
    assert server.hits == 2 and server.received[0] == server.received[1]
    assert info.value.earlier_attempt_lost is True
    assert "lost its response (RemoteProtocolError)" in str(info.value)
    assert "probably applied" in str(info.value)
    assert info.value.idempotency_keys == tuple(keys(server.received[0]))


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_request_that_is_not_retry_safe_is_not_resent_after_a_cut_body(mode: str, chunked: bool) -> None:
    """A POST without idempotency keys may have been applied: one attempt, then the error."""

    def post(client: Any) -> Any:
        options = RequestOptions(method="post", path="/plain", json_body={"n": 1})
        return client.request(options, {"200": Outcome(as_any)})

    with ScriptedServer(cut(chunked), (200, JSON, SUCCESS)) as server:
        with pytest.raises(APIConnectionError) as info:
            run(mode, server, post, max_retries=2)
    assert server.hits == 1
    assert "while reading the response: RemoteProtocolError" in str(info.value)
    assert "earlier" not in str(info.value)
    assert info.value.earlier_attempt_lost is False
