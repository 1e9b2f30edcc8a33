"""The signature and the trailers below it."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cableparse.errors import CableParseError, Reporter, as_spans
from cableparse.fields.signature import _NOT_NAMES, parse_signature, render_signature, split_signature

BODY = "4. (C) The talks will resume in May. End Comment."


def split(text: str) -> tuple[list[str], str | None, Reporter]:
    reporter = Reporter()
    result = split_signature(as_spans(text), reporter)
    return [s.text for s in result.text], result.signature, reporter


def codes(reporter: Reporter) -> list[str]:
    return [d.code for d in reporter.diagnostics]


@pytest.mark.parametrize(
    ("ending", "signature"),
    [
        ("\n\nKEITH", "KEITH"),
        ("\nVAN VOORST", "VAN VOORST"),
        ("\nKEEGAN PAAL", "KEEGAN PAAL"),
        ("\nBeyrle", "Beyrle"),
        ("\nMcMullen ", "McMullen"),
        ("\nKEITH\nNNNN", "KEITH"),
        ("\nKEITH\n\n                CONFIDENTIAL", "KEITH"),
        ("\nKEITH\nEnd Cable Text", "KEITH"),
        ("\nKEITH\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2006", "KEITH"),
        ("\nKEITH\n.", "KEITH"),
        ("\nKEITH .", "KEITH"),
        ("\nKEITH\n------", "KEITH"),
    ],
)
def test_standalone_signature_and_trailers(ending: str, signature: str) -> None:
    text, found, reporter = split(BODY + ending)
    assert found == signature
    assert text[-1] == BODY
    assert "signature-missing" not in codes(reporter)


def test_trailers_are_info_diagnostics_not_text() -> None:
    _, _, reporter = split(BODY + "\nKEITH\nNNNN\nCONFIDENTIAL")
    assert codes(reporter) == ["text-trailer", "text-trailer"]
    assert [d.line for d in reporter.diagnostics] == [4, 3]


@pytest.mark.parametrize(
    ("line", "rest", "name"),
    [
        ("MINIMIZE CONSIDERED. EAGLETON", "MINIMIZE CONSIDERED.", "EAGLETON"),
        ("End Comment and Action Request. DRUCKER", "End Comment and Action Request.", "DRUCKER"),
        ("will report further developments. Beyrle", "will report further developments.", "Beyrle"),
        ("ends here (ref B). KEEGAN PAAL", "ends here (ref B).", "KEEGAN PAAL"),
        ('he said, "No." RICE', 'he said, "No."', "RICE"),
        ("a radical restructuring. .FARRAR", "a radical restructuring. .", "FARRAR"),
    ],
)
def test_signature_glued_to_the_last_sentence(line: str, rest: str, name: str) -> None:
    text, found, reporter = split("1. (C) Start.\n" + line)
    assert found == name
    assert text == ["1. (C) Start.", rest]
    d = next(d for d in reporter.diagnostics if d.code == "signature-repaired")
    assert (d.line, d.column) == (2, line.index(name) + 1)


@pytest.mark.parametrize(
    "ending",
    [
        "\nthe envoy met the U.S. Congress",
        "\nthe talks went on. End Comment",
        "\nthe meeting ended with no agreement on",
        "\nthe minister said that ...",
        "\n1. (C) Short text.",
        "",
    ],
)
def test_no_signature(ending: str) -> None:
    text, found, reporter = split("1. (C) Start." + ending)
    assert found is None
    assert "signature-missing" in codes(reporter)
    assert text[-1] == ("1. (C) Start." + ending).split("\n")[-1]


def test_truncated_record_keeps_its_last_line() -> None:
    text, found, _ = split("1. (C) The report said that THE GOVERNMENT WOULD...")
    assert found is None
    assert text == ["1. (C) The report said that THE GOVERNMENT WOULD..."]


def test_cut_subject_line_after_the_signature() -> None:
    text, found, reporter = split(BODY + "\nLeach\nT ONE ORDERED RELEASED ON...")
    assert found == "Leach"
    assert text == [BODY]
    assert codes(reporter) == ["text-trailer"]


def test_ncd_residue_is_dropped() -> None:
    ending = "\nKEITH\n0 03/13/2008 9871 PGOV,PREL,PHUM,LY\nMINISTER VISITS\nThe minister visited."
    text, found, reporter = split(BODY + ending)
    assert found == "KEITH"
    assert text == [BODY]
    assert codes(reporter) == ["text-trailer"]


def test_doubled_signature_is_read_once() -> None:
    _, found, reporter = split(BODY + "\n\nPARDEW PARDEW")
    assert found == "PARDEW"
    assert codes(reporter) == ["signature-repaired"]


def test_footer_after_the_signature() -> None:
    ending = '\n\nJEFFREY\n\n   "Visit Oslo\'s Classified Web Site at http://www.intelink.s\ngov.gov/wiki/Portal:Norway"'
    text, found, reporter = split(BODY + ending)
    assert found == "JEFFREY"
    assert text[-1] == BODY
    assert codes(reporter) == ["text-trailer"]


def test_footer_before_the_signature_across_blank_lines() -> None:
    ending = "\nPlease visit Rome's Classified Website at:\n\n\nhttp://www.example.sgov.gov/rome/index.c fm\n\nHOFMANN"
    text, found, _ = split(BODY + ending)
    assert found == "HOFMANN"
    assert [t for t in text if t.strip()] == [BODY]


def test_footer_glued_to_the_last_sentence() -> None:
    ending = " Please visit Rome's Classified Website at: http://www.example.sgov.gov/rome\nHOFMANN"
    text, found, _ = split(BODY + ending)
    assert found == "HOFMANN"
    assert text == [BODY]


def test_name_glued_after_the_footer_address() -> None:
    ending = "\nVisit Oslo's Classified Website: http://www.example.sgov.gov/oslo/index. cfm Tuttle"
    text, found, _ = split(BODY + ending)
    assert found == "Tuttle"
    assert text == [BODY]


def test_decorated_footer_block_and_lower_case_name() -> None:
    ending = (
        "\n\n*************************\nFor more reporting from Embassy Oslo, visit:\nhttp://www.example.sgov.gov/oslo/?cable s\n\n"
        "Visit Oslo's Classified Website:\nhttp://www.example.sgov.gov/oslo/\n*************************\njones"
    )
    text, found, _ = split(BODY + ending)
    assert found == "jones"
    assert [t for t in text if t.strip()] == [BODY]


def test_lower_case_word_glued_to_the_text_is_not_a_signature() -> None:
    _, found, _ = split("1. (C) the talks will go\nahead")
    assert found is None


def test_parse_signature_standalone_and_render() -> None:
    assert parse_signature("The text.\n\nKEITH") == "KEITH"
    assert render_signature("VAN VOORST") == "VAN VOORST"
    reporter = Reporter()
    assert parse_signature("no signature here.", reporter) is None
    [d] = reporter.diagnostics
    assert (d.code, d.severity.value, d.line) == ("signature-missing", "warning", 1)


names = st.from_regex(r"\A[A-Z]{3,10}( [A-Z]{3,10})?\Z") | st.from_regex(r"\A[A-Z][a-z]{2,10}\Z")


@given(names, st.booleans())
def test_render_then_parse_round_trip(name: str, glued: bool) -> None:
    words = name.upper().split()
    # Keywords are never signatures, and a doubled word is read as the doubling garble.
    assume(not any(w in _NOT_NAMES for w in words) and len(set(words)) == len(words))
    sep = " " if glued else "\n\n"
    assert parse_signature(f"1. (C) The talks ended.{sep}{render_signature(name)}") == name


@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    reporter = Reporter()
    result = split_signature(as_spans(text), reporter)
    assert result.signature is None or "\n" not in result.signature


@given(st.text(max_size=200))
def test_standalone_raises_only_cable_parse_error(text: str) -> None:
    with contextlib.suppress(CableParseError):
        parse_signature(text)
