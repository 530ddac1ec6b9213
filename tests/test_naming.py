"""The identifier rule of generator/naming.py, as README.md documents it."""

from __future__ import annotations

import pytest

from generator import naming


@pytest.mark.parametrize(
    ("text", "snake", "pascal", "upper"),
    [
        ("instrumentID", "instrument_id", "InstrumentId", "INSTRUMENT_ID"),
        ("HTTPServer", "http_server", "HttpServer", "HTTP_SERVER"),
        ("v1", "v1", "V1", "V1"),
        ("int64Value", "int64_value", "Int64Value", "INT64_VALUE"),
        ("dark-blue", "dark_blue", "DarkBlue", "DARK_BLUE"),
        ("light green", "light_green", "LightGreen", "LIGHT_GREEN"),
        ("1st", "n_1st", "N1st", "V_1ST"),
        ("Crème brûlée", "creme_brulee", "CremeBrulee", "CREME_BRULEE"),
        ("class", "class_", "Class", "CLASS"),
        ("", "value", "Model", "EMPTY"),
        ('"""', "value", "Model", "EMPTY"),
    ],
)
def test_styles(text: str, snake: str, pascal: str, upper: str) -> None:
    assert naming.snake(text) == snake
    assert naming.pascal(text) == pascal
    assert naming.upper(text) == upper


def test_reserved_names_get_a_trailing_underscore() -> None:
    assert naming.snake("timeout", reserved={"timeout"}) == "timeout_"
    assert naming.snake("None") == "none"
    assert naming.pascal("none") == "None_"


def test_collisions_are_numbered_by_sorted_source_text() -> None:
    forward = naming.dedupe([("upper", "UPPER"), ("UPPER", "UPPER"), ("Upper", "UPPER")])
    backward = naming.dedupe([("Upper", "UPPER"), ("UPPER", "UPPER"), ("upper", "UPPER")])
    assert forward == backward == {"UPPER": "UPPER", "Upper": "UPPER_2", "upper": "UPPER_3"}


def test_numbering_skips_names_already_taken() -> None:
    result = naming.dedupe([("a", "x"), ("b", "x"), ("c", "x_2")])
    assert sorted(result.values()) == ["x", "x_2", "x_3"]
