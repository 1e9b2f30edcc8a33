"""The cross-checks of cableparse.checks, one by one.

Two kinds of test: each check on hand-built cables (the relation it
enforces, its edge cases, no position without anchors), and each check
through a whole parse of a synthetic cable with one thing changed, where
the diagnostic must stand on the line and column of the token that
disagrees.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse import checks
from cableparse.errors import CODES, Reporter, Span
from cableparse.model import (
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    ContainerMetadata,
    Declassification,
    Header,
    PageMarker,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    Severity,
    SourceFormat,
    Station,
)

from .conftest import corpus_pages, requires_corpus
from .synthetic_cables import CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009, csv_row, html_page, line_col

UTC = dt.timezone.utc
C, S, U = Classification.CONFIDENTIAL, Classification.SECRET, Classification.UNCLASSIFIED


def run(check: checks.Check, cable: Cable) -> list[str]:
    reporter = Reporter()
    check(cable, reporter)
    return [d.code for d in reporter.diagnostics]


def dtg(day: int = 8, hour: int = 15, minute: int = 30, month: int = 3, year: int = 2008) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def with_station(day_of_year: int, time: str, when: dt.datetime, serial: int = 412, section: int | None = 1) -> Cable:
    station = Station("RUEHQT", serial, section, day_of_year, time)
    return Cable(header=Header(station=station, dtg=when), banner=Banner(C, 1, 2, "QUITO", 412))


# --------------------------------------------------------------------------
# Every check is in the catalogue and runs on an empty cable


def test_every_check_has_a_catalogued_code() -> None:
    for code, check in checks.CHECKS.items():
        assert code in CODES
        assert code.startswith("check-")
        assert check.__doc__ and code in check.__doc__


def test_an_empty_cable_passes_every_check() -> None:
    reporter = Reporter()
    checks.run_checks(Cable(), reporter)
    assert reporter.diagnostics == ()


def test_a_failing_check_becomes_an_internal_error_and_the_others_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(cable: Cable, reporter: Reporter) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(checks.CHECKS, "check-julian-day", broken)
    reporter = Reporter()
    checks.run_checks(with_station(300, "1530", dtg()), reporter)
    codes = [d.code for d in reporter.diagnostics]
    assert codes[0] == "internal-error"
    assert "check-julian-day: RuntimeError: boom" in reporter.diagnostics[0].message
    assert "check-filing-time" not in codes  # the day is far off, so no filing-time check


# --------------------------------------------------------------------------
# Julian day and filing time


@pytest.mark.parametrize(
    ("day_of_year", "when", "expected"),
    [
        (68, dtg(), []),  # 8 March 2008 is day 68 in a leap year
        (69, dtg(hour=23, minute=55), []),  # filed just after midnight
        (67, dtg(), ["check-julian-day"]),
        (73, dtg(), ["check-julian-day"]),
        (63, dtg(), ["check-julian-day"]),
        (67, dtg(month=3, day=8, year=2009), []),  # 2009 is not a leap year
        (1, dt.datetime(2008, 12, 31, 23, 58, tzinfo=UTC), []),  # across New Year
        (366, dt.datetime(2009, 1, 1, 0, 5, tzinfo=UTC), ["check-julian-day"]),  # a day before
        (366, dt.datetime(2008, 12, 31, 12, 0, tzinfo=UTC), []),
    ],
)
def test_julian_day(day_of_year: int, when: dt.datetime, expected: list[str]) -> None:
    time = f"{when:%H%M}" if day_of_year != 1 else "0003"
    assert run(checks.check_julian_day, with_station(day_of_year, time, when)) == expected


@pytest.mark.parametrize(
    ("time", "when", "expected"),
    [
        ("1530", dtg(), []),
        ("1545", dtg(), []),
        ("1629", dtg(), []),
        ("1630", dtg(), ["check-filing-time"]),
        ("1529", dtg(), ["check-filing-time"]),
        ("0010", dtg(hour=23, minute=50), ["check-filing-time"]),  # same julian day: 23 hours before
    ],
)
def test_filing_time(time: str, when: dt.datetime, expected: list[str]) -> None:
    assert run(checks.check_filing_time, with_station(68, time, when)) == expected


def test_filing_time_across_midnight() -> None:
    cable = with_station(69, "0005", dtg(hour=23, minute=50))
    assert run(checks.check_filing_time, cable) == []
    assert run(checks.check_julian_day, cable) == []


def test_filing_time_is_not_checked_when_the_day_is_off() -> None:
    assert run(checks.check_filing_time, with_station(80, "0100", dtg())) == []


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 12, 31)), st.integers(0, 59))
def test_a_station_filed_at_or_shortly_after_the_dtg_passes(when: dt.datetime, delay: int) -> None:
    when = when.replace(second=0, microsecond=0, tzinfo=UTC)
    filed = when + dt.timedelta(minutes=delay)
    cable = with_station(filed.timetuple().tm_yday, f"{filed:%H%M}", when)
    assert run(checks.check_julian_day, cable) == []
    assert run(checks.check_filing_time, cable) == []


# --------------------------------------------------------------------------
# Serials, precedence, security


@pytest.mark.parametrize(
    ("station", "banner", "ok"),
    [(412, 412, True), (3673, 83673, True), (0, 10000, True), (413, 412, False), (412, 10412, True), (521, 1521, False)],
)
def test_station_serial(station: int, banner: int, ok: bool) -> None:
    cable = Cable(header=Header(station=Station("RUEHQT", station, 1, 68, "1530")), banner=Banner(C, serial=banner))
    assert run(checks.check_station_serial, cable) == ([] if ok else ["check-station-serial"])


@pytest.mark.parametrize(
    ("ri", "originator", "ok"),
    [
        ("RUEHKL", "AMEMBASSY KUALA LUMPUR", True),
        ("RUEHQT", "AMEMBASSY QUITO", True),  # ACP 117 spells it QUINTO
        ("RUEHLM", "AMEMBASSY COLOMBO", True),  # ... and COLUMBO
        ("RUEHAFM", "AMCONSUL MAZAR-E SHARIF", True),  # ... and SHAIRF
        ("RUEHC", "SECSTATE WASHDC", True),  # DEPT OF STATE WASHINGTON DC
        ("RUEHME", "AMEMBASSY MEXICO", True),  # AMEMBASSY MEXICO CITY
        ("RUEHOS", "AMCONSUL LAGOS", True),  # AMEMBASSY LAGOS
        ("RUEHNO", "USMISSION USNATO", True),  # US MISSION USNATO BRUSSELS BE
        ("RUEHBS", "USEU BRUSSELS", True),  # the embassy's indicator, shared
        ("RUEHDIR", "IRAN RPO DUBAI", True),  # AMCONSUL NAGOYA in ACP 117, re-used
        ("RUEHTC", "AMEMBASSY THE HAGUE", True),
        ("RUEHZZQ", "AMEMBASSY QUITO", True),  # not in the table: not checked
        ("RUEHKL", "AMEMBASSY QUITO", False),
        ("RUEHC", "AMEMBASSY PARIS", False),
        ("RUEHBS", "AMEMBASSY BRASILIA", False),
        ("RUEHFR", "AMEMBASSY MADRID", False),
        ("RUEHMD", "AMEMBASSY MANILA", False),
        ("RUEHDIR", "AMCONSUL DUBAI", True),
        ("RUEHDE", "AMEMBASSY ABU DHABI", False),
    ],
)
def test_station_originator(ri: str, originator: str, ok: bool) -> None:
    cable = Cable(header=Header(station=Station(ri, 412, 1, 68, "1530"), originator=originator))
    assert run(checks.check_station_originator, cable) == ([] if ok else ["check-station-originator"])


def test_station_originator_needs_both_lines() -> None:
    assert run(checks.check_station_originator, Cable(header=Header(station=Station("RUEHKL", 1)))) == []
    assert run(checks.check_station_originator, Cable(header=Header(originator="AMEMBASSY QUITO"))) == []


def test_every_generated_post_passes_the_station_check() -> None:
    from cableparse.strategies import POSTS

    for post in POSTS:
        cable = Cable(header=Header(station=Station(post.routing_indicator, 1), originator=post.plad))
        assert run(checks.check_station_originator, cable) == [], post


@pytest.mark.parametrize(
    ("level", "captions", "metadata", "expected"),
    [
        (U, ("SENSITIVE", "SIPDIS"), "UNCLASSIFIED//FOR OFFICIAL USE ONLY", 0),
        (U, ("SIPDIS",), "UNCLASSIFIED", 0),
        (U, ("SENSITIVE BUT UNCLASSIFIED",), "UNCLASSIFIED//FOR OFFICIAL USE ONLY", 0),
        (U, ("SIPDIS",), "UNCLASSIFIED//FOR OFFICIAL USE ONLY", 1),
        (U, ("SENSITIVE", "SIPDIS"), "UNCLASSIFIED", 1),
        (U, ("SENSITIVE BUT UNCLASSIFIED",), "UNCLASSIFIED", 1),
        (Classification.LIMITED_OFFICIAL_USE, ("SIPDIS",), "UNCLASSIFIED//FOR OFFICIAL USE ONLY", 0),  # LOU counts as FOUO
        (Classification.LIMITED_OFFICIAL_USE, (), "UNCLASSIFIED", 1),
        (Classification.LIMITED_OFFICIAL_USE, (), "LIMITED OFFICIAL USE", 0),
        (C, ("SENSITIVE", "SIPDIS"), "CONFIDENTIAL", 0),  # an extra caption on a classified cable
        (S, ("SIPDIS",), "SECRET//NOFORN", 0),
        (U, ("SENSITIVE",), None, 0),  # nothing to compare with
        (U, ("SENSITIVE",), "garbled", 0),
    ],
)
def test_sensitive(level: Classification, captions: tuple[str, ...], metadata: str | None, expected: int) -> None:
    meta = ContainerMetadata(classification=metadata) if metadata else None
    cable = Cable(banner=Banner(level), captions=captions, container_metadata=meta)
    assert run(checks.check_sensitive, cable) == ["check-sensitive"] * expected


def test_sensitive_is_not_checked_on_a_body_of_another_record() -> None:
    cable = Cable(
        reference_id="10MEXICO614",
        header=Header(dtg=dtg(year=2010)),
        banner=Banner(S, 1, 4, "ISLAMABAD", 416),
        captions=("SIPDIS",),
        container_metadata=ContainerMetadata(classification="UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
    )
    assert run(checks.check_sensitive, cable) == []


@pytest.mark.parametrize(
    ("tags", "ok"),
    [
        (("PREL", "PGOV", "MY"), True),
        (("KTIP", "MY"), True),  # a program tag
        (("MY", "PREL"), True),
        (("AORC", "UNSC"), True),
        (("PZZZ", "MY"), True),  # outside the vocabulary but shaped like a subject tag
        ((), True),  # no TAGS at all is another matter
        (("MY",), False),
        (("MY", "TH", "NATO"), False),
        (("UNSC", "IAEA"), False),  # four letters, organisations
        (("OPEC", "EBRD"), False),
        (("HUMAN RIGHTS", "TU"), False),
        (("OVIP", "STEINBERG, JAMES B."), True),
    ],
)
def test_tags_subject(tags: tuple[str, ...], ok: bool) -> None:
    reporter = Reporter()
    checks.check_tags_subject(Cable(tags=tags), reporter)
    assert [(d.code, d.severity) for d in reporter.diagnostics] == ([] if ok else [("check-tags-subject", Severity.INFO)])


@pytest.mark.parametrize(
    ("relay", "prosign", "ok"),
    [
        (Precedence.PRIORITY, Precedence.PRIORITY, True),
        (Precedence.IMMEDIATE, Precedence.NIACT_IMMEDIATE, True),
        (Precedence.ROUTINE, Precedence.PRIORITY, False),
        (Precedence.FLASH, Precedence.IMMEDIATE, False),
    ],
)
def test_relay_precedence(relay: Precedence, prosign: Precedence, ok: bool) -> None:
    cable = Cable(header=Header(relay=Relay(relay, ("RUEHWEB",)), precedence=prosign))
    assert run(checks.check_relay_precedence, cable) == ([] if ok else ["check-relay-precedence"])


@pytest.mark.parametrize(
    ("prosign", "word", "ok"),
    [
        (Precedence.IMMEDIATE, Precedence.IMMEDIATE, True),
        (Precedence.IMMEDIATE, Precedence.NIACT_IMMEDIATE, True),
        (Precedence.PRIORITY, Precedence.PRIORITY, True),
        (Precedence.ROUTINE, None, True),
        (Precedence.ROUTINE, Precedence.ROUTINE, True),
        (Precedence.FLASH, Precedence.FLASH, True),
        (Precedence.PRIORITY, None, False),
        (Precedence.ROUTINE, Precedence.PRIORITY, False),
        (Precedence.IMMEDIATE, Precedence.PRIORITY, False),
        (Precedence.FLASH, Precedence.IMMEDIATE, False),
    ],
)
def test_addressee_precedence(prosign: Precedence, word: Precedence | None, ok: bool) -> None:
    cable = Cable(header=Header(precedence=prosign, to=(Addressee("RUEHC", "SECSTATE WASHDC", word, 1),)))
    assert run(checks.check_addressee_precedence, cable) == ([] if ok else ["check-addressee-precedence"])


@pytest.mark.parametrize(
    ("security", "banner", "ok"),
    [(C, C, True), (S, S, True), (U, U, True), (U, Classification.LIMITED_OFFICIAL_USE, True), (S, C, False), (U, C, False), (C, U, False)],
)
def test_security_banner(security: Classification, banner: Classification, ok: bool) -> None:
    cable = Cable(header=Header(security=security), banner=Banner(banner))
    assert run(checks.check_security_banner, cable) == ([] if ok else ["check-security-banner"])


@pytest.mark.parametrize(
    ("metadata", "level", "ok"),
    [
        ("CONFIDENTIAL", C, True),
        ("CONFIDENTIAL//NOFORN", C, True),
        ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", U, True),
        ("SECRET//NOFORN", S, True),
        ("SECRET", C, False),
        ("UNCLASSIFIED", S, False),
        ("garbled", S, True),  # unreadable metadata is not compared
    ],
)
def test_metadata_classification(metadata: str, level: Classification, ok: bool) -> None:
    cable = Cable(banner=Banner(level), container_metadata=ContainerMetadata(classification=metadata))
    assert run(checks.check_metadata_classification, cable) == ([] if ok else ["check-metadata-classification"])


# --------------------------------------------------------------------------
# NOFORN and portion marks


@pytest.mark.parametrize(
    ("marking", "expected"),
    [
        ("U", 0),
        ("SBU", 0),
        ("SBU/NF", 0),
        ("U//FOUO", 0),
        ("C", 1),
        ("C/NF", 1),
        ("C NF", 1),
        ("S", 2),
        ("S//NF", 2),
        ("S/REL NATO", 2),
        ("TS", 3),
        ("CONFIDENTIAL", 1),
        ("X", None),
        ("", None),
        (None, None),
    ],
)
def test_marking_rank(marking: str | None, expected: int | None) -> None:
    assert checks.marking_rank(marking) == expected


def para(number: int | None, marking: str | None) -> Paragraph:
    return Paragraph(number, marking, None, "Text.")


@pytest.mark.parametrize(
    ("level", "markings", "expected"),
    [
        (C, ["C", "U", "SBU"], 0),
        (C, ["C", "S", "U"], 1),
        (C, ["S", "S/NF"], 2),
        (S, ["S", "TS"], 1),
        (U, ["SBU", "U"], 0),
        (U, ["C"], 1),
        (Classification.LIMITED_OFFICIAL_USE, ["U", "C"], 1),
    ],
)
def test_marking_above_banner(level: Classification, markings: list[str], expected: int) -> None:
    cable = Cable(banner=Banner(level), paragraphs=tuple(para(i, m) for i, m in enumerate(markings, 1)))
    assert run(checks.check_marking_above_banner, cable) == ["check-marking-above-banner"] * expected


def test_subject_marking_above_banner() -> None:
    cable = Cable(banner=Banner(C), subject="A SUBJECT", subject_marking="S")
    assert run(checks.check_marking_above_banner, cable) == ["check-marking-above-banner"]


@pytest.mark.parametrize(
    ("captions", "markings", "metadata", "expected"),
    [
        (("NOFORN", "SIPDIS"), ("S/NF", "S"), "SECRET//NOFORN", 0),
        (("SIPDIS",), ("S/NF",), None, 1),
        (("SIPDIS",), ("SBU/N",), None, 1),
        (("SIPDIS",), ("S/REL NATO",), None, 0),
        (("SIPDIS",), ("S",), "SECRET//NOFORN", 1),
        (("NOFORN",), ("S",), "SECRET", 1),
        (("NOFORN",), ("S",), None, 0),
        (("SIPDIS",), ("S/NF",), "SECRET//NOFORN", 2),
    ],
)
def test_noforn(captions: tuple[str, ...], markings: tuple[str, ...], metadata: str | None, expected: int) -> None:
    meta = ContainerMetadata(classification=metadata) if metadata else None
    cable = Cable(banner=Banner(S), captions=captions, paragraphs=tuple(para(1, m) for m in markings), container_metadata=meta)
    assert run(checks.check_noforn, cable) == ["check-noforn"] * expected


# --------------------------------------------------------------------------
# Sections and page markers


def marker(page: int, pages: int = 2, serial: int = 412, part: int | None = None) -> PageMarker:
    return PageMarker("QUITO", serial, page, pages, part)


@pytest.mark.parametrize(
    ("banner", "markers", "station_section", "expected"),
    [
        (Banner(C, 1, 2, "QUITO", 412), (marker(2),), 1, 0),
        (Banner(C, 1, 2, "QUITO", 412), (marker(2, 3),), 1, 1),
        (Banner(C, None, None, "QUITO", 412), (marker(2, 2),), None, 1),
        (Banner(C, None, None, "QUITO", 412), (), 1, 0),  # /01 on a single-section cable is common
        (Banner(C, 1, 3, "QUITO", 412), (), 2, 1),
        (Banner(C, 1, 3, "QUITO", 412), (), None, 1),
        (Banner(C, 1, 3, "QUITO", 412), (marker(2, 2), marker(3, 2)), 1, 1),  # reported once
    ],
)
def test_sections(banner: Banner, markers: tuple[PageMarker, ...], station_section: int | None, expected: int) -> None:
    cable = Cable(header=Header(station=Station("RUEHQT", 412, station_section, 68, "1530")), banner=banner, page_markers=markers)
    assert run(checks.check_sections, cable) == ["check-sections"] * expected


@pytest.mark.parametrize(
    ("markers", "expected"),
    [
        ((marker(2, 3), marker(3, 3)), 0),
        ((marker(1, 2, part=2), marker(2), marker(2, part=2)), 0),
        ((marker(3, 3),), 1),
        ((marker(2, 4), marker(4, 4)), 1),
        ((marker(2, 3), marker(2, 3)), 1),
        ((marker(2, serial=413),), 1),
        ((PageMarker("CAPE T", 97, 2, 3, None, 1, "182017Z"), PageMarker("CAPE T", 97, 3, 3, None, 1, "182017Z")), 0),
        ((PageMarker("CAPE T", 97, 2, 3, None, 1, "182017Z"), PageMarker("CAPE T", 97, 4, 3, None, 1, "182017Z")), 1),
    ],
)
def test_page_markers(markers: tuple[PageMarker, ...], expected: int) -> None:
    cable = Cable(banner=Banner(C, 1, 4, "QUITO", 412), page_markers=markers)
    assert run(checks.check_page_markers, cable) == ["check-page-markers"] * expected


# --------------------------------------------------------------------------
# References and identifiers


def ref(label: str | None, reference_id: str | None = "08QUITO1", text: str | None = None) -> Reference:
    return Reference(label, reference_id, text or f"ITEM {label}")


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["A", "B", "C"], 0),
        ([None], 0),
        ([None, None], 0),
        (["A", "C"], 1),
        (["B"], 1),
        (["A", "A"], 1),
        (["A", "B", "B", "C"], 1),
    ],
)
def test_ref_labels(labels: list[str | None], expected: int) -> None:
    cable = Cable(references=tuple(ref(label, text=f"ITEM {n}") for n, label in enumerate(labels)))
    assert run(checks.check_ref_labels, cable) == ["check-ref-labels"] * expected


def test_ref_labels_shared_by_citations_of_one_item() -> None:
    refs = (ref("A", "08BRASILIA2799", "BRASILIA 2799 AND 2764"), ref("A", "08BRASILIA2764", "BRASILIA 2799 AND 2764"), ref("B"))
    assert run(checks.check_ref_labels, Cable(references=refs)) == []


def test_ref_self() -> None:
    cable = Cable(reference_id="08QUITO412", references=(ref("A", "08QUITO301"), ref("B", "08QUITO412"), ref("C", None)))
    assert run(checks.check_ref_self, cable) == ["check-ref-self"]
    assert run(checks.check_ref_self, Cable(references=(ref("A", "08QUITO412"),))) == []


@pytest.mark.parametrize(
    ("reference_id", "expected"),
    [("08QUITO412", 0), ("07QUITO412", 1), ("08QUITO413", 0), ("06QUITO413", 1), ("garbled", 0)],
)
def test_reference_id(reference_id: str, expected: int) -> None:
    cable = Cable(
        reference_id=reference_id if reference_id != "garbled" else None,
        header=Header(dtg=dtg()),
        banner=Banner(C, station="QUITO", serial=412),
    )
    assert run(checks.check_reference_id, cable) == ["check-reference-id"] * expected


@pytest.mark.parametrize(
    ("given", "ok"), [("08QUITO412", True), ("08QUITO413", False), ("07QUITO412", False), ("06EFTOQUITO412", False), (None, True)]
)
def test_metadata_reference_id(given: str | None, ok: bool) -> None:
    cable = Cable(reference_id="08QUITO412", container_metadata=ContainerMetadata(reference_id=given))
    assert run(checks.check_metadata_reference_id, cable) == ([] if ok else ["check-metadata-reference-id"])


@pytest.mark.parametrize(
    ("fmt", "created", "ok"),
    [
        (SourceFormat.HTML, dt.datetime(2008, 3, 8, 15, 3, tzinfo=UTC), True),  # minutes garbled: 12-hour hour
        (SourceFormat.HTML, dt.datetime(2008, 3, 8, 16, 30, tzinfo=UTC), False),
        (SourceFormat.HTML, dt.datetime(2008, 3, 9, 15, 30, tzinfo=UTC), False),
        (SourceFormat.CSV, dt.datetime(2008, 3, 8, 15, 30, tzinfo=UTC), True),
        (SourceFormat.CSV, dt.datetime(2008, 3, 8, 15, 3, tzinfo=UTC), False),
    ],
)
def test_metadata_created(fmt: SourceFormat, created: dt.datetime, ok: bool) -> None:
    cable = Cable(source_format=fmt, header=Header(dtg=dtg()), container_metadata=ContainerMetadata(created=created))
    assert run(checks.check_metadata_created, cable) == ([] if ok else ["check-metadata-created"])


# --------------------------------------------------------------------------
# E.O. line and Classified By


def decl(text: str, date: dt.date | None = None, order: str = "12958", exemptions: tuple[str, ...] = ()) -> Declassification:
    return Declassification(order, date, exemptions, text)


@pytest.mark.parametrize(
    ("level", "declassification", "ok"),
    [
        (C, decl("DECL: 03/08/2018", dt.date(2018, 3, 8)), True),
        (U, decl("N/A"), True),
        (U, None, True),
        (C, decl("N/A"), False),
        (S, decl("NA"), False),
        (C, None, False),
        (U, decl("DECL: 03/08/2018", dt.date(2018, 3, 8)), False),
        (U, decl("DECL: X1", None, exemptions=("X1",)), False),
        (C, decl("DECL: MR", None, exemptions=("MR",)), True),
    ],
)
def test_eo_classification(level: Classification, declassification: Declassification | None, ok: bool) -> None:
    cable = Cable(banner=Banner(level), declassification=declassification)
    assert run(checks.check_eo_classification, cable) == ([] if ok else ["check-eo-classification"])


@pytest.mark.parametrize(
    ("date", "ok"), [(dt.date(2018, 3, 8), True), (dt.date(2008, 3, 9), True), (dt.date(2008, 3, 8), False), (dt.date(2007, 3, 8), False)]
)
def test_decl_date(date: dt.date, ok: bool) -> None:
    cable = Cable(header=Header(dtg=dtg()), declassification=decl("DECL: x", date))
    assert run(checks.check_decl_date, cable) == ([] if ok else ["check-decl-date"])


@pytest.mark.parametrize(
    ("order", "year", "ok"),
    [
        ("12958", 2008, True),
        ("12958", 1996, True),
        ("12958", 1990, False),
        ("11652", 1975, True),
        ("11652", 2008, False),
        ("12065", 1979, True),
        ("12356", 1990, True),
        ("12356", 1996, True),  # a year of slack
        ("12356", 2005, False),
        ("13526", 2010, True),
        ("13526", 2005, False),
        ("99999", 2008, True),  # unknown orders are the E.O. parser's concern
    ],
)
def test_eo_order(order: str, year: int, ok: bool) -> None:
    cable = Cable(header=Header(dtg=dtg(year=year)), declassification=decl("DECL: x", order=order))
    assert run(checks.check_eo_order, cable) == ([] if ok else ["check-eo-order"])


@pytest.mark.parametrize(
    ("level", "present", "ok"),
    [(C, True, True), (S, True, True), (U, False, True), (C, False, False), (S, False, False), (U, True, False)],
)
def test_classified_by(level: Classification, present: bool, ok: bool) -> None:
    clsby = ClassifiedBy("Jane Doe", "Ambassador", ("1.4(b)",)) if present else None
    cable = Cable(banner=Banner(level), classified_by=clsby)
    assert run(checks.check_classified_by, cable) == ([] if ok else ["check-classified-by"])


@pytest.mark.parametrize(("level", "ok"), [(C, True), (S, True), (U, False)])
def test_a_derivative_classification_is_a_classified_by(level: Classification, ok: bool) -> None:
    cable = Cable(banner=Banner(level), classified_by=ClassifiedBy(derived_from="Multiple Sources"))
    assert run(checks.check_classified_by, cable) == ([] if ok else ["check-classified-by"])
    assert run(checks.check_reason_section, attrs.evolve(cable, header=Header(dtg=dtg(year=2001)))) == []


@pytest.mark.parametrize("container", ["text", "html"])
def test_a_cable_classified_by_derivation(container: str) -> None:
    text = CONFIDENTIAL_2008.replace(
        "Classified By: Ambassador Linda Q. Fairweather for reasons 1.4 (b) and (d).\n",
        "Classified By: Derived from Multiple Sources\n",
    )
    cable = cableparse.parse(html_page(text) if container == "html" else text)
    assert cable.classified_by == ClassifiedBy(derived_from="Multiple Sources")
    assert not [d for d in cable.diagnostics if d.severity is not Severity.INFO]
    assert cable.paragraphs[0].number == 1
    assert cableparse.parse(cableparse.render(cable)).classified_by == cable.classified_by


def test_classified_by_inside_the_first_paragraphs_counts() -> None:
    paragraphs = (para(1, "C"), Paragraph(2, "U", None, "Classified by Acting DAS Jane Doe, reasons 1.4 (b)."))
    assert run(checks.check_classified_by, Cable(banner=Banner(C), paragraphs=paragraphs)) == []


def test_classified_by_is_not_required_of_partial_records() -> None:
    assert run(checks.check_classified_by, Cable(banner=Banner(C), partial=True)) == []


@pytest.mark.parametrize(
    ("reasons", "year", "expected"),
    [
        (("1.4(b)",), 2008, []),
        (("1.5(b)",), 2001, []),
        (("1.4(b)",), 2001, [Severity.WARNING]),
        (("1.5(d)",), 2007, [Severity.INFO]),
        (("1.4(b)", "1.5(d)"), 2002, [Severity.WARNING]),
    ],
)
def test_reason_section(reasons: tuple[str, ...], year: int, expected: list[Severity]) -> None:
    reporter = Reporter()
    cable = Cable(header=Header(dtg=dtg(year=year)), classified_by=ClassifiedBy("Jane Doe", None, reasons))
    checks.check_reason_section(cable, reporter)
    assert [d.severity for d in reporter.diagnostics] == expected
    assert all(d.code == "check-reason-section" for d in reporter.diagnostics)


# --------------------------------------------------------------------------
# Paragraph numbers


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([1, 2, 3, 4], []),
        ([None, 1, 2], []),
        ([1, 2, 2, 3], [2]),
        ([1, 2, 3, 2, 5], [3]),
        ([1, 2, 3, 4, 5, 1, 2, 2], [7]),  # a quoted list of its own, then a repeat inside it
        ([1, 2, 3, 1, 2, 3, 4, 4], []),  # the second 4 may be the outer list resuming
        ([1, 2, 3, 1, 2, 3, 4, 5, 4, 5], []),  # the outer numbering resumes after a quoted list
        ([1, 1, 1], []),  # each 1 opens a list
    ],
)
def test_paragraph_duplicate(numbers: list[int | None], expected: list[int]) -> None:
    reporter = Reporter()
    reporter.anchors.update({f"paragraphs[{i}]": Span(i + 1, 1, "x") for i in range(len(numbers))})
    checks.check_paragraph_duplicate(Cable(paragraphs=tuple(para(n, "C") for n in numbers)), reporter)
    assert [d.line - 1 for d in reporter.diagnostics if d.line is not None] == expected


# --------------------------------------------------------------------------
# Positions: each diagnostic on the token it is about


def test_without_anchors_a_diagnostic_has_no_position() -> None:
    reporter = Reporter()
    checks.check_station_serial(with_station(68, "1530", dtg(), serial=413), reporter)
    (d,) = reporter.diagnostics
    assert (d.line, d.column, d.field) == (None, None, "header.station")


def test_the_anchor_token_is_found_inside_the_line() -> None:
    reporter = Reporter()
    reporter.mark("header.station", Span(3, 1, "DE RUEHQT #0413/01 0681530"))
    checks.check_station_serial(with_station(68, "1530", dtg(), serial=413), reporter)
    (d,) = reporter.diagnostics
    assert (d.line, d.column) == (3, 12)


#: (cable, text replaced, replacement, expected code, token of the expected position, occurrence of the token)
POSITIONED = [
    (CONFIDENTIAL_2008, "#0412/01 0681530", "#0412/01 0731530", "check-julian-day", "0731530", 1),
    (CONFIDENTIAL_2008, "#0412/01 0681530", "#0412/01 0681750", "check-filing-time", "0681750", 1),
    (CONFIDENTIAL_2008, "#0412/01", "#0413/01", "check-station-serial", "0413", 1),
    (CONFIDENTIAL_2008, "FM AMEMBASSY QUITO", "FM AMEMBASSY LIMA", "check-station-originator", "RUEHQT", 1),
    (SECRET_NOFORN_2006, "DE RUEHNR", "DE  RUEHLO", "check-station-originator", "RUEHLO", 1),
    (UNCLAS_2009, "TAGS: ECON ETRD TU", "TAGS: TU, NATO", "check-tags-subject", "TAGS: TU", 1),
    (CONFIDENTIAL_2008, "#0412/01", "#0412/02", "check-sections", "02 0681530", 1),
    (CONFIDENTIAL_2008, "PP RUEHBO", "OO RUEHBO", "check-relay-precedence", "OO RUEHBO", 1),
    (CONFIDENTIAL_2008, "WASHDC PRIORITY 8812", "WASHDC IMMEDIATE 8812", "check-addressee-precedence", "IMMEDIATE 8812", 1),
    (CONFIDENTIAL_2008, "ZNY CCCCC", "ZNY SSSSS", "check-security-banner", "ZNY", 1),
    (CONFIDENTIAL_2008, "2. (U)", "2. (S)", "check-marking-above-banner", "2. (S)", 1),
    (CONFIDENTIAL_2008, "3. (C)", "3. (C/NF)", "check-noforn", "3. (C/NF)", 1),
    (CONFIDENTIAL_2008, "002 OF 002", "002 OF 003", "check-sections", "003", 1),
    (CONFIDENTIAL_2008, "002 OF 002", "003 OF 002", "check-page-markers", "003 OF", 1),
    (CONFIDENTIAL_2008, "QUITO 00000412 002", "QUITO 00000413 002", "check-page-markers", "00000413", 1),
    (CONFIDENTIAL_2008, "C. BOGOTA", "D. BOGOTA", "check-ref-labels", "D. BOGOTA", 1),
    (CONFIDENTIAL_2008, "B. STATE 22140", "B. QUITO 412", "check-ref-self", "QUITO 412", 1),
    (CONFIDENTIAL_2008, "DECL: 03/08/2018", "DECL: 03/08/2007", "check-decl-date", "03/08/2007", 1),
    (CONFIDENTIAL_2008, "E.O. 12958: DECL: 03/08/2018", "E.O. 12958: N/A", "check-eo-classification", "N/A", 1),
    (CONFIDENTIAL_2008, "E.O. 12958:", "E.O. 11652:", "check-eo-order", "11652", 1),
    (CONFIDENTIAL_2008, "4. (SBU)", "3. (SBU)", "check-paragraph-duplicate", "3. (SBU)", 1),
    (SECRET_NOFORN_2006, "NOFORN\n", "", "check-noforn", "1. (S/NF)", 1),
    (SECRET_NOFORN_2006, "R 011015Z NOV 06", "R 011015Z NOV 02", "check-reason-section", "1.4 (c)", 1),
    (UNCLAS_2009, "E.O. 12958: N/A", "E.O. 12958: DECL: 01/20/2019", "check-eo-classification", "DECL", 1),
    (
        UNCLAS_2009,
        "SUBJECT: TURKEY: EXPORTERS ASK FOR CHEAPER CREDIT\n",
        "SUBJECT: TURKEY: EXPORTERS ASK FOR CHEAPER CREDIT\n\nClassified By: Jane Doe, reasons 1.4 (b).\n",
        "check-classified-by",
        "Classified By",
        1,
    ),
]


@pytest.mark.parametrize(("base", "old", "new", "code", "token", "occurrence"), POSITIONED)
def test_diagnostic_stands_on_the_token(base: str, old: str, new: str, code: str, token: str, occurrence: int) -> None:
    assert base.count(old) == 1
    text = base.replace(old, new)
    cable = cableparse.parse(text)
    found = [(d.line, d.column) for d in cable.diagnostics if d.code == code]
    assert found == [line_col(text, token, occurrence=occurrence)], cable.diagnostics
    clean = cableparse.parse(base)
    assert not [d for d in clean.diagnostics if d.code == code]


def test_classified_by_missing_stands_on_the_banner() -> None:
    text = SECRET_NOFORN_2006.replace("Classified By: Political Counselor Peter R. Ndegwa, reasons 1.4 (c) and (d).\n", "")
    cable = cableparse.parse(text)
    assert [(d.line, d.column) for d in cable.diagnostics if d.code == "check-classified-by"] == [line_col(text, "S E C R E T")]


def test_positions_in_an_html_page_are_those_of_the_page() -> None:
    page = html_page(CONFIDENTIAL_2008.replace("#0412/01", "#0413/01"))
    cable = cableparse.parse(page)
    (d,) = [d for d in cable.diagnostics if d.code == "check-station-serial"]
    assert d.line is not None and d.column is not None
    line = page.split("\n")[d.line - 1]
    assert line[d.column - 1 : d.column + 3] == "0413"


def test_positions_in_a_csv_row_are_those_of_the_file() -> None:
    row = csv_row(CONFIDENTIAL_2008.replace("2. (U)", "2. (S)"))
    cable = cableparse.parse(row, format="csv")
    (d,) = [d for d in cable.diagnostics if d.code == "check-marking-above-banner"]
    assert d.line is not None and d.column is not None
    assert row.split("\n")[d.line - 1][d.column - 1 :].startswith("2. (S)")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"classification": "SECRET"}, "check-metadata-classification"),
        ({"classification": "CONFIDENTIAL//NOFORN"}, "check-noforn"),
        ({"reference_id": "08QUITO999"}, "check-metadata-reference-id"),
        ({"created": "2008-03-09 15:03"}, "check-metadata-created"),
        ({"created": "2008-03-08 16:04"}, "check-metadata-created"),
    ],
)
def test_html_metadata_checks(kwargs: dict[str, str], code: str) -> None:
    clean = cableparse.parse(html_page(CONFIDENTIAL_2008))
    assert not [d for d in clean.diagnostics if d.code.startswith("check-")]
    cable = cableparse.parse(html_page(CONFIDENTIAL_2008, **kwargs))
    assert [d.code for d in cable.diagnostics if d.code.startswith("check-")] == [code]


ANKARA_PAGE = {"reference_id": "09ANKARA77", "created": "2009-01-20 12:12", "origin": "Embassy Ankara"}
FOUO = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"


def page_position(page: str, code: str) -> tuple[str, int, int]:
    """The one diagnostic of ``code`` in the parsed page: the page's text from its column, line and column."""
    found = [d for d in cableparse.parse(page).diagnostics if d.code == code]
    assert len(found) == 1, found
    (d,) = found
    assert d.line is not None and d.column is not None
    return page.split("\n")[d.line - 1][d.column - 1 :], d.line, d.column


