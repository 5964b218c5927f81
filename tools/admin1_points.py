"""Give the first-level regions of resources/en/admin_regions.tsv the point of ISO 3166-2 data.

The points build_admin_regions.py derives from a region's populated places
lean to where people live: Ontario's fell on its southern shore, ~400 km
from the reference points that gazetteers (GeoNames) and encyclopaedias
(Wikipedia) give, Alberta's and Queensland's as far. The iso3166-2 package
(MIT, PyPI) ships a representative point (``latLng``) for every
first-level ISO 3166-2 subdivision; this script takes it for each level-1
row whose name matches one of the country's subdivisions (case, diacritics
and a region word such as "Province" ignored), and keeps the derived point
where no subdivision matches, or where the match is over ``MAX_SHIFT_KM``
away (a different region of the same name, not a better point for it).

    pip install iso3166-2   # in a scratch environment: a build tool, not a dependency
    python tools/admin1_points.py src/newsledger/resources/en/admin_regions.tsv \
        path/to/site-packages/iso3166_2/iso3166-2.json

It rewrites the table in place and reports how many points it moved.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import defaultdict

MAX_SHIFT_KM = 900.0
_HEADER_NOTE = ("# First-level points: the latLng of the matching ISO 3166-2 subdivision in the iso3166-2 "
                "package (MIT), set by tools/admin1_points.py.")
_REGION_WORD = re.compile(r"\b(?:province|region|state|oblast|governorate|prefecture|department|county|"
                          r"district|autonomous|republic|of|the|municipality|territory|krai|kray)\b")


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", folded)
    return " ".join(words.split())


def _keys(name: str) -> set[str]:
    k = _key(name)
    bare = " ".join(_REGION_WORD.sub(" ", k).split())
    return {k, bare} - {""}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def main(table: str, iso_json: str) -> None:
    with open(iso_json, encoding="utf-8") as fh:
        iso = json.load(fh)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for cc, subdivisions in iso.items():
        for sub in subdivisions.values():
            if sub.get("parentCode") is None and sub.get("latLng"):
                for k in _keys(sub["name"]):
                    points[(cc, k)].append((float(sub["latLng"][0]), float(sub["latLng"][1])))
    with open(table, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    out, moved, kept = [], 0, 0
    for line in lines:
        if line.startswith(_HEADER_NOTE[:40]):
            continue
        if line.startswith("level\t"):
            out.append(_HEADER_NOTE)
        row = line.split("\t")
        if line.startswith("#") or row[0] != "1":
            out.append(line)
            continue
        here = (float(row[5]), float(row[6]))
        found = {p for k in _keys(row[3]) for p in points.get((row[1], k), ())}
        best = min(found, key=lambda p: _km(p, here), default=None)
        if best is not None and _km(best, here) <= MAX_SHIFT_KM:
            row[5], row[6] = f"{best[0]:.4f}", f"{best[1]:.4f}"
            moved += 1
        else:
            kept += 1
        out.append("\t".join(row))
    with open(table, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    print(f"{moved} first-level points from ISO 3166-2 data, {kept} kept", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
