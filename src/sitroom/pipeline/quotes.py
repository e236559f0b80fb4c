"""The quotes stage (stub; filled in by P2)."""

from __future__ import annotations

from .context import Context

STAGE = "quotes"
VERSION = "1"


def run(ctx: Context) -> None:
    """Add nothing yet."""
