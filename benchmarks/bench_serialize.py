"""Time to_dict, to_json and from_json on a typical cable.

    python benchmarks/bench_serialize.py

The cable is synthetic but sized like a typical Cablegate cable: a full
header with four addressees, eight paragraphs of about 1 kB, references,
page markers and a few diagnostics.
"""

from __future__ import annotations

import datetime as dt
import sys
import timeit
from pathlib import Path

# The checkout this script belongs to is measured, not whichever copy of
# cableparse is installed (an editable install may point at another one).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cableparse import from_json, to_dict, to_json
from cableparse.model import (
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    Declassification,
    Diagnostic,
    Header,
    PageMarker,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    Severity,
    SourceFormat,
    Station,
)


def typical_cable() -> Cable:
    """A synthetic cable of typical size and shape."""
    when = dt.datetime(2009, 6, 29, 9, 52, tzinfo=dt.timezone.utc)

    def addressee(mcn: int | None) -> Addressee:
        return Addressee("RUEHAB", "AMEMBASSY ABCDEF", Precedence.PRIORITY, mcn)

    return Cable(
        reference_id="09ABCDEF521",
        source_format=SourceFormat.MARKDOWN,
        header=Header(
            transmission_id="VZCZCXRO0001",
            relay=Relay(Precedence.PRIORITY, ("RUEHAA", "RUEHBB", "RUEHCC", "RUEHDD")),
            station=Station("RUEHAB", 521, 1, 180, "0952", when),
            security=Classification.CONFIDENTIAL,
            security_signals=("ZZH",),
            precedence=Precedence.PRIORITY,
            dtg=when,
            originator="AMEMBASSY ABCDEF",
            to=(addressee(2910),),
            info=(addressee(None), addressee(2792), addressee(None)),
        ),
        classification=Classification.CONFIDENTIAL,
        banner=Banner(Classification.CONFIDENTIAL, 1, 2, "ABCDEF", 521),
        captions=("SIPDIS",),
        passing=("FOR EAP/XYZ",),
        declassification=Declassification("12958", dt.date(2019, 6, 29), (), "DECL: 06/29/2019"),
        tags=("PREL", "PHUM", "ELAB", "KTIP", "XX"),
        subject="A SUBJECT LINE OF ORDINARY LENGTH FOR A CABLE",
        references=(Reference("A", "09STATE1", "STATE 1 - GUIDANCE"), Reference("B", "09ABCDEF491", "ABCDEF 491")),
        classified_by=ClassifiedBy("A. B. Name", "Political Counselor", ("1.4(b)", "1.4(d)")),
        paragraphs=tuple(Paragraph(i, "C", None, "Words of an ordinary paragraph. " * 32) for i in range(1, 9)),
        page_markers=(PageMarker("ABCDEF", 521, 2, 2),),
        signature="NAME",
        diagnostics=tuple(Diagnostic("markdown-pilcrow", Severity.INFO, "removed", i, 1, "paragraphs") for i in range(1, 6)),
    )


def main() -> None:
    """Print microseconds per call for each function."""
    cable = typical_cable()
    text = to_json(cable)
    cases = {
        "to_dict": lambda: to_dict(cable),
        "to_json": lambda: to_json(cable),
        "to_json(indent, sort_keys)": lambda: to_json(cable, indent=True, sort_keys=True),
        "from_json": lambda: from_json(text),
    }
    print(f"typical cable: {len(text)} bytes of JSON")
    for name, call in cases.items():
        number = 2000
        best = min(timeit.repeat(call, number=number, repeat=5)) / number
        print(f"{name:28} {best * 1e6:8.1f} µs/call")


if __name__ == "__main__":
    main()
