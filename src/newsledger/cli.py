"""The ``newsledger`` command. Thin: parse arguments, hand over, report.

Each subcommand lives with the part of newsledger it drives and exposes
``add_arguments(parser)`` and ``run(args) -> int``; this module only knows
their names, so ``newsledger --help`` starts without loading spaCy.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> module that implements it (``add_arguments``, ``run``, docstring)
COMMANDS: dict[str, str] = {
    "extract": "newsledger.commands.extract",
    "eval": "newsledger.commands.eval",
    "ingest": "newsledger.commands.ingest",
    "reprocess": "newsledger.commands.reprocess",
    "search": "newsledger.commands.search",
    "stories": "newsledger.commands.stories",
    "timeline": "newsledger.commands.timeline",
    "export": "newsledger.commands.export",
    "serve": "newsledger.commands.serve",
}


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="newsledger", description="Turn news articles into sourced, structured records.")
    parser.add_argument("--version", action="version", version=f"newsledger {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        doc = (module.__doc__ or "").strip().splitlines()
        p = sub.add_parser(name, help=doc[0] if doc else None, description=(module.__doc__ or "").strip(),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
