"""Cross-field consistency checks (FORMAT.md section 6).

Every element of a cable is read by its own small parser, which knows
nothing of the others.  The checks here compare what those parsers found:
the DE line with the DTG, the banner with the security line and the
container's metadata, the portion marks with the banner, the REF labels
with each other, and so on.  Each check is one small function with one
diagnostic code; :func:`run_checks` runs them all.

A check puts its diagnostic on the element it is about, at the token that
disagrees (the julian day of the DE line, the label of a REF item, the
paragraph whose mark is too high).  The element parsers record where each
element was found with :meth:`~cableparse.errors.Reporter.mark`; a check
whose element was not marked (a cable built by hand) reports without a
position.

Severities follow the real corpus (see ``docs/diagnostics-frequency.md``):
what genuine cables often do (a filing time an hour after the DTG, a 1.5
reason after 2003) is a warning or a note; errors are reserved for
relations that hold in every well-formed cable.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence

import regex

from .errors import Reporter, Span
from .fields.identifiers import compact_station, origin_token
from .fields.routing import plads_for
from .fields.tags import TAG_KINDS
from .model import CLASSIFICATION_RANK, Cable, Classification, Precedence, Reference, Severity, SourceFormat

__all__ = [
    "CHECKS",
    "check_addressee_precedence",
    "check_classified_by",
    "check_decl_date",
    "check_eo_classification",
    "check_eo_order",
    "check_filing_time",
    "check_julian_day",
    "check_marking_above_banner",
    "check_metadata_classification",
    "check_metadata_created",
    "check_metadata_reference_id",
    "check_noforn",
    "check_page_markers",
    "check_paragraph_duplicate",
    "check_reason_section",
    "check_ref_labels",
    "check_ref_self",
    "check_reference_id",
    "check_relay_precedence",
    "check_sections",
    "check_security_banner",
    "check_sensitive",
    "check_station_originator",
    "check_station_serial",
    "check_tags_subject",
    "marking_rank",
    "run_checks",
]

# Tokens inside the anchored lines, so that a diagnostic points at the
# group that disagrees rather than at the start of its line.
_DE_SERIAL = regex.compile(r"#[ \t]*(?P<at>[0-9]+)")
_DE_RI = regex.compile(r"DE[ \t]+(?P<at>[A-Z])")
_DE_SECTION = regex.compile(r"#[ \t]*[0-9]+/(?P<at>[0-9]+)")
_DE_FILING = regex.compile(r"#[ \t]*[0-9]+(?:/[0-9]+)?[ \t]+(?P<at>[0-9]{3})(?P<time>[0-9]{4})")
_DTG_TOKEN = regex.compile(r"(?P<at>[0-9]{6}[ \t]?Z)", flags=regex.IGNORECASE)
_PRECEDENCE_WORD = regex.compile(r"(?<![A-Z])(?P<at>NIACT[ \t]+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH)(?![A-Z])")
_BANNER_SECTION = regex.compile(r"(?i:SECTION)[ \t]+(?P<at>[0-9]+)[ \t]+(?i:OF)[ \t]+(?P<of>[0-9]+)")
_BANNER_SERIAL = regex.compile(r"(?P<at>[0-9]{3,})[ \t]*$")
_MARKER_OF = regex.compile(r"(?i:OF)[ \t]+(?P<at>[0-9]+)")
_MARKER_PAGE = regex.compile(r"[0-9]{5,8}[ \t]+(?P<at>[0-9]{2,3})")
_MARKER_SERIAL = regex.compile(r"(?P<at>[0-9]{5,8})")
_EO_ORDER = regex.compile(r"(?P<at>1[0-9]{3,4})(?![0-9])")
_EO_INSTRUCTION = regex.compile(r"(?i)(?P<at>DECL|DNG|N[ \t]?/?[ \t]?A(?![A-Za-z])|GDS|XGDS|RDS|ADS|XDS)")
_EO_DATE = regex.compile(r"(?P<at>[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4})")
_REASON_SECTION = regex.compile(r"(?P<at>1[ \t]?\.[ \t]?[4-6])")
_CLASSIFIED_BY = regex.compile(r"[ \t]*(?:\([A-Z]+\)[ \t]*)?(?:THIS[ \t]+MESSAGE[ \t]+)?CLASSIFIED[ \t]+BY", flags=regex.IGNORECASE)
#: How many paragraphs from the start may hold the classification line.
_CLASSIFIED_BY_PARAGRAPHS = 3
_NA = regex.compile(r"(?i)N[ \t]?/?[ \t]?A\.?$")
_REFERENCE_ID = regex.compile(r"(?P<year>[0-9]{2})(?P<token>[A-Z0-9]*[A-Z])(?P<serial>[0-9]+)")

# The level a portion mark opens with; the controls after it do not count.
_MARK_LEVEL = regex.compile(
    r"[ \t(]*(?:(?P<ts>TS|TOP[ \t]+SECRET)|(?P<s>S|SECRET)|(?P<c>C|CONFIDENTIAL)"
    r"|(?P<u>U|SBU|LOU|FOUO|UNCLASSIFIED|UNCLAS|LIMITED[ \t]+OFFICIAL[ \t]+USE))(?![A-Z])"
)
_MARK_RANKS = {"ts": 3, "s": 2, "c": 1, "u": 0}
_NOFORN_MARK = regex.compile(r"(?:^|[/ ,])(?:NF|NOFORN|N)(?![A-Z])")
_METADATA_FOUO = regex.compile(r"FOR[ \t]+OFFICIAL[ \t]+USE|FOUO|LIMITED[ \t]+OFFICIAL[ \t]+USE")
#: The captions that mark a Sensitive But Unclassified cable.
_SBU_CAPTIONS = ("SENSITIVE", "SENSITIVE BUT UNCLASSIFIED")
_METADATA_LEVEL = regex.compile(
    r"[ \t]*(?P<level>UNCLASSIFIED|UNCLAS|LIMITED[ \t]+OFFICIAL[ \t]+USE|CONFIDENTIAL|SECRET|TOP[ \t]+SECRET)(?![A-Z])",
    flags=regex.IGNORECASE,
)

#: The TO precedence words each action prosign allows.
_TO_WORDS: dict[Precedence, frozenset[Precedence | None]] = {
    Precedence.FLASH: frozenset({Precedence.FLASH}),
    Precedence.IMMEDIATE: frozenset({Precedence.IMMEDIATE, Precedence.NIACT_IMMEDIATE}),
    Precedence.NIACT_IMMEDIATE: frozenset({Precedence.IMMEDIATE, Precedence.NIACT_IMMEDIATE}),
    Precedence.PRIORITY: frozenset({Precedence.PRIORITY}),
    Precedence.ROUTINE: frozenset({None, Precedence.ROUTINE}),
}
_PROSIGN = {
    Precedence.FLASH: "Z",
    Precedence.IMMEDIATE: "O",
    Precedence.NIACT_IMMEDIATE: "O",
    Precedence.PRIORITY: "P",
    Precedence.ROUTINE: "R",
}

#: Executive orders and the DTG years in which a cable may cite them.  State
#: kept citing 12958 after 13292 amended it in 2003, so it has no end;
#: 13526 was signed at the end of 2009.  A year of slack on each side
#: allows for cables drafted around a change.
_ORDER_YEARS: dict[str, tuple[int, int]] = {
    "11652": (1972, 1978),
    "12065": (1978, 1982),
    "12356": (1982, 1995),
    "12958": (1995, 9999),
    "13292": (2003, 9999),
    "13526": (2009, 9999),
}
_ORDER_SLACK = 1

#: Words of a plain-language address that name the kind of office, not
#: the place: ``AMEMBASSY MEXICO`` and ``AMCONSUL MEXICO`` are one station
#: for the DE check.  ``SECSTATE`` and ``DEPT OF STATE`` are both ``STATE``.
_OFFICE_WORDS = frozenset(
    {"AMEMBASSY", "AMEMB", "AMCONSUL", "AMCONGEN", "AMCON", "USMISSION", "US", "MISSION", "USOFFICE", "DEPT", "OF", "EMBASSY", "CONSULATE"}
)
_PLAD_ALIASES = {"SECSTATE": ("STATE",), "WASHDC": ("WASHINGTON", "DC")}
_PLAD_WORD = regex.compile(r"[A-Z0-9]+")
#: Routing indicators ACP 117 gives to one station that State re-used for
#: another (FORMAT.md 3.3): the Iran Regional Presence Office in Dubai
#: transmits as RUEHDIR, the mission to the EU shares the embassy's RUEHBS.
_REUSED_RIS: dict[str, tuple[str, ...]] = {"RUEHDIR": ("IRAN RPO DUBAI",), "RUEHBS": ("USEU BRUSSELS",)}
#: First letters of TAGS subject categories (5 FAH-3 H-110; K for programs).
_SUBJECT_LETTERS = frozenset("ABCELMOPSTK")

#: E.O. 13292 moved the reasons from section 1.5 to section 1.4.
_SECTION_14_FROM = dt.date(2003, 3, 25)
#: A filing time this long after the DTG (or any time before it) is odd.
_FILING_GAP_US = 60 * 60_000_000

Check = Callable[[Cable, Reporter], None]

_MARKING_OF = operator.attrgetter("marking")
_NUMBER_OF = operator.attrgetter("number")
#: A reason's section: ``1.4(b)`` -> ``1.4``.
_SECTION_OF = operator.itemgetter(slice(0, 3))


# --------------------------------------------------------------------------
# Positions


def _anchor(reporter: Reporter, keys: Iterable[str]) -> Span | None:
    anchors = reporter.anchors
    for key in keys:
        span = anchors.get(key)
        if span is not None:
            return span
    return None


def _report(
    reporter: Reporter,
    code: str,
    message: str,
    keys: str | Sequence[str],
    token: regex.Pattern[str] | None = None,
    *,
    field: str,
    severity: Severity | None = None,
) -> None:
    """Report ``code`` on the first anchored element of ``keys``, at ``token`` when found in it."""
    span = _anchor(reporter, (keys,) if isinstance(keys, str) else keys)
    offset = 0
    if span is not None:
        text = span.text
        offset = len(text) - len(text.lstrip())
        if token is not None:
            m = token.search(text)
            if m is not None:
                offset = m.start("at")
    reporter.report(code, message, span, offset, field=field, severity=severity)


# --------------------------------------------------------------------------
# Small helpers


@functools.lru_cache(maxsize=512)
def marking_rank(marking: str | None) -> int | None:
    """The classification rank of a portion mark (``"S/NF"`` -> 2), ``None`` when unknown.

    Ranks are those of :data:`cableparse.model.CLASSIFICATION_RANK`: ``U``,
    ``SBU``, ``LOU`` and ``FOUO`` are 0, ``C`` 1, ``S`` 2, ``TS`` 3.
    """
    if not marking:
        return None
    m = _MARK_LEVEL.match(marking.upper())
    if m is None or m.lastgroup is None:
        return None
    return _MARK_RANKS[m.lastgroup]


def _foreign_body(cable: Cable) -> bool:
    """Whether the body belongs to another record than the header.

    The assembler then keeps the header's identity (and reports
    ``header-body-mismatch``): the cable's reference ID is not the one its
    banner gives.  Checks of the header against the banner would only
    repeat that finding, so they stand aside.
    """
    banner, dtg, own = cable.banner, cable.header.dtg, cable.reference_id
    if own is None or banner is None or banner.station is None or banner.serial is None or dtg is None:
        return False
    return own != _banner_reference_id(dtg.year, banner.station, banner.serial)


@functools.lru_cache(maxsize=256)
def _banner_reference_id(year: int, station: str, serial: int) -> str:
    """The reference ID that a banner's station and serial give in ``year``.

    Several checks ask whether the body is foreign; the answer is cached
    rather than worked out again by each of them.
    """
    token = origin_token(station) or compact_station(station)
    return f"{year % 100:02d}{token}{serial}"


@functools.lru_cache(maxsize=64)
def _metadata_level(text: str | None) -> Classification | None:
    # Containers repeat a handful of texts (SECRET//NOFORN ...): cached.
    if not text:
        return None
    m = _METADATA_LEVEL.match(text)
    if m is None:
        return None
    word = " ".join(m.group("level").upper().split())
    return Classification.UNCLASSIFIED if word == "UNCLAS" else Classification(word)


@functools.lru_cache(maxsize=64)
def _metadata_fouo(text: str) -> bool:
    """Whether the container's classification text says FOR OFFICIAL USE (or FOUO, LIMITED OFFICIAL USE)."""
    return _METADATA_FOUO.search(text.upper()) is not None


