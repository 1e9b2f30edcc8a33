"""``cableparse render``: JSON back to canonical cable text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the subcommand."""
    p = sub.add_parser("render", help="write a cable's JSON back as cable text", description="Write cable JSON as canonical cable text.")
    p.add_argument("path", metavar="FILE.json", help="a JSON document from cableparse parse, or - for standard input")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render one JSON cable; 2 when the JSON is not a cable or the cable has no text form."""
    from ..render import render
    from ..serialize import from_json

    data = sys.stdin.read() if args.path == "-" else Path(args.path).read_text(encoding="utf-8")
    try:
        cable = from_json(data)
    except ValueError as exc:
        print(f"cableparse render: {exc}", file=sys.stderr)
        return 2
    try:
        text = render(cable)
    except ValueError as exc:
        print(f"cableparse render: the cable cannot be written as text: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0
