"""Normalised documents that remember where each character came from.

Containers (HTML pages, markdown, CSV rows) are decoded once into a
:class:`Document`: a list of normalised lines.  Each line keeps a map back
to the original input, so a diagnostic found on normalised line 12,
column 5 is reported at the line and column of the file the user holds.

Building a document goes through :class:`DocumentBuilder`: append pieces
of text with :meth:`~DocumentBuilder.copy` (verbatim, one-to-one) or
:meth:`~DocumentBuilder.replace` (decoded: an entity, a stripped link), and
end lines with :meth:`~DocumentBuilder.newline`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import count, repeat

import attrs

from .errors import Span
from .model import ContainerMetadata, Diagnostic, SourceFormat

__all__ = ["Document", "DocumentBuilder", "SourceMap", "plain_document"]


@attrs.define
class SourceMap:
    """Maps normalised (line, column) to original (line, column).

    Lines without an entry in ``segments`` map one-to-one, shifted by
    ``line_offset`` lines.  A line with segments holds sorted triples
    ``(normalised column, original line, original column)``: a character
    at normalised column ``c`` maps to the last segment starting at or
    before ``c``, plus the distance from that segment's start.
    """

    line_offset: int = 0
    segments: dict[int, list[tuple[int, int, int]]] = attrs.field(factory=dict)
    original_lines: Sequence[str] | None = None

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """The original position of normalised ``(line, column)``."""
        segs = self.segments.get(line)
        if segs is None:
            return line + self.line_offset, column
        starts = [s[0] for s in segs]
        i = bisect.bisect_right(starts, column) - 1
        if i < 0:
            i = 0
        start, oline, ocol = segs[i]
        return oline, ocol + max(0, column - start)

    def original_line(self, line: int) -> str | None:
        """The text of original line ``line`` (1-based), if kept."""
        if self.original_lines is None or not 0 < line <= len(self.original_lines):
            return None
        return self.original_lines[line - 1]


@attrs.define
class Document:
    """One cable's normalised text, ready for the layout step.

    ``body_start`` is the index into ``lines`` where the body begins when
    the container says so (HTML's second ``<pre>``, CSV column 8); ``None``
    lets the layout find the header/body boundary itself.
    """

    lines: list[str]
    format: SourceFormat
    source_map: SourceMap
    body_start: int | None = None
    metadata: ContainerMetadata | None = None
    source: str | None = None
    #: Problems found while decoding, already in original coordinates.
    diagnostics: list[Diagnostic] = attrs.field(factory=list)

    def spans(self, start: int = 0, stop: int | None = None) -> list[Span]:
        """Lines ``start:stop`` as spans with 1-based line numbers."""
        lines = self.lines[start:stop]
        # tuple.__new__ over zip runs in C; Span(...) would call the
        # NamedTuple's Python-level __new__ once per line.
        return list(map(tuple.__new__, repeat(Span), zip(count(start + 1), repeat(1), lines)))


def plain_document(
    text: str,
    *,
    format: SourceFormat = SourceFormat.TEXT,
    source: str | None = None,
    line_offset: int = 0,
) -> Document:
    """A document whose lines map one-to-one onto the original text."""
    lines = text.split("\n")
    return Document(
        lines=lines,
        format=format,
        source_map=SourceMap(line_offset=line_offset, original_lines=lines if line_offset == 0 else None),
        source=source,
    )


@attrs.define
class DocumentBuilder:
    """Accumulates normalised text while recording where it came from."""

    _lines: list[str] = attrs.field(factory=list)
    _segments: dict[int, list[tuple[int, int, int]]] = attrs.field(factory=dict)
    _parts: list[str] = attrs.field(factory=list)
    _col: int = 1
    _pending: list[tuple[int, int, int]] = attrs.field(factory=list)

    def copy(self, text: str, line: int, column: int) -> None:
        """Append ``text`` taken verbatim from original ``(line, column)``.

        ``text`` must not contain a newline; call :meth:`newline` instead.
        """
        if not text:
            return
        self._mark(line, column)
        self._parts.append(text)
        self._col += len(text)

    def replace(self, text: str, line: int, column: int) -> None:
        """Append decoded ``text`` standing for original text at ``(line, column)``.

        Every character of ``text`` maps to the start of the original run;
        the next :meth:`copy` starts a fresh segment.
        """
        if not text:
            return
        self._pending.append((self._col, line, column))
        self._parts.append(text)
        self._col += len(text)
        # Force a new segment for whatever follows.
        self._pending.append((self._col, -1, -1))

    def _mark(self, line: int, column: int) -> None:
        pend = self._pending
        if pend and pend[-1][1] == -1 and pend[-1][0] == self._col:
            pend.pop()
        if pend:
            last_start, last_line, last_col = pend[-1]
            if last_line == line and last_col + (self._col - last_start) == column:
                return  # continues the previous segment
        pend.append((self._col, line, column))

    def newline(self, line: int, column: int) -> None:
        """End the current normalised line; the line break stood at ``(line, column)``.

        The position is what an empty line maps to.
        """
        number = len(self._lines) + 1
        segs = [s for s in self._pending if s[1] != -1]
        self._segments[number] = segs or [(1, line, column)]
        self._lines.append("".join(self._parts))
        self._parts = []
        self._col = 1
        self._pending = []

    def build(
        self,
        *,
        format: SourceFormat,
        original_lines: Sequence[str] | None = None,
        body_start: int | None = None,
        metadata: ContainerMetadata | None = None,
        source: str | None = None,
        end: tuple[int, int] = (1, 1),
    ) -> Document:
        """Finish the last line (which ends at original ``end``) and return the document."""
        if self._parts or self._pending or not self._lines:
            self.newline(*end)
        return Document(
            lines=self._lines,
            format=format,
            source_map=SourceMap(segments=self._segments, original_lines=original_lines),
            body_start=body_start,
            metadata=metadata,
            source=source,
        )
