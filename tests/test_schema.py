"""The JSON Schema: generated from the model, checked in, and in agreement with the reader."""

from __future__ import annotations

import enum
import subprocess
import sys
import typing
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse import CableJSONError, from_dict, json_schema, to_dict
from cableparse import model as m
from cableparse.schema import DIALECT, SCHEMA_ID, schema_text
from cableparse.serialize import DATETIME_PATTERN

from .conftest import corpus_pages, requires_corpus
from .model_strategies import cables
from .test_serialize import DELETE, HAND_BUILT, replaced, value_paths, with_changes

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schemas" / "cable.schema.json"

VALIDATOR = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

MODEL_CLASSES = [
    m.Cable,
    m.Header,
    m.Relay,
    m.Station,
    m.Addressee,
    m.Banner,
    m.Declassification,
    m.Reference,
    m.ClassifiedBy,
    m.Paragraph,
    m.PageMarker,
    m.UnparsedLine,
    m.ContainerMetadata,
    m.Diagnostic,
]
ENUMS = [m.Precedence, m.Classification, m.Severity, m.SourceFormat]


def _leaves(errors: Any) -> list[Any]:
    """The innermost errors: an ``anyOf`` of a value and null reports why the value failed."""
    found = []
    for error in errors:
        inner = [c for c in error.context or () if not (c.validator == "type" and c.validator_value == "null")]
        found += _leaves(inner) if inner else [error]
    return found


def _problems(document: Any) -> list[tuple[str, str]]:
    return sorted((e.json_path, e.validator) for e in _leaves(VALIDATOR.iter_errors(document)))


# --------------------------------------------------------------------------
# The schema itself


def test_checked_in_file_equals_the_generated_schema() -> None:
    # Regenerate with: python scripts/update_schema.py
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_update_script_reports_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_schema.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"] == "Cable"
    assert schema["$ref"] == "#/$defs/Cable"


def test_json_schema_returns_a_fresh_copy() -> None:
    first = json_schema()
    first["$defs"].clear()
    assert json_schema()["$defs"]


def test_one_definition_per_class_and_enum() -> None:
    defs = json_schema()["$defs"]
    assert sorted(defs) == sorted(c.__name__ for c in [*MODEL_CLASSES, *ENUMS])


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_class_definitions_follow_the_fields(cls: type) -> None:
    definition = json_schema()["$defs"][cls.__name__]
    names = [f.name for f in attrs.fields(cls)]
    assert definition["type"] == "object"
    assert definition["additionalProperties"] is False
    assert definition["required"] == names
    assert list(definition["properties"]) == names
    assert definition["title"] == cls.__name__
    assert definition["description"].split()[:3] == (cls.__doc__ or "").split()[:3]
    for f in attrs.fields(cls):
        assert definition["properties"][f.name]["description"] == f.metadata["description"]


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_enum_definitions_list_the_values(cls: type[enum.Enum]) -> None:
    definition = json_schema()["$defs"][cls.__name__]
    assert definition["type"] == "string"
    assert definition["enum"] == [e.value for e in cls]


def _prop(cls: type, name: str) -> dict[str, Any]:
    prop: dict[str, Any] = json_schema()["$defs"][cls.__name__]["properties"][name]
    return prop


def test_patterns_come_from_the_model() -> None:
    assert _prop(m.Station, "routing_indicator")["pattern"] == m.ROUTING_INDICATOR_PATTERN
    assert _prop(m.Addressee, "routing_indicator")["pattern"] == m.ROUTING_INDICATOR_PATTERN
    assert _prop(m.Addressee, "routing_indicator")["type"] == ["string", "null"]
    assert _prop(m.Relay, "routing_indicators") == {
        "description": "Routing indicators in order.",
        "type": "array",
        "items": {"type": "string", "pattern": m.ROUTING_INDICATOR_PATTERN},
    }
    assert _prop(m.Cable, "reference_id")["pattern"] == m.REFERENCE_ID_PATTERN
    assert _prop(m.Reference, "reference_id")["pattern"] == m.REFERENCE_ID_PATTERN
    assert _prop(m.ClassifiedBy, "reasons")["items"] == {"type": "string", "pattern": m.REASON_PATTERN}
    assert _prop(m.Paragraph, "marking")["pattern"] == m.MARKING_PATTERN
    assert _prop(m.Cable, "subject_marking")["pattern"] == m.MARKING_PATTERN
    assert _prop(m.Station, "time")["pattern"] == "^(?:[01][0-9]|2[0-3])[0-5][0-9]$"
    counts = Counter(
        p.get("pattern") or p.get("items", {}).get("pattern")
        for d in json_schema()["$defs"].values()
        for p in d.get("properties", {}).values()
    )
    assert counts[m.ROUTING_INDICATOR_PATTERN] == 3
    assert counts[m.REFERENCE_ID_PATTERN] == 2
    assert counts[m.MARKING_PATTERN] == 2
    assert counts[m.REASON_PATTERN] == 1


