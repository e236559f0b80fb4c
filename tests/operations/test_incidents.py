import datetime as dt

import pytest

from sitroom.errors import PermissionDenied, ValidationError
from sitroom.operations.models import Event
from sitroom.operations.services.incidents import (
    haversine_km,
    incident_create,
    incident_field_sources,
    incident_merge,
    incident_positions,
    incident_record_position,
    incident_weekly_counts,
    incidents,
    incidents_likely_duplicates,
)

D = dt.date(2020, 11, 20)


def _incident(user, place, *, kind="shooting", date=D, title="Shooting near Taghavard", **kw):
    return incident_create(user=user, incident_kind=kind, title=title, date=date, places=[place], **kw)


def test_incident_create_keeps_casualties_by_group_and_records_its_own_field_sources(analyst, place, org):
    event = _incident(
        analyst, place("taghavard"), casualties={"killed_military": 1, "injured_civilian": 2}, reported_by=org("az-mod")
    )
    assert event.kind == "incident" and event.killed == 1 and event.injured == 2
    assert event.field_sources["killed_military"] == [{"value": 1, "event": event.pk, "reported_by": "az-mod", "source": None}]
    assert event.field_sources["places"][0]["value"] == ["taghavard"]
    assert event.history.first().history_user == analyst


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"incident_kind": "picnic"}, "incident_kind"),
        ({"title": "  "}, "title"),
        ({"date": "20 Nov"}, "date"),
        ({"casualties": {"killed_civilian": -1}}, "killed_civilian"),
        ({"casualties": {"killed_goats": 1}}, "casualties"),
    ],
)
def test_incident_create_refuses_bad_input_naming_the_field(analyst, place, changes, field):
    args = {"user": analyst, "incident_kind": "shelling", "title": "Shelling", "date": D, "places": [place("sos")]}
    args.update(changes)
    with pytest.raises(ValidationError) as err:
        incident_create(**args)
    assert err.value.field == field
    assert Event.objects.count() == 0


def test_viewers_cannot_report_incidents(viewer, place):
    with pytest.raises(PermissionDenied):
        _incident(viewer, place("sos"))


def test_positions_side_by_side_and_a_partys_internal_note_is_hidden_from_the_other_party(
    analyst, party_am, party_az, place, org
):
    event = _incident(analyst, place("taghavard"), joint_monitoring=True)
    incident_record_position(user=party_am, incident=event, organization=org("am-government"), position="confirmed", note="our post saw it")
    incident_record_position(
        user=party_az, incident=event, organization=org("az-government"), position="disputed", note="unit was elsewhere; source X", internal=True
    )
    incident_record_position(user=analyst, incident=event, organization=org("ru-peacekeeping-contingent"), position="unverifiable")

    seen_by_am = {p.organization.key: p for p in incident_positions(user=party_am, incident=event)}
    assert set(seen_by_am) == {"am-government", "az-government", "ru-peacekeeping-contingent"}
    assert seen_by_am["az-government"].position == "disputed"
    assert seen_by_am["az-government"].note == "" and seen_by_am["az-government"].note_hidden
    assert seen_by_am["am-government"].note == "our post saw it"

    seen_by_az = {p.organization.key: p for p in incident_positions(user=party_az, incident=event)}
    assert seen_by_az["az-government"].note == "unit was elsewhere; source X"
    seen_by_operation = {p.organization.key: p for p in incident_positions(user=analyst, incident=event)}
    assert seen_by_operation["az-government"].note == "unit was elsewhere; source X"
    # The monitoring centre's position is the incident's verification status.
    event.refresh_from_db()
    assert event.verification == "unverifiable"


def test_a_party_cannot_record_another_partys_position(party_am, analyst, place, org):
    event = _incident(analyst, place("taghavard"), joint_monitoring=True)
    with pytest.raises(PermissionDenied):
        incident_record_position(user=party_am, incident=event, organization=org("az-government"), position="confirmed")


def test_recording_a_position_again_replaces_it_and_refuses_unknown_positions(analyst, place, org):
    event = _incident(analyst, place("taghavard"))
    incident_record_position(user=analyst, incident=event, organization=org("ihrc"), position="confirmed")
    incident_record_position(user=analyst, incident=event, organization=org("ihrc"), position="disputed", note="new evidence")
    assert event.positions.get().position == "disputed"
    with pytest.raises(ValidationError) as err:
        incident_record_position(user=analyst, incident=event, organization=org("ihrc"), position="maybe")
    assert err.value.field == "position"


def test_a_party_cannot_see_another_partys_internal_incident(party_am, party_az, place):
    hidden = _incident(party_az, place("taghavard"), sensitivity="internal")
    assert hidden not in incidents(party_am)
    assert hidden in incidents(party_az)


