"""A small cache for the picture's costly aggregates (headline cards, map markers).

An entry is keyed by what decides its content: the kind of aggregate and its arguments, what the user
may see (access group and organisation, see sitroom.access) and a data stamp — the latest `updated_at`
of the records the aggregate reads. Records are never deleted (archiving saves them) and every save sets
`updated_at`, so any write to those records makes a new stamp and the next request computes afresh.

Two guards keep a cached aggregate from hiding a write:
- with concurrent writers (PostgreSQL) nothing is cached while the data is moving: when the newest
  stamp is less than QUIET_SECONDS old, a transaction that saved earlier may still be committing (its
  rows would then be missing from the aggregate while the stamp already looks current), so the
  aggregate is computed and not stored. SQLite with BEGIN IMMEDIATE (the default settings) serializes
  writers before any `updated_at` is taken, so commits come in stamp order and no wait is needed;
- entries expire after SITROOM_PICTURE_CACHE_SECONDS (default 120; 0 turns the cache off), which bounds
  how long a change the stamp cannot see (a renamed place or source) takes to show.

The cache is Django's default cache (local memory per server process unless CACHES says otherwise)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Model
from django.utils import timezone

from sitroom.access import access_group
from sitroom.picture.filters import PictureFilter

QUIET_SECONDS = 5.0
DEFAULT_SECONDS = 120
_MISSING = object()

T = TypeVar("T")


def cache_seconds() -> int:
    """SITROOM_PICTURE_CACHE_SECONDS from the settings, else from the environment, else 120."""
    value = getattr(settings, "SITROOM_PICTURE_CACHE_SECONDS", None)
    if value is None:
        value = os.environ.get("SITROOM_PICTURE_CACHE_SECONDS") or DEFAULT_SECONDS
    return int(value)


def filter_key(filters: PictureFilter | None) -> tuple:
    if filters is None:
        return ()
    return (
        filters.date_from, filters.date_to, filters.place.pk if filters.place else None,
        filters.organization.pk if filters.organization else None, filters.verified_only,
    )


def quiet_seconds() -> float:
    """How old the newest stamp must be before an aggregate is stored (see the module's docstring)."""
    options = connection.settings_dict.get("OPTIONS", {})
    if connection.vendor == "sqlite" and str(options.get("transaction_mode", "")).upper() == "IMMEDIATE":
        return 0.0
    return QUIET_SECONDS


def data_stamp(models: Iterable[type[Model]]) -> tuple:
    """The latest `updated_at` of each model's table (one index seek each)."""
    return tuple(m._default_manager.order_by().aggregate(t=Max("updated_at"))["t"] for m in models)


def cached(kind: str, user: Any, key: tuple, models: Iterable[type[Model]], compute: Callable[[], T]) -> T:
    """`compute()`, or the value an earlier call stored under the same kind, key, visibility and stamp."""
    seconds = cache_seconds()
    if seconds <= 0:
        return compute()
    stamp = data_stamp(models)
    newest = max((t for t in stamp if t is not None), default=None)
    if newest is not None and (timezone.now() - newest).total_seconds() < quiet_seconds():
        return compute()
    who = (access_group(user), getattr(user, "organization_id", None))
    digest = hashlib.sha256(repr((kind, who, key, stamp)).encode()).hexdigest()
    cache_key = f"sitroom:picture:{kind}:{digest}"
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, seconds)
    return value
