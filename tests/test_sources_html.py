"""Cablegate HTML pages: metadata, the two <pre> blocks, entities, links, positions."""

from __future__ import annotations

import datetime as dt

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cableparse
from cableparse import sources
from cableparse.errors import CableParseError, Reporter
from cableparse.model import ContainerMetadata, SourceFormat
from cableparse.sourcemap import Document
from cableparse.sources import common
from cableparse.sources import html as html_source
from cableparse.sources.html import decode_html, render_html

UTC = dt.timezone.utc

_BODY_PRE = (
    "<code><pre>S E C R E T OSLO 000042&#x000A;&#x000A;TAGS: <a href='/tag/PREL_0.html'>PREL</a> <a href="
    "'/tag/NO_0.html'>NO</a>&#x000A;SUBJECT: FISH &amp; CHIPS&#x000A;&#x000A;<a id='par1' href='#par1'>¶<"
    "/a>1. (S) The minister&#8217;s &quot;view&quot; &lt;firm&gt; & final.&#x000A;<a id='parB' href='#par"
    "B'>¶</a>B. OSLO 7&#x000A;MOORE</pre></code>"
)

PAGE = """<?xml version='1.0' encoding='utf-8' ?>
<html lang='en'>
<body>
<div class='pane small'><a href='/tag/ZZ_0.html'>ZZ</a></div>
<div class='pane big'>
<h3>Viewing cable 07OSLO42, NORWAY: FISH &amp; CHIPS QUOTA</h3>
<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/cable/2007/01/07OSLO42.html'>07OSLO42</a>
</td>
<td>
<a href='/date/2007-01_0.html'>2007-01-09 16:04</a>
</td>
<td>
<a href='/reldate/2010-12-01_0.html'>2010-12-01 21:09</a>
</td>
<td>
<a href='/classification/3_0.html' title='unclassified'>SECRET//NOFORN</a>
</td>
<td>
<a href='/origin/71_0.html'>Embassy Oslo</a>
</td>
</tr>
</table>
<code><pre>VZCZCXYZ0001&#x000A;PP RUEHWEB</pre></code>
@BODY@
</div>
</body>
</html>
""".replace("@BODY@", _BODY_PRE)

#: The physical line of the body <pre> in PAGE.
BODY_LINE = next(i for i, line in enumerate(PAGE.split("\n"), 1) if line.startswith("<code><pre>S E C R E T"))


def _decode(page: str) -> tuple[Document | None, Reporter]:
    reporter = Reporter()
    return decode_html(page, reporter), reporter


def test_metadata_table_and_title() -> None:
    doc, reporter = _decode(PAGE)
    assert doc is not None
    assert doc.metadata == ContainerMetadata(
        reference_id="07OSLO42",
        created=dt.datetime(2007, 1, 9, 16, 4, tzinfo=UTC),
        released=dt.datetime(2010, 12, 1, 21, 9, tzinfo=UTC),
        classification="SECRET//NOFORN",  # the text, not the title attribute
        origin="Embassy Oslo",
        title="NORWAY: FISH & CHIPS QUOTA",
    )
    assert [d.code for d in reporter.diagnostics] == ["markdown-pilcrow"]


def test_two_blocks_give_header_and_body() -> None:
    doc, _ = _decode(PAGE)
    assert doc is not None
    assert doc.body_start == 2
    assert doc.lines == [
        "VZCZCXYZ0001",
        "PP RUEHWEB",
        "S E C R E T OSLO 000042",
        "",
        "TAGS: PREL NO",
        "SUBJECT: FISH & CHIPS",
        "",
        '1. (S) The minister’s "view" <firm> & final.',
        "B. OSLO 7",
        "MOORE",
    ]


