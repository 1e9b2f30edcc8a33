"""Intermediate results handed from the zone parsers to the assembler."""

from __future__ import annotations

from datetime import datetime

import attrs

from ..errors import Span
from ..model import (
    Banner,
    ClassifiedBy,
    Declassification,
    Header,
    Paragraph,
    Reference,
)

__all__ = ["FrontMatter", "HeaderResult", "TextResult"]


@attrs.frozen
class HeaderResult:
    """What :func:`cableparse.fields.header.parse_header` found."""

    header: Header
    partial: bool = False
    unparsed: tuple[Span, ...] = ()


@attrs.frozen
class FrontMatter:
    """The body's opening elements, banner through Classified By."""

    banner: Banner | None = None
    correction: str | None = None
    captions: tuple[str, ...] = ()
    passing: tuple[str, ...] = ()
    declassification: Declassification | None = None
    tags: tuple[str, ...] = ()
    subject: str | None = None
    subject_marking: str | None = None
    references: tuple[Reference, ...] = ()
    classified_by: ClassifiedBy | None = None
    unparsed: tuple[Span, ...] = ()
    #: The date of a redacted version's date line above the banner, if any.
    dated: datetime | None = None


@attrs.frozen
class TextResult:
    """The paragraphs and what follows them."""

    paragraphs: tuple[Paragraph, ...] = ()
    summary: str | None = None
    signature: str | None = None
    unparsed: tuple[Span, ...] = ()
