"""An HTTP server on loopback that streams: Server-Sent Events and files, chunk by chunk.

Each request takes the next scripted `Streamed` reply (or a plain
(status, headers, body) one). A `Streamed` reply is sent with chunked framing,
one HTTP chunk per item, flushed as it goes. Between two chunks it can wait
for a gate the test opens, so a test can prove a client hands over the first
event before the server has sent the next; and it can stop without the final
chunk (`cut`), as a connection dropped mid-stream does.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Union

from .loopback import LoopbackServer

GATE_WAIT = 10.0  # seconds a gated chunk waits for the test before it is sent anyway


@dataclass
class Streamed:
    """A chunked reply: `chunks` in order; before chunk `gate_before`, the server waits for `gate`."""

    status: int
    headers: dict[str, str]
    chunks: list[bytes]
    cut: bool = False  # drop the connection after the last chunk, with no final zero-size chunk
    gate_before: int | None = None
    gate: threading.Event = field(default_factory=threading.Event)
    gate_timed_out: bool = False


Reply = Union[tuple[int, dict[str, str], bytes], Streamed]


def sse(*events: str) -> list[bytes]:
    """Each event as one chunk, with the blank line that ends it."""
    return [(event + "\n\n").encode("utf-8") for event in events]


class _Handler(BaseHTTPRequestHandler):
    server: EventServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._reply(b"")

    def do_POST(self) -> None:  # noqa: N802
        self._reply(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def _reply(self, body: bytes) -> None:
        server = self.server
        with server.lock:
            server.requests.append((self.command, self.path, dict(self.headers), body))
            reply = server.replies.pop(0) if server.replies else (500, {}, b'{"error": {"message": "no reply"}}')
        if not isinstance(reply, Streamed):
            status, headers, data = reply
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        try:
            for i, chunk in enumerate(reply.chunks):
                if i == reply.gate_before:
                    reply.gate_timed_out = not reply.gate.wait(GATE_WAIT)
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
            if reply.cut:
                self.close_connection = True
                return
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client hung up: it closed the stream early


class EventServer(LoopbackServer):
    """Answers each request with the next scripted reply; `requests` records (method, path, headers, body)."""

    def __init__(self) -> None:
        super().__init__(_Handler)
        self.lock = threading.Lock()
        self.replies: list[Reply] = []
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []

    def script(self, *replies: Reply) -> None:
        with self.lock:
            self.replies = list(replies)
            self.requests = []