def test_sensitive_in_html_pages() -> None:
    clean = cableparse.parse(html_page(UNCLAS_2009, classification=FOUO, **ANKARA_PAGE))
    assert not [d for d in clean.diagnostics if d.code.startswith("check-")]
    # The caption without FOUO metadata: on the caption.
    page = html_page(UNCLAS_2009, classification="UNCLASSIFIED", **ANKARA_PAGE)
    rest, line, column = page_position(page, "check-sensitive")
    assert rest.startswith("SENSITIVE&#x000A;SIPDIS")
    assert (line, column) == line_col(page, "SENSITIVE&#x000A;")
    # FOUO metadata without the caption: on the banner.
    page = html_page(UNCLAS_2009.replace("SENSITIVE\n", ""), classification=FOUO, **ANKARA_PAGE)
    rest, line, column = page_position(page, "check-sensitive")
    assert rest.startswith("UNCLAS SECTION 01 OF 02 ANKARA")
    assert (line, column) == line_col(page, "UNCLAS SECTION")


def test_sensitive_in_a_csv_row() -> None:
    row = csv_row(UNCLAS_2009, reference_id="09ANKARA77", date="1/20/2009 12:40", classification="UNCLASSIFIED", origin="Embassy Ankara")
    cable = cableparse.parse(row, format="csv")
    assert [d.code for d in cable.diagnostics if d.code.startswith("check-")] == ["check-sensitive"]
    (d,) = [d for d in cable.diagnostics if d.code == "check-sensitive"]
    assert (d.line, d.column) == line_col(row, "SENSITIVE\nSIPDIS")


