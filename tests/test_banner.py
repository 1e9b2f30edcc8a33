"""The classification banner and the corrected-copy line."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, Span
from cableparse.fields.banner import (
    looks_like_correction,
    parse_banner,
    parse_correction,
    read_banner,
    render_banner,
    render_correction,
)
from cableparse.model import Banner, Classification, Severity

C, S, U = Classification.CONFIDENTIAL, Classification.SECRET, Classification.UNCLASSIFIED
LOU, TS = Classification.LIMITED_OFFICIAL_USE, Classification.TOP_SECRET

# (line, expected banner, whether an info repair is expected)
FIXTURES: list[tuple[str, Banner, bool]] = [
    ("C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521", Banner(C, 1, 2, "KUALA LUMPUR", 521), False),
    ("S E C R E T STATE 083673", Banner(S, None, None, "STATE", 83673), False),
    ("UNCLAS SECTION 01 OF 03 PORT AU PRINCE 000077 ", Banner(U, 1, 3, "PORT AU PRINCE", 77), False),
    ("UNCLASSIFIED USUN NEW YORK 000012", Banner(U, None, None, "USUN NEW YORK", 12), False),
    ("CONFIDENTIAL KUWAIT 000560", Banner(C, None, None, "KUWAIT", 560), False),
    ("SECRET THE HAGUE 001001", Banner(S, None, None, "THE HAGUE", 1001), False),
    ("LIMITED OFFICIAL USE ROME 004410", Banner(LOU, None, None, "ROME", 4410), False),
    ("L I M I T E D O F F I C I A L U S E LIMA 000389", Banner(LOU, None, None, "LIMA", 389), False),
    ("TOP SECRET STATE 000004", Banner(TS, None, None, "STATE", 4), False),
    ("T O P S E C R E T SECTION 2 OF 3 MOSCOW 012345", Banner(TS, 2, 3, "MOSCOW", 12345), False),
    ("UNCLAS EFTO BAKU 001165", Banner(U, None, None, "BAKU", 1165, efto=True), False),
    ("UNCLAS E F T O SECTION 01 OF 02 BAKU 001165", Banner(U, 1, 2, "BAKU", 1165, efto=True), False),
    ("C O N F I D E N T I A L SECTION 1 OF 3 RIO DE JANEIRO 0291", Banner(C, 1, 3, "RIO DE JANEIRO", 291), False),
    ("UNCLAS", Banner(U), False),
    ("S E C R E T", Banner(S), False),
    # garbles
    ("SS E C R E T SECTION 01 OF 02 OSLO 002288 ", Banner(S, 1, 2, "OSLO", 2288), True),
    ("UUNCLAS STATE 000123", Banner(U, None, None, "STATE", 123), True),
    ("CC O N F I D E N T I A L TUNIS 000042", Banner(C, None, None, "TUNIS", 42), True),
    ("E C R E T SECTION 01 OF 03 KIGALI 000510", Banner(S, 1, 3, "KIGALI", 510), True),
    ("O N F I D E N T I A L KIGALI 000733", Banner(C, None, None, "KIGALI", 733), True),
    ("C o n f i d e n t i a l section 01 of 02 asmara 000412", Banner(C, 1, 2, "ASMARA", 412), True),
    ("S e c r e t state 000093", Banner(S, None, None, "STATE", 93), True),
    ("Secret  Amman  004321", Banner(S, None, None, "AMMAN", 4321), True),
]


@pytest.mark.parametrize(("line", "expected", "repaired"), FIXTURES)
def test_banner_fixtures(line: str, expected: Banner, repaired: bool) -> None:
    reporter = Reporter()
    assert parse_banner(line, reporter) == expected
    codes = [d.code for d in reporter.diagnostics]
    assert codes == (["banner-repaired"] if repaired else [])
    assert all(d.severity is Severity.INFO for d in reporter.diagnostics)


def test_repair_points_at_the_level() -> None:
    reporter = Reporter()
    read_banner(Span(7, 3, "SS E C R E T OSLO 002288"), reporter)
    (d,) = reporter.diagnostics
    assert (d.code, d.line, d.column, d.field) == ("banner-repaired", 7, 3, "banner")


@pytest.mark.parametrize(
    "line",
    ["Secret talks in Geneva went on", "SECRETARY RICE MET", "The Ambassador met", "", "   ", "1. (C) Summary", "UNCLASSIFIEDX STATE 12"],
)
def test_not_a_banner(line: str) -> None:
    assert read_banner(Span(1, 1, line), Reporter()) is None
    reporter = Reporter()
    assert parse_banner(line, reporter) is None
    assert [d.code for d in reporter.diagnostics] in (["banner-invalid"], ["banner-missing"])


def test_standalone_raises_on_an_invalid_banner() -> None:
    with pytest.raises(CableParseError) as info:
        parse_banner("Nothing like a banner")
    assert info.value.diagnostics[0].code == "banner-invalid"


def test_trailing_text_is_reported_not_kept() -> None:
    reporter = Reporter()
    banner = parse_banner("UNCLAS STATE 000284 SIPDIS", reporter)
    assert banner == Banner(U, None, None, "STATE", 284)
    (d,) = reporter.diagnostics
    assert (d.code, d.severity, d.column) == ("banner-trailing", Severity.WARNING, 21)


def test_read_banner_gives_where_it_ends() -> None:
    found = read_banner(Span(1, 1, "UNCLAS STATE 000284 SIPDIS E.O. 12958: N/A"), Reporter())
    assert found is not None
    assert found.end == len("UNCLAS STATE 000284")


def test_section_zero_is_refused() -> None:
    reporter = Reporter()
    banner = parse_banner("SECRET SECTION 00 OF 02 STATE 000001", reporter)
    assert banner == Banner(S, None, None, "STATE", 1)
    assert [d.code for d in reporter.diagnostics] == ["banner-invalid"]


def test_render_banner_canonical() -> None:
    assert render_banner(Banner(C, 1, 2, "KUALA LUMPUR", 521)) == "C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521"
    assert render_banner(Banner(U, None, None, "BAKU", 1165, efto=True)) == "UNCLAS EFTO BAKU 001165"
    assert render_banner(Banner(LOU)) == "LIMITED OFFICIAL USE"


# -- corrected copy

CORRECTIONS = [
    ("C O R R E C T E D C O P Y (ADDED TAGS)", "CORRECTED COPY (ADDED TAGS)"),
    ("C O R R E C T E D  C O P Y - ADDED NOFORN CAPTION", "CORRECTED COPY - ADDED NOFORN CAPTION"),
    ("C O R R E C T E D COPY --CHANGE OF CLASSIFICATION ", "CORRECTED COPY --CHANGE OF CLASSIFICATION"),
    ("C O R R E C T E D COPY//SUBJECT LINE//////", "CORRECTED COPY//SUBJECT LINE//////"),
    ("CORRECTED COPY: SUBJECT LINE CHANGED", "CORRECTED COPY: SUBJECT LINE CHANGED"),
    ("C O R R E C T E D C O PY (TEXT)", "CORRECTED COPY (TEXT)"),
    ("corrected copy (added addressee)", "CORRECTED COPY (added addressee)"),
    ("CORRECTED COPY", "CORRECTED COPY"),
    ("  C O R R E C T E D   C O P Y   (CHANGED   CLASSIFICATION TO SECRET) ", "CORRECTED COPY (CHANGED CLASSIFICATION TO SECRET)"),
    ("CORRECTEDCOPY (HANDLING INSTRUCTIONS)", "CORRECTED COPY (HANDLING INSTRUCTIONS)"),
    ("C O R R E C T E D COPY (CORRECTED ADDEE)", "CORRECTED COPY (CORRECTED ADDEE)"),
    ("C O R R E C T E D C O P Y", "CORRECTED COPY"),
]


@pytest.mark.parametrize(("line", "expected"), CORRECTIONS)
def test_correction_fixtures(line: str, expected: str) -> None:
    assert looks_like_correction(line)
    assert parse_correction(line) == expected
    assert parse_correction(render_correction(expected)) == expected


@pytest.mark.parametrize("line", ["CORRECTEDLY", "This is a corrected copy of DAMASCUS 142", "COPY CORRECTED"])
def test_not_a_correction(line: str) -> None:
    assert not looks_like_correction(line)
    reporter = Reporter()
    assert parse_correction(line, reporter) is None
    assert [d.code for d in reporter.diagnostics] == ["unparsed-line"]


# -- properties

STATIONS = [
    "KUALA LUMPUR",
    "STATE",
    "USNATO",
    "USUN NEW YORK",
    "UNVIE VIENNA",
    "THE HAGUE",
    "RPO DUBAI",
    "PORT AU PRINCE",
    "BAKU",
    "ABU DHABI",
]
# Captions and keywords run onto the banner line are not station words (banner._NOT_STATION).
_NOT_STATION_WORDS = {"EO", "SIPDIS", "NOFORN", "EXDIS", "NODIS", "LIMDIS", "SENSITIVE", "TAG", "TAGS", "SUBJ", "SUBJECT", "REF", "REFS"}
_WORDS = st.from_regex(r"[A-Z]{2,9}", fullmatch=True).filter(
    lambda w: w not in {"SECTION", "EFTO", "OF"} and w not in _NOT_STATION_WORDS and "IFIED" not in w
)
stations = st.one_of(st.sampled_from(STATIONS), st.lists(_WORDS, min_size=1, max_size=3).map(" ".join))


@st.composite
def banners(draw: st.DrawFn) -> Banner:
    """Banners that render and read back: section with sections, station with serial."""
    level = draw(st.sampled_from(list(Classification)))
    section = sections = None
    if draw(st.booleans()):
        section, sections = draw(st.integers(1, 99)), draw(st.integers(1, 99))
    station = serial = None
    if draw(st.booleans()):
        station, serial = draw(stations), draw(st.integers(0, 9_999_999))
    return Banner(level, section, sections, station, serial, efto=draw(st.booleans()))


@given(banners())
def test_render_parse_round_trip(banner: Banner) -> None:
    assert parse_banner(render_banner(banner)) == banner


_PLAIN = {"C O N F I D E N T I A L": "CONFIDENTIAL", "T O P S E C R E T": "TOP SECRET", "S E C R E T": "SECRET", "UNCLAS": "UNCLASSIFIED"}


def _garble(line: str, how: str) -> str:
    if how == "lower":
        return line.lower()
    if how == "double":
        return line[0] + line
    if how == "drop":
        return line[1:]
    if how == "plain":
        for spaced, plain in _PLAIN.items():
            if line.startswith(spaced):
                return plain + line[len(spaced) :]
        return line
    return "  " + line.replace(" ", "  ") + " "


@given(banners(), st.sampled_from(["lower", "double", "drop", "plain", "spaces"]))
def test_garbled_banners_decode_to_the_same_value(banner: Banner, how: str) -> None:
    line = render_banner(banner)
    if how == "lower" and banner.serial is None and banner.classification in (U, LOU):
        # A plain level in lower case is ordinary text unless a serial follows.
        how = "double"
    reporter = Reporter()
    assert parse_banner(_garble(line, how), reporter) == banner
    assert all(d.severity is Severity.INFO for d in reporter.diagnostics)


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_banner(text)
    parse_banner(text, Reporter())
    parse_correction(text, Reporter())
