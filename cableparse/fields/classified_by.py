"""The Classified By line (FORMAT.md section 4.9): classifying official and reasons.

Keyword rule (:data:`START`): ``Classified By`` in any case, with or
without a colon, also misspelt (``Classiied``, ``Clasified``, ``Classfied``), and with
the prefixes ``(U)``, a paragraph number (``1. (U) CLASSIFIED BY``) or
``This message/cable (is) classified by``.

How the line is read:

* Repeated keywords (``Classified By: Classified by DCM ...``,
  ``CLASSIFIED CONFIDENTIAL BY``) are dropped (info ``classified-by-repaired``).
* The official ends where the reasons begin: at ``for``/``per``
  ``reason(s)`` (also wrapped, ``REA SONS``), at ``Reason(s):``, or at the
  first section number ``1.4``/``1.5`` (``Andrew Young, Political
  Counselor, 1.4 (b/d)``).
* Title and name: when the part before the first comma holds no title word
  and a later part does, the name comes first (``Rose E. Gottemoeller,
  Assistant Secretary``; ``Bodde Peter, Ambassador``) and the title is the
  rest.  Otherwise the title runs up to its last title word and the name
  follows (``Political Counselor Mark D. Clark``, ``CDA, A.I. RON
  MCMULLEN``).  Title words are listed in ``cableparse/vocab/titles.txt``;
  office symbols (``A/S``, ``POL/MC``, capitalised ``ISN`` in a mixed-case
  line) and misspellings one letter away from a long title word
  (``Couselor``, ``Cheif``) count too.
* Reasons are letters after a section number in any style (``(b) and
  (d)``, ``(b,d)``, ``(b/d)``, ``(B&D)``, ``b and d``, ``(b)(d)``,
  ``1.5.D.``); they are written ``1.4(b)``, sorted, without duplicates.  A
  letter that the section does not have (``1.5(h)``, anything after ``h``)
  is a ``classified-by-reason`` error at its column.
* ``0`` in a name where ``O`` was meant (``LEE 0. COLDREN``) is repaired.
* A derivative classification names its source after ``Derived from``
  (``Classified By: Derived from Multiple Sources``, ``CLASSIFIED BY:
  DERIVED FROM: ...``, ``Classified by <official>, Derived from: ...``):
  the source is kept in ``derived_from`` and ends at the reasons if any
  follow.  Such a line needs no reasons.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

import regex

from ..errors import Reporter, Span, element_parser
from ..model import ClassifiedBy
from .identifiers import vocab_table
from .joined import Joined

__all__ = ["START", "TITLE_WORDS", "parse_classified_by", "render_classified_by"]

_CLASSIFIED = r"clas{1,2}(?:i(?:fi|f|i)|fi)ed"

#: Matches a Classified By keyword (any accepted variant) at a position.
START = regex.compile(
    rf"(?i:(?:¶?\d{{1,2}}\.[ \t]*)?(?:\((?:U|C|S|SBU)\)[ \t]*)?"
    rf"(?:this[ \t]+(?:message|cable|telegram)[ \t]+(?:is[ \t]+)?)?{_CLASSIFIED}[ \t]+by)\b[ \t]*:?"
)

#: Words that make up officials' titles, lower case.
TITLE_WORDS: frozenset[str] = frozenset(row[0].lower() for row in vocab_table("titles.txt"))

_FIELD = "classified_by"
_AGAIN = regex.compile(rf"(?i)\s*{_CLASSIFIED}(?:\s+(?:confidential|secret|unclassified))?\s+by\b\s*:?")
# Wrapped lines leave up to three spaces inside a word ("REAS  ONS").
_WORD = r"(?:\b(?:for|per)\s+(?:the\s+)?)?\br {0,3}e {0,3}a {0,3}(?:s {0,3})?o {0,3}n(?: {0,3}s)?\b\s*[:.]?"
# Where the reasons begin: the reason word or the first section number,
# whichever comes first (one search finds the leftmost of the two).
_REASONS_START = regex.compile(rf"(?i)(?:{_WORD})|(?:(?:\b(?:for|per)\s+)?(?<![\d.])1 {{0,3}}\. {{0,3}}[0-9](?![0-9]))")
# What stands before the reason letters: the reason word (or a bare "for"),
# then an E.O. citation and "section"; every part optional, so it always matches.
_REASONS_LEAD = regex.compile(
    rf"(?i)(?:{_WORD}|(?:for|per)\s+)?\s*(?:E\.?\s?O\.?\s*\d{{5}}(?:\s*,?\s*as\s+amended)?\s*,?\s*)?(?:sections?\s*|sec\.\s*)?"
)
# One token that matters per match: what only separates tokens (conjunctions,
# punctuation, white space) is skipped in the same match, possessively so
# that no part of it is read again as a letter; at the end only "end" is left.
_REASON_TOKEN = regex.compile(
    r"""(?ix)
    (?:\ba\s{0,3}n\s{0,3}d\b|\bor\b|&|[(),/;:\-]|\.(?=\S)|\s+)*+
    (?:
      (?P<section>(?<![\d.])1\s{0,3}\.\s{0,3}(?P<number>[0-9])(?![0-9]))
    | (?P<letter>(?<![a-z])[a-z](?![a-z]|\.[a-z]))
    | (?P<stop>\.|\S)
    | (?P<end>$)
    )
    """
)
# The regex module reads a group by number far faster than by name.
_NUMBER, _LETTER, _STOP = (_REASON_TOKEN.groupindex[g] for g in ("number", "letter", "stop"))
_ZERO = regex.compile(r"(?<=[A-Za-z])0|0(?=[A-Za-z]|\.)")
_DERIVED_FROM = regex.compile(r"(?i)\bderived\s+from\b[ \t]*:?")


def may_say_derived(text: str) -> bool:
    """Whether ``text`` may hold the word "derived" in any case (a test before a pattern)."""
    # Case folding lets a non-ASCII letter stand for an ASCII one (İ for i).
    return not text.isascii() or "derived" in text.lower()


_CONNECTORS = frozenset({"of", "for", "the", "and", "to", "on", "in", "at", "a"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_OFFICE = regex.compile(r"[A-Z][A-Z/&-]*[A-Z]")
_VALID_LETTERS = {"4": "abcdefgh", "5": "abcdefg"}

# Misspelt long title words: one deletion away on either side
# ("Couselor", "Cheif", "Ambassaor", "Minster").
_LONG_TITLES = frozenset(w for w in TITLE_WORDS if len(w) >= 7 and w.isalpha())
_DELETES = frozenset(w[:i] + w[i + 1 :] for w in _LONG_TITLES for i in range(len(w)))


@element_parser
def parse_classified_by(source: str | Span | Sequence[Span], reporter: Reporter) -> ClassifiedBy | None:
    """The official and reasons of a Classified By field.

    The first span starts with the keyword; wrapped continuation lines may
    follow.  Returns ``None`` (with a ``classified-by-invalid`` warning)
    when neither an official nor a reason can be read.
    """
    joined = Joined(source)
    text = joined.text
    lead = len(text) - len(text.lstrip())
    keyword = START.match(text, lead)
    position = keyword.end() if keyword else lead
    while True:
        # Only a "c" (after white space) can repeat the keyword.
        first = text[position:].lstrip()[:1]
        again = _AGAIN.match(text, position) if first in ("C", "c") or first > "\x7f" else None
        if again is None:
            break
        joined.report(reporter, "classified-by-repaired", "repeated 'classified by' removed", position, field=_FIELD)
        position = again.end()
    if not text[position:].strip():
        joined.report(reporter, "classified-by-invalid", "nothing follows 'Classified By'", position, field=_FIELD)
        return None
    reasons_at = _reasons_start(text, position)
    official_end, derivation = reasons_at, None
    # Most lines do not mention a derivation (a non-ASCII letter may case-fold to an ASCII one).
    derived = _DERIVED_FROM.search(text, position) if may_say_derived(text) else None
    if derived is not None and derived.start() < reasons_at:
        # "Derived from: Multiple Sources, reasons 1.4 (c)": the source ends where the reasons begin.
        official_end = derived.start()
        reasons_at = _reasons_start(text, derived.end())
        derivation = _derivation(text[derived.end() : reasons_at])
    elif derived is not None:
        derivation = _derivation(text[derived.end() :])
    official = _official(joined, position, official_end, reporter)
    name, title = _split_official(official)
    # A derivative classification cites its source instead of reasons.
    reasons = _reasons(joined, reasons_at, reporter) if derivation is None or reasons_at < len(text) else ()
    if name is None and title is None and not reasons and derivation is None:
        joined.report(reporter, "classified-by-invalid", "no official and no reason could be read", position, field=_FIELD)
        return None
    return ClassifiedBy(name=name, title=title, reasons=reasons, derived_from=derivation)


def _derivation(text: str) -> str | None:
    """The source of a derivative classification, without the sentence's full stop."""
    derivation = " ".join(_drop_full_stop(_trim_tail(text)).split())
    return derivation or None


