"""Aid consignments and convoys: items, status moves planned -> in transit -> delivered -> distributed
(or cancelled) by CONSIGNMENT_TRANSITIONS; delivery feeds aid.tons_delivered with the consignment as
evidence; needs assessments per settlement and sector compared with what was delivered there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sitroom.access import visible
from sitroom.errors import ValidationError
from sitroom.operations.models import Consignment, ConsignmentItem, ConsignmentStatus, NeedsAssessment, Sector
from sitroom.operations.models.aid import CONSIGNMENT_TRANSITIONS
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
    optional_place,
    optional_text,
    record_defaults,
    require_amount,
    require_choice,
    require_date,
    require_org,
    require_place,
    require_text,
    require_writer,
    save_as,
    transition,
)
from .feeds import indicator_feed, indicator_feed_withdraw
from .records import register_rules, register_transitions, validate_record

TONS_DELIVERED = "aid.tons_delivered"
# The date each status stamps, and the status whose date it must not precede.
STATUS_DATES = {
    ConsignmentStatus.IN_TRANSIT: ("dispatched_on", "planned_on"),
    ConsignmentStatus.DELIVERED: ("delivered_on", "dispatched_on"),
    ConsignmentStatus.DISTRIBUTED: ("distributed_on", "delivered_on"),
}
DELIVERED_STATES = (ConsignmentStatus.DELIVERED, ConsignmentStatus.DISTRIBUTED)

register_transitions(Consignment, "status", CONSIGNMENT_TRANSITIONS)


def consignments(user: Any) -> QuerySet[Consignment]:
    return (
        visible(Consignment.objects.active(), user)
        .select_related("donor", "origin", "destination", "escort")
        .prefetch_related("items")
    )


def consignment_next_statuses(consignment: Consignment) -> list[str]:
    """The statuses the consignment may legally move to now (what the page offers as buttons)."""
    order = list(ConsignmentStatus.values)
    return sorted(CONSIGNMENT_TRANSITIONS.get(consignment.status, set()), key=order.index)


def check_consignment(consignment: Consignment) -> None:
    previous = None
    for field in ("planned_on", "dispatched_on", "delivered_on", "distributed_on"):
        value = getattr(consignment, field)
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            raise ValidationError(f"{field} {value} is before {previous[0]} {previous[1]}", field=field)
        previous = (field, value)
    if consignment.origin_id and consignment.origin_id == consignment.destination_id:
        raise ValidationError("destination must differ from origin", field="destination")


register_rules(Consignment, check_consignment)

# Status, the dates its moves stamp and the manifest are not among them: they change through
# consignment_transition and consignment_add_item.
CONSIGNMENT_FIELDS: Converters = {
    "donor": lambda v: require_org(v, "donor"),
    "destination": lambda v: require_place(v, "destination"),
    "origin": lambda v: optional_place(v, "origin"),
    "escort": lambda v: optional_org(v, "escort"),
    "reference": lambda v: optional_text(v, "reference", max_length=60),
    "convoy": lambda v: optional_text(v, "convoy", max_length=120),
    "sector": lambda v: require_choice(v, "sector", Sector.values),
    "planned_on": lambda v: optional_date(v, "planned_on"),
    "note": lambda v: optional_text(v, "note"),
}


def _clean_item(item: Mapping[str, Any], index: int) -> ConsignmentItem:
    if not isinstance(item, Mapping):
        raise ValidationError(f"item {index}: expected kind, quantity, unit and weight", field="items")
    unknown = set(item) - {"kind", "quantity", "unit", "weight_tons"}
    if unknown:
        raise ValidationError(f"item {index}: unknown field {sorted(unknown)[0]!r}", field="items")
    try:
        kind = require_text(item.get("kind"), "kind", max_length=120)
        quantity = require_amount(item.get("quantity"), "quantity")
        unit = optional_text(item.get("unit"), "unit", max_length=30) or "pieces"
        weight = require_amount(item.get("weight_tons"), "weight_tons", allow_none=True)
    except ValidationError as exc:
        raise ValidationError(f"item {index}: {exc.message}", field="items") from None
    if quantity == 0:
        raise ValidationError(f"item {index}: quantity must be more than 0", field="items")
    if unit.lower() in {"t", "ton", "tons", "tonnes"}:
        unit = "tons"
        if weight is None:
            weight = quantity  # the quantity is its weight
    return ConsignmentItem(kind=kind, quantity=quantity, unit=unit, weight_tons=weight)


def _feed(consignment: Consignment, user: Any) -> None:
    tons = consignment.weight_tons
    if consignment.status in DELIVERED_STATES and consignment.archived_at is None and tons > 0:
        indicator_feed(
            record=consignment, indicator_code=TONS_DELIVERED, value=round(tons, 3), date=consignment.delivered_on,
            place=consignment.destination, organization=consignment.donor, user=user,
            what=f"{consignment} from {consignment.donor} to {consignment.destination}",
        )
    else:
        indicator_feed_withdraw(record=consignment, user=user)


@transaction.atomic
def consignment_create(
    *,
    user: Any,
    donor: Organization,
    destination: Place,
    items: Sequence[Mapping[str, Any]],
    origin: Place | None = None,
    reference: str = "",
    convoy: str = "",
    escort: Organization | None = None,
    sector: str = Sector.OTHER,
    planned_on: dt.date | str | None = None,
    note: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Consignment:
    """Plan a consignment with its items (kind, quantity, unit, weight in tons)."""
    require_writer(user, "Recording a consignment")
    links = converted(CONSIGNMENT_FIELDS, donor=donor, destination=destination, origin=origin, escort=escort)
    rows = [_clean_item(item, i) for i, item in enumerate(items or [], start=1)]
    if not rows:
        raise ValidationError("a consignment needs at least one item", field="items")
    consignment = Consignment(
        **links,
        **converted(CONSIGNMENT_FIELDS, reference=reference, convoy=convoy, sector=sector, planned_on=planned_on, note=note),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(consignment)
    save_as(consignment, user)
    for row in rows:
        row.consignment = consignment
        save_as(row, user)
    return consignment


@transaction.atomic
def consignment_update(*, user: Any, consignment: Consignment, **changes: Any) -> Consignment:
    """Change what a consignment is (donor, route, escort, sector, reference, plan date, note, sensitivity);
    a delivered consignment's aid.tons_delivered follows. Its status and the dates the moves stamp change
    through consignment_transition, its manifest through consignment_add_item."""
    consignment = locked_for_change(consignment, user, action="Changing a consignment", field="consignment")
    change_record(consignment, changes, {**RECORD_CONVERTERS, **CONSIGNMENT_FIELDS}, user=user, what="a consignment", reason="updated")
    _feed(consignment, user)
    return consignment


@transaction.atomic
def consignment_add_item(
    *, user: Any, consignment: Consignment, kind: str, quantity: float, unit: str = "pieces", weight_tons: float | None = None
) -> ConsignmentItem:
    """Add an item to a consignment's manifest; the manifest is fixed once the consignment is dispatched."""
    consignment = locked_for_change(consignment, user, action="Changing a consignment", field="consignment")
    if consignment.status != ConsignmentStatus.PLANNED:
        raise ValidationError(f"items can only be added while the consignment is planned (it is {consignment.status})", field="items")
    item = _clean_item({"kind": kind, "quantity": quantity, "unit": unit, "weight_tons": weight_tons}, consignment.items.count() + 1)
    item.consignment = consignment
    return save_as(item, user)


