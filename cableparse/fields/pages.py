"""Page markers (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Reporter, Span
from ..model import PageMarker


def strip_page_markers(spans: Sequence[Span], reporter: Reporter) -> tuple[list[Span], tuple[PageMarker, ...]]:
    """Remove page markers; return the remaining spans and the markers."""
    return list(spans), ()
