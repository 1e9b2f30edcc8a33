"""One cable in four containers parses to four equal cables.

Plain text, the markdown form, a Cablegate-style HTML page and a
cables.csv row carry the same cable; apart from the container's own
fields (format, source, metadata, diagnostics positions, unparsed line
numbers) the parsed cables must be equal.  The fixed cable below is
synthetic, written in the style of the 2008 cables; a Hypothesis
generator varies the same shape.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cableparse
from cableparse.model import Cable, ContainerMetadata, SourceFormat, UnparsedLine
from cableparse.sources.csv import render_csv_row
from cableparse.sources.html import render_html
from cableparse.sources.markdown import render_markdown

HEADER = """VZCZCXRO7702
OO RUEHBK RUEHCHI
DE RUEHVN #0417/01 2021431
ZNY SSSSS ZZH
O 201431Z JUL 08
FM AMEMBASSY VIENTIANE
TO RUEHC/SECSTATE WASHDC IMMEDIATE 3318
INFO RUEHBK/AMEMBASSY BANGKOK PRIORITY 1120
RHEHNSC/NSC WASHDC IMMEDIATE"""

BODY = """S E C R E T SECTION 01 OF 02 VIENTIANE 000417

NOFORN
SIPDIS

FOR EAP/MLS

E.O. 12958: DECL: 07/20/2018
TAGS: PREL PGOV ECON LA
SUBJECT: LAOS: RIVER BOARD DELAYS "DAM & LOCK" REVIEW

REF: A. STATE 71234 - DAM GUIDANCE
B. VIENTIANE 388

Classified By: Ambassador Dana K. Perrow for reasons 1.4 (b) and (d).

1. (S/NF) Summary: The Mekong river board put off its review of the
northern dam for a second time. The minister's staff said the board
wanted "more data" on fish passage. End Summary.

River Board Meeting

2. (C) Officials said costs rose above 40 percent & the lock design
was still <under review>. A deputy noted the board’s mandate covers
both banks; a path like C:\\DATA\\LOCKS was cited in the annex.

VIENTIANE 00000417 002 OF 002

