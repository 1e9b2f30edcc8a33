"""Recognise the container of a text: HTML page, cables.csv, markdown or plain text."""

from __future__ import annotations

import regex

from ..model import SourceFormat

__all__ = ["CSV_ROW_START", "detect_format"]

#: The start of a cables.csv row: quoted row id, date and reference ID.
CSV_ROW_START = regex.compile(r'"[0-9]+","[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}","')
_FIRST_LINE = regex.compile(r"[ \t\n]*+([^\n]*)")
_HTML = regex.compile(r"<pre\b|<table\s[^<>]{0,200}\bclass=['\"]cable['\"]", regex.IGNORECASE)
_HTML_START = regex.compile(r"\s*+<(?:!doctype\s+html|html\b|\?xml\b|head\b|body\b)", regex.IGNORECASE)
# A link whose target is a fragment: the seed's [PREL](#) and [1](#) forms.
_MARKDOWN = regex.compile(r"\[[^\[\]\n]{1,60}\]\(#[^()\s]{0,40}\)")


def detect_format(text: str) -> SourceFormat:
    """The container ``text`` looks like.

    A first line that starts like a cables.csv row means CSV; a ``<pre>``
    block, the metadata table or an HTML document start means an HTML page;
    a ``[TEXT](#)`` link means markdown; anything else is plain text.

    >>> detect_format('"1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy",...').value
    'csv'
    >>> detect_format("TAGS: [PREL](#) [MY](#)").value
    'markdown'
    """
    first = _FIRST_LINE.match(text)
    if first is not None and CSV_ROW_START.match(first.group(1)):
        return SourceFormat.CSV
    if _HTML_START.match(text) or _HTML.search(text):
        return SourceFormat.HTML
    if _MARKDOWN.search(text):
        return SourceFormat.MARKDOWN
    return SourceFormat.TEXT
