"""Header format lines (placeholder until the header parsers land)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Reporter, Span
from ..model import Header
from .results import HeaderResult


def split_header(spans: Sequence[Span]) -> int:
    """Index of the first body line."""
    return 0


def parse_header(spans: Sequence[Span], reporter: Reporter) -> HeaderResult:
    """Parse the header zone."""
    return HeaderResult(Header(), unparsed=tuple(spans))
