"""The public strategies and garblers: element round trips, consistency of whole cables, each garbler."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse import sources
from cableparse import strategies as cs
from cableparse.errors import Reporter, as_spans
from cableparse.fields.addressees import parse_addressee, render_addressee
from cableparse.fields.banner import parse_banner, render_banner
from cableparse.fields.captions import CaptionLines, parse_captions, render_captions
from cableparse.fields.classified_by import parse_classified_by, render_classified_by
from cableparse.fields.declass import parse_declassification, render_declassification
from cableparse.fields.dtg import parse_dtg, prosign, render_dtg
from cableparse.fields.header import parse_header, render_header
from cableparse.fields.identifiers import make_reference_id
from cableparse.fields.paragraphs import parse_paragraphs, render_paragraphs
from cableparse.fields.references import parse_references, render_references
from cableparse.fields.routing import (
    SecurityLine,
    parse_relay,
    parse_routing_indicator,
    parse_security,
    parse_station,
    render_relay,
    render_routing_indicator,
    render_security,
    render_station,
)
from cableparse.fields.signature import parse_signature, render_signature
from cableparse.fields.subject import SubjectLine, parse_subject, render_subject
from cableparse.fields.tags import parse_tags, render_tags
from cableparse.fields.text import find_summary
from cableparse.model import CLASSIFICATION_RANK, Cable, Classification, ContainerMetadata, Precedence, SourceFormat
from cableparse.render import render, render_parts, semantic_fields

UTC = dt.timezone.utc
_MARK_RANKS = {"U": 0, "SBU": 0, "C": 1, "S": 2, "TS": 3}


def marking_rank(marking: str | None) -> int | None:
    """The level of a portion mark: its part before any slash."""
    return _MARK_RANKS.get((marking or "").split("/")[0])


def _quiet() -> Reporter:
    return Reporter()


# --------------------------------------------------------------------------
# Element strategies: each value reads back from its canonical text


@given(cs.routing_indicators())
def test_routing_indicators(value: str) -> None:
    assert parse_routing_indicator(render_routing_indicator(value), _quiet()) == value


@given(cs.dtgs())
def test_dtgs_are_minutes_in_the_two_digit_window(value: dt.datetime) -> None:
    assert 1966 <= value.year <= 2065 and value.second == 0 and value.microsecond == 0 and value.tzinfo is UTC
    assert parse_dtg(render_dtg(value), _quiet()) == value


@given(st.sampled_from(Precedence) | st.none(), st.data())
def test_addressees(precedence: Precedence | None, data: st.DataObject) -> None:
    value = data.draw(cs.addressees(precedence))
    assert value.precedence is precedence
    assert parse_addressee(render_addressee(value), _quiet()) == value


@given(cs.relays())
def test_relays(value: object) -> None:
    assert parse_relay(render_relay(value), _quiet()) == value  # type: ignore[arg-type]


@given(cs.dtgs(), st.integers(1, 999999), st.data())
def test_stations_follow_the_dtg_and_the_serial(dtg: dt.datetime, serial: int, data: st.DataObject) -> None:
    station = data.draw(cs.stations(dtg, serial))
    assert station.serial == serial % 10000
    assert station.filed is not None and dt.timedelta(0) <= station.filed - dtg <= dt.timedelta(minutes=10)
    assert station.day_of_year == station.filed.timetuple().tm_yday
    assert parse_station(render_station(station), _quiet(), dtg=dtg) == station


@given(cs.securities(), st.sampled_from([(), ("ZZH",), ("ZZH", "ZDK")]))
def test_securities(level: Classification, signals: tuple[str, ...]) -> None:
    line = SecurityLine(level, False, signals)
    assert parse_security(render_security(line), _quiet()) == line


@given(cs.banners())
def test_banners(value: object) -> None:
    assert parse_banner(render_banner(value), _quiet()) == value  # type: ignore[arg-type]


@given(st.sampled_from(Classification), st.data())
def test_captions_and_passing_lines(level: Classification, data: st.DataObject) -> None:
    captions = data.draw(cs.captions(level))
    passing = data.draw(cs.passing_lines())
    if CLASSIFICATION_RANK[level] > 0:
        assert "SENSITIVE" not in captions
    else:
        assert "NOFORN" not in captions
    assert parse_captions(render_captions(captions, passing), _quiet()) == CaptionLines(captions, passing)


@given(cs.dtgs(1971), st.booleans(), st.data())
def test_declassifications_fit_the_year(dtg: dt.datetime, classified: bool, data: st.DataObject) -> None:
    value = data.draw(cs.declassifications(dtg, classified))
    assert parse_declassification(render_declassification(value), _quiet()) == value
    if not classified:
        assert value.text == "N/A"
    if value.date is not None:
        assert value.date > dtg.date()
    expected = "11652" if dtg.year < 1978 else "12065" if dtg.year < 1982 else "12356" if dtg.year < 1995 else None
    if expected is not None:
        assert value.order == expected
    else:
        assert value.order in ("12958", "13526")


@given(st.sampled_from([None, "MY", "FR"]), st.data())
def test_tags(geo: str | None, data: st.DataObject) -> None:
    value = data.draw(cs.tags(geo))
    assert value and len(set(value)) == len(value)
    if geo is not None:
        assert geo in value
    assert parse_tags(render_tags(value), _quiet()) == value


@given(cs.subjects(), st.none() | cs.markings())
def test_subjects(subject: str, marking: str | None) -> None:
    assert parse_subject(render_subject(subject, marking), _quiet()) == SubjectLine(subject, marking)


@given(st.integers(1970, 2065), st.data())
def test_references_carry_their_ids(year: int, data: st.DataObject) -> None:
    refs = data.draw(cs.references(year, ("PARIS", 12)))
    labels = [r.label for r in refs]
    assert labels == ([None] if len(refs) == 1 else [chr(ord("A") + i) for i in range(len(refs))])
    for ref in refs:
        assert ref.reference_id != f"{year % 100:02d}PARIS12"
    assert parse_references(render_references(refs), _quiet(), year=year) == refs


@given(st.integers(1971, 2065), st.data())
def test_classified_bys_use_the_section_of_their_year(year: int, data: st.DataObject) -> None:
    value = data.draw(cs.classified_bys(year))
    assert {r[:3] for r in value.reasons} == ({"1.4"} if year >= 2004 else {"1.5"})
    assert list(value.reasons) == sorted(set(value.reasons))
    assert parse_classified_by(render_classified_by(value), _quiet()) == value


@given(st.sampled_from(Classification), st.booleans(), st.data())
def test_paragraphs_stay_under_the_level(level: Classification, noforn: bool, data: st.DataObject) -> None:
    paras = data.draw(cs.paragraphs(level, noforn))
    ranks = [marking_rank(p.marking) for p in paras if p.marking]
    assert all(r is not None and r <= CLASSIFICATION_RANK[level] for r in ranks)
    assert noforn == any("NF" in (p.marking or "") for p in paras)
    numbers = [p.number for p in paras]
    assert numbers == [None] or numbers == list(range(1, len(paras) + 1))
    assert parse_paragraphs(render_paragraphs(paras), _quiet()) == paras


@given(cs.signatures())
def test_signatures(value: str) -> None:
    assert parse_signature(f"1. (U) Text.\n\n{render_signature(value)}", _quiet()) == value


@given(cs.headers())
def test_headers(value: object) -> None:
    result = parse_header(as_spans(render_header(value)), _quiet())  # type: ignore[arg-type]
    assert result.header == value
    assert result.unparsed == ()


# --------------------------------------------------------------------------
# Whole cables: consistent the way real ones are


@given(cs.cables())
def test_cables_are_internally_consistent(cable: Cable) -> None:
    header, banner = cable.header, cable.banner
    assert banner is not None and header.dtg is not None and header.station is not None and header.relay is not None
    dtg, station = header.dtg, header.station
    assert station.filed is not None
    assert station.day_of_year == station.filed.timetuple().tm_yday
    assert (station.filed.date() - dtg.date()).days in (0, 1)
    assert station.serial == (banner.serial or 0) % 10000
    assert header.precedence is not None and header.relay.precedence is header.precedence
    assert prosign(header.relay.precedence) == prosign(header.precedence)
    assert cable.classification is banner.classification
    if header.security is not None:
        assert header.security is banner.classification
    assert banner.station is not None and banner.serial is not None
    assert cable.reference_id == make_reference_id(dtg.year, banner.station, banner.serial)
    top = CLASSIFICATION_RANK[banner.classification]
    for marking in (cable.subject_marking, *(p.marking for p in cable.paragraphs)):
        if marking is not None:
            rank = marking_rank(marking)
            assert rank is not None and rank <= top
    assert (cable.classified_by is not None) == (top > 0)
    assert cable.summary == find_summary(cable.paragraphs)
    if any("NF" in (p.marking or "") for p in cable.paragraphs):
        assert "NOFORN" in cable.captions
    if banner.sections and banner.sections > 1:
        assert station.section == 1
    for ref in cable.references:
        assert ref.reference_id != cable.reference_id
    if cable.declassification is not None:
        assert (cable.declassification.text == "N/A") == (top == 0)
    assert cable.source_format is SourceFormat.TEXT and cable.page_markers == () and cable.diagnostics == ()


def test_cables_respect_their_arguments() -> None:
    post = cs.POSTS[0]

    @given(cs.cables(posts=[post], classifications=[Classification.SECRET], min_year=2004, max_year=2009))
    def check(cable: Cable) -> None:
        assert cable.header.originator == post.plad
        assert cable.banner is not None and cable.banner.station == post.station
        assert cable.classification is Classification.SECRET
        assert cable.header.dtg is not None and 2004 <= cable.header.dtg.year <= 2009

    check()


@given(cs.cables(max_year=1970))
def test_cables_before_the_eo_line_are_unclassified(cable: Cable) -> None:
    assert cable.classification is Classification.UNCLASSIFIED
    assert cable.declassification is None


# --------------------------------------------------------------------------
# Garblers, on a small synthetic cable

TEXT = """\
C O N F I D E N T I A L SECTION 01 OF 03 ZED 000521

