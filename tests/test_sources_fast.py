"""The short ways of the HTML decoder give what the careful ways give.

* A physical line of a ``<pre>`` block is decoded as one run with lazily
  worked out columns: lines, pilcrow anchors and every position must be
  those of the part-by-part decoding.
* A page whose bytes start with the learnt prefix is decoded from the rest
  alone: everything must be as when the whole page is decoded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cableparse import sources
from cableparse.errors import Reporter
from cableparse.model import SourceFormat
from cableparse.sources import common
from cableparse.sources import html as html_source
from cableparse.sources.common import LineSink

_NL = "&#x000A;"

# Pieces of a block line: the usual ones and their near misses.
_FRAGMENTS = [
    _NL,
    _NL,
    _NL,
    "UNCLAS",
    "1. (C) Text",
    " ",
    "",
    "<a id='par1' href='#par1'>¶</a>",
    "<a id='parB' href='#parB'>¶</a>",
    "<a id='par2' href='#par2'>x</a>",  # no pilcrow
    "<a id='par3'>¶ </a>",  # a space before </a>
    "<a id='par4' href='#par4'>¶</A>",
    "<a id='par",  # cut short
    "¶</a>",
    "TAGS: ",
    "<a href='/tag/PREL_0.html'>PREL</a>",
    "<a href='#'>¶</a>",
    "<b>",
    "</a>",
    "<",
    ">",
    "< a>",
    "&amp;",
    "&",
    "R&D",
    "&#x000a;",  # a line break the slow way
    "&#10;",
    "&#x000",
    "&para;",
    "&notanentity;",
    "\u2019",
]


@st.composite
def _pieces(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(_FRAGMENTS), max_size=30)))


def _decoded(physical: object, piece: str, before: list[str], line: int, column: int) -> tuple[object, ...]:
    sink = LineSink(2)
    for text in before:  # lines already there shift the numbering
        sink.whole(text, 1, 1)
    pilcrows: list[tuple[int, int, str]] = []
    end = physical(sink, piece, line, column, pilcrows)  # type: ignore[operator]
    if sink.pending:
        sink.newline(line, end)
    doc = sink.document(SourceFormat.HTML, None)
    smap = doc.source_map
    where = [[smap.locate(n, c) for c in range(len(text) + 2)] for n, text in enumerate(doc.lines, 1)]
    starts = [[s[0] for s in segs] if (segs := smap.line_segments(n)) else [1] for n in range(1, len(doc.lines) + 2)]
    return doc.lines, pilcrows, end, where, starts


@given(_pieces(), st.lists(st.just("x"), max_size=2), st.integers(1, 5), st.integers(1, 40))
@example("UNCLAS" + _NL + "<a id='par1' href='#par1'>¶</a>1. (C) Text" + _NL + "TAGS: <a href='/tag/PREL_0.html'>PREL</a>" + _NL, [], 3, 12)
@example(_NL + "<a id='par1' href='#par1'>¶</a>1. (C) x&#x000a;y" + _NL + "z", ["x"], 1, 1)
@example("<a id='par1' href='#par1'>¶</a>" + _NL + "<a id='par1' href='#par1'>¶</a><b>" + _NL + "R&D", [], 1, 1)
def test_a_physical_line_decodes_as_part_by_part(piece: str, before: list[str], line: int, column: int) -> None:
    fast = _decoded(html_source._decode_physical, piece, before, line, column)
    slow = _decoded(html_source._decode_physical_slow, piece, before, line, column)
    assert fast == slow


def test_the_lazy_columns_are_the_part_starts() -> None:
    parts = ["ab", "<a id='par1' href='#par1'>¶</a>1. x", "", "cd"]
    texts = ["ab", "1. x", "", "cd"]
    columns = html_source._PartColumns(parts, texts, 5)
    expected = [5, 5 + 2 + 8 + 31, 5 + 2 + 8 + 35 + 8, 5 + 2 + 8 + 35 + 8 + 8]
    assert len(columns) == 4
    assert [columns[k] for k in range(4)] == expected
    assert list(columns) == expected
    assert columns[1:3] == expected[1:3]
    assert columns[-1] == expected[-1]
    with pytest.raises(IndexError):
        columns[4]


_PAGE_HEAD = "<?xml version='1.0' encoding='utf-8' ?>\n<html lang='en'>\n<body>\n" + "".join(
    f"<a href='/tag/T{i}_0.html'>T{i}</a>\n" for i in range(300)
)
_TITLE = "<div class='pane big'>\n<h3>Viewing cable 07OSLO42, FISH</h3>\n"
_TABLE = (
    "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n<th>Classification</th>\n"
    "<th>Origin</th>\n</tr>\n<tr>\n<td>\n<a href='/cable/2007/01/07OSLO42.html'>07OSLO42</a>\n</td>\n<td>\n"
    "<a href='/date/2007-01_0.html'>2007-01-09 16:04</a>\n</td>\n<td>\n<a href='/reldate/2010-12-01_0.html'>2010-12-01 21:09</a>\n"
    "</td>\n<td>\n<a href='/classification/3_0.html'>SECRET</a>\n</td>\n<td>\n<a href='/origin/71_0.html'>Embassy Oslo</a>\n</td>\n"
    "</tr>\n</table>\n"
)
_BLOCKS = (
    "<code><pre>This record is a partial extract.</pre></code>\n<code><pre>S E C R E T OSLO 000042"
    + _NL
    + "TAGS: <a href='/tag/PREL_0.html'>PREL</a>"
    + _NL
    + "<a id='par1' href='#par1'>¶</a>1. (S) Fish."
    + _NL
    + "MOORE</pre></code>\n</div>\n</body>\n</html>\n"
)

# Near misses of the usual page after the prefix.
_TAILS = [
    _TITLE + _TABLE + _BLOCKS,
    _TITLE + _BLOCKS,
    _TITLE.replace("<div class='pane big'>\n<h3>", "") + _TABLE + _BLOCKS,  # no "<" before the title after the prefix
    "<h3>Viewing cable 07OSLO42</h3>" + _TABLE + "no block",
    _TABLE + _BLOCKS,  # no title
    _TITLE + _TABLE,  # no block
    _TITLE + _TABLE + _BLOCKS.replace("OSLO", "OSLO\x00"),
    _TITLE + _TABLE + _BLOCKS.replace("\n", "\r\n"),
    _TITLE + _TABLE + _BLOCKS.replace("Fish", "Fish\ufffd" * 3),
    _TITLE + _TABLE + _BLOCKS.replace("Fish", "\x01" * 20),
    _TITLE + _TABLE + _BLOCKS.replace("<pre>S E C", "<pre>\nS E C"),
    _TITLE.replace("\n<h3>", "<pre>early</pre>\n<h3>") + _TABLE + _BLOCKS,
    " \n\t",
    "",
]


def _outcome(data: bytes | str) -> tuple[object, ...]:
    reporter = Reporter()
    doc = sources.load(data, reporter, max_size=10**7)
    if doc is None:
        return (None, reporter.diagnostics)
    smap = doc.source_map
    where = [[smap.locate(n, c) for c in range(len(line) + 2)] for n, line in enumerate(doc.lines, 1)]
    originals = [smap.original_line(n) for n in range(0, 400)]
    return doc.lines, doc.body_start, doc.metadata, doc.diagnostics, where, originals


@contextlib.contextmanager
def _learnt() -> Iterator[common.KnownPrefix]:
    """A prefix learnt from two pages; the module's memory is given back after."""
    saved = common._known, common._last_start
    common._known, common._last_start = None, ""
    try:
        for i in range(2):
            sources.load((_PAGE_HEAD + f"<a href='/share/{i}'>share</a>\n" + _TAILS[0]).encode(), Reporter(), max_size=10**7)
        assert common._known is not None
        yield common._known
    finally:
        common._known, common._last_start = saved


