"""The bundled example cable parses to the contract's expected JSON."""

from __future__ import annotations

from typing import Any

import pytest

import cableparse

EXPECTED_HEADER: dict[str, Any] = {
    "transmission_id": "VZCZCXRO1441",
    "relay": {"precedence": "PRIORITY", "routing_indicators": ["RUEHCHI", "RUEHDT", "RUEHHM", "RUEHNH"]},
    "station": {"routing_indicator": "RUEHKL", "serial": 521, "section": 1, "filed": "2009-06-29T09:52:00Z"},
    "security": "CONFIDENTIAL",
    "precedence": "PRIORITY",
    "info_precedence": None,
    "dtg": "2009-06-29T09:52:00Z",
    "originator": "AMEMBASSY KUALA LUMPUR",
    "to": [{"routing_indicator": "RUEHC", "name": "SECSTATE WASHDC", "precedence": "PRIORITY", "mcn": 2910}],
    "info": [
        {"routing_indicator": "RUCNASE", "name": "ASEAN MEMBER COLLECTIVE", "precedence": "PRIORITY", "mcn": None},
        {"routing_indicator": "RUEHBY", "name": "AMEMBASSY CANBERRA", "precedence": "PRIORITY", "mcn": 2792},
        {"routing_indicator": "RHEHNSC", "name": "NSC WASHDC", "precedence": "PRIORITY", "mcn": None},
    ],
    "exempt": [],
}

EXPECTED: dict[str, Any] = {
    "reference_id": "09KUALALUMPUR521",
    "source_format": "markdown",
    "classification": "CONFIDENTIAL",
    "banner": {"classification": "CONFIDENTIAL", "section": 1, "sections": 2, "station": "KUALA LUMPUR", "serial": 521},
    "captions": ["SIPDIS"],
    "passing": ["FOR EAP/MTS AND G/TIP"],
    "declassification": {"order": "12958", "date": "2019-06-29", "exemptions": [], "text": "DECL: 06/29/2019"},
    "tags": ["PREL", "PHUM", "ELAB", "KTIP", "MY"],
    "subject": "DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY",
    "references": [
        {"label": "A", "reference_id": "09STATE66260", "text": "STATE 66260 - ACTION PLAN"},
        {"label": "B", "reference_id": "09KUALALUMPUR491", "text": "KL 491 - REACTION TO TIP REPORT"},
    ],
    "classified_by": {"name": "Mark D. Clark", "title": "Political Counselor", "reasons": ["1.4(b)", "1.4(d)"]},
    "signature": "KEITH",
    "unparsed": [],
}

# (number, marking, heading, start of text, a fragment further in)
EXPECTED_PARAGRAPHS = [
    (1, "C", "Summary and Comment", "The DCM presented the trafficking in persons (TIP) action plan", "ratified the UN TIP Protocol"),
    (2, "C", None, "Comment: The June 29", "End Summary and Comment."),
    (
        3,
        "SBU",
        "Senior Officials Receive DCM, Discuss Constructive Approach",
        "On June 29, DCM and Polcouns met for one hour with senior officials of the Home Ministry",
        "particularly in combating sex trafficking.",
    ),
    (
        4,
        "SBU",
        "DCM Presents Recommendations, Urges Partnership",
        "The DCM reviewed",
        "human smuggling, resulting in Malaysia's increased interception",
    ),
    (5, "C", "Labor Trafficking -- GOM to Start Using TIP Law", "As a key element", "destination country."),
    (6, "SBU", "Allegations of Trafficking of Refugees", "DCM raised the importance", "referenced the U.S. Senate report."),
    (7, "C", "Police Comments", "In a sidebar conversation with Polcouns", "as soon as possible."),
    (8, "SBU", "Malaysia Ratifies UN Protocol", "During the meeting", "End Note.)"),
]


def _collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=[False, True], ids=["lenient", "strict"])
def seed(request: pytest.FixtureRequest) -> dict[str, Any]:
    cable = cableparse.parse(cableparse.example_text(), strict=request.param)
    return cableparse.to_dict(cable)


def test_header(seed: dict[str, Any]) -> None:
    header = seed["header"]
    for key, value in EXPECTED_HEADER.items():
        if key == "station":
            assert {k: header["station"][k] for k in value} == value
        else:
            assert header[key] == value, key


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_top_level_fields(seed: dict[str, Any], key: str) -> None:
    got = seed[key]
    want = EXPECTED[key]
    if isinstance(want, dict) and isinstance(got, dict):
        got = {k: got[k] for k in want}
    assert got == want


def test_paragraphs(seed: dict[str, Any]) -> None:
    paragraphs = seed["paragraphs"]
    assert [p["number"] for p in paragraphs] == [1, 2, 3, 4, 5, 6, 7, 8]
    for para, (number, marking, heading, start, fragment) in zip(paragraphs, EXPECTED_PARAGRAPHS, strict=True):
        text = _collapse(para["text"])
        assert para["number"] == number
        assert para["marking"] == marking
        assert para["heading"] == heading
        assert text.startswith(start)
        assert fragment in text
        assert "KUALA LUMP" not in text and "SIPDIS" not in text and "[1](#)" not in text


def test_no_warnings_or_errors(seed: dict[str, Any]) -> None:
    bad = [d for d in seed["diagnostics"] if d["severity"] != "info"]
    assert bad == []


def test_page_marker_recorded(seed: dict[str, Any]) -> None:
    assert [(m["station"], m["serial"], m["page"], m["pages"]) for m in seed["page_markers"]] == [("KUALA LUMP", 521, 2, 2)]
