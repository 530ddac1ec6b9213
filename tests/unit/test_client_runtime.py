"""The generated client's runtime core, on httpx.MockTransport.

What a real server cannot easily show: unknown enum values, extra fields,
malformed bodies, configuration from the environment, Retry-After, the
deadline's rule for retry waits, and max_response_bytes.
"""

from __future__ import annotations

import inspect
import json
import logging
from typing import Any

import httpx
import pytest

import clear_street
from clear_street import APIResponseValidationError, ClearStreet, ClearStreetError
from clear_street.types import PositionInstructionStatus

ROW = {
    "account_id": 122503,
    "id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02",
    "instruction_id": "ui-20260424-001",
    "instruction_type": "EXERCISE",
    "instrument_id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e01",
    "quantity": "1",
    "status": "SENT",
    "symbol": "AAPL  280121C00195000",
}
INSTRUCTIONS = [{"instruction_type": "EXERCISE", "instrument_id": ROW["instrument_id"], "quantity": "1"}]


def client_with(*responses: httpx.Response, **options: Any) -> tuple[ClearStreet, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return queue.pop(0)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return ClearStreet(api_key="k", base_url="http://test", http_client=http, **options), seen


def submit(client: ClearStreet) -> Any:
    return client.v1.positions.submit_position_instructions(account_id=7, instructions=INSTRUCTIONS)


def test_unknown_enum_value_is_kept_and_readable() -> None:
    client, _ = client_with(
        httpx.Response(200, json={"data": [{**ROW, "status": "PARTIALLY_FILLED"}], "metadata": {"request_id": "r"}})
    )
    status = submit(client).data[0].status
    assert status == "PARTIALLY_FILLED"
    assert isinstance(status, PositionInstructionStatus)
    assert status.is_known is False
    assert PositionInstructionStatus.SENT.is_known is True
    assert "PARTIALLY_FILLED" in repr(status)


def test_extra_fields_are_kept_and_reachable() -> None:
    client, _ = client_with(
        httpx.Response(200, json={"data": [{**ROW, "venue": "OCC"}], "metadata": {"request_id": "r"}, "page": 1})
    )
    result = submit(client)
    assert result.data[0].extra == {"venue": "OCC"}
    assert result.extra == {"page": 1}


def test_missing_required_field_is_a_typed_error_with_its_path() -> None:
    row = {k: v for k, v in ROW.items() if k != "symbol"}
    client, _ = client_with(httpx.Response(200, json={"data": [ROW, row], "metadata": {"request_id": "r-9"}}))
    with pytest.raises(APIResponseValidationError) as info:
        submit(client)
    assert "$.data[1]" in str(info.value) and "'symbol'" in str(info.value)
    assert info.value.status_code == 200
    assert info.value.request_id == "r-9"


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, content=b"{not json", headers={"content-type": "application/json"}),
        httpx.Response(200, content=b"", headers={"content-type": "application/json"}),
        httpx.Response(200, content=b"<html>hi</html>", headers={"content-type": "text/html"}),
    ],
    ids=["malformed", "empty", "html"],
)
def test_unreadable_success_body_is_a_typed_error(response: httpx.Response) -> None:
    client, _ = client_with(response)
    with pytest.raises(APIResponseValidationError) as info:
        submit(client)
    assert info.value.status_code == 200


def test_missing_api_key_fails_before_any_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEAR_STREET_API_KEY", raising=False)
    with pytest.raises(ClearStreetError, match="CLEAR_STREET_API_KEY"):
        ClearStreet()


def test_api_key_and_base_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEAR_STREET_API_KEY", "env-key")
    monkeypatch.setenv("CLEAR_STREET_BASE_URL", "http://env.example")
    client = ClearStreet()
    assert client.base_url == "http://env.example"
    assert "env-key" not in repr(client)


def test_default_base_url_is_the_spec_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEAR_STREET_BASE_URL", raising=False)
    assert ClearStreet(api_key="k").base_url == "https://api.clearstreet.io"


