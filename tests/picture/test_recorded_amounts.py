"""Reported figures (what a source stated, often running totals) and amounts recorded by the operation's
own records (one return movement, one shelter's daily count) never mix in the picture: headlines, series,
disputes and the cumulative check use reported figures only; recorded amounts are totalled apart."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from factories import ObservationFactory, PlaceFactory, SourceFactory
from sitroom.operations.services.people import (
    return_movement_create,
    shelter_create,
    shelter_record_occupancy,
)
from sitroom.picture import selectors
from sitroom.picture.filters import PictureFilter
from sitroom.reference.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def town(db):
    return PlaceFactory(key="test-chartar", name="Chartar")


@pytest.fixture
def analyst(user_of):
    return user_of("analyst")


def _returns(analyst, town, sizes, start=dt.date(2020, 12, 1)):
    return [return_movement_create(user=analyst, destination=town, date=start + dt.timedelta(days=i), people=n)
            for i, n in enumerate(sizes)]


def _card(cards, code):
    return next(c for c in cards if c.indicator.code == code)


def test_return_movements_never_make_a_dispute_or_a_cumulative_decrease(indicators, analyst, town):
    source = SourceFactory(outlet="Response centre")
    ObservationFactory(indicator=indicators["people.returned"], value=42000, date=dt.date(2020, 12, 2), place=town, source=source)
    _returns(analyst, town, [309, 245, 410, 120])

    rec = selectors.reconciliation(analyst, indicators["people.returned"])
    points = [p for group in rec.by_place for p in group.result.points]
    assert [p.value for p in points] == [42000]
    assert rec.disputed_count == 0 and rec.flagged_count == 0
    assert [r.recorded.total for r in rec.recorded] == [309 + 245 + 410 + 120]

    card = _card(selectors.headline_figures(analyst), "people.returned")
    assert card.headline.value == 42000 and card.headline.sources == 1
    assert card.flags == []
    assert all(v == 42000 for _, v in card.sparkline)
    series = selectors.indicator_series(analyst, indicators["people.returned"])
    assert [p.value for p in series] == [42000]


def test_recorded_total_is_the_sum_of_the_records_in_the_period(indicators, analyst, town):
    sizes = [245, 309, 1000, 17, 88]
    _returns(analyst, town, sizes)
    card = _card(selectors.headline_figures(analyst), "people.returned")
    assert card.headline is None  # no source reported a figure: nothing to put on the headline
    assert card.recorded.total == sum(sizes) and card.recorded.records == len(sizes) and not card.recorded.level
    assert card.recorded.first == dt.date(2020, 12, 1) and card.recorded.last == dt.date(2020, 12, 5)

    period = PictureFilter(date_from=dt.date(2020, 12, 2), date_to=dt.date(2020, 12, 4))
    card = _card(selectors.headline_figures(analyst, period), "people.returned")
    assert card.recorded.total == 309 + 1000 + 17 and card.recorded.records == 3


def test_shelter_total_is_the_latest_count_per_place(indicators, analyst, town):
    other = PlaceFactory(key="test-martuni", name="Martuni")
    a = shelter_create(user=analyst, name="School 1", place=town, capacity=500)
    b = shelter_create(user=analyst, name="Hostel", place=other, capacity=500)
    for day, n in [(1, 300), (2, 320), (3, 280)]:
        shelter_record_occupancy(user=analyst, shelter=a, date=dt.date(2020, 12, day), occupancy=n)
    for day, n in [(1, 90), (4, 110)]:
        shelter_record_occupancy(user=analyst, shelter=b, date=dt.date(2020, 12, day), occupancy=n)

    card = _card(selectors.headline_figures(analyst), "people.sheltered")
    assert card.recorded.level
    assert card.recorded.total == 280 + 110  # not 300 + 320 + 280 + 90 + 110
    assert card.recorded.records == 5 and card.recorded.places == 2

    until = PictureFilter(date_to=dt.date(2020, 12, 2))
    card = _card(selectors.headline_figures(analyst, until), "people.sheltered")
    assert card.recorded.total == 320 + 90

    rec = selectors.reconciliation(analyst, indicators["people.sheltered"])
    assert {r.place_name: r.recorded.total for r in rec.recorded} == {"Chartar": 280, "Martuni": 110}
    assert rec.by_place == []


def test_headline_without_a_place_filter_prefers_the_widest_area(indicators, analyst, town):
    region = Place.objects.filter(key="nagorno-karabakh").first() or PlaceFactory(key="nagorno-karabakh", name="Nagorno-Karabakh")
    region.parent = None
    region.save()
    town.parent = region
    town.save()
    ret = indicators["people.returned"]
    ObservationFactory(indicator=ret, value=42000, date=dt.date(2020, 12, 1), place=region, source=SourceFactory(outlet="Centre"))
    ObservationFactory(indicator=ret, value=900, date=dt.date(2020, 12, 5), place=town, source=SourceFactory(outlet="Local"))

    card = _card(selectors.headline_figures(analyst), "people.returned")
    assert card.headline.value == 42000 and card.place_name == "Nagorno-Karabakh"

    in_town = PictureFilter(place=town, place_ids=(town.pk,))
    card = _card(selectors.headline_figures(analyst, in_town), "people.returned")
    assert card.headline.value == 900 and card.place_name == "Chartar"


def test_headline_falls_back_to_the_latest_figure_of_any_place(indicators, analyst, town):
    ObservationFactory(indicator=indicators["people.returned"], value=900, date=dt.date(2020, 12, 5), place=town,
                       source=SourceFactory(outlet="Local"))
    card = _card(selectors.headline_figures(analyst), "people.returned")
    assert card.headline.value == 900 and card.place_name == "Chartar"


def test_a_new_record_changes_the_cached_recorded_total(indicators, analyst, town, monkeypatch):
    from sitroom.picture import cache as picture_cache

    monkeypatch.setattr(picture_cache, "quiet_seconds", lambda: 0.0)
    _returns(analyst, town, [100])
    assert _card(selectors.headline_figures(analyst), "people.returned").recorded.total == 100
    return_movement_create(user=analyst, destination=town, date=dt.date(2020, 12, 9), people=50)
    assert _card(selectors.headline_figures(analyst), "people.returned").recorded.total == 150
