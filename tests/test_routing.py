"""Transport format lines: FL1, FL2 (relay), FL3 (DE), FL4 (security), and the RI table."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, Span, as_spans
from cableparse.fields.routing import (
    SecurityLine,
    parse_relay,
    parse_routing_indicator,
    parse_security,
    parse_station,
    parse_transmission_id,
    plad_for,
    plads_for,
    render_relay,
    render_routing_indicator,
    render_security,
    render_station,
    render_transmission_id,
    routing_indicator_table,
)
from cableparse.model import ROUTING_INDICATOR_PATTERN, Classification, Precedence, Relay, Severity, Station

UTC = dt.timezone.utc
Found = list[tuple[str, int | None, int | None]]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def run(parser: Callable[..., object], source: str | Span | list[Span], **options: object) -> tuple[object, Found]:
    reporter = Reporter()
    value = parser(source, reporter, **options)
    return value, [(d.code, d.line, d.column) for d in reporter.diagnostics]


# --------------------------------------------------------------------------
# FL1


@pytest.mark.parametrize("text", ["VZCZCXRO1441", "VZCZCXYZ0007", "VZCZCADI123", "VZCZCDOI456", "VZCZCMDI789", "VZCZCXRO9999   "])
def test_transmission_id(text: str) -> None:
    assert run(parse_transmission_id, text) == (text.strip(), [])
    assert render_transmission_id(text.strip()) == text.strip()


@pytest.mark.parametrize(
    ("text", "column"),
    [("VZCZCXR1441", 6), ("VZCZC XRO1441", 6), ("VZCZCXRO14", 6), ("XYZ1441", 1), ("  VZCZCXRO12345", 8)],
)
def test_bad_transmission_id(text: str, column: int) -> None:
    assert run(parse_transmission_id, text) == (None, [("transmission-id-invalid", 1, column)])


# --------------------------------------------------------------------------
# Routing indicators and FL2


def test_routing_indicator() -> None:
    assert run(parse_routing_indicator, "RUEHKL") == ("RUEHKL", [])
    assert run(parse_routing_indicator, " RHEHNSC ") == ("RHEHNSC", [])
    assert run(parse_routing_indicator, "RUE") == (None, [("routing-indicator-invalid", 1, 1)])
    assert run(parse_routing_indicator, "ruehkl") == (None, [("routing-indicator-invalid", 1, 1)])
    assert render_routing_indicator("RUEHKL") == "RUEHKL"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("PP RUEHCHI RUEHDT RUEHHM RUEHNH", Relay(Precedence.PRIORITY, ("RUEHCHI", "RUEHDT", "RUEHHM", "RUEHNH"))),
        ("PP RUEHWEB", Relay(Precedence.PRIORITY, ("RUEHWEB",))),
        ("OO RUEHWEB ", Relay(Precedence.IMMEDIATE, ("RUEHWEB",))),
        ("RR  RUEHAB   RUEHCD", Relay(Precedence.ROUTINE, ("RUEHAB", "RUEHCD"))),
        ("ZZ RUEHQQ", Relay(Precedence.FLASH, ("RUEHQQ",))),
        ("RR RUEHAA RUEHBB\nRUEHCC RUEHDD\nRUEHEE", Relay(Precedence.ROUTINE, ("RUEHAA", "RUEHBB", "RUEHCC", "RUEHDD", "RUEHEE"))),
        ("PP\nRUEHAA RUEHBB", Relay(Precedence.PRIORITY, ("RUEHAA", "RUEHBB"))),
    ],
)
def test_relay(source: str, expected: Relay) -> None:
    assert run(parse_relay, source) == (expected, [])


def test_relay_with_bad_digraph() -> None:
    assert run(parse_relay, "YY RUEHKL") == (None, [("precedence-invalid", 1, 1)])
    assert run(parse_relay, "  PO RUEHKL") == (None, [("precedence-invalid", 1, 3)])


def test_relay_with_bad_indicator_keeps_the_good_ones() -> None:
    value, found = run(parse_relay, "PP RUEHAB RUEH1 RUEHCD\nRUEHEF R2")
    assert value == Relay(Precedence.PRIORITY, ("RUEHAB", "RUEHCD", "RUEHEF"))
    assert found == [("routing-indicator-invalid", 1, 11), ("routing-indicator-invalid", 2, 8)]


def test_relay_without_indicators() -> None:
    assert run(parse_relay, "PP") == (None, [("relay-invalid", 1, 3)])
    with pytest.raises(CableParseError):
        parse_relay("PP")


def test_render_relay() -> None:
    assert render_relay(Relay(Precedence.NIACT_IMMEDIATE, ("RUEHAB", "RUEHCD"))) == "OO RUEHAB RUEHCD"


# --------------------------------------------------------------------------
# FL3: the DE line


def station(**kw: object) -> Station:
    base: dict[str, object] = {"routing_indicator": "RUEHKL", "serial": 521, "section": 1, "day_of_year": 180, "time": "0952"}
    base.update(kw)
    return Station(**base)  # type: ignore[arg-type]


SEED_DTG = utc(2009, 6, 29, 9, 52)


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("DE RUEHKL #0521/01 1800952", {"dtg": SEED_DTG}, station(filed=SEED_DTG)),
        ("DE RUEHKL #0521/01 1800952", {}, station()),
        ("DE RUEHKL #0521/01 1800952", {"year": 2009}, station(filed=SEED_DTG)),
        # 2008 is a leap year: 29 June is day 181.
        (
            "DE RUEHAB #0042/02 1811200",
            {"year": 2008},
            station(routing_indicator="RUEHAB", serial=42, section=2, day_of_year=181, time="1200", filed=utc(2008, 6, 29, 12, 0)),
        ),
        (
            "DE RUEHC #3673 1581702",
            {"year": 2006},
            station(routing_indicator="RUEHC", serial=3673, section=None, day_of_year=158, time="1702", filed=utc(2006, 6, 7, 17, 2)),
        ),
        (
            "DE RUEHAB #0001 3662359",
            {"year": 2004},
            station(routing_indicator="RUEHAB", serial=1, section=None, day_of_year=366, time="2359", filed=utc(2004, 12, 31, 23, 59)),
        ),
        ("  DE  RUEHAB  #0007/001  0010000  ", {}, station(routing_indicator="RUEHAB", serial=7, section=1, day_of_year=1, time="0000")),
        ("DE RUEHAB 0007 0010000", {}, station(routing_indicator="RUEHAB", serial=7, section=None, day_of_year=1, time="0000")),
        # Filed just after midnight on New Year's Day, DTG on 31 December.
        (
            "DE RUEHAB #0999 0010004",
            {"dtg": utc(2008, 12, 31, 23, 58)},
            station(routing_indicator="RUEHAB", serial=999, section=None, day_of_year=1, time="0004", filed=utc(2009, 1, 1, 0, 4)),
        ),
        # Filed on 31 December, DTG just after midnight (the other way round).
        (
            "DE RUEHAB #0999 3652359",
            {"dtg": utc(2010, 1, 1, 0, 1)},
            station(routing_indicator="RUEHAB", serial=999, section=None, day_of_year=365, time="2359", filed=utc(2009, 12, 31, 23, 59)),
        ),
    ],
)
def test_station(text: str, options: dict[str, object], expected: Station) -> None:
    assert run(parse_station, text, **options) == (expected, [])


@pytest.mark.parametrize(
    ("text", "options", "code", "column"),
    [
        ("DE RUEHKL #0521/01 4000952", {}, "de-julian-day", 20),
        ("DE RUEHKL #0521/01 0000952", {"year": 2009}, "de-julian-day", 20),
        ("DE RUEHKL #0521 1802460", {}, "de-time", 20),
        ("DE RUEHKL #0521 1800999", {}, "de-time", 20),
        ("DE RUEHKL #05A1 1800952", {}, "de-invalid", 11),
        ("DE RUEHKL #0521 180095", {}, "de-invalid", 17),
        ("DE RUEHKL #0521", {}, "de-invalid", 16),
        ("DE RUEH1 #0521 1800952", {}, "routing-indicator-invalid", 4),
        ("DX RUEHKL #0521 1800952", {}, "de-invalid", 1),
        ("DE RUEHKL #0521 1800952 X", {}, "de-invalid", 25),
    ],
)
def test_bad_station(text: str, options: dict[str, object], code: str, column: int) -> None:
    assert run(parse_station, text, **options) == (None, [(code, 1, column)])


def test_day_366_in_a_common_year() -> None:
    value, found = run(parse_station, "DE RUEHKL #0521 3660952", year=2009)
    assert value == station(section=None, day_of_year=366, filed=None)
    assert found == [("de-julian-day", 1, 17)]
    value, found = run(parse_station, "DE RUEHKL #0521 3660952")  # no year known: cannot tell
    assert found == []


def test_bad_julian_day_strict() -> None:
    with pytest.raises(CableParseError) as caught:
        parse_station("DE RUEHKL #0521/01 4000952")
    (d,) = caught.value.diagnostics
    assert (d.code, d.line, d.column, d.field) == ("de-julian-day", 1, 20, "header.station")


def test_render_station() -> None:
    assert render_station(station(filed=SEED_DTG)) == "DE RUEHKL #0521/01 1800952"
    assert render_station(station(serial=83673, section=None, day_of_year=7, time="0001")) == "DE RUEHKL #83673 0070001"


# --------------------------------------------------------------------------
# FL4: the security line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ZNY CCCCC ZZH", SecurityLine(Classification.CONFIDENTIAL, False, ("ZZH",))),
        ("ZNY SSSSS ZZH", SecurityLine(Classification.SECRET, False, ("ZZH",))),
        ("ZNR UUUUU ZZH", SecurityLine(Classification.UNCLASSIFIED, False, ("ZZH",))),
        ("ZNY EEEEE ZZH", SecurityLine(Classification.UNCLASSIFIED, True, ("ZZH",))),
        ("ZNY TTTTT", SecurityLine(Classification.TOP_SECRET, False, ())),
        ("ZNY CCCCC ZZH ZDK", SecurityLine(Classification.CONFIDENTIAL, False, ("ZZH", "ZDK"))),
        ("ZNY CCCCC ZZH  ZDS", SecurityLine(Classification.CONFIDENTIAL, False, ("ZZH", "ZDS"))),
        ("ZNY SSSSS ZZH ZUI RUEHAB1234 1234567", SecurityLine(Classification.SECRET, False, ("ZZH", "ZUI", "RUEHAB1234", "1234567"))),
        (
            "ZNR UUUUU ZZH (CCY 0A1B2C3D QRS1234-567)",
            SecurityLine(Classification.UNCLASSIFIED, False, ("ZZH", "(CCY 0A1B2C3D QRS1234-567)")),
        ),
        ("ZNY SSSSS ZZH (TAO)", SecurityLine(Classification.SECRET, False, ("ZZH", "(TAO)"))),
        ("  ZNY   CCCCC   ZZH  ", SecurityLine(Classification.CONFIDENTIAL, False, ("ZZH",))),
    ],
)
def test_security(text: str, expected: SecurityLine) -> None:
    assert run(parse_security, text) == (expected, [])
    assert parse_security(render_security(expected)) == expected


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("ZNY CCXCC ZZH", 7),
        ("ZNY XCCCC", 5),
        ("ZNY CCCC ZZH", 5),
        ("ZNY CCCCCC", 5),
        ("ZNQ CCCCC", 1),
        ("ZNY", 4),
        ("ZNY ccccc", 5),
        # No letter repeats: the group's start, in every run (not a set's order).
        ("ZNY S015Z", 5),
        ("ZNY ABCDE", 5),
        # Two letters as common: the first is taken as the intended one.
        ("ZNY CCXXC", 7),
        ("ZNY XXCCZ", 7),
    ],
)
def test_bad_security(text: str, column: int) -> None:
    assert run(parse_security, text) == (None, [("security-invalid", 1, column)])


def test_bad_security_strict_names_field_line_and_column() -> None:
    with pytest.raises(CableParseError) as caught:
        parse_security("VZCZCXRO1234\nZNY CCXCC ZZH")
    assert [(d.code, d.line, d.column, d.field) for d in caught.value.diagnostics] == [
        ("security-invalid", 1, 1, "header.security"),
        ("security-invalid", 2, 1, "header.security"),
    ]
    with pytest.raises(CableParseError) as caught:
        parse_security(as_spans("\nZNY CCXCC ZZH")[1])
    (d,) = caught.value.diagnostics
    assert (d.line, d.column, d.field) == (2, 7, "header.security")


def test_mismatched_signal_is_a_warning() -> None:
    reporter = Reporter()
    assert parse_security("ZNY UUUUU", reporter) == SecurityLine(Classification.UNCLASSIFIED)
    assert [(d.code, d.severity) for d in reporter.diagnostics] == [("security-invalid", Severity.WARNING)]


def test_render_security() -> None:
    assert render_security(SecurityLine(Classification.UNCLASSIFIED, True, ("ZZH",))) == "ZNY EEEEE ZZH"
    assert render_security(SecurityLine(Classification.UNCLASSIFIED)) == "ZNR UUUUU"
    with pytest.raises(ValueError, match="no security letters"):
        render_security(SecurityLine(Classification.LIMITED_OFFICIAL_USE))


# --------------------------------------------------------------------------
# The routing-indicator table


def test_plad_for() -> None:
    assert plad_for("RUEHKL") == "AMEMBASSY KUALA LUMPUR"
    assert plad_for("RUEHBY") == "AMEMBASSY CANBERRA"
    assert plad_for("RUEHC") == "DEPT OF STATE WASHINGTON DC"
    assert plad_for("RUEHWEB") is None
    assert plad_for("nonsense") is None


def test_table_is_clean() -> None:
    table = routing_indicator_table()
    assert len(table) > 2000
    pattern = __import__("regex").compile(ROUTING_INDICATOR_PATTERN)
    for ri, plads in table.items():
        assert pattern.match(ri), ri
        assert plads and all(p == " ".join(p.split()) for p in plads), ri
    # Ranges "X THRU Y" of the source are expanded, one row per indicator.
    assert {"RHFJAAA", "RHFJAAM", "RHFJAAZ"} <= table.keys()
    # Obvious misspellings of the source are repaired.
    assert plad_for("RUEHUNV") == "USMISSION UNVIE VIENNA"
    # An indicator shared by several addresses keeps them all, in order.
    assert len(plads_for("RCCEOTT")) == 2
    assert routing_indicator_table() is table  # loaded once


# --------------------------------------------------------------------------
# Properties

ris = st.from_regex(r"\A[A-Z]{4,8}\Z")
precedences = st.sampled_from([Precedence.FLASH, Precedence.IMMEDIATE, Precedence.PRIORITY, Precedence.ROUTINE])
gaps = st.text(alphabet=" \t", min_size=1, max_size=3)


@given(ris)
def test_routing_indicator_round_trips(ri: str) -> None:
    assert parse_routing_indicator(render_routing_indicator(ri)) == ri


@given(precedences, st.lists(ris, min_size=1, max_size=12), st.integers(1, 6), gaps)
def test_relay_round_trips_also_when_wrapped(precedence: Precedence, indicators: list[str], width: int, gap: str) -> None:
    relay = Relay(precedence, tuple(indicators))
    assert parse_relay(render_relay(relay)) == relay
    # The same relay wrapped onto continuation lines and spaced differently.
    lines = [indicators[i : i + width] for i in range(0, len(indicators), width)]
    wrapped = "\n".join([render_relay(Relay(precedence, tuple(lines[0]))).replace(" ", gap), *(gap.join(line) for line in lines[1:])])
    assert parse_relay(wrapped) == relay


@st.composite
def stations(draw: st.DrawFn) -> tuple[Station, int]:
    year = draw(st.integers(1966, 2065))
    day = draw(st.integers(1, 366 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 365))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    filed = utc(year, 1, 1, hour, minute) + dt.timedelta(days=day - 1)
    value = Station(draw(ris), draw(st.integers(0, 9999)), draw(st.none() | st.integers(1, 99)), day, f"{hour:02d}{minute:02d}", filed)
    return value, year


@given(stations(), gaps)
def test_station_round_trips(drawn: tuple[Station, int], gap: str) -> None:
    value, year = drawn
    assert parse_station(render_station(value), year=year) == value
    assert parse_station(gap + render_station(value).replace(" ", gap), year=year) == value


@given(
    st.sampled_from(["U", "E", "C", "S", "T"]),
    st.lists(st.from_regex(r"\A(?:Z[A-Z]{2}|\((?:CCY|TAO)(?: [A-Z0-9]{1,8}){0,2}\))\Z"), max_size=3),
    gaps,
)
def test_security_round_trips(letter: str, signals: list[str], gap: str) -> None:
    classification = {"U": Classification.UNCLASSIFIED, "E": Classification.UNCLASSIFIED, "C": Classification.CONFIDENTIAL}.get(
        letter, Classification.SECRET if letter == "S" else Classification.TOP_SECRET
    )
    value = SecurityLine(classification, letter == "E", tuple(signals))
    assert parse_security(render_security(value)) == value
    assert parse_security(render_security(value).replace(" ", gap)) == value


PARSERS = (parse_transmission_id, parse_routing_indicator, parse_relay, parse_station, parse_security)


@given(st.text(max_size=40))
def test_arbitrary_text_standalone_raises_only_cable_parse_error(text: str) -> None:
    for parser in PARSERS:
        with contextlib.suppress(CableParseError):
            parser(text)


@given(st.text(alphabet=st.sampled_from("DEZNYRUHKLCSP #/0123456789\t\x0b\u00a0"), max_size=30))
def test_arbitrary_text_lenient_gives_a_value_or_a_diagnostic(text: str) -> None:
    for parser in PARSERS:
        reporter = Reporter()
        value = parser(text, reporter)
        assert value is not None or reporter.diagnostics
