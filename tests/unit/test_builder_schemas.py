"""generator/builder/schemas.py: schema to type, and one declaration per named or inline schema."""

from __future__ import annotations

from typing import Any

from generator.ir import (
    AliasDecl,
    AnyType,
    DateTimeType,
    EnumDecl,
    FileType,
    ListType,
    MapType,
    ModelDecl,
    NullableType,
    PrimitiveType,
    Property,
    RefType,
    TypeInfo,
    UnionDecl,
)

from .spec import Built, build, content, ref, returning, spec

STR, INT, NUM, BOOL = (PrimitiveType(t) for t in ("string", "integer", "number", "boolean"))


def props(decl: Any) -> dict[str, Property]:
    assert isinstance(decl, ModelDecl), decl
    return {p.wire_name: p for p in decl.properties}


def refers_to(t: TypeInfo, built: Built, pointer: str) -> bool:
    return isinstance(t, RefType) and t.decl is built.decl(pointer)


def components(schemas: dict[str, Any], **more: Any) -> Built:
    """The spec's component schemas, each returned by one operation so they are all used."""
    paths = {f"/{name.lower()}": {"get": returning(ref(name))} for name in schemas}
    return build(spec(paths, schemas, **more))


def test_an_object_component_is_a_model_with_its_properties_in_order() -> None:
    built = components(
        {
            "Account": {
                "type": "object",
                "description": "A trading account.",
                "required": ["id", "open"],
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string", "description": "Shown to people."},
                    "open": {"type": "boolean"},
                    "balance": {"type": "number"},
                },
            }
        }
    )
    account = built.component("Account")
    assert isinstance(account, ModelDecl) and account.description == "A trading account."
    assert [(p.wire_name, p.type, p.required) for p in account.properties] == [
        ("id", INT, True),
        ("name", STR, False),
        ("open", BOOL, True),
        ("balance", NUM, False),
    ]
    assert props(account)["name"].description == "Shown to people."


def test_a_ref_is_the_named_declaration_and_recursion_stays_finite() -> None:
    built = components(
        {
            "Node": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": ref("Node")}, "parent": ref("Node")},
            }
        }
    )
    node = built.component("Node")
    children = props(node)["children"].type
    assert isinstance(children, ListType) and refers_to(children.item, built, "/components/schemas/Node")
    assert refers_to(props(node)["parent"].type, built, "/components/schemas/Node")
    assert len(built.model.decls) == 1


def test_string_formats() -> None:
    built = components(
        {
            "Times": {
                "type": "object",
                "properties": {
                    "at": {"type": "string", "format": "date-time"},
                    "on": {"type": "string", "format": "date"},
                    "id": {"type": "string", "format": "uuid"},
                    "raw": {"type": "string", "format": "binary"},
                },
            }
        }
    )
    found = {wire: p.type for wire, p in props(built.component("Times")).items()}
    assert found == {"at": DateTimeType(), "on": DateTimeType(date_only=True), "id": STR, "raw": FileType()}


def test_null_in_either_spelling_makes_a_nullable_type() -> None:
    built = build(
        spec(
            {"/t": {"get": returning(ref("T"))}},
            {
                "T": {
                    "type": "object",
                    "properties": {"a": {"type": "string", "nullable": True}, "b": {"type": "integer"}},
                }
            },
            version="3.0.3",
        )
    )
    assert props(built.component("T"))["a"].type == NullableType(STR)
    assert props(built.component("T"))["b"].type == INT
    built = components({"T": {"type": "object", "properties": {"a": {"type": ["string", "null"]}}}})
    assert props(built.component("T"))["a"].type == NullableType(STR)


def test_a_nullable_component_is_nullable_at_every_reference() -> None:
    built = components(
        {
            "Person": {"type": ["object", "null"], "properties": {"name": {"type": "string"}}},
            "Team": {
                "type": "object",
                "required": ["deputy"],
                "properties": {"lead": ref("Person"), "deputy": ref("Person")},
            },
        }
    )
    team = props(built.component("Team"))
    for wire in ("lead", "deputy"):
        t = team[wire].type
        assert isinstance(t, NullableType) and refers_to(t.inner, built, "/components/schemas/Person"), wire
    assert team["deputy"].required


def test_an_inline_object_is_its_own_model_declared_where_it_sits() -> None:
    built = components(
        {
            "Order": {
                "type": "object",
                "properties": {"owner": {"type": "object", "properties": {"id": {"type": "string"}}}},
            }
        }
    )
    owner = props(built.component("Order"))["owner"].type
    assert refers_to(owner, built, "/components/schemas/Order/properties/owner")
    assert [p.wire_name for p in props(built.decl("/components/schemas/Order/properties/owner")).values()] == ["id"]


def test_maps_and_free_form_objects() -> None:
    built = components(
        {
            "Bag": {
                "type": "object",
                "properties": {
                    "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "anything": {"type": "object"},
                    "loose": {},
                    "list": {"type": "array"},
                },
            },
            "Free": {"type": "object"},
        }
    )
    bag = props(built.component("Bag"))
    assert bag["counts"].type == MapType(INT)
    assert bag["anything"].type == MapType(AnyType())
    assert bag["loose"].type == AnyType()
    assert bag["list"].type == ListType(AnyType())
    free = built.component("Free")
    assert isinstance(free, AliasDecl) and free.target == MapType(AnyType())