The board will meet again in September.
3. (SBU) Post will follow the review closely.
PERROW"""

TEXT = HEADER + "\n\n" + BODY

#: What the page and the CSV row say about the cable (Created minutes as
#: the 2010 pages garble them: the hour on a 12-hour clock).
PAGE_METADATA = ContainerMetadata(
    reference_id="08VIENTIANE417",
    created=dt.datetime(2008, 7, 20, 14, 2, tzinfo=dt.timezone.utc),
    released=dt.datetime(2010, 12, 8, 21, 9, tzinfo=dt.timezone.utc),
    classification="SECRET//NOFORN",
    origin="Embassy Vientiane",
    title='LAOS: RIVER BOARD DELAYS "DAM & LOCK" REVIEW',
)
ROW_METADATA = ContainerMetadata(
    reference_id="08VIENTIANE417",
    created=dt.datetime(2008, 7, 20, 14, 31, tzinfo=dt.timezone.utc),
    classification="SECRET//NOFORN",
    origin="Embassy Vientiane",
    references=("08STATE71234", "08VIENTIANE388"),
    row=3,
)

#: Diagnostic codes that belong to the container, not to the cable.
CONTAINER_PREFIXES = ("input-", "html-", "csv-", "markdown-", "check-metadata-")


def page(header: str = HEADER, body: str = BODY, metadata: ContainerMetadata = PAGE_METADATA) -> str:
    """The cable as a Cablegate page, with a numeric entity as the pages have them."""
    return render_html(header, body, metadata).replace("’", "&#8217;")


def csv_row(header: str = HEADER, body: str = BODY, metadata: ContainerMetadata = ROW_METADATA, **kw: bool) -> str:
    """The cable as one cables.csv row."""
    return render_csv_row(header, body, metadata, **kw)


def containers(
    header: str = HEADER,
    body: str = BODY,
    page_metadata: ContainerMetadata = PAGE_METADATA,
    row_metadata: ContainerMetadata = ROW_METADATA,
) -> dict[str, str]:
    """The cable in each container, keyed by format name."""
    text = header + "\n\n" + body
    return {
        "text": text,
        "markdown": render_markdown(text),
        "html": page(header, body, page_metadata),
        "csv": csv_row(header, body, row_metadata),
    }


def core(cable: Cable) -> Cable:
    """The cable without what depends on the container."""
    return attrs.evolve(
        cable,
        source_format=SourceFormat.TEXT,
        source=None,
        container_metadata=None,
        diagnostics=(),
        unparsed=tuple(UnparsedLine(1, u.text) for u in cable.unparsed),
    )


def cable_codes(cable: Cable) -> Counter[str]:
    """How often each cable-level diagnostic code occurs."""
    return Counter(d.code for d in cable.diagnostics if not d.code.startswith(CONTAINER_PREFIXES))


def parse_all(forms: dict[str, str]) -> dict[str, Cable]:
    """Parse each form with its format forced and detected; both must agree."""
    out = {}
    for fmt, data in forms.items():
        forced = cableparse.parse(data, format=fmt)
        detected = cableparse.parse(data.encode("utf-8"))
        assert forced.source_format.value == fmt
        assert detected.source_format.value == fmt
        assert core(forced) == core(detected)
        out[fmt] = forced
    return out


def test_fixed_cable_reads_the_same_in_every_container() -> None:
    cables = parse_all(containers())
    text = cables["text"]
    assert text.reference_id == "08VIENTIANE417"
    assert text.tags == ("PREL", "PGOV", "ECON", "LA")
    assert text.subject == 'LAOS: RIVER BOARD DELAYS "DAM & LOCK" REVIEW'
    assert [p.number for p in text.paragraphs] == [1, 2, 3]
    assert "board’s mandate" in text.paragraphs[1].text
    assert "C:\\DATA\\LOCKS" in text.paragraphs[1].text
    assert "<under review>" in text.paragraphs[1].text
    for fmt, cable in cables.items():
        assert core(cable) == core(text), fmt
        assert cable_codes(cable) == cable_codes(text), fmt
        assert not cable.errors, (fmt, cable.errors)


def test_container_fields_differ_as_they_should() -> None:
    cables = parse_all(containers())
    assert cables["text"].container_metadata is None
    assert cables["markdown"].container_metadata is None
    assert cables["html"].container_metadata == PAGE_METADATA
    assert cables["csv"].container_metadata == ROW_METADATA
    codes = {fmt: {d.code for d in c.diagnostics} for fmt, c in cables.items()}
    assert "markdown-pilcrow" in codes["markdown"]
    assert "markdown-pilcrow" in codes["html"]
    assert "markdown-pilcrow" not in codes["text"] | codes["csv"]


def test_csv_continuation_export_reads_the_same() -> None:
    plain = cableparse.parse(csv_row(), format="csv")
    continued = cableparse.parse(csv_row(continuations=True), format="csv")
    assert core(continued) == core(plain)
    assert continued.container_metadata == plain.container_metadata


# -- generated cables ------------------------------------------------------------

_STATIONS = [("AMEMBASSY QUITO", "RUEHQT", "QUITO"), ("AMEMBASSY OSLO", "RUEHNY", "OSLO"), ("AMCONSUL DURBAN", "RUEHDU", "DURBAN")]
_LEVELS = [("UNCLAS", "UUUUU", "UNCLASSIFIED"), ("C O N F I D E N T I A L", "CCCCC", "CONFIDENTIAL"), ("S E C R E T", "SSSSS", "SECRET")]
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&<>\"'’\\-/();:,.", min_size=1, max_size=9)
_SENTENCE = st.lists(_WORD, min_size=3, max_size=12).map(" ".join)


@st.composite
def generated(draw: st.DrawFn) -> tuple[str, str]:
    """A simple synthetic cable: header and body text."""
    plad, ri, station = draw(st.sampled_from(_STATIONS))
    banner, letters, _ = draw(st.sampled_from(_LEVELS))
    when = draw(st.datetimes(min_value=dt.datetime(2005, 1, 1), max_value=dt.datetime(2009, 12, 28)))
    serial = draw(st.integers(1, 9999))
    julian = when.timetuple().tm_yday
    dtg = f"{when.day:02d}{when.hour:02d}{when.minute:02d}Z {_MONTHS[when.month - 1]} {when.year % 100:02d}"
    header = "\n".join(
        [
            f"VZCZCXYZ{draw(st.integers(1000, 9999))}",
            "PP RUEHWEB",
            f"DE {ri} #{serial:04d} {julian:03d}{when.hour:02d}{when.minute:02d}",
            f"ZNY {letters} ZZH" if letters != "UUUUU" else "ZNR UUUUU ZZH",
            f"P {dtg}",
            f"FM {plad}",
            "TO RUEHC/SECSTATE WASHDC PRIORITY 1234",
        ]
    )
    tags = draw(st.lists(st.sampled_from(["PREL", "PGOV", "ECON", "PHUM", "EC", "NO", "SF"]), min_size=1, max_size=4, unique=True))
    paragraphs = draw(st.lists(_SENTENCE, min_size=1, max_size=4))
    subject = draw(st.lists(st.sampled_from(["TALKS", "ON", "WATER", "QUOTA", "PLAN"]), min_size=1, max_size=5)).copy()
    lines = [
        f"{banner} {station} {serial:06d}",
        "",
        "SIPDIS",
        "",
        f"TAGS: {' '.join(tags)}",
        f"SUBJECT: {' '.join(subject)}",
        "",
    ]
    for number, para in enumerate(paragraphs, 1):
        lines += [f"{number}. (U) {para}", ""]
    lines.append(draw(st.sampled_from(["SMITH", "JONES", "NGUYEN"])))
    return header, "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated())
def test_generated_cables_read_the_same_in_every_container(cable: tuple[str, str]) -> None:
    header, body = cable
    # The fixed cable's metadata would contradict a generated one; a row
    # keeps the id and date that make it recognisable as cables.csv.
    row = ContainerMetadata(row=1, created=dt.datetime(2009, 1, 1, tzinfo=dt.timezone.utc))
    cables = parse_all(containers(header, body, ContainerMetadata(), row))
    text = cables["text"]
    assert text.tags
    for fmt, parsed in cables.items():
        assert core(parsed) == core(text), fmt
        assert cable_codes(parsed) == cable_codes(text), fmt
