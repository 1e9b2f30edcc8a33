"""Handling captions and passing lines."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter
from cableparse.fields.captions import CaptionLines, caption_only, parse_captions, passing_start, render_captions
from cableparse.model import Severity

# (caption zone text, captions, passing lines, number of info repairs)
FIXTURES: list[tuple[str, tuple[str, ...], tuple[str, ...], int]] = [
    ("SIPDIS\n\nFOR EAP/MTS AND G/TIP", ("SIPDIS",), ("FOR EAP/MTS AND G/TIP",), 0),
    ("SIPDIS\n\nSIPDIS", ("SIPDIS",), (), 1),
    ("SIPDIS SIPDIS", ("SIPDIS",), (), 1),
    ("NOFORN SIPDIS", ("NOFORN", "SIPDIS"), (), 0),
    ("NOFORN, SIPDIS, FOR DCMS AND ALL CABLE DRAFTERS", ("NOFORN", "SIPDIS"), ("FOR DCMS AND ALL CABLE DRAFTERS",), 0),
    (
        "SIPDIS\n\nSENSITIVE\nSIPDIS\n\nDEPARTMENT FOR WHA/CEN\nPASS TO USAID FOR AA/LAC",
        ("SIPDIS", "SENSITIVE"),
        ("DEPARTMENT FOR WHA/CEN", "PASS TO USAID FOR AA/LAC"),
        1,
    ),
    ("EXDIS\nNODIS\nLIMDIS\nSTADIS", ("EXDIS", "NODIS", "LIMDIS", "STADIS"), (), 0),
    ("ROGER\nCHEROKEE\nDISSENT CHANNEL\nOFFICIAL INFORMAL", ("ROGER", "CHEROKEE", "DISSENT CHANNEL", "OFFICIAL INFORMAL"), (), 0),
    ("Sipdis\nnoforn", ("SIPDIS", "NOFORN"), (), 2),
    ("SECRET//REL SAU", ("REL SAU",), (), 1),
    ("RELEASABLE TO PAKISTAN\nDEPT PASS USTR", ("RELEASABLE TO PAKISTAN",), ("DEPT PASS USTR",), 0),
    ("GENEVA: FOR CD DELEGATION", (), ("GENEVA: FOR CD DELEGATION",), 0),
    ("STATE FOR EUR/RUS (GUHA), EUR/ACE\nNSC FOR SMITH", (), ("STATE FOR EUR/RUS (GUHA), EUR/ACE", "NSC FOR SMITH"), 0),
    # wrapped passing lines: no new instruction, or a joining end
    (
        "STATE FOR AF/S, EUR/NB, ISN/RA, L/OES\nPRM/ECA\nNSC FOR HOLT",
        (),
        ("STATE FOR AF/S, EUR/NB, ISN/RA, L/OES PRM/ECA", "NSC FOR HOLT"),
        0,
    ),
    ("DEPT FOR WHA DAS JONES AND\nMEX DIRECTOR LEE FOR INFO", (), ("DEPT FOR WHA DAS JONES AND MEX DIRECTOR LEE FOR INFO",), 0),
    ("TREASURY FOR OAKES; NSC\nFOR BRANDT", (), ("TREASURY FOR OAKES; NSC FOR BRANDT",), 0),
    # an office code ending in AND is not a joining word
    ("STATE FOR EUR/CE AND WHA/AND\nNSC FOR JONES", (), ("STATE FOR EUR/CE AND WHA/AND", "NSC FOR JONES"), 0),
    ("PLEASE PASS TO AMBASSADOR\n\nDEPT PLEASE PASS USAID", (), ("PLEASE PASS TO AMBASSADOR", "DEPT PLEASE PASS USAID"), 0),
    ("SENSITIVE BUT UNCLASSIFIED", ("SENSITIVE BUT UNCLASSIFIED",), (), 0),
    ("For EUR/NB (Olsen),   EUR/PD (Hart)", (), ("For EUR/NB (Olsen), EUR/PD (Hart)",), 0),
]


@pytest.mark.parametrize(("text", "captions", "passing", "repairs"), FIXTURES)
def test_caption_fixtures(text: str, captions: tuple[str, ...], passing: tuple[str, ...], repairs: int) -> None:
    reporter = Reporter()
    assert parse_captions(text, reporter) == CaptionLines(captions, passing)
    assert [d.code for d in reporter.diagnostics] == ["caption-repaired"] * repairs
    assert all(d.severity is Severity.INFO for d in reporter.diagnostics)


def test_repeated_caption_is_reported_where_it_stands() -> None:
    reporter = Reporter()
    parse_captions("SIPDIS\n\nNOFORN SIPDIS", reporter)
    (d,) = reporter.diagnostics
    assert (d.line, d.column) == (3, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SIPDIS", True),
        ("NOFORN, SIPDIS.", True),
        ("EYES ONLY", True),
        ("SECRET//NOFORN", True),
        ("SIPDIS FOR X", False),
        ("DEPT FOR X", False),
    ],
)
def test_caption_only(text: str, expected: bool) -> None:
    assert caption_only(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FOR EAP/MTS", True),
        ("DEPT PASS USTR", True),
        ("GENEVA: FOR CD DELEGATION", True),
        ("HOMELAND SECURITY PLEASE PASS TO SECRET SERVICE", True),
        ("H PLS PASS STAFFDEL", True),
        ("CENTER, HONG KONG FOR RSO", False),
        ("AFFAIRS", False),
    ],
)
def test_passing_start(text: str, expected: bool) -> None:
    assert passing_start(text) is expected


def test_render_captions() -> None:
    assert render_captions(("SIPDIS", "NOFORN"), ("FOR EAP", "DEPT PASS USTR")) == "SIPDIS\nNOFORN\n\nFOR EAP\n\nDEPT PASS USTR"
    assert render_captions((), ()) == ""


# -- properties

COMBINABLE = ["SIPDIS", "NOFORN", "SENSITIVE", "EXDIS", "NODIS", "LIMDIS", "STADIS", "CHEROKEE", "SPECAT"]
WHOLE_LINE = ["ROGER", "EYES ONLY", "DS CHANNEL", "OFFICIAL INFORMAL", "RELEASABLE TO PAKISTAN", "FOR OFFICIAL USE ONLY"]
ADDRESSEES = ["", "DEPT ", "STATE ", "NSC ", "TREASURY ", "LONDON ", "USDOC ", "GENEVA: ", "DEPARTMENT ALSO "]
_OFFICE = st.from_regex(r"[A-Z]{1,4}/[A-Z]{2,5}( \([A-Z]{3,8}\))?", fullmatch=True)
passing_lines = st.builds(
    lambda who, verb, offices: f"{who}{verb} {' AND '.join(offices)}",
    st.sampled_from(ADDRESSEES),
    st.sampled_from(["FOR", "PASS", "PLEASE PASS"]),
    st.lists(_OFFICE, min_size=1, max_size=3),
)
combinable = st.lists(st.sampled_from(COMBINABLE), unique=True, max_size=4)
whole = st.lists(st.sampled_from(WHOLE_LINE), unique=True, max_size=2)


@given(combinable, whole, st.lists(passing_lines, max_size=4))
def test_render_parse_round_trip(words: list[str], lines: list[str], passing: list[str]) -> None:
    captions = tuple(words + lines)
    assert parse_captions(render_captions(captions, tuple(passing))) == CaptionLines(captions, tuple(passing))


@given(combinable.filter(bool), st.sampled_from(["lower", "merged", "commas", "doubled"]), st.lists(passing_lines, max_size=2))
def test_garbled_captions_decode_to_the_same_value(words: list[str], how: str, passing: list[str]) -> None:
    if how == "lower":
        zone = "\n".join(w.lower() for w in words)
    elif how == "merged":
        zone = " ".join(words)
    elif how == "commas":
        zone = ", ".join(words) + "."
    else:
        zone = "\n\n".join(w for word in words for w in (word, word))
    zone += "".join(f"\n\n{p}" for p in passing)
    reporter = Reporter()
    assert parse_captions(zone, reporter) == CaptionLines(tuple(words), tuple(passing))
    assert all(d.severity is Severity.INFO for d in reporter.diagnostics)


@given(combinable.filter(bool), passing_lines)
def test_captions_and_passing_on_one_line(words: list[str], line: str) -> None:
    assert parse_captions(", ".join(words) + ", " + line) == CaptionLines(tuple(words), (line,))


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_captions(text)
    result = parse_captions(text, Reporter())
    assert all(isinstance(c, str) and c for c in result.captions + result.passing)
