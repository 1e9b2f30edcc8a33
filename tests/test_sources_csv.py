"""cables.csv rows: escapes, continuations, malformed rows, streaming, positions."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cableparse.errors import Reporter
from cableparse.model import ContainerMetadata, SourceFormat
from cableparse.sourcemap import Document
from cableparse.sources.csv import decode_csv, decode_row, iter_rows, render_csv_row, text_chunks

UTC = dt.timezone.utc

ROW = (
    '"7","1/5/2009 9:05","09QUITO12","Embassy Quito","CONFIDENTIAL","08QUITO1001|09STATE5",'
    '"P 050905Z JAN 09\nFM AMEMBASSY QUITO",'
    '"C O N F I D E N T I A L QUITO 000012\n\nSUBJECT: \\"OIL\\" \\\\ GAS\nCOOPER"\n'
)


def _row(text: str, first_line: int = 1) -> tuple[Document | None, list[tuple[str, int | None, int | None]]]:
    reporter = Reporter()
    doc = decode_row(text, reporter, first_line=first_line)
    return doc, [(d.code, d.line, d.column) for d in reporter.diagnostics]


def test_columns_become_metadata_header_and_body() -> None:
    doc, found = _row(ROW)
    assert found == []
    assert doc is not None and doc.format is SourceFormat.CSV
    assert doc.metadata == ContainerMetadata(
        reference_id="09QUITO12",
        created=dt.datetime(2009, 1, 5, 9, 5, tzinfo=UTC),
        classification="CONFIDENTIAL",
        origin="Embassy Quito",
        references=("08QUITO1001", "09STATE5"),
        row=7,
    )
    assert doc.body_start == 2
    assert doc.lines == [
        "P 050905Z JAN 09",
        "FM AMEMBASSY QUITO",
        "C O N F I D E N T I A L QUITO 000012",
        "",
        'SUBJECT: "OIL" \\ GAS',
        "COOPER",
    ]


def test_positions_are_those_of_the_file() -> None:
    doc, _ = _row(ROW, first_line=20)
    assert doc is not None
    file_lines = ROW.split("\n")
    locate = doc.source_map.locate
    assert locate(1, 1) == (20, file_lines[0].index("P 0509") + 1)
    assert locate(2, 4) == (21, 4)
    assert locate(3, 1) == (21, file_lines[1].index("C O N") + 1)
    assert locate(5, 1) == (23, 1)
    # The escaped quote maps to the quote itself, the rest follows it.
    assert locate(5, 10) == (23, 11)
    assert file_lines[3][11 - 1] == '"'
    assert locate(5, 11) == (23, 12)
    assert locate(5, 16) == (23, 19)  # the second backslash of the escaped pair
    assert locate(5, 18) == (23, 21)
    assert doc.source_map.original_line(23) == file_lines[3]


def test_backslash_newline_continuations() -> None:
    continued = ROW.replace("\n", "\\\n")[:-2] + "\n"
    assert continued.count("\\\n") == 4
    doc, found = _row(continued)
    assert found == []
    plain, _ = _row(ROW)
    assert doc is not None and plain is not None
    assert doc.lines == plain.lines
    assert doc.source_map.locate(4, 1) == plain.source_map.locate(4, 1)


def test_five_columns_is_an_error_with_the_row_line() -> None:
    doc, found = _row('"3","1/2/2009 10:00","09X3","o","c"\n', first_line=9)
    assert doc is None
    assert found == [("csv-columns", 9, 1)]


def test_unterminated_quote_is_an_error_at_the_opening_quote() -> None:
    doc, found = _row('"3","1/2/2009 10:00","09X3","o","c","","H","BODY\nMORE\n', first_line=4)
    assert doc is None
    assert found == [("csv-quote", 4, 44)]


def test_stray_text_after_a_closing_quote() -> None:
    doc, found = _row('"3","d"x,"a"\n')
    assert doc is None
    assert found == [("csv-quote", 1, 8)]


def test_doubled_quotes_and_unquoted_fields_are_accepted() -> None:
    doc, found = _row('3,"1/2/2009 10:00",09X3,"Embassy ""X""","c","","H","SAY ""HI"""\n')
    assert found == []
    assert doc is not None and doc.metadata is not None
    assert doc.metadata.row == 3
    assert doc.metadata.origin == 'Embassy "X"'
    assert doc.lines == ["H", 'SAY "HI"']
    assert doc.source_map.locate(2, 5) == (1, 58)  # the second quote of the doubled pair


