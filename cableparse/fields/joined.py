"""Several spans read as one string, with offsets mapped back to spans.

A field that wraps over lines (TAGS, REF, Classified By) is easiest to
read as one string; a diagnostic found at an offset of that string must
still point at the right line and column.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..errors import Reporter, Span, as_spans

__all__ = ["Joined"]


class Joined:
    """The texts of ``spans`` joined by single spaces."""

    __slots__ = ("_starts", "spans", "text")

    def __init__(self, source: str | Span | Sequence[Span]) -> None:
        self.spans: tuple[Span, ...] = as_spans(source)
        starts = []
        position = 0
        for span in self.spans:
            starts.append(position)
            position += len(span.text) + 1
        self._starts = starts
        self.text: str = " ".join(span.text for span in self.spans)

    def locate(self, offset: int) -> tuple[Span | None, int]:
        """The span holding ``offset`` and the offset within it."""
        if not self.spans:
            return None, 0
        i = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self.spans[i], offset - self._starts[i]

    def report(self, reporter: Reporter, code: str, message: str, offset: int, *, field: str) -> None:
        """Report ``code`` at ``offset`` of the joined text."""
        span, local = self.locate(offset)
        reporter.report(code, message, span, local, field=field)

    def line_starts(self) -> list[int]:
        """Offsets where each span's text begins."""
        return list(self._starts)
