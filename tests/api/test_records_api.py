"""The REST API: token auth, roles, visibility, pagination, ordering, filters, JSON errors."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_anonymous_requests_get_401_json(db):
    response = APIClient().get("/api/observations/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response.json()["message"]


def test_token_endpoint_gives_a_token_that_authenticates(analyst, seeded):
    response = APIClient().post("/api/token/", {"username": "op-analyst", "password": "x-long-password"}, format="json")
    assert response.status_code == 200, response.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/observations/").status_code == 200


def test_wrong_password_gets_json_error(analyst):
    response = APIClient().post("/api/token/", {"username": "op-analyst", "password": "nope-nope"}, format="json")
    assert response.status_code == 400
    assert "code" in response.json()


def test_viewer_cannot_write_records(viewer, seeded):
    response = client_for(viewer).post("/api/observations/", {"indicator": "people.returned", "value": 5, "date": "2021-11-21"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "analyst" in response.json()["message"]


def test_analyst_cannot_change_reference_data_but_editor_can(analyst, editor):
    body = {"key": "new-post", "name": "New post", "kind": "post", "lat": 39.8, "lon": 46.7}
    assert client_for(analyst).post("/api/places/", body, format="json").status_code == 403
    response = client_for(editor).post("/api/places/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["key"] == "new-post"


def test_analyst_creates_an_observation_through_the_service(analyst):
    response = client_for(analyst).post(
        "/api/observations/", {"indicator": "people.returned", "value": 120, "date": "2021-11-21", "place": None,
                               "note": "counted at the checkpoint"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["indicator"] == "people.returned" and body["value"] == 120
    assert body["created_by"] == analyst.pk
    assert body["submitted_by_org"] == analyst.organization_id


def test_negative_value_is_refused_with_the_field_named(analyst):
    response = client_for(analyst).post("/api/observations/", {"indicator": "people.returned", "value": -3, "date": "2021-11-21"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] in ("invalid", "invalid_input")
    assert body.get("field") == "value" or "value" in body.get("fields", {})


def test_partner_does_not_see_internal_records(partner, analyst, seeded):
    internal_id = seeded["observations"]["internal"].pk
    partner_ids = {o["id"] for o in client_for(partner).get("/api/observations/?limit=100").json()["results"]}
    operation_ids = {o["id"] for o in client_for(analyst).get("/api/observations/?limit=100").json()["results"]}
    assert internal_id in operation_ids
    assert internal_id not in partner_ids
    assert client_for(partner).get(f"/api/observations/{internal_id}/").status_code == 404
    internal_source = seeded["sources"][3].pk
    assert client_for(partner).get(f"/api/sources/{internal_source}/").status_code == 404


def test_pagination_and_stable_ordering(analyst, seeded):
    client = client_for(analyst)
    first = client.get("/api/observations/?limit=2&offset=0").json()
    second = client.get("/api/observations/?limit=2&offset=2").json()
    assert first["count"] == 5
    ids = [o["id"] for o in first["results"] + second["results"]]
    assert len(set(ids)) == 4
    everything = [o["id"] for o in client.get("/api/observations/?ordering=value&limit=100").json()["results"]]
    values = [o["value"] for o in client.get("/api/observations/?ordering=value&limit=100").json()["results"]]
    assert values == sorted(values)
    assert len(everything) == 5


def test_filters_by_date_place_indicator(analyst, seeded):
    client = client_for(analyst)
    returned = client.get("/api/observations/?indicator=people.returned").json()
    assert returned["count"] == 3
    late = client.get("/api/observations/?date_from=2021-11-28&date_to=2021-11-30").json()
    assert {o["value"] for o in late["results"]} == {53000, 51000}
    # A district includes its towns: Lachin town is under the Lachin district.
    lachin = client.get("/api/observations/?place=lachin-district").json()
    assert [o["value"] for o in lachin["results"]] == [700]


@pytest.mark.parametrize("query,field", [("date_from=yesterday", "date_from"), ("place=atlantis", "place"),
                                         ("ordering=nonsense", "ordering"), ("as_of=soon", "as_of")])
def test_bad_query_parameters_are_json_errors_naming_the_parameter(analyst, query, field):
    response = client_for(analyst).get(f"/api/observations/?{query}")
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_archiving_through_delete_keeps_the_record(analyst, seeded):
    obs = seeded["observations"]["displaced"]
    client = client_for(analyst)
    assert client.delete(f"/api/observations/{obs.pk}/").status_code == 204
    obs.refresh_from_db()
    assert obs.archived_at is not None
    assert obs.pk not in {o["id"] for o in client.get("/api/observations/").json()["results"]}
    assert obs.pk in {o["id"] for o in client.get("/api/observations/?archived=true").json()["results"]}


def test_consignment_status_moves_follow_the_workflow(analyst):
    client = client_for(analyst)
    from sitroom.reference.models import Organization, Place

    body = {"donor": Organization.objects.get(key="icrc").pk, "destination": Place.objects.get(key="stepanakert").pk,
            "status": "planned", "reference": "C-1", "items": [{"kind": "blankets", "quantity": 200, "weight_tons": 0.8}]}
    created = client.post("/api/consignments/", body, format="json")
    assert created.status_code == 201, created.content
    jump = client.patch(f"/api/consignments/{created.json()['id']}/", {"status": "distributed"}, format="json")
    assert jump.status_code == 400
    assert jump.json()["field"] == "status"
    ok = client.patch(f"/api/consignments/{created.json()['id']}/", {"status": "in_transit"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "in_transit"


def test_every_kind_lists_for_a_viewer(viewer, seeded):
    from sitroom.exchange.kinds import KINDS

    client = client_for(viewer)
    for name in KINDS:
        response = client.get(f"/api/{name}/")
        assert response.status_code == 200, (name, response.content)


def test_as_of_lists_records_as_they_stood(analyst, seeded):
    import datetime as dt

    from django.utils import timezone

    obs = seeded["observations"]["displaced"]
    before = timezone.now()
    client = client_for(analyst)
    assert client.patch(f"/api/observations/{obs.pk}/", {"value": 3000}, format="json").status_code == 200
    then = client.get(f"/api/observations/?indicator=people.displaced&as_of={(before + dt.timedelta(microseconds=1)).isoformat().replace('+00:00', 'Z')}").json()
    now = client.get("/api/observations/?indicator=people.displaced").json()
    assert [o["value"] for o in then["results"]] == [2500]
    assert [o["value"] for o in now["results"]] == [3000]


def test_change_feed_pages_by_cursor(analyst, seeded):
    client = client_for(analyst)
    first = client.get("/api/changes/?since=2000-01-01T00:00:00Z&limit=3").json()
    assert len(first["results"]) == 3 and first["more"] is True
    seen = [(c["kind"], c["id"], c["at"]) for c in first["results"]]
    cursor = first["next"]
    while True:
        page = client.get(f"/api/changes/?cursor={cursor}&limit=3").json()
        seen += [(c["kind"], c["id"], c["at"]) for c in page["results"]]
        cursor = page["next"]
        if not page["more"]:
            break
    assert len(seen) == len(set(seen))
    obs_ids = {i for k, i, _ in seen if k == "observations"}
    assert obs_ids >= {o.pk for o in seeded["observations"].values()}


def test_change_feed_hides_what_the_partner_may_not_see(partner, seeded):
    page = client_for(partner).get("/api/changes/?since=2000-01-01T00:00:00Z&limit=1000").json()
    assert seeded["observations"]["internal"].pk not in {c["id"] for c in page["results"] if c["kind"] == "observations"}


def test_change_feed_needs_since_or_cursor(analyst):
    response = client_for(analyst).get("/api/changes/")
    assert response.status_code == 400 and response.json()["field"] == "since"


def test_schema_and_docs_are_served_without_a_cdn(analyst):
    client = client_for(analyst)
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/observations/" in schema.json()["paths"]
    client.force_login(analyst)
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/" in html