def _days_in(year: int) -> int:
    return 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365


def _level(cable: Cable) -> Classification | None:
    """The level the cable claims: its banner's, else its overall classification."""
    return cable.banner.classification if cable.banner is not None else cable.classification


@functools.lru_cache(maxsize=256)
def _filing_gap(today: int, year: int, day_of_year: int) -> int | None:
    """Days from the DTG's date (ordinal ``today``, in ``year``) to the date of julian day ``day_of_year`` nearest to it.

    Years turn at New Year.  Cached: two checks ask, and cables of one day share the answer.
    """
    best: int | None = None
    for candidate_year in (year - 1, year, year + 1):
        if 1 <= day_of_year <= _days_in(candidate_year):
            candidate = dt.date(candidate_year, 1, 1).toordinal() + day_of_year - 1 - today
            if best is None or abs(candidate) < abs(best):
                best = candidate
    return best


def _split_reference_id(value: str) -> tuple[int, str, int] | None:
    m = _REFERENCE_ID.fullmatch(value)
    if m is None:
        return None
    return int(m.group("year")), m.group("token"), int(m.group("serial"))


# --------------------------------------------------------------------------
# Header


def check_julian_day(cable: Cable, reporter: Reporter) -> None:
    """``check-julian-day``: the DE line's julian day is the DTG's day of year, or the day after."""
    station, dtg = cable.header.station, cable.header.dtg
    if station is None or dtg is None:
        return
    gap = _filing_gap(dtg.toordinal(), dtg.year, station.day_of_year)
    if gap is None or gap in (0, 1):
        return
    expected = dtg.timetuple().tm_yday
    _report(
        reporter,
        "check-julian-day",
        f"the DE line's julian day {station.day_of_year:03d} is {abs(gap)} day(s) "
        f"{'after' if gap > 0 else 'before'} the DTG's day of year {expected:03d}",
        "header.station",
        _DE_FILING,
        field="header.station",
    )


