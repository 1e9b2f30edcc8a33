"""The header zone: the ACP-127 format lines above the text of a cable.

Three header forms occur, alone or together:

* the full transport header (2004-2010): ``VZCZC...``, relay line, ``DE``
  line, ``ZNY CCCCC``, then format line 5 (precedence and DTG), ``FM``,
  ``TO``, ``INFO``, ``XMT``;
* shorter forms that start at format line 5, or hold only ``DE`` and
  format line 5;
* the received-copy print format (1985-2004): a classification line,
  ``PAGE 01 ...``, ``ACTION xx-00``, ``INFO LOG-00 ...`` distribution
  codes, a dashed control line, then format line 5, ``FM``, ``TO``.

A record may also open with the notice that it is a partial extract.

:func:`split_header` finds where the header ends in text that carries
header and body together; :func:`parse_header` reads each header line with
the small parser of its element.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import cast

import attrs
import regex

from ..errors import Reporter, Span, span_text
from ..model import Addressee, Header, Precedence, Relay, Severity, Station
from .addressees import (
    BLOCK_FIELDS,
    BLOCK_KEYWORD,
    CLASSIFICATION_LINE,
    is_page_residue,
    parse_originator,
    read_addressee,
    read_lines,
    render_addressees,
    render_originator,
)
from .dtg import MONTHS, PROSIGNS, DtgLine, DtgParts, dtg_of, expand_year, read_dtg_line, render_dtg_line
from .results import HeaderResult
from .routing import (
    SecurityLine,
    parse_relay,
    parse_security,
    parse_station,
    parse_transmission_id,
    read_station,
    render_relay,
    render_security,
    render_station,
)

__all__ = ["PARTIAL_NOTICE", "parse_header", "render_header", "split_header"]

#: The notice WikiLeaks put in place of the header of partial records.
PARTIAL_NOTICE = "This record is a partial extract of the original cable. The full text of the original cable is not available."

# Line kinds.
_BLANK = "blank"
_PARTIAL = "partial"
_FL1 = "fl1"
_FL2 = "fl2"
_RELAY_MORE = "relay-more"
_DE = "de"
_FL4 = "fl4"
_FL5 = "fl5"
_FM = "fm"
_BLOCK = "block"
_ADDRESSEE = "addressee"
_RESIDUE = "residue"
_PAGE = "page"
_PRINT = "print"
_DRAFTED = "drafted"
_CLASS = "class"
_OTHER = "other"

#: Kinds that are certainly format lines wherever they stand.
_FORMAT = frozenset({_FL1, _FL2, _DE, _FL4, _FL5, _FM, _BLOCK})
#: Kinds a print-format classification line may precede.
_AFTER_CLASS = frozenset({_PAGE, _PRINT, _FL1, _FL2, _DE, _FL4, _FL5, _FM})

# What a line is, judged by itself.  Format line 5 is the one kind whose
# second character is a space or tab; spaces inside its DTG are allowed so
# that a garbled one reaches the DTG parser and is reported there.
_FL5_LINE = regex.compile(r"[A-Z](?:[ \t]+[A-Z])?[ \t]+[0-9]{2}[ \t]?[0-9]{2}[ \t]?[0-9]{2}[Zz](?![^ \t])")
# The other kinds, in the order they are tried, with the two characters
# each can start with (after leading spaces and tabs).
_KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (_DE, ("DE",), r"DE[ \t]+[A-Z]{3,9}[ \t]+#?[0-9]"),
    (_FL4, ("ZN",), r"ZN[RY](?![^ \t])"),
    (_FL1, ("VZ",), r"VZCZC"),
    (_FL2, ("ZZ", "OO", "PP", "RR", "YY"), r"(?:ZZ|OO|PP|RR|YY)[ \t]+[A-Z]{4,8}(?![^ \t])"),
    (_FM, ("FM",), r"FM[ \t]+\S"),
    (_PAGE, ("PA",), r"PAGE[ \t]+[0-9]{2,3}(?![^ \t])"),
    (_PRINT, ("AC", "OR", "IN"), r"(?:ACTION|ORIGIN|INFO)[ \t]+[A-Z0-9]{1,6}-[0-9]{2}(?![^ \t])"),
    (_PRINT, ("--",), r"-{5,}"),
    (_DRAFTED, ("DR", "AP"), r"(?:DRAFTED|APPROVED)[ \t]+BY(?![^ \t:])"),
    (_BLOCK, ("TO", "IN", "XM"), r"(?:TO|INFO|XMT)(?:[ \t]+|/|$)"),
    (_PARTIAL, ("TH", "Th", "tH", "th"), r"(?i:This record is a partial extract of the original cable)"),
    (_CLASS, ("UN", "CO", "SE", "TO", "LI"), r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)(?![A-Z])"),
)


def _by_start() -> dict[str, tuple[regex.Pattern[str], tuple[str, ...]]]:
    """Two starting characters -> the alternation of the kinds that can start so, and those kinds.

    A line costs one small match (or none: addressee lines start with
    characters no kind starts with), and the group that matched names the kind.
    """
    starts = sorted({start for _, prefixes, _ in _KINDS for start in prefixes})
    table = {}
    for start in starts:
        kinds = [(kind, source) for kind, prefixes, source in _KINDS if start in prefixes]
        pattern = regex.compile("|".join(f"({source})" for _, source in kinds))
        table[start] = (pattern, tuple(kind for kind, _ in kinds))
    return table


_BY_START = _by_start()
_CODE_TOKEN = regex.compile(r"[A-Z0-9]{1,6}-[0-9]{2}|/[0-9]{3}[A-Z]?|[A-Z]")
_RI_TOKEN = regex.compile(r"[A-Z]{4,8}")


def _spaced(word: str) -> str:
    # Letters may be spaced out (C O N F I D E N T I A L) and the first one
    # doubled (SS E C R E T).
    gap = "[ \\t]*"
    return f"(?:{word[0]}{gap})?" + gap.join(word)


# Lines that open a body: banners (also spaced, doubled, sentence-cased),
# keyword fields, captions, and the date line of redacted versions.
_BODY_START = regex.compile(
    r"(?i)[ \t]*(?:"
    + "|".join(_spaced(w) + "(?![a-z])" for w in ("UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "SECRET", "LIMITEDOFFICIALUSE"))
    + r"|TOP[ \t]+SECRET|E\.?[ \t]?O\.?[ \t]*1[0-9]{4}|TAGS?\b|SUBJ|REFS?\b|REFTEL|SIPDIS|NOFORN|CLASSIFIED[ \t]+BY"
    + r"|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY,"
    # A banner that lost its first letter still shows spaced-out letters.
    + r"|(?:[A-Z] ){4})"
)
# The letters the words of _BODY_START begin with (either case).
_BODY_FIRST = frozenset("UCSLTERNMWF")
# A banner's tail: SECTION n OF m, or the 6-digit message reference number
# (an addressee line ends with at most a 4-digit MCN).
_BANNER_TAIL = regex.compile(r"[ \t]SECTION[ \t]+[0-9]{1,2}[ \t]+OF[ \t]+[0-9]{1,2}[ \t]|[ \t][0-9]{6}[ \t]*$")


def _body_starts(text: str) -> bool:
    """Whether ``text`` opens the body (read where an addressee line could also stand)."""
    s = text.lstrip(" \t")
    first, second = s[:1], s[1:2]
    # Only a line starting with one of _BODY_FIRST (REF: with RE), a letter
    # and a space (a spaced-out banner) or a character outside ASCII (which
    # may match a letter without case) can match _BODY_START: addressee
    # lines (RUEHC/...) are spared the pattern.
    opens = (
        second == " "
        or not first.isascii()
        or (first.upper() in _BODY_FIRST and not (first in "Rr" and second.isascii() and second not in "Ee"))
    )
    if opens and _BODY_START.match(text) is not None:
        return True
    return ("SECTION" in text or text.rstrip(" \t")[-6:].isdigit()) and _BANNER_TAIL.search(text) is not None


def _kind(text: str) -> str:
    """What a line is, judged by itself alone."""
    s = text.lstrip(" \t")
    if not s:
        return _BLANK
    second = s[1:2]
    if second == " " or second == "\t":
        return _FL5 if _FL5_LINE.match(s) is not None else _OTHER
    entry = _BY_START.get(s[:2])
    if entry is None:
        return _OTHER
    pattern, kinds = entry
    m = pattern.match(s)
    return kinds[m.lastindex - 1] if m is not None and m.lastindex is not None else _OTHER


def _is_distribution_more(text: str) -> bool:
    """An indented continuation of the INFO LOG-00 distribution codes (or its /037 W total)."""
    tokens = text.split()
    return all(_CODE_TOKEN.fullmatch(t) for t in tokens) and any(("-" in t or "/" in t) for t in tokens)


@attrs.define
class _Scan:
    """Line kinds of a header zone, read with the context of the lines before."""

    spans: Sequence[Span]
    stop: bool
    kinds: list[str] = attrs.field(factory=list)
    state: str = "start"
    raw: list[str] = attrs.field(factory=list)

    def kind_at(self, i: int) -> str:
        raw = self.raw
        while len(raw) <= i:
            raw.append(_kind(self.spans[len(raw)].text))
        return raw[i]

    def next_kind(self, i: int) -> str | None:
        """The kind of the next non-blank line after ``i``."""
        for j in range(i + 1, len(self.spans)):
            kind = self.kind_at(j)
            if kind != _BLANK:
                return kind
        return None

    def class_is_header(self, i: int) -> bool:
        return self.next_kind(i) in _AFTER_CLASS

    def run(self) -> int:
        """Classify lines until the header ends (stop mode); return the end index."""
        spans, place, kinds, kind_at = self.spans, self.place, self.kinds, self.kind_at
        for i, span in enumerate(spans):
            kind = place(i, span.text, kind_at(i))
            if kind is None:
                return i
            kinds.append(kind)
        return len(spans)

    def place(self, i: int, text: str, kind: str) -> str | None:
        """The kind of line ``i`` (``kind`` by itself) in context, or ``None`` where the header ends (stop mode)."""
        state = self.state
        if kind == _BLANK:
            if not self.stop or state == "start":
                return kind
            if state == _ADDRESSEE:
                return None
            after = self.next_kind(i)
            return kind if after in _FORMAT or after in (_PAGE, _PRINT, _PARTIAL) or after == _CLASS else None
        if state == _ADDRESSEE and kind in (_OTHER, _CLASS, _PAGE):
            if kind == _OTHER and not _body_starts(text):
                return _ADDRESSEE
            if kind == _PAGE and is_page_residue(text):
                return _RESIDUE
            if kind == _CLASS and CLASSIFICATION_LINE.match(text) and (not self.stop or self.next_kind(i) == _PAGE):
                return _RESIDUE
            return None if self.stop else _OTHER
        if state == _FL2 and kind == _OTHER and all(_RI_TOKEN.fullmatch(t) for t in text.split()):
            return _RELAY_MORE
        if state == _DRAFTED and kind in (_OTHER, _CLASS):
            return _PRINT
        if state == _PRINT and kind == _OTHER and _is_distribution_more(text):
            return _PRINT
        if kind == _CLASS:
            if self.class_is_header(i):
                self.state = _PRINT
                return _PRINT
            return None if self.stop else _OTHER
        if kind == _OTHER:
            if self.stop and self.next_kind(i) not in _FORMAT:
                return None
            return kind
        if self.stop and state == "start" and kind in (_FM, _BLOCK) and (kind == _BLOCK or self.next_kind(i) != _BLOCK):
            return None
        self.state = _STATE_AFTER.get(kind, "format")
        return kind


#: Line kind -> the state it leaves the scan in (other format lines: "format").
_STATE_AFTER = {_BLOCK: _ADDRESSEE, _PAGE: _PRINT, _PRINT: _PRINT, _DRAFTED: _DRAFTED, _FL2: _FL2}


def split_header(spans: Sequence[Span]) -> int:
    """Index of the first body line in text that holds header and body together.

    The header zone is the run of format lines at the top, possibly after
    blank lines or the partial-record notice.  It ends at the blank line
    after the last addressee line, or at the first line that is not a
    header line (a banner such as ``C O N F I D E N T I A L SECTION 01 OF
    02 ...``).  The index returned is that of the first non-blank line
    after the header (``len(spans)`` when nothing follows), or ``0`` when
    the text has no header at all.
    """
    scan = _Scan(spans, stop=True)
    end = scan.run()
    if all(k == _BLANK for k in scan.kinds):
        return 0
    while end < len(spans) and not spans[end].text.strip():
        end += 1
    return end


@attrs.define
class _Builder:
    """The header as it is being read."""

    reporter: Reporter
    transmission_id: str | None = None
    relay: Relay | None = None
    station: Station | None = None
    security: SecurityLine | None = None
    dtg_line: DtgParts | None = None
    originator: str | None = None
    blocks: dict[str, list[Addressee]] = attrs.field(factory=lambda: {field: [] for field in BLOCK_FIELDS.values()})
    field: str = "header.to"
    first_block: Span | None = None
    station_spans: list[Span] = attrs.field(factory=list)
    print_lines: list[str] = attrs.field(factory=list)
    unparsed: list[Span] = attrs.field(factory=list)
    partial: bool = False
    print_header: bool = False
    format_lines: int = 0

    def take(self, name: str, value: object, spans: Sequence[Span], errors: bool) -> None:
        """Keep ``value`` as element ``name``.  A repeated element, or a line whose
        reading reported an error, also stays in ``unparsed`` so its text is not lost."""
        self.format_lines += 1
        current = getattr(self, name)
        if value is None or current is not None or errors:
            self.unparsed.extend(spans)
        if value is not None and current is None:
            setattr(self, name, value)

    def print_line(self, span: Span, text: str) -> None:
        if not self.print_header:
            self.print_header = True
            self.reporter.report(
                "print-header", "an old received-copy print header was recognised and kept", span.strip(), field="header.print_lines"
            )
        self.print_lines.append(text)


#: (kind of a group, kind of a line) where the line joins the group: a relay
#: line's continuations, an addressee block's lines and page residue in it.
_JOINS = frozenset({(_FL2, _RELAY_MORE), (_BLOCK, _ADDRESSEE), (_BLOCK, _RESIDUE), (_ADDRESSEE, _ADDRESSEE), (_ADDRESSEE, _RESIDUE)})


def _groups(spans: Sequence[Span]) -> list[tuple[str, list[Span]]]:
    """The lines of a header zone in context, gathered as one parser reads them
    together: a relay line with its continuations, an addressee block with its lines.

    One pass over the lines does what :meth:`_Scan.run` and a grouping pass
    would do in two; the addressee lines of a block, the commonest lines,
    are placed without a call to :meth:`_Scan.place`.
    """
    scan = _Scan(spans, stop=False)
    raws = scan.raw = [_kind(span.text) for span in spans]
    place = scan.place
    out: list[tuple[str, list[Span]]] = []
    last = ""
    group: list[Span] = []
    for i, span in enumerate(spans):
        raw = raws[i]
        if raw == _BLANK:  # blank lines join no group and change no state
            continue
        if raw == _OTHER and scan.state == _ADDRESSEE:  # what place() decides for these
            kind = _OTHER if _body_starts(span.text) else _ADDRESSEE
        else:
            placed = place(i, span.text, raw)
            assert placed is not None  # only a scan in stop mode ends
            kind = placed
        if (last, kind) in _JOINS:
            group.append(span)
        else:
            last = _ADDRESSEE if kind == _RESIDUE else kind
            group = [span]
            out.append((last, group))
    return out


def parse_header(spans: Sequence[Span], reporter: Reporter) -> HeaderResult:
    """Read the header zone ``spans`` line by line.

    Every line goes to the parser of its element; lines that no element
    claims, that repeat an element, or whose element could not be read
    are returned in ``unparsed`` (the assembler reports them).
    """
    return _read_common(spans, reporter) or _read_lines(spans, reporter)


def _read_lines(spans: Sequence[Span], reporter: Reporter) -> HeaderResult:
    """:func:`parse_header` for any header: each line placed in context, then read by its element's parser."""
    b = _Builder(reporter)
    for kind, group in _groups(spans):
        _dispatch(b, kind, group)
    dtg = b.dtg_line.dtg if b.dtg_line is not None else None
    for span in b.station_spans:
        count = len(reporter.diagnostics)
        station = parse_station(span, reporter, dtg=dtg)
        b.take("station", station, (span,), _errors_since(reporter, count))
    return _finish(b, spans)


