"""Fixtures for exchange tests: the shipped reference data, users of each access group, a seeded period."""

from __future__ import annotations

import pytest

from exchange.seed import make_user, seed_period
from sitroom.reference.services import reference_load


@pytest.fixture(autouse=True)
def _reference_data(db):
    """The shipped reference data, loaded inside each test's transaction: nothing is left behind for other
    test packages (which load their own)."""
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