def test_enums_keep_their_values_in_order_once() -> None:
    built = components(
        {
            "Side": {"type": "string", "enum": ["BUY", "SELL", "BUY"]},
            "Level": {"type": "integer", "enum": [3, 1, -2]},
            "Maybe": {"type": ["string", "null"], "enum": ["on", None]},
            "Holder": {"type": "object", "properties": {"maybe": ref("Maybe"), "flag": {"enum": [True]}}},
        }
    )
    side, level = built.component("Side"), built.component("Level")
    assert isinstance(side, EnumDecl) and side.value_type == "str"
    assert [m.value for m in side.members] == ["BUY", "SELL"]
    assert isinstance(level, EnumDecl) and level.value_type == "int"
    assert [m.value for m in level.members] == [3, 1, -2]
    holder = props(built.component("Holder"))
    maybe = holder["maybe"].type  # null among the values: nullable, and null is no member
    assert isinstance(maybe, NullableType) and refers_to(maybe.inner, built, "/components/schemas/Maybe")
    assert [m.value for m in built.component("Maybe").members] == ["on"]  # type: ignore[attr-defined]
    assert holder["flag"].type == BOOL  # an enum of booleans is typed by its values


def test_an_enum_of_mixed_kinds_is_a_union_with_a_located_warning() -> None:
    built = components({"Mixed": {"type": "object", "properties": {"code": {"enum": [1, "one"]}}}})
    code = props(built.component("Mixed"))["code"].type
    assert isinstance(code, RefType) and isinstance(code.decl, UnionDecl)
    assert code.decl.variants == [INT, STR]
    [(pointer, message)] = built.warned("unsupported-enum")
    assert pointer == "/components/schemas/Mixed/properties/code/enum"
    assert "integer and string" in message


def test_a_union_drops_null_into_nullability_and_an_object_variant_absorbs_the_rest() -> None:
    built = components(
        {
            "Cat": {"type": "object", "properties": {"meow": {"type": "boolean"}}},
            "Dog": {"type": "object", "properties": {"bark": {"type": "boolean"}}},
            "Pet": {"oneOf": [ref("Cat"), ref("Dog"), {"type": "null"}]},
            "Owner": {
                "type": "object",
                "properties": {
                    "pet": ref("Pet"),
                    "id": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                    "blob": {"oneOf": [{"type": "string"}, {}]},
                    "one": {"oneOf": [{"type": "string"}, {"type": "null"}]},
                },
            },
        }
    )
    pet = built.component("Pet")
    assert isinstance(pet, UnionDecl)
    assert [v.decl.source.partition("#")[2] for v in pet.variants if isinstance(v, RefType)] == [
        "/components/schemas/Cat",
        "/components/schemas/Dog",
    ]
    owner = props(built.component("Owner"))
    assert isinstance(owner["pet"].type, NullableType)
    ids = owner["id"].type
    assert isinstance(ids, RefType) and isinstance(ids.decl, UnionDecl) and ids.decl.variants == [STR, INT]
    assert owner["blob"].type == AnyType()
    assert owner["one"].type == NullableType(STR)  # one variant and null: no union


def test_discriminator_tags_from_the_mapping_then_the_ref_names() -> None:
    built = components(
        {
            "Card": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "Bank": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "Cash": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "Payment": {
                "oneOf": [ref("Card"), ref("Bank"), ref("Cash")],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {
                        "card": "#/components/schemas/Card",
                        "wire": "Bank",
                        "crypto": "#/components/schemas/Coin",
                    },
                },
            },
        }
    )
    payment = built.component("Payment")
    assert isinstance(payment, UnionDecl) and payment.discriminator == "kind"
    tags = [(tag, t.decl.source.partition("#")[2]) for tag, t in payment.tags if isinstance(t, RefType)]
    assert tags == [
        ("card", "/components/schemas/Card"),
        ("wire", "/components/schemas/Bank"),
        ("Cash", "/components/schemas/Cash"),  # no mapping value names it: the last segment of its $ref
    ]
    [(pointer, message)] = built.warned("unsupported-discriminator")
    assert pointer == "/components/schemas/Payment/discriminator/mapping/crypto"
    assert "#/components/schemas/Coin" in message


def test_allof_merges_properties_and_required_and_a_narrowing_allof_is_an_alias() -> None:
    built = components(
        {
            "Base": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "note": {"type": "string"}},
            },
            "Full": {
                "allOf": [
                    ref("Base"),
                    {"type": "object", "required": ["note"], "properties": {"extra": {"type": "integer"}}},
                ]
            },
            "Strict": {"allOf": [ref("Base"), {"required": ["note"]}]},
            "Same": ref("Base"),
        }
    )
    full = props(built.component("Full"))
    assert [(w, p.required) for w, p in full.items()] == [("id", True), ("note", True), ("extra", False)]
    for name in ("Strict", "Same"):
        alias = built.component(name)
        assert isinstance(alias, AliasDecl) and refers_to(alias.target, built, "/components/schemas/Base"), name


def test_type_lists_and_consts() -> None:
    built = components(
        {
            "Loose": {
                "type": "object",
                "properties": {
                    "either": {"type": ["string", "integer"]},
                    "fixed": {"const": 3},
                    "label": {"const": "x"},
                },
            }
        }
    )
    loose = props(built.component("Loose"))
    either = loose["either"].type
    assert isinstance(either, RefType) and isinstance(either.decl, UnionDecl)
    assert either.decl.variants == [INT, STR]  # sorted by JSON type
    assert (loose["fixed"].type, loose["label"].type) == (INT, STR)


def test_a_schema_used_twice_is_declared_once() -> None:
    shared = ref("Money")
    built = build(
        spec(
            {
                "/a": {"get": returning(shared)},
                "/b": {"post": {"requestBody": {"content": content(shared)}, **returning(shared)}},
            },
            {"Money": {"type": "object", "properties": {"amount": {"type": "string"}}}},
        )
    )
    assert [d.source.partition("#")[2] for d in built.model.decls] == ["/components/schemas/Money"]
    assert built.op("get", "/a").return_type == built.op("post", "/b").return_type
