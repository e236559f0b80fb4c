"""Demo review: an analyst accepts the machine-proposed figures of the demo reports that have a known
indicator and a date, so the demo dashboard shows human-verified figures beside proposed ones."""

from __future__ import annotations


def review_demo_claims(analyst, *, share: float = 0.7) -> int:
    """Accept about `share` of the proposed figure claims (the oldest first) and return how many."""
    from sitroom.errors import ValidationError
    from sitroom.evidence.models import Claim
    from sitroom.evidence.services import claim_accept
    from sitroom.reference.models import Indicator

    units = dict(Indicator.objects.values_list("code", "unit"))
    proposed = [
        claim
        for claim in Claim.objects.filter(kind="figure", status="proposed").exclude(payload__indicator="other").order_by("source__published", "id")
        # The demo analyst accepts figures stated in the indicator's own unit ("2 children" waits for a person).
        if claim.payload.get("unit") and claim.payload.get("unit") in units.get(claim.payload.get("indicator"), "")
    ]
    take = int(len(proposed) * share)
    done = 0
    for claim in proposed[:take]:
        try:
            claim_accept(claim=claim, user=analyst)
        except ValidationError:
            # A proposal the rules refuse (e.g. dated after its report) stays for a person to look at.
            continue
        done += 1
    return done
