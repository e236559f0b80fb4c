"""`sitroom createuser USERNAME --role ROLE`: password from a prompt, or SITROOM_PASSWORD for scripts."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Mapping

from sitroom.errors import InputError

HELP = "create a user with a role (viewer, analyst, editor, admin)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("username")
    parser.add_argument("--role", required=True, choices=["viewer", "analyst", "editor", "admin"])
    parser.add_argument("--org", metavar="KEY", help="the user's organisation (its key, e.g. icrc)")
    parser.add_argument("--email", default="")


def read_password(env: Mapping[str, str]) -> str:
    """SITROOM_PASSWORD when set; otherwise ask twice on the terminal."""
    if env.get("SITROOM_PASSWORD"):
        return env["SITROOM_PASSWORD"]
    if not sys.stdin.isatty():
        raise InputError("no password: set SITROOM_PASSWORD or run in a terminal to be prompted")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise InputError("the two passwords differ")
    return first


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup(schema_current=True)
    from sitroom.accounts.services import user_create
    from sitroom.reference.models import Organization

    org = None
    if args.org:
        org = Organization.objects.filter(key=args.org).first()
        if org is None:
            raise InputError(f"no organisation with key {args.org!r} (see the admin's organisation list)")
    user = user_create(username=args.username, role=args.role, password=read_password(os.environ), organization=org, email=args.email)
    print(f"created {user.role} {user.username!r}" + (f" of {org.name}" if org else ""))
    return 0
