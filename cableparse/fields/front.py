"""Front matter (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Reporter, Span
from .results import FrontMatter


def parse_front_matter(spans: Sequence[Span], reporter: Reporter, *, year: int | None) -> tuple[FrontMatter, list[Span]]:
    """Parse banner .. Classified By; return them and the remaining spans."""
    return FrontMatter(), list(spans)