def test_the_apis_settings_live_in_its_client_classes() -> None:
    """`_base_client.py` holds no value of one API (tests/test_golden.py); Clear Street's settings are
    class attributes of its clients, and their constructors say where each argument comes from."""
    for cls in (ClearStreet, clear_street.AsyncClearStreet):
        assert "__init__" in vars(cls), cls
        parameters = inspect.signature(cls).parameters
        assert list(parameters) == [
            *("api_key", "base_url", "timeout", "deadline", "max_retries", "max_response_bytes"),
            *("default_headers", "http_client"),
        ]
        assert parameters["max_retries"].default == clear_street.DEFAULT_MAX_RETRIES == 2
        assert parameters["timeout"].default is clear_street.DEFAULT_TIMEOUT
        assert parameters["deadline"].default is None
        assert parameters["max_response_bytes"].default == clear_street.DEFAULT_MAX_RESPONSE_BYTES == 64 * 1024 * 1024
        assert (cls.API_KEY_ENV, cls.BASE_URL_ENV, cls.DEFAULT_BASE_URL) == (
            "CLEAR_STREET_API_KEY",
            "CLEAR_STREET_BASE_URL",
            "https://api.clearstreet.io",
        )
        assert (cls.AUTH_HEADER, cls.AUTH_SCHEME) == ("Authorization", "Bearer")
        assert (cls.REQUEST_ID_HEADER, cls.REQUEST_ID_BODY_PATH) == ("x-request-id", ("metadata", "request_id"))
        assert cls.MAX_RETRY_AFTER == 60.0
        doc = cls.__init__.__doc__ or ""
        assert "CLEAR_STREET_API_KEY" in doc and "CLEAR_STREET_BASE_URL" in doc, doc


