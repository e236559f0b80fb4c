"""Reconstruction: damaged objects (houses, blocks, roads, schools, utilities) and their restoration
status by RESTORATION_TRANSITIONS; a restored object feeds infrastructure.restored with its units."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sitroom.access import visible
from sitroom.errors import ValidationError
from sitroom.operations.models import ReconstructionObject
from sitroom.operations.models.places import (
    RESTORATION_TRANSITIONS,
    DamageLevel,
    ObjectKind,
    RestorationStatus,
)
from sitroom.reference.models import Organization, Place

from ._common import (
    RECORD_CONVERTERS,
    Converters,
    archive_checked,
    change_record,
    converted,
    locked_for_change,
    optional_date,
    optional_org,
    optional_text,
    record_defaults,
    require_choice,
    require_count,
    require_place,
    require_text,
    require_writer,
    save_as,
    transition,
)
from .feeds import indicator_feed
from .records import register_rules, register_transitions, validate_record

RESTORED = "infrastructure.restored"

register_transitions(ReconstructionObject, "status", RESTORATION_TRANSITIONS)


def check_object(obj: ReconstructionObject) -> None:
    if obj.units is None or obj.units < 1:
        raise ValidationError("units must be at least 1", field="units")
    if obj.status == RestorationStatus.RESTORED and obj.restored_on is None:
        raise ValidationError("a restored object needs the date it was restored", field="restored_on")
    if obj.restored_on and obj.restored_on > timezone.localdate():
        raise ValidationError(f"restored_on {obj.restored_on} is in the future", field="restored_on")


register_rules(ReconstructionObject, check_object)

# Status and restored_on are not among them: they change through reconstruction_object_set_status.
OBJECT_FIELDS: Converters = {
    "name": lambda v: require_text(v, "name", max_length=200),
    "kind": lambda v: require_choice(v, "kind", ObjectKind.values),
    "place": lambda v: require_place(v, "place"),
    "units": lambda v: require_count(v, "units", minimum=1),
    "damage": lambda v: require_choice(v, "damage", DamageLevel.values),
    "organization": lambda v: optional_org(v, "organization"),
    "note": lambda v: optional_text(v, "note"),
}


def reconstruction_objects(user: Any) -> QuerySet[ReconstructionObject]:
    return visible(ReconstructionObject.objects.active(), user).select_related("place", "organization")


def reconstruction_next_statuses(obj: ReconstructionObject) -> list[str]:
    order = list(RestorationStatus.values)
    return sorted(RESTORATION_TRANSITIONS.get(obj.status, set()), key=order.index)


@transaction.atomic
def reconstruction_object_create(
    *,
    user: Any,
    name: str,
    kind: str,
    place: Place,
    units: int = 1,
    damage: str = DamageLevel.MODERATE,
    organization: Organization | None = None,
    note: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> ReconstructionObject:
    """Register a damaged object; it starts as damaged, not started."""
    require_writer(user, "Registering a reconstruction object")
    place = require_place(place, "place")
    obj = ReconstructionObject(
        **converted(OBJECT_FIELDS, name=name, kind=kind, place=place, units=units, damage=damage, organization=organization, note=note),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(obj)
    return save_as(obj, user)


@transaction.atomic
def reconstruction_object_set_status(
    *,
    user: Any,
    obj: ReconstructionObject,
    status: str,
    on: dt.date | str | None = None,
    organization: Organization | None = None,
) -> ReconstructionObject:
    """Move an object along damaged -> planned -> in progress -> restored (the legal moves only). Restored
    stamps `on` (default today) and feeds infrastructure.restored with the object's units."""
    obj = locked_for_change(obj, user, action="Changing a reconstruction object's status", field="object")
    if obj.status == status:
        raise ValidationError(f"the object is already {status}", field="status")
    before = obj.status
    transition(obj, "status", status, RESTORATION_TRANSITIONS)
    if organization is not None:
        obj.organization = organization
    if status == RestorationStatus.RESTORED:
        obj.restored_on = optional_date(on, "on") or timezone.localdate()
    validate_record(obj)
    save_as(obj, user, reason=f"status {before} → {status}")
    _feed(obj, user)
    return obj


@transaction.atomic
def reconstruction_object_update(*, user: Any, obj: ReconstructionObject, **changes: Any) -> ReconstructionObject:
    """Change what an object is (name, kind, place, units, damage, organisation, note, sensitivity); a
    restored object's infrastructure.restored follows. Its status moves through
    reconstruction_object_set_status."""
    obj = locked_for_change(obj, user, action="Changing a reconstruction object", field="object")
    change_record(obj, changes, {**RECORD_CONVERTERS, **OBJECT_FIELDS}, user=user, what="a reconstruction object", reason="updated")
    _feed(obj, user)
    return obj


def _feed(obj: ReconstructionObject, user: Any) -> None:
    # Only a restored object counts, with its units, as of the day it was restored.
    if obj.status == RestorationStatus.RESTORED and obj.archived_at is None:
        indicator_feed(
            record=obj, indicator_code=RESTORED, value=obj.units, date=obj.restored_on, place=obj.place,
            organization=obj.organization, user=user, what=f"{obj.get_kind_display().lower()} restored: {obj.name}",
        )


@transaction.atomic
def reconstruction_object_archive(*, user: Any, obj: ReconstructionObject) -> ReconstructionObject:
    return archive_checked(obj, user, action="Archiving a reconstruction object", withdraw_fed_by=[obj])


def reconstruction_summary(*, user: Any) -> dict[str, Counter]:
    """Units per kind and status (for the list page's table)."""
    summary: dict[str, Counter] = {}
    for obj in reconstruction_objects(user):
        summary.setdefault(obj.kind, Counter())[obj.status] += obj.units
    return summary
