"""The workflow pages render for each kind of user, hide what the user may not see, and their forms write
through the services (errors shown on the form, nothing stored)."""

import datetime as dt

import pytest
from django.urls import reverse

from sitroom.operations.models import Consignment, Event, Observation
from sitroom.operations.services import (
    activities,
    agreements,
    aid,
    demining,
    incidents,
    people,
    reconstruction,
    sites,
)

D = dt.date(2020, 11, 20)


@pytest.fixture
def records(analyst, party_az, place, org):
    shelter = people.shelter_create(user=analyst, name="Goris school", place=place("goris"), capacity=10)
    people.shelter_record_occupancy(user=analyst, shelter=shelter, date=D, occupancy=12)
    area = demining.hazardous_area_create(user=analyst, name="Fields", place=place("martuni"), estimated_area_m2=1000)
    demining.clearance_task_create(user=analyst, area=area, organization=org("halo-trust"), start=D, area_cleared_m2=100)
    consignment = aid.consignment_create(user=analyst, donor=org("wfp"), destination=place("martuni"), items=[{"kind": "flour", "quantity": 5, "unit": "tons"}])
    a = incidents.incident_create(user=analyst, incident_kind="shooting", title="Shots at Taghavard", date=D, places=[place("taghavard")], joint_monitoring=True)
    incidents.incident_create(user=analyst, incident_kind="shooting", title="Shooting near Taghavard", date=D, places=[place("taghavard")], joint_monitoring=True)
    incidents.incident_record_position(user=party_az, incident=a, organization=org("az-government"), position="disputed", note="SECRET-AZ-NOTE", internal=True)
    hidden = incidents.incident_create(user=analyst, incident_kind="mine", title="Internal incident", date=D, places=[place("sos")], sensitivity="internal")
    obj = reconstruction.reconstruction_object_create(user=analyst, name="School 2", kind="school", place=place("martuni"))
    site = sites.site_create(user=analyst, name="Gandzasar", kind="monastery", place=place("gandzasar"))
    agreement = agreements.agreement_create(user=analyst, title="Statement", signed_on=dt.date(2020, 11, 10), terms=[("1", "Ceasefire")])
    activities.activity_create(user=analyst, title="Demining", organization=org("halo-trust"), sector="demining", place=place("martuni"))
    return {"shelter": shelter, "area": area, "consignment": consignment, "incident": a, "hidden": hidden, "object": obj, "site": site, "agreement": agreement}


def _pages(r):
    return [
        reverse("incident_list"), reverse("incident_new"), reverse("incident_detail", args=[r["incident"].pk]),
        reverse("consignment_list"), reverse("consignment_new"), reverse("consignment_detail", args=[r["consignment"].pk]), reverse("need_new"),
        reverse("shelter_list"), reverse("shelter_new"), reverse("shelter_detail", args=[r["shelter"].pk]), reverse("evacuation_new"), reverse("return_new"),
        reverse("demining_list"), reverse("hazardous_area_new"), reverse("hazardous_area_detail", args=[r["area"].pk]),
        reverse("reconstruction_list"), reverse("reconstruction_new"), reverse("site_list"), reverse("site_new"), reverse("site_detail", args=[r["site"].pk]),
        reverse("agreement_list"), reverse("agreement_detail", args=[r["agreement"].pk]), reverse("meeting_new"),
        reverse("three_w"), reverse("three_w_csv"), reverse("activity_new"),
    ]


def test_every_workflow_page_renders_for_the_operation(client, analyst, records):
    client.force_login(analyst)
    for url in _pages(records):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("incident_detail", args=[records["incident"].pk])).content.decode()
    assert "SECRET-AZ-NOTE" in page and "Merge selected" in page
    assert "overcrowded" in client.get(reverse("shelter_detail", args=[records["shelter"].pk])).content.decode()


def test_a_party_never_sees_another_partys_internal_note_nor_internal_records(client, party_am, records):
    client.force_login(party_am)
    page = client.get(reverse("incident_detail", args=[records["incident"].pk])).content.decode()
    assert "SECRET-AZ-NOTE" not in page and "Internal note of" in page
    assert client.get(reverse("incident_detail", args=[records["hidden"].pk])).status_code == 404
    assert "Internal incident" not in client.get(reverse("incident_list")).content.decode()
    # records shared with partners (the default) are not a party's
    assert client.get(reverse("consignment_detail", args=[records["consignment"].pk])).status_code == 404


def test_viewers_see_no_forms_and_cannot_post(client, viewer, records):
    client.force_login(viewer)
    page = client.get(reverse("consignment_detail", args=[records["consignment"].pk])).content.decode()
    assert "Dispatch" not in page
    response = client.post(reverse("consignment_transition", args=[records["consignment"].pk]), {"to": "in_transit", "on": "2020-11-21"})
    assert response.status_code == 403
    assert Consignment.objects.get(pk=records["consignment"].pk).status == "planned"


def test_consignment_page_offers_legal_moves_only_and_moves(client, analyst, records):
    client.force_login(analyst)
    url = reverse("consignment_detail", args=[records["consignment"].pk])
    page = client.get(url).content.decode()
    assert 'value="in_transit"' in page and 'value="cancelled"' in page and 'value="delivered"' not in page
    client.post(reverse("consignment_transition", args=[records["consignment"].pk]), {"to": "delivered"})
    assert Consignment.objects.get(pk=records["consignment"].pk).status == "planned"
    client.post(reverse("consignment_transition", args=[records["consignment"].pk]), {"to": "in_transit", "on": "2020-11-21"})
    client.post(reverse("consignment_transition", args=[records["consignment"].pk]), {"to": "delivered", "on": "2020-11-22"})
    assert Observation.objects.filter(indicator__code="aid.tons_delivered", value=5).exists()


def test_incident_form_errors_stay_on_the_form_and_store_nothing(client, analyst, records):
    client.force_login(analyst)
    before = Event.objects.count()
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    response = client.post(reverse("incident_new"), {"title": "X", "incident_kind": "shooting", "date": future, "place": "sos", "sensitivity": "partners",
                                                     **{k: 0 for k in incidents.CASUALTY_FIELDS}})
    assert response.status_code == 400 and "in the future" in response.content.decode()
    assert Event.objects.count() == before


def test_merge_button_merges(client, analyst, records):
    client.force_login(analyst)
    pairs = incidents.incidents_likely_duplicates(user=analyst, incident=records["incident"])
    other = pairs[0].other
    client.post(reverse("incident_merge", args=[records["incident"].pk]), {"duplicate": [other.pk], "reason": "same"})
    other.refresh_from_db()
    assert other.merged_into_id == records["incident"].pk
