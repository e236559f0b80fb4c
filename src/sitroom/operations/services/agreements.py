"""Agreements (parties, date, terms with status and evidence) and meetings/negotiations (participants,
place, outcome). Each agreement and meeting has an Event that puts it on the timeline, kept in step here."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from sitroom.access import require_view, visible
from sitroom.errors import ValidationError
from sitroom.evidence.models import Claim, Source
from sitroom.operations.models import Agreement, AgreementTerm, EventKind, Meeting, TermStatus
from sitroom.reference.models import Organization, Place

from ._common import (
    RECORD_CONVERTERS,
    Converters,
    archive_checked,
    change_record,
    converted,
    locked_for_change,
    optional_place,
    optional_text,
    record_defaults,
    require_active,
    require_choice,
    require_date,
    require_text,
    require_writer,
    save_as,
)
from .events import event_create
from .records import record_update, validate_record

MEETING_KINDS = ("meeting", "negotiation")


def _orgs(values: Sequence[Any] | None, field: str) -> list[Organization]:
    result = list(values or [])
    for value in result:
        if not isinstance(value, Organization):
            raise ValidationError(f"{field} must be organisations of the registry, got {value!r}", field=field)
    return result


def _optional_source(value: Any) -> Source | None:
    if value is not None and not isinstance(value, Source):
        raise ValidationError("source must be a report (source) of the archive", field="source")
    return value


def _visible_agreement(value: Any, user: Any) -> Agreement | None:
    if value is None:
        return None
    if not isinstance(value, Agreement):
        raise ValidationError("agreement must be an agreement of the register", field="agreement")
    require_view(user, value)
    return value


def _agreement_event(agreement: Agreement, parties: Iterable[Organization]) -> dict[str, Any]:
    """What an agreement's timeline event says (when it is recorded and after every change)."""
    return {"kind": EventKind.CEASEFIRE_AGREEMENT if agreement.kind == "ceasefire" else EventKind.OTHER,
            "title": agreement.title, "date": agreement.signed_on, "description": agreement.summary,
            "actors": list(parties), "source": agreement.source}


def _meeting_event(meeting: Meeting, participants: Iterable[Organization]) -> dict[str, Any]:
    """What a meeting's timeline event says (when it is recorded and after every change)."""
    return {"kind": EventKind.NEGOTIATION if meeting.kind == "negotiation" else EventKind.MEETING,
            "title": meeting.title, "date": meeting.date, "description": meeting.outcome,
            "places": [meeting.place] if meeting.place else [], "actors": list(participants),
            "actors_text": meeting.participants_text}


def _sync_timeline_event(record: Agreement | Meeting, user: Any, reason: str, says: dict[str, Any]) -> None:
    """Keep the timeline event of an agreement or meeting in step with it: what it says, and who may see it."""
    event = record.timeline_event
    if event is None:
        return
    shared = {"sensitivity": record.sensitivity, "submitted_by_org": record.submitted_by_org,
              "joint_monitoring": record.joint_monitoring}
    record_update(record=event, user=user, reason=reason, **says, **shared)


# Terms are not among them: they are added with agreement_add_term and move with agreement_term_set_status.
AGREEMENT_FIELDS: Converters = {
    "title": lambda v: require_text(v, "title", max_length=300),
    "kind": lambda v: require_text(v, "kind", max_length=20),
    "signed_on": lambda v: require_date(v, "signed_on"),
    "summary": lambda v: optional_text(v, "summary"),
    "source": _optional_source,
    "parties": lambda v: _orgs(v, "parties"),
}
# The agreement a meeting belongs to is checked against what the user may see (meeting_create, meeting_update).
MEETING_FIELDS: Converters = {
    "title": lambda v: require_text(v, "title", max_length=300),
    "kind": lambda v: require_choice(v, "kind", MEETING_KINDS),
    "date": lambda v: require_date(v, "date"),
    "place": lambda v: optional_place(v, "place"),
    "participants_text": lambda v: optional_text(v, "participants_text", max_length=500),
    "outcome": lambda v: optional_text(v, "outcome"),
    "participants": lambda v: _orgs(v, "participants"),
}


def agreements(user: Any) -> QuerySet[Agreement]:
    return visible(Agreement.objects.active(), user).prefetch_related("parties", "terms")


def meetings(user: Any) -> QuerySet[Meeting]:
    return visible(Meeting.objects.active(), user).select_related("place", "agreement").prefetch_related("participants")


def _term(agreement: Agreement, data: Mapping[str, Any] | Sequence[Any], index: int) -> AgreementTerm:
    if isinstance(data, Mapping):
        number, text, status = data.get("number"), data.get("text"), data.get("status", TermStatus.PENDING)
    elif isinstance(data, (list, tuple)) and len(data) in (2, 3):
        number, text, status = (*data, TermStatus.PENDING)[:3]
    else:
        raise ValidationError(f"term {index}: give a number and a text", field="terms")
    try:
        return AgreementTerm(
            agreement=agreement,
            number=require_text(str(number) if number is not None else "", "number", max_length=10),
            text=require_text(text, "text"),
            status=require_choice(status, "status", TermStatus.values),
        )
    except ValidationError as exc:
        raise ValidationError(f"term {index}: {exc.message}", field="terms") from None


