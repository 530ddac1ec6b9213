"""Auto-pagination against a real server, in every style (README, "Pagination").

The `pagination` fixture's client is driven against tests/servers/paging_server.py. A
list method sends one request and returns its first page, with the response's
typed fields; iterating the page yields every item of every page, fetching each
next page only when iteration reaches it.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import build_spec

from ..conftest import FIXTURES, VENV_BIN
from ..servers.paging_server import ARTICLES, CHARGES, EVENTS, POSITIONS, REPORTS, REPOS, PagingServer
from .conftest import import_fixture_client


@pytest.fixture(scope="module")
def paging(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return import_fixture_client("pagination", tmp_path_factory.mktemp("paging"))


@pytest.fixture
def server() -> Any:
    with PagingServer() as running:
        yield running


def client(paging: Any, server: PagingServer) -> Any:
    return paging.Paging(api_key="k", base_url=server.base_url)


def test_the_rule_and_the_config_decide_each_style() -> None:
    built = build_spec(FIXTURES / "pagination" / "openapi.yaml", FIXTURES / "pagination" / "expected")
    styles = {op.operation_id: op.pagination.style if op.pagination else None for op in built.model.operations}
    repos = next(op for op in built.model.operations if op.operation_id == "listArticles")
    assert repos.pagination is not None and repos.pagination.first_page == 1
    assert styles == {
        "listPositions": "cursor",
        "listCharges": "cursor_from_item",
        "listEvents": "offset",
        "listArticles": "page",
        "listRepos": "link",
        "listReports": "cursor",  # set in the config
        "listTags": None,  # the rule would say offset; the config says none
    }


def test_cursor_in_the_body_first_call_sends_one_request(paging: Any, server: PagingServer) -> None:
    """Clear Street's shape: `page_token` in, `metadata.next_page_token` out, null on the last page."""
    page = client(paging, server).v1.positions.list_positions(account_id=7, page_size=3)
    assert len(server.requests) == 1
    assert isinstance(page, paging.pages.ListPositionsPage) and isinstance(page, paging.types.PositionPage)
    assert [p.symbol for p in page.data] == ["SYM0", "SYM1", "SYM2"]
    assert page.metadata.next_page_token == "3" and page.has_next_page()
    symbols = [position.symbol for position in page]
    assert symbols == [p["symbol"] for p in POSITIONS]
    assert [q.get("page_token") for _, q in server.requests] == [None, "3", "6"]
    assert all(q["page_size"] == "3" for _, q in server.requests)


def test_pages_one_at_a_time(paging: Any, server: PagingServer) -> None:
    first = client(paging, server).v1.positions.list_positions(account_id=7, page_size=3)
    pages = list(first.iter_pages())
    assert [len(p.data) for p in pages] == [3, 3, 1] and len(server.requests) == 3
    last = pages[-1]
    assert not last.has_next_page()
    with pytest.raises(RuntimeError, match="last page"):
        last.get_next_page()
    second = first.get_next_page()
    assert [p.symbol for p in second.data] == ["SYM3", "SYM4", "SYM5"]


def test_stripe_cursor_from_the_last_item(paging: Any, server: PagingServer) -> None:
    page = client(paging, server).v1.charges.list_charges(limit=2)
    assert page.has_more is True
    assert [c.id for c in page] == [c["id"] for c in CHARGES]
    assert [q.get("starting_after") for _, q in server.requests] == [None, "ch_1", "ch_3"]


def test_offset_and_page_numbers_end_at_an_empty_page(paging: Any, server: PagingServer) -> None:
    """A short page does not end the list: servers cap the page size (GitHub and Stripe at 100)."""
    c = client(paging, server)
    assert [e.id for e in c.v1.events.list_events(limit=2)] == [e["id"] for e in EVENTS]
    assert [q.get("offset") for _, q in server.requests] == [None, "2", "4", "5"]
    server.requests.clear()
    assert [a.title for a in c.v1.articles.list_articles(per_page=2)] == [a["title"] for a in ARTICLES]
    assert [q.get("page") for _, q in server.requests] == [None, "2", "3", "4"]
    server.requests.clear()
    server.max_page_size = 2  # asked for 3, sent 2: not the end
    assert len(list(c.v1.events.list_events(limit=3))) == len(EVENTS)
    assert [q.get("offset") for _, q in server.requests] == [None, "2", "4", "5"]


def test_a_cursor_that_does_not_move_ends_the_list(paging: Any, server: PagingServer) -> None:
    server.stuck_cursor = True  # the next cursor is always the one received
    items = list(client(paging, server).v1.positions.list_positions(account_id=7, page_token="3", page_size=3))
    assert len(items) == 3 and len(server.requests) == 1


def test_a_relative_link_is_followed(paging: Any, server: PagingServer) -> None:
    server.relative_links = True
    assert [r.name for r in client(paging, server).v1.repos.list_repos(per_page=2)] == [r["name"] for r in REPOS]


def test_link_header_pages_and_a_body_that_is_the_list(paging: Any, server: PagingServer) -> None:
    page = client(paging, server).v1.repos.list_repos(per_page=2)
    assert [r.name for r in page.items] == ["repo-0", "repo-1"]
    assert [r.name for r in page] == [r["name"] for r in REPOS]
    assert [q.get("page") for _, q in server.requests] == [None, "2", "3"]


