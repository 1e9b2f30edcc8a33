"""The signature and what trails the text (FORMAT.md 4.13-4.14).

The signature is the last line of the text, normally the surname of the
chief of mission or the Secretary in capitals (``KEITH``, ``VAN VOORST``,
``KEEGAN PAAL``; mixed case ``Beyrle`` in redacted versions).  It may be
glued to the end of the last sentence (``... End Comment. DRUCKER``).

Below it the records may carry trailers that are not part of the cable:
``NNNN``, a classification line, ``End Cable Text``, a classified-website
footer (``Visit London's Classified Website: http://...``, also found just
above the signature), a ``Declassified/Released ... EO Systematic Review``
stamp, NCD metadata residue (``0 03/13/2008 9871 PGOV,PREL ...`` and what
follows), a lone ``.``, or a cut subject line ending in ``...``.
Recognised trailers are dropped with a ``text-trailer`` info diagnostic.
A text ending in ``...`` with no signature above it is a truncated record:
its last line stays text and the signature is missing.

Decisions where the format is silent:

* A standalone signature is one to three capitalised words (one or two
  when mixed case), without digits or a final period, and not a keyword
  (``END``, ``COMMENT``, ``SUMMARY`` ...).  A single lower-case word is
  accepted only when it stands apart (after a blank or a dashed line).
* A glued signature must follow a finished sentence (``.``, ``!``, ``?``,
  optionally closed by a quote or parenthesis), must not follow an
  abbreviation (``U.S.``, ``Mr.``), and is one or two upper-case words or
  one capitalised word.
* A doubled signature (``PARDEW PARDEW``) is read once, with a
  ``signature-repaired`` info diagnostic.
* A line after the signature that is not a known trailer makes that line
  the last line of the text: it stays text and the signature is reported
  missing, so that nothing is lost when a short last line only looks like
  a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span, as_spans, element_parser

__all__ = ["SignatureSplit", "parse_signature", "render_signature", "split_signature"]

_FIELD = "signature"

_UPPER_NAME = r"[A-Z][A-Z'’\-]+"
_CAP_NAME = r"(?:Mc|Mac|O')?[A-Z][a-z'’\-]*[a-z]"
# A line that is only a signature (possibly followed by a stray " .").
_STANDALONE = regex.compile(
    r"^(?P<name>" + _UPPER_NAME + r"(?: " + _UPPER_NAME + r"){0,2}|" + _CAP_NAME + r"(?: " + _CAP_NAME + r")?)"
    r"(?P<dot>[ \t]+\.)?$"
)
_LOWER_NAME = regex.compile(r"^[a-z]{3,15}$")
_UPPER_WORD = regex.compile(r"^" + _UPPER_NAME + r"$")
_CAP_WORD = regex.compile(r"^" + _CAP_NAME + r"$")
_SENTENCE_END = regex.compile(r"[.!?][)\]\"'’”]{0,2}$")
_ABBREVIATION = regex.compile(
    r"(?i)^(?:[A-Z]\.(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Amb|Gen|Sen|Rep|St|Mt|Lt|Col|Adm|Gov|Jr|Sr|No|Vol|Co|Inc|Ltd|Dept|Sec|Pres)\.)$"
)
_NOT_NAMES = frozenset(
    {
        "END",
        "COMMENT",
        "COMMENTS",
        "SUMMARY",
        "NOTE",
        "TEXT",
        "NNNN",
        "BT",
        "SIPDIS",
        "NOFORN",
        "CONFIDENTIAL",
        "SECRET",
        "UNCLASSIFIED",
        "UNCLAS",
        "LIMITED",
        "OFFICIAL",
        "USE",
        "THE",
        "A",
        "AN",
        "AND",
        "OR",
        "BUT",
        "IN",
        "ON",
        "AT",
        "TO",
        "OF",
        "FOR",
        "WITH",
        "HE",
        "SHE",
        "IT",
        "WE",
        "THEY",
        "THIS",
        "THAT",
        "THESE",
        "THOSE",
        "I",
        "YOU",
        "POST",
        "EMBASSY",
        "MISSION",
        "THANKS",
        "THANK",
        "REGARDS",
        "ACTION",
        "REQUEST",
        "BEGIN",
        "POINTS",
        "BACKGROUND",
        "CONCLUSION",
        "CABLE",
        "PARA",
        "PARAGRAPH",
        "REFTEL",
        "SEPTEL",
        "XXXXXXXXXXXX",
        "TAGS",
        "SUBJECT",
        "REF",
        "PAGE",
        "EXDIS",
        "NODIS",
        "LIMDIS",
        "SENSITIVE",
        "ENTIRE",
        "DECL",
    }
)

_NNNN = regex.compile(r"^(?:NNNN|BT|[.]+|END[ \t]+(?:OF[ \t]+)?CABLE(?:[ \t]+TEXT)?\.?)$", regex.IGNORECASE)
_CLASSIFICATION = regex.compile(
    r"^(?:TOP[ \t]+SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED[ \t]+OFFICIAL[ \t]+USE)"
    r"(?P<rest>[ \t/A-Z]{0,40})$"
)
_STAMP = regex.compile(r"(?i)^Declassified/Released\b")
_NCD = regex.compile(r"^[0-9]{1,3}[ \t]+[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}[ \t]+[0-9]+[ \t]+[A-Z]{2,}")
_FOOTER = regex.compile(
    r"(?i)(?:\"[ \t]*)?(?:please[ \t]+)?(?:visit[ \t]+\S+(?:[ \t]+\S+){0,3}?[ \t]+classified[ \t]+web[ \t]*site"
    r"|for[ \t]+more[ \t]+reporting[ \t]+from\b)"
)
_URLISH = regex.compile(r"(?i)https?://|www\.|\.s?gov\b|intelink|Portal:|\.c[ \t]?fm\b")
_TRAILING_NAME = regex.compile(r"[ \t](?P<name>" + _UPPER_NAME + r"|" + _CAP_NAME + r")[ \t]*$")
_RULE = regex.compile(r"^[-=_*~ \t]{3,}$")
_HANDLING = frozenset({"NOFORN", "EXDIS", "NODIS", "LIMDIS", "SENSITIVE", "FGI", "REL", "ORCON"})

# How many lines at the end are searched for NCD residue.
_NCD_WINDOW = 25


class SignatureSplit(NamedTuple):
    """The text without its ending: what :func:`split_signature` found."""

    text: list[Span]
    signature: str | None
    dropped: list[Span]


def split_signature(spans: Sequence[Span], reporter: Reporter) -> SignatureSplit:
    """Separate the signature and the trailers from the end of a text.

    Returns the spans of the text proper (a glued signature is cut off its
    line), the signature or ``None``, and the trailer spans that were
    dropped.  Reports ``text-trailer`` for each trailer, and
    ``signature-missing`` (warning) when no signature is found.
    """
    spans = list(spans)
    dropped: list[Span] = []
    end = _cut_ncd(spans, dropped, reporter)
    end, signature = _trailers(spans, end, dropped, reporter)
    if signature is None:
        end, signature = _signature_line(spans, end, dropped, reporter)
    else:
        end = _skip_blank(spans, end)
    if signature is not None:
        end = _footers_above(spans, end, dropped, reporter)
    text = spans[:end]
    if signature is None:
        glued = _glued(text, reporter)
        if glued is not None:
            signature, text[-1] = glued
    if signature is None:
        at = _last_text(text) or (spans[-1] if spans else None)
        reporter.report("signature-missing", "no signature at the end of the text", at, field=_FIELD)
    return SignatureSplit(text, signature, dropped)


def _cut_ncd(spans: list[Span], dropped: list[Span], reporter: Reporter) -> int:
    """NCD metadata residue: its first line and everything after it go."""
    end = len(spans)
    for i in range(max(0, end - _NCD_WINDOW), end):
        text = spans[i].text
        # The date's slash is a cheap test that most lines fail.
        if "/" in text and _NCD.match(text.lstrip()):
            reporter.report("text-trailer", "NCD metadata residue after the text dropped", spans[i].strip(), field=_FIELD)
            dropped.extend(s for s in spans[i:] if s.text.strip())
            return i
    return end


def _skip_blank(spans: Sequence[Span], end: int) -> int:
    while end > 0 and not spans[end - 1].text.strip():
        end -= 1
    return end


def _trailers(spans: list[Span], end: int, dropped: list[Span], reporter: Reporter) -> tuple[int, str | None]:
    """Drop trailer lines from the end; a footer may yield the signature glued to it."""
    signature = None
    while True:
        end = _skip_blank(spans, end)
        if end == 0:
            return end, signature
        span = spans[end - 1].strip()
        text = span.text
        if _is_trailer_line(text):
            reporter.report("text-trailer", f"trailer {text[:40]!r} dropped", span, field=_FIELD)
            dropped.append(span)
            end -= 1
            continue
        footer = _footer_block(spans, end)
        if footer is not None:
            first, cut = footer
            if signature is None:
                signature = _name_after_url(spans[end - 1].text)
            end = _drop_footer(spans, first, cut, end, dropped, reporter)
            if signature is not None:
                return end, signature
            continue
        if text.endswith("...") and not any(c.islower() for c in text) and _signature_above(spans, end - 1):
            reporter.report("text-trailer", f"cut subject line {text[:40]!r} dropped", span, field=_FIELD)
            dropped.append(span)
            end -= 1
            continue
        return end, signature


def _is_trailer_line(text: str) -> bool:
    # ``text`` is stripped and not empty; its first character tells which
    # of the anchored patterns can match (case-insensitive ones included:
    # no other character folds to these letters).
    first = text[0]
    if first in "NnBbEe.":
        return _NNNN.match(text) is not None
    if first in "Dd":
        return _STAMP.match(text) is not None
    if first in "-=_*~":
        return _RULE.match(text) is not None
    if first not in "TSCUL":
        return False
    m = _CLASSIFICATION.match(text)
    return m is not None and all(w in _HANDLING for w in m.group(1).replace("/", " ").split())  # group 1: rest


def _footer_block(spans: Sequence[Span], end: int) -> tuple[int, int] | None:
    """A classified-website footer ending at line ``end - 1``: (first line, cut column)."""
    if not _footer_words(spans, end):
        return None
    seen = 0
    for first in range(end - 1, max(-1, end - 12), -1):
        text = spans[first].text
        if not text.strip():
            continue
        seen += 1
        if seen > 4:
            return None
        m = _FOOTER.search(text) if _may_be_footer(text) else None
        if m is not None:
            tail = [spans[k].text for k in range(first + 1, end)]
            if all(not t.strip() or _URLISH.search(t) or _RULE.match(t) for t in tail):
                return first, m.start()
            return None
        if text.strip() and not _URLISH.search(text) and not _RULE.match(text):
            return None
    return None


def _may_be_footer(text: str) -> bool:
    # Literal tests first: the footer regex is case-insensitive and slow on long lines.
    return "lassified" in text or "LASSIFIED" in text or "eporting" in text or "EPORTING" in text


def _footer_words(spans: Sequence[Span], end: int) -> bool:
    """Whether a line :func:`_footer_block` may read holds a footer's word.

    Most texts have none, and this spares the address pattern on their
    last line, slow when that line is a whole paragraph.
    """
    seen = 0
    for first in range(end - 1, max(-1, end - 12), -1):
        text = spans[first].text
        if not text or text.isspace():
            continue
        if _may_be_footer(text):
            return True
        seen += 1
        if seen == 4:
            return False
    return False


def _drop_footer(spans: list[Span], first: int, cut: int, end: int, dropped: list[Span], reporter: Reporter) -> int:
    span = spans[first]
    footer = span.sub(cut)
    reporter.report("text-trailer", "classified-website footer dropped", footer, field=_FIELD)
    dropped.append(footer)
    dropped.extend(s for s in spans[first + 1 : end] if s.text.strip())
    left = span.sub(0, cut)
    if left.text.strip():
        spans[first] = Span(left.line, left.column, left.text.rstrip())
        return first + 1
    return first


def _name_after_url(text: str) -> str | None:
    """``... index. cfm Tuttle``: a name glued after a footer's address."""
    if "http" not in text:
        return None
    m = _TRAILING_NAME.search(text)
    if m is None:
        return None
    name = m.group(1)  # name
    if _URLISH.search(name) or name.upper() in _NOT_NAMES:
        return None
    return name if len(name) > 2 and name.lower() not in ("cfm", "htm", "html") else None


