"""A model's fast decode path agrees with its checked path on every input.

A model's compiled `from_json` reads and type-checks fields inline and falls back to
`_from_json_checked` on any mismatch (templates/python/runtime/_models.py.jinja). Whatever
a server sends, both must give the same object, or the same error.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clear_street._models import ResponseValidationError
from clear_street.types import PositionInstruction

from .conftest import import_fixture_client
from .test_hostile_property import EXAMPLES

VALID = {
    "id": "0195f6d0-a1b2-7c3d-8e4f-000000000001",
    "account_id": 122503,
    "instruction_id": "ui-1",
    "instruction_type": "EXERCISE",
    "instrument_id": "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e01",
    "quantity": "1",
    "status": "SENT",
    "symbol": "AAPL  280121C00195000",
    "accepted_quantity": None,
    "created_at": "2026-04-24T14:30:00Z",
}
MISSING = object()
ODD_VALUES = st.sampled_from([MISSING, None, "", "x", "2026-04-24T14:30:00Z", 0, 1, True, 1.5, [], {}, "EXERCISE", "SENT"])


def _outcome(decode: Any, value: object) -> object:
    try:
        result = decode(value)
    except ResponseValidationError as exc:
        return ("error", str(exc))
    return ("ok", {name: getattr(result, name) for name, _ in type(result)._fields}, result.to_dict())


@settings(max_examples=max(EXAMPLES * 20, 200), deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(VALID) + ["updated_at", "rejection_reason", "extra"]), ODD_VALUES, max_size=6))
def test_fast_and_checked_paths_agree(changes: dict[str, object]) -> None:
    row = dict(VALID)
    for key, value in changes.items():
        if value is MISSING:
            row.pop(key, None)
        else:
            row[key] = value
    assert _outcome(PositionInstruction.from_json, row) == _outcome(PositionInstruction._from_json_checked, row)


def test_fast_path_errors_still_say_where() -> None:
    row = dict(VALID, account_id="122503")
    outcome = _outcome(PositionInstruction.from_json, row)
    assert outcome[0] == "error" and ".account_id" in str(outcome[1]), outcome
    assert _outcome(PositionInstruction.from_json, [VALID])[0] == "error"


def test_a_bad_leaf_deep_down_costs_linear_time(tmp_path: Any) -> None:
    """Once a fast path fails, its subtree is decoded by checked paths only: a bad
    value 16 levels down must not be decoded 2**16 times on the way back up."""
    recursion = import_fixture_client("recursion", tmp_path)
    node_module = __import__(f"{recursion.__name__}.types.node", fromlist=["Node"])
    node_cls = node_module.Node
    value: dict[str, object] = {"name": 1}  # the bad leaf: a number where a string belongs
    for depth in range(16):
        value = {"name": f"n{depth}", "children": [value]}
    calls = 0
    original = node_cls._from_json_checked.__func__

    def counting(cls: Any, data: object) -> Any:
        nonlocal calls
        calls += 1
        return original(cls, data)

    node_cls._from_json_checked = classmethod(counting)
    errors = __import__(f"{recursion.__name__}._models", fromlist=["ResponseValidationError"]).ResponseValidationError
    try:
        node_cls.from_json(value)
    except errors as exc:
        assert str(exc).endswith(".children[0].name: expected a string, got 1"), str(exc)
    else:
        raise AssertionError("a bad leaf was accepted")
    # Each level's fast path fails once and re-decodes its subtree checked: at most
    # 1 + 2 + ... + 17 checked decodes. Before the checked mode it was 2**17.
    assert calls <= 17 * 18 // 2, calls


def test_the_built_constructor_checks_its_arguments() -> None:
    """The constructor the runtime builds from the declaration: required fields, no strays, defaults."""
    import pytest

    decoded = PositionInstruction.from_json(VALID)
    built = PositionInstruction(**{name: getattr(decoded, name) for name, _ in PositionInstruction._fields})
    assert built == decoded and built.rejection_reason is None and built.extra == {}
    assert PositionInstruction.from_json(built.to_dict()) == decoded
    with pytest.raises(TypeError, match="'symbol'"):
        PositionInstruction(**{name: getattr(decoded, name) for name, _ in PositionInstruction._fields if name != "symbol"})
    with pytest.raises(TypeError, match="'colour'"):
        PositionInstruction(colour="red", **{name: getattr(decoded, name) for name, _ in PositionInstruction._fields})