def _errors_since(reporter: Reporter, count: int) -> bool:
    """Whether an error was reported after the first ``count`` diagnostics."""
    diagnostics = reporter.diagnostics
    return len(diagnostics) > count and any(d.severity is Severity.ERROR for d in diagnostics[count:])


#: Line kind -> the field its first line anchors (for the cross-checks).
_ANCHORS = {
    _FL1: "header.transmission_id",
    _FL2: "header.relay",
    _DE: "header.station",
    _FL4: "header.security",
    _FL5: "header.dtg",
    _FM: "header.originator",
}

#: Line kind -> (builder attribute, parser) for elements read from their lines.
_ELEMENTS: dict[str, tuple[str, Callable[..., object]]] = {
    _FL1: ("transmission_id", parse_transmission_id),
    _FL2: ("relay", parse_relay),
    _FL4: ("security", parse_security),
    _FL5: ("dtg_line", read_dtg_line),  # without a DtgLine: the Header checks the values
    _FM: ("originator", parse_originator),
}

#: Kinds of format line that repeat from cable to cable: the relay line of a
#: post, ``ZNY CCCCC ZZH``, ``FM AMEMBASSY ...``.
_REPEATING = frozenset({_FL2, _FL4, _FM})
_NOTED = object()


@functools.lru_cache(maxsize=1024)
def _quiet_value(kind: str, text: str) -> object:
    """What a repeating format line reads as, or ``_NOTED`` when reading it reports anything.

    Only readings without diagnostics are kept: those do not depend on
    where the line stands.
    """
    recorder = Reporter()
    value = _ELEMENTS[kind][1](Span(1, 1, text), recorder)
    return _NOTED if recorder.diagnostics else value


