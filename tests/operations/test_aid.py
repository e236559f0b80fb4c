import datetime as dt

import pytest

from sitroom.errors import NotFound, PermissionDenied, ValidationError
from sitroom.operations.models import Consignment, ConsignmentItem, Observation
from sitroom.operations.services.aid import (
    consignment_add_item,
    consignment_archive,
    consignment_cancel,
    consignment_create,
    consignment_dispatch,
    consignment_mark_delivered,
    consignment_mark_distributed,
    consignment_next_statuses,
    consignment_transition,
    consignment_update,
    needs_assessment_create,
    needs_vs_delivered,
)

ITEMS = [
    {"kind": "construction materials", "quantity": 40, "unit": "tons"},
    {"kind": "heaters", "quantity": 500, "unit": "pieces", "weight_tons": 2.5},
]


@pytest.fixture
def consignment(analyst, place, org):
    return consignment_create(
        user=analyst, donor=org("ru-emercom"), origin=place("yerevan"), destination=place("stepanakert"), items=ITEMS,
        escort=org("ru-peacekeeping-contingent"), convoy="EMERCOM convoy 7", sector="shelter", planned_on=dt.date(2020, 11, 20),
        reference="EMR-07",
    )


def test_full_route_stamps_dates_and_delivery_feeds_tons_with_the_consignment_as_evidence(analyst, consignment):
    assert consignment_next_statuses(consignment) == ["in_transit", "cancelled"]
    consignment_dispatch(user=analyst, consignment=consignment, on=dt.date(2020, 11, 21))
    assert Observation.objects.count() == 0
    delivered = consignment_mark_delivered(user=analyst, consignment=consignment, on="2020-11-22")
    assert delivered.delivered_on == dt.date(2020, 11, 22) and delivered.dispatched_on == dt.date(2020, 11, 21)
    obs = Observation.objects.get(indicator__code="aid.tons_delivered")
    assert (obs.value, obs.date, obs.place.key, obs.organization.key, obs.derived_from) == (42.5, dt.date(2020, 11, 22), "stepanakert", "ru-emercom", delivered)
    distributed = consignment_mark_distributed(user=analyst, consignment=consignment, on=dt.date(2020, 11, 24))
    assert distributed.status == "distributed" and consignment_next_statuses(distributed) == []
    assert Observation.objects.filter(indicator__code="aid.tons_delivered").count() == 1
    latest = distributed.history.first()
    assert latest.history_user == analyst and latest.history_change_reason == "status delivered → distributed on 2020-11-24"


@pytest.mark.parametrize(
    "route, illegal",
    [([], "delivered"), ([], "distributed"), (["in_transit"], "planned"), (["in_transit", "delivered"], "cancelled"),
     (["cancelled"], "in_transit"), (["in_transit", "delivered", "distributed"], "delivered")],
)
def test_illegal_transitions_are_refused_naming_both_states(analyst, consignment, route, illegal):
    for status in route:
        consignment = consignment_transition(user=analyst, consignment=consignment, to=status, on=dt.date(2020, 11, 25))
    before = consignment.status
    with pytest.raises(ValidationError) as err:
        consignment_transition(user=analyst, consignment=consignment, to=illegal)
    assert err.value.field == "status"
    assert before in err.value.message and illegal in err.value.message
    assert Consignment.objects.get(pk=consignment.pk).status == before


def test_status_dates_cannot_go_backwards_or_into_the_future(analyst, consignment):
    with pytest.raises(ValidationError) as err:
        consignment_dispatch(user=analyst, consignment=consignment, on=dt.date(2020, 11, 19))
    assert err.value.field == "dispatched_on"
    with pytest.raises(ValidationError) as err:
        consignment_dispatch(user=analyst, consignment=consignment, on=dt.date.today() + dt.timedelta(days=2))
    assert err.value.field == "on"
    assert Consignment.objects.get(pk=consignment.pk).status == "planned"


def test_a_cancelled_consignment_feeds_nothing_and_keeps_the_reason(analyst, consignment):
    consignment_cancel(user=analyst, consignment=consignment, note="road closed")
    assert Observation.objects.count() == 0
    assert "road closed" in Consignment.objects.get(pk=consignment.pk).note


def test_archiving_a_delivered_consignment_archives_its_tonnage(analyst, consignment):
    consignment_dispatch(user=analyst, consignment=consignment, on=dt.date(2020, 11, 21))
    consignment_mark_delivered(user=analyst, consignment=consignment, on=dt.date(2020, 11, 22))
    consignment_archive(user=analyst, consignment=consignment)
    assert Observation.objects.active().count() == 0


@pytest.mark.parametrize(
    "items, message",
    [([], "at least one item"), ([{"kind": "", "quantity": 1}], "item 1"), ([{"kind": "flour", "quantity": -3}], "negative"),
     ([{"kind": "flour", "quantity": 3, "weight_tons": "heavy"}], "weight_tons"), ([{"kind": "flour", "quantity": 3, "colour": "red"}], "colour")],
)
def test_consignment_items_are_validated(analyst, place, org, items, message):
    with pytest.raises(ValidationError) as err:
        consignment_create(user=analyst, donor=org("wfp"), destination=place("martuni"), items=items)
    assert err.value.field == "items" and message in err.value.message
    assert Consignment.objects.count() == 0 and ConsignmentItem.objects.count() == 0


