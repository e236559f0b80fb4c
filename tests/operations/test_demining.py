import datetime as dt

import pytest

from sitroom.errors import NotFound, PermissionDenied, ValidationError
from sitroom.operations.models import ClearanceTask, Observation
from sitroom.operations.services.demining import (
    clearance_task_archive,
    clearance_task_create,
    clearance_task_update,
    hazardous_area_create,
    hazardous_area_progress,
    hazardous_area_update,
)
from sitroom.operations.services.feeds import derived_observations
from sitroom.operations.services.records import record_archive

START = dt.date(2020, 11, 20)


@pytest.fixture
def area(analyst, place):
    return hazardous_area_create(user=analyst, name="Fields south of Martuni", place=place("martuni"), estimated_area_m2=10_000, contamination="AP mines, UXO")


def _task(user, area, org, **kw):
    args = {"user": user, "area": area, "organization": org("international-demining-center"), "start": START}
    args.update(kw)
    return clearance_task_create(**args)


def test_task_feeds_area_cleared_and_items_destroyed_with_the_task_as_evidence(analyst, area, org):
    task = _task(analyst, area, org, area_cleared_m2=4000, items_destroyed={"anti-personnel mine": 12, "UXO": 30}, end=dt.date(2020, 11, 25), status="completed")
    cleared = Observation.objects.get(indicator__code="demining.area_cleared")
    destroyed = Observation.objects.get(indicator__code="demining.items_destroyed")
    assert cleared.value == 4000 and cleared.derived_from == task and cleared.place.key == "martuni"
    assert cleared.date == dt.date(2020, 11, 25) and cleared.organization.key == "international-demining-center"
    assert destroyed.value == 42 and destroyed.derived_from == task
    assert cleared.history.first().history_user == analyst


def test_updating_a_task_updates_its_one_derived_observation(analyst, area, org):
    task = _task(analyst, area, org, area_cleared_m2=1000, reported_on=dt.date(2020, 11, 22))
    clearance_task_update(user=analyst, task=task, area_cleared_m2=2500, reported_on=dt.date(2020, 11, 24))
    observations = derived_observations(task).filter(indicator__code="demining.area_cleared")
    assert [(o.value, o.date) for o in observations] == [(2500, dt.date(2020, 11, 24))]


def test_archiving_a_task_archives_the_observations_it_fed(analyst, area, org):
    task = _task(analyst, area, org, area_cleared_m2=1000, items_destroyed={"UXO": 3})
    clearance_task_archive(user=analyst, task=task)
    assert Observation.objects.active().count() == 0
    assert derived_observations(task).count() == 2
    # Its area no longer counts against the estimate.
    _task(analyst, area, org, area_cleared_m2=10_000)


def test_area_cleared_summed_over_tasks_cannot_exceed_the_estimate(analyst, area, org):
    first = _task(analyst, area, org, area_cleared_m2=6000)
    with pytest.raises(ValidationError) as err:
        _task(analyst, area, org, area_cleared_m2=4001)
    assert err.value.field == "area_cleared_m2" and "10,000" in err.value.message
    _task(analyst, area, org, area_cleared_m2=4000)
    with pytest.raises(ValidationError):
        clearance_task_update(user=analyst, task=first, area_cleared_m2=6001)
    first.refresh_from_db()
    assert first.area_cleared_m2 == 6000
    assert derived_observations(first).get(indicator__code="demining.area_cleared").value == 6000


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"end": dt.date(2020, 11, 19)}, "end"),
        ({"status": "completed"}, "end"),
        ({"items_found": {"": 3}}, "items_found"),
        ({"items_destroyed": {"UXO": -1}}, "items_destroyed"),
        ({"items_destroyed": {"UXO": 1.5}}, "items_destroyed"),
        ({"area_cleared_m2": "a lot"}, "area_cleared_m2"),
        ({"status": "exploded"}, "status"),
    ],
)
def test_task_rules_refuse_bad_input_and_store_nothing(analyst, area, org, changes, field):
    with pytest.raises(ValidationError) as err:
        _task(analyst, area, org, **changes)
    assert err.value.field == field
    assert ClearanceTask.objects.count() == 0 and Observation.objects.count() == 0


