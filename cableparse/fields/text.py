"""The text of a cable: paragraphs, summary and signature.

:func:`parse_text` takes the lines after the Classified By line (page
markers already removed by :func:`cableparse.fields.pages.strip_page_markers`)
and:

1. stops at a concatenated foreign record -- a second ``VZCZC`` line, a
   ``<<218634>>`` row number or an ``ID: 190648`` key -- with a
   ``concatenated-record`` warning; the rest of the lines go to
   ``unparsed``;
2. separates the signature and the trailers below it
   (:func:`cableparse.fields.signature.split_signature`);
3. reads the paragraphs (:func:`cableparse.fields.paragraphs.parse_paragraphs`);
4. extracts the summary (:func:`find_summary`).

The summary is the text between a start -- a heading ``Summary``,
``Summary and Comment``, ``SUMMARY:`` ..., or a paragraph whose text opens
with ``Summary:``, ``SUMMARY.``, ``BEGIN SUMMARY`` -- and the first ``End
Summary`` after it.  Paragraphs are joined with a blank line; the keyword
opening the first paragraph and ``Summary continued:`` openings are left
out, as is the ``End Summary`` phrase.  Without an ``End Summary`` the
summary runs to the next heading (when it started at a heading) or is the
one paragraph that opened with the keyword.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..errors import PATTERN_TIMEOUT, Reporter, Span, as_spans, element_parser, span_text
from ..model import Paragraph
from .paragraphs import parse_paragraphs, render_paragraphs
from .results import TextResult
from .signature import render_signature, split_signature

__all__ = ["find_summary", "foreign_record", "parse_text", "render_text"]

_FOREIGN = regex.compile(r"(?m)^[ \t]*(?:VZCZC[A-Z0-9]|<<[0-9]{1,7}>>|ID:[ \t]*[0-9]{3,7}\b)")

_SUMMARY_HEADING = regex.compile(r"(?i)(?:^|/ )(?:EXECUTIVE[ \t]+|BEGIN[ \t]+)?SUMMARY\b")
_SUMMARY_OPEN = regex.compile(r"(?i)^(?:BEGIN[ \t]+)?SUMMARY(?:[ \t]+AND[ \t]+(?:COMMENTS?|ACTION[ \t]+REQUEST))?[ \t]*(?:[:.\-]+[ \t]*|$)")
_SUMMARY_FIRST = frozenset("BbSs\u017f")
_SUMMARY_MORE = regex.compile(r"(?i)^SUMMARY[ \t,]+(?:CONTINUED|CONT'?D|CONT\.)[ \t]*[:.\-]*[ \t]*")
_SUMMARY_END = regex.compile(r"(?i)[ \t(\[-]*\bEND[ \t]+(?:OF[ \t]+)?SUMMARY\b")
# What _SUMMARY_END allows before its END.
_BEFORE_END = frozenset(" \t([-")
# How many paragraphs from the start an End Summary is looked for.
_END_WINDOW = 6


@element_parser
def parse_text(source: str | Span | Sequence[Span], reporter: Reporter) -> TextResult:
    """Parse the paragraphs, summary and signature of a cable's text.

    Lines after a concatenated foreign record are returned in
    ``unparsed``.
    """
    spans = list(as_spans(source))
    spans, foreign = _split_foreign(spans, reporter)
    split = split_signature(spans, reporter)
    paragraphs = parse_paragraphs(split.text, reporter)
    return TextResult(
        paragraphs=paragraphs,
        summary=find_summary(paragraphs),
        signature=split.signature,
        unparsed=tuple(foreign),
    )


def foreign_record(joined: str, end: int | None = None) -> tuple[int, int] | None:
    """Where a concatenated foreign record starts in ``joined`` (lines joined by newlines).

    Returns (line index, column offset), or ``None`` when there is none.
    With ``end``, only lines ending by that offset are searched.
    """
    if end is None:
        end = len(joined)
    # Most texts hold none of the words a record starts with, and looking
    # for them is much cheaper than the line-anchored pattern.
    if not (_holds(joined, "VZCZC", 1, end) or _holds(joined, "<<", 0, end) or _holds(joined, "ID:", 2, end)):
        return None
    m = _FOREIGN.search(joined, 0, end, timeout=PATTERN_TIMEOUT)
    if m is None:
        return None
    return joined.count("\n", 0, m.start()), m.start() - (joined.rfind("\n", 0, m.start()) + 1)


def _holds(text: str, word: str, rare: int, end: int) -> bool:
    """Whether ``word`` stands in ``text[:end]``, looked up by its character ``word[rare]``.

    One character is found at memchr speed, and cables hold few Zs, colons
    or ``<``: checking each of them beats searching for the word.
    """
    char = word[rare]
    at = text.find(char, rare, end)
    while at >= 0:
        if text.startswith(word, at - rare, end):
            return True
        at = text.find(char, at + 1, end)
    return False


def _split_foreign(spans: list[Span], reporter: Reporter) -> tuple[list[Span], list[Span]]:
    found = foreign_record("\n".join(map(span_text, spans)))
    if found is None:
        return spans, []
    index, begin = found
    span = spans[index]
    at = span.sub(begin)
    reporter.report("concatenated-record", f"another record starts here: {at.text.strip()[:40]!r}", at.strip(), field="text")
    head = spans[:index]
    if span.text[:begin].strip():
        head.append(span.sub(0, begin))
    tail = [at, *spans[index + 1 :]]
    return head, [s for s in tail if s.text.strip()]


def find_summary(paragraphs: Sequence[Paragraph]) -> str | None:
    """The summary text, when the cable marks one; ``None`` otherwise."""
    for i, p in enumerate(paragraphs):
        # The opening pattern is slow to fail on a long paragraph; it can
        # only match text starting with B or S (or the long s, which the
        # case-insensitive pattern folds to s).
        opened = _SUMMARY_OPEN.match(p.text) if p.text[:1] in _SUMMARY_FIRST else None
        # No character but the ASCII letters lowers to a letter of "ummary".
        by_heading = p.heading is not None and "ummary" in p.heading.lower() and _SUMMARY_HEADING.search(p.heading) is not None
        if opened is None and not by_heading:
            continue
        first = p.text[opened.end() :] if opened is not None else p.text
        return _collect(paragraphs, i, first, by_heading)
    return None


def _collect(paragraphs: Sequence[Paragraph], start: int, first: str, by_heading: bool) -> str | None:
    end = _summary_end(first)
    if end is not None:
        # The usual case: one paragraph, closed by its End Summary.
        return _finish([first[:end]])
    ahead = any(_summary_end(p.text) is not None for p in paragraphs[start : start + _END_WINDOW])
    pieces = [first]
    for k in range(start + 1, len(paragraphs)):
        p = paragraphs[k]
        more = _SUMMARY_MORE.match(p.text)
        if more is not None:
            text = p.text[more.end() :]
        elif ahead or (by_heading and p.heading is None):
            text = p.text
        else:
            break
        end = _summary_end(text)
        if end is not None:
            pieces.append(text[:end])
            break
        pieces.append(text)
    return _finish(pieces)


def _summary_end(text: str) -> int | None:
    """Where an ``End Summary`` phrase starts in ``text`` (with an opening bracket before it)."""
    # ``lower`` is slow on non-ASCII text.  No other character lowers to a
    # letter of "summary" or changes length (but the dotted capital I, which
    # keeps the slow way), so an ASCII copy finds the same words at the same
    # places.
    ascii_copy = not text.isascii() and "\u0130" not in text
    low = (text.encode("ascii", "replace").decode("ascii") if ascii_copy else text).lower()
    at = low.find("summary")
    while at >= 0:
        # A plain find keeps this fast; the regex only checks the few
        # characters before each "summary".
        window = max(0, at - 24)
        # Most "summary" words have no "end" before them (the opening one).
        # No match starts before the brackets and blanks just ahead of the
        # first "end", and the search is three times faster from there
        # (unless a dotted capital I, lowered to two characters, shifts it).
        chunk = text[window : at + 7]
        start = chunk.lower().find("end")
        if start >= 0:
            start = window if "\u0130" in chunk else window + start
            while start > window and text[start - 1] in _BEFORE_END:
                start -= 1
            m = _SUMMARY_END.search(text, start, at + 7)
            if m is not None:
                return m.start()
        at = low.find("summary", at + 7)
    return None


def _finish(pieces: list[str]) -> str | None:
    text = "\n\n".join(p for p in (piece.strip() for piece in pieces) if p)
    return text or None


def render_text(value: TextResult) -> str:
    """Paragraphs separated by blank lines, then the signature line."""
    body = render_paragraphs(value.paragraphs)
    if value.signature is None:
        return body
    return f"{body}\n\n{render_signature(value.signature)}" if body else render_signature(value.signature)
