"""Writes to user accounts."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from sitroom.errors import ValidationError

from .models import Role, User


@transaction.atomic
def user_create(*, username: str, role: str, password: str, organization=None, email: str = "", check_password: bool = True) -> User:
    """Create a user with a role (viewer, analyst, editor, admin). Refuses an existing name, an unknown
    role or a weak password with a message naming the field."""
    username = (username or "").strip()
    if not username:
        raise ValidationError("username must not be empty", field="username")
    if role not in Role.values:
        raise ValidationError(f"role must be one of {', '.join(Role.values)}, not {role!r}", field="role")
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"a user named {username!r} already exists", field="username")
    user = User(username=username, role=role, organization=organization, email=email)
    if check_password:
        try:
            validate_password(password, user)
        except DjangoValidationError as exc:
            raise ValidationError("password: " + " ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    if role not in Role.values:
        raise ValidationError(f"role must be one of {', '.join(Role.values)}, not {role!r}", field="role")
    user.role = role
    if role not in (Role.EDITOR, Role.ADMIN):
        user.is_staff = False
    if role != Role.ADMIN:
        user.is_superuser = False
    user.save()
    return user
