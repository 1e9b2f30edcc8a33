"""Cablegate HTML pages: metadata table, title and the two ``<pre>`` blocks.

The page is mostly navigation markup, so it is not parsed as a DOM: a few
anchored regular expressions find the ``<h3>`` title, the metadata table
and the ``<pre>`` blocks, and only the text inside the blocks is decoded.
Inside a block ``&#x000A;`` ends a line, entities are decoded one by one
(only the ``&name;``/``&#n;`` forms, so a bare ``&`` in the text stays),
the TAG links give their text, pilcrow anchors are removed and any other
tag is dropped.  Every character keeps its page line and column: the body
block of a Cablegate page is one physical line, so its positions are
(that line, column in it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import string
from bisect import bisect_right
from collections.abc import Sequence
from html.entities import html5
from itertools import accumulate, repeat
from typing import overload

import regex

from ..errors import Reporter, Span
from ..model import ContainerMetadata, SourceFormat
from ..sourcemap import Document
from .common import PILCROW_LINE, TAG_WORD, KnownPrefix, LazyLines, LineSink, OffsetLines, learn_prefix, position

__all__ = ["decode_after", "decode_html", "parse_page_metadata", "render_html"]

_TITLE_WORDS = "Viewing cable"
_PRE_OPEN = regex.compile(r"<pre\b[^<>]{0,200}>", regex.IGNORECASE)
_PRE_CLOSE = regex.compile(r"</pre\s*+>", regex.IGNORECASE)
_NEWLINE_ENTITY = "&#x000A;"
_TOKEN = regex.compile(
    r"(?P<pilcrow><a\s[^<>]{0,200}>\s*+(?:¶|&para;|&#182;|&#[xX]0*+[bB]6;)\s*+</a\s*+>)"
    r"|(?P<tag></?[A-Za-z][^<>]{0,1000}>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)
_TABLE = regex.compile(r"<table\s[^<>]{0,200}\bclass=['\"]cable['\"][^<>]{0,200}>", regex.IGNORECASE)
_TABLE_END = regex.compile(r"</table\s*+>", regex.IGNORECASE)
_TITLE = regex.compile(r"<h3>\s*+Viewing cable\s++([^,<\s]++)\s*+,?([^<]*+)</h3>", regex.IGNORECASE)
_STAMP = regex.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{2}):([0-9]{2})(?::[0-9]{2})?")
_COLUMNS = ("reference id", "created", "released", "classification", "origin")
#: The start of a Cablegate metadata table, whose headings are the _COLUMNS.
_HEADINGS = "\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n"


def decode_html(
    text: str, reporter: Reporter, *, source: str | None = None, line_offset: int = 0, known: KnownPrefix | None = None
) -> Document | None:
    """Decode a Cablegate page; ``None`` with ``html-no-pre`` when it has no ``<pre>`` block.

    ``known`` is the learnt prefix ``text`` starts with, if any
    (:func:`cableparse.sources.common.read_input` says).

    The first of two blocks is the header (it may hold only the partial
    record notice, which the header parser flags); a single block is the
    body.  ``body_start`` is the number of header lines.
    """
    # On a Cablegate page everything of interest follows the <h3> title;
    # starting there spares a scan of the navigation markup.  The title is
    # not in the known prefix, whose line breaks are counted already.
    skip = len(known.text) if known is not None else 0
    title = text.find(_TITLE_WORDS, max(skip - len(_TITLE_WORDS) + 1, 0))
    anchor = max(text.rfind("<", 0, max(title, 0)), 0)
    if known is not None and anchor >= skip:
        lines_before = known.newlines + text.count("\n", skip, anchor)
    else:
        lines_before = text.count("\n", 0, anchor)
        if known is None:
            learn_prefix(text, anchor)
    origin = (line_offset + 1 + lines_before, anchor)
    blocks = _pre_blocks(text, anchor) or (_pre_blocks(text, 0) if anchor else [])
    if not blocks:
        reporter.report("html-no-pre", "the HTML page has no <pre> block with cable text", field="html")
        return None
    if blocks[0][0] < anchor:
        anchor, origin = 0, (line_offset + 1, 0)
    lines = LazyLines(text)
    return _decode_page(text, reporter, origin, blocks, line_offset, lines, source)


def decode_after(rest: str, known: KnownPrefix, reporter: Reporter, *, source: str | None = None, line_offset: int = 0) -> Document | None:
    """:func:`decode_html` of ``known.text + rest``, read from ``rest`` alone; ``None`` when it needs the whole page.

    The usual page has its title, the "<" before it and its ``<pre>``
    blocks after the prefix: then ``rest`` is enough (and the page is never
    put together).  The prefix ends a line, so a column in ``rest`` is the
    column in the page, and its line breaks are counted already.
    """
    title = rest.find(_TITLE_WORDS)
    anchor = rest.rfind("<", 0, title) if title > 0 else -1
    if anchor < 0:
        return None
    blocks = _pre_blocks(rest, anchor)
    if not blocks:
        return None
    origin = (line_offset + 1 + known.newlines + rest.count("\n", 0, anchor), anchor)
    return _decode_page(rest, reporter, origin, blocks, line_offset, LazyLines(rest, known.text), source)


def _decode_page(
    text: str,
    reporter: Reporter,
    origin: tuple[int, int],
    blocks: list[tuple[int, int]],
    line_offset: int,
    lines: LazyLines,
    source: str | None,
) -> Document:
    """The page's metadata and blocks, searched from ``origin`` (line number, offset)."""
    metadata = parse_page_metadata(text, reporter, origin=origin, before=blocks[0][0])
    sink = LineSink(line_offset)
    # (line, column, text) of each anchor: only the first becomes a Span.
    pilcrows: list[tuple[int, int, str]] = []
    body_blocks = blocks[1:] if len(blocks) > 1 else blocks
    # Each block's lines are counted from the one before.
    if len(blocks) > 1:
        origin = _decode_block(sink, text, blocks[0], origin, pilcrows)
    body_start = len(sink.lines)
    for block in body_blocks:
        origin = _decode_block(sink, text, block, origin, pilcrows)
    if pilcrows:
        reporter.report(
            "markdown-pilcrow",
            f"{len(pilcrows)} pilcrow anchor(s) removed before paragraph numbers or REF letters",
            Span(*pilcrows[0]),
            field="html",
        )
    return sink.document(
        SourceFormat.HTML,
        lines if line_offset == 0 else OffsetLines(lines, line_offset + 1),
        body_start=body_start,
        metadata=metadata,
        source=source,
    )


