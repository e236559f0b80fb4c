"""Small pieces shared by the workflow services: saving with the acting user in the history, the checks
before a change (role, sight, not archived, row lock), the update loop, archiving, status transitions and
the checks every form field goes through. Private to this package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db.models import Model

from sitroom.access import require_role, require_view
from sitroom.core.records import Sensitivity
from sitroom.errors import ValidationError
from sitroom.reference.models import Organization, Place

from .feeds import indicator_feed_withdraw
from .records import archive_as, save_as, transition, validate_record

# Saving and status moves are the generic helpers of records.py; the workflow modules take them from here.
__all__ = ["archive_as", "save_as", "transition"]

WRITE_ROLE = "analyst"
R = TypeVar("R", bound=Model)


def require_writer(user: Any, action: str) -> None:
    require_role(user, WRITE_ROLE, action)


def locked_for_change(record: R, user: Any, *, action: str, field: str) -> R:
    """`record` read again under a row lock, once the user may write (`action` names the refusal), may
    see it, and it is not archived (the error names `field`)."""
    require_writer(user, action)
    locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
    require_view(user, locked)
    require_active(locked, field)
    return locked


def archive_checked(record: R, user: Any, *, action: str, withdraw_fed_by: Iterable[Model] = (),
                    along: Iterable[Model | None] = ()) -> R:
    """Archive a workflow record once the user may write and see it; the observations fed by
    `withdraw_fed_by` (the record itself, a shelter's daily counts) are withdrawn, the `along` records
    (a meeting's timeline event) archived with it."""
    require_writer(user, action)
    require_view(user, record)
    archive_as(record, user)
    for other in along:
        if other is not None:
            archive_as(other, user)
    for fed in withdraw_fed_by:
        indicator_feed_withdraw(record=fed, user=user)
    return record


def require_active(obj: Model, field: str = "record") -> None:
    if getattr(obj, "archived_at", None) is not None:
        raise ValidationError(f"{obj} is archived and cannot be changed", field=field)


def require_place(value: Any, field: str) -> Place:
    if not isinstance(value, Place):
        raise ValidationError(f"{field} is required", field=field)
    return value


def optional_place(value: Any, field: str) -> Place | None:
    if value is None:
        return None
    if not isinstance(value, Place):
        raise ValidationError(f"{field} must be a place of the gazetteer", field=field)
    return value


def require_org(value: Any, field: str) -> Organization:
    if not isinstance(value, Organization):
        raise ValidationError(f"{field} is required", field=field)
    return value


def optional_org(value: Any, field: str) -> Organization | None:
    if value is None:
        return None
    if not isinstance(value, Organization):
        raise ValidationError(f"{field} must be an organisation of the registry", field=field)
    return value


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
    require_choice(sensitivity, "sensitivity", Sensitivity.values)
    org = submitted_by_org if submitted_by_org is not None else getattr(user, "organization", None)
    return {"sensitivity": sensitivity, "submitted_by_org": org, "joint_monitoring": bool(joint_monitoring)}


# Per field of a record, the check that turns a form or API value into what is stored (raising a
# ValidationError that names the field): one table per record, used by its create and its update service.
Converters = Mapping[str, Callable[[Any], Any]]


def converted(converters: Converters, **values: Any) -> dict[str, Any]:
    """Each value through its field's converter, in the order given (the first bad one is named)."""
    return {name: converters[name](value) for name, value in values.items()}


def apply_changes(record: Model, changes: Mapping[str, Any], converters: Converters, *,
                  what: str) -> dict[str, list[Any]]:
    """Set each changed field through its converter (which validates it). A field with no converter is
    refused before any value is looked at, naming the first such field in alphabetical order ("an
    evacuation has no changeable field 'x'"). Many-to-many values are returned, to be set once the record
    is saved."""
    unknown = sorted(name for name in changes if name not in converters)
    if unknown:
        raise ValidationError(f"{what} has no changeable field {unknown[0]!r}", field=unknown[0])
    many: dict[str, list[Any]] = {}
    for name, value in changes.items():
        converted = converters[name](value)
        if record._meta.get_field(name).many_to_many:
            many[name] = list(converted)
        else:
            setattr(record, name, converted)
    return many


def change_record(record: R, changes: Mapping[str, Any], converters: Converters, *,
                  user: Any, what: str, reason: str = "") -> R:
    """The update every workflow service makes on a record it has locked (locked_for_change): the changes
    through their converters, the model's rules, the save with its history row, then many-to-many links."""
    many = apply_changes(record, changes, converters, what=what)
    validate_record(record)
    save_as(record, user, reason=reason)
    for name, values in many.items():
        getattr(record, name).set(values)
    return record


# Converters of the fields every Record has (sensitivity, submitting organisation, joint monitoring).
RECORD_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "sensitivity": lambda v: require_choice(v, "sensitivity", Sensitivity.values),
    "submitted_by_org": lambda v: optional_org(v, "submitted_by_org"),
    "joint_monitoring": bool,
}
