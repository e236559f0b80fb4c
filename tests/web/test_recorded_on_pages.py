"""The dashboard and the reconciliation page keep amounts recorded by the operation's records apart from
reported figures, and every number on the dashboard leads to its evidence."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.core.cache import cache

from sitroom.operations.services.people import return_movement_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def movements(world, user_of):
    town = world["places"][0]
    analyst = user_of("analyst")
    return [return_movement_create(user=analyst, destination=town, date=dt.date(2020, 12, d), people=n)
            for d, n in [(10, 309), (15, 245)]]


def _links(html: str, css_class: str) -> list[tuple[str, str]]:
    return [(unescape(href), re.sub(r"<[^>]+>", "", text).strip())
            for href, text in re.findall(rf'<a class="[^"]*{css_class}[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)]


def test_every_number_on_the_dashboard_links_to_its_evidence(client_as, world, movements):
    client = client_as("analyst")
    html = client.get("/").content.decode()
    numbers = _links(html, "evidence-link")
    assert numbers, "the dashboard shows numbers"
    for href, text in numbers:
        assert re.search(r"\d", text), f"a number link without a number: {text!r}"
        response = client.get(href.split("#")[0])
        assert response.status_code == 200, href
    recorded = [(href, text) for href, text in numbers if "origin=recorded" in href]
    assert [text for _, text in recorded] == ["554 people"]
    page = client.get(recorded[0][0]).content.decode()
    assert ">309<" in page and ">245<" in page and "53,000" not in page  # the records behind the total, only them


def test_dashboard_card_keeps_the_reported_headline_and_adds_the_recorded_line(client_as, world, movements):
    html = client_as("analyst").get("/").content.decode()
    card = html[html.index('id="card-peoplereturned"'):]
    card = card[:card.index("</article>")]
    assert "53,000" in card and "cumulative figure went down" not in card
    assert "Recorded by the operation" in card and "in 2 records" in card
    assert "operation record" not in card


def test_recorded_list_shows_only_the_operations_records(client_as, world, movements):
    client = client_as("analyst")
    html = client.get("/records/observations/?indicator=people.returned&origin=recorded").content.decode()
    assert "309" in html and "245" in html and "53,000" not in html
    html = client.get("/records/observations/?indicator=people.returned&origin=reported").content.decode()
    assert "53,000" in html and ">309<" not in html
    assert client.get("/records/observations/?origin=both").status_code == 400


def test_reconciliation_page_shows_recorded_amounts_in_their_own_table(client_as, world, movements):
    html = client_as("analyst").get("/indicators/people.returned/").content.decode()
    assert "Recorded by the operation" in html
    recorded = html[html.index('class="recorded-table"'):]
    recorded = recorded[:recorded.index("</table>")]
    assert "554" in recorded
    compared = html[html.index('class="series-table"'):]
    assert "operation record" not in compared and "309" not in compared and "245" not in compared
