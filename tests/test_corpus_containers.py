"""The real Cablegate pages: decoding is exact and the cables agree with their pages.

Skipped when ../shared/corpus is absent.  The agreement figures come from
benchmarks/corpus_check.py, which users can run on their own folder.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import cableparse
from cableparse.errors import Reporter
from cableparse.model import SourceFormat
from cableparse.sources import load
from tests.conftest import corpus_pages, requires_corpus

pytestmark = [requires_corpus, pytest.mark.corpus]

_CHECK_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus_check.py"
_SIX = {
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "CONFIDENTIAL",
    "CONFIDENTIAL//NOFORN",
    "SECRET",
    "SECRET//NOFORN",
}
_ANCHOR = re.compile(r"<a id='par[0-9A-Z]+' href='#par[0-9A-Z]+'>¶</a>")
_MAX = 10**8


def _corpus_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_check", _CHECK_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report() -> Any:
    return _corpus_check().check(corpus_pages())


def test_no_exception_escapes(report: Any) -> None:
    assert report.pages == len(corpus_pages()) > 0
    assert report.exceptions == []


def test_page_metadata_is_read_on_every_page() -> None:
    for path in corpus_pages():
        doc = load(path.read_bytes(), Reporter(), max_size=_MAX)
        assert doc is not None and doc.format is SourceFormat.HTML, path.name
        meta = doc.metadata
        assert meta is not None, path.name
        assert meta.reference_id == path.stem
        assert meta.created is not None and meta.released is not None
        assert meta.classification in _SIX
        assert meta.origin
        title = re.search(r"<h3>Viewing cable [^,]*,(.*)</h3>", path.read_text(encoding="utf-8"))
        assert title is not None
        assert meta.title == (title.group(1).strip() or None)
        assert doc.body_start is not None and doc.body_start > 0


def test_every_character_maps_back_to_its_place_in_the_page() -> None:
    for path in corpus_pages():
        data = path.read_bytes()
        page = data.decode("utf-8").split("\n")
        doc = load(data, Reporter(), max_size=_MAX)
        assert doc is not None
        for number, line in enumerate(doc.lines, 1):
            for column, char in enumerate(line, 1):
                oline, ocol = doc.source_map.locate(number, column)
                original = page[oline - 1][ocol - 1]
                # A decoded entity maps to its "&".
                assert original == char or original == "&", (path.name, number, column, char, original)


def test_every_pilcrow_anchor_is_removed_and_counted() -> None:
    for path in corpus_pages():
        text = path.read_text(encoding="utf-8")
        anchors = len(_ANCHOR.findall(text))
        doc = load(text, Reporter(), max_size=_MAX)
        assert doc is not None
        assert not any("¶" in line for line in doc.lines), path.name
        notes = [d for d in doc.diagnostics if d.code == "markdown-pilcrow"]
        if anchors:
            assert len(notes) == 1 and notes[0].message.startswith(f"{anchors} "), path.name
        else:
            assert notes == []


def test_tag_links_become_their_text() -> None:
    for path in corpus_pages():
        text = path.read_text(encoding="utf-8")
        blocks = "".join(re.findall(r"<pre>(.*?)</pre>", text, re.DOTALL))
        links = re.findall(r"<a href='/tag/[^']*'>([^<]*)</a>", blocks)
        doc = load(text, Reporter(), max_size=_MAX)
        assert doc is not None
        joined = "\n".join(doc.lines)
        assert "<a " not in joined and "</a>" not in joined, path.name
        for tag in links:
            assert tag in joined, (path.name, tag)


@pytest.mark.parametrize(
    ("check", "threshold"),
    [("reference_id", 99.0), ("created", 99.0), ("classification", 99.5), ("noforn", 98.0)],
)
def test_cables_agree_with_their_pages(report: Any, check: str, threshold: float) -> None:
    assert report.percent(check) >= threshold, (check, report.percent(check), report.mismatches[check][:10])


#: Pages that agreed when these checks were written (of 198); fewer is a regression.
FLOORS = {"reference_id": 198, "created": 185, "classification": 198, "noforn": 197}


def test_no_check_falls_below_its_measured_figure(report: Any) -> None:
    if report.pages != 198:
        pytest.skip("the floors were measured on the 198-page corpus")
    for check, floor in FLOORS.items():
        assert report.agree[check] >= floor, (check, report.agree[check], report.mismatches[check][:10])


def test_parse_file_reads_a_page_as_html() -> None:
    path = corpus_pages()[0]
    cable = cableparse.parse_file(path)
    assert cable.source_format is SourceFormat.HTML
    assert cable.source == str(path)
    assert cable.container_metadata is not None
    assert cable.container_metadata.reference_id == path.stem
