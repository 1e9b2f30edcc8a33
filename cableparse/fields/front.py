"""The front-matter layout: banner through Classified By (FORMAT.md 4 to 4.9).

Given the body's spans (page markers already removed), find the banner,
the corrected-copy line, captions, passing lines and the keyword fields
(E.O., TAGS, SUBJECT, REF, Classified By), hand each element's spans to
its parser, and return what is left: the text, from the first heading or
paragraph on.

The layout is anchored on keywords, not on positions:

* Before the banner: blank lines, a redacted version's date line
  (``Friday, 23 February 2001, 15:53``, kept in ``unparsed``; when the
  header has no DTG its date dates the cable, ``FrontMatter.dated``) and a
  corrected-copy line may stand.
* Between the banner and the first keyword field: captions, corrected-copy
  lines and passing lines (:mod:`cableparse.fields.captions`).
* From the first keyword on, each field runs from its keyword to the line
  before the next keyword, a blank line, or the start of the text (a
  numbered or portion-marked paragraph, a heading over a rule of dashes,
  ``Summary``, ``This is an action request`` ...).  Per field:

  - E.O.: one line, unless it ends with ``:`` ``,`` or ``;``;
  - TAGS: continues while the line ends with a comma or the next line is
    made of upper-case tag-like words;
  - SUBJECT: continues up to five more lines; a mixed-case line does not
    continue an upper-case subject;
  - REF: continues across blank lines while the next line opens with an
    item label (``B.``, ``(B)``, ``B)``, ``¶B.``, a leftover ``[1](#)B.``);
    several REF fields are read as one list;
  - Classified By: continues until the reasons are complete (a ``1.4`` or
    ``1.5`` section with its letters and balanced parentheses), then takes
    one more line made only of reason letters (``(d).``); a reason on the
    far side of one blank line is joined too.

* Keywords are found at the start of a line in all their accepted
  variants (the owning module's ``START`` pattern, with a fallback here),
  and inside a line in their strict forms (``TAGS:``, ``SUBJECT:``,
  ``REF:``, ``Classified By:``, ``E.O. 12958: DECL``) when newlines were
  lost: ``... SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS ...``.
* A caption line anywhere in the zone is a caption.  A line that no
  element claims is kept in ``unparsed`` when another keyword follows
  within three lines; otherwise the text begins there.  A repeated
  keyword other than REF also ends the zone.
* When the body neither starts with a banner nor shows a keyword field in
  its first eight non-blank lines, nothing is front matter and every span
  is returned as the rest.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Sequence
from typing import NamedTuple

import attrs
import regex

from ..errors import Reporter, Span
from ..model import Banner
from . import classified_by as _classified_by
from . import references as _references
from . import tags as _tags
from .banner import looks_like_correction, parse_correction, read_banner
from .captions import caption_only, parse_captions, passing_start
from .declass import parse_declassification
from .results import FrontMatter
from .subject import START as _SUBJECT_START
from .subject import parse_subject

__all__ = ["KEYWORD_KINDS", "parse_date_line", "parse_front_matter", "render_date_line"]

#: The keyword fields, in their conventional order.
KEYWORD_KINDS = ("eo", "tags", "subject", "ref", "clsby")

_I = regex.IGNORECASE

# Leftovers of pilcrow anchors before a line's first word: ¶, [1](#).
_PILCROW = r"(?:¶|\[[0-9]*\]\(#[^)\s]*\))"
_LEAD = regex.compile(rf"[ \t]*(?:{_PILCROW}[ \t]*)?")

# Keywords at the start of a line: fallbacks for the owners' START patterns.
_EO_START = regex.compile(
    r"E[ \t]?\.[ \t]?O[ \t]?\.?(?![A-Za-z])"
    r"|E[ \t]?\.?[ \t]?[O0][ \t]?\.?(?![A-Za-z0-9])(?=[ \t]*:?[ \t]*(?:1[0-9]{3,4}(?![0-9])|DECL|N[ \t]?/?[ \t]?A(?![A-Za-z])))",
    flags=_I,
)
_TAGS_START = regex.compile(r"(?:TAGS?|TAGES?|TABS|TGS)(?=[\s:]|$)[ \t]*:?|(?:TAS|AGS)[ \t]*:", flags=_I)
_REF_START = regex.compile(r"REF(?:ERENCES?|S|TELS?|\(S\))?(?![A-Za-z])", flags=_I)
_CLSBY_START = regex.compile(
    r"(?:\(U\)[ \t]*)?(?:THIS[ \t]+MESSAGE[ \t]+)?CLAS{1,2}I?F?I?E?D[ \t]+BY(?![A-Za-z])",
    flags=_I,
)

# Keywords inside a line: strict forms only.
_MID = regex.compile(
    r"(?P<eo>(?<![A-Za-z0-9])E\.?[ \t]?O\.?[ \t]?:?[ \t]?1[0-9]{3,4}(?![0-9])"
    r"(?=[ \t]*(?:AS[ \t]+AMENDED)?[ \t]*[:;,]?[ \t]*(?:DECL|N[ \t]?/[ \t]?A(?![A-Za-z])|DNG|[0-9]{1,4}[/-])))"
    r"|(?P<tags>(?<![A-Za-z])TAGS?:)"
    r"|(?P<subject>(?<![A-Za-z(])SUBJ(?:ECT)?:)"
    r"|(?P<ref>(?<![A-Za-z(])REF(?:S|TELS?)?:|(?-i:REF:)(?=[ \t]*\(?[A-Z][.)]))"
    r"|(?P<clsby>(?<![A-Za-z])CLASSIFIED[ \t]+BY:)",
    flags=_I,
)

# Every inside-a-line keyword holds one of these (upper-cased) pieces; a line
# without any is not searched with the slower pattern above.
_MID_HINT = regex.compile(r"TAGS?:|SUBJ(?:ECT)?:|REF(?:S|TELS?)?:|CLASSIFIED[ \t]+BY:|E\.?[ \t]?O\.?[ \t]?:?[ \t]?1[0-9]{3}")

# The text has begun: a numbered or portion-marked paragraph, a rule, a
# summary heading, an SBU notice, an action request.
_NUMBERED = rf"(?:{_PILCROW}[ \t]*)?[0-9]{{1,3}}[ \t]?[.)](?=[ \t(]|$)"
_PARAGRAPH = regex.compile(r"[ \t]*" + _NUMBERED)
_TEXT_START = regex.compile(
    r"[ \t]*(?:" + _NUMBERED + r"|\([ \t]*(?:U|SBU|LOU|C|S|TS|FOUO)(?:[ \t]*/{1,2}[ \t]*[A-Z][A-Z ]{0,20})?[ \t]*\)"
    r"|(?:-[ \t]?){3,}"
    r"|(?:BEGIN[ \t]+)?SUMMARY(?![A-Za-z])"
    r"|SENSITIVE[ \t]+BUT[ \t]+UNCLASSIFIED"
    r"|(?:THIS[ \t]+IS[ \t]+AN[ \t]+)?ACTION[ \t]+REQUEST"
    r"|(?:INTRODUCTION|BACKGROUND|COMMENT)[ \t]*[:.]?[ \t]*$"
    r")",
    flags=_I,
)
# How a text start can open (after spaces and tabs): its first character,
# or for a word its first two letters, upper-cased; other lines skip the
# pattern.  Non-ASCII characters always try it (case folding).
_TEXT_FIRST = frozenset("¶[0123456789(-")
_TEXT_HEADS = frozenset({"BE", "SU", "SE", "TH", "AC", "IN", "BA", "CO"})
_RULE = regex.compile(r"[ \t]*(?:-[ \t]?){3,}[ \t]*")
_DATE_LINE = regex.compile(
    r"[ \t]*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),"
    r"[ \t]+(?P<day>[0-9]{1,2})[ \t]+(?P<month>[A-Za-z]+)[ \t]+(?P<year>[0-9]{4}),[ \t]+(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})[ \t]*",
    flags=_I,
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_REF_LABEL = regex.compile(rf"[ \t]*(?:{_PILCROW}[ \t]*|1(?=[A-Z][.)]))?(?:\([ \t]*[A-Z][ \t]*\)|\[[A-Z]\]|[A-Z][.)])")
_PORTION_LABEL = regex.compile(r"[ \t]*\([ \t]*[UCS][ \t]*\)")
_TAGLIKE = regex.compile(
    r"[ \t]*(?:[A-Z][A-Z0-9/&.-]{0,11}|\([^()]{1,40}\))(?:[ \t,;]+(?:[A-Z][A-Z0-9/&.-]{0,11}|\([^()]{1,40}\)))*[ \t,;.]*",
)
_REASON = regex.compile(r"1[ \t]?\.[ \t]?[4-6][ \t]*(?:\(|[.,:]?[ \t]*[A-Ha-h](?![A-Za-z]))")
_DERIVED = regex.compile(r"(?<![A-Za-z])derived(?![A-Za-z])", flags=_I)
_REASON_OPEN = regex.compile(r"(?:[,(/&]|(?<![A-Za-z])(?:and|an|or|reasons?|reas|reaso)[.:]?)[ \t]*$", flags=_I)
_REASON_START = regex.compile(r"[ \t]*1[ \t]?\.[ \t]?[0-9]")
_RESIDUE = regex.compile(r"(?:[ \t(),.;:&/]|(?<![A-Za-z])[a-hA-H](?![A-Za-z])|(?<![A-Za-z])(?:and|nd|or)(?![A-Za-z]))+", flags=_I)
_LOWER = regex.compile(r"[a-z]")

#: How many non-blank lines a keyword field may lie below an unclaimed line.
_LOOKAHEAD = 3
#: The most lines a Classified By field takes (four while its reasons are
#: incomplete, then one line of reason letters).
_CLSBY_LINES = 5
#: Without a banner, the first keyword must be within this many non-blank lines.
_NO_BANNER_WINDOW = 8
#: With a banner, how far the first keyword is searched for.
_BANNER_WINDOW = 60

_FIELD_NAMES = {
    "eo": "declassification",
    "tags": "tags",
    "subject": "subject",
    "ref": "references",
    "clsby": "classified_by",
}


def _start_patterns() -> dict[str, tuple[regex.Pattern[str], ...]]:
    """Each field's line-start keyword patterns: the owner's first, then ours."""

    def owned(module: types.ModuleType, fallback: regex.Pattern[str]) -> tuple[regex.Pattern[str], ...]:
        start = getattr(module, "START", None)
        return (start, fallback) if isinstance(start, regex.Pattern) else (fallback,)

    return {
        "eo": (_EO_START,),
        "tags": owned(_tags, _TAGS_START),
        "subject": (_SUBJECT_START,),
        "ref": owned(_references, _REF_START),
        "clsby": owned(_classified_by, _CLSBY_START),
    }


_STARTS = _start_patterns()


# How every accepted line-start keyword form begins (E.O., EO, E. O., TAGS,
# TGS, AGS:, SUBJECT, UBJECT, REF, CLASSIFIED BY, (U) Classified By, This
# message classified by; "1. Classified by" begins with a digit), and the
# one field whose patterns can match there: other lines, most of the zone,
# skip the patterns, and a keyword line tries one field's patterns only.
_HEAD_KIND = {
    **dict.fromkeys(("E.", "EO", "E0", "E "), "eo"),
    **dict.fromkeys(("TA", "TG", "AG"), "tags"),
    **dict.fromkeys(("SU", "UB"), "subject"),
    "RE": "ref",
    **dict.fromkeys(("CL", "TH", "(U", "(C", "(S", "( "), "clsby"),
}


def _text_starts(text: str) -> bool:
    """Whether ``text`` opens the text (``_TEXT_START``)."""
    head = text.lstrip(" \t")[:2]
    if not (head[:1] in _TEXT_FIRST or head.upper() in _TEXT_HEADS or not head.isascii()):
        return False
    return _TEXT_START.match(text) is not None


def _is_rule(text: str) -> bool:
    """Whether ``text`` is a rule of dashes."""
    return text.lstrip(" \t")[:1] == "-" and _RULE.fullmatch(text) is not None


class _Seg(NamedTuple):
    """A piece of a line: a keyword field's start (``kind``) or plain text."""

    span: Span
    kind: str | None
    row: int  # index of the line in the body's spans
    #: Whether the piece opens the text (``_text_starts``), when already known.
    opens: bool | None = None


