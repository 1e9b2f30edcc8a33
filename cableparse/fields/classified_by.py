"""Classified By line (placeholder: the interface the front-matter layout relies on)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..errors import Reporter, Span, element_parser
from ..model import ClassifiedBy

#: Matches a Classified By keyword at the start of a line.
START = regex.compile(r"(?i)CLASSIFIED\s+BY\b:?")


@element_parser
def parse_classified_by(source: str | Span | Sequence[Span], reporter: Reporter) -> ClassifiedBy | None:
    """The official and reasons of a Classified By field (first span starts with the keyword)."""
    return None


def render_classified_by(value: ClassifiedBy) -> str:
    """``Classified By: <title> <name> for reasons 1.4(b) and 1.4(d).``"""
    return ""
