"""The REF parser: labels, citations, garbles, properties and the real corpus."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse.errors import Reporter, Span
from cableparse.fields.references import START, parse_references, render_references
from cableparse.model import Reference

from .conftest import corpus_pages, requires_corpus
from .field_checks import assert_fast, assert_never_raises
from .synthetic_cables import CONFIDENTIAL_2008, html_page


def codes(reporter: Reporter) -> list[str]:
    return [d.code for d in reporter.diagnostics]


def read(text: str, year: int | None = 2009) -> tuple[tuple[str | None, str | None, str], ...]:
    return tuple((r.label, r.reference_id, r.text) for r in parse_references(text, Reporter(), year=year))


FIXTURES = [
    (
        "REF: A. STATE 66260 - ACTION PLAN\n[1](#)B. KL 491 - REACTION TO TIP REPORT",
        (("A", "09STATE66260", "STATE 66260 - ACTION PLAN"), ("B", "09KUALALUMPUR491", "KL 491 - REACTION TO TIP REPORT")),
    ),
    ("REF: A. STATE 1234 B. KL 491", (("A", "09STATE1234", "STATE 1234"), ("B", "09KUALALUMPUR491", "KL 491"))),
    ("REF: (A)STATE 071143, (B)STATE 073601", (("A", "09STATE71143", "STATE 071143"), ("B", "09STATE73601", "STATE 073601"))),
    (
        "REF: A) 08 RIO DE JAN 138; B) 08 RIO DE JAN 0044 and previous",
        (("A", "08RIODEJANEIRO138", "08 RIO DE JAN 138"), ("B", "08RIODEJANEIRO44", "08 RIO DE JAN 0044 and previous")),
    ),
    ("REFS: [A] LIMA 0389\n[B] 2005 LIMA 12", (("A", "09LIMA389", "LIMA 0389"), ("B", "05LIMA12", "2005 LIMA 12"))),
    ("Ref: a. Quito 55\nb. Quito 56", (("A", "09QUITO55", "Quito 55"), ("B", "09QUITO56", "Quito 56"))),
    (
        "REF: A. BRASILIA 2799 AND 2764",
        (("A", "09BRASILIA2799", "BRASILIA 2799 AND 2764"), ("A", "09BRASILIA2764", "BRASILIA 2799 AND 2764")),
    ),
    ("REF: SECDEF MSG DTG 301601z SEP 08", ((None, None, "SECDEF MSG DTG 301601z SEP 08"),)),
    ("REF: A. 031720Z JUN 09", (("A", None, "031720Z JUN 09"),)),
    ("REF: JONES E-MAIL 12/01/09", ((None, None, "JONES E-MAIL 12/01/09"),)),
    ("REF: 9 FAM Appendix K, 406 (6)", ((None, None, "9 FAM Appendix K, 406 (6)"),)),
    ("REF: SEPTEL", ((None, None, "SEPTEL"),)),
    ("REFTEL: HARARE 6584", ((None, "09HARARE6584", "HARARE 6584"),)),
    ("REFTELS: USUN 12 (NOTAL)", ((None, "09USUNNEWYORK12", "USUN 12 (NOTAL)"),)),
    ("REF(S): ANKARA 1561 (EXDIS)", ((None, "09ANKARA1561", "ANKARA 1561 (EXDIS)"),)),
    ("REFERENCES: HK 77", ((None, "09HONGKONG77", "HK 77"),)),
    ("REF: A. A. STATE 99125  B. B. SOFIA 1046", (("A", "09STATE99125", "STATE 99125"), ("B", "09SOFIA1046", "SOFIA 1046"))),
    ("REF: A. A) SECSTATE 54183", (("A", "09STATE54183", "SECSTATE 54183"),)),
    ("REF: A. REF A STATE 122214\n1B. USEU 55", (("A", "09STATE122214", "STATE 122214"), ("B", "09USEUBRUSSELS55", "USEU 55"))),
    (
        "REF A LETTER TO THE MINISTER\nREF B SECSTATE 76108",
        (("A", None, "LETTER TO THE MINISTER"), ("B", "09STATE76108", "SECSTATE 76108")),
    ),
    ("REF A: STATE 5\nREF B: USUN 6", (("A", "09STATE5", "STATE 5"), ("B", "09USUNNEWYORK6", "USUN 6"))),
    ("REF: SECSTATE 10152; 08 LUANDA 536", ((None, "09STATE10152", "SECSTATE 10152"), (None, "08LUANDA536", "08 LUANDA 536"))),
    ("REF: STATE 1234; DEMARCHE REQUEST", ((None, "09STATE1234", "STATE 1234; DEMARCHE REQUEST"),)),
    ("REF: A. KL 491 09 - TIP", (("A", "09KUALALUMPUR491", "KL 491 09 - TIP"),)),
    ("REF: A. MEXICO CITY 14 (08)", (("A", "08MEXICO14", "MEXICO CITY 14 (08)"),)),
    ("REF: A. MEETING WITH JOHN B. SMITH", (("A", None, "MEETING WITH JOHN B. SMITH"),)),
    ("REF: A. RIO \n\n DE JANEIRO 1291", (("A", "09RIODEJANEIRO1291", "RIO DE JANEIRO 1291"),)),
    (
        "REF: A. THE HAGUE 3\n¶B. HAGUE 4\n¶C. N'DJAMENA 5",
        (("A", "09THEHAGUE3", "THE HAGUE 3"), ("B", "09THEHAGUE4", "HAGUE 4"), ("C", "09NDJAMENA5", "N'DJAMENA 5")),
    ),
    ("REF: NONE", ()),
    ("REF: N/A", ()),
]


@pytest.mark.parametrize(("text", "expected"), FIXTURES)
def test_fixture(text: str, expected: tuple[tuple[str | None, str | None, str], ...]) -> None:
    reporter = Reporter()
    got = parse_references(text, reporter, year=2009)
    assert tuple((r.label, r.reference_id, r.text) for r in got) == expected
    assert all(d.severity.value == "info" for d in reporter.diagnostics)


def test_seed_gives_the_design_values() -> None:
    text = "REF: A. STATE 66260 - ACTION PLAN\nB. KL 491 - REACTION TO TIP REPORT"
    reporter = Reporter()
    assert parse_references(text, reporter, year=2009) == (
        Reference("A", "09STATE66260", "STATE 66260 - ACTION PLAN"),
        Reference("B", "09KUALALUMPUR491", "KL 491 - REACTION TO TIP REPORT"),
    )
    assert reporter.diagnostics == ()


def test_pilcrow_repairs_are_reported_where_they_stand() -> None:
    spans = [Span(20, 1, "REF: A. STATE 1"), Span(21, 1, "¶B. STATE 2"), Span(22, 3, "[1](#)C. STATE 3")]
    reporter = Reporter()
    assert [r.label for r in parse_references(spans, reporter, year=2008)] == ["A", "B", "C"]
    assert [(d.code, d.line, d.column) for d in reporter.diagnostics] == [("ref-repaired", 21, 1), ("ref-repaired", 22, 3)]


def test_doubled_label_position() -> None:
    reporter = Reporter()
    parse_references("REF: A. A) STATE 1", reporter, year=2009)
    (d,) = reporter.diagnostics
    assert (d.code, d.column, d.field) == ("ref-repaired", 9, "references")


def test_text_after_an_inline_page_marker_continues_its_line() -> None:
    # The page-marker stripper cut "QUITO 00000412 001.2 OF 002" out of line 7:
    # two spans on one line.  "(U)" there is a portion mark, not label U.
    spans = [Span(7, 1, "REF: A. QUITO 301 "), Span(7, 46, "(U) B. STATE 22140"), Span(8, 1, "C. BOGOTA 1187")]
    reporter = Reporter()
    got = parse_references(spans, reporter, year=2008)
    assert [(r.label, r.reference_id) for r in got] == [("A", "08QUITO301"), ("B", "08STATE22140"), ("C", "08BOGOTA1187")]
    assert got[0].text == "QUITO 301 (U)"
    assert reporter.diagnostics == ()
    assert reporter.anchors["references[1].label"][:2] == (7, 50)


def test_an_unlabelled_list_does_not_take_a_portion_mark_for_a_label() -> None:
    spans = [Span(3, 1, "REF: LIMA 120 "), Span(3, 42, "(U) THIS MESSAGE IS SENSITIVE BUT UNCLASSIFIED.")]
    got = parse_references(spans, Reporter(), year=2009)
    assert [(r.label, r.reference_id, r.text) for r in got] == [
        (None, "09LIMA120", "LIMA 120 (U) THIS MESSAGE IS SENSITIVE BUT UNCLASSIFIED.")
    ]


@pytest.mark.parametrize("container", ["text", "html"])
def test_a_cable_whose_ref_list_holds_an_inline_page_marker(container: str) -> None:
    text = CONFIDENTIAL_2008.replace(
        "REF: A. QUITO 301\nB. STATE 22140\n", "REF: A. QUITO 301 QUITO 00000412 001.2 OF 002 (U) B. STATE 22140\n"
    )
    cable = cableparse.parse(html_page(text) if container == "html" else text)
    assert [r.label for r in cable.references] == ["A", "B", "C"]
    assert [r.reference_id for r in cable.references] == ["08QUITO301", "08STATE22140", "08BOGOTA1187"]
    assert "check-ref-labels" not in [d.code for d in cable.diagnostics]
    assert [d.code for d in cable.diagnostics if d.code.startswith("page-marker")] == ["page-marker-inline", "page-marker"]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("REF: A. STATE 5\n(U) BOGOTA 7", ["A", "A"]),  # a portion mark out of sequence
        ("REF: A. STATE 5\n(S) THE TALKS", ["A"]),
        ("REF: (A) STATE 5\n(B) USUN 6\n(C) BOGOTA 7", ["A", "B", "C"]),  # in sequence it is a label
        ("REF: A. STATE 5\nC. BOGOTA 7", ["A", "C"]),  # a lost line: the gap is kept for check-ref-labels
        ("REF: A. STATE 5 (C) BOGOTA 7", ["A", "A"]),
        ("REF: A. STATE 5 B. BOGOTA 7", ["A", "B"]),
    ],
)
def test_a_label_out_of_sequence(text: str, labels: list[str]) -> None:
    assert [r.label for r in parse_references(text, Reporter(), year=2009)] == labels


def test_year_argument_dates_undated_citations_only() -> None:
    assert read("REF: A. STATE 1 B. 07 STATE 2", year=1999) == (("A", "99STATE1", "STATE 1"), ("B", "07STATE2", "07 STATE 2"))


def test_without_a_year_undated_citations_have_no_id_and_a_warning() -> None:
    reporter = Reporter()
    got = parse_references("REF: A. STATE 1\nB. 2007 STATE 2", reporter, year=None)
    assert [r.reference_id for r in got] == [None, "07STATE2"]
    (d,) = reporter.diagnostics
    assert (d.code, d.severity.value, d.line, d.column) == ("reference-id-underivable", "warning", 1, 9)


def test_empty_field_warns() -> None:
    reporter = Reporter()
    assert parse_references("REF:", reporter, year=2009) == ()
    assert codes(reporter) == ["ref-invalid"]


@pytest.mark.parametrize(
    "text",
    [
        "REF: A",
        "REFS: A",
        "REF(S): A",
        "REFTEL: A",
        "REFTELS: A",
        "Ref: a",
        "REFERENCES: A",
        "REFERENCE: A",
        "REF A. STATE 1",
        "REF (A) STATE 1",
        "REF A) STATE 1",
        "REF A SECSTATE 76108",
        "REF A: STATE 1",
        "REF STATE 1234",
        "REFTEL KABUL 02245",
        "REF 08 RIO DE JAN 138",
    ],
)
def test_start_matches_every_keyword(text: str) -> None:
    assert START.match(text) is not None


@pytest.mark.parametrize(
    "text", ["REFERENCE TO THE MEETING", "REFTEL for Embassy analysis", "Reftel reported", "REFUGEES FLED", "REFORM IS"]
)
def test_start_skips_prose(text: str) -> None:
    assert START.match(text) is None


def test_render_groups_items_and_round_trips() -> None:
    refs = parse_references("REF: A. BRASILIA 2799 AND 2764\nB. SEPTEL", Reporter(), year=2009)
    assert render_references(refs) == "REF: A. BRASILIA 2799 AND 2764\nB. SEPTEL"
    unlabelled = parse_references("REF: SECSTATE 10152; 08 LUANDA 536", Reporter(), year=2009)
    assert render_references(unlabelled) == "REF: SECSTATE 10152; 08 LUANDA 536"
    assert render_references(()) == ""


# ---------------------------------------------------------------------------
# Properties

STATIONS = [
    ("STATE", "STATE"),
    ("SECSTATE", "STATE"),
    ("KL", "KUALALUMPUR"),
    ("KUALA LUMPUR", "KUALALUMPUR"),
    ("RIO DE JAN", "RIODEJANEIRO"),
    ("HK", "HONGKONG"),
    ("USUN", "USUNNEWYORK"),
    ("USEU", "USEUBRUSSELS"),
    ("HAGUE", "THEHAGUE"),
    ("THE HAGUE", "THEHAGUE"),
    ("MEXICO CITY", "MEXICO"),
    ("SAO PAULO", "SAOPAULO"),
    ("BUENOS AIRES", "BUENOSAIRES"),
    ("PORT AU PRINCE", "PORTAUPRINCE"),
    ("N'DJAMENA", "NDJAMENA"),
    ("ST. PETERSBURG", "STPETERSBURG"),
    ("Abuja", "ABUJA"),
]
DESCRIPTIONS = ["", " - ACTION PLAN", " (NOTAL)", " - REACTION TO TIP REPORT", " AND PREVIOUS", " (EXDIS)", " - DEMARCHE ON TRADE"]
LABELS = ["{}.", "{})", "({})", "[{}]", "{lower}.", "REF {}"]
KEYWORDS = ["REF:", "REFS:", "REF(S):", "REFTEL:", "REFTELS:", "Ref:", "REFERENCES:"]


@st.composite
def citations(draw: st.DrawFn) -> tuple[str, str]:
    """A citation as written and its expected reference ID (cable year 2009)."""
    station, token = draw(st.sampled_from(STATIONS))
    serial = draw(st.integers(1, 999_999))
    written = str(serial).zfill(draw(st.integers(0, 6)))
    year_style = draw(st.sampled_from(["none", "yy", "yyyy", "paren"]))
    year = draw(st.integers(1990, 2010))
    description = draw(st.sampled_from(DESCRIPTIONS))
    text = f"{station} {written}"
    if year_style == "yy":
        text = f"{year % 100:02d} {text}"
    elif year_style == "yyyy":
        text = f"{year} {text}"
    elif year_style == "paren":
        text = f"{text} ({year % 100:02d})"
    else:
        year = 2009
    return text + description, f"{year % 100:02d}{token}{serial}"


@given(
    st.lists(citations(), min_size=1, max_size=8),
    st.sampled_from(LABELS),
    st.sampled_from(KEYWORDS),
    st.sampled_from(["lines", "one line"]),
    st.sampled_from(["", "¶", "[1](#)", "1"]),
    st.sampled_from(["", "{}. ", "{}) ", "REF {} "]),
)
def test_generated_lists_parse_back(
    items: list[tuple[str, str]], label: str, keyword: str, layout: str, pilcrow: str, doubled: str
) -> None:
    letters = [chr(65 + i) for i in range(len(items))]
    # A doubled label ("A. A)", "A. REF A") is a garble that reads the same.
    written = [
        label.format(letter, lower=letter.lower()) + " " + doubled.format(letter) + text
        for letter, (text, _) in zip(letters, items, strict=True)
    ]
    if layout == "lines":
        # Pilcrow residue stands before the B., C. ... lines (upper-case dot labels only).
        prefix = pilcrow if label == "{}." else ""
        text = keyword + " " + written[0] + "".join("\n" + prefix + w for w in written[1:])
    else:
        text = keyword + " " + "  ".join(written)
    if label == "REF {}":
        text = "\n".join(written)
    got = parse_references(text, Reporter(), year=2009)
    assert [(r.label, r.reference_id) for r in got] == [(letter, rid) for letter, (_, rid) in zip(letters, items, strict=True)]
    assert [r.text for r in got] == [t for t, _ in items]


@given(st.lists(citations(), min_size=1, max_size=6))
def test_unlabelled_semicolon_lists(items: list[tuple[str, str]]) -> None:
    text = "REF: " + "; ".join(t for t, _ in items)
    got = parse_references(text, Reporter(), year=2009)
    assert [r.reference_id for r in got] == [rid for _, rid in items]
    assert all(r.label is None for r in got)


@given(st.sampled_from(STATIONS), st.lists(st.integers(1, 99_999), min_size=2, max_size=4), st.sampled_from([" AND ", ", ", " & "]))
def test_later_serials_inherit_the_station(station: tuple[str, str], serials: list[int], joiner: str) -> None:
    name, token = station
    text = f"REF: A. {name} " + joiner.join(str(s) for s in serials)
    got = parse_references(text, Reporter(), year=2008)
    assert [r.reference_id for r in got] == [f"08{token}{s}" for s in serials]
    assert {r.label for r in got} == {"A"}


@given(st.lists(citations(), min_size=1, max_size=6), st.sampled_from(LABELS[:5]))
def test_render_parse_round_trip(items: list[tuple[str, str]], label: str) -> None:
    text = "REF: " + "\n".join(label.format(chr(65 + i), lower=chr(97 + i)) + " " + t for i, (t, _) in enumerate(items))
    refs = parse_references(text, Reporter(), year=2009)
    assert parse_references(render_references(refs), Reporter(), year=2009) == refs


@given(st.text(max_size=160), st.one_of(st.none(), st.integers(1966, 2010)))
def test_parsed_values_round_trip(text: str, year: int | None) -> None:
    refs = parse_references("REF: " + text, Reporter(), year=year)
    if refs and all(r.text == " ".join(r.text.split()) for r in refs):
        assert parse_references(render_references(refs), Reporter(), year=year) == refs


@pytest.mark.parametrize(
    "text",
    [
        "REF: A. X" + " ;" * 20_000 + "Y",
        "REF: A. X" + " AND" * 20_000,
        "REF: " + "[1](#x " * 20_000,
        "REF: " + "1 " * 20_000,
        "REF: " + "SAO " * 20_000 + "1",
    ],
)
def test_long_garbage_is_read_in_linear_time(text: str) -> None:
    assert_fast(lambda t, r: parse_references(t, r, year=2009), text)


@given(st.text(max_size=200), st.one_of(st.none(), st.integers(-5, 3000)))
def test_arbitrary_text_never_raises(text: str, year: int | None) -> None:
    assert_never_raises(lambda t, r=None: parse_references(t, r, year=year), text)


# ---------------------------------------------------------------------------
# The real corpus

PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
ANCHOR = re.compile(r"<a id='par[^']*' href='#par[^']*'>¶</a>")
STOP = re.compile(r"(?i)^\s*(?:classified\s+by|¶?\d{1,2}\.|\(?[A-Z]{1,3}\)|summary|begin|sensitive|this is)")
LABEL_LINE = re.compile(r"^\s*(?:¶|1(?=[A-Z][.)]))?(?:\(?[A-Z][.)]|\([A-Z]\)|REF [A-Z]\b)")
MARKER = re.compile(r"^\s*[A-Z][A-Z .]{0,9} \d{8} \d{3}(?:\.\d)? OF \d{3}\s*$")


def ref_blocks() -> list[tuple[str, int, list[str]]]:
    """(page, cable year, REF lines) with page markers dropped and pilcrow anchors as ¶."""
    out = []
    for page in corpus_pages():
        blocks = PRE.findall(page.read_text(encoding="utf-8", errors="replace"))
        if not blocks:
            continue
        lines = [html.unescape(ANCHOR.sub("¶", x)) for x in blocks[-1].split("&#x000A;")]
        for i, line in enumerate(lines[:80]):
            if not START.match(line.lstrip()) or line.lstrip().startswith("Refe"):
                continue
            block = [line]
            j = i + 1
            while j < len(lines):
                nxt = lines[j]
                if MARKER.match(nxt):
                    j += 1
                    continue
                if not nxt.strip():
                    k = j
                    while k < len(lines) and (not lines[k].strip() or MARKER.match(lines[k])):
                        k += 1
                    if k < len(lines) and LABEL_LINE.match(lines[k]):
                        j = k
                        continue
                    break
                if STOP.match(nxt) and not LABEL_LINE.match(nxt):
                    break
                block.append(nxt)
                j += 1
            out.append((page.name, 2000 + int(page.name[:2]), block))
            break
    return out


@requires_corpus
@pytest.mark.corpus
def test_corpus_lettered_lists_are_complete_and_consecutive() -> None:
    blocks = ref_blocks()
    assert len(blocks) > 100
    lettered = complete = total = with_id = 0
    for _name, year, block in blocks:
        reporter = Reporter()
        refs = parse_references([Span(n, 1, x) for n, x in enumerate(block, 1)], reporter, year=year)
        assert all(d.severity.value == "info" for d in reporter.diagnostics)
        total += len(refs)
        with_id += sum(r.reference_id is not None for r in refs)
        labels = list(dict.fromkeys(r.label for r in refs if r.label))
        written = sum(bool(LABEL_LINE.match(x)) for x in block[1:]) + bool(re.match(r"\S+\s*(?:\(?[A-Z][.)]|\([A-Z]\))", block[0]))
        if labels:
            lettered += 1
            complete += labels == [chr(65 + k) for k in range(len(labels))] and len(labels) >= written
    print(f"REF: {len(blocks)} pages with REF, {lettered} lettered, {complete} complete and consecutive; {with_id}/{total} with an ID")
    assert complete / lettered >= 0.95
    assert with_id / total >= 0.85


_PLAIN_WORD = st.sampled_from(
    ["STATE", "SECSTATE", "BRASILIA", "NEW", "DELHI", "USUN", "SAO", "PAULO", "OSC", "EMBASSY", "state", "Paris", "XYZZY"]
)
_PLAIN_NUMBER = st.sampled_from(["08", "2009", "1999", "7", "123", "124337", "1234567", "0123"])


@given(
    year=st.one_of(st.none(), _PLAIN_NUMBER),
    words=st.lists(_PLAIN_WORD, min_size=1, max_size=6),
    serial=_PLAIN_NUMBER,
    before=st.sampled_from(["", " ", "A. ", "x"]),
    after=st.sampled_from(["", " ", "  "]),
    gap=st.sampled_from([" ", "  "]),
)
def test_plain_items_read_as_the_token_path_reads_them(
    year: str | None, words: list[str], serial: str, before: str, after: str, gap: str
) -> None:
    from cableparse.fields.references import _plain_citation, _token_citations

    item = gap.join([*([year] if year else []), *words, serial]) + after
    text = before + item
    plain = _plain_citation(text, len(before), len(text))
    # A serial of more than six digits is left to the token path.
    assert (plain is None) == (len(serial) > 6)
    assert plain is None or plain == _token_citations(text, len(before), len(text))
