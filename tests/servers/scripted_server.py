"""An HTTP server on loopback that answers with exactly the bytes it is given.

For misbehaving servers and proxies: malformed JSON, wrong content types,
HTML error pages, empty bodies, and bodies cut off mid-read (`Cut`).
"""

from __future__ import annotations

from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any, Union

from .loopback import LoopbackServer


@dataclass(frozen=True)
class Cut:
    """A reply whose connection drops mid-body: the headers promise all of `body`
    (by Content-Length, or chunked framing with one chunk of its full size), but
    only its first `sent` bytes are written before the connection closes."""

    status: int
    headers: dict[str, str]
    body: bytes
    sent: int
    chunked: bool = False


Reply = Union[tuple[int, dict[str, str], bytes], Cut]


class _Handler(BaseHTTPRequestHandler):
    server: "ScriptedServer"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        self.server.received.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        reply = self.server.replies.pop(0) if self.server.replies else (500, {}, b"no reply scripted")
        self.server.hits += 1
        cut = reply if isinstance(reply, Cut) else None
        status, headers, body = (reply.status, reply.headers, reply.body) if isinstance(reply, Cut) else reply
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if cut and cut.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if cut is None:
            self.wfile.write(body)
            return
        head = f"{len(body):x}\r\n".encode() if cut.chunked else b""
        self.wfile.write(head + body[: cut.sent])
        self.close_connection = True  # the rest never comes


class ScriptedServer(LoopbackServer):
    def __init__(self, *replies: Reply) -> None:
        super().__init__(_Handler)
        self.replies = list(replies)
        self.hits = 0
        self.received: list[bytes] = []  # each attempt's request body, as it arrived

    def __enter__(self) -> "ScriptedServer":
        super().__enter__()
        return self
