"""The Java client's auto-pagination, in every style, against a real server (README, "Pagination").

The `pagination` fixture's Java client is compiled with `-Xlint:all -Werror`, and
tests/java/PagingScenarios.java drives it against tests/servers/paging_server.py, the
server the Python client's pagination tests use: a list method returns its first page
(`XPage`, the response's typed fields, `items()`, `hasNextPage()`, `nextPageParams()`,
`nextPage()`), `autoPager()` yields every item of every page and fetches each next page
only when iteration reaches it; the async client's pages do the same with futures.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import render_spec
from generator.write import write_tree

from ..conftest import FIXTURES, TESTS
from ..servers.paging_server import ARTICLES, CHARGES, EVENTS, POSITIONS, REPORTS, REPOS, PagingServer
from .java_tools import RUNTIME_JARS, classpath, javac, missing_jars

SYMBOLS = [p["symbol"] for p in POSITIONS]


@pytest.fixture(scope="module")
def classpath_(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The pagination fixture's Java client and PagingScenarios, compiled with every lint as an error."""
    assert not missing_jars(), f"missing Debian jars {missing_jars()} in /usr/share/java: run ./dev setup"
    folder = tmp_path_factory.mktemp("java-paging") / "pagination"
    shutil.copytree(FIXTURES / "pagination", folder, ignore=shutil.ignore_patterns("expected"))
    config = folder / "openapi.sdkgen.yaml"
    config.write_text(config.read_text() + "\ntargets: [python, java]\n")
    write_tree(render_spec(folder / "openapi.yaml", folder / "out").files, folder / "out")
    classes = folder / "classes"
    sources = sorted((folder / "out" / "java" / "src" / "main" / "java").rglob("*.java"))
    result = javac(sources, classes, classpath(*RUNTIME_JARS))
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    scenarios = folder / "scenarios"
    result = javac([TESTS / "java" / "PagingScenarios.java"], scenarios, classpath(*RUNTIME_JARS, extra=(classes,)))
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    return classpath(*RUNTIME_JARS, extra=(classes, scenarios))


@pytest.fixture
def server() -> Any:
    with PagingServer() as running:
        yield running


def run(cp: str, scenario: str, server: PagingServer, stdin: str = "") -> dict[str, Any]:
    command = ["java", "-cp", cp, "PagingScenarios", scenario, server.base_url]
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    out: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return out


def sent(server: PagingServer, name: str) -> list[str | None]:
    return [query.get(name) for _, query in server.requests]


def test_a_list_method_returns_its_first_page_with_the_response_fields(classpath_: str, server: PagingServer) -> None:
    out = run(classpath_, "positions", server)
    assert out["first"] == SYMBOLS[:3]
    assert out["next_page_token"] == "3" and out["has_next_page"] is True
    assert out["request_id"] == "req-1"
    assert "pageToken=Optional[3]" in out["next_params"] and "pageSize=Optional[3]" in out["next_params"]
    assert out["all"] == SYMBOLS
    assert sent(server, "page_token") == [None, "3", "6"]
    assert all(query["page_size"] == "3" for _, query in server.requests)


def test_pages_one_at_a_time_and_none_after_the_last(classpath_: str, server: PagingServer) -> None:
    out = run(classpath_, "pages", server)
    assert out["sizes"] == [3, 3, 1]
    assert out["second"] == SYMBOLS[3:6]
    assert out["last_has_next_page"] is False and out["last_next_params"] is False
    assert "last page" in out["after_last"]
    # The first page, its next page twice (nextPage() and the walk), the last; none after it.
    assert sent(server, "page_token") == [None, "3", "3", "6"]


def test_each_style_pages_to_the_end(classpath_: str, server: PagingServer) -> None:
    assert run(classpath_, "charges", server) == {"has_more": True, "all": [c["id"] for c in CHARGES]}
    assert sent(server, "starting_after") == [None, "ch_1", "ch_3"]
    server.requests.clear()
    assert run(classpath_, "reports", server)["all"] == [r["name"] for r in REPORTS]
    assert sent(server, "from") == [None, "2"]


def test_offset_and_page_numbers_end_at_an_empty_page(classpath_: str, server: PagingServer) -> None:
    assert run(classpath_, "events", server)["all"] == [str(e["id"]) for e in EVENTS]
    assert sent(server, "offset") == [None, "2", "4", "5"]
    server.requests.clear()
    assert run(classpath_, "articles", server)["all"] == [a["title"] for a in ARTICLES]
    assert sent(server, "page") == [None, "2", "3", "4"]
    server.requests.clear()
    server.max_page_size = 2  # asked for 3, sent 2: a short page is not the end
    assert len(run(classpath_, "events3", server)["all"]) == len(EVENTS)
    assert sent(server, "offset") == [None, "2", "4", "5"]


def test_a_cursor_that_does_not_move_ends_the_list(classpath_: str, server: PagingServer) -> None:
    server.stuck_cursor = True
    assert run(classpath_, "stuck", server)["all"] == SYMBOLS[3:6]
    assert len(server.requests) == 1


