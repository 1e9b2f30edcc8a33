"""Short ways against the long ways they stand for: each must give exactly the same answer."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cableparse import CableJSONError, to_json
from cableparse.model import Cable, Paragraph
from cableparse.serialize import _to_json_converted

from .model_strategies import cables

_OPTIONS = st.sampled_from([(False, False), (True, False), (False, True), (True, True)])


def _outcome(call: object) -> tuple[str, str]:
    try:
        return "ok", call()  # type: ignore[operator]
    except Exception as exc:  # noqa: BLE001 - the outcome compared is the exception itself
        return type(exc).__name__, str(exc)


def _option(indent: bool, sort_keys: bool) -> int:
    import orjson

    return (orjson.OPT_INDENT_2 if indent else 0) | (orjson.OPT_SORT_KEYS if sort_keys else 0)


@given(cables, _OPTIONS)
def test_to_json_is_the_converters_json(cable: Cable, options: tuple[bool, bool]) -> None:
    indent, sort_keys = options
    assert to_json(cable, indent=indent, sort_keys=sort_keys) == _to_json_converted(cable, _option(indent, sort_keys))


@given(cables, st.sampled_from(["subject", "signature", "correction"]), st.text(max_size=5))
def test_to_json_refuses_what_the_converter_refuses(cable: Cable, field: str, text: str) -> None:
    # A lone surrogate: orjson refuses it, wherever it stands.
    changes: dict[str, object] = {field: text + "\ud800"}
    odd = attrs.evolve(cable, **changes)  # type: ignore[arg-type]
    assert _outcome(lambda: to_json(odd)) == _outcome(lambda: _to_json_converted(odd, 0))
    with pytest.raises(CableJSONError):
        to_json(odd)


@given(cables, st.sampled_from([5, "text", None, ("x",)]))
def test_to_json_of_an_unchecked_cable(cable: Cable, stray: object) -> None:
    # Validators switched off let a value of another type in: the outcome,
    # text or exception, is still the converter's.
    with attrs.validators.disabled():
        odd = attrs.evolve(cable, paragraphs=(*cable.paragraphs, stray))  # type: ignore[arg-type]
    assert _outcome(lambda: to_json(odd)) == _outcome(lambda: _to_json_converted(odd, 0))


def test_to_json_of_a_subclass_goes_through_the_converter() -> None:
    class Other(Cable):
        pass

    cable = Other(paragraphs=(Paragraph(1, "C", None, "text"),))
    assert to_json(cable) == _to_json_converted(cable, 0)
