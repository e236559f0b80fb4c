"""Movements of people: evacuations (feeding people.evacuated), shelters and their daily occupancy
(feeding people.sheltered, overcrowding flagged) and return movements (feeding people.returned per place)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from sitroom.access import require_view, visible
from sitroom.errors import ValidationError
from sitroom.operations.models import ActivityStatus, Evacuation, ReturnMovement, Shelter, ShelterOccupancy
from sitroom.reference.models import Organization, Place

from ._common import (
    Converters,
    archive_checked,
    change_record,
    converted,
    locked_for_change,
    optional_org,
    optional_place,
    optional_text,
    record_defaults,
    require_choice,
    require_count,
    require_date,
    require_place,
    require_text,
    require_writer,
    save_as,
)
from .feeds import indicator_feed, indicator_feed_withdraw
from .records import register_rules, validate_record

EVACUATED, SHELTERED, RETURNED = "people.evacuated", "people.sheltered", "people.returned"


def _not_future(day: dt.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"{field} {day} is in the future; {what} can only be recorded once it happened", field=field)


# --- evacuations ----------------------------------------------------------------------------------


def check_evacuation(evacuation: Evacuation) -> None:
    if evacuation.people is None or evacuation.people < 1:
        raise ValidationError("people must be at least 1", field="people")
    if evacuation.children > evacuation.people:
        raise ValidationError(f"children ({evacuation.children}) cannot exceed people ({evacuation.people})", field="children")
    if evacuation.origin_id and evacuation.origin_id == evacuation.destination_id:
        raise ValidationError("destination must differ from origin", field="destination")
    if evacuation.status == ActivityStatus.COMPLETED:
        _not_future(evacuation.date, "date", "a completed evacuation")


register_rules(Evacuation, check_evacuation)

EVACUATION_FIELDS: Converters = {
    "date": lambda v: require_date(v, "date"),
    "people": lambda v: require_count(v, "people", minimum=1),
    "children": lambda v: require_count(v, "children"),
    "origin": lambda v: optional_place(v, "origin"),
    "destination": lambda v: optional_place(v, "destination"),
    "organization": lambda v: optional_org(v, "organization"),
    "status": lambda v: require_choice(v, "status", ActivityStatus.values),
    "note": lambda v: optional_text(v, "note"),
}


def evacuations(user: Any) -> QuerySet[Evacuation]:
    return visible(Evacuation.objects.active(), user).select_related("origin", "destination", "shelter", "organization")


def _feed_evacuation(evacuation: Evacuation, user: Any) -> None:
    if evacuation.status == ActivityStatus.COMPLETED and evacuation.archived_at is None:
        route = " → ".join(str(p) for p in (evacuation.origin, evacuation.destination or evacuation.shelter) if p)
        indicator_feed(
            record=evacuation, indicator_code=EVACUATED, value=evacuation.people, date=evacuation.date,
            place=evacuation.origin or evacuation.destination, organization=evacuation.organization, user=user,
            what=f"evacuation {route}".strip(),
        )
    else:
        # Only evacuations that took place are counted.
        indicator_feed_withdraw(record=evacuation, user=user)


@transaction.atomic
def evacuation_create(
    *,
    user: Any,
    date: dt.date | str,
    people: int,
    children: int = 0,
    origin: Place | None = None,
    destination: Place | None = None,
    shelter: Shelter | None = None,
    organization: Organization | None = None,
    status: str = ActivityStatus.COMPLETED,
    note: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Evacuation:
    """Record an evacuation operation; once completed it feeds people.evacuated."""
    require_writer(user, "Recording an evacuation")
    if shelter is not None:
        if not isinstance(shelter, Shelter):
            raise ValidationError("shelter must be a shelter of the register", field="shelter")
        require_view(user, shelter)
    destination = optional_place(destination, "destination") or (shelter.place if shelter else None)
    evacuation = Evacuation(
        **converted(EVACUATION_FIELDS, date=date, people=people, children=children, origin=origin, destination=destination,
                    organization=organization, status=status, note=note),
        shelter=shelter,
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    if evacuation.origin is None and evacuation.destination is None:
        raise ValidationError("give where people were evacuated from or to", field="origin")
    validate_record(evacuation)
    save_as(evacuation, user)
    _feed_evacuation(evacuation, user)
    return evacuation


@transaction.atomic
def evacuation_update(*, user: Any, evacuation: Evacuation, **changes: Any) -> Evacuation:
    """Change an evacuation (people, status...); people.evacuated follows."""
    evacuation = locked_for_change(evacuation, user, action="Changing an evacuation", field="evacuation")
    change_record(evacuation, changes, EVACUATION_FIELDS, user=user, what="an evacuation")
    _feed_evacuation(evacuation, user)
    return evacuation


@transaction.atomic
def evacuation_archive(*, user: Any, evacuation: Evacuation) -> Evacuation:
    return archive_checked(evacuation, user, action="Archiving an evacuation", withdraw_fed_by=[evacuation])


# --- shelters -------------------------------------------------------------------------------------


def check_shelter(shelter: Shelter) -> None:
    if shelter.capacity is None or shelter.capacity < 1:
        raise ValidationError("capacity must be at least 1", field="capacity")


register_rules(Shelter, check_shelter)

# Occupancy is not among them: it changes through daily counts (shelter_record_occupancy).
SHELTER_FIELDS: Converters = {
    "name": lambda v: require_text(v, "name", max_length=200),
    "place": lambda v: require_place(v, "place"),
    "capacity": lambda v: require_count(v, "capacity", minimum=1),
    "operator": lambda v: optional_org(v, "operator"),
    "has_accommodation": bool,
    "has_meals": bool,
    "has_medical": bool,
    "is_open": bool,
    "note": lambda v: optional_text(v, "note"),
}


def shelters(user: Any) -> QuerySet[Shelter]:
    return visible(Shelter.objects.active(), user).select_related("place", "operator")


@transaction.atomic
def shelter_create(
    *,
    user: Any,
    name: str,
    place: Place,
    capacity: int,
    operator: Organization | None = None,
    has_accommodation: bool = True,
    has_meals: bool = False,
    has_medical: bool = False,
    is_open: bool = True,
    note: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Shelter:
    require_writer(user, "Registering a shelter")
    shelter = Shelter(
        **converted(SHELTER_FIELDS, name=name, place=place, capacity=capacity, operator=operator, has_accommodation=has_accommodation,
                    has_meals=has_meals, has_medical=has_medical, is_open=is_open, note=note),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(shelter)
    return save_as(shelter, user)


@transaction.atomic
def shelter_update(*, user: Any, shelter: Shelter, **changes: Any) -> Shelter:
    """Change a shelter's capacity, services or status (occupancy changes through daily updates)."""
    shelter = locked_for_change(shelter, user, action="Changing a shelter", field="shelter")
    return change_record(shelter, changes, SHELTER_FIELDS, user=user, what="a shelter")


