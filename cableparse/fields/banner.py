"""The classification banner and the corrected-copy line (FORMAT.md 4.1, 4.2).

The banner is the first line of the body::

    C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521

It gives the level, the section (``SECTION n OF m``, multi-section cables
only), the station and the message reference number.  Letter-spacing is the
convention for CONFIDENTIAL and SECRET; plain words, ``UNCLAS`` /
``UNCLASSIFIED``, ``LIMITED OFFICIAL USE`` and ``EFTO`` occur too.  Known
garbles are repaired with an ``info`` diagnostic: a doubled first letter
(``SS E C R E T``, ``UUNCLAS``), a lost first letter of a letter-spaced level
(``E C R E T``, ``O N F I D E N T I A L``) and lower or sentence case
(``C o n f i d e n t i a l section 01 of 02 khartoum 000881``).

A corrected copy carries a line such as ``C O R R E C T E D C O P Y (ADDED
TAGS)``, before or after the banner; :func:`parse_correction` returns it in
canonical form (letter-spacing removed, white space collapsed), which is
what ``Cable.correction`` holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex

from ..errors import Reporter, Span, as_spans, element_parser
from ..model import Banner, Classification
from .subject import collapse_spaces

__all__ = [
    "BannerMatch",
    "looks_like_correction",
    "parse_banner",
    "parse_correction",
    "read_banner",
    "render_banner",
    "render_correction",
]


def _spaced(word: str) -> str:
    """A pattern for ``word`` written plain or letter-spaced (``S E C R E T``).

    The first letter may be missing or doubled; :func:`read_banner` reports
    both as repairs.
    """
    letters = word.replace(" ", "")
    head, tail = letters[0], letters[1:]
    return f"(?:{head} {{0,2}}){{0,2}}" + "".join(f"{c} {{0,2}}" if i < len(tail) - 1 else c for i, c in enumerate(tail))


# Longest alternatives first: UNCLASSIFIED before UNCLAS, TOP SECRET before SECRET.
_LEVELS: tuple[tuple[str, str, Classification], ...] = (
    ("ts", "TOP SECRET", Classification.TOP_SECRET),
    ("lou", "LIMITED OFFICIAL USE", Classification.LIMITED_OFFICIAL_USE),
    ("uc", "UNCLASSIFIED", Classification.UNCLASSIFIED),
    ("u", "UNCLAS", Classification.UNCLASSIFIED),
    ("c", "CONFIDENTIAL", Classification.CONFIDENTIAL),
    ("s", "SECRET", Classification.SECRET),
)

_BANNER = regex.compile(
    r"[ \t]*(?:" + "|".join(f"(?P<{name}>{_spaced(word)})" for name, word, _ in _LEVELS) + r")(?![A-Za-z])"
    r"(?P<efto>[ \t]+E {0,2}F {0,2}T {0,2}O(?![A-Za-z]))?"
    r"(?:[ \t]+SECTION[ \t]{0,3}(?P<section>[0-9]{1,3})[ \t]+OF[ \t]+(?P<sections>[0-9]{1,3})(?![0-9]))?"
    r"(?:[ \t]+(?P<station>[A-Z][A-Z .'&/-]{0,40}?)[ \t]+(?P<serial>[0-9]{1,7})(?![0-9]))?",
    flags=regex.IGNORECASE,
)
# The regex module reads a group by number about ten times faster than by
# name: the banner's groups are read by these numbers.
_GROUPS = _BANNER.groupindex
_LEVEL_GROUPS = tuple((_GROUPS[name], word.replace(" ", ""), level) for name, word, level in _LEVELS)
_EFTO, _SECTION, _SECTIONS, _STATION, _SERIAL = (_GROUPS[g] for g in ("efto", "section", "sections", "station", "serial"))
_SPACES = regex.compile(r"\s+")
# Captions and keywords run onto the banner line are not part of a station:
# "UNCLAS SIPDIS E.O. 12958: ..." has no station and serial.
_NOT_STATION = regex.compile(
    r"(?<![A-Za-z])(?:E[ \t]?\.?[ \t]?O\.?|SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS|SENSITIVE|TAGS?|SUBJ(?:ECT)?|REFS?)(?![A-Za-z])",
    flags=regex.IGNORECASE,
)

_RENDER = {
    Classification.UNCLASSIFIED: "UNCLAS",
    Classification.LIMITED_OFFICIAL_USE: "LIMITED OFFICIAL USE",
    Classification.CONFIDENTIAL: "C O N F I D E N T I A L",
    Classification.SECRET: "S E C R E T",
    Classification.TOP_SECRET: "T O P S E C R E T",
}


class BannerMatch(NamedTuple):
    """A banner read from the start of a span, and where it ended."""

    banner: Banner
    #: Offset in the span's text just after the banner (the serial, or the
    #: last element read); anything after it is not part of the banner.
    end: int


# tuple.__new__ skips the NamedTuple's Python-level __new__ (once per field).
_new_tuple = tuple.__new__


def read_banner(span: Span, reporter: Reporter) -> BannerMatch | None:
    """Read a banner at the start of ``span``; ``None`` when it is not one.

    Nothing is reported when the span is not a banner.  A plain (not
    letter-spaced) level written in lower or mixed case counts as a banner
    only when a station and serial follow, so that a paragraph opening with
    "Secret talks ..." is not mistaken for one.
    """
    text = span.text
    plain = _plain_banner(text)
    if plain is not None:
        return plain
    m = _BANNER.match(text)
    if m is None:
        return None
    groups = (None, *m.groups())  # indexed by group number
    group, word, level = next(g for g in _LEVEL_GROUPS if groups[g[0]] is not None)
    written: str = groups[group]  # type: ignore[assignment]
    letters = written.replace(" ", "")
    # Letter-spaced when about every other character is a space.
    spaced = written.strip().count(" ") * 2 >= len(letters) - 2
    station_text = groups[_STATION]
    has_mrn = groups[_SERIAL] is not None and station_text is not None and _NOT_STATION.search(station_text) is None
    end = m.end() if has_mrn else max(m.end(g) for g in (group, _EFTO, _SECTIONS) if groups[g] is not None)
    if not (spaced or has_mrn or written.isupper()):
        return None
    start = m.start(group)
    if letters.upper() != word:
        what = "a doubled first letter" if len(letters) > len(word) else "a missing first letter"
        reporter.report("banner-repaired", f"banner level {written.strip()!r} read as {level.value} ({what})", span, start, field="banner")
    elif not text[start:end].isupper():
        reporter.report("banner-repaired", f"banner {text[start:end].strip()!r} is not in upper case", span, start, field="banner")

    section = sections = None
    if groups[_SECTION] is not None:
        section, sections = int(groups[_SECTION]), int(groups[_SECTIONS])  # type: ignore[arg-type]
        if section < 1 or sections < 1:
            reporter.report(
                "banner-invalid", f"SECTION {section} OF {sections} is not a valid section", span, m.start(_SECTION), field="banner"
            )
            section = sections = None
    station = serial = None
    if has_mrn:
        station = collapse_spaces(station_text).upper()  # type: ignore[arg-type]
        serial = int(groups[_SERIAL])  # type: ignore[arg-type]
    efto = groups[_EFTO] is not None
    banner = Banner(classification=level, section=section, sections=sections, station=station, serial=serial, efto=efto)
    return _new_tuple(BannerMatch, (banner, end))


# The usual banner, in upper case with its one space between words: a
# level as the cables write it, maybe a section, a station of letters and a
# serial, nothing after.  The careful pattern reads it the same way: no
# repair, no EFTO (no station word opens with E), no level read longer
# (after UNCLAS no station opens with S, as in UNCLASSIFIED).
_PLAIN_LEVELS = {word: level for _, word, level in _LEVELS} | {
    "C O N F I D E N T I A L": Classification.CONFIDENTIAL,
    "S E C R E T": Classification.SECRET,
    "T O P S E C R E T": Classification.TOP_SECRET,
}
_PLAIN_BANNER = regex.compile(
    r"[ \t]*(C O N F I D E N T I A L|S E C R E T|T O P S E C R E T|UNCLASSIFIED|CONFIDENTIAL|SECRET|UNCLAS)"
    r"(?: SECTION ([0-9]{1,3}) OF ([0-9]{1,3}))? (?!SECTION |E)((?:[A-Z]+ ){1,6})([0-9]{1,7})[ \t]*"
)


def _plain_banner(text: str) -> BannerMatch | None:
    """The banner of ``text`` when it has the usual shape (``_PLAIN_BANNER``), else ``None``."""
    m = _PLAIN_BANNER.fullmatch(text)
    if m is None:
        return None
    written, section, sections, station, serial = m.groups()
    if (
        len(station) > 42
        or (written == "UNCLAS" and station[0] == "S")
        or (section is not None and (int(section) < 1 or int(sections) < 1))
        or _NOT_STATION.search(station) is not None
    ):
        return None
    banner = Banner(
        classification=_PLAIN_LEVELS[written],
        section=int(section) if section is not None else None,
        sections=int(sections) if sections is not None else None,
        station=station[:-1],
        serial=int(serial),
        efto=False,
    )
    return _new_tuple(BannerMatch, (banner, m.end(5)))


@element_parser
def parse_banner(source: str | Span | Sequence[Span], reporter: Reporter) -> Banner | None:
    """Parse a classification banner line into a :class:`~cableparse.model.Banner`.

    The first non-blank span is read.  Text after the serial number is
    reported (``banner-trailing``) and ignored; a line that is not a banner
    gives ``None`` and a ``banner-invalid`` error.

    >>> banner = parse_banner("C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521")
    >>> banner.classification.value, banner.section, banner.sections, banner.station, banner.serial
    ('CONFIDENTIAL', 1, 2, 'KUALA LUMPUR', 521)
    """
    span = next((s for s in as_spans(source) if s.text.strip()), None)
    if span is None:
        reporter.report("banner-missing", "no banner line", None, field="banner")
        return None
    found = read_banner(span, reporter)
    if found is None:
        reporter.report(
            "banner-invalid", f"not a classification banner: {span.text.strip()[:60]!r}", span, _lead(span.text), field="banner"
        )
        return None
    rest = span.text[found.end :]
    if rest.strip():
        reporter.report(
            "banner-trailing", f"text after the banner not read: {rest.strip()[:60]!r}", span, found.end + _lead(rest), field="banner"
        )
    return found.banner


def render_banner(banner: Banner) -> str:
    """The canonical banner line.

    Levels are written as the cables write them (``C O N F I D E N T I A L``,
    ``S E C R E T``, ``UNCLAS``); the serial is zero-padded to six digits.
    ``SECTION n OF m`` is written when both numbers are known, the station
    and serial when both are known.
    """
    parts = [_RENDER[banner.classification]]
    if banner.efto:
        parts.append("EFTO")
    if banner.section is not None and banner.sections is not None:
        parts.append(f"SECTION {banner.section:02d} OF {banner.sections:02d}")
    if banner.station is not None and banner.serial is not None:
        parts.append(f"{banner.station} {banner.serial:06d}")
    return " ".join(parts)


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


# --------------------------------------------------------------------------
# Corrected copy

_CORRECTION = regex.compile(
    r"[ \t]*C {0,2}O {0,2}R {0,2}R {0,2}E {0,2}C {0,2}T {0,2}E {0,2}D[ \t]{0,3}C {0,2}O {0,2}P {0,2}Y(?![A-Za-z])"
    r"(?P<gap>[ \t]*)(?P<rest>.*)",
    flags=regex.IGNORECASE,
)


def looks_like_correction(text: str) -> bool:
    """Whether ``text`` is a corrected-copy line."""
    first = text.lstrip(" \t")[:1]
    # Only a C (or a letter that case-folds to one) can open the line.
    return (first in ("C", "c") or first > "\x7f") and _CORRECTION.match(text) is not None


@element_parser
def parse_correction(source: str | Span | Sequence[Span], reporter: Reporter) -> str | None:
    """The corrected-copy note of a ``CORRECTED COPY`` line, in canonical form.

    Letter-spacing is removed and white space collapsed; the reason after
    the words is kept as written: ``C O R R E C T E D  C O P Y (ADDED TAGS)``
    gives ``CORRECTED COPY (ADDED TAGS)``.  A line that is not a corrected-copy
    line gives ``None`` with an ``unparsed-line`` warning.
    """
    span = next((s for s in as_spans(source) if s.text.strip()), None)
    if span is None:
        return None
    m = _CORRECTION.match(span.text)
    if m is None:
        reporter.report(
            "unparsed-line", f"not a corrected-copy line: {span.text.strip()[:60]!r}", span, _lead(span.text), field="correction"
        )
        return None
    rest = _SPACES.sub(" ", m.group("rest")).strip()
    if not rest:
        return "CORRECTED COPY"
    return "CORRECTED COPY" + (" " if m.group("gap") else "") + rest


def render_correction(correction: str) -> str:
    """The corrected-copy line for a note returned by :func:`parse_correction`."""
    return correction
