"""Small pieces shared by the workflow services: saving with the acting user in the history, archiving,
status transitions and the checks every form field goes through. Private to this package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db.models import Model
from django.utils import timezone

from sitroom.access import require_role
from sitroom.errors import ValidationError

from .records import transition, with_history

__all__ = ["transition"]  # status moves follow the generic table-driven helper of records.py

WRITE_ROLE = "analyst"


def require_writer(user: Any, action: str) -> None:
    require_role(user, WRITE_ROLE, action)


def save_as(obj: Model, user: Any, *, update_fields: Iterable[str] | None = None, reason: str = "") -> Model:
    """Save `obj` so that its history row names `user` (records.with_history); a new Record also gets
    created_by."""
    with_history(obj, user, reason)
    if obj.pk is None and hasattr(obj, "created_by_id") and obj.created_by_id is None and user is not None:
        obj.created_by = user
    if update_fields is not None:
        fields = set(update_fields)
        if hasattr(obj, "updated_at"):
            fields.add("updated_at")
        obj.save(update_fields=sorted(fields))
    else:
        obj.save()
    return obj


def archive_as(obj: Model, user: Any) -> Model:
    """Archive a Record (never delete); archiving twice keeps the first time."""
    if getattr(obj, "archived_at", None) is None:
        obj.archived_at = timezone.now()
        obj.archived_by = user
        save_as(obj, user, update_fields=["archived_at", "archived_by"], reason="archived")
    return obj


def require_active(obj: Model, field: str = "record") -> None:
    if getattr(obj, "archived_at", None) is not None:
        raise ValidationError(f"{obj} is archived and cannot be changed", field=field)


def require_text(value: Any, field: str, *, max_length: int | None = None) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise ValidationError(f"{field} must be text", field=field)
    if not text:
        raise ValidationError(f"{field} is required", field=field)
    if max_length is not None and len(text) > max_length:
        raise ValidationError(f"{field} is longer than {max_length} characters", field=field)
    return text


def optional_text(value: Any, field: str, *, max_length: int | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be text", field=field)
    text = value.strip()
    if max_length is not None and len(text) > max_length:
        raise ValidationError(f"{field} is longer than {max_length} characters", field=field)
    return text


def require_date(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        raise ValidationError(f"{field} {value!r} is not a date (YYYY-MM-DD)", field=field)
    raise ValidationError(f"{field} is required", field=field)


def optional_date(value: Any, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    return require_date(value, field)


def require_count(value: Any, field: str, *, minimum: int = 0) -> int:
    """A whole number of people/items/units, at least `minimum`."""
    if isinstance(value, bool):
        raise ValidationError(f"{field} must be a whole number", field=field)
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{field} must be a whole number, got {value!r}", field=field) from None
    if number != int(number):
        raise ValidationError(f"{field} must be a whole number, got {value!r}", field=field)
    if int(number) < minimum:
        raise ValidationError(f"{field} must be at least {minimum}, got {int(number)}", field=field)
    return int(number)


def require_amount(value: Any, field: str, *, allow_none: bool = False) -> float | None:
    """A non-negative quantity (tons, m2...)."""
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError(f"{field} is required", field=field)
    if isinstance(value, bool):
        raise ValidationError(f"{field} must be a number", field=field)
    if isinstance(value, str):
        value = value.strip().replace(",", ".").replace(" ", "")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{field} must be a number, got {value!r}", field=field) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError(f"{field} must be a finite number", field=field)
    if number < 0:
        raise ValidationError(f"{field} cannot be negative, got {number:g}", field=field)
    return number


def require_choice(value: Any, field: str, choices: Iterable[str]) -> str:
    options = [str(c) for c in choices]
    if value not in options:
        raise ValidationError(f"{field} {value!r} is not one of: {', '.join(options)}", field=field)
    return str(value)


def record_defaults(*, sensitivity: str, submitted_by_org: Any, joint_monitoring: bool, user: Any) -> dict[str, Any]:
    """The Record fields every create service takes; the submitting organisation defaults to the user's."""
    require_choice(sensitivity, "sensitivity", ["public", "partners", "internal"])
    org = submitted_by_org if submitted_by_org is not None else getattr(user, "organization", None)
    return {"sensitivity": sensitivity, "submitted_by_org": org, "joint_monitoring": bool(joint_monitoring)}


def apply_changes(record: Model, changes: Mapping[str, Any], converters: Mapping[str, Callable[[Any], Any]], *,
                  what: str) -> None:
    """Set each changed field through its converter (which validates it); a field with no converter is
    refused, naming it ("an evacuation has no changeable field 'x'")."""
    for name, value in changes.items():
        if name not in converters:
            raise ValidationError(f"{what} has no changeable field {name!r}", field=name)
        setattr(record, name, converters[name](value))
