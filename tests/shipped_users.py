"""Users of the shipped organisations (data/organizations.json), one per kind the workflow, exchange and
API tests need, defined once. A package's conftest imports the fixtures it wants and provides a
`reference` fixture that loads the shipped reference data (each package loads it its own way)."""

from __future__ import annotations

import pytest

from sitroom.accounts.models import User
from sitroom.reference.models import Organization

PASSWORD = "x-long-password"


def make_user(username: str, role: str, org_key: str | None) -> User:
    """A user of the shipped organisation `org_key` (None: of no organisation), password PASSWORD."""
    org = Organization.objects.get(key=org_key) if org_key else None
    return User.objects.create_user(username=username, password=PASSWORD, role=role, organization=org)


@pytest.fixture
def analyst(reference):
    """An analyst of the operation (the response centre): sees everything."""
    return make_user("op-analyst", "analyst", "ihrc")


@pytest.fixture
def editor(reference):
    return make_user("op-editor", "editor", "ihrc")


@pytest.fixture
def viewer(reference):
    return make_user("op-viewer", "viewer", "ihrc")


@pytest.fixture
def partner(reference):
    """An analyst of a partner agency: sees public and partners records, and its own."""
    return make_user("partner-analyst", "analyst", "unhcr")


@pytest.fixture
def party_am(reference):
    return make_user("party-am", "analyst", "am-government")


@pytest.fixture
def party_az(reference):
    return make_user("party-az", "analyst", "az-government")