@dataclass(frozen=True)
class OccupancyResult:
    update: ShelterOccupancy
    shelter: Shelter
    overcrowded: bool


@transaction.atomic
def shelter_record_occupancy(
    *, user: Any, shelter: Shelter, date: dt.date | str, occupancy: int, note: str = ""
) -> OccupancyResult:
    """Record the day's occupancy count of a shelter (replacing that day's count if there is one). The
    latest count becomes the shelter's current occupancy; each count feeds people.sheltered. Occupancy
    above capacity is accepted (emergencies) and flagged as overcrowded."""
    shelter = locked_for_change(shelter, user, action="Recording shelter occupancy", field="shelter")
    day = require_date(date, "date")
    _not_future(day, "date", "an occupancy count")
    count = require_count(occupancy, "occupancy")
    note = optional_text(note, "note", max_length=300)
    update = ShelterOccupancy.objects.filter(shelter=shelter, date=day).first() or ShelterOccupancy(shelter=shelter, date=day)
    update.occupancy = count
    update.note = note
    update.recorded_by = user
    update.save()
    latest = shelter.occupancy_updates.order_by("-date").first()
    if latest is not None and shelter.occupancy != latest.occupancy:
        shelter.occupancy = latest.occupancy
        save_as(shelter, user, update_fields=["occupancy"])
    indicator_feed(
        record=update, indicator_code=SHELTERED, value=count, date=day, place=shelter.place,
        organization=shelter.operator, user=user, what=f"people in {shelter.name}",
        note="overcrowded: above capacity" if count > shelter.capacity else "",
    )
    return OccupancyResult(update=update, shelter=shelter, overcrowded=count > shelter.capacity)


