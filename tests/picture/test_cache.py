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
    assert len(queries) == STAMP_QUERIES

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


def test_map_markers_are_not_stored_while_writes_are_recent(monkeypatch):
    # With concurrent writers a write of the last seconds may still be committing (SQLite's serialized
    # writers need no wait: the rule is exercised here whatever the database).
    monkeypatch.setattr(picture_cache, "quiet_seconds", lambda: 5.0)
    user = UserFactory(role="viewer")
    EventFactory().places.add(PlaceFactory(lat=39.75, lon=46.75))
    selectors.map_places(user)
    with CaptureQueriesContext(connection) as queries:
        selectors.map_places(user)
    assert len(queries) > 2  # computed again


# Per-indicator stamps (latest change, changes in the window before it) and the latest move between indicators.
STAMP_QUERIES = 3


def _touch(observation, at):
    """As if the observation had been saved at `at` (a transaction that commits after a later one did)."""
    type(observation).objects.filter(pk=observation.pk).update(updated_at=at)


def test_a_change_to_one_indicator_recomputes_only_its_card(monkeypatch):
    user = UserFactory(role="viewer")
    returned, displaced = IndicatorFactory(code="people.returned"), IndicatorFactory(code="people.displaced")
    ObservationFactory(indicator=returned, value=100, date=dt.date(2020, 11, 20))
    ObservationFactory(indicator=displaced, value=7, date=dt.date(2020, 11, 20))
    assert _values(selectors.headline_figures(user)) == {"people.returned": 100, "people.displaced": 7}

    computed = []
    real = selectors.figures._headline_figures
    monkeypatch.setattr(selectors.figures, "_headline_figures",
                        lambda *a, indicator_ids=None, **kw: computed.append(sorted(indicator_ids)) or real(*a, indicator_ids=indicator_ids, **kw))
    ObservationFactory(indicator=displaced, value=9, date=dt.date(2020, 11, 25))
    assert _values(selectors.headline_figures(user)) == {"people.returned": 100, "people.displaced": 9}
    assert computed == [[displaced.pk]]


def test_a_write_committed_late_inside_the_window_still_changes_the_card():
    user = UserFactory(role="viewer")
    indicator = IndicatorFactory()
    first = ObservationFactory(indicator=indicator, value=100, date=dt.date(2020, 11, 20))
    assert _values(selectors.headline_figures(user)) == {indicator.code: 100}
    # A figure saved two seconds before the latest one, but visible only now (its transaction was slower).
    late = ObservationFactory(indicator=indicator, value=300, date=dt.date(2020, 11, 28))
    _touch(late, first.updated_at - dt.timedelta(seconds=2))
    assert _values(selectors.headline_figures(user)) == {indicator.code: 300}


def test_a_figure_moved_to_another_indicator_leaves_the_old_card():
    user = UserFactory(role="viewer")
    returned, displaced = IndicatorFactory(code="people.returned"), IndicatorFactory(code="people.displaced")
    ObservationFactory(indicator=returned, value=100, date=dt.date(2020, 11, 20))
    moved = ObservationFactory(indicator=returned, value=500, date=dt.date(2020, 11, 25))
    ObservationFactory(indicator=displaced, value=7, date=dt.date(2020, 11, 20))
    assert _values(selectors.headline_figures(user)) == {"people.returned": 500, "people.displaced": 7}
    # Old enough that the window of people.returned's stamp does not see the move by itself.
    _touch(moved, moved.updated_at - dt.timedelta(minutes=5))
    assert _values(selectors.headline_figures(user)) == {"people.returned": 500, "people.displaced": 7}

    moved = type(moved).objects.get(pk=moved.pk)
    moved.indicator = displaced
    moved.date = dt.date(2020, 11, 26)
    moved.save()
    assert moved.indicator_changed_at is not None
    assert _values(selectors.headline_figures(user)) == {"people.returned": 100, "people.displaced": 500}


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