_new_seg = tuple.__new__  # skips the NamedTuple's Python-level __new__


def _segments(span: Span, index: int) -> list[_Seg]:
    """Split a line at its keywords: plain text, if any, then one piece per keyword."""
    text = span.text
    hits: list[tuple[int, str]] = []
    pos = 0
    if text[:1] in (" ", "\t", "¶", "["):
        lead = _LEAD.match(text)
        pos = lead.end() if lead is not None else 0
    # The field whose keyword opens the line (line-start forms), inlined:
    # a call per line costs.
    head = text[pos : pos + 2].upper()
    kind = _HEAD_KIND.get(head)
    # "1. Classified by": no other keyword opens with a digit, and numbered
    # paragraphs, the usual digit lines, hold no "clas".
    if kind is None and head[:1].isdigit() and "clas" in text.casefold():
        kind = "clsby"
    if kind is not None:
        for pattern in _STARTS[kind]:
            m = pattern.match(text, pos)
            if m is not None and m.end() > pos:
                break
        else:
            kind = None
    opens = None
    if kind is not None:
        hits.append((pos, kind))
    elif _text_starts(text):
        # A paragraph or heading: the zone ends here, so its (often long)
        # text is not searched for keywords run into it.
        return [_new_seg(_Seg, (span, None, index, True))]
    else:
        opens = False
    start = pos + 1 if kind else pos
    if (":" in text or "1" in text) and _mid_hint(text.upper(), start):
        hits.extend((m.start(), m.lastgroup or "") for m in _MID.finditer(text, start))
    if not hits:
        return [_new_seg(_Seg, (span, None, index, opens))]
    if len(hits) == 1 and hits[0][0] == 0:
        return [_new_seg(_Seg, (span, hits[0][1], index, None))]  # the usual keyword line
    segs = []
    if hits[0][0] > 0 and text[: hits[0][0]].strip(" \t¶"):
        segs.append(_new_seg(_Seg, (span.sub(0, hits[0][0]), None, index, None)))
    for n, (start, what) in enumerate(hits):
        end = hits[n + 1][0] if n + 1 < len(hits) else len(text)
        segs.append(_new_seg(_Seg, (span.sub(start, end), what, index, None)))
    return segs


