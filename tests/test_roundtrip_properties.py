"""Round trips of generated cables: JSON, canonical text, and every garbled form of the text."""

from __future__ import annotations

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse import strategies as cs
from cableparse.model import Cable, Severity, SourceFormat
from cableparse.render import render, semantic_fields

from .test_render import GARBLED

VALIDATOR = jsonschema.Draft202012Validator(cableparse.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _problems(cable: Cable) -> list[str]:
    return [f"{d.severity.value}[{d.code}] {d.line}:{d.column} {d.message}" for d in cable.diagnostics if d.severity is not Severity.INFO]


@given(cs.cables())
def test_json_round_trip(cable: Cable) -> None:
    text = cableparse.to_json(cable)
    assert cableparse.from_json(text) == cable
    assert not list(VALIDATOR.iter_errors(cableparse.to_dict(cable)))


@given(cs.cables())
def test_parse_of_render_is_the_cable(cable: Cable) -> None:
    text = render(cable)
    again = cableparse.parse(text, strict=True, warnings_as_errors=True)
    assert semantic_fields(again) == semantic_fields(cable)
    assert again.source_format is SourceFormat.TEXT
    assert _problems(again) == []
    # Canonical text is a fixed point.
    assert render(again) == text


@given(st.data())
def test_every_garbled_form_reads_back(data: st.DataObject) -> None:
    cable = data.draw(cs.cables(), label="cable")
    text = data.draw(cs.garbled(cable), label="garbled")
    again = cableparse.parse(text)
    assert semantic_fields(again) == semantic_fields(cable)
    assert _problems(again) == []
    assert not list(VALIDATOR.iter_errors(cableparse.to_dict(again)))
    assert cableparse.from_json(cableparse.to_json(again)) == again


def test_fixture_cables_validate_against_the_schema() -> None:
    for garbled, canonical in GARBLED.values():
        for text in (garbled, canonical):
            cable = cableparse.parse(text)
            assert not list(VALIDATOR.iter_errors(cableparse.to_dict(cable)))
            assert cableparse.from_json(cableparse.to_json(cable)) == cable
