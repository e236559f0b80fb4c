"""`sitroom export KIND --format csv|xlsx|geojson|json [-o FILE] [--as-of TIMESTAMP]`."""

from __future__ import annotations

import argparse
import sys

HELP = "export records (CSV with HXL hashtags, XLSX, GeoJSON, JSON)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", help="observations, events, places, activities, consignments, ...")
    parser.add_argument("--format", choices=["csv", "xlsx", "geojson", "json"], default="csv")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    parser.add_argument("--as-of", metavar="TIMESTAMP", help="as the records stood at this moment")
    parser.add_argument("--from", dest="date_from", metavar="DATE")
    parser.add_argument("--to", dest="date_to", metavar="DATE")
    parser.add_argument("--place", help="a place key or name (places under it are included)")
    parser.add_argument("--user", help="export what this user may see (default: everything)")


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup(schema_current=True)
    from sitroom.errors import InputError
    from sitroom.exchange.export import export_to_file
    from sitroom.exchange.kinds import kind_get
    from sitroom.exchange.selectors import parse_day, parse_moment, place_resolve

    from ._exchange import acting_user

    kind = kind_get(args.kind)
    filters = {"date_from": parse_day(args.date_from, field="from"), "date_to": parse_day(args.date_to, field="to")}
    if args.place:
        filters["place"] = place_resolve(args.place)
    as_of = parse_moment(args.as_of, field="as-of")
    user = acting_user(args.user)
    if args.format == "xlsx" and not args.output:
        raise InputError("an XLSX workbook goes to a file: add -o FILE.xlsx")
    if args.output and args.output != "-":
        with open(args.output, "wb") as out:
            export_to_file(kind, user, args.format, out, as_of=as_of, **filters)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        export_to_file(kind, user, args.format, sys.stdout.buffer, as_of=as_of, **filters)
        sys.stdout.flush()
    return 0