def shelter_occupancy_updates(*, user: Any, shelter: Shelter) -> QuerySet[ShelterOccupancy]:
    require_view(user, shelter)
    return shelter.occupancy_updates.select_related("recorded_by").order_by("-date")


def shelters_overcrowded(user: Any) -> list[Shelter]:
    return [s for s in shelters(user) if s.overcrowded]


@transaction.atomic
def shelter_archive(*, user: Any, shelter: Shelter) -> Shelter:
    """Archive a shelter and withdraw the occupancy figures it fed."""
    return archive_checked(shelter, user, action="Archiving a shelter", withdraw_fed_by=shelter.occupancy_updates.all())


# --- returns --------------------------------------------------------------------------------------


def check_return(movement: ReturnMovement) -> None:
    if movement.people is None or movement.people < 1:
        raise ValidationError("people must be at least 1", field="people")
    _not_future(movement.date, "date", "a return movement")
    if movement.origin_id and movement.origin_id == movement.destination_id:
        raise ValidationError("origin must differ from the destination", field="origin")


register_rules(ReturnMovement, check_return)

RETURN_FIELDS: Converters = {
    "destination": lambda v: require_place(v, "destination"),
    "origin": lambda v: optional_place(v, "origin"),
    "date": lambda v: require_date(v, "date"),
    "people": lambda v: require_count(v, "people", minimum=1),
    "escorted_by": lambda v: optional_org(v, "escorted_by"),
    "note": lambda v: optional_text(v, "note"),
}


def return_movements(user: Any) -> QuerySet[ReturnMovement]:
    return visible(ReturnMovement.objects.active(), user).select_related("destination", "origin", "escorted_by")


def _feed_return(movement: ReturnMovement, user: Any) -> None:
    escort = f", escorted by {movement.escorted_by}" if movement.escorted_by_id else ""
    indicator_feed(
        record=movement, indicator_code=RETURNED, value=movement.people, date=movement.date,
        place=movement.destination, organization=movement.escorted_by, user=user,
        what=f"return to {movement.destination}{escort}",
    )


@transaction.atomic
def return_movement_create(
    *,
    user: Any,
    destination: Place,
    date: dt.date | str,
    people: int,
    origin: Place | None = None,
    escorted_by: Organization | None = None,
    note: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> ReturnMovement:
    """Record people returning to a settlement (and who escorted them); feeds people.returned there."""
    require_writer(user, "Recording a return movement")
    movement = ReturnMovement(
        **converted(RETURN_FIELDS, destination=destination, origin=origin, date=date, people=people, escorted_by=escorted_by, note=note),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(movement)
    save_as(movement, user)
    _feed_return(movement, user)
    return movement


@transaction.atomic
def return_movement_update(*, user: Any, movement: ReturnMovement, **changes: Any) -> ReturnMovement:
    movement = locked_for_change(movement, user, action="Changing a return movement", field="return movement")
    change_record(movement, changes, RETURN_FIELDS, user=user, what="a return movement")
    _feed_return(movement, user)
    return movement


@transaction.atomic
def return_movement_archive(*, user: Any, movement: ReturnMovement) -> ReturnMovement:
    return archive_checked(movement, user, action="Archiving a return movement", withdraw_fed_by=[movement])


def returns_per_place(*, user: Any) -> list[dict[str, Any]]:
    """People returned per settlement (visible movements), with the number of movements and the last date."""
    rows = (
        return_movements(user)
        .values("destination")
        .annotate(people=Sum("people"))
        .order_by("-people")
    )
    places = {p.pk: p for p in Place.objects.filter(pk__in=[r["destination"] for r in rows])}
    result = []
    for row in rows:
        qs = return_movements(user).filter(destination_id=row["destination"])
        result.append(
            {"place": places[row["destination"]], "people": row["people"], "movements": qs.count(),
             "last": qs.order_by("-date").values_list("date", flat=True).first()}
        )
    return result