def test_haversine_gives_the_great_circle_distance_yerevan_baku():
    assert 450 < haversine_km((40.1792, 44.4991), (40.4093, 49.8671)) < 462
    assert haversine_km((39.8, 46.7), (39.8, 46.7)) == 0


def test_duplicates_are_proposed_for_same_kind_nearby_place_and_close_time(analyst, place):
    a = _incident(analyst, place("taghavard"), title="Shooting reported by A")
    b = _incident(analyst, place("taghavard"), date=D + dt.timedelta(days=1), title="Shooting reported by B")
    far_in_time = _incident(analyst, place("taghavard"), date=D + dt.timedelta(days=5))
    other_kind = _incident(analyst, place("taghavard"), kind="shelling")
    far_away = _incident(analyst, place("lachin"))
    pairs = incidents_likely_duplicates(user=analyst)
    assert [(p.incident.pk, p.other.pk) for p in pairs] == [(a.pk, b.pk)]
    assert pairs[0].distance_km == 0 and pairs[0].days_apart == 1
    for lone in (far_in_time, other_kind, far_away):
        assert incidents_likely_duplicates(user=analyst, incident=lone) == []
    assert [p.other.pk for p in incidents_likely_duplicates(user=analyst, incident=b)] == [a.pk]


def test_merge_keeps_per_field_which_report_said_what_and_archives_the_merged(analyst, party_am, place, org):
    a = _incident(analyst, place("taghavard"), casualties={"injured_military": 1}, reported_by=org("am-mod"), joint_monitoring=True)
    b = _incident(
        analyst, place("sos"), date=D + dt.timedelta(days=1), casualties={"injured_military": 2, "killed_military": 1},
        reported_by=org("az-mod"), description="Fire from small arms", joint_monitoring=True,
    )
    incident_record_position(user=party_am, incident=b, organization=org("am-government"), position="disputed")
    survivor = incident_merge(user=analyst, survivor=a, duplicates=[b], choices={"date": b.pk}, reason="same exchange of fire")

    survivor.refresh_from_db()
    b.refresh_from_db()
    assert b.merged_into == survivor and b.archived_at is not None
    assert survivor.date == b.date  # chosen
    assert survivor.injured_military == 1  # its own value kept
    assert survivor.killed_military == 1  # blank filled from the other report
    assert survivor.description == "Fire from small arms"
    said = {(e["reported_by"], e["value"]) for e in survivor.field_sources["injured_military"]}
    assert said == {("am-mod", 1), ("az-mod", 2)}
    assert {p.key for p in survivor.places.all()} == {"taghavard", "sos"}
    assert survivor.positions.get().organization.key == "am-government"
    assert b not in incidents(analyst)
    assert incidents_likely_duplicates(user=analyst) == []


def test_merge_refuses_merging_into_itself_or_twice(analyst, place):
    a = _incident(analyst, place("taghavard"))
    b = _incident(analyst, place("taghavard"))
    with pytest.raises(ValidationError):
        incident_merge(user=analyst, survivor=a, duplicates=[a])
    with pytest.raises(ValidationError) as err:
        incident_merge(user=analyst, survivor=a, duplicates=[b], choices={"colour": b.pk})
    assert err.value.field == "choices"
    incident_merge(user=analyst, survivor=a, duplicates=[b])
    with pytest.raises(ValidationError):
        incident_merge(user=analyst, survivor=a, duplicates=[b])


def test_field_sources_of_a_report_the_user_may_not_see_are_not_shown(analyst, party_am, party_az, place, org):
    public = _incident(analyst, place("taghavard"), sensitivity="public", reported_by=org("am-mod"))
    secret = _incident(party_az, place("taghavard"), sensitivity="internal", reported_by=org("az-mod"))
    incident_merge(user=analyst, survivor=public, duplicates=[secret])
    public.refresh_from_db()
    reporters_seen_by_am = {e["reported_by"] for e in incident_field_sources(user=party_am, incident=public)["date"]}
    assert reporters_seen_by_am == {"am-mod"}
    assert {e["reported_by"] for e in incident_field_sources(user=analyst, incident=public)["date"]} == {"am-mod", "az-mod"}


def test_weekly_counts_per_area_and_kind(analyst, place):
    _incident(analyst, place("taghavard"), date=dt.date(2020, 11, 16))
    _incident(analyst, place("sos"), date=dt.date(2020, 11, 19))
    _incident(analyst, place("sos"), date=dt.date(2020, 11, 19), kind="shelling")
    _incident(analyst, place("lachin"), date=dt.date(2020, 11, 23))
    rows = {(r.week.isoformat(), r.area.key, r.incident_kind): r.count for r in incident_weekly_counts(user=analyst)}
    assert rows == {
        ("2020-11-16", "khojavend-district", "shooting"): 2,
        ("2020-11-16", "khojavend-district", "shelling"): 1,
        ("2020-11-23", "lachin-district", "shooting"): 1,
    }
