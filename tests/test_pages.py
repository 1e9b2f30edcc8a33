"""Page and section markers: removal, positions, rendering, properties."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, Span, as_spans
from cableparse.fields.pages import parse_page_marker, render_page_marker, strip_page_markers
from cableparse.fields.paragraphs import parse_paragraphs
from cableparse.model import PageMarker


def strip(text: str) -> tuple[list[Span], tuple[PageMarker, ...], Reporter]:
    reporter = Reporter()
    spans, markers = strip_page_markers(as_spans(text), reporter)
    return spans, markers, reporter


def texts(spans: list[Span]) -> list[str]:
    return [s.text for s in spans]


# -- modern markers -----------------------------------------------------------


def test_whole_line_marker_is_removed_with_its_line() -> None:
    spans, markers, reporter = strip("the talks ended\nOSLO 00000042 002 OF 003\nwithout agreement")
    assert texts(spans) == ["the talks ended", "without agreement"]
    assert [s.line for s in spans] == [1, 3]
    assert markers == (PageMarker(station="OSLO", serial=42, page=2, pages=3),)
    [d] = reporter.diagnostics
    assert (d.code, d.line, d.column) == ("page-marker", 2, 1)


def test_station_truncated_to_ten_characters_with_spaces() -> None:
    _, markers, _ = strip("PORT AU PR 00001234 004 OF 005")
    assert markers[0].station == "PORT AU PR"
    assert (markers[0].serial, markers[0].page, markers[0].pages) == (1234, 4, 5)


def test_sub_part_after_the_dot() -> None:
    _, markers, _ = strip("ROME 00000777 001.2 OF 004")
    assert markers[0].page == 1
    assert markers[0].part == 2
    assert markers[0].pages == 4


def test_double_spaces_and_trailing_blank() -> None:
    spans, markers, _ = strip("  LIMA 00000808  003 OF 003 \nnext")
    assert texts(spans) == ["next"]
    assert markers[0].station == "LIMA"


def test_sentence_cased_whole_line_marker() -> None:
    spans, markers, _ = strip("one\nBern 00000015 002 of 002\ntwo")
    assert texts(spans) == ["one", "two"]
    assert markers[0].station == "Bern"


def test_inline_marker_splits_the_span_and_keeps_columns() -> None:
    line = "we met the (FOO, BAR, DAKAR 00000284 002 OF 002 local groups) then"
    spans, markers, reporter = strip(line)
    assert texts(spans) == ["we met the (FOO, BAR,", "local groups) then"]
    assert spans[1].column == line.index("local") + 1
    assert spans[0].line == spans[1].line == 1
    assert markers[0].station == "DAKAR"
    [d] = reporter.diagnostics
    assert (d.code, d.column) == ("page-marker-inline", line.index("DAKAR") + 1)


def test_inline_marker_at_end_of_line_leaves_one_span() -> None:
    spans, markers, _ = strip("REF: A. 08 OSLO 12 OSLO 00000034 001.2 OF 005 ")
    assert texts(spans) == ["REF: A. 08 OSLO 12"]
    assert markers[0].part == 2


def test_swallowed_capital_word_is_given_back_using_the_banner() -> None:
    text = "S E C R E T SECTION 01 OF 03 LIMA 000743\nAND THE LIMA 00000743 003 OF 003 TALKS"
    spans, markers, _ = strip(text)
    assert markers[0].station == "LIMA"
    assert texts(spans)[1:] == ["AND THE", "TALKS"]


def test_swallowed_capital_word_is_given_back_using_a_whole_line_marker() -> None:
    text = "x\nLIMA 00000743 002 OF 003\nSAID THE LIMA 00000743 003 OF 003 TALKS"
    spans, markers, _ = strip(text)
    assert [m.station for m in markers] == ["LIMA", "LIMA"]
    assert "SAID THE" in texts(spans)


def test_station_with_leading_article_is_kept_when_the_banner_has_it() -> None:
    _, markers, _ = strip("UNCLAS THE HAGUE 000012\nAT THE HAGUE 00000012 002 OF 002 x")
    assert markers[0].station == "THE HAGUE"


def test_numbers_that_are_not_markers_stay() -> None:
    text = "account 12345678 123 was closed\nAN OSLO 1234567 002 OF 003 line"
    spans, markers, reporter = strip(text)
    assert markers == ()
    assert texts(spans) == text.split("\n")
    assert reporter.diagnostics == ()


def test_no_marker_returns_the_spans_unchanged() -> None:
    spans, markers, _ = strip("just\n\ntext")
    assert markers == ()
    assert texts(spans) == ["just", "", "text"]


def test_markers_of_a_concatenated_record_are_left_alone() -> None:
    text = "a\nOSLO 00000001 002 OF 002\nb\n<<218634>>\nRIGA 00002290 002 OF 003\nc"
    spans, markers, _ = strip(text)
    assert texts(spans) == ["a", "b", "<<218634>>", "RIGA 00002290 002 OF 003", "c"]
    assert [m.station for m in markers] == ["OSLO"]


# -- old print-format markers -----------------------------------------------


def test_old_page_line_with_page_classification_lines() -> None:
    text = (
        "the minister said\n                CONFIDENTIAL\n\n                CONFIDENTIAL\n"
        "PAGE 02        BRAZZA  00097  01 OF 03  182017Z\nthat he would"
    )
    spans, markers, reporter = strip(text)
    assert texts(spans) == ["the minister said", "", "that he would"]
    assert markers == (PageMarker(station="BRAZZA", serial=97, page=2, pages=3, section=1, stamp="182017Z"),)
    assert [d.line for d in reporter.diagnostics] == [2, 4, 5]


def test_classification_line_after_the_page_line_is_removed() -> None:
    spans, markers, _ = strip("text\nPAGE 03 VATICA 00412 02 OF 02 011200Z\nSECRET\nmore")
    assert texts(spans) == ["text", "more"]
    assert markers[0].page == 3


def test_classification_word_away_from_page_lines_is_kept() -> None:
    text = "1. The memo was marked\nCONFIDENTIAL\nby the ministry."
    spans, markers, _ = strip(text)
    assert markers == ()
    assert texts(spans) == text.split("\n")


def test_collapsed_old_page_line_keeps_the_content() -> None:
    line = "PAGE 02 MASERU 06677 01 OF 03 291400Z OPPOSITION LEADER SAID"
    spans, markers, reporter = strip(line)
    assert texts(spans) == ["OPPOSITION LEADER SAID"]
    assert spans[0].column == line.index("OPPOSITION") + 1
    assert markers[0].stamp == "291400Z"
    assert reporter.diagnostics[0].code == "page-marker-inline"


def test_old_page_line_without_section() -> None:
    _, markers, _ = strip("PAGE 02        STATE   037566  161435Z")
    assert markers == (PageMarker(station="STATE", serial=37566, page=2, stamp="161435Z"),)


def test_classification_glued_before_page() -> None:
    spans, markers, _ = strip("CONFIDENTIAL PAGE 04 ACCRA 01382 02 OF 02 061530Z\nrest")
    assert texts(spans) == ["rest"]
    assert markers[0].station == "ACCRA"


# -- the one-marker parser and its inverse ---------------------------------------


def test_parse_page_marker_standalone() -> None:
    assert parse_page_marker("KUALA LUMP 00000521 002 OF 002") == PageMarker("KUALA LUMP", 521, 2, 2)


def test_parse_page_marker_rejects_prose_with_a_warning() -> None:
    reporter = Reporter()
    assert parse_page_marker("the minister left", reporter) is None
    assert [d.code for d in reporter.diagnostics] == ["page-marker-invalid"]


def test_parse_page_marker_standalone_does_not_raise_on_a_warning() -> None:
    assert parse_page_marker("not a marker") is None


def test_render_modern_and_old() -> None:
    assert render_page_marker(PageMarker("KUALA LUMP", 521, 2, 2)) == "KUALA LUMP 00000521 002 OF 002"
    assert render_page_marker(PageMarker("ROME", 7, 1, 4, part=3)) == "ROME 00000007 001.3 OF 004"
    old = PageMarker("CAPE T", 97, 2, 3, section=1, stamp="182017Z")
    assert render_page_marker(old) == "PAGE 02 CAPE T 00097 01 OF 03 182017Z"


# -- properties ------------------------------------------------------------------

stations = st.from_regex(r"\A[A-Z]{2,6}( [A-Z]{1,3})?\Z")
modern = st.builds(
    PageMarker,
    station=stations,
    serial=st.integers(0, 99_999_999),
    page=st.integers(1, 999),
    pages=st.integers(1, 999),
    part=st.none() | st.integers(1, 9),
)
old = st.builds(
    PageMarker,
    station=st.from_regex(r"\A[A-Z]{2,6}\Z"),
    serial=st.integers(0, 99_999),
    page=st.integers(1, 99),
    pages=st.integers(1, 99),
    section=st.integers(1, 99),
    stamp=st.from_regex(r"\A[0-3][0-9][0-2][0-9][0-5][0-9]Z\Z"),
)


@given(modern | old)
def test_render_then_parse_round_trip(marker: PageMarker) -> None:
    assert parse_page_marker(render_page_marker(marker)) == marker


words = st.lists(st.from_regex(r"\A[a-z]{1,9}[,;]?\Z"), min_size=2, max_size=40)


@given(words, st.data())
def test_markers_inside_paragraph_text_are_removed_and_the_text_rejoined(ws: list[str], data: st.DataObject) -> None:
    text = " ".join(ws) + "."
    marker = data.draw(modern)
    cut = data.draw(st.integers(1, len(ws) - 1))
    inline = data.draw(st.booleans())
    sep = " " if inline else "\n"
    garbled = " ".join(ws[:cut]) + sep + render_page_marker(marker) + sep + " ".join(ws[cut:]) + "."
    reporter = Reporter()
    spans, markers = strip_page_markers(as_spans("3. (C) " + garbled), reporter)
    assert markers == (marker,)
    [paragraph] = parse_paragraphs(spans, reporter)
    assert paragraph.text == text
    assert paragraph.number == 3


@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    reporter = Reporter()
    spans, markers = strip_page_markers(as_spans(text), reporter)
    assert all("\n" not in s.text for s in spans)
    assert len(markers) <= text.upper().count("OF") + text.count("PAGE")


@given(st.text(max_size=200))
def test_standalone_parser_raises_only_cable_parse_error(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_page_marker(text)


@pytest.mark.parametrize(
    "line",
    ["KUALA LUMP 00000521 002 OF 002", "ROME 00000777 001.2 OF 004", "PAGE 02 CAPE T 00097 01 OF 03 182017Z"],
)
def test_marker_line_positions_are_reported_in_original_columns(line: str) -> None:
    _, _, reporter = strip("   " + line)
    assert reporter.diagnostics[-1].column == 4
