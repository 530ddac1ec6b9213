"""The generated client against a misbehaving server on loopback.

Every bad answer becomes a typed exception carrying the status, the raw body
and the request id, never a KeyError, AttributeError or TypeError from inside.
Unknown enum values and extra fields are not errors.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from clear_street import APIResponseValidationError, AsyncClearStreet, ClearStreet, InternalServerError

from ..servers.scripted_server import ScriptedServer

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


def call(mode: str, server: ScriptedServer) -> Any:
    rows = [{"instruction_type": "EXERCISE", "instrument_id": ROW["instrument_id"], "quantity": "1"}]
    if mode == "sync":
        with ClearStreet(api_key="k", base_url=server.base_url, max_retries=0) as client:
            return client.v1.positions.submit_position_instructions(account_id=1, instructions=rows)

    async def go() -> Any:
        async with AsyncClearStreet(api_key="k", base_url=server.base_url, max_retries=0) as client:
            return await client.v1.positions.submit_position_instructions(account_id=1, instructions=rows)

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
