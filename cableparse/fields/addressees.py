"""The originator (FM) and the addressee blocks (TO, INFO, XMT).

An addressee line reads ``[RI/]PLAD [PRECEDENCE] [MCN]``:
``RUEHC/SECSTATE WASHDC PRIORITY 2910``.  Only the first line of a block
carries its keyword; continuation lines have none.  Page-break residue
from old printed copies (``PAGE 02 STATE 015113 182333Z`` and bare
classification lines) can sit inside a block and is recognised, not read
as an addressee.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span, as_spans, element_parser
from ..model import Addressee, Precedence
from .dtg import one_line

__all__ = [
    "BLOCK_FIELDS",
    "BLOCK_KEYWORD",
    "CLASSIFICATION_LINE",
    "PRECEDENCE_WORDS",
    "BlockLine",
    "is_page_residue",
    "parse_addressee",
    "parse_addressees",
    "parse_originator",
    "read_addressee",
    "read_block",
    "read_lines",
    "render_addressee",
    "render_addressees",
    "render_originator",
]

#: Precedence words as written on addressee lines (NIACT IMMEDIATE is two words).
PRECEDENCE_WORDS: dict[str, Precedence] = {
    "FLASH": Precedence.FLASH,
    "IMMEDIATE": Precedence.IMMEDIATE,
    "PRIORITY": Precedence.PRIORITY,
    "ROUTINE": Precedence.ROUTINE,
}


def _misspellings() -> dict[str, str]:
    """One dropped, doubled or swapped letter in a long precedence word (PRIOITY, PIORITY)."""
    out: dict[str, str] = {}
    for word in ("IMMEDIATE", "PRIORITY", "ROUTINE"):
        n = len(word)
        variants = {word[:i] + word[i + 1 :] for i in range(n)}
        variants |= {word[:i] + word[i] + word[i:] for i in range(n)}
        variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)}
        for variant in variants - {word}:
            out.setdefault(variant, word)
    return out


_REPAIRS = _misspellings()

#: Block keyword -> the Header field its addressees go to.
BLOCK_FIELDS: dict[str, str] = {"TO": "header.to", "INFO": "header.info", "XMT": "header.exempt"}

#: A TO / INFO / XMT keyword opening a block (``XMT/`` is also written).
BLOCK_KEYWORD = regex.compile(r"[ \t]*(?P<keyword>TO|INFO|XMT)(?:[ \t]+|/|$)")
#: A classification word alone on a line: page-break residue of printed copies.
CLASSIFICATION_LINE = regex.compile(r"[ \t]*(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)[ \t]*$")

_LEAD = regex.compile(r"[ \t]*(?:(?P<ri>[A-Z]{4,8})/(?!/))?")
_MCN = regex.compile(r"(?P<first>[0-9]{3,4})(?:-(?P<last>[0-9]{3,4}))?")
# A bare classification line, or the start of a printed page's top line.
_RESIDUE = regex.compile(
    r"[ \t]*(?:(?P<klass>UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)[ \t]*$|PAGE[ \t]+[0-9]{2,3}[ \t])"
)
_RESIDUE_FIRST = frozenset("UCSTLP")
_STAMP = regex.compile(r"[0-9]{6}Z")
_FM = regex.compile(r"[ \t]*FM(?:[ \t]+|$)")


def is_page_residue(text: str) -> bool:
    """True for a printed page's top line (``PAGE 02 STATE 015113 182333Z``) or a bare classification line."""
    # Addressee lines start with a routing indicator (RUEHC/...): a look at
    # the first letter spares them the pattern.
    if text.lstrip(" \t")[:1] not in _RESIDUE_FIRST:
        return False
    m = _RESIDUE.match(text)
    if m is None:
        return False
    if m["klass"] is not None:
        return True
    last = text.rsplit(None, 1)[-1]
    return _STAMP.fullmatch(last) is not None