def check_filing_time(cable: Cable, reporter: Reporter) -> None:
    """``check-filing-time``: the DE filing time is at or after the DTG and within the hour."""
    station, dtg = cable.header.station, cable.header.dtg
    if station is None or dtg is None:
        return
    days = _filing_gap(dtg.toordinal(), dtg.year, station.day_of_year)
    if days not in (0, 1):
        return
    time = station.time
    # Microseconds from the DTG to the filing time, in integers (a datetime only to report).
    gap = ((days * 24 + int(time[:2]) - dtg.hour) * 60 + int(time[2:]) - dtg.minute) * 60_000_000 - dtg.second * 1_000_000 - dtg.microsecond
    if 0 <= gap < _FILING_GAP_US:
        return
    filed = dt.date.fromordinal(dtg.toordinal() + days)
    when = dt.datetime(filed.year, filed.month, filed.day, int(time[:2]), int(time[2:]), tzinfo=dt.timezone.utc)
    delta = when - dtg
    minutes = int(delta.total_seconds() // 60)
    where = "before" if minutes < 0 else "after"
    _report(
        reporter,
        "check-filing-time",
        f"the DE line's filing time {station.time} is {abs(minutes)} minute(s) {where} the DTG {dtg:%H%M}Z",
        "header.station",
        _DE_FILING,
        field="header.station",
    )


def check_station_serial(cable: Cable, reporter: Reporter) -> None:
    """``check-station-serial``: the DE serial is the banner serial modulo 10000."""
    station, banner = cable.header.station, cable.banner
    if station is None or banner is None or banner.serial is None:
        return
    if station.serial == banner.serial % 10000 or _foreign_body(cable):
        return
    _report(
        reporter,
        "check-station-serial",
        f"the DE line's station serial #{station.serial:04d} does not match the banner serial {banner.serial:06d}",
        "header.station",
        _DE_SERIAL,
        field="header.station",
    )


@functools.lru_cache(maxsize=1024)
def _place_words(plad: str) -> frozenset[str]:
    """The words of a plain-language address that name the station, aliases expanded.

    ``SECSTATE WASHDC`` and ``DEPT OF STATE WASHINGTON DC`` both give
    ``{STATE, WASHINGTON, DC}``; ``AMCONSUL LAGOS`` gives ``{LAGOS}``.
    """
    words: list[str] = []
    for word in _PLAD_WORD.findall(plad.upper().replace(".", "").replace("'", "")):
        if word not in _OFFICE_WORDS:
            words.extend(_PLAD_ALIASES.get(word, (word,)))
    return frozenset(words)


def _near(a: str, b: str) -> bool:
    """Whether two words are one spelling apart: ACP 117 has ``QUINTO``, ``VIENTIENE``, ``PARAMIARBO``.

    Words of five letters or more may differ by one edit, words of eight
    or more by two; shorter words must be equal.
    """
    if a == b:
        return True
    shortest = min(len(a), len(b))
    allowed = 2 if shortest >= 8 else 1 if shortest >= 5 else 0
    if not allowed or abs(len(a) - len(b)) > allowed:
        return False
    # Edit distance with transpositions (SHAIRF for SHARIF), row by row;
    # only ever run on a station whose address did not match word for word.
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[-1] <= allowed


@functools.lru_cache(maxsize=4096)
def _same_station(originator: str, plad: str) -> bool:
    """Whether two plain-language addresses name one station.

    The words naming the place must be those of the other address, or a
    part of them (``AMEMBASSY MEXICO`` and ``AMEMBASSY MEXICO CITY``,
    ``USEU BRUSSELS`` and ``AMEMBASSY BRUSSELS``), allowing for ACP 117's
    misspellings.
    """
    ours, theirs = _place_words(originator), _place_words(plad)
    if not ours or not theirs:
        return False
    small, large = (ours, theirs) if len(ours) <= len(theirs) else (theirs, ours)
    if small <= large:
        return True
    return all(any(_near(word, other) for other in large) for word in small - large)


@functools.lru_cache(maxsize=1024)
def _other_station(ri: str, originator: str) -> str | None:
    """ACP 117's first address for ``ri`` when none of its addresses is the originator's station, else ``None``.

    Cached: a station sends many cables, all with the same indicator and FM line.
    """
    plads = plads_for(ri) + _REUSED_RIS.get(ri, ())
    for plad in plads:
        if _same_station(originator, plad):
            return None
    return plads[0] if plads else None


def check_station_originator(cable: Cable, reporter: Reporter) -> None:
    """``check-station-originator``: the DE line's routing indicator is the originator's (ACP 117).

    The FM address is compared with every address ACP 117 gives for the
    indicator, as station names: office words (``AMEMBASSY``, ``AMCONSUL``,
    ``USMISSION``) left out, ``SECSTATE``/``DEPT OF STATE`` and
    ``WASHDC``/``WASHINGTON DC`` taken as the same.  An indicator the table
    does not list is not checked.
    """
    station, originator = cable.header.station, cable.header.originator
    if station is None or not originator:
        return
    ri = station.routing_indicator
    listed = _other_station(ri, originator)
    if listed is None:
        return
    _report(
        reporter,
        "check-station-originator",
        f"the DE line's routing indicator {ri} is {listed} in ACP 117, not the originator {originator}",
        "header.station",
        _DE_RI,
        field="header.station.routing_indicator",
    )


def check_relay_precedence(cable: Cable, reporter: Reporter) -> None:
    """``check-relay-precedence``: the relay digraph is the first DTG prosign doubled."""
    relay, precedence = cable.header.relay, cable.header.precedence
    if relay is None or precedence is None or _PROSIGN[relay.precedence] == _PROSIGN[precedence]:
        return
    digraph, letter = _PROSIGN[relay.precedence] * 2, _PROSIGN[precedence]
    _report(
        reporter,
        "check-relay-precedence",
        f"the relay digraph {digraph} does not match the DTG prosign {letter}",
        "header.relay",
        field="header.relay",
    )


def check_addressee_precedence(cable: Cable, reporter: Reporter) -> None:
    """``check-addressee-precedence``: the first TO line's precedence word fits the action prosign.

    ``O`` goes with IMMEDIATE or NIACT IMMEDIATE, ``P`` with PRIORITY,
    ``R`` with no word (or ROUTINE), ``Z`` with FLASH.
    """
    header = cable.header
    if not header.to or header.precedence is None:
        return
    word = header.to[0].precedence
    if word in _TO_WORDS[header.precedence]:
        return
    shown = word.value if word is not None else "no precedence word"
    _report(
        reporter,
        "check-addressee-precedence",
        f"the first TO line has {shown} but the DTG prosign is {_PROSIGN[header.precedence]} ({header.precedence.value})",
        "header.to",
        _PRECEDENCE_WORD,
        field="header.to",
    )


# --------------------------------------------------------------------------
# Classification


def check_security_banner(cable: Cable, reporter: Reporter) -> None:
    """``check-security-banner``: the security line (ZNY CCCCC) and the banner give the same level."""
    security, banner = cable.header.security, cable.banner
    if security is None or banner is None:
        return
    if CLASSIFICATION_RANK[security] == CLASSIFICATION_RANK[banner.classification] or _foreign_body(cable):
        return
    _report(
        reporter,
        "check-security-banner",
        f"the security line says {security.value} but the banner says {banner.classification.value}",
        ("header.security", "banner"),
        field="header.security",
    )


def check_metadata_classification(cable: Cable, reporter: Reporter) -> None:
    """``check-metadata-classification``: the container's classification has the cable's level."""
    meta = cable.container_metadata
    given = _metadata_level(meta.classification if meta else None)
    if meta is None or given is None:
        return
    # The container describes the cable the header names, whatever body it
    # holds.  The level a cable claims is its banner's, else its overall one.
    level = _level(cable)
    # Whether the body is foreign matters only when the two levels differ.
    if level is not cable.classification and _foreign_body(cable):
        level = cable.classification
    if level is None:
        return
    if CLASSIFICATION_RANK[given] == CLASSIFICATION_RANK[level]:
        return
    _report(
        reporter,
        "check-metadata-classification",
        f"the container gives the classification {meta.classification} but the cable is {level.value}",
        ("banner", "header.security"),
        field="container_metadata.classification",
    )


def check_noforn(cable: Cable, reporter: Reporter) -> None:
    """``check-noforn``: NOFORN caption, ``/NF`` portion marks and metadata ``//NOFORN`` agree.

    A ``/NF`` mark needs the caption; the container's ``//NOFORN`` and the
    caption go together.  A NOFORN cable whose paragraphs carry no ``/NF``
    mark is fine.
    """
    caption = "NOFORN" in cable.captions
    if not caption:
        paragraphs = cable.paragraphs
        # A cable uses a few distinct marks, and a NOFORN mark holds an N: the
        # paragraphs are walked only when one of the distinct marks is NOFORN.
        for marking in set(map(_MARKING_OF, paragraphs)):
            if marking and "N" in marking and _NOFORN_MARK.search(marking):
                i = next(i for i, p in enumerate(paragraphs) if p.marking and _NOFORN_MARK.search(p.marking))
                break
        else:
            i = None
        if i is not None:
            paragraph = paragraphs[i]
            what = f"paragraph {paragraph.number}" if paragraph.number is not None else "a paragraph"
            _report(
                reporter,
                "check-noforn",
                f"{what} is marked ({paragraph.marking}) but the cable has no NOFORN caption",
                (f"paragraphs[{i}]", "banner"),
                field=f"paragraphs[{i}].marking",
            )
        elif cable.subject_marking and "N" in cable.subject_marking and _NOFORN_MARK.search(cable.subject_marking):
            _report(
                reporter,
                "check-noforn",
                f"the subject is marked ({cable.subject_marking}) but the cable has no NOFORN caption",
                ("subject", "banner"),
                field="subject_marking",
            )
    meta = cable.container_metadata
    if meta is None or not meta.classification:
        return
    listed = "NOFORN" in meta.classification.upper()
    if listed != caption:
        _against_container(
            reporter, "check-noforn", meta.classification, listed, "a NOFORN caption" if caption else None, "NOFORN", "NOFORN"
        )


def _against_container(
    reporter: Reporter, code: str, given: str, listed: bool, carried: str | None, missing: str, caption: str | None
) -> None:
    """Report ``code`` when the container lists a control the cable does not carry, or the reverse.

    Callers skip the call when ``listed`` and ``carried`` agree.

    ``carried`` says what the cable carries (``"a NOFORN caption"``),
    ``missing`` names the caption it lacks; a diagnostic about a caption
    the cable carries stands on that caption (``captions.<caption>``).
    """
    if listed and carried is None:
        _report(
            reporter,
            code,
            f"the container gives {given} but the cable has no {missing} caption",
            ("banner", "header.security"),
            field="captions",
        )
    elif carried is not None and not listed:
        keys = (f"captions.{caption}", "banner") if caption is not None else ("banner",)
        _report(reporter, code, f"the cable has {carried} but the container gives {given}", keys, field="captions")


def check_sensitive(cable: Cable, reporter: Reporter) -> None:
    """``check-sensitive``: a SENSITIVE caption goes with the container's ``UNCLASSIFIED//FOR OFFICIAL USE ONLY``.

    WikiLeaks shows Sensitive But Unclassified cables, and LIMITED OFFICIAL
    USE ones, as ``FOR OFFICIAL USE ONLY``: an unclassified cable with such
    metadata carries the SENSITIVE caption or an LOU banner, and one with
    plain ``UNCLASSIFIED`` metadata carries neither.  Classified cables
    (where SENSITIVE is an extra caption) and cables without metadata are
    not checked.
    """
    meta = cable.container_metadata
    if meta is None or not meta.classification:
        return
    level = _level(cable)
    given = _metadata_level(meta.classification)
    if level is None or given is None or CLASSIFICATION_RANK[level] > 0 or CLASSIFICATION_RANK[given] > 0 or _foreign_body(cable):
        return
    caption = None
    for name in _SBU_CAPTIONS:
        if name in cable.captions:
            caption = name
            break
    marked = caption is not None or level is Classification.LIMITED_OFFICIAL_USE
    fouo = _metadata_fouo(meta.classification)
    if fouo != marked:
        carried = f"a {caption} caption" if caption is not None else f"a {level.value} banner" if marked else None
        _against_container(reporter, "check-sensitive", meta.classification, fouo, carried, "SENSITIVE", caption)


def check_marking_above_banner(cable: Cable, reporter: Reporter) -> None:
    """``check-marking-above-banner``: no portion mark (paragraph or subject) is above the banner's level."""
    level = _level(cable)
    if level is None:
        return
    rank = CLASSIFICATION_RANK[level]
    subject = marking_rank(cable.subject_marking)
    if subject is not None and subject > rank:
        _report(
            reporter,
            "check-marking-above-banner",
            f"the subject is marked ({cable.subject_marking}) in a {level.value} cable",
            "subject",
            field="subject_marking",
        )
    # A cable uses a few distinct marks: the paragraphs are walked only when one is too high.
    for marking in set(map(_MARKING_OF, cable.paragraphs)):
        mark = marking_rank(marking)
        if mark is not None and mark > rank:
            break
    else:
        return
    for i, paragraph in enumerate(cable.paragraphs):
        mark = marking_rank(paragraph.marking)
        if mark is not None and mark > rank:
            what = f"paragraph {paragraph.number}" if paragraph.number is not None else "a paragraph"
            _report(
                reporter,
                "check-marking-above-banner",
                f"{what} is marked ({paragraph.marking}) in a {level.value} cable",
                f"paragraphs[{i}]",
                field=f"paragraphs[{i}].marking",
            )


# --------------------------------------------------------------------------
# Sections and page markers


def check_sections(cable: Cable, reporter: Reporter) -> None:
    """``check-sections``: ``SECTION n OF m``, the page markers' ``OF m`` and the DE section agree.

    Reported once per kind of disagreement: a marker total other than the
    banner's, a DE section other than the banner's, and a multi-section
    cable whose DE line has no section.
    """
    banner, station = cable.banner, cable.header.station
    sections = banner.sections if banner is not None else None
    for i, marker in enumerate(cable.page_markers):
        pages = marker.pages
        if pages is None or marker.section is not None or marker.stamp is not None or pages == (sections or 1):
            continue
        said = f"SECTION {banner.section} OF {sections}" if banner is not None and sections else "a single-section banner"
        _report(
            reporter,
            "check-sections",
            f"page marker says OF {pages:03d} but the banner has {said}",
            f"page_markers[{i}]",
            _MARKER_OF,
            field=f"page_markers[{i}].pages",
        )
        break
    if banner is None or station is None:
        return
    mismatch = banner.section is not None and station.section is not None and banner.section != station.section
    missing = sections is not None and sections > 1 and station.section is None
    if not (mismatch or missing) or _foreign_body(cable):
        return
    if mismatch:
        _report(
            reporter,
            "check-sections",
            f"the DE line's section /{station.section:02d} is not the banner's SECTION {banner.section}",
            "header.station",
            _DE_SECTION,
            field="header.station.section",
        )
    else:
        _report(
            reporter,
            "check-sections",
            f"the banner says SECTION {banner.section} OF {sections} but the DE line gives no section",
            "header.station",
            _DE_SERIAL,
            field="header.station.section",
        )


def check_page_markers(cable: Cable, reporter: Reporter) -> None:
    """``check-page-markers``: page markers run 002, 003 ... and carry the banner's serial.

    Sub-markers (``001.2``) may stand between whole markers; a whole
    marker must be one more than the last whole marker (the first section
    has none, so the first whole marker is 002).  Old ``PAGE nn`` lines
    must likewise count up by one.
    """
    markers = cable.page_markers
    if not markers:
        return
    banner = cable.banner
    serial = banner.serial if banner is not None else None
    # One walk gathers what the three findings need; they are reported after
    # it, in their order: whole markers, old PAGE lines, serials.
    last = 1
    gap: int | None = None  # the first whole marker out of sequence
    stray: int | None = None  # the first modern marker with another serial
    old: list[tuple[int, int]] = []  # (index, page) of the old PAGE lines
    for i, marker in enumerate(markers):
        if marker.stamp is not None or marker.section is not None:
            old.append((i, marker.page))
            continue
        if stray is None and serial is not None and marker.serial != serial:
            stray = i
        # Whole modern markers (KUALA LUMP 00000521 002 OF 002) only.
        if marker.part is not None or gap is not None:
            continue
        if marker.page != last + 1:
            gap = i
        else:
            last = marker.page
    if gap is not None:
        page = markers[gap].page
        _report(
            reporter,
            "check-page-markers",
            f"page marker {page:03d} follows {last:03d}" if last > 1 else f"the first page marker is {page:03d}, not 002",
            f"page_markers[{gap}]",
            _MARKER_PAGE,
            field=f"page_markers[{gap}].page",
        )
    for (_, before), (i, page) in itertools.pairwise(old):
        if page != before + 1:
            _report(
                reporter,
                "check-page-markers",
                f"PAGE {page:02d} follows PAGE {before:02d}",
                f"page_markers[{i}]",
                _MARKER_PAGE,
                field=f"page_markers[{i}].page",
            )
            break
    if stray is not None:
        _report(
            reporter,
            "check-page-markers",
            f"page marker serial {markers[stray].serial} is not the banner serial {serial}",
            f"page_markers[{stray}]",
            _MARKER_SERIAL,
            field=f"page_markers[{stray}].serial",
        )


# --------------------------------------------------------------------------
# References and identifiers


def check_ref_labels(cable: Cable, reporter: Reporter) -> None:
    """``check-ref-labels``: REF items are lettered A, B, C ... without gaps or repeats."""
    expected = "A"
    # Citations of one item (same label and text) share its label: each
    # item counts once, at the index of its first reference.
    previous: Reference | None = None
    for i, ref in enumerate(cable.references):
        label = ref.label
        repeated = previous is not None and label == previous.label and ref.text == previous.text
        previous = ref
        if label is None or repeated:
            continue
        if label != expected:
            if label < expected:
                message = f"REF label {label} repeats an earlier label; {expected} was expected"
            elif expected == "A":
                message = f"the REF list starts at label {label}, not A"
            else:
                message = f"REF label {label} follows {chr(ord(expected) - 1)}: label {expected} is missing"
            keys = (f"references[{i}].label", f"references[{i}]", "references")
            _report(reporter, "check-ref-labels", message, keys, field=f"references[{i}].label")
            return
        expected = chr(ord(label) + 1)


def check_ref_self(cable: Cable, reporter: Reporter) -> None:
    """``check-ref-self``: no reference cites the cable itself."""
    own = cable.reference_id
    if own is None:
        return
    for i, ref in enumerate(cable.references):
        if ref.reference_id == own:
            _report(
                reporter,
                "check-ref-self",
                f"reference {ref.label or i + 1} ({ref.text[:40]}) is the cable's own ID {own}",
                (f"references[{i}]", "references"),
                field=f"references[{i}].reference_id",
            )


def check_reference_id(cable: Cable, reporter: Reporter) -> None:
    """``check-reference-id``: the reference ID's year is the DTG's.

    Its station and serial are the banner's by construction; where they are
    not, the body belongs to another record, which the assembler reports
    as ``header-body-mismatch``.
    """
    own, dtg = cable.reference_id, cable.header.dtg
    if own is None or dtg is None:
        return
    # The pattern opens with the two digits of the year: they are compared
    # first, and the pattern is matched only when they differ (rarely).
    head = own[:2]
    if not (head.isascii() and head.isdigit()):
        return
    year = int(head)
    if year != dtg.year % 100 and _REFERENCE_ID.fullmatch(own) is not None:
        _report(
            reporter,
            "check-reference-id",
            f"the reference ID {own} is dated {year:02d} but the DTG is of {dtg.year}",
            "header.dtg",
            _DTG_TOKEN,
            field="reference_id",
        )


def check_metadata_reference_id(cable: Cable, reporter: Reporter) -> None:
    """``check-metadata-reference-id``: the container's reference ID is the one derived from banner and DTG."""
    meta, own = cable.container_metadata, cable.reference_id
    if meta is None or not meta.reference_id or own is None or meta.reference_id == own:
        return
    given = _split_reference_id(meta.reference_id)
    derived = _split_reference_id(own)
    keys: tuple[str, ...] = ("banner", "header.dtg")
    token: regex.Pattern[str] | None = None
    detail = ""
    if given is not None and derived is not None:
        if given[0] != derived[0]:
            keys, token, detail = ("header.dtg", "banner"), _DTG_TOKEN, f" (year {given[0]:02d}, DTG year {derived[0]:02d})"
        elif given[2] != derived[2]:
            token, detail = _BANNER_SERIAL, f" (serial {given[2]}, banner serial {derived[2]})"
        else:
            detail = f" (origin {given[1]}, banner station {derived[1]})"
    _report(
        reporter,
        "check-metadata-reference-id",
        f"the container gives the reference ID {meta.reference_id} but banner and DTG give {own}{detail}",
        keys,
        token,
        field="container_metadata.reference_id",
    )


def check_metadata_created(cable: Cable, reporter: Reporter) -> None:
    """``check-metadata-created``: the container's Created date-time is the DTG.

    The early HTML pages put the hour of a 12-hour clock in the minutes,
    so an HTML page is compared on date and hour only; a cables.csv row
    to the minute.
    """
    meta, dtg = cable.container_metadata, cable.header.dtg
    if meta is None or meta.created is None or dtg is None:
        return
    created = meta.created
    html = cable.source_format is SourceFormat.HTML
    # An HTML page is compared to the hour, a CSV row to the minute.
    same = created.toordinal() == dtg.toordinal() and created.hour == dtg.hour if html else created.replace(second=0, microsecond=0) == dtg
    if same:
        return
    # Formatted only when reported: strftime costs more than the comparison.
    shape = "%Y-%m-%d %Hh" if html else "%Y-%m-%d %H:%M"
    shown, wanted = created.strftime(shape), dtg.strftime(shape)
    _report(
        reporter,
        "check-metadata-created",
        f"the container's Created date {shown} is not the DTG's {wanted}",
        "header.dtg",
        _DTG_TOKEN,
        field="container_metadata.created",
    )


# --------------------------------------------------------------------------
# E.O. line and Classified By


def check_eo_classification(cable: Cable, reporter: Reporter) -> None:
    """``check-eo-classification``: ``N/A`` only on unclassified cables; classified ones need a DECL instruction."""
    level = _level(cable)
    if level is None:
        return
    rank = CLASSIFICATION_RANK[level]
    decl = cable.declassification
    if decl is None:
        if rank > 0 and cable.banner is not None and not cable.partial:
            _report(
                reporter,
                "check-eo-classification",
                f"the {level.value} cable has no E.O. line with a declassification instruction",
                ("tags", "subject", "banner"),
                field="declassification",
            )
        return
    if rank > 0:
        instruction = decl.text.strip()
        # N/A opens with an N: most instructions never reach the pattern.
        if instruction[:1] in ("N", "n") and _NA.match(instruction) is not None:
            _report(
                reporter,
                "check-eo-classification",
                f"the E.O. line says N/A but the cable is {level.value}",
                "declassification",
                _EO_INSTRUCTION,
                field="declassification",
            )
    elif decl.date is not None or decl.exemptions:
        _report(
            reporter,
            "check-eo-classification",
            f"the E.O. line gives a declassification instruction but the cable is {level.value}",
            "declassification",
            _EO_INSTRUCTION,
            field="declassification",
        )


def check_decl_date(cable: Cable, reporter: Reporter) -> None:
    """``check-decl-date``: the declassification date is after the DTG."""
    decl, dtg = cable.declassification, cable.header.dtg
    if decl is None or decl.date is None or dtg is None or decl.date > dtg.date():
        return
    _report(
        reporter,
        "check-decl-date",
        f"the declassification date {decl.date.isoformat()} is not after the DTG {dtg.date().isoformat()}",
        "declassification",
        _EO_DATE,
        field="declassification.date",
    )


def check_eo_order(cable: Cable, reporter: Reporter) -> None:
    """``check-eo-order``: the executive order was in force in the DTG's year.

    11652 1972-78, 12065 1978-82, 12356 1982-95, 12958 from 1995, 13292
    from 2003, 13526 from 2009 (a year of slack either side).
    """
    decl, dtg = cable.declassification, cable.header.dtg
    if decl is None or decl.order is None or dtg is None:
        return
    years = _ORDER_YEARS.get(decl.order)
    if years is None:
        return
    first, last = years
    if first - _ORDER_SLACK <= dtg.year <= last + _ORDER_SLACK:
        return
    span = f"{first}-{last}" if last < 9999 else f"from {first}"
    _report(
        reporter,
        "check-eo-order",
        f"E.O. {decl.order} ({span}) does not fit a cable of {dtg.year}",
        "declassification",
        _EO_ORDER,
        field="declassification.order",
    )


def check_classified_by(cable: Cable, reporter: Reporter) -> None:
    """``check-classified-by``: a classified cable names its classifier; an unclassified one does not."""
    if cable.banner is None:
        return
    level = cable.banner.classification
    rank = CLASSIFICATION_RANK[level]
    if rank > 0 and cable.classified_by is None and not cable.partial and not _classified_in_text(cable):
        _report(
            reporter,
            "check-classified-by",
            f"the {level.value} cable has no Classified By line",
            ("banner",),
            field="classified_by",
        )
    elif rank == 0 and cable.classified_by is not None:
        _report(
            reporter,
            "check-classified-by",
            f"the {level.value} cable has a Classified By line",
            "classified_by",
            field="classified_by",
        )


def _classified_in_text(cable: Cable) -> bool:
    """Whether one of the first paragraphs is the classification line (older cables: ``2. (U) Classified by ...``)."""
    return any(_CLASSIFIED_BY.match(p.text) for p in cable.paragraphs[:_CLASSIFIED_BY_PARAGRAPHS])


def check_reason_section(cable: Cable, reporter: Reporter) -> None:
    """``check-reason-section``: reason section 1.4 only from E.O. 13292 (March 2003) on.

    Section 1.5 lingered for years after 2003; that is noted (``info``),
    not warned about.
    """
    clsby, dtg = cable.classified_by, cable.header.dtg
    if clsby is None or not clsby.reasons or dtg is None:
        return
    sections = set(map(_SECTION_OF, clsby.reasons))
    if "1.4" in sections and dtg.date() < _SECTION_14_FROM:
        _report(
            reporter,
            "check-reason-section",
            f"reason section 1.4 in a cable of {dtg.date().isoformat()}, before E.O. 13292 made 1.4 the reasons section",
            "classified_by",
            _REASON_SECTION,
            field="classified_by.reasons",
        )
    elif "1.5" in sections and dtg.date() >= _SECTION_14_FROM:
        _report(
            reporter,
            "check-reason-section",
            f"reason section 1.5 in a cable of {dtg.year}; E.O. 13292 moved the reasons to 1.4 in 2003",
            "classified_by",
            _REASON_SECTION,
            field="classified_by.reasons",
            severity=Severity.INFO,
        )


# --------------------------------------------------------------------------
# Paragraphs


def check_paragraph_duplicate(cable: Cable, reporter: Reporter) -> None:
    """``check-paragraph-duplicate``: no paragraph number occurs twice in one numbered list.

    Quoted documents (a non-paper, an outcomes text) bring their own list
    numbered from 1, and the cable's numbering resumes after them: a
    paragraph 1 opens a nested list, and a number that continues an outer
    list returns to it.  Within a list, a number seen before is reported.
    """
    numbers = list(map(_NUMBER_OF, cable.paragraphs))
    unnumbered = numbers.count(None)
    # Distinct numbers, counting the unnumbered paragraphs (None) once.
    if len(set(numbers)) == len(numbers) - unnumbered + (unnumbered > 0):
        return
    # Per open list: its last number, and the numbers it holds.
    lasts: list[int] = []
    holds: list[set[int]] = []
    for i, number in enumerate(numbers):
        if number is None:
            continue
        if not lasts or number == 1:
            lasts.append(number)
            holds.append({number})
            continue
        previous = number - 1
        if lasts[-1] == previous:
            pass  # the usual case: the innermost list goes on
        elif previous in lasts:
            # An outer list resumes (the innermost one it continues): the lists inside it close.
            k = len(lasts) - 1 - lasts[::-1].index(previous)
            del lasts[k + 1 :], holds[k + 1 :]
        elif number in holds[-1]:
            _report(
                reporter,
                "check-paragraph-duplicate",
                f"paragraph number {number} occurs twice",
                f"paragraphs[{i}]",
                field=f"paragraphs[{i}].number",
            )
        holds[-1].add(number)
        lasts[-1] = number


# --------------------------------------------------------------------------
# TAGS


def check_tags_subject(cable: Cable, reporter: Reporter) -> None:
    """``check-tags-subject``: the TAGS hold at least one subject or program tag (``PREL``, ``KDEM``).

    Every cable should be indexed by subject (5 FAH-3); a list of only
    countries and organisations is noted.  A cable without TAGS is not.
    """
    if not cable.tags:
        return
    for tag in cable.tags:
        # A subject or program tag: listed as one, or four letters of a subject category.
        kind = TAG_KINDS.get(tag)
        if kind in ("subject", "program") or (
            kind is None and len(tag) == 4 and tag.isalpha() and tag.isupper() and tag[0] in _SUBJECT_LETTERS
        ):
            return
    _report(
        reporter,
        "check-tags-subject",
        f"the TAGS ({', '.join(cable.tags[:6])}) hold no subject tag",
        "tags",
        field="tags",
    )


#: Every check, by its diagnostic code, in the order they run.
CHECKS: dict[str, Check] = {
    "check-julian-day": check_julian_day,
    "check-filing-time": check_filing_time,
    "check-station-serial": check_station_serial,
    "check-station-originator": check_station_originator,
    "check-relay-precedence": check_relay_precedence,
    "check-addressee-precedence": check_addressee_precedence,
    "check-security-banner": check_security_banner,
    "check-metadata-classification": check_metadata_classification,
    "check-noforn": check_noforn,
    "check-sensitive": check_sensitive,
    "check-marking-above-banner": check_marking_above_banner,
    "check-sections": check_sections,
    "check-page-markers": check_page_markers,
    "check-ref-labels": check_ref_labels,
    "check-ref-self": check_ref_self,
    "check-reference-id": check_reference_id,
    "check-metadata-reference-id": check_metadata_reference_id,
    "check-metadata-created": check_metadata_created,
    "check-eo-classification": check_eo_classification,
    "check-decl-date": check_decl_date,
    "check-eo-order": check_eo_order,
    "check-classified-by": check_classified_by,
    "check-reason-section": check_reason_section,
    "check-paragraph-duplicate": check_paragraph_duplicate,
    "check-tags-subject": check_tags_subject,
}


def run_checks(cable: Cable, reporter: Reporter) -> None:
    """Report every inconsistency between the elements of ``cable``.

    One failing check does not stop the others: an unexpected exception
    inside a check becomes an ``internal-error`` diagnostic.
    """
    for code, check in CHECKS.items():
        try:
            check(cable, reporter)
        except Exception as exc:  # noqa: BLE001 - a broken check must not lose the cable
            reporter.report("internal-error", f"{code}: {type(exc).__name__}: {exc}", field=code)
