"""Ceasefire incidents and joint verification: report an incident, record each party's and the monitoring
centre's position, propose likely duplicates, merge them keeping which source said what, count per week."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from sitroom.access import OPERATION, access_group, can_see_note, can_view, require_view, visible
from sitroom.errors import PermissionDenied, ValidationError
from sitroom.operations.models import Event, EventKind, EventPosition, IncidentKind, Position
from sitroom.reference.models import Organization, Place

from ._common import (
    archive_as,
    archive_checked,
    optional_text,
    record_defaults,
    require_active,
    require_choice,
    require_count,
    require_date,
    require_text,
    require_writer,
    save_as,
)
from .events import event_create

CASUALTY_FIELDS = (
    "killed_civilian", "killed_military", "killed_peacekeeper",
    "injured_civilian", "injured_military", "injured_peacekeeper",
)
# Fields whose value each report may state differently; a merge keeps every report's value.
SCALAR_FIELDS = ("title", "date", "time_of_day", "incident_kind", "description", *CASUALTY_FIELDS)
TRACKED_FIELDS = (*SCALAR_FIELDS, "places")
POSITION_CHOICES = (Position.CONFIRMED, Position.DISPUTED, Position.UNVERIFIABLE)
DUPLICATE_MAX_KM = 10.0
DUPLICATE_MAX_DAYS = 2


def incidents(user: Any) -> QuerySet[Event]:
    """Active, unmerged incidents the user may see."""
    qs = Event.objects.active().filter(kind=EventKind.INCIDENT, merged_into__isnull=True)
    return visible(qs, user).select_related("reported_by").prefetch_related("places")


def incident_records(user: Any) -> QuerySet[Event]:
    """Every incident the user may see, merged and archived ones included (their pages say so)."""
    return visible(Event.objects.filter(kind=EventKind.INCIDENT), user).select_related("merged_into", "reported_by")


def _field_value(event: Event, field: str) -> Any:
    if field == "places":
        return sorted(p.key for p in event.places.all())
    value = getattr(event, field)
    return value.isoformat() if isinstance(value, dt.date) else value


def _source_entry(event: Event, field: str) -> dict[str, Any]:
    return {
        "value": _field_value(event, field),
        "event": event.pk,
        "reported_by": event.reported_by.key if event.reported_by_id else None,
        "source": event.source_id,
    }


def _own_field_sources(event: Event) -> dict[str, list[dict[str, Any]]]:
    return {field: [_source_entry(event, field)] for field in TRACKED_FIELDS}


def _validate_places(places: Iterable[Any]) -> list[Place]:
    result = list(places or [])
    for place in result:
        if not isinstance(place, Place):
            raise ValidationError(f"places must be places of the gazetteer, got {place!r}", field="places")
    return result


@transaction.atomic
def incident_create(
    *,
    user: Any,
    incident_kind: str,
    title: str,
    date: dt.date | str,
    places: Sequence[Place] = (),
    description: str = "",
    time_of_day: str = "",
    casualties: Mapping[str, int] | None = None,
    reported_by: Organization | None = None,
    actors: Sequence[Organization] = (),
    actors_text: str = "",
    source: Any = None,
    claim: Any = None,
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Event:
    """Record a ceasefire incident as one party, a patrol or a source reported it."""
    require_writer(user, "Reporting an incident")
    kind = require_choice(incident_kind, "incident_kind", IncidentKind.values)
    title = require_text(title, "title", max_length=400)
    date = require_date(date, "date")
    places = _validate_places(places)
    counts = {}
    for key, value in (casualties or {}).items():
        if key not in CASUALTY_FIELDS:
            raise ValidationError(f"unknown casualty group {key!r}; expected one of {', '.join(CASUALTY_FIELDS)}", field="casualties")
        counts[key] = require_count(value, key)
    defaults = record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user)
    event = event_create(
        user=user,
        kind=EventKind.INCIDENT,
        incident_kind=kind,
        title=title,
        date=date,
        description=optional_text(description, "description"),
        time_of_day=optional_text(time_of_day, "time_of_day", max_length=10),
        places=places,
        actors=list(actors or []),
        actors_text=optional_text(actors_text, "actors_text", max_length=500),
        reported_by=reported_by if reported_by is not None else defaults["submitted_by_org"],
        source=source,
        claim=claim,
        **counts,
        **defaults,
    )
    event.field_sources = _own_field_sources(event)
    save_as(event, user, update_fields=["field_sources"])
    return event


@transaction.atomic
def incident_record_position(
    *,
    user: Any,
    incident: Event,
    organization: Organization,
    position: str,
    note: str = "",
    internal: bool = False,
) -> EventPosition:
    """Record (or change) one party's or the monitoring centre's position on an incident. A party's
    members record their own organisation's position only; the operation's staff may enter any."""
    require_writer(user, "Recording a position on an incident")
    require_view(user, incident)
    if incident.kind != EventKind.INCIDENT:
        raise ValidationError(f"{incident} is not an incident", field="incident")
    if incident.merged_into_id:
        raise ValidationError(f"this incident was merged into incident {incident.merged_into_id}; record positions there", field="incident")
    require_active(incident, "incident")
    if not isinstance(organization, Organization):
        raise ValidationError("organization is required", field="organization")
    if access_group(user) != OPERATION and getattr(user, "organization_id", None) != organization.pk:
        raise PermissionDenied(f"only members of {organization} or the operation's staff may record its position")
    position = require_choice(position, "position", POSITION_CHOICES)
    note = optional_text(note, "note")
    if internal and not note:
        raise ValidationError("an internal note needs a text", field="note")
    record = EventPosition.objects.filter(event=incident, organization=organization).first() or EventPosition(
        event=incident, organization=organization
    )
    record.position = position
    record.note = note
    record.note_internal = bool(internal)
    record.recorded_by = user
    record.recorded_at = dt.datetime.now(tz=dt.UTC)
    save_as(record, user)
    # The incident's own verification status is the monitoring centre's position.
    if organization.access_group == OPERATION and incident.verification != position:
        incident.verification = position
        save_as(incident, user, update_fields=["verification"])
    return record


@dataclass(frozen=True)
class PositionView:
    organization: Organization
    position: str
    note: str
    note_hidden: bool
    internal: bool
    recorded_at: dt.datetime


def incident_positions(*, user: Any, incident: Event) -> list[PositionView]:
    """Every position on the incident, side by side; a party's internal note is blanked for anyone who
    may not see it (sitroom.access.can_see_note)."""
    require_view(user, incident)
    rows = []
    for pos in incident.positions.select_related("organization").order_by("organization__name"):
        shown = can_see_note(user, note_org_id=pos.organization_id, internal=pos.note_internal)
        rows.append(
            PositionView(
                organization=pos.organization,
                position=pos.position,
                note=pos.note if shown else "",
                note_hidden=not shown,
                internal=pos.note_internal,
                recorded_at=pos.recorded_at,
            )
        )
    return rows


def incident_field_sources(*, user: Any, incident: Event) -> dict[str, list[dict[str, Any]]]:
    """Per field, what each merged report said — only the reports the user may see."""
    require_view(user, incident)
    ids = {entry.get("event") for entries in incident.field_sources.values() for entry in entries}
    allowed = set(visible(Event.objects.filter(pk__in=ids), user).values_list("pk", flat=True))
    return {
        field: [entry for entry in entries if entry.get("event") in allowed]
        for field, entries in incident.field_sources.items()
    }


# --- likely duplicates ----------------------------------------------------------------------------


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _points(event: Event) -> list[tuple[float, float]]:
    return [(p.lat, p.lon) for p in event.places.all() if p.lat is not None and p.lon is not None]


def _distance_km(a: Event, b: Event) -> float | None:
    pa, pb = _points(a), _points(b)
    if not pa or not pb:
        return None
    return min(haversine_km(x, y) for x in pa for y in pb)


@dataclass(frozen=True)
class DuplicatePair:
    incident: Event
    other: Event
    distance_km: float
    days_apart: int


def incidents_likely_duplicates(
    *,
    user: Any,
    incident: Event | None = None,
    max_km: float = DUPLICATE_MAX_KM,
    max_days: int = DUPLICATE_MAX_DAYS,
) -> list[DuplicatePair]:
    """Pairs of visible incidents that may be one happening reported twice: same kind, places within
    `max_km` (haversine on the places' coordinates) and dates within `max_days`. With `incident`, only
    the pairs that include it."""
    qs = incidents(user).exclude(date__isnull=True)
    if incident is not None:
        require_view(user, incident)
        if incident.date is None or incident.merged_into_id or incident.archived_at:
            return []
        window = dt.timedelta(days=max_days)
        qs = qs.filter(incident_kind=incident.incident_kind, date__range=(incident.date - window, incident.date + window))
    rows = sorted(qs, key=lambda e: (e.date, e.pk))
    pairs: list[DuplicatePair] = []
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            days = (b.date - a.date).days
            if days > max_days:
                break
            if a.incident_kind != b.incident_kind:
                continue
            if incident is not None and incident.pk not in (a.pk, b.pk):
                continue
            km = _distance_km(a, b)
            if km is None or km > max_km:
                continue
            first, second = (a, b) if incident is None or a.pk == incident.pk else (b, a)
            pairs.append(DuplicatePair(incident=first, other=second, distance_km=round(km, 2), days_apart=days))
    return pairs


# --- merge ----------------------------------------------------------------------------------------


def _merge_entries(target: list[dict[str, Any]], entries: Iterable[dict[str, Any]]) -> None:
    seen = {(e.get("event"), repr(e.get("value"))) for e in target}
    for entry in entries:
        key = (entry.get("event"), repr(entry.get("value")))
        if key not in seen:
            target.append(dict(entry))
            seen.add(key)


@transaction.atomic
def incident_merge(
    *,
    user: Any,
    survivor: Event,
    duplicates: Sequence[Event],
    choices: Mapping[str, int] | None = None,
    reason: str = "",
) -> Event:
    """Merge reports of one incident into `survivor`. Per field, every report's value is kept in
    `field_sources`; the survivor keeps its own values unless `choices` ({field: event id}) picks
    another report's, and fills its blanks from the others. Places and actors are united; positions
    of organisations that have none on the survivor move to it. The merged reports point to the
    survivor and are archived."""
    require_writer(user, "Merging incidents")
    survivor = Event.objects.select_for_update().get(pk=survivor.pk)
    require_view(user, survivor)
    if survivor.kind != EventKind.INCIDENT:
        raise ValidationError(f"{survivor} is not an incident", field="survivor")
    if survivor.merged_into_id or survivor.archived_at:
        raise ValidationError(f"incident {survivor.pk} is archived or merged already and cannot take others", field="survivor")
    ids = [d.pk for d in duplicates]
    if not ids:
        raise ValidationError("choose at least one incident to merge", field="duplicates")
    if survivor.pk in ids:
        raise ValidationError("an incident cannot be merged into itself", field="duplicates")
    if len(set(ids)) != len(ids):
        raise ValidationError("the same incident is listed twice", field="duplicates")
    others = list(Event.objects.select_for_update().filter(pk__in=ids).order_by("date", "pk"))
    for other in others:
        if not can_view(user, other):
            raise ValidationError(f"no incident with id {other.pk}", field="duplicates")
        if other.kind != EventKind.INCIDENT:
            raise ValidationError(f"{other} is not an incident", field="duplicates")
        if other.merged_into_id or other.archived_at:
            raise ValidationError(f"incident {other.pk} is archived or merged already", field="duplicates")
    everyone = {survivor.pk: survivor, **{o.pk: o for o in others}}
    choices = dict(choices or {})
    for field, event_id in choices.items():
        if field not in SCALAR_FIELDS:
            raise ValidationError(f"cannot choose a value for {field!r}; choose among {', '.join(SCALAR_FIELDS)}", field="choices")
        if event_id not in everyone:
            raise ValidationError(f"incident {event_id} chosen for {field} is not part of this merge", field="choices")
    reason = optional_text(reason, "reason")

    sources = {field: list(entries) for field, entries in (survivor.field_sources or _own_field_sources(survivor)).items()}
    changed: set[str] = set()
    for other in others:
        other_sources = other.field_sources or _own_field_sources(other)
        for field in TRACKED_FIELDS:
            _merge_entries(sources.setdefault(field, []), other_sources.get(field) or [_source_entry(other, field)])
        for field in ("description", "time_of_day", "actors_text"):
            if not getattr(survivor, field) and getattr(other, field):
                setattr(survivor, field, getattr(other, field))
                changed.add(field)
        for field in CASUALTY_FIELDS:
            # 0 often means "not stated"; a stated figure fills it (and both stay in field_sources).
            if getattr(survivor, field) == 0 and getattr(other, field) > 0:
                setattr(survivor, field, getattr(other, field))
                changed.add(field)
        if survivor.source_id is None and other.source_id:
            survivor.source_id = other.source_id
            changed.add("source")
        survivor.places.add(*other.places.all())
        survivor.actors.add(*other.actors.all())
    for field, event_id in choices.items():
        value = getattr(everyone[event_id], field)
        if getattr(survivor, field) != value:
            setattr(survivor, field, value)
            changed.add(field)
    sources["merged"] = [
        *sources.get("merged", []),
        *({"event": o.pk, "reported_by": o.reported_by.key if o.reported_by_id else None, "reason": reason} for o in others),
    ]
    survivor.field_sources = sources
    changed.add("field_sources")
    save_as(survivor, user, update_fields=changed, reason=f"merged incident(s) {', '.join(str(o.pk) for o in others)}")

    have = set(survivor.positions.values_list("organization_id", flat=True))
    for other in others:
        for position in other.positions.all():
            if position.organization_id not in have:
                position.event = survivor
                save_as(position, user)
                have.add(position.organization_id)
        other.merged_into = survivor
        save_as(other, user, update_fields=["merged_into"], reason=f"merged into incident {survivor.pk}")
        archive_as(other, user)
    return survivor


# --- weekly counts --------------------------------------------------------------------------------


def incident_area(place: Place | None) -> Place | None:
    """The area an incident is counted in: the place's district, else its top settlement below a region."""
    node, last = place, place
    while node is not None:
        if node.kind == "district":
            return node
        if node.kind in ("region", "country"):
            return last
        last, node = node, node.parent
    return last


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeeklyCount:
    week: dt.date
    area: Place | None
    incident_kind: str
    count: int


def incident_weekly_counts(
    *, user: Any, start: dt.date | None = None, end: dt.date | None = None
) -> list[WeeklyCount]:
    """Incidents per week (Monday), area and kind, counting each merged incident once."""
    qs = incidents(user).exclude(date__isnull=True).prefetch_related("places__parent__parent__parent")
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    counter: Counter[tuple[dt.date, int | None, str]] = Counter()
    areas: dict[int | None, Place | None] = {None: None}
    for event in qs:
        places = list(event.places.all())
        area = incident_area(places[0]) if places else None
        key = area.pk if area else None
        areas[key] = area
        counter[(week_start(event.date), key, event.incident_kind)] += 1
    rows = [WeeklyCount(week=w, area=areas[a], incident_kind=k, count=c) for (w, a, k), c in counter.items()]
    return sorted(rows, key=lambda r: (r.week, r.area.name if r.area else "~", r.incident_kind))


@transaction.atomic
def incident_archive(*, user: Any, incident: Event) -> Event:
    return archive_checked(incident, user, action="Archiving an incident")
