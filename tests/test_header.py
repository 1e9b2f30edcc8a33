"""The header zone: split_header, parse_header and render_header."""

from __future__ import annotations

import datetime as dt

import pytest
import regex
from hypothesis import assume, given
from hypothesis import strategies as st

import cableparse
from cableparse.errors import Reporter, Span, as_spans
from cableparse.fields import header
from cableparse.fields.header import PARTIAL_NOTICE, parse_header, render_header, split_header
from cableparse.fields.results import HeaderResult
from cableparse.model import Addressee, Classification, Header, Precedence, Relay, Severity, Station

P = Precedence
UTC = dt.timezone.utc


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def read(text: str) -> tuple[HeaderResult, list[tuple[str, int | None, int | None]]]:
    """parse_header over the header zone that split_header finds, in lenient mode."""
    spans = as_spans(text)
    reporter = Reporter()
    result = parse_header(spans[: split_header(spans)], reporter)
    return result, [(d.code, d.line, d.column) for d in reporter.diagnostics]


def lines_of(result: HeaderResult) -> list[tuple[int, str]]:
    return [(s.line, s.text) for s in result.unparsed]


# --------------------------------------------------------------------------
# The seed cable

SEED_HEADER = Header(
    transmission_id="VZCZCXRO1441",
    relay=Relay(P.PRIORITY, ("RUEHCHI", "RUEHDT", "RUEHHM", "RUEHNH")),
    station=Station("RUEHKL", 521, 1, 180, "0952", utc(2009, 6, 29, 9, 52)),
    security=Classification.CONFIDENTIAL,
    security_efto=False,
    security_signals=("ZZH",),
    precedence=P.PRIORITY,
    info_precedence=None,
    dtg=utc(2009, 6, 29, 9, 52),
    dtg_signals=(),
    originator="AMEMBASSY KUALA LUMPUR",
    to=(Addressee("RUEHC", "SECSTATE WASHDC", P.PRIORITY, 2910),),
    info=(
        Addressee("RUCNASE", "ASEAN MEMBER COLLECTIVE", P.PRIORITY, None),
        Addressee("RUEHBY", "AMEMBASSY CANBERRA", P.PRIORITY, 2792),
        Addressee("RHEHNSC", "NSC WASHDC", P.PRIORITY, None),
    ),
    exempt=(),
    print_lines=(),
)


def test_seed_header(example_text: str) -> None:
    spans = as_spans(example_text)
    split = split_header(spans)
    assert spans[split].text.startswith("C O N F I D E N T I A L SECTION 01 OF 02")
    reporter = Reporter()
    result = parse_header(spans[:split], reporter)
    assert result == HeaderResult(SEED_HEADER, partial=False, unparsed=())
    assert reporter.diagnostics == ()


def test_seed_through_the_public_parse(example_text: str) -> None:
    cable = cableparse.parse(example_text)
    assert cable.header == SEED_HEADER
    header_problems = [d for d in cable.diagnostics if (d.field or "").startswith("header") and d.severity is not Severity.INFO]
    assert header_problems == []


def test_seed_header_renders_to_its_own_lines(example_text: str) -> None:
    lines = [line for line in example_text.split("\n")[:12] if line.strip()]
    assert render_header(SEED_HEADER).split("\n") == lines


# --------------------------------------------------------------------------
# Full transport headers (synthetic)

FULL = """VZCZCXRO5120
OO RUEHAB RUEHCD RUEHEF RUEHGH
RUEHIJ RUEHKL
DE RUEHNY #0417/01 0731530
ZNY SSSSS ZZH
O R 141530Z MAR 07 ZDK
FM AMEMBASSY OSLO
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0810
RUEKJCS/SECDEF WASHDC//J-5// IMMEDIATE
INFO RUEHXP/ALL NATO POST COLLECTIVE
RUEHSM/AMEMBASSY STOCKHOLM 0233
ZEN/AMEMBASSY HELSINKI 0199-0201
XMT AMEMBASSY REYKJAVIK

S E C R E T SECTION 01 OF 03 OSLO 000417

SIPDIS
"""


