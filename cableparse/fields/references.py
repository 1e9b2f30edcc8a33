"""The REF list (FORMAT.md section 4.8): earlier cables and other documents.

Keyword rule (:data:`START`): ``REF``, ``REFS``, ``REF(S)``, ``REFTEL``,
``REFTELS``, ``REFERENCE`` and ``REFERENCES`` in any case when a colon
follows; without a colon only the capitalised ``REF``/``REFS``/``REF(S)``/
``REFTEL``/``REFTELS``, and only when an item label (``A.``, ``(A)``,
``A)``, ``[A]``, ``REF A SECSTATE ...``, ``REF A: ...``) or a citation (a station name
and a number) follows.  Prose such as ``REFERENCE TO ...`` or
``REFTEL reported ...`` is therefore not taken for the field.

How the items are read:

* Labels ``A.``, ``A)``, ``(A)``, ``[A]``, ``a.`` and ``REF A`` start an
  item at the beginning of a line; inside a line only the next letter in
  sequence does, and only after a number, a closing parenthesis, a comma,
  a semicolon or two spaces, so that initials (``JOHN B. SMITH``) do not
  split an item.
  Doubled labels (``A. A)``, ``A. REF A``) and pilcrow residue before a
  label (``¶B.``, ``[1](#)B.``, ``1B.``) are repaired (info ``ref-repaired``).
* An unlabelled list is split at semicolons (``SECSTATE 10152; 08 LUANDA
  536``); a part without a citation stays with the one before it.
* A citation is ``[YY|YYYY] STATION SERIAL [YY|(YY)]`` where the station
  (one to four words before the number) is an origin token or alias
  (:func:`~cableparse.fields.identifiers.origin_token`).  ``AND``, ``&`` or
  a comma followed by a bare number cites another serial of the same
  station and year (``BRASILIA 2799 AND 2764``).
* Every citation gives one :class:`~cableparse.model.Reference`; the
  citations of one item share its label and its text (the item as written,
  without label), so ``A. BRASILIA 2799 AND 2764`` gives two references
  labelled ``A`` with that same text.  An item without a citation (an
  e-mail, a telcon, ``SEPTEL``, a DTG message) gives one reference whose
  ``reference_id`` is ``None``.
* The year of a citation is the one written, else the ``year`` argument
  (the cable's DTG year).  With neither, the ``reference_id`` is ``None``
  and a ``reference-id-underivable`` warning is reported.
* ``REF: NONE`` and ``REF: N/A`` mean no references.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span, as_spans, element_parser
from ..model import Reference
from .identifiers import origin_token
from .joined import Joined
from .subject import collapse_spaces

__all__ = ["START", "parse_references", "render_references"]

_KEYWORD = r"REF(?:S|TELS?|\(S\))?"
_STATION_WORDS = r"[A-Z][A-Z'.-]*(?:[ \t][A-Z][A-Z'.-]*){0,3}"

#: Matches a REF keyword (any accepted variant) at a position.
START = regex.compile(
    rf"(?i:REF(?:S|TELS?|\(S\)|ERENCES?)?)[ \t]*:"
    rf"|{_KEYWORD}(?=[ \t]+(?:[A-Za-z][.)]|\([A-Za-z]\)|\[[A-Za-z]\]|[A-Z](?:[ \t]|:|$)|\d|{_STATION_WORDS}[ \t]+\d))"
)

_FIELD = "references"
_PILCROW = r"(?P<pilcrow>¶|\[(?:1|¶)\]\(\#[^)\s]*\)|<a\b[^<>]*>¶</a>|1(?=[A-Z][.)]\s))?"
_LABEL = regex.compile(
    rf"""{_PILCROW}
    (?:
        \((?P<letter>[A-Za-z])\)
      | \[(?P<letter>[A-Za-z])\]
      | (?P<letter>[A-Za-z])[.)]
      | REF[ \t]+(?P<letter>[A-Z])[ \t]*:?(?=\s|$)
    )
    (?=\s|$|(?<=[)\]])\S)""",
    regex.VERBOSE,
)
# The regex module reads a group by number far faster than by name.
_PILCROW_GROUP, _LETTER = _LABEL.groupindex["pilcrow"], _LABEL.groupindex["letter"]
_LABEL_FIRST = frozenset("¶[<1(")
_NONE = regex.compile(r"(?i)\s*(?:NONE|N/?A)\.?\s*$")
# Inside a line a label follows the end of the item before it: a serial,
# a closing parenthesis, a separator, or a gap of two spaces.  Initials in
# a description ("JOHN B. SMITH") follow a word and one space.
_INLINE = regex.compile(r"(?:\d[ \t]+|[);,][ \t]*|[ \t]{2,})(?=\S)")
_DIGIT = regex.compile(r"\d")
_TOKEN = regex.compile(r"(?P<num>\d+)|(?P<word>[A-Za-z][A-Za-z'’.\-]*)|(?P<paren>\(\s*(?:19|20)?\d{2}\s*\))|(?P<other>[^\sA-Za-z\d])")
_SERIAL_END = regex.compile(r"[/:Zz]|[.\-]\d")
_CONJUNCTION = frozenset({"AND", "&", ","})
# Paragraph portion marks written like a parenthesised label.
_PORTION_MARKS = frozenset({"(U)", "(C)", "(S)"})
_ANCHOR_WIDTH = 40
#: How much of a REF field is split into items (see _bounded).
_MAX_FIELD = 20_000


class _Tok(NamedTuple):
    kind: str
    text: str
    start: int
    end: int


# tuple.__new__ skips the NamedTuples' Python-level __new__ (tokens, items, citations).
_new_tok = tuple.__new__


class _Citation(NamedTuple):
    start: int
    token: str
    year: int | None
    serial: int


class _Item(NamedTuple):
    label: str | None
    start: int
    end: int
    #: Where the label stands (for diagnostics about it), -1 when unlabelled.
    label_at: int = -1


@element_parser
def parse_references(source: str | Span | Sequence[Span], reporter: Reporter, *, year: int | None = None) -> tuple[Reference, ...]:
    """The items of a REF field; the first span starts with the keyword.

    ``year`` is the cable's year (from its DTG): it dates citations that
    give none.  See the module documentation for labels and citations.
    """
    spans = as_spans(source)
    plain = _plain_items(spans)
    if plain is not None:
        joined, items = plain
        text = joined.text
        rest: list[Span] = []
    else:
        bounded, rest = _bounded(spans)
        joined = Joined(bounded)
        text = joined.text
        lead = len(text) - len(text.lstrip())
        keyword = START.match(text, lead)
        position = keyword.end() if keyword else lead
        first = _LABEL.match(text, lead)
        if first is not None and first.group(_LETTER) and text.startswith("REF", first.start()):
            # "REF A SECRETARY'S LETTER": the keyword doubles as the first label.
            position = lead
        body = text[position:]
        if not body.strip():
            joined.report(reporter, "ref-invalid", "the REF field lists no items", position, field=_FIELD)
            return ()
        if _NONE.match(body):
            return ()
        items = _items(joined, position, reporter)
    out: list[Reference] = []
    undated = -1
    for item in items:
        item_text = _clean(text[item.start : item.end])
        if not item_text:
            joined.report(reporter, "ref-invalid", f"REF item {item.label or ''} is empty".replace("  ", " "), item.start, field=_FIELD)
            continue
        citations = _citations(text, item.start, item.end)
        if item.label_at >= 0:
            _mark(joined, reporter, f"references[{len(out)}].label", item.label_at)
        if not citations:
            _mark(joined, reporter, f"references[{len(out)}]", item.start)
            out.append(Reference(item.label, None, item_text))
            continue
        for citation in citations:
            _mark(joined, reporter, f"references[{len(out)}]", citation.start)
            cited = citation.year if citation.year is not None else year
            if cited is None:
                undated = citation.start if undated < 0 else undated
                out.append(Reference(item.label, None, item_text))
                continue
            out.append(Reference(item.label, f"{cited % 100:02d}{citation.token}{citation.serial}", item_text))
    if rest:
        # Kept whole, not split into items: see _bounded.
        reporter.report(
            "ref-invalid", f"the REF field is longer than {_MAX_FIELD} characters; the rest is kept as one item", rest[0], field=_FIELD
        )
        out.append(Reference(None, None, _clean(" ".join(s.text for s in rest))))
    if undated >= 0:
        joined.report(
            reporter,
            "reference-id-underivable",
            "a reference gives no year and the cable's year is unknown",
            undated,
            field=_FIELD,
        )
    return tuple(out)


# The usual REF field: "REF: BOGOTA 2239" on one line, or items labelled
# A., B., C. ... in sequence, one or more a line, each item an optional year,
# words of letters and a serial.  No label can hide inside such an item (no
# word is one letter before a full stop, none is "REF", no semicolon, single
# spaces), and every full stop ends a label, so the items are where the
# full stops put them.
_PLAIN_ITEM = r"(?:[0-9]{2}(?:[0-9]{2})?[ ])?(?:(?!REF[ ])[A-Za-z]+[ ]){1,4}[0-9]{1,6}"
_PLAIN_LABELLED = rf"(?:[A-Z]\.[ \t]+{_PLAIN_ITEM}(?:[ \t]+|$))+"
_PLAIN_FIRST = regex.compile(rf"[ \t]*REF:[ \t]*(?:({_PLAIN_LABELLED})|{_PLAIN_ITEM}[ \t]*)")
_PLAIN_NEXT = regex.compile(rf"[ \t]*{_PLAIN_LABELLED}")


def _plain_items(spans: tuple[Span, ...]) -> tuple[Joined, list[_Item]] | None:
    """The joined field and its items when the field has the usual shape (see ``_PLAIN_ITEM``); else ``None``.

    The items are those :func:`_items` finds, without its search for labels.
    """
    m = _PLAIN_FIRST.fullmatch(spans[0].text) if spans else None
    if m is None:
        return None
    if m.start(1) < 0:
        if len(spans) > 1:
            return None
        text = spans[0].text
        return Joined(spans), [_new_tok(_Item, (None, text.index(":") + 1, len(text), -1))]
    items: list[_Item] = []
    expected = "A"
    offset = 0
    line = -1
    for k, span in enumerate(spans):
        text = span.text
        if k and (span.line <= line or _PLAIN_NEXT.fullmatch(text) is None):
            return None
        dot = text.find(".")
        while dot >= 0:
            if text[dot - 1] != expected:
                return None
            at = offset + dot - 1
            if items:
                items[-1] = _new_tok(_Item, (items[-1].label, items[-1].start, at, items[-1].label_at))
            items.append(_new_tok(_Item, (expected, at + 2, 0, at)))
            expected = chr(ord(expected) + 1)
            dot = text.find(".", dot + 1)
        offset += len(text) + 1
        line = span.line
    if offset > _MAX_FIELD:
        return None
    items[-1] = _new_tok(_Item, (items[-1].label, items[-1].start, offset - 1, items[-1].label_at))
    return Joined(spans), items


def _mark(joined: Joined, reporter: Reporter, key: str, offset: int) -> None:
    """Record where a reference (or its label) stands, for the cross-checks."""
    span, local = joined.locate(offset)
    if span is not None:
        # A short piece: anchors only give a position, and a list of
        # thousands of items on one line must not copy the line each time.
        reporter.mark(key, span.sub(local, local + _ANCHOR_WIDTH))


def _bounded(spans: Sequence[Span]) -> tuple[list[Span], list[Span]]:
    """The spans of the field's first ``_MAX_FIELD`` characters, and the rest.

    Real REF fields hold a few dozen items; a field of many thousands
    (concatenated lists, a runaway layout) would cost time for nothing, so
    only its start is split into items, cut at a line or a semicolon.
    """
    total = 0
    for i, span in enumerate(spans):
        total += len(span.text) + 1
        if total <= _MAX_FIELD:
            continue
        room = _MAX_FIELD - (total - len(span.text) - 1)
        cut = span.text.rfind(";", 0, max(room, 0)) + 1
        if cut <= 0 and i == 0:
            # One endless line: cut it at a space so the keyword stays.
            cut = span.text.rfind(" ", 0, room) + 1 or room
        if cut <= 0:
            return list(spans[:i]), list(spans[i:])
        return [*spans[:i], span.sub(0, cut)], [span.sub(cut), *spans[i + 1 :]]
    return list(spans), []


def _clean(text: str) -> str:
    """An item's text with spaces collapsed and trailing separators (``;``, ``AND``) dropped."""
    text = collapse_spaces(text)
    end = len(text)
    while end:
        if text[end - 1] in " ;,&":
            end -= 1
        elif text[end - 3 : end].upper() == "AND" and (end == 3 or text[end - 4] == " "):
            end -= 3
        else:
            break
    return text[:end]