def _dispatch(b: _Builder, kind: str, group: list[Span]) -> None:
    if kind in (_BLOCK, _ADDRESSEE):  # the commonest groups first
        _block(b, kind, group)
        return
    reporter = b.reporter
    first = group[0]
    if kind in _ANCHORS:
        reporter.mark(_ANCHORS[kind], first)
    if kind in _ELEMENTS:
        name, parser = _ELEMENTS[kind]
        value = _quiet_value(kind, first.text) if kind in _REPEATING and len(group) == 1 else _NOTED
        if value is not _NOTED:
            b.take(name, value, group, False)
        else:
            count = len(reporter.diagnostics)
            value = parser(group if kind == _FL2 else first, reporter)
            b.take(name, value, group, _errors_since(reporter, count))
    elif kind == _PARTIAL:
        if not b.partial:
            reporter.report(
                "partial-record", "the record is marked as a partial extract of the original cable", first.strip(), field="header"
            )
        b.partial = True
    elif kind == _DE:
        # Read once the DTG is known: the julian day is dated in its year.
        b.station_spans.append(first)
    elif kind in (_PAGE, _PRINT, _DRAFTED, _CLASS):
        for span in group:
            b.print_line(span, span.text.rstrip())
    else:
        b.unparsed.extend(group)


def _block(b: _Builder, kind: str, group: list[Span]) -> None:
    """An addressee block, or the rest of one after a line that interrupted it."""
    b.format_lines += 1
    reporter = b.reporter
    if kind == _BLOCK:
        first = group[0]
        b.first_block = b.first_block or first
        m = BLOCK_KEYWORD.match(first.text)
        if m is None:
            b.field = "header.to"
        else:
            b.field = BLOCK_FIELDS[m["keyword"]]
            group = [first.sub(m.end()), *group[1:]]
    # Only a block's first line can hold its keyword: the line of a block
    # interrupted by page residue is an addressee line (_OTHER).
    field = b.field
    addressees = b.blocks[field]
    for line in read_lines(group, reporter, field):
        if line.residue:
            b.print_lines.append(line.span.text)
        elif line.addressee is None:
            b.unparsed.append(line.span)
        else:
            if not addressees:  # the first addressee of a field anchors it
                reporter.mark(field, line.span)
            addressees.append(line.addressee)


