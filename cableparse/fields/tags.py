"""TAGS line (placeholder: the interface the front-matter layout relies on)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..errors import Reporter, Span, as_spans, element_parser

#: Matches a TAGS keyword (any accepted variant) at the start of a line.
START = regex.compile(r"(?i)TAGS?\b:?")


@element_parser
def parse_tags(source: str | Span | Sequence[Span], reporter: Reporter) -> tuple[str, ...]:
    """The tags of a TAGS field; the first span starts with the keyword."""
    spans = as_spans(source)
    words = " ".join(s.text for s in spans).split()[1:]
    return tuple(w.strip(",").upper() for w in words if w.strip(","))


def render_tags(tags: Sequence[str]) -> str:
    """``TAGS: PREL PHUM ...``."""
    return "TAGS: " + " ".join(tags)