def _signature_above(spans: Sequence[Span], end: int) -> bool:
    end = _skip_blank(spans, end)
    return end > 0 and _standalone(spans[end - 1].text.strip(), lone=True) is not None


def _standalone(text: str, *, lone: bool) -> str | None:
    m = _STANDALONE.match(text)
    if m is not None:
        name = m.group(1)  # name
        if not any(w.upper() in _NOT_NAMES for w in name.split()):
            return name
        return None
    if lone and _LOWER_NAME.match(text) and text.upper() not in _NOT_NAMES:
        return text
    return None


def _signature_line(spans: list[Span], end: int, dropped: list[Span], reporter: Reporter) -> tuple[int, str | None]:
    end = _skip_blank(spans, end)
    if end == 0:
        return end, None
    span = spans[end - 1].strip()
    lone = end == 1 or not spans[end - 2].text.strip() or _RULE.match(spans[end - 2].text) is not None
    name = _standalone(span.text, lone=lone)
    if name is None:
        return end, None
    return end - 1, _undouble(name, span, reporter)


def _undouble(name: str, span: Span, reporter: Reporter) -> str:
    words = name.split()
    if len(words) == 2 and words[0] == words[1]:
        reporter.report("signature-repaired", f"doubled signature {name!r} read once", span, field=_FIELD)
        return words[0]
    return name


