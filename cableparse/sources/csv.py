"""The unofficial ``cables.csv`` dump: eight quoted columns, backslash escapes.

Columns: row id, date ``M/D/YYYY H:MM``, reference ID, origin,
classification, referenced IDs separated by ``|``, header, body.  There is
no header row; every field is double-quoted; quotes inside fields are
written ``\\"``; fields span lines, and some exports end each line inside
a field with a backslash (a MySQL-style escaped newline).

The reader is written for this dialect rather than on top of :mod:`csv`
because the source map needs the line and column of every field, and it
streams: :func:`iter_rows` holds one row (plus one read chunk) at a time.
A well-formed row costs one regular-expression match; a malformed row is
delimited line by line, so an unterminated quote ends at the next line
that starts a new row instead of swallowing the rest of the file.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span
from ..model import ContainerMetadata, SourceFormat
from ..sourcemap import Document
from .common import LineSink, OffsetLines, position
from .detect import CSV_ROW_START

__all__ = [
    "CHUNK_SIZE",
    "RawRow",
    "decode_csv",
    "decode_row",
    "iter_rows",
    "render_csv_row",
    "text_chunks",
]

#: Bytes read at a time from a file.
CHUNK_SIZE = 1 << 20
_COLUMNS = 8
_QUOTED = regex.compile(r'"((?:[^"\\]|\\.|"")*+)"', regex.DOTALL)
_UNQUOTED = regex.compile(r'[^,"\n]*+')
_ESCAPE = regex.compile(r'\\(.)|""', regex.DOTALL)
_ESCAPED = regex.compile(r"\\.", regex.DOTALL)
_DATE = regex.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}) ([0-9]{1,2}):([0-9]{2})")
_ROW_ID = regex.compile(r"[0-9]{1,9}")
_CONTINUATION_END = ("\\", " ")


class RawRow(NamedTuple):
    """One row as it stands in the file.

    ``text`` is the row's raw text (its physical lines), ``line`` the file
    line it starts on, ``ordinal`` its 1-based position among the rows.
    ``too_large`` rows were cut short: ``text`` is only their start.
    """

    text: str
    line: int
    ordinal: int
    too_large: bool = False


def text_chunks(chunks: Iterable[bytes]) -> Iterator[str]:
    """Decode byte chunks as UTF-8 (BOM dropped) with ``\\n`` line ends.

    Bytes that are not UTF-8 become lone surrogates (``surrogateescape``);
    :func:`cableparse.sources.load` re-reads such a row as cp1252.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="surrogateescape")
    carry = ""
    for chunk in chunks:
        text = carry + decoder.decode(chunk)
        carry = ""
        if text.endswith("\r"):
            # A CR at the end of a chunk may be the first half of a CRLF.
            text, carry = text[:-1], "\r"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text:
            yield text
    text = carry + decoder.decode(b"", final=True)
    if text:
        yield text.replace("\r\n", "\n").replace("\r", "\n")


_MORE = -1  # the row goes on past the end of the data read so far


def _scan_row(buf: str, pos: int, eof: bool) -> tuple[list[tuple[int, int, bool]], int] | int | None:
    """Field spans and end of a well-formed row at ``pos``.

    ``_MORE`` when the data ends inside the row (and more may come), ``None``
    when the row is not eight quoted fields: the lenient path decides.
    Finding quotes with ``str.find`` is many times faster than matching
    the fields with a pattern, which matters on a 1.8 GB file.
    """
    fields = []
    p = pos
    size = len(buf)
    for k in range(_COLUMNS):
        if p >= size:
            return None if eof else _MORE
        if buf[p] != '"':
            return None
        start = q = p + 1
        while True:
            q = buf.find('"', q)
            if q < 0:
                return None if eof else _MORE
            b = q - 1
            while b >= start and buf[b] == "\\":
                b -= 1
            if (q - 1 - b) % 2 == 0:
                break  # an even run of backslashes: the quote is not escaped
            q += 1
        fields.append((start, q, True))
        p = q + 1
        if k < _COLUMNS - 1:
            if p >= size:
                return None if eof else _MORE
            if buf[p] != ",":
                return None
            p += 1
    while p < size and buf[p] in " \t":
        p += 1
    if p < size:
        return (fields, p + 1) if buf[p] == "\n" else None
    return (fields, p) if eof else _MORE


