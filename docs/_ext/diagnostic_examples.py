"""What triggers each diagnostic code, with an input that shows it.

The diagnostics reference (``docs/diagnostics.md``) is generated from this
table and from :data:`cableparse.CODES`: severity and summary come from the
catalogue, the explanation from :data:`ENTRIES`, and the example output is
produced at build time by running cableparse on the example input, so the
page always shows what the installed version really reports.
``tests/test_docs.py`` checks that every code has an entry and that every
example reports its code.

All example cables are invented for this documentation.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import html
import importlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import cableparse
from cableparse import cli
from cableparse.checks import run_checks
from cableparse.errors import Reporter, format_diagnostic
from cableparse.model import Diagnostic

__all__ = ["BASE", "ENTRIES", "GROUPS", "Entry", "Example", "describe", "output", "reports", "run_example"]

#: A small, well-formed cable; most examples change one line of it.
BASE = """VZCZCXYZ0042
RR RUEHWEB
DE RUEHNY #0123/01 0641430
ZNY CCCCC ZZH
R 051430Z MAR 09
FM AMEMBASSY OSLO
TO RUEHC/SECSTATE WASHDC 1234
INFO RUEHSM/AMEMBASSY STOCKHOLM 0567

C O N F I D E N T I A L OSLO 000123

SIPDIS

E.O. 12958: DECL: 03/05/2019
TAGS: PREL PGOV NO
SUBJECT: NORWAY: A SAMPLE CABLE FOR THE DOCUMENTATION

REF: A. STATE 1234
B. OSLO 99

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

1. (C) Summary: The Embassy writes a short cable. End Summary.

2. (C) The second paragraph says nothing more.

DOE
"""


def variant(*pairs: str, base: str = BASE) -> str:
    """``base`` with each ``old`` replaced by ``new`` once (pairs of arguments)."""
    if len(pairs) % 2:
        raise ValueError("variant() takes pairs of old and new text")
    text = base
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        if old not in text:
            raise ValueError(f"{old!r} is not in the example cable")
        text = text.replace(old, new, 1)
    return text


@dataclasses.dataclass(frozen=True)
class Example:
    """An input and how to read it.

    ``call`` is ``"parse"`` (the whole input, through :func:`cableparse.parse`
    with ``options``), ``"validate"`` (the command line on a file named
    ``source`` holding ``data``, or on a missing file when ``data`` is
    ``None``), ``"checks"`` (the cross-checks run on the parsed cable with
    ``options`` changed by :func:`attrs.evolve`) or the dotted name of a
    small parser, which is called leniently with a
    :class:`~cableparse.errors.Reporter`.
    """

    data: str | bytes | None
    call: str = "parse"
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    source: str = "cable.txt"
    #: What the input is, when it is not the sample cable with a few lines changed.
    description: str = ""


@dataclasses.dataclass(frozen=True)
class Entry:
    """What triggers a code, and an example (``None`` when no input can show it)."""

    trigger: str
    example: Example | None = None


def _field(name: str) -> Callable[..., Any]:
    module, _, attr = name.rpartition(".")
    func: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return func


def _validate(example: Example) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / example.source
        if isinstance(example.data, str):
            path.write_text(example.data, encoding="utf-8")
        elif example.data is not None:
            path.write_bytes(example.data)
        out = io.StringIO()
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stdout(out):
                cli.main(["validate", "-v", example.source])
        finally:
            os.chdir(cwd)
    return out.getvalue().rstrip("\n")


def run_example(example: Example) -> tuple[Diagnostic, ...] | str:
    """What cableparse reports for ``example``: diagnostics, or the command's output."""
    if example.call == "validate":
        return _validate(example)
    if example.data is None:
        raise ValueError("only the validate command reads a missing file")
    if example.call == "parse":
        return cableparse.parse(example.data, source=example.source, **example.options).diagnostics
    if example.call == "checks":
        # A cable changed after parsing (built by hand, read from edited JSON).
        cable = attrs.evolve(cableparse.parse(example.data), **example.options)
        checked = Reporter()
        run_checks(cable, checked)
        return checked.finish()
    reporter = Reporter()
    _field(example.call)(example.data, reporter, **example.options)
    return reporter.finish()


def reports(code: str, example: Example) -> bool:
    """Whether ``example`` reports ``code``."""
    found = run_example(example)
    if isinstance(found, str):
        return f"[{code}]" in found
    return any(d.code == code for d in found)


