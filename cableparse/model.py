"""The frozen data model of a parsed cable.

Every class is an immutable, slotted attrs class.  Collections are tuples,
vocabularies are :class:`enum.Enum` subclasses whose values are the
upper-case words used in the cables, and every value is checked when the
object is built: constructing an invalid object raises :class:`ValueError`
or :class:`TypeError`.

The JSON form of these classes (see :mod:`cableparse.serialize`) is the
public contract documented in ``schemas/cable.schema.json``.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any, TypeVar

import attrs
import regex

__all__ = [
    "CLASSIFICATION_RANK",
    "MARKING_PATTERN",
    "REASON_PATTERN",
    "REFERENCE_ID_PATTERN",
    "ROUTING_INDICATOR_PATTERN",
    "Addressee",
    "Banner",
    "Cable",
    "Classification",
    "ClassifiedBy",
    "ContainerMetadata",
    "Declassification",
    "Diagnostic",
    "Header",
    "PageMarker",
    "Paragraph",
    "Precedence",
    "Reference",
    "Relay",
    "Severity",
    "SourceFormat",
    "Station",
    "UnparsedLine",
]


class Precedence(str, enum.Enum):
    """Delivery precedence of a telegram (5 FAH-2 H-420, ACP 127)."""

    FLASH = "FLASH"
    NIACT_IMMEDIATE = "NIACT IMMEDIATE"
    IMMEDIATE = "IMMEDIATE"
    PRIORITY = "PRIORITY"
    ROUTINE = "ROUTINE"


class Classification(str, enum.Enum):
    """Overall classification level of a cable, lowest first."""

    UNCLASSIFIED = "UNCLASSIFIED"
    LIMITED_OFFICIAL_USE = "LIMITED OFFICIAL USE"
    CONFIDENTIAL = "CONFIDENTIAL"
    SECRET = "SECRET"
    TOP_SECRET = "TOP SECRET"


#: Order used by the "never above the banner" checks.  LIMITED OFFICIAL USE
#: is an administrative control, so it ranks with UNCLASSIFIED.
CLASSIFICATION_RANK: dict[Classification, int] = {
    Classification.UNCLASSIFIED: 0,
    Classification.LIMITED_OFFICIAL_USE: 0,
    Classification.CONFIDENTIAL: 1,
    Classification.SECRET: 2,
    Classification.TOP_SECRET: 3,
}


class Severity(str, enum.Enum):
    """How serious a :class:`Diagnostic` is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class SourceFormat(str, enum.Enum):
    """The container a cable was read from."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"


#: A routing indicator: 4 to 8 upper-case letters (ACP 117).
ROUTING_INDICATOR_PATTERN = r"^[A-Z]{4,8}$"
#: A reference ID as WikiLeaks keys them; garbled real IDs are accepted
#: verbatim (VOCAB section 8), so only the outline is checked.
REFERENCE_ID_PATTERN = r"^[0-9]{2,4}[A-Z0-9]+$"
#: A classification reason: ``1.4(b)`` style.
REASON_PATTERN = r"^1\.[0-9]\([a-h]\)$"
#: A portion marking as written, upper-cased, without parentheses.
MARKING_PATTERN = r"^[A-Z0-9][A-Z0-9 /,.\-]*$"

_RI = regex.compile(ROUTING_INDICATOR_PATTERN)
_REFID = regex.compile(REFERENCE_ID_PATTERN)
_REASON = regex.compile(REASON_PATTERN)
_MARKING = regex.compile(MARKING_PATTERN)
_HHMM = regex.compile(r"^(?:[01][0-9]|2[0-3])[0-5][0-9]$")

_AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: Quick tests of the patterns above, made of ``str`` operations (a regex
#: call costs ten times more): each is true only for a ``str`` (exactly,
#: not a subclass) that its pattern matches in full.  ``strip`` with an
#: ASCII alphabet leaves nothing only if every character is in it, so
#: non-ASCII letters or digits and a trailing newline are refused.
_PATTERN_QUICK_TESTS: dict[regex.Pattern[str], str] = {
    _RI: "(3 < len({v}) < 9 and not {v}.strip(_AZ))",
    _REFID: "(len({v}) > 2 and not {v}.strip(_AZ09) and {v}[:2].isdigit())",
    _REASON: "({v} in _REASONS)",
    _MARKING: "({v}[:1].isalnum() and not {v}.strip(_MARKING_CHARS))",
    _HHMM: "({v} in _HHMM_TIMES)",
}
#: The names the quick tests of the patterns use.
_PATTERN_QUICK_NAMES: dict[str, Any] = {
    "_AZ": _AZ,
    "_AZ09": _AZ + "0123456789",
    "_MARKING_CHARS": _AZ + "0123456789 /,.-",
    "_REASONS": frozenset(f"1.{digit}({letter})" for digit in "0123456789" for letter in "abcdefgh"),
    "_HHMM_TIMES": frozenset(f"{hour:02d}{minute:02d}" for hour in range(24) for minute in range(60)),
}

T = TypeVar("T")


@attrs.frozen
class _Matches:
    """Validator: ``None`` or a string that ``pattern`` matches in full."""

    pattern: regex.Pattern[str]
    what: str

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        # fullmatch: "$" alone would also accept a trailing newline.
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            raise ValueError(f"{attribute.name}: {value!r} is not {self.what}")


@attrs.frozen
class _Each:
    """Validator: a tuple whose every item passes ``check``."""

    check: _Matches

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise TypeError(f"{attribute.name}: expected a tuple, got {type(value).__name__}")
        for item in value:
            self.check(instance, attribute, item)


def _utc(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"{attribute.name}: expected a datetime")
    if value.tzinfo is None or value.utcoffset() != _dt.timedelta(0):
        raise ValueError(f"{attribute.name}: datetimes must be timezone-aware UTC")


def _date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    # A datetime is a date subclass but would not survive a JSON round trip.
    if value is not None and (not isinstance(value, _dt.date) or isinstance(value, _dt.datetime)):
        raise TypeError(f"{attribute.name}: expected a date")


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name}: expected an int")
    if value < 0:
        raise ValueError(f"{attribute.name}: must not be negative")


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _non_negative(instance, attribute, value)
    if value is not None and value < 1:
        raise ValueError(f"{attribute.name}: must be at least 1")


def _strings(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{attribute.name}: expected a tuple of str")


def _opt(kind: type) -> Any:
    return attrs.validators.optional(attrs.validators.instance_of(kind))


def _of(kind: type) -> Any:
    return attrs.validators.instance_of(kind)


def _tuple_of(kind: type) -> Any:
    return attrs.validators.deep_iterable(
        member_validator=attrs.validators.instance_of(kind),
        iterable_validator=attrs.validators.instance_of(tuple),
    )


def _meta(description: str) -> dict[str, str]:
    return {"description": description}


_INSTANCE_OF: type[Any] = type(attrs.validators.instance_of(int))
_OPTIONAL: type[Any] = type(attrs.validators.optional(attrs.validators.instance_of(int)))
_DEEP_ITERABLE: type[Any] = type(attrs.validators.deep_iterable(attrs.validators.instance_of(int)))

#: Quick tests of the plain validator functions: true only when the
#: validator would pass (``{v}`` is the value), so they may be stricter.
_QUICK_TESTS: dict[Any, str] = {
    _non_negative: "({v} is None or (type({v}) is int and {v} >= 0))",
    _positive: "({v} is None or (type({v}) is int and {v} >= 1))",
    _utc: "({v} is None or (type({v}) is _datetime and {v}.tzinfo is _UTC))",
    _date: "({v} is None or type({v}) is _date)",
    _strings: "(type({v}) is tuple and all(map(_is_str, {v})))",
}


def _quick_test(check: Any, value: str, names: dict[str, Any]) -> str | None:
    """A Python expression that is true only if ``check`` would accept ``value``; ``None`` if unknown."""
    if check in _QUICK_TESTS:
        return _QUICK_TESTS[check].format(v=value)
    kind = f"_type_{value}"
    if isinstance(check, _INSTANCE_OF) and isinstance(check.type, type):
        names[kind] = check.type
        return f"isinstance({value}, {kind})"
    if isinstance(check, _OPTIONAL) and isinstance(check.validator, _INSTANCE_OF) and isinstance(check.validator.type, type):
        names[kind] = check.validator.type
        return f"({value} is None or isinstance({value}, {kind}))"
    if (
        isinstance(check, _DEEP_ITERABLE)
        and isinstance(check.member_validator, _INSTANCE_OF)
        and isinstance(check.iterable_validator, _INSTANCE_OF)
        and check.iterable_validator.type is tuple
    ):
        # type.__instancecheck__ is isinstance with the arguments swapped, so map() can run it.
        names[kind] = check.member_validator.type.__instancecheck__
        return f"(isinstance({value}, tuple) and all(map({kind}, {value})))"
    if isinstance(check, _Matches):
        if check.pattern in _PATTERN_QUICK_TESTS:
            test = _PATTERN_QUICK_TESTS[check.pattern].format(v=value)
            return f"({value} is None or (type({value}) is str and {test}))"
        names[kind] = check.pattern.fullmatch
        return f"({value} is None or (type({value}) is str and {kind}({value}) is not None))"
    if isinstance(check, _Each):
        if check.check.pattern in _PATTERN_QUICK_TESTS:
            test = _PATTERN_QUICK_TESTS[check.check.pattern].format(v="_item")
            # A list, not a generator: the tuples hold one to three items.
            return f"(type({value}) is tuple and all([type(_item) is str and {test} for _item in {value}]))"
        names[kind] = check.check.pattern.fullmatch
        return f"(type({value}) is tuple and all(map(_is_str, {value})) and all(map({kind}, {value})))"
    return None


def _checked(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` attrs made for ``cls`` by one that validates in a single test.

    attrs calls one validator per field (and each ``optional`` or
    ``deep_iterable`` calls more): a :class:`Cable` costs some fifty Python
    calls.  The new ``__init__`` stores the fields, then evaluates one
    expression of inline type and range tests that is true only if every
    validator would pass.  When it is false (an invalid value, or only a
    value the quick tests do not cover, such as a ``str`` subclass) the field
    validators run as attrs would run them, so errors and their messages are
    unchanged; so are the validators themselves, which
    :mod:`cableparse.schema` and :mod:`cableparse.serialize` read.  Every
    validator must have a quick test (:func:`_quick_test`).
    """
    names: dict[str, Any] = {
        "_datetime": _dt.datetime,
        "_date": _dt.date,
        "_UTC": _dt.timezone.utc,
        "_is_str": str.__instancecheck__,
        "_NOTHING": attrs.NOTHING,
        "_validators_off": attrs.validators.get_disabled,
        **_PATTERN_QUICK_NAMES,
    }
    params: list[str] = []
    body: list[str] = []
    quick: list[str] = []
    validate: list[str] = []
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        name = field.name
        if not field.init or field.converter is not None or field.alias != name or field.on_setattr not in (None, attrs.setters.NO_OP):
            raise TypeError(f"{cls.__name__}.{name}: not supported by _checked")
        default = field.default
        if default is attrs.NOTHING:
            params.append(name)
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                raise TypeError(f"{cls.__name__}.{name}: not supported by _checked")
            names[f"_factory_{name}"] = default.factory
            params.append(f"{name}=_NOTHING")
            body.append(f"    if {name} is _NOTHING:\n        {name} = _factory_{name}()")
        else:
            names[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
        # Slot descriptors store a value without the frozen class's __setattr__.
        names[f"_set_{name}"] = cls.__dict__[name].__set__
        body.append(f"    _set_{name}(self, {name})")
        if field.validator is None:
            continue
        names[f"_check_{name}"] = field.validator
        names[f"_field_{name}"] = field
        call = f"_check_{name}(self, _field_{name}, {name})"
        validate.append(call)
        test = _quick_test(field.validator, name, names)
        if test is None:
            raise TypeError(f"{cls.__name__}.{name}: no quick test for its validator")
        quick.append(test)
    if quick:
        body.append("    if not (" + " and ".join(quick) + "):")
        body.append("        if not _validators_off():")
        body.extend(f"            {call}" for call in validate)
    if hasattr(cls, "__attrs_post_init__"):
        body.append("    self.__attrs_post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<cableparse.model {cls.__name__}.__init__>", "exec"), names, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = cls.__init__.__annotations__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


# --------------------------------------------------------------------------
# Diagnostics


@_checked
@attrs.frozen
class Diagnostic:
    """One problem found in the input, with its position in the original.

    ``line`` and ``column`` are 1-based and refer to the input the user
    holds (the HTML page, the CSV file), after decoding of entities and
    markdown links but before any other normalisation.  They are ``None``
    only for problems that concern the input as a whole.
    """

    code: str = attrs.field(validator=_of(str), metadata=_meta("Stable diagnostic code, see the catalogue."))
    severity: Severity = attrs.field(validator=_of(Severity), metadata=_meta("error, warning or info."))
    message: str = attrs.field(validator=_of(str), metadata=_meta("Human-readable explanation."))
    line: int | None = attrs.field(default=None, validator=_positive, metadata=_meta("1-based line in the original input."))
    column: int | None = attrs.field(default=None, validator=_positive, metadata=_meta("1-based column in the original input."))
    field: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("The cable element concerned, e.g. header.dtg."))


