"""Whatever the input, a cable or a CableParseError -- never anything else, never a hang.

* Hypothesis properties over arbitrary text and bytes, and over random
  mutations (lines and characters inserted, deleted, duplicated, swapped)
  of good cables in all four containers: lenient parsing returns a
  :class:`~cableparse.model.Cable` with diagnostics ordered by position;
  strict parsing returns a cable or raises :class:`CableParseError`.
* Every element parser, called on its own with arbitrary text, returns or
  raises :class:`CableParseError`.
* The policy end to end: ``max_size``, ``warnings_as_errors`` through
  ``parse``, ``parse_file`` and ``iter_cables``, the per-code diagnostic
  limit, the pattern time limit, the garbage collector left as it was.
* A coarse linear-time guard on the whole parse (the full measurement is
  ``benchmarks/linear_time.py``).
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cableparse
import cableparse.fields
from cableparse import CableParseError
from cableparse.errors import MAX_PER_CODE, Reporter
from cableparse.model import Cable, Severity

from .synthetic_cables import CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009, csv_row, html_page

SEED = cableparse.example_text()
BASES = (SEED, CONFIDENTIAL_2008, SECRET_NOFORN_2006, UNCLAS_2009)


def lenient(data: str | bytes, **options: Any) -> Cable:
    cable = cableparse.parse(data, **options)
    assert isinstance(cable, Cable)
    keys = [(d.line or 0, d.column or 0) for d in cable.diagnostics]
    assert keys == sorted(keys)
    return cable


def strict(data: str | bytes, **options: Any) -> Cable | CableParseError:
    try:
        return cableparse.parse(data, strict=True, **options)
    except CableParseError as exc:
        assert exc.diagnostics
        assert all(d.severity is Severity.ERROR for d in exc.diagnostics)
        return exc


# --------------------------------------------------------------------------
# Arbitrary input


@given(st.text())
def test_any_text(text: str) -> None:
    lenient(text)
    strict(text)


@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    lenient(data)
    strict(data)


# Text made of the pieces cables are made of, so that the parsers get deep.
PIECES = st.sampled_from(
    [
        "VZCZCXRO1441\n",
        "PP RUEHKL\n",
        "DE RUEHKL #0521/01 1800952\n",
        "ZNY CCCCC ZZH\n",
        "P 290952Z JUN 09\n",
        "FM AMEMBASSY KUALA LUMPUR\n",
        "TO RUEHC/SECSTATE WASHDC PRIORITY 2910\n",
        "INFO ",
        "C O N F I D E N T I A L SECTION 01 OF 02 KUALA LUMPUR 000521\n",
        "UNCLAS ",
        "S E C R E T ",
        "SIPDIS\n",
        "NOFORN\n",
        "E.O. 12958: DECL: 06/29/2019\n",
        "E.O. 12958: N/A\n",
        "TAGS: PREL PHUM MY\n",
        "[PREL](#) ",
        "SUBJECT: ",
        "REF: A. STATE 66260\n",
        "B. KL 491\n",
        "Classified By: Mark D. Clark for reasons 1.4 b and d.\n",
        "1. (C) ",
        "[1](#)2. (SBU) ",
        "14. (S/NF) ",
        "KUALA LUMP 00000521 002 OF 002\n",
        "PAGE 02 CAPE T 00097 01 OF 03 182017Z\n",
        "Summary\n",
        "End Summary.\n",
        "KEITH\n",
        "<<218634>>\n",
        "&#x000A;",
        "<pre>",
        "</pre>",
        '"',
        "\\",
        ",",
        "(",
        ")",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\x00",
        "¶",
        "x",
        "1",
    ]
)


@given(st.lists(PIECES, max_size=60).map("".join))
def test_text_made_of_cable_pieces(text: str) -> None:
    lenient(text)
    strict(text)
    lenient(text, format="markdown")
    lenient(text, format="csv")
    lenient(text, format="html")


# --------------------------------------------------------------------------
# Mutations of good cables in every container


@st.composite
def mutated_lines(draw: st.DrawFn) -> str:
    """A good cable with a few of its lines inserted, deleted, duplicated or swapped."""
    lines = draw(st.sampled_from(BASES)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "swap"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "insert":
            lines.insert(i, draw(st.one_of(PIECES, st.text(max_size=40))).rstrip("\n"))
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@st.composite
def mutated_characters(draw: st.DrawFn) -> str:
    """A good cable with a few characters inserted, deleted, duplicated or swapped."""
    text = list(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 10))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "swap"]))
        i = draw(st.integers(0, len(text) - 1))
        if op == "insert":
            text.insert(i, draw(st.characters()))
        elif op == "delete":
            del text[i]
        elif op == "duplicate":
            text.insert(i, text[i])
        else:
            j = draw(st.integers(0, len(text) - 1))
            text[i], text[j] = text[j], text[i]
    return "".join(text)


CONTAINERS: dict[str, Callable[[str], str]] = {
    "text": lambda text: text,
    "markdown": lambda text: text.replace("TAGS: PREL", "TAGS: [PREL](#)").replace("\n2. ", "\n[1](#)2. "),
    "html": html_page,
    "csv": csv_row,
}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_lines(), mutated_characters()), st.sampled_from(sorted(CONTAINERS)))
def test_mutated_cables_in_every_container(text: str, container: str) -> None:
    data = CONTAINERS[container](text)
    cable = lenient(data)
    strict(data)
    lenient(data.encode("utf-8", "surrogatepass"))
    if container in ("html", "csv"):
        assert cable.source_format.value == container


@given(mutated_lines())
def test_mutations_of_bytes_in_other_encodings(text: str) -> None:
    lenient(text.encode("cp1252", "replace"))
    lenient(text.encode("utf-16"))


# --------------------------------------------------------------------------
# Every element parser on its own


def element_parsers() -> list[Callable[..., object]]:
    found = []
    for info in pkgutil.iter_modules(cableparse.fields.__path__):
        module = importlib.import_module(f"cableparse.fields.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("parse_") and hasattr(value, "__wrapped__") and value.__module__ == module.__name__:
                found.append(value)
    return found


PARSERS = element_parsers()


def test_the_element_parsers_are_found() -> None:
    names = {p.__name__ for p in PARSERS}
    assert {"parse_dtg", "parse_banner", "parse_references", "parse_paragraphs", "parse_station"} <= names


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@given(text=st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=12).map("".join)))
def test_element_parsers_standalone_raise_only_cable_parse_errors(parser: Callable[..., object], text: str) -> None:
    try:
        parser(text)
    except CableParseError as exc:
        assert exc.diagnostics


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@given(text=st.text(max_size=200))
def test_element_parsers_with_a_lenient_reporter_never_raise(parser: Callable[..., object], text: str) -> None:
    parser(text, Reporter())


# --------------------------------------------------------------------------
# The policy end to end


def test_max_size_refuses_larger_input() -> None:
    data = SEED.encode()
    cable = lenient(data, max_size=len(data) - 1)
    assert [d.code for d in cable.diagnostics] == ["input-too-large"]
    assert "maximum" in cable.diagnostics[0].message
    with pytest.raises(CableParseError, match="input-too-large"):
        cableparse.parse(data, strict=True, max_size=len(data) - 1)
    assert lenient(data, max_size=len(data)).reference_id == "09KUALALUMPUR521"


def test_max_size_applies_to_files(tmp_path: Path) -> None:
    path = tmp_path / "cable.md"
    path.write_text(SEED, encoding="utf-8")
    cable = cableparse.parse_file(path, max_size=100)
    assert [d.code for d in cable.diagnostics] == ["input-too-large"]
    assert cableparse.parse_file(path).reference_id == "09KUALALUMPUR521"


def test_the_default_max_size_is_generous() -> None:
    assert cableparse.DEFAULT_MAX_SIZE >= 10_000_000


WARNING_ONLY = CONFIDENTIAL_2008.replace("PP RUEHBO", "OO RUEHBO")  # check-relay-precedence


def test_warnings_as_errors_in_parse() -> None:
    assert cableparse.parse(WARNING_ONLY, strict=True).warnings
    with pytest.raises(CableParseError) as info:
        cableparse.parse(WARNING_ONLY, strict=True, warnings_as_errors=True)
    assert [d.code for d in info.value.diagnostics] == ["check-relay-precedence"]
    assert cableparse.parse(WARNING_ONLY, warnings_as_errors=True).warnings  # lenient: attached, not raised


def test_warnings_as_errors_in_parse_file_and_iter_cables(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_text(WARNING_ONLY, encoding="utf-8")
    assert cableparse.parse_file(path, strict=True).warnings
    with pytest.raises(CableParseError):
        cableparse.parse_file(path, strict=True, warnings_as_errors=True)
    results = list(cableparse.iter_cables(tmp_path, strict=True, warnings_as_errors=True, errors="collect"))
    assert len(results) == 1
    assert not isinstance(results[0], Cable)
    assert [d.code for d in results[0].diagnostics] == ["check-relay-precedence"]


def test_strict_raises_one_error_with_every_error() -> None:
    text = CONFIDENTIAL_2008.replace("#0412/01", "#0413/01").replace("2. (U)", "2. (S)").replace("ZNY CCCCC", "ZNY SSSSS")
    with pytest.raises(CableParseError) as info:
        cableparse.parse(text, strict=True)
    codes = [d.code for d in info.value.diagnostics]
    assert sorted(codes) == ["check-marking-above-banner", "check-security-banner", "check-station-serial"]
    lines = [d.line or 0 for d in info.value.diagnostics]
    assert lines == sorted(lines)
    assert str(info.value).count("error[") == 3


def test_diagnostics_of_one_code_are_limited() -> None:
    text = CONFIDENTIAL_2008.replace("FAIRWEATHER", "1. (C) More.\n\n" * (MAX_PER_CODE + 50) + "FAIRWEATHER")
    cable = lenient(text)
    numbers = [d for d in cable.diagnostics if d.code == "paragraph-number"]
    assert len(numbers) == MAX_PER_CODE + 1
    summary = [d for d in numbers if "more" in d.message]
    assert len(summary) == 1
    assert summary[0].message.split()[1:4] == ["more", "paragraph-number", "diagnostic(s)"]
    assert int(summary[0].message.split()[0]) >= 40
    assert summary[0].line is not None


def test_the_summary_of_left_out_diagnostics_keeps_the_worst_severity() -> None:
    reporter = Reporter(strict=True)
    for _ in range(MAX_PER_CODE):
        reporter.report("unparsed-line", "x", severity=Severity.INFO)
    reporter.report("unparsed-line", "x", severity=Severity.INFO)
    reporter.report("unparsed-line", "x", severity=Severity.ERROR)
    with pytest.raises(CableParseError) as info:
        reporter.finish()
    (d,) = info.value.diagnostics
    assert d.message.startswith("2 more unparsed-line")


def test_a_pattern_time_out_becomes_a_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    from cableparse.fields import pages

    class Slow:
        def finditer(self, *args: object, **kwargs: object) -> object:
            raise TimeoutError("regex timed out")

    monkeypatch.setattr(pages, "_CANDIDATE", Slow())
    cable = lenient(CONFIDENTIAL_2008)
    assert [d.code for d in cable.diagnostics if d.severity is not Severity.INFO] == ["input-timeout"]
    with pytest.raises(CableParseError, match="input-timeout"):
        cableparse.parse(CONFIDENTIAL_2008, strict=True)


def test_an_unexpected_failure_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from cableparse import api

    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("x")

    monkeypatch.setattr(api, "assemble", broken)
    cable = lenient(CONFIDENTIAL_2008)
    assert [d.code for d in cable.diagnostics] == ["internal-error"]
    with pytest.raises(CableParseError, match="internal-error"):
        cableparse.parse(CONFIDENTIAL_2008, strict=True)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        cableparse.parse(SEED)
        assert gc.isenabled() is enabled
        with pytest.raises(CableParseError):
            cableparse.parse(b"\x00\x01\x02" * 100, strict=True)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_huge_ref_field_keeps_its_text() -> None:
    items = "".join(f"QUITO {n}; " for n in range(1, 4001))
    text = CONFIDENTIAL_2008.replace("REF: A. QUITO 301\nB. STATE 22140\nC. BOGOTA 1187\n", f"REF: {items}\n")
    cable = lenient(text)
    assert 1000 < len(cable.references) < 4000
    assert cable.references[-1].reference_id is None
    assert cable.references[-1].text.endswith("QUITO 4000")
    assert "ref-invalid" in {d.code for d in cable.diagnostics}


# --------------------------------------------------------------------------
# Linear time, coarsely (benchmarks/linear_time.py measures it properly)


def cpu_seconds(data: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        cableparse.parse(data)
        best = min(best, time.process_time() - start)
    return best


GROWING: dict[str, Callable[[int], str]] = {
    "one endless line": lambda n: "1. (C) " + "word " * (n // 5),
    "many short paragraphs": lambda n: "1. (C) Text.\n\n" * (n // 14),
    "deep parentheses": lambda n: "Classified By: X for reasons 1.4 " + "(" * (n // 2) + ")" * (n // 2),
    "many TAGS lines": lambda n: "TAGS: PREL PGOV EC\n" * (n // 19),
    "endless links": lambda n: "[1](#)" * (n // 6),
    "page markers": lambda n: "1. (C) Text.\nQUITO 00000412 002 OF 002\n" * (n // 40),
}


@pytest.mark.parametrize("name", sorted(GROWING))
def test_parse_time_grows_linearly(name: str) -> None:
    build = GROWING[name]
    small = cpu_seconds(CONFIDENTIAL_2008.replace("FAIRWEATHER", build(20_000)))
    large = cpu_seconds(CONFIDENTIAL_2008.replace("FAIRWEATHER", build(200_000)))
    # Ten times the input; quadratic growth would be a hundred times.
    assert large < max(small, 0.002) * 25, (small, large)
