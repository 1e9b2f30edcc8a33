"""Element renderers that must stay exact inverses: captions after a level, paragraph headings."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse.errors import Reporter
from cableparse.fields.captions import CaptionLines, parse_captions, render_captions
from cableparse.fields.classified_by import parse_classified_by
from cableparse.fields.front import parse_date_line, render_date_line
from cableparse.fields.paragraphs import parse_paragraphs, render_paragraphs
from cableparse.model import ClassifiedBy, Paragraph

# --------------------------------------------------------------------------
# Captions


def test_controls_are_written_after_the_level() -> None:
    text = render_captions(("SIPDIS", "REL SAU"), (), "SECRET")
    assert text == "SIPDIS\nSECRET//REL SAU"
    assert parse_captions(text, Reporter()) == CaptionLines(("SIPDIS", "REL SAU"), ())


def test_consecutive_controls_share_a_line_and_keep_their_order() -> None:
    text = render_captions(("NOFORN", "FGI", "REL UK", "SIPDIS"), ("DEPT FOR EUR/WE",), "CONFIDENTIAL")
    assert text.split("\n") == ["NOFORN", "CONFIDENTIAL//FGI//REL UK", "SIPDIS", "", "DEPT FOR EUR/WE"]
    assert parse_captions(text, Reporter()) == CaptionLines(("NOFORN", "FGI", "REL UK", "SIPDIS"), ("DEPT FOR EUR/WE",))


def test_plain_captions_stay_one_a_line() -> None:
    assert render_captions(("SIPDIS", "NOFORN", "REL TO USA, AUS")) == "SIPDIS\nNOFORN\nREL TO USA, AUS"


# --------------------------------------------------------------------------
# Paragraph headings


def _round_trip(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    return parse_paragraphs(render_paragraphs(paragraphs), Reporter())


CASES = {
    "plain heading": (
        Paragraph(1, "C", None, "The minister spoke."),
        Paragraph(2, "C", "Next Steps", "We will follow up."),
    ),
    "heading after a sentence left open": (
        Paragraph(1, "C", None, "The minister spoke. END SUMMARY,"),
        Paragraph(2, "C", "FRENCH OPERATION", "We will follow up."),
    ),
    "heading after a colon": (
        Paragraph(1, "S", None, "He made these points:"),
        Paragraph(2, "S", "VFM ON DENUCLEARIZATION", "The talks resumed."),
    ),
    "heading with a full stop": (
        Paragraph(1, "C", None, "The minister spoke."),
        Paragraph(2, "C", "VICE PRESIDENT WANTS TO VISIT U.S.", "He asked for dates."),
    ),
    "heading longer than a line": (
        Paragraph(1, "C", None, "The minister spoke."),
        Paragraph(
            2,
            "C",
            "NATO FORCE GENERATION CONFERENCE FOR THE NORTHERN PROVINCES AND HOW TO GET PARLIAMENT TO APPROVE ADDITIONAL FORCES",
            "He expected a conference.",
        ),
    ),
    "stacked headings": (
        Paragraph(None, "SBU", None, "This is the second cable in a series on the abuses of the party bosses in the provinces."),
        Paragraph(
            2,
            "U",
            "THE RECORD OF THE REGIME OF THE EIGHTIES AND SUBSEQUENT ABUSES OF POWER BY THE PARTY / Rampant Abuses, "
            "including Torture and Murder",
            "The regime declared a state of emergency.",
        ),
    ),
    "heading above unnumbered text": (
        Paragraph(1, "C", None, "Posts should draw on the following points."),
        Paragraph(None, None, "Key Messages", "-- We have shown our willingness to engage."),
        Paragraph(None, None, "Policy Narrative", "-- The President has made clear our position."),
    ),
    "short unnumbered text above a paragraph": (
        Paragraph(None, None, None, "Declassify on: Source marked 25X1-human, Date of source: June 27, 2009"),
        Paragraph(1, "U", None, "Diplomatic Security Daily."),
    ),
    "short marked text above a paragraph": (
        Paragraph(None, "C", None, "Overview of the week"),
        Paragraph(1, "C", None, "Nothing happened."),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_paragraphs_read_back_as_written(name: str) -> None:
    paragraphs = CASES[name]
    assert _round_trip(paragraphs) == paragraphs


def test_a_plain_heading_is_one_line_above_its_paragraph() -> None:
    assert render_paragraphs(CASES["plain heading"]) == "1. (C) The minister spoke.\n\nNext Steps\n\n2. (C) We will follow up."


def test_an_open_sentence_puts_a_rule_above_the_heading() -> None:
    text = render_paragraphs(CASES["heading after a sentence left open"])
    assert text.split("\n")[2:5] == ["-" * 10, "FRENCH OPERATION", "-" * 10]


def test_a_long_heading_is_cut_into_underlined_lines() -> None:
    lines = render_paragraphs(CASES["heading longer than a line"]).split("\n")
    assert lines[2] == "-" * 10
    assert lines[5] == "-" * 10
    assert all(len(line) <= 100 for line in lines[3:5])


def test_a_heading_no_frame_holds_is_decorated() -> None:
    assert render_paragraphs(CASES["heading with a full stop"]).split("\n")[2:4] == ["-" * 10, "//VICE PRESIDENT WANTS TO VISIT U.S.//"]
    lower = (Paragraph(1, "C", None, "He spoke."), Paragraph(2, "C", "a heading in lower case", "Text."))
    assert "//a heading in lower case//" in render_paragraphs(lower)
    assert _round_trip(lower) == lower


_WORDS = st.sampled_from(
    ["Talks", "ON", "the", "Border", "U.S.", "Reform:", "AND", "Next", "Steps,", "REACTION", "(U)", "Visit", "--", "/", "end.", "Minister;"]
)


@given(
    heading=st.lists(_WORDS, min_size=1, max_size=25).map(" ".join).filter(lambda h: h[0].isupper()),
    previous=st.sampled_from(["He spoke.", "He said:", "END SUMMARY,", "as follows -", "Text"]),
    numbered=st.booleans(),
)
def test_any_heading_reads_back(heading: str, previous: str, numbered: bool) -> None:
    paragraphs = (
        Paragraph(1, "C", None, previous),
        Paragraph(2 if numbered else None, "C" if numbered else None, heading, "The minister spoke."),
    )
    assert _round_trip(paragraphs) == paragraphs


# --------------------------------------------------------------------------
# The redacted versions' date line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friday, 23 February 2001, 15:53", dt.datetime(2001, 2, 23, 15, 53, tzinfo=dt.timezone.utc)),
        ("  thursday, 3 february 2005, 9:01 ", dt.datetime(2005, 2, 3, 9, 1, tzinfo=dt.timezone.utc)),
        ("Monday, 31 February 2005, 09:01", None),
        ("Monday, 1 Februar 2005, 09:01", None),
        ("Friday 23 February 2001 15:53", None),
    ],
)
def test_date_lines(text: str, expected: dt.datetime | None) -> None:
    assert parse_date_line(text) == expected


@given(
    st.datetimes(min_value=dt.datetime(1966, 1, 1), max_value=dt.datetime(2065, 12, 31)).map(lambda d: d.replace(second=0, microsecond=0))
)
def test_date_line_round_trip(value: dt.datetime) -> None:
    value = value.replace(tzinfo=dt.timezone.utc)
    text = render_date_line(value)
    assert text.split(",")[0] == value.strftime("%A")
    assert parse_date_line(text) == value


def test_a_date_line_dates_a_cable_without_dtg() -> None:
    body = (
        "Thursday, 03 February 2005, 13:01\n\nUNCLAS ZED 000012\n\nTAGS: PREL\nSUBJECT: NO HEADER\n\nREF: STATE 99\n\n1. (U) Text.\n\nDOE\n"
    )
    cable = cableparse.parse(body)
    assert cable.reference_id == "05ZED12"
    assert cable.references[0].reference_id == "05STATE99"


# --------------------------------------------------------------------------
# Classified By wrapped after a trailing space


def test_a_wrapped_classified_by_line_keeps_single_spaces() -> None:
    value = parse_classified_by("Classified By: Acting Political Counselor Robert A. \nClark for reasons 1.5 (a). ", Reporter())
    assert value == ClassifiedBy("Robert A. Clark", "Acting Political Counselor", ("1.5(a)",))


@given(st.text(max_size=60) | st.from_regex(r"[A-Za-z]{6,9}, [0-9]{1,2} [A-Za-z]{3,9} [0-9]{4}, [0-9]{1,2}:[0-9]{2}", fullmatch=True))
def test_date_line_reader_never_raises(text: str) -> None:
    value = parse_date_line(text)
    assert value is None or (value.tzinfo is dt.timezone.utc and parse_date_line(render_date_line(value)) == value)
