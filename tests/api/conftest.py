"""Fixtures for exchange tests: the shipped reference data, users of each access group, a seeded period."""

from __future__ import annotations

import pytest

from exchange.seed import make_user, seed_period
from sitroom.reference.models import Indicator, Organization, Person, Place
from sitroom.reference.services import reference_load


@pytest.fixture(scope="package", autouse=True)
def _reference_data(django_db_setup, django_db_blocker):
    """The shipped reference data for the API tests only: loaded when the package starts, removed when it
    ends, so that other areas' fixtures (which bulk-load their own copy) find an empty registry."""
    with django_db_blocker.unblock():
        loaded_here = not Place.objects.exists()
        reference_load()
    yield
    if loaded_here:
        with django_db_blocker.unblock():
            Person.objects.all().delete()
            Indicator.objects.all().delete()
            Organization.objects.update(parent=None)
            Organization.objects.all().delete()
            Place.objects.update(parent=None)
            Place.objects.all().delete()


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
