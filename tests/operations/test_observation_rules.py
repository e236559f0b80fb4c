"""The rules every observation and event obeys, whichever way it is written (create, update, review)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from factories import ClaimFactory, ObservationFactory, SourceFactory
from sitroom.errors import PermissionDenied, ValidationError
from sitroom.operations.models import Consignment, Event, Observation
from sitroom.operations.services.events import event_create, event_update
from sitroom.operations.services.observations import observation_create, observation_update
from sitroom.operations.services.records import record_update, transition


@pytest.fixture
def source(db):
    return SourceFactory(published=dt.date(2021, 11, 26))


def create(user, **overrides):
    fields = {"indicator": "people.returned", "value": 53000, "date": dt.date(2021, 11, 26)}
    fields.update(overrides)
    return observation_create(user=user, **fields)


def test_a_valid_observation_is_stored_with_its_author(indicators, analyst_user, source):
    observation = create(analyst_user, source=source, note="from the daily briefing")
    stored = Observation.objects.get(pk=observation.pk)
    assert (stored.indicator.code, stored.value, stored.unit) == ("people.returned", 53000, "people")
    assert stored.created_by == analyst_user
    assert stored.submitted_by_org == analyst_user.organization
    assert stored.verification == "verified"


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"value": -1}, "value", "negative"),
        ({"value": "a lot"}, "value", "not a number"),
        ({"value": float("nan")}, "value", "finite"),
        ({"value": None}, "value", "number"),
        ({"indicator": "people.teleported"}, "indicator", "Unknown indicator"),
        ({"indicator": ""}, "indicator", "required"),
        ({"date": dt.date(2021, 11, 27)}, "date", "after the source's publication date 2021-11-26"),
        ({"sensitivity": "secret"}, "sensitivity", "sensitivity"),
        ({"verification": "guessed"}, "verification", "verification"),
    ],
)
def test_a_broken_rule_is_refused_naming_the_field(indicators, analyst_user, source, overrides, field, words):
    with pytest.raises(ValidationError) as err:
        create(analyst_user, source=source, **overrides)
    assert err.value.field == field
    assert words in err.value.message
    assert not Observation.objects.exists()


def test_the_date_rule_uses_the_claims_source_too(indicators, analyst_user, source):
    claim = ClaimFactory(source=source)
    with pytest.raises(ValidationError) as err:
        create(analyst_user, claim=claim, date=dt.date(2021, 12, 1))
    assert err.value.field == "date"


def test_a_future_date_is_refused(indicators, analyst_user):
    with pytest.raises(ValidationError) as err:
        create(analyst_user, date=timezone.localdate() + dt.timedelta(days=1))
    assert err.value.field == "date" and "future" in err.value.message


def test_updates_obey_the_same_rules(indicators, analyst_user, source):
    observation = create(analyst_user, source=source)
    for fields, field in (({"value": -3}, "value"), ({"indicator": "nope"}, "indicator"),
                          ({"date": dt.date(2022, 1, 1)}, "date"), ({"sensitivity": "open"}, "sensitivity")):
        with pytest.raises(ValidationError) as err:
            observation_update(observation=Observation.objects.get(pk=observation.pk), user=analyst_user, **fields)
        assert err.value.field == field
    stored = Observation.objects.get(pk=observation.pk)
    assert (stored.value, stored.indicator.code, stored.date) == (53000, "people.returned", dt.date(2021, 11, 26))
    observation_update(observation=stored, user=analyst_user, value=54000, indicator="people.displaced")
    stored.refresh_from_db()
    assert (stored.value, stored.indicator.code) == (54000, "people.displaced")


def test_a_viewer_cannot_write_observations(indicators, viewer_user):
    with pytest.raises(PermissionDenied):
        create(viewer_user)
    observation = ObservationFactory(indicator=indicators["people.returned"])
    with pytest.raises(PermissionDenied):
        observation_update(observation=observation, user=viewer_user, value=1)


def test_generic_updates_refuse_unknown_and_protected_fields(indicators, analyst_user):
    observation = ObservationFactory(indicator=indicators["people.returned"])
    with pytest.raises(ValidationError) as err:
        record_update(record=observation, user=analyst_user, colour="red")
    assert err.value.field == "colour"
    with pytest.raises(ValidationError) as err:
        record_update(record=observation, user=analyst_user, created_by=None)
    assert err.value.field == "created_by"


# --- events ---------------------------------------------------------------------------------------------------


def test_a_valid_event_is_stored_with_its_places(analyst_user, source):
    from factories import PlaceFactory

    martuni = PlaceFactory(key="martuni", name="Martuni")
    event = event_create(user=analyst_user, kind="incident", title="Shelling near Martuni", date=dt.date(2021, 11, 20),
                         places=[martuni], injured_civilian=2, source=source)
    assert list(event.places.all()) == [martuni]
    assert event.injured == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"killed_civilian": -1}, "killed_civilian"),
        ({"injured_peacekeeper": -2}, "injured_peacekeeper"),
        ({"date": timezone.localdate() + dt.timedelta(days=2)}, "date"),
        ({"kind": "picnic"}, "kind"),
        ({"title": "  "}, "title"),
        ({"wounded": 3}, "wounded"),
    ],
)
def test_event_rules_are_enforced_naming_the_field(analyst_user, fields, field):
    values = {"kind": "incident", "title": "Shooting at a post", "date": dt.date(2021, 11, 20)}
    values.update(fields)
    with pytest.raises(ValidationError) as err:
        event_create(user=analyst_user, **values)
    assert err.value.field == field
    assert not Event.objects.exists()


def test_an_event_cannot_be_dated_after_the_report_that_states_it(analyst_user, source):
    with pytest.raises(ValidationError) as err:
        event_create(user=analyst_user, kind="meeting", title="Talks", date=dt.date(2021, 12, 5), source=source)
    assert err.value.field == "date"


def test_event_updates_obey_the_rules(analyst_user):
    event = event_create(user=analyst_user, kind="incident", title="Shooting", date=dt.date(2021, 11, 20))
    with pytest.raises(ValidationError) as err:
        event_update(event=event, user=analyst_user, killed_military=-4)
    assert err.value.field == "killed_military"
    assert Event.objects.get().killed_military == 0
    event_update(event=Event.objects.get(), user=analyst_user, killed_military=1, title="Shooting at post 7")
    assert Event.objects.get().killed == 1


# --- status transitions -----------------------------------------------------------------------------------------


def test_transition_refuses_a_move_the_table_does_not_allow():
    table = {"planned": {"in_transit"}, "in_transit": {"delivered"}, "delivered": {"distributed"}, "distributed": set()}
    consignment = Consignment(status="delivered")
    with pytest.raises(ValidationError) as err:
        transition(consignment, "status", "planned", table)
    assert err.value.field == "status"
    assert err.value.message.startswith("Cannot move consignment from delivered to planned")
    assert consignment.status == "delivered"
    transition(consignment, "status", "distributed", table)
    assert consignment.status == "distributed"
    with pytest.raises(ValidationError, match="Unknown status 'lost'"):
        transition(consignment, "status", "lost", table)


def test_generic_updates_follow_the_consignment_status_table(analyst_user, orgs):
    from factories import PlaceFactory

    consignment = Consignment.objects.create(donor=orgs["partner"], destination=PlaceFactory(), status="delivered")
    with pytest.raises(ValidationError) as err:
        record_update(record=consignment, user=analyst_user, status="planned")
    assert err.value.field == "status"
    assert Consignment.objects.get().status == "delivered"
    record_update(record=consignment, user=analyst_user, status="distributed")
    assert Consignment.objects.get().status == "distributed"


def test_moving_a_figure_to_another_indicator_is_dated_and_other_changes_are_not(indicators, analyst_user):
    observation = create(analyst_user)
    assert observation.indicator_changed_at is None
    observation = observation_update(user=analyst_user, observation=Observation.objects.get(pk=observation.pk), value=54000)
    assert Observation.objects.get(pk=observation.pk).indicator_changed_at is None
    observation_update(user=analyst_user, observation=Observation.objects.get(pk=observation.pk), indicator="people.displaced")
    moved = Observation.objects.get(pk=observation.pk)
    assert moved.indicator.code == "people.displaced" and moved.indicator_changed_at is not None