# --------------------------------------------------------------------------
# Header


@_checked
@attrs.frozen
class Relay:
    """Format line 2: relay precedence digraph and routing indicators."""

    precedence: Precedence = attrs.field(validator=_of(Precedence), metadata=_meta("Precedence word of the digraph (PP becomes PRIORITY)."))
    routing_indicators: tuple[str, ...] = attrs.field(
        default=(), validator=_Each(_Matches(_RI, "a routing indicator")), metadata=_meta("Routing indicators in order.")
    )


@_checked
@attrs.frozen
class Station:
    """Format line 3 (the DE line): originating station and serial numbers."""

    routing_indicator: str = attrs.field(
        validator=_Matches(_RI, "a routing indicator"), metadata=_meta("Routing indicator of the originating station.")
    )
    serial: int = attrs.field(validator=_non_negative, metadata=_meta("Station serial number (the #NNNN group) as an integer."))
    section: int | None = attrs.field(
        default=None, validator=_non_negative, metadata=_meta("Section number of this transmission (/NN), if given.")
    )
    day_of_year: int = attrs.field(default=1, validator=_positive, metadata=_meta("Julian day of filing (001-366)."))
    time: str = attrs.field(default="0000", validator=_Matches(_HHMM, "an HHMM time"), metadata=_meta("Filing time HHMM, UTC."))
    filed: _dt.datetime | None = attrs.field(
        default=None, validator=_utc, metadata=_meta("Filing day and time dated in the DTG's year, UTC.")
    )

    def __attrs_post_init__(self) -> None:
        if self.day_of_year > 366:
            raise ValueError("day_of_year: must be at most 366")


