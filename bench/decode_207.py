"""Decode a 10,000-row 207 batch: ours vs the Stainless `clearstreet` SDK vs bare json.loads.

Same bytes, same httpx.MockTransport, one process. Prints medians and ratios.
Target: ours <= 0.1x clearstreet, and <= 1.0x a bare json.loads.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any, Callable, Dict, List, Optional

import msgspec

import httpx

ROWS = 10_000
REPEAT = 15


def body() -> bytes:
    rows = []
    for i in range(ROWS):
        row = {
            "account_id": 122503,
            "id": f"0195f6d0-a1b2-7c3d-8e4f-{i:012d}",
            "instruction_id": f"ui-20260424-{i:06d}",
            "instruction_type": "EXERCISE",
            "instrument_id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e01",
            "quantity": "1",
            "status": "SENT",
            "symbol": "AAPL  280121C00195000",
        }
        if i % 10 == 9:
            row.update(status="ENGINE_REJECTED", rejection_reason="Duplicate exercise instruction")
        rows.append(row)
    payload = {"data": rows, "error": {"code": 409, "message": "Duplicate exercise instruction"}, "metadata": {"request_id": "r-1"}}
    return json.dumps(payload).encode()


class Row(msgspec.Struct):
    id: str
    account_id: int
    instruction_id: str
    instruction_type: str  # str, not an Enum: a msgspec Enum refuses unlisted values
    instrument_id: str
    quantity: str
    status: str
    symbol: str
    accepted_quantity: Optional[str] = None
    rejection_reason: Optional[str] = None
    created_at: Optional[str] = None
    updated_at: Optional[str] = None


class Error(msgspec.Struct):
    code: int
    message: str


class Envelope(msgspec.Struct):
    """The same body as msgspec Structs: the reference for a typed decode done in C."""

    data: List[Row]
    error: Optional[Error] = None
    metadata: Optional[Dict[str, str]] = None


def median_ms(fn: Callable[[], Any]) -> float:
    fn()  # warm up
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    data = body()
    transport = httpx.MockTransport(lambda request: httpx.Response(207, content=data, headers={"content-type": "application/json"}))
    rows = [{"instruction_type": "EXERCISE", "instrument_id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02", "quantity": "1", "instruction_id": "k"}]

    import clear_street
    import clearstreet

    ours = clear_street.ClearStreet(api_key="k", base_url="http://bench", http_client=httpx.Client(transport=transport))
    peer = clearstreet.ClearStreet(api_key="k", base_url="http://bench", http_client=httpx.Client(transport=transport))

    def ours_call() -> Any:
        result = ours.v1.positions.submit_position_instructions(account_id=1, instructions=rows)
        assert result.is_partial and len(result.rejected) == ROWS // 10
        return result

    def peer_call() -> Any:
        return peer.v1.positions.submit_position_instructions(account_id=1, instructions=rows)  # type: ignore[arg-type]

    parsed = json.loads(data)
    typed = msgspec.json.Decoder(Envelope).decode
    decode = clear_street.types.PositionInstructionBatchResponse.from_json
    results = {
        "json.loads (bare parse)": median_ms(lambda: json.loads(data)),
        "ours: decode only (from_json)": median_ms(lambda: decode(parsed)),
        "msgspec Structs (typed, in C)": median_ms(lambda: typed(data)),
        "ours: full call": median_ms(ours_call),
        "clearstreet 0.11.0: full call": median_ms(peer_call),
    }
    print(f"{ROWS}-row 207, {len(data) / 1e6:.1f} MB, median of {REPEAT}")
    for name, ms in results.items():
        print(f"  {name:34} {ms:8.1f} ms")
    full = results["ours: full call"]
    print(f"  ratio ours / clearstreet          {full / results['clearstreet 0.11.0: full call']:8.3f}  (goal <= 0.1)")
    print(f"  ratio ours / json.loads           {full / results['json.loads (bare parse)']:8.3f}  (goal <= 1.0)")


if __name__ == "__main__":
    main()