def test_station_originator_in_an_html_page() -> None:
    page = html_page(CONFIDENTIAL_2008.replace("FM AMEMBASSY QUITO", "FM AMCONSUL GUAYAQUIL"))
    rest, line, column = page_position(page, "check-station-originator")
    assert rest.startswith("RUEHQT #0412/01")
    assert (line, column) == line_col(page, "RUEHQT")


def test_tags_subject_in_an_html_page() -> None:
    page = html_page(CONFIDENTIAL_2008.replace("TAGS: PREL PGOV EC", "TAGS: EC, OAS"))
    rest, line, column = page_position(page, "check-tags-subject")
    assert rest.startswith("TAGS: EC, OAS")
    assert (line, column) == line_col(page, "TAGS: EC")
    d = next(d for d in cableparse.parse(page).diagnostics if d.code == "check-tags-subject")
    assert d.severity is Severity.INFO and d.field == "tags"


@pytest.mark.parametrize(("date", "ok"), [("3/8/2008 15:30", True), ("3/8/2008 15:03", False), ("3/8/2008 14:30", False)])
def test_csv_created_minutes_count(date: str, ok: bool) -> None:
    cable = cableparse.parse(csv_row(CONFIDENTIAL_2008, date=date), format="csv")
    assert [d.code for d in cable.diagnostics if d.code.startswith("check-")] == ([] if ok else ["check-metadata-created"])