def _finish(b: _Builder, spans: Sequence[Span]) -> HeaderResult:
    parts: tuple[Precedence | None, Precedence | None, datetime | None, tuple[str, ...]] = b.dtg_line or (None, None, None, ())
    header = _header(
        b.transmission_id,
        b.relay,
        b.station,
        b.security,
        *parts,
        b.originator,
        tuple(b.blocks["header.to"]),
        tuple(b.blocks["header.info"]),
        tuple(b.blocks["header.exempt"]),
        tuple(b.print_lines),
    )
    if b.first_block is not None and b.originator is None:
        b.reporter.report(
            "originator-missing", "the addressees are not preceded by an FM line", b.first_block.strip(), field="header.originator"
        )
    if not b.format_lines and not b.print_lines and not b.partial:
        at = next((s.strip() for s in spans if s.text.strip()), None)
        b.reporter.report("header-missing", "the cable has no ACP-127 header", at, field="header")
    return HeaderResult(header, partial=b.partial, unparsed=tuple(b.unparsed))


def _header(
    transmission_id: str | None,
    relay: Relay | None,
    station: Station | None,
    security: SecurityLine | None,
    precedence: Precedence | None,
    info_precedence: Precedence | None,
    dtg: datetime | None,
    dtg_signals: tuple[str, ...],
    originator: str | None,
    to: tuple[Addressee, ...],
    info: tuple[Addressee, ...],
    exempt: tuple[Addressee, ...],
    print_lines: tuple[str, ...],
) -> Header:
    # In the order of Header's fields (tests/test_header_fast.py holds it):
    # positional arguments cost less than keywords.
    return Header(
        transmission_id,
        relay,
        station,
        security.classification if security else None,
        security.efto if security else False,
        security.signals if security else (),
        precedence,
        info_precedence,
        dtg,
        dtg_signals,
        originator,
        to,
        info,
        exempt,
        print_lines,
    )