def test_full_header() -> None:
    result, found = read(FULL)
    assert result.header == Header(
        transmission_id="VZCZCXRO5120",
        relay=Relay(P.IMMEDIATE, ("RUEHAB", "RUEHCD", "RUEHEF", "RUEHGH", "RUEHIJ", "RUEHKL")),
        station=Station("RUEHNY", 417, 1, 73, "1530", utc(2007, 3, 14, 15, 30)),
        security=Classification.SECRET,
        security_signals=("ZZH",),
        precedence=P.IMMEDIATE,
        info_precedence=P.ROUTINE,
        dtg=utc(2007, 3, 14, 15, 30),
        dtg_signals=("ZDK",),
        originator="AMEMBASSY OSLO",
        to=(Addressee("RUEHC", "SECSTATE WASHDC", P.IMMEDIATE, 810), Addressee("RUEKJCS", "SECDEF WASHDC//J-5//", P.IMMEDIATE)),
        info=(
            Addressee("RUEHXP", "ALL NATO POST COLLECTIVE"),
            Addressee("RUEHSM", "AMEMBASSY STOCKHOLM", None, 233),
            Addressee(None, "ZEN/AMEMBASSY HELSINKI", None, 199),
        ),
        exempt=(Addressee(None, "AMEMBASSY REYKJAVIK"),),
    )
    assert result.unparsed == () and not result.partial
    assert found == [("mcn-range", 12, 24)]
    assert split_header(as_spans(FULL)) == 14


WEB_COPY = """VZCZCXYZ0042
RR RUEHWEB

DE RUEHBE #0033 0150920
ZNR UUUUU ZZH
R 150920Z JAN 08
FM AMEMBASSY BERN
TO RUEHC/SECSTATE WASHDC 0101
INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE
UNCLAS BERN 000033
"""


def test_web_copy_with_a_blank_line_after_the_relay_and_no_blank_before_the_banner() -> None:
    result, found = read(WEB_COPY)
    h = result.header
    assert (h.transmission_id, h.relay, h.security, h.precedence) == (
        "VZCZCXYZ0042",
        Relay(P.ROUTINE, ("RUEHWEB",)),
        Classification.UNCLASSIFIED,
        P.ROUTINE,
    )
    assert h.station == Station("RUEHBE", 33, None, 15, "0920", utc(2008, 1, 15, 9, 20))
    assert h.to == (Addressee("RUEHC", "SECSTATE WASHDC", None, 101),)
    assert h.info == (Addressee("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE"),)
    assert (result.unparsed, found) == ((), [])
    assert split_header(as_spans(WEB_COPY)) == 9


# --------------------------------------------------------------------------
# Shorter and older forms


def test_header_starting_at_the_dtg() -> None:
    text = (
        "\n\nP 051200Z APR 03\nFM AMEMBASSY QUITO\nTO SECSTATE WASHDC PRIORITY 1212\nINFO AMEMBASSY LIMA PRIORITY\n"
        "CIA WASHDC PRIORITY\n\nCONFIDENTIAL QUITO 001212\n"
    )
    result, found = read(text)
    h = result.header
    assert (h.transmission_id, h.station, h.security, h.precedence, h.dtg) == (None, None, None, P.PRIORITY, utc(2003, 4, 5, 12, 0))
    assert h.to == (Addressee(None, "SECSTATE WASHDC", P.PRIORITY, 1212),)
    assert h.info == (Addressee(None, "AMEMBASSY LIMA", P.PRIORITY), Addressee(None, "CIA WASHDC", P.PRIORITY))
    assert (result.unparsed, found) == ((), [])
    assert split_header(as_spans(text)) == 8


def test_header_with_only_de_and_dtg() -> None:
    text = "DE RUEHAB #1647/01 1621120\nO 101120Z JUN 08\n\nC O N F I D E N T I A L SECTION 01 OF 02 ABUJA 001647\n"
    result, found = read(text)
    assert result.header == Header(
        station=Station("RUEHAB", 1647, 1, 162, "1120", utc(2008, 6, 10, 11, 20)), precedence=P.IMMEDIATE, dtg=utc(2008, 6, 10, 11, 20)
    )
    assert (result.unparsed, found) == ((), [])  # no FM line is expected in this form
    assert split_header(as_spans(text)) == 3


def test_partial_record_notice() -> None:
    text = f"{PARTIAL_NOTICE}\n\nC O N F I D E N T I A L SECTION 01 OF 02 ROME 001234\n"
    result, found = read(text)
    assert result == HeaderResult(Header(), partial=True, unparsed=())
    assert found == [("partial-record", 1, 1)]
    assert split_header(as_spans(text)) == 2


