"""Hypothesis strategies for cables and their parts, and garblers for their texts.

Install the ``strategies`` extra (``pip install 'cableparse[strategies]'``)
to use this module; it is not imported by ``import cableparse``.

Element strategies (:func:`routing_indicators`, :func:`addressees`,
:func:`relays`, :func:`stations`, :func:`dtgs`, :func:`securities`,
:func:`banners`, :func:`captions`, :func:`passing_lines`,
:func:`declassifications`, :func:`tags`, :func:`subjects`,
:func:`references`, :func:`classified_bys`, :func:`paragraphs`,
:func:`signatures`, :func:`headers`) draw values that their parsers in
:mod:`cableparse.fields` read back from their canonical text.
:func:`cables` draws whole cables that are internally consistent the way
real ones are -- the DE line's julian day is the DTG's day, its serial the
banner serial modulo 10000, the relay digraph the first prosign doubled,
the banner level the security line's, the reference ID derived from year,
station and serial, portion marks never above the banner, a Classified By
line exactly on classified cables -- so that ``cableparse.parse(
cableparse.render(cable))`` gives them back without warnings::

    from hypothesis import given
    from cableparse import parse, render
    from cableparse.render import semantic_fields
    from cableparse.strategies import cables, garbled

    @given(cables())
    def test_round_trip(cable):
        assert semantic_fields(parse(render(cable))) == semantic_fields(cable)

Garblers turn a cable's canonical text into the forms it takes in the
wild: :func:`to_markdown` (tag links, pilcrow artefacts), :func:`to_html_page`
(a Cablegate page), :func:`to_csv_row` (a cables.csv row), :func:`wrap`
(55-70 column lines), :func:`insert_page_markers`, :func:`insert_sipdis`,
:func:`keyword_case` and :func:`garble_banner`.  :func:`garbled` draws any
combination of them for one cable; every combination reads back as the
same cable.
"""

from __future__ import annotations

import datetime as _dt
import functools
import html as _html
import itertools
import random
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("cableparse.strategies needs Hypothesis; install it with: pip install 'cableparse[strategies]'") from exc

import regex

from .fields.text import find_summary
from .model import (
    CLASSIFICATION_RANK,
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    Declassification,
    Header,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    Station,
)
from .render import render_parts

__all__ = [
    "POSTS",
    "Post",
    "addressees",
    "banners",
    "cables",
    "captions",
    "classified_bys",
    "declassifications",
    "dtgs",
    "garble_banner",
    "garbled",
    "headers",
    "insert_page_markers",
    "insert_sipdis",
    "keyword_case",
    "markings",
    "paragraph_texts",
    "paragraphs",
    "passing_lines",
    "references",
    "relays",
    "routing_indicators",
    "securities",
    "signatures",
    "stations",
    "subjects",
    "tags",
    "to_csv_row",
    "to_html_page",
    "to_markdown",
    "trailing_spaces",
    "wrap",
]

_UTC = _dt.timezone.utc
_T = TypeVar("_T")

# --------------------------------------------------------------------------
# Vocabularies


class Post(NamedTuple):
    """An originating station: what its cables say about it in each place."""

    routing_indicator: str
    """DE-line routing indicator (ACP 117)."""
    plad: str
    """Plain-language address on the FM line."""
    station: str
    """Station name in the banner, with spaces."""
    geo: str | None
    """The host country's geographic TAG."""
    origin: str
    """How the Cablegate pages and cables.csv name the origin."""


#: The stations :func:`cables` draws from; every banner station is in the
#: origin-token vocabulary.
POSTS: tuple[Post, ...] = (
    Post("RUEHKL", "AMEMBASSY KUALA LUMPUR", "KUALA LUMPUR", "MY", "Embassy Kuala Lumpur"),
    Post("RUEHC", "SECSTATE WASHDC", "STATE", None, "Secretary of State"),
    Post("RUEHFR", "AMEMBASSY PARIS", "PARIS", "FR", "Embassy Paris"),
    Post("RUEHAK", "AMEMBASSY ANKARA", "ANKARA", "TU", "Embassy Ankara"),
    Post("RUEHKO", "AMEMBASSY TOKYO", "TOKYO", "JA", "Embassy Tokyo"),
    Post("RUEHMO", "AMEMBASSY MOSCOW", "MOSCOW", "RS", "Embassy Moscow"),
    Post("RUEHGB", "AMEMBASSY BAGHDAD", "BAGHDAD", "IZ", "Embassy Baghdad"),
    Post("RUEHMD", "AMEMBASSY MADRID", "MADRID", "SP", "Embassy Madrid"),
    Post("RUEHBO", "AMEMBASSY BOGOTA", "BOGOTA", "CO", "Embassy Bogota"),
    Post("RUEHNR", "AMEMBASSY NAIROBI", "NAIROBI", "KE", "Embassy Nairobi"),
    Post("RUEHBY", "AMEMBASSY CANBERRA", "CANBERRA", "AS", "Embassy Canberra"),
    Post("RUEHTC", "AMEMBASSY THE HAGUE", "THE HAGUE", "NL", "Embassy The Hague"),
    Post("RUEHBU", "AMEMBASSY BUENOS AIRES", "BUENOS AIRES", "AR", "Embassy Buenos Aires"),
    Post("RUEHPU", "AMEMBASSY PORT AU PRINCE", "PORT AU PRINCE", "HA", "Embassy Port Au Prince"),
    Post("RUEHHM", "AMCONSUL HO CHI MINH CITY", "HO CHI MINH CITY", "VM", "Consulate Ho Chi Minh City"),
    Post("RUEHHK", "AMCONSUL HONG KONG", "HONG KONG", "HK", "Consulate Hong Kong"),
    Post("RUEHIN", "AIT TAIPEI", "AIT TAIPEI", "TW", "AIT Taipei"),
    Post("RUEHUB", "USINT HAVANA", "HAVANA", "CU", "US Interests Section Havana"),
    Post("RUEHUNV", "USMISSION UNVIE VIENNA", "UNVIE VIENNA", None, "UNVIE"),
)

_STATE = POSTS[1]
#: The first DTG year with an E.O. line (E.O. 11652, with a year of slack).
_FIRST_EO_YEAR = 1971
#: E.O. 13292 (March 2003) moved the classification reasons to section 1.4.
_SECTION_14_YEAR = 2004
# Collectives and agencies that are addressed without an MCN.
_COLLECTIVES: tuple[tuple[str, str], ...] = (
    ("RUCNASE", "ASEAN MEMBER COLLECTIVE"),
    ("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE"),
    ("RUEHXK", "ARAB LEAGUE COLLECTIVE"),
)
_AGENCIES: tuple[tuple[str, str], ...] = (
    ("RHEHNSC", "NSC WASHDC"),
    ("RUEKJCS", "SECDEF WASHDC"),
    ("RUEAIIA", "CIA WASHINGTON DC"),
    ("RHMCSUU", "FBI WASHINGTON DC"),
)
_RELAY_PRECEDENCES = (Precedence.FLASH, Precedence.IMMEDIATE, Precedence.PRIORITY, Precedence.ROUTINE)
_PROSIGN_RANK = {Precedence.ROUTINE: 0, Precedence.PRIORITY: 1, Precedence.IMMEDIATE: 2, Precedence.FLASH: 3}

