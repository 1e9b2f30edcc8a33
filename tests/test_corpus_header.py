"""Header checks over the real Cablegate pages (skipped when the corpus is absent).

Run ``python -m tests.test_corpus_header`` to print the figures.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import cache
from pathlib import Path

import attrs

from cableparse.errors import Reporter, as_spans
from cableparse.fields.header import parse_header, split_header
from cableparse.fields.results import HeaderResult
from tests.conftest import corpus_pages, requires_corpus

_PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# The page's Created cell; its minutes are garbled in this release.
_CREATED = re.compile(r"<a href='/date/[^']*'>([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):[0-9]{2}</a>")


@attrs.frozen
class Page:
    """One corpus page, read."""

    name: str
    lines: list[str]
    body: list[str]
    created: tuple[int, int, int, int] | None
    split: int
    result: HeaderResult
    codes: tuple[str, ...]


def _read(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    pres = _PRE.findall(text)
    lines = html.unescape(pres[0]).split("\n")
    body = html.unescape(_TAG.sub("", pres[1])).split("\n") if len(pres) > 1 else []
    created = _CREATED.search(text)
    spans = as_spans("\n".join(lines))
    split = split_header(spans)
    reporter = Reporter()
    result = parse_header(spans[:split], reporter)
    return Page(
        name=path.name,
        lines=lines,
        body=body,
        created=tuple(int(g) for g in created.groups()) if created else None,  # type: ignore[arg-type]
        split=split,
        result=result,
        codes=tuple(d.code for d in reporter.diagnostics),
    )


@cache
def pages() -> tuple[Page, ...]:
    """Every corpus page, read once per test session."""
    return tuple(_read(p) for p in corpus_pages())


def kind(page: Page) -> str:
    """partial / print / full (VZCZC transport header) / short (starts at the DTG or DE line) / empty."""
    header = page.result.header
    if page.result.partial:
        return "partial"
    if "print-header" in page.codes:
        return "print"
    if header.transmission_id is not None:
        return "full"
    return "short" if header.dtg is not None or header.station is not None else "empty"


def survey() -> dict[str, object]:
    """The figures this module checks, for the record."""
    all_pages = pages()
    with_dtg = [p for p in all_pages if p.result.header.dtg is not None]
    agree = [p for p in with_dtg if p.created == _created(p)]
    return {
        "pages": len(all_pages),
        "kinds": dict(Counter(kind(p) for p in all_pages)),
        "with_dtg": len(with_dtg),
        "dtg_agrees_with_created": len(agree),
        "unparsed_lines": sum(len(p.result.unparsed) for p in all_pages),
        "unparsed_lines_full_acp": sum(len(p.result.unparsed) for p in all_pages if kind(p) == "full"),
        "diagnostics": dict(Counter(c for p in all_pages for c in p.codes)),
    }


def _created(page: Page) -> tuple[int, int, int, int] | None:
    dtg = page.result.header.dtg
    return (dtg.year, dtg.month, dtg.day, dtg.hour) if dtg else None


@requires_corpus
def test_every_page_reads_without_exception() -> None:
    assert len(pages()) == len(corpus_pages()) > 0


@requires_corpus
def test_the_whole_first_block_is_header() -> None:
    for page in pages():
        rest = [line for line in page.lines[page.split :] if line.strip()]
        assert rest == [], page.name


@requires_corpus
def test_dtg_agrees_with_created_date_and_hour() -> None:
    with_dtg = [p for p in pages() if p.result.header.dtg is not None]
    agree = [p for p in with_dtg if p.created == _created(p)]
    assert len(with_dtg) > 150
    assert len(agree) >= 0.99 * len(with_dtg), [p.name for p in with_dtg if p not in agree]


@requires_corpus
def test_no_unparsed_lines_and_no_problems() -> None:
    assert [(p.name, s.text) for p in pages() for s in p.result.unparsed] == []
    problems = {"partial-record", "print-header", "page-marker", "mcn-range", "precedence-repaired"}
    assert [(p.name, c) for p in pages() for c in p.codes if c not in problems] == []


@requires_corpus
def test_header_kinds() -> None:
    kinds = Counter(kind(p) for p in pages())
    assert kinds["full"] > 150 and kinds["partial"] > 0 and kinds["print"] > 0
    for page in pages():
        header = page.result.header
        if kind(page) == "full":
            assert header.relay and header.station and header.security and header.dtg and header.originator and header.to, page.name
            assert header.station.filed is not None, page.name


@requires_corpus
def test_split_finds_the_body_when_header_and_body_come_together() -> None:
    for page in pages():
        for separator in ([""], []):
            lines = page.lines + separator + page.body
            expected = len(page.lines) + len(separator)
            while expected < len(lines) and not lines[expected].strip():
                expected += 1
            if not any(line.strip() for line in page.lines):
                expected = 0
            assert split_header(as_spans("\n".join(lines))) == expected, (page.name, separator)


if __name__ == "__main__":
    for key, value in survey().items():
        print(f"{key}: {value}")
