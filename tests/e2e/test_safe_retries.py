"""Retries a trading desk can trust, against a real server on loopback.

Every test runs with the sync and the async client.
"""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any, Callable

import httpx
import pytest

import clear_street
from clear_street import APITimeoutError, AsyncClearStreet, ClearStreet, ConflictError
from clear_street._base_client import Outcome, RequestOptions
from clear_street._models import as_any

from ..servers.fake_clear_street import API_KEY, DUPLICATE, FakeClearStreet

AAPL = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02"

Call = Callable[..., Any]


@pytest.fixture
def server() -> Any:
    with FakeClearStreet() as srv:
        srv.add_instrument(AAPL, "AAPL  280121C00195000")
        yield srv


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest, server: FakeClearStreet, monkeypatch: pytest.MonkeyPatch) -> Call:
    """call(lambda client: client.v1..., **client_options) with either client."""
    monkeypatch.setattr(clear_street._base_client, "INITIAL_RETRY_DELAY", 0.001)

    def run(fn: Callable[[Any], Any], **options: Any) -> Any:
        options = {"api_key": API_KEY, "base_url": server.base_url, **options}
        if request.param == "sync":
            with ClearStreet(**options) as client:
                return fn(client)

        async def go() -> Any:
            async with AsyncClearStreet(**options) as client:
                return await fn(client)

        return asyncio.run(go())

    return run


def submit(rows: list[dict[str, Any]], **kw: Any) -> Callable[[Any], Any]:
    return lambda client: client.v1.positions.submit_position_instructions(account_id=1, instructions=rows, **kw)


def rows(n: int = 2) -> list[dict[str, Any]]:
    return [{"instruction_type": "EXERCISE", "instrument_id": AAPL, "quantity": str(i + 1)} for i in range(n)]


def sent_keys(server: FakeClearStreet) -> list[list[str]]:
    return [[r["instruction_id"] for r in req["body"]["instructions"]] for req in server.state.received]


def test_two_503s_then_success_resends_identical_keys(call: Call, server: FakeClearStreet) -> None:
    server.state.faults = ["503", "503"]
    caller_rows = rows(3)
    response = call(submit(caller_rows))
    attempts = sent_keys(server)
    assert len(attempts) == 3
    assert attempts[0] == attempts[1] == attempts[2]
    assert len(set(attempts[0])) == 3 and all(attempts[0])
    # The response echoes the keys, so rows can be matched to results...
    assert [r.instruction_id for r in response.data] == attempts[0]
    # ...and the caller's own rows were not touched.
    assert caller_rows == rows(3)


def test_callers_own_keys_are_kept(call: Call, server: FakeClearStreet) -> None:
    mine = [{**rows(1)[0], "instruction_id": "desk-7"}, rows(2)[1]]
    call(submit(mine))
    (keys,) = sent_keys(server)
    assert keys[0] == "desk-7" and keys[1] and keys[1] != "desk-7"


def test_applied_batch_with_lost_response_reports_it_was_probably_applied(call: Call, server: FakeClearStreet) -> None:
    server.state.faults = ["drop"]
    with pytest.raises(ConflictError) as info:
        call(submit(rows(2)))
    exc = info.value
    assert exc.earlier_attempt_lost is True
    assert "probably applied" in str(exc) and DUPLICATE in str(exc)
    attempts = sent_keys(server)
    assert len(attempts) == 2 and attempts[0] == attempts[1]
    assert len(server.state.seen) == 2  # applied exactly once


def test_409_is_a_single_attempt(call: Call, server: FakeClearStreet) -> None:
    batch = [{**r, "instruction_id": f"k-{i}"} for i, r in enumerate(rows(2))]
    call(submit(batch))
    with pytest.raises(ConflictError) as info:
        call(submit(batch))
    assert len(server.state.received) == 2
    assert info.value.earlier_attempt_lost is False
    assert "probably applied" not in str(info.value)


@pytest.mark.parametrize(
    ("quantity", "wire"),
    [("1", "1"), (5, "5"), (Decimal("12"), "12"), (Decimal("3.000"), "3"), (" 7 ", "7"), ("1e3", "1000")],
)
def test_quantity_is_sent_as_the_canonical_string(call: Call, server: FakeClearStreet, quantity: object, wire: str) -> None:
    call(submit([{**rows(1)[0], "quantity": quantity}]))
    assert server.state.received[0]["body"]["instructions"][0]["quantity"] == wire