def test_body_positions_are_on_the_one_physical_line() -> None:
    doc, _ = _decode(PAGE)
    assert doc is not None
    body = PAGE.split("\n")[BODY_LINE - 1]
    locate = doc.source_map.locate
    for number, text in enumerate(doc.lines[2:], 3):
        for column, char in enumerate(text, 1):
            line, col = locate(number, column)
            assert line == BODY_LINE
            assert body[col - 1] in (char, "&"), (number, column, char)
    assert locate(5, 7) == (BODY_LINE, body.index(">PREL<") + 2)  # P of the linked PREL
    assert locate(8, 20) == (BODY_LINE, body.index("&#8217;") + 1)  # ’ maps to its entity
    assert locate(4, 1) == (BODY_LINE, body.index("&#x000A;&#x000A;TAGS") + 9)  # an empty line maps to its break


def test_header_positions() -> None:
    doc, _ = _decode(PAGE)
    assert doc is not None
    header = PAGE.split("\n")[BODY_LINE - 2]
    assert doc.source_map.locate(2, 4) == (BODY_LINE - 1, header.index("RUEHWEB") + 1)


def test_one_block_is_the_body() -> None:
    doc, _ = _decode("<html><body><code><pre>UNCLAS OSLO 000001&#x000A;SMITH</pre></code></body></html>")
    assert doc is not None
    assert doc.body_start == 0
    assert doc.lines == ["UNCLAS OSLO 000001", "SMITH"]
    assert doc.metadata is None


def test_partial_record_notice_stays_in_the_header() -> None:
    notice = "This record is a partial extract of the original cable. The full text of the original cable is not available."
    doc, _ = _decode(f"<h3>Viewing cable 05OSLO9, X</h3><code><pre>{notice}</pre></code>\n<code><pre>UNCLAS OSLO 000009</pre></code>")
    assert doc is not None
    assert doc.lines[: doc.body_start] == [notice]
    assert doc.lines[doc.body_start :] == ["UNCLAS OSLO 000009"]


def test_bare_ampersands_and_unknown_entities_stay_as_written() -> None:
    doc, _ = _decode("<pre>R&D &notice; &unknown; &amp &#x41;</pre>")
    assert doc is not None
    # Only complete, known entities are decoded: "&not" is not "¬" here.
    assert doc.lines == ["R&D &notice; &unknown; &amp A"]


def test_other_tags_are_dropped_and_newline_variants_end_lines() -> None:
    doc, _ = _decode("<pre>A <b>bold</b> word<br />&#10;next&#xa;last</pre>")
    assert doc is not None
    assert doc.lines == ["A bold word", "next", "last"]


def test_real_newlines_inside_a_block_keep_their_lines() -> None:
    doc, _ = _decode("<p>x</p>\n<pre>FIRST LINE\nSECOND &amp; LINE</pre>")
    assert doc is not None
    assert doc.lines == ["FIRST LINE", "SECOND & LINE"]
    assert doc.source_map.locate(1, 1) == (2, 6)
    assert doc.source_map.locate(2, 8) == (3, 8)  # "&" stands for "&amp;"
    assert doc.source_map.locate(2, 10) == (3, 14)


def test_page_without_pre_is_a_clear_error() -> None:
    page = "<html><body><h3>Viewing cable 07OSLO1, X</h3><p>nothing here</p></body></html>"
    doc, reporter = _decode(page)
    assert doc is None
    assert [d.code for d in reporter.diagnostics] == ["html-no-pre"]
    cable = cableparse.parse(page)
    assert [d.code for d in cable.errors] == ["html-no-pre"]
    with pytest.raises(CableParseError, match=r"error\[html-no-pre\]: the HTML page has no <pre> block"):
        cableparse.parse(page, strict=True)