class _Scanner:
    """Splits a stream of text chunks into rows."""

    def __init__(self, chunks: Iterable[str], first_line: int, max_size: int) -> None:
        self._chunks = iter(chunks)
        self._buf = ""
        self._pos = 0
        self._line = first_line
        self._eof = False
        self._max = max_size

    def _more(self) -> bool:
        if self._eof:
            return False
        for chunk in self._chunks:
            if chunk:
                self._buf += chunk
                return True
        self._eof = True
        return False

    def rows(self) -> Iterator[RawRow]:
        ordinal = 0
        while True:
            if self._pos > CHUNK_SIZE // 2:
                # Compacting only now and then keeps the copying linear.
                self._buf = self._buf[self._pos :]
                self._pos = 0
            if not self._skip_blank():
                return
            ordinal += 1
            line = self._line
            end = self._fast()
            if end is None:
                end = self._slow()
            if end is None:
                yield RawRow(self._buf[self._pos : self._pos + 1000], line, ordinal, True)
                self._skip_to_row_start()
                continue
            text = self._buf[self._pos : end]
            self._line += text.count("\n")
            self._pos = end
            yield RawRow(text, line, ordinal)

    def _skip_blank(self) -> bool:
        while True:
            buf, pos = self._buf, self._pos
            nl = buf.find("\n", pos)
            if nl < 0:
                if self._more():
                    continue
                if buf[pos:].strip():
                    return True
                self._pos = len(buf)
                return False
            if buf[pos:nl].strip():
                return True
            self._pos = nl + 1
            self._line += 1

    def _fast(self) -> int | None:
        while True:
            found = _scan_row(self._buf, self._pos, self._eof)
            if found != _MORE:
                return found[1] if isinstance(found, tuple) else None
            if len(self._buf) - self._pos > self._max:
                return None
            self._more()  # at the end of the stream this sets _eof for the last try

    def _slow(self) -> int | None:
        """End of a malformed row: where the quotes balance at a line end.

        While a quote is open, a line that starts like a new row ends the
        row (its quote was never closed).  ``None`` when the row grows
        beyond the size limit.
        """
        start = p = self._pos
        inside = False
        while True:
            nl = self._buf.find("\n", p)
            if nl < 0:
                if self._more():
                    continue
                nl = len(self._buf)
            buf = self._buf
            segment = buf[p:nl]
            if inside and p > start and CSV_ROW_START.match(segment):
                return p
            if _ESCAPED.sub("", segment).count('"') % 2:
                inside = not inside
            if not inside or nl >= len(buf):
                return min(nl + 1, len(buf))
            if nl - start > self._max:
                return None
            p = nl + 1

    def _skip_to_row_start(self) -> None:
        """Drop lines up to the next line that starts a row (after an oversized one)."""
        first = True
        while True:
            nl = self._buf.find("\n", self._pos)
            if nl < 0:
                if self._more():
                    continue
                self._pos = len(self._buf)
                return
            if not first and CSV_ROW_START.match(self._buf, self._pos):
                return
            first = False
            self._pos = nl + 1
            self._line += 1
            if self._pos > CHUNK_SIZE:
                self._buf = self._buf[self._pos :]
                self._pos = 0


def iter_rows(chunks: Iterable[str], *, first_line: int = 1, max_size: int = 20_000_000) -> Iterator[RawRow]:
    """The rows of a cables.csv stream given as text chunks (see :func:`text_chunks`).

    Blank lines between rows are skipped.  Rows are not validated here:
    :func:`decode_row` reports what is wrong with them.
    """
    return _Scanner(chunks, first_line, max_size).rows()


def decode_csv(
    text: str, reporter: Reporter, *, source: str | None = None, line_offset: int = 0, max_size: int = 20_000_000
) -> Document | None:
    """The document of the first row of ``text``."""
    for row in iter_rows([text], first_line=line_offset + 1, max_size=max_size):
        if row.too_large:
            reporter.report("input-too-large", f"the row exceeds the maximum of {max_size}", Span(row.line, 1, ""), field="csv")
            return None
        return decode_row(row.text, reporter, first_line=row.line, source=source)
    reporter.report("input-empty", "the CSV input holds no row", field="csv")
    return None


def decode_row(text: str, reporter: Reporter, *, first_line: int = 1, source: str | None = None) -> Document | None:
    """Decode one row: columns 1-6 become metadata, 7 and 8 the header and body lines.

    A row without 8 columns (``csv-columns``) or with an unterminated or
    stray quote (``csv-quote``) gives ``None``; an unreadable metadata
    column gives a ``csv-field`` warning and ``None`` in that field.
    """
    found = _scan_row(text, 0, True)
    if isinstance(found, tuple) and not text[found[1] :].strip():
        fields = found[0]
    else:
        lenient = _lenient_fields(text, reporter, first_line)
        if lenient is None:
            return None
        fields = lenient
    values = [_unescape(text[a:b], quoted) for a, b, quoted in fields[:6]]
    metadata = _metadata(values, [position(text, a, first_line) for a, _, _ in fields[:6]], reporter)
    head, body = fields[6], fields[7]
    header_lines = 0 if head[0] == head[1] else text.count("\n", head[0], head[1]) + 1
    body_line, _ = position(text, body[0], first_line)
    sink = LineSink(body_line - header_lines - 1)
    _field_lines(sink, text, head, first_line)
    _field_lines(sink, text, body, first_line)
    return sink.document(
        SourceFormat.CSV,
        OffsetLines(text.split("\n"), first_line),
        body_start=header_lines,
        metadata=metadata,
        source=source,
    )