@_checked
@attrs.frozen
class Addressee:
    """One TO, INFO or XMT addressee."""

    routing_indicator: str | None = attrs.field(
        validator=_Matches(_RI, "a routing indicator"), metadata=_meta("Routing indicator before the slash, if any.")
    )
    name: str = attrs.field(validator=_of(str), metadata=_meta("Plain-language address (PLAD)."))
    precedence: Precedence | None = attrs.field(
        default=None, validator=_opt(Precedence), metadata=_meta("Precedence word as written; null when none (routine).")
    )
    mcn: int | None = attrs.field(default=None, validator=_non_negative, metadata=_meta("Message continuity number."))


@_checked
@attrs.frozen
class Header:
    """The ACP-127 format lines above the text of the cable."""

    transmission_id: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Format line 1, e.g. VZCZCXRO1441."))
    relay: Relay | None = attrs.field(default=None, validator=_opt(Relay), metadata=_meta("Format line 2."))
    station: Station | None = attrs.field(default=None, validator=_opt(Station), metadata=_meta("Format line 3 (DE line)."))
    security: Classification | None = attrs.field(
        default=None, validator=_opt(Classification), metadata=_meta("Level given by the security line (ZNY CCCCC).")
    )
    security_efto: bool = attrs.field(
        default=False, validator=_of(bool), metadata=_meta("True for ZNY EEEEE (unclassified, encrypt for transmission only).")
    )
    security_signals: tuple[str, ...] = attrs.field(
        default=(), validator=_strings, metadata=_meta("Operating signals after the security letters (ZZH, ZDK, (CCY ...)).")
    )
    precedence: Precedence | None = attrs.field(
        default=None, validator=_opt(Precedence), metadata=_meta("Action precedence from the format line 5 prosign.")
    )
    info_precedence: Precedence | None = attrs.field(
        default=None, validator=_opt(Precedence), metadata=_meta("Information precedence (second prosign), if dual.")
    )
    dtg: _dt.datetime | None = attrs.field(default=None, validator=_utc, metadata=_meta("Date-time group, UTC."))
    dtg_signals: tuple[str, ...] = attrs.field(
        default=(), validator=_strings, metadata=_meta("Operating signals after the DTG (ZDK, ZDS ...).")
    )
    originator: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("FM line: originator's plain-language address."))
    to: tuple[Addressee, ...] = attrs.field(default=(), validator=_tuple_of(Addressee), metadata=_meta("Action addressees."))
    info: tuple[Addressee, ...] = attrs.field(default=(), validator=_tuple_of(Addressee), metadata=_meta("Information addressees."))
    exempt: tuple[Addressee, ...] = attrs.field(
        default=(), validator=_tuple_of(Addressee), metadata=_meta("XMT addressees exempted from a collective.")
    )
    print_lines: tuple[str, ...] = attrs.field(
        default=(), validator=_strings, metadata=_meta("Lines of an old received-copy print header (PAGE 01, ACTION, INFO LOG-00 ...).")
    )


