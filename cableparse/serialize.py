"""JSON and dict forms of a :class:`Cable` through one cattrs converter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
from cattrs.preconf.orjson import make_converter

from .model import Cable

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]


def _iso_datetime(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


converter = make_converter(forbid_extra_keys=True)
converter.register_unstructure_hook(dt.datetime, _iso_datetime)
converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())


def to_dict(cable: Cable) -> dict[str, Any]:
    """The cable as plain JSON-ready data (every key present)."""
    data: dict[str, Any] = converter.unstructure(cable)
    return data


def to_json(cable: Cable, *, indent: bool = False, sort_keys: bool = False) -> str:
    """The cable as a JSON document."""
    option = 0
    if indent:
        option |= orjson.OPT_INDENT_2
    if sort_keys:
        option |= orjson.OPT_SORT_KEYS
    return orjson.dumps(to_dict(cable), option=option).decode()


def from_dict(data: dict[str, Any]) -> Cable:
    """Rebuild a cable from :func:`to_dict` output."""
    return converter.structure(data, Cable)


def from_json(text: str | bytes) -> Cable:
    """Rebuild a cable from :func:`to_json` output."""
    return from_dict(orjson.loads(text))
