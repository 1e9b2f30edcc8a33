"""Shared fixtures: the bundled example and the optional real corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import cableparse

settings.register_profile("ci", max_examples=500, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
# CI sets CI=true: every property then runs 500 examples; locally 100.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate-html"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def example_text() -> str:
    """The bundled example cable, 09KUALALUMPUR521, as shipped."""
    return cableparse.example_text()


def corpus_pages() -> list[Path]:
    """The real Cablegate pages, or an empty list when the corpus is absent."""
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.html"))


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
