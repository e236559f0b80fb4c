import datetime as dt

import pytest

from sitroom.errors import ValidationError
from sitroom.operations.models import Observation
from sitroom.operations.services.reconstruction import (
    reconstruction_next_statuses,
    reconstruction_object_archive,
    reconstruction_object_create,
    reconstruction_object_set_status,
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
