"""Fixtures shared by the exchange and API tests: the shipped reference data, users of each access group
(shipped_users), a seeded period. Each conftest imports them, so both packages use one definition."""

from __future__ import annotations

import pytest

from shipped_users import analyst, editor, partner, viewer  # noqa: F401
from sitroom.reference.services import reference_load

from .seed import seed_period


@pytest.fixture(autouse=True)
def reference(db):
    """The shipped reference data, loaded inside each test's transaction so that it leaves nothing behind
    for other test packages (which load their own)."""
    reference_load()


@pytest.fixture
def seeded(db):
    return seed_period()
