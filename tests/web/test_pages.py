import re

import pytest
from django.urls import reverse

ROLES = ("viewer", "analyst", "editor", "admin")

pytestmark = pytest.mark.django_db


def page_urls(world):
    s1, _ = world["sources"]
    o1, _, _ = world["observations"]
    e1, _ = world["events"]
    return [
        reverse("dashboard"), reverse("source_list"), reverse("source_detail", args=[s1.pk]), reverse("review_queue"),
        reverse("indicator_list"), reverse("indicator_detail", args=["people.returned"]), reverse("map"),
        reverse("timeline"), reverse("charts"), reverse("observation_list"), reverse("observation_detail", args=[o1.pk]),
        reverse("event_list"), reverse("event_detail", args=[e1.pk]), reverse("activity_list"),
        reverse("activity_detail", args=[world["activity"].pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_for_every_role_without_inline_script_or_style(client_as, world, role):
    client = client_as(role)
    for url in page_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'id="main"' in html, url
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))", html), url
        assert " style=" not in html, url


def test_map_data_is_aggregated_by_place(client_as, world):
    data = client_as("viewer").get(reverse("map_data")).json()
    by_key = {m["key"]: m for m in data["markers"]}
    assert by_key["test-town-a"]["events"] == 1 and by_key["test-town-a"]["incidents"] == 1
    assert by_key["test-town-b"]["activities"] == 1


def test_map_data_clusters_places_when_zoomed_out(client_as, world):
    data = client_as("viewer").get(reverse("map_data"), {"zoom": "3"}).json()
    merged = [m for m in data["markers"] if m["places"] > 1]
    assert merged and merged[0]["events"] == 2


def test_map_place_detail_links_figures_to_evidence(client_as, world):
    shusha, _ = world["places"]
    s1, _ = world["sources"]
    c1, _ = world["claims"]
    data = client_as("viewer").get(reverse("map_data"), {"detail": shusha.pk}).json()
    assert data["figures"][0]["value"] == 53000
    assert data["figures"][0]["url"] == f"/sources/{s1.pk}/#claim-{c1.pk}"


def test_bad_filter_is_a_clear_400(client_as, world):
    response = client_as("viewer").get(reverse("dashboard"), {"from": "yesterday"})
    assert response.status_code == 400
    assert "from" in response.content.decode() and "YYYY-MM-DD" in response.content.decode()


def test_unknown_place_filter_names_the_place(client_as, world):
    response = client_as("viewer").get(reverse("timeline"), {"place": "atlantis"})
    assert response.status_code == 400
    assert "atlantis" in response.content.decode()


def test_place_filter_in_the_url_applies_to_timeline_and_records(client_as, world):
    client = client_as("viewer")
    html = client.get(reverse("timeline"), {"place": "test-town-b"}).content.decode()
    assert "Coordination meeting in Town B" in html and "Shelling near Town A" not in html
    html = client.get(reverse("event_list"), {"place": "test-town-a"}).content.decode()
    assert "Shelling near Town A" in html and "Coordination meeting" not in html
    html = client.get(reverse("activity_list"), {"place": "test-town-a"}).content.decode()
    assert "Mine clearance" not in html


def test_dashboard_filters_apply_to_every_panel(client_as, world):
    client = client_as("viewer")
    html = client.get(reverse("dashboard"), {"place": "test-town-b"}).content.decode()
    assert "Coordination meeting in Town B" in html and "Shelling near Town A" not in html
    assert "People returned" not in html  # the figures of Town A are filtered out
    assert "1,200" in html
    assert '"query": "place=test-town-b"' in html  # the map asks for the same filters


def test_date_filter_hides_later_figures(client_as, world):
    html = client_as("viewer").get(reverse("dashboard"), {"to": "2020-11-30"}).content.decode()
    assert "53,000" in html and "1,200" not in html and "Shelling" not in html


def test_verified_only_filter_hides_machine_proposed_values(client_as, world):
    client = client_as("viewer")
    url = reverse("indicator_detail", args=["people.returned"])
    assert "50,000" in client.get(url).content.decode()
    assert "50,000" not in client.get(url, {"verified": "1"}).content.decode()


def test_reconciliation_page_shows_sources_side_by_side_and_flags_the_dispute(client_as, world):
    html = client_as("viewer").get(reverse("indicator_detail", args=["people.returned"])).content.decode()
    assert "Outlet One" in html and "Outlet Two" in html
    assert "tag-disputed\">disputed</span>" in html
    assert "value-proposed" in html and "value-verified" in html


def test_source_reader_marks_every_claim_with_an_anchor(client_as, world):
    s1, _ = world["sources"]
    c1, _ = world["claims"]
    html = client_as("viewer").get(reverse("source_detail", args=[s1.pk])).content.decode()
    assert f'id="claim-{c1.pk}"' in html
    mark = re.search(rf'<mark[^>]*id="claim-{c1.pk}"[^>]*>([^<]*)</mark>', html)
    assert mark and mark.group(1) == "53,000 people returned"
    assert "claim-figure" in html


def test_observation_detail_shows_evidence_and_history(client_as, world):
    o1, _, o3 = world["observations"]
    client = client_as("viewer")
    html = client.get(reverse("observation_detail", args=[o1.pk])).content.decode()
    assert "53,000 people returned" in html and f"#claim-{world['claims'][0].pk}" in html
    assert "History" in html and "created" in html
    html = client.get(reverse("observation_detail", args=[o3.pk])).content.decode()
    assert "Entered directly" in html and "convoy log" in html


def test_hidden_record_is_not_found_for_a_partner(client_as, world, user_of, client):
    o1 = world["observations"][0]
    o1.sensitivity = "internal"
    o1.save()
    client.force_login(user_of("viewer", org="partner"))
    assert client.get(reverse("observation_detail", args=[o1.pk])).status_code == 404


def test_record_lists_sort_by_a_whitelisted_column_only(client_as, world):
    client = client_as("viewer")
    assert client.get(reverse("observation_list"), {"sort": "-value"}).status_code == 200
    assert client.get(reverse("observation_list"), {"sort": "password"}).status_code == 200
    html = client.get(reverse("observation_list"), {"sort": "value"}).content.decode()
    assert html.index("1,200") < html.index("50,000") < html.index("53,000")