@transaction.atomic
def agreement_create(
    *,
    user: Any,
    title: str,
    signed_on: dt.date | str,
    parties: Sequence[Organization] = (),
    kind: str = "ceasefire",
    summary: str = "",
    terms: Sequence[Mapping[str, Any] | Sequence[Any]] = (),
    source: Any = None,
    sensitivity: str = "public",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Agreement:
    """Record an agreement with its terms (each pending unless stated) and put it on the timeline."""
    require_writer(user, "Recording an agreement")
    defaults = record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user)
    agreement = Agreement(
        **converted(AGREEMENT_FIELDS, title=title, kind=kind, signed_on=signed_on, summary=summary, source=source),
        **defaults,
    )
    parties = AGREEMENT_FIELDS["parties"](parties)
    validate_record(agreement)
    rows = [_term(agreement, data, i) for i, data in enumerate(terms or [], start=1)]
    numbers = [row.number for row in rows]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("terms: two terms have the same number", field="terms")
    event = event_create(user=user, **_agreement_event(agreement, parties), **defaults)
    agreement.timeline_event = event
    save_as(agreement, user)
    agreement.parties.set(parties)
    for row in rows:
        row.agreement = agreement
        save_as(row, user)
    return agreement


@transaction.atomic
def agreement_update(*, user: Any, agreement: Agreement, **changes: Any) -> Agreement:
    """Change an agreement (title, kind, date, parties, summary, source, sensitivity); its timeline event
    follows. Terms are added with agreement_add_term and move with agreement_term_set_status."""
    agreement = locked_for_change(agreement, user, action="Changing an agreement", field="agreement")
    change_record(agreement, changes, {**RECORD_CONVERTERS, **AGREEMENT_FIELDS}, user=user, what="an agreement", reason="updated")
    _sync_timeline_event(agreement, user, "agreement changed", _agreement_event(agreement, agreement.parties.all()))
    return agreement


@transaction.atomic
def agreement_add_term(*, user: Any, agreement: Agreement, number: str, text: str, status: str = TermStatus.PENDING) -> AgreementTerm:
    require_writer(user, "Adding a term to an agreement")
    require_view(user, agreement)
    require_active(agreement, "agreement")
    term = _term(agreement, {"number": number, "text": text, "status": status}, agreement.terms.count() + 1)
    if agreement.terms.filter(number=term.number).exists():
        raise ValidationError(f"the agreement already has a term {term.number}", field="number")
    return save_as(term, user)


@transaction.atomic
def agreement_term_set_status(
    *, user: Any, term: AgreementTerm, status: str, evidence: Claim | None = None, note: str = ""
) -> AgreementTerm:
    """Say how far a term is implemented, with the claim (a span of a report) that shows it and a note."""
    require_writer(user, "Changing a term's status")
    term = AgreementTerm.objects.select_for_update().select_related("agreement").get(pk=term.pk)
    require_view(user, term.agreement)
    require_active(term.agreement, "agreement")
    term.status = require_choice(status, "status", TermStatus.values)
    if evidence is not None:
        if not isinstance(evidence, Claim):
            raise ValidationError("evidence must be a claim of a report", field="evidence")
        term.evidence = evidence
    note = optional_text(note, "note")
    if note:
        term.note = note
    return save_as(term, user)


def agreement_term_summary(agreement: Agreement) -> dict[str, int]:
    counts = Counter(agreement.terms.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in TermStatus.values}


@transaction.atomic
def meeting_create(
    *,
    user: Any,
    title: str,
    date: dt.date | str,
    kind: str = "meeting",
    place: Place | None = None,
    participants: Sequence[Organization] = (),
    participants_text: str = "",
    outcome: str = "",
    agreement: Agreement | None = None,
    sensitivity: str = "partners",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Meeting:
    """Record a meeting or negotiation (participants, place, outcome) and put it on the timeline."""
    require_writer(user, "Recording a meeting")
    place = optional_place(place, "place")
    agreement = _visible_agreement(agreement, user)
    defaults = record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user)
    meeting = Meeting(
        **converted(MEETING_FIELDS, title=title, kind=kind, date=date, place=place, participants_text=participants_text, outcome=outcome),
        agreement=agreement,
        **defaults,
    )
    participants = MEETING_FIELDS["participants"](participants)
    validate_record(meeting)
    event = event_create(user=user, **_meeting_event(meeting, participants), **defaults)
    meeting.timeline_event = event
    save_as(meeting, user)
    meeting.participants.set(participants)
    return meeting


@transaction.atomic
def meeting_update(*, user: Any, meeting: Meeting, **changes: Any) -> Meeting:
    """Change a meeting (e.g. its outcome afterwards); its timeline event follows."""
    meeting = locked_for_change(meeting, user, action="Changing a meeting", field="meeting")
    converters = {**MEETING_FIELDS, "agreement": lambda v: _visible_agreement(v, user)}
    change_record(meeting, changes, converters, user=user, what="a meeting", reason="updated")
    _sync_timeline_event(meeting, user, "meeting changed", _meeting_event(meeting, meeting.participants.all()))
    return meeting


@transaction.atomic
def meeting_archive(*, user: Any, meeting: Meeting) -> Meeting:
    return archive_checked(meeting, user, action="Archiving a meeting", along=[meeting.timeline_event])


@transaction.atomic
def agreement_archive(*, user: Any, agreement: Agreement) -> Agreement:
    return archive_checked(agreement, user, action="Archiving an agreement", along=[agreement.timeline_event])