def _pre_blocks(text: str, pos: int) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    while True:
        m = _find(text, "<pre", _PRE_OPEN, pos)
        if m is None:
            return blocks
        close = text.find("</pre>", m.end())
        if close < 0:
            found = _PRE_CLOSE.search(text, m.end())
            close = found.start() if found is not None else len(text)
        blocks.append((m.end(), close))
        pos = close + 1


def _find(text: str, literal: str, pattern: regex.Pattern[str], pos: int, endpos: int | None = None) -> regex.Match[str] | None:
    """``pattern.search`` sped up by finding its usual lower-case ``literal`` start first.

    ``pattern`` ignores case and starts with ``literal``, whose characters
    match only themselves and their capitals: where no lower-case start
    matches, the other spellings are found in a lower-cased copy (which
    keeps every position unless a character lower-cases to several).
    """
    end = len(text) if endpos is None else endpos
    i = text.find(literal, pos, end)
    while i >= 0:
        m = pattern.match(text, i, end)
        if m is not None:
            return m
        i = text.find(literal, i + 1, end)
    low = text[pos:end].lower()
    if len(low) != end - pos:
        return pattern.search(text, pos, end)
    i = low.find(literal)
    while i >= 0:
        m = pattern.match(text, pos + i, end)
        if m is not None:
            return m
        i = low.find(literal, i + 1)
    return None


