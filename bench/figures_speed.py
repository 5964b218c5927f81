#!/usr/bin/env python3
"""Speed of the figures extractor as a ratio to the spaCy pipeline, in one process.

Parses N articles with spaCy (timed), then runs the extractors that figures
depends on untimed (claims are read for linking) and the figures extractor
timed, on the same docs. The ratio figures/spaCy is what the issue's speed
budget is about; absolute times depend on the machine.

Usage: python bench/figures_speed.py ARTICLES.jsonl [--limit 200]
(JSONL with a "text" field per line, e.g. ../shared/eval-dev/corpus-bbc-news.jsonl)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsledger.extract import figures  # noqa: E402
from newsledger.extract.base import Context  # noqa: E402
from newsledger.model import Article, Record  # noqa: E402
from newsledger.pipeline import Pipeline  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    texts = []
    with open(args.file, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.limit:
                break
    pipe = Pipeline()
    t0 = time.perf_counter()
    docs = [pipe.nlp(t) for t in texts]
    t_spacy = time.perf_counter() - t0
    t_fig = 0.0
    n_fig = 0
    for text, doc in zip(texts, docs):
        article = Article(text=text)
        record = Record(id="bench", text=text)
        ctx = Context(article=article, record=record, resources=pipe.resources)
        for ex in pipe.extractors:
            if ex.name == figures.EXTRACTOR.name:
                t1 = time.perf_counter()
                found = ex.run(doc, ctx)
                t_fig += time.perf_counter() - t1
                n_fig += len(found)
                break
            setattr(record, ex.field, ex.run(doc, ctx))
    print(f"{len(texts)} articles, {n_fig} figures")
    print(f"spaCy   {t_spacy:8.2f} s  ({1000 * t_spacy / len(texts):.1f} ms/article)")
    print(f"figures {t_fig:8.2f} s  ({1000 * t_fig / len(texts):.2f} ms/article)")
    print(f"ratio figures/spaCy = {t_fig / t_spacy:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
