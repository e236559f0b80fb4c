import datetime as dt

import pytest

from sitroom.errors import ValidationError
from sitroom.operations.models import Evacuation, Observation, ShelterOccupancy
from sitroom.operations.services.feeds import derived_observations
from sitroom.operations.services.people import (
    evacuation_archive,
    evacuation_create,
    evacuation_update,
    return_movement_archive,
    return_movement_create,
    return_movement_update,
    returns_per_place,
    shelter_archive,
    shelter_create,
    shelter_record_occupancy,
    shelter_update,
    shelters_overcrowded,
)

D = dt.date(2020, 11, 18)


@pytest.fixture
def shelter(analyst, place, org):
    return shelter_create(user=analyst, name="Goris school no. 3", place=place("goris"), capacity=100, operator=org("armenian-red-cross"), has_meals=True)


def test_completed_evacuation_feeds_people_evacuated_with_the_evacuation_as_evidence(analyst, place, shelter, org):
    evacuation = evacuation_create(user=analyst, date=D, people=120, children=45, origin=place("martuni"), shelter=shelter, organization=org("ihrc"))
    assert evacuation.destination.key == "goris"
    obs = Observation.objects.get(indicator__code="people.evacuated")
    assert (obs.value, obs.date, obs.place.key, obs.derived_from) == (120, D, "martuni", evacuation)


def test_planned_evacuation_feeds_nothing_until_completed(analyst, place):
    evacuation = evacuation_create(user=analyst, date=D, people=50, origin=place("martuni"), status="planned")
    assert Observation.objects.count() == 0
    evacuation_update(user=analyst, evacuation=evacuation, status="completed", people=55)
    assert derived_observations(evacuation).get().value == 55
    evacuation_archive(user=analyst, evacuation=evacuation)
    assert Observation.objects.active().count() == 0


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"children": 121}, "children"),
        ({"people": 0}, "people"),
        ({"date": dt.date.today() + dt.timedelta(days=3)}, "date"),
        ({"origin": None}, "origin"),
    ],
)
def test_evacuation_rules(analyst, place, changes, field):
    args = {"user": analyst, "date": D, "people": 120, "origin": place("martuni")}
    args.update(changes)
    with pytest.raises(ValidationError) as err:
        evacuation_create(**args)
    assert err.value.field == field
    assert Evacuation.objects.count() == 0


def test_daily_occupancy_feeds_people_sheltered_and_flags_overcrowding(analyst, shelter):
    first = shelter_record_occupancy(user=analyst, shelter=shelter, date=D, occupancy=80)
    assert not first.overcrowded
    second = shelter_record_occupancy(user=analyst, shelter=shelter, date=D + dt.timedelta(days=1), occupancy=130)
    assert second.overcrowded and second.shelter.occupancy == 130
    shelter.refresh_from_db()
    assert shelter.overcrowded and shelters_overcrowded(analyst) == [shelter]
    sheltered = Observation.objects.filter(indicator__code="people.sheltered").order_by("date")
    assert [(o.value, o.date, o.derived_from) for o in sheltered] == [(80, D, first.update), (130, D + dt.timedelta(days=1), second.update)]
    assert sheltered[0].sensitivity == shelter.sensitivity


def test_correcting_a_days_count_replaces_it_and_an_older_day_does_not_become_current(analyst, shelter):
    shelter_record_occupancy(user=analyst, shelter=shelter, date=D + dt.timedelta(days=1), occupancy=90)
    shelter_record_occupancy(user=analyst, shelter=shelter, date=D, occupancy=70)
    shelter_record_occupancy(user=analyst, shelter=shelter, date=D, occupancy=75)
    shelter.refresh_from_db()
    assert shelter.occupancy == 90
    assert ShelterOccupancy.objects.filter(shelter=shelter).count() == 2
    assert sorted(Observation.objects.values_list("value", flat=True)) == [75, 90]


def test_shelter_capacity_and_occupancy_limits(analyst, place, shelter):
    with pytest.raises(ValidationError) as err:
        shelter_create(user=analyst, name="X", place=place("goris"), capacity=0)
    assert err.value.field == "capacity"
    with pytest.raises(ValidationError) as err:
        shelter_record_occupancy(user=analyst, shelter=shelter, date=D, occupancy=-5)
    assert err.value.field == "occupancy"


def test_return_movements_feed_people_returned_per_place(analyst, place, org):
    a = return_movement_create(user=analyst, destination=place("stepanakert"), date=D, people=1200, origin=place("yerevan"), escorted_by=org("ru-peacekeeping-contingent"))
    return_movement_create(user=analyst, destination=place("stepanakert"), date=D + dt.timedelta(days=2), people=800)
    return_movement_create(user=analyst, destination=place("martuni"), date=D, people=300)
    obs = derived_observations(a).get()
    assert (obs.indicator.code, obs.value, obs.place.key, obs.organization.key) == ("people.returned", 1200, "stepanakert", "ru-peacekeeping-contingent")
    totals = {r["place"].key: (r["people"], r["movements"]) for r in returns_per_place(user=analyst)}
    assert totals == {"stepanakert": (2000, 2), "martuni": (300, 1)}
    with pytest.raises(ValidationError) as err:
        return_movement_create(user=analyst, destination=place("martuni"), date=D, people="many")
    assert err.value.field == "people"


def test_changing_a_shelter_keeps_its_counts_and_archiving_it_withdraws_them(analyst, shelter, org):
    shelter_record_occupancy(user=analyst, shelter=shelter, date=D, occupancy=80)
    shelter_update(user=analyst, shelter=shelter, capacity="150", has_medical=1, operator=org("icrc"), note=" second floor open ")
    shelter.refresh_from_db()
    assert (shelter.capacity, shelter.has_medical, shelter.operator.key, shelter.note, shelter.occupancy) == (150, True, "icrc", "second floor open", 80)
    shelter_archive(user=analyst, shelter=shelter)
    assert Observation.objects.filter(indicator__code="people.sheltered").active().count() == 0


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"capacity": 0}, "capacity"),
        ({"name": ""}, "name"),
        ({"place": None}, "place"),
        ({"operator": "Red Cross"}, "operator"),
        ({"occupancy": 20}, "occupancy"),
        ({"capacity": 0, "beds": 10}, "beds"),
    ],
)
def test_a_shelter_change_with_bad_input_names_the_field_and_stores_nothing(analyst, shelter, refused, changes, field):
    assert refused(shelter, shelter_update, user=analyst, shelter=shelter, **changes).field == field


def test_a_return_movement_changed_moves_its_people_returned(analyst, place, refused):
    movement = return_movement_create(user=analyst, destination=place("stepanakert"), date=D, people=100)
    return_movement_update(user=analyst, movement=movement, destination=place("martuni"), people=90)
    obs = derived_observations(movement).get()
    assert (obs.value, obs.place.key) == (90, "martuni")
    assert refused(movement, return_movement_update, user=analyst, movement=movement, destination=None).field == "destination"
    return_movement_archive(user=analyst, movement=movement)
    assert derived_observations(movement).active().count() == 0
