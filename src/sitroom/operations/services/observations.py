"""Observations: indicator values with their evidence (a claim, a workflow record, or the user's entry)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from sitroom.access import require_role
from sitroom.core.records import Sensitivity
from sitroom.errors import ValidationError
from sitroom.operations.models import Observation, Verification
from sitroom.reference.models import Indicator, Organization, Place

from .records import register_rules, validate_record, with_history


def indicator_get(indicator: Indicator | str | None) -> Indicator:
    """The catalogue indicator for a code or an Indicator; ValidationError(field="indicator") if unknown."""
    if isinstance(indicator, Indicator):
        return indicator
    if not indicator:
        raise ValidationError("An indicator is required", field="indicator")
    found = Indicator.objects.filter(code=str(indicator).strip()).first()
    if found is None:
        raise ValidationError(f"Unknown indicator {indicator!r}: not in the indicator catalogue", field="indicator")
    return found


def check_value(value: Any, field: str = "value") -> float:
    if isinstance(value, bool) or value is None:
        raise ValidationError(f"{field}: a number is required", field=field)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{field}: {value!r} is not a number", field=field) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError(f"{field}: {value!r} is not a finite number", field=field)
    if number < 0:
        raise ValidationError(f"{field} cannot be negative (got {number:g})", field=field)
    return number


def check_fact_date(date: dt.date | None, *, published: dt.date | None, field: str = "date") -> None:
    """A fact cannot be dated after the report that states it, nor in the future."""
    if date is None:
        return
    if not isinstance(date, dt.date):
        raise ValidationError(f"{field}: {date!r} is not a date", field=field)
    if published is not None and date > published:
        raise ValidationError(f"{field} {date} is after the source's publication date {published}", field=field)
    if date > timezone.localdate():
        raise ValidationError(f"{field} {date} is in the future", field=field)


def check_observation(observation: Observation) -> None:
    """The rules of an observation: a known indicator, a non-negative value, a date not after its
    source's publication, a valid sensitivity."""
    if observation.indicator_id is None:
        raise ValidationError("An indicator is required", field="indicator")
    observation.value = check_value(observation.value)
    source = observation.source
    if source is None and observation.claim_id is not None:
        source = observation.claim.source
    check_fact_date(observation.date, published=source.published if source else None)
    if observation.sensitivity not in Sensitivity.values:
        raise ValidationError(f"Unknown sensitivity {observation.sensitivity!r}", field="sensitivity")
    if observation.verification not in Verification.values:
        raise ValidationError(f"Unknown verification {observation.verification!r}", field="verification")


register_rules(Observation, check_observation)


@transaction.atomic
def observation_create(
    *,
    user: Any,
    indicator: Indicator | str,
    value: float,
    date: dt.date | None,
    place: Place | None = None,
    organization: Organization | None = None,
    qualifier: str = "",
    unit: str = "",
    what: str = "",
    note: str = "",
    sensitivity: str = Sensitivity.PARTNERS,
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
    claim: Any = None,
    source: Any = None,
    verification: str = Verification.VERIFIED,
    derived_from: Any = None,
) -> Observation:
    """Record an indicator value. Its evidence is the claim (and its source), the workflow record it is
    derived from, or else the user and their note."""
    require_role(user, "analyst", "Recording an observation")
    found = indicator_get(indicator)
    if claim is not None and source is None:
        source = claim.source
    observation = Observation(
        indicator=found,
        value=value,
        qualifier=qualifier or "",
        unit=unit or found.unit,
        what=what or "",
        date=date,
        place=place,
        organization=organization,
        note=note or "",
        sensitivity=sensitivity,
        submitted_by_org=submitted_by_org if submitted_by_org is not None else getattr(user, "organization", None),
        joint_monitoring=joint_monitoring,
        claim=claim,
        source=source,
        verification=verification,
        created_by=user,
    )
    if derived_from is not None:
        observation.derived_type = ContentType.objects.get_for_model(derived_from)
        observation.derived_id = derived_from.pk
    validate_record(observation)
    with_history(observation, user, "created")
    observation.save()
    return observation


@transaction.atomic
def observation_update(*, observation: Observation, user: Any, reason: str = "", **fields: Any) -> Observation:
    """Change an observation; `indicator` may be given as a code."""
    from .records import record_update

    if "indicator" in fields:
        fields["indicator"] = indicator_get(fields["indicator"])
    return record_update(record=observation, user=user, reason=reason, **fields)
