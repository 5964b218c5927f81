"""Export the corpus: records, event tables, maps, PLOVER event data.

Examples:
  newsledger export > records.jsonl                     # every current record (newsledger-record-v1)
  newsledger export --format csv -o events.csv          # events as an ACLED-like table
  newsledger export --format parquet -o events.parquet
  newsledger export --format geojson -o map.geojson     # places and events
  newsledger export --format plover > events.plover.jsonl
  newsledger export --format jsonl --what stories

--what chooses the rows: articles (default for jsonl and geojson), events
(default for csv, parquet and plover), claims or stories.
"""

from __future__ import annotations

import argparse
import sys

from ._db import add_db_argument, open_db


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..store.export import FORMATS, WHAT

    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("--what", choices=WHAT, default=None)
    p.add_argument("-o", "--output", default=None, help="output file (default stdout; parquet needs one)")
    add_db_argument(p)


def run(args: argparse.Namespace) -> int:
    from ..store.export import write

    what = args.what or ("articles" if args.format in ("jsonl", "geojson") else "events")
    if args.format == "plover" and what != "events":
        print("newsledger: plover export is of events only", file=sys.stderr)
        return 2
    if args.format == "parquet" and not args.output:
        print("newsledger: parquet export needs -o FILE", file=sys.stderr)
        return 2
    store = open_db(args)
    try:
        if args.format == "parquet":
            n = write(store, args.format, what, path=args.output)
        elif args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                n = write(store, args.format, what, out=fh)
        else:
            n = write(store, args.format, what, out=sys.stdout)
    finally:
        store.close()
    print(f"exported {n} {what}", file=sys.stderr)
    return 0
