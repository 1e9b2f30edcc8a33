"""Peak memory and speed of streaming a cables.csv through iter_cables.

For each size (1,000 and 10,000 rows by default) a synthetic file is
written with make_csv.py, then a fresh process streams it through
``iter_cables`` and reports its peak resident set size.  Streaming keeps
one row at a time, so the peak must not grow with the row count.  The
raw row reader (``iter_inputs``) is timed on its own too.

Usage::

    python benchmarks/csv_memory.py [ROWS ...] [--continuations]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The checkout this script belongs to is measured, not whichever copy of
# cableparse is installed (an editable install may point at another one).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_csv import write_csv

_CHILD = """
import json, resource, sys, time
import cableparse
from cableparse.reading import iter_inputs

path = sys.argv[1]
start = time.perf_counter()
rows = sum(1 for _ in iter_inputs(path))
read = time.perf_counter() - start
start = time.perf_counter()
cables = failures = 0
for item in cableparse.iter_cables(path, errors="collect"):
    if isinstance(item, cableparse.Failure):
        failures += 1
    else:
        cables += 1
parse = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rows": rows, "cables": cables, "failures": failures,
                  "read_s": read, "parse_s": parse, "peak_mib": peak_kib / 1024}))
"""


def measure(path: Path) -> dict[str, float]:
    """Stream ``path`` in a fresh interpreter and return its figures."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the measurement for each size and print one line per size."""
    parser = argparse.ArgumentParser(description="Peak RSS of streaming a synthetic cables.csv.")
    parser.add_argument("rows", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--continuations", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for rows in args.rows:
            path = Path(folder) / f"cables-{rows}.csv"
            start = time.perf_counter()
            size = write_csv(path, rows, continuations=args.continuations)
            made = time.perf_counter() - start
            r = measure(path)
            print(
                f"{rows:>7} rows, {size / 1e6:6.1f} MB (written in {made:.1f} s): "
                f"peak RSS {r['peak_mib']:.1f} MiB; "
                f"row reader {r['rows'] / r['read_s']:,.0f} rows/s ({size / r['read_s'] / 1e6:.0f} MB/s); "
                f"iter_cables {r['cables'] / r['parse_s']:,.0f} cables/s, {r['failures']:.0f} failures"
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
