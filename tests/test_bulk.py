"""parse_many: results equal to parse() and iter_cables(), in order, with any executor."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import io
import itertools
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cableparse
from cableparse import Cable, CableParseError, Failure, RawInput, parse, parse_many
from cableparse.bulk import _IN_FLIGHT_PER_WORKER, _worker_count, process_many
from cableparse.model import ContainerMetadata
from cableparse.sources.csv import render_csv_row
from cableparse.strategies import cables as cable_strategy
from cableparse.strategies import to_markdown

_CREATED = dt.datetime(2008, 2, 14, 9, 30, tzinfo=dt.timezone.utc)
_POSTS = [
    ("OSLO", "RUEHNY", "AMEMBASSY OSLO", "NO"),
    ("QUITO", "RUEHQT", "AMEMBASSY QUITO", "EC"),
    ("DURBAN", "RUEHDU", "AMCONSUL DURBAN", "SF"),
]


def header(serial: int, post: int = 0, day: int = 14, month: str = "FEB") -> str:
    """The transport lines of a made-up cable."""
    _, ri, plad, _ = _POSTS[post % len(_POSTS)]
    return (
        f"VZCZCXRO{serial % 10000:04d}\nPP RUEHWEB\nDE {ri} #{serial % 10000:04d}/01 0{day + 31:02d}0930\n"
        f"ZNY CCCCC ZZH\nP {day:02d}0930Z {month} 08\nFM {plad}\nTO RUEHC/SECSTATE WASHDC PRIORITY {serial + 5000}\nBT"
    )


def body(serial: int, post: int = 0, text: str = "The ministry said the plan would be reviewed.") -> str:
    """The banner, front matter, paragraphs and signature of a made-up cable."""
    station, _, _, geo = _POSTS[post % len(_POSTS)]
    return (
        f"C O N F I D E N T I A L {station} {serial:06d}\n\nSIPDIS\n\nE.O. 12958: DECL: 02/14/2018\n"
        f"TAGS: PREL ECON {geo}\nSUBJECT: WATER QUOTA TALKS CONTINUE\n\n"
        "Classified By: Ambassador J. Smith for reasons 1.4 (b) and (d).\n\n"
        f"1. (C) {text}\n\n2. (C) Post will report further.\nSMITH\n"
    )


def cable_text(serial: int, post: int = 0, **kw: Any) -> str:
    """A whole made-up cable as plain text; it parses without warnings."""
    month = kw.pop("month", "FEB")
    return header(serial, post, month=month) + "\n" + body(serial, post, **kw)


def csv_file(path: Path, rows: int, *, bad: set[int] = frozenset()) -> Path:  # type: ignore[assignment]
    """A cables.csv file of ``rows`` made-up cables; rows in ``bad`` lose their columns."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in range(1, rows + 1):
            if row in bad:
                out.write(f'"{row}","broken row"\n')
                continue
            meta = ContainerMetadata(
                row=row, created=_CREATED, reference_id=f"08OSLO{row}", origin="Embassy Oslo", classification="CONFIDENTIAL"
            )
            out.write(render_csv_row(header(row), body(row), meta))
    return path


def texts(n: int) -> list[str]:
    """``n`` different cables in plain text and markdown."""
    out = []
    for i in range(1, n + 1):
        text = cable_text(i, i)
        out.append(to_markdown(text) if i % 3 == 0 else text)
    return out


# -- texts -------------------------------------------------------------------


def test_texts_in_process_equal_parse() -> None:
    items = texts(7)
    assert list(parse_many(items, jobs=1)) == [parse(t) for t in items]


def test_texts_in_process_keep_order_and_values() -> None:
    got = list(parse_many(texts(5), jobs=1, batch_size=2))
    assert [c.reference_id for c in got] == ["08QUITO1", "08DURBAN2", "08OSLO3", "08QUITO4", "08DURBAN5"]
    assert [c.source_format.value for c in got] == ["text", "text", "markdown", "text", "text"]


def test_process_pool_equals_parse_in_order() -> None:
    items = texts(40)
    got = list(parse_many(items, jobs=2, batch_size=3))
    assert got == [parse(t) for t in items]


