"""The assembler: zones in order, identity from the banner or, for foreign bodies, the header."""

from __future__ import annotations

import cableparse
from cableparse.model import Classification, SourceFormat

HEADER = """VZCZCXYZ0001
OO RUEHWEB

DE RUEHME #0614 0501538
ZNR UUUUU ZZH
O 191538Z FEB 10
FM AMEMBASSY MEXICO
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0530
"""

FOREIGN_BODY = """
S E C R E T SECTION 01 OF 02 OSLO 000416

SIPDIS

E.O. 12958: DECL: 02/19/2020
TAGS: PREL NO
SUBJECT: A BODY FROM ANOTHER RECORD

Classified By: Ambassador A. Person for reasons 1.4 (b) and (d).

1. (S) Text of the other cable.
PERSON
"""

OWN_BODY = FOREIGN_BODY.replace("S E C R E T SECTION 01 OF 02 OSLO 000416", "UNCLAS SECTION 01 OF 02 MEXICO 000614")


def test_foreign_body_keeps_the_header_identity() -> None:
    cable = cableparse.parse(HEADER + FOREIGN_BODY)
    assert cable.reference_id == "10MEXICO614"
    assert cable.classification is Classification.UNCLASSIFIED
    assert cable.banner is not None and cable.banner.station == "OSLO"
    mismatch = [d for d in cable.diagnostics if d.code == "header-body-mismatch"]
    assert len(mismatch) == 1
    assert "10OSLO416" in mismatch[0].message and "10MEXICO614" in mismatch[0].message
    assert mismatch[0].line == 10


def test_matching_body_is_not_flagged() -> None:
    cable = cableparse.parse(HEADER + OWN_BODY)
    assert cable.reference_id == "10MEXICO614"
    assert not [d for d in cable.diagnostics if d.code == "header-body-mismatch"]


def test_partial_record_takes_its_year_from_the_container() -> None:
    page = cableparse.parse(
        "<html><table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Released</th>"
        "<th>Classification</th><th>Origin</th></tr><tr>"
        "<td><a href='/cable/2004/09/04OSLO12.html'>04OSLO12</a></td>"
        "<td><a href='/date/2004-09_0.html'>2004-09-02 11:11</a></td>"
        "<td><a href='/reldate/2010-12-08_0.html'>2010-12-08 12:12</a></td>"
        "<td><a href='/classification/2_0.html'>CONFIDENTIAL</a></td>"
        "<td><a href='/origin/1_0.html'>Embassy Oslo</a></td></tr></table>"
        "<code><pre>This record is a partial extract of the original cable. "
        "The full text of the original cable is not available.</pre></code>"
        "<code><pre>C O N F I D E N T I A L OSLO 000012&#x000A;&#x000A;SIPDIS&#x000A;&#x000A;"
        "E.O. 12958: DECL: 09/02/2014&#x000A;TAGS: PREL&#x000A;SUBJECT: PARTIAL&#x000A;&#x000A;"
        "1. (C) Text.&#x000A;PERSON</pre></code></html>"
    )
    assert page.source_format is SourceFormat.HTML
    assert page.partial is True
    assert page.header.dtg is None
    assert page.reference_id == "04OSLO12"


def test_unknown_format_is_a_programming_error() -> None:
    import pytest

    with pytest.raises(ValueError, match="format must be one of"):
        cableparse.parse("x", format="pdf")


def test_classified_by_written_as_paragraph_one_is_both() -> None:
    text = (
        "C O N F I D E N T I A L STATE 012345\n\n"
        "E.O. 12958: DECL: 03/24/2019\nTAGS: PREL AS\nSUBJECT: A CONVERSATION\n\n"
        "1. Classified by Acting EAP A/S Pat Q. Sample. Reason: 1.4 (d)\n\n"
        "2. (U) March 24; 1:00 p.m.; Washington, DC.\n\n"
        "3. (C) Text of the conversation.\nCLINTON\n"
    )
    cable = cableparse.parse(text)
    assert cable.classified_by is not None
    assert cable.classified_by.name == "Pat Q. Sample"
    assert cable.classified_by.reasons == ("1.4(d)",)
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert cable.paragraphs[0].text.startswith("Classified by Acting EAP A/S")
    assert cable.signature == "CLINTON"


def test_redacted_date_line_is_the_dateline() -> None:
    import datetime as dt

    text = "Friday, 27 August 2004, 08:08\n" + OWN_BODY.lstrip("\n")
    cable = cableparse.parse(HEADER + "\n" + text)
    assert cable.dateline == dt.datetime(2004, 8, 27, 8, 8, tzinfo=dt.timezone.utc)
    assert cable.unparsed == ()
    assert not [d for d in cable.diagnostics if d.code == "unparsed-line"]
    assert cableparse.render(cable).split("\n").count("Friday, 27 August 2004, 08:08") == 1


def test_wrapped_derived_from_source_stays_in_classified_by() -> None:
    text = (
        "C O N F I D E N T I A L KUALA LUMPUR 000001\n\n"
        "E.O. 12958: DECL: X1\nTAGS: PREL MY\nSUBJECT: MINISTER\n\n"
        "Classified By: Ambassador Mark A. Clark for reasons 1.5(a).  Derived from: State Classification\n"
        "Guide\n\n"
        "Subsidies several, talks.\nKEITH\n"
    )
    cable = cableparse.parse(text)
    assert cable.classified_by is not None
    assert cable.classified_by.derived_from == "State Classification Guide"
    assert [p.text for p in cable.paragraphs] == ["Subsidies several, talks."]


def test_wrapped_reason_letters_before_a_derived_source() -> None:
    text = (
        "C O N F I D E N T I A L KUALA LUMPUR 000001\n\n"
        "E.O. 12958: DECL: X1\nTAGS: PREL MY\nSUBJECT: MINISTER\n\n"
        "Classified By: DCM Mark A. Clark for reasons 1.5(a)\n"
        "and (b). Derived from: Multiple Sources\n\n"
        "Subsidies several, talks.\nKEITH\n"
    )
    cable = cableparse.parse(text)
    assert cable.classified_by is not None
    assert cable.classified_by.reasons == ("1.5(a)", "1.5(b)")
    assert cable.classified_by.derived_from == "Multiple Sources"
    assert [p.text for p in cable.paragraphs] == ["Subsidies several, talks."]


def test_derived_from_wrapped_after_derived() -> None:
    text = (
        "C O N F I D E N T I A L KUALA LUMPUR 000001\n\n"
        "E.O. 12958: DECL: X1\nTAGS: PREL MY\nSUBJECT: MINISTER\n\n"
        "Classified By: DCM Mark A. Clark for reasons 1.5(a).  Derived\n"
        "from: Multiple Sources\n\n"
        "Subsidies several, talks.\nKEITH\n"
    )
    cable = cableparse.parse(text)
    assert cable.classified_by is not None
    assert cable.classified_by.derived_from == "Multiple Sources"
    assert [p.text for p in cable.paragraphs] == ["Subsidies several, talks."]