def _decode_block(
    sink: LineSink, text: str, block: tuple[int, int], origin: tuple[int, int], pilcrows: list[tuple[int, int, str]]
) -> tuple[int, int]:
    """Decode the block ``text[start:end]``; returns the line number of ``start`` and ``start``."""
    start, end = block
    line, column = position(text, start, *origin)
    at = (line, start)
    while True:
        nl = text.find("\n", start, end)
        stop = end if nl < 0 else nl
        column = _decode_physical(sink, text[start:stop], line, column, pilcrows)
        if nl < 0:
            break
        sink.newline(line, column)
        start, line, column = nl + 1, line + 1, 1
    if sink.pending:
        sink.newline(line, column)
    return at


_NL_LEN = len(_NEWLINE_ENTITY)
_ASCII_LETTERS = frozenset(string.ascii_letters)


def _decode_physical(sink: LineSink, piece: str, line: int, column: int, pilcrows: list[tuple[int, int, str]]) -> int:
    """Decode one physical line of a block; returns the column after it.

    Its ``&#x000A;`` lines go to the sink as one run whose start columns are
    worked out only when a position is asked for; only the few lines with
    markup (pilcrow anchors, TAGS links, entities) are looked at one by one.
    """
    parts = piece.split(_NEWLINE_ENTITY)
    last = parts.pop()
    n = len(parts)
    # An "&" that is not a line break's (rare) takes the slow path.  (A copy
    # and a memchr cost less than counting the "&"s.)
    if not n or "&" in last or "&" in "".join(parts):
        parts.append(last)
        return _decode_physical_slow(sink, piece, line, column, pilcrows, parts)
    texts = parts.copy()
    first = len(sink.lines) + 1
    scratch: LineSink | None = None
    marked: dict[int, list[tuple[int, int, int]]] = {}
    ps = 0  # where part k starts in piece
    k = 0
    i = piece.find("<")
    while i >= 0:
        seps = piece.count(_NEWLINE_ENTITY, ps, i)
        if seps:
            k += seps
            ps = piece.rfind(_NEWLINE_ENTITY, ps, i) + _NL_LEN
        if k == n:
            break  # the last part is marked
        part = parts[k]
        # _pilcrow_end's test, written out: most marked parts are anchor
        # lines, and a call for each costs half a per cent of a page's parse.
        if part.startswith("<a id='par"):
            cut = part.find("</a>") + 4
            if cut > 4 and part[cut - 5] == "¶":
                rest = part[cut:]
                if "<" not in rest and "&" not in rest:
                    pilcrows.append((line, column + ps, part[:cut]))
                    texts[k] = rest
                    part = ""
        if part and "¶" not in part:  # tags only (the TAGS line): no token but a tag can start
            texts[k], marked[first + k] = _plain_tags(part, line, column + ps)
        elif part:
            if scratch is None:
                scratch = LineSink()
            # (No "&": no entity can break the line.)
            _decode_markup(scratch, part, line, column + ps, pilcrows)
            texts[k], marked[first + k] = scratch.take(line, column + ps + len(part))
        ps += len(parts[k]) + _NL_LEN
        k += 1
        i = piece.find("<", ps)
    sink.run(texts, line, _PartColumns(parts, texts, column))
    sink.segments.update(marked)
    at = column + len(piece) - len(last)
    if i >= 0:
        _decode_markup(sink, last, line, at, pilcrows)
    else:
        sink.copy(last, line, at)
    return column + len(piece)


#: A tag, as the token pattern reads one in a part without "¶" or "&".
_PLAIN_TAG = regex.compile(r"(</?[A-Za-z][^<>]{0,1000}>)")


def _plain_tags(part: str, line: int, column: int) -> tuple[str, list[tuple[int, int, int]]]:
    """The text of ``part`` (at ``column``, without "¶" or "&") with its tags dropped, and its segments."""
    bits = _PLAIN_TAG.split(part)
    texts = bits[::2]
    segments = []
    width = 1
    for text, tag in zip(texts, [*bits[1::2], ""], strict=True):
        if text:
            segments.append((width, line, column))
            width += len(text)
        column += len(text) + len(tag)
    return "".join(texts), segments or [(1, line, column)]


