"""Ingest articles into the corpus database: extract, store, link.

Examples:
  newsledger ingest articles/ feed.xml                # folders, files, feed files
  newsledger ingest crawl.warc.gz --n-process 2       # WARC archives (HTML responses)
  newsledger ingest https://example.org/news/story    # URLs (pages or feeds)
  newsledger ingest docs.jsonl --db corpus.db

Sources: files and folders (text, HTML, JSON Lines), RSS/Atom feeds,
WARC archives, http(s) URLs, - for stdin. An article already stored (same
title and text) is skipped as a duplicate; a changed article at the same URL
or id becomes a new version. Articles are committed 16 at a time (each in its
own savepoint), so an interrupted ingest leaves a consistent database and can
simply be run again. Progress and a summary
(stored / skipped duplicate / failed, with reasons) go to stderr.
Exit status: 0 all stored or skipped, 1 some failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from contextlib import nullcontext
from itertools import islice

from ..errors import ModelNotFound
from ..ingest import FORMATS
from ..model import ErrorRecord, Record
from ..settings import DEFAULT_MAX_BYTES
from ._db import add_db_argument, add_similarity_argument, open_db, story_params


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="files, folders, feed files, WARC files, http(s) URLs, or - for stdin")
    add_db_argument(p)
    p.add_argument("--n-process", type=int, default=1, help="worker processes for spaCy")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--input-format", choices=FORMATS, default="auto",
                   help="format of plain files (feeds and WARC are recognised by content)")
    p.add_argument("--model", default=None, help="spaCy pipeline name or path")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger documents (E004)")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per URL fetch")
    p.add_argument("--no-link", action="store_true", help="skip re-linking stories and figure series afterwards")
    add_similarity_argument(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines, summary only")


def run(args: argparse.Namespace) -> int:
    from ..ingest.sources import FetchOptions, read_sources
    from ..pipeline import Pipeline

    from ..link.embeddings import EmbeddingsUnavailable

    try:
        params = story_params(args)
    except EmbeddingsUnavailable as err:
        print(f"newsledger: {err}", file=sys.stderr)
        return 2
    store = open_db(args)
    try:
        pipeline = Pipeline(model=args.model)
    except ModelNotFound as err:
        print(f"newsledger: {err}", file=sys.stderr)
        return 2
    summary = ingest(store, pipeline, read_sources(args.sources, fmt=args.input_format, max_bytes=args.max_bytes,
                                                   fetch=FetchOptions(timeout=args.timeout, max_bytes=args.max_bytes)),
                     n_process=args.n_process, batch_size=args.batch_size,
                     progress=None if args.quiet else sys.stderr, link=not args.no_link, story_params=params)
    print(summary.render(), file=sys.stderr)
    store.close()
    return 1 if summary.failed else 0


class Summary:
    """Counts of what an ingest did, with failure reasons by code."""

    def __init__(self) -> None:
        self.stored = 0
        self.new_versions = 0
        self.duplicates = 0
        self.failed = 0
        self.reasons: Counter[str] = Counter()
        self.examples: dict[str, str] = {}
        self.seconds_extract_store = 0.0
        self.seconds_link = 0.0

    def fail(self, err: ErrorRecord) -> None:
        self.failed += 1
        key = f"{err.code} {err.message.split(':')[0]}"
        self.reasons[key] += 1
        self.examples.setdefault(key, err.input)

    def render(self) -> str:
        lines = [f"stored {self.stored} (new versions: {self.new_versions}), "
                 f"skipped duplicate {self.duplicates}, failed {self.failed}"]
        for reason, n in self.reasons.most_common():
            lines.append(f"  failed {n}: {reason} (e.g. {self.examples[reason]})")
        return "\n".join(lines)


def ingest(store, pipeline, items, n_process: int = 1, batch_size: int = 16, progress=None,
           link: bool = True, story_params=None) -> Summary:
    """Extract and store every new article from ``items``, COMMIT_EVERY articles a transaction.

    Articles whose content is already stored are skipped before extraction, so
    re-running an interrupted ingest costs only what is left to do.
    """
    from ..store.base import content_hash

    summary = Summary()
    seen: set[str] = set()
    started = time.perf_counter()

    def fresh():
        for item in items:
            if isinstance(item, ErrorRecord):
                yield item
                continue
            digest = content_hash(item.text, item.title)
            if digest in seen or store.has_content(digest):
                summary.duplicates += 1
                continue
            seen.add(digest)
            yield item

    done = 0
    # two passes per window, as `extract` reads a batch: each outlet's home region is learned from
    # its own articles in this run (a local paper's "Richmond" is its own state's)
    results = pipeline.process_batch(fresh(), n_process=n_process, batch_size=batch_size,
                                     log=progress is not None)
    # Articles are committed a group at a time (COMMIT_EVERY, each in its own savepoint, so a
    # bad one still fails alone): one commit per article made the full-text index write and
    # merge a segment per article (store time -25% in groups of 16). A kill loses at most the
    # window being read and the uncommitted group, which the next run does again: the database
    # stays consistent.
    group = getattr(store, "bulk", None) or nullcontext
    while chunk := list(islice(results, COMMIT_EVERY)):
        with group():
            for result in chunk:
                done += 1
                _store_one(store, result, summary)
                if progress is not None and done % 100 == 0:
                    print(f"ingest: {done} processed, {summary.stored} stored, {summary.duplicates} duplicate, "
                          f"{summary.failed} failed", file=progress, flush=True)
    summary.seconds_extract_store = time.perf_counter() - started
    if link and (summary.stored or _unlinked(store)):
        t0 = time.perf_counter()
        store.relink(story_params)
        summary.seconds_link = time.perf_counter() - t0
    return summary


#: articles stored per transaction (see ingest)
COMMIT_EVERY = 16


def _store_one(store, result, summary: Summary) -> None:
    """Store one extracted record, or record why it failed; never raises for one bad item."""
    if isinstance(result, ErrorRecord):
        summary.fail(result)
        print(f"newsledger: {result.code} {result.message} ({result.input})", file=sys.stderr)
        try:
            store.record_failure(result)
        except Exception as err:  # noqa: BLE001 - a failure we cannot record is still reported
            print(f"newsledger: could not record failure: {err}", file=sys.stderr)
        return
    assert isinstance(result, Record)
    try:
        put = store.put(result)
    except Exception as err:  # noqa: BLE001 - one bad record must not stop the batch
        failure = ErrorRecord(code="E014", message=f"could not store the record: {type(err).__name__}: {err}",
                              input=result.url or result.id, id=result.id)
        summary.fail(failure)
        store.record_failure(failure)
        return
    if put.status == "duplicate":
        summary.duplicates += 1
    else:
        summary.stored += 1
        summary.new_versions += put.status == "new_version"


def _unlinked(store) -> bool:
    """Whether some current article has no story yet (an earlier run was killed before linking)."""
    return store.list_articles(limit=1).total > 0 and store.stats().stories == 0 or bool(
        getattr(store, "unlinked_count", lambda: 0)())