def _mid_hint(up: str, start: int) -> bool:
    """Whether upper-cased ``up`` may hold an inside-a-line keyword from ``start`` on."""
    # The others hold a colon after TAG, SUBJ, REF or CLASSIFIED.
    if up.find(":", start) < 0 or (
        up.find("TAG", start) < 0 and up.find("SUBJ", start) < 0 and up.find("REF", start) < 0 and up.find("CLASSIFIED", start) < 0
    ):
        # E.O. 12958: a "1" before three digits, after an O and at most four
        # of . : space tab, the O after an E and at most two of . space tab.
        one = up.find("1", start)
        while one >= 0:
            o = up.rfind("O", max(start, one - 5), one) if up[one + 1 : one + 4].isdigit() else -1
            if o >= 0 and not up[o + 1 : one].strip(". \t:"):
                e = up.rfind("E", max(start, o - 3), o)
                if e >= 0 and not up[e + 1 : o].strip(". \t"):
                    break
            one = up.find("1", one + 1)
        else:
            return False
    return _MID_HINT.search(up, start) is not None


def _next_nonblank(spans: Sequence[Span], i: int) -> int:
    n = len(spans)
    while i < n and not spans[i].text.strip():
        i += 1
    return i


def _text_start(spans: Sequence[Span], seg: _Seg) -> bool:
    """Whether the text (headings, paragraphs) begins at ``seg``."""
    if seg.opens if seg.opens is not None else _text_starts(seg.span.text):
        return True
    nxt = seg.row + 1
    return nxt < len(spans) and _is_rule(spans[nxt].text)


