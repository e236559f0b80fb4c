"""A page of the API's lists costs a fixed number of queries, whatever the number of rows: links shown by
a slug are joined, many-to-many links and nested lists are prefetched (no query per row)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from factories import EventFactory, ObservationFactory
from sitroom.exchange.kinds import KINDS
from sitroom.operations.models import EventPosition
from sitroom.reference.models import Indicator, Organization, Place


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def many(db, analyst):
    places = list(Place.objects.order_by("pk")[:3])
    orgs = list(Organization.objects.order_by("pk")[:3])
    indicators = list(Indicator.objects.order_by("pk")[:5])
    for i in range(50):
        ObservationFactory(indicator=indicators[i % 5], value=100 + i, date=dt.date(2020, 12, 1) + dt.timedelta(days=i % 20),
                           place=places[i % 3], sensitivity="public")
        event = EventFactory(kind="incident", title=f"Incident {i}", date=dt.date(2020, 12, 1), sensitivity="public",
                             reported_by=orgs[1])
        event.places.add(*places[:2])
        event.actors.add(orgs[0])
        EventPosition.objects.create(event=event, organization=orgs[2], position="confirmed")


@pytest.mark.parametrize("path", ["/api/observations/?limit=50", "/api/events/?limit=50"])
def test_a_page_of_50_records_costs_a_fixed_number_of_queries(analyst, many, path, django_assert_max_num_queries):
    client = client_for(analyst)
    client.get(path)  # the token and the session are set up
    with django_assert_max_num_queries(12):
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 50


@pytest.fixture
def workflows(analyst, many):
    """Two records of each workflow kind, written through the API (nested items, terms, links)."""
    client = client_for(analyst)
    place = Place.objects.get(key="stepanakert").pk
    other = Place.objects.get(key="lachin").pk
    donor = Organization.objects.get(key="wfp").pk
    bodies = {
        "consignments": {"donor": donor, "destination": place, "sector": "food", "planned_on": "2020-11-18",
                         "items": [{"kind": "flour", "quantity": 20, "unit": "tons"}, {"kind": "blankets", "quantity": 50}]},
        "shelters": {"name": "School", "place": place, "capacity": 100},
        "reconstruction-objects": {"name": "Block", "kind": "house", "place": place, "units": 6},
        "evacuations": {"date": "2020-11-20", "people": 40, "origin": other, "destination": place},
        "returns": {"date": "2020-11-20", "people": 25, "destination": place},
        "sites": {"name": "Church", "kind": "church", "place": place},
        "agreements": {"title": "Statement", "signed_on": "2020-11-10", "terms": [{"number": "1", "text": "Ceasefire"}]},
    }
    for kind, body in bodies.items():
        for _ in range(2):
            response = client.post(f"/api/{kind}/", body, format="json")
            assert response.status_code == 201, (kind, response.content)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_list_makes_a_query_per_row(analyst, seeded, workflows, kind):
    client = client_for(analyst)
    client.get(f"/api/{kind}/?limit=1")
    counts = []
    for limit in (1, 50):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/{kind}/?limit={limit}")
        assert response.status_code == 200, response.content
        counts.append((len(ctx.captured_queries), len(response.json()["results"])))
    (one, _), (fifty, rows) = counts
    if rows < 2:
        pytest.skip(f"only {rows} {kind} in the seeded period")
    assert fifty == one, f"/api/{kind}/: {one} queries for 1 row, {fifty} for {rows} rows"
