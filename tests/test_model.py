"""The frozen model refuses invalid values and cannot be mutated."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from cableparse.model import (
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    Diagnostic,
    Header,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    Severity,
    Station,
)

UTC = dt.timezone.utc


def test_cable_is_frozen() -> None:
    cable = Cable(reference_id="09KUALALUMPUR521")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cable.reference_id = "x"  # type: ignore[misc]


def test_collections_are_tuples() -> None:
    with pytest.raises(TypeError):
        Cable(tags=["PREL"])  # type: ignore[arg-type]


@pytest.mark.parametrize("ri", ["RUEH", "RUEHKL", "RHEHNSC", "RUEHWEB"])
def test_valid_routing_indicators(ri: str) -> None:
    assert Addressee(ri, "AMEMBASSY X").routing_indicator == ri


@pytest.mark.parametrize("ri", ["RUE", "ruehkl", "RUEHKL1", "RUEHKLABC", ""])
def test_invalid_routing_indicators(ri: str) -> None:
    with pytest.raises(ValueError, match="routing indicator"):
        Addressee(ri, "AMEMBASSY X")
    with pytest.raises(ValueError):
        Relay(Precedence.PRIORITY, (ri,))


def test_mcn_must_be_a_non_negative_int() -> None:
    with pytest.raises(ValueError):
        Addressee("RUEHC", "SECSTATE WASHDC", Precedence.PRIORITY, -1)
    with pytest.raises(TypeError):
        Addressee("RUEHC", "SECSTATE WASHDC", Precedence.PRIORITY, "2910")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Addressee("RUEHC", "SECSTATE WASHDC", Precedence.PRIORITY, True)


def test_datetimes_must_be_aware_utc() -> None:
    with pytest.raises(ValueError, match="UTC"):
        Header(dtg=dt.datetime(2009, 6, 29, 9, 52))
    with pytest.raises(ValueError, match="UTC"):
        Header(dtg=dt.datetime(2009, 6, 29, 9, 52, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert Header(dtg=dt.datetime(2009, 6, 29, 9, 52, tzinfo=UTC)).dtg is not None


def test_station_day_of_year_range() -> None:
    with pytest.raises(ValueError):
        Station("RUEHKL", 521, 1, 367, "0952")
    with pytest.raises(ValueError):
        Station("RUEHKL", 521, 1, 0, "0952")
    with pytest.raises(ValueError):
        Station("RUEHKL", 521, 1, 180, "952")


def test_enumerations_are_the_cable_words() -> None:
    assert Precedence("NIACT IMMEDIATE") is Precedence.NIACT_IMMEDIATE
    assert Classification("LIMITED OFFICIAL USE") is Classification.LIMITED_OFFICIAL_USE
    assert Severity("error") is Severity.ERROR
    with pytest.raises(ValueError):
        Precedence("URGENT")


def test_reason_and_marking_formats() -> None:
    assert ClassifiedBy(reasons=("1.4(b)", "1.5(d)")).reasons == ("1.4(b)", "1.5(d)")
    with pytest.raises(ValueError):
        ClassifiedBy(reasons=("1.4 b",))
    assert Paragraph(4, "S/NF").marking == "S/NF"
    with pytest.raises(ValueError):
        Paragraph(4, "(C)")


def test_reference_ids() -> None:
    assert Reference("A", "09STATE66260", "STATE 66260").reference_id == "09STATE66260"
    assert Reference(None, "08ACCRA001382SUSPECTEDDUPLICATE1392", "x").reference_id
    with pytest.raises(ValueError):
        Reference("A", "STATE66260", "x")
    with pytest.raises(ValueError):
        Cable(reference_id="09 STATE 1")


def test_banner_section_positive() -> None:
    with pytest.raises(ValueError):
        Banner(Classification.SECRET, section=0)


def test_diagnostic_positions_are_one_based() -> None:
    with pytest.raises(ValueError):
        Diagnostic("dtg-invalid", Severity.ERROR, "x", 0, 1)
    d = Diagnostic("dtg-invalid", Severity.ERROR, "x", 3, 7, "header.dtg")
    assert (d.line, d.column, d.field) == (3, 7, "header.dtg")


def test_cable_error_and_warning_views() -> None:
    diags = (
        Diagnostic("dtg-invalid", Severity.ERROR, "bad", 1, 1),
        Diagnostic("tags-missing", Severity.WARNING, "none", 2, 1),
        Diagnostic("page-marker", Severity.INFO, "removed", 3, 1),
    )
    cable = Cable(diagnostics=diags)
    assert [d.code for d in cable.errors] == ["dtg-invalid"]
    assert [d.code for d in cable.warnings] == ["tags-missing"]


def test_patterns_refuse_trailing_newlines() -> None:
    with pytest.raises(ValueError):
        Addressee("RUEHC\n", "SECSTATE WASHDC")
    with pytest.raises(ValueError):
        ClassifiedBy(reasons=("1.4(b)\n",))


def test_filing_time_is_a_real_hhmm() -> None:
    assert Station("RUEHKL", 521, 1, 180, "2359").time == "2359"
    for bad in ("2400", "0960", "9999"):
        with pytest.raises(ValueError):
            Station("RUEHKL", 521, 1, 180, bad)


def test_declassification_date_is_a_date_not_a_datetime() -> None:
    from cableparse.model import Declassification

    assert Declassification(date=dt.date(2019, 6, 29)).date == dt.date(2019, 6, 29)
    with pytest.raises(TypeError):
        Declassification(date=dt.datetime(2019, 6, 29, tzinfo=UTC))
