"""Cost per cable as cables grow: parsing time must grow linearly with length.

    python benchmarks/cost_curve.py [--sizes 1,2,4,...] [--format text|markdown|html]

Each cable is made up here: a full header, banner, front matter, then
``n`` numbered and portion-marked paragraphs of about 400 characters, with
a page marker every 60 lines and a signature.  For each size the table
shows the cable's length, the best time of several parses, and the time
per kilobyte, which stays roughly constant when the cost is linear.  The
table goes to standard output and ``benchmarks/out/cost_curve.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

# The checkout this script belongs to is measured, not whichever copy of
# cableparse is installed (an editable install may point at another one).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_csv import _sentence, _wrap

import cableparse

OUT = Path(__file__).resolve().parent / "out"

_HEADER = """VZCZCXRO4417
PP RUEHWEB
DE RUEHNY #0417/01 0451530
ZNY CCCCC ZZH
P 141530Z FEB 08
FM AMEMBASSY OSLO
TO RUEHC/SECSTATE WASHDC PRIORITY 7781
INFO RUEHSM/AMEMBASSY STOCKHOLM PRIORITY 0311
BT"""

_FRONT = """C O N F I D E N T I A L SECTION 01 OF {sections:02d} OSLO 000417

SIPDIS

E.O. 12958: DECL: 02/14/2018
TAGS: PREL ECON NO
SUBJECT: WATER QUOTA TALKS CONTINUE

REF: A. STATE 12345 B. OSLO 398

Classified By: Ambassador J. Smith for reasons 1.4 (b) and (d).
"""


def cable(paragraphs: int, seed: int = 0) -> str:
    """A cable of ``paragraphs`` paragraphs, with page markers."""
    rng = random.Random(seed)
    lines: list[str] = []
    for number in range(1, paragraphs + 1):
        text = " ".join(_sentence(rng) for _ in range(3))
        lines += [*_wrap(f"{number}. (C) {text}"), ""]
    pages = 1 + len(lines) // 60
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and i % 60 == 0:
            out.append(f"OSLO 00000417  {i // 60 + 1:03d} OF {pages:03d}")
        out.append(line)
    body = _FRONT.format(sections=pages) + "\n" + "\n".join(out) + "\nSMITH\n"
    return _HEADER + "\n" + body


def to_format(text: str, fmt: str) -> str:
    """The cable in the container ``fmt``."""
    if fmt == "text":
        return text
    from cableparse import strategies

    parsed = cableparse.parse(text)
    if fmt == "markdown":
        return strategies.to_markdown(text)
    head, _, body = text.partition("\nBT\n")
    return strategies.to_html_page(parsed, header=head + "\nBT", body=body)


def best(text: str, budget: float = 0.5) -> float:
    """Best seconds per parse, repeated for about ``budget`` seconds."""
    cableparse.parse(text)
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < budget and len(times) < 200):
        t = time.process_time()
        cableparse.parse(text)
        times.append(time.process_time() - t)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Print the cost for each size."""
    parser = argparse.ArgumentParser(description="Parse time as cables grow.")
    parser.add_argument("--sizes", default="1,2,4,8,16,32,64,128,256,512,1024,2048", help="paragraph counts")
    parser.add_argument("--format", choices=["text", "markdown", "html"], default="text")
    args = parser.parse_args(argv)
    rows = []
    head = f"{'paragraphs':>10} {'KB':>8} {'ms/cable':>9} {'µs/KB':>7} {'warnings':>9}"
    print(head)
    print("-" * len(head))
    for n in (int(s) for s in args.sizes.split(",")):
        text = to_format(cable(n), args.format)
        seconds = best(text)
        kb = len(text.encode()) / 1024
        warnings = len(cableparse.parse(text).warnings)
        rows.append({"paragraphs": n, "kb": kb, "ms": seconds * 1e3, "us_per_kb": seconds * 1e6 / kb, "warnings": warnings})
        print(f"{n:10} {kb:8.1f} {seconds * 1e3:9.2f} {seconds * 1e6 / kb:7.0f} {warnings:9}", flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / f"cost_curve-{args.format}.json").write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