class _PartColumns(Sequence[int]):
    """The start columns of the lines ``texts`` cut from ``parts`` (the ``&#x000A;``-separated parts at ``column``).

    Worked out one at a time when asked for: most are never read.  A line
    shorter than its part lost a pilcrow anchor at its start.
    """

    __slots__ = ("_column", "_parts", "_texts")

    def __init__(self, parts: list[str], texts: list[str], column: int) -> None:
        self._parts = parts
        self._texts = texts
        self._column = column

    def __len__(self) -> int:
        return len(self._parts)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        parts = self._parts
        k = range(len(parts))[index]
        return self._column + k * _NL_LEN + sum(map(len, parts[:k])) + len(parts[k]) - len(self._texts[k])


def _decode_physical_slow(
    sink: LineSink, piece: str, line: int, column: int, pilcrows: list[tuple[int, int, str]], parts: list[str] | None = None
) -> int:
    """:func:`_decode_physical` part by part: the reference the fast path must agree with.

    ``parts`` is ``piece`` split at its ``&#x000A;``, if done already.
    """
    if parts is None:
        parts = piece.split(_NEWLINE_ENTITY)
    last = parts.pop()
    n = len(parts)
    # starts[k] is the column of part k (the last one's at starts[n]).
    starts = list(accumulate([len(p) + _NL_LEN for p in parts], initial=column))
    # Only parts with markup are looked at one by one; a line whose only
    # markup is a leading pilcrow anchor stays in the run, cut, its start
    # column moved past the anchor: the rest ends a run and is read token
    # by token.
    done = 0
    marked = _marked(piece, parts, last, starts)
    for k in marked:
        if k == n:
            break
        part = parts[k]
        cut = _pilcrow_end(part)
        if cut:
            pilcrows.append((line, starts[k], part[:cut]))
            parts[k] = part[cut:]
            # The line starts after the anchor (only later parts' starts
            # are read from here on).
            starts[k] += cut
            continue
        sink.run(parts[done:k], line, starts[done:k])
        _decode_markup(sink, part, line, starts[k], pilcrows)
        sink.newline(line, starts[k + 1] - _NL_LEN)
        done = k + 1
    sink.run(parts[done:] if done else parts, line, starts[done:n])
    column = starts[n]
    if marked and marked[-1] == n:
        _decode_markup(sink, last, line, column, pilcrows)
    else:
        sink.copy(last, line, column)
    return column + len(last)


def _pilcrow_end(part: str) -> int:
    """Where the pilcrow anchor opening ``part`` ends, when plain text follows it; else 0.

    The pages' anchor is ``<a id='parN' href='#parN'>¶</a>``, up to the
    first ``</a>``; text after it holding ``<`` or ``&`` is left to the
    token reader, anchor included.
    """
    if part.startswith("<a id='par"):
        cut = part.find("</a>") + 4
        if cut > 4 and part[cut - 5] == "¶":
            rest = part[cut:]
            if "<" not in rest and "&" not in rest:
                return cut
    return 0


def _marked(piece: str, parts: list[str], last: str, starts: list[int]) -> list[int]:
    """Indices of the parts of ``piece`` holding ``<`` or ``&`` (``len(parts)`` for ``last``)."""
    # (A copy and a memchr cost less than counting the "&"s.)
    if "&" in last or "&" in "".join(parts):  # an "&" that is not a line break: rare
        return [k for k, p in enumerate([*parts, last]) if "<" in p or "&" in p]
    # Looking for "<" alone, from part to part, runs in C (memchr).
    marked = []
    base = starts[0]
    i = piece.find("<")
    while i >= 0:
        k = bisect_right(starts, base + i) - 1
        marked.append(k)
        if k == len(parts):
            break
        i = piece.find("<", starts[k + 1] - base)
    return marked