_SUBJECT_TAGS = (
    "PREL", "PGOV", "PHUM", "ECON", "ETRD", "PTER", "MARR", "MOPS", "KTIP", "ELAB", "SNAR", "EFIN",
    "ENRG", "KNNP", "PARM", "ASEC", "CASC", "KDEM", "SOCI", "EAID", "KCRM", "PINR",
)  # fmt: skip
_ORG_TAGS = ("UN", "IAEA", "NATO", "EU", "UNSC")
_PERSONS = ("STEINBERG, JAMES", "BURNS, WILLIAM", "CLINTON, HILLARY", "GATES, ROBERT")

_CAPTIONS = ("SIPDIS", "NOFORN", "SENSITIVE", "EXDIS", "NODIS", "LIMDIS")
_PASSING = (
    "FOR EAP/MTS AND G/TIP",
    "DEPT FOR WHA/BSC",
    "STATE FOR EUR/RUS",
    "DEPT PASS USTR",
    "PASS TO USAID",
    "NSC FOR SENIOR DIRECTOR",
    "TREASURY FOR OFFICE OF INTERNATIONAL AFFAIRS",
    "DEPT FOR NEA/IR AND INR",
)

_UPPER_WORDS = (
    "MINISTER", "PRESIDENT", "ELECTION", "REFORM", "TALKS", "TRADE", "POLICE", "ARMY", "PARLIAMENT", "BUDGET",
    "CRISIS", "VISIT", "PLAN", "ACTION", "AGREEMENT", "OPPOSITION", "PARTY", "COURT", "BORDER", "ENERGY",
    "SECURITY", "HUMAN", "RIGHTS", "LABOR", "OFFICIALS", "WELCOME", "DISCUSS", "PRESENTS", "REJECTS", "SEEKS",
    "NEW", "FIRST", "CABINET", "COALITION", "GOVERNMENT", "NUCLEAR", "MEDIA", "PRESS", "STRIKE", "PROTEST",
)  # fmt: skip
_COUNTRIES = ("MALAYSIA", "FRANCE", "TURKEY", "JAPAN", "RUSSIA", "IRAQ", "SPAIN", "COLOMBIA", "KENYA", "HAITI", "VIETNAM")
_WORDS = (
    "the", "minister", "said", "that", "government", "would", "consider", "new", "measures", "against", "trafficking",
    "and", "labor", "abuses", "in", "coming", "months", "officials", "noted", "progress", "on", "reform", "while",
    "opposition", "leaders", "remained", "skeptical", "about", "timing", "of", "elections", "police", "reported",
    "several", "arrests", "near", "border", "region", "embassy", "will", "follow", "up", "with", "ministry", "contacts",
    "parliament", "passed", "budget", "after", "long", "debate", "over", "energy", "subsidies", "press", "coverage",
    "focused", "visit", "by", "delegation", "from", "capital", "we", "expect", "further", "talks", "next", "week",
)  # fmt: skip
_NAMES = ("Abu", "Raja", "Ahmed", "Maria", "Jean", "Kenji", "Ivan", "Carlos", "Amina", "Tran", "Ali", "Ana")
_ACRONYMS = ("GOM", "MFA", "DCM", "UN", "EU", "IMF", "NGO", "U.S.")
_HEADINGS = (
    "Summary and Comment",
    "Summary",
    "Comment",
    "Background",
    "Senior Officials Receive DCM",
    "Labor Trafficking -- GOM to Start Using TIP Law",
    "Next Steps",
    "ELECTION OUTLOOK",
    "Police Comments",
    "Opposition Reaction",
)
_SURNAMES = ("KEITH", "STEVENS", "RICE", "CLINTON", "VAN VOORST", "WOOD", "BROWN", "GARCIA", "NGUYEN", "MCDONALD")
_GIVEN = ("Mark", "Jane", "Robert", "Susan", "James", "Linda", "Peter", "Laura", "Thomas", "Karen")
_FAMILY = ("Clark", "Doe", "Miller", "Lopez", "Wright", "Young", "Baker", "Hughes", "Fisher", "Porter")
_TITLES = (
    "Ambassador",
    "Political Counselor",
    "Deputy Chief of Mission",
    "Economic Counselor",
    "Charge d'Affaires",
    "Acting Political Counselor",
    "DCM",
    "Political Officer",
)
_REFERENCE_NOTES = ("ACTION PLAN", "REACTION TO REPORT", "MEETING WITH MINISTER", "ELECTION PREVIEW", "DEMARCHE REQUEST")
_NON_CABLE = ("TELCON WITH DESK OFFICER", "SEPTEL", "DEPARTMENT EMAIL TO POST", "DAO INFORMATION REPORT")
_STATION_ALIASES = {"KUALA LUMPUR": ("KL", "KUALA LUMPUR"), "STATE": ("STATE", "SECSTATE"), "HONG KONG": ("HK", "HONG KONG")}

# --------------------------------------------------------------------------
# Drawing helpers
#
# The parts that depend on arguments (a DTG, a level) are plain functions
# taking ``draw``, run through the one composite :func:`_drawing`: building
# a composite strategy per example inspects the function's source, and
# validating fresh strategy objects is what made generation slow.  The
# fixed strategies they draw from are built once, here.

_Drawer = Callable[..., object]


@st.composite
def _drawing(draw: st.DrawFn, function: _Drawer, *args: object) -> object:
    return function(draw, *args)


def _strategy(function: Callable[..., _T], *args: object) -> st.SearchStrategy[_T]:
    return _drawing(function, *args)  # type: ignore[return-value]


