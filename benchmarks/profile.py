"""Where parsing spends its time: phases, modules and functions, over the Cablegate pages.

    python benchmarks/profile.py [--corpus DIR] [--top N] [--pyinstrument]

Three views of the same work (every page read into memory first):

* phases: CPU microseconds per cable in each zone of the pipeline
  (container decoding, header, page markers, front matter, text, checks,
  and the rest of assembly), measured without a profiler;
* modules: cProfile's own time added up per module;
* functions: cProfile's top functions by own time and by cumulative time.

``--pyinstrument`` prints a pyinstrument call tree instead of the cProfile
views (``pip install pyinstrument``); py-spy works too::

    py-spy record -r 500 -o profile.svg -- python benchmarks/profile.py --phases-only

The cProfile statistics are also saved to ``benchmarks/out/profile.pstats``
(``python -m pstats benchmarks/out/profile.pstats``).
"""

from __future__ import annotations

import os
import sys

# Run as a script, this file's folder comes first on the path, where its
# name would hide the standard library's profile module that cProfile needs.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]
# The checkout this script belongs to is measured, not whichever copy of
# cableparse is installed (an editable install may point at another one).
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import argparse
import collections
import cProfile
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cableparse
from cableparse import api, assemble, checks, sources
from cableparse.fields import front, header, pages, text

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT.parent.parent / "shared" / "corpus" / "cablegate-html"
OUT = ROOT / "out"

#: (label, module, function name) of each timed phase, outermost first.
PHASES = [
    ("container (sources.load)", sources, "load"),
    ("header", header, "parse_header"),
    ("page markers", pages, "strip_page_markers"),
    ("front matter", front, "parse_front_matter"),
    ("text", text, "parse_text"),
    ("checks", checks, "run_checks"),
    ("assembly, total", assemble, "assemble"),
]


def phases(data: list[bytes], repeat: int) -> dict[str, float]:
    """CPU microseconds per cable spent in each phase."""
    spent: collections.defaultdict[str, float] = collections.defaultdict(float)
    saved: list[tuple[Any, str, Any]] = []

    def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start

        return wrapper

    # Callers that imported a function by name hold their own reference: patch it there too.
    for label, module, name in PHASES:
        original = getattr(module, name)
        wrapper = timed(label, original)
        for holder in (module, api, assemble):
            if getattr(holder, name, None) is original:
                saved.append((holder, name, original))
                setattr(holder, name, wrapper)
    try:
        start = time.process_time()
        for _ in range(repeat):
            for item in data:
                cableparse.parse(item)
        spent["parse, total"] = time.process_time() - start
    finally:
        for holder, attr, function in saved:
            setattr(holder, attr, function)
    return {label: seconds / (repeat * len(data)) * 1e6 for label, seconds in spent.items()}


def profile(data: list[bytes], repeat: int) -> pstats.Stats:
    """cProfile statistics of parsing every page ``repeat`` times."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        for item in data:
            cableparse.parse(item)
    profiler.disable()
    OUT.mkdir(exist_ok=True)
    profiler.dump_stats(OUT / "profile.pstats")
    return pstats.Stats(profiler)


def by_module(stats: pstats.Stats, top: int) -> list[tuple[str, float, float]]:
    """(module, share of own time, calls per cable) for the top modules."""
    own: collections.defaultdict[str, float] = collections.defaultdict(float)
    calls: collections.defaultdict[str, int] = collections.defaultdict(int)
    table: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    for (filename, _, name), (_, ncalls, tottime, _, _) in table.items():
        key = filename.split("cableparse/", 1)[-1] if "/cableparse/" in filename else ("attrs" if "/attr/" in filename else name)
        own[key] += tottime
        calls[key] += ncalls
    total = sum(own.values()) or 1.0
    ranked = sorted(own.items(), key=lambda kv: -kv[1])[:top]
    return [(key, seconds / total, calls[key]) for key, seconds in ranked]


def main(argv: list[str] | None = None) -> int:
    """Print the phase table and the profiles."""
    parser = argparse.ArgumentParser(description="Profile parsing over the Cablegate pages.")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyinstrument", action="store_true", help="a pyinstrument call tree instead of cProfile")
    parser.add_argument("--phases-only", action="store_true", help="only the phase table (for an outside profiler)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not found", file=sys.stderr)
        return 2
    data = [p.read_bytes() for p in sorted(args.corpus.glob("*.html"))]
    for item in data:
        cableparse.parse(item)
    print(f"{len(data)} pages; CPU µs per cable by phase (nested phases are inside 'assembly'):")
    for label, micros in sorted(phases(data, args.repeat).items(), key=lambda kv: -kv[1]):
        print(f"  {label:28} {micros:8.0f}")
    if args.phases_only:
        return 0
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.repeat):
            for item in data:
                cableparse.parse(item)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0
    stats = profile(data, args.repeat)
    cables = args.repeat * len(data)
    print("\nown time by module (cProfile):")
    for key, share, calls in by_module(stats, args.top):
        print(f"  {share * 100:5.1f}%  {calls / cables:7.0f} calls/cable  {key}")
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
