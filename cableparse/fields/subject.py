"""The SUBJECT line (FORMAT.md 4.7).

``SUBJECT: DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY`` -- keyword
variants ``SUBJECT:``, ``SUBJ:``, ``Subject:``, ``SUBJECT`` (no colon) and
the garble ``UBJECT:`` (repaired, ``info``).  A subject may wrap over
several lines; the lines are joined with single spaces and runs of white
space are collapsed.  A leading portion mark (``(C)``, ``(S/NF)``,
``(SBU)``, ``(S/REL UK)``) is removed from the subject and returned as the
marking, upper-cased and without parentheses.

Where the subject ends is the front-matter layout's business
(:mod:`cableparse.fields.front`); this parser reads the spans it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span, as_spans, element_parser

__all__ = ["START", "Joined", "SubjectLine", "collapse_spaces", "field_text", "join_spans", "parse_subject", "render_subject"]

#: A SUBJECT keyword (any accepted variant) at a position.
START = regex.compile(r"[ \t]*(?P<kw>S?UBJ(?:ECT)?|SUBJET|SUJECT)(?![A-Za-z])[ \t]*[:;.-]?[ \t]*", flags=regex.IGNORECASE)
_MARKING = regex.compile(
    r"\([ \t]*(?P<mark>(?:U|SBU|LOU|C|S|TS|UNCLASSIFIED|CONFIDENTIAL|SECRET)"
    r"(?:[ \t]*/{1,2}[ \t]*[A-Z][A-Z0-9 ,.-]{0,30}?|[ \t]+NF)*)[ \t]*\)[ \t]*",
    flags=regex.IGNORECASE,
)
_SPACES = regex.compile(r"\s+")
# The regex module reads a group by number far faster than by name.
_KW, _MARK = START.groupindex["kw"], _MARKING.groupindex["mark"]


class SubjectLine(NamedTuple):
    """A subject and the portion mark that opened it."""

    text: str
    marking: str | None


class Joined(NamedTuple):
    """Spans joined with single spaces, remembering where each one starts."""

    text: str
    starts: tuple[tuple[int, Span], ...]

    def locate(self, offset: int) -> tuple[Span, int]:
        """The span holding ``offset`` of the joined text, and the offset in it."""
        found = self.starts[0]
        for start, span in self.starts:
            if start > offset:
                break
            found = (start, span)
        start, span = found
        return span, offset - start


# tuple.__new__ skips the NamedTuple's Python-level __new__ (once per field).
_new_tuple = tuple.__new__


def collapse_spaces(text: str) -> str:
    """``text`` stripped, each run of white space made one space."""
    if "  " not in text and text.isprintable():
        # Printable text holds no white space but plain spaces, none doubled here.
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def join_spans(spans: Sequence[Span]) -> Joined:
    """Join the non-blank spans, each stripped, with single spaces."""
    parts: list[str] = []
    starts: list[tuple[int, Span]] = []
    pos = 0
    for span in spans:
        stripped = span.text.strip()
        if not stripped:
            continue
        piece = span if stripped == span.text else span.strip()
        if parts:
            pos += 1
        starts.append((pos, piece))
        parts.append(piece.text)
        pos += len(piece.text)
    if not starts:
        starts.append((0, spans[0] if spans else Span(1, 1, "")))
    return _new_tuple(Joined, (" ".join(parts), tuple(starts)))


def field_text(source: str | Span | Sequence[Span], reporter: Reporter, *, code: str, what: str, field: str) -> Joined | None:
    """The non-blank spans of a field joined; ``None`` (reporting ``code``) when there are none."""
    spans = [s for s in as_spans(source) if s.text.strip()]
    if not spans:
        reporter.report(code, f"no {what} line", None, field=field)
        return None
    return join_spans(spans)


@element_parser
def parse_subject(source: str | Span | Sequence[Span], reporter: Reporter) -> SubjectLine | None:
    """Read a SUBJECT field: the first span starts with the keyword.

    Returns ``None`` (with ``subject-missing``) when the keyword is missing
    or no subject text follows it.

    >>> parse_subject("SUBJECT: (C) DCM PRESENTS TIP ACTION PLAN\\nTO HOME MINISTRY")
    SubjectLine(text='DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY', marking='C')
    """
    plain = _plain(source[0].text) if type(source) is list and len(source) == 1 else None
    if plain is not None:
        return plain
    joined = field_text(source, reporter, code="subject-missing", what="SUBJECT", field="subject")
    if joined is None:
        return None
    text = joined.text
    m = START.match(text)
    if m is None:
        span, offset = joined.locate(0)
        reporter.report("subject-missing", f"not a SUBJECT line: {text[:60]!r}", span, offset, field="subject")
        return None
    keyword = m.group(_KW)
    if keyword.upper() not in ("SUBJECT", "SUBJ"):
        span, offset = joined.locate(m.start(_KW))
        reporter.report("subject-repaired", f"keyword {keyword!r} read as SUBJECT", span, offset, field="subject")
    pos = m.end()
    marking = None
    mark = _MARKING.match(text, pos) if text.startswith("(", pos) else None
    if mark is not None:
        marking = _SPACES.sub(" ", mark.group(_MARK)).upper().replace(" /", "/").replace("/ ", "/")
        pos = mark.end()
    subject = collapse_spaces(text[pos:])
    if not subject:
        span, offset = joined.locate(m.end())
        reporter.report("subject-missing", "the SUBJECT line is empty", span, offset, field="subject")
        return None
    return _new_tuple(SubjectLine, (subject, marking))


def _plain(text: str) -> SubjectLine | None:
    """The subject of the one line ``text`` when it has the usual shape, else ``None``.

    The usual line opens with ``SUBJECT: `` or ``Subject: `` and holds a
    subject without a portion mark: nothing to repair or report.
    """
    if not text.startswith(("SUBJECT: ", "Subject: ")):
        return None
    rest = text[9:].lstrip(" \t")
    subject = collapse_spaces(rest) if rest[:1] != "(" else ""
    return _new_tuple(SubjectLine, (subject, None)) if subject else None


def render_subject(subject: str, marking: str | None = None) -> str:
    """``SUBJECT: (MARK) TEXT`` on one line."""
    return f"SUBJECT: ({marking}) {subject}" if marking else f"SUBJECT: {subject}"
