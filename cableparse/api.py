"""The public entry points: parse text, bytes or files into cables."""

from __future__ import annotations

import gc
import os

import attrs

from . import sources
from .assemble import assemble
from .checks import run_checks
from .errors import CableParseError, Reporter
from .model import Cable, Diagnostic, SourceFormat

__all__ = ["DEFAULT_MAX_SIZE", "parse", "parse_document", "parse_file"]

#: Inputs larger than this are refused with ``input-too-large`` (bytes or
#: characters).  The largest Cablegate cable is well under 1 MB.
DEFAULT_MAX_SIZE = 20_000_000

_FORMATS = frozenset(f.value for f in SourceFormat)


def parse(
    data: str | bytes,
    *,
    strict: bool = False,
    format: str | None = None,
    source: str | None = None,
    warnings_as_errors: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Cable:
    """Parse one cable from text or bytes.

    ``format`` is ``"text"``, ``"markdown"``, ``"html"`` or ``"csv"`` (the
    first row of a cables.csv file), or ``None`` to detect it.  In lenient
    mode (the default) problems are attached as ``cable.diagnostics``; with
    ``strict=True`` any error raises one :class:`CableParseError` listing
    them all (``warnings_as_errors=True`` makes warnings fail too).  No
    other exception escapes, whatever the input (an unknown ``format``
    is a programming error and raises :class:`ValueError` at once).

    >>> from cableparse import example_text
    >>> cable = parse(example_text())
    >>> cable.reference_id
    '09KUALALUMPUR521'
    """
    if format is not None and format not in _FORMATS:
        raise ValueError(f"format must be one of {sorted(_FORMATS)} or None, not {format!r}")
    reporter = Reporter(strict=strict, warnings_as_errors=warnings_as_errors, source=source)
    # The collector is paused for the whole parse (see parse_document), in
    # line: a context manager costs a generator and four calls per cable.
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        doc = sources.load(data, reporter, format=format, source=source, max_size=max_size)
        return _parse_document(doc, reporter) if doc is not None else _empty(reporter, format)
    except CableParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract: nothing else escapes
        _internal(reporter, exc)
        return _empty(reporter, format)
    finally:
        if enabled:
            gc.enable()


def _internal(reporter: Reporter, exc: Exception) -> None:
    """Turn an exception that escaped a parser into a diagnostic."""
    if isinstance(exc, TimeoutError):
        # The regex module's time limit, a backstop against pathological input.
        reporter.report("input-timeout", f"a pattern ran past its time limit ({exc})", field="input")
    else:
        reporter.report("internal-error", f"{type(exc).__name__}: {exc}")


def parse_document(doc: sources.Document, reporter: Reporter) -> Cable:
    """Assemble a decoded document and apply the reporter's policy.

    The cyclic garbage collector is paused meanwhile: parsing builds
    hundreds of thousands of small tuples for a large input and no
    reference cycles; with the collector running, every collection walks
    all of them again and the parse time grows faster than the input.  It
    is re-enabled on the way out if it was enabled on the way in.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        return _parse_document(doc, reporter)
    finally:
        if enabled:
            gc.enable()


def _parse_document(doc: sources.Document, reporter: Reporter) -> Cable:
    reporter.locate = doc.source_map.locate
    reporter.original_line = doc.source_map.original_line
    if doc.source is not None:
        reporter.source = doc.source
    reporter.extend(doc.diagnostics)
    try:
        cable = assemble(doc, reporter)
        run_checks(cable, reporter)
    except Exception as exc:  # noqa: BLE001 - the contract: nothing else escapes
        _internal(reporter, exc)
        cable = Cable(source_format=doc.format, source=doc.source, container_metadata=doc.metadata)
    return _attach(cable, reporter.finish())


_DIAGNOSTICS = attrs.fields(Cable).diagnostics
#: ``isinstance(d, Diagnostic)`` with the arguments swapped, for ``map``.
_IS_DIAGNOSTIC = Diagnostic.__instancecheck__


def _attach(cable: Cable, diagnostics: tuple[Diagnostic, ...]) -> Cable:
    """``cable`` with ``diagnostics`` stored in place.

    The cable was built above and nobody else holds it yet, so one field
    is set (after its validator has checked the value) rather than all
    twenty-four copied into a new cable by ``attrs.evolve``.
    """
    # The reporter gives a tuple of diagnostics: the field's validator
    # (one Python call per item) runs only when the quick test fails.
    if type(diagnostics) is not tuple or not all(map(_IS_DIAGNOSTIC, diagnostics)):
        assert _DIAGNOSTICS.validator is not None
        _DIAGNOSTICS.validator(cable, _DIAGNOSTICS, diagnostics)
    object.__setattr__(cable, "diagnostics", diagnostics)
    return cable


def _empty(reporter: Reporter, format: str | None) -> Cable:
    fmt = SourceFormat(format) if format in _FORMATS else SourceFormat.TEXT
    return Cable(source_format=fmt, source=reporter.source, diagnostics=reporter.finish())


def parse_file(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    format: str | None = None,
    warnings_as_errors: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Cable:
    """Parse the cable in the file at ``path`` (the first row of a CSV file).

    The path is recorded as ``cable.source`` (``path:1`` for a CSV row) and
    prefixes diagnostics.  A CSV file is streamed: only its first row is
    read.  A file that cannot be read raises :class:`OSError`.
    """
    from .reading import parse_path

    return parse_path(path, strict=strict, format=format, warnings_as_errors=warnings_as_errors, max_size=max_size)


def example_text() -> str:
    """The bundled example cable (09KUALALUMPUR521), in its markdown form."""
    from importlib.resources import files

    return (files("cableparse") / "data" / "example.md").read_text(encoding="utf-8")
