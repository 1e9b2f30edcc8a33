"""The assembler: one document in, one frozen :class:`Cable` out.

It knows the order of the zones (header, page-marker removal, front
matter, text) and nothing about how each element is read; the small
parsers know their element and nothing about the whole cable.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import Reporter, Span
from .fields import front, header, identifiers, pages, text
from .model import Banner, Cable, Header, UnparsedLine
from .sourcemap import Document

__all__ = ["assemble"]


def assemble(doc: Document, reporter: Reporter) -> Cable:
    """Parse the zones of ``doc`` into a :class:`Cable` (diagnostics not yet attached)."""
    start = doc.body_start
    if start is not None and start >= 0:
        # The container says where the body starts: each zone's spans are
        # made once, without a list of all of them to slice (and free).
        head_spans, body_spans = doc.spans(0, start), doc.spans(start)
    else:
        spans = doc.spans()
        split = start if start is not None else header.split_header(spans)
        head_spans, body_spans = spans[:split], spans[split:]
    head = header.parse_header(head_spans, reporter)
    body, markers = pages.strip_page_markers(body_spans, reporter)
    dtg = head.header.dtg
    # Without a DTG (partial records) the container's Created date gives the
    # year: its minutes may be garbled, its year is not.
    created = doc.metadata.created if doc.metadata is not None else None
    dated = dtg or created
    year = dated.year if dated is not None else None
    fm, rest = front.parse_front_matter(body, reporter, year=year)
    # Failing both, a redacted version's date line dates the cable.
    created = created or fm.dated
    txt = text.parse_text(rest, reporter)

    banner = fm.banner
    classification = banner.classification if banner is not None else head.header.security
    reference_id = identifiers.derive_reference_id(banner, dtg, reporter, at=_first(body), created=created)
    envelope = _envelope_id(head.header, banner)
    if envelope is not None and envelope != reference_id:
        # The body came from another record (a known page-assembly garble):
        # the header is the transmission envelope, so it names the cable.
        reporter.report(
            "header-body-mismatch",
            f"the banner belongs to {reference_id or 'another cable'}, the header to {envelope}; the header's identity is kept",
            reporter.anchors.get("banner") or _first(body),
            field="banner",
        )
        reference_id = envelope
        classification = head.header.security or classification
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
        dateline=fm.dated,
        container_metadata=doc.metadata,
        unparsed=unparsed,
    )


def _envelope_id(head: Header, banner: Banner | None) -> str | None:
    """The header's own reference ID when the banner names another cable, else None."""
    station, originator, dtg = head.station, head.originator, head.dtg
    if station is None or originator is None or dtg is None or banner is None or banner.serial is None or banner.station is None:
        return None
    # The DE serial is the MRN modulo 10000: only a disagreement in both
    # station and serial shows a foreign body.  The serials are compared
    # first: they agree in nearly every cable, and the stations' tokens
    # are worked out only when they do not.  STATE serials exceed 9999.
    if banner.serial % 10000 == station.serial:
        return None
    token = identifiers.origin_token(originator)
    if token is None or token == "STATE":
        return None
    if token == identifiers.origin_token(banner.station):
        return None
    return identifiers.make_reference_id(dtg.year, originator, station.serial)


def _first(spans: Sequence[Span]) -> Span | None:
    for span in spans:
        if span.text.strip():
            return span
    return None


def _unparsed(spans: Sequence[Span], reporter: Reporter) -> tuple[UnparsedLine, ...]:
    if not spans:
        return ()
    out = []
    for span in sorted(spans, key=lambda s: (s.line, s.column)):
        if not span.text.strip():
            continue
        reporter.report("unparsed-line", f"line not recognised: {span.text.strip()[:60]!r}", span, field="unparsed")
        line, _ = reporter.locate(span.line, span.column)
        out.append(UnparsedLine(line, span.text))
    return tuple(out)