PRINT_FORMAT = """  CONFIDENTIAL

PAGE 01        ROME   01234  01 OF 02  121530Z
ACTION EUR-00

INFO  LOG-00   ADS-00   INR-05   SS-00    CIAE-00
      DODE-00  NSAE-00  /012 W
                  ------------------123456  121540Z /38
R 121500Z OCT 89
FM AMEMBASSY ROME
TO SECSTATE WASHDC 4321
INFO AMCONSUL MILAN
AMCONSUL NAPLES

C O N F I D E N T I A L SECTION 01 OF 02 ROME 01234
"""


def test_print_format_header() -> None:
    result, found = read(PRINT_FORMAT)
    h = result.header
    assert h.print_lines == (
        "  CONFIDENTIAL",
        "PAGE 01        ROME   01234  01 OF 02  121530Z",
        "ACTION EUR-00",
        "INFO  LOG-00   ADS-00   INR-05   SS-00    CIAE-00",
        "      DODE-00  NSAE-00  /012 W",
        "                  ------------------123456  121540Z /38",
    )
    assert (h.precedence, h.dtg, h.originator) == (P.ROUTINE, utc(1989, 10, 12, 15, 0), "AMEMBASSY ROME")
    assert h.to == (Addressee(None, "SECSTATE WASHDC", None, 4321),)
    assert h.info == (Addressee(None, "AMCONSUL MILAN"), Addressee(None, "AMCONSUL NAPLES"))
    assert (result.unparsed, found) == ((), [("print-header", 1, 3)])
    assert split_header(as_spans(PRINT_FORMAT)) == 14


def test_distribution_block_without_classification_line() -> None:
    text = (
        "INFO  LOG-00   AF-00    EUR-00\n      SS-00    NSCE-00    /001W\n   \n"
        "O 021530Z FEB 09\nFM SECSTATE WASHDC\nTO AMEMBASSY OSLO IMMEDIATE\n"
    )
    result, found = read(text)
    assert result.header.print_lines == ("INFO  LOG-00   AF-00    EUR-00", "      SS-00    NSCE-00    /001W")
    assert result.header.to == (Addressee(None, "AMEMBASSY OSLO", P.IMMEDIATE),)
    assert (result.unparsed, found) == ((), [("print-header", 1, 1)])


def test_classification_line_with_station_before_the_dtg() -> None:
    text = (
        "UNCLASSIFIED   STATE   00101234 \nO 211814Z SEP 09\nFM SECSTATE WASHDC\n"
        "TO ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE IMMEDIATE\n"
    )
    result, found = read(text)
    assert result.header.print_lines == ("UNCLASSIFIED   STATE   00101234",)
    assert result.header.to == (Addressee(None, "ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE", P.IMMEDIATE),)
    assert (result.unparsed, found) == ((), [("print-header", 1, 1)])


def test_old_drafting_block() -> None:
    text = (
        "PAGE 01  STATE 123456\nORIGIN EUR-12\nINFO  OCT-01  ISO-00  /013 R\nDRAFTED BY EUR/NB:JDOE:LM\n"
        "APPROVED BY EUR:RSMITH\nEUR/NB - MR. BROWN\n------------------201234Z 045678 /12\nR 201200Z JUN 75\n"
        "FM SECSTATE WASHDC\nTO AMEMBASSY OSLO\n\nCONFIDENTIAL STATE 123456\n"
    )
    result, found = read(text)
    assert len(result.header.print_lines) == 7
    assert (result.header.dtg, result.header.to) == (utc(1975, 6, 20, 12, 0), (Addressee(None, "AMEMBASSY OSLO"),))
    assert (result.unparsed, found) == ((), [("print-header", 1, 1)])


def test_page_break_inside_the_addressees() -> None:
    text = (
        "O P 131528Z MAY 08\nFM SECSTATE WASHDC\nTO AMEMBASSY BEIJING IMMEDIATE\nINFO PAGE 02        STATE   071234  131535Z\n"
        "AMEMBASSY SEOUL PRIORITY\nSECRET\nPAGE 03 STATE 071234 131535Z\nAMEMBASSY TOKYO PRIORITY\n\nS E C R E T STATE 071234\n"
    )
    result, found = read(text)
    h = result.header
    assert (h.precedence, h.info_precedence) == (P.IMMEDIATE, P.PRIORITY)
    assert h.to == (Addressee(None, "AMEMBASSY BEIJING", P.IMMEDIATE),)
    assert h.info == (Addressee(None, "AMEMBASSY SEOUL", P.PRIORITY), Addressee(None, "AMEMBASSY TOKYO", P.PRIORITY))
    assert h.print_lines == ("PAGE 02        STATE   071234  131535Z", "SECRET", "PAGE 03 STATE 071234 131535Z")
    assert found == [("page-marker", 4, 6), ("page-marker", 6, 1), ("page-marker", 7, 1)]
    assert split_header(as_spans(text)) == 9


