"""The front matter's short ways give what the careful readers give.

Each short way reads the usual shape of an element and hands anything else
to the careful reader; these properties run both on generated fields made
of the usual pieces and of near misses, and compare the values, the
diagnostics and the anchors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import Reporter, Span
from cableparse.fields import references


def _outcome(parse: Callable[[list[Span], Reporter], Any], spans: list[Span]) -> tuple[Any, ...]:
    reporter = Reporter()
    value = parse(spans, reporter)
    return value, reporter.diagnostics, dict(reporter.anchors)


def _both(module: Any, short: str, parse: Callable[[list[Span], Reporter], Any], spans: list[Span]) -> None:
    fast = _outcome(parse, spans)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, short, lambda *args: None)
        slow = _outcome(parse, spans)
    assert fast == slow


# -- REF: items of a year, words and a serial, labelled A. B. ... or not,
# with near misses: other labels, doubled labels, REF, one-letter words,
# semicolons, double spaces, tabs, lower case, non-ASCII letters.
_WORDS = st.sampled_from(["STATE", "SECSTATE", "BOGOTA", "SAO", "PAULO", "KL", "REF", "A", "B", "AND", "Madrid", "E-MAIL", "É", "X"])
_NUMBERS = st.sampled_from(["08", "2005", "1999", "1", "12", "2239", "000440", "1234567", "10B"])
_GAPS = st.sampled_from([" ", " ", " ", "  ", "\t", "; ", ", ", " (", ") "])
_LABELS = st.sampled_from(["A. ", "B. ", "C. ", "D. ", "A.  ", "A) ", "(A) ", "a. ", "A. A. ", "B.", "REF A ", "1B. ", ""])


@st.composite
def _ref_lines(draw: st.DrawFn) -> list[str]:
    lines = []
    for n in range(draw(st.integers(1, 4))):
        pieces = []
        for _ in range(draw(st.integers(1, 3))):
            item = [draw(_LABELS)]
            if draw(st.booleans()):
                item += [draw(_NUMBERS), draw(_GAPS)]
            for _ in range(draw(st.integers(0, 4))):
                item += [draw(_WORDS), draw(_GAPS)]
            item.append(draw(_NUMBERS))
            pieces.append("".join(item))
        line = draw(_GAPS).join(pieces) + draw(st.sampled_from(["", " ", "  ", "\t"]))
        if n == 0:
            line = draw(st.sampled_from(["REF: ", "REF:", " REF: ", "Ref: ", "REFTEL: ", "REF "])) + line
        lines.append(line)
    return lines


def _labelled_lines(draw: st.DrawFn) -> list[str]:
    count = draw(st.integers(1, 5))
    lines = ["REF: "]
    for k in range(count):
        item = f"{chr(ord('A') + k)}. {draw(_NUMBERS)} {draw(_WORDS)} {draw(_NUMBERS)}"
        if k and draw(st.booleans()):
            lines.append(item)
        else:
            lines[-1] += (draw(_GAPS) if k else "") + item
    return lines


@given(lines=st.one_of(_ref_lines(), st.composite(_labelled_lines)()), year=st.sampled_from([None, 2009]), same_line=st.booleans())
def test_plain_references(lines: list[str], year: int | None, same_line: bool) -> None:
    spans = [Span(1 if same_line and i else i + 1, 1, text) for i, text in enumerate(lines)]
    _both(references, "_plain_items", lambda s, r: references.parse_references(s, r, year=year), spans)


def test_plain_references_taken() -> None:
    """The usual shapes do take the short way."""
    for lines in (["REF: BOGOTA 2239 "], ["REF: A. MADRID 1914", "B. 08 SAO PAULO 1799  C. STATE 12"]):
        assert references._plain_items(tuple(Span(i + 1, 1, t) for i, t in enumerate(lines))) is not None
