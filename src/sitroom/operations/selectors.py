"""Reads of operational records, always through the access rule (sitroom.access.visible)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, QuerySet

from sitroom.access import visible
from sitroom.errors import NotFound

from .models import Observation, Verification


def records_for(user: Any, model: type[Model], *, include_archived: bool = False, **filters: Any) -> QuerySet:
    """Records of `model` the user may see, filtered by `filters` (Django lookups); archived records
    only when asked."""
    qs = model._default_manager.all()
    if not include_archived:
        qs = qs.filter(archived_at__isnull=True)
    if filters:
        qs = qs.filter(**filters)
    return visible(qs, user)


def record_get(user: Any, model: type[Model], pk: Any, *, include_archived: bool = True) -> Model:
    """One record the user may see; NotFound for a missing or hidden one alike."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise NotFound(f"No {model._meta.verbose_name} with id {pk!r}") from None
    record = records_for(user, model, include_archived=include_archived, pk=key).first()
    if record is None:
        raise NotFound(f"No {model._meta.verbose_name} with id {key}")
    return record


def observation_list(
    user: Any,
    *,
    indicator: Any = None,
    place: Any = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    verified_only: bool = False,
    include_archived: bool = False,
) -> QuerySet[Observation]:
    """Observations the user may see, newest first. `indicator` is a code or an Indicator, `place` a
    Place or its key; `verified_only` leaves out machine proposals."""
    qs = records_for(user, Observation, include_archived=include_archived)
    if indicator is not None:
        qs = qs.filter(indicator__code=indicator) if isinstance(indicator, str) else qs.filter(indicator=indicator)
    if place is not None:
        qs = qs.filter(place__key=place) if isinstance(place, str) else qs.filter(place=place)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if verified_only:
        qs = qs.filter(verification=Verification.VERIFIED)
    return qs.select_related("indicator", "place", "organization", "source", "claim").order_by("-date", "-id")
