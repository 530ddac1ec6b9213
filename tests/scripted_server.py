"""An HTTP server on loopback that answers with exactly the bytes it is given.

For misbehaving servers and proxies: malformed JSON, wrong content types,
HTML error pages, empty bodies.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from typing import Any

from .loopback import LoopbackServer


class _Handler(BaseHTTPRequestHandler):
    server: "ScriptedServer"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, body = self.server.replies.pop(0) if self.server.replies else (500, {}, b"no reply scripted")
        self.server.hits += 1
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ScriptedServer(LoopbackServer):
    def __init__(self, *replies: tuple[int, dict[str, str], bytes]) -> None:
        super().__init__(_Handler)
        self.replies = list(replies)
        self.hits = 0

    def __enter__(self) -> "ScriptedServer":
        super().__enter__()
        return self
