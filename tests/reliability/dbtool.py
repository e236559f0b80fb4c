"""Helper run as a separate process by the reliability tests, against the database its environment names
(DATABASE_URL / SITROOM_DATA_DIR): `users` creates the analysts, `review` plays an analyst reviewing
claims as they arrive, `summary` prints what is stored as JSON. Kept out of the test process so that
every writer is a real, separate process with its own connection."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

PASSWORD = "reliability-password"


def setup() -> None:
    from sitroom.django_setup import setup as django_setup

    django_setup()


def cmd_users(args: argparse.Namespace) -> dict:
    from sitroom.accounts.models import User
    from sitroom.reference.models import Organization

    ihrc = Organization.objects.get(key="ihrc")
    made = []
    for i in range(1, args.count + 1):
        name = f"rel-analyst-{i}"
        user = User.objects.filter(username=name).first() or User(username=name, role="analyst", organization=ihrc)
        user.set_password(PASSWORD)
        user.save()
        made.append(name)
    return {"users": made}


def cmd_review(args: argparse.Namespace) -> dict:
    """Review this analyst's share of the proposed figure and event claims (claim id % of == share) as
    they arrive, until `seconds` have passed and no proposed claim of the share is left, or `max` done."""
    from sitroom.accounts.models import User
    from sitroom.errors import ValidationError
    from sitroom.evidence.models import Claim
    from sitroom.evidence.services import claim_accept, claim_reject

    user = User.objects.get(username=args.user)
    rng = random.Random(args.seed)
    out: dict = {"accepted": [], "rejected": [], "refused": {}}
    deadline = time.monotonic() + args.seconds
    tried: set[int] = set()
    while len(out["accepted"]) + len(out["rejected"]) < args.max:
        ids = [pk for pk in Claim.objects.filter(status="proposed", kind__in=["figure", "event"])
               .values_list("id", flat=True) if pk % args.of == args.share and pk not in tried]
        if not ids:
            if time.monotonic() > deadline:
                break
            time.sleep(0.2)
            continue
        rng.shuffle(ids)
        for pk in ids[:5]:
            tried.add(pk)
            claim = Claim.objects.get(pk=pk)
            try:
                if rng.random() < 0.75:
                    claim_accept(claim=claim, user=user, note="reliability test")
                    out["accepted"].append(pk)
                else:
                    claim_reject(claim=claim, user=user, note="reliability test")
                    out["rejected"].append(pk)
            except ValidationError as exc:
                # The rules refuse some proposals (e.g. no date): the claim stays proposed, nothing lost.
                out["refused"][pk] = exc.message  # not retried: it must stay proposed (the test checks)
        if time.monotonic() > deadline + 60:
            break
    return out


def cmd_summary(args: argparse.Namespace) -> dict:
    from django.db.models import Count

    from sitroom.evidence.models import Claim, Source
    from sitroom.operations.models import Event, Observation

    sources = {}
    for s in Source.objects.annotate(n=Count("claims")).order_by("id"):
        sources[s.content_hash] = {"id": s.id, "filename": s.filename, "claims": s.n,
                                   "history_created": s.history.filter(history_type="+").exists()}
    claims = Claim.objects.all()
    created_hist = set(Claim.history.filter(history_type="+").values_list("id", flat=True))
    claim_rows = {}
    latest: dict[int, tuple] = {}
    for h in Claim.history.order_by("history_date", "history_id").values_list("id", "status", "history_user__username"):
        latest[h[0]] = (h[1], h[2])
    for c in claims.values("id", "status", "reviewer__username", "kind", "source_id"):
        claim_rows[c["id"]] = {"status": c["status"], "reviewer": c["reviewer__username"], "kind": c["kind"],
                               "source": c["source_id"], "history_created": c["id"] in created_hist,
                               "history_latest": latest.get(c["id"])}
    obs_hist = set(Observation.history.filter(history_type="+").values_list("id", flat=True))
    observations = {o["id"]: {**o, "history_created": o["id"] in obs_hist}
                    for o in Observation.objects.values("id", "claim_id", "verification", "archived_at")}
    for o in observations.values():
        o["archived_at"] = o["archived_at"].isoformat() if o["archived_at"] else None
    events = list(Event.objects.filter(claim__isnull=False).values("id", "claim_id", "archived_at"))
    for e in events:
        e["archived_at"] = e["archived_at"].isoformat() if e["archived_at"] else None
    return {"sources": sources, "claims": claim_rows, "observations": observations, "events": events}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    users = sub.add_parser("users")
    users.add_argument("--count", type=int, default=4)
    review = sub.add_parser("review")
    review.add_argument("--user", required=True)
    review.add_argument("--share", type=int, required=True)
    review.add_argument("--of", type=int, required=True)
    review.add_argument("--seconds", type=float, default=10)
    review.add_argument("--max", type=int, default=400)
    review.add_argument("--seed", type=int, default=1)
    sub.add_parser("summary")
    args = parser.parse_args(argv)
    setup()
    result = {"users": cmd_users, "review": cmd_review, "summary": cmd_summary}[args.command](args)
    json.dump(result, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
