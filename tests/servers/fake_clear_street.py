"""A real HTTP server on loopback with Clear Street's documented batch semantics.

It implements what the "Submit Position Instructions" docs describe, so the
generated client can be driven the way a user would drive it:

- every row accepted -> 200, every row `SENT`;
- some rows rejected -> 207, every row in `data`, rejected rows
  `ENGINE_REJECTED` (duplicates) or `REJECTED` (DNE/CEA outside expiry) with a
  `rejection_reason`, and a top-level `error` summarizing the batch;
- every row rejected -> 409 when all are duplicates, else 400; no `data`;
- pre-flight: an unknown `instrument_id` -> 404, an unencodable `quantity`
  -> 400, both before any row is submitted;
- clearing down -> 503; a wrong or missing API key -> 401.
"""

from __future__ import annotations

import io
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from .loopback import LoopbackServer

API_KEY = "test-api-key"
PATH = re.compile(r"^/v1/accounts/(\d+)/positions/instructions(?:\?[^#]*)?$")  # a query string is allowed
OUTSIDE_EXPIRY = "{} must be submitted on the contract's expiration date"
DUPLICATE = "Duplicate exercise instruction"


@dataclass
class Instrument:
    symbol: str
    expires_today: bool


@dataclass
class State:
    instruments: dict[str, Instrument] = field(default_factory=dict)
    clearing_up: bool = True
    seen: set[tuple[int, str]] = field(default_factory=set)
    received: list[dict[str, Any]] = field(default_factory=list)
    # Faults for the next requests, one per request, in order:
    # "503" answers 503 without touching the batch; "drop" applies the batch,
    # then closes the connection without answering; "sleep:S" waits S seconds.
    faults: list[str] = field(default_factory=list)
    counter: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: "FakeClearStreet"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")  # HTTP/1.0 closes it; OkHttp 5 reuses it unless told so
        self.send_header("x-request-id", body.get("metadata", {}).get("request_id", ""))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        with state.lock:
            fault = state.faults.pop(0) if state.faults else ""
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            # Recorded on arrival, before any fault: a timed-out attempt still counts.
            state.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
        if fault.startswith("sleep:"):
            time.sleep(float(fault.split(":", 1)[1]))
        if fault == "drop":
            real, self.wfile = self.wfile, io.BytesIO()
            self._handle(raw)  # applied, but the answer goes nowhere...
            self.wfile = real
            self.close_connection = True  # ...and the connection closes unanswered
            return
        if fault == "503":
            with state.lock:
                state.counter += 1
                meta = {"request_id": f"req-{state.counter:06d}"}
            return self._send(503, {"error": {"code": 503, "message": "Clearing service unavailable"}, "metadata": meta})
        self._handle(raw)

    def _handle(self, raw: bytes) -> None:
        state = self.server.state
        with state.lock:
            state.counter += 1
            request_id = f"req-{state.counter:06d}"
            meta = {"request_id": request_id}
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            if self.headers.get("Authorization") != f"Bearer {self.server.api_key}":
                return self._send(401, {"error": {"code": 401, "message": "Invalid API key"}, "metadata": meta})
            match = PATH.match(self.path)
            if not match:
                return self._send(404, {"error": {"code": 404, "message": "No such route"}, "metadata": meta})
            account = int(match.group(1))
            rows = body.get("instructions") if isinstance(body, dict) else None
            if not isinstance(rows, list) or not rows:
                return self._send(400, {"error": {"code": 400, "message": "instructions must be a non-empty list"}, "metadata": meta})
            # Pre-flight: the whole batch short-circuits before any row is submitted.
            for index, row in enumerate(rows):
                quantity = row.get("quantity")
                if not (isinstance(quantity, str) and quantity.isdigit() and int(quantity) > 0):
                    return self._send(400, {"error": {"code": 400, "message": f"instructions[{index}].quantity is not encodable"}, "metadata": meta})
                if row.get("instrument_id") not in state.instruments:
                    return self._send(404, {"error": {"code": 404, "message": f"Instrument {row.get('instrument_id')} not found"}, "metadata": meta})
            if not state.clearing_up:
                return self._send(503, {"error": {"code": 503, "message": "Clearing service unavailable"}, "metadata": meta})
            data, causes = [], []
            for row in rows:
                instrument = state.instruments[row["instrument_id"]]
                instruction_id = row.get("instruction_id") or f"srv-{uuid.uuid4()}"
                out = {
                    "account_id": account,
                    "id": str(uuid.uuid4()),
                    "instruction_id": instruction_id,
                    "instruction_type": row["instruction_type"],
                    "instrument_id": row["instrument_id"],
                    "quantity": row["quantity"],
                    "status": "SENT",
                    "symbol": instrument.symbol,
                }
                if (account, instruction_id) in state.seen:
                    out.update(id="00000000-0000-0000-0000-000000000000", status="ENGINE_REJECTED", rejection_reason=DUPLICATE)
                    causes.append((409, DUPLICATE))
                elif row["instruction_type"] in ("DO_NOT_EXERCISE", "CONTRARY_EXERCISE") and not instrument.expires_today:
                    reason = OUTSIDE_EXPIRY.format(row["instruction_type"])
                    out.update(status="REJECTED", rejection_reason=reason)
                    causes.append((400, reason))
                else:
                    state.seen.add((account, instruction_id))
                data.append(out)
            if not causes:
                return self._send(200, {"data": data, "metadata": meta})
            code, message = causes[0]
            if len(causes) < len(rows):
                return self._send(207, {"data": data, "error": {"code": code, "message": message}, "metadata": meta})
            status = 409 if all(c == 409 for c, _ in causes) else 400
            return self._send(status, {"error": {"code": status, "message": message}, "metadata": meta})


class FakeClearStreet(LoopbackServer):
    def __init__(self, api_key: str = API_KEY) -> None:
        super().__init__(_Handler)
        self.api_key = api_key
        self.state = State()

    def add_instrument(self, instrument_id: str, symbol: str, *, expires_today: bool = False) -> None:
        self.state.instruments[instrument_id] = Instrument(symbol, expires_today)

    def __enter__(self) -> "FakeClearStreet":
        super().__enter__()
        return self