# --------------------------------------------------------------------------
# Garbled and unknown lines


def test_bad_lines_stay_in_unparsed_with_their_diagnostics() -> None:
    text = (
        "VZCZCXRO0001\nPP RUEHAB RUEH1\nDE RUEHAB #0001 4001200\nZNY CCXCC ZZH\nP 321200Z JAN 09\n"
        "SOMETHING ELSE ENTIRELY\nFM AMEMBASSY ABUJA\nTO SECSTATE WASHDC PRIORITY 0001\n\nC O N F I D E N T I A L ABUJA 000001\n"
    )
    result, found = read(text)
    h = result.header
    assert (h.relay, h.station, h.security, h.precedence, h.dtg) == (Relay(P.PRIORITY, ("RUEHAB",)), None, None, P.PRIORITY, None)
    assert h.to == (Addressee(None, "SECSTATE WASHDC", P.PRIORITY, 1),)
    assert lines_of(result) == [
        (2, "PP RUEHAB RUEH1"),
        (4, "ZNY CCXCC ZZH"),
        (5, "P 321200Z JAN 09"),
        (6, "SOMETHING ELSE ENTIRELY"),
        (3, "DE RUEHAB #0001 4001200"),
    ]
    assert sorted(found) == [
        ("de-julian-day", 3, 17),
        ("dtg-day", 5, 3),
        ("routing-indicator-invalid", 2, 11),
        ("security-invalid", 4, 7),
    ]


def test_repeated_elements_stay_unparsed() -> None:
    text = "DE RUEHAB #0001 0011200\nDE RUEHCD #0002 0011200\nR 011200Z JAN 09\nR 011300Z JAN 09\n"
    result, _ = read(text)
    assert result.header.station == Station("RUEHAB", 1, None, 1, "1200", utc(2009, 1, 1, 12, 0))
    assert result.header.dtg == utc(2009, 1, 1, 12, 0)
    assert sorted(lines_of(result)) == [(2, "DE RUEHCD #0002 0011200"), (4, "R 011300Z JAN 09")]


def test_print_header_note_also_after_page_residue() -> None:
    text = "R 011200Z JAN 09\nFM SECSTATE WASHDC\nTO PAGE 02 STATE 000123 011205Z\nAMEMBASSY OSLO\nACTION EUR-00\n"
    result, found = read(text)
    assert result.header.print_lines == ("PAGE 02 STATE 000123 011205Z", "ACTION EUR-00")
    assert found == [("page-marker", 3, 4), ("print-header", 5, 1)]


def test_addressees_without_fm() -> None:
    result, found = read("R 011200Z JAN 09\nTO AMEMBASSY OSLO\n")
    assert result.header.to == (Addressee(None, "AMEMBASSY OSLO"),)
    assert found == [("originator-missing", 2, 1)]


def test_no_header() -> None:
    text = "\n\nC O N F I D E N T I A L SECTION 01 OF 02 ROME 001234\n\nSIPDIS\n"
    spans = as_spans(text)
    assert split_header(spans) == 0
    reporter = Reporter()
    assert parse_header(spans[:0], reporter) == HeaderResult(Header())
    assert [(d.code, d.line) for d in reporter.diagnostics] == [("header-missing", None)]
    assert split_header([]) == 0


def test_parse_header_keeps_what_no_element_claims() -> None:
    reporter = Reporter()
    result = parse_header(as_spans("TAGS: PREL\nSUBJECT: SOMETHING\nR 011200Z JAN 09"), reporter)
    assert result.header.dtg == utc(2009, 1, 1, 12, 0)
    assert lines_of(result) == [(1, "TAGS: PREL"), (2, "SUBJECT: SOMETHING")]


