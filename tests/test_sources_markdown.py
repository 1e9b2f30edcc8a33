"""The markdown form: TAG links, pilcrow links, broken links, exact positions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cableparse.errors import Reporter
from cableparse.model import Severity
from cableparse.sourcemap import Document
from cableparse.sources.markdown import decode_markdown, render_markdown


def _decode(text: str) -> tuple[Document, list[tuple[str, int | None, int | None]]]:
    reporter = Reporter()
    doc = decode_markdown(text, reporter)
    return doc, [(d.code, d.line, d.column) for d in reporter.diagnostics]


def test_tag_links_become_their_text_at_their_own_columns() -> None:
    doc, found = _decode("E.O. 12958: N/A\nTAGS: [PREL](#) [PHUM](#) [MY](#)")
    assert doc.lines == ["E.O. 12958: N/A", "TAGS: PREL PHUM MY"]
    assert found == []
    locate = doc.source_map.locate
    assert locate(2, 7) == (2, 8)  # P of PREL, after "["
    assert locate(2, 12) == (2, 18)  # P of PHUM
    assert locate(2, 17) == (2, 28)  # M of MY
    assert locate(1, 5) == (1, 5)  # untouched lines map one-to-one


def test_pilcrow_link_before_a_paragraph_number_is_removed() -> None:
    doc, found = _decode("[1](#)1. (C) Summary.\n[1](#)2. (SBU) More.")
    assert doc.lines == ["1. (C) Summary.", "2. (SBU) More."]
    assert found == [("markdown-pilcrow", 1, 1)]
    assert doc.source_map.locate(1, 1) == (1, 7)
    assert doc.source_map.locate(2, 4) == (2, 10)


def test_pilcrow_link_before_a_ref_letter_is_removed() -> None:
    doc, _ = _decode("REF: A. STATE 66260\n[1](#)B. KL 491")
    assert doc.lines == ["REF: A. STATE 66260", "B. KL 491"]


def test_pilcrow_glyph_link_is_removed_wherever_it_stands() -> None:
    doc, found = _decode("[¶](#par4)4. (S) Text.\nSee [¶](#parB) here.")
    assert doc.lines == ["4. (S) Text.", "See  here."]
    assert found[0][0] == "markdown-pilcrow"
    assert doc.diagnostics == []  # decoding notes go to the reporter here


def test_count_of_removed_pilcrows_is_in_one_note() -> None:
    reporter = Reporter()
    decode_markdown("[1](#)1. a\n[1](#)2. b\n[1](#)C. c", reporter)
    [note] = reporter.diagnostics
    assert note.severity is Severity.INFO
    assert note.message.startswith("3 pilcrow link(s)")


def test_a_one_link_not_before_a_number_keeps_its_text() -> None:
    doc, found = _decode("PAGE [1](#) OF 2")
    assert doc.lines == ["PAGE 1 OF 2"]
    assert found == []


def test_glued_pilcrow_digit_is_left_for_the_paragraph_parser() -> None:
    doc, found = _decode("14. (SBU) The DCM reviewed the report.")
    assert doc.lines == ["14. (SBU) The DCM reviewed the report."]
    assert found == []


def test_unbalanced_link_is_left_as_written_with_a_warning() -> None:
    doc, found = _decode("TAGS: [PREL(#) [MY](#)")
    assert doc.lines == ["TAGS: [PREL(#) MY"]
    assert found == [("markdown-link", 1, 7)]
    assert doc.source_map.locate(1, 7) == (1, 7)
    assert doc.source_map.locate(1, 16) == (1, 17)


def test_link_to_a_web_address_is_left_as_written_with_a_warning() -> None:
    doc, found = _decode("Visit [the site](http://example.org/x) today")
    assert doc.lines == ["Visit [the site](http://example.org/x) today"]
    assert found == [("markdown-link", 1, 7)]


def test_unclosed_and_unopened_links_are_flagged() -> None:
    doc, found = _decode("TAGS: [PREL](#\nTAGS: PREL](#)")
    assert doc.lines == ["TAGS: [PREL](#", "TAGS: PREL](#)"]
    assert [f[0] for f in found] == ["markdown-link", "markdown-link"]
    assert [f[1] for f in found] == [1, 2]


def test_square_brackets_that_are_not_links_pass_silently() -> None:
    text = "He said [sic] the plan (#2) was [not] final."
    doc, found = _decode(text)
    assert doc.lines == [text]
    assert found == []


def test_render_gives_the_seed_shapes() -> None:
    text = "TAGS: PREL PHUM, MY\nREF: A. STATE 1\nB. KL 2\n\n1. (C) Text."
    assert render_markdown(text) == "TAGS: [PREL](#) [PHUM](#), [MY](#)\nREF: A. STATE 1\n[1](#)B. KL 2\n\n[1](#)1. (C) Text."


_LINE = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdef0123456789.,:;/()[]&'-", max_size=40).filter(
    lambda s: "](" not in s and "(#" not in s
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8), st.lists(st.sampled_from(["PREL", "PGOV", "MY", "KTIP"]), max_size=4))
def test_render_then_decode_gives_the_text_back(lines: list[str], tags: list[str]) -> None:
    text = "\n".join([f"TAGS: {' '.join(tags)}", *lines])
    doc, found = _decode(render_markdown(text))
    assert doc.lines == text.split("\n")
    assert all(code == "markdown-pilcrow" for code, _, _ in found)


def test_links_far_apart_on_a_long_line_are_all_found() -> None:
    filler = "word " * 300
    line = f"[1](#)5. (C) {filler}[PREL(#) {filler}[MY](#) end"
    doc, found = _decode(line)
    assert doc.lines == [f"5. (C) {filler}[PREL(#) {filler}MY end"]
    assert sorted(found) == [("markdown-link", 1, 14 + len(filler)), ("markdown-pilcrow", 1, 1)]
    column = doc.lines[0].index("MY end") + 1
    assert doc.source_map.locate(1, column) == (1, line.index("[MY]") + 2)