@transaction.atomic
def consignment_transition(
    *, user: Any, consignment: Consignment, to: str, on: dt.date | str | None = None, note: str = ""
) -> Consignment:
    """Move a consignment to its next status; the move must be in CONSIGNMENT_TRANSITIONS. Dispatch,
    delivery and distribution stamp their date (default today); delivery feeds aid.tons_delivered."""
    consignment = locked_for_change(consignment, user, action="Changing a consignment's status", field="consignment")
    if consignment.status == to:
        raise ValidationError(f"the consignment is already {to}", field="status")
    before = consignment.status
    transition(consignment, "status", to, CONSIGNMENT_TRANSITIONS)
    day = optional_date(on, "on") or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(f"on {day} is in the future; record the move when it happens", field="on")
    if to in STATUS_DATES:
        field, _ = STATUS_DATES[to]
        setattr(consignment, field, day)
    note = optional_text(note, "note")
    if note:
        consignment.note = f"{consignment.note}\n{day}: {note}".strip()
    validate_record(consignment)
    save_as(consignment, user, reason=f"status {before} → {to} on {day}")
    _feed(consignment, user)
    return consignment


def consignment_dispatch(*, user: Any, consignment: Consignment, on: dt.date | str | None = None) -> Consignment:
    return consignment_transition(user=user, consignment=consignment, to=ConsignmentStatus.IN_TRANSIT, on=on)


