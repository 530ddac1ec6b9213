"""Named (component) schemas keep their meaning at every reference.

The `objects` fixture's `Person` is `nullable: true` and referenced twice
(`deputy`, the second, is required: a required field must still take null);
`Sku` is a component that only `$ref`s another (`SkuCode`). A decoder must
accept null for both Person fields and decode `Sku` as the string it names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import import_fixture_client

THING = {"id": "t-1", "created_at": "2024-01-31T00:00:00Z", "tags": [], "owner": {"name": "o"}, "deputy": None}


@pytest.fixture(scope="module")
def objects(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return import_fixture_client("objects", tmp_path_factory.mktemp("named"))


@pytest.mark.parametrize("decode", ["from_json", "_from_json_checked"])
def test_a_nullable_component_is_nullable_at_every_reference(objects: Any, decode: str) -> None:
    thing = getattr(objects.types.Thing, decode)(dict(THING, manager=None, deputy=None))
    assert thing.manager is None and thing.deputy is None
    thing = getattr(objects.types.Thing, decode)(dict(THING, manager={"name": "m"}, deputy={"name": "d"}))
    assert isinstance(thing.deputy, objects.types.Person) and thing.deputy.name == "d"


def test_a_component_that_only_refers_to_another_is_its_alias(objects: Any) -> None:
    thing = objects.types.Thing.from_json(dict(THING, sku="AB-1"))
    assert thing.sku == "AB-1"
    with pytest.raises(objects._models.ResponseValidationError):
        objects.types.Thing.from_json(dict(THING, sku=12))  # `object` would have taken it


def test_annotations_say_so(objects: Any) -> None:
    source = Path(objects.types.thing.__file__).read_text()
    assert "manager: Optional[Person]" in source and "deputy: Optional[Person]" in source
    assert 'Sku: TypeAlias = "SkuCode"' in Path(objects.types.sku.__file__).read_text()
