"""cableparse: US diplomatic cables (ACP-127 telegrams) as typed, frozen objects.

>>> import cableparse
>>> cable = cableparse.parse(cableparse.example_text())
>>> cable.reference_id, cable.header.precedence.value
('09KUALALUMPUR521', 'PRIORITY')
"""

from __future__ import annotations

from .api import DEFAULT_MAX_SIZE, example_text, parse, parse_file
from .bulk import parse_many
from .errors import CODES, CableParseError
from .model import (
    Addressee,
    Banner,
    Cable,
    Classification,
    ClassifiedBy,
    ContainerMetadata,
    Declassification,
    Diagnostic,
    Header,
    PageMarker,
    Paragraph,
    Precedence,
    Reference,
    Relay,
    Severity,
    SourceFormat,
    Station,
    UnparsedLine,
)
from .reading import Failure, RawInput, iter_cables, iter_documents
from .render import render
from .schema import json_schema
from .serialize import CableJSONError, from_dict, from_json, to_dict, to_json

__version__ = "0.1.0"

__all__ = [
    "CODES",
    "DEFAULT_MAX_SIZE",
    "Addressee",
    "Banner",
    "Cable",
    "CableJSONError",
    "CableParseError",
    "Classification",
    "ClassifiedBy",
    "ContainerMetadata",
    "Declassification",
    "Diagnostic",
    "Failure",
    "Header",
    "PageMarker",
    "Paragraph",
    "Precedence",
    "RawInput",
    "Reference",
    "Relay",
    "Severity",
    "SourceFormat",
    "Station",
    "UnparsedLine",
    "__version__",
    "example_text",
    "from_dict",
    "from_json",
    "iter_cables",
    "iter_documents",
    "json_schema",
    "parse",
    "parse_file",
    "parse_many",
    "render",
    "to_dict",
    "to_json",
]
