"""The ``cableparse`` command line.

Each subcommand lives in its own module under :mod:`cableparse.commands`
with ``add_parser(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import parse_cmd, render_cmd, schema_cmd, validate_cmd

__all__ = ["main"]

_COMMANDS = (parse_cmd, validate_cmd, schema_cmd, render_cmd)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    p = argparse.ArgumentParser(prog="cableparse", description="Parse US diplomatic cables into typed JSON.")
    p.add_argument("--version", action="version", version=f"cableparse {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in _COMMANDS:
        command.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 errors found, 2 usage or unusable input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into head(1) and closed: not an error of ours.
        sys.stderr.close()
        return 0
    return status