@attrs.define
class _Layout:
    """Walks the body once, collecting each element's spans."""

    spans: Sequence[Span]
    reporter: Reporter
    date_lines: list[Span] = attrs.field(factory=list)
    corrections: list[Span] = attrs.field(factory=list)
    caption_zone: list[Span] = attrs.field(factory=list)
    fields: dict[str, list[Span]] = attrs.field(factory=dict)
    unparsed: list[Span] = attrs.field(factory=list)
    rest: list[Span] = attrs.field(factory=list)
    banner_span: Span | None = None
    _segs: dict[int, list[_Seg]] = attrs.field(factory=dict)
    _starts: dict[tuple[int, int], bool] = attrs.field(factory=dict)

    def segments(self, index: int) -> list[_Seg]:
        """Line ``index`` split at its keywords (computed once per line)."""
        segs = self._segs.get(index)
        if segs is None:
            segs = self._segs[index] = _segments(self.spans[index], index)
        return segs

    def text_start(self, seg: _Seg) -> bool:
        """Whether the text begins at ``seg`` (computed once per piece of a line)."""
        key = (seg.row, seg.span.column)
        found = self._starts.get(key)
        if found is None:
            found = self._starts[key] = _text_start(self.spans, seg)
        return found

    def keyword_ahead(self, index: int) -> bool:
        """Whether a keyword field opens within the next few non-blank lines."""
        seen = 0
        i = index + 1
        n = len(self.spans)
        while i < n and seen < _LOOKAHEAD:
            span = self.spans[i]
            i += 1
            if not span.text.strip():
                continue
            seen += 1
            segs = self.segments(i - 1)
            if segs[-1].kind:  # a line holding a keyword ends with a keyword piece
                return True
            if self.text_start(segs[0]):
                return False
        return False

    def first_keyword(self, start: int, extra: list[_Seg], window: int) -> int | None:
        """Index of the line holding the first keyword, or ``None``; ``-1`` means in ``extra``."""
        if any(s.kind for s in extra):
            return -1
        seen = 0
        i = start
        n = len(self.spans)
        while i < n and seen < window:
            span = self.spans[i]
            if span.text.strip():
                seen += 1
                segs = self.segments(i)
                if segs[-1].kind:  # a line holding a keyword ends with a keyword piece
                    return i
                if self.text_start(segs[0]):
                    return None
            i += 1
        return None


