"""Claim review: accepting makes verified records with the claim as evidence; editing, rejecting,
reopening; who may do it."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.errors import NotFound, PermissionDenied, ValidationError
from sitroom.evidence.models import Claim, ClaimKind, ClaimStatus
from sitroom.evidence.services import claim_accept, claim_reject, claim_reopen, source_ingest
from sitroom.operations.models import Event, Observation, Verification
from sitroom.pipeline.schema import Provenance, Quote

from .conftest import figure, span_of


@pytest.fixture
def report(ingested_report):
    return ingested_report()


@pytest.fixture
def figure_claim(report) -> Claim:
    return Claim.objects.get(source=report.source, kind=ClaimKind.FIGURE)


@pytest.fixture
def event_claim(report) -> Claim:
    return Claim.objects.get(source=report.source, kind=ClaimKind.EVENT)


def test_accepting_a_figure_verifies_its_observation_with_the_claim_as_evidence(figure_claim, analyst_user, places):
    claim = claim_accept(claim=figure_claim, user=analyst_user)
    assert claim.status == ClaimStatus.ACCEPTED
    assert claim.reviewer == analyst_user and claim.reviewed_at is not None
    assert claim.reviewed_payload is None  # nothing edited
    observation = Observation.objects.get()  # the proposal became the verified record: no duplicate
    assert observation.verification == Verification.VERIFIED
    assert observation.claim == claim and observation.source == claim.source
    assert (observation.value, observation.date, observation.place) == (53000, dt.date(2021, 11, 26), places["stepanakert"])
    assert observation.history.first().history_user == analyst_user


def test_accepting_a_figure_without_a_proposal_creates_the_observation(fake_pipeline, indicators, analyst_user):
    text = "Some 12 families were counted."
    fake_pipeline(figures=lambda t: [figure(t, "12 families", value=12, indicator="other", unit="families")])
    source = source_ingest(data=text.encode("utf-8"), filename="r.txt").source
    claim = source.claims.get(kind=ClaimKind.FIGURE)
    assert not Observation.objects.exists()
    claim_accept(claim=claim, user=analyst_user, edits={"indicator": "people.assisted", "unit": "families"})
    observation = Observation.objects.get()
    assert observation.indicator.code == "people.assisted"
    assert observation.verification == Verification.VERIFIED
    assert observation.claim == claim
    assert observation.date == source.published  # the report's date when the text gives none
    assert observation.created_by == analyst_user


def test_edits_are_kept_apart_from_what_the_pipeline_proposed(figure_claim, analyst_user, places):
    original = dict(figure_claim.payload)
    claim = claim_accept(claim=figure_claim, user=analyst_user,
                         edits={"value": "53500", "date": "2021-11-25", "place": "Martuni", "qualifier": "about"})
    claim.refresh_from_db()
    assert claim.payload == original
    assert claim.reviewed_payload["value"] == 53500
    assert claim.reviewed_payload["date_of_fact"] == "2021-11-25"
    assert claim.effective_payload["place"] == "Martuni"
    observation = Observation.objects.get()
    assert (observation.value, observation.date, observation.place, observation.qualifier) == (
        53500, dt.date(2021, 11, 25), places["martuni"], "about")


def test_editing_an_accepted_figure_updates_its_observation(figure_claim, analyst_user):
    claim_accept(claim=figure_claim, user=analyst_user)
    claim_accept(claim=figure_claim, user=analyst_user, edits={"value": 54000})
    assert Observation.objects.get().value == 54000
    assert Observation.objects.count() == 1


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        ({"value": -5}, "value"),
        ({"value": "many"}, "value"),
        ({"indicator": "people.teleported"}, "indicator"),
        ({"date": "2021-12-01"}, "date"),  # after the report's publication (2021-11-26)
        ({"date": "26.11.2021"}, "date"),
        ({"place": "Atlantis"}, "place"),
        ({"qualifier": "roughly-ish"}, "qualifier"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_invalid_edits_are_refused_naming_the_field_and_change_nothing(figure_claim, analyst_user, edits, field):
    with pytest.raises(ValidationError) as err:
        claim_accept(claim=figure_claim, user=analyst_user, edits=edits)
    assert err.value.field == field
    assert field in err.value.message or field == "indicator" and "indicator" in err.value.message.lower()
    figure_claim.refresh_from_db()
    assert figure_claim.status == ClaimStatus.PROPOSED and figure_claim.reviewed_payload is None
    assert Observation.objects.get().verification == Verification.PROPOSED


def test_accepting_twice_is_idempotent(figure_claim, analyst_user):
    claim_accept(claim=figure_claim, user=analyst_user)
    history = (Claim.history.count(), Observation.history.count())
    claim_accept(claim=figure_claim, user=analyst_user)
    assert (Claim.history.count(), Observation.history.count()) == history
    assert Observation.objects.count() == 1


def test_accepting_an_event_creates_an_event_with_its_places_and_evidence(event_claim, analyst_user, places):
    claim_accept(claim=event_claim, user=analyst_user)
    event = Event.objects.get()
    assert event.kind == "meeting"
    assert event.title == "A meeting of the commanders was held in Martuni on November 25"
    assert event.date == dt.date(2021, 11, 25)
    assert list(event.places.all()) == [places["martuni"]]
    assert event.claim == event_claim and event.source == event_claim.source
    assert event.actors_text == "Test actor"
    claim_accept(claim=event_claim, user=analyst_user)
    assert Event.objects.count() == 1


def test_event_edits_change_kind_title_and_date(event_claim, analyst_user):
    claim_accept(claim=event_claim, user=analyst_user,
                 edits={"kind": "negotiation", "title": "Commanders negotiate in Martuni", "date": dt.date(2021, 11, 24)})
    event = Event.objects.get()
    assert (event.kind, event.title, event.date) == ("negotiation", "Commanders negotiate in Martuni", dt.date(2021, 11, 24))


def test_an_unknown_event_kind_is_refused(event_claim, analyst_user):
    with pytest.raises(ValidationError) as err:
        claim_accept(claim=event_claim, user=analyst_user, edits={"kind": "party"})
    assert err.value.field == "kind"
    assert not Event.objects.exists()


def test_rejecting_keeps_the_claim_and_archives_its_proposed_observation(figure_claim, analyst_user):
    claim = claim_reject(claim=figure_claim, user=analyst_user, note="counts returns twice")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert claim.review_note == "counts returns twice" and claim.reviewer == analyst_user
    observation = Observation.objects.get()  # archived, not deleted
    assert observation.is_archived and observation.archived_by == analyst_user
    assert not Observation.objects.active().exists()


def test_rejecting_an_accepted_event_archives_the_event(event_claim, analyst_user):
    claim_accept(claim=event_claim, user=analyst_user)
    claim_reject(claim=event_claim, user=analyst_user, note="duplicate report")
    assert Event.objects.get().is_archived


def test_reopening_puts_the_claim_back_in_review(figure_claim, analyst_user):
    claim_reject(claim=figure_claim, user=analyst_user)
    claim = claim_reopen(claim=figure_claim, user=analyst_user)
    assert claim.status == ClaimStatus.PROPOSED
    observation = Observation.objects.get()
    assert not observation.is_archived and observation.verification == Verification.PROPOSED
    claim_accept(claim=claim, user=analyst_user)
    assert Observation.objects.get().verification == Verification.VERIFIED


def test_quotes_are_simply_accepted_with_edits(fake_pipeline, indicators, analyst_user):
    text = 'He said: "all is calm" today.'
    fake_pipeline(quotes=lambda t: [Quote(speaker="A. Speaker", text="all is calm", span=span_of(t, "all is calm"),
                                          provenance=Provenance("quotes", "1", "test", 0.8))])
    source = source_ingest(data=text.encode(), filename="q.txt").source
    claim = source.claims.get(kind=ClaimKind.QUOTE)
    claim_accept(claim=claim, user=analyst_user, edits={"speaker": "Anna Speaker"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED and claim.effective_payload["speaker"] == "Anna Speaker"
    assert claim.text == "all is calm"
    assert not Event.objects.exists() and not Observation.objects.exists()
    with pytest.raises(ValidationError) as err:
        claim_accept(claim=claim, user=analyst_user, edits={"value": 3})
    assert err.value.field == "value"


def test_a_viewer_cannot_review(figure_claim, viewer_user):
    for action in (claim_accept, claim_reject, claim_reopen):
        with pytest.raises(PermissionDenied):
            action(claim=figure_claim, user=viewer_user)
    figure_claim.refresh_from_db()
    assert figure_claim.status == ClaimStatus.PROPOSED


def test_anonymous_users_cannot_review(figure_claim):
    with pytest.raises(PermissionDenied):
        claim_accept(claim=figure_claim, user=None)


def test_a_claim_of_a_hidden_source_cannot_be_reviewed(ingested_report, user_of):
    report = ingested_report(sensitivity="internal")
    claim = report.source.claims.get(kind=ClaimKind.FIGURE)
    partner_analyst = user_of("analyst", org="partner")
    with pytest.raises(NotFound):
        claim_accept(claim=claim, user=partner_analyst)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PROPOSED


def test_review_is_recorded_in_the_claim_history(figure_claim, analyst_user):
    claim_accept(claim=figure_claim, user=analyst_user, edits={"value": 53001})
    claim_reject(claim=figure_claim, user=analyst_user, note="wrong figure")
    rows = list(figure_claim.history.order_by("history_date", "history_id"))
    assert [r.status for r in rows] == ["proposed", "accepted", "rejected"]
    assert [r.history_user for r in rows[1:]] == [analyst_user, analyst_user]
    assert rows[1].history_change_reason == "accepted with edits"
    assert rows[2].history_change_reason == "rejected: wrong figure"