def test_bytes_and_format() -> None:
    text = cable_text(9)
    md = to_markdown(text)
    got = list(parse_many([text.encode(), md], jobs=1, format="text"))
    assert got == [parse(text.encode(), format="text"), parse(md, format="text")]
    assert got[1].source_format.value == "text"


def test_unordered_gives_the_same_cables() -> None:
    items = texts(30)
    got = list(parse_many(items, jobs=2, batch_size=2, ordered=False))
    assert sorted(c.reference_id or "" for c in got) == sorted(c.reference_id or "" for c in map(parse, items))
    assert len(got) == 30


def test_raw_inputs_keep_their_source() -> None:
    raw = RawInput(cable_text(3), None, "mine.txt")
    (cable,) = parse_many([raw], jobs=1)
    assert cable.source == "mine.txt"
    assert cable == raw.parse()


def test_a_single_source_alone(folder: Path) -> None:
    text = cable_text(6)
    assert list(parse_many(text, jobs=1)) == [parse(text)]
    assert list(parse_many(text.encode(), jobs=1)) == [parse(text.encode())]
    assert list(parse_many(folder, jobs=1)) == list(cableparse.iter_cables(folder))


def test_empty_sources() -> None:
    assert list(parse_many([], jobs=2)) == []


# -- paths -------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(cable_text(1))
    (tmp_path / "b" / "c.md").write_text(to_markdown(cable_text(2, 1)))
    (tmp_path / "b" / "d.txt").write_bytes(cable_text(3, 2).encode("cp1252"))
    (tmp_path / "ignored.json").write_text("{}")
    csv_file(tmp_path / "e.csv", 5)
    return tmp_path


def test_directory_equals_iter_cables(folder: Path) -> None:
    expected = list(cableparse.iter_cables(folder))
    assert list(parse_many([folder], jobs=1)) == expected
    assert list(parse_many([folder], jobs=2, batch_size=2)) == expected
    assert [c.source for c in expected] == [
        str(folder / "a.txt"),
        *(f"{folder / 'e.csv'}:{n}" for n in range(1, 6)),
        str(folder / "b" / "c.md"),
        str(folder / "b" / "d.txt"),
    ]


