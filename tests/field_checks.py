"""Checks shared by the tests of the keyword-field parsers (TAGS, REF, Classified By)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from cableparse.errors import CableParseError, Reporter, Span

__all__ = ["assert_fast", "assert_never_raises"]


def assert_fast(parse: Callable[[str, Reporter], object], text: str, limit: float = 3.0) -> None:
    """``parse`` reads ``text`` within ``limit`` seconds (quadratic scans take far longer)."""
    start = time.perf_counter()
    parse(text, Reporter())
    assert time.perf_counter() - start < limit


def assert_never_raises(parse: Callable[..., object], text: str) -> None:
    """Lenient calls never raise; standalone calls raise only CableParseError."""
    parse(text, Reporter())
    parse([Span(1, 1, line) for line in text.split("\n")], Reporter())
    with contextlib.suppress(CableParseError):
        parse(text)