def test_a_body_of_another_record_is_not_checked_against_the_header() -> None:
    # The page-assembly garble: the header of one cable, the body of another.
    text = CONFIDENTIAL_2008.replace("C O N F I D E N T I A L SECTION 01 OF 02 QUITO 000412", "S E C R E T SECTION 01 OF 03 NAIROBI 002290")
    cable = cableparse.parse(html_page(text))
    codes = {d.code for d in cable.diagnostics}
    assert "header-body-mismatch" in codes
    assert not codes & {
        "check-station-serial",
        "check-security-banner",
        "check-reference-id",
        "check-metadata-classification",
    }
    assert cable.reference_id == "08QUITO412"
    # The body's own relations are still checked.
    assert {"check-page-markers", "check-sections"} <= codes  # QUITO 00000412 002 OF 002 in a NAIROBI 002290 body
    assert not cable.errors


def test_the_synthetic_cables_are_clean() -> None:
    for text in (CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009):
        cable = cableparse.parse(text, strict=True, warnings_as_errors=True)
        assert cable.reference_id is not None


def test_the_example_cable_passes_every_check() -> None:
    cable = cableparse.parse(cableparse.example_text())
    assert not [d for d in cable.diagnostics if d.code.startswith("check-")]


@requires_corpus
def test_the_corpus_gives_few_errors() -> None:
    pages = corpus_pages()
    with_errors = []
    for page in pages:
        cable = cableparse.parse_file(page)
        assert not [d for d in cable.diagnostics if d.code == "internal-error"], page.name
        if any(d.code.startswith("check-") and d.severity is Severity.ERROR for d in cable.diagnostics):
            with_errors.append(page.name)
    # Genuine inconsistencies only: a (S/NF) paragraph in a CONFIDENTIAL cable.
    assert len(with_errors) <= max(3, len(pages) // 50), with_errors


@requires_corpus
def test_the_new_checks_are_quiet_over_the_corpus() -> None:
    pages = corpus_pages()
    counts = dict.fromkeys(("check-station-originator", "check-sensitive", "check-tags-subject"), 0)
    for page in pages:
        for d in cableparse.parse_file(page).diagnostics:
            if d.code in counts:
                counts[d.code] += 1
    print(f"over {len(pages)} pages: {counts}")
    assert all(n <= max(2, len(pages) // 100) for n in counts.values()), counts


@requires_corpus
def test_validate_runs_over_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    from cableparse.cli import main

    status = main(["validate", "--quiet", "--format", "json", str(corpus_pages()[0].parent)])
    records = capsys.readouterr().out.splitlines()
    assert len(records) == len(corpus_pages())
    assert status in (0, 1)
