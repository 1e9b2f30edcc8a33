"""Check cableparse against a folder of Cablegate HTML pages.

Each page carries its own metadata (Reference ID, Created, Classification);
this script parses every page and compares what the parser derives from
the cable text with what the page says:

* reference ID derived from banner and DTG = the page's Reference ID;
* DTG date and hour = the page's Created date and hour (the minutes of the
  2010 pages are garbled, so they are not compared);
* classification level = the level of the page's Classification;
* a NOFORN caption exactly when the page's Classification ends in //NOFORN;
* no exception escapes.

Usage::

    python benchmarks/corpus_check.py [FOLDER] [--show N]

FOLDER defaults to ``../shared/corpus/cablegate-html`` beside the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import attrs

import cableparse
from cableparse.model import Cable, Classification

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "cablegate-html"
CHECKS = ("reference_id", "created", "classification", "noforn")


@attrs.define
class CorpusReport:
    """Counts of agreeing pages per check, and the pages that disagree."""

    pages: int = 0
    exceptions: list[tuple[str, str]] = attrs.field(factory=list)
    agree: dict[str, int] = attrs.field(factory=lambda: dict.fromkeys(CHECKS, 0))
    #: Pages a check applies to (Created vs DTG needs a DTG in the text).
    applicable: dict[str, int] = attrs.field(factory=lambda: dict.fromkeys(CHECKS, 0))
    mismatches: dict[str, list[str]] = attrs.field(factory=lambda: {c: [] for c in CHECKS})
    seconds: float = 0.0

    def percent(self, check: str) -> float:
        """Share of pages that agree on ``check``, in percent."""
        total = self.applicable[check]
        return 100.0 * self.agree[check] / total if total else 0.0

    def summary(self) -> str:
        """A few lines for a terminal."""
        per_page = 1e3 * self.seconds / self.pages if self.pages else 0.0
        lines = [f"pages: {self.pages}, exceptions: {len(self.exceptions)}, {per_page:.2f} ms per page"]
        lines += [f"{c:>15}: {self.agree[c]}/{self.applicable[c]} = {self.percent(c):.2f} %" for c in CHECKS]
        return "\n".join(lines)


def _level(text: str | None) -> Classification | None:
    if not text:
        return None
    try:
        return Classification(text.split("//")[0].strip().upper())
    except ValueError:
        return None


def compare(cable: Cable, page_id: str) -> dict[str, bool | None]:
    """Which checks ``cable`` passes against its own page metadata (None: not applicable)."""
    meta = cable.container_metadata
    created = meta.created if meta else None
    dtg = cable.header.dtg
    classification = meta.classification if meta else None
    return {
        "reference_id": cable.reference_id == ((meta.reference_id if meta else None) or page_id),
        # Partial extracts carry no DTG: nothing to compare Created with.
        "created": None if dtg is None else created is not None and (dtg.date(), dtg.hour) == (created.date(), created.hour),
        "classification": cable.classification is not None and cable.classification is _level(classification),
        "noforn": ("NOFORN" in cable.captions) == ("NOFORN" in (classification or "").upper()),
    }


def check(paths: Iterable[Path]) -> CorpusReport:
    """Parse each page (lenient mode) and compare it with its metadata."""
    report = CorpusReport()
    for path in paths:
        report.pages += 1
        start = time.perf_counter()
        try:
            cable = cableparse.parse_file(path)
        except Exception as exc:  # noqa: BLE001 - counted, the run goes on
            report.exceptions.append((path.name, f"{type(exc).__name__}: {exc}"))
            continue
        finally:
            report.seconds += time.perf_counter() - start
        for name, ok in compare(cable, path.stem).items():
            if ok is None:
                continue
            report.applicable[name] += 1
            if ok:
                report.agree[name] += 1
            else:
                report.mismatches[name].append(path.name)
    return report


def main(argv: list[str] | None = None) -> int:
    """Run the check; exit status 1 when an exception escaped."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--show", type=int, default=5, metavar="N", help="list up to N disagreeing pages per check")
    args = parser.parse_args(argv)
    pages = sorted(args.folder.glob("*.htm*"))
    if not pages:
        print(f"no HTML pages in {args.folder}", file=sys.stderr)
        return 2
    report = check(pages)
    print(report.summary())
    for name in CHECKS:
        if report.mismatches[name] and args.show:
            print(f"{name} disagrees on: {', '.join(report.mismatches[name][: args.show])}")
    for name, error in report.exceptions[: args.show]:
        print(f"exception on {name}: {error}")
    return 1 if report.exceptions else 0


if __name__ == "__main__":
    sys.exit(main())
