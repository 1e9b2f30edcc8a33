"""Cross-field consistency checks (FORMAT.md section 6)."""

from __future__ import annotations

from .errors import Reporter
from .model import Cable

__all__ = ["run_checks"]


def run_checks(cable: Cable, reporter: Reporter) -> None:
    """Report every inconsistency between the elements of ``cable``."""
