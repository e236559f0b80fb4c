"""Helpers shared by the exchange commands (sitrep, export, import): who the command acts as, and where
its output goes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sitroom.errors import InputError


def acting_user(username: str | None, *, for_writing: bool = False) -> Any:
    """The user a command acts as. Reading commands without --user act as the operation's staff (whoever
    runs them holds the database anyway); writing ones need a real user, for the history."""
    from sitroom.accounts.models import User

    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise InputError(f"no user called {username!r} (create one with `sitroom createuser`)", field="user")
        return user
    if for_writing:
        admins = list(User.objects.filter(role="admin", is_active=True)[:2])
        if len(admins) == 1:
            return admins[0]
        raise InputError("say who imports with --user USERNAME (the history records who changed what)", field="user")
    return User(username="sitroom-cli", role="admin", is_superuser=True)


def write_output(data: bytes, output: str | None) -> None:
    if not output or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    Path(output).write_bytes(data)
