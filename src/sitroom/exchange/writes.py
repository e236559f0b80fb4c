"""Writes used by the API and the bulk import. Workflow records (observations, events and incidents,
consignments, shelters, ...) go through the same services as the web pages (exchange.workflows); other
kinds (reference data) through a generic create that validates the whole record (full_clean, constraints
included) before saving."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils import timezone

from sitroom.access import require_role
from sitroom.errors import ValidationError

from .kinds import Kind
from .workflows import route_for, workflow_archive, workflow_change, workflow_create


def _service(module: str, name: str):
    """An agreed service by name, or None while its owner has not written it yet."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def django_error_to_sitroom(exc: DjangoValidationError) -> ValidationError:
    """The first problem of a Django validation error, naming its field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = None if field == "__all__" else field
            message = "; ".join(errors)
            return ValidationError(f"{name}: {message}" if name else message, field=name)
    return ValidationError("; ".join(exc.messages))


def require_write(kind: Kind, user: Any, action: str) -> None:
    require_role(user, "editor" if kind.reference else "analyst", action)


def _call_with_known(func, **kwargs):
    """Call a service with the keyword arguments it declares (others are set on the record after)."""
    params = inspect.signature(func).parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return func(**kwargs), {}
    known = {k: v for k, v in kwargs.items() if k in params}
    return func(**known), {k: v for k, v in kwargs.items() if k not in params}


def validate_record(instance: models.Model) -> None:
    check = _service("sitroom.operations.services.records", "validate_record") if kind_is_operational(instance) else None
    if check is not None:
        check(instance)
        return
    try:
        instance.full_clean()
    except DjangoValidationError as exc:
        raise django_error_to_sitroom(exc) from exc


def kind_is_operational(instance: models.Model) -> bool:
    return instance._meta.app_label == "operations"


@transaction.atomic
def record_create(*, kind: Kind, user: Any, data: dict[str, Any], many: dict[str, list] | None = None) -> models.Model:
    """Create one record of `kind` from field values (model instances for foreign keys)."""
    require_write(kind, user, f"Adding {kind.label}")
    model = kind.model
    data = {k: v for k, v in data.items() if v is not None}
    many = dict(many or {})
    if route_for(kind.name) is not None:
        # Workflow records: the same service the web page calls (indicators fed, rules, history).
        return workflow_create(kind_name=kind.name, user=user, values={**data, **many})
    if kind.is_record:
        data.setdefault("created_by", user)
        if getattr(user, "organization_id", None) and not data.get("submitted_by_org"):
            # A party's submission stays visible to that party (sitroom.access).
            data["submitted_by_org"] = user.organization
    service = {"observations": ("sitroom.operations.services.observations", "observation_create"),
               "events": ("sitroom.operations.services.events", "event_create")}.get(kind.name)
    create = _service(*service) if service else None
    if create is not None:
        kwargs = {k: v for k, v in data.items() if k != "created_by"}
        kwargs.update(many)
        instance, rest = _call_with_known(create, user=user, **kwargs)
        rest = {k: v for k, v in rest.items() if k not in many}
        if rest:
            for key, value in rest.items():
                setattr(instance, key, value)
            validate_record(instance)
            instance.save()
        return instance
    instance = model(**data)
    validate_record(instance)
    instance._history_user = user if getattr(user, "pk", None) else None
    instance.save()
    for name, values in many.items():
        getattr(instance, name).set(values)
    return instance


@transaction.atomic
def record_change(*, kind: Kind, record: models.Model, user: Any, fields: dict[str, Any],
                  many: dict[str, list] | None = None) -> models.Model:
    require_write(kind, user, f"Changing {kind.label}")
    if route_for(kind.name) is not None:
        return workflow_change(kind_name=kind.name, record=record, user=user, values={**fields, **(many or {})})
    update = _service("sitroom.operations.services.records", "record_update") if kind.is_record else None
    if update is not None:
        return update(record=record, user=user, **fields, **(many or {}))
    for key, value in fields.items():
        setattr(record, key, value)
    validate_record(record)
    record._history_user = user if getattr(user, "pk", None) else None
    record.save()
    for name, values in (many or {}).items():
        getattr(record, name).set(values)
    return record


@transaction.atomic
def record_remove(*, kind: Kind, record: models.Model, user: Any, reason: str = "") -> models.Model:
    """Records are archived, never deleted; reference data is not removed through the API."""
    require_write(kind, user, f"Archiving {kind.label}")
    if not kind.is_record:
        raise ValidationError(f"{kind.label} are reference data: they are not deleted")
    if route_for(kind.name) is not None:
        return workflow_archive(kind_name=kind.name, record=record, user=user, reason=reason)
    archive = _service("sitroom.operations.services.records", "record_archive")
    if archive is not None:
        return archive(record=record, user=user, reason=reason)
    if record.archived_at is None:
        record.archived_at = timezone.now()
        record.archived_by = user
        if reason:
            record._change_reason = reason
        record.save()
    return record
