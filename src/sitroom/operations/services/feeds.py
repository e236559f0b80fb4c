"""A workflow record feeds an indicator: one Observation per (record, indicator), kept in step with the
record. The observation's evidence is the record itself (Observation.derived_from), so every figure a
workflow produces can be traced back to the task, consignment or movement that produced it.

Values fed this way are the record's own amount (a flow: 120 people evacuated by this operation, 3.5 t in
this consignment), or for stocks such as shelter occupancy the count on that day; the picture can tell
them apart from reported totals because `derived_type` is set."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, QuerySet

from sitroom.errors import ValidationError
from sitroom.operations.models import Observation
from sitroom.reference.models import Indicator

from .observations import observation_create
from .records import archive_as, save_as, validate_record


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict[str, Any]]:
    text = resources.files("sitroom").joinpath("data", "indicators.json").read_text(encoding="utf-8")
    return {entry["code"]: entry for entry in json.loads(text)}


def indicator_for(code: str) -> Indicator:
    """The Indicator with `code`, created from the catalogue file if the reference data is not loaded yet."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is not None:
        return indicator
    entry = _catalogue().get(code)
    if entry is None:
        raise ValidationError(f"unknown indicator code {code!r}", field="indicator")
    indicator, _ = Indicator.objects.get_or_create(
        code=code,
        defaults={k: entry[k] for k in ("name", "unit", "hxl", "cumulative") if k in entry},
    )
    return indicator


def derived_observations(record: Model) -> QuerySet[Observation]:
    """Every observation (active or archived) fed by `record`."""
    ct = ContentType.objects.get_for_model(type(record))
    return Observation.objects.filter(derived_type=ct, derived_id=record.pk)


def _record_attr(record: Model, name: str, default: Any) -> Any:
    """Sensitivity and submitting organisation come from the record, or from its parent record (a shelter's
    daily update takes them from the shelter)."""
    if hasattr(record, name):
        return getattr(record, name)
    for parent_name in ("shelter", "site", "consignment", "agreement"):
        parent = getattr(record, parent_name, None)
        if parent is not None and hasattr(parent, name):
            return getattr(parent, name)
    return default


@transaction.atomic
def indicator_feed(
    *,
    record: Model,
    indicator_code: str,
    value: float,
    date: dt.date | None,
    place: Any = None,
    organization: Any = None,
    user: Any,
    what: str = "",
    note: str = "",
) -> Observation:
    """Create or update the one Observation of `indicator_code` derived from `record`; an archived one is
    brought back (the record fed it again)."""
    if record.pk is None:
        raise ValidationError("the record must be saved before it can feed an indicator", field="record")
    if value is None or value < 0:
        raise ValidationError(f"{indicator_code} cannot take a negative value ({value})", field="value")
    indicator = indicator_for(indicator_code)
    ct = ContentType.objects.get_for_model(type(record))
    existing = (
        Observation.objects.select_for_update()
        .filter(derived_type=ct, derived_id=record.pk, indicator=indicator)
        .order_by("id")
        .first()
    )
    fields = {
        "value": float(value),
        "unit": indicator.unit,
        "what": (what or str(record))[:300],
        "date": date,
        "place": place,
        "organization": organization,
        "verification": "verified",
        "note": note,
        "sensitivity": _record_attr(record, "sensitivity", "partners"),
        "submitted_by_org": _record_attr(record, "submitted_by_org", None),
        "joint_monitoring": _record_attr(record, "joint_monitoring", False),
    }
    if existing is None:
        return observation_create(user=user, indicator=indicator, derived_from=record, **fields)
    changed = [name for name, new in fields.items() if getattr(existing, name) != new]
    if existing.archived_at is not None:
        existing.archived_at = None
        existing.archived_by = None
        changed += ["archived_at", "archived_by"]
    if changed:
        for name in changed:
            if name in fields:
                setattr(existing, name, fields[name])
        validate_record(existing)
        save_as(existing, user, update_fields=changed)
    return existing


@transaction.atomic
def indicator_feed_withdraw(*, record: Model, user: Any, indicator_code: str | None = None) -> int:
    """Archive the observation(s) `record` fed (all of them, or the one of `indicator_code`); returns how many."""
    qs = derived_observations(record).filter(archived_at__isnull=True)
    if indicator_code is not None:
        qs = qs.filter(indicator__code=indicator_code)
    count = 0
    for observation in qs:
        archive_as(observation, user)
        count += 1
    return count
