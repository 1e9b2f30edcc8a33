"""The transport format lines: FL1 (VZCZC...), FL2 (relay), FL3 (DE) and FL4 (ZNY).

Also the routing-indicator table (ACP 117), shipped as package data in
``cableparse/vocab/routing_indicators.csv`` and loaded on first use.
"""

from __future__ import annotations

import calendar
import csv
import datetime as _dt
import functools
import io
from collections.abc import Mapping, Sequence
from importlib.resources import files

import attrs
import regex

from ..errors import Reporter, Span, as_spans, element_parser
from ..model import Classification, Precedence, Relay, Severity, Station
from .dtg import PROSIGNS, one_line, prosign, render_signals, split_signals

__all__ = [
    "DIGRAPHS",
    "SECURITY_LETTERS",
    "SecurityLine",
    "parse_relay",
    "parse_routing_indicator",
    "parse_security",
    "parse_station",
    "parse_transmission_id",
    "plad_for",
    "plads_for",
    "read_station",
    "render_relay",
    "render_routing_indicator",
    "render_security",
    "render_station",
    "render_transmission_id",
    "routing_indicator_table",
]

#: FL2 precedence digraph -> precedence: the prosign doubled.
DIGRAPHS: dict[str, Precedence] = {letter * 2: precedence for letter, precedence in PROSIGNS.items()}

#: FL4 letter -> (level, EFTO).  ``E`` is unclassified, encrypt for transmission only.
SECURITY_LETTERS: dict[str, tuple[Classification, bool]] = {
    "U": (Classification.UNCLASSIFIED, False),
    "E": (Classification.UNCLASSIFIED, True),
    "C": (Classification.CONFIDENTIAL, False),
    "S": (Classification.SECRET, False),
    "T": (Classification.TOP_SECRET, False),
}
_LETTER_OF = {
    (Classification.UNCLASSIFIED, False): "U",
    (Classification.UNCLASSIFIED, True): "E",
    (Classification.CONFIDENTIAL, False): "C",
    (Classification.SECRET, False): "S",
    (Classification.TOP_SECRET, False): "T",
}

_UTC = _dt.timezone.utc
# Tokens are separated by spaces and tabs only, so that any other character
# is read (and reported) as part of a token.
_TOKEN = regex.compile(r"[^ \t]+")
_RI = regex.compile(r"[A-Z]{4,8}")
_TRANSMISSION_ID = regex.compile(r"VZCZC[A-Z]{3}[0-9]{3,4}")
_SERIAL = regex.compile(r"#?(?P<serial>[0-9]{1,6})(?:/(?P<section>[0-9]{1,3}))?")
_FILING = regex.compile(r"[0-9]{7}")
# A DE line as the token checks below accept it, in one pattern.
_DE_LINE = regex.compile(r"[ \t]*DE[ \t]+([A-Z]{4,8})[ \t]+#?([0-9]{1,6})(?:/([0-9]{1,3}))?[ \t]+([0-9]{7})[ \t]*")
_LETTERS = regex.compile(r"([UECST])\1{4}")
# A julian day this far from the DTG's day of year belongs to the
# neighbouring year (a cable filed just after New Year's midnight).
_YEAR_TURN = 300


def _tokens(span: Span) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _TOKEN.finditer(span.text)]


# --------------------------------------------------------------------------
# FL1


@element_parser
def parse_transmission_id(source: str | Span | Sequence[Span], reporter: Reporter) -> str | None:
    """Read format line 1, ``VZCZCXRO1441`` (channel designator + 3-4 digit sequence)."""
    span = one_line(source, reporter, "transmission-id-invalid", "header.transmission_id")
    if span is None:
        return None
    stripped = span.strip()
    if _TRANSMISSION_ID.fullmatch(stripped.text):
        return stripped.text
    offset = 5 if stripped.text.startswith("VZCZC") else 0
    reporter.report(
        "transmission-id-invalid",
        f"expected VZCZC, a three-letter channel and a 3-4 digit sequence, found {stripped.text[:20]!r}",
        stripped,
        offset,
        field="header.transmission_id",
    )
    return None