# --------------------------------------------------------------------------
# The common header in one match.
#
# Most headers are the transport lines (VZCZC, relay, DE, ZNY), format
# line 5, FM and a TO block with an optional INFO block, written with one
# space between words.  One pattern over the joined lines finds that shape
# and the format lines' values; every line whose kind the pattern does not
# settle by itself (addressee lines, INFO) is put to the tests that place
# it in _groups.  A header that fails any of it, or where a line would be
# reported, is read by _read_lines.  (The regex module reads single spaces
# and "[^\n]" much faster than classes such as "[ \t]".)

_COMMON = regex.compile(
    # VZCZC, the relay line, 1: its continuation lines (routing indicators,
    # the first not RR...: _OTHER lines) with the line breaks after them,
    # 2-5: DE (the parts _de_shape reads), ZNY.
    r"(?:VZCZC[A-Z]{3}[0-9]{3,4}\n"
    r"(?:ZZ|OO|PP|RR|YY) [A-Z]{4,8}(?:[ \t][^\n]*)?((?:\nR[A-Z]{3,7}(?: [A-Z]{4,8})*)*\n+)"
    r"DE ([A-Z]{4,8}) #?([0-9]{1,6})(?:/([0-9]{1,3}))? ([0-9]{7}) *\n"
    r"ZN[RY](?:[ \t][^\n]*)?\n)?"
    # 6-8: format line 5: prosigns, the DTG, signals; then FM and TO.
    r"([ZOPR](?: [ZOPR])?) ([0-9]{6}Z (?:" + "|".join(MONTHS) + r") [0-9]{2})((?: [A-Z0-9#]+)*) *\n"
    r"FM [!-~][^\n]*\n"
    r"TO (?=[!-~])"
)
# The text after INFO, where INFO opens a block: the print kind does not
# match the line first.
_INFO_BLOCK = regex.compile(r"(?![A-Z0-9]{1,6}-[0-9]{2}(?![^ \t\n]))[!-~]")