def test_csv_rows_are_cables_with_row_sources(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cables.csv", 30)
    got = list(parse_many([path], jobs=2, batch_size=4))
    assert got == list(cableparse.iter_cables(path))
    assert [c.reference_id for c in got] == [f"08OSLO{n}" for n in range(1, 31)]
    assert got[12].source == f"{path}:13"
    assert not [d for c in got for d in c.diagnostics if d.severity.value != "info"]


def test_text_file_holding_csv_is_streamed(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "export.txt", 9)
    items = [Path(tmp_path / "one.txt"), path, Path(tmp_path / "two.txt")]
    items[0].write_text(cable_text(100))
    items[2].write_text(cable_text(200))
    for jobs in (1, 2):
        got = list(parse_many(items, jobs=jobs, batch_size=2))
        assert [c.reference_id for c in got] == ["08OSLO100", *(f"08OSLO{n}" for n in range(1, 10)), "08OSLO200"]
        assert got == list(cableparse.iter_cables(items))


def test_mixed_paths_and_texts(folder: Path) -> None:
    text = cable_text(77)
    got = list(parse_many([text, folder / "a.txt", text.encode()], jobs=1))
    assert got == [parse(text), cableparse.parse_file(folder / "a.txt"), parse(text.encode())]


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    text = cable_text(5)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    (cable,) = parse_many([Path("-")], jobs=1)
    assert cable.source == "<stdin>"
    assert cable.reference_id == "08OSLO5"


# -- failures ----------------------------------------------------------------


def test_collect_puts_failures_in_place(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    items: list[Any] = [cable_text(1), "", b"\x00\x01\x02\x03" * 40, missing, cable_text(2)]
    got = list(parse_many(items, jobs=2, batch_size=1, errors="collect"))
    assert [type(x).__name__ for x in got] == ["Cable", "Failure", "Failure", "Failure", "Cable"]
    assert isinstance(got[1], Failure) and got[1].diagnostics[0].code == "input-empty"
    assert isinstance(got[2], Failure) and got[2].diagnostics[0].code == "input-binary"
    assert isinstance(got[3], Failure) and got[3].source == str(missing) and "cannot read" in got[3].message


def test_skip_drops_failures() -> None:
    got = list(parse_many([cable_text(1), "", cable_text(2)], jobs=1, errors="skip"))
    assert [c.reference_id for c in got] == ["08OSLO1", "08OSLO2"]


def test_raise_after_the_results_before_it() -> None:
    seen = []
    with pytest.raises(CableParseError) as info:
        for cable in parse_many([cable_text(1), cable_text(2), "", cable_text(3)], jobs=2, batch_size=1):
            seen.append(cable.reference_id)
    assert seen == ["08OSLO1", "08OSLO2"]
    assert info.value.diagnostics[0].code == "input-empty"


def test_unreadable_path_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="cannot read"):
        list(parse_many([tmp_path / "missing.txt"], jobs=1))


def test_strict_cable_with_errors_fails() -> None:
    bad = cable_text(4, month="FOO")
    assert any(d.code == "dtg-month" for d in parse(bad).diagnostics)
    got = list(parse_many([cable_text(1), bad], jobs=1, strict=True, errors="collect"))
    assert isinstance(got[0], Cable)
    assert isinstance(got[1], Failure)
    assert [d.code for d in got[1].diagnostics] == ["dtg-month"]
    with pytest.raises(CableParseError):
        list(parse_many([bad], jobs=1, strict=True))
    (lenient,) = parse_many([bad], jobs=1)
    assert lenient == parse(bad)


def test_warnings_as_errors() -> None:
    got = list(parse_many(["hello"], jobs=1, strict=True, warnings_as_errors=True, errors="collect"))
    assert isinstance(got[0], Failure)
    assert {d.code for d in got[0].diagnostics} >= {"header-missing"}


def test_bad_csv_rows_fail_alone(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cables.csv", 6, bad={3})
    got = list(parse_many([path], jobs=2, batch_size=2, errors="collect"))
    assert [type(x).__name__ for x in got] == ["Cable", "Cable", "Failure", "Cable", "Cable", "Cable"]
    assert isinstance(got[2], Failure) and got[2].row == 3 and got[2].source == f"{path}:3"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"errors": "ignore"}, ValueError),
        ({"format": "pdf"}, ValueError),
        ({"batch_size": 0}, ValueError),
        ({"jobs": 0}, ValueError),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_many(["x"], **kwargs)


def test_bad_source_type() -> None:
    with pytest.raises(TypeError, match="int"):
        list(parse_many([42], jobs=1))  # type: ignore[list-item]


# -- executors ---------------------------------------------------------------


class CountingExecutor(cf.Executor):
    """A thread pool that records how many of its futures were pending at once."""

    def __init__(self, workers: int) -> None:
        self.pool = cf.ThreadPoolExecutor(workers)
        self.lock = threading.Lock()
        self.pending = 0
        self.most = 0
        self.submitted = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        with self.lock:
            self.pending += 1
            self.submitted += 1
            self.most = max(self.most, self.pending)
        future = self.pool.submit(fn, *args, **kwargs)
        future.add_done_callback(lambda _: self._done())
        return future

    def _done(self) -> None:
        with self.lock:
            self.pending -= 1

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_given_executor_is_used_in_batches_and_left_open() -> None:
    executor = CountingExecutor(2)
    items = texts(20)
    assert list(parse_many(items, executor=executor, jobs=2, batch_size=3)) == [parse(t) for t in items]
    assert executor.submitted == 7  # ceil(20 / 3): one task per batch, not per cable
    assert executor.pool.submit(int, "5").result() == 5  # still usable
    executor.shutdown()


