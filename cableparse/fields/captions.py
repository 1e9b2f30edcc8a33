"""Handling captions and passing lines (FORMAT.md 4.3, 4.4; VOCAB.md 4).

Between the banner and the E.O. line a cable carries handling captions,
one per line (``SIPDIS``, ``NOFORN``, ``SENSITIVE``, ``EXDIS`` ...), and
passing lines addressed to offices (``FOR EAP/MTS AND G/TIP``, ``DEPT PASS
USTR``, ``GENEVA: FOR CD DELEGATION``).  Lines were also run together:
``NOFORN SIPDIS`` and ``NOFORN, SIPDIS, FOR DCMS AND ALL CABLE DRAFTERS``
(captions, then a passing line).

Decisions where the format is silent:

* Captions are upper-cased and kept once each, in order of first
  appearance; a repeated caption (``SIPDIS SIPDIS``, or ``SIPDIS`` on two
  lines, which the distribution system added) is reported as an ``info``
  ``caption-repaired`` and not kept twice.
* A ``LEVEL//CONTROL//CONTROL`` line (``SECRET//REL SAU``) gives its
  controls as captions (``REL SAU``); the level is the banner's.
* Every other line of the caption zone is a passing line.  A passing line
  that wraps continues on the next line (no blank line between) when that
  line does not open a new passing instruction (``<ADDRESSEE> FOR``,
  ``PASS``, ``PLEASE PASS``), or when the line before ends with a joining
  character (``,`` ``;`` ``/`` ``&`` ``-``) or word (``AND``, ``TO``,
  ``FOR``, ``PASS``, ``OF``); a line opening with a bare ``FOR`` right
  after a passing line also continues it.  Passing lines keep their case;
  white space is collapsed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span, as_spans, element_parser
from .subject import collapse_spaces

__all__ = ["CaptionLines", "caption_only", "parse_captions", "passing_start", "render_captions"]


class CaptionLines(NamedTuple):
    """Captions and passing lines read from the caption zone."""

    captions: tuple[str, ...]
    passing: tuple[str, ...]


# tuple.__new__ skips the NamedTuple's Python-level __new__ (once per field).
_new_tuple = tuple.__new__


# Captions that may share a line with others or open a combined line.
_WORD = regex.compile(
    r"[\s,;.:/]*(?P<cap>SIPDIS|NO[ ]?FORN|SENSITIVE(?![ \t]+BUT(?![A-Za-z]))|EXDIS|NODIS|LIMDIS|STADIS|CHEROKEE"
    r"|SPECAT(?:[ ]+EXCLUSIVE)?|NOCONTRACT|ORCON|PROPIN)"
    r"(?![A-Za-z0-9])",
    flags=regex.IGNORECASE,
)
# Captions too ambiguous to open a combined line: the whole line only.
_WHOLE = regex.compile(
    r"[ \t]*(?P<cap>ROGER|SENSITIVE[ ]+BUT[ ]+UNCLASSIFIED|DISSENT[ ]+CHANNEL|DS[ ]+CHANNEL|OFFICIAL[ -]INFORMAL|EYES[ ]+ONLY"
    r"|FOR[ ]+OFFICIAL[ ]+USE[ ]+ONLY|FOUO"
    r"|REL(?:EASABLE)?[ ]+TO[ ]+[A-Z][A-Z ,/.&-]{0,80}?)[ \t.]*",
    flags=regex.IGNORECASE,
)
_CONTROLS = regex.compile(
    r"[ \t]*(?P<level>UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP[ ]+SECRET)[ \t]*(?P<controls>(?://?[ \t]*[A-Z][A-Z0-9 ,.-]{0,40}?)+)[ \t]*",
    flags=regex.IGNORECASE,
)
_PASS_START = regex.compile(
    r"[ \t]*(?:[^\s,;]+[ \t]+){0,5}?(?:ALSO[ \t]+)?(?:FOR|PASS|PLS[ \t]+PASS|PLEASE[ \t]+PASS)(?![A-Za-z])",
    flags=regex.IGNORECASE,
)
_BARE_FOR = regex.compile(r"[ \t]*FOR(?![A-Za-z])", flags=regex.IGNORECASE)
_JOINS = regex.compile(r"(?:[,;/&-]|(?<=\s)(?:AND|TO|FOR|PASS|OF))[ \t]*$", flags=regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")
_SEPARATORS = " \t,;.:/"
# The regex module reads a group by number far faster than by name.
_CAP, _WHOLE_CAP = _WORD.groupindex["cap"], _WHOLE.groupindex["cap"]
_LEVEL, _CONTROL_LIST = _CONTROLS.groupindex["level"], _CONTROLS.groupindex["controls"]
# The first letters of every caption and level; a line opening (after
# separators) with another ASCII letter or digit holds no caption.
_CAPTION_FIRST = frozenset("RSDOEFUCTNLPrsdoefuctnlp")


class _Line(NamedTuple):
    """What the caption patterns read in one line."""

    #: The captions as written, with their offsets.
    captions: tuple[tuple[str, int], ...]
    #: Nothing but captions and separators.
    only: bool
    #: Where the passing text after the captions starts; -1 when none.
    rest: int
    #: Of a ``LEVEL//CONTROL`` line: the controls as written, the level and its offset.
    controls: tuple[str, str, int] | None = None


@functools.lru_cache(maxsize=2048)
def _read(text: str) -> _Line | None:
    """The captions of a line (``None`` when it opens with none).

    Caption lines repeat from cable to cable (``SIPDIS``, ``NOFORN``), and
    the layout and the parser both read them: the patterns run once.
    """
    m = _WHOLE.fullmatch(text)
    if m is not None:
        return _Line(((m.group(_WHOLE_CAP), m.start(_WHOLE_CAP)),), True, -1)
    m = _CONTROLS.fullmatch(text)
    if m is not None:
        at = m.start(_CONTROL_LIST)
        written = m.group(_CONTROL_LIST)
        controls = tuple((c, at + i) for c, i in _split_controls(written))
        return _Line(controls, True, -1, (written.strip(), m.group(_LEVEL), m.start(_LEVEL)))
    found, end = _words(text)
    if not found:
        return None
    rest = text[end:]
    stripped = rest.lstrip(_SEPARATORS)
    return _Line(tuple(found), not rest.strip(_SEPARATORS), len(text) - len(stripped) if stripped.strip() else -1)


def passing_start(text: str) -> bool:
    """Whether ``text`` opens a passing instruction (``DEPT FOR ...``, ``PASS ...``)."""
    return _PASS_START.match(text) is not None


def _words(text: str) -> tuple[list[tuple[str, int]], int]:
    """Leading combinable captions with their offsets, and where they end."""
    found: list[tuple[str, int]] = []
    pos = 0
    while True:
        m = _WORD.match(text, pos)
        if m is None:
            return found, pos
        found.append((m.group(_CAP), m.start(_CAP)))
        pos = m.end()


def caption_only(text: str) -> bool:
    """Whether ``text`` holds captions and nothing else."""
    first = text.lstrip(_SEPARATORS)[:1]
    if not first or (first.isascii() and first.isalnum() and first not in _CAPTION_FIRST):
        return False
    line = _read(text)
    return line is not None and line.only


@functools.lru_cache(maxsize=256)  # a few dozen captions, written a few ways
def _canonical(caption: str) -> str:
    caption = _SPACES.sub(" ", caption.strip(_SEPARATORS)).upper()
    return "NOFORN" if caption == "NO FORN" else caption


@element_parser
def parse_captions(source: str | Span | Sequence[Span], reporter: Reporter) -> CaptionLines:
    """Read the caption zone: handling captions and passing lines, in order.

    ``source`` holds the lines between the banner and the first keyword
    field; blank lines separate passing lines.

    >>> parse_captions("SIPDIS\\n\\nFOR EAP/MTS AND G/TIP")
    CaptionLines(captions=('SIPDIS',), passing=('FOR EAP/MTS AND G/TIP',))
    """
    captions: dict[str, None] = {}  # ordered, and quick to test for repeats
    passing: list[list[str]] = []  # each passing line as the lines it was written on
    open_passing = False  # the last passing line may continue on the next line
    last_line = -1
    for span in as_spans(source):
        text = span.text
        if span.line > last_line + 1:
            open_passing = False
        last_line = span.line
        if not text.strip():
            open_passing = False
            continue
        items = _captions_of(span, reporter)
        if items is not None:
            found, rest = items
            for caption, offset in found:
                _add(captions, caption, span, offset, reporter)
            if rest is None:
                open_passing = False
                continue
            span, text = rest, rest.text
            open_passing = False
        line = collapse_spaces(text)
        if open_passing and _continues(passing[-1][-1], text):
            passing[-1].append(line)
        else:
            passing.append([line])
        open_passing = True
    return _new_tuple(CaptionLines, (tuple(captions), tuple(" ".join(lines) for lines in passing)))


def _continues(previous: str, text: str) -> bool:
    # Only the end can join: search the last four characters ("PASS").
    if _JOINS.search(previous, max(len(previous.rstrip(" \t")) - 4, 0)):
        return True
    if _BARE_FOR.match(text):
        return True
    return not passing_start(text)


def _captions_of(span: Span, reporter: Reporter) -> tuple[list[tuple[str, int]], Span | None] | None:
    """Captions at the start of ``span`` and the passing text after them, if any."""
    line = _read(span.text)
    if line is None:
        return None
    if line.controls is not None:
        controls, level, at = line.controls
        reporter.report(
            "caption-repaired", f"controls {controls!r} kept as captions; the level {level!r} is the banner's", span, at, field="captions"
        )
    return list(line.captions), span.sub(line.rest) if line.rest >= 0 else None


def _split_controls(controls: str) -> list[tuple[str, int]]:
    out = []
    pos = 0
    for part in controls.split("/"):
        if part.strip():
            out.append((part, pos + len(part) - len(part.lstrip())))
        pos += len(part) + 1
    return out


def _add(captions: dict[str, None], written: str, span: Span, offset: int, reporter: Reporter) -> None:
    caption = _canonical(written)
    if caption in captions:
        reporter.report("caption-repaired", f"repeated caption {caption} kept once", span, offset, field="captions")
        return
    if written.strip() != caption:
        reporter.report("caption-repaired", f"caption {written.strip()!r} read as {caption}", span, offset, field="captions")
    reporter.mark(f"captions.{caption}", span.sub(offset, offset + len(written)))
    captions[caption] = None


def render_captions(captions: Sequence[str], passing: Sequence[str] = (), level: str = "UNCLASSIFIED") -> str:
    """The caption zone: one caption a line, then the passing lines.

    A caption that reads as a caption only after a level (``REL SAU``,
    ``FGI``, from ``SECRET//REL SAU``) is written that way, after ``level``
    (the banner's: ``UNCLASSIFIED``, ``CONFIDENTIAL``, ``SECRET`` or ``TOP
    SECRET``); consecutive ones share the line.  Passing lines are
    separated by blank lines so that each reads back as one line.
    """
    lines: list[str] = []
    controls: list[str] = []
    for caption in captions:
        if parse_captions(caption, Reporter()) == CaptionLines((caption,), ()):
            if controls:
                lines.append("//".join((level, *controls)))
                controls = []
            lines.append(caption)
        else:
            controls.append(caption)
    if controls:
        lines.append("//".join((level, *controls)))
    blocks = ["\n".join(lines)] if lines else []
    blocks.extend(passing)
    return "\n\n".join(blocks)
