"""``cableparse parse``: cables to JSON, one object per cable.

Inputs are files, directories (walked for ``*.html``, ``*.htm``, ``*.txt``,
``*.md``, ``*.csv``), cables.csv files (one cable per row) and ``-`` for
standard input.  The cables are parsed in worker processes
(:func:`cableparse.bulk.process_many`, which also turns each cable into
its JSON text in the worker) and written in input order:

* ``--output jsonl`` (the default for several inputs or ``-o x.jsonl``):
  one JSON object per line, flushed line by line, so that an interrupted
  run leaves a valid prefix;
* ``--output json`` (the default for one file or ``--example``): one
  indented object, or an array of them when there are several cables.

Inputs that give no cable, and with ``--strict`` cables with errors, are
failures: listed in ``OUT.failures.jsonl`` next to ``-o OUT`` (one JSON
object per failure with its source, row and diagnostics) or on standard
error.  A summary line ends the run on standard error.

Exit status: 0 when every input gave a cable; 1 when a cable failed under
``--strict`` (or stopped the run under ``--errors raise``); 2 when an
input could not be used at all (unreadable, binary, empty), or for a
usage error; 130 when interrupted (Ctrl-C) and 143 when terminated
(SIGTERM), in both cases after the workers are stopped and the lines
written so far are complete.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import IO, Any, TextIO

import attrs
import orjson

from ..api import example_text
from ..bulk import DEFAULT_BATCH_SIZE, Source, process_many
from ..errors import format_diagnostic
from ..model import Cable, Diagnostic, Severity
from ..reading import Failure, RawInput
from ..serialize import CableJSONError, converter, to_json
from ..sources import FORMATS

__all__ = ["Record", "Summary", "Terminated", "add_parser", "run"]

#: Exit statuses.
OK, FAILED, UNUSABLE, INTERRUPTED, TERMINATED = 0, 1, 2, 130, 143

#: Codes of failures where the input gave no cable at all (as opposed to a
#: cable refused by ``--strict``).
_UNUSABLE_CODES = frozenset(
    {"input-empty", "input-too-large", "input-unreadable", "input-binary", "html-no-pre", "csv-columns", "csv-quote"}
)


@attrs.frozen
class Record:
    """One parsed cable as the worker hands it back: its JSON and its counts."""

    json: str
    warnings: bool
    errors: bool


def _record(cable: Cable, indent: bool) -> Record | Failure:
    try:
        text = to_json(cable, indent=indent)
    except CableJSONError as exc:
        diagnostic = Diagnostic("internal-error", Severity.ERROR, f"cannot write JSON: {exc}", field="input")
        return Failure(cable.source, None, (diagnostic,), diagnostic.message)
    severities = {d.severity for d in cable.diagnostics}
    return Record(text, Severity.WARNING in severities, Severity.ERROR in severities)


def line_record(cable: Cable) -> Record | Failure:
    """The cable as one JSON line (runs in the worker)."""
    return _record(cable, False)


def indented_record(cable: Cable) -> Record | Failure:
    """The cable as indented JSON (runs in the worker)."""
    return _record(cable, True)


def add_parser(sub: Any) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "parse",
        help="parse cables and write JSON",
        description="Parse cables (files, directories, cables.csv files, - for standard input) and write JSON. "
        "Exit status 0: all parsed; 1: failures under --strict or --errors raise; 2: unusable input or usage error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, cables.csv files, or - for standard input")
    p.add_argument("--example", action="store_true", help="parse the bundled example cable (09KUALALUMPUR521)")
    p.add_argument("--format", choices=FORMATS, default=None, help="container of the inputs (default: detect)")
    p.add_argument("-o", "--out", metavar="FILE", default=None, help="write to FILE instead of standard output")
    p.add_argument(
        "--output",
        choices=["json", "jsonl"],
        default=None,
        help="jsonl: one object per line; json: an indented object, or an array (default: json for one input file, else jsonl)",
    )
    p.add_argument("--strict", action="store_true", help="count a cable with errors as failed")
    p.add_argument("--warnings-as-errors", action="store_true", help="with --strict, warnings fail a cable too")
    p.add_argument(
        "--errors",
        choices=["raise", "collect", "skip"],
        default="collect",
        help="on a failure: stop (raise), list it and go on (collect, the default), or go on silently (skip)",
    )
    p.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N", help="worker processes (default: the number of CPUs)")
    p.add_argument("--batch-size", type=_positive, default=DEFAULT_BATCH_SIZE, metavar="N", help="cables per task sent to a worker")
    p.add_argument("--unordered", action="store_true", help="write cables as they are done, not in input order (faster)")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error (default: when it is a terminal)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


@attrs.define
class Summary:
    """What a run did, for the closing line."""

    parsed: int = 0
    warnings: int = 0
    errors: int = 0
    failed: int = 0
    unusable: int = 0
    start: float = attrs.field(factory=time.perf_counter)

    def add(self, item: Record | Failure) -> None:
        """Count one result."""
        if isinstance(item, Failure):
            self.failed += 1
            self.unusable += is_unusable(item)
        else:
            self.parsed += 1
            self.warnings += item.warnings
            self.errors += item.errors

    def line(self, interrupted: bool = False) -> str:
        """``N cables: P parsed (W with warnings, E with errors), F failed in T s (R cables/s)``."""
        total = self.parsed + self.failed
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        text = (
            f"cableparse parse: {total} cable{'' if total == 1 else 's'}: {self.parsed} parsed "
            f"({self.warnings} with warnings, {self.errors} with errors), {self.failed} failed"
        )
        if self.unusable:
            text += f" ({self.unusable} unusable)"
        text += f" in {elapsed:.1f} s ({total / elapsed:,.0f} cables/s)"
        return text + (" - interrupted" if interrupted else "")

    def status(self, errors: str) -> int:
        """The exit status."""
        if errors == "skip" or not self.failed:
            return OK
        return UNUSABLE if self.unusable else FAILED


def is_unusable(failure: Failure) -> bool:
    """Whether the input gave no cable at all (not a cable refused by ``--strict``)."""
    return not failure.diagnostics or any(d.code in _UNUSABLE_CODES for d in failure.diagnostics)


def _sources(args: argparse.Namespace) -> list[Source]:
    items: list[Source] = []
    if args.example:
        items.append(RawInput(example_text(), args.format, "example.md"))
    items.extend(Path(p) for p in args.paths)
    return items


def _default_output(args: argparse.Namespace) -> str:
    if args.output:
        return str(args.output)
    if args.out is not None:
        return "json" if args.out.lower().endswith(".json") else "jsonl"
    single = len(args.paths) + args.example == 1
    if single and args.paths:
        path = args.paths[0]
        single = path == "-" or (not os.path.isdir(path) and not path.lower().endswith(".csv"))
    return "json" if single else "jsonl"


class _Writer:
    """Writes records as JSON lines or as one JSON value, and the failures beside them."""

    def __init__(self, out: TextIO, mode: str, failures_path: str | None, err: TextIO) -> None:
        self.out = out
        self.mode = mode
        self.failures_path = failures_path
        self.failures: IO[bytes] | None = None
        self.err = err
        self.held: str | None = None
        self.array = False

    def cable(self, record: Record) -> None:
        if self.mode == "jsonl":
            self._write(record.json + "\n")
        elif self.held is None and not self.array:
            # One indented object unless a second cable comes: then an array.
            self.held = record.json
        else:
            if self.held is not None:
                self._write("[\n" + _indent(self.held))
                self.held = None
                self.array = True
            self._write(",\n" + _indent(record.json))

    def failure(self, failure: Failure) -> None:
        if self.failures_path is None:
            self._report(failure)
            return
        if self.failures is None:
            self.failures = open(self.failures_path, "wb")  # noqa: SIM115 - kept open for the run
        record = {
            "source": failure.source,
            "row": failure.row,
            "message": failure.message,
            "diagnostics": [converter.unstructure(d, Diagnostic) for d in failure.diagnostics],
        }
        self.failures.write(orjson.dumps(record) + b"\n")
        self.failures.flush()

    def _report(self, failure: Failure) -> None:
        where = failure.source or "<input>"
        lines = [f"{where}: failed: {failure.message}"]
        lines += [format_diagnostic(d, failure.source) for d in failure.diagnostics if d.severity is not Severity.INFO]
        print("\n".join(lines), file=self.err)

    def close(self) -> None:
        if self.held is not None:
            self._write(self.held + "\n")
        elif self.array:
            self._write("\n]\n")
        self.held = None
        self.array = False
        if self.failures is not None:
            self.failures.close()
        elif self.failures_path is not None and os.path.exists(self.failures_path):
            # A report left by an earlier run would be taken for this one's.
            os.remove(self.failures_path)

    def _write(self, text: str) -> None:
        # One write and a flush per cable: an interrupted run leaves whole lines.
        self.out.write(text)
        self.out.flush()


def _indent(text: str) -> str:
    return "  " + text.replace("\n", "\n  ")


def _progress(args: argparse.Namespace, err: TextIO) -> Any:
    show = args.progress if args.progress is not None else err.isatty()
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is optional: the "progress" extra
        return None
    return tqdm(file=err, unit=" cables", dynamic_ncols=True, mininterval=0.5)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Parse and write; the exit status says how it went (see the module docstring)."""
    err = err if err is not None else sys.stderr
    if not args.paths and not args.example:
        print("cableparse parse: give PATH ..., - or --example", file=err)
        return UNUSABLE
    mode = _default_output(args)
    try:
        handle = out if out is not None else (open(args.out, "w", encoding="utf-8", newline="\n") if args.out else sys.stdout)  # noqa: SIM115
    except OSError as exc:
        print(f"cableparse parse: cannot write {args.out}: {exc.strerror or exc}", file=err)
        return UNUSABLE
    failures_path = f"{args.out}.failures.jsonl" if args.out else None
    writer = _Writer(handle, mode, failures_path, err)
    summary = Summary()
    bar = _progress(args, err)
    interrupted: KeyboardInterrupt | None = None
    stopped: Failure | None = None
    results = _results(args, mode)
    previous = _on_sigterm()
    try:
        for item in results:
            summary.add(item)
            if bar is not None:
                bar.update()
            if isinstance(item, Record):
                writer.cable(item)
            elif args.errors != "skip":
                writer.failure(item)
                if args.errors == "raise":
                    stopped = item
                    break
    except KeyboardInterrupt as exc:
        interrupted = exc
    finally:
        results.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if bar is not None:
            bar.close()
        writer.close()
        if handle is not sys.stdout and out is None:
            handle.close()
    if not args.quiet or interrupted:
        print(summary.line(interrupted is not None), file=err)
    if interrupted is not None:
        return TERMINATED if isinstance(interrupted, Terminated) else INTERRUPTED
    if stopped is not None:
        return UNUSABLE if is_unusable(stopped) else FAILED
    return summary.status(args.errors)


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: the workers are stopped and the output kept whole."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _on_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` for the run; returns the handler to restore."""
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: leave signals alone
        return None


def _results(args: argparse.Namespace, mode: str) -> Generator[Record | Failure, None, None]:
    then = indented_record if mode == "json" else line_record
    return process_many(
        _sources(args),
        then,
        jobs=args.jobs,
        errors="collect",
        strict=args.strict,
        warnings_as_errors=args.warnings_as_errors,
        format=args.format,
        batch_size=args.batch_size,
        ordered=not args.unordered,
    )