def test_batches_in_flight_are_bounded_and_sources_read_lazily() -> None:
    executor = CountingExecutor(2)
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        for i in itertools.count(1):
            pulled += 1
            yield cable_text(i)

    got = list(itertools.islice(parse_many(endless(), executor=executor, jobs=2, batch_size=2), 50))
    assert [c.reference_id for c in got[:2]] == ["08OSLO1", "08OSLO2"]
    limit = 2 * _IN_FLIGHT_PER_WORKER
    assert executor.most <= limit
    assert pulled <= 50 + (limit + 1) * 2
    executor.shutdown()


def test_worker_count_of_an_executor() -> None:
    with cf.ThreadPoolExecutor(5) as pool:
        assert _worker_count(pool) == 5
    assert _worker_count(None) == (os.cpu_count() or 1)
    assert _worker_count(CountingExecutor(1)) == (os.cpu_count() or 1)


def test_thread_pool_unordered() -> None:
    items = texts(12)
    with cf.ThreadPoolExecutor(3) as pool:
        got = list(parse_many(items, executor=pool, batch_size=1, ordered=False))
    assert sorted(map(repr, got)) == sorted(repr(parse(t)) for t in items)


def test_stopping_early_returns_promptly() -> None:
    stream = parse_many(texts(200), jobs=2, batch_size=4)
    first = next(stream)
    stream.close()
    assert first.reference_id == "08QUITO1"


def reference_or_failure(cable: Cable) -> str | Failure:
    """A ``then`` for process_many: the reference ID, or a failure without one."""
    if cable.reference_id is None:
        return Failure(cable.source, None, (), "no reference ID")
    return cable.reference_id


def explode(cable: Cable) -> str:
    """A ``then`` that fails on one cable."""
    if cable.reference_id == "08OSLO2":
        raise RuntimeError("cannot handle this one")
    return cable.reference_id or ""


def test_a_failing_then_is_a_failure_not_a_stop() -> None:
    got = list(process_many([cable_text(1), cable_text(2), cable_text(3)], explode, jobs=2, batch_size=1, errors="collect"))
    assert got[0] == "08OSLO1" and got[2] == "08OSLO3"
    assert isinstance(got[1], Failure)
    assert got[1].message == "RuntimeError: cannot handle this one"
    assert got[1].diagnostics[0].code == "internal-error"


def test_process_many_applies_then_in_the_worker() -> None:
    got = list(process_many([cable_text(1), "hello", cable_text(2)], reference_or_failure, jobs=2, batch_size=1, errors="collect"))
    assert got[0] == "08OSLO1" and got[2] == "08OSLO2"
    assert isinstance(got[1], Failure) and got[1].message == "no reference ID"


def test_dask_distributed_executor_gives_identical_results(folder: Path) -> None:
    distributed = pytest.importorskip("distributed")
    items: list[Any] = [*texts(6), folder, ""]
    expected = list(parse_many(items, jobs=1, errors="collect"))
    with distributed.Client(processes=False, n_workers=2, threads_per_worker=2, dashboard_address=None) as client:
        executor = client.get_executor()
        assert _worker_count(executor) == 4
        got = list(parse_many(items, executor=executor, batch_size=2, errors="collect"))
    assert got == expected
    assert len(got) == 6 + 8 + 1


# -- properties --------------------------------------------------------------


@settings(deadline=None)
@given(st.lists(cable_strategy(), min_size=1, max_size=5), st.integers(1, 4))
def test_rendered_cables_equal_parse_one_by_one(drawn: list[Cable], batch: int) -> None:
    items = [cableparse.render(c) for c in drawn]
    assert list(parse_many(items, jobs=1, batch_size=batch)) == [parse(t) for t in items]


@settings(deadline=None)
@given(st.lists(st.one_of(st.text(max_size=300), st.binary(max_size=300)), max_size=6), st.integers(1, 3))
def test_arbitrary_input_never_raises_when_collecting(items: list[str | bytes], batch: int) -> None:
    got = list(parse_many(items, jobs=1, batch_size=batch, errors="collect"))
    assert len(got) == len(items)
    for item, result in zip(items, got, strict=True):
        if isinstance(result, Cable):
            assert result == parse(item)
        else:
            assert any(d.severity.value == "error" for d in result.diagnostics)