# --------------------------------------------------------------------------
# Body


@_checked
@attrs.frozen
class Banner:
    """The classification banner: level, section and message reference number."""

    classification: Classification = attrs.field(validator=_of(Classification), metadata=_meta("Level written in the banner."))
    section: int | None = attrs.field(default=None, validator=_positive, metadata=_meta("n of SECTION n OF m."))
    sections: int | None = attrs.field(default=None, validator=_positive, metadata=_meta("m of SECTION n OF m."))
    station: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Station name with spaces, e.g. KUALA LUMPUR."))
    serial: int | None = attrs.field(
        default=None, validator=_non_negative, metadata=_meta("Message reference number serial as an integer.")
    )
    efto: bool = attrs.field(default=False, validator=_of(bool), metadata=_meta("True for UNCLAS EFTO banners."))


@_checked
@attrs.frozen
class Declassification:
    """The E.O. line: executive order and declassification instruction."""

    order: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Executive order number as written, e.g. 12958."))
    date: _dt.date | None = attrs.field(
        default=None, validator=_date, metadata=_meta("Declassification date, if the instruction gives one.")
    )
    exemptions: tuple[str, ...] = attrs.field(
        default=(), validator=_strings, metadata=_meta("Exemption codes: X1-X8, 25X1-25X9, 1.6X1, MR, OADR ...")
    )
    text: str = attrs.field(default="", validator=_of(str), metadata=_meta("The instruction as written after the order number."))
    amended: bool = attrs.field(default=False, validator=_of(bool), metadata=_meta("True when the line says AS AMENDED."))


