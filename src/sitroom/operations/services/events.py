"""Events: dated happenings on the timeline (meetings, deployments, statements, incidents...).
Ceasefire incidents with joint verification and merging have their own services (incidents.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from sitroom.access import require_role
from sitroom.core.records import Sensitivity
from sitroom.errors import ValidationError
from sitroom.operations.models import Event, EventKind, IncidentKind
from sitroom.reference.models import Organization, Place

from .records import record_update, register_rules, validate_record, with_history

CASUALTY_FIELDS = (
    "killed_civilian", "killed_military", "killed_peacekeeper",
    "injured_civilian", "injured_military", "injured_peacekeeper",
)


def check_event(event: Event) -> None:
    """An event's rules: a known kind, a title, casualties not negative, a date not in the future (nor
    after the publication of the source that reports it)."""
    if event.kind not in EventKind.values:
        raise ValidationError(f"Unknown event kind {event.kind!r}; expected one of {', '.join(EventKind.values)}", field="kind")
    if event.incident_kind and event.incident_kind not in IncidentKind.values:
        raise ValidationError(f"Unknown incident kind {event.incident_kind!r}", field="incident_kind")
    if not (event.title or "").strip():
        raise ValidationError("An event needs a title", field="title")
    for name in CASUALTY_FIELDS:
        value = getattr(event, name)
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{name} must be a whole number", field=name)
        if value < 0:
            raise ValidationError(f"{name} cannot be negative (got {value})", field=name)
    if event.date is not None:
        if not isinstance(event.date, dt.date):
            raise ValidationError(f"date {event.date!r} is not a date", field="date")
        if event.date > timezone.localdate():
            raise ValidationError(f"date {event.date} is in the future", field="date")
        source = event.source
        if source is not None and source.published is not None and event.date > source.published:
            raise ValidationError(f"date {event.date} is after the source's publication date {source.published}", field="date")


register_rules(Event, check_event)


@transaction.atomic
def event_create(
    *,
    user: Any,
    kind: str,
    title: str,
    date: dt.date | None = None,
    description: str = "",
    time_of_day: str = "",
    places: Iterable[Place] = (),
    actors: Iterable[Organization] = (),
    actors_text: str = "",
    incident_kind: str = "",
    sensitivity: str = Sensitivity.PARTNERS,
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
    reported_by: Organization | None = None,
    claim: Any = None,
    source: Any = None,
    **casualties: int,
) -> Event:
    """Record an event; casualties are given by group (killed_civilian=2, injured_military=1...)."""
    require_role(user, "analyst", "Recording an event")
    unknown = set(casualties) - set(CASUALTY_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(f"Event has no field {name!r}", field=name)
    if claim is not None and source is None:
        source = claim.source
    event = Event(
        kind=kind,
        title=(title or "").strip()[:400],
        date=date,
        description=description or "",
        time_of_day=(time_of_day or "")[:10],
        actors_text=(actors_text or "")[:500],
        incident_kind=incident_kind or "",
        sensitivity=sensitivity,
        submitted_by_org=submitted_by_org if submitted_by_org is not None else getattr(user, "organization", None),
        joint_monitoring=joint_monitoring,
        reported_by=reported_by,
        claim=claim,
        source=source,
        created_by=user,
        **{name: casualties.get(name, 0) for name in CASUALTY_FIELDS},
    )
    validate_record(event)
    with_history(event, user, "created")
    event.save()
    places = list(places)
    if places:
        event.places.set(places)
    actors = list(actors)
    if actors:
        event.actors.set(actors)
    return event


@transaction.atomic
def event_update(*, event: Event, user: Any, reason: str = "", **fields: Any) -> Event:
    """Change an event after checking its rules (places/actors may be given as lists)."""
    return record_update(record=event, user=user, reason=reason, **fields)