def _footers_above(spans: list[Span], end: int, dropped: list[Span], reporter: Reporter) -> int:
    """Footers and dashed lines standing between the text and the signature."""
    while True:
        end = _skip_blank(spans, end)
        if end == 0:
            return end
        text = spans[end - 1].text
        if _RULE.match(text):
            span = spans[end - 1].strip()
            reporter.report("text-trailer", "dashed line before the signature dropped", span, field=_FIELD)
            dropped.append(span)
            end -= 1
            continue
        footer = _footer_block(spans, end)
        if footer is None:
            return end
        end = _drop_footer(spans, footer[0], footer[1], end, dropped, reporter)


def _last_text(spans: Sequence[Span]) -> Span | None:
    for span in reversed(spans):
        if span.text.strip():
            return span.strip()
    return None


def _glued(text: list[Span], reporter: Reporter) -> tuple[str, Span] | None:
    """A signature glued after the last sentence: (name, the line without it)."""
    end = _skip_blank(text, len(text))
    if end == 0 or end != len(text):
        return None
    span = text[-1]
    line = span.text.rstrip()
    # Only the last few words matter; splitting from the right keeps this
    # linear however long the line is.
    words = line.rsplit(None, 3)
    if len(words) < 2:
        return None
    if words[-1][:1] == "." and len(words[-1]) > 3:
        # ``restructuring. .FARRAR``: a stray period glued to the name.
        words[-1] = words[-1][1:]
    if len(words) >= 3 and _UPPER_WORD.match(words[-1]) and _UPPER_WORD.match(words[-2]):
        before, name = words[-3], f"{words[-2]} {words[-1]}"
    elif _UPPER_WORD.match(words[-1]) or _CAP_WORD.match(words[-1]):
        before, name = words[-2], words[-1]
    else:
        return None
    if not _SENTENCE_END.search(before) or _ABBREVIATION.match(before.rstrip(")]\"'”’")):
        return None
    if any(w.upper() in _NOT_NAMES for w in name.split()):
        return None
    start = len(line) - len(words[-1])
    if " " in name:
        start = line.rfind(words[-2], 0, start)
    reporter.report("signature-repaired", f"signature {name!r} glued to the last sentence split off", span, start, field=_FIELD)
    rest = span.sub(0, start)
    return _undouble(name, span, reporter), Span(rest.line, rest.column, rest.text.rstrip())


@element_parser
def parse_signature(source: str | Span | Sequence[Span], reporter: Reporter) -> str | None:
    """The signature at the end of a text (the last lines of a cable suffice).

    Trailers below the signature are skipped; a signature glued to the
    last sentence is found too.  Returns ``None`` and reports
    ``signature-missing`` when there is none.
    """
    return split_signature(as_spans(source), reporter).signature


def render_signature(value: str) -> str:
    """The signature line as written."""
    return value
