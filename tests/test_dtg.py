"""Date-time groups and format line 5 (precedence prosigns + DTG)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, Span
from cableparse.fields.dtg import (
    MONTHS,
    DtgLine,
    expand_year,
    parse_dtg,
    parse_dtg_line,
    render_dtg,
    render_dtg_line,
    split_signals,
)
from cableparse.model import Precedence, Severity

UTC = dt.timezone.utc


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def lenient(text: str | Span) -> tuple[dt.datetime | None, list[tuple[str, int | None, int | None]]]:
    reporter = Reporter()
    value = parse_dtg(text, reporter)
    return value, [(d.code, d.line, d.column) for d in reporter.diagnostics]


# --------------------------------------------------------------------------
# Clean DTGs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("290952Z JUN 09", utc(2009, 6, 29, 9, 52)),
        ("010000Z JAN 66", utc(1966, 1, 1, 0, 0)),
        ("311159Z DEC 99", utc(1999, 12, 31, 11, 59)),
        ("150600Z MAR 00", utc(2000, 3, 15, 6, 0)),
        ("312359Z DEC 65", utc(2065, 12, 31, 23, 59)),
        ("290001Z FEB 08", utc(2008, 2, 29, 0, 1)),
        ("071530Z Nov 01", utc(2001, 11, 7, 15, 30)),
        ("071530Z nov 01", utc(2001, 11, 7, 15, 30)),
        ("  182017Z OCT 04  ", utc(2004, 10, 18, 20, 17)),
        ("182017Z  OCT   04", utc(2004, 10, 18, 20, 17)),
        ("182017Z\tOCT 04", utc(2004, 10, 18, 20, 17)),
        ("182017z OCT 04", utc(2004, 10, 18, 20, 17)),
        ("300000Z APR 10", utc(2010, 4, 30, 0, 0)),
    ],
)
def test_parse_clean_dtg(text: str, expected: dt.datetime) -> None:
    assert lenient(text) == (expected, [])
    assert parse_dtg(text) == expected  # standalone: no error, no exception


def test_year_window() -> None:
    assert [expand_year(y) for y in (66, 99, 0, 10, 65)] == [1966, 1999, 2000, 2010, 2065]


def test_parse_dtg_gives_aware_utc() -> None:
    value = parse_dtg("290952Z JUN 09")
    assert value is not None and value.utcoffset() == dt.timedelta(0)


# --------------------------------------------------------------------------
# Bad DTGs: the right code at the right column


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29 0952Z JUN 09", [("dtg-invalid", 1, 3)]),
        ("321299Z JUN 09", [("dtg-day", 1, 1), ("dtg-time", 1, 5)]),
        ("290952Z FOO 09", [("dtg-month", 1, 9)]),
        ("292460Z JUN 09", [("dtg-time", 1, 3), ("dtg-time", 1, 5)]),
        ("310952Z JUN 09", [("dtg-day", 1, 1)]),
        ("290952Z FEB 09", [("dtg-day", 1, 1)]),
        ("000952Z JUN 09", [("dtg-day", 1, 1)]),
        ("290952ZJUN 09", [("dtg-invalid", 1, 8)]),
        ("290952 JUN 09", [("dtg-invalid", 1, 7)]),
        ("290952Z JUN 2009", [("dtg-invalid", 1, 13)]),
        ("290952Z JUN 09 X", [("dtg-invalid", 1, 16)]),
        ("  JUN 09", [("dtg-invalid", 1, 3)]),
        ("", [("dtg-invalid", None, None)]),
    ],
)
def test_bad_dtg_is_reported(text: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert lenient(text) == (None, expected)


def test_bad_dtg_positions_follow_the_span() -> None:
    value, diagnostics = lenient(Span(14, 5, "290952Z FOO 09"))
    assert value is None
    assert diagnostics == [("dtg-month", 14, 13)]


def test_strict_mode_raises_with_field_line_and_column() -> None:
    with pytest.raises(CableParseError) as caught:
        parse_dtg("290952Z FOO 09")
    (d,) = caught.value.diagnostics
    assert (d.code, d.severity, d.line, d.column, d.field) == ("dtg-month", Severity.ERROR, 1, 9, "header.dtg")
    assert ":1:9: error[dtg-month]" in str(caught.value)
    assert str(caught.value).splitlines()[-1] == "    " + " " * 8 + "^"


def test_strict_mode_reports_every_fault() -> None:
    with pytest.raises(CableParseError) as caught:
        parse_dtg("321299Z JUN 09")
    assert [(d.code, d.column) for d in caught.value.diagnostics] == [("dtg-day", 1), ("dtg-time", 5)]


# --------------------------------------------------------------------------
# Rendering


def test_render_dtg() -> None:
    assert render_dtg(utc(2009, 6, 29, 9, 52)) == "290952Z JUN 09"
    assert render_dtg(utc(1987, 1, 5, 0, 7)) == "050007Z JAN 87"
    assert render_dtg(dt.datetime(2001, 11, 7, 15, 30)) == "071530Z NOV 01"  # naive is UTC
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert render_dtg(dt.datetime(2009, 6, 29, 11, 52, tzinfo=plus_two)) == "290952Z JUN 09"


@pytest.mark.parametrize("year", [1965, 2066, 1900])
def test_render_dtg_outside_the_window_raises(year: int) -> None:
    with pytest.raises(ValueError, match="window"):
        render_dtg(utc(year, 1, 1, 0, 0))


# --------------------------------------------------------------------------
# Format line 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P 290952Z JUN 09", DtgLine(Precedence.PRIORITY, None, utc(2009, 6, 29, 9, 52))),
        ("O 031247Z JAN 09", DtgLine(Precedence.IMMEDIATE, None, utc(2009, 1, 3, 12, 47))),
        ("R 220927Z AUG 72", DtgLine(Precedence.ROUTINE, None, utc(1972, 8, 22, 9, 27))),
        ("Z 010101Z MAR 03", DtgLine(Precedence.FLASH, None, utc(2003, 3, 1, 1, 1))),
        ("O R 011200Z JAN 10", DtgLine(Precedence.IMMEDIATE, Precedence.ROUTINE, utc(2010, 1, 1, 12, 0))),
        ("O P 121314Z MAY 08", DtgLine(Precedence.IMMEDIATE, Precedence.PRIORITY, utc(2008, 5, 12, 13, 14))),
        ("P 181000Z SEP 07 ZDK", DtgLine(Precedence.PRIORITY, None, utc(2007, 9, 18, 10, 0), ("ZDK",))),
        ("R 050607Z JUL 09      ZDS", DtgLine(Precedence.ROUTINE, None, utc(2009, 7, 5, 6, 7), ("ZDS",))),
        (
            "O 101112Z OCT 08 ZDK CTG RUEHAB #1234",
            DtgLine(Precedence.IMMEDIATE, None, utc(2008, 10, 10, 11, 12), ("ZDK", "CTG", "RUEHAB", "#1234")),
        ),
        (
            "P 010203Z DEC 06 (CCY  A1B2C3D4 XYZ1234-567)",
            DtgLine(Precedence.PRIORITY, None, utc(2006, 12, 1, 2, 3), ("(CCY A1B2C3D4 XYZ1234-567)",)),
        ),
        ("  P  290952Z JUN 09  ", DtgLine(Precedence.PRIORITY, None, utc(2009, 6, 29, 9, 52))),
        ("R 291359Z Nov 00", DtgLine(Precedence.ROUTINE, None, utc(2000, 11, 29, 13, 59))),
    ],
)
def test_parse_dtg_line(text: str, expected: DtgLine) -> None:
    reporter = Reporter()
    assert parse_dtg_line(text, reporter) == expected
    assert reporter.diagnostics == ()


def test_dtg_line_with_bad_prosign() -> None:
    reporter = Reporter()
    assert parse_dtg_line("X 290952Z JUN 09", reporter) is None
    assert [(d.code, d.column, d.field) for d in reporter.diagnostics] == [("precedence-invalid", 1, "header.precedence")]


def test_dtg_line_with_bad_dtg_keeps_the_precedence() -> None:
    reporter = Reporter()
    value = parse_dtg_line("O 290952Z FOO 09", reporter)
    assert value == DtgLine(Precedence.IMMEDIATE, None, None)
    assert [(d.code, d.column) for d in reporter.diagnostics] == [("dtg-month", 11)]


def test_dtg_line_that_is_not_one() -> None:
    reporter = Reporter()
    assert parse_dtg_line("FM AMEMBASSY OSLO", reporter) is None
    assert [d.code for d in reporter.diagnostics] == ["dtg-invalid"]


def test_render_dtg_line() -> None:
    line = DtgLine(Precedence.NIACT_IMMEDIATE, Precedence.ROUTINE, utc(2010, 2, 3, 4, 5), ("ZDK", "(CCY AB12 C-3)"))
    assert render_dtg_line(line) == "O R 030405Z FEB 10 ZDK (CCY AB12 C-3)"
    with pytest.raises(ValueError, match="date-time group"):
        render_dtg_line(DtgLine(Precedence.ROUTINE))


def test_split_signals_keeps_groups_whole() -> None:
    assert split_signals("  ZDK CTG  #00732 (CCY  AB12\tCD MSI-1) ZFF3") == ("ZDK", "CTG", "#00732", "(CCY AB12 CD MSI-1)", "ZFF3")
    assert split_signals("(unclosed group") == ("(unclosed", "group")


# --------------------------------------------------------------------------
# Properties

minutes = st.datetimes(min_value=dt.datetime(1966, 1, 1), max_value=dt.datetime(2065, 12, 31, 23, 59), timezones=st.just(UTC)).map(
    lambda t: t.replace(second=0, microsecond=0)
)
gaps = st.text(alphabet=" \t", min_size=1, max_size=3)


@given(minutes)
def test_every_minute_round_trips(t: dt.datetime) -> None:
    assert parse_dtg(render_dtg(t)) == t


@given(minutes, gaps, gaps, st.sampled_from(["upper", "title", "lower"]), st.booleans())
def test_garbled_spacing_and_case_decode_to_the_same_value(t: dt.datetime, gap1: str, gap2: str, case: str, low_z: bool) -> None:
    day_time, month, year = render_dtg(t).split(" ")
    month = getattr(month, case)()
    if low_z:
        day_time = day_time.lower()
    assert parse_dtg(f"{gap1}{day_time}{gap1}{month}{gap2}{year}{gap2}") == t


signals = st.lists(
    st.from_regex(r"\A(?:Z[A-Z]{2}[0-9]?|CTG|#[0-9]{4,5}|R[A-Z]{3,6}|\(CCY [A-F0-9]{8} [A-Z]{3}[0-9]{4}-[0-9]{3}\))\Z"), max_size=4
)
precedences = st.sampled_from([Precedence.FLASH, Precedence.IMMEDIATE, Precedence.PRIORITY, Precedence.ROUTINE])


@given(precedences, st.none() | precedences, minutes, signals.map(tuple))
def test_dtg_line_round_trips(first: Precedence, second: Precedence | None, t: dt.datetime, tail: tuple[str, ...]) -> None:
    line = DtgLine(first, second, t, tail)
    assert parse_dtg_line(render_dtg_line(line)) == line


@given(st.text(max_size=40))
def test_arbitrary_text_standalone_raises_only_cable_parse_error(text: str) -> None:
    for parser in (parse_dtg, parse_dtg_line):
        with contextlib.suppress(CableParseError):
            parser(text)


@given(st.text(alphabet=st.sampled_from("0123456789ZzJANFEBOCTnov PR\t("), max_size=30))
def test_arbitrary_text_lenient_gives_a_value_or_a_diagnostic(text: str) -> None:
    for parser in (parse_dtg, parse_dtg_line):
        reporter = Reporter()
        value = parser(text, reporter)
        assert value is not None or reporter.diagnostics


def test_months_are_in_calendar_order() -> None:
    assert [dt.date(2001, MONTHS.index(m) + 1, 1).strftime("%b").upper() for m in MONTHS] == list(MONTHS)


def test_every_day_of_the_window_round_trips() -> None:
    day = utc(1966, 1, 1, 0, 0)
    count = 0
    while day.year <= 2065:
        t = day + dt.timedelta(minutes=(count * 7919) % 1440)  # a different minute of the day each time
        assert parse_dtg(render_dtg(t)) == t
        day += dt.timedelta(days=1)
        count += 1
    assert count == 36525
