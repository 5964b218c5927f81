#!/usr/bin/env python3
"""How high acc@161 km can go with newsledger's gazetteer, whatever the disambiguation.

For every gold toponym with coordinates, look its text up as the places
extractor does (``places._lookup``: GeoNames names and alternate names,
country and place aliases) and ask whether *any* reading lies within 161 km of
the gold point. The share that does is the ceiling of end-to-end acc@161 for a
system that detects every toponym and always picks the best reading: what
remains is names the gazetteer lacks, and names whose every reading is far from
the point the annotators used (GeoVirus gives countries and regions
Wikipedia's points: Canada 60N 95W, GeoNames 60.1N 113.6W, 1,031 km apart).

    python bench/places_ceiling.py ../shared/eval-dev/places-lgl.jsonl \
        ../shared/eval-dev/places-trnews.jsonl ../shared/eval-dev/places-geovirus.jsonl

Prints, per file, the ceiling and the most frequent names that cannot reach it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from newsledger.eval.common import read_gold
from newsledger.eval.places import ACCURACY_KM, gold_toponyms, haversine_km
from newsledger.extract import places


def ceiling(path: str, res: places.PlacesResources) -> tuple[int, int, Counter, Counter]:
    """(reachable, total, names without any reading, names whose readings are all too far)."""
    reachable = total = 0
    unknown: Counter = Counter()
    far: Counter = Counter()
    for doc in read_gold(path):
        for t in gold_toponyms(doc):
            if t.lat is None or t.lon is None:
                continue
            total += 1
            readings = places._lookup(res.gazetteer, res.tables, res.words, t.text)
            if not readings:
                unknown[t.text] += 1
            elif any(e.lat is not None and haversine_km(t.lat, t.lon, e.lat, e.lon) <= ACCURACY_KM
                     for e, _ in readings):
                reachable += 1
            else:
                far[t.text] += 1
    return reachable, total, unknown, far


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", help="places gold files (eval-dev JSON Lines)")
    parser.add_argument("--top", type=int, default=8, help="how many unreachable names to list")
    args = parser.parse_args(argv)
    res = places.load()
    for path in args.gold:
        if not Path(path).is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
        reachable, total, unknown, far = ceiling(path, res)
        print(f"{Path(path).name}: ceiling acc@161 {reachable / max(1, total):.3f} ({reachable}/{total}); "
              f"{sum(unknown.values())} not in the gazetteer, {sum(far.values())} with every reading over "
              f"{ACCURACY_KM:.0f} km away")
        print("  too far:", ", ".join(f"{name} {n}" for name, n in far.most_common(args.top)))
        print("  unknown:", ", ".join(f"{name} {n}" for name, n in unknown.most_common(args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