def parse_front_matter(spans: Sequence[Span], reporter: Reporter, *, year: int | None) -> tuple[FrontMatter, list[Span]]:
    """Parse the banner through Classified By; return them and the remaining spans.

    ``spans`` are the body's lines with page markers removed; ``year`` is the
    cable's (DTG) year, used to date references that give none.  The
    returned spans are where the text (headings and paragraphs) begins.
    Lines of the zone that no element claims are in ``FrontMatter.unparsed``.
    """
    spans = list(spans)
    lay = _Layout(spans, reporter)
    n = len(spans)

    # -- before and at the banner
    i = _next_nonblank(spans, 0)
    first = i
    banner = None
    extra: list[_Seg] = []  # what follows the banner on its line
    for _ in range(4):
        i = _next_nonblank(spans, i)
        if i >= n:
            break
        span = spans[i]
        if "," in span.text and _DATE_LINE.fullmatch(span.text):
            lay.date_lines.append(span)
        elif looks_like_correction(span.text):
            lay.corrections.append(span)
        else:
            found = read_banner(span, reporter)
            if found is not None:
                banner = found.banner
                lay.banner_span = span
                after = span.text[found.end :]
                if after.strip():
                    extra = _segments(span.sub(found.end), i)
                i += 1
            break
        i += 1

    window = _BANNER_WINDOW if banner is not None else _NO_BANNER_WINDOW
    k = lay.first_keyword(i, extra, window)
    if banner is None and k is None and not lay.corrections:
        if first < n:
            reporter.report("banner-missing", "the body does not start with a classification banner", spans[first], field="banner")
        return FrontMatter(), spans
    if banner is None:
        reporter.report(
            "banner-missing", "no classification banner before the front matter", spans[first] if first < n else None, field="banner"
        )

    # -- the caption zone: banner remainder, then whole lines up to the first keyword
    pending: list[_Seg] = []
    for seg in extra:
        if seg.kind is not None:
            break
        pending.append(seg)
    if k is None:
        i = _caption_run(lay, spans, i, pending)
        return _finish(lay, banner, year), spans[i:]
    if k == -1:
        start_segs = extra[len(pending) :]
        i_fields = i
    else:
        for j in range(i, k):
            pending.append(_new_seg(_Seg, (spans[j], None, j, None)))
        line_segs = lay.segments(k)
        lead = line_segs[:1] if line_segs[0].kind is None else []
        pending.extend(lead)
        start_segs = line_segs[len(lead) :]
        i_fields = k + 1
    for seg in pending:
        _caption_zone_line(lay, seg, strict=banner is None)

    # -- the keyword fields
    _fields(lay, start_segs, i_fields)
    _keep_numbered_classified_by(lay)
    return _finish(lay, banner, year), lay.rest


