"""A diagnostic's line and column: JSON specs are located by walking each pointer's path
(generator/load.py, `_JsonPositions`), which must give what the YAML node index gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.load import _index_positions, _JsonPositions, load_document

from ..conftest import SPEC


def _layouts() -> dict[str, str]:
    data = yaml.safe_load(SPEC.read_text())
    return {
        "indented": json.dumps(data, indent=2),
        "compact": json.dumps(data, separators=(",", ":")),
        "spaced": json.dumps(data, indent="\t", separators=(" , ", " : ")).replace("\n", "\r\n"),
        # Escaped keys, and a duplicate key "x" (YAML's index places its first; we place the last,
        # whose value json.loads keeps; below both find what is inside that value).
        "odd keys": '{"a\\"b": {"x": 1, "x": [1, {"\\u00e9": 2}]}, "~/": [ ] , "": {"": 0}}',
    }


@pytest.mark.parametrize("layout", sorted(_layouts()))
def test_json_positions_match_the_yaml_index(layout: str) -> None:
    text = _layouts()[layout]
    index = _index_positions(text)
    assert len(index) > 5
    positions = _JsonPositions(text)
    for parts, where in index.items():
        if parts == ('a"b', "x"):
            assert positions.position(parts) == (1, text.rindex('"x"') + 1)
            continue
        assert positions.position(parts) == where, parts
    # A pointer past the document: the nearest enclosing node.
    deepest = max(index, key=len)
    assert positions.position((*deepest, "nope", "0")) == index[deepest]


def test_a_json_spec_is_located_without_the_yaml_index(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(_layouts()["indented"])
    doc = load_document(spec)
    location = doc.locate("/paths/~1v1~1accounts~1{account_id}~1positions~1instructions/post/responses/207")
    assert (location.line, location.col) == _index_positions(spec.read_text())[
        ("paths", "/v1/accounts/{account_id}/positions/instructions", "post", "responses", "207")
    ]
    assert doc._positions is None  # the YAML node tree was never built


def test_a_yaml_spec_is_located_from_the_tree_loading_composed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading keeps the node tree it composed; the first diagnostic indexes it, with no second parse."""
    from generator import load

    doc = load_document(SPEC)
    monkeypatch.setattr(load.yaml, "compose", lambda *a, **k: pytest.fail("composed the spec a second time"))
    location = doc.locate("/components/schemas/PositionInstruction/properties/status")
    assert doc._root is None  # the tree is dropped once indexed
    monkeypatch.undo()
    assert doc._positions == _index_positions(SPEC.read_text())
    status = ("components", "schemas", "PositionInstruction", "properties", "status")
    assert (location.line, location.col) == doc._positions[status]
