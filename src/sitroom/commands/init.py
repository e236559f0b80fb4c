"""`sitroom init`: create or upgrade the database, load reference data, optionally create an admin."""

from __future__ import annotations

import argparse
import os

HELP = "create or upgrade the database and load reference data (idempotent)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--admin", metavar="USERNAME", help="also create this admin user (password from SITROOM_PASSWORD or a prompt)")
    parser.add_argument("--quiet", action="store_true")


def initialise(*, quiet: bool = False) -> None:
    """Migrate, collect static files and load the shipped reference data."""
    from django.core.management import call_command

    from sitroom.reference.services import reference_load

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    summary = reference_load()
    if not quiet:
        print(
            f"database ready; reference data: {summary.places} places ({summary.place_names} name variants), "
            f"{summary.organizations} organisations, {summary.indicators} indicators"
        )


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup()
    initialise(quiet=args.quiet)
    if args.admin:
        from sitroom.accounts.models import User
        from sitroom.commands.createuser import read_password

        if User.objects.filter(username=args.admin).exists():
            print(f"admin {args.admin!r} already exists")
        else:
            from sitroom.accounts.services import user_create

            user_create(username=args.admin, role="admin", password=read_password(os.environ))
            print(f"created admin {args.admin!r}")
    return 0
