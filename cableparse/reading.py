"""Reading many cables: files, directories, cables.csv files and standard input.

Three levels, each built on the one below:

* :func:`iter_inputs` walks the paths and yields one :class:`RawInput` per
  cable: the raw text of a file, or the raw text of one cables.csv row with
  the line it starts on.  A ``RawInput`` is small and cheap to pickle, so a
  bulk runner can send it to a worker process, where :meth:`RawInput.parse`
  gives the same :class:`~cableparse.model.Cable` (positions included) as
  parsing in place.  CSV files are streamed: one row in memory at a time.
* :func:`iter_documents` decodes each input into a
  :class:`~cableparse.sourcemap.Document`.
* :func:`iter_cables` parses each document.

``errors`` says what happens to an input that yields no cable (unreadable
file, binary data, a CSV row without 8 columns) or, with ``strict=True``,
to a cable with errors: ``"raise"`` raises (:class:`OSError` for files
that cannot be read, :class:`~cableparse.errors.CableParseError`
otherwise), ``"collect"`` yields a :class:`Failure` in its place,
``"skip"`` drops it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO, Literal, overload

import attrs

from . import sources
from .api import DEFAULT_MAX_SIZE, parse_document
from .errors import CableParseError, Reporter, Span
from .model import Cable, Diagnostic, SourceFormat
from .sourcemap import Document
from .sources.common import decode_input
from .sources.csv import CHUNK_SIZE, iter_rows, text_chunks
from .sources.detect import detect_format

__all__ = [
    "SUFFIXES",
    "Failure",
    "RawInput",
    "iter_cables",
    "iter_documents",
    "iter_inputs",
    "parse_path",
    "parse_raw",
]

#: File suffixes read when walking a directory.
SUFFIXES = frozenset({".html", ".htm", ".txt", ".md", ".csv"})
#: The path that means standard input.
STDIN = "-"
_STDIN_SOURCE = "<stdin>"

Errors = Literal["raise", "collect", "skip"]
_ERRORS = ("raise", "collect", "skip")
PathArg = str | os.PathLike[str]


@attrs.frozen
class Failure:
    """An input that gave no cable, in place of the cable (``errors="collect"``)."""

    #: Where the input came from: a path, ``path:row`` for a CSV row, ``<stdin>``.
    source: str | None
    #: The CSV row (1-based position in the file), if the input was a row.
    row: int | None
    #: What went wrong, in original coordinates.
    diagnostics: tuple[Diagnostic, ...] = ()
    #: A one-line summary.
    message: str = ""


@attrs.frozen
class RawInput:
    """One cable's input, not yet decoded; cheap to pickle.

    ``data`` is a whole file's bytes or one CSV row's text; ``line_offset``
    is the number of file lines above it, so positions stay those of the
    file wherever the input is parsed.  ``format`` is a container name or
    ``None`` to detect it; ``row`` is the 1-based position of a CSV row.
    """

    data: str | bytes
    format: str | None = None
    source: str | None = None
    line_offset: int = 0
    row: int | None = None

    def load(self, reporter: Reporter, *, max_size: int = DEFAULT_MAX_SIZE) -> Document | None:
        """Decode into a document (``None``, reported, when there is none)."""
        return sources.load(self.data, reporter, format=self.format, source=self.source, max_size=max_size, line_offset=self.line_offset)

    def parse(self, *, strict: bool = False, warnings_as_errors: bool = False, max_size: int = DEFAULT_MAX_SIZE) -> Cable:
        """Parse like :func:`cableparse.parse`: lenient by default, :class:`CableParseError` when strict."""
        return parse_raw(self, strict=strict, warnings_as_errors=warnings_as_errors, max_size=max_size)


def parse_raw(raw: RawInput, *, strict: bool = False, warnings_as_errors: bool = False, max_size: int = DEFAULT_MAX_SIZE) -> Cable:
    """Parse one :class:`RawInput` (a module-level function, for ``executor.map``)."""
    result = _process(raw, strict, warnings_as_errors, max_size)
    if isinstance(result, Cable):
        return result
    reporter = Reporter(strict=strict, warnings_as_errors=warnings_as_errors, source=raw.source)
    reporter.extend(result.diagnostics)
    fmt = SourceFormat(raw.format) if raw.format else SourceFormat.TEXT
    return Cable(source_format=fmt, source=raw.source, diagnostics=reporter.finish())


def parse_path(
    path: PathArg,
    *,
    strict: bool = False,
    format: str | None = None,
    warnings_as_errors: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Cable:
    """The first cable of a file (of a cables.csv file: its first row, read alone).

    This is :func:`cableparse.parse_file`.  ``source`` is the path (``path:1``
    for a CSV row).  A file that cannot be read raises :class:`OSError`.
    """
    _check("raise", format)
    for item in _iter_inputs([path], format, "raise", max_size):
        if isinstance(item, RawInput):
            return parse_raw(item, strict=strict, warnings_as_errors=warnings_as_errors, max_size=max_size)
        reporter = Reporter(strict=strict, warnings_as_errors=warnings_as_errors, source=item.source)
        reporter.extend(item.diagnostics)
        fmt = SourceFormat(format) if format else SourceFormat.TEXT
        return Cable(source_format=fmt, source=item.source, diagnostics=reporter.finish())
    raise OSError(f"{os.fspath(path)}: no input")  # pragma: no cover - a path always gives an item


def _process(raw: RawInput, strict: bool, warnings_as_errors: bool, max_size: int) -> Cable | Failure:
    reporter = Reporter(strict=strict, warnings_as_errors=warnings_as_errors, source=raw.source)
    try:
        doc = raw.load(reporter, max_size=max_size)
        if doc is None:
            return _failure(raw, reporter.diagnostics)
        return parse_document(doc, reporter)
    except CableParseError as exc:
        return _failure(raw, exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop a run
        reporter.report("internal-error", f"{type(exc).__name__}: {exc}")
        return _failure(raw, reporter.diagnostics)


def _failure(raw: RawInput, diagnostics: Iterable[Diagnostic]) -> Failure:
    items = tuple(diagnostics)
    failing = [d for d in items if d.severity.value == "error"] or list(items)
    message = failing[0].message if failing else "no cable could be read"
    if len(failing) > 1:
        message += f" (and {len(failing) - 1} more)"
    return Failure(raw.source, raw.row, items, message)


def _check(errors: str, format: str | None) -> None:
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")
    if format is not None and format not in sources.FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(sources.FORMATS)}")


def iter_inputs(
    path_or_paths: PathArg | Iterable[PathArg],
    *,
    format: str | None = None,
    errors: Errors = "raise",
    max_size: int = DEFAULT_MAX_SIZE,
) -> Iterator[RawInput | Failure]:
    """One :class:`RawInput` per cable found under the paths, in order.

    Paths are files (read whatever their suffix), directories (walked
    recursively in sorted order for ``*.html``, ``*.htm``, ``*.txt``,
    ``*.md``, ``*.csv``) or ``-`` for standard input.  A cables.csv file
    (by suffix, by ``format="csv"`` or by content) gives one input per row,
    read as a stream.  Files that cannot be read follow ``errors``; this
    level never decides anything else.
    """
    _check(errors, format)
    return _iter_inputs(path_or_paths, format, errors, max_size)


def _iter_inputs(
    path_or_paths: PathArg | Iterable[PathArg], format: str | None, errors: Errors, max_size: int
) -> Iterator[RawInput | Failure]:
    for path in _paths(path_or_paths):
        if path == STDIN:
            yield from _from_stream(sys.stdin.buffer, _STDIN_SOURCE, format, max_size, size=None)
            continue
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                fmt = format or sources.format_from_suffix(Path(path))
                yield from _from_stream(handle, os.fspath(path), fmt, max_size, size=size)
        except OSError as exc:
            if errors == "raise":
                raise
            if errors == "collect":
                yield Failure(os.fspath(path), None, (), f"cannot read: {exc.strerror or exc}")


def _paths(path_or_paths: PathArg | Iterable[PathArg]) -> Iterator[str]:
    items = [path_or_paths] if isinstance(path_or_paths, str | os.PathLike) else path_or_paths
    for item in items:
        path = os.fspath(item)
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in SUFFIXES:
                yield os.path.join(root, name)


def _from_stream(handle: BinaryIO, source: str, fmt: str | None, max_size: int, *, size: int | None) -> Iterator[RawInput | Failure]:
    first = b""
    if fmt is None:
        # Only the start is read to tell a cables.csv file (streamed) from one cable.
        first = handle.read(CHUNK_SIZE)
        fmt = _sniff(first)
    if fmt == "csv":
        yield from _csv_rows(chain([first], iter(lambda: handle.read(CHUNK_SIZE), b"")), source, max_size)
        return
    if size is not None and size > max_size:
        yield _early_failure(source, "input-too-large", f"the file of {size} bytes exceeds the maximum of {max_size}")
        return
    data = first + handle.read(max_size + 1 - len(first))
    if len(data) > max_size:
        yield _early_failure(source, "input-too-large", f"the input exceeds the maximum of {max_size}")
        return
    yield RawInput(data, fmt, source)


def _sniff(head: bytes) -> str | None:
    """``"csv"`` when the start of a file looks like a cables.csv row."""
    decoded = decode_input(head[:4096], Reporter())
    if decoded is not None and detect_format(decoded[0]) is SourceFormat.CSV:
        return "csv"
    return None


def _csv_rows(chunks: Iterator[bytes], source: str, max_size: int) -> Iterator[RawInput | Failure]:
    first = b""
    for first in chunks:
        if first:
            break
    probe = Reporter(source=source)
    decoded = decode_input(first, probe) if first else None
    if decoded is None or not decoded[0].strip():
        if decoded is not None:
            probe.report("input-empty", "the CSV file holds no row", field="input")
        yield Failure(source, None, probe.diagnostics, probe.diagnostics[0].message)
        return
    for row in iter_rows(text_chunks(chain([first], chunks)), max_size=max_size):
        name = f"{source}:{row.ordinal}"
        if row.too_large:
            where = Span(row.line, 1, "")
            yield _early_failure(name, "input-too-large", f"the row exceeds the maximum of {max_size}", row=row.ordinal, at=where)
            continue
        yield RawInput(row.text, "csv", name, row.line - 1, row.ordinal)


def _early_failure(source: str, code: str, message: str, *, row: int | None = None, at: Span | None = None) -> Failure:
    reporter = Reporter(source=source)
    reporter.report(code, message, at, field="input")
    return Failure(source, row, reporter.diagnostics, message)


def iter_documents(
    path_or_paths: PathArg | Iterable[PathArg],
    *,
    format: str | None = None,
    errors: Errors = "raise",
    max_size: int = DEFAULT_MAX_SIZE,
) -> Iterator[Document | Failure]:
    """One decoded :class:`~cableparse.sourcemap.Document` per cable (see :func:`iter_inputs`).

    Decoding diagnostics are in ``doc.diagnostics``; an input that gives
    no document follows ``errors``.
    """
    return _iter_documents(iter_inputs(path_or_paths, format=format, errors=errors, max_size=max_size), errors, max_size)


def _iter_documents(inputs: Iterator[RawInput | Failure], errors: Errors, max_size: int) -> Iterator[Document | Failure]:
    for item in inputs:
        if isinstance(item, Failure):
            yield from _handle(item, errors)
            continue
        reporter = Reporter(source=item.source)
        doc = item.load(reporter, max_size=max_size)
        if doc is not None:
            yield doc
        else:
            yield from _handle(_failure(item, reporter.diagnostics), errors)


@overload
def iter_cables(
    path_or_paths: PathArg | Iterable[PathArg],
    *,
    format: str | None = ...,
    errors: Literal["raise", "skip"] = ...,
    strict: bool = ...,
    warnings_as_errors: bool = ...,
    max_size: int = ...,
) -> Iterator[Cable]: ...
@overload
def iter_cables(
    path_or_paths: PathArg | Iterable[PathArg],
    *,
    format: str | None = ...,
    errors: Literal["collect"],
    strict: bool = ...,
    warnings_as_errors: bool = ...,
    max_size: int = ...,
) -> Iterator[Cable | Failure]: ...
def iter_cables(
    path_or_paths: PathArg | Iterable[PathArg],
    *,
    format: str | None = None,
    errors: Errors = "raise",
    strict: bool = False,
    warnings_as_errors: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Iterator[Cable] | Iterator[Cable | Failure]:
    """Parse every cable under the paths, lazily and in order.

    Files, directories (recursive, sorted), ``-`` for standard input; a
    cables.csv file yields one cable per row with ``source`` set to
    ``path:row``.  Inputs that give no cable, and with ``strict=True``
    cables with errors, follow ``errors`` (``"raise"``, ``"collect"`` a
    :class:`Failure` in their place, ``"skip"``).

    >>> import cableparse, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.md").write_text(cableparse.example_text())
    >>> [c.source_format.value for c in cableparse.iter_cables(folder)]
    ['markdown']
    """
    inputs = iter_inputs(path_or_paths, format=format, errors=errors, max_size=max_size)
    return _iter_cables(inputs, errors, strict, warnings_as_errors, max_size)


def _iter_cables(
    inputs: Iterator[RawInput | Failure], errors: Errors, strict: bool, warnings_as_errors: bool, max_size: int
) -> Iterator[Cable | Failure]:
    for item in inputs:
        result = item if isinstance(item, Failure) else _process(item, strict, warnings_as_errors, max_size)
        if isinstance(result, Cable):
            yield result
        else:
            yield from _handle(result, errors)


def _handle(failure: Failure, errors: str) -> Iterator[Failure]:
    if errors == "collect":
        yield failure
    elif errors == "raise":
        if failure.diagnostics:
            raise CableParseError(failure.diagnostics, source=failure.source)
        raise OSError(failure.message)