@element_parser
def parse_originator(source: str | Span | Sequence[Span], reporter: Reporter) -> str | None:
    """Read format line 6, ``FM AMEMBASSY KUALA LUMPUR``, into the plain-language address."""
    field = "header.originator"
    span = one_line(source, reporter, "header-line", field)
    if span is None:
        return None
    m = _FM.match(span.text)
    if m is None:
        reporter.report("header-line", "an originator line starts with FM", span, len(span.text) - len(span.text.lstrip()), field=field)
        return None
    name = " ".join(span.text[m.end() :].split())
    if not name:
        reporter.report("header-line", "the FM line names no originator", span, m.end(), field=field)
        return None
    return name


def render_originator(value: str) -> str:
    """Format line 6: ``FM AMEMBASSY KUALA LUMPUR``."""
    return f"FM {value}"


#: A note a reading leaves for the reporter: code, message, offset in the line.
_Note = tuple[str, str, int]

#: Addressee lines repeat from cable to cable (``RUEHC/SECSTATE WASHDC
#: PRIORITY``); their readings are kept, most recently used first.
_CACHE_SIZE = 4096


def _precedence(words: list[str], text: str, notes: list[_Note]) -> Precedence | None:
    """Take a trailing precedence word off ``words`` (repairing known misspellings)."""
    word = words[-1]
    if word not in PRECEDENCE_WORDS:
        repaired = _REPAIRS.get(word)
        if repaired is None:
            return None
        notes.append(("precedence-repaired", f"{word!r} read as {repaired}", _last(text, word)))
        word = repaired
    words.pop()
    if word == "IMMEDIATE" and words and words[-1] == "NIACT":
        words.pop()
        return Precedence.NIACT_IMMEDIATE
    return PRECEDENCE_WORDS[word]


def _last(text: str, word: str) -> int:
    # Columns are only needed when something is reported, so words are
    # found again then rather than tracked for every line.
    return text.rfind(word)


@element_parser
def parse_addressee(source: str | Span | Sequence[Span], reporter: Reporter, *, field: str = "header.to") -> Addressee | None:
    """Read one addressee, ``RUEHC/SECSTATE WASHDC PRIORITY 2910``, without its block keyword.

    The routing indicator and slash, the precedence word and the MCN are
    each optional.  ``//`` office suffixes stay in the name; runs of spaces
    in the name become one space.  An MCN range (``4778-4781``, one number
    per section) is read as its first number with an ``mcn-range`` note.
    """
    span = one_line(source, reporter, "addressee-invalid", field)
    return _addressee(span, reporter, field) if span is not None else None


def _mcn(word: str, text: str, notes: list[_Note]) -> int | None:
    """The MCN that ``word``, the last word of ``text``, is, if it is one."""
    m = _MCN.fullmatch(word)
    if m is None:
        return None
    first, last = m.groups()
    if last is not None:
        notes.append(("mcn-range", f"MCN range {m.group()} read as {first}", _last(text, m.group())))
    return int(first)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _reading(text: str, with_mcn: bool) -> tuple[Addressee | None, tuple[_Note, ...]]:
    """An addressee line read by itself: the value and the notes to report.

    ``with_mcn`` is false when the caller has already taken the MCN off.
    """
    notes: list[_Note] = []
    lead = _LEAD.match(text)
    ri = lead["ri"] if lead else None
    start = lead.end() if lead else 0
    words = text[start:].split()
    mcn = None
    if with_mcn and words and words[-1][0].isdigit():
        mcn = _mcn(words[-1], text, notes)
        if mcn is not None:
            words.pop()
    precedence = _precedence(words, text, notes) if words else None
    if not words:
        notes.append(("addressee-invalid", "the addressee line has no address", start))
        return None, tuple(notes)
    return Addressee(ri, " ".join(words), precedence, mcn), tuple(notes)


def _addressee(span: Span, reporter: Reporter, field: str) -> Addressee | None:
    value, notes = _line(span.text)
    for code, message, offset in notes:
        reporter.report(code, message, span, offset, field=field)
    return value


