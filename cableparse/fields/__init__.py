"""Small parsers, one per cable element.

>>> from cableparse.fields import parse_dtg, render_dtg
>>> parse_dtg("290952Z JUN 09")
datetime.datetime(2009, 6, 29, 9, 52, tzinfo=datetime.timezone.utc)
>>> render_dtg(parse_dtg("291359Z Nov 00"))
'291359Z NOV 00'

Conventions shared by every module here:

* A parser takes ``(source, reporter=None, **options)`` where ``source`` is
  a ``str``, a :class:`~cableparse.errors.Span` or a sequence of spans, and
  returns a frozen value (or ``None`` when nothing could be read).
* Problems go to ``reporter.report(code, message, span, offset, field=...)``
  with a code from :data:`cableparse.errors.CODES`; a parser never raises on
  bad input.  Called without a reporter, a parser is strict: errors raise
  :class:`~cableparse.errors.CableParseError`.
* Each parser has a ``render_*`` inverse that writes the canonical text.
"""

from __future__ import annotations

from .addressees import parse_addressee, parse_addressees, parse_originator, render_addressee, render_addressees, render_originator
from .banner import parse_banner, parse_correction, render_banner, render_correction
from .captions import parse_captions, render_captions
from .classified_by import parse_classified_by, render_classified_by
from .declass import parse_decl_date, parse_declassification, render_declassification
from .dtg import parse_dtg, parse_dtg_line, render_dtg, render_dtg_line
from .front import parse_front_matter
from .header import parse_header, render_header, split_header
from .identifiers import derive_reference_id, make_reference_id, origin_token
from .pages import parse_page_marker, render_page_marker, strip_page_markers
from .paragraphs import parse_marking, parse_paragraphs, render_marking, render_paragraph, render_paragraphs
from .references import parse_references, render_references
from .routing import (
    parse_relay,
    parse_routing_indicator,
    parse_security,
    parse_station,
    parse_transmission_id,
    plad_for,
    render_relay,
    render_routing_indicator,
    render_security,
    render_station,
    render_transmission_id,
)
from .signature import parse_signature, render_signature
from .subject import parse_subject, render_subject
from .tags import parse_tags, render_tags, split_glued
from .text import parse_text, render_text

__all__ = [
    "derive_reference_id",
    "make_reference_id",
    "origin_token",
    "parse_addressee",
    "parse_addressees",
    "parse_banner",
    "parse_captions",
    "parse_classified_by",
    "parse_correction",
    "parse_decl_date",
    "parse_declassification",
    "parse_dtg",
    "parse_dtg_line",
    "parse_front_matter",
    "parse_header",
    "parse_marking",
    "parse_originator",
    "parse_page_marker",
    "parse_paragraphs",
    "parse_references",
    "parse_relay",
    "parse_routing_indicator",
    "parse_security",
    "parse_signature",
    "parse_station",
    "parse_subject",
    "parse_tags",
    "parse_text",
    "parse_transmission_id",
    "plad_for",
    "render_addressee",
    "render_addressees",
    "render_banner",
    "render_captions",
    "render_classified_by",
    "render_correction",
    "render_declassification",
    "render_dtg",
    "render_dtg_line",
    "render_header",
    "render_marking",
    "render_originator",
    "render_page_marker",
    "render_paragraph",
    "render_paragraphs",
    "render_references",
    "render_relay",
    "render_routing_indicator",
    "render_security",
    "render_signature",
    "render_station",
    "render_subject",
    "render_tags",
    "render_text",
    "render_transmission_id",
    "split_glued",
    "split_header",
    "strip_page_markers",
]
