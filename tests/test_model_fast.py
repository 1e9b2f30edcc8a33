"""The ``str`` quick tests of the model's patterns against the patterns they shortcut.

A generated ``__init__`` runs the field validators only when its inline
quick test is false; for a field checked by a pattern, that quick test is
made of ``str`` operations (:data:`cableparse.model._PATTERN_QUICK_TESTS`).
The properties here hold each quick test to its pattern on generated
strings (ASCII and not, near misses, trailing newlines), hold the classes
to the validators' verdicts, and check that the values real cables use
take the quick path.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import attrs
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import cableparse
from cableparse import model
from cableparse.model import ClassifiedBy, Paragraph, Precedence, Reference, Relay, Station

_DIGITS = "0123456789"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _quick(pattern: regex.Pattern[str]) -> Callable[[str], bool]:
    source = model._PATTERN_QUICK_TESTS[pattern].format(v="v")
    test: Callable[[str], bool] = eval(f"lambda v: bool({source})", dict(model._PATTERN_QUICK_NAMES))
    return test


PATTERNS = list(model._PATTERN_QUICK_TESTS)
IDS = ["ri", "refid", "reason", "marking", "hhmm"]

# Characters each pattern accepts, those it almost accepts (lower case,
# other scripts' letters and digits that str methods call alphabetic or
# digits), and the line ends a "$" would let through.
_NEAR = "az()., /-\n\r\t\u00c9\u0130\u00b2\uff11\u0663\u1d2c\u212a\u00aa"
_ALPHABET = _UPPER + _DIGITS + "abcdefgh" + _NEAR

near_misses = st.text(alphabet=_ALPHABET, max_size=12)


@st.composite
def shaped(draw: st.DrawFn) -> str:
    """A value of one of the patterns' shapes, sometimes edited by one character."""
    kind = draw(st.sampled_from(["ri", "refid", "reason", "marking", "hhmm"]))
    if kind == "ri":
        value = draw(st.text(alphabet=_UPPER, min_size=3, max_size=9))
    elif kind == "refid":
        value = draw(st.text(alphabet=_DIGITS, min_size=1, max_size=5)) + draw(st.text(alphabet=_UPPER + _DIGITS, max_size=12))
    elif kind == "reason":
        value = f"{draw(st.sampled_from('012'))}.{draw(st.sampled_from(_DIGITS))}({draw(st.sampled_from('abcdefghi'))})"
    elif kind == "marking":
        value = draw(st.sampled_from(["C", "S", "U", "SBU", "S/NF", "S//NF", "S/REL NATO", "C/REL AUS, GBR", "U.S."]))
    else:
        value = draw(st.text(alphabet=_DIGITS, min_size=3, max_size=5))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(value)))
        edit = draw(st.sampled_from(["insert", "replace", "delete"]))
        char = draw(st.sampled_from(_ALPHABET))
        rest = at + (edit != "insert")
        value = value[:at] + ("" if edit == "delete" else char) + value[rest:]
    return value


@pytest.mark.parametrize("pattern", PATTERNS, ids=IDS)
@given(value=st.one_of(st.text(max_size=12), near_misses, shaped()))
def test_quick_test_is_the_pattern(pattern: regex.Pattern[str], value: str) -> None:
    # Equal, not only "implies": a value the pattern takes must not miss the quick path.
    assert _quick(pattern)(value) == (pattern.fullmatch(value) is not None)
    assert not _quick(pattern)(value + "\n")


@pytest.mark.parametrize("pattern", PATTERNS, ids=IDS)
def test_quick_test_is_the_pattern_on_every_short_string(pattern: regex.Pattern[str]) -> None:
    quick = _quick(pattern)
    alphabet = "0125639AZa(.)/ \n\u00c9\uff11"
    for size in range(5):
        for chars in itertools.product(alphabet, repeat=size):
            value = "".join(chars)
            assert quick(value) == (pattern.fullmatch(value) is not None), value


@pytest.mark.parametrize(
    ("pattern", "pieces"),
    [(model._HHMM, (_DIGITS,) * 4), (model._REASON, ("12", ".(", _DIGITS + "a", "()", "abghij9", ")(\n"))],
    ids=["hhmm", "reason"],
)
def test_set_quick_tests_are_exhaustive(pattern: regex.Pattern[str], pieces: tuple[str, ...]) -> None:
    quick = _quick(pattern)
    for chars in itertools.product(*pieces):
        value = "".join(chars)
        assert quick(value) == (pattern.fullmatch(value) is not None), value


def _verdict(build: Callable[..., Any], *args: Any) -> str:
    try:
        build(*args)
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


class _Str(str):
    """A str subclass: the quick tests refuse it, the validators decide."""


@given(value=st.one_of(near_misses, shaped(), st.none()), subclass=st.booleans())
def test_classes_keep_the_validators_verdicts(value: str | None, subclass: bool) -> None:
    if subclass and value is not None:
        value = _Str(value)
    cases: list[tuple[Callable[[], Any], type, str]] = [
        (lambda: Paragraph(1, value), Paragraph, "marking"),
        (lambda: Reference("A", value, "text"), Reference, "reference_id"),
        (lambda: Station("RUEHKL", 1, time=value), Station, "time"),  # type: ignore[arg-type]
        (lambda: Station(value, 1), Station, "routing_indicator"),  # type: ignore[arg-type]
        (lambda: Relay(Precedence.ROUTINE, (value,)), Relay, "routing_indicators"),  # type: ignore[arg-type]
        (lambda: ClassifiedBy(reasons=(value,)), ClassifiedBy, "reasons"),  # type: ignore[arg-type]
    ]
    for build, cls, name in cases:
        field = getattr(attrs.fields(cls), name)
        item = value if cls not in (Relay, ClassifiedBy) else (value,)
        assert _verdict(build) == _verdict(field.validator, None, field, item)


def test_real_cables_take_the_quick_path(monkeypatch: pytest.MonkeyPatch, example_text: str) -> None:
    calls: list[object] = []
    check = model._Matches.__call__

    def counted(self: model._Matches, instance: Any, attribute: Any, value: Any) -> None:
        calls.append(value)
        check(self, instance, attribute, value)

    monkeypatch.setattr(model._Matches, "__call__", counted)
    cable = cableparse.parse(example_text)
    assert cable.header.station is not None and cable.paragraphs and cable.references
    assert cable.classified_by is not None and cable.classified_by.reasons
    assert calls == []
    # The shapes the Cablegate pages use, each on the quick path.
    for pattern, value in [
        (model._RI, "RUEHC"),
        (model._RI, "RHMFISS"),
        (model._REFID, "05STATE134796"),
        (model._REASON, "1.4(d)"),
        (model._HHMM, "2359"),
        *((model._MARKING, m) for m in ["C", "SBU", "U", "S", "S/NF", "C/NF", "S//NF", "S/REL NATO", "C/REL AUS"]),
    ]:
        assert _quick(pattern)(value), value