def _items(joined: Joined, position: int, reporter: Reporter) -> list[_Item]:
    """Cut the field into items at their labels."""
    text = joined.text
    # Most lines open with their first word: only indented ones are walked.
    starts = {s if text[s : s + 1] not in (" ", "\t") else _indented(text, s) for s in (position, *_line_starts(joined)) if s >= position}
    candidates = sorted(starts.union(m.end() for m in _INLINE.finditer(text, position)))
    items: list[_Item] = []
    cursor = position
    label: str | None = None
    begin = position
    label_at = -1
    for at in candidates:
        match = _label(text, at) if at >= cursor else None
        if match is None:
            continue
        letter = match.group(_LETTER).upper()
        expected = chr(ord(label) + 1) if label else "A"
        if letter != expected and (at not in starts or match.group()[-3:].upper() in _PORTION_MARKS):
            # Out of sequence, a label starts a line; a portion mark never is one.
            continue
        if label is None:
            items.extend(_unlabelled(text, begin, match.start()))
        else:
            items.append(_new_tok(_Item, (label, begin, match.start(), label_at)))
        pilcrow = match.group(_PILCROW_GROUP)
        if pilcrow:
            joined.report(reporter, "ref-repaired", f"pilcrow residue before label {letter} removed", match.start(), field=_FIELD)
        cursor = _skip_doubled(joined, match.end(), letter, reporter)
        label, begin = letter, cursor
        label_at = match.end(_PILCROW_GROUP) if pilcrow else match.start()
    if label is None:
        items.extend(_unlabelled(text, begin, len(text)))
    else:
        items.append(_new_tok(_Item, (label, begin, len(text), label_at)))
    return items


