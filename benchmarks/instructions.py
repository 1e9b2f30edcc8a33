"""Machine instructions per page, counted by valgrind: a speed figure that noise cannot move.

    python benchmarks/instructions.py [--corpus DIR] [--passes N] [--json]

Wall and CPU times on a shared machine move by a fifth from one hour to
the next; the number of instructions a parse executes does not.  This
script runs itself twice under ``valgrind --tool=callgrind``: once to
import, read the pages and parse each of them once (the warm-up that
``throughput.py`` also does), and once to do the same and then parse every
page ``--passes`` more times.  The difference, divided by the pages parsed,
is the cost of one parse in instructions: comparable between two checkouts
run at any time, and, divided by the instructions per second of the
machine (``throughput.py``'s figure for the same checkout), close to its
time.  The hash seed is fixed, so repeated runs of one checkout agree to
within a thousand instructions per page.  Needs valgrind (Debian's ``valgrind`` package); takes a minute.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent
CORPUS = ROOT.parent.parent / "shared" / "corpus" / "cablegate-html"


def _child(corpus: pathlib.Path, passes: int, json_too: bool) -> None:
    # The checkout this script belongs to is measured, not whichever copy
    # of cableparse is installed.
    sys.path.insert(0, str(ROOT.parent))
    import cableparse

    data = [p.read_bytes() for p in sorted(corpus.glob("*.html"))]
    for item in data:
        cable = cableparse.parse(item)
        if json_too:
            cableparse.to_json(cable)
    for _ in range(passes):
        for item in data:
            cable = cableparse.parse(item)
            if json_too:
                cableparse.to_json(cable)


def _count(corpus: pathlib.Path, passes: int, json_too: bool) -> int:
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        "--corpus",
        str(corpus),
        "--passes",
        str(passes),
    ]
    if json_too:
        cmd.append("--json")
    # A fixed hash seed: set and dict orders, and so some work, vary with it.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    m = re.search(r"refs:\s+([\d,]+)", run.stderr)
    if m is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=pathlib.Path, default=CORPUS)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="parse + JSON (to_json of each cable)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.corpus, args.passes, args.json)
        return
    pages = len(list(args.corpus.glob("*.html")))
    base = _count(args.corpus, 0, args.json)
    total = _count(args.corpus, args.passes, args.json)
    per_page = (total - base) / (pages * args.passes)
    what = "parse + JSON" if args.json else "parse"
    print(f"{what}: {per_page / 1e6:.4f} million instructions per page ({pages} pages x {args.passes} passes)")


if __name__ == "__main__":
    main()
