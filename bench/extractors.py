#!/usr/bin/env python3
"""Where newsledger's time goes: each extractor's time as a share of spaCy's.

Each extractor issue has a budget such as "adds at most 10% to the
pipeline's time per article". This measures exactly that, in one process on
the same documents: spaCy's own pipeline parses them (timed: the baseline),
newsledger's pipeline — spaCy plus the components newsledger adds, such as
the NER repair — parses them again (the difference is those components'
cost), then every document is annotated with each extractor's ``run``
wrapped in a timer. The share is
extractor time / spaCy time; the total share is what newsledger adds on top
of spaCy (1 / (1 + total) is the throughput ratio bench/throughput.py reports,
up to record building).

Time is CPU time of this process (``time.process_time``) by default, not
wall time: on a shared machine other processes stretch wall time at random,
while the CPU an extractor burns is what it costs (``--clock wall`` to compare).

Resources are loaded before timing (``load`` hooks run once per process, as
in real use). Documents are parsed once and kept; what extractors cache on a doc
(``doc.user_data``) is reset before each repetition, so an analysis shared by
two extractors is charged to the first that runs, as in real use.

Usage: python bench/extractors.py [--limit 200] [--repeat 2] [--json]
This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load_articles, machine, peak_rss_mb, plain_spacy, require_corpus


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def timed(extractor, totals: dict[str, float]):
    """The extractor with its ``run`` wrapped to add its time to ``totals``."""
    from dataclasses import replace

    run = extractor.run

    def wrapper(doc, ctx):
        started = clock()
        try:
            return run(doc, ctx)
        finally:
            totals[extractor.name] += clock() - started

    return replace(extractor, run=wrapper)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2, help="best of N for each timing")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--clock", choices=tuple(CLOCKS), default="cpu")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    require_corpus(args.corpus)
    global clock
    clock = CLOCKS[args.clock]

    from newsledger import __version__
    from newsledger.pipeline import EXTRACTORS, Pipeline

    articles = load_articles(args.corpus, args.limit)
    totals: dict[str, float] = defaultdict(float)
    pipeline = Pipeline(extractors=[timed(ex, totals) for ex in EXTRACTORS])
    nlp = pipeline.nlp
    plain = plain_spacy()
    texts = [a.text for a in articles]
    list(plain.pipe(texts[:8]))  # warm-up
    list(nlp.pipe(texts[:8]))

    spacy_best = extended_best = float("inf")
    docs = []
    for _ in range(args.repeat):
        started = clock()
        for _doc in plain.pipe(texts, batch_size=args.batch_size):
            pass
        spacy_best = min(spacy_best, clock() - started)
        started = clock()
        docs = list(nlp.pipe(texts, batch_size=args.batch_size))
        extended_best = min(extended_best, clock() - started)
    added = [name for name in nlp.pipe_names if name not in plain.pipe_names]

    # Extractors may cache shared analyses on the doc (doc.user_data); every
    # repetition starts from the freshly parsed state so none runs on a warm cache.
    parsed_state = [dict(doc.user_data) for doc in docs]

    def reset() -> None:
        for doc, state in zip(docs, parsed_state):
            doc.user_data.clear()
            doc.user_data.update(state)

    for doc, article in zip(docs[:8], articles[:8]):  # warm-up of the extractors
        pipeline.annotate(doc, article)
    best: dict[str, float] = {}
    annotate_best = float("inf")
    errors = 0
    for _ in range(args.repeat):
        reset()
        totals.clear()
        started = clock()
        errors = 0
        for doc, article in zip(docs, articles):
            errors += not hasattr(pipeline.annotate(doc, article), "entities")
        annotate_best = min(annotate_best, clock() - started)
        for name, seconds in totals.items():
            best[name] = min(best.get(name, float("inf")), seconds)

    n = len(articles)
    additions = max(0.0, extended_best - spacy_best)
    rows = [{"extractor": "+".join(added) + " (spaCy components)", "version": "", "seconds": additions,
             "ms_per_article": 1000 * additions / n, "share_of_spacy": additions / spacy_best}] if added else []
    rows += [{"extractor": ex.name, "version": ex.version, "seconds": best.get(ex.name, 0.0),
             "ms_per_article": 1000 * best.get(ex.name, 0.0) / n,
             "share_of_spacy": best.get(ex.name, 0.0) / spacy_best} for ex in EXTRACTORS]
    total = sum(r["seconds"] for r in rows)
    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
            "newsledger": __version__, "corpus": args.corpus.name, "articles": n,
            "clock": args.clock, "spacy_seconds": spacy_best, "newsledger_nlp_seconds": extended_best, "spacy_ms_per_article": 1000 * spacy_best / n,
            "extractors_seconds": total, "extractors_share": total / spacy_best,
            "annotate_seconds": annotate_best, "errors": errors, "peak_rss_mb": peak_rss_mb()}
    if args.json:
        print(json.dumps({**meta, "extractors": rows}, indent=2))
        return 0
    print(f"{meta['date']} · {meta['machine']} · newsledger {__version__} · {args.corpus.name}: {n} articles, "
          f"best of {args.repeat}, {args.clock} time")
    print(f"spaCy alone ({', '.join(plain.pipe_names)}): {spacy_best:.2f} s "
          f"({meta['spacy_ms_per_article']:.1f} ms/article); with newsledger's components: {extended_best:.2f} s\n")
    print("| extractor | version | ms/article | share of spaCy time |")
    print("|---|---|---:|---:|")
    for r in rows:
        print(f"| {r['extractor']} | {r['version']} | {r['ms_per_article']:.2f} | {100 * r['share_of_spacy']:.1f}% |")
    print(f"| all of newsledger | | {1000 * total / n:.2f} | {100 * total / spacy_best:.1f}% |")
    print(f"\nannotate() incl. record building: {annotate_best:.2f} s; documents that failed: {errors}; "
          f"peak RSS {meta['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