def _label(text: str, at: int) -> regex.Match[str] | None:
    """The item label (``_LABEL``) at ``at``, if one is there."""
    first = text[at : at + 1]
    # A label opens with a letter, or a pilcrow's ¶ [ < 1, or "(".
    if first in _LABEL_FIRST or (first.isascii() and first.isalpha()):
        return _LABEL.match(text, at)
    return None


def _line_starts(joined: Joined) -> list[int]:
    """Where the field's lines begin.

    The text after an inline page marker is a span of its own on the same
    line: it continues that line, so a letter there must be the next label.
    """
    spans = joined.spans
    return [s for i, s in enumerate(joined.line_starts()) if i == 0 or spans[i].line != spans[i - 1].line]


def _indented(text: str, start: int) -> int:
    """``start`` moved past spaces and tabs."""
    end = len(text)
    while start < end and text[start] in " \t":
        start += 1
    return start


def _skip_doubled(joined: Joined, position: int, letter: str, reporter: Reporter) -> int:
    """Skip a repeated label right after a label (``A. A)``, ``A. REF A``)."""
    text = joined.text
    start = _indented(text, position)
    again = _label(text, start)
    if again is not None and again.group(_LETTER).upper() == letter and not again.group(_PILCROW_GROUP):
        joined.report(reporter, "ref-repaired", f"doubled label {letter} removed", start, field=_FIELD)
        return again.end()
    return position


