"""The JSON Schema (Draft 2020-12) of the JSON form of a :class:`Cable`.

The schema is generated from the model itself: one ``$defs`` entry per
attrs class and per enumeration, one property per attrs field, with the
field's ``metadata["description"]``, and the value constraints that the
field's validator enforces (patterns and lower bounds).  It therefore says
exactly what :func:`cableparse.from_json` accepts: every key is required,
no other key is allowed, date-times end in ``Z``.

The copy checked in as ``schemas/cable.schema.json`` equals
:func:`schema_text`; regenerate it with ``python scripts/update_schema.py``
(or ``cableparse schema > schemas/cable.schema.json``).

msgspec can also derive a schema from attrs classes, but it knows nothing
of attrs validators or field metadata, and marks defaulted fields optional,
so the schema would have neither patterns, bounds nor descriptions, and
would not match the strict reader.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import re
import types
import typing
from typing import Any

import attrs
import regex

from .model import Cable, Station
from .serialize import DATE_PATTERN, DATETIME_PATTERN

__all__ = ["DIALECT", "SCHEMA_ID", "json_schema", "schema_text"]

#: The JSON Schema dialect of the generated schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The canonical location of the schema.
SCHEMA_ID = "https://raw.githubusercontent.com/cableparse/cableparse/main/schemas/cable.schema.json"

#: Constraints checked in ``__attrs_post_init__`` rather than by a field
#: validator, so they cannot be read off the field.
_EXTRA: dict[tuple[type, str], dict[str, Any]] = {
    (Station, "day_of_year"): {"maximum": 366},
}

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`cableparse.to_json` output, as a fresh dict.

    >>> schema = json_schema()
    >>> schema["$defs"]["Station"]["properties"]["serial"]["type"]
    'integer'
    """
    defs: dict[str, Any] = {}
    _ref(Cable, defs)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "Cable",
        "description": _doc(Cable),
        "$comment": "Generated from cableparse.model by cableparse.schema; do not edit by hand.",
        "$ref": "#/$defs/Cable",
        "$defs": {name: defs[name] for name in sorted(defs)},
    }


def schema_text() -> str:
    """The schema as the exact text of ``schemas/cable.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _doc(cls: type) -> str:
    text = inspect.cleandoc(cls.__doc__ or "")
    text = _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", text))
    return _SOFT_BREAK.sub(" ", text)


def _ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """A ``$ref`` to the definition of an attrs class or enum, adding it first."""
    name = cls.__name__
    if name not in defs:
        if issubclass(cls, enum.Enum):
            defs[name] = {"title": name, "description": _doc(cls), "type": "string", "enum": [m.value for m in cls]}
        else:
            defs[name] = {}  # placeholder: a class may refer to itself
            defs[name] = _class_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    properties = {}
    for field in fields:
        prop = _type_schema(hints[field.name], defs)
        _constrain(prop, field, hints[field.name])
        prop.update(_EXTRA.get((cls, field.name), {}))
        description = field.metadata.get("description")
        properties[field.name] = {"description": description, **prop} if description else prop
    return {
        "title": cls.__name__,
        "description": _doc(cls),
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields],
        "additionalProperties": False,
    }


def _type_schema(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    args = typing.get_args(t)
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"unsupported union {t!r}")
        schema = _type_schema(inner[0], defs)
        if isinstance(schema.get("type"), str):
            return {**schema, "type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}
    if typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if t is str:
        return {"type": "string"}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer"}
    if t is dt.datetime:
        return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
    if t is dt.date:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if isinstance(t, type) and (issubclass(t, enum.Enum) or attrs.has(t)):
        return _ref(t, defs)
    raise TypeError(f"no JSON Schema for {t!r}")


def _constrain(prop: dict[str, Any], field: attrs.Attribute[Any], t: Any) -> None:
    """Add the pattern or lower bound that the field's validator enforces."""
    if field.validator is None:
        return
    # A tuple's validator checks its items.
    target = prop["items"] if prop.get("type") == "array" else prop
    patterns = _patterns(field.validator, 0)
    if len(patterns) == 1:
        target["pattern"] = patterns[0]
    elif len(patterns) > 1:
        raise TypeError(f"{field.name}: several patterns {patterns!r}")
    kind = target.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        minimum = _minimum(field)
        if minimum is not None:
            target["minimum"] = minimum


def _patterns(obj: Any, depth: int) -> list[str]:
    """The regular expressions a validator holds, however it is composed.

    Validators are closures (``_matches(pattern)``) or attrs validator
    objects (``optional(...)``, ``deep_iterable(...)``), so both closure
    cells and attrs fields are searched.
    """
    if isinstance(obj, (regex.Pattern, re.Pattern)):
        return [obj.pattern]
    if depth > 6:
        return []
    found: list[str] = []
    if isinstance(obj, (tuple, list)):
        for item in obj:
            found += _patterns(item, depth + 1)
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            found += _patterns(getattr(obj, f.name), depth + 1)
    elif inspect.isfunction(obj):
        for cell in obj.__closure__ or ():
            found += _patterns(cell.cell_contents, depth + 1)
    return list(dict.fromkeys(found))


def _minimum(field: attrs.Attribute[Any]) -> int | None:
    """The least integer the field's validator accepts, probing -1, 0 and 1."""
    check = field.validator
    assert check is not None
    for candidate in (-1, 0, 1):
        try:
            check(None, field, candidate)
        except (TypeError, ValueError):
            continue
        return None if candidate == -1 else candidate
    return None