def _reasons_start(text: str, position: int) -> int:
    """Where the reasons begin (the end of the text when there are none)."""
    found = _REASONS_START.search(text, position)
    return found.start() if found is not None else len(text)


def _official(joined: Joined, start: int, end: int, reporter: Reporter) -> str:
    """The official's words, trimmed, with ``0`` for ``O`` repaired."""
    raw = joined.text[start:end]
    official = _trim_tail(raw)
    # An official usually opens with a letter: the characters are scanned only when not.
    if not (official[:1].isalnum() or any(c.isalnum() for c in official)):
        return ""
    official = _drop_full_stop(official)
    if "0" in official and _ZERO.search(official):
        joined.report(reporter, "classified-by-repaired", "'0' read as 'O' in the name", start + raw.find(official), field=_FIELD)
        official = _ZERO.sub("O", official)
    # A wrapped line's trailing space would double the space between words.
    return " ".join(official.split())


def _drop_full_stop(text: str) -> str:
    """``text`` without the sentence's full stop; an abbreviation keeps its own ("Jr.", "a.i.")."""
    last = text.rsplit(" ", 1)[-1]
    if text.endswith("..") or (text.endswith(".") and len(last.rstrip(".")) > 2 and "." not in last[:-1]):
        return text[:-1]
    return text