def test_short_metadata_table_warns_with_its_line() -> None:
    page = (
        "<h3>Viewing cable 07OSLO1, X</h3>\n"
        "<table class='cable'><tr><td>07OSLO1</td><td>2007-01-02 03:04</td></tr></table>\n"
        "<pre>UNCLAS</pre>"
    )
    doc, reporter = _decode(page)
    assert doc is not None
    [warning] = reporter.diagnostics
    assert (warning.code, warning.line, warning.column) == ("html-metadata", 2, 1)
    assert doc.metadata is not None
    assert doc.metadata.reference_id == "07OSLO1"
    assert doc.metadata.created == dt.datetime(2007, 1, 2, 3, 4, tzinfo=UTC)


def test_unreadable_created_is_none_with_a_warning() -> None:
    page = PAGE.replace("2007-01-09 16:04", "2007-13-09 16:04")
    doc, reporter = _decode(page)
    assert doc is not None and doc.metadata is not None
    assert doc.metadata.created is None
    assert "html-metadata" in [d.code for d in reporter.diagnostics]


def test_render_then_decode() -> None:
    meta = ContainerMetadata(reference_id="09X1", classification="CONFIDENTIAL", origin="Embassy X", title="A & B")
    page = render_html("P 010101Z JAN 09", 'CONFIDENTIAL X 000001\nTAGS: PREL\n1. (C) <A> & "B".\nB. X 2', meta)
    doc, _ = _decode(page)
    assert doc is not None
    assert doc.metadata == meta
    assert doc.lines == ["P 010101Z JAN 09", "CONFIDENTIAL X 000001", "TAGS: PREL", '1. (C) <A> & "B".', "B. X 2"]


def _lines(lines: list[str]) -> list[str]:
    """What a block holding these lines decodes to: a final line break ends the last line."""
    out = "\n".join(lines).split("\n")
    return out[:-1] if out[-1] == "" else out


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("&<>;#\"'¶"), max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT, max_size=5), st.lists(_TEXT, min_size=1, max_size=6))
def test_rendered_pages_decode_to_their_lines(header: list[str], body: list[str]) -> None:
    page = render_html("\n".join(header), "\n".join(body))
    doc, _ = _decode(page)
    assert doc is not None
    expected = _lines(header) + _lines(body)
    assert doc.lines == expected
    assert doc.body_start == len(_lines(header))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_inside_a_block_never_raises(text: str) -> None:
    cable = cableparse.parse(f"<html><pre>{text}</pre></html>")
    assert cable.source_format is SourceFormat.HTML


def _outcome(data: bytes | str) -> tuple[object, ...]:
    """Everything decoding gives: lines, the position of every character, diagnostics."""
    reporter = Reporter()
    doc = sources.load(data, reporter, max_size=10**7)
    assert doc is not None, reporter.diagnostics
    where = [[doc.source_map.locate(n, c) for c in range(len(line) + 2)] for n, line in enumerate(doc.lines, 1)]
    return doc.lines, doc.body_start, doc.metadata, doc.diagnostics, where


def test_a_learnt_page_start_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages that share 8 KB of navigation, then differ (the share link names the cable).
    nav = "".join(f"<a href='/tag/T{i}_0.html'>T{i}</a>\n" for i in range(300))
    texts = [PAGE.replace("<body>\n", f"<body>\n{nav}<a href='/share/{i}'>share</a>\n") for i in range(3)]
    texts += [
        texts[0].replace("OSLO 7", "OSLO\x00 7"),  # a control character after the prefix
        texts[1].replace("\n", "\r\n"),  # other line ends: no prefix
        texts[2].replace("<pre>", "<pre>\n"),
    ]
    pages: list[bytes | str] = [*texts, texts[0].replace("FISH", "FISH\u2019").encode("cp1252")]  # cp1252: not the same text
    pages += [page.encode() for page in texts]

    def forget() -> None:
        monkeypatch.setattr(common, "_known", None)
        monkeypatch.setattr(common, "_last_start", "")

    forget()
    cold = []
    for page in pages:
        forget()
        cold.append(_outcome(page))
    warm = [_outcome(page) for page in pages]
    assert common._known is not None and common._known.text.startswith(PAGE[:10])
    # The warm pages did take the short way where they can: not with other
    # line ends (CRLF) nor when the bytes are not UTF-8 (cp1252).
    read = [common.read_input(page, Reporter()) for page in pages]
    took = [r is not None and r[2] is not None for r in read]
    assert took == [True, True, True, True, False, True, False, True, True, True, True, False, True]
    assert warm == cold


