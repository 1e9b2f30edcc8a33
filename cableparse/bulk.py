"""Parsing many cables at once, in worker processes or on a cluster.

:func:`parse_many` takes paths (files, directories, cables.csv files) and
cable texts, and yields one result per cable, in input order, equal to
what :func:`cableparse.iter_cables` or :func:`cableparse.parse` gives for
each.  Work goes to the workers in batches (one task per batch, not per
cable), with a bounded number of batches in flight, so that the parent's
memory stays flat however many cables there are:

* a file path is sent as its name and read in the worker;
* a cables.csv file is streamed in the parent one row at a time, and the
  rows' raw text goes to the workers (reading rows is much cheaper than
  parsing them, about 270 MB/s, so the parent keeps up with many workers);
* a text file found to be a cables.csv file only by its content is handed
  back by the worker and streamed the same way.

Any :class:`concurrent.futures.Executor` will do: a process pool (the
default), a thread pool, or ``Client.get_executor()`` of
dask.distributed.  Only ``submit`` is used.

>>> import cableparse
>>> [c.reference_id for c in cableparse.parse_many([cableparse.example_text()], jobs=1)]
['09KUALALUMPUR521']
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import Generic, Literal, TypeVar, overload

import attrs

from . import sources
from .api import DEFAULT_MAX_SIZE
from .model import Cable, Diagnostic, Severity
from .reading import Errors, Failure, RawInput, _check, _handle, _iter_inputs, _process, _walk

__all__ = ["DEFAULT_BATCH_SIZE", "Source", "parse_many", "process_many"]

#: Cables per task.  At about 1 ms a cable a batch is tens of milliseconds
#: of work: large enough that the cost of a task (pickling, scheduling) is
#: small beside it, small enough that the workers stay evenly loaded.
DEFAULT_BATCH_SIZE = 64

#: Batches in flight per worker: one running, one queued, one finished
#: waiting to be yielded in order.
_IN_FLIGHT_PER_WORKER = 3

#: What :func:`parse_many` accepts: a path (file, directory, cables.csv,
#: ``Path("-")`` for standard input), a cable's text or bytes, or a
#: :class:`~cableparse.reading.RawInput`.
Source = os.PathLike[str] | str | bytes | RawInput

T = TypeVar("T")


@attrs.frozen
class _PathUnit:
    """A file to read in the worker."""

    path: str
    format: str | None


@attrs.frozen
class _CsvFound:
    """The worker's answer for a file that is a cables.csv file by content."""

    path: str


_Unit = RawInput | _PathUnit | Failure


@attrs.frozen
class _Job(Generic[T]):
    """Everything a worker needs besides the batch; pickled with each task."""

    strict: bool
    warnings_as_errors: bool
    max_size: int
    then: Callable[[Cable], T | Failure] | None


def _parse_unit(unit: _Unit, job: _Job[T]) -> Cable | T | Failure | _CsvFound:
    if isinstance(unit, Failure):
        return unit
    if isinstance(unit, _PathUnit):
        raw = _read_path(unit, job.max_size)
        if not isinstance(raw, RawInput):
            return raw
    else:
        raw = unit
    result = _process(raw, job.strict, job.warnings_as_errors, job.max_size)
    if job.then is None or isinstance(result, Failure):
        return result
    try:
        return job.then(result)
    except Exception as exc:  # noqa: BLE001 - one bad cable must not stop a run
        message = f"{type(exc).__name__}: {exc}"
        return Failure(raw.source, raw.row, (Diagnostic("internal-error", Severity.ERROR, message),), message)


def _read_path(unit: _PathUnit, max_size: int) -> RawInput | Failure | _CsvFound:
    # The reader is lazy: for a cables.csv file only its first chunk is read
    # before the file is handed back to the parent to be streamed.
    inputs = _iter_inputs([unit.path], unit.format, "collect", max_size)
    try:
        first = next(inputs, None)
    finally:
        if isinstance(inputs, Generator):
            inputs.close()
    if first is None:  # pragma: no cover - a path always gives an item
        return Failure(unit.path, None, (), "no input")
    if isinstance(first, RawInput) and first.row is not None:
        return _CsvFound(unit.path)
    return first


def run_batch(batch: Sequence[_Unit], job: _Job[T]) -> list[Cable | T | Failure | _CsvFound]:
    """Parse one batch in a worker (a module-level function, so it pickles)."""
    parse_unit: Callable[[_Unit, _Job[T]], Cable | T | Failure | _CsvFound] = _parse_unit
    return [parse_unit(unit, job) for unit in batch]


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; only the parent should act on
    # it, so that it can stop cleanly and keep what it has written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _units(items: Iterable[Source], format: str | None, max_size: int) -> Iterator[_Unit]:
    for item in items:
        if isinstance(item, RawInput):
            yield item
        elif isinstance(item, str | bytes):
            yield RawInput(item, format)
        elif isinstance(item, os.PathLike):
            yield from _path_units(os.fspath(item), format, max_size)
        else:
            raise TypeError(f"parse_many takes paths, str, bytes or RawInput, not {type(item).__name__}")