def test_a_subclass_changes_a_setting_for_every_request(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The runtime reads each setting from the client's class, so a subclass (a sandbox, a gateway
    that wants the key in another header) changes it everywhere: in copies made by with_options,
    and in what debug logs redact."""
    monkeypatch.delenv("CLEAR_STREET_BASE_URL", raising=False)

    class Gateway(ClearStreet):
        DEFAULT_BASE_URL = "http://gateway.test"
        AUTH_HEADER = "X-Api-Key"
        AUTH_SCHEME = ""
        REQUEST_ID_HEADER = "x-trace-id"
        REQUEST_ID_BODY_PATH = ()

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500, json={"error": {"code": 500, "message": "boom"}}, headers={"x-trace-id": "t-1"})

    client = Gateway(api_key="secret-key", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    with caplog.at_level(logging.DEBUG, logger="clear_street"), pytest.raises(clear_street.InternalServerError) as info:
        submit(client.with_options(max_retries=0))
    assert info.value.request_id == "t-1"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "x-api-key" in logged.lower() and "secret-key" not in logged, logged
    (request,) = seen
    assert str(request.url).startswith("http://gateway.test/v1/")
    assert request.headers["x-api-key"] == "secret-key" and "authorization" not in request.headers

    class Nowhere(ClearStreet):
        DEFAULT_BASE_URL = ""

    with pytest.raises(ClearStreetError, match="CLEAR_STREET_BASE_URL"):
        Nowhere(api_key="k")


def test_request_matches_the_docs() -> None:
    client, seen = client_with(httpx.Response(200, json={"data": [ROW], "metadata": {"request_id": "r"}}))
    submit(client)
    (request,) = seen
    assert request.method == "POST"
    assert request.url == "http://test/v1/accounts/7/positions/instructions"
    assert request.headers["authorization"] == "Bearer k"
    assert request.headers["content-type"] == "application/json"
    sent = json.loads(request.content)["instructions"]
    # Each row got an idempotency key (a UUID) before the first attempt.
    assert [{k: v for k, v in r.items() if k != "instruction_id"} for r in sent] == INSTRUCTIONS
    assert all(len(r["instruction_id"]) == 36 for r in sent)


def test_with_options_changes_retries_without_touching_the_original() -> None:
    client, seen = client_with(httpx.Response(503, json={"error": {"code": 503, "message": "down"}}))
    quiet = client.with_options(max_retries=0)
    assert (client.max_retries, quiet.max_retries) == (2, 0)
    with pytest.raises(clear_street.ServiceUnavailableError, match="down"):
        submit(quiet)
    assert len(seen) == 1


def test_retry_after_is_honoured_in_seconds_and_as_a_date() -> None:
    import email.utils
    import time

    client = ClearStreet(api_key="k")
    assert client._retry_delay(0, httpx.Response(429, headers={"retry-after": "3"})) == 3.0
    assert client._retry_delay(0, httpx.Response(429, headers={"retry-after-ms": "250"})) == 0.25
    in_20s = email.utils.formatdate(time.time() + 20, usegmt=True)
    delay = client._retry_delay(0, httpx.Response(429, headers={"retry-after": in_20s}))
    assert delay is not None and 17 <= delay <= 20
    past = client._retry_delay(0, httpx.Response(429, headers={"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}))
    assert past == 0.0
    # Over the 60 s cap: no retry at all.
    assert client._retry_delay(0, httpx.Response(429, headers={"retry-after": "3600"})) is None
    # Unreadable: our own backoff (0.5 s, less up to 25% jitter).
    backoff = client._retry_delay(0, httpx.Response(429, headers={"retry-after": "soon"}))
    assert backoff is not None and 0.375 <= backoff <= 0.5


def test_a_429_asking_for_too_long_a_wait_is_raised_at_once() -> None:
    client, seen = client_with(
        httpx.Response(429, headers={"retry-after": "120"}, json={"error": {"code": 429, "message": "slow down"}})
    )
    with pytest.raises(clear_street.RateLimitError, match="slow down"):
        submit(client)
    assert len(seen) == 1


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(
            200,
            stream=httpx.ByteStream(b"not gzip"),
            headers={"content-encoding": "gzip", "content-type": "application/json"},
        ),
        httpx.Response(200, content=b"[" * 100000 + b"]" * 100000, headers={"content-type": "application/json"}),
        httpx.Response(
            200, json={"data": [], "metadata": {"request_id": "r"}, "error": {"code": 10**400, "message": "x"}}
        ),
    ],
    ids=["bad-gzip", "deep-json", "huge-int-is-fine"],
)
def test_hostile_bodies_are_typed_errors(response: httpx.Response) -> None:
    client, _ = client_with(response)
    try:
        submit(client)
    except clear_street.APIError as exc:
        assert isinstance(exc, APIResponseValidationError)


def test_path_parameters_cannot_climb_out_of_the_path() -> None:
    from clear_street._base_client import build_path

    assert build_path("/a/{x}/b", {"x": ".."}) == "/a/%2E%2E/b"
    assert build_path("/a/{x}/b", {"x": "."}) == "/a/%2E/b"
    assert build_path("/a/{x}/b", {"x": "../etc"}) == "/a/..%2Fetc/b"
    with pytest.raises(ValueError, match="must not be empty"):
        build_path("/a/{x}/b", {"x": ""})


def test_header_names_merge_case_insensitively() -> None:
    client, seen = client_with(httpx.Response(200, json={"data": [ROW], "metadata": {"request_id": "r"}}))
    client.v1.positions.submit_position_instructions(
        account_id=1, instructions=INSTRUCTIONS, extra_headers={"authorization": "Bearer other"}
    )
    assert seen[0].headers.get_list("authorization") == ["Bearer other"]


def test_enum_members_equal_and_hash_like_their_values() -> None:
    assert PositionInstructionStatus.ENGINE_REJECTED == "ENGINE_REJECTED"
    assert {"ENGINE_REJECTED": 1}[PositionInstructionStatus.ENGINE_REJECTED] == 1
    assert PositionInstructionStatus("SENT") is PositionInstructionStatus.SENT


def test_async_client_accepts_a_users_async_http_client() -> None:
    import asyncio

    from clear_street import AsyncClearStreet

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json={"data": [ROW], "metadata": {"request_id": "r-a"}})

    async def go() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with AsyncClearStreet(api_key="k", base_url="http://test", http_client=http) as client:
            result = await client.v1.positions.submit_position_instructions(account_id=3, instructions=INSTRUCTIONS)
        assert not http.is_closed  # the caller's client is the caller's to close
        await http.aclose()
        return result

    result = asyncio.run(go())
    assert result.request_id == "r-a" and seen == ["/v1/accounts/3/positions/instructions"]


# Retry-After values that are no usable instruction: each must leave the client
# on its own backoff, exactly as if the header were absent.
UNUSABLE_RETRY_AFTER = [
    {"retry-after": "nan"},
    {"retry-after": "inf"},
    {"retry-after": "-1"},
    {"retry-after": "-0.5"},
    {"retry-after": "abc"},
    {"retry-after-ms": "-5"},
    {"retry-after-ms": "nan"},
]
UNUSABLE_IDS = [" ".join(f"{k}={v}" for k, v in h.items()) for h in UNUSABLE_RETRY_AFTER]


@pytest.mark.parametrize("headers", UNUSABLE_RETRY_AFTER, ids=UNUSABLE_IDS)
def test_retry_after_reads_an_unusable_value_as_absent(headers: dict[str, str]) -> None:
    from clear_street._base_client import retry_after

    assert retry_after(httpx.Response(429, headers=headers)) is None


def test_retry_after_reads_usable_values() -> None:
    from clear_street._base_client import retry_after

    assert retry_after(httpx.Response(429, headers={"retry-after": "0"})) == 0.0
    assert retry_after(httpx.Response(429, headers={"retry-after": "2.5"})) == 2.5
    assert retry_after(httpx.Response(429, headers={"retry-after-ms": "250"})) == 0.25
    # An unusable retry-after-ms leaves Retry-After to decide.
    assert retry_after(httpx.Response(429, headers={"retry-after-ms": "-5", "retry-after": "3"})) == 3.0
    # A date in the past: no wait.
    assert retry_after(httpx.Response(429, headers={"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0


def _recording_sleeps(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[float]:
    """Record every wait the client asks for; the real sleep still runs, with a tiny backoff."""
    monkeypatch.setattr(clear_street._base_client, "INITIAL_RETRY_DELAY", 0.001)
    asked: list[float] = []
    real = cls._sleep

    def sleep(self: Any, seconds: float) -> Any:
        asked.append(seconds)
        return real(self, seconds)

    monkeypatch.setattr(cls, "_sleep", sleep)
    return asked


def _assert_backoff(asked: list[float]) -> None:
    # Our backoff: INITIAL_RETRY_DELAY * 2**n, less up to 25% jitter (values, not timings).
    initial = clear_street._base_client.INITIAL_RETRY_DELAY
    assert len(asked) == 2
    for n, seconds in enumerate(asked):
        assert 0.75 * initial * 2**n <= seconds <= initial * 2**n, asked


def _scripted(headers: dict[str, str]) -> tuple[list[httpx.Response], list[httpx.Request]]:
    slow = {"error": {"code": 429, "message": "slow down"}}
    return [httpx.Response(429, headers=headers, json=slow) for _ in range(2)], []


@pytest.mark.parametrize("headers", UNUSABLE_RETRY_AFTER, ids=UNUSABLE_IDS)
@pytest.mark.parametrize("ends_in", ["success", "error"])
def test_sync_client_falls_back_to_backoff_on_an_unusable_retry_after(
    headers: dict[str, str], ends_in: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _recording_sleeps(monkeypatch, clear_street._base_client.SyncAPIClient)
    responses, _ = _scripted(headers)
    last = httpx.Response(200, json={"data": [ROW], "metadata": {"request_id": "r"}})
    if ends_in == "error":
        last = httpx.Response(429, headers=headers, json={"error": {"code": 429, "message": "slow down"}})
    client, seen = client_with(*responses, last)
    if ends_in == "success":
        assert submit(client).data[0].status == "SENT"
    else:
        with pytest.raises(clear_street.RateLimitError, match="slow down"):
            submit(client)
    assert len(seen) == 3
    _assert_backoff(asked)


@pytest.mark.parametrize("headers", UNUSABLE_RETRY_AFTER, ids=UNUSABLE_IDS)
@pytest.mark.parametrize("ends_in", ["success", "error"])
def test_async_client_falls_back_to_backoff_on_an_unusable_retry_after(
    headers: dict[str, str], ends_in: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from clear_street import AsyncClearStreet

    asked = _recording_sleeps(monkeypatch, clear_street._base_client.AsyncAPIClient)
    responses, seen = _scripted(headers)
    if ends_in == "success":
        responses.append(httpx.Response(200, json={"data": [ROW], "metadata": {"request_id": "r"}}))
    else:
        responses.append(httpx.Response(429, headers=headers, json={"error": {"code": 429, "message": "slow down"}}))

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return responses.pop(0)

    async def go() -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with AsyncClearStreet(api_key="k", base_url="http://test", http_client=http) as client:
            return await client.v1.positions.submit_position_instructions(account_id=7, instructions=INSTRUCTIONS)

    # A hang guard, not a timing assertion: a wait that never ends must fail the test, not stall it.
    if ends_in == "success":
        assert asyncio.run(asyncio.wait_for(go(), timeout=10)).data[0].status == "SENT"
    else:
        with pytest.raises(clear_street.RateLimitError, match="slow down"):
            asyncio.run(asyncio.wait_for(go(), timeout=10))
    assert len(seen) == 3
    _assert_backoff(asked)


def test_deadline_and_max_response_bytes_refuse_nonsense() -> None:
    client = ClearStreet(api_key="k", base_url="http://test")
    assert (client.deadline, client.max_response_bytes) == (None, 64 * 1024 * 1024)
    for deadline in (0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="deadline must be a positive number of seconds"):
            ClearStreet(api_key="k", base_url="http://test", deadline=deadline)
        with pytest.raises(ValueError, match="deadline must be"):
            client.with_options(deadline=deadline)
    with pytest.raises(ValueError, match="max_response_bytes must be 1 or more"):
        ClearStreet(api_key="k", base_url="http://test", max_response_bytes=0)
    with pytest.raises(ValueError, match="max_response_bytes must be 1 or more"):
        client.with_options(max_response_bytes=-5)
    client, seen = client_with()
    with pytest.raises(ValueError, match="deadline must be"):
        client.v1.positions.submit_position_instructions(account_id=7, instructions=INSTRUCTIONS, deadline=-1)
    assert seen == []


def test_with_options_sets_and_clears_the_deadline_and_the_size_limit() -> None:
    client = ClearStreet(api_key="k", base_url="http://test", deadline=30.0)
    copy = client.with_options(deadline=5.0, max_response_bytes=1000)
    assert (copy.deadline, copy.max_response_bytes) == (5.0, 1000)
    assert (client.deadline, client.max_response_bytes) == (30.0, clear_street.DEFAULT_MAX_RESPONSE_BYTES)
    assert client.with_options(deadline=None).deadline is None
    assert client.with_options(max_retries=1).deadline == 30.0


def _gzip_response(status: int, body: bytes) -> httpx.Response:
    """Compressed on the wire (a stream, so httpx decodes it only when the client reads it)."""
    import gzip

    headers = {"content-encoding": "gzip", "content-type": "application/json", "x-request-id": "hdr-1"}
    return httpx.Response(status, stream=httpx.ByteStream(gzip.compress(body)), headers=headers)


def test_max_response_bytes_counts_the_body_after_decompression() -> None:
    body = json.dumps({"data": [ROW], "metadata": {"request_id": "r"}, "pad": " " * 5000}).encode()
    import gzip

    assert len(gzip.compress(body)) < 1000 < len(body)
    client, _ = client_with(_gzip_response(200, body), _gzip_response(200, body))
    with pytest.raises(clear_street.ResponseTooLargeError) as info:
        submit(client.with_options(max_response_bytes=1000))
    assert isinstance(info.value, clear_street.APIError)
    assert (info.value.limit, info.value.status_code, info.value.request_id) == (1000, 200, "hdr-1")
    assert "max_response_bytes=1000 bytes (counted after decompression)" in str(info.value)
    assert submit(client.with_options(max_response_bytes=len(body))).data[0].status == "SENT"


def test_an_error_body_over_the_limit_is_refused_too() -> None:
    """Not read whole to find the server's message: a 400 with a huge body is as large as a 200."""
    client, seen = client_with(httpx.Response(400, content=b"x" * 2000, headers={"x-request-id": "hdr-2"}))
    with pytest.raises(clear_street.ResponseTooLargeError) as info:
        client.v1.positions.submit_position_instructions(account_id=7, instructions=INSTRUCTIONS, max_response_bytes=100)
    assert (info.value.status_code, info.value.request_id, len(seen)) == (400, "hdr-2", 1)


