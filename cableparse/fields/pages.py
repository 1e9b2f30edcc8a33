"""Section and page markers inside the body (FORMAT.md section 4.12).

Two families are recognised:

* modern markers (2004-2010), ``KUALA LUMP 00000521 002 OF 002``: the
  station truncated to 10 characters, the serial padded to 8 digits, the
  section number (optionally with a ``.D`` sub-part, ``001.2``) and the
  total.  They stand on a line of their own or, when newlines were lost,
  inside a line of text;
* old received-copy print lines (up to 2004), ``PAGE 02  CAPE T  00097
  01 OF 03  182017Z``, with the classification lines printed at the bottom
  of page N and the top of page N+1 around them.  Redacted versions glue
  the PAGE line onto the first content line of the page
  (``PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER``).

:func:`strip_page_markers` removes every marker and hands back the text
around it.  An inline marker splits its span in two spans on the same line
(the text before it and the text after it), each keeping its true column,
so later parsers see two consecutive pieces of text that they join with a
single space.  Blank lines around a removed marker are kept; the paragraph
parser treats them like any blank line inside a paragraph.  Markers after a
concatenated foreign record (a second ``VZCZC``, ``<<row>>``, ``ID:``)
belong to that other record and are left in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

import regex

from ..errors import PATTERN_TIMEOUT, Reporter, Span, as_spans, element_parser, span_text
from ..model import PageMarker
from .text import foreign_record

__all__ = ["parse_page_marker", "render_page_marker", "strip_page_markers"]

# A modern marker anywhere in a line.  The station must start at a word
# boundary and is at most 10 characters (it may contain spaces, so a
# capitalised word just before a short station can be swallowed, which
# _trim_station undoes).  Case-sensitive on purpose: inside mixed-case text an
# upper-case station is what tells a marker from prose.
_MODERN = regex.compile(
    r"(?<![A-Za-z0-9])(?P<station>[A-Z][A-Z .]{0,9}?)[ \t]+(?P<serial>[0-9]{8})[ \t]+"
    r"(?P<page>[0-9]{3})(?:\.(?P<part>[0-9]))?[ \t]+OF[ \t]+(?P<pages>[0-9]{3})(?![0-9])"
)

# The same, filling a line, in any case (``Moscow 00001215 002 of 003``).
_MODERN_LINE = regex.compile(
    r"(?i)^[ \t]*(?P<station>[A-Z][A-Z .]{0,9}?)[ \t]+(?P<serial>[0-9]{8})[ \t]+"
    r"(?P<page>[0-9]{3})(?:\.(?P<part>[0-9]))?[ \t]+OF[ \t]+(?P<pages>[0-9]{3})[ \t]*$"
)
# One pass over the text finds what every marker contains: a modern
# marker's serial and page (``00000521 002``), or the six digits and ``Z`` of
# an old PAGE line's stamp.  Only the six digits are consumed, so a stamp
# (always after a blank) cannot be hidden inside an earlier match.
_CANDIDATE = regex.compile(r"[0-9]{6}(?=Z|[0-9]{2}[ \t]+[0-9]{3})")

_CLASSWORDS = (
    r"(?:TOP[ \t]+SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED[ \t]+OFFICIAL[ \t]+USE"
    r"|C[ \t]O[ \t]N[ \t]F[ \t]I[ \t]D[ \t]E[ \t]N[ \t]T[ \t]I[ \t]A[ \t]L|S[ \t]E[ \t]C[ \t]R[ \t]E[ \t]T"
    r"|U[ \t]N[ \t]C[ \t]L[ \t]A[ \t]S)"
)

# An old print-format PAGE line at the start of a line, optionally after a
# classification word that lost its own line, optionally followed by the
# content it was collapsed onto.
_OLD = regex.compile(
    r"(?m)^[ \t]*(?:" + _CLASSWORDS + r"[ \t]+)?PAGE[ \t]+(?P<page>[0-9]{1,3})[ \t]+"
    r"(?P<station>[A-Z][A-Z .]{0,5}?)[ \t]+(?P<serial>[0-9]{4,6})[ \t]+"
    r"(?:(?P<section>[0-9]{1,2})[ \t]+OF[ \t]+(?P<pages>[0-9]{1,2})[ \t]+)?"
    r"(?P<stamp>[0-9]{6}Z)(?![A-Za-z0-9])[ \t]*"
)

# A classification printed alone on a line (page head or foot), possibly
# with handling words: ``CONFIDENTIAL``, ``SECRET NOFORN``, ``S E C R E T``.
_CLASS_LINE = regex.compile(r"^[ \t]*" + _CLASSWORDS + r"(?P<rest>[ \t/A-Z]{0,30})$")
_HANDLING = frozenset({"NOFORN", "EXDIS", "NODIS", "LIMDIS", "SENSITIVE", "STADIS", "EYES", "ONLY"})

# How far (in lines, blank lines included) a page's classification line may
# stand from its PAGE line.
_WINDOW = 3


def strip_page_markers(spans: Sequence[Span], reporter: Reporter) -> tuple[list[Span], tuple[PageMarker, ...]]:
    """Remove page markers; return the remaining spans and the markers in order.

    Whole-line markers disappear with their line; inline markers cut their
    span in two (see the module docstring).  Each removal is reported as
    an info diagnostic, ``page-marker`` or ``page-marker-inline``.
    """
    spans = list(spans)
    if not spans:
        return spans, ()
    joined = "\n".join(map(span_text, spans))
    candidates: list[int] = []
    stamped = False
    for c in _CANDIDATE.finditer(joined, timeout=PATTERN_TIMEOUT):
        if joined[c.end()] == "Z":
            stamped = True
        else:
            candidates.append(c.start())
    # The corpus has few old PAGE lines: look for the word only where a stamp is.
    has_old = stamped and "PAGE" in joined
    if not has_old and not candidates:
        return spans, ()
    # cuts[i] lists (start, end, marker, whole_line) for span i.
    cuts: dict[int, list[tuple[int, int, PageMarker, bool]]] = {}
    drop: set[int] = set()
    if has_old:
        _find_old(joined, spans, cuts, drop)
    # Only lines holding an 8-digit serial and a page number can hold a
    # modern marker.  A whole-line marker may be in any case (redacted
    # versions are sentence-cased); inside a line it must be upper case.
    found: list[tuple[int, regex.Match[str], bool]] = []
    for i in _rows(joined, candidates):
        text = spans[i].text
        m = _MODERN_LINE.match(text)
        if m is not None:
            found.append((i, m, True))
        else:
            found.extend((i, m, False) for m in _MODERN.finditer(text))
    # Groups are read by number (named look-ups are slow in regex):
    # 1 station, 2 serial, 3 page, 4 part, 5 pages (_MODERN and _MODERN_LINE alike).
    stations = {m.group(1).rstrip() for _, m, whole in found if whole}
    banner_read = False
    for i, m, _ in found:
        if i in drop:
            continue
        name, serial, page, part, pages = m.groups()
        name = name.rstrip()
        begin = m.start(1)
        end = m.end()
        if name not in stations and " " in name:
            station, shift, banner = _trim_station(name, serial, stations, spans)
            banner_read = banner_read or banner
            begin += shift
        else:
            station = name
        prior = cuts.get(i)
        if prior is None:
            prior = cuts[i] = []
        elif any(b < end and begin < e for b, e, _, _ in prior):
            continue
        marker = PageMarker(station=station, serial=int(serial), page=int(page), pages=int(pages), part=int(part) if part else None)
        prior.append((begin, end, marker, _fills_line(spans[i].text, begin, end)))
    if not cuts and not drop:
        return spans, ()
    # Markers after a concatenated record belong to that other cable; they
    # stay with its lines (parse_text keeps them as unparsed).  A record
    # starting below the last marker changes nothing (its line is neither a
    # marker nor a classification line, and ends the search for one), so
    # only the text down to the last candidate line is searched -- unless
    # the banner or an old page's classification lines were looked for,
    # which may read lines further down.
    limit = None if has_old or banner_read else joined.find("\n", candidates[-1])
    foreign = foreign_record(joined, limit if limit is not None and limit >= 0 else None)
    if foreign is not None:
        kept, markers = strip_page_markers(spans[: foreign[0]], reporter)
        return kept + spans[foreign[0] :], markers
    return _apply(spans, cuts, drop, reporter)


def _rows(joined: str, offsets: Sequence[int]) -> list[int]:
    """The distinct line numbers (0-based) of ascending ``offsets`` into ``joined``.

    Counted from one offset to the next, so the cost is one pass over the
    text however many offsets there are.
    """
    rows: list[int] = []
    row = last = 0
    for offset in offsets:
        row += joined.count("\n", last, offset)
        last = offset
        if not rows or rows[-1] != row:
            rows.append(row)
    return rows


def _fills_line(text: str, begin: int, end: int) -> bool:
    return not text[:begin].strip() and not text[end:].strip()


def _trim_station(station: str, serial: str, known: set[str], spans: Sequence[Span]) -> tuple[str, int, bool]:
    """Drop capitalised words the match swallowed before a station holding a blank.

    The station of a marker that fills its line is exact; otherwise the
    banner (the first line ending in the marker's serial) tells which
    word-suffix of the match is the station.  Returns the station, how many
    characters were dropped, and whether the banner was looked for.
    """
    for k in known:
        if station.endswith(" " + k):
            return k, len(station) - len(k), False
    banner = _banner_line(spans, serial.lstrip("0") or "0")
    if banner is None:
        return station, 0, True
    words = station.split(" ")
    for n in range(len(words)):
        suffix = " ".join(words[n:])
        at = banner.find(suffix)
        if suffix and at >= 0 and (at == 0 or banner[at - 1] == " "):
            return suffix, len(station) - len(suffix), True
    return station, 0, True


def _banner_line(spans: Sequence[Span], serial: str) -> str | None:
    seen = 0
    for span in spans:
        text = span.text.rstrip()
        if not text:
            continue
        if text.endswith(serial) and not _MODERN.search(text):
            return text
        seen += 1
        if seen >= 8:
            break
    return None


def _find_old(
    joined: str,
    spans: Sequence[Span],
    cuts: dict[int, list[tuple[int, int, PageMarker, bool]]],
    drop: set[int],
) -> None:
    for m in _OLD.finditer(joined, timeout=PATTERN_TIMEOUT):
        i = joined.count("\n", 0, m.start())
        line_start = joined.rfind("\n", 0, m.start()) + 1
        text = spans[i].text
        end = m.end() - line_start
        begin = m.start() - line_start
        begin += len(text[begin:end]) - len(text[begin:end].lstrip())
        page, station, serial, section, pages, stamp = m.groups()  # _OLD's groups, in order
        marker = PageMarker(
            station=station.rstrip(),
            serial=int(serial),
            page=int(page),
            pages=int(pages) if pages else None,
            section=int(section) if section else None,
            stamp=stamp,
        )
        whole = not text[end:].strip()
        cuts.setdefault(i, []).append((begin, end, marker, whole))
        _page_classification_lines(spans, i, drop)


def _page_classification_lines(spans: Sequence[Span], i: int, drop: set[int]) -> None:
    """Mark the classification lines printed at the foot and head of a page.

    Only lines holding nothing but a classification, within a few lines of
    the PAGE line (blank lines between), are taken: a classification word
    elsewhere in the text is left alone.
    """
    for step, limit in ((-1, 2), (1, 1)):
        j = i + step
        taken = 0
        distance = 0
        while 0 <= j < len(spans) and distance < _WINDOW and taken < limit:
            text = spans[j].text
            if not text.strip():
                distance += 1
            elif _is_class_line(text):
                drop.add(j)
                taken += 1
                distance = 0
            else:
                break
            j += step


def _is_class_line(text: str) -> bool:
    m = _CLASS_LINE.match(text)
    return m is not None and all(w in _HANDLING for w in m.group(1).replace("/", " ").split())  # 1: rest


def _apply(
    spans: list[Span],
    cuts: dict[int, list[tuple[int, int, PageMarker, bool]]],
    drop: set[int],
    reporter: Reporter,
) -> tuple[list[Span], tuple[PageMarker, ...]]:
    out: list[Span] = []
    markers: list[PageMarker] = []
    # Markers are rare: copy the runs of lines between them in one slice each.
    copied = 0
    for i in sorted(cuts.keys() | drop):
        out += spans[copied:i]
        copied = i + 1
        span = spans[i]
        if i in drop:
            reporter.report("page-marker", "page classification line removed", span.strip(), field="page_markers")
            continue
        pieces = cuts[i]
        if len(pieces) > 1:
            pieces.sort(key=_first)
        text = span.text
        pos = 0
        for begin, end, marker, whole in pieces:
            reporter.mark(f"page_markers[{len(markers)}]", span.sub(begin, end))
            markers.append(marker)
            code = "page-marker" if whole else "page-marker-inline"
            reporter.report(code, f"page marker {render_page_marker(marker)!r} removed", span, begin, field="page_markers")
            # Most markers fill their line: test for text around them before making spans.
            if text[pos:begin].strip():
                out.append(_rstrip(span.sub(pos, begin)))
            pos = end
        if text[pos:].strip():
            out.append(span.sub(pos).strip())
    out += spans[copied:]
    return out, tuple(markers)


_first = itemgetter(0)


def _rstrip(span: Span) -> Span:
    return Span(span.line, span.column, span.text.rstrip())


@element_parser
def parse_page_marker(source: str | Span | Sequence[Span], reporter: Reporter) -> PageMarker | None:
    """Read one page marker standing alone on a line (modern or old PAGE form).

    Returns ``None`` and reports ``page-marker`` (as a warning) when the
    line is not a marker.
    """
    spans = [s for s in as_spans(source) if s.text.strip()]
    if len(spans) == 1:
        span = spans[0]
        found, markers = strip_page_markers([span], Reporter())
        if len(markers) == 1 and not found:
            return markers[0]
    at = spans[0] if spans else None
    reporter.report("page-marker-invalid", "not a page marker", at, field="page_markers")
    return None


def render_page_marker(value: PageMarker) -> str:
    """The canonical marker line: modern form, or the old PAGE form when it has a stamp."""
    if value.stamp is not None:
        parts = [f"PAGE {value.page:02d}", value.station, f"{value.serial:05d}"]
        if value.section is not None and value.pages is not None:
            parts.append(f"{value.section:02d} OF {value.pages:02d}")
        parts.append(value.stamp)
        return " ".join(parts)
    page = f"{value.page:03d}" + (f".{value.part}" if value.part is not None else "")
    total = f" OF {value.pages:03d}" if value.pages is not None else ""
    return f"{value.station} {value.serial:08d} {page}{total}"
