"""A long fuzzing run: random mutations of good cables, with a fixed seed.

Each input is a good cable (the bundled example, or one of the synthetic
cables of ``tests/synthetic_cables.py``) with a few random changes --
lines and characters inserted, deleted, duplicated, swapped, cut; pieces
of other cables spliced in; control bytes, entities, links, quotes --
put in one of the four containers (text, markdown, HTML page, cables.csv
row) and given as ``str`` or as bytes in some encoding.  Each input is
parsed leniently (a Cable must come back) and strictly (a Cable or a
CableParseError).  Anything else is an escape; an input that takes more
than ``--slow`` seconds is reported too.  Escapes are written to
``--out`` for replay.

Usage::

    python benchmarks/fuzz.py [--inputs 100000] [--seed 1] [--out fuzz-escapes]

Exit status 1 when an input escaped or was slow.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import time
import traceback
from pathlib import Path

# The checkout this script belongs to is fuzzed, not whichever copy of
# cableparse is installed (an editable install may point at another one).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cableparse
from cableparse.model import Cable
from tests.synthetic_cables import CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009, csv_row, html_page

BASES = (cableparse.example_text(), CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009)
PIECES = (
    "VZCZCXRO1111",
    "PP RUEHWEB",
    "DE RUEHKL #0521/01 1800952",
    "ZNY SSSSS ZZH",
    "O 311259Z FEB 09",
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE",
    "C O N F I D E N T I A L SECTION 09 OF 02 QUITO 000412",
    "UUNCLAS",
    "SS E C R E T",
    "NOFORN",
    "E.O. 12958: DECL: 13/45/2019",
    "TAGS: PREL,",
    "SUBJECT:",
    "REF: A. B. C) (D) [E]",
    "Classified By: for reasons 1.5 (h)",
    "1. (S/NF)",
    "[1](#)14. (C)",
    "QUITO 00000412 003 OF 002",
    "PAGE 02 CAPE T 00097 01 OF 03 182017Z",
    "<<218634>>",
    "ID: 190648",
    "&#x000A;",
    "&amp;",
    "<pre>",
    "</pre></code>",
    "<td>",
    '"',
    '\\"',
    "\\",
    "[",
    "](#",
    "¶",
    "\x00",
    "\x1b",
    "\r",
    "\t",
    "\ufeff",
    "\ud800",
    "(" * 50,
    "1.4 " * 20,
    " " * 200,
)
ENCODINGS = ("utf-8", "cp1252", "utf-16", "latin-1")


def mutate(rng: random.Random, text: str) -> str:
    """A few random line- and character-level changes."""
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(10)
        if op < 4:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if op == 0:
                lines.insert(i, rng.choice(PIECES))
            elif op == 1 and len(lines) > 1:
                del lines[i]
            elif op == 2:
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif text:
            i, j = rng.randrange(len(text)), rng.randrange(len(text))
            if op == 4:
                text = text[:i] + rng.choice(PIECES) + text[i:]
            elif op == 5:
                text = text[:i] + text[i + rng.randint(1, 20) :]
            elif op == 6:
                text = text[:i] + chr(rng.choice((rng.randrange(32, 127), rng.randrange(0, 0x2FFF)))) + text[i:]
            elif op == 7:
                a, b = sorted((i, j))
                text = text[:a] + text[b : b + 40] + text[a:]
            elif op == 8:
                text = text[: max(i, j)]
            else:
                text = text[:i] + text[i:j].lower() + text[j:] if i < j else text
    return text


def make_input(rng: random.Random) -> str | bytes:
    """One fuzzed input: a mutated cable in a random container and form."""
    text = mutate(rng, rng.choice(BASES))
    container = rng.randrange(4)
    if container == 1:
        text = text.replace("TAGS: ", "TAGS: [PREL](#) ").replace("\n2. ", "\n[1](#)2. ")
    elif container == 2:
        text = html_page(text)
    elif container == 3:
        text = csv_row(text)
    if rng.random() < 0.3:
        text = mutate(rng, text)  # damage the container too
    if rng.random() < 0.4:
        encoding = rng.choice(ENCODINGS)
        # Lone surrogates survive only UTF-8 with surrogatepass (a damaged stream).
        errors = "surrogatepass" if encoding == "utf-8" and rng.random() < 0.5 else "replace"
        return text.encode(encoding, errors)
    return text


def check(data: str | bytes) -> None:
    """Lenient gives a Cable; strict a Cable or CableParseError.  Anything else propagates."""
    cable = cableparse.parse(data)
    if not isinstance(cable, Cable):
        raise TypeError(f"lenient parse returned {type(cable).__name__}")
    with contextlib.suppress(cableparse.CableParseError):
        cableparse.parse(data, strict=True)


def main(argv: list[str] | None = None) -> int:
    """Run the loop and print the figures."""
    parser = argparse.ArgumentParser(description="Fuzz cableparse with random mutations of good cables.")
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=1.0, help="report inputs that take longer (seconds)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-escapes"))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    escapes = slow = 0
    total_bytes = 0
    longest = 0.0
    start = time.perf_counter()
    for n in range(1, args.inputs + 1):
        data = make_input(rng)
        total_bytes += len(data)
        began = time.perf_counter()
        try:
            check(data)
        except Exception:  # noqa: BLE001 - an escape is what we are looking for
            escapes += 1
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"escape-{n}.bin").write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
            print(f"input {n}: escape\n{traceback.format_exc()}", file=sys.stderr)
        took = time.perf_counter() - began
        longest = max(longest, took)
        if took > args.slow:
            slow += 1
            print(f"input {n}: slow ({took:.2f} s)", file=sys.stderr)
        if n % 10_000 == 0:
            print(f"{n} inputs, {time.perf_counter() - start:.0f} s, {escapes} escapes, {slow} slow", flush=True)
    elapsed = time.perf_counter() - start
    print(
        f"inputs: {args.inputs}  seed: {args.seed}  time: {elapsed:.1f} s  ({args.inputs / elapsed:.0f} inputs/s, "
        f"{total_bytes / 1e6:.1f} MB)  escapes: {escapes}  slow: {slow}  slowest: {longest * 1000:.1f} ms"
    )
    return 1 if escapes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
