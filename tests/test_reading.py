"""iter_cables and friends: files, directories, CSV rows, stdin, errors, positions."""

from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path

import attrs
import pytest

import cableparse
from cableparse.errors import CableParseError
from cableparse.model import Cable, Diagnostic, SourceFormat
from cableparse.reading import Failure, RawInput, iter_cables, iter_documents, iter_inputs, parse_raw
from cableparse.sources.common import position
from tests.test_containers_equal import BODY, HEADER, ROW_METADATA, core, csv_row, page

BAD_HEADER = HEADER.replace("O 201431Z JUL 08", "O 201461Z JUL 08")  # minute 61
BAD_BODY = BODY.replace("DECL: 07/20/2018", "DECL: 07/45/2018")  # day 45


def _csv_file(folder: Path, bad_row: int = 3, rows: int = 4) -> Path:
    path = folder / "cables.csv"
    text = "".join(
        csv_row(*((BAD_HEADER, BAD_BODY) if i == bad_row else (HEADER, BODY)), attrs.evolve(ROW_METADATA, row=i))
        for i in range(1, rows + 1)
    )
    path.write_text(text, encoding="utf-8")
    return path


def _where(text: str, needle: str) -> tuple[int, int, int]:
    """Line, first and last column of ``needle`` in ``text``."""
    line, column = position(text, text.index(needle))
    return line, column, column + len(needle) - 1


def _assert_at(diagnostics: tuple[Diagnostic, ...], code: str, where: tuple[int, int, int]) -> None:
    [found] = [d for d in diagnostics if d.code == code]
    line, first, last = where
    assert found.line == line, (code, found)
    assert found.column is not None and first <= found.column <= last, (code, found, where)


def test_diagnostics_inside_an_html_page_point_at_the_page(tmp_path: Path) -> None:
    path = tmp_path / "08VIENTIANE417.html"
    text = page(BAD_HEADER, BAD_BODY)
    path.write_text(text, encoding="utf-8")
    [cable] = iter_cables(path)
    _assert_at(cable.diagnostics, "dtg-time", _where(text, "201461Z"))
    _assert_at(cable.diagnostics, "eo-date", _where(text, "07/45/2018"))
    line = _where(text, "201461Z")[0]
    with pytest.raises(CableParseError) as info:
        cableparse.parse_file(path, strict=True)
    assert f"{path}:{line}:" in str(info.value)


def test_diagnostics_inside_the_third_csv_row_point_at_the_file(tmp_path: Path) -> None:
    path = _csv_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    third = text.index('"3","7/20/2008')
    cables = list(iter_cables(path))
    assert [c.source for c in cables] == [f"{path}:{i}" for i in range(1, 5)]
    dtg = _where(text[third:], "201461Z")
    eo = _where(text[third:], "07/45/2018")
    row_line = position(text, third)[0]
    _assert_at(cables[2].diagnostics, "dtg-time", (dtg[0] + row_line - 1, dtg[1], dtg[2]))
    _assert_at(cables[2].diagnostics, "eo-date", (eo[0] + row_line - 1, eo[1], eo[2]))
    assert not cables[1].errors and not cables[3].errors
    assert [c.container_metadata.row for c in cables if c.container_metadata] == [1, 2, 3, 4]


def test_raw_inputs_pickle_and_parse_the_same_elsewhere(tmp_path: Path) -> None:
    path = _csv_file(tmp_path)
    inputs = [i for i in iter_inputs(path) if isinstance(i, RawInput)]
    assert [i.row for i in inputs] == [1, 2, 3, 4]
    in_place = list(iter_cables(path))
    shipped = [pickle.loads(pickle.dumps(i)).parse() for i in inputs]
    assert shipped == in_place
    assert parse_raw(inputs[2]).diagnostics == in_place[2].diagnostics