SIPDIS

E.O. 12958: DECL: 06/29/2019
TAGS: PREL PHUM (STEINBERG, JAMES) ZZ
SUBJECT: ZED: THE MINISTER RECEIVES THE ACTION PLAN

REF: A. STATE 66260 - ACTION PLAN
B. ZED 491

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

Summary

1. (C) The minister received the plan in a meeting that the ministry had sought, and he promised to study it with care.

2. (SBU) Officials noted progress on reform while opposition leaders remained skeptical about the timing of elections.

DOE"""


def test_to_markdown_links_tags_and_adds_pilcrows() -> None:
    lines = cs.to_markdown(TEXT).split("\n")
    assert lines[5] == "TAGS: [PREL](#) [PHUM](#) (STEINBERG, JAMES) [ZZ](#)"
    assert lines[8] == "REF: A. STATE 66260 - ACTION PLAN"
    assert lines[9] == "[1](#)B. ZED 491"
    assert lines[15].startswith("[1](#)1. (C) The minister")
    glued = cs.to_markdown(TEXT, "glued").split("\n")
    assert glued[9] == "1B. ZED 491"
    assert glued[15].startswith("11. (C) The minister") and glued[17].startswith("12. (SBU)")
    with pytest.raises(ValueError):
        cs.to_markdown(TEXT, "bold")


def test_to_markdown_mixed_glues_after_paragraph_three() -> None:
    text = "\n\n".join(f"{n}. (U) Text {n}." for n in range(1, 6))
    assert cs.to_markdown(text, "mixed").split("\n\n") == [
        "[1](#)1. (U) Text 1.",
        "[1](#)2. (U) Text 2.",
        "[1](#)3. (U) Text 3.",
        "14. (U) Text 4.",
        "15. (U) Text 5.",
    ]


def test_wrap_cuts_paragraph_subject_and_classified_by_lines() -> None:
    wrapped = cs.wrap(TEXT, 55)
    lines = wrapped.split("\n")
    assert lines[0] == TEXT.split("\n")[0]
    assert "SUBJECT: ZED: THE MINISTER RECEIVES THE ACTION PLAN" in lines
    paragraph = next(line for line in lines if line.startswith("1. (C)"))
    assert len(paragraph) <= 55
    start = lines.index(paragraph)
    assert " ".join(lines[start : start + 4]).startswith(TEXT.split("\n")[15][:150])
    assert max(len(line) for line in lines) <= 70
    assert cs.wrap("x" * 80) == "x" * 80


def test_wrap_never_starts_a_line_with_a_number_or_mark() -> None:
    line = "1. (C) The talks of 2009. 2. (C) stand (b) here -- and 12 more - words to wrap at this width for the test."
    for width in range(20, 60):
        for piece in cs.wrap(line, width).split("\n")[1:]:
            assert piece[0].isalpha()


def test_wrap_leaves_no_heading_behind() -> None:
    line = "3. (C) He spoke at length about the state of the border crossings. Talks continue"
    text = f"{line}\n\n4. (C) More."
    wrapped = cs.wrap(text, 55)
    assert parse_paragraphs(wrapped, _quiet())[0].text == line[7:]


def test_insert_page_markers_cuts_paragraphs() -> None:
    text = cs.insert_page_markers(TEXT, "KUALA LUMPUR", 521, 3)
    lines = text.split("\n")
    markers = [line for line in lines if "00000521" in line]
    assert markers == ["KUALA LUMP 00000521 002 OF 003", "KUALA LUMP 00000521 003 OF 003"]
    for marker in markers:
        before = lines[lines.index(marker) - 1]
        assert not before.endswith(".")
    assert cs.insert_page_markers(TEXT, "ZED", 1, 1) == TEXT
    assert cs.insert_page_markers("no paragraphs", "ZED", 1, 3) == "no paragraphs"


def test_insert_page_markers_stack_when_paragraphs_are_few() -> None:
    text = "1. (U) A short paragraph with a few words in it."
    lines = cs.insert_page_markers(text, "PARIS", 7, 4).split("\n")
    assert [line for line in lines if "OF 004" in line] == [
        "PARIS 00000007 002 OF 004",
        "PARIS 00000007 003 OF 004",
        "PARIS 00000007 004 OF 004",
    ]


def test_insert_sipdis() -> None:
    own = cs.insert_sipdis(TEXT, 2).split("\n")
    assert sum(line.startswith("SIPDIS ") for line in own) == 2
    inline = cs.insert_sipdis(TEXT, 1, own_line=False)
    assert inline.count(" SIPDIS ") == 1
    assert cs.insert_sipdis(TEXT, 0) == TEXT


def test_keyword_case() -> None:
    sentence = cs.keyword_case(TEXT).split("\n")
    assert sentence[5].startswith("Tags: PREL") and sentence[6].startswith("Subject: ZED") and sentence[8].startswith("Ref: A.")
    lower = cs.keyword_case(TEXT, "lower").split("\n")
    assert lower[5].startswith("tags: ") and lower[6].startswith("subject: ")
    with pytest.raises(ValueError):
        cs.keyword_case(TEXT, "title")


def test_garble_banner() -> None:
    assert cs.garble_banner(TEXT).split("\n")[0] == "CC O N F I D E N T I A L SECTION 01 OF 03 ZED 000521"
    assert cs.garble_banner(TEXT, "plain").split("\n")[0] == "CONFIDENTIAL SECTION 01 OF 03 ZED 000521"
    assert cs.garble_banner("UNCLAS ZED 000001").split("\n")[0] == "UUNCLAS ZED 000001"
    assert cs.garble_banner("no banner") == "no banner"
    assert cs.garble_banner("UNCLAS EFTO ZED 000001", "spaced") == "U N C L A S E F T O ZED 000001"
    assert cs.garble_banner("UNCLAS ZED 000001", "spaced") == "U N C L A S ZED 000001"
    assert cs.garble_banner(TEXT, "spaced") == TEXT
    assert (
        cableparse.parse(cs.garble_banner("UNCLAS EFTO ZED 000001", "spaced")).banner == cableparse.parse("UNCLAS EFTO ZED 000001").banner
    )
    with pytest.raises(ValueError):
        cs.garble_banner(TEXT, "upside down")


def test_trailing_spaces() -> None:
    assert cs.trailing_spaces("a\n\nb") == "a \n\nb "


@pytest.mark.parametrize("garble", ["markdown", "wrap", "markers", "sipdis", "case", "banner", "spaces"])
def test_each_garble_of_the_synthetic_text_reads_back(garble: str) -> None:
    garblers = {
        "markdown": lambda t: cs.to_markdown(t, "mixed"),
        "wrap": lambda t: cs.wrap(t, 58),
        "markers": lambda t: cs.insert_page_markers(t, "ZED", 521, 3),
        "sipdis": lambda t: cs.insert_sipdis(t, 2),
        "case": cs.keyword_case,
        "banner": cs.garble_banner,
        "spaces": cs.trailing_spaces,
    }
    clean = cableparse.parse(TEXT)
    garbled = cableparse.parse(garblers[garble](TEXT))
    assert semantic_fields(garbled) == semantic_fields(clean)
    assert garbled.warnings == clean.warnings


# --------------------------------------------------------------------------
# Containers, read by the library's own readers


def test_html_page_is_read_as_a_cablegate_page() -> None:
    page = cs.to_html_page(_seed())
    reporter = Reporter()
    doc = sources.load(page, reporter, max_size=10**7)
    assert doc is not None and doc.format is SourceFormat.HTML
    assert doc.metadata == ContainerMetadata(
        reference_id="09KUALALUMPUR521",
        created=dt.datetime(2009, 6, 29, 9, 9, tzinfo=UTC),
        released=dt.datetime(2010, 11, 28, 18, 6, tzinfo=UTC),
        classification="CONFIDENTIAL",
        origin="Embassy Kuala Lumpur",
        title="DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY",
    )
    header, body = render_parts(_seed())
    assert [s.text for s in doc.spans()] == header.split("\n") + body.split("\n")
    assert doc.body_start == len(header.split("\n"))


def test_html_page_escapes_markup_and_anchors_numbered_lines() -> None:
    page = cs.to_html_page(_seed(), body="1. (C) A <b> & 'c'\nTAGS: PREL\n\nREF: A. X\nB. Y", garbled_minutes=False)
    body = page.split("<code><pre>")[2]
    assert body.startswith("<a id='par1' href='#par1'>¶</a>1. (C) A &lt;b&gt; &amp; &#x27;c&#x27;&#x000A;")
    assert "TAGS: <a href='/tag/PREL_0.html'>PREL</a>" in body
    assert "<a id='parB' href='#parB'>¶</a>B. Y" in body
    assert "2009-06-29 09:52" in page


def test_csv_row_is_read_as_a_cables_csv_row() -> None:
    seed = _seed()
    header, body = render_parts(seed)
    for continuations in (False, True):
        row = cs.to_csv_row(seed, 7, continuations=continuations)
        assert row.startswith(
            '"7","6/29/2009 9:52","09KUALALUMPUR521","Embassy Kuala Lumpur","CONFIDENTIAL","09STATE66260|09KUALALUMPUR491",'
        )
        doc = sources.load(row, Reporter(), max_size=10**7)
        assert doc is not None and doc.format is SourceFormat.CSV
        assert doc.metadata is not None and doc.metadata.row == 7 and doc.metadata.references == ("09STATE66260", "09KUALALUMPUR491")
        assert [s.text for s in doc.spans()] == header.split("\n") + body.split("\n")


def test_csv_row_escapes_quotes_and_backslashes() -> None:
    row = cs.to_csv_row(_seed(), body='He said "no" \\ twice')
    assert row.endswith(',"He said \\"no\\" \\\\ twice"\n')
    doc = sources.load(row, Reporter(), max_size=10**7)
    assert doc is not None and doc.spans()[-1].text == 'He said "no" \\ twice'


def _seed() -> Cable:
    return cableparse.parse(render(cableparse.parse(cableparse.example_text())))


# --------------------------------------------------------------------------
# The module


def test_strategies_are_not_imported_with_the_package() -> None:
    code = "import sys, cableparse; print('cableparse.strategies' in sys.modules, 'hypothesis' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_a_clear_error_without_hypothesis() -> None:
    code = "import sys; sys.modules['hypothesis'] = None\ntry:\n    import cableparse.strategies\nexcept ImportError as e:\n    print(e)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "cableparse.strategies needs Hypothesis" in done.stdout
    assert "pip install 'cableparse[strategies]'" in done.stdout


def test_public_names() -> None:
    assert set(cs.__all__) <= set(dir(cs))
    for name in ("cables", "garbled", "to_markdown", "to_html_page", "to_csv_row", "wrap", "insert_page_markers"):
        assert name in cs.__all__
