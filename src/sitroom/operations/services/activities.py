"""Who does what where (3W): activities by organisation, sector and place, the matrix organisations x
sectors x places, and its CSV export with HXL hashtags."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from sitroom.access import require_view, visible
from sitroom.errors import ValidationError
from sitroom.operations.models import Activity, ActivityStatus, Sector
from sitroom.reference.models import Organization, Place

from ._common import (
    Converters,
    change_record,
    converted,
    locked_for_change,
    optional_date,
    optional_place,
    optional_text,
    record_defaults,
    require_amount,
    require_choice,
    require_org,
    require_text,
    require_writer,
    save_as,
)
from .records import register_rules, validate_record


def check_activity(activity: Activity) -> None:
    if activity.start and activity.end and activity.end < activity.start:
        raise ValidationError(f"end {activity.end} is before start {activity.start}", field="end")
    if activity.progress_value is not None and activity.progress_value < 0:
        raise ValidationError("progress_value cannot be negative", field="progress_value")
    if activity.target_value is not None and activity.target_value < 0:
        raise ValidationError("target_value cannot be negative", field="target_value")


register_rules(Activity, check_activity)

ACTIVITY_FIELDS: Converters = {
    "title": lambda v: require_text(v, "title", max_length=300),
    "organization": lambda v: require_org(v, "organization"),
    "sector": lambda v: require_choice(v, "sector", Sector.values),
    "place": lambda v: optional_place(v, "place"),
    "start": lambda v: optional_date(v, "start"),
    "end": lambda v: optional_date(v, "end"),
    "status": lambda v: require_choice(v, "status", ActivityStatus.values),
    "progress_value": lambda v: require_amount(v, "progress_value", allow_none=True),
    "target_value": lambda v: require_amount(v, "target_value", allow_none=True),
    "progress_unit": lambda v: optional_text(v, "progress_unit", max_length=40),
    "description": lambda v: optional_text(v, "description"),
}


def activities(user: Any) -> QuerySet[Activity]:
    return visible(Activity.objects.active(), user).select_related("organization", "place", "place__parent")


@transaction.atomic
def activity_create(
    *,
    user: Any,
    title: str,
    organization: Organization,
    sector: str,
    place: Place | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    status: str = ActivityStatus.PLANNED,
    progress_value: float | None = None,
    target_value: float | None = None,
    progress_unit: str = "",
    description: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Activity:
    require_writer(user, "Recording an activity")
    activity = Activity(
        **converted(ACTIVITY_FIELDS, title=title, organization=organization, sector=sector, place=place, start=start, end=end,
                    status=status, progress_value=progress_value, target_value=target_value, progress_unit=progress_unit,
                    description=description),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(activity)
    return save_as(activity, user)


@transaction.atomic
def activity_update(*, user: Any, activity: Activity, **changes: Any) -> Activity:
    activity = locked_for_change(activity, user, action="Changing an activity", field="activity")
    return change_record(activity, changes, ACTIVITY_FIELDS, user=user, what="an activity")


@dataclass
class MatrixCell:
    places: dict[str, Place] = field(default_factory=dict)
    activities: int = 0

    @property
    def place_list(self) -> list[Place]:
        return sorted(self.places.values(), key=lambda p: p.name)


@dataclass
class ThreeWMatrix:
    organizations: list[Organization]
    sectors: list[tuple[str, str]]
    cells: dict[tuple[int, str], MatrixCell]

    def rows(self) -> list[tuple[Organization, list[MatrixCell | None]]]:
        return [(org, [self.cells.get((org.pk, code)) for code, _ in self.sectors]) for org in self.organizations]


def three_w_matrix(*, user: Any, sector: str | None = None, status: str | None = None, place: Place | None = None) -> ThreeWMatrix:
    """Organisations x sectors, each cell listing the places where the organisation works in that sector."""
    qs = activities(user)
    if sector:
        qs = qs.filter(sector=sector)
    if status:
        qs = qs.filter(status=status)
    if place is not None:
        qs = qs.filter(place=place)
    cells: dict[tuple[int, str], MatrixCell] = defaultdict(MatrixCell)
    orgs: dict[int, Organization] = {}
    used: set[str] = set()
    for activity in qs:
        cell = cells[(activity.organization_id, activity.sector)]
        cell.activities += 1
        if activity.place is not None:
            cell.places[activity.place.key] = activity.place
        orgs[activity.organization_id] = activity.organization
        used.add(activity.sector)
    sectors = [(code, label) for code, label in Sector.choices if code in used]
    return ThreeWMatrix(organizations=sorted(orgs.values(), key=lambda o: str(o)), sectors=sectors, cells=dict(cells))


CSV_COLUMNS = [
    ("Organisation", "#org+name", lambda a: a.organization.name),
    ("Organisation type", "#org+type", lambda a: a.organization.get_kind_display()),
    ("Sector", "#sector", lambda a: a.get_sector_display()),
    ("Activity", "#activity+name", lambda a: a.title),
    ("Place", "#loc+name", lambda a: a.place.name if a.place else ""),
    ("Area", "#adm2+name", lambda a: a.place.parent.name if a.place and a.place.parent else ""),
    ("Latitude", "#geo+lat", lambda a: a.place.lat if a.place and a.place.lat is not None else ""),
    ("Longitude", "#geo+lon", lambda a: a.place.lon if a.place and a.place.lon is not None else ""),
    ("Status", "#status", lambda a: a.status),
    ("Start", "#date+start", lambda a: a.start.isoformat() if a.start else ""),
    ("End", "#date+end", lambda a: a.end.isoformat() if a.end else ""),
    ("Progress", "#output+value", lambda a: "" if a.progress_value is None else f"{a.progress_value:g}"),
    ("Target", "#targeted+value", lambda a: "" if a.target_value is None else f"{a.target_value:g}"),
    ("Unit", "#output+unit", lambda a: a.progress_unit),
]


def _safe_cell(value: Any) -> Any:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def three_w_csv(*, user: Any, sector: str | None = None, status: str | None = None) -> str:
    """The 3W as CSV: a header row, an HXL hashtag row, one row per visible activity."""
    qs = activities(user).order_by("organization__name", "sector", "place__name", "id")
    if sector:
        qs = qs.filter(sector=sector)
    if status:
        qs = qs.filter(status=status)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c[0] for c in CSV_COLUMNS])
    writer.writerow([c[1] for c in CSV_COLUMNS])
    for activity in qs:
        writer.writerow([_safe_cell(c[2](activity)) for c in CSV_COLUMNS])
    return out.getvalue()


def activity_get(*, user: Any, pk: int) -> Activity:
    activity = Activity.objects.select_related("organization", "place").get(pk=pk)
    require_view(user, activity)
    return activity