def test_progress_per_area_adds_tasks_and_items_by_type(analyst, area, org):
    _task(analyst, area, org, area_cleared_m2=2500, items_destroyed={"UXO": 3})
    _task(analyst, area, org, organization=org("halo-trust"), area_cleared_m2=2500, items_destroyed={"UXO": 2, "anti-tank mine": 1})
    (row,) = hazardous_area_progress(user=analyst)
    assert (row.cleared_m2, row.percent, row.remaining_m2, row.tasks) == (5000, 50.0, 5000, 2)
    assert row.items_destroyed == {"UXO": 5, "anti-tank mine": 1}


def test_estimated_area_must_be_positive_and_viewers_cannot_write(analyst, viewer, place):
    with pytest.raises(ValidationError) as err:
        hazardous_area_create(user=analyst, name="X", place=place("sos"), estimated_area_m2=0)
    assert err.value.field == "estimated_area_m2"
    with pytest.raises(PermissionDenied):
        hazardous_area_create(user=viewer, name="X", place=place("sos"), estimated_area_m2=10)


def test_changing_a_hazardous_area_records_who_and_why(analyst, area, place):
    changed = hazardous_area_update(user=analyst, area=area, name="Fields south-east of Martuni", estimated_area_m2=12_000,
                                    place=place("sos"), sensitivity="internal")
    area.refresh_from_db()
    assert (area.name, area.estimated_area_m2, area.place.key, area.sensitivity) == ("Fields south-east of Martuni", 12_000, "sos", "internal")
    assert changed == area
    latest = area.history.first()
    assert latest.history_user == analyst and latest.history_change_reason == "updated"


def test_a_hazardous_areas_estimate_cannot_fall_below_what_its_tasks_cleared(analyst, area, org, refused):
    _task(analyst, area, org, area_cleared_m2=6000)
    error = refused(area, hazardous_area_update, user=analyst, area=area, estimated_area_m2=5999)
    assert error.field == "estimated_area_m2" and "6,000" in error.message


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": "  "}, "name"),
        ({"place": None}, "place"),
        ({"place": "martuni"}, "place"),
        ({"estimated_area_m2": 0}, "estimated_area_m2"),
        ({"estimated_area_m2": "large"}, "estimated_area_m2"),
        ({"contamination": "x" * 201}, "contamination"),
        ({"sensitivity": "secret"}, "sensitivity"),
        ({"submitted_by_org": "ihrc"}, "submitted_by_org"),
        ({"colour": "red"}, "colour"),
        ({"archived_at": None}, "archived_at"),
        # An unknown field is named before any value is looked at.
        ({"name": "", "colour": "red"}, "colour"),
    ],
)
def test_a_hazardous_area_change_with_bad_input_names_the_field_and_stores_nothing(analyst, area, refused, changes, field):
    assert refused(area, hazardous_area_update, user=analyst, area=area, **changes).field == field


def test_viewers_cannot_change_a_hazardous_area_nor_anyone_an_archived_one(analyst, viewer, area, refused):
    with pytest.raises(PermissionDenied):
        hazardous_area_update(user=viewer, area=area, name="Y")
    record_archive(record=area, user=analyst)
    error = refused(area, hazardous_area_update, user=analyst, area=area, name="Y")
    assert error.field == "area" and "archived" in error.message


def test_a_party_cannot_change_an_area_it_cannot_see(analyst, party_am, place):
    hidden = hazardous_area_create(user=analyst, name="Sealed zone", place=place("martuni"), estimated_area_m2=500, sensitivity="internal")
    with pytest.raises(NotFound):
        hazardous_area_update(user=party_am, area=hidden, name="Open zone")
    hidden.refresh_from_db()
    assert hidden.name == "Sealed zone"