def render_transmission_id(value: str) -> str:
    """Format line 1 as written (it is kept verbatim)."""
    return value


# --------------------------------------------------------------------------
# Routing indicators and FL2


@element_parser
def parse_routing_indicator(source: str | Span | Sequence[Span], reporter: Reporter, *, field: str = "header.relay") -> str | None:
    """Read one routing indicator, 4 to 8 upper-case letters (``RUEHKL``)."""
    span = one_line(source, reporter, "routing-indicator-invalid", field)
    if span is None:
        return None
    stripped = span.strip()
    if _RI.fullmatch(stripped.text):
        return stripped.text
    reporter.report("routing-indicator-invalid", f"{stripped.text[:20]!r} is not 4-8 upper-case letters", stripped, field=field)
    return None


def render_routing_indicator(value: str) -> str:
    """A routing indicator as written."""
    return value


@element_parser
def parse_relay(source: str | Span | Sequence[Span], reporter: Reporter) -> Relay | None:
    """Read format line 2, ``PP RUEHCHI RUEHDT``, with any continuation lines of indicators.

    The first span holds the digraph; later spans hold only indicators.
    Indicators that are not 4-8 upper-case letters are reported and left out.
    """
    field = "header.relay"
    spans = [s for s in as_spans(source) if s.text.strip()]
    if not spans:
        reporter.report("relay-invalid", "the line is empty", None, field=field)
        return None
    first = spans[0]
    tokens = _tokens(first)
    at, digraph = tokens[0]
    precedence = DIGRAPHS.get(digraph)
    if precedence is None:
        reporter.report("precedence-invalid", f"{digraph[:10]!r} is not a precedence digraph (ZZ, OO, PP, RR)", first, at, field=field)
        return None
    indicators: list[str] = []
    for span, items in ((first, tokens[1:]), *((s, _tokens(s)) for s in spans[1:])):
        for at, token in items:
            if _RI.fullmatch(token):
                indicators.append(token)
            else:
                reporter.report("routing-indicator-invalid", f"{token[:20]!r} is not 4-8 upper-case letters", span, at, field=field)
    if not indicators:
        reporter.report("relay-invalid", "the relay line lists no routing indicator", first, len(first.text.rstrip()), field=field)
        return None
    return Relay(precedence, tuple(indicators))


def render_relay(value: Relay) -> str:
    """Format line 2 on one line: ``PP RUEHCHI RUEHDT``."""
    return " ".join((prosign(value.precedence) * 2, *value.routing_indicators))


# --------------------------------------------------------------------------
# FL3, the DE line


def _filing_year(day: int, year: int | None, dtg: _dt.datetime | None) -> int | None:
    if dtg is None:
        return year
    gap = day - (dtg.toordinal() - _dt.date(dtg.year, 1, 1).toordinal() + 1)  # day of year, without a struct_time
    if gap < -_YEAR_TURN:
        return dtg.year + 1
    if gap > _YEAR_TURN:
        return dtg.year - 1
    return dtg.year


