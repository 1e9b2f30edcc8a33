"""Normalised text maps back to original positions."""

from __future__ import annotations

from cableparse.model import SourceFormat
from cableparse.sourcemap import DocumentBuilder, plain_document


def test_plain_document_is_identity_with_offset() -> None:
    doc = plain_document("a\nb\nc", line_offset=10)
    assert doc.source_map.locate(2, 4) == (12, 4)
    assert [s.line for s in doc.spans(1)] == [2, 3]


def test_builder_maps_decoded_entities_and_lines() -> None:
    original = 'TAGS: <a href="x">PREL</a> &amp; MY&#x000A;SUBJECT: X'
    b = DocumentBuilder()
    b.copy("TAGS: ", 7, 1)
    b.replace("PREL", 7, 7)  # the whole link stands for its text
    b.copy(" ", 7, 27)
    b.replace("&", 7, 28)
    b.copy(" MY", 7, 33)
    b.newline(7, 36)
    b.copy("SUBJECT: X", 7, 44)
    doc = b.build(format=SourceFormat.HTML, original_lines=[""] * 6 + [original])
    assert doc.lines == ["TAGS: PREL & MY", "SUBJECT: X"]
    m = doc.source_map
    assert m.locate(1, 1) == (7, 1)
    assert m.locate(1, 7) == (7, 7)
    assert m.locate(1, 11) == (7, 27)
    assert m.locate(1, 12) == (7, 28)
    assert m.locate(1, 14) == (7, 34)
    assert original[34 - 1] == "M"
    assert m.locate(2, 10) == (7, 53)
    assert original[53 - 1] == "X"
    assert m.original_line(7) == original


def test_empty_lines_map_to_their_line_break() -> None:
    b = DocumentBuilder()
    b.newline(3, 9)
    b.copy("x", 3, 18)
    doc = b.build(format=SourceFormat.HTML)
    assert doc.lines == ["", "x"]
    assert doc.source_map.locate(1, 1) == (3, 9)
    assert doc.source_map.locate(2, 1) == (3, 18)
