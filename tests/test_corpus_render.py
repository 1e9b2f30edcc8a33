"""The real Cablegate pages: canonical render and the garblers against real text (skipped without the corpus)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

import cableparse
from cableparse import strategies as cs
from cableparse.model import Cable
from cableparse.render import render, semantic_fields

from .conftest import corpus_pages, requires_corpus

pytestmark = [requires_corpus, pytest.mark.corpus]

#: The share of pages that must come back unchanged.
THRESHOLD = 0.99


@cache
def _parsed() -> list[tuple[str, Cable]]:
    return [(page.name, cableparse.parse(page.read_bytes(), source=str(page))) for page in corpus_pages()]


def _differences(a: Cable, b: Cable) -> list[str]:
    x, y = semantic_fields(a), semantic_fields(b)
    return [name for name in x if x[name] != y[name]]


def _check(failures: list[str]) -> None:
    total = len(_parsed())
    share = 1 - len(failures) / total
    assert share >= THRESHOLD, f"{len(failures)} of {total} pages differ:\n" + "\n".join(failures)


def test_render_then_parse_gives_the_page_cable() -> None:
    failures = []
    for name, cable in _parsed():
        again = cableparse.parse(render(cable))
        diff = _differences(cable, again)
        if diff:
            failures.append(f"{name}: {', '.join(diff)}")
    _check(failures)


def test_canonical_text_is_a_fixed_point() -> None:
    failures = []
    for name, cable in _parsed():
        text = render(cable)
        if render(cableparse.parse(text)) != text:
            failures.append(name)
    _check(failures)


def test_render_never_fails_on_a_page_cable() -> None:
    for _, cable in _parsed():
        assert isinstance(render(cable), str)


def _markers(cable: Cable) -> str:
    banner = cable.banner
    if banner is None or banner.station is None or banner.serial is None or not banner.sections:
        return render(cable)
    return cs.insert_page_markers(render(cable), banner.station, banner.serial, banner.sections)


GARBLERS: dict[str, Callable[[Cable], str]] = {
    "html page": cs.to_html_page,
    "csv row": lambda c: cs.to_csv_row(c, 42),
    "csv row with continuations": lambda c: cs.to_csv_row(c, 42, continuations=True),
    "markdown links": lambda c: cs.to_markdown(render(c)),
    "markdown glued": lambda c: cs.to_markdown(render(c), "glued"),
    "wrapped at 58": lambda c: cs.wrap(render(c), 58),
    "stray SIPDIS": lambda c: cs.insert_sipdis(render(c), 3),
    "page markers": _markers,
    "keyword case": lambda c: cs.keyword_case(render(c)),
    "banner garbled": lambda c: cs.garble_banner(render(c)),
    "trailing spaces": lambda c: cs.trailing_spaces(render(c)),
}


@pytest.mark.parametrize("garble", sorted(GARBLERS))
def test_each_garble_of_a_page_cable_reads_back(garble: str) -> None:
    failures = []
    for name, cable in _parsed():
        clean = cableparse.parse(render(cable))
        again = cableparse.parse(GARBLERS[garble](cable))
        diff = _differences(clean, again)
        if diff:
            failures.append(f"{name}: {', '.join(diff)}")
    _check(failures)


def test_the_corpus_is_there() -> None:
    assert len(_parsed()) >= 198
    assert all(Path(name).suffix == ".html" for name, _ in _parsed())
