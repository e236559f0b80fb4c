"""Users, their role and their organisation (which decides what they may see)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"  # reads
    ANALYST = "analyst", "Analyst"  # also reviews claims and enters records
    EDITOR = "editor", "Editor"  # also edits reference data
    ADMIN = "admin", "Administrator"  # everything


ROLE_RANK = {Role.VIEWER: 0, Role.ANALYST: 1, Role.EDITOR: 2, Role.ADMIN: 3}


class User(AbstractUser):
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    organization = models.ForeignKey(
        "reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )

    def has_role(self, role: str) -> bool:
        """True when the user's role is `role` or above it (admin > editor > analyst > viewer)."""
        if self.is_superuser:
            return True
        return ROLE_RANK.get(self.role, -1) >= ROLE_RANK[Role(role)]

    @property
    def can_review(self) -> bool:
        return self.is_active and self.has_role(Role.ANALYST)

    @property
    def can_edit_records(self) -> bool:
        return self.is_active and self.has_role(Role.ANALYST)

    @property
    def can_edit_reference(self) -> bool:
        return self.is_active and self.has_role(Role.EDITOR)

    # Editors manage the reference data (places, organisations, people, indicators) in the Django admin;
    # everything else there stays the admins'.
    EDITOR_ADMIN_APPS = ("reference",)

    def has_perm(self, perm: str, obj=None) -> bool:
        if self.is_active and self.has_role(Role.EDITOR) and perm.split(".", 1)[0] in self.EDITOR_ADMIN_APPS:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_active and self.has_role(Role.EDITOR) and app_label in self.EDITOR_ADMIN_APPS:
            return True
        return super().has_module_perms(app_label)

    def save(self, *args, **kwargs):
        # Django admin access follows the role: editors manage reference data there.
        if self.role in (Role.EDITOR, Role.ADMIN):
            self.is_staff = True
        if self.role == Role.ADMIN:
            self.is_superuser = True
        super().save(*args, **kwargs)
