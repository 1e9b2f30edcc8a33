"""Parse time against input size for pathological inputs.

Each pattern builds inputs of growing size (10 KB to 10 MB by default)
from one repeated unit: an endless line, 100k ``TAGS:`` lines, deep
parentheses, endless ``1. (C)`` paragraphs, a huge REF list, long runs of
spaces, endless ``[1](#)`` links, a huge HTML ``<pre>`` block, a CSV row
with a huge field, and a few more.  For each pattern it prints the parse
time per size and the growth exponent, the slope of log(time) against
log(size): 1.0 is linear, 2.0 quadratic.  The parse must stay linear
(slope at most 1.1) and no 1 MB input may take more than a second.

Usage::

    python benchmarks/linear_time.py [--sizes 1e4,1e5,1e6,1e7] [--pattern NAME ...] [--markdown]

Exit status 1 when a pattern breaks either limit.
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
from collections.abc import Callable

import cableparse

#: A short synthetic cable that patterns are embedded in.
HEADER = """VZCZCXRO0101
PP RUEHAA RUEHBB
DE RUEHQT #0101/01 0451200
ZNY CCCCC ZZH
P 141200Z FEB 08
FM AMEMBASSY QUITO
TO RUEHC/SECSTATE WASHDC PRIORITY 4242
INFO RUEHBO/AMEMBASSY BOGOTA PRIORITY 0101
"""
FRONT = """C O N F I D E N T I A L SECTION 01 OF 02 QUITO 000101

SIPDIS

E.O. 12958: DECL: 02/14/2018
TAGS: PREL PGOV EC
SUBJECT: A SYNTHETIC CABLE FOR TIMING

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