_PARAGRAPH_NUMBER = regex.compile(r"[ \t]*¶?[0-9]{1,2}\.")
_NUMBER_FIRST = frozenset("¶0123456789")


def _keep_numbered_classified_by(lay: _Layout) -> None:
    """Older cables write Classified By as paragraph 1 (``1. Classified by ...``).

    The line then is both the Classified By field and the first paragraph of
    the text, so the text starts at it again.  Only when it is the last field,
    so that no other field is handed to the paragraphs.
    """
    field = lay.fields.get("clsby")
    if not field or field[0].text.lstrip(" \t")[:1] not in _NUMBER_FIRST or not _PARAGRAPH_NUMBER.match(field[0].text):
        return
    first = field[0].line
    if any(s.line > first for kind, spans in lay.fields.items() if kind != "clsby" for s in spans):
        return
    rows = [i for i, s in enumerate(lay.spans) if s.line == first]
    if rows:
        # Lines already handed to the text after the field stay in order.
        lay.rest = [*lay.spans[rows[0] : rows[0] + len(field)], *lay.rest] if lay.rest else list(lay.spans[rows[0] :])


def _caption_zone_line(lay: _Layout, seg: _Seg, *, strict: bool) -> None:
    text = seg.span.text
    if not text.strip():
        lay.caption_zone.append(seg.span)
    elif looks_like_correction(text):
        lay.corrections.append(seg.span)
    elif strict and not (caption_only(text) or passing_start(text)):
        lay.unparsed.append(seg.span)
    else:
        lay.caption_zone.append(seg.span)


def _caption_run(lay: _Layout, spans: Sequence[Span], i: int, pending: list[_Seg]) -> int:
    """Without keyword fields: take the caption and passing lines after the banner."""
    for seg in pending:
        _caption_zone_line(lay, seg, strict=False)
    n = len(spans)
    open_passing = False
    while i < n:
        span = spans[i]
        text = span.text
        if not span.text.strip():
            open_passing = False
        elif looks_like_correction(text):
            lay.corrections.append(span)
        elif caption_only(text):
            lay.caption_zone.append(span)
            open_passing = False
        elif passing_start(text) or (open_passing and not _text_start(spans, _Seg(span, None, i))):
            lay.caption_zone.append(span)
            open_passing = True
        else:
            break
        i += 1
    return i


def _fields(lay: _Layout, start_segs: list[_Seg], index: int) -> None:
    """Walk the keyword fields from ``start_segs`` (on line ``index - 1``) on."""
    spans = lay.spans
    fields = lay.fields
    n = len(spans)
    current: str | None = None
    gap = False
    # The pieces of the current line, and the next one to take.
    queue = start_segs
    q = 0
    i = index
    while True:
        if q == len(queue):
            if i >= n:
                return
            span = spans[i]
            i += 1
            if not span.text.strip():
                gap = True
                continue
            queue = lay.segments(i - 1)
            q = 0
        seg = queue[q]
        q += 1
        kind = seg.kind
        if kind is not None:
            if kind == current and _keyword_only(fields[kind][-1], seg):
                # "Classified By: Classified By: ..." -- the keyword written twice;
                # the two pieces of the line are handed on as one.
                last = fields[kind][-1]
                fields[kind][-1] = Span(last.line, last.column, last.text + seg.span.text)
                continue
            if kind in fields and kind != "ref":
                lay.rest = [seg.span, *[s.span for s in queue[q:]], *spans[i:]]
                return
            fields.setdefault(kind, []).append(seg.span)
            current, gap = kind, False
            continue
        text = seg.span.text
        if caption_only(text):
            lay.caption_zone.append(seg.span)
            continue
        if current is not None and _continues(lay, current, seg, gap):
            fields[current].append(seg.span)
            gap = False
            continue
        current, gap = None, False
        if not lay.text_start(seg) and lay.keyword_ahead(seg.row):
            if passing_start(text):
                lay.caption_zone.append(seg.span)
            else:
                lay.unparsed.append(seg.span)
            continue
        lay.rest = [seg.span, *[s.span for s in queue[q:]], *spans[i:]]
        return


