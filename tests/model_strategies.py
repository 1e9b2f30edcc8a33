"""Hypothesis strategies for valid model objects, used by the JSON and schema tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from cableparse.model import (
    MARKING_PATTERN,
    REASON_PATTERN,
    REFERENCE_ID_PATTERN,
    ROUTING_INDICATOR_PATTERN,
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    ContainerMetadata,
    Declassification,
    Diagnostic,
    Header,
    PageMarker,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    Severity,
    SourceFormat,
    Station,
    UnparsedLine,
)

__all__ = ["addressees", "cables", "headers", "utc_datetimes"]

# orjson encodes integers up to 64 bits unsigned; the cables' numbers are tiny.
_MAX_INT = 2**64 - 1


def _pattern(pattern: str, max_size: int = 12) -> st.SearchStrategy[str]:
    # fullmatch: the model's patterns end in "$", which would admit a trailing newline.
    return st.from_regex(pattern.strip("^$"), fullmatch=True).filter(lambda s: len(s) <= max_size)


routing_indicators = _pattern(ROUTING_INDICATOR_PATTERN)
reference_ids = _pattern(REFERENCE_ID_PATTERN, 24)
reasons = _pattern(REASON_PATTERN)
markings = _pattern(MARKING_PATTERN)
texts = st.text(max_size=40)
short = st.text(max_size=12)
naturals = st.integers(min_value=0, max_value=_MAX_INT)
positives = st.integers(min_value=1, max_value=_MAX_INT)
precedences = st.sampled_from(Precedence)
classifications = st.sampled_from(Classification)

#: Aware datetimes with a zero UTC offset, any microsecond, any year.
utc_datetimes = st.datetimes(timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(0), "Z")]))


def _tuples(elements: st.SearchStrategy[object], max_size: int = 4) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(elements, max_size=max_size).map(tuple)


addressees = st.builds(
    Addressee,
    routing_indicator=st.none() | routing_indicators,
    name=texts,
    precedence=st.none() | precedences,
    mcn=st.none() | naturals,
)

stations = st.builds(
    Station,
    routing_indicator=routing_indicators,
    serial=naturals,
    section=st.none() | naturals,
    day_of_year=st.integers(min_value=1, max_value=366),
    time=st.from_regex(r"(?:[01][0-9]|2[0-3])[0-5][0-9]", fullmatch=True),
    filed=st.none() | utc_datetimes,
)

headers = st.builds(
    Header,
    transmission_id=st.none() | short,
    relay=st.none() | st.builds(Relay, precedence=precedences, routing_indicators=_tuples(routing_indicators)),
    station=st.none() | stations,
    security=st.none() | classifications,
    security_efto=st.booleans(),
    security_signals=_tuples(short),
    precedence=st.none() | precedences,
    info_precedence=st.none() | precedences,
    dtg=st.none() | utc_datetimes,
    dtg_signals=_tuples(short),
    originator=st.none() | texts,
    to=_tuples(addressees),
    info=_tuples(addressees),
    exempt=_tuples(addressees, 2),
    print_lines=_tuples(texts, 2),
)

_optional_int = st.none() | naturals

cables = st.builds(
    Cable,
    reference_id=st.none() | reference_ids,
    source_format=st.sampled_from(SourceFormat),
    source=st.none() | texts,
    header=headers,
    classification=st.none() | classifications,
    banner=st.none()
    | st.builds(
        Banner,
        classification=classifications,
        section=st.none() | positives,
        sections=st.none() | positives,
        station=st.none() | short,
        serial=_optional_int,
        efto=st.booleans(),
    ),
    correction=st.none() | texts,
    captions=_tuples(short),
    passing=_tuples(texts),
    declassification=st.none()
    | st.builds(
        Declassification,
        order=st.none() | short,
        date=st.none() | st.dates(),
        exemptions=_tuples(short),
        text=texts,
        amended=st.booleans(),
    ),
    tags=_tuples(short),
    subject=st.none() | texts,
    subject_marking=st.none() | markings,
    references=_tuples(st.builds(Reference, label=st.none() | short, reference_id=st.none() | reference_ids, text=texts)),
    classified_by=st.none() | st.builds(ClassifiedBy, name=st.none() | texts, title=st.none() | texts, reasons=_tuples(reasons)),
    summary=st.none() | texts,
    paragraphs=_tuples(st.builds(Paragraph, number=_optional_int, marking=st.none() | markings, heading=st.none() | texts, text=st.text())),
    page_markers=_tuples(
        st.builds(
            PageMarker,
            station=short,
            serial=naturals,
            page=naturals,
            pages=_optional_int,
            part=_optional_int,
            section=_optional_int,
            stamp=st.none() | short,
        ),
        2,
    ),
    signature=st.none() | short,
    partial=st.booleans(),
    container_metadata=st.none()
    | st.builds(
        ContainerMetadata,
        reference_id=st.none() | short,
        created=st.none() | utc_datetimes,
        released=st.none() | utc_datetimes,
        classification=st.none() | short,
        origin=st.none() | texts,
        title=st.none() | texts,
        references=_tuples(short),
        row=_optional_int,
    ),
    unparsed=_tuples(st.builds(UnparsedLine, line=positives, text=texts)),
    diagnostics=_tuples(
        st.builds(
            Diagnostic,
            code=short,
            severity=st.sampled_from(Severity),
            message=texts,
            line=st.none() | positives,
            column=st.none() | positives,
            field=st.none() | short,
        )
    ),
)
