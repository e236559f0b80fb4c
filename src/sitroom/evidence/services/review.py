"""Review of claims: an analyst accepts (optionally editing), rejects or reopens a claim. Accepting a
figure makes a human-verified Observation whose evidence is the claim; accepting an event makes an Event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from sitroom.access import require_role, require_view
from sitroom.errors import ValidationError
from sitroom.evidence.models import Claim, ClaimKind, ClaimStatus
from sitroom.operations.models import Event, EventKind, Observation, Verification
from sitroom.operations.services.events import event_create
from sitroom.operations.services.observations import (
    check_fact_date,
    check_value,
    indicator_get,
    observation_create,
)
from sitroom.operations.services.records import validate_record, with_history
from sitroom.reference.models import Place
from sitroom.reference.selectors import place_find

QUALIFIERS = ("", "about", "at least", "more than", "less than", "up to", "estimated", "over", "nearly", "almost")

# What an analyst may edit, per claim kind; an edit key maps to the payload key it changes.
EDITABLE: dict[str, dict[str, str]] = {
    ClaimKind.FIGURE: {"value": "value", "indicator": "indicator", "date": "date_of_fact", "date_of_fact": "date_of_fact",
                       "place": "place", "qualifier": "qualifier", "unit": "unit", "what": "what"},
    ClaimKind.EVENT: {"kind": "kind", "what": "what", "title": "what", "date": "date", "places": "places",
                      "actors": "actors", "time": "time"},
    ClaimKind.QUOTE: {"speaker": "speaker"},
    ClaimKind.PLACE: {"name": "name", "key": "key"},
    ClaimKind.ORGANIZATION: {"name": "name", "key": "key"},
    ClaimKind.PERSON: {"name": "name", "role": "role", "organization": "organization"},
}


@transaction.atomic
def claim_accept(*, claim: Claim, user: Any, edits: dict[str, Any] | None = None, note: str = "") -> Claim:
    """Accept a claim, with the analyst's edits if any. Accepting again with nothing new changes nothing."""
    require_role(user, "analyst", "Accepting a claim")
    claim = _locked(claim)
    require_view(user, claim.source)
    payload = dict(claim.effective_payload)
    changes = _edits(claim, edits or {})
    payload.update(changes)
    facts = _validated(claim, payload, edited=set(changes))
    reviewed = payload if payload != claim.payload else None
    if claim.status == ClaimStatus.ACCEPTED and reviewed == claim.reviewed_payload and _record_in_step(claim):
        return claim
    claim.reviewed_payload = reviewed
    claim.status = ClaimStatus.ACCEPTED
    claim.reviewer = user
    claim.reviewed_at = timezone.now()
    if note:
        claim.review_note = note
    with_history(claim, user, "accepted with edits" if reviewed is not None else "accepted")
    claim.save()
    if claim.kind == ClaimKind.FIGURE:
        _observation_from(claim, user, facts)
    elif claim.kind == ClaimKind.EVENT:
        _event_from(claim, user, facts)
    return claim


@transaction.atomic
def claim_reject(*, claim: Claim, user: Any, note: str = "") -> Claim:
    """Reject a claim: it stays, marked rejected with the note; the records it was evidence for are archived."""
    require_role(user, "analyst", "Rejecting a claim")
    claim = _locked(claim)
    require_view(user, claim.source)
    if claim.status == ClaimStatus.REJECTED and (not note or note == claim.review_note):
        return claim
    claim.status = ClaimStatus.REJECTED
    claim.reviewer = user
    claim.reviewed_at = timezone.now()
    claim.review_note = note or claim.review_note
    with_history(claim, user, f"rejected: {note}" if note else "rejected")
    claim.save()
    for record in [*Observation.objects.active().filter(claim=claim), *Event.objects.active().filter(claim=claim)]:
        _archive(record, user, "its evidence (claim) was rejected")
    return claim


@transaction.atomic
def claim_reopen(*, claim: Claim, user: Any, note: str = "") -> Claim:
    """Put a reviewed claim back in the review queue. Its figure returns to a machine proposal; an event
    made from it is archived until the claim is accepted again."""
    require_role(user, "analyst", "Reopening a claim")
    claim = _locked(claim)
    require_view(user, claim.source)
    if claim.status == ClaimStatus.PROPOSED:
        return claim
    claim.status = ClaimStatus.PROPOSED
    claim.reviewer = user
    claim.reviewed_at = timezone.now()
    if note:
        claim.review_note = note
    with_history(claim, user, "reopened")
    claim.save()
    for observation in Observation.objects.filter(claim=claim):
        observation.verification = Verification.PROPOSED
        observation.archived_at = None
        observation.archived_by = None
        with_history(observation, user, "claim reopened: back to a machine proposal")
        observation.save()
    for event in Event.objects.active().filter(claim=claim):
        _archive(event, user, "claim reopened")
    return claim


def _locked(claim: Claim) -> Claim:
    # Two analysts on the same claim: the second waits and sees the first one's decision.
    return Claim.objects.select_for_update().select_related("source").get(pk=claim.pk)


def _archive(record: Any, user: Any, reason: str) -> None:
    record.archived_at = timezone.now()
    record.archived_by = user
    with_history(record, user, reason)
    record.save(update_fields=["archived_at", "archived_by", "updated_at"])


