"""Paragraphs and signature (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Reporter, Span
from .results import TextResult


def parse_text(spans: Sequence[Span], reporter: Reporter) -> TextResult:
    """Parse paragraphs, summary and signature."""
    return TextResult(unparsed=tuple(spans))
