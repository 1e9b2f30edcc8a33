"""Synthetic cables written for the tests, in the shapes real cables take.

None of this text comes from a real cable.  Each cable is clean (it
parses without errors or warnings) so that a test can change one thing and
expect exactly the diagnostic that change calls for.
"""

from __future__ import annotations

import re

__all__ = [
    "CONFIDENTIAL_2008",
    "SECRET_NOFORN_2006",
    "UNCLAS_2009",
    "csv_row",
    "html_page",
    "line_col",
    "split_body",
]

#: Two sections, a page marker, three REF items, an INFO block.  The DTG is
#: 8 March 2008 (a leap year: day 068).
CONFIDENTIAL_2008 = """VZCZCXRO7731
PP RUEHBO RUEHGL
DE RUEHQT #0412/01 0681530
ZNY CCCCC ZZH
P 081530Z MAR 08
FM AMEMBASSY QUITO
TO RUEHC/SECSTATE WASHDC PRIORITY 8812
INFO RUEHBO/AMEMBASSY BOGOTA PRIORITY 3301
RUEHLP/AMEMBASSY LA PAZ 2290

C O N F I D E N T I A L SECTION 01 OF 02 QUITO 000412

SIPDIS

E.O. 12958: DECL: 03/08/2018
TAGS: PREL PGOV EC
SUBJECT: ECUADOR: MINISTER OUTLINES A BORDER PLAN

REF: A. QUITO 301
B. STATE 22140
C. BOGOTA 1187

Classified By: Ambassador Linda Q. Fairweather for reasons 1.4 (b) and (d).

1. (C) Summary: The minister outlined a plan for the northern border
and asked for help with radios and vehicles. End Summary.

2. (U) The meeting took place at the ministry on March 7.

QUITO 00000412 002 OF 002

3. (C) The minister said the plan would start in April and that two
provinces would come first.

4. (SBU) Comment: The plan is modest but welcome. End Comment.

FAIRWEATHER
"""

#: One section, NOFORN caption and /NF marks; routine precedence; 2006.
SECRET_NOFORN_2006 = """VZCZCXYZ0042
RR RUEHWEB

DE RUEHNR #2290 3051015
ZNY SSSSS ZZH
R 011015Z NOV 06
FM AMEMBASSY NAIROBI
TO RUEHC/SECSTATE WASHDC 5521
INFO RUEHDS/AMEMBASSY ADDIS ABABA 0811

S E C R E T NAIROBI 002290

NOFORN
SIPDIS

E.O. 12958: DECL: 11/01/2016
TAGS: PTER PREL KE SO
SUBJECT: SOMALIA: A CONTACT DESCRIBES COURT MILITIAS

Classified By: Political Counselor Peter R. Ndegwa, reasons 1.4 (c) and (d).

1. (S/NF) A contact described the militias of the courts and their
supply lines along the coast.

2. (C) Post will follow up with the contact next week.

3. (U) Post has shared this report with the region.

NDEGWA
"""

#: Unclassified and sensitive: E.O. N/A, no Classified By; immediate; 2009.
UNCLAS_2009 = """VZCZCXRO5510
OO RUEHAK
DE RUEHAK #0077/01 0201240
ZNR UUUUU ZZH
O 201240Z JAN 09
FM AMEMBASSY ANKARA
TO RUEHC/SECSTATE WASHDC IMMEDIATE 8100
INFO RUEHIT/AMCONSUL ISTANBUL PRIORITY 4410

UNCLAS SECTION 01 OF 02 ANKARA 000077

SENSITIVE
SIPDIS

E.O. 12958: N/A
TAGS: ECON ETRD TU
SUBJECT: TURKEY: EXPORTERS ASK FOR CHEAPER CREDIT

1. (SBU) Exporters told us that credit has become scarce and
expensive since the autumn.

ANKARA 00000077 002 OF 002

2. (SBU) They asked the central bank to cut rates again.

3. (U) The chamber will publish its own survey in February.

JONES
"""


_BANNER = re.compile(r"\n\n(?=C O N F|S E C R E T|UNCLAS)")


def split_body(text: str) -> tuple[str, str]:
    """The header lines and the body (banner onward) of a synthetic cable."""
    m = _BANNER.search(text)
    if m is None:
        return "", text
    return text[: m.start()], text[m.end() :]


def line_col(text: str, token: str, *, occurrence: int = 1, after: str | None = None) -> tuple[int, int]:
    """The 1-based line and column of ``token`` in ``text`` (its n-th occurrence, after ``after``)."""
    start = text.index(after) if after is not None else 0
    at = start - 1
    for _ in range(occurrence):
        at = text.index(token, at + 1)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def html_page(
    text: str,
    *,
    reference_id: str = "08QUITO412",
    created: str = "2008-03-08 15:03",
    classification: str = "CONFIDENTIAL",
    origin: str = "Embassy Quito",
) -> str:
    """``text`` in a Cablegate-style HTML page (header and body in two ``<pre>`` blocks).

    ``created`` is written as the early pages did it: the minutes hold the
    hour of a 12-hour clock.
    """
    head, body = split_body(text)
    year, month = created[:4], created[5:7]

    def pre(block: str) -> str:
        return "<code><pre>" + block.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "&#x000A;") + "</pre></code>"

    return (
        "<html><head><title>Cable</title></head><body>\n"
        f"<h3>Viewing cable {reference_id}, A SYNTHETIC CABLE</h3>\n"
        "<table class='cable'>\n"
        "<tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>\n"
        f"<tr><td><a href='/cable/{year}/{month}/{reference_id}.html'>{reference_id}</a></td>\n"
        f"<td><a href='/date/{year}-{month}_0.html'>{created}</a></td>\n"
        "<td><a href='/reldate/2010-12-01_0.html'>2010-12-01 12:12</a></td>\n"
        f"<td><a href='/classification/4_0.html'>{classification}</a></td>\n"
        f"<td><a href='/origin/1_0.html'>{origin}</a></td></tr>\n"
        "</table>\n"
        f"{pre(head)}\n{pre(body)}\n"
        "</body></html>\n"
    )


def csv_row(
    text: str,
    *,
    row: int = 1,
    reference_id: str = "08QUITO412",
    date: str = "3/8/2008 15:30",
    classification: str = "CONFIDENTIAL",
    origin: str = "Embassy Quito",
) -> str:
    """``text`` as one cables.csv row (backslash escapes, header and body columns)."""
    head, body = split_body(text)

    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    cells = [str(row), date, reference_id, origin, classification, "", head + "\n", body]
    return ",".join(quoted(c) for c in cells) + "\n"
