"""The text zone as a whole: the seed cable, summaries, concatenated records."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse.errors import CableParseError, Reporter, Span, as_spans
from cableparse.fields.pages import strip_page_markers
from cableparse.fields.results import TextResult
from cableparse.fields.text import find_summary, parse_text, render_text
from cableparse.model import PageMarker, Paragraph, Severity

SEED_HEADINGS = [
    "Summary and Comment",
    None,
    "Senior Officials Receive DCM, Discuss Constructive Approach",
    "DCM Presents Recommendations, Urges Partnership",
    "Labor Trafficking -- GOM to Start Using TIP Law",
    "Allegations of Trafficking of Refugees",
    "Police Comments",
    "Malaysia Ratifies UN Protocol",
]


def seed_text_spans(example_text: str) -> list[Span]:
    spans = as_spans(example_text)
    start = next(i for i, s in enumerate(spans) if s.text.strip() == "Summary and Comment")
    return list(spans[start:])


def test_seed_text(example_text: str) -> None:
    reporter = Reporter()
    body, markers = strip_page_markers(seed_text_spans(example_text), reporter)
    result = parse_text(body, reporter)
    assert [p.number for p in result.paragraphs] == list(range(1, 9))
    assert [p.marking for p in result.paragraphs] == ["C", "C", "SBU", "SBU", "C", "SBU", "C", "SBU"]
    assert [p.heading for p in result.paragraphs] == SEED_HEADINGS
    p1, p2, p3, p4 = result.paragraphs[:4]
    assert p1.text.startswith("The DCM presented the trafficking in persons (TIP) action plan")
    assert p2.text.startswith("Comment: The June 29")
    assert p3.text.startswith("On June 29, DCM and Polcouns met for one hour with senior officials of the Home Ministry ")
    assert "anti-smuggling efforts" not in p4.text
    assert "human smuggling, resulting in Malaysia's increased interception of smuggling attempts" in p4.text
    assert "KUALA LUMP" not in p4.text and "  " not in p4.text
    assert result.signature == "KEITH"
    assert result.unparsed == ()
    assert markers == (PageMarker(station="KUALA LUMP", serial=521, page=2, pages=2),)
    assert all(d.severity is Severity.INFO for d in reporter.diagnostics)


def test_seed_summary(example_text: str) -> None:
    reporter = Reporter()
    body, _ = strip_page_markers(seed_text_spans(example_text), reporter)
    summary = parse_text(body, reporter).summary
    assert summary is not None
    first, second = summary.split("\n\n")
    assert first.startswith("The DCM presented") and first.endswith("ratified the UN TIP Protocol in March 2009.")
    assert second.startswith("Comment: The June 29 meeting")
    assert second.endswith("including with the police and Attorney General's Office.")


def test_seed_through_the_whole_parser(example_text: str) -> None:
    cable = cableparse.parse(example_text)
    assert [p.number for p in cable.paragraphs] == list(range(1, 9))
    assert [p.heading for p in cable.paragraphs] == SEED_HEADINGS
    assert cable.signature == "KEITH"
    assert len(cable.page_markers) == 1
    assert not [d for d in cable.diagnostics if d.field in ("paragraphs", "signature", "page_markers") and d.severity is not Severity.INFO]


def test_paragraph_continuing_across_a_page_marker() -> None:
    text = "1. (C) The talks were held in a\n\nOSLO 00000012 002 OF 002\n\ncordial atmosphere.\n\nSTOLTENBERG"
    reporter = Reporter()
    body, markers = strip_page_markers(as_spans(text), reporter)
    result = parse_text(body, reporter)
    assert result.paragraphs == (Paragraph(1, "C", None, "The talks were held in a cordial atmosphere."),)
    assert result.signature == "STOLTENBERG"
    assert len(markers) == 1


def test_glued_signature_is_not_in_the_paragraph() -> None:
    result = parse_text("1. (C) One.\n\n2. (C) We will follow up. End Comment and Action Request. DRUCKER", Reporter())
    assert result.paragraphs[-1].text == "We will follow up. End Comment and Action Request."
    assert result.signature == "DRUCKER"


def test_missing_signature_is_a_warning_with_a_position() -> None:
    reporter = Reporter()
    result = parse_text("1. (C) One.\n2. (C) The report was cut off in mid", reporter)
    assert result.signature is None
    [d] = [d for d in reporter.diagnostics if d.code == "signature-missing"]
    assert d.line == 2


def test_concatenated_record_goes_to_unparsed() -> None:
    text = "1. (C) One.\n\nBYRNE\n<<218634>>\n7/29/2009 14:42\n09OSLO881\nVZCZCXRO9313"
    reporter = Reporter()
    result = parse_text(text, reporter)
    assert result.signature == "BYRNE"
    assert [s.text for s in result.unparsed] == ["<<218634>>", "7/29/2009 14:42", "09OSLO881", "VZCZCXRO9313"]
    assert [s.line for s in result.unparsed] == [4, 5, 6, 7]
    [d] = [d for d in reporter.diagnostics if d.code == "concatenated-record"]
    assert (d.line, d.severity) == (4, Severity.WARNING)


def test_concatenated_keyed_record_and_second_vzczc() -> None:
    for marker in ("ID: 190648", "VZCZCXRO3981", "  VZCZCXYZ0001 RUEHDE"):
        result = parse_text(f"1. (C) One.\nBYRNE\n{marker}\nORIGIN: 09OSLO110", Reporter())
        assert result.signature == "BYRNE"
        assert len(result.unparsed) == 2


def test_summary_forms() -> None:
    def summary(text: str) -> str | None:
        return parse_text(text, Reporter()).summary

    assert summary("1. (C) Summary: The talks failed. End Summary.\n\n2. (C) Details.") == "The talks failed."
    assert summary("1. (C) SUMMARY. The talks\nfailed.\n\n2. (C) Summary continued: Both sides\nleft. END SUMMARY.\n\n3. (C) x.") == (
        "The talks failed.\n\nBoth sides left."
    )
    assert summary("-------\nSUMMARY\n-------\n\n1. (C) The talks failed.\n\nDetails\n\n2. (C) More.") == "The talks failed."
    assert summary("1. (C) BEGIN SUMMARY: A. (End Summary)\n\n2. x.") == "A."
    assert summary("1. (C) Summary: Only this paragraph.\n\n2. (C) Not this one.") == "Only this paragraph."
    assert summary("1. (C) The talks failed.\n\n2. (C) Nothing more.") is None
    assert summary("1. (C) Summary of the talks: none.") is None


def test_find_summary_on_values() -> None:
    paras = [Paragraph(1, "C", "Executive Summary", "A."), Paragraph(2, "C", None, "B. End summary."), Paragraph(3, "C", None, "C.")]
    assert find_summary(paras) == "A.\n\nB."
    assert find_summary([]) is None


def test_render_text_round_trip() -> None:
    value = TextResult(
        paragraphs=(Paragraph(1, "C", "Summary", "The talks failed."), Paragraph(2, "S/NF", "Details", "More here.")),
        summary="The talks failed.",
        signature="KEITH",
    )
    again = parse_text(render_text(value), Reporter())
    assert again.paragraphs == value.paragraphs
    assert again.signature == value.signature
    assert again.summary == value.summary


def test_standalone_parse_text_accepts_a_string() -> None:
    result = parse_text("1. (C) One.\nKEITH")
    assert (result.paragraphs[0].number, result.signature) == (1, "KEITH")


@given(st.text(max_size=600))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse_text(text, Reporter())
    assert all(isinstance(p, Paragraph) for p in result.paragraphs)


@given(st.text(alphabet="0123456789.()¶[]#-\n CSUNFKEITHVZ<>:/", max_size=300))
def test_standalone_raises_only_cable_parse_error(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_text(text)
