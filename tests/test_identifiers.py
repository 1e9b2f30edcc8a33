"""Origin tokens, station aliases and derived reference IDs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import Reporter, Span
from cableparse.fields.identifiers import (
    ORIGIN_ALIASES,
    ORIGIN_TOKENS,
    compact_station,
    derive_reference_id,
    make_reference_id,
    origin_token,
    vocab_table,
)
from cableparse.model import Banner, Classification

UTC = dt.timezone.utc
DTG = dt.datetime(2009, 6, 29, 9, 52, tzinfo=UTC)


def banner(station: str | None, serial: int | None = 521) -> Banner:
    return Banner(Classification.CONFIDENTIAL, station=station, serial=serial)


def test_vocabulary_has_the_281_plausible_tokens_and_the_ref_targets() -> None:
    rows = vocab_table("origins.txt")
    assert len(rows) == 283
    assert sum(int(row[1]) for row in rows) == 251_083
    assert {"STATE", "KUALALUMPUR", "USUNNEWYORK", "THEHAGUE", "IRANRPODUBAI", "USDAFAS"} <= ORIGIN_TOKENS


def test_every_alias_names_a_token() -> None:
    assert ORIGIN_ALIASES
    assert all(target in ORIGIN_TOKENS for target in ORIGIN_ALIASES.values())


@pytest.mark.parametrize(
    ("name", "token"),
    [
        ("KUALA LUMPUR", "KUALALUMPUR"),
        ("KL", "KUALALUMPUR"),
        ("KUALA LUMP", "KUALALUMPUR"),  # page-marker truncation
        ("Kuala Lumpur", "KUALALUMPUR"),
        ("SECSTATE", "STATE"),
        ("SECSTATE WASHDC", "STATE"),
        ("STATE", "STATE"),
        ("USUN NEW YORK", "USUNNEWYORK"),
        ("USUN", "USUNNEWYORK"),
        ("UNVIE VIENNA", "UNVIEVIENNA"),
        ("UNVIE", "UNVIEVIENNA"),
        ("THE HAGUE", "THEHAGUE"),
        ("HAGUE", "THEHAGUE"),
        ("RPO DUBAI", "RPODUBAI"),
        ("IRAN RPO DUBAI", "IRANRPODUBAI"),
        ("USEU BRUSSELS", "USEUBRUSSELS"),
        ("USEU", "USEUBRUSSELS"),
        ("RIO DE JAN", "RIODEJANEIRO"),
        ("HK", "HONGKONG"),
        ("MEXICO CITY", "MEXICO"),
        ("PORT-AU-PRINCE", "PORTAUPRINCE"),
        ("N'DJAMENA", "NDJAMENA"),
        ("ST. PETERSBURG", "STPETERSBURG"),
        ("AMEMBASSY KUALA LUMPUR", "KUALALUMPUR"),
        ("USMISSION USUN NEW YORK", "USUNNEWYORK"),
        ("BUENOS AIR", "BUENOSAIRES"),
    ],
)
def test_origin_token(name: str, token: str) -> None:
    assert origin_token(name) == token


@pytest.mark.parametrize("name", ["", "MSG DTG", "OCTOBER", "ATLANTIS", "SAN", "E-MAIL", "123"])
def test_unknown_names_have_no_token(name: str) -> None:
    assert origin_token(name) is None


def test_ambiguous_prefix_has_no_token() -> None:
    # SANTO is shared by SANTODOMINGO and nothing else, but SANTIA/SANTOD
    # style prefixes of five letters are too short to be trusted.
    assert origin_token("SANTO") is None
    assert origin_token("SANTODOM") == "SANTODOMINGO"


def test_make_reference_id() -> None:
    assert make_reference_id(2009, "KL", 491) == "09KUALALUMPUR491"
    assert make_reference_id(9, "STATE", 66260) == "09STATE66260"
    assert make_reference_id(1990, "CAPE TOWN", 97) == "90CAPETOWN97"
    assert make_reference_id(2009, "NOWHERE LAND", 1) is None
    assert make_reference_id(2009, "STATE", -1) is None


@pytest.mark.parametrize(
    ("station", "serial", "expected"),
    [
        ("KUALA LUMPUR", 521, "09KUALALUMPUR521"),
        ("USUN NEW YORK", 12, "09USUNNEWYORK12"),
        ("UNVIE VIENNA", 279, "09UNVIEVIENNA279"),
        ("THE HAGUE", 3019, "09THEHAGUE3019"),
        ("RPO DUBAI", 7, "09RPODUBAI7"),
        ("USEU BRUSSELS", 948, "09USEUBRUSSELS948"),
        ("SECSTATE", 83673, "09STATE83673"),
        ("STATE", 419544, "09STATE419544"),
        ("FORT ZED", 5, "09FORTZED5"),  # outside the vocabulary: kept as written
    ],
)
def test_derive_reference_id(station: str, serial: int, expected: str) -> None:
    reporter = Reporter()
    assert derive_reference_id(banner(station, serial), DTG, reporter, at=Span(3, 1, "x")) == expected
    assert reporter.diagnostics == ()


def test_derive_reference_id_year_comes_from_the_dtg() -> None:
    old = dt.datetime(1990, 1, 17, 15, 12, tzinfo=UTC)
    assert derive_reference_id(banner("CAPE TOWN", 97), old, Reporter(), at=None) == "90CAPETOWN97"


@pytest.mark.parametrize(
    ("value", "dtg", "words"),
    [
        (None, DTG, "banner"),
        (banner("KUALA LUMPUR"), None, "date-time group"),
        (banner(None), DTG, "station"),
        (banner("KUALA LUMPUR", None), DTG, "serial"),
        (None, None, "banner and no date-time group"),
        (banner("..."), DTG, "letters"),
    ],
)
def test_underivable_reference_id_warns_at_the_given_span(value: Banner | None, dtg: dt.datetime | None, words: str) -> None:
    reporter = Reporter()
    assert derive_reference_id(value, dtg, reporter, at=Span(12, 4, "C O N F I D E N T I A L")) is None
    (diagnostic,) = reporter.diagnostics
    assert diagnostic.code == "reference-id-underivable"
    assert diagnostic.severity.value == "warning"
    assert (diagnostic.line, diagnostic.column) == (12, 4)
    assert words in diagnostic.message


def test_container_created_date_dates_a_cable_without_dtg() -> None:
    created = dt.datetime(2005, 1, 12, 16, 4, tzinfo=UTC)  # minutes garbled, year right
    reporter = Reporter()
    assert derive_reference_id(banner("MADRID", 109), None, reporter, at=None, created=created) == "05MADRID109"
    assert reporter.diagnostics == ()
    # The DTG wins when both are there.
    assert derive_reference_id(banner("MADRID", 109), DTG, Reporter(), at=None, created=created) == "09MADRID109"


def test_underivable_without_position() -> None:
    reporter = Reporter()
    assert derive_reference_id(None, None, reporter, at=None) is None
    assert reporter.diagnostics[0].line is None


@given(st.sampled_from(sorted(ORIGIN_TOKENS)))
def test_every_token_is_its_own_token(token: str) -> None:
    assert origin_token(token) == token


@given(st.sampled_from(sorted(ORIGIN_ALIASES)))
def test_every_alias_maps(alias: str) -> None:
    assert origin_token(alias) == ORIGIN_ALIASES[alias]


@given(st.sampled_from(sorted(ORIGIN_TOKENS)), st.data())
def test_spacing_punctuation_and_case_do_not_matter(token: str, data: st.DataObject) -> None:
    pieces = []
    for letter in token:
        pieces.append(letter.lower() if data.draw(st.booleans()) else letter)
        pieces.append(data.draw(st.sampled_from(["", "", "", " ", "-", "'", ". "])))
    assert origin_token("".join(pieces)) == token


@given(st.text(max_size=40))
def test_origin_token_of_any_text_is_a_token_or_none(text: str) -> None:
    token = origin_token(text)
    assert token is None or token in ORIGIN_TOKENS
    assert compact_station(text).isalpha() or compact_station(text) == ""


@given(st.integers(0, 2099), st.sampled_from(sorted(ORIGIN_TOKENS)), st.integers(0, 999_999))
def test_make_reference_id_shape(year: int, token: str, serial: int) -> None:
    value = make_reference_id(year, token, serial)
    assert value == f"{year % 100:02d}{token}{serial}"
