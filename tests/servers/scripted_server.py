"""An HTTP server on loopback that answers with exactly the bytes it is given.

For misbehaving servers and proxies: malformed JSON, wrong content types,
HTML error pages, empty bodies, bodies cut off mid-read (`Cut`), and replies
that arrive a byte at a time (`Trickle`).
"""

from __future__ import annotations

import threading
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


@dataclass(frozen=True)
class Trickle:
    """A reply written one byte every `every` seconds: its body, or with `head=True`
    its status line and headers too (the body then follows at once). Each byte comes
    well within any read timeout, so only a limit on the whole call ends it early. It
    stops when the client hangs up or the server shuts down."""

    status: int
    headers: dict[str, str]
    body: bytes
    every: float
    head: bool = False


Reply = Union[tuple[int, dict[str, str], bytes], Cut, Trickle]


class _Handler(BaseHTTPRequestHandler):
    server: "ScriptedServer"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        self.server.received.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        self.server.request_headers.append(list(self.headers.items()))
        reply = self.server.replies.pop(0) if self.server.replies else (500, {}, b"no reply scripted")
        self.server.hits += 1
        if isinstance(reply, Trickle):
            self._trickle(reply)
            return
        cut = reply if isinstance(reply, Cut) else None
        status, headers, body = (reply.status, reply.headers, reply.body) if isinstance(reply, Cut) else reply
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        # HTTP/1.0 closes the connection after each reply; OkHttp 5 reuses it unless told so.
        self.send_header("Connection", "close")
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

    def _trickle(self, reply: Trickle) -> None:
        lines = [f"HTTP/1.1 {reply.status} Scripted", f"Content-Length: {len(reply.body)}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in reply.headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        slow = head if reply.head else reply.body
        self.close_connection = True
        try:
            if not reply.head:
                self.wfile.write(head)
            for i in range(len(slow)):
                if self.server.stopping.wait(reply.every):
                    return
                self.wfile.write(slow[i : i + 1])
            if reply.head:
                self.wfile.write(reply.body)
        except OSError:  # the client hung up: the point of the exercise
            return


class ScriptedServer(LoopbackServer):
    def __init__(self, *replies: Reply) -> None:
        super().__init__(_Handler)
        self.replies = list(replies)
        self.hits = 0
        self.received: list[bytes] = []  # each attempt's request body, as it arrived
        self.request_headers: list[list[tuple[str, str]]] = []  # and its headers
        self.stopping = threading.Event()  # ends any trickle still running

    def __enter__(self) -> "ScriptedServer":
        super().__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        super().__exit__(*exc)
