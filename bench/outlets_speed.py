#!/usr/bin/env python3
"""Cost of learning outlet home regions: a batch in two passes as a ratio to one pass, in one process.

One pass is ``Pipeline.process_many`` (spaCy and every extractor once per
article); two passes is ``Pipeline.process_batch`` (the same, then the
outlets' homes are learned and the extractors run again on the kept docs of
the articles whose outlet has one). Both read the same articles, one after
the other; CPU time by default. Prints the ratio two/one and how many
articles the second pass re-read.

Usage: python bench/outlets_speed.py ARTICLES.jsonl [--limit N] [--clock cpu|wall]
(JSONL with "text" and "url" per line, e.g. ../shared/eval-dev/places-lgl.jsonl)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsledger.model import Article  # noqa: E402
from newsledger.pipeline import Pipeline  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = ap.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    articles = []
    with open(args.file, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if args.limit is not None and n >= args.limit:
                break
            d = json.loads(line)
            articles.append(Article(text=d["text"], id=d.get("id"), url=d.get("url"), title=d.get("title")))
    pipe = Pipeline()
    pipe(Article(text="Warm-up in Kyiv on Monday."))
    t0 = clock()
    one = list(pipe.process_many(articles))
    t_one = clock() - t0
    t0 = clock()
    two = list(pipe.process_batch(articles, log=False))
    t_two = clock() - t0
    changed = sum(1 for a, b in zip(one, two) if getattr(a, "places", None) != getattr(b, "places", None))
    print(f"articles {len(articles)}; one pass {t_one:.1f} s, two passes {t_two:.1f} s ({args.clock}); "
          f"ratio {t_two / t_one:.3f}; records whose places changed: {changed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
