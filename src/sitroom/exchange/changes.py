"""The change feed: what was created, changed or archived since a moment, read from the audit history,
paginated by an opaque cursor so a partner can sync incrementally."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from django.db.models import Q

from sitroom.access import visibility_q
from sitroom.errors import InputError

from .kinds import KINDS, Kind

FEED_KINDS: list[Kind] = [k for k in KINDS.values() if hasattr(k.model, "history")]


def _encode(at: dt.datetime, kind_index: int, history_id: int) -> str:
    raw = json.dumps([at.isoformat(), kind_index, history_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[dt.datetime, int, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        at, kind_index, history_id = json.loads(raw)
        return dt.datetime.fromisoformat(at), int(kind_index), int(history_id)
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise InputError("cursor: not a cursor this feed gave out", field="cursor") from exc


def _record_values(row: Any, kind: Kind) -> dict[str, Any]:
    values = {}
    for field in kind.model._meta.concrete_fields:
        if field.name in ("original",):
            continue
        value = getattr(row, field.attname, None)
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        elif isinstance(value, bytes | memoryview):
            continue
        values[field.attname] = value
    return values


def _change(row: Any) -> str:
    if row.history_type == "+":
        return "created"
    if row.history_type == "-":
        return "deleted"
    if getattr(row, "archived_at", None) is not None:
        return "archived"
    return "changed"


def changes_since(user: Any, *, since: dt.datetime | None, cursor: str | None = None, limit: int = 100) -> dict[str, Any]:
    """One page of changes after `since` (or after the cursor of the previous page), oldest first."""
    if cursor:
        after_at, after_kind, after_id = _decode(cursor)
    elif since is not None:
        after_at, after_kind, after_id = since, len(FEED_KINDS), 0
    else:
        raise InputError("since: give a timestamp (or a cursor)", field="since")
    limit = max(1, min(int(limit), 1000))
    rows: list[tuple[dt.datetime, int, int, Any, Kind]] = []
    for index, kind in enumerate(FEED_KINDS):
        qs = kind.model.history.all()
        if kind.visibility_prefix is not None:
            q = visibility_q(user, prefix=kind.visibility_prefix)
            if q is not None:
                qs = qs.filter(q)
        position = Q(history_date__gt=after_at)
        if index > after_kind:
            position |= Q(history_date=after_at)
        elif index == after_kind:
            position |= Q(history_date=after_at, history_id__gt=after_id)
        for row in qs.filter(position).order_by("history_date", "history_id")[: limit + 1]:
            rows.append((row.history_date, index, row.history_id, row, kind))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    page, more = rows[:limit], len(rows) > limit
    results = [
        {"kind": kind.name, "id": getattr(row, kind.model._meta.pk.attname), "change": _change(row), "at": at,
         "by": row.history_user_id, "record": _record_values(row, kind)}
        for at, _, _, row, kind in page
    ]
    # The cursor of the last change given: keep it and ask again later for what happens next.
    if page:
        next_cursor = _encode(*page[-1][:3])
    else:
        next_cursor = cursor or _encode(after_at, after_kind, after_id)
    return {"next": next_cursor, "more": more, "results": results}