def test_unreadable_metadata_columns_warn() -> None:
    doc, found = _row('"x7","13/45/2009 9:05","","","","","","BODY"\n')
    assert doc is not None and doc.metadata is not None
    assert doc.metadata.row is None and doc.metadata.created is None
    assert found == [("csv-field", 1, 2), ("csv-field", 1, 7)]
    assert doc.body_start == 0
    assert doc.lines == ["BODY"]


def test_first_row_of_a_file_with_blank_lines_and_crlf() -> None:
    reporter = Reporter()
    text = "\n\n" + ROW + ROW.replace('"7"', '"8"')
    doc = decode_csv(text, reporter)
    assert doc is not None and doc.metadata is not None
    assert doc.metadata.row == 7
    assert doc.source_map.locate(2, 1) == (4, 1)


def test_rows_stream_and_resynchronise_after_an_unterminated_quote() -> None:
    broken = '"2","1/2/2009 10:00","09X2","o","c","","H","OPEN\nSTILL OPEN\n'
    text = ROW + broken + ROW.replace('"7"', '"9"') + '"10","1/2/2009 10:00","09X3","o","c"\n'
    rows = list(iter_rows([text]))
    assert [(r.line, r.ordinal) for r in rows] == [(1, 1), (6, 2), (8, 3), (13, 4)]
    assert rows[1].text == broken
    assert [_row(r.text, r.line)[1] for r in rows] == [[], [("csv-quote", 6, 44)], [], [("csv-columns", 13, 1)]]


def test_oversized_row_is_cut_and_skipped() -> None:
    # An unterminated quote that runs past the limit before the next row starts.
    big = '"1","1/2/2009 10:00","X","o","c","","H","' + "A\n" * 200
    rows = list(iter_rows([big + ROW], max_size=100))
    assert rows[0].too_large and rows[0].line == 1 and len(rows[0].text) <= 1000
    assert rows[1].line == 201 and not rows[1].too_large
    assert rows[1].text == ROW


def test_text_chunks_decode_across_boundaries() -> None:
    data = "\ufeffA\r\nB’\rC".encode()
    pieces = [data[:5], data[5:6], data[6:8], data[8:]]
    assert "".join(text_chunks(pieces)) == "A\nB’\nC"
    assert "".join(text_chunks([b"X\x92Y"])) == "X\udc92Y"


def test_render_writes_the_dump_format() -> None:
    meta = ContainerMetadata(row=1, created=dt.datetime(1966, 12, 28, 18, 48, tzinfo=UTC), reference_id="66X1", references=("66A1", "66B2"))
    assert render_csv_row("H", 'B "Q" \\', meta) == '"1","12/28/1966 18:48","66X1","","","66A1|66B2","H","B \\"Q\\" \\\\"\n'


_FIELD = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('\n"\\,|'), max_size=40)


@settings(max_examples=150, deadline=None)
@given(_FIELD, _FIELD.filter(lambda s: not s.endswith("\n")), st.booleans())
def test_render_then_decode_gives_the_fields_back(header: str, body: str, continuations: bool) -> None:
    meta = ContainerMetadata(row=5, reference_id="09X5", origin="Embassy X", references=("09A1",))
    doc, found = _row(render_csv_row(header, body, meta, continuations=continuations))
    assert found == []
    assert doc is not None
    assert doc.metadata == meta
    expected = (header.split("\n") if header else []) + (body.split("\n") if body else [])
    assert doc.lines == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(_FIELD, min_size=1, max_size=5), st.data())
def test_chunk_boundaries_do_not_change_the_rows(bodies: list[str], data: st.DataObject) -> None:
    text = "".join(render_csv_row("H", body, ContainerMetadata(row=i)) for i, body in enumerate(bodies, 1))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    whole = list(iter_rows([text]))
    assert list(iter_rows(chunks)) == whole
    assert len(whole) == len(bodies)


_CSVISH = st.text(alphabet='"\\,\n ab1/:|', max_size=120)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CSVISH | st.just(ROW), max_size=4).map("".join), st.data())
def test_rows_are_exact_slices_of_the_input_whatever_the_chunks(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    rows = list(iter_rows(chunks))
    lines = text.split("\n")
    previous_end = 0
    for row in rows:
        start = sum(len(line) + 1 for line in lines[: row.line - 1])
        assert text.startswith(row.text, start)
        assert start >= previous_end and not text[previous_end:start].strip()
        previous_end = start + len(row.text)
        _row(row.text, row.line)  # decoding any row never raises
    assert not text[previous_end:].strip()
    assert [r.ordinal for r in rows] == list(range(1, len(rows) + 1))