@_checked
@attrs.frozen
class Reference:
    """One item of the REF list."""

    label: str | None = attrs.field(validator=_opt(str), metadata=_meta("Item letter (A, B, ...), if lettered."))
    reference_id: str | None = attrs.field(
        validator=_Matches(_REFID, "a reference ID"), metadata=_meta("Reference ID of the cited cable; null for other documents.")
    )
    text: str = attrs.field(validator=_of(str), metadata=_meta("The item as written, without its label."))


@_checked
@attrs.frozen
class ClassifiedBy:
    """The Classified By line: classifying official and reasons."""

    name: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Name of the classifying official."))
    title: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Title of the classifying official."))
    reasons: tuple[str, ...] = attrs.field(
        default=(), validator=_Each(_Matches(_REASON, "a reason like 1.4(b)")), metadata=_meta("Reasons written 1.4(b).")
    )
    derived_from: str | None = attrs.field(
        default=None,
        validator=_opt(str),
        metadata=_meta("Source of a derivative classification (Derived from: Multiple Sources), if given instead of reasons."),
    )


@_checked
@attrs.frozen
class Paragraph:
    """A paragraph of the text, with its number, portion mark and heading."""

    number: int | None = attrs.field(validator=_non_negative, metadata=_meta("Decoded paragraph number; null for unnumbered text."))
    marking: str | None = attrs.field(
        validator=_Matches(_MARKING, "a portion marking"), metadata=_meta("Portion mark without parentheses, e.g. C or S/NF.")
    )
    heading: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Unnumbered title line just above the paragraph."))
    text: str = attrs.field(default="", validator=_of(str), metadata=_meta("Paragraph text joined across page markers."))


