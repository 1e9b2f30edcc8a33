"""Canonical render: layout, the semantic fields, and the render subcommand."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import cableparse
from cableparse.fields.header import PARTIAL_NOTICE
from cableparse.model import (
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    ContainerMetadata,
    Declassification,
    Header,
    PageMarker,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    SourceFormat,
    Station,
)
from cableparse.render import NON_SEMANTIC_FIELDS, SEMANTIC_FIELDS, render, render_parts, semantic_fields

from .model_strategies import cables as model_cables

UTC = dt.timezone.utc

SEED_HEAD = """\
VZCZCXRO1441
PP RUEHCHI RUEHDT RUEHHM RUEHNH
DE RUEHKL #0521/01 1800952
ZNY CCCCC ZZH
P 290952Z JUN 09
FM AMEMBASSY KUALA LUMPUR
TO RUEHC/SECSTATE WASHDC PRIORITY 2910
INFO RUCNASE/ASEAN MEMBER COLLECTIVE PRIORITY
RUEHBY/AMEMBASSY CANBERRA PRIORITY 2792
RHEHNSC/NSC WASHDC PRIORITY

C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521

SIPDIS

FOR EAP/MTS AND G/TIP

E.O. 12958: DECL: 06/29/2019
TAGS: PREL PHUM ELAB KTIP MY
SUBJECT: DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY

REF: A. STATE 66260 - ACTION PLAN
B. KL 491 - REACTION TO TIP REPORT

Classified By: Political Counselor Mark D. Clark for reasons 1.4 (b) and (d).

Summary and Comment