_BOOL = st.booleans()
_MCN = st.integers(1, 9999)
_SERIAL = st.integers(1, 999999)
_TENTH = st.integers(0, 9)
_POST = st.sampled_from(POSTS)
_POST_RIS = st.sampled_from([p.routing_indicator for p in POSTS])
_RELAY_RIS = st.lists(_POST_RIS, min_size=1, max_size=5, unique=True).map(tuple)
_STATION_NAMES = st.sampled_from([p.station for p in POSTS])
_FILING_DELAY = st.sampled_from((0, 0, 0, 1, 4, 9))
_SECTIONS = st.sampled_from((None, None, 2, 3, 4))
_DE_SECTION = st.sampled_from((None, 1))
_OTHER_ADDRESSEES = st.sampled_from(_COLLECTIVES + _AGENCIES)
_DECL_YEARS = st.sampled_from((10, 10, 10, 25, 20, 5))
_EXEMPTIONS = st.lists(st.sampled_from(("X1", "X5", "X6", "MR")), min_size=1, max_size=2, unique=True)
_TAG_LIST = st.lists(st.sampled_from(_SUBJECT_TAGS), min_size=1, max_size=5, unique=True)
_ORG = st.sampled_from(_ORG_TAGS)
_PERSON = st.sampled_from(_PERSONS)
_REF_COUNT = st.integers(1, 4)
_NON_CABLES = st.sampled_from(_NON_CABLE)
_REF_SERIAL = st.integers(1, 99999)
_REF_NOTE = st.sampled_from(_REFERENCE_NOTES)
_HEADING = st.sampled_from(_HEADINGS)
_PARAGRAPH_COUNT = st.integers(1, 8)
_ACTION = st.sampled_from((Precedence.ROUTINE, Precedence.PRIORITY, Precedence.PRIORITY, Precedence.IMMEDIATE, Precedence.FLASH))
_CHANNEL_SEQUENCE = st.integers(0, 9999)
_NAME = st.builds(
    lambda given, initial, family: f"{given} {initial}. {family}",
    st.sampled_from(_GIVEN),
    st.sampled_from("ABCDEJKLMPRSTW"),
    st.sampled_from(_FAMILY),
)
_TITLE = st.sampled_from(_TITLES)


def _draw_station(draw: st.DrawFn, dtg: _dt.datetime | None, serial: int | None) -> Station:
    when = dtg if dtg is not None else draw(dtgs())
    filed = when + _dt.timedelta(minutes=draw(_FILING_DELAY))
    number = serial if serial is not None else draw(_SERIAL)
    return Station(
        routing_indicator=draw(_POST_RIS),
        serial=number % 10000,
        section=draw(_DE_SECTION),
        day_of_year=filed.timetuple().tm_yday,
        time=f"{filed.hour:02d}{filed.minute:02d}",
        filed=filed,
    )


def _draw_banner(draw: st.DrawFn, classification: Classification | None, station: str | None) -> Banner:
    level = classification if classification is not None else draw(_LEVELS)
    sections = draw(_SECTIONS)
    return Banner(
        classification=level,
        section=1 if sections else None,
        sections=sections,
        station=station if station is not None else draw(_STATION_NAMES),
        serial=draw(_SERIAL),
        efto=level is Classification.UNCLASSIFIED and draw(_TENTH) == 0,
    )


def _draw_declassification(draw: st.DrawFn, dtg: _dt.datetime | None, classified: bool) -> Declassification:
    when = dtg if dtg is not None else draw(dtgs(_FIRST_EO_YEAR))
    year = when.year
    order = "11652" if year < 1978 else "12065" if year < 1982 else "12356" if year < 1995 else "12958" if year < 2010 else "13526"
    amended = order == "12958" and year >= 2003 and draw(_TENTH) == 0
    if not classified:
        return Declassification(order, None, (), "N/A", amended)
    if order == "11652":
        return Declassification(order, None, ("GDS",), "GDS")
    if order == "12356":
        return Declassification(order, None, ("OADR",), "DECL: OADR")
    date = _add_years(when.date(), draw(_DECL_YEARS))
    if order == "12065":
        return Declassification(order, date, ("RDS-1",), f"RDS-1 {date:%m/%d/%Y}")
    if draw(_TENTH) == 0:
        codes = tuple(sorted(draw(_EXEMPTIONS)))
        return Declassification(order, None, codes, "DECL: " + ", ".join(codes), amended)
    return Declassification(order, date, (), f"DECL: {date:%m/%d/%Y}", amended)


def _draw_tags(draw: st.DrawFn, geo: str | None) -> tuple[str, ...]:
    out = draw(_TAG_LIST)
    if geo is not None:
        out.append(geo)
    if draw(_TENTH) < 2:
        out.append(draw(_ORG))
    if draw(_TENTH) == 0 and "OVIP" not in out:
        out.extend(("OVIP", draw(_PERSON)))
    return tuple(dict.fromkeys(out))


def _draw_references(draw: st.DrawFn, year: int, own: tuple[str, int] | None) -> tuple[Reference, ...]:
    count = draw(_REF_COUNT)
    items = []
    for index in range(count):
        label = chr(ord("A") + index) if count > 1 else None
        if draw(_TENTH) == 0:
            items.append(Reference(label, None, draw(_NON_CABLES)))
            continue
        post = draw(_POST)
        written = draw(st.sampled_from(_STATION_ALIASES.get(post.station, (post.station,))))
        serial = draw(_REF_SERIAL)
        if own is not None and own == (post.station, serial):
            serial += 1
        cited = year
        text = f"{written} {serial}"
        if draw(_BOOL):
            cited = draw(st.integers(max(1966, year - 3), year))
            text = f"{cited % 100:02d} {text}"
        if draw(_BOOL):
            text += " - " + draw(_REF_NOTE)
        items.append(Reference(label, f"{cited % 100:02d}{post.station.replace(' ', '')}{serial}", text))
    return tuple(items)


def _draw_paragraphs(draw: st.DrawFn, classification: Classification, noforn: bool) -> tuple[Paragraph, ...]:
    mark = markings(classification, noforn)
    marked = draw(_TENTH) > 0
    if draw(_TENTH) == 0:
        # A single paragraph is not numbered (5 FAH-1 H-246).
        marking = draw(mark) if marked or noforn else None
        if noforn and (marking is None or "NF" not in marking):
            marking = _noforn_mark(classification)
        return (Paragraph(None, marking, None, draw(_PARAGRAPH_TEXT)),)
    out = []
    for number in range(1, draw(_PARAGRAPH_COUNT) + 1):
        heading = draw(_HEADING) if draw(_TENTH) < 3 else None
        out.append(Paragraph(number, draw(mark) if marked else None, heading, draw(_PARAGRAPH_TEXT)))
    if noforn and not any(p.marking and "NF" in p.marking for p in out):
        last = out[-1]
        out[-1] = Paragraph(last.number, _noforn_mark(classification), last.heading, last.text)
    return tuple(out)


