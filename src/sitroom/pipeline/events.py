"""The events stage (stub; filled in by P2)."""

from __future__ import annotations

from .context import Context

STAGE = "events"
VERSION = "1"


def run(ctx: Context) -> None:
    """Add nothing yet."""
