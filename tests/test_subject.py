"""The SUBJECT line."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, Span
from cableparse.fields.subject import SubjectLine, join_spans, parse_subject, render_subject

# (field text, subject, marking, diagnostic codes)
FIXTURES: list[tuple[str, str | None, str | None, list[str]]] = [
    ("SUBJECT: DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY", "DCM PRESENTS TIP ACTION PLAN TO HOME MINISTRY", None, []),
    ("SUBJECT: NORWAY: NO DECISION YET ON FISHERY\nQUOTAS", "NORWAY: NO DECISION YET ON FISHERY QUOTAS", None, []),
    ("SUBJ: TURKEY - ELECTION UPDATE", "TURKEY - ELECTION UPDATE", None, []),
    ("Subject: Scenesetter for the Visit to El Salvador", "Scenesetter for the Visit to El Salvador", None, []),
    ("SUBJECT PART 3 OF 3: THE ECONOMY", "PART 3 OF 3: THE ECONOMY", None, []),
    ("UBJECT: CHILEAN FM VISITS OSLO", "CHILEAN FM VISITS OSLO", None, ["subject-repaired"]),
    ("SUBJECT: (C) PROVINCIAL GOVERNOR COMMENTS", "PROVINCIAL GOVERNOR COMMENTS", "C", []),
    ("SUBJECT: (S/NF) PORT SECURITY: NORTH COAST\n  HARBORS ", "PORT SECURITY: NORTH COAST HARBORS", "S/NF", []),
    ("SUBJECT: (SBU) MEDIA REACTION", "MEDIA REACTION", "SBU", []),
    ("SUBJECT: (S/REL UK) JOINT PLANNING", "JOINT PLANNING", "S/REL UK", []),
    ("SUBJECT: ( c ) mining firm discusses the tax", "mining firm discusses the tax", "C", []),
    ("SUBJECT: (U//FOUO) PANDEMIC PLANNING", "PANDEMIC PLANNING", "U//FOUO", []),
    ("SUBJECT: (C NF) TWO WORDS", "TWO WORDS", "C NF", []),
    ("SUBJECT: (PART 1 OF 3) THE CABINET RESHUFFLE", "(PART 1 OF 3) THE CABINET RESHUFFLE", None, []),
    ("SUBJECT: (U.S.) VISA POLICY", "(U.S.) VISA POLICY", None, []),
    ("SUBJECT: CODEL VISIT:  MEETING   WITH\n\nMINISTER", "CODEL VISIT: MEETING WITH MINISTER", None, []),
    ("SUBJECT:", None, None, ["subject-missing"]),
    ("TAGS: PREL", None, None, ["subject-missing"]),
]


@pytest.mark.parametrize(("text", "subject", "marking", "codes"), FIXTURES)
def test_subject_fixtures(text: str, subject: str | None, marking: str | None, codes: list[str]) -> None:
    reporter = Reporter()
    result = parse_subject(text, reporter)
    assert result == (SubjectLine(subject, marking) if subject is not None else None)
    assert [d.code for d in reporter.diagnostics] == codes


def test_repaired_keyword_position() -> None:
    reporter = Reporter()
    parse_subject([Span(12, 5, "UBJECT: X")], reporter)
    (d,) = reporter.diagnostics
    assert (d.line, d.column, d.field) == (12, 5, "subject")


def test_join_spans_locates_offsets() -> None:
    joined = join_spans([Span(3, 1, "  SUBJECT: A "), Span(4, 1, ""), Span(5, 7, "BC")])
    assert joined.text == "SUBJECT: A BC"
    assert joined.locate(0) == (Span(3, 3, "SUBJECT: A"), 0)
    assert joined.locate(12) == (Span(5, 7, "BC"), 1)


def test_render_subject() -> None:
    assert render_subject("DCM PRESENTS", None) == "SUBJECT: DCM PRESENTS"
    assert render_subject("DCM PRESENTS", "S/NF") == "SUBJECT: (S/NF) DCM PRESENTS"


def test_standalone_missing_subject_is_a_warning_only() -> None:
    assert parse_subject("SUBJECT:   ") is None


# -- properties

_WORD = st.from_regex(r"[A-Z][A-Za-z0-9,.'/-]{0,11}", fullmatch=True)
subjects = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
markings = st.sampled_from([None, "U", "C", "S", "SBU", "S/NF", "C//NF", "S/REL NATO", "TS"])


@given(subjects, markings)
def test_render_parse_round_trip(subject: str, marking: str | None) -> None:
    assert parse_subject(render_subject(subject, marking)) == SubjectLine(subject, marking)


@given(subjects, markings, st.sampled_from(["SUBJ:", "Subject:", "SUBJECT", "subject:", "UBJECT:", "SUBJECT :"]), st.integers(1, 4))
def test_garbled_subjects_decode_to_the_same_value(subject: str, marking: str | None, keyword: str, lines: int) -> None:
    words = subject.split(" ")
    step = max(1, len(words) // lines)
    wrapped = "\n".join(" ".join(words[i : i + step]) + "  " for i in range(0, len(words), step))
    head = f"{keyword} ({marking}) " if marking else f"{keyword} "
    assert parse_subject(head + wrapped) == SubjectLine(subject, marking)


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_subject(text)
    parse_subject(text, Reporter())
    parse_subject("SUBJECT: " + text, Reporter())
