"""Reference IDs (placeholder)."""

from __future__ import annotations

import datetime as dt

from ..errors import Reporter, Span
from ..model import Banner


def derive_reference_id(banner: Banner | None, dtg: dt.datetime | None, reporter: Reporter, *, at: Span | None) -> str | None:
    """Two-digit DTG year + origin token + serial."""
    return None