def _path_units(path: str, format: str | None, max_size: int) -> Iterator[_Unit]:
    if path == "-":
        yield from _iter_inputs([path], format, "collect", max_size)
    elif os.path.isdir(path):
        for name in _walk(path):
            yield from _file_units(name, format, max_size)
    else:
        yield from _file_units(path, format, max_size)


def _file_units(path: str, format: str | None, max_size: int) -> Iterator[_Unit]:
    if (format or sources.format_from_suffix(Path(path))) == "csv":
        yield from _iter_inputs([path], format, "collect", max_size)
    else:
        yield _PathUnit(path, format)


def _worker_count(executor: cf.Executor | None) -> int:
    """How many tasks ``executor`` runs at once, as far as it tells; else the CPU count."""
    count = getattr(executor, "_max_workers", None)  # process and thread pools
    if isinstance(count, int) and count > 0:
        return count
    client = getattr(executor, "_client", None)  # dask.distributed's ClientExecutor
    nthreads = getattr(client, "nthreads", None)
    if callable(nthreads):
        try:
            total = sum(nthreads().values())
        except Exception:  # noqa: BLE001 - a guess only: fall back to the CPU count
            total = 0
        if total > 0:
            return int(total)
    return os.cpu_count() or 1


def _batches(units: Iterator[_Unit], size: int) -> Iterator[list[_Unit]]:
    while batch := list(islice(units, size)):
        yield batch