def consignment_mark_delivered(*, user: Any, consignment: Consignment, on: dt.date | str | None = None) -> Consignment:
    return consignment_transition(user=user, consignment=consignment, to=ConsignmentStatus.DELIVERED, on=on)


def consignment_mark_distributed(*, user: Any, consignment: Consignment, on: dt.date | str | None = None) -> Consignment:
    return consignment_transition(user=user, consignment=consignment, to=ConsignmentStatus.DISTRIBUTED, on=on)


def consignment_cancel(*, user: Any, consignment: Consignment, note: str = "") -> Consignment:
    return consignment_transition(user=user, consignment=consignment, to=ConsignmentStatus.CANCELLED, note=note)


@transaction.atomic
def consignment_archive(*, user: Any, consignment: Consignment) -> Consignment:
    return archive_checked(consignment, user, action="Archiving a consignment", withdraw_fed_by=[consignment])


# --- needs ----------------------------------------------------------------------------------------


def needs_assessments(user: Any) -> QuerySet[NeedsAssessment]:
    return visible(NeedsAssessment.objects.active(), user).select_related("place", "assessed_by")


@transaction.atomic
def needs_assessment_create(
    *,
    user: Any,
    place: Place,
    sector: str,
    item_kind: str,
    quantity_requested: float,
    assessed_on: dt.date | str,
    unit: str = "tons",
    assessed_by: Organization | None = None,
    note: str = "",
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> NeedsAssessment:
    require_writer(user, "Recording a needs assessment")
    need = NeedsAssessment(
        place=require_place(place, "place"),
        sector=require_choice(sector, "sector", Sector.values),
        item_kind=require_text(item_kind, "item_kind", max_length=120),
        quantity_requested=require_amount(quantity_requested, "quantity_requested"),
        unit=optional_text(unit, "unit", max_length=30) or "tons",
        assessed_on=require_date(assessed_on, "assessed_on"),
        assessed_by=assessed_by,
        note=optional_text(note, "note"),
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(need)
    return save_as(need, user)


@dataclass(frozen=True)
class NeedVsDelivered:
    place: Place
    sector: str
    unit: str
    requested: float
    delivered: float

    @property
    def gap(self) -> float:
        return max(0.0, self.requested - self.delivered)

    @property
    def percent(self) -> float | None:
        return round(100.0 * self.delivered / self.requested, 1) if self.requested else None


def needs_vs_delivered(*, user: Any, place: Place | None = None, sector: str | None = None) -> list[NeedVsDelivered]:
    """Per settlement, sector and unit: quantity requested (needs assessments) against quantity delivered
    (items of delivered or distributed consignments to that settlement in that sector; tons are the
    items' weights, other units the quantities of items in that unit)."""
    needs = needs_assessments(user)
    sent = consignments(user).filter(status__in=DELIVERED_STATES)
    if place is not None:
        needs, sent = needs.filter(place=place), sent.filter(destination=place)
    if sector:
        needs, sent = needs.filter(sector=sector), sent.filter(sector=sector)
    requested: dict[tuple[int, str, str], float] = {}
    places: dict[int, Place] = {}
    for need in needs:
        key = (need.place_id, need.sector, need.unit)
        requested[key] = requested.get(key, 0.0) + need.quantity_requested
        places[need.place_id] = need.place
    delivered: dict[tuple[int, str, str], float] = {}
    for consignment in sent:
        places[consignment.destination_id] = consignment.destination
        for item in consignment.items.all():
            if item.weight_tons:
                key = (consignment.destination_id, consignment.sector, "tons")
                delivered[key] = delivered.get(key, 0.0) + item.weight_tons
            if item.unit != "tons":
                key = (consignment.destination_id, consignment.sector, item.unit)
                delivered[key] = delivered.get(key, 0.0) + item.quantity
    keys = set(requested) | {k for k in delivered if k in requested or k[2] == "tons"}
    rows = [
        NeedVsDelivered(place=places[p], sector=s, unit=u, requested=round(requested.get((p, s, u), 0.0), 3), delivered=round(delivered.get((p, s, u), 0.0), 3))
        for (p, s, u) in keys
    ]
    return sorted(rows, key=lambda r: (r.place.name, r.sector, r.unit))
