import pytest

from sitroom.accounts.models import Role
from sitroom.accounts.services import user_create, user_set_role
from sitroom.errors import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "review", "records", "reference", "staff"),
    [
        ("viewer", False, False, False, False),
        ("analyst", True, True, False, False),
        ("editor", True, True, True, True),
        ("admin", True, True, True, True),
    ],
)
def test_each_role_can_do_what_it_should(role, review, records, reference, staff):
    user = user_create(username=f"u-{role}", role=role, password="a long passphrase 1")
    assert (user.can_review, user.can_edit_records, user.can_edit_reference, user.is_staff) == (review, records, reference, staff)


def test_roles_are_ordered():
    user = user_create(username="ed", role=Role.EDITOR, password="a long passphrase 1")
    assert user.has_role("viewer") and user.has_role("analyst") and user.has_role("editor")
    assert not user.has_role("admin")


def test_an_unknown_role_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as exc:
        user_create(username="x", role="general", password="a long passphrase 1")
    assert exc.value.field == "role"


def test_a_weak_password_is_refused():
    with pytest.raises(ValidationError, match="password"):
        user_create(username="x", role="viewer", password="123")


def test_a_duplicate_username_is_refused():
    user_create(username="same", role="viewer", password="a long passphrase 1")
    with pytest.raises(ValidationError, match="already exists"):
        user_create(username="same", role="viewer", password="a long passphrase 1")


def test_demoting_an_admin_removes_admin_rights():
    user = user_create(username="boss", role="admin", password="a long passphrase 1")
    assert user.is_superuser
    user_set_role(user=user, role="viewer")
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff and not user.can_review