def _decode_markup(sink: LineSink, part: str, line: int, column: int, pilcrows: list[tuple[int, int, str]]) -> None:
    # Every token starts with "<" or "&": trying the pattern only there
    # spares it a scan of the text between tokens.
    last = 0
    lt, amp = part.find("<"), part.find("&")
    while lt >= 0 or amp >= 0:
        start = amp if lt < 0 or 0 <= amp < lt else lt
        if start == lt:
            # A plain tag (the TAGS links): "<", a letter or "/" and a letter,
            # at most 1,000 more characters without "<" and ">", then ">",
            # which the pattern reads as a tag unless it can open a pilcrow
            # anchor (only "<a" can, and only before a space, "¶" or "&"):
            # read without the pattern.
            gt = part.find(">", start + 1)
            name = start + 2 if part[start + 1 : start + 2] == "/" else start + 1
            if 0 <= gt - name - 1 <= 1000 and part[name] in _ASCII_LETTERS and (part[start + 1] != "a" or part[gt + 1 : gt + 2].isalnum()):
                nxt = part.find("<", start + 1)
                if nxt < 0 or nxt > gt:
                    sink.copy(part[last:start], line, column + last)
                    last = gt + 1
                    lt = nxt
                    if 0 <= amp < last:
                        amp = part.find("&", last)
                    continue
        m = _TOKEN.match(part, start)
        if m is None:
            stop = start + 1
        else:
            sink.copy(part[last:start], line, column + last)
            last = stop = m.end()
            kind = m.lastgroup
            if kind == "pilcrow":
                pilcrows.append((line, column + start, m.group()))
            elif kind == "entity":
                token = m.group()
                decoded = _entity(token)
                if decoded == "\n":
                    sink.newline(line, column + start)
                elif decoded == token:
                    sink.copy(decoded, line, column + start)
                elif decoded != "\r":
                    sink.replace(decoded, line, column + start)
        if 0 <= lt < stop:
            lt = part.find("<", stop)
        if 0 <= amp < stop:
            amp = part.find("&", stop)
    sink.copy(part[last:], line, column + last)


def _entity(entity: str) -> str:
    """One complete entity decoded; an unknown name stays as written.

    ``html.unescape`` would decode a known prefix (``&notice;`` as
    ``¬ice;``), so names are looked up whole.
    """
    if entity[1] == "#":
        return html.unescape(entity)
    return html5.get(entity[1:], entity)


def parse_page_metadata(
    text: str, reporter: Reporter, *, origin: tuple[int, int] = (1, 0), before: int | None = None
) -> ContainerMetadata | None:
    """The page's ``<h3>`` title and metadata table as :class:`ContainerMetadata`.

    ``Created`` and ``Released`` are kept as given (the 2010 pages hold the
    hour of a 12-hour clock in the minutes); the classification is the
    cell's text, not its ``title`` attribute.  A page fragment without
    title or table gives ``None``; a table that cannot be read gives an
    ``html-metadata`` warning.  Only ``text[start:before]`` is searched,
    where ``origin`` is ``(line number, start)``.
    """
    start = origin[1]
    limit = len(text) if before is None else before
    title_match = _find(text, "<h3>", _TITLE, start, limit)
    table = _find(text, "<table", _TABLE, title_match.end() if title_match else start, limit)
    if title_match is None and table is None:
        return None
    values: dict[str, str] = {}
    anchor = table if table is not None else title_match
    # Where a warning points; only counted when there is one.
    at = (text, anchor.start() if anchor is not None else start, *origin)
    if table is not None:
        end_match = _TABLE_END.search(text, table.end())
        inner = text[table.end() : end_match.start() if end_match is not None else limit]
        cells = _cells(inner, "<td")
        # Cablegate's heading row names the usual columns: not read again.
        if inner.startswith(_HEADINGS) and inner.find("<th", len(_HEADINGS)) < 0:
            names: Sequence[str] = _COLUMNS
        else:
            heads = _cells(inner, "<th")
            names = [h.lower() for h in heads] if len(heads) == len(cells) else _COLUMNS
        if len(cells) < len(_COLUMNS):
            reporter.report("html-metadata", f"the metadata table has {len(cells)} cells, expected 5", _where(*at), field="metadata")
        values = dict(zip(names, cells, strict=False))
    reference_id = values.get("reference id") or (title_match.group(1) if title_match else None)
    title = html.unescape(title_match.group(2)).strip() if title_match else ""
    return ContainerMetadata(
        reference_id=reference_id or None,
        created=_stamp(values.get("created"), "Created", reporter, at),
        released=_stamp(values.get("released"), "Released", reporter, at),
        classification=values.get("classification") or None,
        origin=values.get("origin") or None,
        title=title or None,
    )


