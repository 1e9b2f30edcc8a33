"""The E.O. line: executive order and declassification instruction (FORMAT.md 4.5; VOCAB.md 5).

``E.O. 12958: DECL: 06/29/2019`` gives ``Declassification(order="12958",
date=2019-06-29, exemptions=(), text="DECL: 06/29/2019")``.

Accepted: the keyword as ``E.O.``, ``EO``, ``E. O.``, ``E.o.`` with or
without a colon; orders 11652, 12065, 12356, 12958 (``AS AMENDED``), 13292,
13526; instructions ``N/A``/``NA``, ``DECL: <date>`` (m/d/yyyy, mm/dd/yy,
yyyy/mm/dd, yyyy-mm-dd), ``DECL: X1, X5`` and other exemption codes (X1-X8,
25X1-25X9, 50X1/50X2, 1.6X1, MR, OADR), ``DNG: CO <date>``, the pre-1982
schedules (``GDS``, ``XGDS-n``, ``ADS``, ``RDS-n <date>``, ``XDS-n``) and
free text.

Decisions where the format is silent:

* ``text`` is the instruction after the order number with its keywords in
  canonical form (``DECL:``, ``N/A``, ``DNG: CO``), codes upper-cased and
  white space collapsed; dates and free text stay as written.  A glued or
  missing colon (``DECL:OADR``) and lower case read the same.
* ``date`` is the declassification date: the date that opens the
  instruction (``DECL: <date>``, ``GDS <date>``, ``RDS-2 <date>``).  A
  downgrade date (``DNG: CO <date>``) is checked but not stored there, and a
  date inside free text (``DECLASSIFIED BY NARA 09/02/2009``) is not read.
* Two-digit years below 70 are 20xx, others 19xx.
* A misspelt order one edit away from exactly one known order (``12598``,
  ``1295``) is repaired (``eo-repaired``); another unknown number is kept
  with ``eo-invalid``.  ``DECLl`` is read as ``DECL`` (``eo-repaired``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence

import regex

from ..errors import Reporter, Span, element_parser
from ..model import Declassification
from .subject import collapse_spaces, field_text

__all__ = ["ORDERS", "START", "parse_decl_date", "parse_declassification", "render_declassification"]

#: The executive orders a cable may cite.
ORDERS = ("11652", "12065", "12356", "12958", "13292", "13526")

#: An E.O. keyword (any accepted variant) at a position.
START = regex.compile(r"[ \t]*(?P<kw>E[ \t]?\.?[ \t]?[O0][ \t]?\.?)(?![A-Za-z])", flags=regex.IGNORECASE)
# After the keyword: the order number and AS AMENDED, every part optional.
_ORDER = (
    r"[ \t]*:?[ \t]*(?:(?P<order>[0-9]{3,6})(?![0-9]))?[ \t]*(?:[,:;.][ \t]*)?"
    r"(?P<amended>AS[ \t]+AMENDED(?![A-Za-z]))?[ \t]*(?:[,:;.][ \t]*)?"
)
_NA = regex.compile(r"N[ \t]?/?[ \t]?A[ \t]*\.?[ \t]*", flags=regex.IGNORECASE)
_DECL = regex.compile(
    r"(?P<kw>DECLASSIFY[ \t]+ON|DECL(?P<typo>[L])?)(?![A-Za-z])[ \t]*[:;.]?[ \t]*",
    flags=regex.IGNORECASE,
)
_DATE = regex.compile(r"(?P<a>[0-9]{1,4})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)(?P<c>[0-9]{1,4})(?![0-9])")
_CODE = r"(?:(?:25|50)X[0-9](?:-[A-Z]+)?|X[0-9]|1\.[4-6][ \t]?X[0-9]|MR|OADR)"
_CODES = regex.compile(
    rf"(?P<codes>{_CODE}(?:(?:[ \t]*[,;/&][ \t]*|[ \t]+(?:AND[ \t]+)?){_CODE})*)[ \t.]*",
    flags=regex.IGNORECASE,
)
_ONE_CODE = regex.compile(_CODE, flags=regex.IGNORECASE)
_DNG = regex.compile(r"DNG[ \t]*:?[ \t]*CO[ \t]+", flags=regex.IGNORECASE)
_SCHEDULE = regex.compile(r"(?P<code>XGDS-?[0-9]|GDS|ADS|RDS-?[0-9]|XDS-?[0-9])(?![A-Za-z0-9])[ \t]*", flags=regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")
# The keyword and the order in one match (the order's parts are all optional,
# so it never fails after a keyword).
_HEAD = regex.compile(START.pattern + _ORDER, flags=regex.IGNORECASE)
# The regex module reads a group by number far faster than by name.
_ORDER_NO, _AMENDED = _HEAD.groupindex["order"], _HEAD.groupindex["amended"]
_DECL_KW, _DECL_TYPO = _DECL.groupindex["kw"], _DECL.groupindex["typo"]

#: Reports ``(code, message, offset into the joined text)``.
_Report = Callable[[str, str, int], None]


@element_parser
def parse_declassification(source: str | Span | Sequence[Span], reporter: Reporter) -> Declassification | None:
    """Read an E.O. field: the first span starts with the keyword.

    >>> parse_declassification("E.O. 12958: DECL: 06/29/2019")
    Declassification(order='12958', date=datetime.date(2019, 6, 29), exemptions=(), text='DECL: 06/29/2019', amended=False)
    """
    usual = _PLAIN.fullmatch(source[0].text) if type(source) is list and len(source) == 1 else None
    plain = _plain(usual) if usual is not None else None
    if plain is not None:
        return plain
    joined = field_text(source, reporter, code="eo-invalid", what="E.O.", field="declassification")
    if joined is None:
        return None
    text = joined.text

    def report(code: str, message: str, offset: int) -> None:
        span, off = joined.locate(offset)
        reporter.report(code, message, span, off, field="declassification")

    o = _HEAD.match(text)
    if o is None:
        report("eo-invalid", f"not an E.O. line: {text[:60]!r}", 0)
        return None
    order = o.group(_ORDER_NO)
    if order is not None and order not in ORDERS:
        order = _repair_order(order, o.start(_ORDER_NO), report)
    rest = text[o.end() :]
    instruction = _Instruction(rest, o.end(), report)
    if not instruction.text:
        report("eo-invalid", "the E.O. line gives no declassification instruction", o.end())
    return Declassification(
        order=order,
        date=instruction.date,
        exemptions=instruction.exemptions,
        text=instruction.text,
        amended=o.group(_AMENDED) is not None,
    )


# The usual E.O. line: "E.O. 12958: DECL: 08/24/2014", "EO 12958 DECL:
# 01/05/2034" (a year first too), or N/A for the instruction; nothing to
# repair or report, the careful reader gives the same.
_PLAIN = regex.compile(
    r"[ \t]*(?:E\.O\.[ ]([0-9]{5}):|EO[ ]([0-9]{5}))[ ]"
    r"(?:DECL:[ ](?:([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})|([0-9]{4})/([0-9]{1,2})/([0-9]{1,2}))|(N/A))[ \t]*"
)


def _plain(m: regex.Match[str]) -> Declassification | None:
    """The E.O. field of a line of the usual shape (matched by ``_PLAIN``); ``None`` when the careful reader must read it."""
    dotted, bare, month, day, year, year_first, month_second, day_third, na = m.groups()
    order = dotted or bare
    if order not in ORDERS:
        return None
    if na is not None:
        return Declassification(order=order, date=None, exemptions=(), text="N/A", amended=False)
    if year_first is not None:
        number, month, day, first, last = int(year_first), month_second, day_third, 6, 8
    else:
        number, first, last = _full_year(year), 3, 5
    try:
        date = _dt.date(number, int(month), int(day))
    except ValueError:
        return None
    return Declassification(order=order, date=date, exemptions=(), text="DECL: " + m.string[m.start(first) : m.end(last)], amended=False)


def _repair_order(order: str, offset: int, report: _Report) -> str:
    near = [known for known in ORDERS if _one_edit(order, known)]
    if len(near) == 1:
        report("eo-repaired", f"executive order {order} read as {near[0]}", offset)
        return near[0]
    report("eo-invalid", f"{order} is not a known executive order", offset)
    return order


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` is one substitution, adjacent swap, insertion or deletion from ``b``."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _Instruction:
    """The declassification instruction after the order number."""

    def __init__(self, rest: str, base: int, report: _Report) -> None:
        self.date: _dt.date | None = None
        self.exemptions: tuple[str, ...] = ()
        self._report = report
        self.text = self._read(rest, base)

    def _read(self, rest: str, base: int) -> str:
        body = rest.rstrip()
        if not body:
            return ""
        # Each pattern is tried only where the first character allows it.
        if _opens(body, "Nn") and _NA.fullmatch(body):
            return "N/A"
        prefix = ""
        pos = 0
        decl = _DECL.match(body) if _opens(body, "Dd") else None
        if decl is not None:
            prefix = "DECL: "
            pos = decl.end()
            if decl.group(_DECL_TYPO):
                self._report("eo-repaired", f"{decl.group(_DECL_KW)!r} read as DECL", base + decl.start(_DECL_KW))
        elif _opens(body, "Dd") and (dng := _DNG.match(body)) is not None:
            date = _DATE.match(body, dng.end())
            if date is not None:
                self._date(date, base)  # validated, but a downgrade date is not a declassification date
                return _tidy(f"DNG: CO {body[dng.end() :]}")
            return _tidy(body)
        tail = body[pos:]
        if not tail.strip():
            self._report("eo-invalid", "nothing follows DECL:", base + len(body))
            return prefix.strip()
        if _opens(tail, "Nn") and _NA.fullmatch(tail):
            return prefix + "N/A"
        date = _DATE.match(body, pos) if tail[:1].isdigit() else None
        if date is not None:
            self.date = self._date(date, base)
            return _tidy(prefix + tail)
        codes = _CODES.fullmatch(tail) if _opens(tail, "25X1MOxmo") else None
        if codes is not None:
            self.exemptions = tuple(_SPACES.sub("", c).upper() for c in _ONE_CODE.findall(codes.group("codes")))
            return _tidy(prefix + tail.upper())
        schedule = _SCHEDULE.match(body, pos) if _opens(tail, "XGARxgar") else None
        if schedule is not None:
            code = schedule.group("code").upper()
            self.exemptions = (code,)
            date = _DATE.match(body, schedule.end())
            if date is not None:
                self.date = self._date(date, base)
            return _tidy(prefix + code + " " + body[schedule.end() :])
        return _tidy(prefix + tail)

    def _date(self, m: regex.Match[str], base: int) -> _dt.date | None:
        value = _date_of(m)
        if value is None:
            self._report("eo-date", f"{m.group(0)!r} is not a valid date", base + m.start())
        return value


def parse_decl_date(text: str) -> _dt.date | None:
    """A declassification date written m/d/yyyy, mm/dd/yy, yyyy/mm/dd or yyyy-mm-dd.

    Two-digit years below 70 are 20xx, others 19xx.  ``None`` when the text
    is not such a date or the date does not exist.
    """
    m = _DATE.fullmatch(text.strip())
    return None if m is None else _date_of(m)


def _opens(text: str, firsts: str) -> bool:
    """Whether ``text`` opens with one of ``firsts`` (or a non-ASCII character, which case folding may match)."""
    first = text[:1]
    return first != "" and (first in firsts or first > "\x7f")


def _date_of(m: regex.Match[str]) -> _dt.date | None:
    """The date of a ``_DATE`` match, if it exists."""
    a, _, b, c = m.groups()  # a, the separator, b, c
    if len(a) == 4:
        if len(c) > 2:
            return None
        year, month, day = int(a), int(b), int(c)
    elif len(a) <= 2 and len(c) in (2, 4):
        month, day, year = int(a), int(b), _full_year(c)
    else:
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


_tidy = collapse_spaces


def render_declassification(value: Declassification) -> str:
    """``E.O. <order>[ AS AMENDED]: <text>``."""
    head = "E.O."
    if value.order:
        head += f" {value.order}"
    if value.amended:
        head += " AS AMENDED"
    return f"{head}: {value.text}" if value.text else f"{head}:"


def _full_year(year: str) -> int:
    """A declassification year as written: two digits stand for 1970-2069."""
    number = int(year)
    return number + (2000 if number < 70 else 1900) if len(year) == 2 else number
