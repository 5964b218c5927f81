#!/usr/bin/env python3
"""Cost of places and entity linking as a ratio to the rest of the pipeline, in one process.

Parses N articles with spaCy without the NER repair pass (timed), runs the
repair pass on the same docs (timed), then every extractor in order, timing
entities and places apart from the others. Prints

    added = (NER repair + entities + places) / (spaCy without repair + other extractors)

which is what the issue's budget (at most 15 %) is about, and the gazetteer's
load time from its cache file (and, with --cold, the time to build it).
Absolute times depend on the machine; the ratio is what to compare.

Usage: python bench/places_speed.py ARTICLES.jsonl [--limit 200] [--cold]
(JSONL with a "text" field per line, e.g. ../shared/eval-dev/corpus-bbc-news.jsonl)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsledger.extract import gazetteer  # noqa: E402
from newsledger.extract.base import Context  # noqa: E402
from newsledger.extract.ner_repair import COMPONENT  # noqa: E402
from newsledger.model import Article, Record  # noqa: E402
from newsledger.pipeline import Pipeline  # noqa: E402

MINE = ("entities", "places")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--cold", action="store_true", help="also time building the gazetteer from scratch")
    args = ap.parse_args()
    texts = []
    with open(args.file, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.limit:
                break

    gazetteer.load_gazetteer.cache_clear()
    t0 = time.perf_counter()
    gazetteer.load_gazetteer()
    t_load = time.perf_counter() - t0
    if args.cold:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            gazetteer.load_gazetteer.__wrapped__(Path(tmp))
            t_build = time.perf_counter() - t0
        print(f"gazetteer build (cold, no cache file) {t_build:6.2f} s")
    print(f"gazetteer load (cache file)           {t_load:6.2f} s")

    pipe = Pipeline()
    repair = pipe.nlp.get_pipe(COMPONENT)
    with pipe.nlp.select_pipes(disable=[COMPONENT]):
        t0 = time.perf_counter()
        docs = [pipe.nlp(t) for t in texts]
        t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = [repair(d) for d in docs]
    t_repair = time.perf_counter() - t0
    timing = {ex.name: 0.0 for ex in pipe.extractors}
    n_places = 0
    for text, doc in zip(texts, docs):
        record = Record(id="bench", text=text)
        ctx = Context(article=Article(text=text), record=record, resources=pipe.resources)
        for ex in pipe.extractors:
            t1 = time.perf_counter()
            setattr(record, ex.field, ex.run(doc, ctx))
            timing[ex.name] += time.perf_counter() - t1
        n_places += len(record.places)
    mine = t_repair + sum(timing[n] for n in MINE)
    rest = t_spacy + sum(t for n, t in timing.items() if n not in MINE)
    n = len(texts)
    print(f"{n} articles, {n_places} places")
    print(f"spaCy without repair {t_spacy:8.2f} s  ({1000 * t_spacy / n:.1f} ms/article)")
    print(f"NER repair           {t_repair:8.2f} s  ({1000 * t_repair / n:.2f} ms/article)")
    for name, t in timing.items():
        print(f"{name:<20} {t:8.2f} s  ({1000 * t / n:.2f} ms/article)")
    print(f"added by NER repair + entities + places: {100 * mine / rest:.1f} % of the rest of the pipeline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
