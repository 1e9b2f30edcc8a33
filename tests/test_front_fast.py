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
from cableparse.fields import banner, declass, front, references, subject


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


# -- the banner: the usual levels, sections, stations and serials, with near
# misses: other cases, doubled or missing letters, EFTO, SECTION 0, station
# words that are captions, keywords or start with S or E, digits, spacing.
_LEVEL_WORDS = st.sampled_from(
    [
        *("C O N F I D E N T I A L", "S E C R E T", "T O P S E C R E T", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "UNCLAS"),
        "SS E C R E T",
        "E C R E T",
        "Secret",
        "UNCLAS EFTO",
        "LIMITED OFFICIAL USE",
        "UNCLASS",
        "S E C R E TX",
    ]
)
_SECTIONS = st.sampled_from(["", " SECTION 01 OF 02", " SECTION 1 OF 3", " SECTION 00 OF 02", " SECTION  01 OF 02", " Section 02 of 02"])
_STATION_WORDS = st.sampled_from(["PARIS", "KUALA", "LUMPUR", "STATE", "SIFIED", "SIPDIS", "EFTO", "E", "SECTION", "TAGS", "Rome", "X"])


@st.composite
def _banner_lines(draw: st.DrawFn) -> str:
    words = draw(st.lists(_STATION_WORDS, min_size=0, max_size=8))
    gap = draw(st.sampled_from([" ", " ", "  ", "\t"]))
    serial = draw(st.sampled_from(["000521", "1234567", "12345678", "", "0"]))
    tail = draw(st.sampled_from(["", " ", "\t", " SIPDIS", "X"]))
    lead = draw(st.sampled_from(["", " ", "\t"]))
    return lead + draw(_LEVEL_WORDS) + draw(_SECTIONS) + "".join(f" {w}" for w in words) + gap + serial + tail


@given(text=_banner_lines())
def test_plain_banner(text: str) -> None:
    _both(banner, "_plain_banner", lambda s, r: banner.read_banner(s[0], r), [Span(1, 1, text)])


def test_plain_banner_taken() -> None:
    for text in ("C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521", "UNCLAS PARIS 001699 "):
        assert banner._plain_banner(text) is not None


# -- E.O.: the usual keyword, order and DECL date or N/A, with near misses:
# unknown orders, impossible dates, other separators, DECLl, codes, spacing.
_EO_HEADS = st.sampled_from(["E.O. ", "EO ", "E.O.", "E. O. ", "e.o. ", "EO  ", " E.O. ", "\tEO "])
_EO_ORDERS = st.sampled_from(["12958", "13526", "12345", "1295", "129588"])
_EO_AFTER = st.sampled_from([": ", " ", ":", ":  ", ", ", ": AS AMENDED: "])
_EO_DATES = st.sampled_from(
    ["08/24/2014", "1/5/34", "02/30/2014", "13/01/2014", "2014/08/24", "2014/13/24", "08-24-2014", "8/24/14", "1/1/1", "08/24/20145"]
)
_EO_INSTRUCTIONS = st.one_of(
    st.builds("{}{}".format, st.sampled_from(["DECL: ", "DECL:", "DECL ", "DECLl: ", "decl: ", ""]), _EO_DATES),
    st.sampled_from(["N/A", "NA", "n/a", "DECL: MR", "DECL: 25X1", "DNG: CO 08/24/2014"]),
)


@given(
    head=_EO_HEADS,
    order=_EO_ORDERS,
    after=_EO_AFTER,
    instruction=_EO_INSTRUCTIONS,
    tail=st.sampled_from(["", " ", "\t", " X", "0"]),
)
def test_plain_declassification(head: str, order: str, after: str, instruction: str, tail: str) -> None:
    text = head + (order + after if head.rstrip().endswith(".") else order + after.replace(":", "", 1)) + instruction + tail
    _both(declass, "_plain", declass.parse_declassification, [Span(1, 1, text)])


def test_plain_declassification_taken() -> None:
    for text in ("E.O. 12958: DECL: 08/24/2014 ", "EO 12958 DECL: 2034/01/05", "E.O. 13526: N/A"):
        usual = declass._PLAIN.fullmatch(text)
        assert usual is not None
        assert declass._plain(usual) is not None


# -- SUBJECT: one line after the usual keyword, with near misses: portion
# marks, empty subjects, other keywords and cases, odd white space.
@given(
    keyword=st.sampled_from(["SUBJECT: ", "Subject: ", "SUBJECT:", "SUBJ: ", "subject: ", "SUBJECT:  ", "SUBJECT: \t", " SUBJECT: "]),
    body=st.text(st.sampled_from("AB (C)/SNF:.\t\xa0é-"), max_size=12),
)
def test_plain_subject(keyword: str, body: str) -> None:
    _both(subject, "_plain", subject.parse_subject, [Span(1, 1, keyword + body)])


def test_plain_subject_taken() -> None:
    assert subject._plain("SUBJECT: US HOSTAGE STATUS: 18 MONTHS IN FARC CAPTIVITY ") is not None


# -- the layout's test for keywords inside a line: the same answer as the
# pattern it spares, on lines made of keywords, near misses and noise.
_HINT_PIECES = st.sampled_from(
    [
        *("TAGS:", "TAG:", "TAGS", "HOSTAGE:", "SUBJ:", "SUBJECT:", "SUBJECTS:", "REF:", "REFS:", "REFTEL:", "REFTELS:", "REFORM:"),
        *("CLASSIFIED BY:", "CLASSIFIED\tBY:", "BY:", "CLASSIFIED", "E.O. 12958", "EO 1295", "E.O.:1234", "E. O. 12958", "E..O 1234"),
        *("EO12345", "O 1234", "E O. :1234", "1234", "1", ":", " ", ".", "\t", "X", "É", "ß"),
    ]
)


@given(pieces=st.lists(_HINT_PIECES, max_size=8), start=st.integers(0, 6))
def test_mid_hint(pieces: list[str], start: int) -> None:
    up = "".join(pieces)
    assert front._mid_hint(up, start) == (front._MID_HINT.search(up, start) is not None)
