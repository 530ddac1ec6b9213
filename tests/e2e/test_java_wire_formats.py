"""The Java client spells every parameter style on the wire byte for byte as the Python client does.

The `encodings` fixture (tests/fixtures/encodings) is rendered once for both
targets. Each scenario makes the same call with each client (the Java calls are
in tests/java/WireScenarios.java) against a loopback server that records the
request line and headers as they arrived; the two must be identical for the
path, the query and every header a parameter sets.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES, ROOT
from ..servers.recording_server import RecordingServer
from .java_tools import RUNTIME_JARS, classpath, javac, missing_jars

AWKWARD = "a b!*'();:@&=+$,/?#[]~|%\"\u00e9\u20ac"  # as WireScenarios.AWKWARD
PARAMETER_HEADERS = {"cookie", "x-trace", "x-range", "x-range-exploded", "x-ids"}

# The calls of tests/java/WireScenarios.java, made with the Python client.
SCENARIOS: dict[str, Callable[[Any], object]] = {
    "quote": lambda c: c.params.get_quote(
        "a/b c", ids=[1, 2], tags=["x", "y z"], filter={"side": "buy & sell", "min": 1}, symbols=["A", "B|C"],
        x_trace=["a", "b"], session="s v;1", import_=True,
    ),
    "styles": lambda c: c.styles.get_styles(
        ["p q", "r/s"], {"min": 1, "max": 2}, ["a", "b c"], {"min": 3, "max": 4}, {"min": 5, "max": 6}, ["k", "l;m"],
        count=3, range={"min": 1, "max": 5}, bounds={"min": 0, "max": 9},
        words=["hello world", "x"], piped=[1.5, 2.0, 0.00001, 1e16, -0.25],
        deep={"side": "buy", "range": {"min": 1, "max": 2}, "venues": ["X", "Y"]}, x_range={"min": 1, "max": 2},
        x_range_exploded={"min": 3, "max": 4}, x_ids=[1, 2, 3], prefs=["a b", "c;d"], where={"min": 5, "max": 6},
    ),
    "awkward": lambda c: c.styles.get_styles(
        [AWKWARD, "."], {"min": 1, "max": 2}, [AWKWARD, "."], {"min": 1, "max": 2}, {AWKWARD: AWKWARD}, [AWKWARD],
        words=[AWKWARD, AWKWARD],
        deep={"side": AWKWARD, "venues": [AWKWARD, "b"]}, prefs=[AWKWARD], x_range={"min": 1, "max": 2},
        x_range_exploded={}, x_ids=[],
    ),
    # The client's default Cookie header is kept, the cookie parameters appended; a call's header wins.
    "cookies": lambda c: c.params.get_quote(
        "q", x_trace=["a"], session="ab/c+d==", extra_headers={"x-trace": "from the call"},
    ),
    "required-only": lambda c: c.styles.get_styles(
        ["..."], {"max": 7}, [], {"max": 8}, {}, [], words=[], x_range={"min": 1, "max": 2},
        x_range_exploded={"min": 1, "max": 2}, x_ids=[1],
    ),
}

Request = tuple[str, list[tuple[str, str]]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("java-wire")
    (folder / "openapi.yaml").write_text((FIXTURES / "encodings" / "openapi.yaml").read_text())
    (folder / "openapi.sdkgen.yaml").write_text("targets: [python, java]\n")
    write_tree(render_spec(folder / "openapi.yaml", folder / "out").files, folder / "out")
    return folder / "out"


@pytest.fixture(scope="module")
def python_client(rendered: Path) -> Iterator[Any]:
    sys.path.insert(0, str(rendered / "python"))
    try:
        yield importlib.import_module("encodings_")
    finally:
        sys.path.remove(str(rendered / "python"))


@pytest.fixture(scope="module")
def java_classes(rendered: Path) -> Path:
    assert not missing_jars(), f"missing Debian jars {missing_jars()} in /usr/share/java: run ./dev setup"
    classes = rendered.parent / "classes"
    sources = sorted((rendered / "java" / "src" / "main" / "java").rglob("*.java"))
    result = javac(sources, classes, classpath(*RUNTIME_JARS))
    assert result.returncode == 0, result.stdout + result.stderr
    driver = ROOT / "tests" / "java" / "WireScenarios.java"
    scenarios = javac([driver], rendered.parent / "scenarios", classpath(*RUNTIME_JARS, extra=(classes,)))
    assert scenarios.returncode == 0, scenarios.stdout + scenarios.stderr
    return classes


def _sent(request: Request) -> tuple[str, list[tuple[str, str]]]:
    """The request line, and the headers parameters set, as they arrived."""
    line, headers = request
    return line, [(name.lower(), value) for name, value in headers if name.lower() in PARAMETER_HEADERS]


@pytest.fixture(scope="module")
def sent(python_client: Any, java_classes: Path) -> dict[str, tuple[Request, Request]]:
    """scenario -> (what the Python client sent, what the Java client sent)."""
    with RecordingServer() as server:
        for name, call in SCENARIOS.items():
            defaults = {"Cookie": "tracking=1"} if name == "cookies" else None
            options = {"api_key": "k", "base_url": server.base_url, "max_retries": 0, "default_headers": defaults}
            with python_client.Encodings(**options) as client:
                call(client)
        python = list(server.seen)
        server.seen.clear()
        cp = classpath(*RUNTIME_JARS, extra=(java_classes, java_classes.parent / "scenarios"))
        command = ["java", "-cp", cp, "WireScenarios", server.base_url, *SCENARIOS]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        java = list(server.seen)
    assert len(python) == len(java) == len(SCENARIOS)
    return {name: (p, j) for name, p, j in zip(SCENARIOS, python, java, strict=True)}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_java_sends_the_bytes_python_sends(sent: dict[str, tuple[Request, Request]], scenario: str) -> None:
    python, java = sent[scenario]
    assert _sent(java) == _sent(python)


def _query(line: str) -> list[tuple[str, str]]:
    pairs = (pair.partition("=") for pair in line.split(" ")[1].partition("?")[2].split("&"))
    return [(unquote_plus(k), unquote_plus(v)) for k, _, v in pairs]


def test_each_style_is_spelled_as_openapi_says(sent: dict[str, tuple[Request, Request]]) -> None:
    """Not only alike: right (OpenAPI 3, "Style Values"), read back from what the Java client sent."""
    line, headers = _sent(sent["styles"][1])
    path = line.split(" ")[1].partition("?")[0].split("/")[2:]
    assert path == [
        "p%20q%2Cr%2Fs",  # simple
        "min%3D1%2Cmax%3D2",  # simple, exploded
        ".a.b%20c",  # label, exploded
        ".min%2C3%2Cmax%2C4",  # label
        ";min=5;max=6",  # matrix, exploded
        ";keys=k%2Cl%3Bm",  # matrix
    ]
    assert _query(line) == [
        ("count", "3"),  # a primitive is the same in every style
        ("range", "min,1,max,5"),  # form, not exploded
        ("min", "0"), ("max", "9"),  # form, exploded: the members are the parameters
        ("words", "hello world x"),  # spaceDelimited
        ("piped", "1.5|2.0|1e-05|1e+16|-0.25"),  # pipeDelimited; numbers as Python writes them
        ("deep[side]", "buy"), ("deep[range][min]", "1"), ("deep[range][max]", "2"),  # deepObject, nested
        ("deep[venues][0]", "X"), ("deep[venues][1]", "Y"),
    ]
    assert headers == [
        ("x-range", "min,1,max,2"),  # simple
        ("x-range-exploded", "min=3,max=4"),  # simple, exploded
        ("x-ids", "1,2,3"),
        ("cookie", "prefs=a%20b,c%3Bd; where=min%2C5%2Cmax%2C6"),  # escaped: a value cannot add a cookie
    ]
    quote_line, quote_headers = _sent(sent["quote"][1])
    assert _query(quote_line)[:2] == [("ids", "1,2"), ("tags", "x")]  # form not exploded; exploded
    assert ("symbols", "A|B|C") in _query(quote_line)  # pipeDelimited: a "|" inside a value is not escaped apart
    assert ("x-trace", "a,b") in quote_headers
    cookies = sorted(_sent(sent["cookies"][1])[1])
    assert cookies == [("cookie", "tracking=1; session=ab/c+d=="), ("x-trace", "from the call")]


UNSENDABLE = """
openapi: 3.0.3
info: {title: Unsendable, version: '1'}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, style: deepObject, schema: {type: string}}
        - {name: next, in: query, allowReserved: true, schema: {type: string}}
      responses:
        '204': {description: ok}
"""


def test_a_style_neither_client_sends_is_warned_once_where_it_is_written(tmp_path: Path) -> None:
    (tmp_path / "openapi.yaml").write_text(UNSENDABLE)
    (tmp_path / "openapi.sdkgen.yaml").write_text("targets: [python, java]\n")
    rendered = render_spec(tmp_path / "openapi.yaml", tmp_path / "out", lenient=True)  # a path can't be deepObject
    warned = [(w.location.pointer, w.message) for w in rendered.warnings if w.code == "unsupported-parameter-style"]
    assert [pointer for pointer, _ in warned] == [
        "/paths/~1items~1{id}/get/parameters/0/style",
        "/paths/~1items~1{id}/get/parameters/1/allowReserved",
    ]
    assert "'deepObject'" in warned[0][1] and "sent as 'simple'" in warned[0][1]
    java = next(text for name, text in rendered.files.items() if name.endswith("/ItemGetItemParams.java"))
    assert "ApiRequest.Style.SIMPLE, false)" in java  # both clients send what the warning says: the simple style
