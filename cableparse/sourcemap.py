"""Normalised documents that remember where each character came from.

Containers (HTML pages, markdown, CSV rows) are decoded once into a
:class:`Document`: a list of normalised lines.  Each line keeps a map back
to the original input, so a diagnostic found on normalised line 12,
column 5 is reported at the line and column of the file the user holds.

The container decoders build documents with
:class:`cableparse.sources.common.LineSink`: pieces of text are appended
verbatim (``copy``) or decoded (``replace``: an entity, a stripped link),
and lines are ended with ``newline``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import count, repeat
from operator import itemgetter

import attrs

from .errors import Span
from .model import ContainerMetadata, Diagnostic, SourceFormat

__all__ = ["Document", "SourceMap"]

_first = itemgetter(0)


@attrs.define
class SourceMap:
    """Maps normalised (line, column) to original (line, column).

    A line with an entry in ``segments`` holds sorted triples
    ``(normalised column, original line, original column)``: a character
    at normalised column ``c`` maps to the last segment starting at or
    before ``c``, plus the distance from that segment's start.  A line
    inside one of the ``runs`` ``(first line, original line, columns)``
    was cut whole from that original line: normalised line
    ``first + k`` is the single segment ``(1, original line, columns[k])``.
    Other lines map one-to-one, shifted by ``line_offset`` lines.
    """

    line_offset: int = 0
    segments: dict[int, list[tuple[int, int, int]]] = attrs.field(factory=dict)
    original_lines: Sequence[str] | None = None
    #: Sorted by first line.  A run costs two list operations where a
    #: segment list per line would cost a dict entry, a list and a tuple.
    runs: list[tuple[int, int, Sequence[int]]] = attrs.field(factory=list)

    def line_segments(self, line: int) -> list[tuple[int, int, int]] | None:
        """The segments of normalised ``line``; ``None`` when it maps one-to-one."""
        segs = self.segments.get(line)
        if segs is None and self.runs:
            run = self._run(line)
            if run is not None:
                segs = [(1, *run)]
        return segs

    def _run(self, line: int) -> tuple[int, int] | None:
        """(original line, column) of ``line``'s start when a run holds it."""
        i = bisect.bisect_right(self.runs, line, key=_first) - 1
        if i >= 0:
            first, oline, columns = self.runs[i]
            k = line - first
            if k < len(columns):
                return oline, columns[k]
        return None

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """The original position of normalised ``(line, column)``."""
        segs = self.segments.get(line)
        if segs is None:
            run = self._run(line) if self.runs else None
            if run is None:
                return line + self.line_offset, column
            return run[0], run[1] + max(0, column - 1)
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
