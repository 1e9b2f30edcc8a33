"""Paragraphs: numbers, portion marks, headings (FORMAT.md 4.10-4.11, VOCAB 3.2).

A paragraph starts on a line that begins with its number::

    PARA := [PILCROW] NUM "." " "* [ "(" MARK ")" ] " "* TEXT

with the pilcrow left by the containers in one of its forms: ``¶4.``,
``[1](#)4.``, ``[¶](#par4)4.`` or, after a lossy markdown conversion, a
bare ``1`` glued to the number (``14.`` for paragraph 4).  The glued form
is ambiguous, so numbers are decoded for the whole text at once (see
:func:`decode_numbers`): each numbered line may be read as written or, when
it starts with ``1``, with that ``1`` removed, or -- when it continues a
sentence and carries no portion mark -- as ordinary text (a wrapped line
that happens to start with ``2001.``).  The reading with the most
consecutive numbers wins.

Decisions where the format is silent:

* Ambiguous starts: a first bare number ``1N`` is read as ``N`` when that
  makes the text start at paragraph 1 or 2 (``11.`` alone is paragraph 1,
  ``12.`` then ``13.`` are 2 and 3), otherwise as written.
* Headings: one short line (at most 100 characters, no final ``.``, ``,``
  or ``;``, not starting with a lower-case letter or a bullet) just above
  a paragraph, after optional blank and dash lines, and itself after a
  blank line, a dash line, the start of the text or a finished sentence.
  Two or three lines make one heading only when underlined with dashes.
  Stacked underlined headings (a section title over a sub-title) are
  joined with `` / ``.  An underlined or ``//decorated//`` heading above
  unnumbered text starts a new unnumbered paragraph.
* Continuation: every other line continues the current paragraph, across
  blank lines and removed page markers; lines are joined with one space,
  except that a line ending in ``letter-`` followed by a lower-case
  continuation is joined without a space (``enrichment-`` + ``related``
  gives ``enrichment-related``: the hyphen is kept, since teletype never
  hyphenated on its own).  Lines made only of dashes, equals signs or
  stars are layout and are dropped like blank lines.
* Portion marks are kept as written, upper-cased, without parentheses and
  surrounding spaces (``( C )`` gives ``C``, ``(C/rel to UN)`` gives
  ``C/REL TO UN``).  The old whole-message forms ``1. CONFIDENTIAL -
  ENTIRE TEXT.`` and ``1. (C - ENTIRE TEXT).`` give the level alone
  (``CONFIDENTIAL``, ``C``) and are removed from the text.
* A line that starts with a portion mark, after a finished sentence or a
  blank line, starts an unnumbered paragraph (single-paragraph cables,
  marked sub-sections).
* Lettered items (``A.``, ``¶A.``) and bullets stay inside their paragraph;
  a pilcrow artefact before an item letter is removed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span, as_spans, element_parser
from ..model import Paragraph

__all__ = [
    "decode_numbers",
    "parse_marking",
    "parse_paragraphs",
    "render_marking",
    "render_paragraph",
    "render_paragraphs",
]

_FIELD = "paragraphs"

# -- line grammar -----------------------------------------------------------

_PILCROW = r"(?:¶[ \t]?|\[1\]\(\#\)[ \t]?|\[¶\]\(\#par[0-9A-Za-z]{0,6}\)[ \t]?)"

# A number at the start of a (stripped) line: ``4.``, ``¶4.``, ``14.``,
# ``4 (C)`` (period lost; only accepted when a portion mark follows).
_NUMBER = regex.compile(r"(?P<prefix>" + _PILCROW + r")?(?P<num>[0-9]{1,4})(?:(?P<dot>\.)(?![0-9])[ \t]*|[ \t]+(?=\())")

_LEVEL = r"(?:TS|SBU|LOU|SNF|N/SF|S|C|U|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS)"
_CONTROL = r"(?:NF|NOFORN|FGI|FOUO|ORCON|PROPIN|REL|SI|TK|N|ENTIRE[ \t]+TEXT)"
_MARK_BODY = _LEVEL + r"(?:(?:[ \t]?/{1,2}[ \t]?|[ \t]+-[ \t]+|[ \t])" + _CONTROL + r"\b[A-Za-z0-9 ,/.\-]{0,50}?)?"
# After a paragraph number the mark may be in any case: ``(C/rel to UN)``.
_MARK = regex.compile(r"(?i)\([ \t]{0,3}(?P<mark>" + _MARK_BODY + r")[ \t]{0,3}\)[ \t]*")
# At the start of an unnumbered line only upper-case marks count, so that
# ``(c) the third item`` stays a list item.
_MARK_UPPER = regex.compile(r"\([ \t]{0,3}(?P<mark>" + _MARK_BODY + r")[ \t]{0,3}\)[ \t]*")
# ``1. C) text``: the opening parenthesis was lost.
_MARK_OPEN_LOST = regex.compile(r"(?P<mark>" + _MARK_BODY + r")\)[ \t]*")
# Something in parentheses that looks like a mark but is not one we know.
_MARK_LIKE = regex.compile(r"\((?P<mark>[A-Z]{1,5}/{1,2}[A-Za-z /]{1,20})\)")
_ENTIRE = regex.compile(
    r"(?i)(?P<mark>UNCLASSIFIED|LIMITED[ \t]+OFFICIAL[ \t]+USE|CONFIDENTIAL|SECRET|TOP[ \t]+SECRET)"
    r"[ \t]*[-–][ \t]*ENTIRE[ \t]+TEXT[ \t]*\.?[ \t]*"
)
_ENTIRE_SUFFIX = regex.compile(r"(?i)[ \t]*-[ \t]*ENTIRE[ \t]+TEXT$")

# A pilcrow artefact before an item letter inside a paragraph (``[1](#)B.``).
_LETTER_PILCROW = regex.compile(_PILCROW + r"(?=[A-Za-z]\.)")
_SIPDIS = regex.compile(r"[ \t]*\bSIPDIS\b")
_SIPDIS_LINE = regex.compile(r"^SIPDIS(?:[ \t]+SIPDIS)*$")
_REDACTED = regex.compile(r"^[\[(]?X{6,}[\])]?$")
# ``1. Summary: (C) text``: the mark after the opening keyword.
_KEYWORD_MARK = regex.compile(r"(?i)SUMMARY[ \t]*:[ \t]*(?=\()")
# First characters of lines that can only be plain text (S may open SIPDIS).
_PLAIN_START = frozenset("ABCDEFGHIJKLMNOPQRTUVWXYZabcdefghijklmnopqrstuvwxyz\"'“‘")
_CLOSERS = ")]\"'”’"
_DECORATED = regex.compile(r"^(?:[-=*_~]{3,}|//)[ \t]*(?P<h>[^-=*_~/ \t].*?)[ \t]*(?:[-=*_~]{3,}|//)$")
_DECORATION_EDGE = regex.compile(r"^(?:[-=*_~]{2,}|//)[ \t]*|[ \t]*(?:[-=*_~]{2,}|//)$")
_LIST_ITEM = regex.compile(r"\([A-Za-z]\)")
# Searches for two characters: the pattern engine finds them much faster
# than ``in`` on a page of text.
_HYPHEN_NEWLINE = regex.compile("-\n")
_HYPHEN_SPACE = regex.compile("- ")
_RULE_CHARS = "-=_*~"
_RULE_LINE_CHARS = _RULE_CHARS + " \t"
_EDGES = frozenset([a + b for a in _RULE_CHARS for b in _RULE_CHARS] + ["//"])
_DIGITS = "0123456789"
_DIGIT_SET = frozenset(_DIGITS)
_BLANKS = (" ", "\t")
# The first two characters of a _MARK_OPEN_LOST match: a level's first
# letter, then its second letter, a separator or the closing parenthesis.
_OPEN_LOST_FIRST = frozenset("TSLCNU")
_OPEN_LOST_SECOND = frozenset("SBNEO/ \t)")
# The first two letters of an _ENTIRE match, upper-cased (str.upper maps
# ``ſ`` and ``ı``, which the pattern's case folding accepts, to S and I).
_ENTIRE_HEADS = frozenset(("UN", "LI", "CO", "SE", "TO"))
# Builds a NamedTuple without its Python-level __new__ (hot paths).
_new = tuple.__new__

_BLANK, _RULE, _NUMBERED, _MARKED, _TEXT = range(5)


class _Number(NamedTuple):
    """What a numbered line says before decoding."""

    digits: str
    explicit: bool  # a pilcrow form (¶, [1](#), [¶](#parN)) stands before it
    marking: str | None
    rest: int  # offset of the paragraph text in the stripped line
    repair: str | None  # what was repaired in the mark, for the diagnostic
    lead: str = ""  # text kept before the mark (``Summary:`` in ``1. Summary: (C) ...``)


class _Start(NamedTuple):
    """A line that starts a paragraph."""

    number: int | None
    marking: str | None
    offset: int  # where the paragraph text starts in the line
    lead: str = ""


class _Lines:
    """The classified lines of a text, in parallel lists."""

    def __init__(self, spans: Sequence[Span]) -> None:
        # Plain stripped strings on the hot path; spans are built only for
        # diagnostics (see span()).
        self.raw = spans
        self.texts = [s.text.strip() for s in spans]
        self.numbers: dict[int, _Number] = {}
        self.marks: dict[int, tuple[str, int]] = {}
        self.decorated: set[int] = set()
        self.sipdis: list[int] = []
        self.rules: list[int] = []
        # Lines taken by headings (see _headings).
        self.headed: set[int] = set()
        # Whether a line opens with a pilcrow form or a bracket (may need cleaning).
        self.pilcrows = False
        classify = self._classify
        # Most lines start with a letter other than S: plain text, decided inline.
        plain = _PLAIN_START
        self.kinds = [_BLANK if not t else _TEXT if t[0] in plain else classify(i, t) for i, t in enumerate(self.texts)]

    def _classify(self, i: int, text: str) -> int:
        first = text[0]
        if first in _DIGITS or first in "¶[":
            if first == "¶" or first == "[":
                self.pilcrows = True
            number = _read_number(text)
            if number is not None:
                self.numbers[i] = number
                return _NUMBERED
            return _TEXT
        if first == "S":
            if text.startswith("SIPDIS") and _SIPDIS_LINE.match(text):
                self.sipdis.append(i)
                return _BLANK
            return _TEXT
        if first in _RULE_CHARS and not text.strip(_RULE_LINE_CHARS) and len(text.replace(" ", "")) >= 3:
            self.rules.append(i)
            return _RULE
        if first == "(":
            m = _MARK_UPPER.match(text)
            if m is not None:
                self.marks[i] = (_clean_mark(m.group(1)), m.end())  # group 1: mark
                return _MARKED
        elif (
            # _DECORATED opens with three rule characters or ``//``.
            len(text) > 2
            and (text[1] == "/" == first or (first in _RULE_CHARS and text[1] in _RULE_CHARS and text[2] in _RULE_CHARS))
            and _DECORATED.match(text)
        ):
            self.decorated.add(i)
        return _TEXT

    def span(self, i: int, offset: int = 0) -> Span:
        """Line ``i`` (stripped) from ``offset`` on, as a span in true columns."""
        line, column, raw = self.raw[i]
        return _new(Span, (line, column + len(raw) - len(raw.lstrip()) + offset, self.texts[i][offset:]))

    def prev_nonblank(self, i: int) -> tuple[int, bool]:
        """Index of the last non-blank line before ``i`` and whether blanks came between."""
        j = i - 1
        while j >= 0 and self.kinds[j] == _BLANK:
            j -= 1
        return j, j < i - 1


def _read_number(text: str) -> _Number | None:
    """The number and portion mark that open a line, if any.

    A line opening with an ASCII digit is read with string tests, as
    _NUMBER would read it (most numbered lines); a pilcrow form needs the
    pattern.
    """
    if text[0] in _DIGIT_SET:
        # Most numbers have one digit and one space after their dot: tested
        # by position before stripping copies of the line.
        size = 1 if text[1:2] == "." else len(text) - len(text.lstrip(_DIGITS))
        after = text[size : size + 1]
        if size > 4 or (after == "." and text[size + 1 : size + 2] in _DIGIT_SET):
            return None
        if after == ".":
            dot = True
            pos = size + 2 if text[size + 1 : size + 2] == " " else size + 1
            if text[pos : pos + 1] in _BLANKS:
                pos = len(text) - len(text[pos:].lstrip(" \t"))
        elif after == " " or after == "\t":
            dot = False
            pos = len(text) - len(text[size:].lstrip(" \t"))
            if not text.startswith("(", pos):
                return None
        else:
            return None
        digits = text[:size]
        explicit = False
    else:
        m = _NUMBER.match(text)
        if m is None:
            return None
        # Groups by number (faster than by name): prefix, num, dot.
        prefix, digits, period = m.groups()
        explicit, pos, dot = prefix is not None, m.end(), period is not None
    marking, end, repair = _read_mark(text, pos)
    if marking is None and text[pos : pos + 1] in ("S", "s") and text.find("(", pos) >= 0:
        k = _KEYWORD_MARK.match(text, pos)
        if k is not None:
            marking, end, repair = _read_mark(text, k.end())
            if marking is not None:
                repair = "portion mark after the Summary keyword"
                return _new(_Number, (digits, explicit, marking, end, repair, text[pos : k.end()]))
    if not dot:
        if marking is None:
            return None
        repair = "period missing after the number"
    return _new(_Number, (digits, explicit, marking, end, repair, ""))


def _read_mark(text: str, pos: int) -> tuple[str | None, int, str | None]:
    """Portion mark at ``text[pos:]``: (marking, end of mark, repair note)."""
    first = text[pos : pos + 1]
    if first == "(":
        # No character of a mark is a closing parenthesis: a match ends at
        # the first one, so the text up to it decides (and is cached).
        close = text.find(")", pos)
        if close < 0:
            return None, pos, None
        written = text[pos : close + 1]
        # Only short texts are cached: a mark is short, long ones are not marks.
        found = _paren_mark(written) if len(written) <= _CACHED_MARK else _paren_mark.__wrapped__(written)
        if found is None:
            return None, pos, None
        marking, note, entire = found
        end = close + 2 if text[close + 1 : close + 2] == " " else close + 1
        if text[end : end + 1] in _BLANKS:
            end = len(text) - len(text[end:].lstrip(" \t"))
        if entire and text.startswith(".", end):
            # ``(C - ENTIRE TEXT).``: the period closes the whole-message mark.
            end += 1
            end += len(text[end:]) - len(text[end:].lstrip())
        return marking, end, note
    # Both patterns open with a classification level: one (in upper case)
    # ends with a parenthesis, the other (in any case) needs a dash.  Most
    # lines fail these tests on their first two characters.
    if first in _OPEN_LOST_FIRST and text[pos + 1 : pos + 2] in _OPEN_LOST_SECOND and text.find(")", pos) >= 0:
        m = _MARK_OPEN_LOST.match(text, pos)
        if m is not None:
            return _clean_mark(m.group(1)), m.end(), "opening parenthesis of the portion mark missing"  # group 1: mark
    if text[pos : pos + 2].upper() in _ENTIRE_HEADS and (text.find("-", pos) >= 0 or text.find("–", pos) >= 0):
        m = _ENTIRE.match(text, pos)
        if m is not None:
            return _clean_mark(m.group(1)), m.end(), None  # group 1: mark
    return None, pos, None


_CACHED_MARK = 40


@functools.lru_cache(maxsize=512)
def _paren_mark(written: str) -> tuple[str, str | None, bool] | None:
    """(marking, repair note, whole-message mark) of ``(...)``, or ``None`` if it is no mark."""
    m = _MARK.match(written)
    if m is None:
        return None
    raw = m.group(1)  # mark
    note = "spaces inside the portion mark" if written[1].isspace() or written[-2].isspace() else None
    return _clean_mark(raw), note, "ENTIRE" in raw.upper()


def _clean_mark(raw: str) -> str:
    mark = " ".join(raw.upper().split())
    return _ENTIRE_SUFFIX.sub("", mark)


# -- number decoding --------------------------------------------------------

_PLAIN, _GLUED = 0, 1
# Scores.  A consecutive number outweighs a mode switch plus a jump, so one
# glued line among plain ones still decodes; a restart to 1 costs more than
# a jump, so a genuine gap (9, 11, 12) is not read as 9, 1, 2; starting at 1
# (or 2, when the first paragraph was lost) is preferred; reading a line as
# text costs a little, so only a line that breaks the sequence is skipped;
# removing a 1 costs a hair, so ties keep the number as written.
_START_BONUS = {1: 2.0, 2: 1.0}
_NEXT, _RESTART, _JUMP = 3.0, -1.5, -1.0
_SWITCH, _SKIP, _STRIP = 1.0, 0.5, 0.01
# States kept per line (a bound on the work for pathological inputs).
_KEEP = 8


class _State(NamedTuple):
    score: float
    back: tuple[int, int] | None  # previous state's key
    choice: int | None  # the value read on this line, None when skipped


def decode_numbers(items: Sequence[tuple[str, bool, bool]]) -> list[int | None]:
    """Decode a text's paragraph numbers as a whole.

    ``items`` holds, per numbered line, ``(digits, explicit, skippable)``:
    the digits as written, whether an unambiguous pilcrow form stood
    before them, and whether the line may be ordinary text.  Returns the
    number of each line, or ``None`` for lines read as text.

    Two readings of a bare number exist: as written, or without a leading
    ``1`` (a glued pilcrow).  A text is read in one of two modes, plain or
    glued, and switching mode between lines costs a little, so a text
    converted with glued pilcrows is read consistently while single mixed
    lines still decode.  Consecutive numbers score, restarts and jumps
    cost; the best-scoring path is returned (ties prefer the plain
    reading).
    """
    # A state is (last value, mode); value 0 means no paragraph yet.  The
    # transition scores and offers are inlined: this loop is the hot spot
    # of texts whose numbers are not simply 1, 2, 3...
    states: dict[tuple[int, int], _State] = {(0, _PLAIN): _State(0.0, None, None), (0, _GLUED): _State(0.0, None, None)}
    history: list[dict[tuple[int, int], _State]] = []
    bonus = _START_BONUS.get
    for digits, explicit, skippable in items:
        readings = _readings(digits, explicit)
        # A line with no possible number (``0.``) is text at no cost.
        skip = _SKIP if readings else 0.0
        may_skip = skippable or not readings
        new: dict[tuple[int, int], _State] = {}
        get = new.get
        for key, state in states.items():
            last, mode = key
            if may_skip:
                score = state.score - skip
                old = get(key)
                if old is None or score > old.score:
                    new[key] = _new(_State, (score, key, None))
            for value, reading_mode, cost in readings:
                to_mode = mode if reading_mode is None else reading_mode
                if last == 0:
                    gain = bonus(value, 0.0)
                elif value == last + 1:
                    gain = _NEXT
                else:
                    gain = _RESTART if value == 1 else _JUMP
                score = state.score - cost + gain
                if to_mode != mode:
                    score -= _SWITCH
                to = (value, to_mode)
                old = get(to)
                if old is None or score > old.score:
                    new[to] = _new(_State, (score, key, value))
        if len(new) > _KEEP:
            new = dict(sorted(new.items(), key=lambda kv: -kv[1].score)[:_KEEP])
        history.append(new)
        states = new
    if not history:
        return []
    key = max(states, key=lambda k: (states[k].score, -k[1]))
    out: list[int | None] = []
    for layer in reversed(history):
        state = layer[key]
        out.append(state.choice)
        assert state.back is not None
        key = state.back
    out.reverse()
    return out


def _readings(digits: str, explicit: bool) -> list[tuple[int, int | None, float]]:
    """(value, mode it implies or None for any, cost) for one numbered line."""
    value = int(digits)
    if explicit:
        return [(value, None, 0.0)] if value > 0 else []
    out: list[tuple[int, int | None, float]] = []
    if value > 0:
        out.append((value, _PLAIN, 0.0))
    if len(digits) >= 2 and digits[0] == "1" and digits[1] != "0":
        out.append((int(digits[1:]), _GLUED, _STRIP))
    return out


# -- marks ------------------------------------------------------------------


@element_parser
def parse_marking(source: str | Span | Sequence[Span], reporter: Reporter) -> str | None:
    """Read a portion mark such as ``(S//NF)`` or ``( C )``; ``None`` if there is none.

    The result is upper-cased, without parentheses and surrounding spaces.
    An unknown mark reports ``marking-invalid``.
    """
    spans = [s.strip() for s in as_spans(source) if s.text.strip()]
    if not spans:
        return None
    span = spans[0]
    marking, end, _ = _read_mark(span.text, 0)
    if marking is not None and not span.text[end:].strip():
        return marking
    reporter.report("marking-invalid", f"{span.text[:40]!r} is not a portion mark", span, field=_FIELD)
    return None


def render_marking(marking: str) -> str:
    """The canonical written mark: ``(S//NF)``."""
    return f"({marking})"


# -- paragraphs -------------------------------------------------------------


@element_parser
def parse_paragraphs(source: str | Span | Sequence[Span], reporter: Reporter) -> tuple[Paragraph, ...]:
    """The paragraphs of a cable's text, in order.

    ``source`` is the text after the Classified By line (or any part of a
    text), with page markers already removed.  Numbers are decoded with
    sequence awareness, portion marks read, headings attached and lines
    joined; see the module docstring for the rules.  Reports
    ``paragraph-repaired`` (info) for each pilcrow decoded or mark
    repaired, ``paragraph-number`` (warning) for numbers out of sequence,
    ``marking-invalid`` for unknown marks and ``sipdis-stray`` for SIPDIS
    removed from the text.
    """
    lines = _Lines(as_spans(source))
    for i in lines.sipdis:
        reporter.report("sipdis-stray", "stray SIPDIS line removed from the text", lines.span(i), field=_FIELD)
    starts = _decode(lines, reporter)
    _marked_starts(lines, starts)
    _underlined_starts(lines, starts)
    headings = _headings(lines, starts)
    return _build(lines, starts, headings, reporter)


def _decode(lines: _Lines, reporter: Reporter) -> dict[int, _Start]:
    """Decide which numbered lines start paragraphs: index -> (number, marking, text offset)."""
    numbers = lines.numbers  # filled in line order
    starts: dict[int, _Start] = {}
    texts = lines.texts
    # Numbers 1, 2, ..., n as written score best in decode_numbers (every
    # step earns the most, any other reading costs): skip its search.  The
    # digits are compared as strings first (no int() per line); numbers
    # written otherwise (``01.``) are compared as integers.
    written = [number.digits for number in numbers.values()]
    if written == _WRITTEN[: len(written)] or [int(d) for d in written] == list(range(1, len(written) + 1)):
        for value, (i, number) in enumerate(numbers.items(), 1):
            _, explicit, marking, rest, repair, lead = number
            # Numbers read as written and in sequence need only these tests.
            if explicit or repair is not None or (marking is None and texts[i].startswith("(", rest)):
                _report_number(reporter, lines, i, number, value, value - 1)
            starts[i] = _new(_Start, (value, marking, rest, lead))
        return starts
    values = decode_numbers(
        [(number.digits, number.explicit, number.marking is None and _mid_sentence(lines, i)) for i, number in numbers.items()]
    )
    kinds = lines.kinds
    last = 0
    for (i, number), decoded in zip(numbers.items(), values, strict=True):
        if decoded is None:
            kinds[i] = _TEXT
            continue
        _report_number(reporter, lines, i, number, decoded, last)
        last = decoded
        starts[i] = _new(_Start, (decoded, number.marking, number.rest, number.lead))
    return starts


# The digits of 1, 2, 3... as written.
_WRITTEN = [str(k) for k in range(1, 1000)]


def _mid_sentence(lines: _Lines, i: int) -> bool:
    """The line right before ``i`` is text that does not end a sentence."""
    if i == 0 or lines.kinds[i - 1] not in (_TEXT, _NUMBERED, _MARKED):
        return False
    return not _finished(lines.texts[i - 1])


def _report_number(reporter: Reporter, lines: _Lines, i: int, number: _Number, value: int, last: int) -> None:
    explicit = number.explicit
    glued = not explicit and str(value) != number.digits.lstrip("0")
    in_sequence = value == last + 1
    # Most numbered lines report nothing: their span is built only when needed.
    mark_like = in_sequence and number.marking is None and lines.texts[i].startswith("(", number.rest)
    if not (explicit or glued or number.repair is not None or not in_sequence or mark_like):
        return
    span = lines.span(i)
    if explicit:
        reporter.report("paragraph-repaired", f"pilcrow before paragraph {value} removed", span, field=_FIELD)
    elif glued:
        reporter.report("paragraph-repaired", f"{number.digits}. read as paragraph {value} (pilcrow glued as a 1)", span, field=_FIELD)
    if number.repair is not None:
        reporter.report("paragraph-repaired", f"paragraph {value}: {number.repair}", span, field=_FIELD)
    if not in_sequence:
        expected = last + 1
        reporter.report("paragraph-number", f"paragraph {value} where {expected} was expected", span, field=_FIELD)
    elif mark_like:
        m = _MARK_LIKE.match(span.text, number.rest)
        if m is not None:
            reporter.report("marking-invalid", f"{m.group(0)!r} is not a known portion mark", span, m.start(), field=_FIELD)


def _marked_starts(lines: _Lines, starts: dict[int, _Start]) -> None:
    """Lines opening with a portion mark start unnumbered paragraphs when they begin a sentence."""
    for i, (marking, end) in lines.marks.items():
        j, blank = lines.prev_nonblank(i)
        if j >= 0 and not blank and lines.kinds[j] not in (_RULE, _MARKED) and not _finished(lines.texts[j]):
            lines.kinds[i] = _TEXT
            continue
        if len(marking) == 1 and j >= 0 and _LIST_ITEM.match(lines.texts[j]):
            # (A) ... (B) ... (C): an upper-case list, not a mark.
            lines.kinds[i] = _TEXT
            continue
        starts[i] = _new(_Start, (None, marking, end, ""))


def _underlined_starts(lines: _Lines, starts: dict[int, _Start]) -> None:
    """Text right below an underlined or decorated heading starts a paragraph."""
    kinds = lines.kinds
    n = len(kinds)
    for i in sorted({*lines.rules, *lines.decorated}):
        # _candidate refuses a line that is not text (mostly a blank line
        # above a rule): tested here without the call.
        strong = (kinds[i] == _RULE and i > 0 and kinds[i - 1] >= _MARKED and _candidate(lines, i - 1)) or i in lines.decorated
        if not strong:
            continue
        head = i if i in lines.decorated else i - 1
        if not _heading_allowed(lines, head):
            continue
        j = i + 1
        while j < n and kinds[j] in (_BLANK, _RULE):
            j += 1
        if j < n and kinds[j] == _TEXT and j not in lines.decorated and not _candidate_followed_by_rule(lines, j):
            starts[j] = _new(_Start, (None, None, 0, ""))


def _candidate_followed_by_rule(lines: _Lines, i: int) -> bool:
    return i + 1 < len(lines.kinds) and lines.kinds[i + 1] == _RULE and _candidate(lines, i)


def _candidate(lines: _Lines, i: int, *, inner: bool = False) -> bool:
    """Could line ``i`` be (part of) a heading?  ``inner`` lines of a block may end with a comma."""
    kind = lines.kinds[i]
    if kind != _TEXT and kind != _MARKED:
        return False
    if i in lines.decorated:
        return True
    # The cheap tests on the last and first characters come first: most
    # lines above a paragraph end a sentence.
    text = lines.texts[i]
    last = text[-1]
    if last in ".,;" and not (inner and last in ",;"):
        return False
    if last in _CLOSERS and text.rstrip(_CLOSERS)[-1:] == ".":
        return False
    first = text[0]
    if first == "-" or first.islower() or (first == "(" and kind != _MARKED) or first == "[" or first == "¶":
        return False
    return len(text) <= 100 and ("XXXXXX" not in text or _REDACTED.match(text) is None)


def _heading_allowed(lines: _Lines, first: int) -> bool:
    """What stands above a heading's first line lets it be a heading."""
    if first == 0 or lines.kinds[first - 1] == _RULE:
        return True
    j, blank = lines.prev_nonblank(first)
    if j < 0 or lines.kinds[j] == _RULE:
        return True
    text = lines.texts[j]
    if _finished(text) and not text.endswith((":", ";")):
        return True
    return blank and not text.endswith((",", ":", ";", "-"))


def _headings(lines: _Lines, starts: dict[int, _Start]) -> dict[int, str]:
    """Heading text per paragraph start; the lines the headings use become blank."""
    headings: dict[int, str] = {}
    consumed: set[int] = set()
    texts = lines.texts
    kinds = lines.kinds
    for s in sorted(starts, reverse=True):
        if s in consumed:
            continue
        # Most paragraphs follow one that ends with a full stop, a line
        # _candidate refuses on its last character (a decorated line never
        # ends so): no heading, without the block search.
        j = s - 1
        while j >= 0 and kinds[j] <= _RULE:
            j -= 1
        if j < 0 or texts[j][-1] in ".,;":
            continue
        blocks = _heading_blocks(lines, s, starts, consumed)
        if not blocks:
            continue
        parts = []
        for first, last in reversed(blocks):
            if first == last:
                parts.append(_undecorate(texts[first]))
                consumed.add(first)
            else:
                parts.append(" ".join(_undecorate(texts[k]) for k in range(first, last + 1)))
                consumed.update(range(first, last + 1))
        headings[s] = parts[0] if len(parts) == 1 else " / ".join(p for p in parts if p)
    for k in consumed:
        starts.pop(k, None)
        kinds[k] = _BLANK
    lines.headed = consumed
    return headings


def _heading_blocks(lines: _Lines, s: int, starts: dict[int, _Start], consumed: set[int]) -> list[tuple[int, int]]:
    kinds = lines.kinds
    blocks: list[tuple[int, int]] = []
    j = s - 1
    while len(blocks) < 3:
        while j >= 0 and kinds[j] in (_BLANK, _RULE):
            j -= 1
        if j < 0 or j in consumed or (j in starts and kinds[j] != _MARKED) or not _candidate(lines, j):
            break
        underlined = j + 1 < len(kinds) and kinds[j + 1] == _RULE
        first = j
        if underlined:
            while first > j - 2 and first > 0 and _candidate(lines, first - 1, inner=True) and first - 1 not in consumed:
                first -= 1
        allowed = _heading_allowed(lines, first)
        if not allowed and first != j:
            # The lines above do not make a block: the underlined line alone.
            first = j
            allowed = _heading_allowed(lines, j)
        strong = underlined or j in lines.decorated or (first > 0 and kinds[first - 1] == _RULE)
        if not allowed or (blocks and not strong):
            break
        blocks.append((first, j))
        j = first - 1
    return blocks


def _finished(text: str) -> bool:
    """The line ends a sentence: . ! ? : or ; possibly followed by closing quotes or brackets."""
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", ":", ";") if text else False


def _undecorate(text: str) -> str:
    # _DECORATION_EDGE needs two rule characters or ``//`` at an end of the
    # line; the pattern is slow to rule out on long lines.
    if text[:2] in _EDGES or text[-2:] in _EDGES:
        return _DECORATION_EDGE.sub("", text).strip()
    return text.strip()


def _build(lines: _Lines, starts: dict[int, _Start], headings: dict[int, str], reporter: Reporter) -> tuple[Paragraph, ...]:
    """One paragraph per start, made of its lines up to the next start."""
    texts = lines.texts
    n = len(texts)
    bounds = sorted(starts)
    # Each line's share of the paragraph text: blank, dashed, SIPDIS and
    # heading lines give none (the only non-empty lines that are not kept).
    # A paragraph is then joined from a slice at C speed, with no list of
    # kept line numbers to build.
    body = texts.copy()
    for j in lines.rules:
        body[j] = ""
    for j in lines.sipdis:
        body[j] = ""
    for j in lines.headed:
        body[j] = ""
    # One look at the whole text tells whether any line may need cleaning
    # (a pilcrow or bracket opening it, SIPDIS in it) and whether any ends
    # with a hyphen (see _join); mostly none does.  The empty texts change
    # neither answer (no text holds a newline) and are cheaper to keep.
    joined = "\n".join(body)
    dirty = lines.pilcrows or "SIPDIS" in joined
    hyphens = dirty or _HYPHEN_NEWLINE.search(joined) is not None or joined[-1:] == "-"
    out: list[Paragraph] = []
    first = bounds[0] if bounds else n
    if first:
        parts = _pieces(lines, body, 0, first, reporter) if dirty else list(filter(None, body[:first]))
        if parts:
            reporter.mark("paragraphs[0]", lines.span(next((j for j in range(n) if texts[j]), 0)))
            out.append(Paragraph(None, None, None, _join(parts, hyphens)))
    bounds.append(n)
    raw_spans = lines.raw
    # Reporter.mark without its call: the first mark of a field wins.
    mark = reporter.anchors.setdefault
    for k in range(len(bounds) - 1):
        s = bounds[k]
        end = bounds[k + 1]
        number, marking, offset, lead = starts[s]
        at = len(out)
        # lines.span(s), inline: few lines have leading blanks to count.
        line, column, raw = raw_spans[s]
        if raw[:1].isspace():
            column += len(raw) - len(raw.lstrip())
        mark(_ANCHORS[at] if at < len(_ANCHORS) else f"paragraphs[{at}]", _new(Span, (line, column, texts[s])))
        head = texts[s][offset:]
        if head[:1] in ("¶", "[") or (dirty and "SIPDIS" in head):
            head = _clean_piece(lines.span(s, offset), reporter)
        head = f"{lead}{head.strip()}" if lead else head.strip()
        if dirty:
            parts = _pieces(lines, body, s + 1, end, reporter)
            if head:
                parts.insert(0, head)
            text = _join(parts, hyphens)
        else:
            # The start line's share is its text after number and mark; the
            # empty texts (blank lines, mostly before the next start) are
            # dropped at C speed.
            body[s] = head
            parts = list(filter(None, body[s:end]))
            text = _join(parts, hyphens) if hyphens else " ".join(parts)
        out.append(Paragraph(number, marking, headings.get(s), text))
    return tuple(out)


# Anchor names of the first paragraphs, made once.
_ANCHORS = tuple(f"paragraphs[{k}]" for k in range(64))


def _pieces(lines: _Lines, body: list[str], start: int, end: int, reporter: Reporter) -> list[str]:
    """The kept lines from ``start`` to ``end``, pilcrows and SIPDIS removed (lines left empty are dropped)."""
    parts = [_clean_piece(lines.span(j), reporter) for j in range(start, end) if body[j]]
    return [p for p in parts if p]


def _clean_piece(span: Span, reporter: Reporter) -> str:
    """One line's text: pilcrows before item letters and stray SIPDIS removed."""
    text = span.text
    first = text[:1]
    if first in ("¶", "["):
        m = _LETTER_PILCROW.match(text)
        if m is not None:
            reporter.report("markdown-pilcrow", "pilcrow before an item letter removed", span, field=_FIELD)
            text = text[m.end() :]
            span = span.sub(m.end())
    if "SIPDIS" in text:
        for m in _SIPDIS.finditer(text):
            reporter.report("sipdis-stray", "stray SIPDIS removed from the text", span, m.start() + len(m.group(0)) - 6, field=_FIELD)
        text = _SIPDIS.sub("", text)
    return text.strip()


def _join(parts: list[str], hyphens: bool) -> str:
    """Lines joined with spaces; ``hyphens`` is false when no line can end with a hyphen."""
    text = " ".join(parts)
    if not hyphens or _HYPHEN_SPACE.search(text) is None:
        return text
    out: list[str] = []
    for part in parts:
        if out:
            prev = out[-1]
            if len(prev) >= 2 and prev[-1] == "-" and prev[-2].isalpha() and part[:1].islower():
                out[-1] = prev + part
                continue
        out.append(part)
    return " ".join(out)


# -- rendering --------------------------------------------------------------


def render_paragraph(value: Paragraph) -> str:
    """Canonical text of one paragraph: optional heading line, blank line, then ``N. (MARK) text``."""
    body = _paragraph_line(value)
    if value.heading:
        return f"{value.heading}\n\n{body}"
    return body


def _paragraph_line(value: Paragraph) -> str:
    head = []
    if value.number is not None:
        head.append(f"{value.number}.")
    if value.marking is not None:
        head.append(render_marking(value.marking))
    if value.text:
        head.append(value.text)
    return " ".join(head)


def render_paragraphs(values: Iterable[Paragraph]) -> str:
    """Paragraphs separated by blank lines, each reading back as itself.

    A heading stands on its own line above its paragraph when it reads
    back that way.  Otherwise -- it ends with a full stop, is longer than a
    heading line, follows a sentence left open, or heads unnumbered text --
    it is framed by rules of dashes, as the cables underline headings: a
    long heading over two or three lines, stacked headings (``A / B``) one
    framed block each, and a heading no frame can hold written
    ``//HEADING//``.  An unnumbered paragraph that would read as the
    heading of the next one is written on two lines.
    """
    items = list(values)
    blocks = []
    for i, value in enumerate(items):
        body = _paragraph_line(value)
        if value.number is None and i + 1 < len(items) and not items[i + 1].heading and _reads_as_heading(body):
            body = _two_lines(body)
        if value.heading:
            previous = items[i - 1] if i else None
            body = f"{_render_heading(value, previous)}\n\n{body}"
        blocks.append(body)
    return "\n\n".join(blocks)


_RULE_LINE = "-" * 10
_HEADING_LINE = 100


def _reads_as_heading(text: str) -> bool:
    """Whether ``text``, alone on a line, may be read as (a line of) a heading."""
    return "\n" not in text and _candidate(_Lines([Span(1, 1, text)]), 0)


def _heading_line(text: str) -> bool:
    """Whether ``text`` on a line of its own reads back as that heading text."""
    return _reads_as_heading(text) and _undecorate(text) == text


def _render_heading(value: Paragraph, previous: Paragraph | None) -> str:
    heading = value.heading or ""
    open_before = previous is not None and previous.text.rstrip().endswith((",", ":", ";", "-"))
    plain = value.number is not None or value.marking is not None
    if plain and not open_before and _heading_line(heading):
        return heading
    # The other forms are checked by reading them back between the two
    # paragraphs, which is cheaper than knowing every way they can fail.
    forms = [f"{_RULE_LINE}\n{heading}\n{_RULE_LINE}"]
    parts = heading.split(" / ")
    if 1 < len(parts) <= 3:
        forms.append("\n".join(f"{_RULE_LINE}\n{p}" for p in parts) + f"\n{_RULE_LINE}")
    lines = _heading_lines(heading) if plain else None
    if lines is not None:
        forms.append("\n".join((_RULE_LINE, *lines, _RULE_LINE)))
    forms.append(f"{_RULE_LINE}\n//{heading}//")
    before = f"{_paragraph_line(previous)}\n\n" if previous is not None else ""
    body = _paragraph_line(value)
    for form in forms:
        read = parse_paragraphs(f"{before}{form}\n\n{body}", Reporter())
        if read[-1:] == (value,) and len(read) == (2 if previous is not None else 1):
            return form
    return heading


def _heading_lines(heading: str) -> list[str] | None:
    """``heading`` cut at spaces into two or three heading lines, or ``None``."""
    words = heading.split(" ")
    for count in (2, 3):
        size = -(-len(heading) // count)
        lines: list[str] = []
        for word in words:
            if lines and len(lines[-1]) + 1 + len(word) <= size + 10:
                lines[-1] += " " + word
            else:
                lines.append(word)
        if len(lines) == count and all(len(x) <= _HEADING_LINE for x in lines):
            return lines
    return None


def _two_lines(line: str) -> str:
    """``line`` cut where its second half cannot be read as a heading (after an unfinished sentence)."""
    for cut in range(line.rfind(" "), 0, -1):
        if line[cut] == " " and line[cut + 1 : cut + 2].isalpha() and not _finished(line[:cut]) and line[cut - 1] != "-":
            return f"{line[:cut]}\n{line[cut + 1 :]}"
    return line
