"""`sitroom sitrep --from DATE --to DATE [--place P] --format md|html|pdf [--as-of TIMESTAMP] [-o FILE]`."""

from __future__ import annotations

import argparse
import sys

HELP = "write a situation report for a period (every figure cited)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="last day (YYYY-MM-DD)")
    parser.add_argument("--place", help="a place key or name (places under it are included)")
    parser.add_argument("--format", choices=["md", "html", "pdf"], default="md")
    parser.add_argument("--as-of", metavar="TIMESTAMP", help="as the records stood at this moment")
    parser.add_argument("--user", help="write it as this user sees the records (default: everything)")
    parser.add_argument("--base-url", default="", help="prefix for links to sources, e.g. https://sitroom.example")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup(schema_current=True)
    from sitroom.exchange.selectors import parse_day, parse_moment, place_resolve
    from sitroom.exchange.sitrep import build_sitrep, render

    from ._exchange import acting_user, write_output

    report = build_sitrep(
        user=acting_user(args.user),
        date_from=parse_day(args.date_from, field="from"),
        date_to=parse_day(args.date_to, field="to"),
        place=place_resolve(args.place) if args.place else None,
        as_of=parse_moment(args.as_of, field="as-of"),
    )
    if args.format == "pdf" and not args.output and sys.stdout.isatty():
        from sitroom.errors import InputError

        raise InputError("a PDF goes to a file: add -o report.pdf")
    write_output(render(report, args.format, base_url=args.base_url), args.output)
    if args.output:
        print(f"wrote {args.output}: {len(report.citations)} sources cited" + (" (no data for this period)" if report.empty else ""),
              file=sys.stderr)
    return 0