def _keyword_only(last: Span, seg: _Seg) -> bool:
    """Whether ``last`` is a bare keyword that ``seg``, right after it on the same line, repeats."""
    if last.line != seg.span.line or last.column + len(last.text) != seg.span.column:
        return False
    end = _keyword_end(last.text, seg.kind or "")
    return end is not None and not last.text[end:].strip(" \t:")


def _keyword_end(text: str, kind: str) -> int | None:
    """Where the ``kind`` keyword that opens ``text`` ends, if one does."""
    lead = _LEAD.match(text)
    pos = lead.end() if lead is not None else 0
    for pattern in (*_STARTS.get(kind, ()), _MID):
        m = pattern.match(text, pos)
        if m is not None:
            return m.end()
    return None


def _continues(lay: _Layout, kind: str, seg: _Seg, gap: bool) -> bool:
    """Whether ``seg`` continues the open field ``kind``."""
    if gap:
        # Redacted versions put blank lines inside wrapped fields: across a
        # blank line a field continues only where it clearly does, or where
        # another keyword field follows close below.
        if kind == "ref" and _ref_label(seg.span.text):
            return True
        so_far = lay.fields[kind]
        if (
            kind == "clsby"
            and len(so_far) < _CLSBY_LINES
            and _REASON_START.match(seg.span.text)
            and not _reasons_complete(_written(so_far))
        ):
            return True
        return kind != "eo" and _continues_line(lay, kind, seg) and lay.keyword_ahead(seg.row)
    return _continues_line(lay, kind, seg)


def _ref_label(text: str) -> bool:
    """Whether ``text`` opens with a REF item label (not a portion-marked paragraph)."""
    m = _REF_LABEL.match(text)
    if m is None:
        return False
    # "(C) BRASILIA 34" is an item; "(C) The minister said" is a paragraph.
    return not (_PORTION_LABEL.fullmatch(m.group(0)) and _LOWER.search(text, m.end()))


def _written(spans: Sequence[Span]) -> str:
    return " ".join(s.text.strip() for s in spans)


def _continues_line(lay: _Layout, kind: str, seg: _Seg) -> bool:
    """Whether ``seg``, on the line right below, continues the open field ``kind``."""
    so_far = lay.fields[kind]
    text = seg.span.text
    if kind == "clsby":
        if len(so_far) >= _CLSBY_LINES:
            return False
        written = _written(so_far)
        if _reasons_complete(written):
            # "... Derived from: State Classification" wrapped anywhere after
            # "Derived": a source has no closing period, so the line right
            # below goes on.
            if _derived(written) and not written.endswith(".") and not _PARAGRAPH.match(text) and not _is_rule(text):
                return True
            # Reason letters wrapped onto this line ("and (b).") may be
            # followed by the derivative source ("and (b). Derived from: X").
            residue = _RESIDUE.match(text)
            return residue is not None and (residue.end() == len(text) or _DERIVED.match(text, residue.end()) is not None)
        # Reason letters such as "(c), and (d)." look like portion marks.
        return len(so_far) < _CLSBY_LINES - 1 and not _PARAGRAPH.match(text) and not _is_rule(text)
    if kind == "ref" and _ref_label(text):
        return True
    if lay.text_start(seg):
        return False
    if kind == "ref":
        return True
    if kind == "tags":
        return so_far[-1].text.rstrip().endswith(",") or _TAGLIKE.fullmatch(text) is not None
    if kind == "subject":
        first = so_far[0].text
        upper = _LOWER.search(first[_keyword_end(first, "subject") or 0 :]) is None
        return len(so_far) < 6 and not (upper and _LOWER.search(text))
    return so_far[-1].text.rstrip().endswith((":", ",", ";"))


