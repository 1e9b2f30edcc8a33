"""The reporter is the one choke point; CableParseError renders positions."""

from __future__ import annotations

import pickle

import pytest

from cableparse.errors import CODES, CableParseError, Reporter, Span, as_spans, element_parser, format_diagnostic
from cableparse.fields.joined import Joined
from cableparse.model import Diagnostic, Severity


def test_lenient_reporter_records_sorted_by_position() -> None:
    r = Reporter()
    r.report("tags-missing", "late", Span(9, 1, "x"))
    r.report("dtg-invalid", "early", Span(2, 5, "abc"), 1)
    out = r.finish()
    assert [(d.code, d.line, d.column) for d in out] == [("dtg-invalid", 2, 6), ("tags-missing", 9, 1)]
    assert out[0].severity is Severity.ERROR


def test_strict_reporter_raises_with_every_error() -> None:
    r = Reporter(strict=True, source="c.txt", original_line=lambda n: "P 290952Z FOO 09")
    r.report("dtg-month", "'FOO' is not a month", Span(5, 1, "P 290952Z FOO 09"), 10, field="header.dtg")
    r.report("de-invalid", "bad DE line", Span(3, 1, "DE"), 0)
    r.report("tags-missing", "no tags", Span(7, 1, ""))
    with pytest.raises(CableParseError) as info:
        r.finish()
    err = info.value
    assert [d.code for d in err.diagnostics] == ["de-invalid", "dtg-month"]
    text = str(err)
    assert "c.txt:5:11: error[dtg-month]: 'FOO' is not a month" in text
    assert "    P 290952Z FOO 09\n              ^" in text


def test_warnings_as_errors() -> None:
    r = Reporter(strict=True, warnings_as_errors=True)
    r.report("tags-missing", "no tags", Span(1, 1, ""))
    with pytest.raises(CableParseError):
        r.finish()
    r2 = Reporter(strict=True)
    r2.report("tags-missing", "no tags", Span(1, 1, ""))
    assert r2.finish()[0].code == "tags-missing"


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        Reporter().report("no-such-code", "x")


def test_every_code_has_a_summary() -> None:
    for code, entry in CODES.items():
        assert code == code.lower() and " " not in code
        assert entry.summary.endswith(".")


def test_error_survives_pickling() -> None:
    err = CableParseError([Diagnostic("dtg-invalid", Severity.ERROR, "bad", 1, 2)], source="s", lines={1: "xx"})
    back = pickle.loads(pickle.dumps(err))
    assert back.diagnostics == err.diagnostics and str(back) == str(err)


def test_caret_on_long_line_is_cut_around_the_column() -> None:
    d = Diagnostic("dtg-invalid", Severity.ERROR, "bad", 1, 500)
    line = "x" * 499 + "Y" + "z" * 1000
    out = format_diagnostic(d, "page.html", line)
    shown, caret = out.splitlines()[1:]
    assert shown[caret.index("^")] == "Y"


def test_standalone_parser_is_strict() -> None:
    @element_parser
    def parse_word(source: str, reporter: Reporter) -> str | None:
        span = as_spans(source)[0]
        if not span.text.isalpha():
            reporter.report("transmission-id-invalid", "not a word", span, 0)
            return None
        return span.text

    assert parse_word("abc") == "abc"
    with pytest.raises(CableParseError) as info:
        parse_word("12")
    assert info.value.diagnostics[0].line == 1
    lenient = Reporter()
    assert parse_word("12", lenient) is None
    assert lenient.diagnostics[0].code == "transmission-id-invalid"


def test_span_helpers() -> None:
    s = Span(4, 3, "  TAGS: PREL ")
    assert s.strip() == Span(4, 5, "TAGS: PREL")
    assert s.sub(2, 6) == Span(4, 5, "TAGS")
    assert as_spans("a\nb") == (Span(1, 1, "a"), Span(2, 1, "b"))
    # Nothing to strip, or nothing left: the same span, or an empty one after the blanks.
    assert Span(2, 7, "PREL").strip() == Span(2, 7, "PREL")
    assert Span(2, 7, "   ").strip() == Span(2, 10, "")
    assert Span(2, 7, "").strip() == Span(2, 7, "")


def test_joined_locates_offsets_in_one_or_several_spans() -> None:
    one = Joined([Span(3, 5, "TAGS: PREL")])
    assert one.text == "TAGS: PREL"
    assert one.locate(6) == (Span(3, 5, "TAGS: PREL"), 6)
    assert one.line_starts() == [0]
    several = Joined([Span(3, 1, "REF: A."), Span(4, 2, "B. STATE 1")])
    assert several.text == "REF: A. B. STATE 1"
    assert several.locate(8) == (Span(4, 2, "B. STATE 1"), 0)
    assert several.locate(3) == (Span(3, 1, "REF: A."), 3)
    assert several.line_starts() == [0, 8]
    assert Joined([]).locate(4) == (None, 0)
    assert Joined("a\nbc").text == "a bc"


def test_marks_keep_the_first_position() -> None:
    r = Reporter()
    r.mark("header.station", Span(3, 1, "DE RUEHKL #0521/01 1800952"))
    r.mark("header.station", Span(9, 1, "DE RUEHKL #0521/01 1800952"))
    assert r.anchors["header.station"].line == 3
