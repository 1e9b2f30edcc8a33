"""Paragraphs: number decoding, portion marks, headings, joining, properties."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter
from cableparse.fields.paragraphs import (
    decode_numbers,
    parse_marking,
    parse_paragraphs,
    render_marking,
    render_paragraph,
    render_paragraphs,
)
from cableparse.model import Paragraph


def parse(text: str) -> tuple[tuple[Paragraph, ...], Reporter]:
    reporter = Reporter()
    return parse_paragraphs(text, reporter), reporter


def numbers(text: str) -> list[int | None]:
    return [p.number for p in parse(text)[0]]


def codes(reporter: Reporter) -> list[str]:
    return [d.code for d in reporter.diagnostics]


# -- numbers ---------------------------------------------------------------------


def test_plain_numbers_marks_and_text() -> None:
    paras, reporter = parse("1. (C) The envoy arrived.\n\n2. (SBU) He left.\n\n3. (U) Done.")
    assert paras == (
        Paragraph(1, "C", None, "The envoy arrived."),
        Paragraph(2, "SBU", None, "He left."),
        Paragraph(3, "U", None, "Done."),
    )
    assert reporter.diagnostics == ()


@pytest.mark.parametrize(
    "prefix",
    ["¶", "¶ ", "[1](#)", "[¶](#par{n})"],
)
def test_explicit_pilcrow_forms(prefix: str) -> None:
    text = "\n\n".join(f"{prefix.format(n=n)}{n}. (C) Point {n}." for n in range(1, 13))
    paras, reporter = parse(text)
    assert [p.number for p in paras] == list(range(1, 13))
    assert [p.text for p in paras][10] == "Point 11."
    assert codes(reporter).count("paragraph-repaired") == 12


def test_glued_pilcrow_after_explicit_ones_like_the_seed() -> None:
    text = "[1](#)1. (C) a.\n\n[1](#)2. (C) b.\n\n[1](#)3. (SBU) c.\n\n14. (SBU) d.\n\n15. (C) e."
    assert numbers(text) == [1, 2, 3, 4, 5]


def test_glued_pilcrow_past_nine() -> None:
    text = "\n".join(f"1{n}. (S) item {n}." for n in range(1, 13))
    paras, reporter = parse(text)
    assert [p.number for p in paras] == list(range(1, 13))
    assert "paragraph-number" not in codes(reporter)
    assert any("110. read as paragraph 10" in d.message for d in reporter.diagnostics)


def test_genuine_fourteen_after_thirteen() -> None:
    assert numbers("\n".join(f"{n}. (C) x." for n in range(1, 16))) == list(range(1, 16))


def test_glued_and_plain_mixed_line_by_line() -> None:
    text = "1. (C) a.\n12. (C) b.\n3. (C) c.\n14. (C) d.\n5. (C) e."
    assert numbers(text) == [1, 2, 3, 4, 5]


def test_ambiguous_starts() -> None:
    assert numbers("11. (C) alone.") == [1]
    assert numbers("12. (C) a.\n13. (C) b.") == [2, 3]
    assert numbers("10. (C) a.\n11. (C) b.") == [10, 11]
    assert numbers("17. (C) a.\n18. (C) b.") == [17, 18]


def test_a_genuine_gap_is_kept_and_warned() -> None:
    paras, reporter = parse("\n".join(f"{n}. (C) x." for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12)))
    assert [p.number for p in paras] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12]
    [warning] = [d for d in reporter.diagnostics if d.code == "paragraph-number"]
    assert warning.line == 10
    assert "11 where 10" in warning.message


def test_duplicates_and_restarts_are_kept() -> None:
    assert numbers("1. (C) a.\n2. (C) b.\n2. (C) c.\n3. (C) d.") == [1, 2, 2, 3]
    assert numbers("1. a.\n2. b.\n3. c.\n\n1. x.\n2. y.") == [1, 2, 3, 1, 2]


def test_wrapped_line_starting_with_a_year_is_text() -> None:
    text = "1. (C) The accord was signed in\n2001. It lapsed later.\n\n2. (C) Next."
    paras, _ = parse(text)
    assert [p.number for p in paras] == [1, 2]
    assert paras[0].text == "The accord was signed in 2001. It lapsed later."


def test_numbered_line_after_a_finished_sentence_is_a_paragraph() -> None:
    assert numbers("1. (C) One.\n2. Two.\n3. Three.") == [1, 2, 3]


def test_decimal_is_not_a_paragraph_number() -> None:
    paras, _ = parse("1. (C) Growth was\n2.5 percent.")
    assert [p.text for p in paras] == ["Growth was 2.5 percent."]


def test_missing_period_with_a_mark() -> None:
    paras, reporter = parse("1. (C) a.\n2 (C) b.\n3. (C) c.")
    assert [p.number for p in paras] == [1, 2, 3]
    assert any("period missing" in d.message for d in reporter.diagnostics)
    assert numbers("1. (C) In\n2009 the talks resumed.") == [1]


def test_decode_numbers_directly() -> None:
    assert decode_numbers([("1", False, False), ("12", False, False), ("13", False, False)]) == [1, 2, 3]
    assert decode_numbers([("1", False, False), ("2001", False, True), ("2", False, False)]) == [1, None, 2]
    assert decode_numbers([]) == []


# -- portion marks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "marking"),
    [
        ("1. (C) x", "C"),
        ("1. (S/NF) x", "S/NF"),
        ("1. (SBU) x", "SBU"),
        ("1. (C//REL NATO) x", "C//REL NATO"),
        ("1. (U//FOUO) x", "U//FOUO"),
        ("1. ( C ) x", "C"),
        ("1. C) x", "C"),
        ("1. (C NF) x", "C NF"),
        ("1.(C) x", "C"),
        ("1.  (C)  x", "C"),
        ("1. (S//FGI//NF) x", "S//FGI//NF"),
        ("1. (C/rel to UN) x", "C/REL TO UN"),
        ("1. (SECRET/REL FRANCE) x", "SECRET/REL FRANCE"),
        ("1. (TS) x", "TS"),
        ("1. x", None),
        ("1. CONFIDENTIAL - ENTIRE TEXT. x", "CONFIDENTIAL"),
        ("1. (C - ENTIRE TEXT). x", "C"),
        ("1. Summary: (S) x", "S"),
    ],
)
def test_marks(written: str, marking: str | None) -> None:
    [p] = parse(written)[0]
    assert p.marking == marking
    assert p.text in ("x", "Summary: x")


def test_unknown_mark_is_warned_and_left_in_the_text() -> None:
    [p], reporter = parse("1. (S/NOFRN) The talks.")
    assert p.marking is None
    assert p.text == "(S/NOFRN) The talks."
    assert "marking-invalid" in codes(reporter)


def test_parse_marking_and_render() -> None:
    assert parse_marking("(S//NF)") == "S//NF"
    assert parse_marking("( sbu )") == "SBU"
    assert render_marking("S//NF") == "(S//NF)"
    reporter = Reporter()
    assert parse_marking("(HELLO)", reporter) is None
    assert codes(reporter) == ["marking-invalid"]


# -- unnumbered paragraphs ---------------------------------------------------------


def test_single_marked_unnumbered_paragraph() -> None:
    assert parse("(SBU) The embassy closed\nearly today.")[0] == (Paragraph(None, "SBU", None, "The embassy closed early today."),)


def test_plain_text_is_one_paragraph() -> None:
    assert parse("The embassy closed\n\nearly today.")[0] == (Paragraph(None, None, None, "The embassy closed early today."),)


def test_lower_case_list_letter_is_not_a_mark() -> None:
    [p] = parse("1. (C) Three steps:\n(a) first;\n(b) second;\n(c) third.")[0]
    assert p.text == "Three steps: (a) first; (b) second; (c) third."


def test_upper_case_list_letters_stay_in_the_paragraph() -> None:
    [p] = parse("1. (C) Steps:\n(A) first.\n(B) second.\n(C) third.")[0]
    assert p.text.endswith("(C) third.")


def test_text_before_the_first_number() -> None:
    paras, _ = parse("THIS IS AN ACTION REQUEST. SEE PARA 3.\n\n1. (C) One.")
    assert [(p.number, p.text) for p in paras] == [(None, "THIS IS AN ACTION REQUEST. SEE PARA 3."), (1, "One.")]


# -- headings --------------------------------------------------------------------


def test_single_line_heading() -> None:
    paras, _ = parse("1. (C) One.\n\nTalks Resume in Geneva\n\n2. (C) Two.")
    assert [p.heading for p in paras] == [None, "Talks Resume in Geneva"]
    assert paras[1].text == "Two."


def test_heading_at_the_start_and_underlined_overlined() -> None:
    paras, _ = parse("-------\nSUMMARY\n-------\n\n1. (C) One.\n\n----------\nBACKGROUND\n----------\n2. (C) Two.")
    assert [p.heading for p in paras] == ["SUMMARY", "BACKGROUND"]


def test_decorated_headings() -> None:
    paras, _ = parse("1. (C) One.\n\n//COMMENT//\n\n2. (C) Two.\n\n------------- Comment: -------------\n\n3. (C) Three.")
    assert [p.heading for p in paras] == [None, "COMMENT", "Comment:"]


def test_two_line_underlined_heading_and_stacked_headings() -> None:
    text = (
        "1. (C) One.\n\nABUSES OF POWER\n- - - - - - -\n\nRampant Abuses, including Torture,\n"
        "Disappearances, and Murder\n- - - - - - -\n\n2. (U) Two."
    )
    paras, _ = parse(text)
    assert paras[1].heading == "ABUSES OF POWER / Rampant Abuses, including Torture, Disappearances, and Murder"
    assert paras[0].text == "One."


def test_heading_right_after_a_finished_sentence() -> None:
    paras, _ = parse("1. (C) One. End Summary.\nMinisters' Views\n\n2. (C) Two.")
    assert paras[1].heading == "Ministers' Views"


def test_short_last_line_is_not_a_heading() -> None:
    paras, _ = parse("1. (C) The minister said that he would\ngo ahead\n\n2. (C) Two.")
    assert paras[0].text == "The minister said that he would go ahead"
    assert paras[1].heading is None


def test_line_after_a_colon_is_not_a_heading() -> None:
    paras, _ = parse("1. (C) Participants:\n\nAmbassador Smith\n\n2. (C) Two.")
    assert paras[0].text == "Participants: Ambassador Smith"
    assert paras[1].heading is None


def test_marked_heading() -> None:
    paras, _ = parse("1. (S) One.\n(S//NF) Groups in the Region\n\n2. (S//NF) Two.")
    assert paras[1].heading == "(S//NF) Groups in the Region"


def test_underlined_heading_over_unnumbered_text_starts_a_paragraph() -> None:
    paras, _ = parse("1. (C) One.\n\nComment\n-------\nWe think so.")
    assert [(p.number, p.heading, p.text) for p in paras] == [(1, None, "One."), (None, "Comment", "We think so.")]


# -- joining ---------------------------------------------------------------------------


def test_continuation_across_blank_lines() -> None:
    [p] = parse("3. (SBU) On June 29, we met for one hour with\n\nsenior officials of the ministry.")[0]
    assert p.text == "On June 29, we met for one hour with senior officials of the ministry."


def test_hyphen_at_line_end() -> None:
    [p] = parse("1. (C) uranium enrichment-\nrelated work and the -- \nlatest Anti-\nSmuggling unit.")[0]
    assert p.text == "uranium enrichment-related work and the -- latest Anti- Smuggling unit."


def test_stray_sipdis_removed() -> None:
    [p], reporter = parse("1. (C) The Deputy Secretary SIPDIS met\nSIPDIS\nthe minister.")
    assert p.text == "The Deputy Secretary met the minister."
    assert codes(reporter).count("sipdis-stray") == 2


def test_lettered_items_and_bullets_stay_inside() -> None:
    text = "1. (C) Points:\n[1](#)A. first point.\n¶B. second point.\n-- a bullet\n- another\ni. roman\n\n2. (C) Two."
    paras, reporter = parse(text)
    assert [p.number for p in paras] == [1, 2]
    assert paras[0].text == "Points: A. first point. B. second point. -- a bullet - another i. roman"
    assert codes(reporter).count("markdown-pilcrow") == 2


def test_redaction_line_is_not_a_heading() -> None:
    paras, _ = parse("1. (S) One.\n\nXXXXXXXXXXXX\n\n2. (S) Two.")
    assert paras[1].heading is None
    assert paras[0].text == "One. XXXXXXXXXXXX"


def test_positions_of_diagnostics() -> None:
    reporter = Reporter()
    parse_paragraphs("1. (C) a.\n\n   12. (C) b.", reporter)
    d = next(d for d in reporter.diagnostics if "12. read as paragraph 2" in d.message)
    assert (d.line, d.column) == (3, 4)


def test_empty_input() -> None:
    assert parse("")[0] == ()
    assert parse("\n\n   \n")[0] == ()


# -- rendering --------------------------------------------------------------------


def test_render_paragraph() -> None:
    assert render_paragraph(Paragraph(4, "S/NF", "Next Steps", "We will.")) == "Next Steps\n\n4. (S/NF) We will."
    assert render_paragraph(Paragraph(None, None, None, "Plain.")) == "Plain."
    assert render_paragraphs([Paragraph(1, "C", None, "a."), Paragraph(2, None, None, "b.")]) == "1. (C) a.\n\n2. b."


# -- properties ------------------------------------------------------------------------

FORMS = ("{n}.", "¶{n}.", "[1](#){n}.", "[¶](#par{n}){n}.", "1{n}.")


@given(st.integers(1, 40).flatmap(lambda n: st.lists(st.sampled_from(FORMS), min_size=n, max_size=n)), st.booleans())
def test_any_mix_of_number_forms_decodes_to_one_to_n(forms: list[str], marked: bool) -> None:
    mark = " (C)" if marked else ""
    text = "\n\n".join(form.format(n=n) + f"{mark} Point number {n} of the text." for n, form in enumerate(forms, 1))
    assert numbers(text) == list(range(1, len(forms) + 1))


words = st.from_regex(r"\A[a-z]{1,8}\Z")
sentences = st.lists(words, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
texts = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
headings = st.none() | st.lists(words, min_size=1, max_size=6).map(lambda ws: " ".join(w.capitalize() for w in ws))
markings = st.none() | st.sampled_from(["C", "S", "U", "SBU", "S/NF", "C//NF", "S//REL NATO", "U//FOUO", "TS", "S//FGI//NF"])


@given(st.lists(st.tuples(markings, headings, texts), min_size=1, max_size=15))
def test_render_then_parse_round_trip(items: list[tuple[str | None, str | None, str]]) -> None:
    paras = tuple(Paragraph(n, m, h, t) for n, (m, h, t) in enumerate(items, 1))
    assert parse(render_paragraphs(paras))[0] == paras


GARBLED_MARKS = {"C": ["( C )", "C)", "(c)"], "S/NF": ["( S/NF )", "S/NF)", "(s/nf)"], "SBU": ["(SBU )", "SBU)"]}


@given(st.sampled_from(sorted(GARBLED_MARKS)), st.data(), texts, st.sampled_from(FORMS[1:]))
def test_garbled_variants_decode_to_the_clean_value(marking: str, data: st.DataObject, text: str, form: str) -> None:
    clean = parse(f"1. ({marking}) {text}\n\n2. ({marking}) {text}")[0]
    written = data.draw(st.sampled_from(GARBLED_MARKS[marking]))
    garbled = parse(f"{form.format(n=1)} {written} {text}\n\n{form.format(n=2)}{written} {text}")[0]
    assert garbled == clean


@given(st.text(max_size=500))
def test_arbitrary_text_never_raises_in_lenient_mode(text: str) -> None:
    paras, _ = parse(text)
    assert all("\n" not in p.text for p in paras)


@given(st.text(alphabet="0123456789.() ¶[]#-\nCSU/NFabc", max_size=300))
def test_number_like_noise_never_raises_standalone(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_paragraphs(text)