@pytest.mark.parametrize(
    "quantity",
    ["-1", 0, "0", Decimal("1.5"), "2.5", Decimal("NaN"), "NaN", "Infinity", True, "abc", "", 1.0, None],
    ids=repr,
)
def test_unencodable_quantity_raises_before_sending(call: Call, server: FakeClearStreet, quantity: object) -> None:
    batch = rows(3)
    batch[2]["quantity"] = quantity
    with pytest.raises(ValueError, match=r"^instructions\[2\]\.quantity: "):
        call(submit(batch))
    assert server.state.received == []


def test_raw_response_gives_status_headers_and_parse(call: Call, server: FakeClearStreet) -> None:
    raw = call(lambda client: client.v1.positions.with_raw_response.submit_position_instructions(account_id=1, instructions=rows(1)))
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/json"
    assert raw.request_id == "req-000001"
    parsed = raw.parse()
    assert parsed.data[0].status == "SENT"
    assert parsed.request_id == "req-000001"
    assert raw.parse() is parsed


def test_every_result_carries_its_request_id(call: Call) -> None:
    response = call(submit(rows(1)))
    assert response.request_id == response.metadata.request_id == "req-000001"


def test_per_call_timeout(call: Call, server: FakeClearStreet) -> None:
    server.state.faults = ["sleep:1"]
    with pytest.raises(APITimeoutError):
        call(submit(rows(1), timeout=0.1), max_retries=0)


def test_client_timeout_and_with_options(call: Call, server: FakeClearStreet) -> None:
    server.state.faults = ["sleep:1"]
    with pytest.raises(APITimeoutError):
        call(lambda client: client.with_options(timeout=0.1, max_retries=0).v1.positions.submit_position_instructions(account_id=1, instructions=rows(1)))
    assert len(server.state.received) == 1


def test_debug_logs_redact_the_key(call: Call, caplog: pytest.LogCaptureFixture, server: FakeClearStreet) -> None:
    server.state.faults = ["503"]
    with caplog.at_level(logging.DEBUG, logger="clear_street"):
        call(submit(rows(1)))
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "Retrying POST" in text and "status 503" in text
    assert "<redacted>" in text
    assert API_KEY not in text


def test_unsafe_post_is_not_resent_after_a_lost_response() -> None:
    """A request without idempotency keys is retried only when it surely never arrived."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/lost":
            raise httpx.ReadError("connection reset", request=request)
        if len(seen) < 3:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json={"ok": True})

    client = ClearStreet(api_key="k", base_url="http://test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    client = client.with_options(max_retries=2)
    import clear_street._base_client as core

    core_delay = core.INITIAL_RETRY_DELAY
    core.INITIAL_RETRY_DELAY = 0.001
    try:
        with pytest.raises(clear_street.APIConnectionError):
            client.request(RequestOptions(method="post", path="/lost", json_body={}), {"200": Outcome(as_any)})
        assert seen == ["/lost"]
        seen.clear()
        # Connection refused twice: never sent, so retried even though unsafe.
        assert client.request(RequestOptions(method="post", path="/ok", json_body={}), {"200": Outcome(as_any)}) == {"ok": True}
        assert seen == ["/ok", "/ok", "/ok"]
    finally:
        core.INITIAL_RETRY_DELAY = core_delay


def test_rows_from_a_generator_or_models_still_get_keys(call: Call, server: FakeClearStreet) -> None:
    from clear_street.types import PositionInstructionRequest

    model_row = PositionInstructionRequest(instruction_type="EXERCISE", instrument_id=AAPL, quantity="2")  # type: ignore[arg-type]
    call(submit((r for r in [rows(1)[0], model_row])))  # type: ignore[arg-type]
    (keys,) = sent_keys(server)
    assert len(keys) == 2 and all(keys)


def test_a_row_that_is_not_a_mapping_is_refused_before_sending(call: Call, server: FakeClearStreet) -> None:
    with pytest.raises(TypeError, match=r"^instructions\[1\]: expected a mapping, got str"):
        call(submit([rows(1)[0], "EXERCISE"]))  # type: ignore[list-item]
    assert server.state.received == []


def test_conflict_after_a_retried_502_says_it_was_probably_applied(call: Call, server: FakeClearStreet) -> None:
    batch = [{**r, "instruction_id": f"p-{i}"} for i, r in enumerate(rows(2))]
    call(submit(batch))  # applied once
    server.state.faults = ["503"]  # 503 means "not processed": no warning expected
    with pytest.raises(ConflictError) as info:
        call(submit(batch))
    assert info.value.earlier_attempt_lost is False
    assert info.value.idempotency_keys == ("p-0", "p-1")
