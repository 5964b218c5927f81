"""The timeline of an entity or place: dated events and articles that mention it, oldest first.

Examples:
  newsledger timeline "Time Warner"
  newsledger timeline Kabul --format jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ._db import add_db_argument, open_db


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="ENTITY_OR_PLACE", help="canonical name (any case) or key")
    add_db_argument(p)
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")


def run(args: argparse.Namespace) -> int:
    store = open_db(args)
    page = store.timeline(args.name, limit=args.limit, offset=args.offset)
    for e in page.items:
        if args.format == "jsonl":
            print(json.dumps(asdict(e), ensure_ascii=False))
            continue
        what = e.event_type or "mention"
        print(f"{(e.date or '----------')[:10]}  {what:<11} {e.source or ''}  {e.title or ''}  [{e.article_id}]")
        print(f"    {e.text}")
    if args.format == "text":
        print(f"{page.total} entr{'ies' if page.total != 1 else 'y'} for {args.name!r}", file=sys.stderr)
    store.close()
    return 0 if page.total else 1
