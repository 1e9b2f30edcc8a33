"""The JSON and dict forms: exact output, round trips, strict reading."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import typing
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse import CableJSONError, from_dict, from_json, to_dict, to_json
from cableparse.model import (
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    ContainerMetadata,
    Declassification,
    Diagnostic,
    Header,
    PageMarker,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    Severity,
    SourceFormat,
    Station,
    UnparsedLine,
)
from cableparse.serialize import converter

from .model_strategies import cables

UTC = dt.timezone.utc


def seed_like() -> Cable:
    """A synthetic cable shaped like the bundled example."""
    filed = dt.datetime(2011, 3, 14, 7, 5, tzinfo=UTC)
    return Cable(
        reference_id="11RIVENDELL77",
        source_format=SourceFormat.MARKDOWN,
        header=Header(
            transmission_id="VZCZCXRO0042",
            relay=Relay(Precedence.PRIORITY, ("RUEHAA", "RUEHBB")),
            station=Station("RUEHRV", 77, 1, 73, "0705", filed),
            security=Classification.CONFIDENTIAL,
            security_signals=("ZZH",),
            precedence=Precedence.NIACT_IMMEDIATE,
            dtg=filed,
            originator="AMEMBASSY RIVENDELL",
            to=(Addressee("RUEHC", "SECSTATE WASHDC", Precedence.NIACT_IMMEDIATE, 1234),),
            info=(
                Addressee("RUCNXYZ", "MIDDLE EARTH COLLECTIVE", Precedence.PRIORITY, None),
                Addressee(None, "AMCONSUL BREE", None, 5),
            ),
        ),
        classification=Classification.CONFIDENTIAL,
        banner=Banner(Classification.CONFIDENTIAL, 1, 2, "RIVEN DELL", 77),
        captions=("SIPDIS", "NOFORN"),
        passing=("FOR EUR/WE",),
        declassification=Declassification("12958", dt.date(2021, 3, 14), (), "DECL: 03/14/2021"),
        tags=("PREL", "PGOV", "XX"),
        subject="ELVES CONSIDER WESTWARD DEPARTURE",
        subject_marking="C",
        references=(
            Reference("A", "11STATE1001", "STATE 1001 - GUIDANCE"),
            Reference("B", None, "TELCON 03/01/2011"),
        ),
        classified_by=ClassifiedBy("A. B. Carter", "Political Officer", ("1.4(b)", "1.4(d)")),
        summary="Elves may leave.",
        paragraphs=(
            Paragraph(1, "C", "Summary", "Elves may leave."),
            Paragraph(2, "S/NF", None, "Details follow."),
            Paragraph(None, None, None, ""),
        ),
        page_markers=(PageMarker("RIVENDELL", 77, 2, 2),),
        signature="CARTER",
        diagnostics=(Diagnostic("markdown-pilcrow", Severity.INFO, "removed a pilcrow", 25, 1, "references"),),
    )


def _old_style() -> Cable:
    """Old print-header cable with container metadata and odd values."""
    return Cable(
        reference_id="1975OLDTOWN01234",
        source_format=SourceFormat.HTML,
        source="pages/1975OLDTOWN01234.html",
        header=Header(
            security_efto=True,
            dtg=dt.datetime(1975, 1, 2, 3, 4, 5, 678900, tzinfo=UTC),
            dtg_signals=("ZDK",),
            exempt=(Addressee("RUEHXX", "AMEMBASSY NOWHERE", Precedence.ROUTINE, 0),),
            print_lines=("PAGE 01 OLDTOW 01234 021234Z", "ACTION EUR-12"),
        ),
        banner=Banner(Classification.UNCLASSIFIED, efto=True),
        correction="CORRECTED COPY - TEXT",
        declassification=Declassification(None, None, ("X1", "25X1"), "OADR", True),
        page_markers=(PageMarker("OLDTOW", 1234, 2, None, 1, 2, "021234Z"),),
        partial=True,
        container_metadata=ContainerMetadata(
            "1975OLDTOWN01234",
            dt.datetime(1975, 1, 2, 3, 4, tzinfo=UTC),
            dt.datetime(2011, 8, 30, 1, 44, tzinfo=UTC),
            "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
            "Embassy Old Town",
            'ODD "QUOTED" TITLE \\ with backslash, tab\t and ünïcödé ✓',
            ("1974OLDTOWN00001",),
            17,
        ),
        unparsed=(UnparsedLine(9, "ZZZZ garbled line"),),
        diagnostics=(Diagnostic("internal-error", Severity.ERROR, "whole input", None, None, None),),
    )


HAND_BUILT = [Cable(), seed_like(), _old_style()]


# --------------------------------------------------------------------------
# Output


def testseed_like_dict_has_the_contract_values() -> None:
    d = to_dict(seed_like())
    assert d["reference_id"] == "11RIVENDELL77"
    assert d["source_format"] == "markdown"
    assert d["header"]["station"] == {
        "routing_indicator": "RUEHRV",
        "serial": 77,
        "section": 1,
        "day_of_year": 73,
        "time": "0705",
        "filed": "2011-03-14T07:05:00Z",
    }
    assert d["header"]["dtg"] == "2011-03-14T07:05:00Z"
    assert d["header"]["precedence"] == "NIACT IMMEDIATE"
    assert d["header"]["info_precedence"] is None
    assert d["header"]["to"] == [{"routing_indicator": "RUEHC", "name": "SECSTATE WASHDC", "precedence": "NIACT IMMEDIATE", "mcn": 1234}]
    assert d["header"]["info"][1] == {"routing_indicator": None, "name": "AMCONSUL BREE", "precedence": None, "mcn": 5}
    assert d["header"]["exempt"] == []
    assert d["declassification"] == {"order": "12958", "date": "2021-03-14", "exemptions": [], "text": "DECL: 03/14/2021", "amended": False}
    assert d["classified_by"]["reasons"] == ["1.4(b)", "1.4(d)"]
    assert d["paragraphs"][1] == {"number": 2, "marking": "S/NF", "heading": None, "text": "Details follow."}
    assert d["references"][1]["reference_id"] is None
    assert d["diagnostics"] == [
        {"code": "markdown-pilcrow", "severity": "info", "message": "removed a pilcrow", "line": 25, "column": 1, "field": "references"}
    ]
    assert d["unparsed"] == []
    assert d["container_metadata"] is None


def _plain(value: Any, path: str = "$") -> None:
    """Fail unless value is made of exact JSON types only (no enums, tuples, datetimes)."""
    if isinstance(value, dict):
        assert type(value) is dict, path
        for key, item in value.items():
            assert type(key) is str, path
            _plain(item, f"{path}.{key}")
    elif isinstance(value, list):
        assert type(value) is list, path
        for i, item in enumerate(value):
            _plain(item, f"{path}[{i}]")
    else:
        assert value is None or type(value) in (str, int, bool), f"{path}: {type(value).__name__}"


def _model_class(hint: Any) -> type | None:
    """The attrs class inside ``X``, ``X | None`` or ``tuple[X, ...]``, if any."""
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and attrs.has(candidate):
            return candidate
    return None


def _keys_match_fields(value: dict[str, Any], cls: type) -> None:
    """The keys are exactly the attrs fields, in order, recursively."""
    assert list(value) == [f.name for f in attrs.fields(cls)], cls.__name__
    hints = typing.get_type_hints(cls)
    for name, item in value.items():
        sub = _model_class(hints[name])
        if sub is not None:
            for element in item if isinstance(item, list) else [item]:
                if element is not None:
                    _keys_match_fields(element, sub)


@pytest.mark.parametrize("cable", HAND_BUILT, ids=["empty", "seed-like", "old-style"])
def test_to_dict_is_plain_data_with_every_key(cable: Cable) -> None:
    d = to_dict(cable)
    _plain(d)
    _keys_match_fields(d, Cable)
    assert list(d["header"]) == [f.name for f in attrs.fields(Header)]


def test_empty_cable_has_nulls_and_empty_lists() -> None:
    d = to_dict(Cable())
    assert d["reference_id"] is None and d["banner"] is None and d["signature"] is None
    assert d["captions"] == [] and d["paragraphs"] == [] and d["diagnostics"] == []
    assert d["source_format"] == "text" and d["partial"] is False
    assert d["header"]["to"] == [] and d["header"]["dtg"] is None


def test_microseconds_and_old_years_survive() -> None:
    d = to_dict(_old_style())
    assert d["header"]["dtg"] == "1975-01-02T03:04:05.678900Z"
    early = Cable(header=Header(dtg=dt.datetime(7, 1, 2, 3, 4, tzinfo=UTC)))
    assert to_dict(early)["header"]["dtg"] == "0007-01-02T03:04:00Z"
    assert from_dict(to_dict(early)) == early


def test_zero_offset_timezones_print_as_z() -> None:
    other = dt.timezone(dt.timedelta(0), "GMT")
    cable = Cable(header=Header(dtg=dt.datetime(2009, 6, 29, 9, 52, tzinfo=other)))
    assert to_dict(cable)["header"]["dtg"] == "2009-06-29T09:52:00Z"


def test_to_json_options() -> None:
    cable = seed_like()
    compact = to_json(cable)
    assert "\n" not in compact
    assert compact.startswith('{"reference_id":"11RIVENDELL77","source_format":"markdown","source":null,"header":{')
    indented = to_json(cable, indent=True)
    assert indented.startswith('{\n  "reference_id": "11RIVENDELL77",\n')
    ordered = to_json(cable, sort_keys=True)
    assert ordered.startswith('{"banner":{"classification":"CONFIDENTIAL","efto":false,"section":1,')
    assert orjson.loads(compact) == orjson.loads(indented) == orjson.loads(ordered) == to_dict(cable)


def test_output_is_deterministic() -> None:
    first = to_json(_old_style(), sort_keys=True, indent=True)
    again = to_json(_old_style(), sort_keys=True, indent=True)
    assert first == again
    assert '"title": "ODD \\"QUOTED\\" TITLE \\\\ with backslash, tab\\t and ünïcödé ✓"' in first


def test_integers_beyond_64_bits_cannot_be_encoded() -> None:
    cable = Cable(unparsed=(UnparsedLine(2**64, "x"),))
    with pytest.raises(CableJSONError, match=r"^invalid cable JSON:\n  \$: cannot encode"):
        to_json(cable)


# --------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize("cable", HAND_BUILT, ids=["empty", "seed-like", "old-style"])
def test_hand_built_round_trip(cable: Cable) -> None:
    assert from_json(to_json(cable)) == cable
    assert from_json(to_json(cable, indent=True, sort_keys=True).encode()) == cable
    assert from_dict(to_dict(cable)) == cable


def test_parsed_example_round_trips() -> None:
    cable = cableparse.parse(cableparse.example_text())
    assert from_json(to_json(cable)) == cable


@given(cables)
def test_generated_cables_round_trip_through_json(cable: Cable) -> None:
    assert from_json(to_json(cable)) == cable


@given(cables, st.booleans(), st.booleans(), st.randoms(use_true_random=False))
def test_every_spelling_of_the_document_reads_the_same(cable: Cable, indent: bool, sort_keys: bool, rnd: Any) -> None:
    assert from_json(to_json(cable, indent=indent, sort_keys=sort_keys)) == cable
    # Key order and whitespace carry no meaning.
    items = list(to_dict(cable).items())
    rnd.shuffle(items)
    assert from_json(orjson.dumps(dict(items), option=orjson.OPT_INDENT_2)) == cable


@given(cables)
def test_generated_cables_round_trip_through_dict(cable: Cable) -> None:
    d = to_dict(cable)
    _plain(d)
    assert from_dict(d) == cable
    assert to_dict(from_dict(d)) == d


def test_converter_handles_any_model_class() -> None:
    para = Paragraph(3, "SBU", "Heading", "Text")
    assert converter.unstructure(para) == {"number": 3, "marking": "SBU", "heading": "Heading", "text": "Text"}
    assert converter.structure(converter.unstructure(para), Paragraph) == para


# --------------------------------------------------------------------------
# Strict reading: each case names the exact path


def _errors(data: Any) -> tuple[str, ...]:
    with pytest.raises(CableJSONError) as info:
        from_dict(data)
    return info.value.errors


DELETE = object()


def replaced(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``document`` with the value at ``path`` replaced (removed if DELETE)."""
    changed = copy.deepcopy(document)
    target: Any = changed
    for part in path[:-1]:
        target = target[part]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


