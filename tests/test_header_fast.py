"""The header's one-match reading of the common shape against the line-by-line reading it shortcuts.

``parse_header`` first tries ``_read_common``; whatever that declines goes
to ``_read_lines``, the specification.  The properties here hold the two
to the same result, diagnostics and anchors on generated headers built
from well-formed pieces and near-misses of them, and hold the small
readers the fast path calls (``read_addressee``, ``dtg_of``,
``read_station``) to the public parsers they stand in for.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import attrs
from hypothesis import event, given
from hypothesis import strategies as st

from cableparse.errors import Reporter, Span, as_spans
from cableparse.fields import header, routing
from cableparse.fields.addressees import parse_addressee, read_addressee, render_addressee
from cableparse.fields.dtg import MONTHS, dtg_of, parse_dtg
from cableparse.fields.header import PARTIAL_NOTICE, parse_header, render_header, split_header
from cableparse.fields.results import HeaderResult
from cableparse.fields.routing import parse_station, read_station
from cableparse.model import Header, Station

from .test_header import SEED_HEADER, addressees, names, ris

UTC = dt.timezone.utc
T = TypeVar("T")

# --------------------------------------------------------------------------
# Generated headers: the common shape, its pieces slightly wrong, and lines
# that do not belong to it.

_TWO = "{:02d}".format


def _dtg_text(day: int, hour: int, minute: int, month: str, year: int) -> str:
    return f"{_TWO(day)}{_TWO(hour)}{_TWO(minute)}Z {month} {_TWO(year % 100)}"


# Each piece: (well-formed, near-miss); a "wild" header now and then draws the second.
Piece = tuple[st.SearchStrategy[T], st.SearchStrategy[T]]
days: Piece[int] = (st.integers(1, 28), st.integers(0, 32))
hours: Piece[int] = (st.integers(0, 23), st.just(24))
minutes: Piece[int] = (st.integers(0, 59), st.just(60))
month_words: Piece[str] = (st.sampled_from(MONTHS), st.sampled_from(["JUX", "Jun", "SEPT"]))
prosigns: Piece[str] = (st.sampled_from(["P", "O", "R", "Z"]), st.sampled_from(["X", "PP"]))
securities: Piece[str] = (
    st.sampled_from(["ZNY CCCCC ZZH", "ZNR UUUUU ZZH", "ZNY SSSSS ZZH", "ZNY EEEEE", "ZNR UUUUU", "ZNY CCCCC ZZH ZDK"]),
    st.sampled_from(["ZNY XXXXX", "ZNY", "ZNYCCCCC"]),
)
years = st.integers(0, 99)

# Addressee lines: rendered values, and readings that note something.
rendered_addressees = addressees.map(render_addressee)
odd_addressees = st.sampled_from(
    [
        "RUEHC/SECSTATE WASHDC PRIORTY 2910",
        "RUEHBY/AMEMBASSY CANBERRA 4778-4781",
        "RUEHC/SECSTATE WASHDC IMMEDIATE",
        "RUEHC/",
        "RUCNASE/ASEAN MEMBER COLLECTIVE",
        "AMEMBASSY OSLO",
        "RHEHNSC/NSC WASHDC 0001",
        "RUEHC/SECSTATE WASHDC NIACT IMMEDIATE 0123",
    ]
)
addressee_lines = rendered_addressees | odd_addressees
addressee_pieces: Piece[str] = (rendered_addressees, odd_addressees)


def _piece(draw: st.DrawFn, piece: Piece[T], wild: bool) -> T:
    """A well-formed piece, or in a wild header now and then its near-miss."""
    good, near = piece
    return draw(near if wild and draw(st.integers(0, 3)) == 0 else good)


@st.composite
def _transport(draw: st.DrawFn, yday: int, wild: bool) -> list[str]:
    relay_ris = draw(st.lists(ris, min_size=1, max_size=9))
    # The relay line's RIs, some of them on continuation lines.
    cut = draw(st.integers(1, len(relay_ris)))
    relay = [f"{draw(st.sampled_from(['PP', 'RR', 'OO', 'ZZ', 'YY']))} {' '.join(relay_ris[:cut])}"]
    relay += [" ".join(relay_ris[i : i + 3]) for i in range(cut, len(relay_ris), 3)]
    day = draw(st.just(yday) | st.sampled_from([1, 2, 365, 366]) | st.integers(0, 367) if wild else st.just(yday) | st.integers(1, 365))
    section = draw(st.none() | st.integers(1, 20))
    de = (
        f"DE {draw(ris)} #{draw(st.integers(0, 9999)):04d}{'' if section is None else '/' + _TWO(section)} "
        f"{day:03d}{_TWO(_piece(draw, hours, wild))}{_TWO(_piece(draw, minutes, wild))}"
    )
    security = _piece(draw, securities, wild)
    return [draw(st.from_regex(r"\AVZCZC[A-Z]{3}[0-9]{3,4}\Z")), *relay, *[""] * draw(st.integers(0, 2)), de, security]


def _block(keyword: str, lines: list[str]) -> list[str]:
    return [f"{keyword} {lines[0]}", *lines[1:]]


@st.composite
def common_headers(draw: st.DrawFn, wild: bool = False) -> list[str]:
    """The lines of a header of the common shape, each piece well-formed (or, when ``wild``, nearly so)."""
    day, hour, minute = _piece(draw, days, wild), _piece(draw, hours, wild), _piece(draw, minutes, wild)
    month, year = _piece(draw, month_words, wild), draw(years)
    # About the DTG's day of the year, as a DE line's julian day mostly is.
    yday = min(max(1, min(day, 28) + 30 * (MONTHS.index(month) if month in MONTHS else 0)), 365)
    lines = draw(_transport(yday, wild)) if draw(st.booleans()) else []
    info = draw(st.none() | prosigns[0])
    signals = draw(st.sampled_from(["", " ZDK", " ZDS", " CTG", " #0123", " ZDK ZFF-1", " (CCY)"]))
    lines.append(f"{_piece(draw, prosigns, wild)}{'' if info is None else ' ' + info} {_dtg_text(day, hour, minute, month, year)}{signals}")
    lines.append(f"FM {draw(names)}")
    blocks = [("TO", True), ("INFO", draw(st.booleans()))]
    for keyword, present in blocks:
        if present:
            lines += _block(keyword, [_piece(draw, addressee_pieces, wild) for _ in range(draw(st.integers(1, 4)))])
    return lines


# Lines that break the common shape where they stand (or leave it whole).
stray_lines = st.sampled_from(
    [
        "",
        "XMT AMCONSUL FRANKFURT",
        "PAGE 02 RUEHKL 00521 290952Z",
        "PAGE 02",
        "CONFIDENTIAL",
        "CONFIDENTIAL RUEHKL 00521 290952Z",
        "UNKNOWN LINE",
        "INFO LOG-00 EUR-00",
        "INFO",
        "TO",
        "SUBJECT: A SUBJECT",
        "E.O. 12958: N/A",
        "C O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123",
        "SECTION 01 OF 02 OSLO 000123",
        "RUEHXX",
        "RUEHAA RUEHBB",
        "ZNY CCCCC ZZH",
        "FM AMEMBASSY OSLO",
        "FM",
        "DE RUEHKL #0001 0010000",
        "DE RUEHKL 0001",
        "O 010000Z JAN 09",
        "P 290952 JUN 09",
        PARTIAL_NOTICE,
        "VZCZCXRO0001",
        "RR RUEHWEB",
        "DRAFTED BY: EUR/NB: JDOE",
        "----------------------  121530Z /38",
        "R 290952Z JUN 09 ZDK",
    ]
)


@st.composite
def _mutate(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """``lines`` with one near-miss change."""
    lines = list(lines)
    at = draw(st.integers(0, len(lines) - 1))
    line = lines[at]
    change = draw(st.sampled_from(["space", "lead", "trail", "lower", "insert", "delete", "char", "duplicate", "join"]))
    if change == "space" and " " in line:
        spaces = [i for i, c in enumerate(line) if c == " "]
        i = draw(st.sampled_from(spaces))
        lines[at] = line[:i] + draw(st.sampled_from(["  ", "\t", " \t"])) + line[i + 1 :]
    elif change == "lead":
        lines[at] = draw(st.sampled_from([" ", "  ", "\t"])) + line
    elif change == "trail":
        lines[at] = line + draw(st.sampled_from([" ", "  ", "\t"]))
    elif change == "lower":
        lines[at] = line.lower()
    elif change == "insert":
        lines.insert(at + draw(st.integers(0, 1)), draw(stray_lines))
    elif change == "delete" and len(lines) > 1:
        del lines[at]
    elif change == "char" and line:
        i = draw(st.integers(0, len(line) - 1))
        lines[at] = line[:i] + draw(st.sampled_from(list(" \t#/-0179AZaz.:"))) + line[i + 1 :]
    elif change == "duplicate":
        lines.insert(at, line)
    elif change == "join" and at + 1 < len(lines):
        lines[at : at + 2] = [f"{line} {lines[at + 1]}"]
    return lines


@st.composite
def near_headers(draw: st.DrawFn) -> list[Span]:
    """The spans of a header zone: common, or common with up to three near-miss changes."""
    lines = draw(common_headers(wild=draw(st.integers(0, 2)) == 0))
    for _ in range(draw(st.integers(0, 3))):
        lines = draw(_mutate(lines))
    text = "\n".join(lines)
    if draw(st.booleans()):
        # As the parse reads it: the zone split_header finds above a body.
        spans = as_spans(f"{text}\n\nC O N F I D E N T I A L SECTION 01 OF 02 OSLO 000123\n\nSIPDIS\n")
        return list(spans[: split_header(spans)])
    return list(as_spans(text))


def _read(read: object, spans: list[Span]) -> tuple[HeaderResult | None, Reporter]:
    reporter = Reporter()
    assert callable(read)
    return read(spans, reporter), reporter


def _seen(reporter: Reporter) -> tuple[list[object], list[tuple[str, Span]]]:
    """What a reading left in the reporter: the diagnostics, and the anchors in the order they were set."""
    return list(reporter.diagnostics), list(reporter.anchors.items())


@given(near_headers())
def test_the_fast_path_reads_as_the_line_by_line_reader(spans: list[Span]) -> None:
    slow, slow_reporter = _read(header._read_lines, spans)
    fast, fast_reporter = _read(header._read_common, spans)
    event("fast path taken" if fast is not None else "fast path declined")
    if fast is not None:
        assert fast == slow
        assert _seen(fast_reporter) == _seen(slow_reporter)
    else:
        # Declined without a trace, and the public parse gives the slow reading.
        assert _seen(fast_reporter) == ([], [])
        public, public_reporter = _read(parse_header, spans)
        assert public == slow
        assert _seen(public_reporter) == _seen(slow_reporter)


@given(common_headers(), st.integers(0, 999), st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999))
def test_a_faulty_de_line_reads_alike_on_both_paths(lines: list[str], day: int, hour: int, minute: int, serial: int) -> None:
    # The fast path takes a DE line of the right shape whose numbers are
    # wrong: read_station reports them, and the line stays unparsed.
    de = f"DE RUEHKL #{serial:04d} {day:03d}{_TWO(hour)}{_TWO(minute)}"
    at = next((i for i, line in enumerate(lines) if line.startswith("DE ")), None)
    spans = list(as_spans("\n".join([*lines[:at], de, *lines[at + 1 :]] if at is not None else lines)))
    slow, slow_reporter = _read(header._read_lines, spans)
    public, public_reporter = _read(parse_header, spans)
    assert public == slow
    assert _seen(public_reporter) == _seen(slow_reporter)


@given(common_headers())
def test_well_formed_headers_read_alike_whichever_path_takes_them(lines: list[str]) -> None:
    spans = list(as_spans("\n".join(lines)))
    slow, slow_reporter = _read(header._read_lines, spans)
    public, public_reporter = _read(parse_header, spans)
    assert public == slow
    assert _seen(public_reporter) == _seen(slow_reporter)


# The seed cable's header, its relay line wrapped and followed by a blank line as on the page.
SEED = render_header(SEED_HEADER).replace(" RUEHNH\n", "\nRUEHNH\n\n")


def test_the_fast_path_takes_the_common_shape_and_declines_the_rest() -> None:
    # The properties above compare both ways only if both ways occur.
    taken = [SEED, SEED.split("ZNY CCCCC ZZH\n")[1], SEED.split("\nINFO")[0]]
    declined = [
        SEED.replace("#0521", "N0521"),  # a garbled DE line
        SEED.replace("290952Z", "320952Z"),  # a day out of range
        SEED.replace("FM AMEMBASSY KUALA LUMPUR\n", ""),  # no FM
        SEED.replace("P 290952Z", "P  290952Z"),  # two spaces
        SEED.replace("PRIORITY 2910", "PRIORTY 2910"),  # an addressee read with a note
        SEED + "\nPAGE 02 RUEHKL 00521 290952Z",  # page residue
        SEED.lower(),
    ]
    assert _read(header._read_common, list(as_spans(SEED)))[0] == HeaderResult(SEED_HEADER)
    for text in taken:
        fast, reporter = _read(header._read_common, list(as_spans(text)))
        assert fast is not None
        assert fast.header.originator == "AMEMBASSY KUALA LUMPUR"
        assert reporter.anchors["header.dtg"].text == "P 290952Z JUN 09"
    for text in declined:
        fast, reporter = _read(header._read_common, list(as_spans(text)))
        assert fast is None
        assert _seen(reporter) == ([], [])


# --------------------------------------------------------------------------
# The readers the fast path calls, against the parsers they stand in for.

addressee_texts = (
    addressee_lines
    | st.builds(
        lambda line, gap, trail: line.replace(" ", gap) + trail,
        addressee_lines,
        st.sampled_from(["  ", "\t", " \t"]),
        st.sampled_from(["", " "]),
    )
    | st.text(st.sampled_from(list("RUEHC/SECTAWDIOPMNY -0123456789#.:()")), min_size=1, max_size=30)
).filter(lambda text: text.strip() != "")


@given(addressee_texts)
def test_read_addressee_agrees_with_parse_addressee(text: str) -> None:
    reporter = Reporter()
    value = parse_addressee(text, reporter)
    assert read_addressee(text) == (None if reporter.diagnostics else value)


@given(
    st.integers(0, 33) | st.sampled_from([28, 29, 30, 31, 32]),
    st.integers(0, 25),
    st.integers(0, 61),
    st.integers(1, 12),
    st.integers(1966, 2065),
)
def test_dtg_of_agrees_with_parse_dtg(day: int, hour: int, minute: int, month: int, year: int) -> None:
    reporter = Reporter()
    expected = parse_dtg(_dtg_text(day, hour, minute, MONTHS[month - 1], year), reporter)
    assert dtg_of(day, hour, minute, month, year) == expected
    assert (expected is None) == bool(reporter.diagnostics)


def test_dtg_of_on_the_edges_of_the_calendar() -> None:
    assert dtg_of(29, 23, 59, 2, 2008) == dt.datetime(2008, 2, 29, 23, 59, tzinfo=UTC)
    assert dtg_of(29, 0, 0, 2, 2009) is None
    assert dtg_of(31, 0, 0, 4, 2009) is None
    assert dtg_of(1, 24, 0, 1, 2009) is None
    assert dtg_of(1, 0, 60, 1, 2009) is None
    assert dtg_of(0, 0, 0, 1, 2009) is None


de_lines = st.builds(
    lambda ri, hash_, serial, section, day, hour, minute, gap: (
        f"DE{gap}{ri}{gap}{hash_}{serial}{section}{gap}{day:03d}{_TWO(hour)}{_TWO(minute)}"
    ),
    ris,
    st.sampled_from(["#", ""]),
    st.from_regex(r"\A[0-9]{1,6}\Z"),
    st.sampled_from(["", "/01", "/7", "/123"]),
    st.integers(0, 367) | st.sampled_from([1, 2, 365, 366]),
    st.one_of(hours),
    st.one_of(minutes),
    st.sampled_from([" ", "  ", "\t"]),
)
station_dtgs = st.none() | st.datetimes(min_value=dt.datetime(1966, 1, 1), max_value=dt.datetime(2065, 12, 31), timezones=st.just(UTC)).map(
    lambda t: t.replace(second=0, microsecond=0)
)


@given(de_lines, station_dtgs, st.none() | st.integers(1966, 2065))
def test_read_station_agrees_with_parse_station(text: str, dtg: dt.datetime | None, year: int | None) -> None:
    span = Span(4, 1, text)
    m = routing._DE_LINE.fullmatch(text)
    assert m is not None
    slow = Reporter()
    expected = parse_station(span, slow, dtg=dtg, year=year)
    fast = Reporter()
    ri, serial, section, filing = m.groups()
    assert read_station(span, fast, ri, serial, section, filing, m.start(4), dtg, year) == expected
    assert fast.diagnostics == slow.diagnostics


@given(de_lines.filter(lambda text: text[2] == " " and "  " not in text and "\t" not in text), station_dtgs)
def test_the_common_match_cuts_the_de_line_as_parse_station_does(de: str, dtg: dt.datetime | None) -> None:
    # The fast path passes the groups of its own match, and the filing
    # group's column worked out from them, to read_station.
    text = f"VZCZCXRO0001\nRR RUEHAA\n{de}\nZNY CCCCC\nP 290952Z JUN 09\nFM AMEMBASSY OSLO\nTO RUEHC/SECSTATE WASHDC"
    m = header._COMMON.match(text)
    shape = routing._de_shape(Span(3, 1, de), Reporter())
    assert m is not None
    assert shape is not None
    assert (*m.groups()[1:5], m.start(5) - m.start(2) + 3) == shape


# --------------------------------------------------------------------------
# The fast path builds Header and Station with positional arguments.


def test_header_and_station_fields_keep_the_order_the_fast_path_builds_them_in() -> None:
    assert [field.name for field in attrs.fields(Header)] == [
        "transmission_id",
        "relay",
        "station",
        "security",
        "security_efto",
        "security_signals",
        "precedence",
        "info_precedence",
        "dtg",
        "dtg_signals",
        "originator",
        "to",
        "info",
        "exempt",
        "print_lines",
    ]
    assert [field.name for field in attrs.fields(Station)] == ["routing_indicator", "serial", "section", "day_of_year", "time", "filed"]
