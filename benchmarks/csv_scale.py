"""A synthetic cables.csv parsed to JSON Lines by the command line: time and peak memory.

    python benchmarks/csv_scale.py [--rows 25000,100000,250000] [--jobs 2] [--also-jobs 1]

For the largest size a cables.csv file is written with make_csv.py (made-up
cables rendered in the standard layout; smaller sizes are its first rows),
then for each size and worker count this runs::

    cableparse parse FILE.csv -o out.jsonl --jobs J --no-progress

and samples the resident set size of the whole process tree (the parent
and its workers, added up) every 100 ms with psutil.  Peak RSS must stay
flat as the row count grows: the parent streams the rows and keeps a
bounded number of batches in flight.  The CPU time of the whole tree
(parent and workers, user and system) is given too: on a machine shared
with other work the wall time stretches, the CPU time does not.
``--also-jobs`` adds runs with other worker counts at the largest size
only.  The table goes to standard output and
``benchmarks/out/csv_scale.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_csv import write_csv

OUT = Path(__file__).resolve().parent / "out"


def head_rows(source: Path, target: Path, rows: int) -> None:
    """Copy the first ``rows`` rows of a make_csv.py file (each row starts with ``"N","``)."""
    stop = f'"{rows + 1}","'.encode()
    with source.open("rb") as src, target.open("wb") as out:
        for line in src:
            if line.startswith(stop):
                break
            out.write(line)


def tree_rss(procs: list[psutil.Process]) -> int:
    """Resident bytes of the processes, added up."""
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def run(csv: Path, jobs: int, out: Path) -> dict[str, Any]:
    """Parse ``csv`` with the command line and return wall time, peak RSS and line count."""
    command = [sys.executable, "-m", "cableparse", "parse", str(csv), "-o", str(out), "--jobs", str(jobs), "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = parent_peak = 0
    procs = [watched]
    ticks = 0
    while proc.poll() is None:
        # Listing the children walks /proc: done once a second, not per sample,
        # so that the watcher does not take CPU time from the run it measures.
        if ticks % 10 == 0:
            with contextlib.suppress(psutil.Error):
                procs = [watched, *watched.children(recursive=True)]
        ticks += 1
        with contextlib.suppress(psutil.Error):
            peak = max(peak, tree_rss(procs))
            parent_peak = max(parent_peak, watched.memory_info().rss)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The workers are waited for by the command, which is waited for here,
    # so their CPU time is counted too: a figure that does not depend on
    # what else the machine is running.
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    summary = (proc.stderr.read() if proc.stderr else "").strip()
    if proc.returncode != 0:
        raise SystemExit(f"cableparse parse failed ({proc.returncode}): {summary}")
    with out.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": peak / 2**20,
        "parent_peak_rss_mb": parent_peak / 2**20,
        "lines": lines,
        "summary": summary,
    }


def main(argv: list[str] | None = None) -> int:
    """Write the file, run each size, print the table."""
    parser = argparse.ArgumentParser(description="Time and memory of cableparse parse on a synthetic cables.csv.")
    parser.add_argument("--rows", default="25000,100000,250000", help="comma-separated row counts")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for every size")
    parser.add_argument("--also-jobs", default="1", help="other worker counts, at the largest size only (empty: none)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="keep the files in DIR (and reuse them next time)")
    args = parser.parse_args(argv)
    sizes = sorted(int(r) for r in args.rows.split(","))
    extra = [int(j) for j in args.also_jobs.split(",") if j]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="csv-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / f"cables-{sizes[-1]}.csv"
    start = time.perf_counter()
    reuse = big.exists() and args.keep is not None  # kept from an earlier run
    size = big.stat().st_size if reuse else write_csv(big, sizes[-1])
    print(
        f"{big.name}: {sizes[-1]:,} rows, {size / 1e6:.0f} MB, ready in {time.perf_counter() - start:.0f} s ({os.cpu_count()} CPUs)",
        flush=True,
    )
    plan = [(rows, args.jobs) for rows in sizes] + [(sizes[-1], j) for j in extra]
    results = []
    head = (
        f"{'rows':>8} {'jobs':>4} {'MB':>6} {'wall s':>8} {'cables/s':>9} {'CPU s':>8} {'CPU ms/cable':>13} "
        f"{'peak RSS MB':>12} {'parent MB':>10}"
    )
    print(head)
    print("-" * len(head))
    for rows, jobs in plan:
        csv = big if rows == sizes[-1] else folder / f"cables-{rows}.csv"
        if not csv.exists():
            head_rows(big, csv, rows)
        r = run(csv, jobs, folder / f"out-{rows}-{jobs}.jsonl")
        if r["lines"] != rows:
            raise SystemExit(f"expected {rows} lines, got {r['lines']}: {r['summary']}")
        r.update(rows=rows, jobs=jobs, csv_mb=csv.stat().st_size / 1e6)
        results.append(r)
        print(
            f"{rows:8,} {jobs:4} {r['csv_mb']:6.0f} {r['wall_s']:8.1f} {rows / r['wall_s']:9,.0f} {r['cpu_s']:8.0f} "
            f"{r['cpu_s'] / rows * 1e3:13.2f} {r['peak_rss_mb']:12.0f} {r['parent_peak_rss_mb']:10.0f}",
            flush=True,
        )
        (folder / f"out-{rows}-{jobs}.jsonl").unlink()
    OUT.mkdir(exist_ok=True)
    (OUT / "csv_scale.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.keep is None:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
