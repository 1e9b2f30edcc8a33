"""Write a synthetic cables.csv of N rows.

Each row is a cable made up here (no real text): a full ACP header, a
banner, captions, E.O., TAGS, SUBJECT, sometimes a REF list and a
Classified By line, numbered marked paragraphs with page markers in
longer cables, and a signature.  Content varies with a seeded random
generator, and some fields hold quotes and backslashes so that the
escaping is exercised.

Usage::

    python benchmarks/make_csv.py N OUT.csv [--seed S] [--continuations]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from cableparse.model import ContainerMetadata
from cableparse.sources.csv import render_csv_row

_POSTS = [
    ("AMEMBASSY QUITO", "RUEHQT", "QUITO", "Embassy Quito", "EC"),
    ("AMEMBASSY OSLO", "RUEHNY", "OSLO", "Embassy Oslo", "NO"),
    ("AMEMBASSY KUALA LUMPUR", "RUEHKL", "KUALA LUMPUR", "Embassy Kuala Lumpur", "MY"),
    ("AMCONSUL DURBAN", "RUEHDU", "DURBAN", "Consulate Durban", "SF"),
    ("AMEMBASSY PORT AU PRINCE", "RUEHPU", "PORT AU PRINCE", "Embassy Port Au Prince", "HA"),
]
_LEVELS = [
    ("UNCLAS", "ZNR UUUUU ZZH", "UNCLASSIFIED", "U"),
    ("C O N F I D E N T I A L", "ZNY CCCCC ZZH", "CONFIDENTIAL", "C"),
    ("S E C R E T", "ZNY SSSSS ZZH", "SECRET", "S"),
]
_TAGS = ["PREL", "PGOV", "ECON", "PHUM", "ETRD", "KTIP", "SNAR", "MARR", "EFIN", "SOCI"]
_WORDS = [
    "the",
    "minister",
    "said",
    "board",
    "ministry",
    "officials",
    "plan",
    "review",
    "water",
    "oil",
    "quota",
    "trade",
    "talks",
    "police",
    "report",
    "election",
    "party",
    "reform",
    "budget",
    "port",
    "river",
    "council",
    "funding",
    "delay",
    "agreement",
    "embassy",
    "post",
    "noted",
    "would",
    "could",
    "further",
    "costs",
    "project",
    "northern",
    "southern",
    "local",
    "national",
]
_NAMES = ["SMITH", "JONES", "NGUYEN", "OKAFOR", "LINDQVIST", "MORALES"]
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 18))
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), '"quoted"')
    if rng.random() < 0.03:
        words.append("C:\\FILES")
    return " ".join(words).capitalize() + "."


def _wrap(text: str, width: int = 66) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current] if current else lines


def synthetic_cable(rng: random.Random, row: int) -> tuple[str, str, ContainerMetadata]:
    """Header, body and CSV metadata of one made-up cable."""
    plad, ri, station, origin, geo = rng.choice(_POSTS)
    banner, security, level, mark = rng.choice(_LEVELS)
    when = dt.datetime(2005, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
    serial = rng.randint(1, 3999)
    year = when.year % 100
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(2, 12))]
    body_lines = [" ".join(_wrap(p)) for p in paragraphs]
    sections = 1 + sum(len(p) for p in body_lines) // 3000
    header = [
        f"VZCZCXRO{rng.randint(1000, 9999)}",
        "PP RUEHWEB",
        f"DE {ri} #{serial:04d}/01 {when.timetuple().tm_yday:03d}{when:%H%M}",
        security,
        f"P {when:%d%H%M}Z {_MONTHS[when.month - 1]} {year:02d}",
        f"FM {plad}",
        f"TO RUEHC/SECSTATE WASHDC PRIORITY {rng.randint(1000, 9999)}",
    ]
    section = f"SECTION 01 OF {sections:02d} " if sections > 1 else ""
    tags = [*rng.sample(_TAGS, rng.randint(1, 4)), geo]
    subject = " ".join(rng.choices(_WORDS, k=rng.randint(3, 8))).upper()
    body = [f"{banner} {section}{station} {serial:06d}", "", "SIPDIS", ""]
    body += [f"E.O. 12958: DECL: {when:%m/%d}/{when.year + 10}" if mark != "U" else "E.O. 12958: N/A"]
    body += [f"TAGS: {' '.join(tags)}", f"SUBJECT: {subject}", ""]
    refs = []
    if rng.random() < 0.5:
        refs = [f"{year:02d}STATE{rng.randint(100, 99999)}"]
        body += [f"REF: A. STATE {refs[0][4:]}", ""]
    if mark != "U":
        body += [f"Classified By: Ambassador J. {rng.choice(_NAMES).title()} for reasons 1.4 (b) and (d).", ""]
    page = 1
    for number, text in enumerate(paragraphs, 1):
        wrapped = _wrap(f"{number}. ({mark}) {text}")
        if sections > 1 and number == len(paragraphs) // 2 and page < sections:
            page += 1
            cut = len(wrapped) // 2
            wrapped[cut:cut] = [f"{station[:10]} {serial:08d} {page:03d} OF {sections:03d}"]
        body += [*wrapped, ""]
    body.append(rng.choice(_NAMES))
    meta = ContainerMetadata(
        row=row,
        created=when,
        reference_id=f"{year:02d}{station.replace(' ', '')}{serial}",
        origin=origin,
        classification=level,
        references=tuple(refs),
    )
    return "\n".join(header), "\n".join(body), meta


def write_csv(path: Path, rows: int, *, seed: int = 0, continuations: bool = False) -> int:
    """Write ``rows`` synthetic rows to ``path``; returns the number of bytes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in range(1, rows + 1):
            header, body, meta = synthetic_cable(rng, row)
            out.write(render_csv_row(header, body, meta, continuations=continuations))
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    """Command line: ``make_csv.py N OUT.csv``."""
    parser = argparse.ArgumentParser(description="Write a synthetic cables.csv.")
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--continuations", action="store_true", help="write line ends inside fields as backslash-newline")
    args = parser.parse_args(argv)
    size = write_csv(args.out, args.rows, seed=args.seed, continuations=args.continuations)
    print(f"{args.out}: {args.rows} rows, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
