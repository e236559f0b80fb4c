"""A small operation for the page tests: places, sources with claims, figures from two outlets that
disagree, events, an activity; and a logged-in client per role."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import ClaimFactory, EventFactory, ObservationFactory, PlaceFactory, SourceFactory
from sitroom.operations.models import Activity

ROLES = ("viewer", "analyst", "editor", "admin")


@pytest.fixture
def world(indicators, orgs):
    shusha = PlaceFactory(key="test-town-a", name="Town A", lat=39.76, lon=46.75)
    lachin = PlaceFactory(key="test-town-b", name="Town B", lat=39.63, lon=46.54)
    s1 = SourceFactory(text="The centre said 53,000 people returned to Town A by 26 November.", outlet="Outlet One",
                       published=dt.date(2020, 11, 26))
    s2 = SourceFactory(text="About 50,000 people have returned to Town A, the ministry said.", outlet="Outlet Two",
                       published=dt.date(2020, 11, 27))
    c1 = ClaimFactory(source=s1, fragment="53,000 people returned", status="accepted",
                      payload={"value": 53000, "unit": "people", "indicator": "people.returned", "date_of_fact": "2020-11-26", "place": "Town A"})
    c2 = ClaimFactory(source=s2, fragment="50,000 people have returned",
                      payload={"value": 50000, "unit": "people", "indicator": "people.returned", "date_of_fact": "2020-11-27", "place": "Town A"})
    ret = indicators["people.returned"]
    o1 = ObservationFactory(indicator=ret, value=53000, date=dt.date(2020, 11, 26), place=shusha, claim=c1, source=s1, verification="verified")
    o2 = ObservationFactory(indicator=ret, value=50000, date=dt.date(2020, 11, 27), place=shusha, claim=c2, source=s2, verification="proposed")
    o3 = ObservationFactory(indicator=indicators["aid.tons_delivered"], value=1200, date=dt.date(2020, 12, 1), place=lachin,
                            verification="verified", note="entered from the convoy log")
    e1 = EventFactory(kind="incident", title="Shelling near Town A", date=dt.date(2020, 12, 2))
    e1.places.add(shusha)
    e2 = EventFactory(kind="meeting", title="Coordination meeting in Town B", date=dt.date(2020, 12, 3))
    e2.places.add(lachin)
    act = Activity.objects.create(title="Mine clearance of the road", organization=orgs["partner"], sector="demining", place=lachin,
                                  start=dt.date(2020, 12, 1), status="ongoing", progress_value=12000, progress_unit="m2")
    return {"places": (shusha, lachin), "sources": (s1, s2), "claims": (c1, c2), "observations": (o1, o2, o3),
            "events": (e1, e2), "activity": act}


@pytest.fixture
def client_as(client, user_of):
    def login(role: str):
        client.force_login(user_of(role))
        return client
    return login
