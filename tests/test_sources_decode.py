"""Decoding any input: bytes, encodings, line ends, control characters, detection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cableparse
from cableparse.errors import CableParseError, Reporter
from cableparse.model import Severity, SourceFormat
from cableparse.sourcemap import Document
from cableparse.sources import detect_format, load

_MAX = 10_000_000


def _load(data: str | bytes, **kw: object) -> tuple[Document | None, Reporter]:
    reporter = Reporter()
    doc = load(data, reporter, max_size=kw.pop("max_size", _MAX), **kw)  # type: ignore[arg-type]
    return doc, reporter


def _codes(doc: Document | None, reporter: Reporter) -> list[str]:
    found = list(reporter.diagnostics) + (doc.diagnostics if doc is not None else [])
    return [d.code for d in found]


def test_utf8_bom_is_dropped_and_columns_start_at_one() -> None:
    doc, _ = _load("\ufeffTAGS: PREL\nSUBJECT: X".encode())
    assert doc is not None
    assert doc.lines == ["TAGS: PREL", "SUBJECT: X"]
    assert doc.source_map.locate(1, 1) == (1, 1)


def test_cp1252_bytes_are_decoded_with_a_note_at_the_bad_byte() -> None:
    doc, _ = _load(b"TAGS: PREL\nTHE BOARD\x92S VIEW")
    assert doc is not None
    assert doc.lines[1] == "THE BOARD’S VIEW"
    [note] = doc.diagnostics
    assert (note.code, note.severity, note.line, note.column) == ("input-decoding", Severity.INFO, 2, 10)


def test_crlf_and_lone_cr_end_lines() -> None:
    doc, _ = _load(b"A\r\nB\rC\nD")
    assert doc is not None
    assert doc.lines == ["A", "B", "C", "D"]
    assert doc.source_map.locate(3, 1) == (3, 1)


def test_utf16_with_bom_is_read() -> None:
    doc, _ = _load("SUBJECT: ÉTÉ".encode("utf-16"))
    assert doc is not None
    assert doc.lines == ["SUBJECT: ÉTÉ"]


def test_nul_is_removed_and_later_characters_keep_their_columns() -> None:
    doc, _ = _load("SUBJ\x00ECT: DAMS\nOK")
    assert doc is not None
    assert doc.lines == ["SUBJECT: DAMS", "OK"]
    [warning] = doc.diagnostics
    assert (warning.code, warning.severity, warning.line, warning.column) == ("input-nul", Severity.WARNING, 1, 5)
    # "E" of SUBJECT stood at column 6 of the original line.
    assert doc.source_map.locate(1, 5) == (1, 6)
    assert doc.source_map.locate(1, 4) == (1, 4)
    assert doc.source_map.locate(1, 13) == (1, 14)


def test_control_characters_at_both_ends_and_in_runs() -> None:
    doc, _ = _load("\x01\x02AB\x1fC\x7f\nX\tY\x0b")
    assert doc is not None
    assert doc.lines == ["ABC", "X\tY"]
    assert doc.source_map.locate(1, 1) == (1, 3)
    assert doc.source_map.locate(1, 3) == (1, 6)
    assert doc.source_map.locate(2, 3) == (2, 3)
    [warning] = doc.diagnostics
    assert warning.message.startswith("5 ")


def test_controls_inside_an_html_body_keep_page_positions() -> None:
    page = "<html>\n<code><pre>AB&amp;\x00C&#x000A;D</pre></code>\n</html>"
    doc, _ = _load(page)
    assert doc is not None
    assert doc.lines == ["AB&C", "D"]
    assert doc.source_map.locate(1, 3) == (2, 14)  # the "&" of &amp;
    assert doc.source_map.locate(1, 4) == (2, 20)  # "C", after the removed NUL


def test_binary_input_gives_no_document() -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    doc, reporter = _load(data)
    assert doc is None
    assert _codes(doc, reporter) == ["input-binary"]
    cable = cableparse.parse(data)
    assert [d.code for d in cable.errors] == ["input-binary"]
    with pytest.raises(CableParseError, match=r"error\[input-binary\]"):
        cableparse.parse(data, strict=True)


@pytest.mark.parametrize("data", [b"", "", " \n\t\n", b"\r\n\r\n"])
def test_empty_input(data: str | bytes) -> None:
    doc, reporter = _load(data)
    assert doc is None
    assert _codes(doc, reporter) == ["input-empty"]


def test_too_large_input() -> None:
    doc, reporter = _load("X" * 101, max_size=100)
    assert doc is None
    assert _codes(doc, reporter) == ["input-too-large"]


def test_text_with_surrogates_is_read_as_the_bytes_it_came_from() -> None:
    text = b"THE BOARD\x92S VIEW".decode("utf-8", "surrogateescape")
    doc, _ = _load(text)
    assert doc is not None
    assert doc.lines == ["THE BOARD’S VIEW"]


@pytest.mark.parametrize(
    ("text", "line", "note"),
    [
        # A surrogate no byte stream gives: noted where it stood.
        ("TAGS: PREL\ud800", "TAGS: PREL\ufffd", ("lone surrogate U+D800 stands for no character; read as U+FFFD", 1, 11)),
        ("A\r\nB\udfff C", "B\ufffd C", ("lone surrogate U+DFFF stands for no character; read as U+FFFD", 2, 2)),
        # Mixed: the escaped byte is read back (cp1252), the stray one replaced.
        (
            b"THE BOARD\x92S ".decode("utf-8", "surrogateescape") + "\ud800",
            "THE BOARD’S \ufffd",
            ("byte 0x92 is not UTF-8; the input was read as cp1252", 1, 10),
        ),
    ],
)
def test_stray_surrogates_become_replacement_characters(text: str, line: str, note: tuple[str, int, int]) -> None:
    doc, _ = _load(text)
    assert doc is not None
    assert doc.lines[-1] == line
    assert [(d.code, d.message, d.line, d.column) for d in doc.diagnostics] == [("input-decoding", *note)]


def test_a_stray_surrogate_in_a_csv_row_is_no_internal_error() -> None:
    row = '"1","3/8/2008 15:30","08QUITO412","Embassy Quito","UNCLASSIFIED","","","UNCLAS QUITO 000412\ud800\n"\n'
    cable = cableparse.parse(row)
    assert cable.source_format is SourceFormat.CSV
    assert cable.banner is not None
    assert cable.banner.serial == 412
    assert "internal-error" not in {d.code for d in cable.diagnostics}


def test_line_offset_shifts_original_lines() -> None:
    doc, _ = _load("A\nB\x00C", line_offset=40)
    assert doc is not None
    assert doc.source_map.locate(1, 1) == (41, 1)
    assert doc.source_map.locate(2, 2) == (42, 3)
    assert doc.diagnostics[0].line == 42


def test_unknown_format_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        _load("x", format="xml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires"', SourceFormat.CSV),
        ('\n\n"17","6/5/2009 0:03","09X1",', SourceFormat.CSV),
        ("<?xml version='1.0' ?>\n<html>", SourceFormat.HTML),
        ("<!DOCTYPE html>\n<body>", SourceFormat.HTML),
        ("some header\n<code><pre>C O N F I D E N T I A L</pre></code>", SourceFormat.HTML),
        ("<pre>UNCLAS OSLO 000001</pre>", SourceFormat.HTML),
        ("UNCLAS OSLO 000001\n1. (U) The <PRE > tag and <pre>x</pre> in a text.", SourceFormat.TEXT),
        ("<<218634>>\n7/29/2009 14:42", SourceFormat.TEXT),
        ("<table class='cable'><tr>", SourceFormat.HTML),
        ("TAGS: [PREL](#) [MY](#)", SourceFormat.MARKDOWN),
        ("REF: A. STATE 1\n[1](#)B. KL 2", SourceFormat.MARKDOWN),
        ("TAGS: PREL MY\n1. (C) Text [sic] here.", SourceFormat.TEXT),
        ('"1","not a date","X"', SourceFormat.TEXT),
        ("1,12/28/1966 18:48,66X1", SourceFormat.TEXT),
    ],
)
def test_detection(text: str, expected: SourceFormat) -> None:
    assert detect_format(text) is expected


def test_forced_format_wins_over_detection() -> None:
    doc, _ = _load("TAGS: [PREL](#)", format="text")
    assert doc is not None
    assert doc.format is SourceFormat.TEXT
    assert doc.lines == ["TAGS: [PREL](#)"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_never_raise_in_lenient_mode(data: bytes) -> None:
    cable = cableparse.parse(data)
    assert cable.source_format in SourceFormat
    try:
        cableparse.parse(data, strict=True)
    except CableParseError as exc:
        assert exc.diagnostics


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "text", "markdown", "html", "csv"]))
def test_arbitrary_text_in_any_format_never_raises(text: str, fmt: str | None) -> None:
    reporter = Reporter()
    doc = load(text, reporter, format=fmt, max_size=_MAX)
    if doc is not None:
        for number, line in enumerate(doc.lines, 1):
            for column in (1, len(line) + 1):
                oline, ocol = doc.source_map.locate(number, column)
                assert oline >= 1 and ocol >= 1
    cableparse.parse(text, format=fmt)