def with_changes(change: dict[str, Any]) -> dict[str, Any]:
    """The seed-like cable's dict with values replaced at dotted paths (``header.to.0.mcn``)."""
    data = to_dict(seed_like())
    for dotted, value in change.items():
        data = replaced(data, tuple(int(p) if p.isdigit() else p for p in dotted.split(".")), value)
    return data


def value_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every value inside a document, the document itself excluded."""
    found = [path] if path else []
    if isinstance(value, dict):
        found += [p for k, v in value.items() for p in value_paths(v, (*path, k))]
    elif isinstance(value, list):
        found += [p for i, v in enumerate(value) for p in value_paths(v, (*path, i))]
    return found


STRICT_CASES = [
    ({"header.to.0.mcn": "2910"}, "$.header.to[0].mcn: expected int, got str"),
    ({"header.station.serial": 5.0}, "$.header.station.serial: expected int, got float"),
    ({"header.station.serial": True}, "$.header.station.serial: expected int, got bool"),
    ({"header.security_efto": 1}, "$.header.security_efto: expected bool, got int"),
    ({"subject": 7}, "$.subject: expected str, got int"),
    ({"header.dtg": "2011-03-14T07:05:00"}, "$.header.dtg: expected a UTC date-time like 2009-06-29T09:52:00Z, got '2011-03-14T07:05:00'"),
    (
        {"header.dtg": "2011-03-14T07:05:00+00:00"},
        "$.header.dtg: expected a UTC date-time like 2009-06-29T09:52:00Z, got '2011-03-14T07:05:00+00:00'",
    ),
    (
        {"header.station.filed": "2011-03-14 07:05:00Z"},
        "$.header.station.filed: expected a UTC date-time like 2009-06-29T09:52:00Z, got '2011-03-14 07:05:00Z'",
    ),
    ({"header.dtg": "2011-02-30T07:05:00Z"}, "$.header.dtg: not a valid date-time '2011-02-30T07:05:00Z': day is out of range for month"),
    ({"header.dtg": 1300086300}, "$.header.dtg: expected str, got int"),
    ({"declassification.date": "03/14/2021"}, "$.declassification.date: expected a date like 2019-06-29, got '03/14/2021'"),
    ({"declassification.date": "2021-13-01"}, "$.declassification.date: not a valid date '2021-13-01': month must be in 1..12"),
    ({"tags": "PREL"}, "$.tags: expected list, got str"),
    ({"tags": ["PREL", 5]}, "$.tags[1]: expected str, got int"),
    ({"header.to": {"0": {}}}, "$.header.to: expected list, got dict"),
    ({"header.relay": []}, "$.header.relay: expected dict, got list"),
    ({"header": None}, "$.header: expected dict, got null"),
    ({"header.info.1": "AMCONSUL BREE"}, "$.header.info[1]: expected dict, got str"),
    ({"surprise": 1}, "$.surprise: unknown key"),
    ({"header.station.extra key": 1}, '$.header.station["extra key"]: unknown key'),
    ({"signature": DELETE}, "$.signature: missing key"),
    ({"header.to.0.routing_indicator": DELETE}, "$.header.to[0].routing_indicator: missing key"),
    (
        {"header.precedence": "URGENT"},
        "$.header.precedence: expected one of 'FLASH', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'ROUTINE', got 'URGENT'",
    ),
    (
        {"header.precedence": "priority"},
        "$.header.precedence: expected one of 'FLASH', 'NIACT IMMEDIATE', 'IMMEDIATE', 'PRIORITY', 'ROUTINE', got 'priority'",
    ),
    ({"diagnostics.0.severity": "fatal"}, "$.diagnostics[0].severity: expected one of 'error', 'warning', 'info', got 'fatal'"),
    ({"classification": 2}, "$.classification: expected str, got int"),
    ({"header.station.routing_indicator": "RU3HC"}, "$.header.station.routing_indicator: 'RU3HC' is not a routing indicator"),
    (
        {"header.relay.routing_indicators": ["RUEHAA", "ruehbb"]},
        "$.header.relay.routing_indicators[1]: 'ruehbb' is not a routing indicator",
    ),
    ({"classified_by.reasons": ["1.4 b"]}, "$.classified_by.reasons[0]: '1.4 b' is not a reason like 1.4(b)"),
    ({"reference_id": "RIVENDELL77"}, "$.reference_id: 'RIVENDELL77' is not a reference ID"),
    ({"paragraphs.1.marking": "(S/NF)"}, "$.paragraphs[1].marking: '(S/NF)' is not a portion marking"),
    ({"header.station.serial": -1}, "$.header.station.serial: must not be negative"),
    ({"banner.section": 0}, "$.banner.section: must be at least 1"),
    ({"header.station.day_of_year": 367}, "$.header.station.day_of_year: must be at most 366"),
    ({"header.station.time": "7:05"}, "$.header.station.time: '7:05' is not an HHMM time"),
]


@pytest.mark.parametrize(("change", "expected"), STRICT_CASES, ids=[c[1].split(":")[0] for c in STRICT_CASES])
def test_strict_reading_names_the_path(change: dict[str, Any], expected: str) -> None:
    assert _errors(with_changes(change)) == (expected,)


def test_every_bad_path_is_listed() -> None:
    data = with_changes(
        {
            "header.to.0.mcn": "2910",
            "header.station.serial": 5.0,
            "tags": "PREL",
            "surprise": None,
            "paragraphs.0.number": "1",
            "paragraphs.2.marking": "c",
            "summary": DELETE,
        }
    )
    errors = _errors(data)
    assert sorted(errors) == sorted(
        [
            "$.summary: missing key",
            "$.header.station.serial: expected int, got float",
            "$.header.to[0].mcn: expected int, got str",
            "$.tags: expected list, got str",
            "$.paragraphs[0].number: expected int, got str",
            "$.paragraphs[2].marking: 'c' is not a portion marking",
            "$.surprise: unknown key",
        ]
    )
    with pytest.raises(CableJSONError) as info:
        from_dict(data)
    message = str(info.value)
    assert message.startswith("invalid cable JSON (7 problems):\n  ")
    assert all(f"\n  {e}" in message for e in errors)


def test_errors_carry_no_cattrs_traceback() -> None:
    with pytest.raises(CableJSONError) as info:
        from_dict(with_changes({"header.to.0.mcn": "2910"}))
    assert isinstance(info.value, ValueError)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__ or info.value.__context__ is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", r"^invalid cable JSON:\n  \$: not valid JSON: unexpected end of data"),
        ("", r"^invalid cable JSON:\n  \$: not valid JSON"),
        ("[1, 2]", r"^invalid cable JSON:\n  \$: expected dict, got list$"),
        ("null", r"^invalid cable JSON:\n  \$: expected dict, got null$"),
        ('{"reference_id": NaN}', r"not valid JSON"),
        (b"\xff\xfe{}", r"not valid JSON"),
    ],
)
def test_from_json_refuses_bad_text(text: str | bytes, expected: str) -> None:
    with pytest.raises(CableJSONError, match=expected):
        from_json(text)


def test_from_json_refuses_non_text() -> None:
    with pytest.raises(CableJSONError, match=r"^invalid cable JSON:\n  \$: expected JSON text as str or bytes, got int$"):
        from_json(5)  # type: ignore[arg-type]


def test_duplicate_json_keys_keep_the_last() -> None:
    text = to_json(Cable())[:-1] + ',"signature":"LAST"}'
    assert from_json(text).signature == "LAST"


def test_enum_members_and_str_subclasses_are_accepted_from_python() -> None:
    class Name(str):
        pass

    data = to_dict(seed_like())
    data["header"]["precedence"] = Precedence.ROUTINE
    data["signature"] = Name("SMITH")
    cable = from_dict(data)
    assert cable.header.precedence is Precedence.ROUTINE
    assert cable.signature == "SMITH" and type(cable.signature) is str


# --------------------------------------------------------------------------
# Garbage never escapes as anything but CableJSONError

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@given(json_values)
def test_arbitrary_json_values_raise_only_cable_json_error(value: Any) -> None:
    with pytest.raises(CableJSONError):
        from_dict(value)


@given(st.text() | st.binary())
def test_arbitrary_text_raises_only_cable_json_error(text: str | bytes) -> None:
    with contextlib.suppress(CableJSONError):
        from_json(text)


@given(cables, st.data())
def test_one_replaced_value_is_read_or_reported_at_its_path(cable: Cable, data: st.DataObject) -> None:
    document = to_dict(cable)
    path = data.draw(st.sampled_from(value_paths(document)))
    changed = replaced(document, path, data.draw(json_values))
    try:
        result = from_dict(changed)
    except CableJSONError as exc:
        json_path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        assert len(exc.errors) >= 1
        assert all(e.startswith(json_path) for e in exc.errors), (json_path, exc.errors)
    else:
        assert to_dict(result) == changed
