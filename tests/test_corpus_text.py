"""Corpus checks for the text zone (skipped when ../shared/corpus is absent).

The Cablegate pages put an anchor ``<a id='parN' href='#parN'>¶</a>`` before
every line that starts with a number, a period and a space.  These anchors
are the reference for paragraph numbers, with two known kinds of fault,
listed below page by page after reading each case:

* anchors on wrapped lines that merely start with a number (``... signed
  in January`` / ``2001. Another idea ...``): not paragraphs;
* paragraphs the site did not anchor because the period or the space after
  it is missing (``3.(C)``, ``4 (C)``, ``15.UK``).

Each page is checked three ways: anchors removed (the plain-text form),
anchors turned into the markdown ``[1](#)`` form, and anchors turned into a
bare ``1`` glued to the number.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import cableparse
from cableparse.errors import Reporter, as_spans
from cableparse.fields.pages import strip_page_markers
from cableparse.fields.results import TextResult
from cableparse.fields.text import parse_text

from .conftest import corpus_pages, requires_corpus

pytestmark = [requires_corpus, pytest.mark.corpus]

# Anchors on wrapped lines that start with a year or another number.
FALSE_ANCHORS: dict[str, set[int]] = {
    "04MADRID4367": {2001},
    "06LAPAZ3449": {2007},
    "06MADRID2632": {16},
    "06MADRID2657": {2005},
    "06MANAGUA1003": {1990},
    "07BEIJING7035": {2002},
    "08MADRID1092": {25},
    "09BEIJING1970": {15},
    "09KABUL2246": {2009},
    "09STATE100153": {1737},
    "09STATE120288": {26},
    "09STATE67105": {2007},
    "09TELAVIV1098": {2008},
    "10KABUL62": {2010},
}
# Paragraphs without an anchor: ``1.(C)``, ``3.(C)``, ``5.(S)``, ``6.(C)``,
# ``15.UK``, ``21.China`` (no space) and ``3 (S)``, ``4 (C)``, ``6 (C)`` (no period).
MISSED_ANCHORS: dict[str, list[int]] = {
    "07MADRID1285": [3],
    "08ASTANA338": [1, 6],
    "08TEGUCIGALPA459": [5],
    "09ASHGABAT757": [6],
    "09BEIJING1582": [15, 21],
    "09ISLAMABAD10": [3],
    "09KABUL3364": [1],
    "09PARIS1349": [4],
}

_ANCHOR = re.compile(r"<a id='par([^']*)' href='#par[^']*'>¶</a>")
_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
_TAG = re.compile(r"<[^>]+>")
_KEYWORD = re.compile(r"(?i)^\s*(?:classified\s+by|subject|ref|tags|e\.\s?o\.)")
_MARKER = re.compile(r"[A-Z][A-Z .]{0,9} [0-9]{8} [0-9]{3}(?:\.[0-9])? OF [0-9]{3}")

VARIANTS: dict[str, Callable[[re.Match[str]], str]] = {
    "plain": lambda m: "",
    "markdown": lambda m: "[1](#)",
    "glued": lambda m: "1",
}


def body_block(path: Path) -> str:
    """The body ``<pre>`` block (the second, or the only one), newlines decoded."""
    blocks = _PRE.findall(path.read_text(encoding="utf-8", errors="replace"))
    return str(blocks[-1]).replace("&#x000A;", "\n")


def anchors(block: str) -> list[int]:
    return [int(n) for n in _ANCHOR.findall(block) if n.isdigit()]


def expected_numbers(name: str, block: str) -> list[int]:
    """The anchors, with the known faults of this page corrected."""
    numbers = [n for n in anchors(block) if n not in FALSE_ANCHORS.get(name, set())]
    for value in MISSED_ANCHORS.get(name, []):
        before = [i for i, n in enumerate(numbers) if n == value - 1]
        numbers.insert(before[-1] + 1 if before else 0, value)
    return numbers


def text_start(block: str) -> int:
    """The line after the last keyword field above the first numbered anchor."""
    lines = block.split("\n")
    first = next((i for i, line in enumerate(lines) if _ANCHOR.search(line) and re.search(r"par[0-9]+'", line)), len(lines))
    keywords = [i for i in range(first) if _KEYWORD.match(_TAG.sub("", lines[i]))]
    return keywords[-1] + 1 if keywords else first


def parse_variant(block: str, variant: str) -> tuple[TextResult, Reporter]:
    text = html.unescape(_TAG.sub("", _ANCHOR.sub(VARIANTS[variant], block)))
    spans = as_spans(text)[text_start(block) :]
    reporter = Reporter()
    body, _ = strip_page_markers(spans, reporter)
    return parse_text(body, reporter), reporter


def numbers_of(result: TextResult) -> list[int]:
    return [p.number for p in result.paragraphs if p.number is not None]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_paragraph_numbers_equal_the_anchors(variant: str) -> None:
    pages = corpus_pages()
    raw_equal = corrected_equal = 0
    failures = []
    for path in pages:
        block = body_block(path)
        result, _ = parse_variant(block, variant)
        got = numbers_of(result)
        raw_equal += got == anchors(block)
        if got == expected_numbers(path.stem, block):
            corrected_equal += 1
        else:
            failures.append((path.stem, got))
    print(f"\n{variant}: {raw_equal}/{len(pages)} equal to the raw anchors, {corrected_equal}/{len(pages)} to the corrected ones")
    print(f"{variant}: failures {failures}")
    assert corrected_equal >= 0.99 * len(pages), failures
    # The raw anchors differ exactly on the pages whose faults are listed.
    assert raw_equal >= len(pages) - len(FALSE_ANCHORS) - len(MISSED_ANCHORS) - 1


def test_whole_parser_paragraph_numbers_on_html_pages() -> None:
    pages = corpus_pages()
    failures = []
    for path in pages:
        cable = cableparse.parse_file(path)
        got = [p.number for p in cable.paragraphs if p.number is not None]
        if got != expected_numbers(path.stem, body_block(path)):
            failures.append((path.stem, got))
    print(f"\nwhole parser: {len(pages) - len(failures)}/{len(pages)} pages, failures {failures}")
    assert len(failures) <= 0.01 * len(pages), failures


def test_text_zone_on_every_page() -> None:
    pages = corpus_pages()
    signed = 0
    elapsed = 0.0
    for path in pages:
        block = body_block(path)
        start = time.perf_counter()
        result, reporter = parse_variant(block, "plain")
        elapsed += time.perf_counter() - start
        signed += result.signature is not None
        for p in result.paragraphs:
            assert _MARKER.search(p.text) is None, (path.stem, p.number)
            assert "SIPDIS" not in p.text, (path.stem, p.number)
            assert p.text == p.text.strip() and "\n" not in p.text
        # Every diagnostic points somewhere, except a missing signature in an empty text.
        assert all(d.line is not None for d in reporter.diagnostics if result.paragraphs), path.stem
    print(f"\nsignatures {signed}/{len(pages)}; text zone {1000 * elapsed / len(pages):.2f} ms per page")
    assert signed >= 0.95 * len(pages)
