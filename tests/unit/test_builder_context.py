"""generator/builder/context.py: what every part of the builder shares, and how it reports at a place."""

from __future__ import annotations

from typing import Any

from .spec import parts, ref, spec

SCHEMAS = {
    "A": ref("B"),
    "B": ref("C"),
    "C": {"type": "string"},
    "Loop": ref("Loop"),
}


def doc(**top: Any) -> dict[str, Any]:
    return spec({"/x": {"get": {"responses": {"204": {"description": "ok"}}}}}, SCHEMAS, **top)


def test_root_reads_a_node_by_pointer_and_says_where_it_is() -> None:
    p = parts(doc())
    found = p.ctx.root("/paths/~1x/get")
    assert found.pointer == "/paths/~1x/get" and set(found.node) == {"responses"}
    assert found.doc is p.ctx.doc and p.ctx.root().node["openapi"] == "3.1.0"
    missing = p.ctx.root("/paths/~1y")
    assert missing.node is None and missing.pointer == "/paths/~1y"


def test_deref_follows_a_chain_to_its_end() -> None:
    p = parts(doc())
    end = p.ctx.deref(p.at("/components/schemas/A"))
    assert (end.pointer, end.node) == ("/components/schemas/C", {"type": "string"})
    plain = p.at("/components/schemas/C")
    assert p.ctx.deref(plain) == plain
    assert p.ctx.diags.items == []


def test_deref_of_a_cycle_or_a_dangling_ref_is_an_empty_mapping_and_an_error() -> None:
    p = parts(doc(**{"x-unit": {"dangling": ref("Nowhere")}}))
    looped = p.ctx.deref(p.at("/components/schemas/Loop"))
    assert (looped.pointer, looped.node) == ("/components/schemas/Loop", {})
    dangling = p.ctx.deref(p.at("/x-unit/dangling"))
    assert dangling.node == {}
    assert [(d.severity, d.location.pointer) for d in p.ctx.diags.items] == [
        ("error", "/components/schemas/Loop"),
        ("error", "/x-unit/dangling/$ref"),
    ]


def test_components_of_a_kind_or_an_empty_mapping() -> None:
    p = parts(doc(**{"x-unit": {}}))
    assert sorted(p.ctx.components("schemas")) == ["A", "B", "C", "Loop"]
    assert p.ctx.components("parameters") == {}
    assert parts(spec(components={"schemas": ["not", "a", "mapping"]})).ctx.components("schemas") == {}


def test_warn_is_located_with_line_and_column() -> None:
    p = parts(doc())
    p.ctx.warn("unsupported-schema", p.at("/components/schemas/C/type"), "typed as `object`")
    (warning,) = p.ctx.diags.warnings
    assert (warning.code, warning.location.pointer, warning.message) == (
        "unsupported-schema",
        "/components/schemas/C/type",
        "typed as `object`",
    )
    assert (
        warning.location.file == p.ctx.doc.name
        and warning.location.line is not None
        and warning.location.col is not None
    )


def test_config_errors_and_warnings_point_into_the_config_file_when_there_is_one() -> None:
    with_config = parts(doc(), config={"package_name": "unit", "requests": {"X": {"idempotency_key": "id"}}})
    with_config.ctx.config_error("/requests/X", "no schema is named 'X'")
    with_config.ctx.config_warning("unused-config", "/package_name", "just a test")
    error, warning = with_config.ctx.diags.items
    assert error.severity == "error" and error.location.file.endswith("openapi.sdkgen.yaml")
    assert error.location.pointer == "/requests/X" and error.location.line is not None
    assert (warning.severity, warning.code, warning.location.pointer) == ("warning", "unused-config", "/package_name")
    assert warning.location.file.endswith("openapi.sdkgen.yaml")
    # Without a config file, at the spec's root.
    bare = parts(doc())
    bare.ctx.config_error("/requests/X", "no schema is named 'X'")
    (error,) = bare.ctx.diags.errors
    assert error.location.file == bare.ctx.doc.name and error.location.pointer == ""


def test_dedupe_warns_at_each_renamed_source_only() -> None:
    p = parts(doc())
    where = {"b": p.at("/components/schemas/B"), "a": p.at("/components/schemas/A"), "c": p.at("/components/schemas/C")}
    names = p.ctx.dedupe([("b", "same"), ("a", "same"), ("c", "other")], where.__getitem__, "schema")
    assert names["a"] == "same" and names["c"] == "other" and names["b"] != "same"
    assert len(set(names.values())) == 3
    [(pointer, message)] = [(w.location.pointer, w.message) for w in p.ctx.diags.warnings if w.code == "name-collision"]
    assert pointer == "/components/schemas/B" and message.startswith("schema 'b' would be named 'same' like another")
