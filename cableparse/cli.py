"""The ``cableparse`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .api import example_text, parse, parse_file
from .errors import CableParseError
from .serialize import to_json

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cableparse", description="Parse US diplomatic cables into typed JSON.")
    p.add_argument("--version", action="version", version=f"cableparse {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    parse_cmd = sub.add_parser("parse", help="parse cables and print JSON")
    parse_cmd.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or - for standard input")
    parse_cmd.add_argument("--example", action="store_true", help="parse the bundled example cable")
    parse_cmd.add_argument("--format", choices=["text", "markdown", "html", "csv"], default=None)
    parse_cmd.add_argument("--strict", action="store_true", help="fail on any error diagnostic")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            return _parse(args)
    except CableParseError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 2


def _parse(args: argparse.Namespace) -> int:
    cables = []
    if args.example:
        cables.append(parse(example_text(), strict=args.strict, format=args.format, source="example.md"))
    for path in args.paths:
        if path == "-":
            cables.append(parse(sys.stdin.buffer.read(), strict=args.strict, format=args.format, source="<stdin>"))
        else:
            cables.append(parse_file(path, strict=args.strict, format=args.format))
    if not cables:
        print("cableparse parse: give PATH ..., - or --example", file=sys.stderr)
        return 2
    for cable in cables:
        print(to_json(cable, indent=len(cables) == 1))
    return 0
