"""Count the diagnostics cableparse reports over a folder of Cablegate pages.

Usage::

    python scripts/diagnostics_frequency.py [FOLDER] [--write]

FOLDER defaults to ``../shared/corpus/cablegate-html`` beside the project.
For every code in :data:`cableparse.CODES` it prints the number of pages
that have the code at least once and the number of times it occurs.  With
``--write`` the figures are stored in ``docs/_data/diagnostics-frequency.json``,
the snapshot the diagnostics reference falls back on when the corpus is not
present at build time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import cableparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus" / "cablegate-html"
SNAPSHOT = ROOT / "docs" / "_data" / "diagnostics-frequency.json"


def frequency(folder: Path) -> dict[str, Any]:
    """Pages and occurrences per diagnostic code over the HTML pages in ``folder``."""
    pages = sorted(folder.glob("*.html"))
    with_code: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for page in pages:
        cable = cableparse.parse_file(page)
        codes = [d.code for d in cable.diagnostics]
        occurrences.update(codes)
        with_code.update(set(codes))
    return {
        "pages": len(pages),
        "codes": {code: [with_code[code], occurrences[code]] for code in sorted(cableparse.CODES)},
    }


def main(argv: list[str] | None = None) -> int:
    """Print the table; with ``--write`` store the snapshot for the documentation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--write", action="store_true", help=f"store the figures in {SNAPSHOT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    figures = frequency(args.folder)
    print(f"{figures['pages']} pages")
    for code, (pages, count) in sorted(figures["codes"].items(), key=lambda item: (-item[1][0], item[0])):
        if count:
            print(f"{code:32} {pages:5} pages {count:6} times")
    if args.write:
        SNAPSHOT.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
