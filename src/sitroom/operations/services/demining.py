"""Demining: hazardous areas and the clearance tasks that work on them. A task's cleared area and the
items it destroyed feed demining.area_cleared and demining.items_destroyed, with the task as evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from sitroom.access import require_view, visible
from sitroom.errors import ValidationError
from sitroom.operations.models import ActivityStatus, ClearanceTask, HazardousArea
from sitroom.reference.models import Organization, Place

from ._common import (
    RECORD_CONVERTERS,
    Converters,
    archive_checked,
    change_record,
    converted,
    locked_for_change,
    optional_date,
    optional_text,
    record_defaults,
    require_active,
    require_choice,
    require_count,
    require_date,
    require_org,
    require_place,
    require_text,
    require_writer,
    save_as,
)
from .feeds import indicator_feed, indicator_feed_withdraw
from .records import register_rules, validate_record

AREA_CLEARED = "demining.area_cleared"
ITEMS_DESTROYED = "demining.items_destroyed"


def clean_items(items: Mapping[str, Any] | None, field: str) -> dict[str, int]:
    """Items by type ({"anti-personnel mine": 12, "UXO": 40}): named types, whole non-negative counts."""
    if items is None:
        return {}
    if not isinstance(items, Mapping):
        raise ValidationError(f"{field} must map item types to counts", field=field)
    result: dict[str, int] = {}
    for kind, count in items.items():
        name = kind.strip() if isinstance(kind, str) else ""
        if not name:
            raise ValidationError(f"{field}: every item type needs a name", field=field)
        if len(name) > 80:
            raise ValidationError(f"{field}: item type {name[:20]!r}... is longer than 80 characters", field=field)
        number = require_count(count, field)
        result[name] = result.get(name, 0) + number
    return result


def check_hazardous_area(area: HazardousArea) -> None:
    if area.estimated_area_m2 is None or area.estimated_area_m2 <= 0:
        raise ValidationError("estimated_area_m2 must be more than 0", field="estimated_area_m2")
    if area.pk:
        cleared = _cleared_by_tasks(area)
        if cleared > area.estimated_area_m2:
            raise ValidationError(
                f"estimated_area_m2 {area.estimated_area_m2:,} is less than the {cleared:,} m2 its tasks already cleared",
                field="estimated_area_m2",
            )


def _cleared_by_tasks(area: HazardousArea, *, excluding: ClearanceTask | None = None) -> int:
    qs = ClearanceTask.objects.active().filter(area=area)
    if excluding is not None and excluding.pk:
        qs = qs.exclude(pk=excluding.pk)
    return int(qs.aggregate(total=Sum("area_cleared_m2"))["total"] or 0)


def check_clearance_task(task: ClearanceTask) -> None:
    """A task's rules: it ends on or after its start, a completed task has an end, its items are counts
    by type, and all the area cleared on a hazardous area never exceeds the area's estimated size."""
    if task.end is not None and task.start is not None and task.end < task.start:
        raise ValidationError(f"end {task.end} is before start {task.start}", field="end")
    if task.status == ActivityStatus.COMPLETED and task.end is None:
        raise ValidationError("a completed task needs an end date", field="end")
    task.items_found = clean_items(task.items_found, "items_found")
    task.items_destroyed = clean_items(task.items_destroyed, "items_destroyed")
    if task.area_cleared_m2 is None or task.area_cleared_m2 < 0:
        raise ValidationError("area_cleared_m2 cannot be negative", field="area_cleared_m2")
    if task.archived_at is None:
        others = _cleared_by_tasks(task.area, excluding=task)
        if others + task.area_cleared_m2 > task.area.estimated_area_m2:
            raise ValidationError(
                f"area_cleared_m2 {task.area_cleared_m2:,} m2 plus {others:,} m2 cleared by other tasks exceeds the "
                f"estimated {task.area.estimated_area_m2:,} m2 of {task.area}",
                field="area_cleared_m2",
            )


register_rules(HazardousArea, check_hazardous_area)
register_rules(ClearanceTask, check_clearance_task)

AREA_FIELDS: Converters = {
    "name": lambda v: require_text(v, "name", max_length=200),
    "place": lambda v: require_place(v, "place"),
    "estimated_area_m2": lambda v: require_count(v, "estimated_area_m2", minimum=1),
    "contamination": lambda v: optional_text(v, "contamination", max_length=200),
    "description": lambda v: optional_text(v, "description"),
}
# A task's area is fixed once recorded (record a new task on the other area instead).
TASK_FIELDS: Converters = {
    "organization": lambda v: require_org(v, "organization"),
    "team": lambda v: optional_text(v, "team", max_length=120),
    "start": lambda v: require_date(v, "start"),
    "end": lambda v: optional_date(v, "end"),
    "status": lambda v: require_choice(v, "status", ActivityStatus.values),
    "area_cleared_m2": lambda v: require_count(v, "area_cleared_m2"),
    "items_found": lambda v: clean_items(v, "items_found"),
    "items_destroyed": lambda v: clean_items(v, "items_destroyed"),
    "note": lambda v: optional_text(v, "note"),
}


def hazardous_areas(user: Any) -> QuerySet[HazardousArea]:
    return visible(HazardousArea.objects.active(), user).select_related("place")


def clearance_tasks(user: Any) -> QuerySet[ClearanceTask]:
    return visible(ClearanceTask.objects.active(), user).select_related("area", "organization", "area__place")


