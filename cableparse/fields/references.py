"""REF list (placeholder: the interface the front-matter layout relies on)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..errors import Reporter, Span, element_parser
from ..model import Reference

#: Matches a REF keyword (REF, REFS, REFTEL, REF(S) ...) at the start of a line.
START = regex.compile(r"(?i)REF(?:S|TELS?|\(S\))?\b:?")


@element_parser
def parse_references(source: str | Span | Sequence[Span], reporter: Reporter, *, year: int | None = None) -> tuple[Reference, ...]:
    """The items of a REF field; the first span starts with the keyword."""
    return ()


def render_references(references: Sequence[Reference]) -> str:
    """``REF: A. ...`` with one item per line."""
    return ""
