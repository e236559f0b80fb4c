"""Reads shared by the API, exports and sitreps: a kind's records as the user may see them, filtered,
optionally "as reported on" a past moment (from the audit history)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from sitroom.access import visibility_q
from sitroom.errors import InputError

from .kinds import Kind


def parse_day(value: str | dt.date | None, *, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        day = parse_date(str(value).strip())
    except ValueError:
        day = None
    if day is None:
        raise InputError(f"{field}: {value!r} is not a date (YYYY-MM-DD)", field=field)
    return day


def parse_moment(value: str | dt.datetime | None, *, field: str = "as_of") -> dt.datetime | None:
    """A timestamp (ISO 8601; a bare date means the end of that day, UTC)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        text = str(value).strip()
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None:
            day = parse_day(text, field=field)
            moment = dt.datetime.combine(day, dt.time.max)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def place_ids_within(place: Any) -> set[int]:
    """A place and every place under it (a district's villages)."""
    from sitroom.reference.models import Place

    children: dict[int | None, list[int]] = {}
    for pk, parent in Place.objects.values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), [place.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def place_resolve(value: str | int) -> Any:
    """A place by id, key or any name variant; InputError when nothing matches."""
    from sitroom.reference.models import Place
    from sitroom.reference.selectors import place_find

    text = str(value).strip()
    place = Place.objects.filter(pk=int(text)).first() if text.isdigit() else place_find(text)
    if place is None:
        raise InputError(f"place: no place called {text!r}", field="place")
    return place


def organization_resolve(value: str | int) -> Any:
    from sitroom.reference.models import Organization
    from sitroom.reference.selectors import organization_find

    text = str(value).strip()
    org = (Organization.objects.filter(pk=int(text)).first() if text.isdigit() else None) \
        or Organization.objects.filter(key=text).first() or organization_find(text)
    if org is None:
        raise InputError(f"organization: no organisation called {text!r}", field="organization")
    return org


def base_queryset(kind: Kind, *, as_of: dt.datetime | None = None) -> QuerySet:
    model = kind.model
    if as_of is None:
        return model._default_manager.all()
    history = getattr(model, "history", None)
    if history is None:
        raise InputError(f"{kind.name} keep no history: 'as of' is not available for them", field="as_of")
    return history.as_of(as_of)


def records_for(
    kind: Kind,
    user: Any,
    *,
    as_of: dt.datetime | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    place: Any = None,
    organization: Any = None,
    indicator: str | None = None,
    status: str | None = None,
    include_archived: bool = False,
) -> QuerySet:
    """The kind's records the user may see, filtered; archived ones left out unless asked for.
    Ordered by the model's own order with the primary key last, so pages never shuffle."""
    qs = base_queryset(kind, as_of=as_of)
    if kind.visibility_prefix is not None:
        q = visibility_q(user, prefix=kind.visibility_prefix)
        if q is not None:
            qs = qs.filter(q)
    if hasattr(kind.model, "archived_at") and not include_archived:
        qs = qs.filter(archived_at__isnull=True)
    if date_from and kind.date_field:
        qs = qs.filter(**{f"{kind.date_field}__gte": date_from})
    if date_to and kind.date_field:
        qs = qs.filter(**{f"{kind.date_field}__lte": date_to})
    if place is not None and kind.place_fields:
        ids = place_ids_within(place)
        if as_of is not None:
            fields = [f for f in kind.place_fields if f != "places"]  # many-to-many links keep no history
        else:
            fields = list(kind.place_fields)
        cond = Q()
        for name in fields:
            cond |= Q(**{f"{name}__in": ids})
        qs = qs.filter(cond) if fields else qs.none()
    if organization is not None and kind.org_fields:
        cond = Q()
        for name in kind.org_fields:
            if as_of is not None and name in ("actors", "parties", "participants"):
                continue
            cond |= Q(**{name: organization})
        qs = qs.filter(cond)
    if indicator and kind.indicator_field:
        qs = qs.filter(**{f"{kind.indicator_field}__code": indicator})
    if status and kind.status_field:
        qs = qs.filter(**{kind.status_field: status})
    if kind.place_fields and "places" in kind.place_fields and place is not None and as_of is None:
        qs = qs.distinct()
    return qs.order_by(*ordering_for(kind))


def ordering_for(kind: Kind, requested: str | None = None) -> list[str]:
    """The model's default ordering (or the requested field) with the primary key last."""
    model = kind.model
    if requested:
        name = requested.lstrip("-")
        names = {f.name for f in model._meta.concrete_fields}
        if name not in names:
            raise InputError(f"ordering: cannot order by {requested!r}", field="ordering")
        order = [requested]
    else:
        order = [o for o in (model._meta.ordering or []) if "__" not in o]
    if not any(o.lstrip("-") in ("id", "pk") for o in order):
        order.append("id")
    return order