def _where(text: str, offset: int, first_line: int, base: int) -> Span:
    return Span(*position(text, offset, first_line, base), "")


#: A tag inside a cell: from "<" to the first ">" before another "<".
_CELL_TAG = regex.compile(r"<[^<>]*+>")


def _cells(table: str, opening: str) -> list[str]:
    """The texts of the ``<td>`` (or ``<th>``) cells of a small table."""
    return list(map(_cell, table.split(opening)[1:], repeat("</t" + opening[2])))


@functools.lru_cache(maxsize=1024)
def _cell(piece: str, close: str) -> str:
    """The text of the cell ``piece`` opens: no tags, entities decoded, spaces collapsed.

    Cached: the headings, classifications and origins recur page after page.
    """
    start = piece.find(">") + 1
    end = piece.find(close, start)
    cell = piece[start : end if end >= 0 else len(piece)]
    if "<" in cell:
        cell = _CELL_TAG.sub("", cell)
    if "&" in cell:
        cell = html.unescape(cell)
    return " ".join(cell.split())


def _stamp(value: str | None, name: str, reporter: Reporter, at: tuple[str, int, int, int]) -> dt.datetime | None:
    if not value:
        return None
    stamp = _read_stamp(value)
    if stamp is None:
        reporter.report("html-metadata", f"{name} {value!r} is not a YYYY-MM-DD HH:MM time", _where(*at), field="metadata")
    return stamp


@functools.lru_cache(maxsize=1024)
def _read_stamp(value: str) -> dt.datetime | None:
    m = _STAMP.fullmatch(value)
    if m is not None:
        year, month, day, hour, minute = (int(g) for g in m.groups())
        with contextlib.suppress(ValueError):
            return dt.datetime(year, month, day, hour, minute, tzinfo=dt.timezone.utc)
    return None


def render_html(header: str, body: str, metadata: ContainerMetadata | None = None) -> str:
    """Write a Cablegate-style page holding ``header`` and ``body`` (plain cable text).

    The inverse of :func:`decode_html`: text is escaped, newlines become
    ``&#x000A;``, TAGS become links and lines starting with a paragraph
    number or a REF letter get a pilcrow anchor.
    """
    meta = metadata or ContainerMetadata()
    ref = meta.reference_id or ""
    cells = [
        ref,
        _render_stamp(meta.created),
        _render_stamp(meta.released),
        meta.classification or "",
        meta.origin or "",
    ]
    row = "\n".join(f"<td>\n<a href='#'>{html.escape(c, quote=False)}</a>\n</td>" for c in cells)
    heads = "\n".join(f"<th>{name}</th>" for name in ("Reference ID", "Created", "Released", "Classification", "Origin"))
    title = html.escape(meta.title or "", quote=False)
    return (
        "<?xml version='1.0' encoding='utf-8' ?>\n<html lang='en'>\n<head>\n<title>Cable Viewer</title>\n</head>\n"
        f"<body>\n<div class='pane big'>\n<h3>Viewing cable {ref}, {title}</h3>\n"
        f"<table class='cable'>\n<tr>\n{heads}\n</tr>\n<tr>\n{row}\n</tr>\n</table>\n"
        f"<code><pre>{_render_block(header)}</pre></code>\n<code><pre>{_render_block(body)}</pre></code>\n"
        "</div>\n</body>\n</html>\n"
    )


def _render_block(text: str) -> str:
    out = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False)
        if line.startswith("TAGS:"):
            escaped = "TAGS:" + TAG_WORD.sub(lambda m: f"<a href='/tag/{m.group()}_0.html'>{m.group()}</a>", escaped[5:])
        else:
            m = PILCROW_LINE.match(line)
            if m is not None:
                escaped = f"<a id='par{m.group(1)}' href='#par{m.group(1)}'>¶</a>{escaped}"
        out.append(escaped)
    return _NEWLINE_ENTITY.join(out)


def _render_stamp(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""