def test_directory_walk_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text(cableparse.example_text(), encoding="utf-8")
    (tmp_path / "a.txt").write_text(HEADER + "\n\n" + BODY, encoding="utf-8")
    (tmp_path / "c.HTM").write_text(page(), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    _csv_file(tmp_path, bad_row=0, rows=2)
    cables = list(iter_cables(tmp_path))
    assert [Path(c.source or "").name for c in cables] == ["a.txt", "c.HTM", "cables.csv:1", "cables.csv:2", "z.md"]
    assert [c.source_format for c in cables] == [
        SourceFormat.TEXT,
        SourceFormat.HTML,
        SourceFormat.CSV,
        SourceFormat.CSV,
        SourceFormat.MARKDOWN,
    ]
    assert core(cables[0]) == core(cables[1]) == core(cables[2])


def test_a_txt_file_holding_csv_rows_is_streamed_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(_csv_file(tmp_path, bad_row=0, rows=3).read_text(encoding="utf-8"), encoding="utf-8")
    assert [c.source for c in iter_cables(path)] == [f"{path}:{i}" for i in (1, 2, 3)]


def test_bad_containers_give_failures_not_tracebacks(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><body><p>no cable</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.csv").write_text(
        csv_row() + '"2","1/2/2009 10:00","09X2","o","c"\n' + '"3","1/2/2009 10:00","09X3","o","c","","H","OPEN\n', encoding="utf-8"
    )
    results = list(iter_cables(tmp_path, errors="collect"))
    summary = [
        (Path(r.source or "").name, type(r).__name__, [d.code for d in r.diagnostics if d.severity.value == "error"]) for r in results
    ]
    assert summary == [
        ("a.html", "Failure", ["html-no-pre"]),
        ("b.txt", "Failure", ["input-binary"]),
        ("c.txt", "Failure", ["input-empty"]),
        ("d.csv:1", "Cable", []),
        ("d.csv:2", "Failure", ["csv-columns"]),
        ("d.csv:3", "Failure", ["csv-quote"]),
    ]
    failures = [r for r in results if isinstance(r, Failure)]
    assert [f.row for f in failures] == [None, None, None, 2, 3]
    assert failures[3].diagnostics[0].line == csv_row().count("\n") + 1
    assert failures[3].message == "the row has 5 columns, expected 8"
    skipped = list(iter_cables(tmp_path, errors="skip"))
    assert [c.source for c in skipped] == [f"{tmp_path / 'd.csv'}:1"]
    with pytest.raises(CableParseError, match=r"a\.html: error\[html-no-pre\]"):
        list(iter_cables(tmp_path))


def test_unreadable_paths(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError):
        list(iter_cables(missing))
    [failure] = iter_cables(missing, errors="collect")
    assert isinstance(failure, Failure)
    assert failure.source == str(missing) and "cannot read" in failure.message
    assert list(iter_cables(missing, errors="skip")) == []


def test_strict_failures_follow_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(BAD_HEADER + "\n\n" + BODY, encoding="utf-8")
    [lenient] = iter_cables(path)
    assert isinstance(lenient, Cable) and lenient.errors
    [failure] = iter_cables(path, strict=True, errors="collect")
    assert isinstance(failure, Failure)
    assert {d.code for d in failure.diagnostics} >= {"dtg-time"}
    with pytest.raises(CableParseError):
        list(iter_cables(path, strict=True))


def test_too_large_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HEADER + "\n\n" + BODY, encoding="utf-8")
    _csv_file(tmp_path, bad_row=0, rows=2)
    codes = [[d.code for d in r.diagnostics] for r in iter_cables(tmp_path, errors="collect", max_size=200)]
    assert codes == [["input-too-large"]] * 3


def test_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = _csv_file(tmp_path, bad_row=0, rows=2).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [c.source for c in iter_cables("-")] == ["<stdin>:1", "<stdin>:2"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(cableparse.example_text().encode())))
    [cable] = iter_cables(["-"])
    assert cable.source == "<stdin>" and cable.reference_id == "09KUALALUMPUR521"


def test_iter_documents_yields_decoded_documents(tmp_path: Path) -> None:
    path = _csv_file(tmp_path, bad_row=0, rows=2)
    docs = list(iter_documents([path, tmp_path / "nothing.csv"], errors="collect"))
    assert [type(d).__name__ for d in docs] == ["Document", "Document", "Failure"]
    first = docs[0]
    assert not isinstance(first, Failure)
    assert first.source == f"{path}:1" and first.body_start == HEADER.count("\n") + 1
    assert first.lines[first.body_start] == BODY.split("\n")[0]


def test_parse_file_reads_only_the_first_csv_row(tmp_path: Path) -> None:
    path = _csv_file(tmp_path, bad_row=2, rows=3)
    cable = cableparse.parse_file(path)
    assert cable.source == f"{path}:1"
    assert cable.container_metadata is not None and cable.container_metadata.row == 1
    assert not cable.errors


def test_arguments_are_checked_at_once(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="errors must be one of"):
        iter_cables(tmp_path, errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="unknown format"):
        iter_cables(tmp_path, format="pdf")
