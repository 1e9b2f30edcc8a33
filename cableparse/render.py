"""Canonical cable text (placeholder)."""

from __future__ import annotations

from .model import Cable

__all__ = ["render"]


def render(cable: Cable) -> str:
    """The cable as canonical plain text."""
    return ""
