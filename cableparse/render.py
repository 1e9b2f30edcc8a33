"""Canonical cable text: a :class:`~cableparse.model.Cable` written back as a cable.

:func:`render` writes the standard layout of a 2004-2010 cable, each
element through its own ``render_*`` inverse in :mod:`cableparse.fields`:

* the header format lines (partial-record notice and old print lines
  first, then transmission id, relay line, DE line, security line,
  precedence and DTG, FM, and the TO / INFO / XMT blocks with only the
  first line of each block prefixed);
* a blank line, then the banner (spaced letters for CONFIDENTIAL and
  SECRET, ``UNCLAS`` for unclassified), the corrected-copy line,
  captions one a line, passing lines;
* the keyword fields E.O., TAGS, SUBJECT, REF (one item a line) and
  Classified By;
* the paragraphs -- a heading line above a paragraph when it has one,
  ``N. (MARK) text`` on one line, blank lines between -- and the
  signature.

What survives a round trip
--------------------------

``parse(render(cable))`` gives back every *semantic* field of ``cable``
(:data:`SEMANTIC_FIELDS`, compared with :func:`semantic_fields`).  The
fields left out describe one reading of one input, not the cable:

* ``source_format``, ``source`` and ``container_metadata`` -- the
  rendered text is plain text with no container;
* ``diagnostics`` and ``unparsed`` -- the canonical text has nothing to
  repair and no line that no element claims;
* ``dateline`` -- the publisher's date line is written back, but a
  partial record dated only by its container gets its Created date
  written as a date line, which reads back as a dateline;
* ``page_markers`` -- page and section markers are layout, not content:
  they were removed from the text when it was read and are not put back
  (the paragraphs are already joined across them).

Text is written on one line per element; lines are not wrapped at the
55-70 columns of the originals.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, NamedTuple

import attrs

from .fields.banner import render_banner, render_correction
from .fields.captions import render_captions
from .fields.classified_by import render_classified_by
from .fields.declass import render_declassification
from .fields.front import render_date_line
from .fields.header import render_header
from .fields.references import render_references
from .fields.results import TextResult
from .fields.subject import render_subject
from .fields.tags import render_tags
from .fields.text import render_text
from .model import Cable, Classification

__all__ = ["NON_SEMANTIC_FIELDS", "SEMANTIC_FIELDS", "RenderedCable", "render", "render_parts", "semantic_fields"]

#: Cable fields that :func:`render` does not carry: they describe the input
#: a cable was read from, not the cable.
NON_SEMANTIC_FIELDS: tuple[str, ...] = (
    "source_format",
    "source",
    "container_metadata",
    "dateline",
    "diagnostics",
    "unparsed",
    "page_markers",
)

#: Cable fields that survive ``parse(render(cable))``.
SEMANTIC_FIELDS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Cable) if f.name not in NON_SEMANTIC_FIELDS)


class RenderedCable(NamedTuple):
    """A cable's canonical text in its two parts, as containers keep them."""

    header: str
    """The header format lines (empty when the cable has none)."""
    body: str
    """The body, banner through signature."""

    @property
    def text(self) -> str:
        """Header, a blank line and body, ending with a newline."""
        if self.header and self.body:
            return f"{self.header}\n\n{self.body}\n"
        return f"{self.header or self.body}\n" if (self.header or self.body) else ""


def semantic_fields(cable: Cable) -> dict[str, Any]:
    """The fields of ``cable`` that survive a render and parse, by name.

    Two cables are the same cable when these dictionaries are equal:

    >>> import cableparse
    >>> cable = cableparse.parse(cableparse.example_text())
    >>> semantic_fields(cableparse.parse(render(cable))) == semantic_fields(cable)
    True
    """
    return {name: getattr(cable, name) for name in SEMANTIC_FIELDS}


def render(cable: Cable) -> str:
    """The cable as canonical plain text, ending with a newline.

    ``cableparse.parse(render(cable))`` equals ``cable`` on
    :data:`SEMANTIC_FIELDS`.  A cable with no content renders as ``""``.

    Raises :class:`ValueError` for a value that has no cable form (an MCN
    above 9999, a DTG outside 1966-2065, a security line for LIMITED
    OFFICIAL USE): writing something else would give another cable.
    """
    return render_parts(cable).text


def _date_line(cable: Cable) -> _dt.datetime | None:
    """The cable's dateline; for a cable without one or a DTG, its container's Created date.

    A partial record is dated only by its container: written as a date
    line, that date still gives the reference ID its year when the text is
    read again.
    """
    if cable.dateline is not None:
        return cable.dateline
    if cable.header.dtg is None and cable.container_metadata is not None:
        return cable.container_metadata.created
    return None


def _control_level(cable: Cable) -> str:
    """The level written before controls (``SECRET//REL SAU``); LIMITED OFFICIAL USE has no such line."""
    level = cable.classification
    if level is None or level is Classification.LIMITED_OFFICIAL_USE:
        return "UNCLASSIFIED"
    return str(level.value)


def render_parts(cable: Cable) -> RenderedCable:
    """The canonical header and body of ``cable``, each without a final newline.

    A container writer (an HTML page, a cables.csv row) takes the two parts
    separately.
    """
    header = render_header(cable.header, partial=cable.partial)
    blocks: list[str] = []
    dated = _date_line(cable)
    if dated is not None:
        blocks.append(render_date_line(dated))
    front: list[str] = []
    if cable.banner is not None:
        front.append(render_banner(cable.banner))
    if cable.correction is not None:
        front.append(render_correction(cable.correction))
    if front:
        blocks.append("\n".join(front))
    if cable.captions or cable.passing:
        blocks.append(render_captions(cable.captions, cable.passing, _control_level(cable)))
    keywords: list[str] = []
    if cable.declassification is not None:
        keywords.append(render_declassification(cable.declassification))
    if cable.tags:
        keywords.append(render_tags(cable.tags))
    if cable.subject is not None:
        keywords.append(render_subject(cable.subject, cable.subject_marking))
    if keywords:
        blocks.append("\n".join(keywords))
    if cable.references:
        blocks.append(render_references(cable.references))
    if cable.classified_by is not None:
        blocks.append(render_classified_by(cable.classified_by))
    text = render_text(TextResult(paragraphs=cable.paragraphs, signature=cable.signature))
    if text:
        blocks.append(text)
    return RenderedCable(header, "\n\n".join(blocks))
