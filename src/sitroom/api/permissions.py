"""API permissions: every call needs a signed-in user; writes need the role sitroom.access asks for
(analyst for records, editor for reference data). Visibility is applied by the querysets themselves."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission


class KindWriteRole(BasePermission):
    message = "Changing these records needs a higher role."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.method in SAFE_METHODS:
            return True
        kind = getattr(view, "kind", None)
        role = "editor" if kind is not None and kind.reference else "analyst"
        if not user.has_role(role):
            self.message = f"{request.method} on {kind.name if kind else 'this endpoint'} needs the {role} role"
            return False
        return True


class AnalystRole(BasePermission):
    message = "This action needs the analyst role."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.has_role("analyst"))
