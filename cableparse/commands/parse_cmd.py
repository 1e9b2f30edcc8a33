"""``cableparse parse``: cables to JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..api import example_text, parse, parse_file
from ..errors import CableParseError
from ..serialize import to_json


def add_parser(sub: Any) -> None:
    """Register the subcommand."""
    p = sub.add_parser("parse", help="parse cables and print JSON", description="Parse cables and print JSON.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or - for standard input")
    p.add_argument("--example", action="store_true", help="parse the bundled example cable (09KUALALUMPUR521)")
    p.add_argument("--format", choices=["text", "markdown", "html", "csv"], default=None, help="input format (default: detect)")
    p.add_argument("--strict", action="store_true", help="fail on any error diagnostic")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Parse and print; 0 on success, 1 when strict parsing failed, 2 on usage errors."""
    cables = []
    try:
        if args.example:
            cables.append(parse(example_text(), strict=args.strict, format=args.format, source="example.md"))
        for path in args.paths:
            if path == "-":
                cables.append(parse(sys.stdin.buffer.read(), strict=args.strict, format=args.format, source="<stdin>"))
            else:
                cables.append(parse_file(path, strict=args.strict, format=args.format))
    except CableParseError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cableparse parse: {exc}", file=sys.stderr)
        return 2
    if not cables:
        print("cableparse parse: give PATH ..., - or --example", file=sys.stderr)
        return 2
    for cable in cables:
        print(to_json(cable, indent=len(cables) == 1))
    return 0
