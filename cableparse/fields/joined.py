"""Several spans read as one string, with offsets mapped back to spans.

A field that wraps over lines (TAGS, REF, Classified By) is easiest to
read as one string; a diagnostic found at an offset of that string must
still point at the right line and column.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..errors import Reporter, Span, as_spans, span_text

__all__ = ["Joined"]


class Joined:
    """The texts of ``spans`` joined by single spaces."""

    __slots__ = ("_starts", "spans", "text")

    def __init__(self, source: str | Span | Sequence[Span]) -> None:
        # The parsers pass a list of spans, most often of one line.
        spans = tuple(source) if type(source) is list else as_spans(source)
        self.spans: tuple[Span, ...] = spans
        if len(spans) == 1:
            self._starts = [0]
            self.text: str = spans[0].text
            return
        starts = []
        position = 0
        for span in spans:
            starts.append(position)
            position += len(span.text) + 1
        self._starts = starts
        self.text = " ".join(map(span_text, spans))

    def locate(self, offset: int) -> tuple[Span | None, int]:
        """The span holding ``offset`` and the offset within it."""
        starts = self._starts
        if len(starts) < 2:
            return (self.spans[0], offset) if starts else (None, 0)
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.spans[i], offset - starts[i]

    def report(self, reporter: Reporter, code: str, message: str, offset: int, *, field: str) -> None:
        """Report ``code`` at ``offset`` of the joined text."""
        span, local = self.locate(offset)
        reporter.report(code, message, span, local, field=field)

    def line_starts(self) -> list[int]:
        """Offsets where each span's text begins."""
        return list(self._starts)