1. (C) The DCM presented the trafficking in persons (TIP) action plan"""


@pytest.fixture(scope="module")
def seed() -> Cable:
    return cableparse.parse(cableparse.example_text())


def test_seed_renders_in_the_standard_layout(seed: Cable) -> None:
    text = render(seed)
    assert text.startswith(SEED_HEAD)
    assert text.endswith("\n\nKEITH\n")
    # Page markers are layout: the marker of the seed is not written back.
    assert "KUALA LUMP 00000521" not in text
    assert "[1](#)" not in text and "\n14. (SBU)" not in text
    assert "\n4. (SBU) The DCM reviewed" in text


def test_seed_round_trips_on_the_semantic_fields(seed: Cable) -> None:
    again = cableparse.parse(render(seed))
    assert semantic_fields(again) == semantic_fields(seed)
    assert again.diagnostics == ()
    assert again.page_markers == ()
    assert seed.page_markers != ()


def test_semantic_fields_are_the_cable_fields_minus_the_reading_ones() -> None:
    assert NON_SEMANTIC_FIELDS == (
        "source_format",
        "source",
        "container_metadata",
        "dateline",
        "diagnostics",
        "unparsed",
        "page_markers",
    )
    names = [f.name for f in attrs.fields(Cable)]
    assert list(SEMANTIC_FIELDS) == [n for n in names if n not in NON_SEMANTIC_FIELDS]
    assert "paragraphs" in SEMANTIC_FIELDS and "summary" in SEMANTIC_FIELDS and "partial" in SEMANTIC_FIELDS


def test_semantic_fields_ignore_the_reading(seed: Cable) -> None:
    other = attrs.evolve(
        seed,
        source_format=SourceFormat.CSV,
        source="x.csv:3",
        container_metadata=None,
        diagnostics=(),
        page_markers=(PageMarker("KUALA LUMP", 521, 3, 3),),
    )
    assert semantic_fields(other) == semantic_fields(seed)
    assert semantic_fields(attrs.evolve(seed, signature="RICE")) != semantic_fields(seed)


def test_empty_cable_renders_empty() -> None:
    assert render(Cable()) == ""
    assert render_parts(Cable()) == ("", "")


def _header() -> Header:
    return Header(
        transmission_id="VZCZCXYZ0042",
        relay=Relay(Precedence.ROUTINE, ("RUEHWEB",)),
        station=Station("RUEHZZ", 1234, 1, 32, "1420", dt.datetime(2007, 2, 1, 14, 20, tzinfo=UTC)),
        security=Classification.SECRET,
        security_signals=("ZZH",),
        precedence=Precedence.ROUTINE,
        dtg=dt.datetime(2007, 2, 1, 14, 20, tzinfo=UTC),
        originator="AMEMBASSY ZED",
        to=(Addressee("RUEHC", "SECSTATE WASHDC", None, 17), Addressee("RUEHXX", "AMEMBASSY EKS", None, 4)),
        info=(Addressee("RUEHYY", "AMCONSUL WYE", None, None),),
        exempt=(Addressee(None, "AMEMBASSY EKS"),),
    )


def test_addressee_blocks_prefix_only_their_first_line() -> None:
    head, body = render_parts(Cable(header=_header()))
    assert body == ""
    assert head.splitlines() == [
        "VZCZCXYZ0042",
        "RR RUEHWEB",
        "DE RUEHZZ #1234/01 0321420",
        "ZNY SSSSS ZZH",
        "R 011420Z FEB 07",
        "FM AMEMBASSY ZED",
        "TO RUEHC/SECSTATE WASHDC 0017",
        "RUEHXX/AMEMBASSY EKS 0004",
        "INFO RUEHYY/AMCONSUL WYE",
        "XMT AMEMBASSY EKS",
    ]


def test_partial_record_notice_comes_first() -> None:
    cable = Cable(partial=True, banner=Banner(Classification.CONFIDENTIAL, None, None, "ZED", 77))
    lines = render(cable).splitlines()
    assert lines[0].startswith("This record is a partial extract")
    assert lines[1] == ""
    assert lines[2] == "C O N F I D E N T I A L ZED 000077"


def _synthetic() -> Cable:
    return Cable(
        reference_id="07ZED1234",
        header=_header(),
        classification=Classification.SECRET,
        banner=Banner(Classification.SECRET, 1, 3, "ZED", 1234),
        captions=("NOFORN", "SIPDIS"),
        passing=("DEPT FOR NEA/XYZ",),
        declassification=Declassification("12958", dt.date(2017, 2, 1), (), "DECL: 02/01/2017"),
        tags=("PREL", "PGOV", "XX"),
        subject="ZED: A QUIET WEEK IN THE CAPITAL",
        subject_marking="C",
        references=(Reference("A", "07STATE4411", "STATE 4411"), Reference("B", None, "ZED E-MAIL OF 1/30/07")),
        classified_by=ClassifiedBy("Jane Q. Doe", "Ambassador", ("1.4(b)", "1.4(d)")),
        summary="Nothing happened.",
        paragraphs=(
            Paragraph(1, "C", "Summary", "Nothing happened. End Summary."),
            Paragraph(2, "S/NF", None, "Something else did."),
            Paragraph(3, "U", "Comment", "Quiet is good."),
        ),
        signature="DOE",
    )


def test_synthetic_cable_layout() -> None:
    _, body = render_parts(_synthetic())
    assert body.split("\n") == [
        "S E C R E T SECTION 01 OF 03 ZED 001234",
        "",
        "NOFORN",
        "SIPDIS",
        "",
        "DEPT FOR NEA/XYZ",
        "",
        "E.O. 12958: DECL: 02/01/2017",
        "TAGS: PREL PGOV XX",
        "SUBJECT: (C) ZED: A QUIET WEEK IN THE CAPITAL",
        "",
        "REF: A. STATE 4411",
        "B. ZED E-MAIL OF 1/30/07",
        "",
        "Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).",
        "",
        "Summary",
        "",
        "1. (C) Nothing happened. End Summary.",
        "",
        "2. (S/NF) Something else did.",
        "",
        "Comment",
        "",
        "3. (U) Quiet is good.",
        "",
        "DOE",
    ]


def test_render_subcommand_writes_the_json_back_as_text(tmp_path: Path, seed: Cable) -> None:
    path = tmp_path / "seed.json"
    path.write_text(cableparse.to_json(seed), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cableparse", "render", str(path)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == render(seed)


def test_render_subcommand_reads_standard_input(seed: Cable) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cableparse", "render", "-"],
        input=cableparse.to_json(seed),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert cableparse.parse(done.stdout).reference_id == "09KUALALUMPUR521"


def test_render_subcommand_refuses_json_that_is_not_a_cable(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"reference_id": 12}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cableparse", "render", str(path)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "cableparse render:" in done.stderr


def test_render_is_exported() -> None:
    assert cableparse.render is render
    assert "render" in cableparse.__all__


def test_synthetic_cable_round_trips() -> None:
    cable = _synthetic()
    again = cableparse.parse(render(cable))
    assert semantic_fields(again) == semantic_fields(cable)
    assert again.warnings == () and again.errors == ()


PARTIAL_BODY = """\
C O N F I D E N T I A L SECTION 01 OF 02 ZED 000395

SIPDIS

E.O. 12958: DECL: 02/02/2015
TAGS: PREL PGOV
SUBJECT: A PARTIAL RECORD

REF: STATE 2743

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

1. (C) Only the body survives.

