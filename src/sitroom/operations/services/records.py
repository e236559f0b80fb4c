"""What every operational record's writes share: who did it (history user and reason), archiving
instead of deleting, generic updates with validation, and status transitions by a table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils import timezone

from sitroom.access import require_role, require_view
from sitroom.core.records import Record, Sensitivity
from sitroom.errors import ValidationError

# Fields no generic update may touch: identity, audit columns, archiving (has its own service).
PROTECTED_FIELDS = {"id", "pk", "created_at", "created_by", "updated_at", "archived_at", "archived_by"}

# Per model, the rule checks a generic update runs before saving (registered by each module's services).
_RULES: dict[type[models.Model], list[Callable[[Any], None]]] = {}
# Per model and status field, the legal moves.
_TRANSITIONS: dict[tuple[type[models.Model], str], Mapping[str, set[str]]] = {}


def register_rules(model: type[models.Model], check: Callable[[Any], None]) -> None:
    """Run `check(record)` (raising ValidationError) whenever a record of `model` is saved by a service."""
    checks = _RULES.setdefault(model, [])
    if check not in checks:
        checks.append(check)


def register_transitions(model: type[models.Model], field: str, table: Mapping[str, set[str]]) -> None:
    """Generic updates of `field` must follow `table` (current value -> allowed next values)."""
    _TRANSITIONS[(model, field)] = table


def with_history(record: models.Model, user: Any, reason: str = "") -> models.Model:
    """Mark who makes the next save and why, for the history table."""
    record._history_user = user if getattr(user, "pk", None) else None
    if reason:
        record._change_reason = reason
    return record


def save_as(obj: models.Model, user: Any, *, update_fields: Iterable[str] | None = None, reason: str = "") -> models.Model:
    """Save `obj` so that its history row names `user` (and `reason`); a new Record also gets created_by."""
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


def archive_as(obj: models.Model, user: Any, reason: str = "") -> models.Model:
    """Archive a Record (never delete); archiving twice keeps the first time."""
    if getattr(obj, "archived_at", None) is None:
        obj.archived_at = timezone.now()
        obj.archived_by = user
        save_as(obj, user, update_fields=["archived_at", "archived_by"], reason=reason or "archived")
    return obj


def transition(record: models.Model, field: str, new: str, table: Mapping[str, set[str]]) -> None:
    """Set `record.<field>` to `new` if the table allows the move; staying put is always allowed."""
    old = getattr(record, field)
    if old == new:
        return
    name = record._meta.verbose_name
    if new not in table:
        raise ValidationError(f"Unknown {field} {new!r} for {name}; expected one of {', '.join(map(str, table))}", field=field)
    if new not in table.get(old, set()):
        allowed = ", ".join(sorted(map(str, table.get(old, set())))) or "none (final)"
        raise ValidationError(f"Cannot move {name} from {old} to {new} (allowed from {old}: {allowed})", field=field)
    setattr(record, field, new)


def check_sensitivity(value: str) -> None:
    if value not in Sensitivity.values:
        raise ValidationError(f"Unknown sensitivity {value!r}; expected one of {', '.join(Sensitivity.values)}", field="sensitivity")


def validate_record(record: models.Model, *, exclude: list[str] | None = None) -> None:
    """The model's rule checks, then Django's field and constraint checks, as one sitroom error naming
    the field."""
    _load_rules()
    if isinstance(record, Record):
        check_sensitivity(record.sensitivity)
    for check in _RULES.get(type(record), []):
        check(record)
    try:
        record.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        raise as_sitroom_error(exc) from exc


def _load_rules() -> None:
    # The modules register their rules when imported; a generic update must not depend on import order.
    from . import events, observations  # noqa: F401

    if not _TRANSITIONS:
        from sitroom.operations.models import Consignment, ReconstructionObject
        from sitroom.operations.models.aid import CONSIGNMENT_TRANSITIONS
        from sitroom.operations.models.places import RESTORATION_TRANSITIONS

        register_transitions(Consignment, "status", CONSIGNMENT_TRANSITIONS)
        register_transitions(ReconstructionObject, "status", RESTORATION_TRANSITIONS)


def as_sitroom_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        message = " ".join(m for e in errors for m in e.messages)
        if field == "__all__":
            return ValidationError(message)
        return ValidationError(f"{field}: {message}", field=field)
    return ValidationError(" ".join(exc.messages))


@transaction.atomic
def record_update(*, record: Record, user: Any, reason: str = "", **fields: Any) -> Record:
    """Change fields of a record after checking them (field names, the model's rules, status moves)."""
    require_role(user, "analyst", f"Changing a {record._meta.verbose_name}")
    require_view(user, record)
    if record.is_archived:
        raise ValidationError(f"This {record._meta.verbose_name} is archived; restore it before changing it", field="archived_at")
    _load_rules()
    model = type(record)
    concrete = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    m2m: dict[str, Any] = {}
    for name, value in fields.items():
        if name in PROTECTED_FIELDS:
            raise ValidationError(f"{name} cannot be changed here", field=name)
        f = concrete.get(name)
        if f is None:
            raise ValidationError(f"{model.__name__} has no field {name!r}", field=name)
        if f.many_to_many:
            m2m[name] = value
            continue
        table = _TRANSITIONS.get((model, name))
        if table is not None:
            transition(record, name, value, table)
        else:
            setattr(record, name, value)
    validate_record(record)
    save_as(record, user, reason=reason or "updated")
    for name, value in m2m.items():
        getattr(record, name).set(value)
    return record


@transaction.atomic
def record_archive(*, record: Record, user: Any, reason: str = "") -> Record:
    """Archive a record (records are never deleted); archiving an archived record changes nothing."""
    require_role(user, "analyst", f"Archiving a {record._meta.verbose_name}")
    require_view(user, record)
    return archive_as(record, user, reason)


@transaction.atomic
def record_restore(*, record: Record, user: Any, reason: str = "") -> Record:
    """Bring an archived record back."""
    require_role(user, "analyst", f"Restoring a {record._meta.verbose_name}")
    require_view(user, record)
    if not record.is_archived:
        return record
    record.archived_at = None
    record.archived_by = None
    with_history(record, user, reason or "restored")
    record.save(update_fields=["archived_at", "archived_by", "updated_at"])
    return record
