"""The mutation catalogue: one change to a good cable, one expected diagnostic.

Each mutation changes the bundled example cable (09KUALALUMPUR521, in its
markdown form) or one of the synthetic cables of ``synthetic_cables``, in
plain text, markdown, an HTML page or a cables.csv row.  For each:

* lenient parsing returns a cable carrying the expected code on the line
  (and, where a column means something, the column) of the token the
  change is about -- the position is computed from the mutated text, not
  copied from the parser's output;
* strict parsing raises one :class:`CableParseError` that carries the same
  diagnostic (with ``warnings_as_errors=True`` when the code is a warning);
  a note (an ``info`` code) never stops strict parsing, which then returns
  the cable carrying it.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

import cableparse
from cableparse.errors import CODES
from cableparse.model import Cable, Diagnostic, Severity

from .synthetic_cables import CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009, csv_row, html_page, line_col

SEED = cableparse.example_text()
C8, S6, U9 = CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009
NAIROBI = {
    "reference_id": "06NAIROBI2290",
    "created": "2006-11-01 10:10",
    "classification": "SECRET//NOFORN",
    "origin": "Embassy Nairobi",
}
ANKARA = {
    "reference_id": "09ANKARA77",
    "created": "2009-01-20 12:12",
    "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "origin": "Embassy Ankara",
}
ANKARA_CSV = {"reference_id": "09ANKARA77", "date": "1/20/2009 12:40", "origin": "Embassy Ankara"}


def replace(old: str, new: str) -> Callable[[str], str]:
    """A change that replaces the one occurrence of ``old``."""

    def change(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)

    return change


def truncate_after(piece: str) -> Callable[[str], str]:
    """A change that cuts the text right after ``piece``."""
    return lambda text: text[: text.index(piece) + len(piece)]


def then(*changes: Callable[[str], str]) -> Callable[[str], str]:
    def change(text: str) -> str:
        for step in changes:
            text = step(text)
        return text

    return change


@attrs.frozen
class Mutation:
    """One entry of the catalogue."""

    name: str
    base: str
    change: Callable[[str], str]
    code: str
    #: The token the diagnostic must stand on, in the mutated text (``None``: no position).
    token: str | None
    occurrence: int = 1
    #: Whether the column is checked too (not for whole-line findings).
    column: bool = True
    #: Wrap the mutated cable text in a container: ``html`` or ``csv``.
    container: str | None = None
    container_args: dict[str, str] = attrs.field(factory=dict)
    max_size: int = cableparse.DEFAULT_MAX_SIZE

    def text(self) -> str | bytes:
        text = self.change(self.base)
        if self.container == "html":
            return html_page(text, **self.container_args)
        if self.container == "csv":
            args = self.container_args
            return csv_row(
                text,
                date=args.get("date", "3/8/2008 15:30"),
                reference_id=args.get("reference_id", "08QUITO412"),
                classification=args.get("classification", "CONFIDENTIAL"),
                origin=args.get("origin", "Embassy Quito"),
            )
        return text

    def position(self, data: str | bytes) -> tuple[int | None, int | None]:
        if self.token is None:
            return None, None
        assert isinstance(data, str)
        line, column = line_col(data, self.token, occurrence=self.occurrence)
        return line, column if self.column else None


CATALOGUE = [
    # -- header format lines (the example cable, markdown)
    Mutation("delete the FM line", SEED, replace("FM AMEMBASSY KUALA LUMPUR\n", ""), "originator-missing", "TO RUEHC"),
    Mutation("corrupt the DTG month", SEED, replace("290952Z JUN 09", "290952Z JUX 09"), "dtg-month", "JUX"),
    Mutation("a DTG day the month lacks", SEED, replace("290952Z JUN 09", "310952Z JUN 09"), "dtg-day", "310952Z"),
    Mutation("a DTG hour of 25", SEED, replace("290952Z JUN 09", "292552Z JUN 09"), "dtg-time", "2552Z", column=False),
    Mutation("truncate in the DTG", SEED, truncate_after("P 290952Z JU"), "dtg-invalid", "JU", occurrence=1, column=False),
    Mutation("an unknown prosign", SEED, replace("P 290952Z JUN 09", "X 290952Z JUN 09"), "precedence-invalid", "X 290952Z"),
    Mutation("julian day off by 5", SEED, replace("1800952", "1850952"), "check-julian-day", "1850952"),
    Mutation("julian day 400", SEED, replace("1800952", "4000952"), "de-julian-day", "4000952"),
    Mutation("a filing time of 2552", SEED, replace("1800952", "1802552"), "de-time", "2552"),
    Mutation("filed three hours late", SEED, replace("1800952", "1801252"), "check-filing-time", "1801252"),
    Mutation("wrong station serial", SEED, replace("#0521/01", "#0522/01"), "check-station-serial", "0522"),
    Mutation("DE section 02 for banner section 01", SEED, replace("#0521/01", "#0521/02"), "check-sections", "02 180"),
    Mutation("swap the security letters", SEED, replace("ZNY CCCCC", "ZNY SSSSS"), "check-security-banner", "ZNY SSSSS"),
    Mutation("an odd security letter", SEED, replace("ZNY CCCCC", "ZNY CCXCC"), "security-invalid", "XCC"),
    Mutation("relay digraph OO for prosign P", SEED, replace("PP RUEHCHI", "OO RUEHCHI"), "check-relay-precedence", "OO RUEHCHI"),
    Mutation(
        "TO word IMMEDIATE for prosign P",
        SEED,
        replace("WASHDC PRIORITY 2910", "WASHDC IMMEDIATE 2910"),
        "check-addressee-precedence",
        "IMMEDIATE 2910",
    ),
    Mutation("a digit in the transmission id", SEED, replace("VZCZCXRO1441", "VZCZCXRO14X1"), "transmission-id-invalid", "XRO14X1"),
    Mutation(
        "a digit in a relay routing indicator",
        SEED,
        replace("PP RUEHCHI RUEHDT", "PP RUEHCHI RU1HDT"),
        "routing-indicator-invalid",
        "RU1HDT",
    ),
    Mutation("a DE line that is not one", SEED, replace("DE RUEHKL", "DE RU3HKL"), "unparsed-line", "DE RU3HKL"),
    # -- banner and front matter
    Mutation(
        "wrong banner level", C8, replace("C O N F I D E N T I A L SECTION", "S E C R E T SECTION"), "check-security-banner", "ZNY CCCCC"
    ),
    Mutation("banner SECTION 03 OF 02", SEED, replace("SECTION 01 OF 02", "SECTION 03 OF 02"), "check-sections", "01 1800952"),
    Mutation("DECL date before the DTG", SEED, replace("DECL: 06/29/2019", "DECL: 06/29/2008"), "check-decl-date", "06/29/2008"),
    Mutation("a DECL date that is no date", SEED, replace("DECL: 06/29/2019", "DECL: 13/45/2019"), "eo-date", "13/45/2019"),
    Mutation(
        "E.O. N/A on a classified cable", SEED, replace("E.O. 12958: DECL: 06/29/2019", "E.O. 12958: N/A"), "check-eo-classification", "N/A"
    ),
    Mutation("no E.O. line on a classified cable", C8, replace("E.O. 12958: DECL: 03/08/2018\n", ""), "check-eo-classification", "TAGS:"),
    Mutation(
        "a DECL instruction on an unclassified cable",
        U9,
        replace("E.O. 12958: N/A", "E.O. 12958: DECL: 01/20/2019"),
        "check-eo-classification",
        "DECL",
    ),
    Mutation("E.O. 11652 in 2009", SEED, replace("E.O. 12958", "E.O. 11652"), "check-eo-order", "11652"),
    Mutation(
        "delete the TAGS line",
        SEED,
        replace("TAGS: [PREL](#) [PHUM](#) [ELAB](#) [KTIP](#) [MY](#)\n", ""),
        "tags-missing",
        "C O N F",
        column=False,
    ),
    Mutation(
        "delete the SUBJECT line",
        SEED,
        replace("SUBJECT: DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY\n", ""),
        "subject-missing",
        "C O N F",
        column=False,
    ),
    Mutation("truncate mid-line in the E.O. line", SEED, truncate_after("E.O. 12958: DECL: 06/2"), "tags-missing", "C O N F", column=False),
    Mutation("drop REF label B", C8, replace("B. STATE 22140\n", ""), "check-ref-labels", "C. BOGOTA"),
    Mutation("REF label C for B", SEED, replace("[1](#)B. KL 491", "[1](#)C. KL 491"), "check-ref-labels", "C. KL 491"),
    Mutation("a reference to the cable itself", SEED, replace("KL 491", "KL 521"), "check-ref-self", "KL 521"),
    Mutation(
        "Classified By missing on a SECRET cable",
        S6,
        replace("Classified By: Political Counselor Peter R. Ndegwa, reasons 1.4 (c) and (d).\n", ""),
        "check-classified-by",
        "S E C R E T",
    ),
    Mutation(
        "Classified By on an unclassified cable",
        U9,
        replace("CREDIT\n", "CREDIT\n\nClassified By: Jane Doe, reasons 1.4 (b).\n"),
        "check-classified-by",
        "Classified By",
    ),
    Mutation("1.5(h)", SEED, replace("reasons 1.4 b and d.", "reasons 1.5 (b) and (h)."), "classified-by-reason", "h)."),
    Mutation("reason 1.4 in a 2001 cable", S6, replace("R 011015Z NOV 06", "R 011015Z NOV 01"), "check-reason-section", "1.4 (c)"),
    # -- text
    Mutation("duplicate a paragraph number", SEED, replace("[1](#)3. (SBU)", "[1](#)2. (SBU)"), "check-paragraph-duplicate", "2. (SBU)"),
    Mutation("a paragraph out of sequence", C8, replace("3. (C) The minister", "5. (C) The minister"), "paragraph-number", "5. (C)"),
    Mutation(
        "mark a paragraph (S) in a CONFIDENTIAL cable",
        SEED,
        replace("[1](#)3. (SBU)", "[1](#)3. (S)"),
        "check-marking-above-banner",
        "3. (S)",
    ),
    Mutation("mark a paragraph (C) in an unclassified cable", U9, replace("3. (U)", "3. (C)"), "check-marking-above-banner", "3. (C)"),
    Mutation("a /NF mark without the NOFORN caption", S6, replace("NOFORN\n", ""), "check-noforn", "1. (S/NF)"),
    Mutation("page marker OF 003 when SECTION OF 02", SEED, replace("002 OF 002", "002 OF 003"), "check-sections", "003"),
    Mutation("page marker 003 first", SEED, replace("002 OF 002", "003 OF 002"), "check-page-markers", "003 OF"),
    Mutation(
        "page marker with another serial", SEED, replace("KUALA LUMP 00000521", "KUALA LUMP 00000522"), "check-page-markers", "00000522"
    ),
    Mutation(
        "a second VZCZC header glued into the body",
        C8,
        replace("4. (SBU) Comment", "VZCZCXRO1111\nPP RUEHWEB\nDE RUEHQT #0999 0681530\n\n4. (SBU) Comment"),
        "concatenated-record",
        "VZCZCXRO1111",
    ),
    Mutation("the signature line deleted", C8, replace("\nFAIRWEATHER\n", "\n"), "signature-missing", "4. (SBU)", column=False),
    # -- input and containers
    Mutation("insert a NUL byte", SEED, replace("SIPDIS", "SIP\x00DIS"), "input-nul", "\x00"),
    Mutation("an unbalanced markdown link", SEED, replace("[MY](#)", "[MY](#"), "markdown-link", "[MY](#"),
    Mutation("empty input", SEED, lambda text: "  \n\n", "input-empty", None),
    Mutation("binary input", SEED, lambda text: "\x00\x01\x02\x03" * 64, "input-binary", None),
    Mutation("input over the size limit", SEED, lambda text: text, "input-too-large", None, max_size=1000),
    Mutation(
        "HTML: metadata says SECRET",
        C8,
        lambda text: text,
        "check-metadata-classification",
        "C O N F",
        container="html",
        container_args={"classification": "SECRET"},
    ),
    Mutation(
        "HTML: Created on another day",
        C8,
        lambda text: text,
        "check-metadata-created",
        "081530Z",
        container="html",
        container_args={"created": "2008-03-09 15:03"},
    ),
    Mutation(
        "HTML: another reference ID",
        C8,
        lambda text: text,
        "check-metadata-reference-id",
        "000412",
        container="html",
        container_args={"reference_id": "08QUITO413"},
    ),
    Mutation(
        "HTML: metadata NOFORN without the caption",
        S6,
        replace("NOFORN\nSIPDIS", "SIPDIS"),
        "check-noforn",
        "S E C R E T",
        container="html",
        container_args=NAIROBI,
    ),
    Mutation("HTML: julian day off", C8, replace("0681530", "0601530"), "check-julian-day", "0601530", container="html"),
    Mutation(
        "CSV: Created minutes differ",
        C8,
        lambda text: text,
        "check-metadata-created",
        "081530Z",
        container="csv",
        container_args={"date": "3/8/2008 15:03"},
    ),
    Mutation("CSV: wrong station serial", C8, replace("#0412/01", "#0413/01"), "check-station-serial", "0413", container="csv"),
    # -- DE routing indicator against the originator (ACP 117)
    Mutation("DE indicator of another post", C8, replace("DE RUEHQT", "DE RUEHBO"), "check-station-originator", "RUEHBO", occurrence=2),
    Mutation(
        "FM another post than the DE line's",
        SEED,
        replace("FM AMEMBASSY KUALA LUMPUR", "FM AMEMBASSY JAKARTA"),
        "check-station-originator",
        "RUEHKL",
    ),
    Mutation(
        "HTML: DE indicator of another post",
        S6,
        replace("DE RUEHNR", "DE RUEHDS"),
        "check-station-originator",
        "RUEHDS",
        container="html",
        container_args=NAIROBI,
    ),
    Mutation(
        "CSV: FM another post than the DE line's",
        U9,
        replace("FM AMEMBASSY ANKARA", "FM AMCONSUL ISTANBUL"),
        "check-station-originator",
        "RUEHAK",
        occurrence=2,
        container="csv",
        container_args={**ANKARA_CSV, "classification": ANKARA["classification"]},
    ),
    # -- SENSITIVE caption against the container's FOR OFFICIAL USE ONLY
    Mutation(
        "HTML: SENSITIVE caption, plain UNCLASSIFIED metadata",
        U9,
        lambda text: text,
        "check-sensitive",
        "SENSITIVE",
        container="html",
        container_args={**ANKARA, "classification": "UNCLASSIFIED"},
    ),
    Mutation(
        "HTML: FOUO metadata, SENSITIVE caption deleted",
        U9,
        replace("SENSITIVE\n", ""),
        "check-sensitive",
        "UNCLAS SECTION",
        container="html",
        container_args=ANKARA,
    ),
    Mutation(
        "CSV: FOUO metadata, SENSITIVE caption deleted",
        U9,
        replace("SENSITIVE\n", ""),
        "check-sensitive",
        "UNCLAS SECTION",
        container="csv",
        container_args={**ANKARA_CSV, "classification": ANKARA["classification"]},
    ),
    # -- TAGS without a subject tag (a note)
    Mutation("TAGS of countries only", U9, replace("TAGS: ECON ETRD TU", "TAGS: TU GR"), "check-tags-subject", "TAGS: TU GR"),
    Mutation(
        "TAGS links of a country and an organisation",
        SEED,
        replace("[PREL](#) [PHUM](#) [ELAB](#) [KTIP](#) ", "[NATO](#) "),
        "check-tags-subject",
        "TAGS:",
    ),
    Mutation(
        "HTML: TAGS without a subject tag",
        C8,
        replace("TAGS: PREL PGOV EC", "TAGS: EC UNSC"),
        "check-tags-subject",
        "TAGS: EC",
        container="html",
    ),
    Mutation(
        "CSV: paragraph (S) in a CONFIDENTIAL cable",
        C8,
        replace("2. (U)", "2. (S)"),
        "check-marking-above-banner",
        "2. (S)",
        container="csv",
    ),
]


def test_the_catalogue_is_large_and_unique() -> None:
    assert len(CATALOGUE) >= 40
    assert len({m.name for m in CATALOGUE}) == len(CATALOGUE)
    assert all(m.code in CODES for m in CATALOGUE)


@pytest.mark.parametrize("base", [SEED, C8, S6, U9])
def test_the_bases_are_clean(base: str) -> None:
    cable = cableparse.parse(base, strict=True, warnings_as_errors=True)
    assert not [d for d in cable.diagnostics if d.severity is not Severity.INFO]


def _matching(diagnostics: tuple[Diagnostic, ...], mutation: Mutation, where: tuple[int | None, int | None]) -> list[Diagnostic]:
    line, column = where
    return [d for d in diagnostics if d.code == mutation.code and d.line == line and (column is None or d.column == column)]


@pytest.mark.parametrize("mutation", CATALOGUE, ids=lambda m: m.name)
def test_lenient_parsing_carries_the_diagnostic(mutation: Mutation) -> None:
    data = mutation.text()
    cable = cableparse.parse(data, max_size=mutation.max_size)
    assert isinstance(cable, Cable)
    found = _matching(cable.diagnostics, mutation, mutation.position(data))
    assert found, [(d.code, d.line, d.column) for d in cable.diagnostics if d.severity is not Severity.INFO]
    assert list(cable.diagnostics) == sorted(cable.diagnostics, key=lambda d: (d.line or 0, d.column or 0))


@pytest.mark.parametrize("mutation", [m for m in CATALOGUE if CODES[m.code].severity is not Severity.INFO], ids=lambda m: m.name)
def test_strict_parsing_rejects_with_the_diagnostic(mutation: Mutation) -> None:
    data = mutation.text()
    severity = CODES[mutation.code].severity
    with pytest.raises(cableparse.CableParseError) as info:
        cableparse.parse(data, strict=True, warnings_as_errors=severity is Severity.WARNING, max_size=mutation.max_size)
    error = info.value
    assert _matching(error.diagnostics, mutation, mutation.position(data))
    assert all(d.severity is not Severity.INFO for d in error.diagnostics)
    assert f"[{mutation.code}]" in str(error)


@pytest.mark.parametrize("mutation", [m for m in CATALOGUE if CODES[m.code].severity is Severity.INFO], ids=lambda m: m.name)
def test_strict_parsing_keeps_a_note(mutation: Mutation) -> None:
    data = mutation.text()
    cable = cableparse.parse(data, strict=True, warnings_as_errors=True, max_size=mutation.max_size)
    assert _matching(cable.diagnostics, mutation, mutation.position(data))
    assert cable == cableparse.parse(data, max_size=mutation.max_size)


@pytest.mark.parametrize("mutation", [m for m in CATALOGUE if CODES[m.code].severity is Severity.WARNING], ids=lambda m: m.name)
def test_a_warning_alone_does_not_fail_strict_parsing(mutation: Mutation) -> None:
    data = mutation.text()
    lenient = cableparse.parse(data, max_size=mutation.max_size)
    if lenient.errors:
        pytest.skip("this mutation also causes errors")
    cable = cableparse.parse(data, strict=True, max_size=mutation.max_size)
    assert cable == lenient
