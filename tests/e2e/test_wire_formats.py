"""What the client puts on the wire for the shapes real specs use, read back by a real server.

The `encodings` fixture (tests/fixtures/encodings) has parameters in every
location and style, form-urlencoded, multipart and octet-stream bodies, and
text and binary responses; the `unions` fixture has a discriminated union.
Each is generated into a temporary folder and called against a loopback HTTP
server that records exactly what arrived.
"""

from __future__ import annotations

import importlib
import io
import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

import pytest

from ..servers.loopback import LoopbackServer
from .conftest import import_fixture_client


@pytest.fixture(scope="module")
def encodings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return import_fixture_client("encodings", tmp_path_factory.mktemp("wire"))


class _Recorder(BaseHTTPRequestHandler):
    server: "RecordingServer"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.command, self.path, dict(self.headers.items()), body))
        status, ctype, payload = self.server.reply(self.command, self.path)
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = _answer


class RecordingServer(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Recorder)
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        self.busy = 0  # answer this many requests with 429 first

    def reply(self, method: str, path: str) -> tuple[int, str, bytes]:
        if self.busy:
            self.busy -= 1
            return 429, "application/json", b'{"error": {"message": "slow down"}}'
        if path.startswith("/quotes/"):
            return 200, "application/json", b'{"quote": "q"}'
        if path == "/uploads":
            return 201, "application/json", b'{"id": "up_1", "size": 2}'
        if path.startswith("/blobs/") and method == "GET":
            return 200, "image/png", b"\x89PNG\r\n\x00\xff"
        if path.startswith("/things/"):
            return 200, "application/json", b'{"name": "n", "size": null}'
        if path == "/notes":
            return 200, "text/plain; charset=utf-8", "h\u00e9llo".encode("utf-8")
        return 204, "", b""


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    with RecordingServer() as s:
        yield s


def _client(encodings: Any, server: RecordingServer) -> Any:
    return encodings.Encodings(api_key="k", base_url=server.base_url)


def test_parameters_follow_their_style_and_location(encodings: Any, server: RecordingServer) -> None:
    with _client(encodings, server) as client:
        result = client.params.get_quote(
            "a/b c", session="s v;1", x_trace=["a", "b"], ids=[1, 2], tags=["x", "y"],
            filter={"side": "buy", "min": 1}, symbols=["A", "B"], import_=True,
        )
    assert result.quote == "q"
    ((method, path, headers, _),) = server.seen
    route, _, query = path.partition("?")
    assert (method, route) == ("GET", "/quotes/a%2Fb%20c")
    pairs = [tuple(unquote(p) for p in item.split("=", 1)) for item in query.split("&")]
    assert pairs == [
        ("ids", "1,2"),  # form, explode false
        ("tags", "x"), ("tags", "y"),  # form, exploded (the default)
        ("filter[side]", "buy"), ("filter[min]", "1"),  # deepObject
        ("symbols", "A|B"),  # pipeDelimited
        ("import", "true"),  # a keyword as a name: `import_` in Python, `import` on the wire
    ]
    assert headers["X-Trace"] == "a,b"  # simple
    assert headers["Cookie"] == "session=s%20v%3B1"  # escaped: a value cannot add a cookie


def test_cookie_keeps_token_characters_and_default_cookies(encodings: Any, server: RecordingServer) -> None:
    client = encodings.Encodings(api_key="k", base_url=server.base_url, default_headers={"Cookie": "tracking=1"})
    with client:
        client.params.get_quote("q", session="ab/c+d==", x_trace=["a"], filter={"side": None, "min": 1})
    ((_, path, headers, _),) = server.seen
    assert headers["Cookie"] == "tracking=1; session=ab/c+d=="  # base64 stays as it is; the default cookie stays too
    assert "filter%5Bmin%5D=1" in path and "side" not in path  # a null member has no spelling: left out


def test_form_body_is_urlencoded(encodings: Any, server: RecordingServer) -> None:
    with _client(encodings, server) as client:
        assert client.bodies.submit_form(name="n&m", count=2, labels=["a", "b"], metadata={"k": "v"}) is None
    ((_, _, headers, body),) = server.seen
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert body == b"name=n%26m&count=2&labels=a&labels=b&metadata%5Bk%5D=v"