def _edits(claim: Claim, edits: dict[str, Any]) -> dict[str, Any]:
    allowed = EDITABLE.get(claim.kind, {})
    changes: dict[str, Any] = {}
    for key, value in edits.items():
        if key not in allowed:
            expected = ", ".join(sorted(allowed)) or "nothing"
            raise ValidationError(f"A {claim.kind} claim has no editable field {key!r} (editable: {expected})", field=key)
        if isinstance(value, Place):
            value = value.name
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif key in ("places", "actors"):
            value = [p.name if isinstance(p, Place) else p for p in (value or [])]
            for name in value:
                if key == "places" and place_find(str(name)) is None:
                    raise ValidationError(f"places: unknown place {name!r} (not in the gazetteer)", field="places")
        changes[allowed[key]] = value
    return changes


def _date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(f"{field} {value!r} is not a date (YYYY-MM-DD)", field=field)


def _text(payload: dict[str, Any], key: str, field: str, max_length: int) -> str:
    value = payload.get(key) or ""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be text", field=field)
    if len(value) > max_length:
        raise ValidationError(f"{field} is longer than {max_length} characters", field=field)
    return value.strip()


def _validated(claim: Claim, payload: dict[str, Any], *, edited: set[str]) -> dict[str, Any]:
    """The facts a claim's payload states, checked; ValidationError names the field at fault. A place the
    pipeline named but the gazetteer lacks is left unlinked; a place the analyst typed must be known."""
    published = claim.source.published
    if claim.kind == ClaimKind.FIGURE:
        value = check_value(payload.get("value"))
        payload["value"] = int(value) if value.is_integer() else value
        indicator = indicator_get(payload.get("indicator"))
        payload["indicator"] = indicator.code
        date = _date(payload.get("date_of_fact"), "date")
        check_fact_date(date, published=published, field="date")
        qualifier = _text(payload, "qualifier", "qualifier", 20)
        if qualifier.casefold() not in QUALIFIERS:
            raise ValidationError(f"qualifier {qualifier!r} is not one of: {', '.join(q for q in QUALIFIERS if q)}", field="qualifier")
        place_name = _text(payload, "place", "place", 200)
        place = place_find(place_name) if place_name else None
        if place_name and place is None and "place" in edited:
            raise ValidationError(f"place: unknown place {place_name!r} (not in the gazetteer)", field="place")
        return {"indicator": indicator, "value": value, "date": date or published, "qualifier": qualifier,
                "unit": _text(payload, "unit", "unit", 40) or indicator.unit, "what": _text(payload, "what", "what", 300),
                "place": place}
    if claim.kind == ClaimKind.EVENT:
        kind = payload.get("kind") or EventKind.OTHER
        if kind not in EventKind.values:
            raise ValidationError(f"kind {kind!r} is not an event kind ({', '.join(EventKind.values)})", field="kind")
        title = _text(payload, "what", "title", 400) or claim.text[:400]
        date = _date(payload.get("date"), "date")
        check_fact_date(date, published=published, field="date")
        places = [p for p in (place_find(str(name)) for name in payload.get("places") or []) if p is not None]
        actors = [str(a) for a in payload.get("actors") or []]
        return {"kind": kind, "title": title, "date": date, "places": list(dict.fromkeys(places)),
                "actors_text": ", ".join(actors)[:500], "time_of_day": _text(payload, "time", "time", 10)}
    return {}


def _record_in_step(claim: Claim) -> bool:
    """Whether the record made from an accepted claim is there and current (then accepting again is a no-op)."""
    if claim.kind == ClaimKind.FIGURE:
        return Observation.objects.active().filter(claim=claim, verification=Verification.VERIFIED).exists()
    if claim.kind == ClaimKind.EVENT:
        return Event.objects.active().filter(claim=claim).exists()
    return True


def _observation_from(claim: Claim, user: Any, facts: dict[str, Any]) -> Observation:
    source = claim.source
    observation = Observation.objects.filter(claim=claim).order_by("id").first()
    if observation is None:
        return observation_create(
            user=user, indicator=facts["indicator"], value=facts["value"], date=facts["date"], place=facts["place"],
            qualifier=facts["qualifier"], unit=facts["unit"], what=facts["what"], claim=claim, source=source,
            sensitivity=source.sensitivity, submitted_by_org=source.submitted_by_org,
            joint_monitoring=source.joint_monitoring, verification=Verification.VERIFIED,
        )
    for name in ("indicator", "value", "date", "place", "qualifier", "unit", "what"):
        setattr(observation, name, facts[name])
    observation.verification = Verification.VERIFIED
    observation.archived_at = None
    observation.archived_by = None
    validate_record(observation)
    with_history(observation, user, "verified: its claim was accepted")
    observation.save()
    return observation


def _event_from(claim: Claim, user: Any, facts: dict[str, Any]) -> Event:
    source = claim.source
    event = Event.objects.filter(claim=claim).order_by("id").first()
    if event is None:
        return event_create(
            user=user, kind=facts["kind"], title=facts["title"], date=facts["date"], places=facts["places"],
            actors_text=facts["actors_text"], time_of_day=facts["time_of_day"], claim=claim, source=source,
            sensitivity=source.sensitivity, submitted_by_org=source.submitted_by_org,
            joint_monitoring=source.joint_monitoring,
        )
    for name in ("kind", "title", "date", "actors_text", "time_of_day"):
        setattr(event, name, facts[name])
    event.archived_at = None
    event.archived_by = None
    validate_record(event)
    with_history(event, user, "its claim was accepted again")
    event.save()
    event.places.set(facts["places"])
    return event
