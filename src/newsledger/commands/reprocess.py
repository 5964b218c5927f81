"""Re-extract stored articles that older extractor versions produced.

Examples:
  newsledger reprocess                 # every record whose extractor versions differ from this build's
  newsledger reprocess --all --n-process 2

A record lists the version of each extractor that made it; this command runs
the current pipeline again on the stored text (offsets stay valid: the text
is the same), replaces the record in place in one transaction per article,
and re-links stories and figure series.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import ModelNotFound
from ._db import add_db_argument, add_similarity_argument, open_db, story_params


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--all", action="store_true", help="re-extract every current record")
    p.add_argument("--n-process", type=int, default=1)
    p.add_argument("--model", default=None)
    p.add_argument("--dry-run", action="store_true", help="only count what would be re-extracted")
    add_similarity_argument(p)


def run(args: argparse.Namespace) -> int:
    from ..model import Article, ErrorRecord
    from ..pipeline import EXTRACTORS, Pipeline

    from ..link.embeddings import EmbeddingsUnavailable

    try:
        params = story_params(args)
    except EmbeddingsUnavailable as err:
        print(f"newsledger: {err}", file=sys.stderr)
        return 2
    store = open_db(args)
    versions = {ex.name: ex.version for ex in EXTRACTORS}
    ids = [a.id for a in store.list_articles(limit=10**9).items] if args.all else list(store.stale(versions))
    print(f"reprocess: {len(ids)} record(s) made by other extractor versions", file=sys.stderr)
    if args.dry_run or not ids:
        store.close()
        return 0
    try:
        pipeline = Pipeline(model=args.model)
    except ModelNotFound as err:
        print(f"newsledger: {err}", file=sys.stderr)
        return 2

    def articles():
        for article_id in ids:
            r = store.get_article(article_id)
            if r is not None:
                yield Article(text=r.text, title=r.title, published=r.published, updated=r.updated, id=r.id,
                              url=r.url, source=r.source, origin=f"db:{r.id}")

    done = failed = 0
    for result in pipeline.process_batch(articles(), n_process=args.n_process):  # outlet homes, as ingest
        if isinstance(result, ErrorRecord):
            failed += 1
            store.record_failure(result)
            print(f"newsledger: {result.code} {result.message} ({result.input})", file=sys.stderr)
            continue
        store.replace(result, result.id)
        done += 1
        if done % 100 == 0:
            print(f"reprocess: {done}/{len(ids)}", file=sys.stderr, flush=True)
    store.relink(params)
    print(f"re-extracted {done}, failed {failed}", file=sys.stderr)
    store.close()
    return 1 if failed else 0
