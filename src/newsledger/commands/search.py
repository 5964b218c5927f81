"""Search the corpus: full text with filters.

Examples:
  newsledger search "consulate attack"
  newsledger search consulate --place Mazar-i-Sharif --type ASSAULT --from 2016-11-01
  newsledger search "" --entity "Time Warner" --format jsonl

Every word must occur (hyphenated names are phrases, word* is a prefix, OR and
NOT between words are operators). An empty query lists matching articles
newest first.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ._db import add_db_argument, open_db


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--entity", help="articles mentioning this entity (canonical name or key)")
    p.add_argument("--place", help="articles naming this place")
    p.add_argument("--type", dest="event_type", help="articles with an event of this PLOVER type")
    p.add_argument("--certainty", help="articles with an event or claim of this certainty")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after (ISO date)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before (ISO date)")
    p.add_argument("--source", help="outlet name or web host")


def filters_of(args: argparse.Namespace):
    from ..store.base import SearchFilters

    return SearchFilters(entity=args.entity, place=args.place, event_type=args.event_type,
                         certainty=args.certainty, date_from=args.date_from, date_to=args.date_to,
                         source=args.source)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help="words to find (\"\" for none)")
    add_filter_arguments(p)
    add_db_argument(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")


def run(args: argparse.Namespace) -> int:
    store = open_db(args)
    page = store.search(args.query, filters_of(args), limit=args.limit, offset=args.offset)
    if args.format == "jsonl":
        for hit in page.items:
            print(json.dumps(asdict(hit), ensure_ascii=False))
    else:
        for hit in page.items:
            a = hit.article
            print(f"{a.published or '----------'}  {a.id}  {a.source or ''}  {a.title or ''}")
            print(f"    {' '.join(hit.snippet.split())}")
        end = args.offset + len(page.items)
        print(f"{page.total} match{'es' if page.total != 1 else ''}"
              + (f" (showing {args.offset + 1}-{end})" if page.items else ""), file=sys.stderr)
    store.close()
    return 0