def _line(text: str) -> tuple[Addressee | None, tuple[_Note, ...]]:
    """An addressee line read by itself, MCN included: the value and the notes to report."""
    # Most lines end with an MCN that differs from cable to cable: it is
    # read here, and the rest of the line, which repeats, is read once.
    parts = text.rsplit(None, 1)
    notes: list[_Note] = []
    mcn = None
    if len(parts) == 2 and parts[1][0].isdigit():
        last = parts[1]
        # Three or four ASCII digits, the common case, need no pattern.
        mcn = int(last) if 3 <= len(last) <= 4 and last.isascii() and last.isdigit() else _mcn(last, text, notes)
    if mcn is None:
        value, more = _reading(text, True)
    else:
        value, more = _reading(parts[0], False)
        if value is not None:
            value = Addressee(value.routing_indicator, value.name, value.precedence, mcn)
    return value, (*notes, *more) if notes else more


def read_addressee(text: str) -> Addressee | None:
    """An addressee line (without block keyword) read as :func:`parse_addressee` reads it, or ``None`` where that reports something."""
    value, notes = _line(text)
    return None if notes else value


def render_addressee(value: Addressee) -> str:
    """One addressee line without keyword: ``RUEHC/SECSTATE WASHDC PRIORITY 2910``.

    The MCN is written with four digits; one above 9999 cannot be written
    and raises :class:`ValueError`.
    """
    parts = [f"{value.routing_indicator}/{value.name}" if value.routing_indicator else value.name]
    if value.precedence is not None:
        parts.append(value.precedence.value)
    if value.mcn is not None:
        if value.mcn > 9999:
            raise ValueError(f"MCN {value.mcn} has more than four digits")
        parts.append(f"{value.mcn:04d}")
    return " ".join(parts)


class BlockLine(NamedTuple):
    """One line of an addressee block and what it was read as."""

    span: Span
    field: str
    addressee: Addressee | None = None
    residue: bool = False


# tuple.__new__ skips the NamedTuple's Python-level __new__ (a line of every block).
_new_line = tuple.__new__


def read_block(source: str | Span | Sequence[Span], reporter: Reporter, *, field: str | None = None) -> list[BlockLine]:
    """Read a block line by line: addressees, page-break residue, and lines that could not be read.

    The first span may start with the block keyword, which sets the field
    (``header.to``, ``header.info``, ``header.exempt``) unless ``field`` is given.
    """
    spans = as_spans(source)
    current = field or "header.to"
    if spans:
        m = BLOCK_KEYWORD.match(spans[0].text)
        if m is not None:
            current = field or BLOCK_FIELDS[m["keyword"]]
            spans = (spans[0].sub(m.end()), *spans[1:])
    return read_lines(spans, reporter, current)


def read_lines(spans: Sequence[Span], reporter: Reporter, field: str) -> list[BlockLine]:
    """Read the lines of a block whose keyword, if any, is already taken off; ``field`` is the block's."""
    out = []
    for span in spans:
        text = span.text
        if not text.strip():
            continue
        # is_page_residue's own first test, made here: it spares the call
        # for addressee lines, which start with a routing indicator.
        if text.lstrip(" \t")[:1] in _RESIDUE_FIRST and is_page_residue(text):
            span = span.strip()
            reporter.report("page-marker", f"page-break residue {span.text[:40]!r} is not an addressee", span, field=field)
            out.append(_new_line(BlockLine, (span, field, None, True)))
        else:
            out.append(_new_line(BlockLine, (span, field, _addressee(span, reporter, field), False)))
    return out


@element_parser
def parse_addressees(source: str | Span | Sequence[Span], reporter: Reporter, *, field: str | None = None) -> tuple[Addressee, ...]:
    """Read an addressee block: ``TO``/``INFO``/``XMT`` line and its continuation lines.

    ``field`` (``header.to`` ...) defaults to the one the keyword names.
    Page-break residue is noted and skipped; lines that cannot be read are
    reported and left out.
    """
    return tuple(line.addressee for line in read_block(source, reporter, field=field) if line.addressee is not None)


def render_addressees(keyword: str, addressees: Sequence[Addressee]) -> str:
    """A block: ``TO first`` then one line per further addressee."""
    lines = [render_addressee(a) for a in addressees] or [""]
    lines[0] = f"{keyword} {lines[0]}".rstrip()
    return "\n".join(lines)
