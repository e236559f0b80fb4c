"""Workflow records through the API take the same action as the web pages (O's services): status moves
feed their indicators with the record as evidence, illegal moves are 400s naming both states, and links
by id are refused when the writer may not see the linked source, claim or record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from shipped_users import make_user
from sitroom.evidence.models import Claim
from sitroom.operations.models import Consignment, Observation, ReconstructionObject, Shelter
from sitroom.reference.models import Organization, Place

DAY = dt.date(2020, 11, 20)


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def fed(record, code: str) -> list[Observation]:
    return list(Observation.objects.filter(derived_type=ContentType.objects.get_for_model(record), derived_id=record.pk,
                                           indicator__code=code, archived_at__isnull=True))


def ids(*keys: str) -> list[int]:
    return [Place.objects.get(key=k).pk for k in keys]


def org_id(key: str) -> int:
    return Organization.objects.get(key=key).pk


def new_consignment(client, **extra) -> dict:
    body = {"donor": org_id("wfp"), "destination": ids("stepanakert")[0], "sector": "food", "planned_on": "2020-11-18",
            "items": [{"kind": "wheat flour", "quantity": 20, "unit": "tons"}, {"kind": "blankets", "quantity": 500, "weight_tons": 1.5}],
            **extra}
    response = client.post("/api/consignments/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_consignment_created_with_items_moves_to_delivered_and_feeds_tons_delivered(analyst):
    client = client_for(analyst)
    body = new_consignment(client)
    assert body["status"] == "planned"
    assert sorted(i["kind"] for i in body["items"]) == ["blankets", "wheat flour"]
    pk = body["id"]
    moved = client.post(f"/api/consignments/{pk}/transition/", {"status": "in_transit", "on": "2020-11-19"}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "in_transit" and moved.json()["dispatched_on"] == "2020-11-19"
    consignment = Consignment.objects.get(pk=pk)
    assert fed(consignment, "aid.tons_delivered") == []
    delivered = client.post(f"/api/consignments/{pk}/transition/", {"status": "delivered", "on": "2020-11-20"}, format="json")
    assert delivered.status_code == 200, delivered.content
    (observation,) = fed(consignment, "aid.tons_delivered")
    assert observation.value == pytest.approx(21.5)
    assert observation.date == DAY
    assert observation.derived_from == consignment
    assert observation.place.key == "stepanakert"


def test_consignment_status_through_patch_takes_the_same_service(analyst):
    client = client_for(analyst)
    pk = new_consignment(client)["id"]
    assert client.patch(f"/api/consignments/{pk}/", {"status": "in_transit", "dispatched_on": "2020-11-19"}, format="json").status_code == 200
    response = client.patch(f"/api/consignments/{pk}/", {"status": "delivered", "delivered_on": "2020-11-20"}, format="json")
    assert response.status_code == 200, response.content
    (observation,) = fed(Consignment.objects.get(pk=pk), "aid.tons_delivered")
    assert observation.date == DAY


@pytest.mark.parametrize("how", ["transition", "patch"])
def test_illegal_consignment_move_is_a_400_naming_both_states(analyst, how):
    client = client_for(analyst)
    pk = new_consignment(client)["id"]
    if how == "transition":
        response = client.post(f"/api/consignments/{pk}/transition/", {"status": "distributed"}, format="json")
    else:
        response = client.patch(f"/api/consignments/{pk}/", {"status": "distributed"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "status"
    assert "planned" in body["message"] and "distributed" in body["message"]
    assert Consignment.objects.get(pk=pk).status == "planned"


def test_consignment_created_as_delivered_is_refused_with_the_action_named(analyst):
    response = client_for(analyst).post("/api/consignments/", {
        "donor": org_id("wfp"), "destination": ids("stepanakert")[0], "status": "delivered",
        "items": [{"kind": "flour", "quantity": 2, "unit": "tons"}]}, format="json")
    assert response.status_code == 400
    assert response.json()["field"] == "status" and "transition" in response.json()["message"]
    assert not Consignment.objects.exists()


def test_consignment_without_items_is_refused(analyst):
    response = client_for(analyst).post("/api/consignments/", {"donor": org_id("wfp"), "destination": ids("stepanakert")[0]}, format="json")
    assert response.status_code == 400 and response.json()["field"] == "items"


def test_web_and_api_produce_the_same_observation_for_a_delivery(client, analyst):
    """The page's Delivered button and the API's transition: one service, one observation."""
    api = client_for(analyst)
    results = []
    for channel in ("web", "api"):
        pk = new_consignment(api)["id"]
        api.post(f"/api/consignments/{pk}/transition/", {"status": "in_transit", "on": "2020-11-19"}, format="json")
        if channel == "web":
            client.force_login(analyst)
            response = client.post(reverse("consignment_transition", args=[pk]), {"to": "delivered", "on": "2020-11-20"})
            assert response.status_code == 302
        else:
            assert api.post(f"/api/consignments/{pk}/transition/", {"status": "delivered", "on": "2020-11-20"}, format="json").status_code == 200
        (observation,) = fed(Consignment.objects.get(pk=pk), "aid.tons_delivered")
        results.append({f: getattr(observation, f) for f in ("indicator_id", "value", "unit", "date", "place_id", "organization_id",
                                                             "verification", "sensitivity", "created_by_id")})
    assert results[0] == results[1]


def test_shelter_occupancy_feeds_people_sheltered_and_flags_overcrowding(analyst):
    client = client_for(analyst)
    created = client.post("/api/shelters/", {"name": "School 3", "place": ids("stepanakert")[0], "capacity": 100}, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    response = client.post(f"/api/shelters/{pk}/occupancy/", {"date": "2020-11-20", "occupancy": 130}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["overcrowded"] is True
    shelter = Shelter.objects.get(pk=pk)
    assert shelter.occupancy == 130
    (update,) = shelter.occupancy_updates.all()
    (observation,) = fed(update, "people.sheltered")
    assert observation.value == 130 and observation.date == DAY


def test_shelter_occupancy_is_not_a_plain_field(analyst):
    client = client_for(analyst)
    pk = client.post("/api/shelters/", {"name": "School 4", "place": ids("stepanakert")[0], "capacity": 50}, format="json").json()["id"]
    response = client.patch(f"/api/shelters/{pk}/", {"occupancy": 40}, format="json")
    assert response.status_code == 400
    assert response.json()["field"] == "occupancy" and "/occupancy/" in response.json()["message"]
    bad = client.post(f"/api/shelters/{pk}/occupancy/", {"date": "2999-01-01", "occupancy": 3}, format="json")
    assert bad.status_code == 400 and bad.json()["field"] == "date"


def test_reconstruction_restored_feeds_infrastructure_restored(analyst):
    client = client_for(analyst)
    created = client.post("/api/reconstruction-objects/", {"name": "Block 12", "kind": "house", "place": ids("stepanakert")[0],
                                                           "units": 6}, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    illegal = client.post(f"/api/reconstruction-objects/{pk}/transition/", {"status": "restored"}, format="json")
    assert illegal.status_code == 400
    assert "damaged" in illegal.json()["message"] and "restored" in illegal.json()["message"]
    for status in ("planned", "in_progress"):
        assert client.post(f"/api/reconstruction-objects/{pk}/transition/", {"status": status}, format="json").status_code == 200
    response = client.patch(f"/api/reconstruction-objects/{pk}/", {"status": "restored", "restored_on": "2020-11-20"}, format="json")
    assert response.status_code == 200, response.content
    (observation,) = fed(ReconstructionObject.objects.get(pk=pk), "infrastructure.restored")
    assert observation.value == 6 and observation.date == DAY


def test_evacuation_and_return_created_through_the_api_feed_their_indicators(analyst):
    client = client_for(analyst)
    evac = client.post("/api/evacuations/", {"date": "2020-11-20", "people": 40, "origin": ids("lachin")[0],
                                             "destination": ids("stepanakert")[0], "status": "completed"}, format="json")
    assert evac.status_code == 201, evac.content
    from sitroom.operations.models import Evacuation, ReturnMovement

    assert [o.value for o in fed(Evacuation.objects.get(pk=evac.json()["id"]), "people.evacuated")] == [40]
    back = client.post("/api/returns/", {"date": "2020-11-20", "people": 25, "destination": ids("stepanakert")[0]}, format="json")
    assert back.status_code == 201, back.content
    assert [o.value for o in fed(ReturnMovement.objects.get(pk=back.json()["id"]), "people.returned")] == [25]


def test_incident_positions_and_site_inspections_and_agreement_terms(analyst):
    client = client_for(analyst)
    incident = client.post("/api/events/", {"kind": "incident", "incident_kind": "shooting", "title": "Shots near Shusha",
                                            "date": "2020-11-20", "places": ids("stepanakert"), "killed_civilian": 1}, format="json")
    assert incident.status_code == 201, incident.content
    pk = incident.json()["id"]
    assert incident.json()["killed_civilian"] == 1
    position = client.post(f"/api/events/{pk}/positions/", {"organization": org_id("ihrc"), "position": "confirmed"}, format="json")
    assert position.status_code == 200, position.content
    assert position.json()["verification"] == "confirmed"
    assert [p["position"] for p in position.json()["positions"]] == ["confirmed"]

    site = client.post("/api/sites/", {"name": "Church", "kind": "church", "place": ids("stepanakert")[0]}, format="json")
    assert site.status_code == 201, site.content
    inspected = client.post(f"/api/sites/{site.json()['id']}/inspections/", {"date": "2020-11-20", "condition": "damaged"}, format="json")
    assert inspected.status_code == 201, inspected.content
    assert client.get(f"/api/sites/{site.json()['id']}/").json()["protection_status"] == "damaged"

    agreement = client.post("/api/agreements/", {"title": "Trilateral statement", "signed_on": "2020-11-10",
                                                 "terms": [{"number": "1", "text": "A complete ceasefire"}]}, format="json")
    assert agreement.status_code == 201, agreement.content
    apk = agreement.json()["id"]
    added = client.post(f"/api/agreements/{apk}/terms/", {"number": "2", "text": "Peacekeepers deploy"}, format="json")
    assert added.status_code == 201, added.content
    term = next(t for t in added.json()["terms"] if t["number"] == "2")
    done = client.post(f"/api/agreements/{apk}/terms/{term['id']}/", {"status": "implemented", "note": "deployed"}, format="json")
    assert done.status_code == 200, done.content
    assert next(t for t in done.json()["terms"] if t["number"] == "2")["status"] == "implemented"


# --- links to what the writer may not see ---------------------------------------------------------------


@pytest.fixture
def internal_claim(seeded):
    source = seeded["sources"][3]
    assert source.sensitivity == "internal"
    return Claim.objects.create(source=source, kind="figure", start=0, end=5, text=source.text[:5], payload={})


def test_partner_cannot_attach_an_internal_claim_as_evidence(partner, analyst, internal_claim):
    body = {"indicator": "people.returned", "value": 12, "date": "2020-11-20", "claim": internal_claim.pk}
    refused = client_for(partner).post("/api/observations/", body, format="json")
    assert refused.status_code == 400
    assert "claim" in refused.json()["fields"]
    # Same answer as an id that does not exist: the hidden claim is not confirmed.
    missing = client_for(partner).post("/api/observations/", {**body, "claim": 10**9}, format="json")
    assert refused.json()["fields"]["claim"] == [m.replace(str(10**9), str(internal_claim.pk)) for m in missing.json()["fields"]["claim"]]
    assert client_for(analyst).post("/api/observations/", body, format="json").status_code == 201


def test_partner_cannot_link_an_internal_source_or_record(partner, analyst, seeded):
    source = seeded["sources"][3]
    refused = client_for(partner).post("/api/agreements/", {"title": "X", "signed_on": "2020-11-10", "source": source.pk}, format="json")
    assert refused.status_code == 400 and "source" in refused.json()["fields"]
    shelter = client_for(analyst).post("/api/shelters/", {"name": "Hidden", "place": ids("stepanakert")[0], "capacity": 9,
                                                          "sensitivity": "internal"}, format="json").json()
    evac = client_for(partner).post("/api/evacuations/", {"date": "2020-11-20", "people": 3, "origin": ids("lachin")[0],
                                                          "shelter": shelter["id"]}, format="json")
    assert evac.status_code == 400 and "shelter" in evac.json()["fields"]


def test_partner_cannot_give_an_internal_claim_as_a_terms_evidence(partner, analyst, internal_claim):
    agreement = client_for(analyst).post("/api/agreements/", {"title": "Statement", "signed_on": "2020-11-10", "sensitivity": "partners",
                                                              "terms": [{"number": "1", "text": "Ceasefire"}]}, format="json").json()
    term = agreement["terms"][0]["id"]
    refused = client_for(partner).post(f"/api/agreements/{agreement['id']}/terms/{term}/", {"status": "implemented",
                                                                                           "evidence": internal_claim.pk}, format="json")
    assert refused.status_code == 400 and "evidence" in refused.json()["fields"]
    allowed = client_for(analyst).post(f"/api/agreements/{agreement['id']}/terms/{term}/", {"status": "implemented",
                                                                                          "evidence": internal_claim.pk}, format="json")
    assert allowed.status_code == 200, allowed.content


def test_a_party_records_only_its_own_position(db, seeded, analyst):
    party = make_user("az-analyst", "analyst", "az-mod")
    incident = client_for(analyst).post("/api/events/", {"kind": "incident", "incident_kind": "shooting", "title": "Shots",
                                                         "date": "2020-11-20", "joint_monitoring": True}, format="json").json()
    other = client_for(party).post(f"/api/events/{incident['id']}/positions/", {"organization": org_id("am-mod"), "position": "disputed"},
                                   format="json")
    assert other.status_code == 403
    own = client_for(party).post(f"/api/events/{incident['id']}/positions/", {"organization": org_id("az-mod"), "position": "disputed"},
                                 format="json")
    assert own.status_code == 200, own.content


# --- edits through the workflow services (the same checks as on create) ----------------------------------


def test_a_hazardous_area_edit_is_checked_like_a_new_one(analyst):
    client = client_for(analyst)
    area = client.post("/api/hazardous-areas/", {"name": "Field 4", "place": ids("martuni")[0], "estimated_area_m2": 5000}, format="json")
    assert area.status_code == 201, area.content
    pk = area.json()["id"]
    task = client.post("/api/clearance-tasks/", {"area": pk, "organization": org_id("halo-trust"), "start": "2020-11-20",
                                                 "area_cleared_m2": 3000}, format="json")
    assert task.status_code == 201, task.content
    for body, field in (({"estimated_area_m2": 0}, "estimated_area_m2"), ({"estimated_area_m2": 2999}, "estimated_area_m2")):
        refused = client.patch(f"/api/hazardous-areas/{pk}/", body, format="json")
        assert refused.status_code == 400 and refused.json()["field"] == field, refused.content
    assert client.get(f"/api/hazardous-areas/{pk}/").json()["estimated_area_m2"] == 5000
    renamed = client.patch(f"/api/hazardous-areas/{pk}/", {"name": "Field 4 (north)", "estimated_area_m2": 3000}, format="json")
    assert renamed.status_code == 200, renamed.content
    assert (renamed.json()["name"], renamed.json()["estimated_area_m2"]) == ("Field 4 (north)", 3000)


def test_a_delivered_consignment_edited_through_the_api_moves_its_tonnage(analyst):
    client = client_for(analyst)
    pk = new_consignment(client)["id"]
    for status, day in (("in_transit", "2020-11-19"), ("delivered", "2020-11-20")):
        assert client.post(f"/api/consignments/{pk}/transition/", {"status": status, "on": day}, format="json").status_code == 200
    same_place = client.patch(f"/api/consignments/{pk}/", {"origin": ids("stepanakert")[0]}, format="json")
    assert same_place.status_code == 400 and same_place.json()["field"] == "destination"
    moved = client.patch(f"/api/consignments/{pk}/", {"destination": ids("martuni")[0], "delivered_on": "2020-11-20"}, format="json")
    assert moved.status_code == 200, moved.content
    (observation,) = fed(Consignment.objects.get(pk=pk), "aid.tons_delivered")
    assert observation.place.key == "martuni" and observation.value == 21.5


def test_an_agreement_edited_through_the_api_moves_its_timeline_event(analyst):
    client = client_for(analyst)
    agreement = client.post("/api/agreements/", {"title": "Statement", "signed_on": "2020-11-10",
                                                 "terms": [{"number": "1", "text": "A complete ceasefire"}]}, format="json").json()
    changed = client.patch(f"/api/agreements/{agreement['id']}/", {"title": "Trilateral statement", "signed_on": "2020-11-09"}, format="json")
    assert changed.status_code == 200, changed.content
    event = client.get(f"/api/events/{changed.json()['timeline_event']}/").json()
    assert (event["title"], event["date"]) == ("Trilateral statement", "2020-11-09")
    terms = client.patch(f"/api/agreements/{agreement['id']}/", {"terms": [{"number": "2", "text": "Corridor"}]}, format="json")
    assert terms.status_code == 400 and terms.json()["field"] == "terms"
    assert [t["number"] for t in client.get(f"/api/agreements/{agreement['id']}/").json()["terms"]] == ["1"]


def test_a_site_edit_changes_its_entry_and_its_protection_through_their_services(analyst):
    client = client_for(analyst)
    pk = client.post("/api/sites/", {"name": "Church", "kind": "church", "place": ids("stepanakert")[0]}, format="json").json()["id"]
    half = client.patch(f"/api/sites/{pk}/", {"lat": 39.8, "lon": None}, format="json")
    assert half.status_code == 400 and half.json()["field"] == "lat"
    changed = client.patch(f"/api/sites/{pk}/", {"name": "Holy Mother of God cathedral", "kind": "monument",
                                                 "protection_status": "protected", "protected_by": org_id("ru-peacekeeping-contingent")},
                           format="json")
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["name"], body["kind"], body["protection_status"]) == ("Holy Mother of God cathedral", "monument", "protected")
    assert body["protected_by"] == org_id("ru-peacekeeping-contingent")


def test_a_restored_objects_units_edited_through_the_api_move_infrastructure_restored(analyst):
    client = client_for(analyst)
    pk = client.post("/api/reconstruction-objects/", {"name": "Block 3", "kind": "house", "place": ids("stepanakert")[0], "units": 6},
                     format="json").json()["id"]
    for status in ("in_progress", "restored"):
        assert client.post(f"/api/reconstruction-objects/{pk}/transition/", {"status": status, "on": "2020-11-20"}, format="json").status_code == 200
    refused = client.patch(f"/api/reconstruction-objects/{pk}/", {"units": 0}, format="json")
    assert refused.status_code == 400 and refused.json()["field"] == "units"
    changed = client.patch(f"/api/reconstruction-objects/{pk}/", {"units": 8, "restored_on": "2020-11-20"}, format="json")
    assert changed.status_code == 200, changed.content
    (observation,) = fed(ReconstructionObject.objects.get(pk=pk), "infrastructure.restored")
    assert observation.value == 8
