"""Reference IDs: origin tokens, station aliases and the cable's own ID.

A reference ID (FORMAT.md section 5) is the two-digit year of the DTG, the
*origin token* of the station and the serial without leading zeros:
``09KUALALUMPUR521``.  The origin token is the banner station name in upper
case with spaces and punctuation removed (``THE HAGUE`` -> ``THEHAGUE``,
``USUN NEW YORK`` -> ``USUNNEWYORK``), with aliases mapped
(``SECSTATE`` -> ``STATE``, ``KL`` -> ``KUALALUMPUR``).

The vocabulary of tokens (VOCAB.md section 8) and the aliases are package
data in ``cableparse/vocab/origins.txt`` and ``origin_aliases.txt``.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib.resources import files

import regex

from ..errors import Reporter, Span
from ..model import REFERENCE_ID_PATTERN, Banner

__all__ = [
    "ORIGIN_ALIASES",
    "ORIGIN_TOKENS",
    "compact_station",
    "derive_reference_id",
    "make_reference_id",
    "origin_token",
    "vocab_table",
]


def vocab_table(name: str) -> list[tuple[str, ...]]:
    """The rows of ``cableparse/vocab/<name>``: tab-separated, ``#`` comments skipped."""
    text = files("cableparse").joinpath("vocab").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return rows


#: The origin tokens of reference IDs, most used first.
ORIGIN_TOKENS: frozenset[str] = frozenset(row[0] for row in vocab_table("origins.txt"))
#: Station aliases (written without spaces) mapped to origin tokens.
ORIGIN_ALIASES: dict[str, str] = {row[0]: row[1] for row in vocab_table("origin_aliases.txt")}

# A station truncated to ten characters in page markers ("KUALA LUMP",
# "BUENOS AIR") still names one post; six letters are enough to be unique
# without catching ordinary words.
_MIN_PREFIX = 6


def _prefixes() -> dict[str, str | None]:
    table: dict[str, str | None] = {}
    for token in ORIGIN_TOKENS:
        for end in range(_MIN_PREFIX, len(token)):
            prefix = token[:end]
            # None marks a prefix shared by several tokens.
            table[prefix] = token if prefix not in table else None
    return table


_PREFIXES = _prefixes()
# Plain-language address prefixes that may precede a station name.
_PLAD_PREFIX = regex.compile(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|EMBASSY|CONSULATE|USINT|USOFFICE|AMEMB)(?=[A-Z]{2})")
_NOT_LETTER = regex.compile(r"[^A-Z]+")
_REFERENCE_ID = regex.compile(REFERENCE_ID_PATTERN)


def compact_station(name: str) -> str:
    """``name`` in upper case without spaces, digits or punctuation."""
    upper = name.upper()
    if upper.isascii() and upper.isalpha():
        return upper
    return _NOT_LETTER.sub("", upper)


def origin_token(name: str) -> str | None:
    """The origin token of a station name or alias, or ``None`` when unknown.

    ``"KUALA LUMPUR"``, ``"KL"`` and ``"KUALA LUMP"`` all give
    ``"KUALALUMPUR"``; ``"SECSTATE"`` gives ``"STATE"``; a leading
    ``AMEMBASSY``/``AMCONSUL``/``USMISSION`` is ignored.
    """
    return _origin_token(name)


# Station names repeat from element to element and from cable to cable.
@functools.lru_cache(maxsize=4096)
def _origin_token(name: str) -> str | None:
    compact = compact_station(name)
    token = _lookup(compact)
    if token is None:
        stripped = _PLAD_PREFIX.sub("", compact)
        if stripped != compact:
            token = _lookup(stripped)
    return token


def _lookup(compact: str) -> str | None:
    if compact in ORIGIN_TOKENS:
        return compact
    alias = ORIGIN_ALIASES.get(compact)
    if alias is not None:
        return alias
    if len(compact) >= _MIN_PREFIX:
        return _PREFIXES.get(compact)
    return None


def make_reference_id(year: int, station: str, serial: int) -> str | None:
    """``YY`` + origin token + serial, or ``None`` when the station is unknown.

    ``year`` may have two or four digits; ``station`` is a name, alias or
    token.  ``make_reference_id(2009, "KL", 491) == "09KUALALUMPUR491"``.
    """
    token = origin_token(station)
    if token is None or year < 0 or serial < 0:
        return None
    return f"{year % 100:02d}{token}{serial}"


def derive_reference_id(
    banner: Banner | None,
    dtg: dt.datetime | None,
    reporter: Reporter,
    *,
    at: Span | None,
    created: dt.datetime | None = None,
) -> str | None:
    """The cable's reference ID: two-digit DTG year + origin token + serial.

    The token comes from the banner station (aliases mapped; a station
    outside the vocabulary is used as written, without spaces, as WikiLeaks
    did).  Without a DTG the year is taken from ``created``, the container's
    Created date (HTML page, cables.csv), which renders the DTG: its minutes
    may be garbled, its year is not.  Without a banner station and serial,
    or without any date, the ID cannot be derived: ``None`` and a
    ``reference-id-underivable`` warning at ``at``.  The year is never
    guessed.
    """
    when = dtg or created
    if banner is None or banner.station is None or banner.serial is None or when is None:
        missing = []
        if banner is None:
            missing.append("banner")
        elif banner.station is None or banner.serial is None:
            missing.append("banner station and serial")
        if when is None:
            missing.append("date-time group")
        reporter.report(
            "reference-id-underivable", "no reference ID: the cable has no " + " and no ".join(missing), at, field="reference_id"
        )
        return None
    token = origin_token(banner.station) or compact_station(banner.station)
    value = f"{when.year % 100:02d}{token}{banner.serial}"
    if not token or not _REFERENCE_ID.match(value):
        reporter.report("reference-id-underivable", f"no reference ID: station {banner.station!r} has no letters", at, field="reference_id")
        return None
    return value