def test_link_header_pages_absolute_and_relative(classpath_: str, server: PagingServer) -> None:
    out = run(classpath_, "repos", server)
    assert out["first"] == ["repo-0", "repo-1"] and out["has_next_page"] is True
    assert out["all"] == [r["name"] for r in REPOS]
    assert sent(server, "page") == [None, "2", "3"]
    assert all(query["per_page"] == "2" for _, query in server.requests)
    server.requests.clear()
    server.relative_links = True
    assert run(classpath_, "repos", server)["all"] == [r["name"] for r in REPOS]
    assert sent(server, "page") == [None, "2", "3"]


def test_a_link_to_another_host_is_not_followed(classpath_: str, server: PagingServer) -> None:
    server.link_host = "http://127.0.0.2:9"  # it would be sent the API key
    out = run(classpath_, "repos", server)
    assert out["has_next_page"] is False and out["all"] == ["repo-0", "repo-1"] and len(server.requests) == 1


def test_the_next_page_is_fetched_only_when_iteration_reaches_it(classpath_: str, server: PagingServer) -> None:
    command = ["java", "-cp", classpath_, "PagingScenarios", "lazy", server.base_url]
    pipe = subprocess.PIPE
    process = subprocess.Popen(command, stdin=pipe, stdout=pipe, stderr=pipe, text=True)
    counts: dict[str, int] = {}
    try:
        assert process.stdin is not None and process.stdout is not None
        for _ in range(3):
            line = process.stdout.readline().strip()
            assert line.startswith("wait "), line + (process.stderr.read() if process.stderr else "")
            counts[line.removeprefix("wait ")] = len(server.requests)
            process.stdin.write("go\n")
            process.stdin.flush()
        rest, errors = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, rest + errors
    assert counts == {"first-page": 1, "three-items": 1, "four-items": 2}
    assert json.loads(rest.strip().splitlines()[-1])["all"] == SYMBOLS
    assert len(server.requests) == 3


@pytest.mark.parametrize(("n", "requests"), [(3, 1), (4, 2), (7, 3)])
def test_a_limited_stream_fetches_only_the_pages_it_reaches(
    classpath_: str, server: PagingServer, n: int, requests: int
) -> None:
    assert run(classpath_, "limit", server, f"{n}\n")["all"] == SYMBOLS[:n]
    assert len(server.requests) == requests


def test_async_pages_and_auto_pager(classpath_: str, server: PagingServer) -> None:
    out = run(classpath_, "async_positions", server)
    assert out["next_page_token"] == "3" and out["has_next_page"] is True
    assert out["second"] == SYMBOLS[3:6] and out["all"] == SYMBOLS
    assert out["after_last"] == "NoSuchElementException"
    # The first page, nextPage(), the walk from the first page on (its two next pages), then
    # second.nextPage(): the last page once more.
    assert sent(server, "page_token") == [None, "3", "3", "6", "6"]


def test_async_auto_pager_in_every_style(classpath_: str, server: PagingServer) -> None:
    expected = [c["id"] for c in CHARGES] + [str(e["id"]) for e in EVENTS] + [a["title"] for a in ARTICLES]
    expected += [r["name"] for r in REPOS] + [r["name"] for r in REPORTS]
    assert run(classpath_, "async_styles", server)["all"] == expected
    paths = [path for path, _ in server.requests]
    counts = {"/v1/charges": 3, "/v1/events": 4, "/v1/articles": 4, "/v1/repos": 3, "/v1/reports": 2}
    assert paths == [path for path, n in counts.items() for _ in range(n)]


@pytest.mark.parametrize(("n", "requests"), [(3, 1), (4, 2)])
def test_async_for_each_stops_when_told_and_fetches_no_further(
    classpath_: str, server: PagingServer, n: int, requests: int
) -> None:
    assert run(classpath_, "async_lazy", server, f"{n}\n")["all"] == SYMBOLS[:n]
    assert len(server.requests) == requests


def test_async_handler_error_fails_the_future(classpath_: str, server: PagingServer) -> None:
    assert run(classpath_, "async_error", server)["error"] == "handler failed at SYM0"
    assert len(server.requests) == 1


def test_the_fixture_pages_every_list_it_can_in_java(tmp_path: Path) -> None:
    """The page classes exist for every paginated operation, sync and async; listTags stays a plain list."""
    folder = tmp_path / "pagination"
    shutil.copytree(FIXTURES / "pagination", folder, ignore=shutil.ignore_patterns("expected"))
    (folder / "openapi.sdkgen.yaml").write_text((folder / "openapi.sdkgen.yaml").read_text() + "\ntargets: [java]\n")
    files = render_spec(folder / "openapi.yaml", folder / "out").files
    pages = sorted(Path(p).stem for p in files if "/models/" in p and Path(p).stem.endswith(("Page", "PageAsync")))
    stems = ["ArticleListArticles", "ChargeListCharges", "EventListEvents", "PositionListPositions"]
    stems += ["RepoListRepos", "ReportListReports"]
    assert pages == sorted([s + "Page" for s in stems] + [s + "PageAsync" for s in stems])
    service = next(text for path, text in files.items() if path.endswith("blocking/v1/ReportService.java"))
    assert "public ReportListReportsPage listReports(" in service and "public List<String> listTags(" in service
