"""A real HTTP server on loopback that pages its lists in every style the generator knows.

It serves the `pagination` fixture (tests/fixtures/pagination/openapi.yaml) over
small fixed data sets, so a test can count the requests a client sends while it
iterates: a cursor in a query parameter with the next one in the body, Stripe's
`starting_after` with `has_more`, offset/limit, page/per_page, a `Link` header,
and a shape set in the config.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .loopback import LoopbackServer

POSITIONS = [{"symbol": f"SYM{i}", "quantity": str(i + 1)} for i in range(7)]
CHARGES = [{"id": f"ch_{i}", "amount": 100 * (i + 1)} for i in range(5)]
EVENTS = [{"id": i} for i in range(5)]
ARTICLES = [{"title": f"article {i}"} for i in range(5)]
REPOS = [{"name": f"repo-{i}"} for i in range(5)]
REPORTS = [{"name": f"report {i}"} for i in range(4)]


class _Handler(BaseHTTPRequestHandler):
    server: "PagingServer"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, body: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        # HTTP/1.0 closes the connection after each response: say so, or a client that pools
        # connections (OkHttp) sends its next request down a closed one.
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.server.requests.append((url.path, query))

        def number(name: str, default: int) -> int:
            return int(query.get(name, default))

        if url.path.endswith("/positions"):
            start, size = number("page_token", 0), number("page_size", 3)
            rest = start + size < len(POSITIONS)
            following = str(start) if self.server.stuck_cursor else str(start + size)
            meta = {"request_id": f"req-{len(self.server.requests)}", "next_page_token": following if rest else None}
            return self._send({"data": POSITIONS[start : start + size], "metadata": meta})
        if url.path == "/v1/charges":
            after = query.get("starting_after")
            start = next(i + 1 for i, c in enumerate(CHARGES) if c["id"] == after) if after else 0
            size = number("limit", 2)
            return self._send({"object": "list", "data": CHARGES[start : start + size], "has_more": start + size < len(CHARGES)})
        if url.path == "/v1/events":
            start, size = number("offset", 0), min(number("limit", 2), self.server.max_page_size)
            return self._send({"items": EVENTS[start : start + size], "total": len(EVENTS)})
        if url.path == "/v1/articles":
            page, size = number("page", 1), number("per_page", 2)
            return self._send({"results": ARTICLES[(page - 1) * size : page * size]})
        if url.path == "/v1/repos":
            page, size = number("page", 1), number("per_page", 2)
            headers = {}
            if page * size < len(REPOS):
                host = "" if self.server.relative_links else self.server.link_host or self.server.base_url
                headers["Link"] = f'<{host}/v1/repos?page={page + 1}&per_page={size}>; rel="next", <{host}/v1/repos?page=1>; rel="first"'
            return self._send(REPOS[(page - 1) * size : page * size], headers)
        if url.path == "/v1/reports":
            start = number("from", 0)
            more = start + 2 < len(REPORTS)
            return self._send({"reports": REPORTS[start : start + 2], "continue_from": str(start + 2) if more else None})
        self.send_error(404)


class PagingServer(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.link_host: str | None = None  # another host for the Link header's URLs
        self.relative_links = False  # Link URLs without scheme and host
        self.stuck_cursor = False  # the next cursor is the one just received
        self.max_page_size = 100  # a cap on the page size asked for

    def __enter__(self) -> "PagingServer":
        super().__enter__()
        return self
