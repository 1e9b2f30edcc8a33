"""The small parsers are public under cableparse.fields."""

from __future__ import annotations

import datetime as dt

import pytest

import cableparse
from cableparse import fields


@pytest.mark.parametrize("name", fields.__all__)
def test_every_export_is_documented(name: str) -> None:
    obj = getattr(fields, name)
    assert callable(obj)
    assert (obj.__doc__ or "").strip(), name


def test_standalone_parsers_return_values() -> None:
    assert fields.parse_dtg("290952Z JUN 09") == dt.datetime(2009, 6, 29, 9, 52, tzinfo=dt.timezone.utc)
    assert fields.parse_tags("TAGS: PREL, PHUM") == ("PREL", "PHUM")
    assert fields.origin_token("KL") == "KUALALUMPUR"


def test_standalone_parsers_are_strict() -> None:
    with pytest.raises(cableparse.CableParseError) as info:
        fields.parse_dtg("290952Z FOO 09")
    assert [(d.code, d.line, d.column) for d in info.value.diagnostics] == [("dtg-month", 1, 9)]


@pytest.mark.parametrize(
    ("parse", "render", "text"),
    [
        ("parse_dtg", "render_dtg", "290952Z JUN 09"),
        ("parse_tags", "render_tags", "TAGS: PREL PHUM ELAB KTIP MY"),
        ("parse_station", "render_station", "DE RUEHKL #0521/01 1800952"),
        ("parse_relay", "render_relay", "PP RUEHCHI RUEHDT RUEHHM RUEHNH"),
    ],
)
def test_render_is_the_inverse(parse: str, render: str, text: str) -> None:
    value = getattr(fields, parse)(text)
    assert getattr(fields, render)(value) == text
