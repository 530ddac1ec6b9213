"""Uploads in the generated Java client: a file part from a Path, an InputStream or bytes, with its
filename and content type, as a real server receives it.

The `encodings` fixture's multipart operation (`POST /uploads`) is rendered for Java and called by
tests/java/UploadScenarios.java against tests/servers/scripted_server.py, which keeps each request
body; the body is read back with the standard library's multipart parser.
"""

from __future__ import annotations

import json
import re
import subprocess
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES, TESTS
from ..servers.scripted_server import ScriptedServer
from .java_tools import RUNTIME_JARS, classpath, javac, missing_jars

STORED = (201, {"Content-Type": "application/json"}, json.dumps({"id": "f-1"}).encode())


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The classpath of the compiled `encodings` Java client and the scenarios; the README's Uploads
    example compiles against it."""
    assert not missing_jars(), f"missing Java jars {missing_jars()}: run ./dev setup"
    root = tmp_path_factory.mktemp("java-uploads")
    spec = root / "openapi.yaml"
    spec.write_text((FIXTURES / "encodings" / "openapi.yaml").read_text())
    config = FIXTURES / "encodings" / "openapi.sdkgen.yaml"
    (root / "openapi.sdkgen.yaml").write_text((config.read_text() if config.exists() else "") + "\ntargets: [java]\n")
    write_tree(render_spec(spec, root / "out").files, root / "out")
    classes = root / "classes"
    compiled = javac(sorted((root / "out" / "java" / "src" / "main").rglob("*.java")), classes, classpath(*RUNTIME_JARS))
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    scenarios = root / "scenarios"
    compiled = javac([TESTS / "java" / "UploadScenarios.java"], scenarios, classpath(*RUNTIME_JARS, extra=(classes,)))
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    readme = (root / "out" / "java" / "README.md").read_text()
    (block,) = re.findall(r"## Uploads\n.*?```java\n(.*?)```", readme, re.S)
    imports = [line for line in block.splitlines() if line.startswith("import ")]
    body = "\n".join(line for line in block.splitlines() if not line.startswith("import "))
    example = root / "example" / "UploadsExample.java"
    example.parent.mkdir()
    example.write_text("\n".join(imports) + "\n\nclass UploadsExample {\n  void run() {\n" + body + "\n  }\n}\n")
    compiled = javac([example], root / "example-classes", classpath(*RUNTIME_JARS, extra=(classes,)))
    assert compiled.returncode == 0, "the README's Uploads example:\n" + compiled.stdout + compiled.stderr
    return classpath(*RUNTIME_JARS, extra=(classes, scenarios))


def _upload(cp: str, scenario: str, *extra: str) -> list[Message]:
    """The parts of the multipart body the server received for `scenario`."""
    with ScriptedServer(STORED) as server:
        command = ["java", "-cp", cp, "UploadScenarios", server.base_url, scenario, *extra]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.strip() == "f-1"
        (body,) = server.received
        (head,) = server.request_headers
    content_type = next(v for k, v in head if k.lower() == "content-type")
    assert content_type.startswith("multipart/form-data; boundary=")
    message = message_from_bytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    assert message.is_multipart()
    return list(message.get_payload())  # type: ignore[arg-type]


def _part(parts: list[Message], name: str) -> Message:
    (part,) = [p for p in parts if p.get_param("name", header="content-disposition") == name]
    return part


def test_a_path_uploads_under_its_own_name_and_guessed_type(client: str, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really\x00\xff")
    parts = _upload(client, "path", str(pdf))
    file = _part(parts, "file")
    assert file.get_filename() == "report.pdf" and file.get_content_type() == "application/pdf"
    assert file.get_payload(decode=True) == pdf.read_bytes()
    assert _part(parts, "purpose").get_payload() == "document"


def test_a_stream_and_bytes_upload_with_the_name_and_type_given(client: str) -> None:
    parts = _upload(client, "stream")
    file = _part(parts, "file")
    assert file.get_filename() == "upload" and file.get_content_type() == "application/octet-stream"
    assert file.get_payload(decode=True) == b"from a stream"
    raw = _part(parts, "attachments")
    assert raw.get_filename() == "raw.bin" and raw.get_content_type() == "application/x-raw"
    assert raw.get_payload(decode=True) == bytes([0, 1, 2, 255])


def test_a_filename_cannot_break_the_part_header(client: str) -> None:
    parts = _upload(client, "bytes")
    file = _part(parts, "file")
    assert file.get_payload(decode=True) == b"abc"
    assert "\r" not in str(file.get_filename()) and "\n" not in str(file.get_filename())
    assert file.get_content_type() == "text/plain"  # guessed from the name's .txt