def describe(example: Example) -> tuple[str, str]:
    """A sentence introducing the input, and a block showing it (may be empty)."""
    if example.call == "validate":
        return "On the command line:", f"$ cableparse validate {example.source}"
    if example.call == "checks":
        changes = ", ".join(f"{k}={v!r}" for k, v in example.options.items())
        return example.description, f">>> run_checks(attrs.evolve(cableparse.parse(text), {changes}), reporter)"
    if example.call != "parse":
        opts = "".join(f", {k}={v!r}" for k, v in example.options.items())
        name = example.call.rsplit(".", 1)[1]
        return f"Calling the small parser {name} from ``{example.call.rpartition('.')[0]}``:", f">>> {name}({example.data!r}{opts})"
    if example.description:
        return example.description, ""
    assert isinstance(example.data, str)
    changed = _changes(BASE.splitlines(), example.data.splitlines())
    return "The sample cable with these lines changed (line numbers of the changed cable):", changed


def _changes(old: list[str], new: list[str]) -> str:
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out.extend(f"- {line}" for line in old[i1:i2])
        out.extend(f"+ {j:>3}  {line}" for j, line in enumerate(new[j1:j2], j1 + 1))
    return "\n".join(out)


def output(code: str, example: Example) -> str:
    """The diagnostics of ``code`` that ``example`` gives, written as ``cableparse validate`` writes them."""
    found = run_example(example)
    if isinstance(found, str):
        return found
    data = example.data.decode("utf-8", "replace") if isinstance(example.data, bytes) else example.data or ""
    lines = data.splitlines()
    source = example.source if example.call == "parse" else None
    return "\n".join(format_diagnostic(d, source, _line(lines, d.line)) for d in found if d.code == code)


def _line(lines: list[str], number: int | None) -> str | None:
    if number is None or not 0 < number <= len(lines):
        return None
    return lines[number - 1]


HEADER, _, BODY = BASE.partition("\n\n")


def csv_row(*columns: str) -> str:
    """One cables.csv row: every field quoted, backslash escapes."""
    return ",".join('"' + c.replace("\\", "\\\\").replace('"', '\\"') + '"' for c in columns) + "\n"


#: The columns of the sample cable as a cables.csv row.
CSV_COLUMNS = ("1", "3/5/2009 14:30", "09OSLO123", "Embassy Oslo", "CONFIDENTIAL", "09STATE1234|09OSLO99", HEADER, BODY)


def html_page(
    *,
    header: str = HEADER,
    body: str = BODY,
    reference_id: str = "09OSLO123",
    created: str = "2009-03-05 14:02",
    classification: str = "CONFIDENTIAL",
    cells: int = 5,
) -> str:
    """The sample cable as a (much shortened) Cablegate page."""
    values = (reference_id, created, "2010-11-28 18:06", classification, "Embassy Oslo")[:cells]
    row = "".join(f"<td><a href='/x'>{value}</a></td>" for value in values)

    def pre(text: str) -> str:
        return html.escape(text, quote=False).replace("\n", "&#x000A;")

    return (
        "<html><body><h3>Viewing cable 09OSLO123, NORWAY: A SAMPLE CABLE</h3>\n<table class='cable'>\n"
        "<tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>\n"
        f"<tr>{row}</tr></table>\n<code><pre>{pre(header)}</pre></code>\n<code><pre>{pre(body)}</pre></code>\n</body></html>\n"
    )


_F = "cableparse.fields."
_TWO_SECTIONS = ("C O N F I D E N T I A L OSLO", "C O N F I D E N T I A L SECTION 01 OF 02 OSLO")
_CLASSIFIED_BY = "Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d)."
#: The sample cable made unclassified and Sensitive But Unclassified.
_SBU_HEADER, _, _SBU_BODY = variant(
    "ZNY CCCCC ZZH",
    "ZNR UUUUU ZZH",
    "C O N F I D E N T I A L OSLO",
    "UNCLAS OSLO",
    "SIPDIS\n",
    "SENSITIVE\nSIPDIS\n",
    "DECL: 03/05/2019",
    "N/A",
    _CLASSIFIED_BY + "\n\n",
    "",
    "1. (C)",
    "1. (SBU)",
    "2. (C)",
    "2. (SBU)",
).partition("\n\n")


