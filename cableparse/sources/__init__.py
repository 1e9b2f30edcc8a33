"""Containers: recognise the input's shape and decode it into a Document."""

from __future__ import annotations

from pathlib import Path

from ..errors import Reporter
from ..model import SourceFormat
from ..sourcemap import Document, plain_document

__all__ = ["Document", "format_from_suffix", "load"]

_SUFFIXES = {".html": "html", ".htm": "html", ".csv": "csv", ".md": "markdown", ".txt": None}


def format_from_suffix(path: Path) -> str | None:
    """The format a file name suggests, or ``None`` to detect from content."""
    return _SUFFIXES.get(path.suffix.lower())


def load(
    data: str | bytes,
    reporter: Reporter,
    *,
    format: str | None = None,
    source: str | None = None,
    max_size: int,
) -> Document | None:
    """Decode ``data`` into a document; ``None`` (with a diagnostic) when unusable."""
    if len(data) > max_size:
        reporter.report("input-too-large", f"input of {len(data)} exceeds the maximum of {max_size}")
        return None
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    text = data.replace("\r\n", "\n").replace("\r", "\n")
    fmt = SourceFormat(format) if format else SourceFormat.TEXT
    return plain_document(text, format=fmt, source=source)