def test_bounds_types_and_formats() -> None:
    assert _prop(m.Station, "serial") == {"description": _prop(m.Station, "serial")["description"], "type": "integer", "minimum": 0}
    assert _prop(m.Station, "day_of_year")["minimum"] == 1
    assert _prop(m.Station, "day_of_year")["maximum"] == 366
    assert _prop(m.Banner, "section")["type"] == ["integer", "null"]
    assert _prop(m.Banner, "section")["minimum"] == 1
    assert _prop(m.Diagnostic, "line")["minimum"] == 1
    assert _prop(m.Addressee, "mcn")["minimum"] == 0
    assert _prop(m.Header, "dtg")["type"] == ["string", "null"]
    assert _prop(m.Header, "dtg")["format"] == "date-time"
    assert _prop(m.Header, "dtg")["pattern"] == DATETIME_PATTERN
    assert _prop(m.Declassification, "date")["format"] == "date"
    assert _prop(m.Header, "security_efto")["type"] == "boolean"
    assert _prop(m.Header, "precedence")["anyOf"] == [{"$ref": "#/$defs/Precedence"}, {"type": "null"}]
    assert _prop(m.Relay, "precedence")["$ref"] == "#/$defs/Precedence"
    assert _prop(m.Header, "to")["items"] == {"$ref": "#/$defs/Addressee"}
    assert _prop(m.Cable, "tags")["items"] == {"type": "string"}


def test_every_field_type_is_described() -> None:
    for cls in MODEL_CLASSES:
        hints = typing.get_type_hints(cls)
        for name in hints:
            prop = _prop(cls, name)
            assert {"type", "$ref", "anyOf"} & set(prop), (cls.__name__, name)


# --------------------------------------------------------------------------
# Valid documents


@pytest.mark.parametrize("cable", HAND_BUILT, ids=["empty", "seed-like", "old-style"])
def test_hand_built_output_validates(cable: m.Cable) -> None:
    assert _problems(to_dict(cable)) == []


@given(cables)
def test_generated_output_validates(cable: m.Cable) -> None:
    assert _problems(to_dict(cable)) == []


def test_parsed_example_validates() -> None:
    cable = cableparse.parse(cableparse.example_text())
    assert _problems(to_dict(cable)) == []


# --------------------------------------------------------------------------
# Invalid documents


