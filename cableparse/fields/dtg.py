"""Date-time groups and format line 5: precedence prosigns plus the DTG.

A date-time group reads ``DDHHMMZ MON YY`` (``290952Z JUN 09``): day, hour
and minute in UTC, the month abbreviation and a two-digit year.  The year
is read on a fixed window, 66-99 as 19xx and 00-65 as 20xx; nothing here
ever consults a clock.

Format line 5 puts one or two precedence prosigns in front of the DTG
(``P 290952Z JUN 09``, dual ``O R ...``) and may end with operating
signals (``ZDK CTG #00732``, ``(CCY ...)``), which are kept as tokens.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Sequence
from typing import NamedTuple

import attrs
import regex

from ..errors import Reporter, Span, as_spans, element_parser
from ..model import Precedence

__all__ = [
    "MONTHS",
    "PROSIGNS",
    "DtgLine",
    "DtgParts",
    "dtg_of",
    "expand_year",
    "indent",
    "one_line",
    "parse_dtg",
    "parse_dtg_line",
    "prosign",
    "read_dtg_line",
    "render_dtg",
    "render_dtg_line",
    "render_signals",
    "split_signals",
]

#: Month abbreviations in calendar order.
MONTHS: tuple[str, ...] = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, 1)}
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

#: Precedence prosign letter -> precedence.  ``O`` also stands for NIACT
#: IMMEDIATE, which only the addressee lines can tell apart.
PROSIGNS: dict[str, Precedence] = {
    "Z": Precedence.FLASH,
    "O": Precedence.IMMEDIATE,
    "P": Precedence.PRIORITY,
    "R": Precedence.ROUTINE,
}
_LETTER = {precedence: letter for letter, precedence in PROSIGNS.items()} | {Precedence.NIACT_IMMEDIATE: "O"}


def prosign(precedence: Precedence) -> str:
    """The prosign letter of a precedence (NIACT IMMEDIATE is ``O``, like IMMEDIATE)."""
    return _LETTER[precedence]


#: First year of the two-digit window (66 -> 1966, 65 -> 2065).
PIVOT = 66

_UTC = _dt.timezone.utc

# A DTG is read in one match when it is well formed.  One that is not is
# read again piece by piece, so that it is reported at the first character
# that breaks the pattern; each bad value is reported at its own column.
_DTG = regex.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})[Zz][ \t]+([A-Za-z]{3})(?![A-Za-z])[ \t]+([0-9]{2})(?![^ \t])")
_PIECES: tuple[tuple[regex.Pattern[str], str], ...] = (
    (regex.compile(r"[0-9]{2}"), "a two-digit day"),
    (regex.compile(r"[0-9]{2}"), "a two-digit hour"),
    (regex.compile(r"[0-9]{2}"), "a two-digit minute"),
    (regex.compile(r"[Zz]"), "the zone letter Z"),
    (regex.compile(r"[ \t]+"), "a space before the month"),
    (regex.compile(r"[A-Za-z]{3}(?![A-Za-z])"), "a three-letter month"),
    (regex.compile(r"[ \t]+"), "a space before the year"),
    (regex.compile(r"[0-9]{2}(?![^ \t])"), "a two-digit year"),
)
_PROSIGNS = regex.compile(r"[ \t]*([A-Za-z])(?:[ \t]+([A-Za-z]))?[ \t]+(?=[0-9])")
_SIGNAL = regex.compile(r"\([^()]*\)|\S+")
_SPACES = regex.compile(r"\s+")


@attrs.frozen
class DtgLine:
    """Format line 5: action precedence, optional info precedence, DTG, signals."""

    precedence: Precedence = attrs.field(validator=attrs.validators.instance_of(Precedence))
    info_precedence: Precedence | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Precedence))
    )
    dtg: _dt.datetime | None = attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.instance_of(_dt.datetime)))
    signals: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(attrs.validators.instance_of(str), attrs.validators.instance_of(tuple))
    )


def indent(text: str) -> int:
    """How many spaces and tabs ``text`` starts with."""
    return len(text) - len(text.lstrip(" \t"))


def expand_year(two_digits: int) -> int:
    """The four-digit year of a two-digit DTG year (66-99 -> 19xx, 00-65 -> 20xx)."""
    return 1900 + two_digits if two_digits >= PIVOT else 2000 + two_digits


def split_signals(text: str) -> tuple[str, ...]:
    """Operating-signal tokens; a parenthesised group stays one token.

    White space inside a group is reduced to single spaces so that the
    tokens are the same however the line was spaced.
    """
    return tuple(_SPACES.sub(" ", m.group()) for m in _SIGNAL.finditer(text))


def render_signals(signals: Sequence[str]) -> str:
    """The signals joined for the end of a format line (with a leading space)."""
    return "".join(" " + s for s in signals)


def _read_dtg(span: Span, pos: int, reporter: Reporter, field: str) -> tuple[_dt.datetime | None, int]:
    """Read a DTG at ``pos`` in ``span``; return it (or None) and where it ends."""
    text = span.text
    m = _DTG.match(text, pos)
    if m is None:
        _report_break(span, pos, reporter, field)
        return None, len(text)
    end = m.end()
    day_text, hour_text, minute_text, month_text, year_text = m.groups()
    day, hour, minute = int(day_text), int(hour_text), int(minute_text)
    month = _MONTH_NUMBER.get(month_text.upper())
    year = expand_year(int(year_text))
    if month is not None:
        value = dtg_of(day, hour, minute, month, year)
        if value is not None:
            return value, end
    # Each value out of range is reported at its own column.
    if not 1 <= day <= (31 if month is None else _last_day(month, year)):
        where = f" in {month_text.upper()} {year}" if month is not None else ""
        reporter.report("dtg-day", f"day {day_text} does not exist{where}", span, pos, field=field)
    if hour > 23:
        reporter.report("dtg-time", f"hour {hour_text} is out of range 00-23", span, pos + 2, field=field)
    if minute > 59:
        reporter.report("dtg-time", f"minute {minute_text} is out of range 00-59", span, pos + 4, field=field)
    if month is None:
        reporter.report("dtg-month", f"{month_text!r} is not a month abbreviation", span, m.start(4), field=field)
    return None, end


def _last_day(month: int, year: int) -> int:
    # Not calendar.monthrange, which also works out a weekday.
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


def dtg_of(day: int, hour: int, minute: int, month: int, year: int) -> _dt.datetime | None:
    """The UTC datetime of a DTG's numbers (``month`` 1-12, ``year`` in four digits), or ``None`` when
    the day is not in the month or the hour or minute is out of range."""
    if 1 <= day <= _last_day(month, year) and hour <= 23 and minute <= 59:
        return _dt.datetime(year, month, day, hour, minute, tzinfo=_UTC)
    return None


def _report_break(span: Span, pos: int, reporter: Reporter, field: str) -> None:
    """Report where a DTG that ``_DTG`` does not match breaks the pattern."""
    text = span.text
    for pattern, what in _PIECES:
        m = pattern.match(text, pos)
        if m is None:
            rest = text[pos:].split(None, 1)
            shown = repr(rest[0][:20]) if rest else "the end of the line"
            reporter.report(
                "dtg-invalid", f"expected {what} in a date-time group like 290952Z JUN 09, found {shown}", span, pos, field=field
            )
            return
        pos = m.end()


def one_line(source: str | Span | Sequence[Span], reporter: Reporter, code: str, field: str) -> Span | None:
    """The one non-blank line of ``source``; an empty source or extra lines are reported as ``code``."""
    if isinstance(source, Span) and source.text.strip():
        return source  # the common case inside a cable, kept cheap
    lines = [s for s in as_spans(source) if s.text.strip()]
    if not lines:
        reporter.report(code, "the line is empty", None, field=field)
        return None
    for extra in lines[1:]:
        reporter.report(code, "unexpected text on a further line", extra, indent(extra.text), field=field)
    return lines[0]


@element_parser
def parse_dtg(source: str | Span | Sequence[Span], reporter: Reporter, *, field: str = "header.dtg") -> _dt.datetime | None:
    """Parse ``290952Z JUN 09`` into an aware UTC datetime.

    Faults are reported as ``dtg-invalid`` (not a DTG at all),
    ``dtg-day``, ``dtg-time`` or ``dtg-month`` at the offending column;
    the result is then ``None``.

    >>> parse_dtg("290952Z JUN 09")
    datetime.datetime(2009, 6, 29, 9, 52, tzinfo=datetime.timezone.utc)
    """
    span = one_line(source, reporter, "dtg-invalid", field)
    if span is None:
        return None
    pos = indent(span.text)
    value, end = _read_dtg(span, pos, reporter, field)
    rest = span.text[end:]
    if rest.strip():
        extra = end + len(rest) - len(rest.lstrip())
        reporter.report("dtg-invalid", f"unexpected text after the date-time group: {rest.strip()[:20]!r}", span, extra, field=field)
        return None
    return value


def render_dtg(value: _dt.datetime) -> str:
    """Write ``value`` as a DTG, ``290952Z JUN 09`` (seconds are dropped).

    Naive datetimes are taken as UTC.  Years outside 1966-2065 cannot be
    written with two digits and raise :class:`ValueError`.
    """
    if value.tzinfo is not None:
        value = value.astimezone(_UTC)
    if not PIVOT + 1900 <= value.year < PIVOT + 2000:
        raise ValueError(f"year {value.year} is outside the two-digit DTG window 1966-2065")
    return f"{value.day:02d}{value.hour:02d}{value.minute:02d}Z {MONTHS[value.month - 1]} {value.year % 100:02d}"


@element_parser
def parse_dtg_line(source: str | Span | Sequence[Span], reporter: Reporter) -> DtgLine | None:
    """Parse format line 5, ``P 290952Z JUN 09`` or ``O R 011200Z JAN 10 ZDK``.

    Returns ``None`` when the prosigns cannot be read; a bad DTG leaves
    ``dtg`` as ``None`` (both with diagnostics).
    """
    span = one_line(source, reporter, "dtg-invalid", "header.dtg")
    if span is None:
        return None
    parts = read_dtg_line(span, reporter)
    return DtgLine(*parts) if parts is not None else None


class DtgParts(NamedTuple):
    """The values of format line 5, for a caller that does not need them checked as a :class:`DtgLine`."""

    precedence: Precedence
    info_precedence: Precedence | None
    dtg: _dt.datetime | None
    signals: tuple[str, ...]


def read_dtg_line(span: Span, reporter: Reporter) -> DtgParts | None:
    """Read format line 5 from one non-blank line, as :func:`parse_dtg_line` does."""
    text = span.text
    m = _PROSIGNS.match(text)
    if m is None:
        start = indent(text)
        reporter.report(
            "dtg-invalid", "expected precedence prosigns and a date-time group like P 290952Z JUN 09", span, start, field="header.dtg"
        )
        return None
    precedences: list[Precedence] = []
    for group, letter in enumerate(m.groups(), 1):
        if letter is None:
            continue
        precedence = PROSIGNS.get(letter)
        if precedence is None:
            reporter.report(
                "precedence-invalid",
                f"{letter!r} is not a precedence prosign (Z, O, P, R)",
                span,
                m.start(group),
                field="header.precedence",
            )
            return None
        precedences.append(precedence)
    dtg, end = _read_dtg(span, m.end(), reporter, "header.dtg")
    rest = text[end:]
    return DtgParts(
        precedences[0],
        precedences[1] if len(precedences) > 1 else None,
        dtg,
        # Most lines end with the DTG: no signals to look for.
        split_signals(rest) if rest.strip(" \t") else (),
    )


def render_dtg_line(value: DtgLine) -> str:
    """Write format line 5: ``P 290952Z JUN 09`` plus any signals.

    A line without a DTG cannot be written and raises :class:`ValueError`.
    """
    if value.dtg is None:
        raise ValueError("a format line 5 needs a date-time group")
    letters = prosign(value.precedence)
    if value.info_precedence is not None:
        letters += " " + prosign(value.info_precedence)
    return f"{letters} {render_dtg(value.dtg)}{render_signals(value.signals)}"