@pytest.mark.parametrize(
    "body",
    [
        "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123",
        "E C R E T SECTION 01 OF 03 OSLO 000123",
        "O N F I D E N T I A L OSLO 000123",
        "SS E C R E T OSLO 000123",
        "UUNCLAS OSLO 000123",
        "UNCLAS SECTION 01 OF 02 OSLO 000123",
        "UNCLASSIFIED OSLO 000123",
        "LIMITED OFFICIAL USE OSLO 000123",
        "C o n f i d e n t i a l section 01 of 02 oslo 000123",
        "SECRET",
        "E.O. 12958: DECL: 01/01/2019",
        "TAGS: PREL NO",
        "SUBJECT: A SUBJECT",
        "SIPDIS",
        "Friday, 23 February 2001, 15:53",
        "OSLO 000123",
    ],
)
def test_the_header_ends_where_the_body_starts_even_without_a_blank_line(body: str) -> None:
    text = f"R 011200Z JAN 09\nFM AMEMBASSY OSLO\nTO SECSTATE WASHDC 0123\nAMEMBASSY BERN\n{body}\nMORE BODY TEXT\n"
    assert split_header(as_spans(text)) == 4


@pytest.mark.parametrize(
    "text",
    [
        "C O N F I D E N T I A L OSLO 000123\n\nE.O. 12958: DECL: 01/01/2019",
        "CONFIDENTIAL OSLO 000123\n\nSIPDIS",
        "CONFIDENTIAL\n\nSIPDIS",
        "FM RADIO IS POPULAR HERE.\nIT IS.",
        "TO THE POINT.",
        "DE FACTO CONTROL OF THE PORT",
        "",
    ],
)
def test_bodies_without_header(text: str) -> None:
    assert split_header(as_spans(text)) == 0


def test_header_up_to_the_end_of_the_text() -> None:
    spans = as_spans("VZCZCXRO0001\nRR RUEHAB\nDE RUEHCD #0001 0011200\n\n\n")
    assert split_header(spans) == len(spans)


def test_spans_keep_their_lines_in_diagnostics() -> None:
    spans = [Span(40, 1, "P 290952Z FOO 09"), Span(41, 3, "FM AMEMBASSY OSLO")]
    reporter = Reporter()
    result = parse_header(spans, reporter)
    assert [(d.code, d.line, d.column, d.field) for d in reporter.diagnostics] == [("dtg-month", 40, 11, "header.dtg")]
    assert result.unparsed == (spans[0],) and result.header.originator == "AMEMBASSY OSLO"


# --------------------------------------------------------------------------
# Properties

ris = st.from_regex(r"\A[A-Z]{4,8}\Z")
prosign_precedences = st.sampled_from([P.FLASH, P.IMMEDIATE, P.PRIORITY, P.ROUTINE])
first_words = ["AMEMBASSY", "AMCONSUL", "SECSTATE", "USMISSION", "CIA", "NSC", "HQ", "CDR", "JOINT", "ZEN/AMEMBASSY", "ALL"]
more_words = [
    "OSLO",
    "BERN",
    "WASHDC",
    "WASHINGTON",
    "DC",
    "USCENTCOM",
    "MACDILL",
    "AFB",
    "FL",
    "STAFF",
    "COLLECTIVE",
    "DC//J-3/J-5//",
    "CJTF-HOA",
]
names = st.builds(
    lambda a, b: " ".join([a, *b]), st.sampled_from(first_words), st.lists(st.sampled_from(more_words), min_size=1, max_size=4)
)
addressees = st.builds(Addressee, st.none() | ris, names, st.none() | st.sampled_from(list(Precedence)), st.none() | st.integers(0, 9999))
print_blocks = st.sampled_from(
    [
        (),
        ("CONFIDENTIAL", "PAGE 01        OSLO   00123  01 OF 02  121530Z", "ACTION EUR-00"),
        ("INFO  LOG-00   EUR-00", "      SS-00    /002W"),
        ("UNCLASSIFIED   STATE   00101234",),
    ]
)
dtgs = st.datetimes(min_value=dt.datetime(1966, 1, 2), max_value=dt.datetime(2065, 12, 30), timezones=st.just(UTC)).map(
    lambda t: t.replace(second=0, microsecond=0)
)