def _draw_header(
    draw: st.DrawFn,
    post: Post,
    dtg: _dt.datetime,
    classification: Classification | None,
    serial: int | None,
    efto: bool = False,
    sections: int | None = None,
) -> Header:
    level = classification if classification is not None else draw(_SECURITIES)
    action = draw(_ACTION)
    lower = [p for p in _PROSIGN_RANK if _PROSIGN_RANK[p] < _PROSIGN_RANK[action]]
    info = draw(st.sampled_from(lower)) if lower and draw(_TENTH) < 2 else None
    action_word = _word_for(action)
    if action is Precedence.IMMEDIATE and draw(_TENTH) < 2:
        action_word = Precedence.NIACT_IMMEDIATE
    info_word = _word_for(info or action)
    web = draw(_TENTH) < 3
    relay = Relay(action, ("RUEHWEB",) if web else draw(_RELAY_RIS))
    drawn = _draw_station(draw, dtg, serial if serial is not None else draw(_SERIAL))
    # A multi-section cable always numbers its transmission on the DE line.
    section = 1 if sections else drawn.section
    station = Station(post.routing_indicator, drawn.serial, section, drawn.day_of_year, drawn.time, drawn.filed)
    if post is _STATE:
        to = [Addressee(p.routing_indicator, p.plad, action_word, draw(_MCN)) for p in _others(draw, post, 1, 3)]
    else:
        to = [Addressee(_STATE.routing_indicator, _STATE.plad, action_word, draw(_MCN))]
    info_block = [Addressee(p.routing_indicator, p.plad, info_word, draw(_MCN)) for p in _others(draw, post, 0, 3, to)]
    exempt: list[Addressee] = []
    if draw(_TENTH) < 2:
        ri, name = draw(_OTHER_ADDRESSEES)
        info_block.append(Addressee(ri, name, info_word, None))
        if name.endswith("COLLECTIVE") and draw(_BOOL):
            exempt.append(Addressee(None, draw(st.sampled_from(POSTS[2:])).plad))
    return Header(
        transmission_id=f"VZCZC{'XYZ' if web else 'XRO'}{draw(_CHANNEL_SEQUENCE):04d}",
        relay=relay,
        station=station,
        security=level,
        security_efto=efto,
        security_signals=("ZZH",) if draw(_TENTH) else ("ZZH", "ZDK"),
        precedence=action,
        info_precedence=info,
        dtg=dtg,
        dtg_signals=() if draw(_TENTH) else ("ZDK",),
        originator=post.plad,
        to=tuple(to),
        info=tuple(info_block),
        exempt=tuple(exempt),
    )


def _others(draw: st.DrawFn, post: Post, low: int, high: int, exclude: Sequence[Addressee] = ()) -> list[Post]:
    taken = {a.routing_indicator for a in exclude} | {post.routing_indicator, _STATE.routing_indicator}
    pool = [p for p in POSTS if p.routing_indicator not in taken]
    return draw(st.lists(st.sampled_from(pool), min_size=low, max_size=high, unique=True))


def _word_for(precedence: Precedence) -> Precedence | None:
    """The precedence word on addressee lines: none for ROUTINE."""
    return None if precedence is Precedence.ROUTINE else precedence


def _rank(level: Classification) -> int:
    return CLASSIFICATION_RANK[level]


def _noforn_mark(level: Classification) -> str:
    return {1: "C/NF", 2: "S/NF", 3: "TS/NF"}.get(_rank(level), "SBU/NF")