DOE
"""


def test_a_partial_record_keeps_its_date_as_a_date_line() -> None:
    # A partial record has no DTG: its page's Created date gives the year of
    # its reference ID and of the references that give none.
    meta = ContainerMetadata(reference_id="05ZED395", created=dt.datetime(2005, 2, 3, 13, 1, tzinfo=UTC))
    cable = attrs.evolve(cableparse.parse(PARTIAL_NOTICE + "\n\n" + PARTIAL_BODY), container_metadata=meta)
    assert cable.header.dtg is None
    text = render(cable)
    assert text.split("\n")[:5] == [
        PARTIAL_NOTICE,
        "",
        "Thursday, 03 February 2005, 13:01",
        "",
        "C O N F I D E N T I A L SECTION 01 OF 02 ZED 000395",
    ]
    again = cableparse.parse(text)
    assert again.reference_id == "05ZED395"
    assert again.references[0].reference_id == "05STATE2743"
    # The date line read from the text is written again.
    assert render(again) == text


def test_a_cable_with_a_dtg_gets_no_date_line(seed: Cable) -> None:
    meta = ContainerMetadata(created=dt.datetime(2009, 6, 29, 9, 9, tzinfo=UTC))
    assert render(attrs.evolve(seed, container_metadata=meta)) == render(seed)


def test_without_any_date_a_partial_record_has_no_reference_id() -> None:
    cable = cableparse.parse(PARTIAL_NOTICE + "\n\n" + PARTIAL_BODY)
    assert cable.reference_id is None
    assert not any(line.startswith(("Monday", "Thursday")) for line in render(cable).split("\n"))


def test_render_subcommand_refuses_a_cable_without_text_form(tmp_path: Path, seed: Cable) -> None:
    header = attrs.evolve(seed.header, security=Classification.LIMITED_OFFICIAL_USE)
    path = tmp_path / "lou.json"
    path.write_text(cableparse.to_json(attrs.evolve(seed, header=header)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cableparse", "render", str(path)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 2
    assert "cannot be written as text" in done.stderr and "LIMITED OFFICIAL USE" in done.stderr


@given(model_cables)
def test_render_of_any_cable_is_text_or_a_value_error(cable: Cable) -> None:
    try:
        text = render(cable)
    except ValueError:
        return
    assert isinstance(text, str)
    assert text == "" or text.endswith("\n")


# Garbled synthetic cables and the canonical text they render to.
GARBLED: dict[str, tuple[str, str]] = {
    "markdown": (
        """\
C O N F I D E N T I A L ZED 000101

