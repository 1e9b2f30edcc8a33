"""Containers: recognise the input's shape and decode it into a Document.

:func:`load` is the one entry point: it decodes bytes, normalises line
ends, refuses binary, empty and oversized input, recognises the container
(or takes the one it is told) and hands the text to its decoder:

* plain text (:mod:`.text`): lines as they are;
* markdown (:mod:`.markdown`): ``[TEXT](#)`` links and pilcrow links;
* Cablegate HTML pages (:mod:`.html`): metadata table, two ``<pre>`` blocks;
* cables.csv (:mod:`.csv`): the first row (:func:`cableparse.iter_cables`
  reads them all).

Every document remembers where each of its characters stood in the input,
so diagnostics point at the line and column of the file the user holds.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Reporter
from ..model import SourceFormat
from ..sourcemap import Document
from .common import KnownPrefix, read_parts, strip_controls
from .csv import decode_csv
from .detect import detect_format, starts_like_markup
from .html import decode_after, decode_html
from .markdown import decode_markdown
from .text import decode_text

__all__ = ["FORMATS", "Document", "detect_format", "format_from_suffix", "load"]

#: The container names accepted by ``format=``.
FORMATS = tuple(f.value for f in SourceFormat)

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
    line_offset: int = 0,
) -> Document | None:
    """Decode ``data`` into a document; ``None`` (with a diagnostic) when unusable.

    ``format`` is one of :data:`FORMATS` or ``None`` to detect it.
    ``line_offset`` shifts every original line number (the input is a piece
    of a larger file, e.g. one row of a cables.csv file).  Problems that
    leave no document (``input-binary``, ``input-empty``,
    ``input-too-large``, ``html-no-pre``, ``csv-columns``, ``csv-quote``)
    go to ``reporter``; those found in a usable document are in
    ``doc.diagnostics``, in original coordinates.

    Raises :class:`ValueError` for an unknown ``format`` name.
    """
    fmt = _format(format)
    if len(data) > max_size:
        reporter.report("input-too-large", f"input of {len(data)} exceeds the maximum of {max_size}", field="input")
        return None
    own = Reporter(source=source)
    decoded = read_parts(data, own)
    doc = None
    if decoded is None:
        pass
    elif _blank(decoded[0], decoded[2] if decoded[3] else None):
        own.report("input-empty", "the input holds no text", field="input")
    else:
        text, controls, known, after = decoded
        if after and known is not None:
            # The text follows the known prefix of a page: unless the page
            # is out of the usual shape, it is decoded without the prefix.
            if fmt is SourceFormat.HTML or (fmt is None and starts_like_markup(known.text)):
                doc = decode_after(text, known, own, source=source, line_offset=line_offset)
            if doc is None:
                text = known.text + text
        if doc is None:
            doc = _decode(text, own, fmt or detect_format(text), source, line_offset, max_size, known)
        if doc is not None and controls:
            strip_controls(doc, own)
    if doc is None:
        reporter.extend(own.diagnostics)
        return None
    doc.diagnostics[:0] = own.diagnostics
    return doc


def _blank(text: str, head: KnownPrefix | None) -> bool:
    """Whether ``head.text + text`` (``text`` alone without ``head``) holds only white space."""
    # Not .strip(): that copies the text.
    if head is not None and head.text:
        return head.text.isspace() and (not text or text.isspace())
    return not text or text.isspace()


def _format(format: str | None) -> SourceFormat | None:
    if format is None:
        return None
    try:
        return SourceFormat(format)
    except ValueError:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}") from None


def _decode(
    text: str, reporter: Reporter, fmt: SourceFormat, source: str | None, line_offset: int, max_size: int, known: KnownPrefix | None
) -> Document | None:
    if fmt is SourceFormat.HTML:
        return decode_html(text, reporter, source=source, line_offset=line_offset, known=known)
    if fmt is SourceFormat.CSV:
        return decode_csv(text, reporter, source=source, line_offset=line_offset, max_size=max_size)
    if fmt is SourceFormat.MARKDOWN:
        doc = decode_markdown(text, reporter, source=source, line_offset=line_offset)
    else:
        doc = decode_text(text, source=source, line_offset=line_offset)
    doc.source = source
    return doc
