"""The TAGS line (FORMAT.md section 4.6): indexing codes, upper case, in order.

Keyword rule (:data:`START`): ``TAGS`` and ``TAG`` in any case, and the
misspellings ``TAGE``, ``TAGES``, ``TABS``, ``TGS`` in capitals, each
followed by a colon, white space or the end of the line; the misspellings
``TAS`` and ``AGS`` only with a colon, because as bare words they are too
close to ordinary text.

How the list is read:

* Tags are separated by spaces, commas or semicolons and may continue on
  the next lines.  Tag links (``[PREL](#)``, ``<a href='/tag/PREL_0.html'>
  PREL</a>``) count as their text.
* A word outside the vocabulary (``cableparse/vocab/tags.txt``, built from
  5 FAH-3) that is made of known tags, one of them a four-letter subject or
  program tag, is split: ``PHUMPGOV`` -> ``PHUM``, ``PGOV``.
* Person tags are kept whole: ``OVIP (STEINBERG, JAMES B.)`` gives ``OVIP``
  and ``STEINBERG, JAMES B.``.  Unparenthesised, two or more unknown words
  after ``OVIP`` or ``KPAO`` are one person written ``SURNAME, GIVEN``
  (``OVIP BIDEN JOSEPH`` -> ``OVIP``, ``BIDEN, JOSEPH``), so that both
  spellings give the same tag.
* Free-text pseudo-tags are kept whole: several unknown words between two
  commas (``Organized Crime``), or, in a list without commas, a run of
  unknown words of five letters or more (``HUMAN RIGHTS``).
* ``SIPDIS``, duplicates, stray punctuation, lower case, known misspellings
  and misspelt keywords are repaired with an info ``tags-repaired``;
  single-word tags outside the vocabulary get an info ``tags-unknown``.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..errors import Reporter, Span, element_parser
from .identifiers import vocab_table
from .joined import Joined
from .subject import collapse_spaces

__all__ = ["START", "TAG_KINDS", "parse_tags", "render_tags", "split_glued"]

#: Matches a TAGS keyword (any accepted variant) at a position.
START = regex.compile(r"(?:(?i:TAGS?)|TAGES?|TABS|TGS)(?=[\s:]|$)[ \t]*:?|(?:TAS|AGS)[ \t]*:")

_TYPO_KEYWORDS = frozenset({"TAGE", "TAGES", "TABS", "TGS", "TAS", "AGS"})

#: Every tag of the shipped vocabulary and its kind (subject, program,
#: geographic, region, organization).
TAG_KINDS: dict[str, str] = {row[0]: row[1] for row in vocab_table("tags.txt")}

# Misspellings met in real TAGS lines (cablemap's fix table).
_TYPOS = {"POGOV": "PGOV", "MOPPS": "MOPS", "KWWMN": "KWMN", "UNDESCO": "UNESCO"}
_PERSON_PROGRAMS = frozenset({"OVIP", "KPAO"})
_FIELD = "tags"

_TOKEN = regex.compile(
    r"""
      <a\b[^<>]*>(?P<link>[^<]*)</a>
    | \[(?P<md>[^\[\]]*)\]\([^()\s]*\)
    | \((?P<group>[^()]*)(?P<close>\)?)
    | (?P<sep>[,;])
    | (?P<word>[^\s\x1c-\x1f,;()\[\]<]+)
    | (?P<junk>\S)
    """,
    regex.VERBOSE,
)
# The regex module reads a group by number far faster than by name.
_TOKEN_GROUPS = _TOKEN.groupindex
_CLOSE = _TOKEN_GROUPS["close"]
_SUBJECT = regex.compile(r"(?i)SUBJ(?:ECT)?:?$")
# Characters that make a TAGS list more than words separated by spaces.
_SPECIAL = frozenset(",;<[()]")
_BRACKETS = frozenset("<[()]")
_LETTERS = regex.compile(r"[A-Z]+")
_ALNUM = regex.compile(r"[^\W_]")
# A tag written bare must read back as one word.
_BARE = regex.compile(r"[^\W_](?:[^\s\x1c-\x1f,;()\[\]<]*[^\W_])?")

# Pieces for splitting glued tags: letters-only vocabulary entries, by length.
_PIECES: dict[int, frozenset[str]] = {}
for _code in TAG_KINDS:
    if _LETTERS.fullmatch(_code):
        _PIECES[len(_code)] = _PIECES.get(len(_code), frozenset()) | {_code}
_MIN_GLUED = 6
# Vocabulary tags that read as themselves when written bare: upper-case
# letters and digits only (no punctuation to strip, no lower case to report).
_PLAIN_TAGS = frozenset(tag for tag in TAG_KINDS if tag.isascii() and tag.isalnum() and tag.isupper())


class _Word:
    """One tag candidate with where it stood."""

    __slots__ = ("group", "offset", "raw", "sep_before", "value")

    def __init__(self, value: str, raw: str, offset: int, *, group: bool, sep_before: bool) -> None:
        self.value = value
        self.raw = raw
        self.offset = offset
        self.group = group
        self.sep_before = sep_before


def split_glued(word: str) -> tuple[str, ...] | None:
    """Split a run of glued tags (``PHUMPGOV``) into vocabulary tags, or ``None``.

    The split must use only vocabulary tags, include a four-letter subject
    or program tag, and use as few pieces as possible.
    """
    n = len(word)
    if n < _MIN_GLUED or not _LETTERS.fullmatch(word):
        return None
    # best[i]: (pieces, no subject tag yet, length of the last piece) for
    # word[:i]; fewest pieces win, then splits holding a subject tag.
    best: list[tuple[int, bool, int] | None] = [None] * (n + 1)
    best[0] = (0, True, 0)
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        for length, pieces in _PIECES.items():
            piece = word[i : i + length]
            if len(piece) != length or piece not in pieces:
                continue
            subject = not here[1] or (length == 4 and TAG_KINDS[piece] in ("subject", "program"))
            candidate = (here[0] + 1, not subject, length)
            old = best[i + length]
            if old is None or candidate[:2] < old[:2]:
                best[i + length] = candidate
    result = best[n]
    if result is None or result[1]:
        return None
    parts = []
    end = n
    while end:
        cell = best[end]
        if cell is None:  # unreachable: every cell on the path was filled
            return None
        parts.append(word[end - cell[2] : end])
        end -= cell[2]
    return tuple(reversed(parts))


@element_parser
def parse_tags(source: str | Span | Sequence[Span], reporter: Reporter) -> tuple[str, ...]:
    """The tags of a TAGS field, upper case, in order, without duplicates.

    The first span starts with the keyword; the field may go on over the
    following spans.  See the module documentation for the repairs.
    """
    joined = Joined(source)
    text = joined.text
    lead = len(text) - len(text.lstrip())
    keyword = START.match(text, lead)
    if keyword is None:
        joined.report(reporter, "tags-repaired", "no TAGS keyword; the whole field is read as tags", lead, field=_FIELD)
        position = lead
    else:
        name = text[keyword.start() : keyword.end()].rstrip(": \t").upper()
        if name in _TYPO_KEYWORDS:
            joined.report(reporter, "tags-repaired", f"misspelt keyword {name!r} read as TAGS", lead, field=_FIELD)
        position = keyword.end()
    rest = text[position:]
    if rest.isprintable() and _BRACKETS.isdisjoint(rest):
        # The usual TAGS line: distinct vocabulary tags separated by spaces,
        # commas or semicolons, which _group would hand back as they are,
        # without a diagnostic (separators only matter around unknown words).
        plain = rest.replace(",", " ").replace(";", " ").split()
        if plain and _PLAIN_TAGS.issuperset(plain) and len(set(plain)) == len(plain):
            return tuple(plain)
    words, commas = _tokens(joined, position, reporter)
    tags = _group(words, commas, joined, reporter)
    if not tags:
        joined.report(reporter, "tags-missing", "the TAGS field lists no tags", position, field=_FIELD)
    return tags


def _tokens(joined: Joined, position: int, reporter: Reporter) -> tuple[list[_Word], bool]:
    """The tag candidates after the keyword, and whether commas separate them."""
    rest = joined.text[position:]
    if rest.isprintable() and _SPECIAL.isdisjoint(rest):
        return _plain_words(joined, rest, position, reporter), False
    words: list[_Word] = []
    commas = False
    sep = False
    for match in _TOKEN.finditer(joined.text, position):
        kind = match.lastgroup or "junk"
        if kind == "close":
            kind = "group"
        if kind == "sep":
            commas = sep = True
            continue
        if kind == "junk":
            joined.report(reporter, "tags-repaired", f"stray {match.group()!r} removed", match.start(), field=_FIELD)
            continue
        raw = match.group(_TOKEN_GROUPS[kind]) or ""
        if kind == "group":
            if not match.group(_CLOSE):
                joined.report(reporter, "tags-repaired", "unclosed parenthesis closed", match.start(), field=_FIELD)
            value = collapse_spaces(raw)
            if not _ALNUM.search(value):
                value = ""
        else:
            value, keyword = _word_value(raw)
            if kind == "word" and keyword:
                joined.report(reporter, "tags-repaired", "the TAGS field ends at a SUBJECT keyword", match.start(), field=_FIELD)
                break
        if not value:
            joined.report(reporter, "tags-repaired", f"stray {match.group()!r} removed", match.start(), field=_FIELD)
            continue
        words.append(_Word(value, raw, match.start(), group=kind == "group", sep_before=sep))
        sep = False
    return words, commas


def _plain_words(joined: Joined, rest: str, position: int, reporter: Reporter) -> list[_Word]:
    """The words of ``rest`` (at ``position``), a TAGS list of words separated by single spaces only.

    The usual TAGS line: it reads as :func:`_tokens` would read it, without the pattern.
    """
    words: list[_Word] = []
    at = position
    for raw in rest.split(" "):
        if raw:
            value, keyword = _word_value(raw)
            if keyword:
                joined.report(reporter, "tags-repaired", "the TAGS field ends at a SUBJECT keyword", at, field=_FIELD)
                break
            if value:
                words.append(_Word(value, raw, at, group=False, sep_before=False))
            else:
                joined.report(reporter, "tags-repaired", f"stray {raw!r} removed", at, field=_FIELD)
        at += len(raw) + 1
    return words


def _word_value(raw: str) -> tuple[str, bool]:
    """A written word as a tag candidate, and whether it is the SUBJECT keyword."""
    if raw.isascii() and raw.isalnum():
        # Most tags: nothing to strip, and only SUBJ or SUBJECT (any case) is the keyword.
        return raw, raw.upper() in ("SUBJ", "SUBJECT")
    value = _strip_punctuation(raw)
    return value, _SUBJECT.match(value) is not None


def _strip_punctuation(word: str) -> str:
    """``word`` without leading and trailing punctuation (``PGOV.`` -> ``PGOV``)."""
    first = _ALNUM.search(word)
    if first is None:
        return ""
    # Searching the reversed word keeps this linear for long punctuation runs.
    last = _ALNUM.search(word[::-1])
    return word[first.start() : len(word) - last.start()] if last else ""


def _known(value: str) -> bool:
    return value in TAG_KINDS or value in _TYPOS or split_glued(value) is not None


def _group(words: list[_Word], commas: bool, joined: Joined, reporter: Reporter) -> tuple[str, ...]:
    """Turn candidates into tags: persons, free text, glued and plain tags."""
    out: list[str] = []
    seen: set[str] = set()

    def emit(tag: str, word: _Word) -> None:
        if tag in seen:
            joined.report(reporter, "tags-repaired", f"duplicate tag {tag!r} removed", word.offset, field=_FIELD)
            return
        seen.add(tag)
        out.append(tag)

    def unknown(word: _Word) -> None:
        value = word.value.upper()
        joined.report(reporter, "tags-unknown", f"tag {value!r} is not in the vocabulary", word.offset, field=_FIELD)
        emit(value, word)

    lowered = next((w for w in words if w.raw != w.raw.upper()), None)
    if lowered is not None:
        joined.report(reporter, "tags-repaired", "tags written in lower case were upper-cased", lowered.offset, field=_FIELD)
    i = 0
    previous = ""
    while i < len(words):
        word = words[i]
        value = word.value.upper()
        if word.group:
            emit(value, word)
            previous, i = value, i + 1
            continue
        if value == "SIPDIS":
            joined.report(reporter, "tags-repaired", "SIPDIS on the TAGS line removed", word.offset, field=_FIELD)
            i += 1
            continue
        if _known(value):
            for tag in _decode(value, word, joined, reporter):
                emit(tag, word)
            previous, i = value, i + 1
            continue
        run = _unknown_run(words, i, commas)
        i += len(run)
        after_program = previous in _PERSON_PROGRAMS
        previous = run[-1].value.upper()
        if len(run) >= 2 and after_program:
            names = [w.value.upper() for w in run]
            person = names[0] + ", " + " ".join(names[1:])
            joined.report(reporter, "tags-repaired", f"person tag written as {person!r}", word.offset, field=_FIELD)
            emit(person, word)
            continue
        if not commas:
            # Without commas only long words make free text ("HUMAN RIGHTS");
            # the words up to the last short one stand alone.
            short = max((k for k, w in enumerate(run) if len(w.value) < 5 or not w.value.isalpha()), default=-1)
            for alone in run[: short + 1]:
                unknown(alone)
            run = run[short + 1 :]
        if len(run) >= 2:
            emit(" ".join(w.value.upper() for w in run), run[0])
        elif run:
            unknown(run[0])
    return tuple(out)


def _unknown_run(words: list[_Word], start: int, commas: bool) -> list[_Word]:
    """The unknown plain words from ``start`` on, within one comma item."""
    run = [words[start]]
    for word in words[start + 1 :]:
        if word.group or (commas and word.sep_before) or _known(word.value.upper()) or word.value.upper() == "SIPDIS":
            break
        run.append(word)
    return run


def _decode(value: str, word: _Word, joined: Joined, reporter: Reporter) -> tuple[str, ...]:
    """A known word as tags: itself, its repaired spelling, or its glued parts."""
    if value in TAG_KINDS:
        return (value,)
    if value in _TYPOS:
        fixed = _TYPOS[value]
        joined.report(reporter, "tags-repaired", f"misspelt tag {value!r} read as {fixed!r}", word.offset, field=_FIELD)
        return (fixed,)
    parts = split_glued(value) or (value,)
    joined.report(reporter, "tags-repaired", f"glued tags {value!r} split into {' '.join(parts)}", word.offset, field=_FIELD)
    return parts


def render_tags(tags: Sequence[str]) -> str:
    """The canonical TAGS line: ``TAGS: PREL PHUM ...``.

    Tags that are not single words (persons, free text) are put in
    parentheses.  When a space-separated line would read back differently
    (unknown words after OVIP), the tags are separated by commas instead.
    """
    if not tags:
        return "TAGS:"
    items = [tag if _BARE.fullmatch(tag) else f"({tag})" for tag in tags]
    spaced = "TAGS: " + " ".join(items)
    if parse_tags(spaced, Reporter()) == tuple(tags):
        return spaced
    return "TAGS: " + ", ".join(items)
