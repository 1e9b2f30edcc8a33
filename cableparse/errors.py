"""Diagnostics, the catalogue of codes, and the one strict/lenient choke point.

Every problem that any parser finds goes through :meth:`Reporter.report`.
The reporter maps the position from the normalised text back to the
original input, keeps the :class:`~cableparse.model.Diagnostic`, and at
:meth:`Reporter.finish` either returns them all (lenient) or raises one
:class:`CableParseError` carrying every error (strict).  No parser raises
on bad input by itself.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple, ParamSpec, TypeVar

import attrs

from .model import Diagnostic, Severity

__all__ = [
    "CODES",
    "MAX_PER_CODE",
    "PATTERN_TIMEOUT",
    "CableParseError",
    "Code",
    "Reporter",
    "Span",
    "as_spans",
    "element_parser",
    "register",
]


class Code(NamedTuple):
    """A catalogue entry: default severity and a one-line summary."""

    severity: Severity
    summary: str


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: The catalogue of diagnostic codes.  Parsers may only report codes listed
#: here; docs/diagnostics.md documents each one.
CODES: dict[str, Code] = {
    # -- input and containers
    "input-empty": Code(E, "The input holds no text."),
    "input-too-large": Code(E, "The input exceeds the configured maximum size."),
    "input-unreadable": Code(E, "The input file could not be read."),
    "input-timeout": Code(E, "A pattern ran past its time limit on this input; the rest of the cable was not read."),
    "input-binary": Code(E, "The input looks like binary data, not text."),
    "input-decoding": Code(I, "Bytes were not valid UTF-8 and were decoded as cp1252, or a lone surrogate was read as U+FFFD."),
    "input-nul": Code(W, "NUL or other control characters were removed."),
    "internal-error": Code(E, "An unexpected internal failure; please report it."),
    "html-no-pre": Code(E, "An HTML page without the <pre> blocks of a cable."),
    "html-metadata": Code(W, "The HTML page's metadata table could not be read."),
    "csv-columns": Code(E, "A cables.csv row does not have 8 columns."),
    "csv-quote": Code(E, "A cables.csv row has an unterminated quoted field."),
    "csv-field": Code(W, "A cables.csv metadata column could not be read."),
    "markdown-link": Code(W, "An unbalanced or unknown markdown link was left as text."),
    "markdown-pilcrow": Code(I, "A pilcrow artefact ([1](#), bare 1, ¶) before a number was removed."),
    "header-body-mismatch": Code(W, "The banner names another cable than the header: the body belongs to another record."),
    "concatenated-record": Code(W, "Another record (VZCZC, <<row>>, ID:) is glued into this one."),
    # -- header format lines
    "header-missing": Code(W, "The cable has no ACP-127 header."),
    "header-line": Code(W, "A header line could not be read."),
    "transmission-id-invalid": Code(E, "The transmission identification (VZCZC...) is malformed."),
    "relay-invalid": Code(E, "The relay precedence/routing-indicator line is malformed."),
    "routing-indicator-invalid": Code(E, "A routing indicator is not 4-8 upper-case letters."),
    "de-invalid": Code(E, "The DE line is malformed."),
    "de-julian-day": Code(E, "The DE line's julian day is out of range for the year."),
    "de-time": Code(E, "The DE line's filing time is not a valid HHMM."),
    "security-invalid": Code(E, "The security line (ZNY/ZNR) is malformed."),
    "dtg-invalid": Code(E, "The date-time group is malformed."),
    "dtg-day": Code(E, "The DTG's day does not exist in its month."),
    "dtg-time": Code(E, "The DTG's hour or minute is out of range."),
    "dtg-month": Code(E, "The DTG's month is not a month abbreviation."),
    "precedence-invalid": Code(E, "A precedence prosign or word is not known."),
    "precedence-repaired": Code(I, "A misspelt precedence word was repaired."),
    "mcn-range": Code(I, "An MCN range (one number per section) was read as its first number."),
    "originator-missing": Code(W, "The header has no FM line."),
    "addressee-invalid": Code(W, "An addressee line could not be read."),
    "print-header": Code(I, "An old received-copy print header was recognised and kept."),
    "partial-record": Code(I, "The record is marked as a partial extract."),
    # -- body elements
    "banner-missing": Code(W, "No classification banner was found."),
    "banner-invalid": Code(E, "The classification banner could not be read."),
    "banner-repaired": Code(I, "A garbled banner (doubled letter, case) was repaired."),
    "banner-trailing": Code(W, "Text after the banner's serial number was not read."),
    "caption-repaired": Code(I, "A caption line was repaired or split."),
    "eo-invalid": Code(W, "The E.O. line could not be fully read."),
    "eo-date": Code(E, "The declassification date is not a valid date."),
    "eo-repaired": Code(I, "A garbled E.O. line was repaired."),
    "tags-missing": Code(W, "The cable has no TAGS line."),
    "tags-repaired": Code(I, "A TAGS garble was repaired (glued, duplicate, link, case, keyword)."),
    "tags-unknown": Code(I, "A tag is not in the shipped vocabulary."),
    "subject-missing": Code(W, "The cable has no SUBJECT line."),
    "subject-repaired": Code(I, "A garbled SUBJECT keyword was repaired."),
    "ref-invalid": Code(W, "A REF item could not be read."),
    "ref-repaired": Code(I, "A REF garble (pilcrow, doubled label) was repaired."),
    "classified-by-invalid": Code(W, "The Classified By line could not be fully read."),
    "classified-by-reason": Code(E, "A classification reason letter is not valid for its section."),
    "classified-by-repaired": Code(I, "A Classified By garble (repeated keyword, 0 for O, duplicate reason) was repaired."),
    "paragraph-number": Code(W, "A paragraph number is out of sequence."),
    "paragraph-repaired": Code(I, "A garbled paragraph number or marking was repaired."),
    "marking-invalid": Code(W, "A portion marking is not recognised."),
    "page-marker": Code(I, "A page marker was removed from the text."),
    "page-marker-inline": Code(I, "A page marker inside a line was removed."),
    "sipdis-stray": Code(I, "A stray SIPDIS was removed from the text."),
    "signature-missing": Code(W, "No signature line was found."),
    "signature-repaired": Code(I, "A doubled or glued signature was repaired."),
    "text-trailer": Code(I, "A trailer after the text (NNNN, footer, stamp, metadata residue) was dropped."),
    "page-marker-invalid": Code(W, "A line expected to be a page marker could not be read."),
    "unparsed-line": Code(W, "A line was not claimed by any element and was kept in unparsed."),
    "reference-id-underivable": Code(W, "The reference ID could not be derived (banner or DTG missing)."),
    # -- cross-checks (FORMAT.md section 6)
    "check-julian-day": Code(W, "The DE julian day does not match the DTG's day of year."),
    "check-filing-time": Code(W, "The DE filing time is far from the DTG time."),
    "check-station-serial": Code(E, "The DE station serial does not match the banner serial."),
    "check-station-originator": Code(W, "The DE routing indicator is not the originator's in ACP 117."),
    "check-relay-precedence": Code(W, "The relay digraph does not match the DTG prosign."),
    "check-addressee-precedence": Code(W, "The TO precedence word does not match the DTG prosign."),
    "check-security-banner": Code(E, "The security line and the banner disagree on the level."),
    "check-metadata-classification": Code(W, "The container's classification disagrees with the banner."),
    "check-metadata-reference-id": Code(W, "The container's reference ID disagrees with the derived one."),
    "check-metadata-created": Code(W, "The container's Created date disagrees with the DTG."),
    "check-noforn": Code(W, "NOFORN caption, /NF marks and metadata disagree."),
    "check-sensitive": Code(W, "The SENSITIVE caption and the container's FOR OFFICIAL USE ONLY disagree."),
    "check-marking-above-banner": Code(E, "A portion mark is above the banner classification."),
    "check-sections": Code(W, "SECTION n OF m, page markers and DE section disagree."),
    "check-page-markers": Code(W, "Page markers are not consecutive."),
    "check-ref-labels": Code(W, "REF labels are not consecutive A, B, C..."),
    "check-ref-self": Code(W, "A reference cites the cable itself."),
    "check-eo-classification": Code(W, "The E.O. line does not fit the classification."),
    "check-decl-date": Code(W, "The declassification date is not after the DTG."),
    "check-eo-order": Code(W, "The executive order does not fit the DTG year."),
    "check-classified-by": Code(W, "Classified By is present on an unclassified cable or missing on a classified one."),
    "check-reason-section": Code(W, "Reason section 1.4/1.5 does not fit the year."),
    "check-reference-id": Code(W, "The reference ID does not match the banner and DTG."),
    "check-paragraph-duplicate": Code(W, "A paragraph number occurs twice."),
    "check-tags-subject": Code(I, "The TAGS hold no subject or program tag."),
}

del E, W, I

#: How many diagnostics of one code a cable keeps: a pathological input
#: (forty thousand paragraphs numbered 1) must not cost time, memory and
#: screens for one diagnostic per line.
MAX_PER_CODE = 100

#: Seconds a pattern may run over a whole document (the regex module's
#: ``timeout``).  Every pattern is linear; this is only a backstop against
#: a pathological input nobody foresaw, and it ends as an ``input-timeout``
#: diagnostic, never as a hang.
PATTERN_TIMEOUT = 10.0


def register(code: str, severity: Severity, summary: str) -> None:
    """Add a code to the catalogue (for extensions); codes are never replaced."""
    if code in CODES:
        raise ValueError(f"diagnostic code {code!r} is already registered")
    CODES[code] = Code(severity, summary)


class Span(NamedTuple):
    """A piece of normalised text and where its first character stands.

    ``line`` and ``column`` are 1-based positions in the *normalised*
    document; the :class:`Reporter` maps them back to the original input.
    A span never contains a newline.
    """

    line: int
    column: int
    text: str

    def sub(self, start: int, end: int | None = None) -> Span:
        """The span of ``text[start:end]``."""
        # tuple.__new__ skips the NamedTuple's Python-level __new__ (a hot path).
        return _new_span(Span, (self.line, self.column + start, self.text[start:end]))

    def strip(self) -> Span:
        """The span without leading and trailing white space."""
        text = self.text
        stripped = text.strip()
        if len(stripped) == len(text):
            return self  # nothing to strip (six calls in ten): the span itself
        lead = len(text) - len(text.lstrip())
        return _new_span(Span, (self.line, self.column + lead, stripped))


_new_span = tuple.__new__

#: ``span.text`` as a C-level function, for ``map`` over many spans.
span_text: Callable[[Span], str] = operator.itemgetter(2)


def as_spans(source: str | Span | Sequence[Span]) -> tuple[Span, ...]:
    """Turn a string (split at newlines), a span or spans into spans."""
    if isinstance(source, Span):
        return (source,)
    if isinstance(source, str):
        return tuple(Span(i, 1, t) for i, t in enumerate(source.split("\n"), 1))
    return tuple(source)


Locate = Callable[[int, int], tuple[int, int]]


def _identity(line: int, column: int) -> tuple[int, int]:
    return line, column


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@attrs.define
class _Overflow:
    """Diagnostics of one code past the limit: how many, the worst severity, where the first stood."""

    severity: Severity
    line: int | None
    column: int | None
    field: str | None
    count: int = 1


@attrs.define
class Reporter:
    """The one place that decides between recording and raising.

    ``locate`` maps a normalised (line, column) to the original input;
    ``original_line`` returns an original line's text for caret displays.
    """

    strict: bool = False
    warnings_as_errors: bool = False
    source: str | None = None
    locate: Locate = _identity
    original_line: Callable[[int], str | None] | None = None
    _items: list[Diagnostic] = attrs.field(factory=list)
    #: Diagnostics of one code beyond :data:`MAX_PER_CODE`, counted.
    _over: dict[str, _Overflow] = attrs.field(factory=dict)
    _counts: dict[str, int] = attrs.field(factory=dict)
    #: Where each element was found (``"header.station"`` -> its span), so
    #: that cross-checks can point at the elements they compare.
    anchors: dict[str, Span] = attrs.field(factory=dict)

    def mark(self, field: str, span: Span) -> None:
        """Remember where ``field`` was found; the first mark wins."""
        self.anchors.setdefault(field, span)

    def report(
        self,
        code: str,
        message: str,
        at: Span | None = None,
        offset: int = 0,
        *,
        field: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        """Record one problem at ``offset`` characters into span ``at``."""
        entry = CODES.get(code)
        if entry is None:
            raise KeyError(f"diagnostic code {code!r} is not in the catalogue")
        if severity is None:
            severity = entry.severity
        counts = self._counts
        count = counts.get(code, 0) + 1
        counts[code] = count
        if count > MAX_PER_CODE:
            self._count_over(code, severity, at, offset, field)
            return
        if at is None:
            line = column = None
        else:
            line, column = self.locate(at.line, at.column + offset if offset > 0 else at.column)
        self._items.append(Diagnostic(code, severity, message, line, column, field))

    def _count_over(self, code: str, severity: Severity, at: Span | None, offset: int, field: str | None) -> None:
        over = self._over.get(code)
        if over is None:
            line, column = self.locate(at.line, at.column + max(offset, 0)) if at is not None else (None, None)
            self._over[code] = _Overflow(severity, line, column, field)
            return
        over.count += 1
        if _RANK[severity] > _RANK[over.severity]:
            over.severity = severity

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics that are already in original coordinates."""
        self._items.extend(diagnostics)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Everything recorded so far, in the order reported."""
        return tuple(self._items)

    def finish(self) -> tuple[Diagnostic, ...]:
        """Sort by position; raise :class:`CableParseError` in strict mode.

        Of each code, the first :data:`MAX_PER_CODE` diagnostics are kept;
        one more, at the first of the rest, says how many were left out
        (with the worst severity among them, so strict mode still fails).
        """
        for code, over in self._over.items():
            message = f"{over.count} more {code} diagnostic(s) of this cable are not listed"
            self._items.append(Diagnostic(code, over.severity, message, over.line, over.column, over.field))
        self._over.clear()
        items = sorted(self._items, key=_position_key)
        if self.strict:
            failing = [d for d in items if _fails(d, self.warnings_as_errors)]
            if failing:
                raise CableParseError(failing, source=self.source, lines=self._context(failing))
        return tuple(items)

    def _context(self, diagnostics: Iterable[Diagnostic]) -> dict[int, str]:
        lines: dict[int, str] = {}
        if self.original_line is None:
            return lines
        for d in diagnostics:
            if d.line is not None and d.line not in lines:
                text = self.original_line(d.line)
                if text is not None:
                    lines[d.line] = text
        return lines


def _position_key(d: Diagnostic) -> tuple[int, int]:
    # Whole-input problems (no line) come first.
    return (d.line or 0, d.column or 0)


def _fails(d: Diagnostic, warnings_as_errors: bool) -> bool:
    return d.severity is Severity.ERROR or (warnings_as_errors and d.severity is Severity.WARNING)


class CableParseError(ValueError):
    """Raised in strict mode: carries every failing diagnostic.

    ``str(error)`` renders each diagnostic compiler-style::

        file.txt:14:3: error[dtg-month]: 'FOO' is not a month
            P 290952Z FOO 09
                      ^
    """

    def __init__(
        self,
        diagnostics: Sequence[Diagnostic],
        *,
        source: str | None = None,
        lines: Mapping[int, str] | None = None,
    ) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.source = source
        self.lines: dict[int, str] = dict(lines or {})
        super().__init__(self.render())

    def render(self) -> str:
        """All diagnostics, each with its source line and a caret."""
        return "\n".join(format_diagnostic(d, self.source, self.lines.get(d.line or 0)) for d in self.diagnostics)

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (process pools).
        return (_rebuild_error, (self.diagnostics, self.source, self.lines))


def _rebuild_error(diagnostics: Sequence[Diagnostic], source: str | None, lines: Mapping[int, str]) -> CableParseError:
    return CableParseError(diagnostics, source=source, lines=lines)


def format_diagnostic(d: Diagnostic, source: str | None = None, line_text: str | None = None) -> str:
    """Render ``source:line:col: severity[code]: message`` plus a caret line."""
    where = source or "<input>"
    if d.line is not None:
        where += f":{d.line}"
        if d.column is not None:
            where += f":{d.column}"
    head = f"{where}: {d.severity.value}[{d.code}]: {d.message}"
    if line_text is None or d.column is None:
        return head
    # Long lines (an HTML page's one-line <pre>) are cut around the caret.
    text = line_text.expandtabs(1)
    col = d.column - 1
    start = max(0, col - 60)
    shown = text[start : col + 60]
    prefix = "..." if start else ""
    return f"{head}\n    {prefix}{shown}\n    {' ' * (len(prefix) + col - start)}^"


P = ParamSpec("P")
T = TypeVar("T")


def element_parser(func: Callable[..., T]) -> Callable[..., T]:
    """Let a small parser be called on its own.

    Small parsers take ``(source, reporter=None, **options)``.  When no
    reporter is given the call is standalone: a strict reporter is made,
    and any error the parser reports is raised as :class:`CableParseError`
    after the parser returns.
    """

    @functools.wraps(func)
    def wrapper(source: object, reporter: Reporter | None = None, **options: object) -> T:
        if reporter is not None:
            # The pipeline's path, some thirteen calls per cable: unpacking
            # an empty **options costs more than the test.
            return func(source, reporter, **options) if options else func(source, reporter)
        text = source if isinstance(source, str) else None
        lines = text.split("\n") if text is not None else None
        own = Reporter(
            strict=True,
            original_line=(lambda n: lines[n - 1] if lines and 0 < n <= len(lines) else None),
        )
        value = func(source, own, **options)
        own.finish()
        return value

    return wrapper
