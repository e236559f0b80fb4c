"""`sitroom demo`: init, load the project's own sample reports and a month of operation records, serve."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

HELP = "set up a demo situation room with sample data and serve it"

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "reports"
# Demo accounts: (username, role, organisation key). Different organisations show the access rules.
DEMO_USERS = [
    ("admin", "admin", "ihrc"),
    ("analyst", "analyst", "ihrc"),
    ("viewer", "viewer", "ihrc"),
    ("partner", "viewer", "icrc"),
    ("party-am", "analyst", "am-government"),
    ("party-az", "analyst", "az-government"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--no-serve", action="store_true", help="prepare the demo data and exit")


def demo_password() -> str:
    return os.environ.get("SITROOM_PASSWORD") or "sitroom-demo"


def load_demo(*, quiet: bool = False) -> dict[str, int]:
    """Idempotently create the demo users, ingest the sample reports, review some of their claims and
    load a month of the centre's work. Returns counts of what was added."""
    from sitroom.accounts.models import User
    from sitroom.accounts.services import user_create
    from sitroom.commands.init import initialise
    from sitroom.evidence.services import source_ingest
    from sitroom.reference.models import Organization
    from sitroom.samples.operation import load_operation_demo
    from sitroom.samples.review import review_demo_claims

    initialise(quiet=quiet)
    added = {"users": 0, "reports": 0, "claims": 0}
    for username, role, org_key in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            org = Organization.objects.filter(key=org_key).first()
            user_create(username=username, role=role, password=demo_password(), organization=org, check_password=False)
            added["users"] += 1
    analyst = User.objects.get(username="analyst")
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix.lower() not in {".txt", ".md", ".html", ".htm"}:
            continue
        result = source_ingest(data=path.read_bytes(), filename=path.name, user=analyst, sensitivity="public")
        if result.created:
            added["reports"] += 1
            added["claims"] += result.claims
    load_operation_demo(analyst)
    added["reviewed"] = review_demo_claims(analyst)
    return added


def run(args: argparse.Namespace) -> int:
    # The demo is served over plain HTTP on this machine: cookies marked Secure would never come back.
    os.environ.setdefault("SITROOM_SECURE_COOKIES", "false")
    from sitroom.django_setup import setup

    setup()
    added = load_demo()
    print(
        f"demo data: {added['reports']} new reports ({added['claims']} claims), {added['users']} new users, "
        f"{added['reviewed']} claims reviewed"
    )
    print(f"\n  sitroom is at http://{args.host}:{args.port}/")
    print(f"  log in as 'analyst' (or admin, viewer, partner, party-am, party-az) with password '{demo_password()}'\n")
    if args.no_serve:
        return 0
    from sitroom.commands import serve

    return serve.run(args)