@st.composite
def headers(draw: st.DrawFn) -> tuple[Header, bool]:
    dtg = draw(st.none() | dtgs)
    station = None
    if draw(st.booleans()):
        day = dtg.timetuple().tm_yday if dtg else draw(st.integers(1, 365))
        time = f"{dtg:%H%M}" if dtg else draw(st.from_regex(r"\A(?:[01][0-9]|2[0-3])[0-5][0-9]\Z"))
        station = Station(draw(ris), draw(st.integers(0, 9999)), draw(st.none() | st.integers(1, 20)), day, time, dtg)
    security = draw(st.none() | st.sampled_from(["U", "E", "C", "S"]))
    level = {
        "U": Classification.UNCLASSIFIED,
        "E": Classification.UNCLASSIFIED,
        "C": Classification.CONFIDENTIAL,
        "S": Classification.SECRET,
    }
    has_fl5 = dtg is not None
    header = Header(
        transmission_id=draw(st.none() | st.from_regex(r"\AVZCZC[A-Z]{3}[0-9]{3,4}\Z")),
        relay=draw(st.none() | st.builds(Relay, prosign_precedences, st.lists(ris, min_size=1, max_size=6).map(tuple))),
        station=station,
        security=level[security] if security else None,
        security_efto=security == "E",
        security_signals=draw(st.lists(st.sampled_from(["ZZH", "ZDK", "ZDS", "(CCY 0A1B2C3D QRS1234-567)"]), max_size=2).map(tuple))
        if security
        else (),
        precedence=draw(prosign_precedences) if has_fl5 else None,
        info_precedence=draw(st.none() | prosign_precedences) if has_fl5 else None,
        dtg=dtg,
        dtg_signals=draw(st.lists(st.sampled_from(["ZDK", "ZDS", "CTG", "#01234"]), max_size=2).map(tuple)) if has_fl5 else (),
        originator=draw(st.none() | names.filter(lambda n: not n.startswith("ZEN"))),
        to=draw(st.lists(addressees, max_size=3).map(tuple)),
        info=draw(st.lists(addressees, max_size=3).map(tuple)),
        exempt=draw(st.lists(addressees, max_size=2).map(tuple)),
        # A classification line belongs to a print header only above other header lines.
        print_lines=draw(print_blocks.filter(lambda b: has_fl5 or len(b) != 1)),
    )
    return header, draw(st.booleans())


@given(headers())
def test_header_round_trips(drawn: tuple[Header, bool]) -> None:
    header, partial = drawn
    reporter = Reporter()
    result = parse_header(as_spans(render_header(header, partial=partial)), reporter)
    assert result == HeaderResult(header, partial=partial, unparsed=())
    problems = [d.code for d in reporter.diagnostics if d.severity is not Severity.INFO]
    expected = []
    if (header.to or header.info or header.exempt) and header.originator is None:
        expected.append("originator-missing")
    if header == Header() and not partial:
        expected.append("header-missing")
    assert problems == expected


@given(headers(), st.sampled_from(["\n", "\n\n\n"]))
def test_split_finds_the_banner_after_any_header(drawn: tuple[Header, bool], gap: str) -> None:
    header, partial = drawn
    # Addressee lines alone at the top of a text, or an FM line alone, are not taken for a header.
    fm_and_block = header.originator is not None and bool(header.to or header.info or header.exempt)
    assume(
        partial
        or fm_and_block
        or any((header.print_lines, header.transmission_id, header.relay, header.station, header.security, header.dtg))
    )
    text = render_header(header, partial=partial)
    lines = text.split("\n") if text else []
    body = "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\n\nSIPDIS\n"
    spans = as_spans(f"{text}{gap}{body}" if text else body)
    expected = len(lines) + len(gap) - 1 if text else 0
    assert split_header(spans) == expected


@given(st.lists(st.text(max_size=30), max_size=8))
def test_arbitrary_lines_never_raise(lines: list[str]) -> None:
    spans = [Span(i, 1, line.replace("\n", " ")) for i, line in enumerate(lines, 1)]
    split = split_header(spans)
    assert 0 <= split <= len(spans)
    reporter = Reporter()
    result = parse_header(spans, reporter)
    assert isinstance(result, HeaderResult)


header_words = st.sampled_from(
    [
        "VZCZCXRO1",
        "PP",
        "RUEHAB",
        "DE",
        "#0001",
        "3661200",
        "ZNY",
        "CCCCC",
        "P",
        "O",
        "R",
        "290952Z",
        "JUN",
        "09",
        "FM",
        "TO",
        "INFO",
        "XMT",
        "PAGE",
        "01",
        "LOG-00",
        "ACTION",
        "------",
        "CONFIDENTIAL",
        "PRIORITY",
        "NIACT",
        "1234-1235",
        "RUEHC/SECSTATE",
        "This record is a partial extract of the original cable",
        "",
    ]
)