@transaction.atomic
def hazardous_area_create(
    *,
    user: Any,
    name: str,
    place: Place,
    estimated_area_m2: int,
    contamination: str = "",
    description: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> HazardousArea:
    require_writer(user, "Recording a hazardous area")
    area = HazardousArea(
        **converted(AREA_FIELDS, name=name, place=place, estimated_area_m2=estimated_area_m2, contamination=contamination,
                    description=description),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(area)
    return save_as(area, user)


@transaction.atomic
def hazardous_area_update(*, user: Any, area: HazardousArea, **changes: Any) -> HazardousArea:
    """Change a hazardous area (name, place, estimate, contamination, description, sensitivity); its
    estimate can never fall below what its tasks already cleared."""
    area = locked_for_change(area, user, action="Changing a hazardous area", field="area")
    return change_record(area, changes, {**RECORD_CONVERTERS, **AREA_FIELDS}, user=user, what="a hazardous area", reason="updated")


def _feed(task: ClearanceTask, user: Any, reported_on: dt.date | None) -> None:
    # The figures are as of the task's end, else as of the day its progress was reported.
    date = task.end or reported_on or timezone.localdate()
    org = task.organization
    common = {"record": task, "date": date, "place": task.area.place, "organization": org, "user": user}
    if task.area_cleared_m2 > 0:
        indicator_feed(indicator_code=AREA_CLEARED, value=task.area_cleared_m2, what=f"area cleared by {org} in {task.area}", **common)
    else:
        indicator_feed_withdraw(record=task, user=user, indicator_code=AREA_CLEARED)
    destroyed = task.items_destroyed_total
    if destroyed > 0:
        indicator_feed(indicator_code=ITEMS_DESTROYED, value=destroyed, what=f"explosive items destroyed by {org} in {task.area}", **common)
    else:
        indicator_feed_withdraw(record=task, user=user, indicator_code=ITEMS_DESTROYED)


@transaction.atomic
def clearance_task_create(
    *,
    user: Any,
    area: HazardousArea,
    organization: Organization,
    start: dt.date | str,
    end: dt.date | str | None = None,
    team: str = "",
    status: str = ActivityStatus.ONGOING,
    area_cleared_m2: int = 0,
    items_found: Mapping[str, int] | None = None,
    items_destroyed: Mapping[str, int] | None = None,
    note: str = "",
    reported_on: dt.date | None = None,
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> ClearanceTask:
    """Record a clearance task on a hazardous area; its figures feed the demining indicators."""
    require_writer(user, "Recording a clearance task")
    if not isinstance(area, HazardousArea):
        raise ValidationError("area is required", field="area")
    require_view(user, area)
    require_active(area, "area")
    task = ClearanceTask(
        area=area,
        **converted(TASK_FIELDS, organization=organization, team=team, start=start, end=end, status=status,
                    area_cleared_m2=area_cleared_m2, items_found=items_found, items_destroyed=items_destroyed, note=note),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    # Two tasks on one area must not both pass the limit check at the same time.
    HazardousArea.objects.select_for_update().filter(pk=area.pk).first()
    validate_record(task)
    save_as(task, user)
    _feed(task, user, optional_date(reported_on, "reported_on"))
    return task


@transaction.atomic
def clearance_task_update(
    *, user: Any, task: ClearanceTask, reported_on: dt.date | str | None = None, **changes: Any
) -> ClearanceTask:
    """Change a task (progress, items, end, status); the observations it feeds follow."""
    task = locked_for_change(task, user, action="Changing a clearance task", field="task")
    # Two tasks on one area must not both pass the limit check at the same time.
    HazardousArea.objects.select_for_update().filter(pk=task.area_id).first()
    change_record(task, changes, TASK_FIELDS, user=user, what="a clearance task")
    _feed(task, user, optional_date(reported_on, "reported_on"))
    return task


@transaction.atomic
def clearance_task_archive(*, user: Any, task: ClearanceTask) -> ClearanceTask:
    """Archive a task (entered by mistake, duplicated); the observations it fed are archived with it."""
    return archive_checked(task, user, action="Archiving a clearance task", withdraw_fed_by=[task])


@dataclass(frozen=True)
class AreaProgress:
    area: HazardousArea
    cleared_m2: int
    percent: float
    tasks: int
    items_destroyed: dict[str, int]

    @property
    def remaining_m2(self) -> int:
        return max(0, self.area.estimated_area_m2 - self.cleared_m2)


def hazardous_area_progress(*, user: Any, area: HazardousArea | None = None) -> list[AreaProgress]:
    """Per hazardous area: m2 cleared by its (visible) tasks, share of the estimate, items destroyed by type."""
    areas = hazardous_areas(user)
    if area is not None:
        areas = areas.filter(pk=area.pk)
    tasks_by_area: dict[int, list[ClearanceTask]] = {}
    for task in clearance_tasks(user).filter(area__in=areas):
        tasks_by_area.setdefault(task.area_id, []).append(task)
    rows = []
    for each in areas:
        tasks = tasks_by_area.get(each.pk, [])
        cleared = sum(t.area_cleared_m2 for t in tasks)
        items: dict[str, int] = {}
        for t in tasks:
            for kind, n in t.items_destroyed.items():
                items[kind] = items.get(kind, 0) + int(n)
        rows.append(
            AreaProgress(
                area=each,
                cleared_m2=cleared,
                percent=round(100.0 * cleared / each.estimated_area_m2, 1) if each.estimated_area_m2 else 0.0,
                tasks=len(tasks),
                items_destroyed=dict(sorted(items.items())),
            )
        )
    return rows