def _de_shape(span: Span, reporter: Reporter) -> tuple[str, str, str | None, str, int] | None:
    """The RI, serial, section and filing group (DDDHHMM) of a DE line, and the filing group's offset."""
    m = _DE_LINE.fullmatch(span.text)
    if m is not None:  # a well-formed line: one match instead of a token at a time
        ri, serial, section, filing = m.groups()
        return ri, serial, section, filing, m.start(4)
    field = "header.station"
    tokens = _tokens(span)
    if tokens[0][1] != "DE":
        reporter.report("de-invalid", "a DE line starts with DE", span, tokens[0][0], field=field)
        return None
    expected = ("a routing indicator", "the station serial #NNNN", "the julian day and time DDDHHMM")
    if len(tokens) < 4:
        at = len(span.text.rstrip())
        reporter.report("de-invalid", f"expected {expected[len(tokens) - 1]} after {tokens[-1][1][:20]!r}", span, at, field=field)
        return None
    (ri_at, ri), (serial_at, serial), (filing_at, filing) = tokens[1:4]
    if not _RI.fullmatch(ri):
        reporter.report("routing-indicator-invalid", f"{ri[:20]!r} is not 4-8 upper-case letters", span, ri_at, field=field)
        return None
    serial_match = _SERIAL.fullmatch(serial)
    if serial_match is None:
        reporter.report("de-invalid", f"expected {expected[1]}, found {serial[:20]!r}", span, serial_at, field=field)
        return None
    if _FILING.fullmatch(filing) is None:
        reporter.report("de-invalid", f"expected {expected[2]}, found {filing[:20]!r}", span, filing_at, field=field)
        return None
    if len(tokens) > 4:
        reporter.report("de-invalid", f"unexpected text after the filing time: {tokens[4][1][:20]!r}", span, tokens[4][0], field=field)
        return None
    return ri, serial_match["serial"], serial_match["section"], filing, filing_at


@element_parser
def parse_station(
    source: str | Span | Sequence[Span],
    reporter: Reporter,
    *,
    dtg: _dt.datetime | None = None,
    year: int | None = None,
) -> Station | None:
    """Read format line 3, ``DE RUEHKL #0521/01 1800952``.

    ``filed`` is the julian day and time dated in the DTG's year (``dtg``,
    or ``year`` when only the year is known); it is ``None`` when neither
    is given.  A julian day close to New Year on the other side of the
    DTG is dated in the neighbouring year.  Day 000 or beyond the year's
    last day is reported as ``de-julian-day`` (``None`` when the day is
    000 or above 366; ``filed`` is ``None`` when only the year rules it
    out), a time past 2359 as ``de-time`` (``None``).
    """
    field = "header.station"
    span = one_line(source, reporter, "de-invalid", field)
    if span is None:
        return None
    shape = _de_shape(span, reporter)
    if shape is None:
        return None
    return read_station(span, reporter, *shape, dtg, year)


def read_station(
    span: Span,
    reporter: Reporter,
    ri: str,
    serial: str,
    section: str | None,
    filing: str,
    filing_at: int,
    dtg: _dt.datetime | None,
    year: int | None,
) -> Station | None:
    """Read format line 3 from its parts as :func:`parse_station` does: the groups of a well-formed
    DE line in ``span`` (``filing_at`` is where the filing group stands in it)."""
    field = "header.station"
    day = int(filing[:3])
    if not 1 <= day <= 366:
        reporter.report("de-julian-day", f"julian day {filing[:3]} is not a day of the year", span, filing_at, field=field)
        return None
    hour, minute = int(filing[3:5]), int(filing[5:])
    time = filing[3:]
    if hour > 23 or minute > 59:
        reporter.report("de-time", f"filing time {time} is not a valid HHMM", span, filing_at + 3, field=field)
        return None
    filed_year = _filing_year(day, year, dtg)
    filed = None
    if filed_year is not None:
        if day == 366 and not calendar.isleap(filed_year):
            reporter.report("de-julian-day", f"julian day {day} does not exist in {filed_year}", span, filing_at, field=field)
        else:
            start = _dt.datetime(filed_year, 1, 1, hour, minute, tzinfo=_UTC)
            filed = start + _dt.timedelta(days=day - 1)
    # Station's fields in order (tests/test_header_fast.py holds it):
    # positional arguments cost less than keywords.
    return Station(ri, int(serial), int(section) if section is not None else None, day, time, filed)


def render_station(value: Station) -> str:
    """Format line 3: ``DE RUEHKL #0521/01 1800952`` (serial padded to 4 digits, section to 2)."""
    section = f"/{value.section:02d}" if value.section is not None else ""
    return f"DE {value.routing_indicator} #{value.serial:04d}{section} {value.day_of_year:03d}{value.time}"