def _add_years(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _paragraph_text(seed: int) -> str:
    """One to five sentences of report prose, chosen by ``seed``.

    A paragraph's wording matters to no property, so one drawn number
    stands for all of it: generation stays fast and shrinking goes to the
    element structure.
    """
    rng = random.Random(seed)
    sentences = []
    for _ in range(rng.randint(1, 5)):
        words = [rng.choice(_WORDS).capitalize(), *(rng.choice(_ANY_WORD) for _ in range(rng.randint(2, 14)))]
        comma = rng.randint(0, len(words) - 2)
        if comma > 0 and not words[comma].endswith("."):
            words[comma] += ","
        sentence = " ".join(words)
        sentences.append(sentence if sentence.endswith(".") else sentence + ".")
    return " ".join(sentences)


_ANY_WORD = _WORDS + _NAMES + _ACRONYMS
_PARAGRAPH_TEXT = st.integers(0, 2**32 - 1).map(_paragraph_text)
_LEVELS = st.sampled_from(Classification)
_SECURITIES = st.sampled_from((Classification.UNCLASSIFIED, Classification.CONFIDENTIAL, Classification.SECRET, Classification.TOP_SECRET))

# --------------------------------------------------------------------------
# Element strategies


def routing_indicators() -> st.SearchStrategy[str]:
    """Routing indicators: the State posts' and a few agencies' (``RUEHKL``, ``RHEHNSC``)."""
    return st.sampled_from([p.routing_indicator for p in POSTS] + [ri for ri, _ in _AGENCIES + _COLLECTIVES])


@functools.cache
def dtgs(min_year: int = 1966, max_year: int = 2065) -> st.SearchStrategy[_dt.datetime]:
    """Date-time groups: UTC datetimes to the minute, 1966-2065 (the two-digit window)."""
    return st.datetimes(
        min_value=_dt.datetime(min_year, 1, 1),
        max_value=_dt.datetime(max_year, 12, 31, 23, 59),
        timezones=st.just(_UTC),
    ).map(lambda d: d.replace(second=0, microsecond=0))


def addressees(precedence: Precedence | None = None) -> st.SearchStrategy[Addressee]:
    """One addressee: a post with an MCN, or a collective or agency without one."""
    post = st.builds(lambda p, mcn: Addressee(p.routing_indicator, p.plad, precedence, mcn), _POST, _MCN)
    other = _OTHER_ADDRESSEES.map(lambda pair: Addressee(pair[0], pair[1], precedence, None))
    return st.one_of(post, other)


def relays(precedence: Precedence | None = None) -> st.SearchStrategy[Relay]:
    """Format line 2: a digraph (ZZ, OO, PP, RR) and one to five routing indicators."""
    words = st.sampled_from(_RELAY_PRECEDENCES) if precedence is None else st.just(precedence)
    return st.builds(Relay, words, st.lists(routing_indicators(), min_size=1, max_size=5, unique=True).map(tuple))


def stations(dtg: _dt.datetime | None = None, serial: int | None = None) -> st.SearchStrategy[Station]:
    """Format line 3 (the DE line) for a cable dated ``dtg`` with banner serial ``serial``.

    The julian day and time are the DTG's, or a few minutes later (across
    midnight, the next day); the station serial is the banner serial
    modulo 10000.
    """
    return _strategy(_draw_station, dtg, serial)


def securities() -> st.SearchStrategy[Classification]:
    """Levels a security line (ZNR UUUUU, ZNY CCCCC ...) can state."""
    return _SECURITIES


def banners(classification: Classification | None = None, station: str | None = None) -> st.SearchStrategy[Banner]:
    """Banners ``C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521`` and the like."""
    return _strategy(_draw_banner, classification, station)


@functools.cache
def captions(classification: Classification | None = None) -> st.SearchStrategy[tuple[str, ...]]:
    """Handling captions in order: ``NOFORN`` only on classified cables, ``SENSITIVE`` only on unclassified ones."""
    allowed = list(_CAPTIONS)
    if classification is not None:
        allowed.remove("SENSITIVE" if _rank(classification) > 0 else "NOFORN")
    return st.lists(st.sampled_from(allowed), max_size=3, unique=True).map(tuple)


def passing_lines() -> st.SearchStrategy[tuple[str, ...]]:
    """Zero to two passing lines (``FOR EAP/MTS AND G/TIP``)."""
    return _PASSING_LINES


_PASSING_LINES = st.lists(st.sampled_from(_PASSING), max_size=2, unique=True).map(tuple)


def declassifications(dtg: _dt.datetime | None = None, classified: bool = True) -> st.SearchStrategy[Declassification]:
    """E.O. lines fitting the DTG's year (1971 on): the order in force, ``N/A`` when unclassified."""
    return _strategy(_draw_declassification, dtg, classified)


def tags(geo: str | None = None) -> st.SearchStrategy[tuple[str, ...]]:
    """TAGS: subject tags, the host country, now and then an organisation or a person after OVIP."""
    return _strategy(_draw_tags, geo)


def subjects() -> st.SearchStrategy[str]:
    """Subject lines: upper-case words, sometimes after a ``COUNTRY:`` prefix."""
    return _SUBJECTS


_SUBJECTS = st.builds(
    lambda prefix, words: prefix + " ".join(words),
    st.sampled_from(("", *(f"{c}: " for c in _COUNTRIES))),
    st.lists(st.sampled_from(_UPPER_WORDS), min_size=2, max_size=10),
)


def references(year: int = 2009, own: tuple[str, int] | None = None) -> st.SearchStrategy[tuple[Reference, ...]]:
    """REF items: lettered citations of earlier cables (IDs derived as WikiLeaks keys them) and other documents.

    ``year`` is the citing cable's year; ``own`` its (station, serial), which
    is never cited.
    """
    return _strategy(_draw_references, year, own)


def classified_bys(year: int = 2009) -> st.SearchStrategy[ClassifiedBy]:
    """Classified By lines: a title, a name and reasons of the section in use that year (1.5 before 2004).

    Now and then the line also names the source of a derivative
    classification (``Derived from: Multiple Sources``).
    """
    return _classified_bys("1.4" if year >= _SECTION_14_YEAR else "1.5")


@functools.cache
def _classified_bys(section: str) -> st.SearchStrategy[ClassifiedBy]:
    letters = "abcdefgh" if section == "1.4" else "abcdefg"
    reasons = st.lists(st.sampled_from(letters), min_size=1, max_size=3, unique=True).map(
        lambda chosen: tuple(f"{section}({c})" for c in sorted(chosen))
    )
    return st.builds(ClassifiedBy, _NAME, _TITLE, reasons, _DERIVED_FROM)


_DERIVED_FROM = st.sampled_from((None, None, None, None, "Multiple Sources", "State Classification Guide", "DSCG 05-01"))


_MARK_LEVELS: tuple[tuple[str, int], ...] = (("U", 0), ("SBU", 0), ("C", 1), ("S", 2), ("TS", 3))


@functools.cache
def markings(classification: Classification = Classification.SECRET, noforn: bool = False) -> st.SearchStrategy[str]:
    """Portion marks not above ``classification``; with ``noforn``, ``/NF`` and ``//NF`` marks too."""
    top = _rank(classification)
    plain = st.sampled_from([m for m, r in _MARK_LEVELS if r <= top])
    if not noforn:
        return plain
    classified = [m for m, r in _MARK_LEVELS if 0 < r <= top] or ["SBU"]
    marked = st.builds(lambda m, s: m + s, st.sampled_from(classified), st.sampled_from(("/NF", "//NF")))
    return st.one_of(plain, marked)


def paragraph_texts() -> st.SearchStrategy[str]:
    """The text of one paragraph: one to five sentences."""
    return _PARAGRAPH_TEXT


def paragraphs(
    classification: Classification = Classification.CONFIDENTIAL, noforn: bool = False
) -> st.SearchStrategy[tuple[Paragraph, ...]]:
    """Numbered, portion-marked paragraphs 1..n, some under headings; or one unnumbered paragraph.

    With ``noforn`` at least one mark carries ``NF`` (a NOFORN cable);
    without it none does.
    """
    return _strategy(_draw_paragraphs, classification, noforn)


def signatures() -> st.SearchStrategy[str]:
    """Signatures: the chief of mission's surname in capitals."""
    return _SIGNATURES


_SIGNATURES = st.sampled_from(_SURNAMES)


def headers(
    post: Post | None = None,
    dtg: _dt.datetime | None = None,
    classification: Classification | None = None,
    serial: int | None = None,
) -> st.SearchStrategy[Header]:
    """Full ACP-127 headers, consistent with themselves and with the given post, DTG, level and serial."""
    return _strategy(_draw_any_header, post, dtg, classification, serial)


def _draw_any_header(
    draw: st.DrawFn, post: Post | None, dtg: _dt.datetime | None, classification: Classification | None, serial: int | None
) -> Header:
    return _draw_header(draw, post or draw(_POST), dtg or draw(dtgs()), classification, serial)


# --------------------------------------------------------------------------
# Whole cables


def cables(
    *,
    posts: Sequence[Post] = POSTS,
    classifications: Sequence[Classification] = (
        Classification.UNCLASSIFIED,
        Classification.CONFIDENTIAL,
        Classification.SECRET,
    ),
    min_year: int = 1966,
    max_year: int = 2065,
) -> st.SearchStrategy[Cable]:
    """Internally consistent cables that parse back from their canonical text without warnings.

    The cable is what :func:`cableparse.parse` returns for its canonical
    text: ``source_format`` is ``TEXT``, and ``source``,
    ``container_metadata``, ``page_markers``, ``unparsed`` and
    ``diagnostics`` are empty.  Cables dated before 1971, when cables
    carried no E.O. line, are unclassified whatever ``classifications``
    says.
    """
    return _strategy(_draw_cable, tuple(posts), tuple(classifications), min_year, max_year)


def _draw_cable(
    draw: st.DrawFn, posts: tuple[Post, ...], classifications: tuple[Classification, ...], min_year: int, max_year: int
) -> Cable:
    post = draw(st.sampled_from(posts))
    dtg = draw(dtgs(min_year, max_year))
    has_eo = dtg.year >= _FIRST_EO_YEAR
    level = draw(st.sampled_from(classifications)) if has_eo else Classification.UNCLASSIFIED
    classified = _rank(level) > 0
    banner = _draw_banner(draw, level, post.station)
    header = _draw_header(draw, post, dtg, level, banner.serial, banner.efto, banner.sections)
    caption_list = draw(captions(level))
    noforn = "NOFORN" in caption_list
    paras = _draw_paragraphs(draw, level, noforn)
    subject_marking = draw(markings(level)) if draw(_TENTH) == 0 else None
    serial = banner.serial if banner.serial is not None else 0
    refs = _draw_references(draw, dtg.year, (post.station, serial)) if draw(_TENTH) < 4 else ()
    return Cable(
        reference_id=f"{dtg.year % 100:02d}{post.station.replace(' ', '')}{serial}",
        header=header,
        classification=level,
        banner=banner,
        captions=caption_list,
        passing=draw(_PASSING_LINES),
        declassification=_draw_declassification(draw, dtg, classified) if has_eo else None,
        tags=_draw_tags(draw, post.geo),
        subject=draw(_SUBJECTS),
        subject_marking=subject_marking,
        references=refs,
        classified_by=draw(classified_bys(dtg.year)) if classified else None,
        summary=find_summary(paras),
        paragraphs=paras,
        signature=draw(_SIGNATURES),
    )


_NUMBERED_LINE = regex.compile(r"(?P<num>[0-9]{1,3})\.(?=[ (])")
_PARAGRAPH_LINE = regex.compile(r"(?:[0-9]{1,3}\.[ ]|\([A-Z][A-Z0-9 /,.\-]*\)[ ])")
# Front-matter fields that wrap like paragraphs do.
_WRAPPED_FIELD = regex.compile(r"(?i:SUBJECT:|Classified By:)[ ]")
_TAGS_KEYWORD = regex.compile(r"(?i:TAGS:)")
_REF_ITEM = regex.compile(r"(?P<label>[B-Z])\.[ ]")
_TAG_TOKEN = regex.compile(r"(?<![(\w,])(?P<tag>[A-Z][A-Z0-9/-]*)(?![\w)])")
_TERMINAL = regex.compile(r"[.!?:;][)\]\"']{0,3}$")
_HEADING_STOP = regex.compile(r"(?:[.,;]|\.[)\]\"']{1,3})$")
# Lines longer than this are never headings.
_HEADING_WIDTH = 100
_BANNER_WORDS = (("C O N F I D E N T I A L", "CONFIDENTIAL"), ("S E C R E T", "SECRET"), ("UNCLAS", "UNCLAS"))


def to_markdown(text: str, pilcrow: str = "link") -> str:
    """The markdown form of a cable text, as the Cablegate pages were converted.

    TAGS become links (``[PREL](#)``); paragraph numbers and the REF labels
    after the first get a pilcrow artefact: ``pilcrow="link"`` writes
    ``[1](#)4.`` and ``[1](#)B.``, ``"glued"`` the bare ``14.`` and ``1B.``
    of a lossy conversion, ``"mixed"`` links up to paragraph 3 and glued
    numbers after it (as in the bundled example).
    """
    if pilcrow not in ("link", "glued", "mixed"):
        raise ValueError(f"pilcrow must be link, glued or mixed, not {pilcrow!r}")
    out = []
    in_ref = False
    for line in text.split("\n"):
        if _TAGS_KEYWORD.match(line):
            line = line[:5] + _TAG_TOKEN.sub(lambda m: f"[{m['tag']}](#)", line[5:])
        in_ref = line[:4].upper() == "REF:" or (in_ref and line != "")
        number = _NUMBERED_LINE.match(line)
        if number is not None:
            glued = pilcrow == "glued" or (pilcrow == "mixed" and int(number["num"]) > 3)
            line = ("1" if glued else "[1](#)") + line
        elif in_ref and _REF_ITEM.match(line):
            line = ("1" if pilcrow == "glued" else "[1](#)") + line
        out.append(line)
    return "\n".join(out)


def trailing_spaces(text: str) -> str:
    """Every non-blank line with a trailing space, as on the Cablegate pages."""
    return "\n".join(line + " " if line else line for line in text.split("\n"))


def keyword_case(text: str, style: str = "sentence") -> str:
    """Keywords as the redacted versions write them: ``Tags:``, ``Subject:``, ``Ref:``.

    ``style="lower"`` writes ``tags:``, ``subject:`` instead.
    """
    words = {"TAGS:": "Tags:", "SUBJECT:": "Subject:", "REF:": "Ref:"}
    if style == "lower":
        words = {k: k.lower() for k in words}
    elif style != "sentence":
        raise ValueError(f"style must be sentence or lower, not {style!r}")
    out = []
    for line in text.split("\n"):
        for keyword, written in words.items():
            if line.startswith(keyword):
                line = written + line[len(keyword) :]
                break
        out.append(line)
    return "\n".join(out)


def garble_banner(text: str, how: str = "doubled") -> str:
    """The banner garbled as in the corpus.

    ``"doubled"``: the first letter doubled (``SS E C R E T``, ``UUNCLAS``);
    ``"plain"``: the level written without letter-spacing
    (``CONFIDENTIAL``); ``"spaced"``: ``UNCLAS`` and ``EFTO`` letter-spaced
    (``U N C L A S E F T O``).  Only the first line that starts with a
    banner level is changed.
    """
    if how not in ("doubled", "plain", "spaced"):
        raise ValueError(f"how must be doubled, plain or spaced, not {how!r}")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        for spaced, plain in _BANNER_WORDS:
            if line.startswith(spaced + " ") or line == spaced:
                rest = line[len(spaced) :]
                if how == "doubled":
                    lines[i] = spaced[0] + line
                elif how == "plain":
                    lines[i] = plain + rest
                elif spaced == "UNCLAS":
                    efto = rest.startswith(" EFTO")
                    lines[i] = "U N C L A S" + (" E F T O" + rest[5:] if efto else rest)
                return "\n".join(lines)
    return text


def _safe_break(left: str, right: str) -> bool:
    """Whether a paragraph line may be cut between ``left`` and ``right`` (at a space).

    The piece after the cut must read as a continuation: it starts with a
    letter (not a number, a portion mark, a rule or a pilcrow), the piece
    before does not end with a hyphen (the reader would join the halves
    without a space) nor with a space (a run of spaces would become one),
    and the new line is not a SIPDIS line.
    """
    return bool(left) and bool(right) and right[0].isalpha() and not left.endswith(("-", " ")) and not right.startswith("SIPDIS")


def _cuts(line: str, width: int) -> list[int]:
    """Positions of the spaces where ``line`` is wrapped at ``width`` columns."""
    cuts: list[int] = []
    start = 0
    while len(line) - start > width:
        space = line.rfind(" ", start, start + width + 1)
        while space > start and not _safe_break(line[start:space], line[space + 1 :]):
            space = line.rfind(" ", start, space)
        if space <= start:
            space = line.find(" ", start + width)
            while space != -1 and not _safe_break(line[start:space], line[space + 1 :]):
                space = line.find(" ", space + 1)
            if space == -1:
                break
        cuts.append(space)
        start = space + 1
    while cuts and not _tail_ok(line, cuts[-1]):
        cuts.pop()
    return cuts


def _tail_ok(line: str, cut: int) -> bool:
    """Whether the piece after ``cut``, the last of ``line``, reads as the end of its paragraph.

    It would read as a heading above the next paragraph when it is short,
    unpunctuated and follows a finished sentence, and as the signature when
    it is in capitals and ends the text.
    """
    tail = line[cut + 1 :]
    heading = not _HEADING_STOP.search(line) and _TERMINAL.search(line[:cut]) is not None
    signature = tail.isupper() and not tail.endswith((".", "!", "?"))
    return not heading and not signature


def _maybe_heading(line: str) -> bool:
    """Whether ``line`` may be a heading (short, no final full stop), which is never cut."""
    return len(line) <= _HEADING_WIDTH and not _HEADING_STOP.search(line)


def _split(line: str, cuts: Sequence[int]) -> list[str]:
    bounds = [-1, *cuts, len(line)]
    return [line[a + 1 : b] for a, b in itertools.pairwise(bounds)]


def wrap(text: str, width: int = 60) -> str:
    """Paragraph lines wrapped at ``width`` columns, as the teletype wrapped them.

    The lines of numbered or portion-marked paragraphs, SUBJECT and
    Classified By are wrapped, and only where the pieces read back as one
    element (see :func:`_safe_break`); other lines are left as they are.
    """
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) > width and (_WRAPPED_FIELD.match(line) or (_PARAGRAPH_LINE.match(line) and not _maybe_heading(line))):
            out.extend(_split(line, _cuts(line, width)))
        else:
            out.append(line)
    return "\n".join(out)