def _trim_tail(text: str) -> str:
    """``text`` stripped, without trailing ``,;:`` and a dangling ``for``/``per``."""
    text = text.strip()
    end = len(text)
    while end:
        if text[end - 1] in " \t,;:":
            end -= 1
        elif text[end - 3 : end].lower() in ("for", "per") and (end == 3 or text[end - 4] in " \t,;:"):
            end -= 3
        else:
            break
    return text[:end]


# Officials' words repeat from cable to cable (titles, the names of a post's
# officers): the answer is a pure function of the word.
@functools.lru_cache(maxsize=4096)
def _is_title(word: str, mixed_case: bool) -> bool:
    bare = word.rstrip(",;:").replace("’", "'")
    lower = bare.lower()
    if lower in TITLE_WORDS or lower.rstrip(".") in TITLE_WORDS:
        return True
    if "-" in bare.strip("-"):
        # Compounds such as Minister-Councelor or Pol-Econ.
        return all(_is_title(part, mixed_case) for part in bare.split("-") if part)
    if lower.rstrip(".") in _SUFFIXES:
        return False
    if "/" in bare and len(bare) > 2:
        return True
    if mixed_case and len(bare) >= 2 and _OFFICE.fullmatch(bare):
        return True
    return _misspelt_title(lower)


def _misspelt_title(lower: str) -> bool:
    if len(lower) < 6 or not lower.isalpha():
        return False
    if lower in _DELETES:
        return True
    shorter = [lower[:i] + lower[i + 1 :] for i in range(len(lower))]
    return any(w in _LONG_TITLES or w in _DELETES for w in shorter)


def _split_official(official: str) -> tuple[str | None, str | None]:
    """(name, title) of the official's words."""
    if not official:
        return None, None
    mixed = official != official.upper()
    parts = [p.strip() for p in official.split(",")]
    if len(parts) >= 2 and parts[0]:
        # "Clark T. Randt, Jr., Ambassador": a name suffix stays with the name.
        head = 1
        while head < len(parts) and parts[head].lower().rstrip(".") in _SUFFIXES:
            head += 1
        first_has_title = any(_is_title(w, mixed) for w in parts[0].split() if w.lower() not in _CONNECTORS)
        rest = [p for p in parts[head:] if p]
        if not first_has_title and rest and any(_is_title(w, mixed) for p in rest for w in p.split()):
            return ", ".join(parts[:head]), ", ".join(rest)
    # _official leaves single spaces between words.
    cut = -1
    end = 0
    for word in official.split(" "):
        end += len(word)
        if word and word.lower() not in _CONNECTORS and _is_title(word, mixed):
            cut = end
        end += 1
    if cut < 0:
        return official, None
    title = official[:cut].rstrip(",;:").strip()
    name = official[cut:].lstrip(",;: ").strip()
    return name or None, title or None