@_checked
@attrs.frozen
class PageMarker:
    """A section/page marker removed from the text."""

    station: str = attrs.field(validator=_of(str), metadata=_meta("Station as written (truncated to 10 or 6 characters)."))
    serial: int = attrs.field(validator=_non_negative, metadata=_meta("Serial number in the marker."))
    page: int = attrs.field(validator=_non_negative, metadata=_meta("Page or section number."))
    pages: int | None = attrs.field(default=None, validator=_non_negative, metadata=_meta("Total pages/sections (OF n)."))
    part: int | None = attrs.field(default=None, validator=_non_negative, metadata=_meta("Sub-part after the dot (001.2), if any."))
    section: int | None = attrs.field(default=None, validator=_non_negative, metadata=_meta("Section number in old PAGE lines."))
    stamp: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("DDHHMMZ stamp of old PAGE lines."))


@_checked
@attrs.frozen
class UnparsedLine:
    """A line that no element claimed, with its position in the original."""

    line: int = attrs.field(validator=_positive, metadata=_meta("1-based line in the original input."))
    text: str = attrs.field(validator=_of(str), metadata=_meta("The line as normalised."))


@_checked
@attrs.frozen
class ContainerMetadata:
    """What the container (HTML page, cables.csv row) says about the cable."""

    reference_id: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Reference ID given by the container."))
    created: _dt.datetime | None = attrs.field(
        default=None, validator=_utc, metadata=_meta("Created date-time as given (HTML minutes may be garbled).")
    )
    released: _dt.datetime | None = attrs.field(default=None, validator=_utc, metadata=_meta("Release date-time as given."))
    classification: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Classification text, e.g. SECRET//NOFORN."))
    origin: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Origin as given, e.g. Embassy Kuala Lumpur."))
    title: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Subject as the container's title shows it."))
    references: tuple[str, ...] = attrs.field(
        default=(), validator=_strings, metadata=_meta("Referenced cable IDs listed by the container.")
    )
    row: int | None = attrs.field(default=None, validator=_non_negative, metadata=_meta("Row id (cables.csv column 1)."))