def test_multipart_upload_is_read_once_and_resent_identically(encodings: Any, server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encodings._base_client, "INITIAL_RETRY_DELAY", 0.001)
    server.busy = 1  # a 429 is retried even for a POST: the server did not act on it
    upload = io.BytesIO(b"hi")
    upload.name = "/home/me/avatar.txt"
    with _client(encodings, server) as client:
        stored = client.bodies.upload_file(
            file=upload, purpose="avatar", attachments=[b"x", ("y.bin", b"y", "application/x-y")], options={"public": True}
        )
    assert len(server.seen) == 2 and server.seen[0][3] == server.seen[1][3]  # the file was not re-read empty
    assert (stored.id, stored.size) == ("up_1", 2)
    _, _, headers, body = server.seen[-1]
    assert headers["Content-Type"].startswith("multipart/form-data; boundary=")
    text = body.decode("latin-1")
    assert 'name="file"; filename="avatar.txt"' in text and "\r\n\r\nhi\r\n" in text  # the file's own name, no folders
    assert 'name="purpose"\r\n\r\navatar\r\n' in text
    assert 'filename="y.bin"\r\nContent-Type: application/x-y\r\n\r\ny\r\n' in text
    assert 'name="options"\r\nContent-Type: application/json\r\n\r\n{"public": true}\r\n' in text  # an object part is JSON


def test_upload_forms_users_pass(encodings: Any, server: RecordingServer) -> None:
    import inspect

    assert "content_type" not in inspect.signature(_client(encodings, server).bodies.upload_file).parameters  # a declared Content-Type header is ignored
    with _client(encodings, server) as client:
        client.bodies.upload_file(file=("report.pdf", io.BytesIO(b"%PDF"), "application/pdf"), purpose="document", attachments=(b"1", b"2"))
        client.bodies.upload_file(file=io.BytesIO(b"anonymous"), purpose="avatar")
    first, second = (body.decode("latin-1") for (_, _, _, body) in server.seen)
    assert 'name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n' in first
    assert first.count('name="attachments"; filename="upload"') == 2  # a tuple of files is several files
    assert 'name="file"; filename="upload"' in second  # a nameless file is still a file


def test_json_variants_keep_their_media_type(encodings: Any, server: RecordingServer) -> None:
    with _client(encodings, server) as client:
        thing = client.things.patch_thing("t1", name="n")
    ((method, _, headers, body),) = server.seen
    assert (method, headers["Content-Type"], json.loads(body)) == ("PATCH", "application/merge-patch+json", {"name": "n"})
    assert (thing.name, thing.size) == ("n", None)


def test_wildcard_media_types_with_a_schema_are_json() -> None:
    """springdoc describes every JSON answer as `*/*`; without a structured schema it is bytes."""
    from generator.builder.shapes import encoding_of as _encoding_of

    assert _encoding_of("*/*", {"schema": {"$ref": "#/components/schemas/Thing"}}) == "json"
    assert _encoding_of("application/*", {"schema": {"type": "array", "items": {}}}) == "json"
    assert _encoding_of("*/*", {"schema": {"type": "string", "format": "binary"}}) == "binary"
    assert _encoding_of("*/*", None) == "binary"
    assert _encoding_of("text/json; charset=utf-8") == "json"
    assert _encoding_of("application/vnd.api+json") == "json"


def test_octet_stream_body_and_binary_and_text_responses(encodings: Any, server: RecordingServer) -> None:
    with _client(encodings, server) as client:
        assert client.blobs.put_blob("b1", body=io.BytesIO(b"\x00\x01\xff")) is None
        blob = client.blobs.get_blob("b1")
        assert isinstance(blob, encodings.BinaryResponse) and blob.content_type == "image/png"
        data = blob.read()  # the body was left on the wire until now
        notes = client.blobs.get_notes()
    (_, put_path, put_headers, put_body), (_, _, get_headers, _), (_, _, notes_headers, _) = server.seen
    assert (put_path, put_headers["Content-Type"], put_body) == ("/blobs/b1", "application/octet-stream", b"\x00\x01\xff")
    assert data == b"\x89PNG\r\n\x00\xff"
    assert notes == "h\u00e9llo"
    assert get_headers["Accept"] == "image/png, application/json"  # errors still come back as JSON
    assert notes_headers["Accept"].startswith("text/")


def test_discriminated_union_decodes_by_tag(tmp_path: Path) -> None:
    unions = import_fixture_client("unions", tmp_path)
    decode = importlib.import_module(f"{unions.__name__}.types.shape").decode_shape
    circle, square = importlib.import_module(f"{unions.__name__}.types.circle").Circle, importlib.import_module(f"{unions.__name__}.types.square").Square
    # Same fields: trying variants in order would call every one of these a Circle.
    assert type(decode({"kind": "round", "size": 1})) is circle  # an explicit mapping
    assert type(decode({"kind": "Square", "size": 1})) is square  # the implicit schema name
    assert type(decode({"kind": "hexagon"})) is circle  # an unknown tag falls back to the first match
    assert json.loads(json.dumps(decode({"kind": "Square"}).to_dict())) == {"kind": "Square"}
