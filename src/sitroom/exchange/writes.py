"""Writes used by the API and the bulk import. Workflow records (observations, events and incidents,
consignments, shelters, ...) go through the same services as the web pages (exchange.workflows); other
kinds (reference data) through a generic create that validates the whole record (full_clean, constraints
included) before saving."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction

from sitroom.access import require_role
from sitroom.errors import ValidationError
from sitroom.operations.services import records

from .kinds import Kind
from .workflows import route_for, workflow_archive, workflow_change, workflow_create


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


def validate_record(instance: models.Model) -> None:
    if kind_is_operational(instance):
        records.validate_record(instance)
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
        # Workflow records (every operational kind): the same service the web page calls (indicators fed,
        # rules, history).
        return workflow_create(kind_name=kind.name, user=user, values={**data, **many})
    if kind.is_record:
        data.setdefault("created_by", user)
        if getattr(user, "organization_id", None) and not data.get("submitted_by_org"):
            # A party's submission stays visible to that party (sitroom.access).
            data["submitted_by_org"] = user.organization
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
    if kind.is_record:
        return records.record_update(record=record, user=user, **fields, **(many or {}))
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
    return records.record_archive(record=record, user=user, reason=reason)
