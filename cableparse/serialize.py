"""JSON and dict forms of a :class:`Cable` through one cattrs converter.

The JSON form is the public contract described by
``schemas/cable.schema.json``: every key is always present (``null`` or
``[]`` when empty), date-times are ISO 8601 in UTC with a ``Z`` suffix,
dates are ``YYYY-MM-DD``, enumerations are their upper-case words, tuples
are lists.

Reading is strict, so that a document either means exactly one cable or is
refused: no value is coerced (``"2910"`` is not an int, ``5.0`` is not an
int, ``true`` is not an int), date-times must end in ``Z``, every key must
be present and no other key may be, and the model's validators apply.  All
problems of a document are reported at once by :class:`CableJSONError`,
each with the JSON path of the offending value.

>>> from cableparse.model import Cable
>>> from_json(to_json(Cable())) == Cable()
True
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
import orjson
import regex
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, override
from cattrs.preconf.orjson import OrjsonConverter, make_converter

from . import model
from .model import Cable

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "CableJSONError",
    "converter",
    "from_dict",
    "from_json",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

#: A date-time as written in the JSON form: UTC, seconds, optional
#: microseconds, ``Z``.  The JSON Schema carries the same pattern.
DATETIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$"
#: A date as written in the JSON form.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_DATETIME = regex.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?Z$")
_DATE = regex.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_IDENTIFIER = regex.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_UTC = dt.timezone.utc

_KINDS: dict[type, str] = {type(None): "null", bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "dict"}


class CableJSONError(ValueError):
    """A JSON document (or dict) that does not describe a valid cable.

    ``errors`` lists every problem as ``"<JSON path>: <message>"``, e.g.
    ``"$.header.to[0].mcn: expected int, got str"``; the message of the
    exception is the same list, one problem per line.
    """

    errors: tuple[str, ...]

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = tuple(errors)
        count = len(self.errors)
        head = "invalid cable JSON" if count == 1 else f"invalid cable JSON ({count} problems)"
        super().__init__("\n".join([f"{head}:", *(f"  {e}" for e in self.errors)]))


def _kind(value: object) -> str:
    return _KINDS.get(type(value)) or type(value).__name__


def _expected(what: str, value: object) -> TypeError:
    return TypeError(f"expected {what}, got {_kind(value)}")


# --------------------------------------------------------------------------
# Unstructuring: model -> plain JSON-ready data


def _unstructure_datetime(value: dt.datetime) -> str:
    text = value.isoformat()
    # The model only admits UTC, so the offset is always +00:00.
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    return value.astimezone(_UTC).isoformat()[:-6] + "Z"


def _unstructure_date(value: dt.date) -> str:
    # Called on the class, so a datetime (a date subclass) also prints as a date.
    return dt.date.isoformat(value)


def _unstructure_enum(value: enum.Enum) -> Any:
    # _value_ skips the descriptor behind .value, which costs more than the rest.
    return value._value_


def _unstructure_optional(t: Any) -> Callable[[Any], Any]:
    inner = converter.get_unstructure_hook(next(a for a in typing.get_args(t) if a is not type(None)))
    if inner is identity:
        # cattrs inlines identity hooks into its generated functions.
        return identity

    def unstructure(value: Any) -> Any:
        return None if value is None else inner(value)

    return unstructure


def _unstructure_tuple(t: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
    inner = converter.get_unstructure_hook(typing.get_args(t)[0])
    if inner is identity:
        return list

    def unstructure(value: tuple[Any, ...]) -> list[Any]:
        return [inner(item) for item in value]

    return unstructure


# --------------------------------------------------------------------------
# Strict structuring: plain data -> model


def _structure_str(value: Any, _: object) -> str:
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise _expected("str", value)


def _structure_int(value: Any, _: object) -> int:
    if type(value) is int:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise _expected("int", value)


def _structure_bool(value: Any, _: object) -> bool:
    if value is True or value is False:
        return value
    raise _expected("bool", value)


def _matched(value: Any, pattern: regex.Pattern[str], what: str) -> regex.Match[str]:
    if not isinstance(value, str):
        raise _expected("str", value)
    m = pattern.match(value)
    if m is None:
        raise ValueError(f"expected {what}, got {value!r}")
    return m


def _structure_datetime(value: Any, _: object) -> dt.datetime:
    m = _matched(value, _DATETIME, "a UTC date-time like 2009-06-29T09:52:00Z")
    year, month, day, hour, minute, second, fraction = m.groups()
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo=_UTC)
    except ValueError as exc:
        raise ValueError(f"not a valid date-time {value!r}: {exc}") from None


def _structure_date(value: Any, _: object) -> dt.date:
    year, month, day = _matched(value, _DATE, "a date like 2019-06-29").groups()
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise ValueError(f"not a valid date {value!r}: {exc}") from None


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, object], enum.Enum]:
    members = {m.value: m for m in cls}
    choices = ", ".join(repr(v) for v in members)

    def structure(value: Any, _: object) -> enum.Enum:
        if not isinstance(value, str):
            raise _expected("str", value)
        member = members.get(value)
        if member is None:
            raise ValueError(f"expected one of {choices}, got {value!r}")
        return member

    return structure


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(t: Any) -> Callable[[Any, object], tuple[Any, ...]]:
    item_type = typing.get_args(t)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _expected("list", value)
        if item_type is str and all(type(v) is str for v in value):
            return tuple(value)
        items = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected and reported with its path
                _note(exc, IterableValidationNote(f"index {index}", index, item_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError("While structuring a list", errors, t)
        return tuple(items)

    return structure


def _note(exc: BaseException, note: str) -> None:
    # cattrs reads the notes list directly, so extend it rather than replace it.
    setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010 - add_note is 3.11+


def _validated(hook: Callable[[Any, Any], Any], field: attrs.Attribute[Any]) -> Callable[[Any, Any], Any]:
    """A field hook that also runs the field's model validator.

    Validating field by field (the constructor validates again) lets every
    invalid field be reported with its own path, not only the first one.
    """
    check = field.validator
    assert check is not None

    def structure(value: Any, t: Any) -> Any:
        result = hook(value, t)
        try:
            check(None, field, result)
        except (TypeError, ValueError) as exc:
            if type(result) is tuple and result:
                raise _locate(check, field, result, t) or exc from None
            raise
        return result

    return structure


def _locate(check: Any, field: attrs.Attribute[Any], items: tuple[Any, ...], t: Any) -> IterableValidationError | None:
    """The failing items of a tuple, each with its index, if they fail alone."""
    item_type = typing.get_args(t)[0] if _is_homogeneous_tuple(t) else Any
    errors: list[Exception] = []
    for index, item in enumerate(items):
        try:
            check(None, field, (item,))
        except (TypeError, ValueError) as exc:
            _note(exc, IterableValidationNote(f"index {index}", index, item_type))
            errors.append(exc)
    return IterableValidationError("While validating a list", errors, t) if errors else None


_INSTANCE_OF: type[Any] = type(attrs.validators.instance_of(int))
_OPTIONAL: type[Any] = type(attrs.validators.optional(attrs.validators.instance_of(int)))
_DEEP_ITERABLE: type[Any] = type(attrs.validators.deep_iterable(attrs.validators.instance_of(int)))


def _type_check_only(check: Any) -> bool:
    """Whether a validator only checks types, which the strict hooks already ensure."""
    if isinstance(check, _INSTANCE_OF):
        return True
    if isinstance(check, _OPTIONAL):
        inner = check.validator
        return all(_type_check_only(v) for v in inner) if isinstance(inner, (list, tuple)) else _type_check_only(inner)
    if isinstance(check, _DEEP_ITERABLE):
        return _type_check_only(check.member_validator) and (check.iterable_validator is None or _type_check_only(check.iterable_validator))
    return False


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_hook(t: Any) -> Callable[[Any, object], Any]:
    inner_type = next(a for a in typing.get_args(t) if a is not type(None))
    inner = converter.get_structure_hook(inner_type)

    def structure(value: Any, _: object) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure


def _attrs_hook(cl: type[Any]) -> Callable[[Any, object], Any]:
    hints = typing.get_type_hints(cl)
    fields = attrs.fields(cl)
    overrides = {
        f.name: override(struct_hook=_validated(converter.get_structure_hook(hints[f.name]), f))
        for f in fields
        if f.validator is not None and not _type_check_only(f.validator)
    }
    generated = make_dict_structure_fn(
        cl,
        converter,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
        **overrides,  # type: ignore[arg-type]
    )
    keys = frozenset(f.name for f in fields)
    order = [f.name for f in fields]

    def structure(value: Any, _: object) -> Any:
        if not isinstance(value, dict):
            raise _expected("dict", value)
        missing = keys - value.keys()
        if not missing:
            return generated(value, cl)
        # Fields with a default would silently take it; the contract wants every key.
        errors: list[Exception] = []
        for name in sorted(missing, key=order.index):
            exc = KeyError(name)
            _note(exc, AttributeValidationNote(f"attribute {name}", name, hints[name]))
            errors.append(exc)
        try:
            generated(value, cl)
        except ClassValidationError as group:
            errors.extend(e for e in group.exceptions if not isinstance(e, KeyError))
        raise ClassValidationError(f"While structuring {cl.__name__}", errors, cl)

    return structure


def _model_enums() -> list[type[enum.Enum]]:
    return [t for t in vars(model).values() if isinstance(t, type) and issubclass(t, enum.Enum) and t.__module__ == model.__name__]


def _make_converter() -> OrjsonConverter:
    conv = make_converter(forbid_extra_keys=True, detailed_validation=True)
    # cattrs looks in its singledispatch table first, where a str-based enum
    # matches ``str``: each model enum gets its own entry, which is closer.
    conv.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    conv.register_unstructure_hook(dt.date, _unstructure_date)
    conv.register_unstructure_hook_factory(_is_optional, _unstructure_optional)
    conv.register_unstructure_hook_factory(_is_homogeneous_tuple, _unstructure_tuple)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_structure_hook(dt.date, _structure_date)
    for cls in _model_enums():
        conv.register_unstructure_hook(cls, _unstructure_enum)
        conv.register_structure_hook(cls, _enum_hook(cls))
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_structure_hook_factory(attrs.has, _attrs_hook)
    return conv


#: The converter behind :func:`to_dict` and :func:`from_dict`; use it to
#: (un)structure any model class, e.g. ``converter.structure(d, Paragraph)``.
converter = _make_converter()


# --------------------------------------------------------------------------
# Error messages


def _path_key(path: str, key: object) -> str:
    if isinstance(key, str) and _IDENTIFIER.match(key):
        return f"{path}.{key}"
    return f"{path}[{orjson.dumps(key).decode() if isinstance(key, str) else repr(key)}]"


def _describe(exc: BaseException, path: str, field: str | None) -> list[str]:
    if isinstance(exc, KeyError):
        return [f"{path}: missing key"]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [f"{_path_key(path, key)}: unknown key" for key in sorted(exc.extra_fields, key=str)]
    # attrs validators raise with (message, attribute, type, value) args.
    message = exc.args[0] if len(exc.args) > 1 and isinstance(exc.args[0], str) else str(exc)
    if field is None and isinstance(exc, (TypeError, ValueError)):
        # A check in the constructor (after every field passed) names its field first.
        name, sep, rest = message.partition(": ")
        if sep and _IDENTIFIER.match(name):
            return [f"{path}.{name}: {rest}"]
    elif field is not None and message.startswith(f"{field}: "):
        message = message[len(field) + 2 :]
    if not isinstance(exc, (TypeError, ValueError)):
        message = f"{type(exc).__name__}: {message}"
    return [f"{path}: {message}"]


def _walk(exc: BaseException, path: str = "$", field: str | None = None) -> list[str]:
    """Every problem in a cattrs error tree, as ``path: message`` lines."""
    if not isinstance(exc, (ClassValidationError, IterableValidationError)):
        return _describe(exc, path, field)
    lines: list[str] = []
    for sub in exc.exceptions:
        note = next(
            (n for n in getattr(sub, "__notes__", ()) if type(n) in (AttributeValidationNote, IterableValidationNote)),
            None,
        )
        if isinstance(note, AttributeValidationNote):
            lines.extend(_walk(sub, f"{path}.{note.name}", note.name))
        elif isinstance(note, IterableValidationNote):
            lines.extend(_walk(sub, f"{path}[{note.index!r}]", field))
        else:
            lines.extend(_walk(sub, path))
    return lines


# --------------------------------------------------------------------------
# Public functions


def to_dict(cable: Cable) -> dict[str, Any]:
    """The cable as plain JSON-ready data: every key present, only str, int, bool, None, list and dict."""
    data: dict[str, Any] = converter.unstructure(cable, Cable)
    return data


def to_json(cable: Cable, *, indent: bool = False, sort_keys: bool = False) -> str:
    """The cable as a JSON document.

    ``indent=True`` indents by two spaces; ``sort_keys=True`` sorts the keys
    (for golden files).  The output is deterministic.  A string the JSON
    encoder refuses (a lone surrogate) raises :class:`CableJSONError`.
    """
    option = 0
    if indent:
        option |= orjson.OPT_INDENT_2
    if sort_keys:
        option |= orjson.OPT_SORT_KEYS
    if type(cable) is Cable:
        try:
            return orjson.dumps(_cable_data(cable), option=option | orjson.OPT_UTC_Z).decode()
        except (orjson.JSONEncodeError, AttributeError, TypeError):
            # Something the direct form does not expect (a value of
            # another type, a string orjson refuses): the converter decides,
            # with the text or the error it has always given.
            pass
    return _to_json_converted(cable, option)


def _to_json_converted(cable: Cable, option: int) -> str:
    """:func:`to_json` through the converter: the reference that :func:`_cable_data` must equal."""
    try:
        return orjson.dumps(converter.unstructure(cable, Cable), option=option).decode()
    except orjson.JSONEncodeError as exc:
        raise CableJSONError([f"$: cannot encode: {exc}"]) from None


# --------------------------------------------------------------------------
# The direct form for to_json
#
# The converter calls a hook per field of every object (an enum's value, a
# tuple made a list, an optional object unwrapped).  orjson writes tuples
# as lists and the model's str-based enums as their values by itself, so
# to_json only needs dicts in place of the model objects: one generated
# function writes the whole cable as nested dict and list displays.  Dates
# and date-times in timezone.utc are left to orjson too (same text); other
# zones keep the converter's hook.


def _direct(cl: type[Any], value: str, names: dict[str, Any], fresh: Callable[[], str], bind: str | None = None) -> str:
    """A Python expression of the converter's form of the ``cl`` object that the name ``value`` holds.

    With ``bind``, the expression ``bind`` is evaluated once and named
    ``value`` as the first field is read (a dict display runs in order).
    """
    hints = typing.get_type_hints(cl)
    items: list[str] = []
    for field in attrs.fields(cl):
        read = f"({value} := {bind}).{field.name}" if bind is not None and not items else f"{value}.{field.name}"
        items.append(f"{field.name!r}: {_direct_value(hints[field.name], read, names, fresh)}")
    return "{" + ", ".join(items) + "}"


def _direct_value(t: Any, value: str, names: dict[str, Any], fresh: Callable[[], str]) -> str:
    optional = _is_optional(t)
    inner = next(a for a in typing.get_args(t) if a is not type(None)) if optional else t
    if _written_as_is(inner):
        return value
    if _is_homogeneous_tuple(inner):
        item = typing.get_args(inner)[0]
        if item is str:
            return value
        if attrs.has(item):
            # An empty tuple is written as is: a comprehension costs a call.
            items, name = fresh(), fresh()
            return f"({items} if not ({items} := {value}) else [{_direct(item, name, names, fresh)} for {name} in {items}])"
        raise TypeError(f"no direct JSON form for {t!r}")
    if attrs.has(inner):
        if not optional:
            return _direct(inner, fresh(), names, fresh, bind=value)
        name = fresh()
        return f"(None if ({name} := {value}) is None else {_direct(inner, name, names, fresh)})"
    name = fresh()
    if inner is dt.datetime:
        # orjson writes a date-time in timezone.utc as the converter does
        # (with OPT_UTC_Z); another zero-offset zone goes to the converter's hook.
        names["_datetime"], names["_dt"], names["_UTC"] = _unstructure_datetime, dt.datetime, _UTC
        made = f"({name} if {name}.tzinfo is _UTC and type({name}) is _dt else _datetime({name}))"
    elif inner is dt.date:
        names["_date"], names["_d"] = _unstructure_date, dt.date
        made = f"({name} if type({name}) is _d else _date({name}))"
    else:
        raise TypeError(f"no direct JSON form for {t!r}")
    if not optional:
        raise TypeError(f"no direct JSON form for a required {t!r}: the model has none")
    return f"(None if ({name} := {value}) is None else {made})"


def _written_as_is(t: Any) -> bool:
    """Whether orjson writes a value of type ``t`` as the converter's form of it."""
    return t in (str, int, bool) or (isinstance(t, type) and issubclass(t, enum.Enum))


