"""An HTTP server on loopback that records each request as it arrived and answers `{}`.

`seen` holds, per request, the raw request line and the header lines in the order
they came (names as the client spelled them), so two clients' requests can be
compared byte for byte.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from typing import Any

from .loopback import LoopbackServer


class _Recorder(BaseHTTPRequestHandler):
    server: RecordingServer
    # Keeps the connection open: OkHttp reuses one unless the reply says `Connection: close`.
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.requestline, list(self.headers.items())))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer


class RecordingServer(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Recorder)
        self.seen: list[tuple[str, list[tuple[str, str]]]] = []