@_checked
@attrs.frozen
class Cable:
    """A parsed diplomatic cable.

    Build one with :func:`cableparse.parse`; serialise it with
    :func:`cableparse.to_json`; write it back as text with
    :func:`cableparse.render`.
    """

    reference_id: str | None = attrs.field(
        default=None,
        validator=_Matches(_REFID, "a reference ID"),
        metadata=_meta("Two-digit DTG year + origin token + serial, e.g. 09KUALALUMPUR521."),
    )
    source_format: SourceFormat = attrs.field(
        default=SourceFormat.TEXT, validator=_of(SourceFormat), metadata=_meta("Container the cable was read from.")
    )
    source: str | None = attrs.field(
        default=None, validator=_opt(str), metadata=_meta("Where the input came from (path, path:row), if known.")
    )
    header: Header = attrs.field(factory=Header, validator=_of(Header), metadata=_meta("Header format lines."))
    classification: Classification | None = attrs.field(
        default=None, validator=_opt(Classification), metadata=_meta("Overall classification level.")
    )
    banner: Banner | None = attrs.field(default=None, validator=_opt(Banner), metadata=_meta("Classification banner line."))
    correction: str | None = attrs.field(
        default=None, validator=_opt(str), metadata=_meta("Corrected-copy note, if the cable is a corrected copy.")
    )
    captions: tuple[str, ...] = attrs.field(
        default=(), validator=_strings, metadata=_meta("Handling captions in order (SIPDIS, NOFORN ...).")
    )
    passing: tuple[str, ...] = attrs.field(default=(), validator=_strings, metadata=_meta("Passing / action-office lines."))
    declassification: Declassification | None = attrs.field(default=None, validator=_opt(Declassification), metadata=_meta("E.O. line."))
    tags: tuple[str, ...] = attrs.field(default=(), validator=_strings, metadata=_meta("TAGS, upper case, in order, without duplicates."))
    subject: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Subject line text."))
    subject_marking: str | None = attrs.field(
        default=None, validator=_Matches(_MARKING, "a portion marking"), metadata=_meta("Portion mark that opened the subject.")
    )
    references: tuple[Reference, ...] = attrs.field(default=(), validator=_tuple_of(Reference), metadata=_meta("REF items."))
    classified_by: ClassifiedBy | None = attrs.field(default=None, validator=_opt(ClassifiedBy), metadata=_meta("Classified By line."))
    summary: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Text between Summary and End Summary, if marked."))
    paragraphs: tuple[Paragraph, ...] = attrs.field(default=(), validator=_tuple_of(Paragraph), metadata=_meta("Paragraphs of the text."))
    page_markers: tuple[PageMarker, ...] = attrs.field(
        default=(), validator=_tuple_of(PageMarker), metadata=_meta("Page/section markers removed from the text.")
    )
    signature: str | None = attrs.field(default=None, validator=_opt(str), metadata=_meta("Signature line (normally a surname)."))
    dateline: _dt.datetime | None = attrs.field(
        default=None,
        validator=_utc,
        metadata=_meta("Date line opening a media partner's redacted version (Friday, 27 August 2004, 08:08), as UTC."),
    )
    partial: bool = attrs.field(default=False, validator=_of(bool), metadata=_meta("True for records marked as a partial extract."))
    container_metadata: ContainerMetadata | None = attrs.field(
        default=None, validator=_opt(ContainerMetadata), metadata=_meta("Metadata given by the HTML page or CSV row.")
    )
    unparsed: tuple[UnparsedLine, ...] = attrs.field(
        default=(), validator=_tuple_of(UnparsedLine), metadata=_meta("Lines no element claimed.")
    )
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        default=(), validator=_tuple_of(Diagnostic), metadata=_meta("Problems found, ordered by position.")
    )

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``warning``."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)
