"""The TAGS parser: clean and garbled lines, properties, and the real corpus."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cableparse.errors import Reporter, Span
from cableparse.fields.tags import START, TAG_KINDS, parse_tags, render_tags, split_glued

from .conftest import corpus_pages, requires_corpus
from .field_checks import assert_fast, assert_never_raises


def codes(reporter: Reporter) -> list[str]:
    return [d.code for d in reporter.diagnostics]


SEED = ("PREL", "PHUM", "ELAB", "KTIP", "MY")

# (text, expected tags, diagnostic codes expected among those reported)
FIXTURES = [
    ("TAGS: PREL PHUM ELAB KTIP MY", SEED, []),
    ("TAGS: [PREL](#) [PHUM](#) [ELAB](#) [KTIP](#) [MY](#)", SEED, []),
    ("TAGS: <a href='/tag/PREL_0.html'>PREL</a> <a href='/tag/PHUM_0.html'>PHUM</a>", ("PREL", "PHUM"), []),
    ("TAGS PGOV, PREL, SNAR, PE", ("PGOV", "PREL", "SNAR", "PE"), []),
    ("Tags: prel, pgov, pins, tu", ("PREL", "PGOV", "PINS", "TU"), ["tags-repaired"]),
    ("TAG MASS, PREL, BR", ("MASS", "PREL", "BR"), []),
    ("TAGE PREL, PGOV", ("PREL", "PGOV"), ["tags-repaired"]),
    ("TAGES ECON EFIN", ("ECON", "EFIN"), ["tags-repaired"]),
    ("TAS: ASEC CASC", ("ASEC", "CASC"), ["tags-repaired"]),
    ("TABS PTER KCRM", ("PTER", "KCRM"), ["tags-repaired"]),
    ("TGS PREL", ("PREL",), ["tags-repaired"]),
    ("AGS: SENV KGHG", ("SENV", "KGHG"), ["tags-repaired"]),
    ("TAGS: PHUMPGOV", ("PHUM", "PGOV"), ["tags-repaired"]),
    ("TAGS: ETRDEINVECINPGOVCS", ("ETRD", "EINV", "ECIN", "PGOV", "CS"), ["tags-repaired"]),
    ("TAGS OVIP (STEINBERG, JAMES B.), PREL, CH", ("OVIP", "STEINBERG, JAMES B.", "PREL", "CH"), []),
    ("TAGS: OVIP BIDEN JOSEPH PREL CI", ("OVIP", "BIDEN, JOSEPH", "PREL", "CI"), ["tags-repaired"]),
    ("TAGS: KPAO (Doe, Jane) SCUL", ("KPAO", "DOE, JANE", "SCUL"), ["tags-repaired"]),
    ("TAGS PINR, KCRM, BU, Organized Crime", ("PINR", "KCRM", "BU", "ORGANIZED CRIME"), ["tags-repaired"]),
    ("TAGS: PHUM HUMAN RIGHTS TU", ("PHUM", "HUMAN RIGHTS", "TU"), []),
    ("TAGS: PREL SIPDIS PGOV", ("PREL", "PGOV"), ["tags-repaired"]),
    ("TAGS: KJUS FR KJUS PREL", ("KJUS", "FR", "PREL"), ["tags-repaired"]),
    ("TAGS: PREL, PGOV,\nPHUM, SP", ("PREL", "PGOV", "PHUM", "SP"), []),
    ("TAGS: ECON EFIN\n   EINV", ("ECON", "EFIN", "EINV"), []),
    ("TAGS: PREL PGOV. ", ("PREL", "PGOV"), []),
    ("TAGS: POGOV MOPPS", ("PGOV", "MOPS"), ["tags-repaired"]),
    ("TAGS: PREL, UNGA/C-6, ZANU-PF", ("PREL", "UNGA/C-6", "ZANU-PF"), []),
    ("TAGS: PREL ZZQX", ("PREL", "ZZQX"), ["tags-unknown"]),
    ("TAGS: PREL PGOV SUBJECT: A MEETING", ("PREL", "PGOV"), ["tags-repaired"]),
    ("TAGS EINV,EFIN; KTFN", ("EINV", "EFIN", "KTFN"), []),
]


@pytest.mark.parametrize(("text", "expected", "expected_codes"), FIXTURES)
def test_fixture(text: str, expected: tuple[str, ...], expected_codes: list[str]) -> None:
    reporter = Reporter()
    assert parse_tags(text, reporter) == expected
    assert set(expected_codes) <= set(codes(reporter))
    assert all(d.severity.value == "info" for d in reporter.diagnostics)
    if not expected_codes:
        assert "tags-repaired" not in codes(reporter)


def test_seed_is_clean() -> None:
    reporter = Reporter()
    assert parse_tags("TAGS: PREL PHUM ELAB KTIP MY", reporter) == SEED
    assert reporter.diagnostics == ()


def test_empty_tags_line_warns() -> None:
    reporter = Reporter()
    assert parse_tags("TAGS:", reporter) == ()
    assert codes(reporter) == ["tags-missing"]
    assert reporter.diagnostics[0].severity.value == "warning"


def test_diagnostics_point_at_the_garble() -> None:
    spans = [Span(14, 1, "TAGS: PREL"), Span(15, 3, "PHUMPGOV PREL")]
    reporter = Reporter()
    assert parse_tags(spans, reporter) == ("PREL", "PHUM", "PGOV")
    glued, duplicate = reporter.diagnostics
    assert (glued.code, glued.line, glued.column) == ("tags-repaired", 15, 3)
    assert (duplicate.line, duplicate.column) == (15, 12)
    assert glued.field == "tags"


def test_unknown_tag_position() -> None:
    reporter = Reporter()
    parse_tags("TAGS: PREL, QQQQ", reporter)
    (d,) = reporter.diagnostics
    assert (d.code, d.line, d.column) == ("tags-unknown", 1, 13)


def test_text_without_keyword_is_read_as_tags() -> None:
    reporter = Reporter()
    assert parse_tags("PREL PGOV", reporter) == ("PREL", "PGOV")
    assert codes(reporter) == ["tags-repaired"]


@pytest.mark.parametrize(
    "text",
    [
        "TAGS: PREL",
        "TAGS PREL",
        "Tags: prel",
        "tags: prel",
        "TAG PREL",
        "TAG: PREL",
        "TAGE PREL",
        "TAGES PREL",
        "TAS: PREL",
        "TABS PREL",
        "TGS PREL",
        "AGS: PREL",
        "TAGS:PREL",
        "TAGS",
    ],
)
def test_start_matches_every_keyword(text: str) -> None:
    assert START.match(text) is not None


@pytest.mark.parametrize("text", ["TAGGED AS", "TASK FORCE", "AGS PREL", "TAS PREL", "Tabs are", "STAGS", "tags-PREL"])
def test_start_skips_ordinary_words(text: str) -> None:
    assert START.match(text) is None


def test_start_matches_at_a_position() -> None:
    line = "E.O. 12958: N/A TAGS: ASEC"
    assert START.match(line, line.index("TAGS")) is not None


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("PHUMPGOV", ("PHUM", "PGOV")),
        ("KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG", ("KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG")),
        ("PRELNATO", ("PREL", "NATO")),
        ("FRANCE", None),  # geographic codes alone never split a word
        ("PREL", None),  # too short to be glued
        ("PRELXQ", None),
        ("ZANU-PF", None),
    ],
)
def test_split_glued(word: str, parts: tuple[str, ...] | None) -> None:
    assert split_glued(word) == parts


def test_render_canonical() -> None:
    assert render_tags(SEED) == "TAGS: PREL PHUM ELAB KTIP MY"
    assert render_tags(("OVIP", "CLINTON, HILLARY", "PREL")) == "TAGS: OVIP (CLINTON, HILLARY) PREL"
    assert render_tags(("PREL", "HUMAN RIGHTS")) == "TAGS: PREL (HUMAN RIGHTS)"
    assert render_tags(("OVIP", "XQZW", "YQZW")) == "TAGS: OVIP, XQZW, YQZW"
    assert render_tags(()) == "TAGS:"


# ---------------------------------------------------------------------------
# Properties

SIMPLE = sorted(t for t in TAG_KINDS if re.fullmatch(r"[A-Z]{2,4}", t))
FOUR = sorted(t for t, kind in TAG_KINDS.items() if len(t) == 4 and kind in ("subject", "program") and t.isalpha())
KEYWORDS = ["TAGS:", "TAGS", "Tags:", "TAG", "TAG:", "TAGE", "TAGES", "TAS:", "TABS", "TGS", "AGS:"]
SEPARATORS = [" ", ", ", ",", "; ", "  "]


def link(tag: str, style: str) -> str:
    if style == "markdown":
        return f"[{tag}](#)"
    if style == "html":
        return f"<a href='/tag/{tag}_0.html'>{tag}</a>"
    return tag


tag_lists = st.lists(st.sampled_from(SIMPLE), min_size=1, max_size=12, unique=True)


@given(tag_lists, st.sampled_from(KEYWORDS), st.sampled_from(SEPARATORS), st.sampled_from(["plain", "markdown", "html"]), st.data())
def test_rendered_in_any_style_parses_back(tags: list[str], keyword: str, separator: str, style: str, data: st.DataObject) -> None:
    words = [link(t, style) for t in tags]
    if data.draw(st.booleans()):
        words = [w.lower() if style == "plain" else w for w in words]
    text = keyword + " " + separator.join(words)
    # Wrap the list over several lines at separators.
    cut = data.draw(st.integers(0, len(words) - 1))
    if cut and separator.strip() in ("", ","):
        text = keyword + " " + separator.join(words[:cut]) + separator.rstrip() + "\n" + separator.join(words[cut:])
    assert parse_tags(text, Reporter()) == tuple(tags)


@given(st.lists(st.sampled_from(FOUR), min_size=2, max_size=6, unique=True), st.lists(st.sampled_from(SIMPLE), max_size=3, unique=True))
def test_glued_tags_parse_back(glued: list[str], rest: list[str]) -> None:
    assume(not set(rest) & set(glued))
    reporter = Reporter()
    text = "TAGS: " + "".join(glued) + " " + " ".join(rest)
    assert parse_tags(text, reporter) == (*glued, *rest)
    assert "tags-repaired" in codes(reporter)


def unknown_word(word: str) -> bool:
    reporter = Reporter()
    return parse_tags("TAGS: " + word, reporter) == (word,) and codes(reporter) == ["tags-unknown"]


surnames = st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVWY", min_size=5, max_size=9).filter(unknown_word)


@given(surnames, surnames, st.sampled_from(["OVIP", "KPAO"]), st.booleans(), st.sampled_from(SIMPLE))
def test_person_tags_in_both_spellings(surname: str, given_name: str, program: str, parenthesised: bool, after: str) -> None:
    assume(after not in (program, "SIPDIS"))
    person = f"({surname}, {given_name})" if parenthesised else f"{surname} {given_name}"
    text = f"TAGS: PREL {program} {person} {after}"
    assert parse_tags(text, Reporter()) == tuple(dict.fromkeys(("PREL", program, f"{surname}, {given_name}", after)))


@given(tag_lists, st.lists(st.sampled_from(SIMPLE), max_size=4))
def test_duplicates_are_removed_keeping_the_first(tags: list[str], repeats: list[str]) -> None:
    text = "TAGS: " + " ".join(tags + repeats)
    assert parse_tags(text, Reporter()) == tuple(dict.fromkeys(tags + repeats))


@given(tag_lists)
def test_render_parse_round_trip(tags: list[str]) -> None:
    value = parse_tags("TAGS " + ", ".join(tags), Reporter())
    assert parse_tags(render_tags(value), Reporter()) == value


@given(st.text(max_size=120))
def test_parsed_values_round_trip(text: str) -> None:
    value = parse_tags("TAGS: " + text, Reporter())
    assert all(tag == tag.upper() and tag for tag in value)
    assert parse_tags(render_tags(value), Reporter()) == value


@pytest.mark.parametrize(
    "text",
    [
        "TAGS: a" + ".-" * 20_000 + "b",
        "TAGS: " + "<a x " * 20_000,
        "TAGS: " + "QQ " * 20_000,
        "TAGS: " + "PREL" * 20_000,
        "TAGS: " + "(A " * 20_000,
    ],
)
def test_long_garbage_is_read_in_linear_time(text: str) -> None:
    assert_fast(parse_tags, text)


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_never_raises(parse_tags, text)


# ---------------------------------------------------------------------------
# The real corpus

LINK = re.compile(r"<a href='/tag/[^']*'>([^<]*)</a>")
PRE = re.compile(r"<pre>(.*?)</pre>", re.S)


def tags_lines() -> list[tuple[str, str, tuple[str, ...]]]:
    """(page, TAGS line from the keyword on, deduplicated link texts) for pages with tag links."""
    out = []
    for page in corpus_pages():
        blocks = PRE.findall(page.read_text(encoding="utf-8", errors="replace"))
        if not blocks:
            continue
        body = blocks[-1]
        links = [html.unescape(x).upper() for x in LINK.findall(body)]
        if not links:
            continue
        line = html.unescape(next(x for x in body.split("&#x000A;") if "/tag/" in x))
        keyword = re.search(r"(?i)\bta[gb]s?\b", line)
        assert keyword is not None
        out.append((page.name, line[keyword.start() :], tuple(dict.fromkeys(links))))
    return out


@requires_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("form", ["html", "markdown", "plain"])
def test_corpus_tags_agree_with_the_page_links(form: str) -> None:
    lines = tags_lines()
    assert len(lines) > 100
    agree = 0
    for _name, line, expected in lines:
        if form == "markdown":
            line = LINK.sub(lambda m: f"[{m.group(1)}](#)", line)
        elif form == "plain":
            line = LINK.sub(lambda m: m.group(1), line)
        agree += parse_tags(line, Reporter()) == expected
    share = agree / len(lines)
    print(f"TAGS {form}: {agree}/{len(lines)} = {share:.1%}")
    assert share >= 0.98


@requires_corpus
@pytest.mark.corpus
def test_corpus_every_tags_line_parses_without_warnings() -> None:
    seen = 0
    for page in corpus_pages():
        blocks = PRE.findall(page.read_text(encoding="utf-8", errors="replace"))
        if not blocks:
            continue
        for line in html.unescape(LINK.sub(lambda m: m.group(1), blocks[-1])).split("&#x000A;")[:60]:
            keyword = re.search(r"\b(?:TAGS?|Tags)\b", line)
            if keyword and START.match(line, keyword.start()):
                reporter = Reporter()
                assert parse_tags(line[keyword.start() :], reporter)
                assert all(d.severity.value == "info" for d in reporter.diagnostics), page.name
                seen += 1
                break
    assert seen >= 190
