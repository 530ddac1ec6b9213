"""The generated client, used exactly as the docs show, against a real server.

`fake_clear_street` is an HTTP server on loopback with the documented batch
semantics; every test runs once with `ClearStreet` and once with
`AsyncClearStreet`.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable

import pytest

import clear_street
from clear_street import (
    APIStatusError,
    AsyncClearStreet,
    AuthenticationError,
    BadRequestError,
    ClearStreet,
    ConflictError,
    InternalServerError,
    NotFoundError,
    ServiceUnavailableError,
)
from clear_street.types import PositionInstructionBatchResponse, PositionInstructionStatus

from ..servers.fake_clear_street import API_KEY, DUPLICATE, FakeClearStreet

AAPL = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02"  # does not expire today
MSFT = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e03"  # expires today
UNKNOWN = "0195f6d0-0000-0000-0000-000000000000"

Submit = Callable[..., Any]


@pytest.fixture
def server() -> Any:
    with FakeClearStreet() as srv:
        srv.add_instrument(AAPL, "AAPL  280121C00195000")
        srv.add_instrument(MSFT, "MSFT  261122C00400000", expires_today=True)
        yield srv


@pytest.fixture(params=["sync", "async"])
def submit(request: pytest.FixtureRequest, server: FakeClearStreet, monkeypatch: pytest.MonkeyPatch) -> Submit:
    # Retries stay on (the default 2) but wait milliseconds, not seconds.
    monkeypatch.setattr(clear_street._base_client, "INITIAL_RETRY_DELAY", 0.001)

    def run(instructions: list[dict[str, str]], *, account_id: int = 0, **client_options: Any) -> Any:
        options = {"api_key": API_KEY, "base_url": server.base_url, **client_options}
        if request.param == "sync":
            with ClearStreet(**options) as client:
                return client.v1.positions.submit_position_instructions(account_id=account_id, instructions=instructions)

        async def go() -> Any:
            async with AsyncClearStreet(**options) as client:
                return await client.v1.positions.submit_position_instructions(account_id=account_id, instructions=instructions)

        return asyncio.run(go())

    return run


def row(instrument: str = AAPL, kind: str = "EXERCISE", instruction_id: str | None = None, quantity: str = "1") -> dict[str, str]:
    out = {"instruction_type": kind, "instrument_id": instrument, "quantity": quantity}
    if instruction_id is not None:
        out["instruction_id"] = instruction_id
    return out


def test_200_every_row_accepted(submit: Submit, server: FakeClearStreet) -> None:
    response = submit([row(instruction_id="a-1"), row(instruction_id="a-2", quantity="3")])
    assert isinstance(response, PositionInstructionBatchResponse)
    assert response.is_partial is False
    assert [r.status for r in response.data] == ["SENT", "SENT"]
    assert response.data[0].status is PositionInstructionStatus.SENT
    assert [r.instruction_id for r in response.accepted] == ["a-1", "a-2"]
    assert response.rejected == []
    assert response.error is None
    assert response.metadata.request_id == "req-000001"
    assert response.data[1].quantity == "3"
    text = repr(response)
    assert text.startswith("PositionInstructionBatchResponse(data=[PositionInstruction(")
    assert "status=PositionInstructionStatus.SENT" in text and "is_partial" not in text
    # What went over the wire is what the docs show.
    sent = server.state.received[0]
    assert sent["path"] == "/v1/accounts/0/positions/instructions"
    assert sent["body"] == {"instructions": [row(instruction_id="a-1"), row(instruction_id="a-2", quantity="3")]}


def test_207_duplicate_row_is_rejected_and_batch_is_partial(submit: Submit) -> None:
    submit([row(instruction_id="dup-1")])
    response = submit([row(instruction_id="new-1"), row(instruction_id="dup-1")])
    assert isinstance(response, PositionInstructionBatchResponse)
    assert response.is_partial is True
    assert len(response.data) == 2  # every row stays in data
    assert [r.instruction_id for r in response.accepted] == ["new-1"]
    (rejected,) = response.rejected
    assert rejected.instruction_id == "dup-1"
    assert rejected.status == "ENGINE_REJECTED"
    assert rejected.rejection_reason == DUPLICATE
    assert response.error is not None
    assert (response.error.code, response.error.message) == (409, DUPLICATE)
    assert repr(response).startswith("PositionInstructionBatchResponse(is_partial=True, ")


def test_207_dne_outside_expiry_is_rejected_row(submit: Submit) -> None:
    response = submit([row(MSFT, "DO_NOT_EXERCISE"), row(AAPL, "DO_NOT_EXERCISE")])
    assert response.is_partial
    assert [r.status for r in response.data] == ["SENT", "REJECTED"]
    assert response.rejected[0].rejection_reason == "DO_NOT_EXERCISE must be submitted on the contract's expiration date"
    assert response.error.code == 400


def test_400_every_row_outside_expiry(submit: Submit) -> None:
    with pytest.raises(BadRequestError) as info:
        submit([row(AAPL, "DO_NOT_EXERCISE")])
    exc = info.value
    assert exc.status_code == 400
    assert exc.error is not None
    assert exc.error.message == "DO_NOT_EXERCISE must be submitted on the contract's expiration date"
    assert exc.error.code == 400
    assert exc.request_id == "req-000001"
    assert exc.response.status_code == 400
    assert "DO_NOT_EXERCISE must be submitted" in str(exc)
    assert "req-000001" in str(exc)
    assert isinstance(exc.body, dict) and "data" not in exc.body


def test_unencodable_quantity_fails_before_anything_is_sent(submit: Submit, server: FakeClearStreet) -> None:
    with pytest.raises(ValueError, match=r"instructions\[1\]\.quantity"):
        submit([row(instruction_id="q-1"), row(quantity="-1")])
    assert server.state.received == []


def test_404_unknown_instrument_short_circuits(submit: Submit, server: FakeClearStreet) -> None:
    with pytest.raises(NotFoundError) as info:
        submit([row(AAPL, instruction_id="n-1"), row(UNKNOWN)])
    assert info.value.status_code == 404
    assert info.value.error is not None and UNKNOWN in info.value.error.message
    assert server.state.seen == set()


def test_409_every_row_duplicate_is_not_retried(submit: Submit, server: FakeClearStreet) -> None:
    submit([row(instruction_id="d-1"), row(instruction_id="d-2")])
    with pytest.raises(ConflictError) as info:
        submit([row(instruction_id="d-1"), row(instruction_id="d-2")])
    assert info.value.status_code == 409
    assert info.value.error is not None and info.value.error.message == DUPLICATE
    assert len(server.state.received) == 2  # one attempt each: a 409 is never retried


def test_503_clearing_down_is_retried_then_raised(submit: Submit, server: FakeClearStreet) -> None:
    server.state.clearing_up = False
    with pytest.raises(ServiceUnavailableError) as info:
        submit([row()])
    exc = info.value
    assert isinstance(exc, InternalServerError) and isinstance(exc, APIStatusError)
    assert exc.status_code == 503
    assert exc.error is not None and exc.error.message == "Clearing service unavailable"
    assert len(server.state.received) == 3  # the first attempt and max_retries=2 retries


def test_503_with_retries_off_is_one_attempt(submit: Submit, server: FakeClearStreet) -> None:
    server.state.clearing_up = False
    with pytest.raises(ServiceUnavailableError):
        submit([row()], max_retries=0)
    assert len(server.state.received) == 1


def test_401_does_not_leak_the_key(submit: Submit, server: FakeClearStreet) -> None:
    with pytest.raises(AuthenticationError) as info:
        submit([row()], api_key="sk-secret-value")
    assert "sk-secret-value" not in str(info.value)
    assert "sk-secret-value" not in repr(info.value)
    assert server.state.received[0]["headers"]["Authorization"] == "Bearer sk-secret-value"