INVALID = [
    ("header.precedence", "URGENT", "$.header.precedence", "enum"),
    ("header.relay.precedence", "PP", "$.header.relay.precedence", "enum"),
    ("diagnostics.0.severity", "fatal", "$.diagnostics[0].severity", "enum"),
    ("source_format", "pdf", "$.source_format", "enum"),
    ("header.station.routing_indicator", "RU3HC", "$.header.station.routing_indicator", "pattern"),
    ("header.relay.routing_indicators", ["RUEHAA", "ruehbb"], "$.header.relay.routing_indicators[1]", "pattern"),
    ("reference_id", "RIVENDELL77", "$.reference_id", "pattern"),
    ("classified_by.reasons", ["1.4 b"], "$.classified_by.reasons[0]", "pattern"),
    ("paragraphs.1.marking", "(C)", "$.paragraphs[1].marking", "pattern"),
    ("header.station.time", "7:05", "$.header.station.time", "pattern"),
    ("header.dtg", "2011-03-14T07:05:00+00:00", "$.header.dtg", "pattern"),
    ("header.dtg", "2011-03-14T07:05:00", "$.header.dtg", "format+pattern"),
    ("header.dtg", "2011-02-30T07:05:00Z", "$.header.dtg", "format"),
    ("declassification.date", "2021-02-30", "$.declassification.date", "format"),
    ("declassification.date", "03/14/2021", "$.declassification.date", "format+pattern"),
    ("surprise", 1, "$", "additionalProperties"),
    ("header.to.0.extra", 1, "$.header.to[0]", "additionalProperties"),
    ("signature", DELETE, "$", "required"),
    ("header.station.filed", DELETE, "$.header.station", "required"),
    ("header.to.0.mcn", "2910", "$.header.to[0].mcn", "type"),
    ("header.station.serial", 5.5, "$.header.station.serial", "type"),
    ("header.security_efto", 1, "$.header.security_efto", "type"),
    ("tags", "PREL", "$.tags", "type"),
    ("header", None, "$.header", "type"),
    ("header.station.serial", -1, "$.header.station.serial", "minimum"),
    ("banner.section", 0, "$.banner.section", "minimum"),
    ("header.station.day_of_year", 367, "$.header.station.day_of_year", "maximum"),
]


@pytest.mark.parametrize(("path", "value", "where", "keyword"), INVALID, ids=[f"{c[0]}-{c[3]}" for c in INVALID])
def test_invalid_documents_fail_validation(path: str, value: Any, where: str, keyword: str) -> None:
    document = with_changes({path: value})
    assert _problems(document) == [(where, k) for k in keyword.split("+")]
    # The reader refuses the same documents.
    with pytest.raises(CableJSONError):
        from_dict(document)


def test_integral_floats_pass_the_schema_but_not_the_reader() -> None:
    document = with_changes({"banner.serial": 5.0})
    assert _problems(document) == []
    with pytest.raises(CableJSONError, match=r"\$\.banner\.serial: expected int, got float"):
        from_dict(document)


def test_booleans_are_not_integers_in_the_schema() -> None:
    assert _problems(with_changes({"header.station.serial": True})) == [("$.header.station.serial", "type")]


# --------------------------------------------------------------------------
# The schema and the reader agree

_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-2, max_value=400),
    # JSON Schema counts 5.0 as an integer; the reader refuses every float
    # where an int is due, which no schema can say (see the test below).
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()),
    st.text(max_size=6),
    st.sampled_from(
        [
            "PRIORITY",
            "NIACT IMMEDIATE",
            "info",
            "RUEHC",
            "09STATE1",
            "1.4(b)",
            "S/NF",
            "0952",
            "2019-06-29",
            "2009-06-29T09:52:00Z",
            "2009-06-29T09:52:00.5Z",
            "2009-06-29T09:52:00+01:00",
            "ruehc",
            "",
        ]
    ),
    st.just([]),
    st.just({}),
    st.lists(st.sampled_from(["RUEHC", "1.4(b)", "x", 3]), max_size=2),
)


@given(cables, st.data())
def test_schema_accepts_exactly_what_the_reader_accepts(cable: m.Cable, data: st.DataObject) -> None:
    document = to_dict(cable)
    path = data.draw(st.sampled_from(value_paths(document)))
    changed = replaced(document, path, data.draw(_values))
    valid = not _problems(changed)
    try:
        from_dict(changed)
    except CableJSONError as exc:
        assert not valid, exc.errors
    else:
        assert valid, _problems(changed)


# --------------------------------------------------------------------------
# The real corpus


@requires_corpus
@pytest.mark.corpus
def test_corpus_output_validates() -> None:
    failures: dict[str, list[tuple[str, str]]] = {}
    pages = corpus_pages()
    for page in pages:
        problems = _problems(to_dict(cableparse.parse_file(page)))
        if problems:
            failures[page.name] = problems
    assert len(pages) == 198
    assert failures == {}


@requires_corpus
@pytest.mark.corpus
def test_corpus_output_round_trips() -> None:
    for page in corpus_pages():
        cable = cableparse.parse_file(page)
        assert cableparse.from_json(cableparse.to_json(cable)) == cable, page.name
