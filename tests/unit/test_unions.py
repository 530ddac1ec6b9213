"""generator/unions.py: the order a union's variants are tried in, and which one a JSON value is."""

from __future__ import annotations

from typing import Any

from generator import unions
from generator.ir import RefType, TypeInfo, UnionDecl
from generator.java.names import JavaNames

from .spec import build, ref, returning, spec

CAT = {"type": "object", "required": ["meows"], "properties": {"meows": {"type": "boolean"}}}
DOG = {
    "type": "object",
    "required": ["barks", "name"],
    "properties": {"barks": {"type": "boolean"}, "name": {"type": "string"}},
}
ANYTHING = {"type": "object", "properties": {"note": {"type": "string"}}}


def union(schema: dict[str, Any], **components: Any) -> tuple[UnionDecl, JavaNames, list[str]]:
    paths = {"/u": {"get": returning(ref("U"), operationId="getU")}}
    model = build(spec(paths, {"U": schema, **components})).model
    decl = next(d for d in model.decls if isinstance(d, UnionDecl) and d.name == "U")
    warnings: list[str] = []
    return decl, JavaNames(model, "com.unit.api", lambda f, p, m: warnings.append(m)), warnings


def names(decl: UnionDecl, order: list[int]) -> list[str]:
    def name(t: TypeInfo) -> str:
        return getattr(getattr(t, "decl", None), "name", None) or getattr(t, "json_type", type(t).__name__)

    return [name(decl.variants[i]) for i in order]


def test_objects_with_more_required_properties_are_tried_first_and_primitives_by_json_type() -> None:
    schema = {
        "oneOf": [
            {"type": "number"},
            {"type": "string"},
            ref("Anything"),
            ref("Cat"),
            {"type": "integer"},
            ref("Dog"),
            {"type": "string", "format": "date-time"},
        ]
    }
    decl, _, _ = union(schema, Cat=CAT, Dog=DOG, Anything=ANYTHING)
    assert names(decl, unions.decode_order(decl)) == [
        "Dog",
        "Cat",
        "Anything",
        "DateTimeType",
        "string",
        "integer",
        "number",
    ]


def test_a_value_is_the_first_variant_it_fits_and_none_when_it_fits_none() -> None:
    decl, _, _ = union({"anyOf": [ref("Cat"), ref("Dog")]}, Cat=CAT, Dog=DOG)
    assert unions.variant_of(decl, {"meows": True}) == 0
    assert unions.variant_of(decl, {"meows": True, "barks": True, "name": "x"}) == 1
    assert unions.variant_of(decl, {"barks": True}) is None
    assert unions.variant_of(decl, {"meows": "loud"}) is None, "a present property must fit its type"
    assert unions.variant_of(decl, 5) is None


def test_a_tag_selects_its_variant_alone() -> None:
    schema = {
        "oneOf": [ref("Lion"), ref("Snake")],
        "discriminator": {"propertyName": "type", "mapping": {"big_cat": "#/components/schemas/Lion"}},
    }
    lion = {"type": "object", "required": ["type", "mane"], "properties": {"type": {}, "mane": {"type": "boolean"}}}
    snake = {"type": "object", "required": ["type"], "properties": {"type": {}}}
    decl, j, _ = union(schema, Lion=lion, Snake=snake)
    assert unions.tag_table(decl) == [("big_cat", 0), ("Snake", 1)]
    assert unions.untagged(decl) == [], "every variant has a tag: an unknown tag tries none"
    assert unions.variant_of(decl, {"type": "Snake", "mane": True}) == 1
    assert unions.variant_of(decl, {"type": "big_cat"}) is None, "Lion misses its mane; Snake is not tried"
    assert [(tag, v.name) for tag, v in j.tags(decl)] == [("big_cat", "Lion"), ("Snake", "Snake")]


def test_java_variant_names_are_plain_and_never_collide() -> None:
    schema = {
        "oneOf": [
            {"type": "string"},
            {"type": "integer"},
            {"type": "array", "items": {"type": "string"}},
            ref("String"),
            ref("Accept"),
        ]
    }
    accept = {"type": "object", "properties": {"a": {"type": "string"}}}
    string = {"type": "object", "properties": {"s": {"type": "string"}}}
    decl, j, warnings = union(schema, String=string, Accept=accept)
    variants = j.variants(decl)
    assert [v.name for v in variants] == ["String", "Long", "Strings", "String_2", "Accept"]
    assert [v.field for v in variants] == ["string", "long_", "strings", "string2", "accept_"]
    assert [v.plain for v in variants[:3]] == ["String", "long", "List<String>"]
    assert len(warnings) == 1 and "'String'" in warnings[0]


def test_a_union_with_a_free_form_variant_stays_plain_json() -> None:
    decl, j, _ = union({"oneOf": [ref("Cat"), {"type": "string"}]}, Cat=CAT)
    assert unions.typed(decl) and j.class_named("U") == "U"
    free, j2, _ = union({"anyOf": [ref("Cat"), {"type": "integer"}, {"description": "anything"}]}, Cat=CAT)
    assert not unions.typed(free) and j2.class_named("U") is None


def test_a_variant_that_names_an_alias_is_called_by_the_aliases_name() -> None:
    schema = {"oneOf": [ref("ChannelId"), ref("ChannelName")]}
    decl, j, warnings = union(schema, ChannelId={"type": "string"}, ChannelName={"type": "string", "minLength": 2})
    assert [(v.name, v.type) for v in j.variants(decl)] == [("ChannelId", "String"), ("ChannelName", "String")]
    assert warnings == []


def test_an_example_value_is_built_with_the_factory_of_the_variant_it_decodes_as() -> None:
    schema = {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "array", "items": {"type": "string"}}]}
    decl, j, _ = union(schema)
    t = RefType(decl)
    assert j.value(t, ["a", "b"]) == 'U.ofStrings(List.of("a", "b"))'
    assert j.value(t, 5) == "U.ofLong(5L)"
    assert j.value(t, "x") == 'U.ofString("x")'
    assert j.value(t, {"k": 1}) == 'U.fromJson(Json.parse("{\\"k\\": 1}"), "$")', "none fits: decoded"