@given(st.lists(st.sampled_from(_TAILS), min_size=1, max_size=3), st.sampled_from(["", "\ufffd", "\u2019", "x\n"]), st.booleans())
def test_a_page_after_the_learnt_prefix_decodes_as_the_whole(tails: list[str], extra: str, as_bytes: bool) -> None:
    with _learnt() as learnt:
        text = learnt.text + extra + "".join(tails)
        data: str | bytes = text.encode() if as_bytes else text
        warm = _outcome(data)
        read = common.read_parts(data, Reporter())
        assert read is None or read[2] is learnt
        # The same page decoded whole, without a prefix to lean on.
        common._known = None
        cold = _outcome(data)
    assert warm == cold


def test_a_learnt_prefix_with_replacement_characters_counts_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # Bytes that start with a learnt prefix holding U+FFFD: the binary test
    # counts them as it would reading the whole page.
    head = "<html>\n" + "\ufffd\n" * 900 + "x\n" * 1700
    known = common.KnownPrefix(head, head.encode(), head.count("\n"), head.count("\ufffd"))
    monkeypatch.setattr(common, "_known", known)
    data = (head + "\x01" * 40 + "<pre>x</pre>\n").encode()
    warm = common.read_parts(data, Reporter())
    monkeypatch.setattr(common, "_known", None)
    cold_reporter = Reporter()
    cold = common.read_parts(data, cold_reporter)
    assert warm is None and cold is None
    monkeypatch.setattr(common, "_known", known)
    warm_reporter = Reporter()
    common.read_parts(data, warm_reporter)
    assert warm_reporter.diagnostics == cold_reporter.diagnostics


_TAG_BITS = ["TAGS: ", "PREL", " ", "<a href='/tag/PREL_0.html'>", "</a>", "<", ">", "<b>", "</", "< a>", "<a>", "xxx"]
# Near the 1,000-character limit of a tag.
_TAG_BITS += ["<a href='" + "y" * 991 + "'>", "<a href='" + "y" * 992 + "'>", "<a href='" + "y" * 993 + "'>"]


@given(st.lists(st.sampled_from(_TAG_BITS), max_size=20))
def test_tags_are_dropped_as_the_token_reader_drops_them(bits: list[str]) -> None:
    part = "".join(bits)
    sink = LineSink()
    html_source._decode_markup(sink, part, 4, 9, [])
    sink.newline(4, 9 + len(part))
    assert html_source._plain_tags(part, 4, 9) == (sink.lines[0], sink.segments.get(1, [(1, 1, 1)]))
