"""How often each diagnostic occurs over the Cablegate pages of the corpus.

Every page is parsed leniently; the table counts, per code and severity,
the diagnostics and the pages that have at least one.  It is what the
severities of the cross-checks were chosen by: what real cables often do
is a warning (or a note), and errors should be rare.

Usage::

    python benchmarks/diagnostic_frequency.py [FOLDER] [--write docs/diagnostics-frequency.md]

FOLDER defaults to ``../shared/corpus/cablegate-html`` beside the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import cableparse
from cableparse.errors import CODES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus" / "cablegate-html"
_ORDER = {"error": 0, "warning": 1, "info": 2}


def count(pages: list[Path]) -> tuple[Counter[tuple[str, str]], dict[tuple[str, str], set[str]], Counter[str]]:
    """Diagnostics per (code, severity), the pages having each, and pages by worst severity."""
    counts: Counter[tuple[str, str]] = Counter()
    having: dict[tuple[str, str], set[str]] = defaultdict(set)
    worst: Counter[str] = Counter()
    for page in pages:
        cable = cableparse.parse_file(page)
        severities = set()
        for d in cable.diagnostics:
            key = (d.code, d.severity.value)
            counts[key] += 1
            having[key].add(page.name)
            severities.add(d.severity.value)
        worst[min(severities, key=_ORDER.__getitem__) if severities else "clean"] += 1
    return counts, having, worst


def table(pages: list[Path]) -> str:
    """The markdown page."""
    start = time.perf_counter()
    counts, having, worst = count(pages)
    seconds = time.perf_counter() - start
    rows = sorted(counts, key=lambda k: (_ORDER[k[1]], -counts[k], k[0]))
    errors = sum(n for (_, s), n in counts.items() if s == "error")
    warnings = sum(n for (_, s), n in counts.items() if s == "warning")
    seen = {code for code, _ in counts}
    lines = [
        "---",
        "orphan: true",
        "---",
        "",
        "# Diagnostics over the corpus",
        "",
        f"Lenient parse of the {len(pages)} Cablegate HTML pages of the corpus "
        f"(`benchmarks/diagnostic_frequency.py`, {seconds:.1f} s).  "
        f"Errors: {errors}, warnings: {warnings}; "
        f"pages by their worst diagnostic: {worst['error']} with errors, {worst['warning']} with warnings, "
        f"{worst['info']} with notes only, {worst['clean']} clean.",
        "",
        "| code | severity | count | pages |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| `{code}` | {severity} | {counts[code, severity]} | {len(having[code, severity])} |" for code, severity in rows]
    unseen = sorted(code for code in CODES if code not in seen)
    lines += ["", f"Codes not seen in the corpus ({len(unseen)}): " + ", ".join(f"`{c}`" for c in unseen) + "."]
    errors_at = sorted({page for (code, severity), names in having.items() if severity == "error" for page in names})
    if errors_at:
        lines += ["", "Pages with errors: " + ", ".join(errors_at) + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the table (and write it with ``--write``)."""
    parser = argparse.ArgumentParser(description="Count the diagnostics over a folder of Cablegate pages.")
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--write", type=Path, default=None, metavar="FILE", help="also write the table to FILE")
    args = parser.parse_args(argv)
    pages = sorted(args.folder.glob("*.html"))
    if not pages:
        print(f"no pages in {args.folder}", file=sys.stderr)
        return 2
    text = table(pages)
    print(text, end="")
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
