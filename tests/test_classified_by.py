"""The Classified By parser: officials, reasons, garbles, properties and the corpus."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, Span
from cableparse.fields.classified_by import START, parse_classified_by, render_classified_by
from cableparse.model import ClassifiedBy

from .conftest import corpus_pages, requires_corpus
from .field_checks import assert_fast, assert_never_raises


def codes(reporter: Reporter) -> list[str]:
    return [d.code for d in reporter.diagnostics]


BD = ("1.4(b)", "1.4(d)")

# (text, name, title, reasons)
FIXTURES = [
    ("Classified By: Political Counselor Mark D. Clark for reasons 1.4 b and d.", "Mark D. Clark", "Political Counselor", BD),
    (
        "Classified By: Rose E. Gottemoeller, Assistant Secretary, VCI; REASON: 1.4(B), (D)",
        "Rose E. Gottemoeller",
        "Assistant Secretary, VCI",
        BD,
    ),
    ("Classified By: Bodde Peter, Ambassador, reasons 1.4 (b) and (d)", "Bodde Peter", "Ambassador", BD),
    ("Classified By: CHARGE D'AFFAIRS BOB SMITHERS; REASON 1.4 (B) AND (D).", "BOB SMITHERS", "CHARGE D'AFFAIRS", BD),
    ("Classified By: ECONMIN Robert A. Pollock for reasons 1.4 (b,d).", "Robert A. Pollock", "ECONMIN", BD),
    ("Classified By: CDA, A.I. RON MCMILLAN FOR REASON 1.5 (A/C).", "RON MCMILLAN", "CDA, A.I.", ("1.5(a)", "1.5(c)")),
    ("Classified By: Classified by DCM Jane Roe; reasons\n1.4 (B) and (D)", "Jane Roe", "DCM", BD),
    ("Classified By: POLITICAL MINISTER-COUNSELOR JOHN DOE, FOR REAS \nONS 1.4 B/D ", "JOHN DOE", "POLITICAL MINISTER-COUNSELOR", BD),
    ("Classified By: Ambassador Craig Fielding for reasons 1.4 (b) and (d \n). ", "Craig Fielding", "Ambassador", BD),
    ("Classified By: Political Minister-Councelor Joe Ross for reaso ns 1.4. (b), (d). ", "Joe Ross", "Political Minister-Councelor", BD),
    ("Classified By: CLASSIFIED CONFIDENTIAL BY ACTING DCM\nROBERT ROE FOR REASON 1.4 (d).", "ROBERT ROE", "ACTING DCM", ("1.4(d)",)),
    ("Classified By: Anne W. Porter, for reasons 1.4 (b)(d)", "Anne W. Porter", None, BD),
    ("Classified By: Ambassador Clark T. Rand, Jr. Reasons 1.4 (B) and (D). ", "Clark T. Rand, Jr.", "Ambassador", BD),
    (
        "Classified By: Charge d’Affaires W. Scott Reed III. Reasons 1.4 (b), ( c), (d).",
        "W. Scott Reed III",
        "Charge d’Affaires",
        ("1.4(b)", "1.4(c)", "1.4(d)"),
    ),
    ("CLASSIFIED BY: DUNNE, AMBASSADOR, DOS, AMB; REASON: 1.4(B), (D) ", "DUNNE", "AMBASSADOR, DOS, AMB", BD),
    ("Classified By: Andrew Yates, Political Counselor, 1.4 (b/d). ", "Andrew Yates", "Political Counselor", BD),
    ("Classified By: Ambassador Margo Scully per 1.4 (b) and (d). ", "Margo Scully", "Ambassador", BD),
    ("(U) Classified by Acting DAS James Kite, Reasons 1.4\n(b) and (d).", "James Kite", "Acting DAS", BD),
    (
        "1. (U) CLASSIFIED BY LEE 0. COLLINS, DEPUTY CHIEF OF MISSION. REASON: 1.5 (D)",
        "LEE O. COLLINS",
        "DEPUTY CHIEF OF MISSION",
        ("1.5(d)",),
    ),
    ("This message classified by DCM John Doe for reasons 1.5.D.", "John Doe", "DCM", ("1.5(d)",)),
    ("Classified By: PAS Couselor Denise Ames for reasons 1.4 b,d", "Denise Ames", "PAS Couselor", BD),
    ("Classified By: Deputy Cheif of Mission Hugo Lane for reasons 1.4 (b)\nand (d)", "Hugo Lane", "Deputy Cheif of Mission", BD),
    ("Classified By: Unit Chief Don Bright for Reasons 1.4(b) a \nnd (d). ", "Don Bright", "Unit Chief", BD),
    ("Classified By: Amb. David Green for reasons 1.4 (B&D)", "David Green", "Amb.", BD),
    ("Classified By: Ambassador Wynne for reasons 1.4 (b and d)", "Wynne", "Ambassador", BD),
    ("Classified By: POL/MC Jo Ray, reasons 1.4 b, c, and d", "Jo Ray", "POL/MC", ("1.4(b)", "1.4(c)", "1.4(d)")),
    ("Classified By: SCA A/S Rob Blake, Jr. reasons 1.5 (b) (d)", "Rob Blake, Jr.", "SCA A/S", ("1.5(b)", "1.5(d)")),
    ("Classified By: Charge d'Affaires, for reasons 1.4 (b) and (d) ", None, "Charge d'Affaires", BD),
    ("Classfied By: Charge Rick Mills, reasons 1.4 (b) and (d).", "Rick Mills", "Charge", BD),
    ("Classified By: Mark Shell, Counselor for Nuclear Policy; reasons 1.4  (b) and (d)", "Mark Shell", "Counselor for Nuclear Policy", BD),
    ("Classified By: Ambassador Ann Ho, reasons 1.4(d) and 1.5(b), 1.4(d)", "Ann Ho", "Ambassador", ("1.4(d)", "1.5(b)")),
]


@pytest.mark.parametrize(("text", "name", "title", "reasons"), FIXTURES)
def test_fixture(text: str, name: str | None, title: str | None, reasons: tuple[str, ...]) -> None:
    reporter = Reporter()
    assert parse_classified_by(text, reporter) == ClassifiedBy(name=name, title=title, reasons=reasons)
    assert all(d.severity.value == "info" for d in reporter.diagnostics)


def test_seed_is_clean() -> None:
    reporter = Reporter()
    value = parse_classified_by("Classified By: Political Counselor Mark D. Clark for reasons 1.4 b and d.", reporter)
    assert value == ClassifiedBy(name="Mark D. Clark", title="Political Counselor", reasons=BD)
    assert reporter.diagnostics == ()


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ("Classified By: Classified by DCM Jo Li for reasons 1.4 (d)", "classified-by-repaired", 15),
        ("Classified By: LEE 0. COLLINS for reasons 1.4 (d)", "classified-by-repaired", 16),
        ("Classified By: DCM Jo Li for reasons 1.4 (d) and (d)", "classified-by-repaired", 51),
    ],
)
def test_repairs_are_info_at_their_column(text: str, code: str, column: int) -> None:
    reporter = Reporter()
    parse_classified_by(text, reporter)
    (d,) = reporter.diagnostics
    assert (d.code, d.severity.value, d.line, d.column) == (code, "info", 1, column)


def test_invalid_letter_is_an_error_at_its_column() -> None:
    spans = [Span(30, 1, "Classified By: Ambassador Jo Li for reasons"), Span(31, 5, "1.5 (b) and (h), 1.4 (k)")]
    reporter = Reporter()
    value = parse_classified_by(spans, reporter)
    assert value is not None and value.reasons == ("1.5(b)",)
    errors = [(d.code, d.line, d.column) for d in reporter.diagnostics if d.severity.value == "error"]
    assert errors == [("classified-by-reason", 31, 18), ("classified-by-reason", 31, 27)]


def test_invalid_letter_raises_standalone() -> None:
    with pytest.raises(CableParseError) as caught:
        parse_classified_by("Classified By: Ambassador Jo Li for reasons 1.5 (h)")
    assert caught.value.diagnostics[0].code == "classified-by-reason"
    assert caught.value.diagnostics[0].column == 50


def test_missing_reasons_warn() -> None:
    reporter = Reporter()
    assert parse_classified_by("Classified By: Ambassador Jo Li", reporter) == ClassifiedBy(name="Jo Li", title="Ambassador")
    assert codes(reporter) == ["classified-by-invalid"]


def test_letters_without_section_warn() -> None:
    reporter = Reporter()
    value = parse_classified_by("Classified By: DCM Jo Li for reasons b and d", reporter)
    assert value is not None and value.reasons == ()
    assert codes(reporter) == ["classified-by-invalid", "classified-by-invalid"]


@pytest.mark.parametrize("text", ["Classified By:", "Classified By: Derived from:", "Classified By: , ;"])
def test_nothing_readable_is_none(text: str) -> None:
    reporter = Reporter()
    assert parse_classified_by(text, reporter) is None
    assert "classified-by-invalid" in codes(reporter)


@pytest.mark.parametrize(
    "text",
    [
        "Classified By: X",
        "CLASSIFIED BY: X",
        "Classified by X",
        "CLASSIFIED BY X",
        "Classiied By: X",
        "Clasified by X",
        "Classfied By: X",
        "(U) Classified by X",
        "1. (U) CLASSIFIED BY X",
        "¶2. (U) Classified by X",
        "This message classified by X",
        "This cable is classified by X",
    ],
)
def test_start_matches_every_keyword(text: str) -> None:
    assert START.match(text) is not None


@pytest.mark.parametrize("text", ["Classification by country", "Classifiedby X", "The classified byproduct", "Declassified by NARA"])
def test_start_skips_other_text(text: str) -> None:
    assert START.match(text) is None


def test_render() -> None:
    seed = ClassifiedBy(name="Mark D. Clark", title="Political Counselor", reasons=BD)
    assert render_classified_by(seed) == "Classified By: Political Counselor Mark D. Clark for reasons 1.4 (b) and (d)."
    comma = ClassifiedBy(name="Rose Gold", title="Assistant Secretary, VCI", reasons=("1.4(b)", "1.4(c)", "1.5(d)"))
    assert render_classified_by(comma) == "Classified By: Rose Gold, Assistant Secretary, VCI for reasons 1.4 (b) and (c) and 1.5 (d)."
    assert parse_classified_by(render_classified_by(comma), Reporter()) == comma
    assert render_classified_by(ClassifiedBy(name="Jo Li")) == "Classified By: Jo Li"


# ---------------------------------------------------------------------------
# Properties

TITLES = [
    "Ambassador",
    "Political Counselor",
    "Deputy Chief of Mission",
    "DCM",
    "Charge d'Affaires",
    "Acting DCM",
    "Consul General",
    "Principal Officer",
    "Economic Counselor",
    "Polcouns",
    "ECONMIN",
    "Assistant Secretary",
    "Acting Political Minister-Counselor",
    "EUR A/S",
    "Charge d'Affaires, a.i.",
]
GIVEN = ["Mark", "Anne", "Robert", "Lisa", "Hugo", "Dana", "Peter"]
KEYWORDS = [
    "Classified By:",
    "CLASSIFIED BY:",
    "Classified by",
    "(U) Classified by",
    "This message classified by",
    "Classified By: Classified by",
]
LEADS = [
    " for reasons ",
    " for reason ",
    " per ",
    "; REASON: ",
    ". Reasons: ",
    ", reasons ",
    ", ",
    " FOR REASONS ",
    " for REA SONS ",
    " for reaso ns ",
]


def surname_ok(word: str) -> bool:
    value = parse_classified_by(f"Classified By: Ambassador {word} for reasons 1.4 (d)", Reporter())
    return value is not None and value.name == word and value.title == "Ambassador"


surnames = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from("BCDFGHJKLMNPRSTVW"),
    st.text(alphabet="aeiounrstlm", min_size=3, max_size=8),
).filter(surname_ok)


@st.composite
def names(draw: st.DrawFn) -> str:
    initial = draw(st.sampled_from(["", " A.", " J.", " W."]))
    return f"{draw(st.sampled_from(GIVEN))}{initial} {draw(surnames)}"


def letters_in(style: str, letters: list[str]) -> str:
    if style == "paren-and":
        return " and ".join(f"({x})" for x in letters)
    if style == "paren-comma":
        return ", ".join(f"({x})" for x in letters)
    if style == "inner-comma":
        return "(" + ",".join(letters) + ")"
    if style == "inner-slash":
        return "(" + "/".join(letters) + ")"
    if style == "inner-amp":
        return "(" + "&".join(x.upper() for x in letters) + ")"
    if style == "bare-and":
        return " and ".join(letters)
    if style == "oxford":
        return ", ".join(letters[:-1]) + ", and " + letters[-1] if len(letters) > 1 else letters[0]
    if style == "glued":
        return "".join(f"({x})" for x in letters)
    if style == "inner-and":
        return "(" + " and ".join(letters) + ")"
    return "/".join(x.upper() for x in letters)


STYLES = ["paren-and", "paren-comma", "inner-comma", "inner-slash", "inner-amp", "bare-and", "oxford", "glued", "inner-and", "bare-slash"]


@given(
    names(),
    st.sampled_from(TITLES),
    st.sampled_from(["title first", "name first"]),
    st.sampled_from(["4", "5"]),
    st.lists(st.sampled_from("abcdeg"), min_size=1, max_size=4, unique=True),
    st.sampled_from(STYLES),
    st.sampled_from(KEYWORDS),
    st.sampled_from(LEADS),
    st.sampled_from(["1.{} ", "1.{}", "1.{}. "]),
    st.booleans(),
    st.data(),
)
def test_generated_lines_parse_back(
    name: str,
    title: str,
    order: str,
    section: str,
    letters: list[str],
    style: str,
    keyword: str,
    lead: str,
    section_form: str,
    upper: bool,
    data: st.DataObject,
) -> None:
    assume(not (order == "title first" and lead in (", ", ". Reasons: ") and "," in title))
    who = f"{title} {name}" if order == "title first" else f"{name}, {title}"
    text = f"{keyword} {who}{lead}{section_form.format(section)}{letters_in(style, letters)}."
    if upper:
        text = text.upper()
    # Wrap at a random space, as the 55-70 character lines do.
    spaces = [i for i, c in enumerate(text) if c == " " and i > len(keyword) + 1]
    cut = data.draw(st.sampled_from(spaces))
    spans = [Span(1, 1, text[:cut]), Span(2, 1, text[cut + 1 :])]
    value = parse_classified_by(spans, Reporter())
    expect_name, expect_title = (name.upper(), title.upper()) if upper else (name, title)
    assert value == ClassifiedBy(name=expect_name, title=expect_title, reasons=tuple(sorted(f"1.{section}({x})" for x in letters)))


@given(
    names(), st.sampled_from(TITLES), st.lists(st.sampled_from(["1.4(b)", "1.4(c)", "1.4(d)", "1.4(h)", "1.5(a)", "1.5(g)"]), unique=True)
)
def test_render_parse_round_trip(name: str, title: str, reasons: list[str]) -> None:
    value = ClassifiedBy(name=name, title=title, reasons=tuple(sorted(reasons)))
    assert parse_classified_by(render_classified_by(value), Reporter()) == value


@given(st.text(max_size=160))
def test_parsed_values_round_trip(text: str) -> None:
    value = parse_classified_by("Classified By: " + text, Reporter())
    if value is not None and value.reasons:
        again = parse_classified_by(render_classified_by(value), Reporter())
        assert again is not None and again.reasons == value.reasons


# ---------------------------------------------------------------------------
# Derivative classification: "Derived from" a source instead of reasons

MS = "Multiple Sources"

# (text, name, title, reasons, derived_from)
DERIVED = [
    ("Classified By: Derived from Multiple Sources", None, None, (), MS),
    ("Classified By: Derived from: Multiple Sources.", None, None, (), MS),
    ("CLASSIFIED BY: DERIVED FROM: STATE CLASSIFICATION GUIDE", None, None, (), "STATE CLASSIFICATION GUIDE"),
    ("Classified by Derived From Multiple\nSources", None, None, (), MS),
    ("Classified By: Jane Q. Doe, Director, Derived from: Multiple Sources", "Jane Q. Doe", "Director", (), MS),
    ("Classified By: Office Director Jane Q. Doe\nDerived from: DSCG 05-01", "Jane Q. Doe", "Office Director", (), "DSCG 05-01"),
    ("Classified By: DCM Jo Li for reasons 1.4 (b) and (d). Derived from: Multiple Sources", "Jo Li", "DCM", BD, MS),
    ("Classified By: DCM Jo Li, reasons 1.4(b), (d); Derived from Multiple Sources.", "Jo Li", "DCM", BD, MS),
    ("Classified By: Derived from: Multiple Sources, reasons 1.4 (c)", None, None, ("1.4(c)",), MS),
    ("Classified By: DCM Jo Li; Derived from: HUMINT reporting; reasons 1.4 (b) and (d)", "Jo Li", "DCM", BD, "HUMINT reporting"),
    ("(U) Classified by Derived from Multiple Sources", None, None, (), MS),
    ("Classified By: Derived from Multiple  Sources  ", None, None, (), MS),
    ("Classified By: Acting A/S Jo Li, Derived from: DOS Cable 08 STATE 1234", "Jo Li", "Acting A/S", (), "DOS Cable 08 STATE 1234"),
]


@pytest.mark.parametrize(("text", "name", "title", "reasons", "source"), DERIVED)
def test_derived_from(text: str, name: str | None, title: str | None, reasons: tuple[str, ...], source: str) -> None:
    reporter = Reporter()
    lines = text.split("\n")
    spans = [Span(i + 9, 1, line) for i, line in enumerate(lines)]
    value = parse_classified_by(spans, reporter)
    assert value == ClassifiedBy(name=name, title=title, reasons=reasons, derived_from=source)
    # No "no official and no reason" or "no classification reason" warning.
    assert reporter.diagnostics == ()
    assert parse_classified_by(render_classified_by(value), Reporter()) == value


def test_render_derived_from() -> None:
    assert render_classified_by(ClassifiedBy(derived_from=MS)) == "Classified By: Derived from: Multiple Sources"
    named = ClassifiedBy(name="Jo Li", title="DCM", derived_from=MS)
    assert render_classified_by(named) == "Classified By: DCM Jo Li, Derived from: Multiple Sources"
    both = ClassifiedBy(name="Jo Li", title="DCM", reasons=BD, derived_from=MS)
    assert render_classified_by(both) == "Classified By: DCM Jo Li for reasons 1.4 (b) and (d). Derived from: Multiple Sources"


SOURCES = ["Multiple Sources", "State Classification Guide", "DSCG 05-01", "HUMINT reporting", "Dept of State Cable", "SCG 3.2"]


@given(
    st.one_of(st.none(), names()),
    st.one_of(st.none(), st.sampled_from(TITLES)),
    st.lists(st.sampled_from(["1.4(b)", "1.4(c)", "1.4(d)", "1.5(a)"]), unique=True),
    st.sampled_from(SOURCES),
)
def test_derived_from_render_parse_round_trip(name: str | None, title: str | None, reasons: list[str], source: str) -> None:
    value = ClassifiedBy(name=name, title=title, reasons=tuple(sorted(reasons)), derived_from=source)
    reporter = Reporter()
    assert parse_classified_by(render_classified_by(value), reporter) == value
    assert [d for d in reporter.diagnostics if d.severity.value != "info"] == []


@given(
    names(),
    st.sampled_from(TITLES),
    st.sampled_from(SOURCES),
    st.sampled_from(["Derived from:", "DERIVED FROM", "derived from"]),
    st.data(),
)
def test_derived_from_wrapped_anywhere_reads_the_same(name: str, title: str, source: str, keyword: str, data: st.DataObject) -> None:
    text = f"Classified By: {title} {name}, {keyword} {source}"
    spaces = [i for i, c in enumerate(text) if c == " " and i > len("Classified By:")]
    cut = data.draw(st.sampled_from(spaces))
    value = parse_classified_by([Span(1, 1, text[:cut]), Span(2, 1, text[cut + 1 :])], Reporter())
    assert value == ClassifiedBy(name=name, title=title, derived_from=source)


@pytest.mark.parametrize(
    "text",
    [
        "Classified By: A" + " ," * 20_000 + "B",
        "Classified By: A" + " for" * 20_000,
        "Classified By: A 1.4" + " (b) and" * 20_000,
        "Classified By: " + "Ambassador " * 20_000,
    ],
)
def test_long_garbage_is_read_in_linear_time(text: str) -> None:
    assert_fast(parse_classified_by, text)


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_never_raises(parse_classified_by, text)


# ---------------------------------------------------------------------------
# The real corpus

PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
ANCHOR = re.compile(r"<a id='par[^']*' href='#par[^']*'>¶</a>")
LEVEL = re.compile(r"<table class='cable'>.*?/classification/[^>]*>([^<]*)</a>", re.S)
PARAGRAPH = re.compile(r"(?i)^\s*(?:¶?\d{1,2}\.(?!\s?\d)|\([A-Z/]+\)|summary|-{3,})")
KEYWORD = re.compile(r"(?i)(?:¶?\d{1,2}\.\s*)?(?:\([A-Z]+\)\s*)?(?:this message\s+)?clas\w*\s+by")


def classified_by_blocks() -> tuple[int, list[tuple[str, list[Span]]]]:
    """The number of classified pages, and their Classified By lines with continuations."""
    classified = 0
    out = []
    for page in corpus_pages():
        text = page.read_text(encoding="utf-8", errors="replace")
        level = LEVEL.search(text)
        blocks = PRE.findall(text)
        if level is None or not blocks or level.group(1).startswith("UNCLASSIFIED"):
            continue
        classified += 1
        lines = [html.unescape(ANCHOR.sub("¶", x)) for x in blocks[-1].split("&#x000A;")]
        for i, line in enumerate(lines[:120]):
            m = KEYWORD.search(line)
            if not m or not START.match(line, m.start()):
                continue
            spans = [Span(i + 1, m.start() + 1, line[m.start() :])]
            for j in range(i + 1, min(i + 4, len(lines))):
                if not lines[j].strip():
                    # A wrapped line may leave a blank line before "1.4(C)."
                    after = lines[j + 1] if j + 1 < len(lines) else ""
                    if re.match(r"\s*\(?[a-dA-D1]", after) and not PARAGRAPH.match(after):
                        continue
                    break
                if PARAGRAPH.match(lines[j]) and not re.match(r"\s*\([a-hA-H]\s*\)", lines[j]):
                    break
                spans.append(Span(j + 1, 1, lines[j]))
            out.append((page.name, spans))
            break
    return classified, out


@requires_corpus
@pytest.mark.corpus
def test_corpus_reasons_are_found_on_classified_pages() -> None:
    classified, blocks = classified_by_blocks()
    assert classified > 150
    found = 0
    for _name, spans in blocks:
        reporter = Reporter()
        value = parse_classified_by(spans, reporter)
        assert not any(d.severity.value == "error" for d in reporter.diagnostics)
        found += value is not None and bool(value.reasons)
    print(f"Classified By: reasons on {found}/{classified} classified pages ({found / classified:.1%}); {len(blocks)} have the line")
    assert found / classified >= 0.95