def _slow_down(after: str) -> httpx.Response:
    return httpx.Response(429, headers={"retry-after": after}, json={"error": {"code": 429, "message": "slow down"}})


def _recording_only(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[float]:
    """Record every wait the client asks for, without waiting (values, not timings)."""
    asked: list[float] = []

    def sleep(self: Any, seconds: float) -> None:
        asked.append(seconds)

    async def async_sleep(self: Any, seconds: float) -> None:
        asked.append(seconds)

    monkeypatch.setattr(cls, "_sleep", async_sleep if cls is clear_street._base_client.AsyncAPIClient else sleep)
    return asked


def test_a_retry_wait_that_would_pass_the_deadline_is_not_started(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _recording_only(monkeypatch, clear_street._base_client.SyncAPIClient)
    client, seen = client_with(_slow_down("5"), deadline=2.0)
    with pytest.raises(clear_street.APITimeoutError) as info:
        submit(client)
    assert (asked, len(seen)) == ([], 1)
    assert "would pass before the next retry could start (the last attempt: status 429)" in str(info.value)
    # A wait that fits is waited; a call's own deadline=None lifts the client's.
    ok = httpx.Response(200, json={"data": [ROW], "metadata": {"request_id": "r"}})
    client, seen = client_with(_slow_down("1"), ok, deadline=10.0)
    assert submit(client).data[0].status == "SENT" and asked == [1.0]
    client, seen = client_with(_slow_down("5"), ok, deadline=2.0)
    result = client.v1.positions.submit_position_instructions(account_id=7, instructions=INSTRUCTIONS, deadline=None)
    assert result.data[0].status == "SENT" and asked == [1.0, 5.0]


def test_the_async_client_keeps_the_same_rule_for_retry_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from clear_street import AsyncClearStreet

    asked = _recording_only(monkeypatch, clear_street._base_client.AsyncAPIClient)
    responses = [_slow_down("5"), _slow_down("1"), httpx.Response(200, json={"data": [ROW], "metadata": {"request_id": "r"}})]

    async def go(deadline: float) -> Any:
        http = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: responses.pop(0)))
        async with AsyncClearStreet(api_key="k", base_url="http://test", http_client=http, deadline=deadline) as client:
            return await client.v1.positions.submit_position_instructions(account_id=7, instructions=INSTRUCTIONS)

    with pytest.raises(clear_street.APITimeoutError, match="before the next retry could start"):
        asyncio.run(go(2.0))
    assert asked == []
    assert asyncio.run(go(10.0)).data[0].status == "SENT" and asked == [1.0]


def test_a_query_written_into_the_path_goes_with_the_parameters() -> None:
    """Paths such as Anthropic's `/v1/models?beta=true`: the literal query is sent with every call,
    beside the operation's own query parameters, not replaced by them."""
    from clear_street._base_client import Outcome, RequestOptions

    client, seen = client_with(*(httpx.Response(200, json={"ok": True}) for _ in range(3)))
    responses = {"200": Outcome(lambda body: body)}
    client.request(RequestOptions(method="get", path="/v1/models?beta=true", params={"limit": 5}), responses)
    client.request(RequestOptions(method="get", path="/v1/models?beta=true"), responses)
    client.request(RequestOptions(method="get", path="/v1/models", params={"limit": 5}), responses)
    assert [(r.url.path, r.url.query) for r in seen] == [
        ("/v1/models", b"beta=true&limit=5"),
        ("/v1/models", b"beta=true"),
        ("/v1/models", b"limit=5"),
    ]
