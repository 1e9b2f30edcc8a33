"""``cableparse schema``: print the JSON Schema of the output."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the subcommand."""
    p = sub.add_parser("schema", help="print the JSON Schema", description="Print the JSON Schema of cableparse's JSON output.")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema exactly as checked in under schemas/."""
    from ..schema import schema_text

    sys.stdout.write(schema_text())
    return 0
