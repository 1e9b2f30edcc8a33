"""The assembler: one document in, one frozen :class:`Cable` out.

It knows the order of the zones (header, page-marker removal, front
matter, text) and nothing about how each element is read; the small
parsers know their element and nothing about the whole cable.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import Reporter, Span
from .fields import front, header, identifiers, pages, text
from .model import Cable, UnparsedLine
from .sourcemap import Document

__all__ = ["assemble"]


def assemble(doc: Document, reporter: Reporter) -> Cable:
    """Parse the zones of ``doc`` into a :class:`Cable` (diagnostics not yet attached)."""
    spans = doc.spans()
    split = doc.body_start if doc.body_start is not None else header.split_header(spans)
    head = header.parse_header(spans[:split], reporter)
    body, markers = pages.strip_page_markers(spans[split:], reporter)
    dtg = head.header.dtg
    year = dtg.year if dtg is not None else None
    fm, rest = front.parse_front_matter(body, reporter, year=year)
    txt = text.parse_text(rest, reporter)

    banner = fm.banner
    classification = banner.classification if banner is not None else head.header.security
    reference_id = identifiers.derive_reference_id(banner, dtg, reporter, at=_first(body))
    unparsed = _unparsed((*head.unparsed, *fm.unparsed, *txt.unparsed), reporter)

    return Cable(
        reference_id=reference_id,
        source_format=doc.format,
        source=doc.source,
        header=head.header,
        classification=classification,
        banner=banner,
        correction=fm.correction,
        captions=fm.captions,
        passing=fm.passing,
        declassification=fm.declassification,
        tags=fm.tags,
        subject=fm.subject,
        subject_marking=fm.subject_marking,
        references=fm.references,
        classified_by=fm.classified_by,
        summary=txt.summary,
        paragraphs=txt.paragraphs,
        page_markers=markers,
        signature=txt.signature,
        partial=head.partial,
        container_metadata=doc.metadata,
        unparsed=unparsed,
    )


def _first(spans: Sequence[Span]) -> Span | None:
    for span in spans:
        if span.text.strip():
            return span
    return None


def _unparsed(spans: Sequence[Span], reporter: Reporter) -> tuple[UnparsedLine, ...]:
    out = []
    for span in sorted(spans, key=lambda s: (s.line, s.column)):
        if not span.text.strip():
            continue
        reporter.report("unparsed-line", f"line not recognised: {span.text.strip()[:60]!r}", span, field="unparsed")
        line, _ = reporter.locate(span.line, span.column)
        out.append(UnparsedLine(line, span.text))
    return tuple(out)