"""
TAIL = "\nDOE\n"

Builder = Callable[[int], str | bytes]


def _fill(unit: str, size: int, *, prefix: str = "", suffix: str = "") -> str:
    """``prefix`` + ``unit`` repeated up to about ``size`` characters + ``suffix``."""
    room = max(size - len(prefix) - len(suffix), len(unit))
    return prefix + unit * (room // len(unit)) + suffix


def _cable(body: str) -> str:
    return HEADER + "\n" + FRONT + body + TAIL


def endless_line(size: int) -> str:
    """One paragraph on a single line without a newline."""
    return _cable(_fill("the minister said that ", size, prefix="1. (C) "))


def endless_word(size: int) -> str:
    """One word of letters, no space, no newline."""
    return _fill("ABCDEFGHIJ", size)


def tags_lines(size: int) -> str:
    """``TAGS:`` lines, one after another."""
    return HEADER + "\nC O N F I D E N T I A L QUITO 000101\n\n" + _fill("TAGS: PREL PGOV EC\n", size)


def parentheses(size: int) -> str:
    """Deep parentheses in a paragraph and in the Classified By reasons."""
    half = size // 2
    text = "1. (C) " + "(" * (half // 2) + ")" * (half // 2)
    return HEADER + "\n" + FRONT.replace("(b) and (d).", "(b) " + "(" * (half // 2)) + text + TAIL


def numbered_paragraphs(size: int) -> str:
    """Endless ``1. (C)`` paragraphs, all numbered 1."""
    return _cable(_fill("1. (C) More of the same.\n\n", size))


def counted_paragraphs(size: int) -> str:
    """Paragraphs numbered 1, 2, 3 ... with pilcrow links in front."""
    out, n, total = [], 1, 0
    while total < size:
        line = f"[1](#){n}. (C) Paragraph {n} text.\n\n"
        out.append(line)
        total += len(line)
        n += 1
    return _cable("".join(out))


def ref_list(size: int) -> str:
    """A REF list of thousands of lettered items."""
    out, n, total = ["REF: A. STATE 1 - FIRST ITEM\n"], 2, 0
    while total < size:
        label = chr(ord("A") + n % 26)
        line = f"{label}. QUITO {n} - ITEM NUMBER {n}\n"
        out.append(line)
        total += len(line)
        n += 1
    return HEADER + "\n" + FRONT.replace("\nClassified By", "".join(out) + "\nClassified By") + "1. (C) Text.\n" + TAIL


def unlabelled_refs(size: int) -> str:
    """An unlabelled REF list on one line, split at semicolons."""
    return HEADER + "\n" + FRONT.replace("\nClassified By", _fill("QUITO 123; ", size, prefix="REF: ") + "\n\nClassified By") + TAIL


def spaces(size: int) -> str:
    """Long runs of spaces inside lines and on their own."""
    return _cable("1. (C) A" + " " * (size // 2) + "B\n" + " " * (size // 2) + "\n")


def tabs_and_blanks(size: int) -> str:
    """Blank lines and lines of white space only."""
    return _cable(_fill(" \t \n\n", size))


def markdown_links(size: int) -> str:
    """Endless ``[1](#)`` links on one line."""
    return _cable(_fill("[1](#)", size, prefix="1. (C) "))


def markdown_brackets(size: int) -> str:
    """Unbalanced ``[`` and ``](`` pieces on one line."""
    return _cable(_fill("[PREL](# ", size, prefix="TAGS: "))


def html_pre(size: int) -> str:
    """A Cablegate-style HTML page whose body ``<pre>`` block is huge."""
    body = _fill("1. (C) Text of the paragraph.&#x000A;", size)
    return (
        "<html><body><h3>Viewing cable 08QUITO101, A SYNTHETIC CABLE</h3>\n"
        "<table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>\n"
        "<tr><td><a href='/cable/2008/02/08QUITO101.html'>08QUITO101</a></td><td><a href='/date/2008-02_0.html'>2008-02-14 12:12</a></td>"
        "<td><a href='/reldate/2010-12-01_0.html'>2010-12-01 12:12</a></td><td><a href='/classification/4_0.html'>CONFIDENTIAL</a></td>"
        "<td><a href='/origin/1_0.html'>Embassy Quito</a></td></tr></table>\n"
        "<code><pre>" + HEADER.replace("\n", "&#x000A;") + "</pre></code>\n"
        "<code><pre>" + FRONT.replace("\n", "&#x000A;") + body + "</pre></code>\n</body></html>\n"
    )


def html_entities(size: int) -> str:
    """An HTML body made of entities."""
    return html_pre(0).replace("Text of the paragraph.", _fill("&amp;&#8217;", size))


def csv_field(size: int) -> str:
    """One cables.csv row whose body field is huge (with escaped quotes)."""
    body = _fill('1. (C) A \\"quoted\\" text.\n', size)
    header = HEADER.replace("\n", "\n")
    return f'"1","2/14/2008 12:00","08QUITO101","Embassy Quito","CONFIDENTIAL","","{header}","{FRONT}{body}"\n'


def page_markers(size: int) -> str:
    """Thousands of page markers between short paragraphs."""
    out, n, total = [], 2, 0
    while total < size:
        line = f"{n}. (C) Text.\nQUITO 00000101 {n % 1000:03d} OF 002\n"
        out.append(line)
        total += len(line)
        n += 1
    return _cable("".join(out))


def header_lines(size: int) -> str:
    """An endless addressee block."""
    return HEADER + _fill("RUEHBO/AMEMBASSY BOGOTA PRIORITY 0101\n", size) + "\n" + FRONT + TAIL


def binary(size: int) -> bytes:
    """Bytes that are not text."""
    return bytes(range(256)) * max(size // 256, 1)


PATTERNS: dict[str, Builder] = {
    "endless-line": endless_line,
    "endless-word": endless_word,
    "tags-lines": tags_lines,
    "parentheses": parentheses,
    "numbered-1": numbered_paragraphs,
    "counted-paragraphs": counted_paragraphs,
    "ref-list": ref_list,
    "unlabelled-refs": unlabelled_refs,
    "spaces": spaces,
    "blank-lines": tabs_and_blanks,
    "markdown-links": markdown_links,
    "markdown-brackets": markdown_brackets,
    "html-pre": html_pre,
    "html-entities": html_entities,
    "csv-field": csv_field,
    "page-markers": page_markers,
    "addressees": header_lines,
    "binary": binary,
}


def measure(data: str | bytes, *, repeat: int) -> float:
    """The best of ``repeat`` lenient parses, in seconds of CPU time (other processes do not count)."""
    best = math.inf
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        cableparse.parse(data)
        best = min(best, time.process_time() - start)
    return best


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


def _size(text: str) -> int:
    return int(float(text))


def main(argv: list[str] | None = None) -> int:
    """Run the patterns and print the table; 1 when a limit is broken."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1e4,1e5,1e6,1e7", help="comma-separated input sizes in characters")
    parser.add_argument("--pattern", action="append", choices=sorted(PATTERNS), help="run only these patterns")
    parser.add_argument("--max-slope", type=float, default=1.1)
    parser.add_argument("--max-mb-seconds", type=float, default=1.0, help="limit for inputs of about 1 MB")
    args = parser.parse_args(argv)
    sizes = [_size(s) for s in args.sizes.split(",")]
    failed = False
    print(f"| pattern | {' | '.join(_label(s) for s in sizes)} | slope | ok |")
    print(f"|---|{'---|' * len(sizes)}---|---|")
    for name in args.pattern or PATTERNS:
        build = PATTERNS[name]
        points = []
        for size in sizes:
            data = build(size)
            points.append((len(data), measure(data, repeat=3 if size <= 1_000_000 else 1)))
        k = slope(points)
        mb = [t for n, t in points if 500_000 <= n <= 2_000_000]
        ok = k <= args.max_slope and all(t <= args.max_mb_seconds for t in mb)
        failed = failed or not ok
        cells = " | ".join(f"{t * 1000:.1f} ms" for _, t in points)
        print(f"| {name} | {cells} | {k:.2f} | {'yes' if ok else 'NO'} |", flush=True)
    return 1 if failed else 0


def _label(size: int) -> str:
    for unit, factor in (("MB", 1_000_000), ("KB", 1_000)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} B"


if __name__ == "__main__":
    sys.exit(main())
