"""Normalised text maps back to original positions."""

from __future__ import annotations

from cableparse.model import SourceFormat
from cableparse.sourcemap import SourceMap
from cableparse.sources.common import LineSink


def test_unmapped_lines_are_identity_with_offset() -> None:
    m = SourceMap(line_offset=10)
    assert m.locate(2, 4) == (12, 4)


def test_sink_maps_decoded_entities_and_lines() -> None:
    original = 'TAGS: <a href="x">PREL</a> &amp; MY&#x000A;SUBJECT: X'
    sink = LineSink()
    sink.copy("TAGS: ", 7, 1)
    sink.replace("PREL", 7, 7)  # the whole link stands for its text
    sink.copy(" ", 7, 27)
    sink.replace("&", 7, 28)
    sink.copy(" MY", 7, 33)
    sink.newline(7, 36)
    sink.copy("SUBJECT: X", 7, 44)
    sink.newline(7, 54)
    doc = sink.document(SourceFormat.HTML, [""] * 6 + [original])
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
    assert [s.line for s in doc.spans(1)] == [2]


def test_empty_lines_map_to_their_line_break() -> None:
    sink = LineSink()
    sink.newline(3, 9)
    sink.copy("x", 3, 18)
    sink.newline(3, 19)
    doc = sink.document(SourceFormat.HTML, None)
    assert doc.lines == ["", "x"]
    assert doc.source_map.locate(1, 1) == (3, 9)
    assert doc.source_map.locate(2, 1) == (3, 18)


def test_runs_map_lines_cut_from_one_original_line() -> None:
    sink = LineSink()
    sink.run(["ab", "cd"], 9, [5, 15])
    sink.newline(9, 30)
    sink.run(["ef"], 9, [31])
    sink.segments[2] = [(1, 9, 17)]  # a line cut after its run was built
    doc = sink.document(SourceFormat.HTML, None)
    m = doc.source_map
    assert doc.lines == ["ab", "cd", "", "ef"]
    assert [m.locate(1, 1), m.locate(1, 2), m.locate(2, 2), m.locate(3, 1), m.locate(4, 2)] == [(9, 5), (9, 6), (9, 18), (9, 30), (9, 32)]
    assert m.locate(5, 3) == (5, 3)  # past the runs: one-to-one
    assert m.line_segments(1) == [(1, 9, 5)]
    assert m.line_segments(2) == [(1, 9, 17)]
    assert m.line_segments(5) is None
