"""The methods the models runtime builds for each class can be read and stepped through.

`_models.py` compiles each model's constructor and fast decoder from its field table
(templates/python/runtime/_models.py.jinja). Their source is registered with
`linecache`, so `inspect.getsource`, debuggers and tracebacks show it like any other
code, under a name that says which class it belongs to and never depends on where
the class sits in memory.
"""

from __future__ import annotations

import inspect
import linecache
import traceback

import pytest

from clear_street import _models as _m
from clear_street._models import ResponseValidationError
from clear_street.types import PositionInstruction

from .test_fast_decode import VALID

FIELDS = [name for name, _ in PositionInstruction._fields]


def test_the_built_constructor_shows_its_source() -> None:
    source = inspect.getsource(PositionInstruction.__init__)
    assert source.startswith("def __init__("), source
    for name in FIELDS:
        assert f"self.{name} = {name}" in source, (name, source)
    assert list(inspect.signature(PositionInstruction).parameters) == FIELDS


def test_the_fast_decoder_shows_its_source() -> None:
    source = inspect.getsource(PositionInstruction.from_json)
    assert source.startswith("def from_json(cls, value):"), source
    for name, key in PositionInstruction._fields:
        assert f"self.{name} = " in source and repr(key) in source, (name, source)


def test_the_source_outlives_a_linecache_check() -> None:
    """linecache.checkcache() drops entries whose file changed on disk; these have none."""
    linecache.checkcache()
    assert "self.symbol = symbol" in inspect.getsource(PositionInstruction.__init__)


def test_the_source_name_says_whose_methods_they_are() -> None:
    filename = PositionInstruction.__init__.__code__.co_filename
    assert filename == "<sdkgen generated methods clear_street.types.position_instruction.PositionInstruction>"
    assert PositionInstruction.from_json.__func__.__code__.co_filename == filename
    assert PositionInstruction.__init__.__qualname__ == "PositionInstruction.__init__"
    assert PositionInstruction.__init__.__module__ == PositionInstruction.__module__


def test_a_traceback_through_a_decoder_shows_its_lines() -> None:
    with pytest.raises(ResponseValidationError) as info:
        PositionInstruction.from_json(dict(VALID, account_id="122503"))
    # Generated code has a name in angle brackets, as the code `exec` runs does.
    frames = [f for f in traceback.extract_tb(info.value.__traceback__) if f.filename.startswith("<")]
    assert frames, traceback.format_exception(info.value)
    assert all(f.line for f in frames), frames
    text = "".join(traceback.format_exception(info.value))
    assert "return _checked(cls._from_json_checked, data)" in text, text


def test_classes_of_the_same_name_keep_their_own_source() -> None:
    """Two classes named alike (a module imported twice, a class made in a function) do not
    overwrite each other's source: the second gets a numbered name."""

    def make(field: str) -> type[_m.BaseModel]:
        cls = type("Twin", (_m.BaseModel,), {"__annotations__": {field: "str"}, "__module__": "tests.twins"})
        _m.declare(cls, **{field: _m.as_str})
        return cls

    first, second = make("left"), make("right")
    assert "self.left = left" in inspect.getsource(first.__init__)
    assert "self.right = right" in inspect.getsource(second.__init__)
    assert first.__init__.__code__.co_filename != second.__init__.__code__.co_filename
    assert make("left").__init__.__code__.co_filename == first.__init__.__code__.co_filename
    assert second.from_json({"right": "r"}).right == "r"