@functools.lru_cache(maxsize=4096)
def _more_line(text: str) -> Addressee | None:
    """What a line after the first of an addressee block reads as, or ``None`` where
    _groups and _block would not read it quietly as an addressee."""
    if _kind(text) != _OTHER or _body_starts(text) or is_page_residue(text):
        return None
    return read_addressee(text)


def _read_common(spans: Sequence[Span], reporter: Reporter) -> HeaderResult | None:
    """:func:`parse_header` for a header of the common shape, or ``None`` (having reported nothing) for any other."""
    text = "\n".join(map(span_text, spans))
    m = _COMMON.match(text)
    if m is None or text.count("\n") >= len(spans):  # a span holding a newline
        return None
    # The addressee blocks: TO, then INFO where a line starts so.
    blocks = text[m.end() :].rstrip("\n")
    at = blocks.find("\nINFO ")
    to: tuple[Addressee, ...] | None
    info: tuple[Addressee, ...] | None
    if at < 0:
        to, info = _common_block(blocks.split("\n")), ()
    elif _INFO_BLOCK.match(blocks, at + 6):
        to, info = _common_block(blocks[:at].split("\n")), _common_block(blocks[at + 6 :].split("\n"))
    else:
        return None
    relay_more, ri, serial, section, filing, prosigns, d, signals = m.groups()
    # The lines stand one after the other but for blank lines after the relay line.
    de = 1 + relay_more.count("\n") if ri is not None else -2
    fl5 = de + 2
    originator = _quiet_value(_FM, spans[fl5 + 1].text)
    dtg = dtg_of(int(d[:2]), int(d[2:4]), int(d[4:6]), MONTHS.index(d[8:11]) + 1, expand_year(int(d[12:])))
    if to is None or info is None or not isinstance(originator, str) or dtg is None:
        return None
    relay: Relay | None = None
    security: SecurityLine | None = None
    station: Station | None = None
    unparsed: tuple[Span, ...] = ()
    mark = reporter.mark
    if ri is not None:
        relay_value, security_value = _quiet_value(_FL2, spans[1].text), _quiet_value(_FL4, spans[de + 1].text)
        if not isinstance(relay_value, Relay) or not isinstance(security_value, SecurityLine):
            return None
        relay, security = relay_value, security_value
        if relay_more.strip():
            relay = Relay(relay.precedence, (*relay.routing_indicators, *relay_more.split()))
        # Nothing above reports: from here on the reporter sees what
        # _read_lines would show it, in the same order.
        mark("header.transmission_id", spans[0])
        mark("header.relay", spans[1])
        mark("header.station", spans[de])
        mark("header.security", spans[de + 1])
    mark("header.dtg", spans[fl5])
    mark("header.originator", spans[fl5 + 1])
    # A block's first addressee stands after the keyword, as _block cuts it.
    mark("header.to", spans[fl5 + 2].sub(3))
    if info:
        mark("header.info", spans[fl5 + 2 + len(to)].sub(5))
    if ri is not None:
        count = len(reporter.diagnostics)
        station = read_station(spans[de], reporter, ri, serial, section, filing, m.start(5) - m.start(2) + 3, dtg, None)
        if station is None or _errors_since(reporter, count):
            unparsed = (spans[de],)
    precedence, info_precedence = PROSIGNS[prosigns[0]], PROSIGNS[prosigns[2]] if len(prosigns) > 1 else None
    header = _header(
        spans[0].text if ri is not None else None,
        relay,
        station,
        security,
        precedence,
        info_precedence,
        dtg,
        tuple(signals.split()),
        originator,
        to,
        info,
        (),
        (),
    )
    return HeaderResult(header, False, unparsed)


