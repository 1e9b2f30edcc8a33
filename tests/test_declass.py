"""The E.O. line: executive order and declassification instruction."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter
from cableparse.fields.declass import ORDERS, parse_decl_date, parse_declassification, render_declassification
from cableparse.model import Declassification, Severity

D = dt.date

# (line, expected value, diagnostic codes)
FIXTURES: list[tuple[str, Declassification, list[str]]] = [
    ("E.O. 12958: DECL: 06/29/2019", Declassification("12958", D(2019, 6, 29), (), "DECL: 06/29/2019"), []),
    ("EO 12958 DECL: 08/26/2014", Declassification("12958", D(2014, 8, 26), (), "DECL: 08/26/2014"), []),
    ("E. O. 12958: DECL: 6/3/2019", Declassification("12958", D(2019, 6, 3), (), "DECL: 6/3/2019"), []),
    ("E.o. 12958: decl: 10/10/2019", Declassification("12958", D(2019, 10, 10), (), "DECL: 10/10/2019"), []),
    ("E.O. 12958: DECL: 06/18/17", Declassification("12958", D(2017, 6, 18), (), "DECL: 06/18/17"), []),
    ("E.O. 12958: DECL: 2019/12/23", Declassification("12958", D(2019, 12, 23), (), "DECL: 2019/12/23"), []),
    ("E.O. 13526: DECL: 2035-01-07", Declassification("13526", D(2035, 1, 7), (), "DECL: 2035-01-07"), []),
    ("E.O. 12958: 07/22/2019", Declassification("12958", D(2019, 7, 22), (), "07/22/2019"), []),
    ("E.O. 12958: N/A", Declassification("12958", None, (), "N/A"), []),
    ("EO 12958 NA", Declassification("12958", None, (), "N/A"), []),
    ("E.O. 12958:N/A", Declassification("12958", None, (), "N/A"), []),
    ("E.O. 12356: DECL: OADR", Declassification("12356", None, ("OADR",), "DECL: OADR"), []),
    ("E.O. 12356: DECL:OADR", Declassification("12356", None, ("OADR",), "DECL: OADR"), []),
    ("E.O. 12958: DECL: X1, X5", Declassification("12958", None, ("X1", "X5"), "DECL: X1, X5"), []),
    ("E.O. 12958: DECL: 1.6X1 AND 25X9", Declassification("12958", None, ("1.6X1", "25X9"), "DECL: 1.6X1 AND 25X9"), []),
    ("E.O. 12958: DECL: MR", Declassification("12958", None, ("MR",), "DECL: MR"), []),
    ("E.O. 12958: DNG: CO 10/18/2029", Declassification("12958", None, (), "DNG: CO 10/18/2029"), []),
    ("E.O. 11652: GDS", Declassification("11652", None, ("GDS",), "GDS"), []),
    ("E.O. 11652: XGDS-2", Declassification("11652", None, ("XGDS-2",), "XGDS-2"), []),
    ("E.O. 12065: GDS 9/12/80 (SMITH, JOHN)", Declassification("12065", D(1980, 9, 12), ("GDS",), "GDS 9/12/80 (SMITH, JOHN)"), []),
    ("E.O. 12065: RDS-1 6/30/99", Declassification("12065", D(1999, 6, 30), ("RDS-1",), "RDS-1 6/30/99"), []),
    ("E.O. 12958 AS AMENDED: DECL: 05/01/2018", Declassification("12958", D(2018, 5, 1), (), "DECL: 05/01/2018", amended=True), []),
    (
        "E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006",
        Declassification("12958", None, (), "DECLASSIFIED JUNE 21, 2006", amended=True),
        [],
    ),
    ("E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009", Declassification("12958", None, (), "DECL: DECLASSIFIED BY NARA 09/02/2009"), []),
    (
        "E.O. 12958: DECL: TEN YEARS AFTER KOREAN UNIFICATION",
        Declassification("12958", None, (), "DECL: TEN YEARS AFTER KOREAN UNIFICATION"),
        [],
    ),
    ("EO 12958 XXXXXXXXXXXXX", Declassification("12958", None, (), "XXXXXXXXXXXXX"), []),
    # garbles
    ("E.O. 12958: DECLl: 05/12/2018", Declassification("12958", D(2018, 5, 12), (), "DECL: 05/12/2018"), ["eo-repaired"]),
    ("E.O. 12598: DECL: 1/3/2019", Declassification("12958", D(2019, 1, 3), (), "DECL: 1/3/2019"), ["eo-repaired"]),
    ("E.O. 1295: DECL: OADR", Declassification("12958", None, ("OADR",), "DECL: OADR"), ["eo-repaired"]),
    ("E.O. 99999: DECL: OADR", Declassification("99999", None, ("OADR",), "DECL: OADR"), ["eo-invalid"]),
    ("E.O. 12958: DECL: 13/45/2019", Declassification("12958", None, (), "DECL: 13/45/2019"), ["eo-date"]),
    ("E.O. 12958: DECL: 02/30/2019", Declassification("12958", None, (), "DECL: 02/30/2019"), ["eo-date"]),
    ("E.O. 12958", Declassification("12958", None, (), ""), ["eo-invalid"]),
    ("E.O. 12958: DECL:", Declassification("12958", None, (), "DECL:"), ["eo-invalid"]),
]


@pytest.mark.parametrize(("line", "expected", "codes"), FIXTURES)
def test_declassification_fixtures(line: str, expected: Declassification, codes: list[str]) -> None:
    reporter = Reporter()
    assert parse_declassification(line, reporter) == expected
    assert [d.code for d in reporter.diagnostics] == codes


def test_seed_value() -> None:
    assert parse_declassification("E.O. 12958: DECL: 06/29/2019") == Declassification(
        order="12958", date=D(2019, 6, 29), exemptions=(), text="DECL: 06/29/2019"
    )


def test_invalid_date_is_an_error_at_the_date() -> None:
    with pytest.raises(CableParseError) as info:
        parse_declassification("E.O. 12958: DECL: 13/45/2019")
    (d,) = info.value.diagnostics
    assert (d.code, d.severity, d.line, d.column) == ("eo-date", Severity.ERROR, 1, 19)


def test_wrapped_instruction_points_into_the_second_line() -> None:
    reporter = Reporter()
    value = parse_declassification("E.O. 12958: DECL:\n  02/30/2019", reporter)
    assert value is not None and value.text == "DECL: 02/30/2019"
    (d,) = reporter.diagnostics
    assert (d.line, d.column) == (2, 3)


@pytest.mark.parametrize("line", ["TAGS: PREL", "Nothing", "", "EOD TEAM"])
def test_not_an_eo_line(line: str) -> None:
    reporter = Reporter()
    assert parse_declassification(line, reporter) is None
    assert [d.code for d in reporter.diagnostics] == ["eo-invalid"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06/29/2019", D(2019, 6, 29)),
        ("6/3/19", D(2019, 6, 3)),
        ("9/12/80", D(1980, 9, 12)),
        ("2020/02/09", D(2020, 2, 9)),
        ("2035-01-07", D(2035, 1, 7)),
        ("02/29/2019", None),
        ("2019/13/01", None),
        ("1/2/345", None),
        ("12-31/2019", None),
    ],
)
def test_decl_dates(text: str, expected: D | None) -> None:
    assert parse_decl_date(text) == expected


# -- properties

dates = st.dates(D(1970, 1, 1), D(2069, 12, 31))
FORMATS = [
    "{d.month:02d}/{d.day:02d}/{d.year}",
    "{d.month}/{d.day}/{d.year}",
    "{d.month:02d}/{d.day:02d}/{y2:02d}",
    "{d.year}/{d.month:02d}/{d.day:02d}",
    "{d.year}-{d.month:02d}-{d.day:02d}",
]
CODES = ["X1", "X2", "X5", "X8", "25X1", "25X9", "1.6X1", "MR", "OADR"]


@st.composite
def declassifications(draw: st.DrawFn, *, free_text: bool = True) -> Declassification:
    """Values in canonical form, as :func:`parse_declassification` returns them."""
    order = draw(st.sampled_from([*ORDERS, None]))
    kinds = ["date", "codes", "na"] + (["text"] if free_text else [])
    kind = draw(st.sampled_from(kinds))
    date = None
    codes: tuple[str, ...] = ()
    if kind == "date":
        date = draw(dates)
        text = "DECL: " + draw(st.sampled_from(FORMATS)).format(d=date, y2=date.year % 100)
    elif kind == "codes":
        codes = tuple(draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=3)))
        text = "DECL: " + ", ".join(codes)
    elif kind == "na":
        text = "N/A"
    else:
        text = "DECL: " + " ".join(draw(st.lists(st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True), min_size=2, max_size=5)))
    return Declassification(order, date, codes, text, amended=order is not None and draw(st.booleans()))


@given(declassifications())
def test_render_parse_round_trip(value: Declassification) -> None:
    assert parse_declassification(render_declassification(value)) == value


KEYWORDS = ["E.O.", "EO", "E. O.", "E.o.", "E.O"]


@given(declassifications(free_text=False), st.sampled_from(KEYWORDS), st.sampled_from(["", ":"]), st.booleans(), st.booleans())
def test_garbled_lines_decode_to_the_same_value(value: Declassification, keyword: str, colon: str, lower: bool, glued: bool) -> None:
    head = keyword
    if value.order:
        head += f" {value.order}"
    if value.amended:
        head += " AS AMENDED"
    text = value.text.replace("DECL: ", "DECL:") if glued else value.text
    line = f"{head}{colon} {text}"
    if lower:
        line = line.lower()
    assert parse_declassification(line) == value


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_declassification(text)
    parse_declassification(text, Reporter())
    parse_declassification("E.O. 12958: " + text, Reporter())
