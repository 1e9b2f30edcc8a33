"""``cableparse validate``: report every problem in cable files.

Each cable (a file, or a row of a cables.csv file, named ``path:row``) is
parsed leniently and its diagnostics are printed compiler-style::

    cable.txt:3:21: error[check-station-serial]: the DE line's station serial ...
        DE RUEHKL #0522/01 1800952
                   ^

followed by one summary line.  ``--format json`` prints one JSON object
per cable instead (JSON Lines).  Exit status: 0 when no error was found,
1 when some cable has errors (or warnings, with ``--warnings-as-errors``),
2 when an input could not be used at all (unreadable file, binary data,
an empty file, a CSV row without its columns) or the command line is
wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

import attrs

from ..api import DEFAULT_MAX_SIZE, parse_document
from ..errors import Reporter, format_diagnostic
from ..model import Diagnostic, Severity
from ..reading import Failure, RawInput, iter_inputs
from ..sources import FORMATS

__all__ = ["Report", "add_parser", "reports", "run"]

#: Exit statuses.
OK, FOUND, UNUSABLE = 0, 1, 2


@attrs.frozen
class Report:
    """What validating one cable found."""

    #: ``path``, ``path:row`` for a cables.csv row, ``<stdin>``.
    source: str | None
    #: The file (or ``<stdin>``) the cable came from.
    path: str | None
    diagnostics: tuple[Diagnostic, ...]
    #: The reference ID derived from the cable, if any.
    reference_id: str | None = None
    #: ``False`` when the input gave no cable at all.
    usable: bool = True
    #: The original text of a line, for the caret display.
    line_text: Callable[[int], str | None] = attrs.field(default=lambda _: None, eq=False, repr=False)

    def count(self, severity: Severity) -> int:
        """How many diagnostics of ``severity``."""
        return sum(1 for d in self.diagnostics if d.severity is severity)


def add_parser(sub: Any) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "validate",
        help="report problems in cables",
        description="Report every problem found in cable files, compiler-style. "
        "Exit status 0: no errors; 1: errors found; 2: unusable input or usage error.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, cables.csv files, or - for standard input")
    p.add_argument("--format", dest="output", choices=["text", "json"], default="text", help="text (default) or json: one object per cable")
    p.add_argument("--input-format", choices=FORMATS, default=None, help="container of the inputs (default: detect)")
    p.add_argument("--warnings-as-errors", action="store_true", help="count warnings as errors (exit status 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the errors, without the summary")
    p.add_argument("-v", "--verbose", action="store_true", help="also print notes (info diagnostics: repaired garbles)")
    p.add_argument("--max-size", type=int, default=DEFAULT_MAX_SIZE, metavar="N", help="refuse inputs larger than N bytes")
    p.set_defaults(run=run)


def reports(
    paths: Sequence[str], *, format: str | None = None, warnings_as_errors: bool = False, max_size: int = DEFAULT_MAX_SIZE
) -> Iterator[Report]:
    """One :class:`Report` per cable found under ``paths``, in order (lenient parsing)."""
    for item in iter_inputs(paths, format=format, errors="collect", max_size=max_size):
        if isinstance(item, Failure):
            yield Report(item.source, _path(item.source, item.row), item.diagnostics or (_unreadable(item),), usable=False)
        else:
            yield _validate(item, warnings_as_errors, max_size)


def _path(source: str | None, row: int | None) -> str | None:
    if source is None or row is None:
        return source
    return source.rsplit(":", 1)[0]


def _unreadable(failure: Failure) -> Diagnostic:
    return Diagnostic("input-unreadable", Severity.ERROR, failure.message or "the input could not be read", field="input")


def _validate(raw: RawInput, warnings_as_errors: bool, max_size: int) -> Report:
    reporter = Reporter(warnings_as_errors=warnings_as_errors, source=raw.source)
    try:
        doc = raw.load(reporter, max_size=max_size)
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the run
        reporter.report("internal-error", f"{type(exc).__name__}: {exc}", field="input")
        doc = None
    path = _path(raw.source, raw.row)
    if doc is None:
        return Report(raw.source, path, reporter.finish(), usable=False)
    cable = parse_document(doc, reporter)
    return Report(raw.source, path, cable.diagnostics, cable.reference_id, line_text=doc.source_map.original_line)


def _shown(d: Diagnostic, args: argparse.Namespace) -> bool:
    if d.severity is Severity.ERROR:
        return True
    if d.severity is Severity.WARNING:
        return args.warnings_as_errors or not args.quiet
    return args.verbose and not args.quiet


def _fails(report: Report, warnings_as_errors: bool) -> bool:
    return report.count(Severity.ERROR) > 0 or (warnings_as_errors and report.count(Severity.WARNING) > 0)


def _print_text(report: Report, args: argparse.Namespace, out: TextIO) -> None:
    for d in report.diagnostics:
        if _shown(d, args):
            text = report.line_text(d.line) if d.line is not None else None
            print(format_diagnostic(d, report.source, text), file=out)


def _print_json(report: Report, args: argparse.Namespace, out: TextIO) -> None:
    record = {
        "source": report.source,
        "reference_id": report.reference_id,
        "usable": report.usable,
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "diagnostics": [_diagnostic_dict(d) for d in report.diagnostics if _shown(d, args)],
    }
    print(json.dumps(record, ensure_ascii=False), file=out)


def _diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "severity": d.severity.value, "message": d.message, "line": d.line, "column": d.column, "field": d.field}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Validate every cable under ``args.paths``; the exit status says what was found."""
    out = out if out is not None else sys.stdout
    printer = _print_json if args.output == "json" else _print_text
    cables = errors = warnings = failed = unusable = 0
    files: set[str | None] = set()
    try:
        for report in reports(args.paths, format=args.input_format, warnings_as_errors=args.warnings_as_errors, max_size=args.max_size):
            cables += 1
            files.add(report.path)
            errors += report.count(Severity.ERROR)
            warnings += report.count(Severity.WARNING)
            failed += _fails(report, args.warnings_as_errors)
            unusable += not report.usable
            printer(report, args, out)
    except ValueError as exc:  # a bad --input-format or --max-size
        print(f"cableparse validate: {exc}", file=sys.stderr)
        return UNUSABLE
    if args.output == "text" and not args.quiet:
        summary = f"{_plural(len(files), 'file')}, {_plural(cables, 'cable')}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
        if unusable:
            summary += f", {unusable} unusable"
        if args.warnings_as_errors and warnings:
            summary += " (warnings count as errors)"
        print(summary, file=out)
    if unusable:
        return UNUSABLE
    return FOUND if failed else OK
