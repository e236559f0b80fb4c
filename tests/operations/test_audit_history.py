"""Every change is kept (who, when, what, why); records are archived, never deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from factories import ObservationFactory
from sitroom.errors import PermissionDenied, ValidationError
from sitroom.operations.models import Event, Observation
from sitroom.operations.selectors import observation_list, record_get, records_for
from sitroom.operations.services.events import event_create, event_update
from sitroom.operations.services.observations import observation_create, observation_update
from sitroom.operations.services.records import record_archive, record_restore, record_update


@pytest.fixture
def observation(indicators, analyst_user):
    return observation_create(user=analyst_user, indicator="people.returned", value=100, date=dt.date(2021, 11, 20),
                              note="first count")


def test_every_change_is_kept_with_who_when_and_what(observation, analyst_user, user_of):
    editor = user_of("editor")
    before = timezone.now()
    observation_update(observation=observation, user=editor, value=120, reason="corrected after the briefing")
    record_archive(record=observation, user=analyst_user, reason="duplicate of another report")
    rows = list(observation.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in rows] == ["+", "~", "~"]
    assert [r.history_user for r in rows] == [analyst_user, editor, analyst_user]
    assert [r.history_change_reason for r in rows] == ["created", "corrected after the briefing", "duplicate of another report"]
    assert all(r.history_date >= before for r in rows[1:])
    assert [r.value for r in rows] == [100, 120, 120]
    delta = rows[1].diff_against(rows[0])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("value", 100, 120)]


def test_archiving_keeps_the_record_and_hides_it_from_lists(observation, analyst_user):
    record_archive(record=observation, user=analyst_user, reason="wrong place")
    stored = Observation.objects.get(pk=observation.pk)
    assert stored.is_archived and stored.archived_by == analyst_user
    assert list(records_for(analyst_user, Observation)) == []
    assert list(records_for(analyst_user, Observation, include_archived=True)) == [stored]
    assert list(observation_list(analyst_user)) == []
    assert record_get(analyst_user, Observation, stored.pk) == stored  # still reachable by its id


def test_archiving_twice_changes_nothing_more(observation, analyst_user):
    record_archive(record=observation, user=analyst_user)
    first = Observation.objects.get(pk=observation.pk).archived_at
    count = observation.history.count()
    record_archive(record=Observation.objects.get(pk=observation.pk), user=analyst_user)
    assert Observation.objects.get(pk=observation.pk).archived_at == first
    assert observation.history.count() == count


def test_records_cannot_be_deleted(observation):
    with pytest.raises(ValidationError, match="archived, not deleted"):
        observation.delete()
    assert Observation.objects.filter(pk=observation.pk).exists()


def test_an_archived_record_must_be_restored_before_it_changes(observation, analyst_user):
    record_archive(record=observation, user=analyst_user)
    with pytest.raises(ValidationError, match="archived"):
        record_update(record=Observation.objects.get(pk=observation.pk), user=analyst_user, value=5)
    restored = record_restore(record=Observation.objects.get(pk=observation.pk), user=analyst_user, reason="not a duplicate")
    assert not restored.is_archived
    assert restored.history.first().history_change_reason == "not a duplicate"
    record_update(record=restored, user=analyst_user, value=5)
    assert Observation.objects.get(pk=observation.pk).value == 5


def test_a_viewer_cannot_archive(observation, viewer_user):
    with pytest.raises(PermissionDenied):
        record_archive(record=observation, user=viewer_user)
    assert not Observation.objects.get(pk=observation.pk).is_archived


def test_event_history_records_each_change(analyst_user):
    event = event_create(user=analyst_user, kind="incident", title="Shooting", date=dt.date(2021, 11, 20))
    event_update(event=event, user=analyst_user, killed_military=1, reason="confirmed by the monitoring centre")
    record_archive(record=event, user=analyst_user, reason="merged")
    rows = list(Event.history.filter(id=event.pk).order_by("history_date", "history_id"))
    assert [(r.killed_military, r.history_change_reason) for r in rows] == [
        (0, "created"), (1, "confirmed by the monitoring centre"), (1, "merged")]
    assert rows[-1].archived_at is not None


def test_lists_respect_the_access_rule(indicators, analyst_user, user_of, orgs):
    returned = indicators["people.returned"]
    public = ObservationFactory(indicator=returned, sensitivity="public")
    partners = ObservationFactory(indicator=returned, sensitivity="partners")
    internal_a = ObservationFactory(indicator=returned, sensitivity="internal", submitted_by_org=orgs["party_a"])
    joint = ObservationFactory(indicator=returned, sensitivity="internal", joint_monitoring=True)
    assert set(records_for(analyst_user, Observation)) == {public, partners, internal_a, joint}
    assert set(records_for(user_of("viewer", org="partner"), Observation)) == {public, partners}
    assert set(records_for(user_of("viewer", org="party_a"), Observation)) == {public, internal_a, joint}
    assert set(records_for(user_of("viewer", org="party_b"), Observation)) == {public, joint}
    assert set(records_for(user_of("viewer", org="public"), Observation)) == {public}


def test_observation_list_filters(indicators, analyst_user):
    from factories import PlaceFactory

    martuni = PlaceFactory(key="martuni")
    a = ObservationFactory(indicator=indicators["people.returned"], date=dt.date(2021, 1, 5), place=martuni)
    b = ObservationFactory(indicator=indicators["people.returned"], date=dt.date(2021, 3, 5), verification="proposed")
    c = ObservationFactory(indicator=indicators["people.displaced"], date=dt.date(2021, 2, 5))
    assert list(observation_list(analyst_user)) == [b, c, a]
    assert list(observation_list(analyst_user, indicator="people.returned")) == [b, a]
    assert list(observation_list(analyst_user, place="martuni")) == [a]
    assert list(observation_list(analyst_user, date_from=dt.date(2021, 2, 1), date_to=dt.date(2021, 2, 28))) == [c]
    assert list(observation_list(analyst_user, indicator=indicators["people.returned"], verified_only=True)) == [a]