def _unlabelled(text: str, start: int, end: int) -> list[_Item]:
    """Unlabelled text split at semicolons; citation-less parts join the one before."""
    items: list[_Item] = []
    part_start = start
    semicolons = []
    at = text.find(";", start, end)
    while at >= 0:
        semicolons.append(at)
        at = text.find(";", at + 1, end)
    for part_end in (*semicolons, end):
        if not text[part_start:part_end].strip():
            part_start = part_end + 1
            continue
        if items and not _citations(text, part_start, part_end):
            items[-1] = _new_tok(_Item, (None, items[-1].start, part_end, -1))
        else:
            items.append(_new_tok(_Item, (None, part_start, part_end, -1)))
        part_start = part_end + 1
    return items


def _citations(text: str, start: int, end: int) -> list[_Citation]:
    """The cable citations in ``text[start:end]``, in order."""
    if _DIGIT.search(text, start, end) is None:
        return []
    plain = _plain_citation(text, start, end)
    return plain if plain is not None else _token_citations(text, start, end)


def _token_citations(text: str, start: int, end: int) -> list[_Citation]:
    """The cable citations in ``text[start:end]``, read token by token."""
    # tuple.__new__ skips the NamedTuple's Python-level __new__ (many tokens).
    tokens = [_new_tok(_Tok, (m.lastgroup or "other", m.group(), *m.span())) for m in _TOKEN.finditer(text, start, end)]
    found: list[tuple[_Citation, int]] = []  # (citation, index of its last token)
    used: set[int] = set()
    for j, tok in enumerate(tokens):
        if j in used or not _is_serial(text, tok, end):
            continue
        station = _station(tokens, j)
        if station is None:
            continue
        first, token = station
        year, last = _year_around(tokens, first, j, used)
        if first > 0 and year is not None and tokens[first - 1].kind == "num":
            used.add(first - 1)
        used.update(range(first, last + 1))
        found.append((_new_tok(_Citation, (tokens[first].start, token, year, int(tok.text))), last))
    out: list[_Citation] = []
    for citation, last in found:
        out.append(citation)
        k = last + 1
        # "BRASILIA 2799 AND 2764, 2801": more serials of the same station.
        while k + 1 < len(tokens) and tokens[k].text.upper() in _CONJUNCTION:
            nxt = tokens[k + 1]
            if k + 1 in used or not _is_serial(text, nxt, end):
                break
            used.add(k + 1)
            out.append(_new_tok(_Citation, (nxt.start, citation.token, citation.year, int(nxt.text))))
            k += 2
    return out