def _csv(*columns: str) -> Example:
    return Example(csv_row(*columns), options={"format": "csv"}, source="cables.csv", description="A cables.csv row of the sample cable:")


def _page(description: str, **changes: Any) -> Example:
    return Example(html_page(**changes), options={"format": "html"}, source="09OSLO123.html", description=description)


GROUPS: dict[str, dict[str, Entry]] = {
    "Input and containers": {
        "input-empty": Entry(
            "The input is empty or holds only white space: there is nothing to parse.",
            Example("", description="An empty string:"),
        ),
        "input-too-large": Entry(
            "The input is longer than ``max_size`` (bytes for bytes, characters for text; "
            "20,000,000 by default, far above the largest cable). Nothing is parsed.",
            Example("x" * 200, options={"max_size": 100}, description="200 characters with ``max_size=100``:"),
        ),
        "input-unreadable": Entry(
            "A file or directory given to the command line or to ``iter_cables`` cannot be read "
            "(missing, a permission problem). ``parse_file`` raises ``OSError`` instead.",
            Example(None, call="validate", source="missing.txt"),
        ),
        "input-timeout": Entry(
            "A pattern ran past the time limit that guards against pathological input; the cable is "
            "returned with what was read before. Every pattern is written to run in linear time, so this "
            "is a backstop, not an expected outcome: please report the input."
        ),
        "input-binary": Entry(
            "Many control characters or undecodable bytes near the start: the input is a picture, "
            "an archive or another binary file, not a cable.",
            Example(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), description="The first bytes of a PNG image:"),
        ),
        "input-decoding": Entry(
            "Bytes are not valid UTF-8, so the input was read as Windows-1252 (the usual encoding of "
            "old exports). Reported once, at the first bad byte.",
            Example(
                variant("writes a short", "writes a caf\xe9 short").encode("cp1252"),
                description="The sample cable saved as cp1252, with an accented word in paragraph 1:",
            ),
        ),
        "input-nul": Entry(
            "NUL bytes or other control characters (not tab, newline or carriage return) were found and removed.",
            Example(variant("writes a short", "writes a\x00 short")),
        ),
        "internal-error": Entry(
            "An unexpected failure inside cableparse. The contract is that parsing never raises on bad "
            "input, so the failure is turned into this diagnostic and an empty or partial cable is returned. "
            "Please report it with the input that caused it."
        ),
        "html-no-pre": Entry(
            "An HTML input has none of the ``<pre>`` blocks in which Cablegate pages carry the cable text.",
            Example(
                "<html><body><h3>Viewing cable 09OSLO123</h3><p>moved</p></body></html>",
                options={"format": "html"},
                source="page.html",
                description="An HTML page without ``<pre>`` blocks:",
            ),
        ),
        "html-metadata": Entry(
            "The page's metadata table (Reference ID, Created, Released, Classification, Origin) is "
            "present but could not be read; the cable text is still parsed.",
            _page("A page whose metadata row has only three cells:", cells=3),
        ),
        "csv-columns": Entry(
            "A cables.csv row does not have the 8 columns of the format (row id, date, reference ID, "
            "origin, classification, references, header, body).",
            _csv(*CSV_COLUMNS[:6]),
        ),
        "csv-quote": Entry(
            "A quoted cables.csv field is never closed, so the rest of the file would be swallowed into it.",
            Example(
                csv_row(*CSV_COLUMNS)[:-40],
                options={"format": "csv"},
                source="cables.csv",
                description="The sample row cut off inside the body column:",
            ),
        ),
        "csv-field": Entry(
            "A metadata column of a cables.csv row (row id, date, classification) has an unexpected form; "
            "the column is ignored and the cable text is still parsed.",
            _csv(CSV_COLUMNS[0], "March 5", *CSV_COLUMNS[2:]),
        ),
        "markdown-link": Entry(
            "In the markdown form, a link is unbalanced or of an unknown kind; it is kept as written.",
            Example(variant("TAGS: PREL PGOV NO", "TAGS: [PREL](#) [PGOV](# NO")),
        ),
        "markdown-pilcrow": Entry(
            "A pilcrow artefact of the markdown conversion (``[1](#)`` before a paragraph number or a REF "
            "letter) was removed. One note per cable, at the first one.",
            Example(variant("2. (C)", "[1](#)2. (C)")),
        ),
        "header-body-mismatch": Entry(
            "The body's banner names a different station and serial than the header's DE line and FM line: "
            "the page joined the header of one cable to the body of another. The header's reference ID "
            "and classification are kept.",
            Example(variant("C O N F I D E N T I A L OSLO 000123", "C O N F I D E N T I A L STOCKHOLM 000777")),
        ),
        "concatenated-record": Entry(
            "Another record starts inside this one (a ``<<row>>`` marker of a raw record, an ``ID:`` "
            "block, a second ``VZCZC`` line). What follows is kept in ``unparsed``.",
            Example(variant("DOE\n", "DOE\n<<218634>>\n3/6/2009 10:00\n09OSLO124\n")),
        ),
    },
    "Header format lines": {
        "header-missing": Entry(
            "The cable has no ACP-127 header at all (no DTG line, FM line or transport lines), as in body-only records.",
            Example(BODY, description="The body of the sample cable alone:"),
        ),
        "header-line": Entry(
            "A header line starts like a known element but could not be read, such as an FM line without an originator.",
            Example("FM", call=_F + "addressees.parse_originator"),
        ),
        "transmission-id-invalid": Entry(
            "Format line 1 starts with ``VZCZC`` but is not followed by a three-letter channel and a three- or four-digit sequence number.",
            Example(variant("VZCZCXYZ0042", "VZCZCX1Z0042")),
        ),
        "relay-invalid": Entry(
            "The relay line (format line 2: precedence digraph and routing indicators) is malformed, "
            "for example a digraph without any routing indicator.",
            Example("RR", call=_F + "routing.parse_relay"),
        ),
        "routing-indicator-invalid": Entry(
            "A routing indicator on the relay or DE line is not 4 to 8 upper-case letters.",
            Example(variant("RR RUEHWEB", "RR RUEHWEB 12")),
        ),
        "de-invalid": Entry(
            "The DE line (format line 3) lacks one of its parts -- routing indicator, ``#`` station "
            "serial, julian day and filing time -- or has text after them.",
            Example(variant("DE RUEHNY #0123/01 0641430", "DE RUEHNY #0123/01")),
        ),
        "de-julian-day": Entry(
            "The DE line's julian day is not a day of the year (000, or above 365 or 366).",
            Example(variant("DE RUEHNY #0123/01 0641430", "DE RUEHNY #0123/01 3671430")),
        ),
        "de-time": Entry(
            "The DE line's filing time is not a valid 24-hour HHMM.",
            Example(variant("DE RUEHNY #0123/01 0641430", "DE RUEHNY #0123/01 0642530")),
        ),
        "security-invalid": Entry(
            "The security line (format line 4) does not have five equal letters of a known level "
            "(``UUUUU``, ``EEEEE``, ``CCCCC``, ``SSSSS``, ``TTTTT``).",
            Example(variant("ZNY CCCCC ZZH", "ZNY CCXCC ZZH")),
        ),
        "dtg-invalid": Entry(
            "A date-time group does not have the shape ``DDHHMMZ MON YY`` (day, hour, minute, ``Z``, month abbreviation, two-digit year).",
            Example("05143Z MAR 09", call=_F + "dtg.parse_dtg"),
        ),
        "dtg-day": Entry(
            "The DTG's day does not exist in its month and year (31 February, 29 February of a common year).",
            Example(variant("R 051430Z MAR 09", "R 311430Z FEB 09")),
        ),
        "dtg-time": Entry(
            "The DTG's hour is above 23 or its minute above 59.",
            Example(variant("R 051430Z MAR 09", "R 052530Z MAR 09")),
        ),
        "dtg-month": Entry(
            "The DTG's month is not one of the English three-letter abbreviations JAN ... DEC.",
            Example(variant("R 051430Z MAR 09", "R 051430Z MRZ 09")),
        ),
        "precedence-invalid": Entry(
            "A precedence prosign on the DTG line is not Z, O, P or R, or a precedence word is unknown.",
            Example(variant("R 051430Z MAR 09", "X 051430Z MAR 09")),
        ),
        "precedence-repaired": Entry(
            "A misspelt precedence word on an addressee line (``PRIOITY``, ``IMMEDAITE``) was read as the word it stands for.",
            Example(
                variant(
                    "R 051430Z MAR 09",
                    "P 051430Z MAR 09",
                    "RR RUEHWEB",
                    "PP RUEHWEB",
                    "TO RUEHC/SECSTATE WASHDC 1234",
                    "TO RUEHC/SECSTATE WASHDC PRIOITY 1234",
                )
            ),
        ),
        "mcn-range": Entry(
            "An addressee line ends with a range of message continuity numbers (one per section of a "
            "multi-section cable); the first number is kept as ``mcn``.",
            Example(variant("TO RUEHC/SECSTATE WASHDC 1234", "TO RUEHC/SECSTATE WASHDC 1234-1236")),
        ),
        "originator-missing": Entry(
            "Addressee lines (TO, INFO) are present but there is no FM line before them.", Example(variant("FM AMEMBASSY OSLO\n", ""))
        ),
        "addressee-invalid": Entry(
            "A TO, INFO or XMT line could not be read as an addressee (routing indicator, address, "
            "precedence word, MCN); the line is kept in ``unparsed``.",
            Example(variant("INFO RUEHSM/AMEMBASSY STOCKHOLM 0567", "INFO RUEHSM/ 0567")),
        ),
        "print-header": Entry(
            "The header is the received-copy print format of 1985-2004 cables (classification line, "
            "``PAGE 01`` line, ``ACTION``/``INFO`` distribution codes, a dashed control line). Its lines "
            "are kept in ``header.print_lines``.",
            Example(
                "CONFIDENTIAL\nPAGE 01        OSLO   00123  01 OF 01  051500Z\nACTION EUR-00\n"
                "INFO  LOG-00   ADS-00   INR-05   /012 W\n                    ------------------352654  051510Z /23\n"
                "R 051430Z MAR 99\nFM AMEMBASSY OSLO\nTO SECSTATE WASHDC 1234\n\n"
                + BODY.replace("1.4 (b)", "1.5 (b)").replace("2019", "2009"),
                description="A 1999 cable with a print header:",
            ),
        ),
        "partial-record": Entry(
            "The header is the notice *This record is a partial extract of the original cable*; the cable gets ``partial: true``.",
            Example(
                "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n" + BODY,
                description="The notice followed by the sample body:",
            ),
        ),
    },
    "Body elements": {
        "banner-missing": Entry(
            "No classification banner was found at the top of the body (partial records, redacted versions that start with a date line).",
            Example(variant("C O N F I D E N T I A L OSLO 000123\n", "")),
        ),
        "banner-invalid": Entry(
            "A line given as a banner is not one, or its ``SECTION n OF m`` is impossible.",
            Example("SECRETARY OF STATE", call=_F + "banner.parse_banner"),
        ),
        "banner-repaired": Entry(
            "A garbled banner was read: a doubled first letter (``SS E C R E T``, ``UUNCLAS``), lower or "
            "sentence case, a lost first letter.",
            Example(variant("C O N F I D E N T I A L OSLO 000123", "CC O N F I D E N T I A L OSLO 000123")),
        ),
        "banner-trailing": Entry(
            "There is text after the banner's serial number that belongs to no known element.",
            Example("C O N F I D E N T I A L OSLO 000123 XYZ", call=_F + "banner.parse_banner"),
        ),
        "caption-repaired": Entry(
            "A caption line was repeated (``SIPDIS SIPDIS``), written in another spelling, or carried "
            "several captions or a caption and a passing line; each caption is kept once.",
            Example(variant("SIPDIS\n", "SIPDIS SIPDIS\n")),
        ),
        "eo-invalid": Entry(
            "The E.O. line was found but its declassification instruction could not be read completely.",
            Example(variant("E.O. 12958: DECL: 03/05/2019", "E.O. 12958:")),
        ),
        "eo-date": Entry(
            "The ``DECL`` date of the E.O. line is not a real date.",
            Example(variant("E.O. 12958: DECL: 03/05/2019", "E.O. 12958: DECL: 13/45/2019")),
        ),
        "eo-repaired": Entry(
            "A garbled E.O. line was read: a misspelt order number (``12598``, ``1295``), a misspelt ``DECL`` keyword, a glued keyword.",
            Example(variant("E.O. 12958: DECL: 03/05/2019", "E.O. 12598: DECL: 03/05/2019")),
        ),
        "tags-missing": Entry(
            "The front matter has no TAGS line (about one cable in twenty has none).", Example(variant("TAGS: PREL PGOV NO\n", ""))
        ),
        "tags-repaired": Entry(
            "A TAGS garble was repaired: glued tags split with the vocabulary (``PRELPGOV``), "
            "duplicates or ``SIPDIS`` dropped, markdown links removed, lower case raised, a misspelt keyword.",
            Example(variant("TAGS: PREL PGOV NO", "TAGS: PRELPGOV NO")),
        ),
        "tags-unknown": Entry(
            "A tag is not in the vocabulary shipped in ``cableparse/vocab/tags.txt``; it is kept as written.",
            Example(variant("TAGS: PREL PGOV NO", "TAGS: PREL PGOV QQQQ NO")),
        ),
        "subject-missing": Entry(
            "The front matter has no SUBJECT line.", Example(variant("SUBJECT: NORWAY: A SAMPLE CABLE FOR THE DOCUMENTATION\n", ""))
        ),
        "subject-repaired": Entry(
            "A garbled SUBJECT keyword (``UBJECT:``, ``SUBJ:`` variants) was read.",
            Example(variant("SUBJECT: NORWAY", "UBJECT: NORWAY")),
        ),
        "ref-invalid": Entry(
            "A REF item could not be read (an empty item, a label without text). Items that are not "
            "cables (an e-mail, a telcon) are not errors: they get ``reference_id: null``.",
            Example(variant("B. OSLO 99", "B.")),
        ),
        "ref-repaired": Entry(
            "A REF garble was repaired: a doubled label (``A. A)``, ``B. REF B``) or pilcrow residue before a label.",
            Example(variant("B. OSLO 99", "B. B) OSLO 99")),
        ),
        "classified-by-invalid": Entry(
            "The Classified By line was found but not fully read, for example it names no reason.",
            Example(variant(_CLASSIFIED_BY, "Classified By: Ambassador Jane Q. Doe.")),
        ),
        "classified-by-reason": Entry(
            "A reason letter does not exist in its section (1.4 has a-h, 1.5 has a-g).",
            Example(variant("1.4 (b) and (d)", "1.4 (b) and (k)")),
        ),
        "classified-by-repaired": Entry(
            "A Classified By garble was repaired: a repeated keyword, ``0`` for ``O`` in a name, a reason given twice.",
            Example(variant("Classified By: Ambassador", "Classified By: Classified by Ambassador")),
        ),
        "paragraph-number": Entry(
            "A paragraph number does not follow the previous one (a gap or a step back), after the pilcrow artefacts have been decoded.",
            Example(variant("2. (C)", "4. (C)")),
        ),
        "paragraph-repaired": Entry(
            "A garbled paragraph number or portion mark was read: the pilcrow glued as a ``1`` "
            "(``12.`` for paragraph 2), ``C)`` for ``(C)``, spaces inside the mark.",
            Example(variant("2. (C)", "12. (C)")),
        ),
        "marking-invalid": Entry(
            "Something in parentheses after a paragraph number looks like a portion mark but is not a known one.",
            Example(variant("2. (C)", "2. (C//QX)")),
        ),
        "page-marker": Entry(
            "A section or page marker line (``OSLO 00000123 002 OF 002``, or an old ``PAGE 02`` print "
            "line with the classification lines around it) was removed and the text joined across it. "
            "The marker is kept in ``page_markers``.",
            Example(variant("2. (C) The second paragraph", "2. (C) The second\nOSLO 00000123 002 OF 002\nparagraph", *_TWO_SECTIONS)),
        ),
        "page-marker-inline": Entry(
            "A page marker inside a line (the line breaks around it were lost) was removed.",
            Example(variant("2. (C) The second paragraph", "2. (C) The second OSLO 00000123 002 OF 002 paragraph", *_TWO_SECTIONS)),
        ),
        "sipdis-stray": Entry(
            "A ``SIPDIS`` caption that the distribution system dropped into running text was removed.",
            Example(variant("2. (C) The second paragraph", "2. (C) The second SIPDIS paragraph")),
        ),
        "signature-missing": Entry(
            "No signature (the chief of mission's or the Secretary's surname) ends the text.", Example(variant("\nDOE\n", "\n"))
        ),
        "signature-repaired": Entry(
            "The signature was glued to the last sentence or doubled, and was split off.",
            Example(variant("says nothing more.\n\nDOE", "says nothing more. DOE")),
        ),
        "text-trailer": Entry(
            "Something after the signature that is not part of the cable was dropped: ``NNNN``, a "
            "classification trailer, a classified-website footer, a declassification stamp, NCD metadata residue.",
            Example(variant("DOE\n", "DOE\nNNNN\n")),
        ),
        "page-marker-invalid": Entry(
            "A line given as a page marker could not be read as one.",
            Example("OSLO 00000123 002 OF", call=_F + "pages.parse_page_marker"),
        ),
        "unparsed-line": Entry(
            "A line was not claimed by any element. It is kept, with its line number in the input, in "
            "``unparsed``: nothing is dropped silently.",
            Example(variant("ZNY CCCCC ZZH\n", "ZNY CCCCC ZZH\nQQQ 12 PLEASE\n")),
        ),
        "reference-id-underivable": Entry(
            "The cable's reference ID needs the DTG's year and the banner's station and serial; one of "
            "them is missing. Also reported for a REF citation without a year when the cable's year is unknown.",
            Example(variant("R 051430Z MAR 09\n", "")),
        ),
    },
    "Cross-checks": {
        "check-julian-day": Entry(
            "The DE line's julian day is neither the DTG's day of the year nor the day after.",
            Example(variant("DE RUEHNY #0123/01 0641430", "DE RUEHNY #0123/01 0701430")),
        ),
        "check-filing-time": Entry(
            "The DE line's filing time is before the DTG or more than an hour after it.",
            Example(variant("DE RUEHNY #0123/01 0641430", "DE RUEHNY #0123/01 0641645")),
        ),
        "check-station-serial": Entry(
            "The DE line's station serial is not the banner serial modulo 10000 (``#0123`` for ``000123``).",
            Example(variant("DE RUEHNY #0123/01 0641430", "DE RUEHNY #0124/01 0641430")),
        ),
        "check-station-originator": Entry(
            "The DE line's routing indicator is not the originator's: ACP 117 gives it to another station than "
            "the FM line names. Addresses are compared by place (``AMEMBASSY``/``AMCONSUL`` left out, "
            "``SECSTATE WASHDC`` for ``DEPT OF STATE WASHINGTON DC``, ``MEXICO`` for ``MEXICO CITY``, the "
            "table's misspellings allowed); indicators the table does not list are not checked.",
            Example(variant("FM AMEMBASSY OSLO", "FM AMEMBASSY COPENHAGEN")),
        ),
        "check-relay-precedence": Entry(
            "The relay digraph is not the first DTG prosign doubled (``PP`` with ``P``).", Example(variant("RR RUEHWEB", "PP RUEHWEB"))
        ),
        "check-addressee-precedence": Entry(
            "The precedence word on the first TO line does not fit the action prosign: O goes with "
            "IMMEDIATE or NIACT IMMEDIATE, P with PRIORITY, R with no word, Z with FLASH.",
            Example(variant("TO RUEHC/SECSTATE WASHDC 1234", "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1234")),
        ),
        "check-security-banner": Entry(
            "The security line and the banner give different levels.", Example(variant("ZNY CCCCC ZZH", "ZNY SSSSS ZZH"))
        ),
        "check-metadata-classification": Entry(
            "The classification in the page's metadata table or the cables.csv column is not the banner's level.",
            _page("The sample page with SECRET in its metadata table:", classification="SECRET"),
        ),
        "check-metadata-reference-id": Entry(
            "The reference ID in the container's metadata is not the one derived from the banner and the DTG.",
            _page("The sample page with another reference ID in its metadata table:", reference_id="09OSLO124"),
        ),
        "check-metadata-created": Entry(
            "The container's Created date is not the DTG. HTML pages are compared on date and hour "
            "only, because the early pages have garbled minutes; cables.csv rows to the minute.",
            _csv(CSV_COLUMNS[0], "3/6/2009 14:30", *CSV_COLUMNS[2:]),
        ),
        "check-noforn": Entry(
            "The NOFORN caption, ``/NF`` portion marks and the container's ``//NOFORN`` disagree: a "
            "``/NF`` mark needs the caption, and the caption and ``//NOFORN`` go together.",
            Example(variant("2. (C)", "2. (C/NF)")),
        ),
        "check-sensitive": Entry(
            "The SENSITIVE caption and the container's ``UNCLASSIFIED//FOR OFFICIAL USE ONLY`` do not go "
            "together: an unclassified cable with that metadata carries the caption (or a LIMITED OFFICIAL USE "
            "banner), one with plain ``UNCLASSIFIED`` metadata does not. Classified cables are not checked.",
            _page(
                "The sample cable made unclassified with a SENSITIVE caption, in a page whose metadata says UNCLASSIFIED:",
                header=_SBU_HEADER,
                body=_SBU_BODY,
                classification="UNCLASSIFIED",
            ),
        ),
        "check-marking-above-banner": Entry(
            "A paragraph or subject portion mark is above the banner's level (``(S)`` in a CONFIDENTIAL cable).",
            Example(variant("2. (C)", "2. (S)")),
        ),
        "check-sections": Entry(
            "``SECTION n OF m`` in the banner, the page markers' ``OF m`` and the DE line's section disagree.",
            Example(variant("2. (C) The second paragraph", "2. (C) The second\nOSLO 00000123 002 OF 003\nparagraph", *_TWO_SECTIONS)),
        ),
        "check-page-markers": Entry(
            "Page markers do not run 002, 003, ... or carry another serial than the banner's.",
            Example(
                variant(
                    "2. (C) The second paragraph",
                    "2. (C) The second\nOSLO 00000123 003 OF 003\nparagraph",
                    "C O N F I D E N T I A L OSLO",
                    "C O N F I D E N T I A L SECTION 01 OF 03 OSLO",
                )
            ),
        ),
        "check-ref-labels": Entry(
            "REF labels are not A, B, C, ... in order, without gaps or repeats.", Example(variant("B. OSLO 99", "C. OSLO 99"))
        ),
        "check-ref-self": Entry("A REF item cites the cable itself.", Example(variant("B. OSLO 99", "B. OSLO 123"))),
        "check-eo-classification": Entry(
            "The E.O. line does not fit the classification: ``N/A`` on a classified cable, or a DECL instruction on an unclassified one.",
            Example(variant("E.O. 12958: DECL: 03/05/2019", "E.O. 12958: N/A")),
        ),
        "check-decl-date": Entry(
            "The declassification date is not after the DTG.", Example(variant("DECL: 03/05/2019", "DECL: 03/05/2008"))
        ),
        "check-eo-order": Entry(
            "The executive order was not in force in the DTG's year (11652 in 1972-78, 12065 in "
            "1978-82, 12356 in 1982-95, 12958 from 1995, 13292 from 2003, 13526 from 2009, with a year of slack).",
            Example(variant("E.O. 12958:", "E.O. 11652:")),
        ),
        "check-classified-by": Entry(
            "A classified cable has no Classified By line, or an unclassified one has one.",
            Example(variant(_CLASSIFIED_BY + "\n", "")),
        ),
        "check-reason-section": Entry(
            "Reason section 1.4 is cited before E.O. 13292 (March 2003) made it the reasons section. "
            "Section 1.5 after 2003 is common and only noted.",
            Example(variant("R 051430Z MAR 09", "R 051430Z MAR 01", "DECL: 03/05/2019", "DECL: 03/05/2011")),
        ),
        "check-reference-id": Entry(
            "The cable's reference ID is not of the DTG's year. cableparse derives the ID from the DTG, "
            "so this shows only for a cable changed after parsing: built by hand or read from edited JSON.",
            Example(
                BASE,
                call="checks",
                options={"reference_id": "08OSLO123"},
                description="The sample cable, parsed, with another year in its reference ID, and checked again:",
            ),
        ),
        "check-paragraph-duplicate": Entry(
            "A paragraph number occurs twice in one numbered list. A quoted document with its own list numbered from 1 is not a duplicate.",
            Example(variant("2. (C) The second paragraph says nothing more.", "2. (C) Two.\n\n3. (C) Three.\n\n2. (C) Two again.")),
        ),
        "check-tags-subject": Entry(
            "The TAGS hold no subject or program tag (``PREL``, ``ECON``, ``KDEM`` ...), only countries, "
            "organisations or persons. A note: every cable should be indexed by subject.",
            Example(variant("TAGS: PREL PGOV NO", "TAGS: NO NATO")),
        ),
    },
}

#: Every entry, by code.
ENTRIES: dict[str, Entry] = {code: entry for group in GROUPS.values() for code, entry in group.items()}