@given(st.lists(st.lists(header_words, max_size=6).map(" ".join), max_size=12))
def test_header_like_noise_never_raises(lines: list[str]) -> None:
    spans = as_spans("\n".join(lines))
    split = split_header(spans)
    assert 0 <= split <= len(spans)
    for strict in (False, True):
        result = parse_header(spans, Reporter(strict=strict))
        assert isinstance(result.header, Header)


# --------------------------------------------------------------------------
# The first-characters look-ups agree with the patterns they spare

_SAMPLES = [
    "O 121743Z NOV 09",
    "P R 121743Z NOV 09",
    "DE RUEHRL #1433/01 3161743",
    "ZNY CCCCC ZZH",
    "ZNR UUUUU",
    "VZCZCXRO6312",
    "OO RUEHDBU RUEHFL",
    "ZZ RUEHC",
    "PP RUEHC",
    "RR RUEHC",
    "YY RUEHC",
    "FM AMEMBASSY BERLIN",
    "PAGE 01 STATE 015113 182333Z",
    "ACTION EUR-00",
    "ORIGIN NEA-01",
    "INFO LOG-00 EEB-00",
    "------------------07B1C5  182334Z /38",
    "DRAFTED BY: EUR/WE:JSMITH",
    "APPROVED BY EUR:JONES",
    "TO RUEHC/SECSTATE WASHDC 1234",
    "INFO RUEHXX/AMEMBASSY PARIS",
    "XMT/AMCONSUL BERGEN",
    PARTIAL_NOTICE,
    PARTIAL_NOTICE.upper(),
    PARTIAL_NOTICE.lower(),
    "UNCLASSIFIED",
    "UNCLAS",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
    "LIMITED OFFICIAL USE",
    "C O N F I D E N T I A L SECTION 01 OF 02 BERLIN 001433",
    "SS E C R E T",
    "E.O. 12958: DECL: 11/12/2019",
    "TAGS: PREL",
    "SUBJECT: X",
    "REF: STATE 1234",
    "REFTEL",
    "SIPDIS",
    "NOFORN",
    "CLASSIFIED BY: X",
    "Friday, 27 August 2004, 08:08",
    "RUEHC/SECSTATE WASHDC PRIORITY 1234 SECTION 1 OF 2 X",
    "AMEMBASSY BERLIN 001433",
]
# Odd characters: letters that match ASCII letters without case (long s,
# Kelvin sign, dotless and dotted i), other white space, a digit.
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZehrt09#-/.: \t\xa0\x0cſKıİéΣ٣"


# Every kind in one ordered alternation, tried at every line.
_ALL_KINDS = ((header._FL5, header._FL5_LINE.pattern), *((kind, source) for kind, _, source in header._KINDS), (header._BLANK, "$"))
_LINE = regex.compile(r"[ \t]*(?:" + "|".join(f"({source})" for _, source in _ALL_KINDS) + ")")


def _kind_by_pattern(text: str) -> str:
    m = _LINE.match(text)
    return _ALL_KINDS[m.lastindex - 1][0] if m is not None and m.lastindex is not None else header._OTHER


def _body_by_pattern(text: str) -> bool:
    return header._BODY_START.match(text) is not None or header._BANNER_TAIL.search(text) is not None


def test_line_starts_agree_with_the_patterns() -> None:
    # Whatever two characters a line starts with, the rest of any sample
    # line after them is read the same with or without the look-up.
    tails = sorted({sample[2:] for sample in _SAMPLES} | {""})
    for first in _ALPHABET:
        for second in ["", *_ALPHABET]:
            for tail in tails:
                text = first + second + tail
                assert header._kind(text) == _kind_by_pattern(text), text
                assert header._body_starts(text) == _body_by_pattern(text), text


@given(
    st.sampled_from(["", " ", "\t "]),
    st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40) | st.sampled_from(_SAMPLES).map(lambda s: s[: len(s) // 2]),
)
def test_line_kinds_agree_with_the_patterns(lead: str, text: str) -> None:
    text = lead + text
    assert header._kind(text) == _kind_by_pattern(text)
    assert header._body_starts(text) == _body_by_pattern(text)