def _common_block(lines: list[str]) -> tuple[Addressee, ...] | None:
    """The addressees of a block of the common shape, from the text after its keyword on, or ``None``."""
    first = lines[0]
    value = read_addressee(first) if not is_page_residue(first) else None
    if value is None or len(lines) == 1:
        return (value,) if value is not None else None
    # No addressee is false: all() finds a line not read as one, and then
    # no item is None.
    values = (value, *map(_more_line, lines[1:]))
    return cast("tuple[Addressee, ...]", values) if all(values) else None


def render_header(header: Header, *, partial: bool = False) -> str:
    """The canonical text of a header: notice, print lines, then the format lines in order."""
    lines: list[str] = [PARTIAL_NOTICE] if partial else []
    lines.extend(header.print_lines)
    if header.transmission_id is not None:
        lines.append(header.transmission_id)
    if header.relay is not None:
        lines.append(render_relay(header.relay))
    if header.station is not None:
        lines.append(render_station(header.station))
    if header.security is not None:
        lines.append(render_security(SecurityLine(header.security, header.security_efto, header.security_signals)))
    if header.precedence is not None and header.dtg is not None:
        lines.append(render_dtg_line(DtgLine(header.precedence, header.info_precedence, header.dtg, header.dtg_signals)))
    if header.originator is not None:
        lines.append(render_originator(header.originator))
    for keyword, block in (("TO", header.to), ("INFO", header.info), ("XMT", header.exempt)):
        if block:
            lines.append(render_addressees(keyword, block))
    return "\n".join(lines)
