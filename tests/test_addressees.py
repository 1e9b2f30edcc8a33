"""The originator (FM) and the TO / INFO / XMT addressee blocks."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, Span
from cableparse.fields.addressees import (
    PRECEDENCE_WORDS,
    is_page_residue,
    parse_addressee,
    parse_addressees,
    parse_originator,
    read_block,
    render_addressee,
    render_addressees,
    render_originator,
)
from cableparse.model import Addressee, Precedence, Severity

P = Precedence
Found = list[tuple[str, int | None, int | None]]


def addressee(text: str | Span) -> tuple[Addressee | None, Found]:
    reporter = Reporter()
    value = parse_addressee(text, reporter)
    return value, [(d.code, d.line, d.column) for d in reporter.diagnostics]


# --------------------------------------------------------------------------
# FM


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FM AMEMBASSY KUALA LUMPUR", "AMEMBASSY KUALA LUMPUR"),
        ("FM SECSTATE WASHDC", "SECSTATE WASHDC"),
        ("FM  AMCONSUL   HO CHI MINH CITY  ", "AMCONSUL HO CHI MINH CITY"),
        ("FM USMISSION USUN NEW YORK", "USMISSION USUN NEW YORK"),
    ],
)
def test_originator(text: str, expected: str) -> None:
    reporter = Reporter()
    assert parse_originator(text, reporter) == expected
    assert reporter.diagnostics == ()
    assert parse_originator(render_originator(expected)) == expected


def test_bad_originator() -> None:
    reporter = Reporter()
    assert parse_originator("FROM AMEMBASSY OSLO", reporter) is None
    assert parse_originator("FM   ", reporter) is None
    assert [(d.code, d.severity, d.column) for d in reporter.diagnostics] == [
        ("header-line", Severity.WARNING, 1),
        ("header-line", Severity.WARNING, 6),
    ]


# --------------------------------------------------------------------------
# One addressee line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RUEHC/SECSTATE WASHDC PRIORITY 2910", Addressee("RUEHC", "SECSTATE WASHDC", P.PRIORITY, 2910)),
        ("RUCNASE/ASEAN MEMBER COLLECTIVE PRIORITY", Addressee("RUCNASE", "ASEAN MEMBER COLLECTIVE", P.PRIORITY, None)),
        ("RHEHNSC/NSC WASHDC PRIORITY", Addressee("RHEHNSC", "NSC WASHDC", P.PRIORITY, None)),
        ("RUEHAB/AMEMBASSY OSLO 0042", Addressee("RUEHAB", "AMEMBASSY OSLO", None, 42)),
        ("RUEHAB/AMEMBASSY OSLO", Addressee("RUEHAB", "AMEMBASSY OSLO", None, None)),
        ("SECSTATE WASHDC IMMEDIATE 1234", Addressee(None, "SECSTATE WASHDC", P.IMMEDIATE, 1234)),
        ("AMEMBASSY OSLO NIACT IMMEDIATE 5678", Addressee(None, "AMEMBASSY OSLO", P.NIACT_IMMEDIATE, 5678)),
        ("AMEMBASSY OSLO FLASH", Addressee(None, "AMEMBASSY OSLO", P.FLASH, None)),
        ("AMEMBASSY OSLO ROUTINE 321", Addressee(None, "AMEMBASSY OSLO", P.ROUTINE, 321)),
        ("CIA WASHINGTON DC//ABCD// 0000", Addressee(None, "CIA WASHINGTON DC//ABCD//", None, 0)),
        ("RUEKJCS/JOINT STAFF WASHDC//J-3/J-5//", Addressee("RUEKJCS", "JOINT STAFF WASHDC//J-3/J-5//", None, None)),
        ("RUMIAAA/CDR USSOUTHCOM MIAMI FL//POLAD// IMMEDIATE", Addressee("RUMIAAA", "CDR USSOUTHCOM MIAMI FL//POLAD//", P.IMMEDIATE, None)),
        ("HQ  USNORTHCOM   PRIORITY  ", Addressee(None, "HQ USNORTHCOM", P.PRIORITY, None)),
        ("COMUSNAVCENT", Addressee(None, "COMUSNAVCENT", None, None)),
        ("CJTF-HOA J2X CAMP LEMONIER DJ", Addressee(None, "CJTF-HOA J2X CAMP LEMONIER DJ", None, None)),
        ("ZEN/AMEMBASSY OSLO IMMEDIATE", Addressee(None, "ZEN/AMEMBASSY OSLO", P.IMMEDIATE, None)),
        ("TASK FORCE 1-23", Addressee(None, "TASK FORCE 1-23", None, None)),
        ("USDAO ABUJA 12345", Addressee(None, "USDAO ABUJA 12345", None, None)),
    ],
)
def test_addressee(text: str, expected: Addressee) -> None:
    assert addressee(text) == (expected, [])


@pytest.mark.parametrize(
    ("text", "expected", "column"),
    [
        ("RUEHBY/AMEMBASSY CANBERRA PRIOITY 2792", Addressee("RUEHBY", "AMEMBASSY CANBERRA", P.PRIORITY, 2792), 27),
        ("RUEHBY/AMEMBASSY CANBERRA PIORITY", Addressee("RUEHBY", "AMEMBASSY CANBERRA", P.PRIORITY, None), 27),
        ("AMEMBASSY OSLO IMMEDAITE 0101", Addressee(None, "AMEMBASSY OSLO", P.IMMEDIATE, 101), 16),
        ("AMEMBASSY OSLO NIACT IMEDIATE", Addressee(None, "AMEMBASSY OSLO", P.NIACT_IMMEDIATE, None), 22),
        ("AMEMBASSY OSLO ROUTNE", Addressee(None, "AMEMBASSY OSLO", P.ROUTINE, None), 16),
    ],
)
def test_misspelt_precedence_is_repaired_with_a_note(text: str, expected: Addressee, column: int) -> None:
    reporter = Reporter()
    assert parse_addressee(text, reporter) == expected
    (d,) = reporter.diagnostics
    assert (d.code, d.severity, d.column) == ("precedence-repaired", Severity.INFO, column)


def test_mcn_range_reads_the_first_number_with_a_note() -> None:
    value, found = addressee("ZEN/AMEMBASSY OSLO NIACT IMMEDIATE 1203-1206")
    assert value == Addressee(None, "ZEN/AMEMBASSY OSLO", P.NIACT_IMMEDIATE, 1203)
    assert found == [("mcn-range", 1, 36)]


def test_addressee_without_a_name() -> None:
    assert addressee("PRIORITY 1234") == (None, [("addressee-invalid", 1, 1)])
    assert addressee(Span(7, 5, "RUEHAB/")) == (None, [("addressee-invalid", 7, 12)])
    assert parse_addressee("IMMEDIATE") is None  # a warning: strict mode does not raise


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        ("X 1234 5678", Addressee(None, "X 1234", None, 5678), []),
        ("RUEHC/ 1234", None, [("addressee-invalid", 7, 7)]),
        ("RUEHC/1234", None, [("addressee-invalid", 7, 7)]),
        ("  1234", None, [("addressee-invalid", 7, 3)]),
        ("RUEHC/X PRIOITY 1203-1206", Addressee("RUEHC", "X", P.PRIORITY, 1203), [("mcn-range", 7, 17), ("precedence-repaired", 7, 9)]),
        ("RUEHC/PRIOITY 1203-1206", None, [("mcn-range", 7, 15), ("precedence-repaired", 7, 7), ("addressee-invalid", 7, 7)]),
        ("RUEHC/X 123-45", Addressee("RUEHC", "X 123-45", None, None), []),
    ],
)
def test_lines_read_again_report_at_their_own_place(text: str, expected: Addressee | None, found: Found) -> None:
    # Readings of repeated lines are kept: the second reading, at another
    # place, must report at that place.
    assert addressee(Span(1, 1, text))[0] == expected
    assert addressee(Span(7, 1, text)) == (expected, found)


def test_render_addressee() -> None:
    assert render_addressee(Addressee("RUEHC", "SECSTATE WASHDC", P.PRIORITY, 2910)) == "RUEHC/SECSTATE WASHDC PRIORITY 2910"
    assert render_addressee(Addressee(None, "NSC WASHDC", None, 7)) == "NSC WASHDC 0007"
    assert render_addressee(Addressee(None, "NSC WASHDC", P.NIACT_IMMEDIATE, None)) == "NSC WASHDC NIACT IMMEDIATE"
    with pytest.raises(ValueError, match="four digits"):
        render_addressee(Addressee(None, "NSC WASHDC", None, 10000))


# --------------------------------------------------------------------------
# Blocks


def test_block_with_continuations() -> None:
    text = "INFO RUCNASE/ASEAN MEMBER COLLECTIVE PRIORITY\nRUEHBY/AMEMBASSY CANBERRA PRIORITY 2792\nRHEHNSC/NSC WASHDC PRIORITY"
    assert parse_addressees(text) == (
        Addressee("RUCNASE", "ASEAN MEMBER COLLECTIVE", P.PRIORITY),
        Addressee("RUEHBY", "AMEMBASSY CANBERRA", P.PRIORITY, 2792),
        Addressee("RHEHNSC", "NSC WASHDC", P.PRIORITY),
    )


def test_block_fields_follow_the_keyword() -> None:
    reporter = Reporter()
    lines = read_block("XMT AMCONSUL BERGEN\nAMCONSUL TROMSO", reporter)
    assert [(line.field, line.addressee) for line in lines] == [
        ("header.exempt", Addressee(None, "AMCONSUL BERGEN")),
        ("header.exempt", Addressee(None, "AMCONSUL TROMSO")),
    ]
    assert [line.field for line in read_block("XMT/AMCONSUL BERGEN", reporter)] == ["header.exempt"]
    assert [line.field for line in read_block("TO AMEMBASSY OSLO", reporter)] == ["header.to"]
    assert [line.field for line in read_block("AMEMBASSY OSLO", reporter, field="header.info")] == ["header.info"]


def test_page_residue_in_a_block_is_recognised() -> None:
    reporter = Reporter()
    text = (
        "INFO PAGE 02        STATE   071234  041522Z\nAMEMBASSY OSLO PRIORITY\nCONFIDENTIAL\nPAGE 03 STATE 071234 041522Z\nAMEMBASSY BERN"
    )
    lines = read_block(text, reporter)
    assert [(line.residue, line.addressee) for line in lines] == [
        (True, None),
        (False, Addressee(None, "AMEMBASSY OSLO", P.PRIORITY)),
        (True, None),
        (True, None),
        (False, Addressee(None, "AMEMBASSY BERN")),
    ]
    assert lines[0].span == Span(1, 6, "PAGE 02        STATE   071234  041522Z")
    assert [(d.code, d.line, d.column, d.field) for d in reporter.diagnostics] == [
        ("page-marker", 1, 6, "header.info"),
        ("page-marker", 3, 1, "header.info"),
        ("page-marker", 4, 1, "header.info"),
    ]
    assert parse_addressees("TO PAGE 02 STATE 015599 120102Z\nAMEMBASSY ROME") == (Addressee(None, "AMEMBASSY ROME"),)


@pytest.mark.parametrize(
    ("text", "residue"),
    [
        ("PAGE 02 STATE 071234 041522Z", True),
        ("  PAGE 02        CAPE T  00097  01 OF 03  182017Z  ", True),
        ("SECRET", True),
        ("  LIMITED OFFICIAL USE ", True),
        ("PAGE 02 HARARE 01234 01 OF 03 291400Z OPPOSITION LEADER", False),
        ("AMEMBASSY PAGE", False),
        ("SECRETARIAT GENEVA", False),
    ],
)
def test_is_page_residue(text: str, residue: bool) -> None:
    assert is_page_residue(text) is residue


def test_unreadable_line_in_a_block() -> None:
    reporter = Reporter()
    lines = read_block("TO AMEMBASSY OSLO\nPRIORITY", reporter)
    assert [line.addressee for line in lines] == [Addressee(None, "AMEMBASSY OSLO"), None]
    assert [(d.code, d.line) for d in reporter.diagnostics] == [("addressee-invalid", 2)]


def test_render_addressees() -> None:
    block = (Addressee("RUEHC", "SECSTATE WASHDC", P.PRIORITY, 2910), Addressee(None, "NSC WASHDC"))
    assert render_addressees("TO", block) == "TO RUEHC/SECSTATE WASHDC PRIORITY 2910\nNSC WASHDC"
    assert parse_addressees(render_addressees("TO", block)) == block
    assert render_addressees("XMT", ()) == "XMT"


# --------------------------------------------------------------------------
# Properties

_NOT_NAME_ENDS = set(PRECEDENCE_WORDS) | {"NIACT"}
words = st.from_regex(r"\A[A-Z][A-Z0-9-]{0,9}\Z")


@st.composite
def addressees(draw: st.DrawFn) -> Addressee:
    name_words = draw(st.lists(words, min_size=1, max_size=6))
    last = name_words[-1]
    # A name ending in a precedence word (or one letter off it) would be read as one.
    assume(last not in _NOT_NAME_ENDS and parse_addressee(last, Reporter()) == Addressee(None, last))
    if draw(st.booleans()):
        name_words[-1] += "//" + draw(st.from_regex(r"\A[A-Z0-9][A-Z0-9/-]{0,8}[A-Z0-9]\Z")) + "//"
    return Addressee(
        draw(st.none() | st.from_regex(r"\A[A-Z]{4,8}\Z")),
        " ".join(name_words),
        draw(st.none() | st.sampled_from(list(Precedence))),
        draw(st.none() | st.integers(0, 9999)),
    )


gaps = st.text(alphabet=" \t", min_size=1, max_size=3)


@given(addressees(), gaps, st.sampled_from(["", " ", "  \t"]))
def test_addressee_round_trips_with_any_spacing(value: Addressee, gap: str, trail: str) -> None:
    text = render_addressee(value)
    assert parse_addressee(text) == value
    assert parse_addressee(text.replace(" ", gap) + trail) == value


@given(st.lists(addressees(), min_size=1, max_size=5), st.sampled_from(["TO", "INFO", "XMT"]))
def test_block_round_trips(block: list[Addressee], keyword: str) -> None:
    assert parse_addressees(render_addressees(keyword, block)) == tuple(block)


@given(st.text(max_size=50))
def test_arbitrary_text_standalone_raises_only_cable_parse_error(text: str) -> None:
    for parser in (parse_originator, parse_addressee, parse_addressees):
        with contextlib.suppress(CableParseError):
            parser(text)


@given(st.text(alphabet=st.sampled_from("RUEH/ABC PRIOTY NIACT IMEDAT 0123-//\t\x0b\n"), max_size=40))
def test_arbitrary_text_lenient_gives_a_value_or_a_diagnostic(text: str) -> None:
    for parser in (parse_originator, parse_addressee):
        reporter = Reporter()
        value = parser(text, reporter)
        assert value is not None or reporter.diagnostics
    parse_addressees(text, Reporter())
