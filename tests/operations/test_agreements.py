import datetime as dt

import pytest

from sitroom.errors import ValidationError
from sitroom.operations.models import Event
from sitroom.operations.services.agreements import (
    agreement_add_term,
    agreement_create,
    agreement_term_set_status,
    agreement_term_summary,
    agreement_update,
    meeting_archive,
    meeting_create,
    meeting_update,
)

SIGNED = dt.date(2020, 11, 10)


@pytest.fixture
def statement(analyst, org):
    return agreement_create(
        user=analyst, title="Trilateral statement", signed_on=SIGNED, parties=[org("am-government"), org("az-government")],
        terms=[("1", "A complete ceasefire ..."), {"number": "3", "text": "Peacekeepers are deployed ...", "status": "implemented"}],
    )


def test_agreement_with_terms_is_on_the_timeline(statement):
    assert [t.number for t in statement.terms.all()] == ["1", "3"]
    event = statement.timeline_event
    assert event.kind == "ceasefire_agreement" and event.date == SIGNED and event.title == "Trilateral statement"
    assert {o.key for o in event.actors.all()} == {"am-government", "az-government"}
    assert agreement_term_summary(statement)["implemented"] == 1


def test_term_status_changes_with_a_note_and_history(analyst, statement):
    term = statement.terms.get(number="1")
    agreement_term_set_status(user=analyst, term=term, status="partly", note="violations reported 26 Nov")
    term.refresh_from_db()
    assert term.status == "partly" and term.history.first().history_user == analyst
    with pytest.raises(ValidationError) as err:
        agreement_term_set_status(user=analyst, term=term, status="forgotten")
    assert err.value.field == "status"


def test_terms_need_unique_numbers_and_text(analyst, statement, org):
    with pytest.raises(ValidationError) as err:
        agreement_add_term(user=analyst, agreement=statement, number="3", text="again")
    assert err.value.field == "number"
    with pytest.raises(ValidationError) as err:
        agreement_create(user=analyst, title="X", signed_on=SIGNED, terms=[("1", "")])
    assert err.value.field == "terms"


def test_meeting_is_on_the_timeline_and_follows_changes(analyst, place, org, statement):
    meeting = meeting_create(
        user=analyst, title="Working group on humanitarian issues", date=dt.date(2020, 11, 30), place=place("moscow"),
        participants=[org("am-mfa"), org("az-mfa")], agreement=statement,
    )
    event = meeting.timeline_event
    assert event.kind == "meeting" and [p.key for p in event.places.all()] == ["moscow"]
    meeting_update(user=analyst, meeting=meeting, outcome="Agreed exchange of bodies", kind="negotiation")
    event = Event.objects.get(pk=event.pk)
    assert event.description == "Agreed exchange of bodies" and event.kind == "negotiation"
    meeting_archive(user=analyst, meeting=meeting)
    event.refresh_from_db()
    assert event.archived_at is not None
    with pytest.raises(ValidationError) as err:
        meeting_create(user=analyst, title="X", date=dt.date(2020, 11, 30), kind="party")
    assert err.value.field == "kind"


def test_changing_an_agreement_moves_its_timeline_event_with_it(analyst, statement, org):
    agreement_update(user=analyst, agreement=statement, title="Statement of 10 November", signed_on="2020-11-09",
                     parties=[org("am-government"), org("az-government"), org("ru-mod")], summary="Ceasefire from midnight",
                     sensitivity="internal")
    event = Event.objects.get(pk=statement.timeline_event_id)
    assert (event.title, event.date, event.description) == ("Statement of 10 November", dt.date(2020, 11, 9), "Ceasefire from midnight")
    assert {o.key for o in event.actors.all()} == {"am-government", "az-government", "ru-mod"}
    # An agreement made internal does not stay on the timeline for everyone.
    assert event.sensitivity == "internal"
    assert event.history.first().history_change_reason == "agreement changed"
    assert statement.history.first().history_change_reason == "updated"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": " "}, "title"),
        ({"signed_on": "soon"}, "signed_on"),
        ({"signed_on": None}, "signed_on"),
        ({"parties": ["Armenia"]}, "parties"),
        ({"source": "TASS"}, "source"),
        ({"terms": [("4", "Exchange of prisoners")]}, "terms"),
        ({"timeline_event": None}, "timeline_event"),
    ],
)
def test_an_agreement_change_with_bad_input_names_the_field_and_stores_nothing(analyst, statement, stored, changes, field):
    before, event_before = stored(statement), stored(statement.timeline_event)
    parties = {o.key for o in statement.parties.all()}
    with pytest.raises(ValidationError) as err:
        agreement_update(user=analyst, agreement=statement, **changes)
    assert err.value.field == field
    assert stored(statement) == before and stored(statement.timeline_event) == event_before
    assert {o.key for o in statement.parties.all()} == parties


@pytest.mark.parametrize(
    "changes, field",
    [({"title": "", "venue": "Sochi"}, "venue"), ({"place": "Moscow"}, "place"), ({"kind": "party"}, "kind"),
     ({"participants": ["Armenia"]}, "participants"), ({"agreement": "Trilateral statement"}, "agreement")],
)
def test_a_meeting_change_with_bad_input_names_the_field_and_stores_nothing(analyst, place, refused, changes, field):
    meeting = meeting_create(user=analyst, title="Border commission", date=dt.date(2020, 12, 1), place=place("moscow"))
    assert refused(meeting, meeting_update, user=analyst, meeting=meeting, **changes).field == field
