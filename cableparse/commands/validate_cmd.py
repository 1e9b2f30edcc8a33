"""``cableparse validate``: report every problem in cable files."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..api import parse_file
from ..errors import format_diagnostic
from ..model import Severity


def add_parser(sub: Any) -> None:
    """Register the subcommand."""
    p = sub.add_parser("validate", help="report problems in cables", description="Report every problem found in cable files.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print diagnostics compiler-style; 1 when any error was found."""
    failed = False
    for path in args.paths:
        try:
            cable = parse_file(path)
        except OSError as exc:
            print(f"cableparse validate: {exc}", file=sys.stderr)
            return 2
        for d in cable.diagnostics:
            print(format_diagnostic(d, path))
            failed = failed or d.severity is Severity.ERROR
    return 1 if failed else 0
