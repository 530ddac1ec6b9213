"""generator/nesting.py: depth and place found without recursion, and what the loader and
resolver refuse with them (a too-deep text, a bad byte, a schema cycle with nothing in between)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import GenerationError
from generator.load import MAX_DEPTH, _SpecLoader, load_document
from generator.nesting import depth_bound, json_find, yaml_find

from .spec import errors, ref, returning, spec


def flow(depth: int) -> str:
    return "{a: " * depth + "1" + "}" * depth


def block(depth: int) -> str:
    return "".join("  " * level + "a:\n" for level in range(depth)) + "  " * depth + "b: 1\n"


@pytest.mark.parametrize("text", [flow(30), block(30), "- " * 30 + "x\n", "a:\n- b:\n  - c:\n    - 1\n"])
def test_the_bound_is_never_under_the_real_depth(text: str) -> None:
    deepest = yaml_find(text, _SpecLoader, limit=0)
    assert deepest is not None
    real = 0
    while yaml_find(text, _SpecLoader, limit=real) is not None:
        real += 1
    assert depth_bound(text) >= real


def test_yaml_find_names_where_the_nesting_passes_the_limit() -> None:
    assert yaml_find("x:\n  y: " + flow(5), _SpecLoader, limit=3) == (2, 14, "/x/y/a/a")
    assert yaml_find(flow(3), _SpecLoader, limit=3) is None


def test_yaml_find_names_the_node_at_an_index() -> None:
    text = "a: 1\nb:\n  - x\n  - {c: oops}\n"
    assert yaml_find(text, _SpecLoader, index=text.index("oops"))[2] == "/b/1/c"  # type: ignore[index]
    assert yaml_find(text, _SpecLoader, index=text.index("x"))[2] == "/b/0"  # type: ignore[index]


def test_json_find_agrees() -> None:
    text = json.dumps({"a": [1, {"b": [[[[["deep"]]]]]}], "c": "s"})
    assert json_find(text, limit=4) == (text.index("[[[") + 2, "/a/1/b/0/0")
    assert json_find(text, index=text.index('"s"')) == (text.index('"s"'), "/c")
    assert json_find('{"k": "a \\" [ { quoted"}', limit=1) is None  # brackets inside strings are text


def test_a_text_too_deep_for_the_yaml_parser_is_refused_where_it_passes_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("openapi: 3.1.0\nx: " + flow(6_000) + "\n")  # past SAFE_DEPTH: walked before it is parsed
    with pytest.raises(GenerationError) as refused:
        load_document(path)
    (diag,) = refused.value.diagnostics
    assert (diag.location.line, diag.location.pointer.count("/")) == (2, MAX_DEPTH + 1)
    assert diag.message == f"nesting is deeper than {MAX_DEPTH} levels"


def test_too_deep_json_is_located(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"openapi": "3.1.0", "x": ' + "[" * 40_000 + "]" * 40_000 + "}")
    with pytest.raises(GenerationError) as refused:
        load_document(path)
    (diag,) = refused.value.diagnostics
    assert diag.location.line == 1 and diag.location.pointer.startswith("/x/0/0/0")


@pytest.mark.parametrize(
    ("raw", "suffix", "where"),
    [
        (b'openapi: 3.1.0\ninfo:\n  title: "a\x00b"\n', ".yaml", (3, 12, "/info/title")),
        (b'{"openapi": "3.1.0", "info": {"title": "caf\xe9"}}', ".json", (1, 44, "/info/title")),
    ],
)
def test_a_bad_byte_is_refused_at_its_node(tmp_path: Path, raw: bytes, suffix: str, where: tuple[int, int, str]) -> None:
    path = tmp_path / f"spec{suffix}"
    path.write_bytes(raw)
    with pytest.raises(GenerationError) as refused:
        load_document(path)
    loc = refused.value.diagnostics[0].location
    assert (loc.line, loc.col, loc.pointer) == where


@pytest.mark.parametrize(
    ("schemas", "message"),
    [
        ({"A": {"oneOf": [ref("A")]}}, "oneOf cycle with no base case: /components/schemas/A -> /components/schemas/A/oneOf/0 -> /components/schemas/A"),
        ({"A": {"anyOf": [ref("A"), {"type": "string"}]}}, "anyOf cycle (a schema that is its own variant)"),
        ({"A": ref("B"), "B": {"oneOf": [ref("A")]}}, "oneOf cycle with no base case: /components/schemas/A -> /components/schemas/B"),
        ({"A": {"allOf": [ref("B")]}, "B": {"allOf": [ref("A")]}}, "allOf cycle: A -> B -> A"),
        (
            {"Pet": {"oneOf": [ref("Cat")]}, "Cat": {"allOf": [ref("Pet"), {"type": "object"}]}, "A": {"type": "string"}},
            "allOf/oneOf cycle (a variant that includes its own union)",
        ),
    ],
)
def test_a_schema_that_is_part_of_itself_with_nothing_in_between_is_refused(schemas: dict[str, object], message: str) -> None:
    found = errors(spec({"/a": {"get": returning(ref("A"))}}, schemas))
    assert any(d.message.startswith(message) for d in found), [d.message for d in found]
    assert all(d.location.pointer.endswith("/$ref") for d in found)


@pytest.mark.parametrize(
    "schemas",
    [
        {"A": {"type": "array", "items": ref("A")}},
        {"A": {"oneOf": [{"type": "string"}, {"type": "array", "items": ref("A")}]}, "W": {"allOf": [ref("A")]}},
        {"A": {"type": "object", "properties": {"next": ref("A")}}},
    ],
)
def test_recursion_through_a_container_is_fine(schemas: dict[str, object]) -> None:
    from .spec import build

    body = {"required": True, "content": {"application/json": {"schema": ref("A")}}}
    assert build(spec({"/a": {"post": {**returning(ref("A")), "requestBody": body}}}, schemas)).model.operations


def test_a_ref_inside_example_data_is_data() -> None:
    from .spec import build

    schema = {"type": "object", "example": {"$ref": "#/nowhere"}, "properties": {"default": {"$ref": "#/components/schemas/B"}}}
    assert build(spec({"/a": {"get": returning(ref("A"))}}, {"A": schema, "B": {"type": "string"}})).model.operations


def test_a_loop_among_schemas_outside_components_schemas_is_found() -> None:
    """Under parameters: found from the `$ref`s' targets, not only from components.schemas."""
    doc = spec({"/a": {"get": returning({"type": "string"}, parameters=[{"$ref": "#/components/parameters/P"}])}})
    doc["components"] = {
        "parameters": {
            "P": {"name": "p", "in": "query", "schema": {"$ref": "#/components/parameters/Q/schema"}},
            "Q": {"name": "q", "in": "query", "schema": {"allOf": [{"$ref": "#/components/parameters/P/schema"}]}},
        }
    }
    (found,) = errors(doc)
    assert found.message.startswith("allOf cycle: /components/parameters/P/schema -> /components/parameters/Q/schema")


def test_a_device_is_refused_not_read_forever() -> None:
    with pytest.raises(GenerationError) as refused:
        load_document(Path("/dev/zero"))
    assert refused.value.diagnostics[0].message.startswith("not a regular file")
