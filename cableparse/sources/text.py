"""Plain text: the lines as they are."""

from __future__ import annotations

from ..model import SourceFormat
from ..sourcemap import Document, SourceMap
from .common import OffsetLines

__all__ = ["decode_text"]


def decode_text(text: str, *, source: str | None = None, line_offset: int = 0) -> Document:
    """A document whose lines map one-to-one onto ``text``, shifted by ``line_offset``."""
    lines = text.split("\n")
    return Document(
        lines=lines,
        format=SourceFormat.TEXT,
        source_map=SourceMap(line_offset=line_offset, original_lines=lines if line_offset == 0 else OffsetLines(lines, line_offset + 1)),
        source=source,
    )
