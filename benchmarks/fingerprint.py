"""A fingerprint of everything the parser outputs, to show a change kept every result.

    python benchmarks/fingerprint.py save  [--file F]   # record the fingerprints
    python benchmarks/fingerprint.py check [--file F]   # compare; exit 1 on a difference

Inputs: the Cablegate pages, synthetic cables in the four containers,
rendered cables parsed again, and fuzzed (randomly damaged) cables from a
fixed seed.  For each input, in lenient and in strict mode, the fingerprint
is a hash of ``repr`` of the returned cable (every field, diagnostics
included) and of its JSON, or of the :class:`CableParseError`'s
diagnostics.  A speed change should leave every fingerprint as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

# The checkout this script belongs to is checked, not whichever copy of
# cableparse is installed (an editable install may point at another one).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz
from make_csv import synthetic_cable

import cableparse
from tests.synthetic_cables import csv_row, html_page

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT.parent.parent / "shared" / "corpus" / "cablegate-html"
DEFAULT = ROOT / "out" / "fingerprints.json"


def inputs(fuzzed: int) -> Iterator[tuple[str, str | bytes]]:
    """Named inputs, always the same ones in the same order."""
    pages = sorted(CORPUS.glob("*.html"))
    for page in pages:
        yield page.name, page.read_bytes()
    for page in pages[:60]:  # the decoded cable as text and as markdown, and rendered
        cable = cableparse.parse(page.read_bytes())
        text = cableparse.render(cable)
        yield f"render:{page.name}", text
        yield f"html-of-render:{page.name}", html_page(text)
    rng = random.Random(7)
    for row in range(1, 301):
        header, body, _ = synthetic_cable(rng, row)
        text = f"{header}\n\n{body}\n"
        yield f"synthetic:{row}", text
        if row % 3 == 0:
            yield f"synthetic-csv:{row}", csv_row(text)
        if row % 5 == 0:
            yield f"synthetic-bytes:{row}", text.encode("cp1252", "replace")
    for i, base in enumerate(fuzz.BASES):
        yield f"base:{i}", base
        yield f"base-html:{i}", html_page(base)
        yield f"base-csv:{i}", csv_row(base)
    rng = random.Random(11)
    for n in range(fuzzed):
        yield f"fuzz:{n}", fuzz.make_input(rng)


def fingerprint(data: str | bytes) -> str:
    """A hash of the lenient and strict results."""
    h = hashlib.sha256()
    cable = cableparse.parse(data)
    h.update(repr(cable).encode("utf-8", "surrogatepass"))
    h.update(cableparse.to_json(cable).encode("utf-8", "surrogatepass"))
    try:
        strict = cableparse.parse(data, strict=True)
        h.update(repr(strict).encode("utf-8", "surrogatepass"))
    except cableparse.CableParseError as exc:
        h.update(repr(exc.diagnostics).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    """Save or check the fingerprints."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--fuzzed", type=int, default=3000)
    args = parser.parse_args(argv)
    prints = {name: fingerprint(data) for name, data in inputs(args.fuzzed)}
    if args.action == "save":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(prints, indent=0))
        print(f"{len(prints)} fingerprints saved to {args.file}")
        return 0
    saved = json.loads(args.file.read_text())
    changed = [name for name in saved if prints.get(name) != saved[name]]
    missing = set(prints) ^ set(saved)
    for name in changed[:40]:
        print(f"changed: {name}")
    print(f"{len(prints)} inputs, {len(changed)} changed, {len(missing)} not in both")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
