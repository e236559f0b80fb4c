"""Who may see and do what — the one place the rule lives. Pages, exports, sitreps and the API all call it.

Visibility of a record (its `sensitivity`, `submitted_by_org`, `joint_monitoring`) by the viewer's
organisation's access group:
- the operation's own staff (and users with no organisation who are admins) see everything;
- partners see public and partner records;
- a party to the conflict sees public records, joint-monitoring records, and its own submissions —
  never another party's internal notes;
- anyone else (public access group) sees public records only.
Roles decide actions: viewer reads; analyst reviews claims and enters records; editor also edits
reference data; admin everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet

from sitroom.errors import PermissionDenied

OPERATION, PARTNER, PARTY, PUBLIC = "operation", "partner", "party", "public"


def access_group(user: Any) -> str:
    """The user's access group: from their organisation; admins without one count as the operation's staff.
    An admin of a partner or a party sees what their organisation sees: the role decides actions, never
    visibility."""
    if user is None or not getattr(user, "is_authenticated", False):
        return PUBLIC
    org = getattr(user, "organization", None)
    if org is not None:
        return org.access_group
    return OPERATION if user.is_superuser else PUBLIC


def visibility_q(user: Any, *, prefix: str = "") -> Q | None:
    """A filter for records the user may see (None means everything)."""
    group = access_group(user)
    if group == OPERATION:
        return None
    f = lambda name: f"{prefix}{name}"  # noqa: E731
    if group == PARTNER:
        return Q(**{f("sensitivity__in"): ["public", "partners"]})
    if group == PARTY:
        q = Q(**{f("sensitivity"): "public"}) | Q(**{f("joint_monitoring"): True})
        if user.organization_id:
            q |= Q(**{f("submitted_by_org_id"): user.organization_id})
        return q
    return Q(**{f("sensitivity"): "public"})


def visible(queryset: QuerySet, user: Any) -> QuerySet:
    """The part of `queryset` the user may see (models with sensitivity fields)."""
    q = visibility_q(user)
    return queryset if q is None else queryset.filter(q)


def can_view(user: Any, obj: Model) -> bool:
    q = visibility_q(user)
    if q is None:
        return True
    return type(obj)._default_manager.filter(q, pk=obj.pk).exists()


def can_see_note(user: Any, *, note_org_id: int | None, internal: bool) -> bool:
    """A party's internal note (e.g. its position on an incident) is seen by its own members and the
    operation's staff only."""
    if not internal:
        return True
    group = access_group(user)
    return group == OPERATION or (note_org_id is not None and getattr(user, "organization_id", None) == note_org_id)


def require_view(user: Any, obj: Model) -> None:
    if not can_view(user, obj):
        # Same answer as a missing record: do not confirm that a hidden record exists.
        from sitroom.errors import NotFound

        raise NotFound(f"No {type(obj)._meta.verbose_name} with id {obj.pk}")


def require_role(user: Any, role: str, action: str) -> None:
    """Refuse `action` unless the user has `role` or above."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_role(role):
        raise PermissionDenied(f"{action} needs the {role} role")