# --------------------------------------------------------------------------
# FL4, the security line


@attrs.frozen
class SecurityLine:
    """Format line 4: the level, the EFTO flag and trailing operating signals."""

    classification: Classification = attrs.field(validator=attrs.validators.instance_of(Classification))
    efto: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    signals: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(attrs.validators.instance_of(str), attrs.validators.instance_of(tuple))
    )


def _bad_letter(letters: str) -> int:
    """Offset of the first letter that differs from the most common one.

    Of equally common letters the first wins, so that the position does
    not depend on the order of a set (which changes from run to run); when
    no letter repeats there is no odd one out and the group's start is it.
    """
    common = max(letters, key=letters.count)
    if letters.count(common) == 1:
        return 0
    return next((i for i, c in enumerate(letters) if c != common), 0)


@element_parser
def parse_security(source: str | Span | Sequence[Span], reporter: Reporter) -> SecurityLine | None:
    """Read format line 4, ``ZNY CCCCC ZZH`` (``ZNR UUUUU``, ``ZNY EEEEE``, ``SSSSS``, ``TTTTT``).

    The tokens after the five letters (``ZZH``, ``ZDK``, ``(CCY ...)``) are
    kept as signals.  A letter group that is not one letter five times
    (``CCXCC``) is reported at the odd letter.
    """
    field = "header.security"
    span = one_line(source, reporter, "security-invalid", field)
    if span is None:
        return None
    tokens = _tokens(span)
    at, signal = tokens[0]
    if signal not in ("ZNR", "ZNY"):
        reporter.report("security-invalid", f"expected ZNR or ZNY, found {signal[:20]!r}", span, at, field=field)
        return None
    if len(tokens) < 2:
        reporter.report("security-invalid", "the five security letters are missing", span, len(span.text.rstrip()), field=field)
        return None
    at, letters = tokens[1]
    if not _LETTERS.fullmatch(letters):
        offset = _bad_letter(letters) if len(letters) == 5 else 0
        reporter.report(
            "security-invalid", f"{letters[:20]!r} is not one of UUUUU, EEEEE, CCCCC, SSSSS, TTTTT", span, at + offset, field=field
        )
        return None
    classification, efto = SECURITY_LETTERS[letters[0]]
    if (signal == "ZNR") != (letters[0] == "U"):
        reporter.report(
            "security-invalid",
            f"{signal} does not go with {letters} (ZNR UUUUU, ZNY for the others)",
            span,
            tokens[0][0],
            field=field,
            severity=Severity.WARNING,
        )
    return SecurityLine(classification, efto, split_signals(span.text[at + len(letters) :]))


def render_security(value: SecurityLine) -> str:
    """Format line 4: ``ZNY CCCCC ZZH``; only levels with FL4 letters can be written."""
    letter = _LETTER_OF.get((value.classification, value.efto))
    if letter is None:
        raise ValueError(f"{value.classification.value} (efto={value.efto}) has no security letters")
    signal = "ZNR" if letter == "U" else "ZNY"
    return f"{signal} {letter * 5}{render_signals(value.signals)}"


# --------------------------------------------------------------------------
# The routing-indicator table (ACP 117)


@functools.cache
def routing_indicator_table() -> Mapping[str, tuple[str, ...]]:
    """Routing indicator -> plain-language addresses, in table order (loaded once)."""
    text = files("cableparse").joinpath("vocab/routing_indicators.csv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        ri = row["routing_indicator"]
        table[ri] = (*table.get(ri, ()), row["address"])
    return table


def plads_for(ri: str) -> tuple[str, ...]:
    """Every plain-language address ACP 117 lists for ``ri`` (some are shared)."""
    return routing_indicator_table().get(ri, ())


def plad_for(ri: str) -> str | None:
    """The first plain-language address for ``ri`` (``RUEHKL`` -> ``AMEMBASSY KUALA LUMPUR``), or ``None``."""
    plads = plads_for(ri)
    return plads[0] if plads else None