def test_tag_names_match_only_their_own_letters_ignoring_case() -> None:
    # The lower-case search behind the HTML patterns relies on it: no other
    # character (a Kelvin sign, a long s) matches these letters.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for char in "</prehtabl3":
        found = set(regex.findall(regex.escape(char), everything, flags=regex.IGNORECASE))
        assert {c.lower() for c in found} == {char}


def test_capital_tags_are_found_after_lower_case_ones_fail() -> None:
    doc, _ = _decode("<H3>Viewing cable 07OSLO1, X</H3><TABLE CLASS='cable'><TD>07OSLO1</TD></TABLE><PRE>UNCLAS</PRE>")
    assert doc is not None and doc.metadata is not None
    assert doc.metadata.title == "X"
    assert doc.lines == ["UNCLAS"]


def _positions(page: str) -> tuple[object, ...]:
    doc, reporter = _decode(page)
    assert doc is not None
    where = [[doc.source_map.locate(n, c) for c in range(len(line) + 2)] for n, line in enumerate(doc.lines, 1)]
    return doc.lines, where, reporter.diagnostics


_MARKUP = st.lists(
    st.sampled_from(
        [
            *("<a href='/tag/X_0.html'>", "</a>", "<a id='p'>", "<a\thref='#'>", "<b>", "</B>", "<a>", "<1>", "</ >", "<", ">", "/", "a"),
            *("¶", "&para;", "&amp;", "&#x000A;", " ", "\n", "X", "PREL", "x" * 1001, "\u2019"),
        ]
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
@example(["<a id='p'>", "¶", "</a>", "X"])
@example(["<a\thref='#'>", " ", "&para;", "</a>"])
@example(["<a>", "¶", "</a>", "<b>", "x" * 1001, ">", "</ >", "<1>", "<", "a", "/", ">"])
@example(["<", "b", "x" * 1001, ">", "Y", "</", "b", "x" * 999, ">", "Y"])
def test_plain_tags_read_without_the_pattern_as_with_it(pieces: list[str]) -> None:
    page = "<pre>TAGS: " + "".join(pieces) + "&#x000A;END</pre>"
    fast = _positions(page)
    # With no letter allowed, every tag goes through the token pattern.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html_source, "_ASCII_LETTERS", frozenset())
        assert _positions(page) == fast


@pytest.mark.parametrize(
    "extra",
    ["", "<tr><th>Note</th><td>late heading</td></tr>\n"],
)
def test_cells_are_named_by_their_headings_in_any_order(extra: str) -> None:
    swapped = PAGE.replace("<th>Created</th>\n<th>Released</th>", "<th>Released</th>\n<th>Created</th>")
    doc, _ = _decode(swapped.replace("</tr>\n</table>", "</tr>\n" + extra + "</table>"))
    assert doc is not None and doc.metadata is not None
    # Read by heading: the first date is the release, the second the creation.
    assert doc.metadata.released == dt.datetime(2007, 1, 9, 16, 4, tzinfo=UTC)
    assert doc.metadata.created == dt.datetime(2010, 12, 1, 21, 9, tzinfo=UTC)


def test_a_heading_after_the_cablegate_row_is_read() -> None:
    # The usual heading row, then "Origin" again over a sixth cell: the later one wins.
    page = PAGE.replace("Embassy Oslo</a>\n</td>\n", "Embassy Oslo</a>\n</td>\n<th>Origin</th><td>x</td>\n")
    doc, _ = _decode(page)
    assert doc is not None and doc.metadata is not None
    assert doc.metadata.origin == "x"
