"""The --db option every corpus command shares."""

from __future__ import annotations

import argparse
import os


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, metavar="PATH",
                   help="SQLite database (default: $NEWSLEDGER_DB, else $XDG_DATA_HOME/newsledger/newsledger.db)")


def open_db(args: argparse.Namespace):
    from ..store.sqlite import SQLiteStore, default_path

    path = args.db or os.environ.get("NEWSLEDGER_DB") or str(default_path())
    return SQLiteStore(path)
