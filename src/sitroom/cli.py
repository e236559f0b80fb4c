"""The `sitroom` command: one entry point, one module per subcommand under `sitroom.commands`.

Each command module exposes `HELP` (one line), `add_arguments(parser)` and `run(args) -> int`.
Commands that do not need the database (extract, eval) never import Django.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from sitroom.errors import SitroomError

# name -> module under sitroom.commands; listed here so `sitroom --help` is fast and explicit.
COMMANDS = [
    "init",
    "demo",
    "serve",
    "createuser",
    "extract",
    "eval",
    "ingest",
    "sitrep",
    "export",
    "import",
    "backup",
    "restore",
]

MODULE_NAMES = {"import": "import_"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitroom", description="The situation room of a ceasefire and humanitarian operation.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        # `import` is a Python keyword: its module is import_.py.
        module_name = MODULE_NAMES.get(name, name.replace("-", "_"))
        module = importlib.import_module(f"sitroom.commands.{module_name}")
        command_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command_parser)
        command_parser.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except SitroomError as exc:
        print(f"sitroom {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