def test_items_can_be_added_only_while_planned(analyst, consignment):
    consignment_add_item(user=analyst, consignment=consignment, kind="blankets", quantity=1000, weight_tons=1.2)
    assert consignment.items.count() == 3
    consignment_dispatch(user=analyst, consignment=consignment, on=dt.date(2020, 11, 21))
    with pytest.raises(ValidationError):
        consignment_add_item(user=analyst, consignment=consignment, kind="blankets", quantity=1)


def test_needs_assessment_shows_requested_against_delivered(analyst, place, org, consignment):
    needs_assessment_create(user=analyst, place=place("stepanakert"), sector="shelter", item_kind="construction materials", quantity_requested=100, assessed_on=dt.date(2020, 11, 16))
    needs_assessment_create(user=analyst, place=place("stepanakert"), sector="shelter", item_kind="heaters", quantity_requested=2000, unit="pieces", assessed_on=dt.date(2020, 11, 16))
    rows = {(r.place.key, r.sector, r.unit): (r.requested, r.delivered) for r in needs_vs_delivered(user=analyst)}
    assert rows == {("stepanakert", "shelter", "tons"): (100, 0), ("stepanakert", "shelter", "pieces"): (2000, 0)}
    consignment_dispatch(user=analyst, consignment=consignment, on=dt.date(2020, 11, 21))
    consignment_mark_delivered(user=analyst, consignment=consignment, on=dt.date(2020, 11, 22))
    rows = {(r.place.key, r.sector, r.unit): r for r in needs_vs_delivered(user=analyst)}
    tons = rows[("stepanakert", "shelter", "tons")]
    assert (tons.requested, tons.delivered, tons.gap, tons.percent) == (100, 42.5, 57.5, 42.5)
    assert rows[("stepanakert", "shelter", "pieces")].delivered == 500


def test_a_party_cannot_move_a_consignment_it_cannot_see(analyst, party_am, place, org):
    hidden = consignment_create(user=analyst, donor=org("wfp"), destination=place("martuni"), items=ITEMS, sensitivity="internal")
    with pytest.raises(NotFound):
        consignment_dispatch(user=party_am, consignment=hidden, on=dt.date(2020, 11, 21))


def test_viewers_cannot_record_consignments(viewer, place, org):
    with pytest.raises(PermissionDenied):
        consignment_create(user=viewer, donor=org("wfp"), destination=place("martuni"), items=ITEMS)


def test_changing_a_delivered_consignments_destination_and_donor_moves_its_tonnage(analyst, consignment, place, org):
    consignment_dispatch(user=analyst, consignment=consignment, on=dt.date(2020, 11, 21))
    consignment_mark_delivered(user=analyst, consignment=consignment, on=dt.date(2020, 11, 22))
    consignment_update(user=analyst, consignment=consignment, destination=place("martuni"), donor=org("wfp"), convoy="WFP convoy 2")
    (tons,) = Observation.objects.active().filter(indicator__code="aid.tons_delivered")
    assert (tons.place.key, tons.organization.key, tons.value) == ("martuni", "wfp", 42.5)
    stored = Consignment.objects.get(pk=consignment.pk)
    assert (stored.convoy, stored.status) == ("WFP convoy 2", "delivered")
    assert stored.history.first().history_change_reason == "updated"


def test_changing_a_planned_consignment_feeds_nothing(analyst, consignment):
    consignment_update(user=analyst, consignment=consignment, reference="EMR-08", planned_on="2020-11-19", sensitivity="internal")
    stored = Consignment.objects.get(pk=consignment.pk)
    assert (stored.reference, stored.planned_on, stored.sensitivity) == ("EMR-08", dt.date(2020, 11, 19), "internal")
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"donor": None}, "donor"),
        ({"destination": None}, "destination"),
        ({"origin": "Yerevan"}, "origin"),
        ({"origin": "destination"}, "destination"),  # the same place as the destination
        ({"escort": "peacekeepers"}, "escort"),
        ({"sector": "knitting"}, "sector"),
        ({"planned_on": "next week"}, "planned_on"),
        ({"reference": "R" * 61}, "reference"),
        ({"status": "delivered"}, "status"),
        ({"delivered_on": dt.date(2020, 11, 22)}, "delivered_on"),
        ({"items": ITEMS}, "items"),
    ],
)
def test_a_consignment_change_with_bad_input_names_the_field_and_stores_nothing(analyst, consignment, place, refused, changes, field):
    if changes.get("origin") == "destination":
        changes = {"origin": place("stepanakert")}
    assert refused(consignment, consignment_update, user=analyst, consignment=consignment, **changes).field == field


def test_a_party_cannot_change_a_consignment_it_cannot_see_nor_a_viewer_any(analyst, party_am, viewer, place, org):
    hidden = consignment_create(user=analyst, donor=org("wfp"), destination=place("martuni"), items=ITEMS, sensitivity="internal")
    with pytest.raises(NotFound):
        consignment_update(user=party_am, consignment=hidden, convoy="ours")
    with pytest.raises(PermissionDenied):
        consignment_update(user=viewer, consignment=hidden, convoy="ours")
    assert Consignment.objects.get(pk=hidden.pk).convoy == ""