def _make_cable_data() -> Callable[[Cable], dict[str, Any]]:
    counter = iter(range(1_000_000))
    names: dict[str, Any] = {}
    body = _direct(Cable, "cable", names, lambda: f"_v{next(counter)}")
    namespace: dict[str, Any] = {}
    exec(compile(f"def cable_data(cable):\n    return {body}\n", "<cableparse.serialize cable_data>", "exec"), names, namespace)
    function: Callable[[Cable], dict[str, Any]] = namespace["cable_data"]
    return function


#: The cable as the converter unstructures it, but for tuples (left as
#: tuples) and enums (left as members): what orjson writes from both is
#: the same text.
_cable_data = _make_cable_data()


def from_dict(data: Any) -> Cable:
    """Rebuild a cable from :func:`to_dict` output, strictly.

    Raises :class:`CableJSONError` listing every invalid value by its JSON
    path.
    """
    return _structure(data, Cable)


def from_json(text: str | bytes | bytearray | memoryview) -> Cable:
    """Rebuild a cable from :func:`to_json` output, strictly.

    Raises :class:`CableJSONError` for text that is not JSON, and for JSON
    that is not a valid cable (listing every invalid value by its path).
    """
    if not isinstance(text, (str, bytes, bytearray, memoryview)):
        raise CableJSONError([f"$: expected JSON text as str or bytes, got {_kind(text)}"])
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise CableJSONError([f"$: not valid JSON: {exc}"]) from None
    return _structure(data, Cable)


def _structure(data: Any, cl: type[T]) -> T:
    try:
        return converter.structure(data, cl)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one CableJSONError
        errors = _walk(exc)
    raise CableJSONError(errors)