def _reasons(joined: Joined, start: int, reporter: Reporter) -> tuple[str, ...]:
    """The reasons written from ``start`` on, as ``1.4(b)``, sorted."""
    text = joined.text
    position = _REASONS_LEAD.match(text, start).end()  # type: ignore[union-attr]
    # The letters are read from the text after the reason word, and the
    # patterns look one character behind: that piece decides everything.
    before = max(position - 1, 0)
    tail = text[before:]
    read = _read_letters(tail, position - before) if len(tail) <= _CACHED_TAIL else _read_letters.__wrapped__(tail, position - before)
    found, notes = read
    for code, message, at in notes:
        joined.report(reporter, code, message, before + at, field=_FIELD)
    if not found:
        joined.report(reporter, "classified-by-invalid", "no classification reason found", min(start, len(text)), field=_FIELD)
    return found


#: The longest reason text whose reading is cached.
_CACHED_TAIL = 160


# Reason texts repeat from cable to cable ("1.4 (b) and (d)."): the letters
# and the diagnostics (with their offsets) are a pure function of the text.
@functools.lru_cache(maxsize=2048)
def _read_letters(text: str, position: int) -> tuple[tuple[str, ...], tuple[tuple[str, str, int], ...]]:
    """The sorted reasons of ``text`` from ``position`` on, and the (code, message, offset) to report."""
    section: str | None = None
    found: list[str] = []
    notes: list[tuple[str, str, int]] = []
    orphan = -1
    after_section = False
    for match in _REASON_TOKEN.finditer(text, position):
        kind = match.lastgroup
        if kind == "section" or kind == "number":
            section, after_section = match.group(_NUMBER), True
            continue
        if kind != "letter":
            if kind == "stop" and after_section and match.group(_STOP) == ".":
                continue
            break
        after_section = False
        letter = match.group(_LETTER).lower()
        at = match.start(_LETTER)
        if section is None:
            orphan = at if orphan < 0 else orphan
            continue
        valid = _VALID_LETTERS.get(section, "abcdefgh")
        if letter not in valid:
            notes.append(
                (
                    "classified-by-reason",
                    f"reason 1.{section}({letter}) does not exist: section 1.{section} has letters a-{valid[-1]}",
                    at,
                )
            )
            continue
        if section not in _VALID_LETTERS and section not in {r[2] for r in found}:
            notes.append(("classified-by-invalid", f"section 1.{section} is not a reason section (1.4 or 1.5)", at))
        reason = f"1.{section}({letter})"
        if reason in found:
            notes.append(("classified-by-repaired", f"duplicate reason {reason} removed", at))
            continue
        found.append(reason)
    if orphan >= 0:
        notes.append(("classified-by-invalid", "reason letters without a section number (1.4 or 1.5)", orphan))
    return tuple(sorted(found)), tuple(notes)


def render_classified_by(value: ClassifiedBy) -> str:
    """``Classified By: <title> <name> for reasons 1.4 (b) and (d).``

    A title holding a comma is written after the name
    (``Classified By: Rose E. Gottemoeller, Assistant Secretary, ...``).
    The source of a derivative classification comes last:
    ``Classified By: <title> <name>, Derived from: Multiple Sources``, or
    after the reasons' full stop.
    """
    name, title = value.name, value.title
    if name and title:
        # The title comes first unless it would not end with a title word.
        last = title.split()[-1] if title.split() else ""
        title_first = "," not in title and _is_title(last, title != title.upper())
        who = f"{title} {name}" if title_first else f"{name}, {title}"
    else:
        who = name or title or ""
    line = f"Classified By: {who}".rstrip()
    if value.reasons:
        groups = []
        for section, items in itertools.groupby(value.reasons, key=lambda r: r[:3]):
            letters = [f"({r[4]})" for r in items]
            listed = letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + " and " + letters[-1]
            groups.append(f"{section} {listed}")
        line += " for reasons " + " and ".join(groups) + "."
    if value.derived_from:
        joint = "," if who and not value.reasons else ""
        line += f"{joint} Derived from: {value.derived_from}"
    return line
