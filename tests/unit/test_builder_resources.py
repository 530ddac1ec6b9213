"""generator/builder/resources.py: where each operation hangs in the resource tree."""

from __future__ import annotations

from typing import Any

from .spec import Built, build, spec

NO_CONTENT = {"204": {"description": "done"}}
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def op(operation_id: str, *tags: str, **more: Any) -> dict[str, Any]:
    return {"operationId": operation_id, "responses": NO_CONTENT, **({"tags": list(tags)} if tags else {}), **more}


def resources(built: Built) -> dict[str, tuple[str, ...]]:
    return {o.operation_id: o.resource for o in built.model.operations}


def test_a_version_segment_then_the_first_tag() -> None:
    built = build(
        spec(
            {
                "/v1/positions": {"get": op("listPositions", "Positions", "Other")},
                "/v2.1/orders": {"post": op("placeOrder", "Orders")},
                "/accounts": {"get": op("listAccounts", "Accounts")},
            }
        )
    )
    assert resources(built) == {
        "listPositions": ("v1", "positions"),
        "placeOrder": ("v2_1", "orders"),
        "listAccounts": ("accounts",),
    }


def test_without_tags_the_first_literal_path_segment() -> None:
    built = build(
        spec(
            {
                "/v3/{id}/widgets": {"get": op("getWidgets", parameters=[ID])},
                "/gadgets/{id}": {"get": op("getGadget", parameters=[ID])},
                "/": {"get": op("root")},
            }
        )
    )
    assert resources(built) == {"getWidgets": ("v3", "widgets"), "getGadget": ("gadgets",), "root": ()}


def test_the_config_places_an_operation_and_warns_about_ids_it_does_not_know() -> None:
    config = {"resources": {"listUsers": "admin.users", "dropped": "gone"}}
    built = build(spec({"/v1/users": {"get": op("listUsers", "Users")}}), config)
    assert resources(built) == {"listUsers": ("admin", "users")}
    [(pointer, message)] = built.warned("unused-config")
    assert pointer == "/resources/dropped" and "'dropped'" in message
    (warning,) = [w for w in built.warnings if w.code == "unused-config"]
    assert warning.location.file.endswith("openapi.sdkgen.yaml") and warning.location.line is not None


def test_the_tree_holds_each_operation_under_its_resource() -> None:
    built = build(
        spec(
            {
                "/v1/positions": {"get": op("listPositions", "positions"), "post": op("submit", "positions")},
                "/v1/orders": {"get": op("listOrders", "orders")},
                "/health": {"get": op("health", "health")},
            }
        )
    )
    root = built.model.root
    assert root.path == () and root.operations == []
    assert sorted(root.children) == ["health", "v1"]
    v1 = root.children["v1"]
    assert v1.path == ("v1",) and v1.operations == [] and sorted(v1.children) == ["orders", "positions"]
    positions = v1.children["positions"]
    assert positions.path == ("v1", "positions")
    assert [o.operation_id for o in positions.operations] == ["listPositions", "submit"]
    assert [r.path for r in root.walk()] == [(), ("health",), ("v1",), ("v1", "orders"), ("v1", "positions")]
    assert built.model.first_resource == "health"


def test_an_operation_beside_a_child_resource_of_its_name_keeps_its_id() -> None:
    """The builder places operations; naming them apart from their resource's children is each target's job."""
    built = build(
        spec(
            {
                "/v1/users": {"get": op("v1", "v1")},  # hangs on v1's parent, named like the child v1
                "/v1/orders": {"get": op("listOrders", "orders")},
            }
        ),
        {"resources": {"v1": ""}},
    )
    assert resources(built)["v1"] == ()
    assert "v1" in built.model.root.children
    assert built.warned("name-collision") == []