def _paragraph_lines(lines: Sequence[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _PARAGRAPH_LINE.match(line) and " " in line[4:] and not _maybe_heading(line)]


def _middle_cut(line: str) -> int | None:
    """A space near the middle of ``line`` where it may be cut, or ``None``."""
    spaces = [i for i, c in enumerate(line) if c == " " and i > 4]
    spaces.sort(key=lambda i: abs(i - len(line) // 2))
    for i in spaces:
        if _safe_break(line[:i], line[i + 1 :]) and _tail_ok(line, i):
            return i
    return None


def insert_page_markers(text: str, station: str, serial: int, pages: int) -> str:
    """Section markers ``KUALA LUMP 00000521 002 OF 003`` inserted mid-sentence.

    Markers for sections 2..``pages`` are spread over the paragraph lines,
    each on a line of its own that cuts a paragraph line in two; the
    station is truncated to ten characters and the serial padded to eight
    digits, as in the cables.
    """
    lines = text.split("\n")
    candidates = _paragraph_lines(lines)
    if pages < 2 or not candidates:
        return text
    # Section k goes to the paragraph line k/(pages-1) of the way through;
    # several sections on one line follow each other in order.
    places: dict[int, list[str]] = {}
    name = station[:10].rstrip()
    for k in range(2, pages + 1):
        index = candidates[((k - 2) * len(candidates)) // (pages - 1)]
        places.setdefault(index, []).append(f"{name} {serial:08d} {k:03d} OF {pages:03d}")
    for index in sorted(places, reverse=True):
        line = lines[index]
        cut = _middle_cut(line)
        if cut is None:
            lines[index + 1 : index + 1] = places[index]
        else:
            lines[index : index + 1] = [line[:cut], *places[index], line[cut + 1 :]]
    return "\n".join(lines)


def insert_sipdis(text: str, count: int = 1, *, own_line: bool = True) -> str:
    """Stray ``SIPDIS`` tokens dropped into paragraphs, as the distribution system did.

    With ``own_line`` the token opens a new line in mid-sentence
    (``...OFFERED FOUR`` / ``SIPDIS SCENARIOS``); otherwise it stands
    between two words of the line.
    """
    lines = text.split("\n")
    candidates = _paragraph_lines(lines)
    for index in sorted(candidates[: max(count, 0)], reverse=True):
        line = lines[index]
        cut = _middle_cut(line)
        if cut is None:
            continue
        if own_line:
            lines[index : index + 1] = [line[:cut], "SIPDIS " + line[cut + 1 :]]
        else:
            lines[index] = line[:cut] + " SIPDIS" + line[cut:]
    return "\n".join(lines)


def _created(dtg: _dt.datetime | None, garbled_minutes: bool) -> _dt.datetime | None:
    if dtg is None or not garbled_minutes:
        return dtg
    # The early site versions showed the 12-hour-clock hour as the minutes.
    return dtg.replace(minute=(dtg.hour % 12) or 12)


def _dated(cable: Cable) -> _dt.datetime | None:
    """The DTG, or for a cable without one (a partial record) its container's date."""
    if cable.header.dtg is not None:
        return cable.header.dtg
    return cable.container_metadata.created if cable.container_metadata is not None else None


def _post_of(cable: Cable) -> Post | None:
    station = cable.banner.station if cable.banner is not None else None
    return next((p for p in POSTS if p.station == station), None)


def _metadata_classification(cable: Cable) -> str:
    level = (cable.classification or Classification.UNCLASSIFIED).value
    if level == "LIMITED OFFICIAL USE" or "SENSITIVE" in cable.captions:
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    return level + ("//NOFORN" if "NOFORN" in cable.captions else "")


def _pre(text: str) -> str:
    out = []
    in_ref = False
    for line in text.split("\n"):
        escaped = _html.escape(line)
        if _TAGS_KEYWORD.match(line):
            escaped = escaped[:5] + _TAG_TOKEN.sub(lambda m: f"<a href='/tag/{m['tag']}_0.html'>{m['tag']}</a>", escaped[5:])
        in_ref = line[:4].upper() == "REF:" or (in_ref and line != "")
        lead = _NUMBERED_LINE.match(line) or (_REF_ITEM.match(line) if in_ref else None)
        if lead is not None:
            anchor = f"par{lead.group(1)}"
            escaped = f"<a id='{anchor}' href='#{anchor}'>¶</a>{escaped}"
        out.append(escaped)
    return "&#x000A;".join(out)


def to_html_page(cable: Cable, *, header: str | None = None, body: str | None = None, garbled_minutes: bool = True) -> str:
    """The cable as a Cablegate page: navigation, the metadata table and the two ``<pre>`` blocks.

    ``header`` and ``body`` replace the canonical text of the two blocks
    (to put a garbled text on the page).  Newlines are written
    ``&#x000A;``, TAGS are links and lines opening with a paragraph number
    or a REF letter get a pilcrow anchor.  With ``garbled_minutes`` the
    Created and Released cells show the hour on the 12-hour clock in place
    of the minutes, as the early site versions did.
    """
    parts = render_parts(cable)
    head = parts.header if header is None else header
    text = parts.body if body is None else body
    post = _post_of(cable)
    ref = cable.reference_id or ""
    dtg = _dated(cable)
    created = _created(dtg, garbled_minutes)
    released = _created(_dt.datetime(2010, 11, 28, 18, 24, tzinfo=_UTC), garbled_minutes)
    stamp = f"{created:%Y-%m-%d %H:%M}" if created is not None else ""
    month = f"{dtg:%Y/%m}" if dtg is not None else "1970/01"
    cells = (
        (f"/cable/{month}/{ref}.html", ref, ""),
        (f"/date/{month.replace('/', '-')}_0.html", stamp, ""),
        ("/reldate/2010-11-28_0.html", f"{released:%Y-%m-%d %H:%M}" if released else "", ""),
        ("/classification/3_0.html", _metadata_classification(cable), " title='confidential'"),
        ("/origin/1_0.html", post.origin if post is not None else "", ""),
    )
    row = "\n".join(f"<td>\n<a href='{href}'{extra}>{_html.escape(value)}</a>\n</td>" for href, value, extra in cells)
    title = _html.escape(cable.subject or "")
    return (
        "<?xml version='1.0' encoding='utf-8' ?>\n"
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        "<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>\n<head>\n<title>Cable Viewer</title>\n"
        "<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />\n</head>\n<body>\n<div class='main'>\n"
        "<div class='pane small'>\n<div id='browse'>\n<h3>Browse latest releases</h3>\n<div class='sort'>\n"
        "<a href='/reldate/2010-11-28_0.html'>2010/11/28</a>\n</div>\n</div>\n</div>\n"
        f"<div class='pane big'>\n<h3>Viewing cable {ref}, {title}</h3>\n"
        "<div>\nIf you are new to these pages, please read an introduction on the "
        '<a href="#help_1" onclick="return sh(1);">structure of a cable</a>.\n<br />\n</div>\n'
        "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n"
        f"<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n{row}\n</tr>\n</table>\n"
        f"<code><pre>{_pre(head)}</pre></code>\n<code><pre>{_pre(text)}</pre></code>\n"
        "</div>\n</div>\n<script src='/static/js/js.js' type='text/javascript'></script>\n</body>\n</html>\n"
    )


def _csv_field(value: str, continuations: bool) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    if continuations:
        escaped = escaped.replace("\n", "\\\n")
    return f'"{escaped}"'


def to_csv_row(cable: Cable, row: int = 1, *, header: str | None = None, body: str | None = None, continuations: bool = False) -> str:
    """The cable as one cables.csv row, ending with a newline.

    Eight double-quoted columns with backslash escapes: row id, date
    ``M/D/YYYY H:MM`` (the DTG), reference ID, origin, classification,
    cited reference IDs joined with ``|``, header, body.  ``header`` and
    ``body`` replace the canonical text; ``continuations`` writes line ends
    inside fields as backslash-newline, as some exports do.
    """
    parts = render_parts(cable)
    dtg = _dated(cable)
    post = _post_of(cable)
    cited = dict.fromkeys(r.reference_id for r in cable.references if r.reference_id is not None)
    columns = (
        str(row),
        f"{dtg.month}/{dtg.day}/{dtg.year} {dtg.hour}:{dtg.minute:02d}" if dtg is not None else "",
        cable.reference_id or "",
        post.origin if post is not None else "",
        _metadata_classification(cable),
        "|".join(cited),
        parts.header if header is None else header,
        parts.body if body is None else body,
    )
    return ",".join(_csv_field(c, continuations) for c in columns) + "\n"


# --------------------------------------------------------------------------
# Any combination of garbles

_Garbler = Callable[[str], str]


_SIPDIS_COUNT = st.integers(1, 3)
_WIDTH = st.integers(55, 70)
_CASE_STYLE = st.sampled_from(("sentence", "lower"))
_BANNER_GARBLE = st.sampled_from(("doubled", "plain", "spaced"))
_QUARTER = st.integers(0, 3)


def _draw_body_garblers(draw: st.DrawFn, cable: Cable) -> list[_Garbler]:
    chosen: list[_Garbler] = []
    banner = cable.banner
    if draw(_BOOL):
        count, own_line = draw(_SIPDIS_COUNT), draw(_BOOL)
        chosen.append(lambda t: insert_sipdis(t, count, own_line=own_line))
    if banner is not None and banner.station and banner.serial is not None and (banner.sections or 0) > 1 and draw(_BOOL):
        station, serial, pages = banner.station, banner.serial, banner.sections or 0
        chosen.append(lambda t: insert_page_markers(t, station, serial, pages))
    if draw(_BOOL):
        width = draw(_WIDTH)
        chosen.append(lambda t: wrap(t, width))
    if draw(_QUARTER) == 0:
        style = draw(_CASE_STYLE)
        chosen.append(lambda t: keyword_case(t, style))
    if draw(_QUARTER) == 0:
        how = draw(_BANNER_GARBLE)
        chosen.append(lambda t: garble_banner(t, how))
    if draw(_QUARTER) == 0:
        chosen.append(trailing_spaces)
    return chosen


def garbled(cable: Cable) -> st.SearchStrategy[str]:
    """The texts ``cable`` takes in the wild: any combination of the garblers, in any container.

    The body may get stray SIPDIS tokens, page markers, wrapped lines,
    sentence-case keywords, a garbled banner and trailing spaces; the whole
    is then written as plain text, as markdown (tag links and pilcrow
    artefacts), as a Cablegate HTML page or as a cables.csv row.  Each of
    them parses back to ``cable`` on the semantic fields.
    """

    return _strategy(_draw_garbled, cable)


_CONTAINERS = st.sampled_from(("text", "markdown", "html", "csv"))
_PILCROWS = st.sampled_from(("link", "glued", "mixed"))
_ROW = st.integers(1, 251287)


def _draw_garbled(draw: st.DrawFn, cable: Cable) -> str:
    header, body = render_parts(cable)
    for garbler in _draw_body_garblers(draw, cable):
        body = garbler(body)
    container = draw(_CONTAINERS)
    if container == "html":
        return to_html_page(cable, header=header, body=body, garbled_minutes=draw(_BOOL))
    if container == "csv":
        return to_csv_row(cable, draw(_ROW), header=header, body=body, continuations=draw(_BOOL))
    text = f"{header}\n\n{body}\n" if header else f"{body}\n"
    if container == "markdown":
        text = to_markdown(text, draw(_PILCROWS))
    return text
