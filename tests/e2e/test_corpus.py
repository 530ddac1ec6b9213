"""Real public specs generate clean, typed clients (tests/e2e/corpus.py lists them).

For each spec, through the CLI a user would run:
- generation succeeds;
- every operation in the spec is a generated method, once: compared as
  (METHOD, path) pairs read from the generated code, not as a count, so a
  dropped operation cannot hide behind a duplicated one;
- every generated module imports;
- `mypy --strict` reports zero errors;
- black leaves every generated file as it is (ruff formats them);
- where the spec's entry says so, its generated test suite passes against Prism
  (`prism_suite`: "test" in every run, "corpus" with `--corpus-giants`).

The larger specs (`giant` in corpus.py) run only with `--corpus-giants`, which
`./dev corpus` passes.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import ROOT
from . import corpus
from .test_black_stable import black_changes


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def spec_operations(document: Any) -> Counter[tuple[str, str]]:
    """(METHOD, path) of every operation under `paths`, read straight from the document."""
    out: Counter[tuple[str, str]] = Counter()
    for path, item in (document.get("paths") or {}).items():
        if isinstance(item, dict) and isinstance(item.get("$ref"), str) and item["$ref"].startswith("#/"):
            item = _follow(document, item["$ref"])
        for method in corpus.HTTP_METHODS:
            if isinstance(item, dict) and isinstance(item.get(method), dict):
                out[(method.upper(), str(path))] += 1
    return out


def _follow(document: Any, ref: str) -> Any:
    node = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def generated_operations(package: Path) -> Counter[tuple[str, str]]:
    """(METHOD, path) of every method of every sync resource class, read from the code."""
    out: Counter[tuple[str, str]] = Counter()
    for module in sorted((package / "resources").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for cls in tree.body:
            if not isinstance(cls, ast.ClassDef) or not any(isinstance(b, ast.Name) and b.id == "SyncAPIResource" for b in cls.bases):
                continue
            for call in ast.walk(cls):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "RequestOptions":
                    kw = {k.arg: k.value for k in call.keywords}
                    method, path = kw["method"], kw["path"]
                    assert isinstance(method, ast.Constant) and isinstance(path, ast.Call) and isinstance(path.args[0], ast.Constant)
                    out[(str(method.value).upper(), str(path.args[0].value))] += 1
    return out


IMPORT_ALL = """
import importlib, json, pkgutil, sys
name = sys.argv[1]
failed = {}
package = importlib.import_module(name)
count = 1
for info in pkgutil.walk_packages(package.__path__, name + "."):
    count += 1
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed[info.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps({"count": count, "failed": failed}))
"""


@pytest.mark.parametrize("spec", corpus.SPECS, ids=[s.id for s in corpus.SPECS])
def test_corpus_spec_generates_a_clean_typed_client(spec: corpus.CorpusSpec, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> None:
    if spec.giant and not request.config.getoption("--corpus-giants"):
        pytest.skip(f"{spec.id} takes minutes: `./dev corpus` runs it")
    _start_java(spec, tmp_path_factory)  # its result is test_corpus_spec_generates_a_java_client_that_compiles'
    source = corpus.spec_path(spec)
    out = tmp_path / "client"
    lenient = ["--lenient"] if spec.lenient else []
    run = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(source), "--output", str(out), *lenient],
        cwd=ROOT, capture_output=True, text=True, timeout=3600,
    )
    assert run.returncode == 0, f"{spec.id}: generation failed:\n{run.stderr[-4000:]}"
    if spec.lenient:
        assert "read leniently" in run.stdout and "warning[lenient]" in run.stderr, run.stdout
    (package,) = [p.parent for p in out.glob("*/__init__.py") if p.parent.name != "tests"]

    expected = spec_operations(_load(source))
    generated = generated_operations(package)
    assert sum(expected.values()) > 0
    missing, extra = expected - generated, generated - expected
    assert not missing and not extra, f"{spec.id}: {len(missing)} operations missing {sorted(missing)[:10]}, {len(extra)} extra {sorted(extra)[:10]}"

    imported = subprocess.run([sys.executable, "-c", IMPORT_ALL, package.name], cwd=out, capture_output=True, text=True, timeout=3600)
    assert imported.returncode == 0, imported.stderr[-4000:]
    result = json.loads(imported.stdout)
    assert result["count"] >= 2 and not result["failed"], f"{spec.id}: {len(result['failed'])} of {result['count']} modules fail to import: {dict(list(result['failed'].items())[:10])}"

    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy-cache"), package.name],
        cwd=out, capture_output=True, text=True, timeout=3600,
    )
    assert mypy.returncode == 0, f"{spec.id}: mypy --strict:\n" + "\n".join(mypy.stdout.splitlines()[-40:])

    # ruff formatted it; black, the reference, must leave it byte for byte as it is.
    assert black_changes(out) == "", f"{spec.id}: black would reformat:\n{black_changes(out)}"

    # Its generated tests, as a user first runs them, against Prism: a test Prism cannot serve
    # was generated skipped, with the reason; none may fail.
    if spec.prism_suite == "test" or (spec.prism_suite == "corpus" and request.config.getoption("--corpus-giants")):
        suite = subprocess.run(
            [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
            cwd=out, capture_output=True, text=True, timeout=1800,
            env={**os.environ, "SDKGEN_PRISM": str(ROOT / "node_modules" / ".bin" / "prism")},
        )
        summary = suite.stdout.strip().splitlines()[-1] if suite.stdout.strip() else suite.stderr[-2000:]
        assert suite.returncode == 0 and " passed" in summary and "failed" not in summary, f"{spec.id}: {summary}\n{suite.stdout[-6000:]}"


JAVA_STREAM_TWIN = "ObjectNode body = (ObjectNode) params._body();"  # templates/java/macros/service.jinja


def _java_client(spec: corpus.CorpusSpec, workdir: Path) -> str | None:
    """Render `spec` with `targets: [java]` and compile it: None, or what went wrong."""
    from .java_tools import RUNTIME_JARS, TEST_JARS, classpath, javac

    source = corpus.spec_path(spec)
    folder = workdir / "spec"
    folder.mkdir()
    copy = folder / source.name
    shutil.copy(source, copy)
    copy.with_name(copy.stem + ".sdkgen.yaml").write_text("targets: [java]\n")
    out = workdir / "client"
    run = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(copy), "--output", str(out), *(["--lenient"] if spec.lenient else [])],
        cwd=ROOT, capture_output=True, text=True, timeout=3600,
    )
    if run.returncode != 0:
        return f"{spec.id}: generation failed:\n{run.stderr[-4000:]}"
    sources = sorted((out / "java" / "src").rglob("*.java"))
    blocking = [s.read_text() for s in sources if "/services/blocking/" in s.as_posix() or s.name.endswith("Client.java")]
    # An operation that streams on request also has a streaming twin, which sets the switch in its own request.
    twins = sum(text.count(JAVA_STREAM_TWIN) for text in blocking)
    calls = sum(text.count("ApiRequest.builder(") for text in blocking) - twins
    if calls != sum(spec_operations(_load(source)).values()):
        return f"{spec.id}: {calls} Java methods (and {twins} streaming twins)"
    compiled = javac(sources, workdir / "classes", classpath(*RUNTIME_JARS, *TEST_JARS))
    if compiled.returncode != 0:
        return f"{spec.id}: javac:\n" + "\n".join(compiled.stderr.splitlines()[:40])
    return None


# The Java checks run on a second thread, started by the Python check of the same spec: javac and
# mypy then use both cores instead of taking turns (the corpus is most of the suite's time).
_JAVA = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corpus-java")
_JAVA_RESULTS: dict[str, Future[str | None]] = {}


def _start_java(spec: corpus.CorpusSpec, factory: pytest.TempPathFactory) -> Future[str | None]:
    if spec.id not in _JAVA_RESULTS:
        _JAVA_RESULTS[spec.id] = _JAVA.submit(_java_client, spec, factory.mktemp(f"java-{spec.id}"))
    return _JAVA_RESULTS[spec.id]


@pytest.mark.parametrize("spec", corpus.SPECS, ids=[s.id for s in corpus.SPECS])
def test_corpus_spec_generates_a_java_client_that_compiles(spec: corpus.CorpusSpec, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> None:
    """The same spec with `targets: [java]`: every operation becomes one Java method, and the
    client and its generated tests compile with `javac --release 17 -Xlint:all -Werror`."""
    if spec.giant and not request.config.getoption("--corpus-giants"):
        pytest.skip(f"{spec.id} takes minutes: `./dev corpus` runs it")
    problem = _start_java(spec, tmp_path_factory).result()
    assert problem is None, problem


# Pagination the rule must find (README, "Pagination"): style -> at least this many operations.
PAGINATED = {"github": {"link": 150}, "stripe": {"cursor_from_item": 100}, "gitbook": {"cursor": 50}}


@pytest.mark.parametrize("spec", [s for s in corpus.SPECS if s.id in PAGINATED], ids=sorted(PAGINATED, key=[s.id for s in corpus.SPECS].index))
def test_corpus_pagination_is_detected(spec: corpus.CorpusSpec, request: pytest.FixtureRequest) -> None:
    """GitHub's Link headers, Stripe's starting_after/has_more, GitBook's cursor in the body."""
    if spec.giant and not request.config.getoption("--corpus-giants"):
        pytest.skip(f"{spec.id} takes minutes: `./dev corpus` runs it")
    from generator.pipeline import build_spec

    model = build_spec(corpus.spec_path(spec), Path("unused")).model
    found = Counter(op.pagination.style for op in model.operations if op.pagination is not None)
    for style, at_least in PAGINATED[spec.id].items():
        assert found[style] >= at_least, f"{spec.id}: {dict(found)}"


