"""Writes of workflow records through the workflow services (engineer O's), so that the API, the bulk
import and the web pages take one action for one thing: a consignment delivered through the API feeds
aid.tons_delivered exactly as the page's "Delivered" button does, a restored object feeds
infrastructure.restored, and so on. Each route maps field values (from a serializer or an import row) to
the service's keywords; fields a service does not take on create are refused, naming the field and the
action that sets them."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from sitroom.errors import ValidationError
from sitroom.operations.services import (
    activities,
    agreements,
    aid,
    demining,
    incidents,
    people,
    reconstruction,
    records,
    sites,
)

# Fields set by an action of their own, never by a plain create or change: the hint names the action.
_TRANSITION_HINT = "move it with POST /api/{kind}/<id>/transition/ {\"status\": ...}"
SET_BY_ACTION: dict[str, dict[str, str]] = {
    "consignments": {
        "status": "a consignment starts planned; " + _TRANSITION_HINT,
        "dispatched_on": "stamped by the move to in_transit; " + _TRANSITION_HINT,
        "delivered_on": "stamped by the move to delivered; " + _TRANSITION_HINT,
        "distributed_on": "stamped by the move to distributed; " + _TRANSITION_HINT,
    },
    "reconstruction-objects": {
        "status": "an object starts damaged; " + _TRANSITION_HINT,
        "restored_on": "stamped by the move to restored; " + _TRANSITION_HINT,
    },
    "shelters": {"occupancy": "counts are recorded with POST /api/shelters/<id>/occupancy/ {\"date\", \"occupancy\"}"},
    "events": {"verification": "an incident's verification is the monitoring centre's position: "
                               "POST /api/events/<id>/positions/"},
}


def _refuse(kind: str, name: str) -> ValidationError:
    hint = SET_BY_ACTION.get(kind, {}).get(name)
    if hint:
        return ValidationError(f"{name} cannot be set here: " + hint.replace("{kind}", kind), field=name)
    return ValidationError(f"{name} cannot be set here", field=name)


def _call(service: Callable, kind: str, user: Any, values: dict[str, Any], **fixed: Any):
    """Call `service` with the values it declares; any other value is refused, naming the field."""
    params = inspect.signature(service).parameters
    open_ended = any(p.kind is p.VAR_KEYWORD for p in params.values())  # e.g. event_create's casualties
    for name in values:
        if (name not in params and not open_ended) or name in fixed or name == "user":
            raise _refuse(kind, name)
    for name, param in params.items():
        if param.default is param.empty and param.kind is param.KEYWORD_ONLY and name != "user" \
                and name not in values and name not in fixed:
            raise ValidationError(f"{name} is required", field=name)
    return service(user=user, **fixed, **values)


@dataclass(frozen=True)
class Route:
    create: Callable[[Any, dict[str, Any]], models.Model]
    change: Callable[[Any, models.Model, dict[str, Any]], models.Model]
    archive: Callable[[Any, models.Model, str], models.Model]


def _generic_change(user: Any, record: models.Model, values: dict[str, Any]) -> models.Model:
    return records.record_update(record=record, user=user, **values) if values else record


def _generic_archive(user: Any, record: models.Model, reason: str) -> models.Model:
    return records.record_archive(record=record, user=user, reason=reason)


# A record starts in its first status: giving that status on create is accepted (and changes nothing).
_START = {"consignments": ("status", "planned"), "reconstruction-objects": ("status", "damaged")}


def _creator(service: Callable, kind: str) -> Callable[[Any, dict[str, Any]], models.Model]:
    def create(user: Any, values: dict[str, Any]) -> models.Model:
        start = _START.get(kind)
        if start is not None and values.get(start[0]) == start[1]:
            values = {k: v for k, v in values.items() if k != start[0]}
        return _call(service, kind, user, values)
    return create


def _updater(service: Callable, kind: str, record_arg: str) -> Callable[[Any, models.Model, dict[str, Any]], models.Model]:
    def change(user: Any, record: models.Model, values: dict[str, Any]) -> models.Model:
        for name in values:
            if name in SET_BY_ACTION.get(kind, {}):
                raise _refuse(kind, name)
        return service(user=user, **{record_arg: record}, **values) if values else record
    return change


def _archiver(service: Callable, record_arg: str) -> Callable[[Any, models.Model, str], models.Model]:
    return lambda user, record, reason: service(user=user, **{record_arg: record})


# --- per kind ---------------------------------------------------------------------------------------


def _consignment_change(user: Any, record: models.Model, values: dict[str, Any]) -> models.Model:
    values = dict(values)
    if "items" in values:
        raise ValidationError("items are added with POST /api/consignments/<id>/items/ while the consignment is planned", field="items")
    status = values.pop("status", None)
    stamp = None
    if status is not None and status != record.status:
        date_field = aid.STATUS_DATES.get(status, (None,))[0]
        stamp = values.pop(date_field, None) if date_field else None
    for name in ("dispatched_on", "delivered_on", "distributed_on"):
        if name in values and values.pop(name) != getattr(record, name):
            raise _refuse("consignments", name)
    if values:
        record = aid.consignment_update(user=user, consignment=record, **values)
    if status is not None and status != record.status:
        record = aid.consignment_transition(user=user, consignment=record, to=status, on=stamp)
    return record


def _reconstruction_change(user: Any, record: models.Model, values: dict[str, Any]) -> models.Model:
    values = dict(values)
    status = values.pop("status", None)
    moving = status is not None and status != record.status
    on = values.pop("restored_on", None) if moving else None
    organization = values.pop("organization", None) if moving else None
    if "restored_on" in values and values.pop("restored_on") != record.restored_on:
        raise _refuse("reconstruction-objects", "restored_on")
    if values:
        record = reconstruction.reconstruction_object_update(user=user, obj=record, **values)
    if moving:
        record = reconstruction.reconstruction_object_set_status(user=user, obj=record, status=status, on=on, organization=organization)
    return record


def _site_change(user: Any, record: models.Model, values: dict[str, Any]) -> models.Model:
    values = dict(values)
    protection = {k: values.pop(k) for k in ("protection_status", "protected_by") if k in values}
    if values:
        record = sites.site_update(user=user, site=record, **values)
    if protection:
        record = sites.site_set_protection(user=user, site=record, protection_status=protection.get("protection_status", record.protection_status),
                                           protected_by=protection.get("protected_by"))
    return record


def _event_create(user: Any, values: dict[str, Any]) -> models.Model:
    """Incidents through incident_create (casualties by group, the reporting party); other events
    through event_create."""
    from sitroom.operations.services import events

    values = dict(values)
    if values.get("incident_kind"):
        if values.pop("kind", "incident") != "incident":
            raise ValidationError("incident_kind is only for events of kind incident", field="incident_kind")
        casualties = {name: values.pop(name) for name in list(values) if name in events.CASUALTY_FIELDS}
        return _call(incidents.incident_create, "events", user, values, casualties=casualties)
    return _call(events.event_create, "events", user, values)


def _event_change(user: Any, record: models.Model, values: dict[str, Any]) -> models.Model:
    if record.kind == "incident" and "verification" in values and values["verification"] != record.verification:
        raise _refuse("events", "verification")
    return _generic_change(user, record, {k: v for k, v in values.items() if not (k == "verification" and record.kind == "incident")})


def _event_archive(user: Any, record: models.Model, reason: str) -> models.Model:
    if record.kind == "incident":
        return incidents.incident_archive(user=user, incident=record)
    return _generic_archive(user, record, reason)


def _observation_create(user: Any, values: dict[str, Any]) -> models.Model:
    from sitroom.operations.services import observations

    return _call(observations.observation_create, "observations", user, values)


ROUTES: dict[str, Route] = {
    "observations": Route(_observation_create, _generic_change, _generic_archive),
    "events": Route(_event_create, _event_change, _event_archive),
    "consignments": Route(_creator(aid.consignment_create, "consignments"), _consignment_change,
                          _archiver(aid.consignment_archive, "consignment")),
    "shelters": Route(_creator(people.shelter_create, "shelters"), _updater(people.shelter_update, "shelters", "shelter"),
                      _archiver(people.shelter_archive, "shelter")),
    "evacuations": Route(_creator(people.evacuation_create, "evacuations"), _updater(people.evacuation_update, "evacuations", "evacuation"),
                         _archiver(people.evacuation_archive, "evacuation")),
    "returns": Route(_creator(people.return_movement_create, "returns"), _updater(people.return_movement_update, "returns", "movement"),
                     _archiver(people.return_movement_archive, "movement")),
    "hazardous-areas": Route(_creator(demining.hazardous_area_create, "hazardous-areas"),
                             _updater(demining.hazardous_area_update, "hazardous-areas", "area"), _generic_archive),
    "clearance-tasks": Route(_creator(demining.clearance_task_create, "clearance-tasks"),
                             _updater(demining.clearance_task_update, "clearance-tasks", "task"),
                             _archiver(demining.clearance_task_archive, "task")),
    "reconstruction-objects": Route(_creator(reconstruction.reconstruction_object_create, "reconstruction-objects"), _reconstruction_change,
                                    _archiver(reconstruction.reconstruction_object_archive, "obj")),
    "sites": Route(_creator(sites.site_create, "sites"), _site_change, _generic_archive),
    "agreements": Route(_creator(agreements.agreement_create, "agreements"),
                        _updater(agreements.agreement_update, "agreements", "agreement"),
                        _archiver(agreements.agreement_archive, "agreement")),
    "meetings": Route(_creator(agreements.meeting_create, "meetings"), _updater(agreements.meeting_update, "meetings", "meeting"),
                      _archiver(agreements.meeting_archive, "meeting")),
    "activities": Route(_creator(activities.activity_create, "activities"), _updater(activities.activity_update, "activities", "activity"),
                        _generic_archive),
}


def route_for(kind_name: str) -> Route | None:
    return ROUTES.get(kind_name)


@transaction.atomic
def workflow_create(*, kind_name: str, user: Any, values: dict[str, Any]) -> models.Model:
    return ROUTES[kind_name].create(user, {k: v for k, v in values.items() if v is not None})


@transaction.atomic
def workflow_change(*, kind_name: str, record: models.Model, user: Any, values: dict[str, Any]) -> models.Model:
    return ROUTES[kind_name].change(user, record, dict(values))


@transaction.atomic
def workflow_archive(*, kind_name: str, record: models.Model, user: Any, reason: str = "") -> models.Model:
    return ROUTES[kind_name].archive(user, record, reason)
