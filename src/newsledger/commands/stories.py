"""Show the stories of the corpus, newest first, with source counts and conflicting figures.

Examples:
  newsledger stories                       # newest stories covered by 2+ articles
  newsledger stories --min-articles 1 --limit 50
  newsledger stories --conflicts           # only stories whose sources disagree on a figure
  newsledger stories --show st-1a2b3c4d5e6f
  newsledger stories --relink --similarity embeddings   # re-cluster with sentence embeddings (extra)

A story groups the articles that report one real-world event (see
newsledger.link.stories). A conflict is a figure series (measure, unit, place,
period) whose sources disagree beyond rounding; --show lists every report
with its source, value, certainty, date and sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ._db import add_db_argument, add_similarity_argument, open_db, story_params


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--min-articles", type=int, default=2, help="hide stories with fewer articles (default 2)")
    p.add_argument("--conflicts", action="store_true", help="only stories with conflicting figures")
    p.add_argument("--show", metavar="STORY_ID", help="one story in full")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument("--relink", action="store_true",
                   help="rebuild stories and figure series first (e.g. with another --similarity)")
    add_similarity_argument(p)


def run(args: argparse.Namespace) -> int:
    from ..link.embeddings import EmbeddingsUnavailable

    try:
        params = story_params(args) if args.relink else None
    except EmbeddingsUnavailable as err:
        print(f"newsledger: {err}", file=sys.stderr)
        return 2
    store = open_db(args)
    try:
        if args.relink:
            store.relink(params)
        if args.show:
            story = store.story(args.show)
            if story is None:
                print(f"newsledger: no story {args.show}", file=sys.stderr)
                return 1
            if args.format == "jsonl":
                print(json.dumps(asdict(story), ensure_ascii=False))
            else:
                _print_story(story)
            return 0
        if args.conflicts:
            ids = []
            for s in store.figure_series(limit=10_000, conflicts_only=True).items:
                if s.story_id and s.story_id not in ids:
                    ids.append(s.story_id)
            stories = [st.summary for st in (store.story(i) for i in ids) if st]
            stories.sort(key=lambda s: (s.last_date or "", s.n_articles), reverse=True)
            total = len(stories)
            stories = stories[args.offset: args.offset + args.limit]
        else:
            page = store.stories(limit=args.limit, offset=args.offset, min_articles=args.min_articles)
            stories, total = page.items, page.total
        for s in stories:
            if args.format == "jsonl":
                print(json.dumps(asdict(s), ensure_ascii=False))
                continue
            dates = s.first_date[:10] if s.first_date else "----------"
            if s.last_date and s.first_date and s.last_date[:10] != s.first_date[:10]:
                dates += f"..{s.last_date[:10]}"
            flag = f"  CONFLICTS: {s.n_conflicts}" if s.n_conflicts else ""
            print(f"{s.id}  {dates}  {s.n_articles} articles / {s.n_sources} sources"
                  f"{'  ' + s.event_type if s.event_type else ''}{'  @' + s.place if s.place else ''}{flag}")
            print(f"    {s.title or ''}")
        if args.format == "text":
            print(f"{total} stor{'ies' if total != 1 else 'y'}", file=sys.stderr)
        return 0
    finally:
        store.close()


def _print_story(story) -> None:
    s = story.summary
    print(f"{s.id}: {s.title or ''}")
    print(f"  {s.n_articles} articles from {s.n_sources} sources, {s.first_date or '?'} .. {s.last_date or '?'}")
    for a in story.articles:
        print(f"  - {a.published or '----------'}  {a.source or ''}  {a.title or ''}  [{a.id}]")
    for series in story.series:
        flag = "CONFLICT" if series.conflict else "agree"
        print(f"  figures: {series.measure} ({series.unit or '-'}) at {series.place or '?'}, {series.period or '?'}:"
              f" {flag}, {series.low:g}..{series.high:g} from {series.n_sources} sources")
        for r in series.reports:
            value = f"{r.value:g}" + (f"-{r.value_max:g}" if r.value_max is not None else "")
            print(f"    {'*' if r.first else ' '} {value:>8}  {r.certainty or '-':<10} {r.published or '?':<10}"
                  f" {r.source or '?'}: {r.sentence}")
    for e in story.events:
        print(f"  event {e.type} {e.date or ''} {e.actor or '?'} -> {e.target or '?'} @ {e.place or '?'}"
              f" ({e.certainty}): {e.sentence}")
