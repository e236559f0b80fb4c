import datetime as dt

import pytest

from sitroom.errors import ValidationError
from sitroom.operations.models import Observation
from sitroom.operations.services.reconstruction import (
    reconstruction_next_statuses,
    reconstruction_object_archive,
    reconstruction_object_create,
    reconstruction_object_set_status,
    reconstruction_object_update,
    reconstruction_summary,
)


@pytest.fixture
def block(analyst, place, org):
    return reconstruction_object_create(user=analyst, name="Block 12, Tigranyan street", kind="apartment_block", place=place("stepanakert"), units=24, damage="severe", organization=org("ihrc-stepanakert"))


def test_restoring_feeds_infrastructure_restored_with_units_and_the_object_as_evidence(analyst, block):
    assert reconstruction_next_statuses(block) == ["planned", "in_progress"]
    reconstruction_object_set_status(user=analyst, obj=block, status="in_progress")
    assert Observation.objects.count() == 0
    restored = reconstruction_object_set_status(user=analyst, obj=block, status="restored", on=dt.date(2020, 12, 10))
    obs = Observation.objects.get(indicator__code="infrastructure.restored")
    assert (obs.value, obs.date, obs.place.key, obs.derived_from) == (24, dt.date(2020, 12, 10), "stepanakert", restored)
    assert reconstruction_summary(user=analyst) == {"apartment_block": {"restored": 24}}
    reconstruction_object_archive(user=analyst, obj=restored)
    assert Observation.objects.active().count() == 0


@pytest.mark.parametrize("route, illegal", [([], "restored"), (["in_progress", "restored"], "in_progress"), (["planned"], "restored")])
def test_illegal_restoration_moves_are_refused_naming_both_states(analyst, block, route, illegal):
    for status in route:
        block = reconstruction_object_set_status(user=analyst, obj=block, status=status, on=dt.date(2020, 12, 1))
    with pytest.raises(ValidationError) as err:
        reconstruction_object_set_status(user=analyst, obj=block, status=illegal)
    assert err.value.field == "status" and block.status in err.value.message and illegal in err.value.message


@pytest.mark.parametrize("changes, field", [({"kind": "castle"}, "kind"), ({"units": 0}, "units"), ({"damage": "bad"}, "damage"), ({"name": ""}, "name")])
def test_object_registration_rules(analyst, place, changes, field):
    args = {"user": analyst, "name": "School no. 1", "kind": "school", "place": place("martuni")}
    args.update(changes)
    with pytest.raises(ValidationError) as err:
        reconstruction_object_create(**args)
    assert err.value.field == field


def test_changing_a_restored_objects_units_moves_its_infrastructure_restored(analyst, block, org):
    for status in ("in_progress", "restored"):
        block = reconstruction_object_set_status(user=analyst, obj=block, status=status, on=dt.date(2020, 12, 10))
    reconstruction_object_update(user=analyst, obj=block, units=20, organization=org("icrc"))
    (obs,) = Observation.objects.active().filter(indicator__code="infrastructure.restored")
    assert (obs.value, obs.organization.key, obs.date) == (20, "icrc", dt.date(2020, 12, 10))


def test_changing_an_object_not_yet_restored_feeds_nothing(analyst, block):
    changed = reconstruction_object_update(user=analyst, obj=block, name="Block 12", damage="destroyed")
    assert (changed.name, changed.damage, changed.status) == ("Block 12", "destroyed", "damaged")
    assert changed.history.first().history_change_reason == "updated"
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    "changes, field",
    [({"units": 0}, "units"), ({"kind": "palace"}, "kind"), ({"damage": "some"}, "damage"), ({"place": None}, "place"),
     ({"organization": "ICRC"}, "organization"), ({"status": "restored"}, "status"), ({"restored_on": dt.date(2020, 12, 1)}, "restored_on")],
)
def test_an_object_change_with_bad_input_names_the_field_and_stores_nothing(analyst, block, refused, changes, field):
    assert refused(block, reconstruction_object_update, user=analyst, obj=block, **changes).field == field


def test_a_new_object_is_checked_by_the_same_field_rules_as_an_edit(analyst, place):
    with pytest.raises(ValidationError) as err:
        reconstruction_object_create(user=analyst, name="School 2", kind="school", place=place("martuni"), organization="ICRC")
    assert err.value.field == "organization"
