"""The front-matter layout: which lines belong to which element, and where the text begins."""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse.errors import Reporter, Span, as_spans
from cableparse.fields import classified_by, front, pages, references, tags
from cableparse.fields.banner import render_banner
from cableparse.fields.captions import render_captions
from cableparse.fields.declass import render_declassification
from cableparse.fields.results import FrontMatter
from cableparse.fields.subject import render_subject
from cableparse.model import Banner, Classification, ClassifiedBy, Declassification, Reference, Severity

from .conftest import corpus_pages, requires_corpus
from .test_banner import banners
from .test_captions import combinable, passing_lines
from .test_declass import declassifications
from .test_subject import markings, subjects

C, S, U = Classification.CONFIDENTIAL, Classification.SECRET, Classification.UNCLASSIFIED


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Record the spans the layout hands to the TAGS, REF and Classified By parsers."""
    seen: dict[str, list[str]] = {}

    def fake(kind: str, result: Any) -> Any:
        def parse(source: Sequence[Span], reporter: Reporter, **options: Any) -> Any:
            seen[kind] = [s.text for s in source]
            return result

        return parse

    monkeypatch.setattr(tags, "parse_tags", fake("tags", ("X",)))
    monkeypatch.setattr(references, "parse_references", fake("ref", ()))
    monkeypatch.setattr(classified_by, "parse_classified_by", fake("clsby", None))
    return seen


def layout(text: str) -> tuple[FrontMatter, list[str], Reporter]:
    reporter = Reporter()
    fm, rest = front.parse_front_matter(as_spans(text), reporter, year=2009)
    return fm, [s.text for s in rest], reporter


SEED_LIKE = """\
C O N F I D E N T I A L SECTION 01 OF 03 VALLETTA 000417

SIPDIS

FOR EUR/WE AND EEB/TFS

E.O. 12958: DECL: 05/14/2019
TAGS: PREL ECON MT
SUBJECT: MALTA: FINANCE MINISTER PREVIEWS BUDGET

REF: A. STATE 12345 - BUDGET GUIDANCE
B. VALLETTA 301 - EARLIER PREVIEW

Classified By: Charge d'Affaires Jane Q. Doe for reasons 1.4 b and d.

Summary and Comment