E.O. 12958: DECL: 01/02/2019
TAGS: [PREL](#) [PGOV](#) [ZZ](#)
SUBJECT: TALKS

REF: A. STATE 1
[1](#)B. ZED 2

[1](#)1. (C) First.

[1](#)2. (C) Second.

DOE
""",
        """\
C O N F I D E N T I A L ZED 000101

E.O. 12958: DECL: 01/02/2019
TAGS: PREL PGOV ZZ
SUBJECT: TALKS

REF: A. STATE 1
B. ZED 2

1. (C) First.

2. (C) Second.

DOE
""",
    ),
    "glued": (
        """\
UNCLAS ZED 000102

TAGS: ECON
SUBJECT: TRADE

11. (U) First.

12. (U) Second.

13. (U) Third.

DOE
""",
        """\
UNCLAS ZED 000102

TAGS: ECON
SUBJECT: TRADE

1. (U) First.

2. (U) Second.

3. (U) Third.

DOE
""",
    ),
    "page marker": (
        """\
S E C R E T SECTION 01 OF 02 ZED 000103

E.O. 12958: DECL: 01/02/2019
TAGS: PTER
SUBJECT: THREATS

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

1. (S) The minister said that the
ZED 00000103 002 OF 002
border was calm.

DOE
""",
        """\
S E C R E T SECTION 01 OF 02 ZED 000103

E.O. 12958: DECL: 01/02/2019
TAGS: PTER
SUBJECT: THREATS

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

1. (S) The minister said that the border was calm.

DOE
""",
    ),
    "wrapped": (
        """\
UNCLAS ZED 000104

TAGS: SOCI
SUBJECT: A LONG SUBJECT THAT WRAPS
ONTO A SECOND LINE

1. (U) The minister said that the
border was calm and that the
elections would be held in May.

DOE
""",
        """\
UNCLAS ZED 000104

TAGS: SOCI
SUBJECT: A LONG SUBJECT THAT WRAPS ONTO A SECOND LINE

1. (U) The minister said that the border was calm and that the elections would be held in May.

DOE
""",
    ),
    "stray sipdis": (
        """\
UNCLAS ZED 000105

SIPDIS

TAGS: PGOV
SUBJECT: VOTE PLANS

1. (SBU) The party offered four
SIPDIS scenarios for the vote SIPDIS in May.

DOE
""",
        """\
UNCLAS ZED 000105

SIPDIS

TAGS: PGOV
SUBJECT: VOTE PLANS

1. (SBU) The party offered four scenarios for the vote in May.

DOE
""",
    ),
    "sentence case": (
        """\
UNCLAS ZED 000106

E.o. 12958: N/A
Tags: prel, pgov
Subject: Talks on the border

1. (U) Text.

DOE
""",
        """\
UNCLAS ZED 000106

E.O. 12958: N/A
TAGS: PREL PGOV
SUBJECT: Talks on the border

1. (U) Text.

DOE
""",
    ),
    "doubled banner": (
        """\
SS E C R E T ZED 000107

E.O. 12958: DECL: 01/02/2019
TAGS: PREL
SUBJECT: TALKS

Classified By: DCM John Roe, reasons 1.4 (b,d)

1. (S) Text.

DOE
""",
        """\
S E C R E T ZED 000107

E.O. 12958: DECL: 01/02/2019
TAGS: PREL
SUBJECT: TALKS

Classified By: DCM John Roe for reasons 1.4 (b) and (d).

1. (S) Text.

DOE
""",
    ),
    "plain banner": (
        """\
CONFIDENTIAL SECTION 01 OF 03 ZED 000108

E.O. 12958: DECL: 01/02/2019
TAGS: PREL
SUBJECT: TALKS

Classified By: Political Counselor Ann Poe for reason 1.4(d).

1. (C) Text.

DOE
""",
        """\
C O N F I D E N T I A L SECTION 01 OF 03 ZED 000108

E.O. 12958: DECL: 01/02/2019
TAGS: PREL
SUBJECT: TALKS

Classified By: Political Counselor Ann Poe for reasons 1.4 (d).

1. (C) Text.

DOE
""",
    ),
    "ref styles": (
        """\
UNCLAS ZED 000109

TAGS: PREL
SUBJECT: TALKS

REF: A) STATE 12; B) 08 ZED 3

1. (U) Text.

DOE
""",
        """\
UNCLAS ZED 000109

TAGS: PREL
SUBJECT: TALKS

REF: A. STATE 12
B. 08 ZED 3

1. (U) Text.

DOE
""",
    ),
    "eo variant": (
        """\
C O N F I D E N T I A L ZED 000110

EO 12958 DECL: 6/30/2019
TAGS: PREL
SUBJECT: TALKS

CLASSIFIED BY: AMBASSADOR JOHN DOE. REASON: 1.4 (B), (D)

1. (C) Text.

DOE
""",
        """\
C O N F I D E N T I A L ZED 000110

E.O. 12958: DECL: 6/30/2019
TAGS: PREL
SUBJECT: TALKS

Classified By: AMBASSADOR JOHN DOE for reasons 1.4 (b) and (d).

1. (C) Text.

DOE
""",
    ),
    "underlined heading": (
        """\
UNCLAS ZED 000111

TAGS: PREL
SUBJECT: TALKS

-------
SUMMARY
-------

1. (U) Text. End Summary.

2. (U) More.

DOE
""",
        """\
UNCLAS ZED 000111

TAGS: PREL
SUBJECT: TALKS

SUMMARY

1. (U) Text. End Summary.

2. (U) More.

DOE
""",
    ),
    "subject mark": (
        """\
C O N F I D E N T I A L ZED 000112

E.O. 12958: DECL: 01/02/2019
TAGS: PREL
SUBJECT: (C) TALKS ON THE
BORDER

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

1. (C) Text.

DOE
""",
        """\
C O N F I D E N T I A L ZED 000112

E.O. 12958: DECL: 01/02/2019
TAGS: PREL
SUBJECT: (C) TALKS ON THE BORDER

Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).

1. (C) Text.

DOE
""",
    ),
    "header wrapped": (
        """\
VZCZCXRO0001
RR RUEHAA RUEHBB
RUEHCC
DE RUEHZZ #0113/01 0321420
ZNR UUUUU ZZH
R 011420Z FEB 07
FM AMEMBASSY ZED
TO RUEHC/SECSTATE WASHDC 0017
INFO RUCNASE/ASEAN MEMBER COLLECTIVE
XMT AMEMBASSY EKS

UNCLAS SECTION 01 OF 02 ZED 000113

TAGS: PREL
SUBJECT: TALKS

1. (U) Text.

DOE
""",
        """\
VZCZCXRO0001
RR RUEHAA RUEHBB RUEHCC
DE RUEHZZ #0113/01 0321420
ZNR UUUUU ZZH
R 011420Z FEB 07
FM AMEMBASSY ZED
TO RUEHC/SECSTATE WASHDC 0017
INFO RUCNASE/ASEAN MEMBER COLLECTIVE
XMT AMEMBASSY EKS

UNCLAS SECTION 01 OF 02 ZED 000113

TAGS: PREL
SUBJECT: TALKS

1. (U) Text.

DOE
""",
    ),
}


@pytest.mark.parametrize("name", sorted(GARBLED))
def test_garbled_cables_render_canonically(name: str) -> None:
    garbled, canonical = GARBLED[name]
    cable = cableparse.parse(garbled)
    assert render(cable) == canonical
    again = cableparse.parse(canonical)
    assert semantic_fields(again) == semantic_fields(cable)
    assert render(again) == canonical