def _plain_citation(text: str, start: int, end: int) -> list[_Citation] | None:
    """The citations of an item written ``[YY] STATION SERIAL`` and nothing else; ``None`` for other items.

    The usual item, read as :func:`_citations` reads it without the token
    pattern: words of letters only, one number at the end, maybe a year first.
    """
    piece = text[start:end]
    if not (piece.isascii() and piece.isprintable()):
        return None  # only plain spaces separate the words
    parts: list[tuple[str, int]] = []
    at = start
    for word in piece.split(" "):
        if word:
            parts.append((word, at))
        at += len(word) + 1
    last = len(parts) - 1
    serial = parts[-1][0] if parts else ""
    lead = 1 if parts and parts[0][0].isdigit() else 0
    if last <= lead or not serial.isdigit() or len(serial) > 6 or not all(word.isalpha() for word, _ in parts[lead:last]):
        return None
    # The longest run of up to four words before the serial that names a station.
    for begin in range(max(lead, last - 4), last):
        token = origin_token("".join(word for word, _ in parts[begin:last]))
        if token is not None:
            year = _year_value(parts[0][0]) if begin == 1 == lead else None
            return [_new_tok(_Citation, (parts[begin][1], token, year, int(serial)))]
    return []


def _is_serial(text: str, tok: _Tok, end: int) -> bool:
    if tok.kind != "num" or len(tok.text) > 6:
        return False
    if tok.start > 0 and not text[tok.start - 1].isspace():
        return False
    return _SERIAL_END.match(text, tok.end, min(end, tok.end + 2)) is None


def _station(tokens: list[_Tok], j: int) -> tuple[int, str] | None:
    """The longest run of up to four words before token ``j`` that names a station."""
    first = j
    while first > 0 and j - first < 4 and tokens[first - 1].kind == "word":
        first -= 1
    for begin in range(first, j):
        token = origin_token("".join(t.text for t in tokens[begin:j]))
        if token is not None:
            return begin, token
    return None


def _year_around(tokens: list[_Tok], first: int, j: int, used: set[int]) -> tuple[int | None, int]:
    """The year written before the station or after the serial, and the citation's last token."""
    if first > 0 and first - 1 not in used:
        before = tokens[first - 1]
        if before.kind == "num" and _year_value(before.text) is not None:
            return _year_value(before.text), j
    if j + 1 < len(tokens):
        after = tokens[j + 1]
        if after.kind == "paren":
            return _year_value(after.text.strip("() ")), j + 1
        following = tokens[j + 2] if j + 2 < len(tokens) else None
        if after.kind == "num" and (following is None or following.kind == "other") and _year_value(after.text) is not None:
            return _year_value(after.text), j + 1
    return None, j


def _year_value(text: str) -> int | None:
    if len(text) == 2:
        return int(text)
    if len(text) == 4 and text[:2] in ("19", "20"):
        return int(text)
    return None


def render_references(references: Sequence[Reference]) -> str:
    """The canonical REF field: ``REF: A. ...`` with one item per line.

    References that share a label and text (several serials of one item)
    are written once; unlabelled items are separated by semicolons.
    """
    lines: list[str] = []
    for (label, text), _ in itertools.groupby(references, key=lambda r: (r.label, r.text)):
        if label is None and lines:
            lines[-1] += f"; {text}"
        else:
            lines.append(f"{label}. {text}" if label else text)
    if not lines:
        return ""
    return "REF: " + "\n".join(lines)