def test_a_link_to_another_host_is_not_followed(paging: Any, server: PagingServer) -> None:
    server.link_host = "http://127.0.0.2:9"  # it would be sent the API key
    page = client(paging, server).v1.repos.list_repos(per_page=2)
    assert not page.has_next_page() and len(list(page)) == 2 and len(server.requests) == 1


def test_a_style_set_in_the_config(paging: Any, server: PagingServer) -> None:
    assert [r.name for r in client(paging, server).v1.reports.list_reports()] == [r["name"] for r in REPORTS]
    assert [q.get("from") for _, q in server.requests] == [None, "2"]
    tags = client(paging, server).v1.reports.list_tags  # turned off: a plain list
    assert tags.__annotations__["return"] == "List[str]"


def test_async_iteration_and_await(paging: Any, server: PagingServer) -> None:
    async def main() -> tuple[list[str], Any, int]:
        async with paging.AsyncPaging(api_key="k", base_url=server.base_url) as c:
            paginator = c.v1.positions.list_positions(account_id=7, page_size=3)
            sent_before_use = len(server.requests)
            symbols = [p.symbol async for p in paginator]
            first = await c.v1.positions.list_positions(account_id=7, page_size=3)
            return symbols, first, sent_before_use

    symbols, first, sent_before_use = asyncio.run(main())
    assert sent_before_use == 0 and symbols == [p["symbol"] for p in POSITIONS]
    assert isinstance(first, paging.pages.AsyncListPositionsPage) and first.metadata.next_page_token == "3"
    assert len(server.requests) == 4  # three pages, then the first page again


def test_raw_response_of_a_page(paging: Any, server: PagingServer) -> None:
    raw = client(paging, server).v1.positions.with_raw_response.list_positions(account_id=7, page_size=3)
    page = raw.parse()
    assert raw.status_code == 200 and len(list(page)) == len(POSITIONS)


TYPED = '''
from typing import assert_type
from paging import AsyncPaging, Paging
from paging.pages import ListPositionsPage
from paging.types import Article, Position, Repo


def sync(client: Paging) -> None:
    page = client.v1.positions.list_positions(account_id=1)
    assert_type(page, ListPositionsPage)
    assert_type(page.metadata.next_page_token, "str | None")
    for position in page:
        assert_type(position, Position)
    for article in client.v1.articles.list_articles():
        assert_type(article, Article)
    for repo in client.v1.repos.list_repos().items:
        assert_type(repo, Repo)


async def asynchronous(client: AsyncPaging) -> None:
    async for position in client.v1.positions.list_positions(account_id=1):
        assert_type(position, Position)
    page = await client.v1.positions.list_positions(account_id=1)
    async for next_page in page.iter_pages():
        assert_type(next_page.data, "list[Position]")
'''


def test_mypy_and_pyright_infer_the_item_type(tmp_path: Path) -> None:
    out = tmp_path / "client"
    from generator.pipeline import render_spec
    from generator.write import write_tree

    write_tree(render_spec(FIXTURES / "pagination" / "openapi.yaml", out).files, out)
    (out / "usage.py").write_text(TYPED)
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11", "usage.py"], cwd=out, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    (out / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict", "include": ["usage.py"]}')
    pyright = subprocess.run([str(VENV_BIN / "pyright"), "--pythonpath", sys.executable], cwd=out, capture_output=True, text=True)
    assert pyright.returncode == 0, pyright.stdout + pyright.stderr


def test_a_pagination_config_the_spec_cannot_satisfy_is_a_located_error(tmp_path: Path) -> None:
    from generator.errors import GenerationError

    spec = tmp_path / "openapi.yaml"
    spec.write_text((FIXTURES / "pagination" / "openapi.yaml").read_text())
    (tmp_path / "openapi.sdkgen.yaml").write_text(
        "pagination:\n  listEvents:\n    style: cursor\n    cursor_param: nope\n  listRepos:\n    style: sideways\n"
    )
    with pytest.raises(GenerationError) as info:
        build_spec(spec, tmp_path / "out")
    lines = [d.format() for d in info.value.diagnostics]
    assert any("openapi.sdkgen.yaml:6:" in l and "/pagination/listRepos/style: config key 'style' must be one of" in l for l in lines), lines
    (tmp_path / "openapi.sdkgen.yaml").write_text("pagination:\n  listEvents:\n    style: cursor\n    cursor_param: nope\n")
    with pytest.raises(GenerationError) as info:
        build_spec(spec, tmp_path / "out")
    (line,) = [d.format() for d in info.value.diagnostics]
    assert "openapi.sdkgen.yaml:4:" in line and "/pagination/listEvents/cursor_param: no query parameter is named 'nope'" in line
    # `default` applies where it fits, and is silent elsewhere.
    (tmp_path / "openapi.sdkgen.yaml").write_text("pagination:\n  default:\n    style: offset\n    offset_param: offset\n")
    styles = {op.operation_id: op.pagination and op.pagination.style for op in build_spec(spec, tmp_path / "out").model.operations}
    assert styles["listEvents"] == styles["listTags"] == "offset" and styles["listPositions"] is None
