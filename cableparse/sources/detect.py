"""Recognise the container of a text: HTML page, cables.csv, markdown or plain text."""

from __future__ import annotations

import regex

from ..errors import PATTERN_TIMEOUT
from ..model import SourceFormat

__all__ = ["CSV_ROW_START", "detect_format", "starts_like_markup"]

#: The start of a cables.csv row: quoted row id, date and reference ID.
CSV_ROW_START = regex.compile(r'"[0-9]+","[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}","')
_FIRST_LINE = regex.compile(r"[ \t\n]*+([^\n]*)")
# Inside a text, only the page's own structures count: a cable may quote "<pre>".
_HTML = regex.compile(r"<code>\s*+<pre\b|<table\s[^<>]{0,200}\bclass=['\"]cable['\"]", regex.IGNORECASE)
# At the start, any markup: a page, or a fragment such as "<pre>...</pre>".
_HTML_START = regex.compile(r"\s*+<[A-Za-z!?]")
# A link whose target is a fragment: the seed's [PREL](#) and [1](#) forms.
_MARKDOWN = regex.compile(r"\[[^\[\]\n]{1,60}\]\(#[^()\s]{0,40}\)")


def starts_like_markup(text: str) -> bool:
    """Whether ``text`` starts with a tag, which makes it an HTML page (and no CSV row) whatever follows."""
    # The usual case needs no pattern.
    second = text[1:2]
    return text.startswith("<") and bool(second) and (second in "!?" or (second.isascii() and second.isalpha()))


def detect_format(text: str) -> SourceFormat:
    """The container ``text`` looks like.

    A first line that starts like a cables.csv row means CSV; markup at the
    start, a ``<code><pre>`` block or the metadata table means an HTML page;
    a ``[TEXT](#)`` link means markdown; anything else is plain text.

    >>> detect_format('"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy",...').value
    'csv'
    >>> detect_format("TAGS: [PREL](#) [MY](#)").value
    'markdown'
    """
    if starts_like_markup(text):
        return SourceFormat.HTML
    first = _FIRST_LINE.match(text)
    if first is not None and CSV_ROW_START.match(first.group(1)):
        return SourceFormat.CSV
    # The substring tests spare most texts a full pattern scan.
    if _HTML_START.match(text) or ("<" in text and _HTML.search(text, timeout=PATTERN_TIMEOUT)):
        return SourceFormat.HTML
    if "](#" in text and _MARKDOWN.search(text):
        return SourceFormat.MARKDOWN
    return SourceFormat.TEXT