@overload
def parse_many(
    sources: Source | Iterable[Source],
    *,
    executor: cf.Executor | None = ...,
    jobs: int | None = ...,
    errors: Literal["raise", "skip"] = ...,
    strict: bool = ...,
    warnings_as_errors: bool = ...,
    format: str | None = ...,
    batch_size: int = ...,
    ordered: bool = ...,
    max_size: int = ...,
) -> Generator[Cable, None, None]: ...
@overload
def parse_many(
    sources: Source | Iterable[Source],
    *,
    executor: cf.Executor | None = ...,
    jobs: int | None = ...,
    errors: Literal["collect"],
    strict: bool = ...,
    warnings_as_errors: bool = ...,
    format: str | None = ...,
    batch_size: int = ...,
    ordered: bool = ...,
    max_size: int = ...,
) -> Generator[Cable | Failure, None, None]: ...
def parse_many(
    sources: Source | Iterable[Source],
    *,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    errors: Errors = "raise",
    strict: bool = False,
    warnings_as_errors: bool = False,
    format: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ordered: bool = True,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Generator[Cable, None, None] | Generator[Cable | Failure, None, None]:
    """Parse many cables in parallel; results in input order.

    ``sources`` holds :class:`pathlib.Path` objects (files, read in the
    worker; directories, walked like :func:`cableparse.iter_cables` does;
    cables.csv files, one cable per row; ``Path("-")`` for standard input),
    cable texts as ``str`` or ``bytes``, or
    :class:`~cableparse.reading.RawInput` objects.  It is read lazily; a
    single source may be given alone.

    Each cable equals what :func:`cableparse.parse` (for a text) or
    :func:`cableparse.iter_cables` (for a path) gives.  An input that
    gives no cable (unreadable, binary, empty), and with ``strict=True`` a
    cable with errors, follows ``errors``: ``"raise"`` raises
    (:class:`~cableparse.CableParseError`, or :class:`OSError` for a file
    that cannot be read) once the results before it are yielded,
    ``"collect"`` yields a :class:`~cableparse.Failure` in its place,
    ``"skip"`` drops it.  One bad cable never stops the workers.

    ``executor`` is any :class:`concurrent.futures.Executor` (left running
    afterwards); by default a process pool of ``jobs`` workers
    (``os.cpu_count()``) is started and shut down.  With an executor,
    ``jobs`` says how many workers to keep busy (three batches in flight
    each); by default the executor's own count (a pool's ``max_workers``,
    a dask cluster's threads) or the CPU count.  ``jobs=1`` without an
    executor parses in this process.  Cables go to the workers
    ``batch_size`` at a time with a few batches per worker in flight, so
    memory stays flat.  ``ordered=False`` yields each batch as soon as it
    is done, which keeps the workers busy behind a slow batch.
    """
    return process_many(
        sources,
        None,
        executor=executor,
        jobs=jobs,
        errors=errors,
        strict=strict,
        warnings_as_errors=warnings_as_errors,
        format=format,
        batch_size=batch_size,
        ordered=ordered,
        max_size=max_size,
    )


def process_many(
    sources: Source | Iterable[Source],
    then: Callable[[Cable], T | Failure] | None,
    *,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    errors: Errors = "raise",
    strict: bool = False,
    warnings_as_errors: bool = False,
    format: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ordered: bool = True,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Generator[T | Failure, None, None]:
    """:func:`parse_many`, applying ``then`` to each cable in the worker.

    ``then`` is a module-level function (it is pickled by name) that turns
    a cable into what the parent needs, for example its JSON text, so that
    the parent does not rebuild every cable object; it may return a
    :class:`~cableparse.Failure`, which then follows ``errors``.  With
    ``then=None`` the cables themselves are yielded.
    """
    _check(errors, format)
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    job: _Job[T] = _Job(strict, warnings_as_errors, max_size, then)
    stream = _Stream(job, executor, jobs, batch_size, ordered, max_size)
    if isinstance(sources, str | bytes | os.PathLike | RawInput):
        # One source given alone; a str would otherwise be read as one cable per character.
        sources = [sources]
    return stream.run(_units(sources, format, max_size), errors)


class _Stream(Generic[T]):
    """One run: the executor, the batches in flight, and the order of results."""

    def __init__(
        self,
        job: _Job[T],
        executor: cf.Executor | None,
        jobs: int | None,
        batch_size: int,
        ordered: bool,
        max_size: int,
    ) -> None:
        self.job = job
        self.executor = executor
        self.workers = jobs or _worker_count(executor)
        self.own = executor is None and self.workers > 1
        self.batch_size = batch_size
        self.ordered = ordered
        self.max_size = max_size

    def run(self, units: Iterator[_Unit], errors: Errors) -> Generator[T | Failure, None, None]:
        try:
            for result in self._results(units):
                if isinstance(result, Failure):
                    yield from _handle(result, errors)
                else:
                    yield result
        finally:
            if self.own and self.executor is not None:
                # Stopped early (an error, a break, Ctrl-C): queued batches are dropped.
                self.executor.shutdown(wait=True, cancel_futures=True)

    def _results(self, units: Iterator[_Unit]) -> Iterator[T | Failure]:
        for result in self._batch_results(units):
            if isinstance(result, _CsvFound):
                # A nested stream over the rows; the outer batches wait, bounded.
                yield from self._results(iter(_iter_inputs([result.path], "csv", "collect", self.max_size)))
            else:
                yield result  # type: ignore[misc]  # a Cable only when then is None, and then T is Cable

    def _batch_results(self, units: Iterator[_Unit]) -> Iterator[Cable | T | Failure | _CsvFound]:
        batches = _batches(units, self.batch_size)
        if self.own and self.executor is None:
            # A pool is started only for more than one batch: a few cables
            # parse faster here than it takes to start the workers.
            first = next(batches, [])
            second = next(batches, None) if first else None
            if second is None:
                yield from run_batch(first, self.job)
                return
            self.executor = cf.ProcessPoolExecutor(self.workers, initializer=_ignore_sigint)
            batches = chain([first, second], batches)
        if self.executor is None:
            for batch in batches:
                yield from run_batch(batch, self.job)
            return
        if self.ordered:
            yield from self._ordered(batches, self.executor)
        else:
            yield from self._unordered(batches, self.executor)

    def _ordered(self, batches: Iterator[list[_Unit]], executor: cf.Executor) -> Iterator[Cable | T | Failure | _CsvFound]:
        pending: deque[cf.Future[list[Cable | T | Failure | _CsvFound]]] = deque()
        limit = self.workers * _IN_FLIGHT_PER_WORKER
        try:
            for batch in batches:
                pending.append(executor.submit(run_batch, batch, self.job))
                while len(pending) >= limit or (pending and pending[0].done()):
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def _unordered(self, batches: Iterator[list[_Unit]], executor: cf.Executor) -> Iterator[Cable | T | Failure | _CsvFound]:
        pending: set[cf.Future[list[Cable | T | Failure | _CsvFound]]] = set()
        limit = self.workers * _IN_FLIGHT_PER_WORKER
        try:
            for batch in batches:
                pending.add(executor.submit(run_batch, batch, self.job))
                if len(pending) >= limit:
                    done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                    for future in done:
                        yield from future.result()
            for future in cf.as_completed(pending):
                pending.discard(future)
                yield from future.result()
        finally:
            for future in pending:
                future.cancel()
