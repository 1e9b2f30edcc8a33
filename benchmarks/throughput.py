"""Cables per second in one process: the Cablegate pages and a synthetic text corpus.

    python benchmarks/throughput.py [--corpus DIR] [--synthetic N] [--repeat R]

Every input is read into memory first, so the disk is not measured; HTML
extraction (the page's metadata table and ``<pre>`` blocks) is part of
parsing.  Two figures per corpus: ``parse`` alone and ``parse + JSON``
(:func:`cableparse.to_json` of each cable).  Throughput is given as cables
per second and as megabytes per second, both of input (the page or the
text as stored) and of cable text (the decoded document: header and body
lines, without the page around them).

Each run is repeated and the best is kept, on the wall clock and on the
process's CPU clock; on a busy machine the CPU figure is the steadier.
The "1st pass" row is the first parse of each input (CPU clock), after a
warm-up on other cables: caches of lines seen before (addressees,
captions, table cells, the pages' shared navigation) help it only as much
as they would help a run over a new collection.  The
table goes to standard output and ``benchmarks/out/throughput.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# The checkout this script belongs to is measured, not whichever copy of
# cableparse is installed (an editable install may point at another one).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_csv import synthetic_cable

import cableparse
from cableparse import sources
from cableparse.errors import Reporter
from tests.synthetic_cables import html_page

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT.parent.parent / "shared" / "corpus" / "cablegate-html"
OUT = ROOT / "out"


def synthetic_texts(n: int, seed: int = 0) -> list[bytes]:
    """``n`` made-up cables as plain text (header, blank line, body)."""
    rng = random.Random(seed)
    texts = []
    for row in range(1, n + 1):
        header, body, _ = synthetic_cable(rng, row)
        texts.append(f"{header}\n\n{body}\n".encode())
    return texts


def cable_text_size(data: Sequence[bytes]) -> int:
    """Characters of decoded cable text (the document's lines), without the container."""
    total = 0
    for item in data:
        doc = sources.load(item, Reporter(), max_size=cableparse.DEFAULT_MAX_SIZE)
        if doc is not None:
            total += sum(len(span.text) + 1 for span in doc.spans())
    return total


def best_of(repeat: int, work: Callable[[], None]) -> tuple[float, float]:
    """The best wall and CPU seconds of ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        work()
        wall = min(wall, time.perf_counter() - w)
        cpu = min(cpu, time.process_time() - c)
    return wall, cpu


def measure(name: str, data: list[bytes], repeat: int) -> list[dict[str, float | str]]:
    """Rows of the table for one corpus."""
    # Warm up on other cables (imports, vocabularies, compiled patterns), so
    # that the first pass over ``data`` finds nothing of it in any cache:
    # the repeated passes below are flattered by caches of repeated lines,
    # the first is not.
    for item in synthetic_texts(100, seed=99):
        cableparse.parse(item)
        cableparse.parse(html_page(item.decode()))
    first = time.process_time()
    for item in data:
        cableparse.parse(item)
    first_cpu = time.process_time() - first
    size = sum(map(len, data))
    text = cable_text_size(data)

    def parse_only() -> None:
        for item in data:
            cableparse.parse(item)

    def parse_json() -> None:
        for item in data:
            cableparse.to_json(cableparse.parse(item))

    rows: list[dict[str, float | str]] = []
    runs = (("parse, 1st pass", None), ("parse", parse_only), ("parse + JSON", parse_json))
    for what, work in runs:
        wall, cpu = best_of(repeat, work) if work is not None else (first_cpu, first_cpu)
        rows.append(
            {
                "corpus": name,
                "what": what,
                "cables": len(data),
                "input_mb": size / 1e6,
                "text_mb": text / 1e6,
                "cables_per_s": len(data) / wall,
                "cables_per_cpu_s": len(data) / cpu,
                "input_mb_per_s": size / 1e6 / wall,
                "text_mb_per_s": text / 1e6 / wall,
                "us_per_cable_cpu": cpu / len(data) * 1e6,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description="Single-process parse throughput.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of Cablegate HTML pages")
    parser.add_argument("--synthetic", type=int, default=2000, metavar="N", help="synthetic plain-text cables (0: none)")
    parser.add_argument("--repeat", type=int, default=3, metavar="R", help="runs per figure; the best is kept")
    args = parser.parse_args(argv)
    rows = []
    if args.corpus.is_dir():
        pages = [p.read_bytes() for p in sorted(args.corpus.glob("*.html"))]
        rows += measure(f"{args.corpus.name} ({len(pages)} pages)", pages, args.repeat)
    else:
        print(f"{args.corpus}: not found, skipped", file=sys.stderr)
    if args.synthetic:
        rows += measure(f"synthetic text ({args.synthetic})", synthetic_texts(args.synthetic), args.repeat)
    head = f"{'corpus':32} {'what':15} {'cables/s':>9} {'(CPU)':>8} {'µs/cable':>9} {'input MB/s':>11} {'text MB/s':>10}"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['corpus']!s:32} {r['what']!s:15} {r['cables_per_s']:9,.0f} {r['cables_per_cpu_s']:8,.0f} "
            f"{r['us_per_cable_cpu']:9,.0f} {r['input_mb_per_s']:11.1f} {r['text_mb_per_s']:10.2f}"
        )
    OUT.mkdir(exist_ok=True)
    (OUT / "throughput.json").write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