def _lenient_fields(text: str, reporter: Reporter, first_line: int) -> list[tuple[int, int, bool]] | None:
    """Fields of a row the strict pattern refused: ``""`` quotes, unquoted fields, errors."""
    n = len(text) - 1 if text.endswith("\n") else len(text)
    fields: list[tuple[int, int, bool]] = []
    p = 0
    while True:
        if p < n and text[p] == '"':
            m = _QUOTED.match(text, p, n)
            if m is None:
                where = Span(*position(text, p, first_line), "")
                reporter.report("csv-quote", f"the quote opening column {len(fields) + 1} is never closed", where, field="csv")
                return None
            fields.append((m.start(1), m.end(1), True))
        else:
            m = _UNQUOTED.match(text, p, n)
            assert m is not None  # the pattern matches the empty string
            fields.append((p, m.end(), False))
        p = m.end()
        if p < n and text[p] == ",":
            p += 1
            continue
        if not text[p:n].strip():
            break
        where = Span(*position(text, p, first_line), "")
        if text[p] == '"' or fields[-1][2]:
            reporter.report("csv-quote", f"unexpected {text[p]!r} after column {len(fields)}", where, field="csv")
        else:
            reporter.report("csv-columns", f"column {len(fields)} ends with a line break outside quotes", where, field="csv")
        return None
    if len(fields) != _COLUMNS:
        reporter.report("csv-columns", f"the row has {len(fields)} columns, expected {_COLUMNS}", Span(first_line, 1, ""), field="csv")
        return None
    return fields


def _unescape(value: str, quoted: bool) -> str:
    if "\\" not in value and not (quoted and '""' in value):
        return value
    return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) is not None else '"', value)


def _metadata(values: Sequence[str], where: Sequence[tuple[int, int]], reporter: Reporter) -> ContainerMetadata:
    row_id, date, reference_id, origin, classification, references = (v.strip() for v in values)
    row = int(row_id) if _ROW_ID.fullmatch(row_id) else None
    if row is None and row_id:
        reporter.report("csv-field", f"row id {row_id!r} is not a number", Span(*where[0], ""), field="csv")
    created = None
    m = _DATE.fullmatch(date)
    if m is not None:
        month, day, year, hour, minute = (int(g) for g in m.groups())
        with contextlib.suppress(ValueError):
            created = dt.datetime(year, month, day, hour, minute, tzinfo=dt.timezone.utc)
    if created is None and date:
        reporter.report("csv-field", f"date {date!r} is not a M/D/YYYY H:MM time", Span(*where[1], ""), field="csv")
    return ContainerMetadata(
        reference_id=reference_id or None,
        created=created,
        classification=classification or None,
        origin=origin or None,
        references=tuple(r.strip() for r in references.split("|") if r.strip()),
        row=row,
    )


def _field_lines(sink: LineSink, text: str, field: tuple[int, int, bool], first_line: int) -> None:
    start, end, quoted = field
    if start == end:
        return
    line, column = position(text, start, first_line)
    content = text[start:end]
    parts = content.split("\n")
    if "\\" not in content and not (quoted and '""' in content):
        sink.block(parts, line, column)
        return
    last = len(parts) - 1
    parts = [_without_continuation(p) if i < last and p[-1:] in _CONTINUATION_END else p for i, p in enumerate(parts)]
    # Lines with escapes are decoded piece by piece, runs of plain lines in one go.
    done = 0
    for i in [i for i, p in enumerate(parts) if "\\" in p or (quoted and '""' in p)]:
        sink.block(parts[done:i], line + done, column if done == 0 else 1)
        _unescape_line(sink, parts[i], line + i, column if i == 0 else 1)
        done = i + 1
    sink.block(parts[done:], line + done, column if done == 0 else 1)


def _without_continuation(part: str) -> str:
    """Drop a backslash that escapes the line end (and the blanks after it)."""
    body = part.rstrip(" ")
    stripped = body.rstrip("\\")
    if (len(body) - len(stripped)) % 2:
        return body[:-1]
    return part


def _unescape_line(sink: LineSink, part: str, line: int, column: int) -> None:
    last = 0
    for m in _ESCAPE.finditer(part):
        sink.copy(part[last : m.start()], line, column + last)
        last = m.start() + 1  # the escaped character is copied from its own place
    sink.copy(part[last:], line, column + last)
    sink.newline(line, column + len(part))


def render_csv_row(
    header: str,
    body: str,
    metadata: ContainerMetadata | None = None,
    *,
    continuations: bool = False,
) -> str:
    """One cables.csv row (ending in a newline) holding ``header`` and ``body``.

    The inverse of :func:`decode_row`.  ``continuations=True`` writes line
    ends inside fields as backslash-newline, as some exports do.
    """
    meta = metadata or ContainerMetadata()
    created = meta.created
    date = f"{created.month}/{created.day}/{created.year} {created.hour}:{created.minute:02d}" if created else ""
    columns = [
        str(meta.row) if meta.row is not None else "",
        date,
        meta.reference_id or "",
        meta.origin or "",
        meta.classification or "",
        "|".join(meta.references),
        header,
        body,
    ]
    return ",".join(_quote(c, continuations) for c in columns) + "\n"


def _quote(value: str, continuations: bool) -> str:
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    if continuations:
        value = value.replace("\n", "\\\n")
    return f'"{value}"'