1. (C) The minister said the budget would hold.
"""


def test_clean_front_matter(handed: dict[str, list[str]]) -> None:
    fm, rest, reporter = layout(SEED_LIKE)
    assert fm.banner == Banner(C, 1, 3, "VALLETTA", 417)
    assert (fm.captions, fm.passing) == (("SIPDIS",), ("FOR EUR/WE AND EEB/TFS",))
    assert fm.declassification == Declassification("12958", dt.date(2019, 5, 14), (), "DECL: 05/14/2019")
    assert (fm.subject, fm.subject_marking) == ("MALTA: FINANCE MINISTER PREVIEWS BUDGET", None)
    assert handed == {
        "tags": ["TAGS: PREL ECON MT"],
        "ref": ["REF: A. STATE 12345 - BUDGET GUIDANCE", "B. VALLETTA 301 - EARLIER PREVIEW"],
        "clsby": ["Classified By: Charge d'Affaires Jane Q. Doe for reasons 1.4 b and d."],
    }
    assert rest[0] == "Summary and Comment"
    assert fm.unparsed == ()
    assert reporter.diagnostics == ()


def test_lines_run_together(handed: dict[str, list[str]]) -> None:
    fm, rest, _ = layout(
        "UNCLAS STATE 000284 SIPDIS E.O. 12958: DECL: 01/04/2020 TAGS: MASS PREL\n"
        "SUBJECT: ARMS TRANSFERS TO THE UK PRIMEREF: A. LONDON 1939\n\n1. (U) Text."
    )
    assert fm.banner == Banner(U, None, None, "STATE", 284)
    assert fm.captions == ("SIPDIS",)
    assert fm.declassification is not None and fm.declassification.date == dt.date(2020, 1, 4)
    assert fm.subject == "ARMS TRANSFERS TO THE UK PRIME"
    assert handed["tags"] == ["TAGS: MASS PREL"]
    assert handed["ref"] == ["REF: A. LONDON 1939"]
    assert rest == ["1. (U) Text."]


def test_passing_line_merged_with_eo(handed: dict[str, list[str]]) -> None:
    fm, _, _ = layout("C O N F I D E N T I A L BRASILIA 000012\nDEPT FOR WHA/BSC E.O. 12958: DECL: 11/22/2012\nTAGS: PREL BR\nSUBJECT: X\n")
    assert fm.passing == ("DEPT FOR WHA/BSC",)
    assert fm.declassification == Declassification("12958", dt.date(2012, 11, 22), (), "DECL: 11/22/2012")


def test_eo_merged_with_tags(handed: dict[str, list[str]]) -> None:
    fm, _, _ = layout("UNCLAS LIMA 000001\n\nE.O. 12958: N/A TAGS: ASEC PE\nSUBJECT: FIRE DRILL\n")
    assert fm.declassification == Declassification("12958", None, (), "N/A")
    assert handed["tags"] == ["TAGS: ASEC PE"]
    assert fm.subject == "FIRE DRILL"


def test_tags_before_eo_and_classified_by_before_ref(handed: dict[str, list[str]]) -> None:
    fm, rest, _ = layout(
        "S E C R E T ABU DHABI 000099\n\nTAGS: PTER AE\nE.O. 12958: DECL: 01/02/2019\n"
        "SUBJECT: (S) GULF SECURITY\nCLASSIFIED BY CHARGE JOHN ROE FOR REASONS 1.4 B\nAND D.\n"
        "REF A SECSTATE 71234\nREF B ABU DHABI 1234\n\n1. (S) Summary: text"
    )
    assert fm.declassification is not None and fm.declassification.order == "12958"
    assert (fm.subject, fm.subject_marking) == ("GULF SECURITY", "S")
    assert handed["tags"] == ["TAGS: PTER AE"]
    assert handed["clsby"] == ["CLASSIFIED BY CHARGE JOHN ROE FOR REASONS 1.4 B", "AND D."]
    assert handed["ref"] == ["REF A SECSTATE 71234", "REF B ABU DHABI 1234"]
    assert rest[0] == "1. (S) Summary: text"


def test_redacted_version(handed: dict[str, list[str]]) -> None:
    fm, rest, reporter = layout(
        "Friday, 23 February 2001, 15:53\nC o n f i d e n t i a l section 01 of 02 khartoum 000881\n"
        "SIPDIS\nE.o. 12958: decl: 07/29/2019\nTags: asec, pins, su\nSubject: Darfur: rebels regroup\n"
        "Classified By: CDA Al Smith, reasons 1.4 (b) and (d)\n1. (C) Summary: text"
    )
    assert fm.banner == Banner(C, 1, 2, "KHARTOUM", 881)
    assert fm.declassification == Declassification("12958", dt.date(2019, 7, 29), (), "DECL: 07/29/2019")
    assert fm.subject == "Darfur: rebels regroup"
    assert handed["tags"] == ["Tags: asec, pins, su"]
    assert fm.unparsed == ()
    assert fm.dated == dt.datetime(2001, 2, 23, 15, 53, tzinfo=dt.timezone.utc)
    assert rest == ["1. (C) Summary: text"]
    assert [d.code for d in reporter.diagnostics] == ["banner-repaired"]


def test_corrected_copy_before_and_after_the_banner(handed: dict[str, list[str]]) -> None:
    fm, _, _ = layout("C O R R E C T E D C O P Y (ADDED TAGS)\nS E C R E T STATE 000046\nSIPDIS\nE.O. 12958: DECL: MR\nSUBJECT: X\n")
    assert fm.correction == "CORRECTED COPY (ADDED TAGS)"
    assert fm.banner == Banner(S, None, None, "STATE", 46)
    fm, _, _ = layout("S E C R E T DILI 000019\nC O R R E C T E D COPY (CHANGED CAPTION)\nNOFORN\nE.O. 12958: DECL: MR\nSUBJECT: X\n")
    assert (fm.correction, fm.captions) == ("CORRECTED COPY (CHANGED CAPTION)", ("NOFORN",))


def test_no_front_matter_returns_everything(handed: dict[str, list[str]]) -> None:
    text = "1. (U) The first paragraph.\n\n2. (U) The second one mentions SUBJECT: nothing."
    fm, rest, reporter = layout(text)
    assert fm == FrontMatter()
    assert rest == text.split("\n")
    assert [d.code for d in reporter.diagnostics] == ["banner-missing"]
    assert handed == {}


def test_empty_body() -> None:
    fm, rest, reporter = layout("")
    assert fm == FrontMatter()
    assert rest == [""]
    assert reporter.diagnostics == ()


def test_ref_labels_across_blank_lines_and_pilcrow_leftovers(handed: dict[str, list[str]]) -> None:
    _, rest, _ = layout(
        "C O N F I D E N T I A L LUSAKA 000317\n\nE.O. 12958: DECL: 04/07/2019\nTAGS: PREL FR\nSUBJECT: READOUT\n\n"
        "REF: A. LUSAKA 288\n\n[1](#)B. HARARE 1402\n¶C. GABORONE 77\n\n(D) MAPUTO 915\n\n(C) The visit went well.\n"
    )
    assert handed["ref"] == ["REF: A. LUSAKA 288", "[1](#)B. HARARE 1402", "¶C. GABORONE 77", "(D) MAPUTO 915"]
    assert rest[0] == "(C) The visit went well."


def test_redacted_blank_lines_inside_fields(handed: dict[str, list[str]]) -> None:
    fm, rest, _ = layout(
        "C O N F I D E N T I A L OSLO 002207\n\nEO 12958 DECL: 12/05/2017\nTAGS EAIR, ECON, \nUK\n"
        "SUBJECT: BRIEFING BOOK FOR THE MINISTER'S TRIP\n\nTO OSLO\n\n"
        "REF: (A) OSLO 1150 (B) SMITH 11/02/07\n\nE-MAIL TO THE OPERATIONS DESK\n\n"
        "Classified By: AMBASSADOR RICHARD ROE FOR REASONS\n\n1.4 B, D\n\n¶1. (SBU) Summary: text"
    )
    assert fm.subject == "BRIEFING BOOK FOR THE MINISTER'S TRIP TO OSLO"
    assert handed["tags"] == ["TAGS EAIR, ECON, ", "UK"]
    assert handed["ref"] == ["REF: (A) OSLO 1150 (B) SMITH 11/02/07", "E-MAIL TO THE OPERATIONS DESK"]
    assert handed["clsby"] == ["Classified By: AMBASSADOR RICHARD ROE FOR REASONS", "1.4 B, D"]
    assert rest == ["¶1. (SBU) Summary: text"]
    assert fm.unparsed == ()


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Classified By: Ambassador John Roe for reasons 1.4 (b),", "(c), and (d).", "THIS IS AN ACTION REQUEST."], 2),
        (["Classified By: POLCOUNS JOHN ROE, FOR REAS", "ONS 1.4 B/D", "Summary"], 2),
        (["Classified By: Section Head Ann Roe for Reasons 1.4(b) a", "nd (d).", "Comment"], 2),
        (["Classified By: Mark Roe for reasons 1.4 (b) and (d", ").", "Begin Summary"], 2),
        (["Classified By: Classified By: Mark Roe, for reasons", "1.4(b) and (d).", "Heading Line", "-----"], 2),
        (["Classified By: DCM Paul Roe. Reason: 1.4 (d).", "For the Chief of Mission only"], 1),
    ],
)
def test_classified_by_extent(handed: dict[str, list[str]], lines: list[str], expected: int) -> None:
    _, rest, _ = layout("S E C R E T STATE 000001\nE.O. 12958: DECL: MR\nSUBJECT: X\n" + "\n".join(lines))
    assert len(handed["clsby"]) == expected
    assert rest[0] == lines[expected]


def test_upper_case_subject_stops_at_mixed_case_text(handed: dict[str, list[str]]) -> None:
    fm, rest, _ = layout(
        "UNCLAS ROME 000001\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: WILL THE FERRY LINE REOPEN\nBEFORE WINTER?\nThe ministry said no."
    )
    assert fm.subject == "WILL THE FERRY LINE REOPEN BEFORE WINTER?"
    assert rest == ["The ministry said no."]


def test_heading_over_a_rule_ends_the_zone(handed: dict[str, list[str]]) -> None:
    _, rest, _ = layout("UNCLAS ROME 000001\nE.O. 12958: N/A\nSUBJECT: X\nREF: ROME 12\nSUMMARY\n-------\ntext")
    assert handed["ref"] == ["REF: ROME 12"]
    assert rest[:2] == ["SUMMARY", "-------"]


def test_unclaimed_line_between_fields_is_unparsed(handed: dict[str, list[str]]) -> None:
    fm, rest, _ = layout("UNCLAS ROME 000001\nE.O. 12958: N/A\nWHATEVER THIS IS\nTAGS: PREL\nSUBJECT: X\n\n1. Text")
    assert [(s.line, s.text) for s in fm.unparsed] == [(3, "WHATEVER THIS IS")]
    assert handed["tags"] == ["TAGS: PREL"]
    assert rest == ["1. Text"]


def test_captions_between_fields(handed: dict[str, list[str]]) -> None:
    fm, _, _ = layout("S E C R E T STATE 000001\nE.O. 12958: DECL: MR\nSUBJECT: X\nNOFORN\nSIPDIS\n\n1. Text")
    assert fm.captions == ("NOFORN", "SIPDIS")


def test_repeated_keyword_ends_the_zone(handed: dict[str, list[str]]) -> None:
    fm, rest, _ = layout("UNCLAS ROME 000001\nE.O. 12958: N/A\nSUBJECT: FIRST\nSUBJECT: SECOND\nmore")
    assert fm.subject == "FIRST"
    assert rest == ["SUBJECT: SECOND", "more"]


def test_banner_with_captions_only(handed: dict[str, list[str]]) -> None:
    fm, rest, reporter = layout("UNCLAS SECTION 01 OF 02 STATE 000010\n\nSIPDIS\n\nDEPT PASS USTR\n\nAll posts are asked to reply.")
    assert (fm.captions, fm.passing) == (("SIPDIS",), ("DEPT PASS USTR",))
    assert rest == ["All posts are asked to reply."]
    assert sorted(d.code for d in reporter.diagnostics) == ["subject-missing", "tags-missing"]


def test_keywords_without_a_banner(handed: dict[str, list[str]]) -> None:
    fm, rest, reporter = layout("SIPDIS\nSTRANGE LINE\nSUBJECT: PARTIAL RECORD\n\n1. Text")
    assert fm.banner is None
    assert fm.captions == ("SIPDIS",)
    assert [s.text for s in fm.unparsed] == ["STRANGE LINE"]
    assert fm.subject == "PARTIAL RECORD"
    assert [d.code for d in reporter.diagnostics][:1] == ["banner-missing"]
    assert rest == ["1. Text"]


def test_positions_of_element_diagnostics() -> None:
    reporter = Reporter()
    spans = [Span(40, 1, "S E C R E T STATE 000001"), Span(41, 1, ""), Span(42, 4, "E.O. 12958: DECL: 02/30/2019")]
    front.parse_front_matter(spans, reporter, year=2009)
    eo = [d for d in reporter.diagnostics if d.code == "eo-date"]
    assert [(d.line, d.column, d.severity) for d in eo] == [(42, 22, Severity.ERROR)]


# -- properties


@st.composite
def front_matters(draw: st.DrawFn) -> tuple[str, FrontMatter, list[str]]:
    """A rendered front matter, the values the layout must read, and the line it must stop at."""
    banner = draw(banners())
    captions = tuple(draw(combinable))
    passing = tuple(draw(st.lists(passing_lines, max_size=3)))
    eo = draw(declassifications(free_text=False))
    subject, marking = draw(subjects), draw(markings)
    parts = [render_banner(banner), render_captions(captions, passing), render_declassification(eo), "TAGS: PREL PGOV"]
    parts.append(render_subject(subject, marking))
    body = "\n\n".join(p for p in parts if p) + "\n\n1. (U) Text follows."
    value = FrontMatter(banner, None, captions, passing, eo, (), subject, marking)
    return body, value, ["1. (U) Text follows."]


def _mine(fm: FrontMatter) -> FrontMatter:
    return FrontMatter(fm.banner, fm.correction, fm.captions, fm.passing, fm.declassification, (), fm.subject, fm.subject_marking)


@given(front_matters())
def test_generated_front_matter_round_trip(case: tuple[str, FrontMatter, list[str]]) -> None:
    body, value, rest = case
    reporter = Reporter()
    fm, left = front.parse_front_matter(as_spans(body), reporter, year=2009)
    assert _mine(fm) == value
    assert [s.text for s in left] == rest
    assert fm.unparsed == ()
    assert all(d.severity is Severity.INFO for d in reporter.diagnostics)


@given(front_matters())
def test_lost_newlines_decode_to_the_same_value(case: tuple[str, FrontMatter, list[str]]) -> None:
    """Banner, captions, E.O., TAGS and SUBJECT run together on one line read the same."""
    body, value, rest = case
    if len(value.passing) > 1 or value.declassification is None or value.declassification.order is None:
        return
    head, _, _ = body.partition("\n\n1. ")
    blocks = head.split("\n\n")
    banner_line, *others = blocks
    merged = " ".join([banner_line, *(line for block in others for line in block.split("\n"))])
    fm, left = front.parse_front_matter(as_spans(merged + "\n\n1. (U) Text follows."), Reporter(), year=2009)
    assert _mine(fm) == value
    assert [s.text for s in left] == rest


@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    front.parse_front_matter(as_spans(text), Reporter(), year=None)
    front.parse_front_matter(as_spans("S E C R E T STATE 000001\n" + text), Reporter(), year=2009)
    front.parse_front_matter(as_spans("UNCLAS X 1\nE.O. 12958: N/A\n" + text), Reporter(), year=2009)


@given(
    st.lists(
        st.sampled_from(
            ["SUBJECT: A", "REF: B", "TAGS: C", "E.O. 12958: N/A", "Classified By: D", "", "SIPDIS", "1. x", "(C) y", "---", "z"]
        ),
        max_size=30,
    )
)
def test_arbitrary_layouts_never_raise(lines: list[str]) -> None:
    fm, rest = front.parse_front_matter(as_spans("C O N F I D E N T I A L STATE 000001\n" + "\n".join(lines)), Reporter(), year=2009)
    claimed = len(rest) + len(fm.unparsed)
    assert claimed <= len(lines) + 1


# -- the bundled example, end to end


def test_example_cable_front_matter() -> None:
    cable = cableparse.parse(cableparse.example_text())
    assert cable.banner == Banner(C, 1, 2, "KUALA LUMPUR", 521)
    assert cable.captions == ("SIPDIS",)
    assert cable.passing == ("FOR EAP/MTS AND G/TIP",)
    assert cable.declassification == Declassification("12958", dt.date(2019, 6, 29), (), "DECL: 06/29/2019")
    assert cable.subject == "DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY"
    assert cable.subject_marking is None
    assert cable.correction is None
    assert cable.tags == ("PREL", "PHUM", "ELAB", "KTIP", "MY")
    assert cable.references == (
        Reference("A", "09STATE66260", "STATE 66260 - ACTION PLAN"),
        Reference("B", "09KUALALUMPUR491", "KL 491 - REACTION TO TIP REPORT"),
    )
    assert cable.classified_by == ClassifiedBy("Mark D. Clark", "Political Counselor", ("1.4(b)", "1.4(d)"))
    front_codes = {"banner-repaired", "banner-missing", "banner-trailing", "caption-repaired", "eo-invalid", "eo-date", "subject-missing"}
    assert [d for d in cable.diagnostics if d.code in front_codes] == []


# -- the real corpus (skipped when absent)

_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
_TAG = re.compile(r"<[^>]+>")
_LEVEL = re.compile(r"href='/classification/[^']*'[^>]*>([^<]*)<")
_TITLE = re.compile(r"<h3>Viewing cable ([^,<]*), (.*?)</h3>", re.S)
_WIKILEAKS_MARK = re.compile(r"^[A-Z/]{1,8}\) ")
_ID_SERIAL = re.compile(r"([0-9]+)$")


def _page(path: Path) -> tuple[list[Span], str, str | None]:
    page = path.read_text(encoding="utf-8")
    pres = _PRE.findall(page)
    body = html.unescape(_TAG.sub("", pres[1] if len(pres) > 1 else pres[0]))
    table = page[page.find("<table class='cable'>") :]
    level = _LEVEL.search(table)
    title = _TITLE.search(page)
    spans = [Span(i, 1, line) for i, line in enumerate(body.split("\n"), 1)]
    return spans, level.group(1) if level else "", html.unescape(title.group(2)) if title else None


def _norm(text: str) -> str:
    return " ".join(text.split()).upper()


@pytest.mark.corpus
@requires_corpus
def test_corpus_front_matter() -> None:
    pages_seen = level_ok = own = own_ok = noforn_ok = found = titled = title_ok = 0
    for path in corpus_pages():
        spans, level, title = _page(path)
        body, _ = pages.strip_page_markers(spans, Reporter())
        fm, _ = front.parse_front_matter(body, Reporter(), year=None)
        pages_seen += 1
        banner = fm.banner
        metadata = level.split("//")[0]
        accepted = {metadata} | ({"LIMITED OFFICIAL USE"} if metadata == "UNCLASSIFIED" else set())
        ok = banner is not None and banner.classification.value in accepted
        level_ok += ok
        # A few pages show another cable's text; compare levels only where the banner's serial is the page's.
        serial = _ID_SERIAL.search(path.stem)
        if banner is not None and serial is not None and banner.serial == int(serial.group(1)):
            own += 1
            own_ok += ok
        noforn_ok += ("NOFORN" in fm.captions) == ("//NOFORN" in level)
        found += fm.subject is not None
        if title:
            titled += 1
            expected = _WIKILEAKS_MARK.sub("", _norm(title))
            title_ok += fm.subject is not None and _norm(fm.subject).startswith(expected)
    print(
        f"\nfront matter over {pages_seen} pages: banner level {level_ok}/{pages_seen}, "
        f"on pages showing their own cable {own_ok}/{own}, NOFORN agreement {noforn_ok}/{pages_seen}, "
        f"SUBJECT found {found}/{pages_seen}, title prefix {title_ok}/{titled}"
    )
    assert pages_seen == 198
    assert level_ok / pages_seen >= 0.99
    assert own_ok / own >= 0.995
    assert noforn_ok / pages_seen >= 0.98
    assert found / pages_seen >= 0.97
    assert title_ok / titled >= 0.97


@pytest.mark.parametrize(
    "text",
    [
        "UNCLAS X 1\nSUBJECT: " + "TAGS: " * 20_000,
        "UNCLAS X 1\n" + "DEPT FOR X\nY,\n" * 20_000,
        "UNCLAS X 1\nClassified By: " + "(b) and " * 20_000,
        "UNCLAS X 1\nClassified By: X for reasons 1.4 (b)\n" + "(d).\n" * 20_000,
        "UNCLAS X 1\nSUBJECT: X\n" + "REF: A\n\n" * 20_000,
        "UNCLAS X 1\n" + "SIPDIS " * 20_000 + "E.O. 12958: N/A",
    ],
)
def test_large_inputs_take_linear_time(handed: dict[str, list[str]], text: str) -> None:
    # Quadratic work on these inputs takes minutes; linear work well under a second.
    start = time.perf_counter()
    front.parse_front_matter(as_spans(text), Reporter(), year=2009)
    assert time.perf_counter() - start < 10