@pytest.mark.parametrize("spec", [s for s in corpus.SPECS if s.lenient], ids=[s.id for s in corpus.SPECS if s.lenient])
def test_an_invalid_spec_is_refused_unless_lenient(spec: corpus.CorpusSpec, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Strict is the default: a spec's owner wants CI to fail on an invalid spec."""
    if spec.giant and not request.config.getoption("--corpus-giants"):
        pytest.skip(f"{spec.id} takes minutes: `./dev corpus` runs it")
    out = tmp_path / "client"
    run = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(corpus.spec_path(spec)), "--output", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=3600,
    )
    assert run.returncode == 2 and "invalid OpenAPI" in run.stderr and not out.exists(), run.stderr[-2000:]


def test_anthropic_streams_messages_where_the_config_names_the_event(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Anthropic's spec answers every operation with JSON only and declares no event stream; the config's
    `streaming` section names one event's schema, and `stream=True` then streams (README, "Streaming and files")."""
    spec = next(s for s in corpus.SPECS if s.id == "anthropic")
    if not request.config.getoption("--corpus-giants"):
        pytest.skip(f"{spec.id} takes minutes: `./dev corpus` runs it")
    from generator.ir import RefType
    from generator.pipeline import build_spec

    source = corpus.spec_path(spec)
    assert "text/event-stream" not in source.read_text(encoding="utf-8")
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    copy.with_name(copy.stem + ".sdkgen.yaml").write_text(
        "streaming:\n  messages_post: {event: MessageStreamEvent}\n  beta_messages_post: {event: BetaMessageStreamEvent}\n"
    )
    model = build_spec(copy, tmp_path / "unused", lenient=True).model
    ops = {op.operation_id: op for op in model.operations}
    for op_id, event in (("messages_post", "MessageStreamEvent"), ("beta_messages_post", "BetaMessageStreamEvent")):
        streaming = ops[op_id].streaming
        assert ops[op_id].streams_on_request and streaming is not None and streaming.switch is not None, op_id
        assert streaming.switch.wire_name == "stream" and streaming.status == "200"
        assert isinstance(streaming.event, RefType) and streaming.event.decl.source.endswith(f"#/components/schemas/{event}")
    assert sorted(op.operation_id for op in model.operations if op.streaming is not None) == ["beta_messages_post", "messages_post"]
