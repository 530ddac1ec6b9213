"""The model's closed sets are enums that templates test by name, so a typo fails instead of comparing False."""

from __future__ import annotations

import jinja2
import pytest

from generator.kinds import Content, Encoding, Location


def test_members_answer_is_name() -> None:
    assert Location.QUERY.is_query is True
    assert Location.QUERY.is_path is False
    assert Location.WHOLE_BODY.is_whole_body is True
    assert Encoding.TEXT.is_raw and Encoding.BINARY.is_raw and not Encoding.JSON.is_raw
    assert Location.COOKIE.is_secret and not Location.QUERY.is_secret


def test_a_misspelled_kind_is_no_attribute() -> None:
    with pytest.raises(AttributeError):
        getattr(Location.QUERY, "is_qurey")
    with pytest.raises(AttributeError):
        getattr(Content.JSON, "json")


def test_a_template_with_a_misspelled_kind_fails_to_render() -> None:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    good = env.from_string("{% if location.is_query %}q{% endif %}")
    assert good.render(location=Location.QUERY) == "q"
    typo = env.from_string("{% if location.is_qurey %}q{% endif %}")
    with pytest.raises(jinja2.UndefinedError):
        typo.render(location=Location.QUERY)


def test_members_print_as_their_wire_values() -> None:
    assert f"{Location.WHOLE_BODY}" == "whole-body" and str(Content.BYTES) == "bytes"
