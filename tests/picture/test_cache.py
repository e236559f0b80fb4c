"""The picture's cache: headline cards and map markers come from it only while nothing they read has changed,
and never cross what a user may see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import (
    EventFactory,
    IndicatorFactory,
    ObservationFactory,
    OrganizationFactory,
    PlaceFactory,
    UserFactory,
)
from sitroom.picture import cache as picture_cache
from sitroom.picture import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def settled(monkeypatch):
    """As if the last write were long enough ago for the cache to store aggregates."""
    monkeypatch.setattr(picture_cache, "quiet_seconds", lambda: 0.0)


def test_sqlite_with_serialized_writers_needs_no_wait(settings):
    from django.db import connection

    expected = 0.0 if connection.vendor == "sqlite" else picture_cache.QUIET_SECONDS
    assert picture_cache.quiet_seconds() == expected


def _values(cards):
    return {c.indicator.code: c.headline.value if c.headline else None for c in cards}


def test_headline_cards_are_reused_until_an_observation_changes(settled):
    user = UserFactory(role="viewer")
    indicator = IndicatorFactory()
    ObservationFactory(indicator=indicator, value=100, date=dt.date(2020, 11, 20))
    assert _values(selectors.headline_figures(user)) == {indicator.code: 100}
    with CaptureQueriesContext(connection) as queries:
        assert _values(selectors.headline_figures(user)) == {indicator.code: 100}
    assert len(queries) == 1  # the data stamp only

    newer = ObservationFactory(indicator=indicator, value=250, date=dt.date(2020, 11, 25))
    assert _values(selectors.headline_figures(user)) == {indicator.code: 250}
    newer.archived_at = newer.updated_at + dt.timedelta(seconds=1)
    newer.save()  # archiving is a save: the stamp moves and the archived figure leaves the card
    assert _values(selectors.headline_figures(user)) == {indicator.code: 100}


def test_cached_cards_never_cross_access_groups(settled):
    indicator = IndicatorFactory()
    ObservationFactory(indicator=indicator, value=100, sensitivity="partners", date=dt.date(2020, 11, 20))
    ObservationFactory(indicator=indicator, value=999, sensitivity="internal", date=dt.date(2020, 11, 22))
    staff = UserFactory(role="viewer")  # operation
    partner = UserFactory(role="viewer", organization=OrganizationFactory(access_group="partner"))
    assert _values(selectors.headline_figures(staff)) == {indicator.code: 999}
    assert _values(selectors.headline_figures(partner)) == {indicator.code: 100}
    assert _values(selectors.headline_figures(staff)) == {indicator.code: 999}


def test_nothing_is_stored_while_writes_are_recent(monkeypatch):
    # With concurrent writers a write of the last seconds may still be committing (SQLite's serialized
    # writers need no wait: the rule is exercised here whatever the database).
    monkeypatch.setattr(picture_cache, "quiet_seconds", lambda: 5.0)
    user = UserFactory(role="viewer")
    ObservationFactory(value=100)
    selectors.headline_figures(user)
    with CaptureQueriesContext(connection) as queries:
        selectors.headline_figures(user)
    assert len(queries) > 1  # computed again


def test_cache_can_be_turned_off(settled, settings):
    settings.SITROOM_PICTURE_CACHE_SECONDS = 0
    user = UserFactory(role="viewer")
    ObservationFactory(value=100)
    selectors.headline_figures(user)
    with CaptureQueriesContext(connection) as queries:
        selectors.headline_figures(user)
    assert len(queries) > 1


def test_map_markers_follow_new_events_and_filters(settled):
    user = UserFactory(role="viewer")
    place = PlaceFactory(lat=39.75, lon=46.75)
    EventFactory().places.add(place)

    def events_at_place(**kw):
        return next(m["events"] for m in selectors.map_places(user, **kw) if m["id"] == place.pk)

    assert events_at_place() == 1
    assert events_at_place() == 1
    EventFactory().places.add(place)  # a new event row moves the stamp
    assert events_at_place() == 2
    assert [m["events"] for m in selectors.map_places(user, only_active=True)] == [2]
