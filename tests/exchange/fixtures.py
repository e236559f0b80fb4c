"""Fixtures shared by the exchange and API tests: the shipped reference data, users of each access group,
a seeded period. Each conftest imports them, so both packages use one definition."""

from __future__ import annotations

import pytest

from sitroom.reference.services import reference_load

from .seed import make_user, seed_period


@pytest.fixture(autouse=True)
def reference_data(db):
    """The shipped reference data, loaded inside each test's transaction so that it leaves nothing behind
    for other test packages (which load their own)."""
    reference_load()


@pytest.fixture
def analyst(db):
    return make_user("op-analyst", "analyst", "ihrc")


@pytest.fixture
def editor(db):
    return make_user("op-editor", "editor", "ihrc")


@pytest.fixture
def viewer(db):
    return make_user("op-viewer", "viewer", "ihrc")


@pytest.fixture
def partner(db):
    return make_user("partner-analyst", "analyst", "unhcr")


@pytest.fixture
def seeded(db):
    return seed_period()
