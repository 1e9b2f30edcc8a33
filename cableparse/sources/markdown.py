"""Markdown conversions of the HTML pages (the form of the bundled example).

A converter turned the page's links into ``[TEXT](#)``: every TAG is
``[PREL](#)`` and every pilcrow anchor became ``[1](#)`` (or ``[¶](#par4)``)
glued before a paragraph number or a REF letter.  Decoding keeps TEXT,
drops the pilcrow links and leaves anything else untouched.  A bare ``1``
glued to a number (``14.`` for paragraph 4) is not decided here: only the
paragraph parser knows the expected sequence.
"""

from __future__ import annotations

import regex

from ..errors import Reporter, Span
from ..model import SourceFormat
from ..sourcemap import Document
from .common import PILCROW_LINE, TAG_WORD, LineSink

__all__ = ["decode_markdown", "render_markdown"]

_LINK = regex.compile(
    r"\[(?P<text>[^\[\]\n]{0,200})\]\((?P<target>[^()\s]{0,500})\)"
    # Broken forms: missing "]", missing ")", missing "[".
    r"|(?P<broken>\[[^\[\]\n]{0,60}\(#[^()\s]{0,60}\)"
    r"|\[[^\[\]\n]{0,60}\]\(#[^()\s]{0,60}"
    r"|\]\(#[^()\s]{0,60}\))"
)
_BEFORE = 202  # "[" plus the longest link text before "]("
_AFTER = 504  # "](" plus the longest target and ")" after it
# What follows a pilcrow: a paragraph number or a REF letter with its dot.
_PILCROW_BEFORE = PILCROW_LINE
_PILCROW_TEXT = frozenset({"¶", "1"})


def decode_markdown(text: str, reporter: Reporter, *, source: str | None = None, line_offset: int = 0) -> Document:
    """Decode the markdown form; links become their text.

    ``[TEXT](#...)`` becomes ``TEXT``; a pilcrow link (``[1](#)``,
    ``[¶](#parN)``) before ``<number>.`` or ``<capital>.`` is removed (one
    ``markdown-pilcrow`` note per document); links to anything but a
    fragment and unbalanced links are left as written with a
    ``markdown-link`` warning.
    """
    raw = text.split("\n")
    sink = LineSink(line_offset)
    pilcrows: list[Span] = []
    # Lines without a link are added in runs; they map one-to-one.
    done = 0
    for i in [i for i, line in enumerate(raw) if "](" in line or "(#" in line]:
        sink.block(raw[done:i], line_offset + 1 + done)
        _decode_line(sink, raw[i], line_offset + 1 + i, reporter, pilcrows)
        done = i + 1
    sink.block(raw[done:], line_offset + 1 + done)
    if pilcrows:
        reporter.report(
            "markdown-pilcrow",
            f"{len(pilcrows)} pilcrow link(s) removed before paragraph numbers or REF letters",
            pilcrows[0],
            field="markdown",
        )
    return sink.document(SourceFormat.MARKDOWN, raw, source=source)


def _decode_line(sink: LineSink, line: str, number: int, reporter: Reporter, pilcrows: list[Span]) -> None:
    # A link lies within its pattern's bounds of a "](" or "(#": scanning
    # only that window spares the rest of a long paragraph line.
    first = min(i for i in (line.find("]("), line.find("(#")) if i >= 0)
    end = max(line.rfind("]("), line.rfind("(#"))
    close = line.find(")", end)
    stop = close + 1 if 0 <= close < end + _AFTER else end + _AFTER
    last = 0
    for m in _LINK.finditer(line, max(0, first - _BEFORE), min(len(line), stop)):
        start, end = m.span()
        target = m.group("target")
        if m.group("broken") is not None or target is None or not target.startswith("#"):
            what = "an unbalanced link" if target is None else f"a link to {target!r}"
            reporter.report("markdown-link", f"{what} was left as written: {m.group()!r}", Span(number, start + 1, ""), field="markdown")
            continue
        sink.copy(line[last:start], number, last + 1)
        label = m.group("text")
        if (label in _PILCROW_TEXT and _PILCROW_BEFORE.match(line, end)) or label == "¶":
            pilcrows.append(Span(number, start + 1, m.group()))
        else:
            sink.copy(label, number, start + 2)
        last = end
    sink.copy(line[last:], number, last + 1)
    sink.newline(number, len(line) + 1)


def render_markdown(text: str, *, tags: bool = True, pilcrows: bool = True) -> str:
    """Write plain cable text in the markdown form that :func:`decode_markdown` reads.

    TAGS become ``[TAG](#)`` links and lines that start with a paragraph
    number or a REF letter get a ``[1](#)`` pilcrow link, as the converter
    of the HTML pages did.
    """
    out = []
    for line in text.split("\n"):
        if tags and line.startswith("TAGS:"):
            line = "TAGS:" + TAG_WORD.sub(r"[\g<0>](#)", line[5:])
        elif pilcrows and _PILCROW_BEFORE.match(line):
            line = "[1](#)" + line
        out.append(line)
    return "\n".join(out)