def _derived(text: str) -> bool:
    """Whether ``text`` holds the word "derived" (any case)."""
    return _classified_by.may_say_derived(text) and _DERIVED.search(text) is not None


def _reasons_complete(text: str) -> bool:
    """Whether a Classified By text holds its reasons, with nothing left open."""
    m = _REASON.search(text) if "1" in text else None
    if m is None:
        return False
    if text.count("(") > text.count(")"):
        return False
    # Only the end can be open: search the last eight characters ("reasons:").
    return _REASON_OPEN.search(text, max(len(text.rstrip(" \t")) - 8, 0)) is None


def parse_date_line(text: str) -> dt.datetime | None:
    """The date of a redacted version's date line (``Friday, 23 February 2001, 15:53``), in UTC.

    ``None`` when ``text`` is not such a line or names no real date; the
    weekday is not checked.
    """
    m = _DATE_LINE.fullmatch(text)
    month = _MONTHS.index(m["month"].lower()) + 1 if m is not None and m["month"].lower() in _MONTHS else 0
    if m is None or not month:
        return None
    try:
        return dt.datetime(int(m["year"]), month, int(m["day"]), int(m["hour"]), int(m["minute"]), tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def _extra_date_lines(spans: Sequence[Span]) -> list[Span]:
    """Date lines beyond the first readable one (which becomes the dateline)."""
    for i, span in enumerate(spans):
        if parse_date_line(span.text) is not None:
            return [*spans[:i], *spans[i + 1 :]]
    return list(spans)


def render_date_line(value: dt.datetime) -> str:
    """A date line as the redacted versions write it: ``Friday, 23 February 2001, 15:53``."""
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[value.weekday()]
    return f"{weekday}, {value.day:02d} {_MONTHS[value.month - 1].capitalize()} {value.year}, {value.hour:02d}:{value.minute:02d}"


def _finish(lay: _Layout, banner: Banner | None, year: int | None) -> FrontMatter:
    """Run each element's parser on the spans the layout gave it."""
    reporter = lay.reporter
    fields = lay.fields
    # A cable without a DTG (a partial record) is dated by its date line.
    dated = next((d for d in (parse_date_line(s.text) for s in lay.date_lines) if d is not None), None)
    if year is None and dated is not None:
        year = dated.year
    if lay.banner_span is not None:
        reporter.mark("banner", lay.banner_span)
    for kind, field_spans in fields.items():
        reporter.mark(_FIELD_NAMES[kind], field_spans[0])
    correction = None
    for span in lay.corrections:
        if correction is None:
            correction = parse_correction(span, reporter)
        else:
            lay.unparsed.append(span)
    caps = parse_captions(lay.caption_zone, reporter) if lay.caption_zone else None
    declassification = parse_declassification(fields["eo"], reporter) if "eo" in fields else None
    tag_list: tuple[str, ...] = ()
    if "tags" in fields:
        tag_list = _tags.parse_tags(fields["tags"], reporter)
    subject = parse_subject(fields["subject"], reporter) if "subject" in fields else None
    references = _references.parse_references(fields["ref"], reporter, year=year) if "ref" in fields else ()
    classified = _classified_by.parse_classified_by(fields["clsby"], reporter) if "clsby" in fields else None

    if "tags" not in fields or "subject" not in fields:
        anchor = lay.banner_span or next(iter([s for f in fields.values() for s in f]), None)
        if "tags" not in fields:
            reporter.report("tags-missing", "the front matter has no TAGS line", anchor, field="tags")
        if "subject" not in fields:
            reporter.report("subject-missing", "the front matter has no SUBJECT line", anchor, field="subject")
    return FrontMatter(
        banner=banner,
        correction=correction,
        captions=caps.captions if caps else (),
        passing=caps.passing if caps else (),
        declassification=declassification,
        tags=tag_list,
        subject=subject.text if subject else None,
        subject_marking=subject.marking if subject else None,
        references=references,
        classified_by=classified,
        # The first readable date line is the cable's dateline; others stay unparsed.
        unparsed=tuple(sorted([*_extra_date_lines(lay.date_lines), *lay.unparsed], key=lambda s: (s.line, s.column)))
        if lay.date_lines or lay.unparsed
        else (),
        dated=dated,
    )
