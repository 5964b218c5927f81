#!/usr/bin/env python3
"""Throughput of newsledger relative to spaCy alone, on the same documents, in one process.

Why a ratio: absolute speed depends on the machine and on what else runs on
it; the ratio (b)/(a) of full newsledger to spaCy's own pipeline, measured
back to back on the same documents, is what an extractor change moves. The
issue's target: (b)/(a) >= 0.7, peak RSS under 1 GB per process.

  (a) spaCy alone: ``nlp.pipe(texts)`` with spaCy's installed pipeline
      (en_core_web_sm), without the components newsledger adds to it;
  (b) full newsledger: ``Pipeline.process_many(articles)`` — spaCy plus every
      extractor, records built (not serialised).

Each configuration runs ``--repeat`` times, alternating (a) and (b) so that
background load hits both alike; the best run of each counts. With
``--n-process 2`` spaCy parses in two worker processes; newsledger's extractors
still run in the parent (that is how ``process_many`` works), so the ratio
shows what that costs.

Usage: python bench/throughput.py [--limit 200] [--n-process 1 2] [--repeat 2] [--json]
This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load_articles, machine, peak_rss_mb, plain_spacy, require_corpus


@dataclass(slots=True)
class Run:
    label: str
    n_process: int
    seconds: float
    articles: int
    words: int
    peak_rss_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def run_spacy(nlp, texts: list[str], n_process: int, batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def run_newsledger(pipeline, articles: list, n_process: int, batch_size: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in pipeline.process_many(articles, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="first N documents of the corpus")
    parser.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    require_corpus(args.corpus)

    from newsledger import __version__
    from newsledger.pipeline import Pipeline

    articles = load_articles(args.corpus, args.limit)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    pipeline = Pipeline()
    nlp = plain_spacy()
    # warm-up: first calls pay for lazy initialisation in spaCy and the extractors
    run_spacy(nlp, texts[:8], 1, args.batch_size)
    run_newsledger(pipeline, articles[:8], 1, args.batch_size)

    results: list[dict] = []
    for n in args.n_process:
        best_a = best_b = cpu_a = cpu_b = float("inf")
        rss_a = rss_b = 0.0
        for _ in range(args.repeat):
            wall, cpu = run_spacy(nlp, texts, n, args.batch_size)
            best_a, cpu_a = min(best_a, wall), min(cpu_a, cpu)
            rss_a = max(rss_a, peak_rss_mb(), peak_rss_mb(children=True))
            wall, cpu = run_newsledger(pipeline, articles, n, args.batch_size)
            best_b, cpu_b = min(best_b, wall), min(cpu_b, cpu)
            rss_b = max(rss_b, peak_rss_mb(), peak_rss_mb(children=True))
        a = Run("spaCy alone", n, best_a, len(articles), words, rss_a)
        b = Run("newsledger", n, best_b, len(articles), words, rss_b)
        results.append({"n_process": n, "spacy": {**asdict(a), "articles_per_s": a.articles_per_s,
                                                  "words_per_s": a.words_per_s},
                        "newsledger": {**asdict(b), "articles_per_s": b.articles_per_s,
                                       "words_per_s": b.words_per_s},
                        "ratio": a.seconds / b.seconds,
                        # CPU of this process only: meaningful with one process, where it is
                        # immune to other load on the machine
                        "ratio_cpu": cpu_a / cpu_b if n == 1 else None})

    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
            "newsledger": __version__, "extractors": pipeline.versions, "corpus": args.corpus.name,
            "articles": len(articles), "words": words, "repeat": args.repeat, "batch_size": args.batch_size}
    if args.json:
        print(json.dumps({**meta, "results": results}, indent=2))
        return 0
    print(f"{meta['date']} · {meta['machine']} · newsledger {__version__} · {args.corpus.name}: "
          f"{len(articles)} articles, {words} words, best of {args.repeat}")
    print(f"extractors: {', '.join(f'{k} {v}' for k, v in pipeline.versions.items())}")
    print(f"spaCy: {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']} ({', '.join(nlp.pipe_names)}); "
          f"newsledger adds: {', '.join(n for n in pipeline.nlp.pipe_names if n not in nlp.pipe_names) or 'nothing'}\n")
    print("| n_process | run | articles/s | words/s | peak RSS MB | ratio (b)/(a) wall | ratio CPU |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in results:
        for key, label in (("spacy", "(a) spaCy alone"), ("newsledger", "(b) newsledger")):
            x = r[key]
            ratio = f"{r['ratio']:.2f}" if key == "newsledger" else ""
            ratio_cpu = f"{r['ratio_cpu']:.2f}" if key == "newsledger" and r["ratio_cpu"] else ""
            print(f"| {r['n_process']} | {label} | {x['articles_per_s']:.1f} | {x['words_per_s']:.0f} | "
                  f"{x['peak_rss_mb']:.0f} | {ratio} | {ratio_cpu} |")
    print("\nthroughput from wall time (best run); ratio CPU = spaCy CPU s / newsledger CPU s in this process "
          "(n_process 1 only: immune to other load).\npeak RSS: largest of this process and its spaCy workers "
          "so far (ru_maxrss), per process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
