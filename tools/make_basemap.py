"""Build newsledger's offline basemap (web/static/countries-110m.json).

Source: Natural Earth 1:110m "Admin 0 - Countries" (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), in the copy that
geopandas 0.14 shipped as ``geopandas/datasets/naturalearth_lowres``. Neither
package is a dependency of newsledger; this script is run by hand when the
basemap should change:

    pip download --no-deps geopandas==0.14.4 pyshp==2.3.1 -d /some/dir
    (unzip both wheels there)
    PYTHONPATH=/some/dir python tools/make_basemap.py \
        /some/dir/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp \
        src/newsledger/web/static/countries-110m.json

Coordinates are rounded to 0.1 degree (about the resolution of the 1:110m
data), consecutive duplicate points dropped, and rings of fewer than four
points dropped.
"""

from __future__ import annotations

import json
import sys


def rings_of(shape) -> list[list[float]]:
    parts = list(shape.parts) + [len(shape.points)]
    out = []
    for a, b in zip(parts, parts[1:]):
        flat: list[float] = []
        last = None
        for lon, lat in shape.points[a:b]:
            pt = (round(lon, 1), round(lat, 1))
            if pt != last:
                flat.extend(pt)
                last = pt
        if len(flat) >= 8:
            out.append(flat)
    return out


def main(src: str, dst: str) -> None:
    import shapefile  # pyshp

    reader = shapefile.Reader(src, encoding="latin-1")  # the .dbf is Latin-1 (e.g. "Côte d'Ivoire")
    fields = [f[0] for f in reader.fields[1:]]
    countries = []
    for rec, shape in zip(reader.records(), reader.shapes()):
        attrs = dict(zip(fields, rec))
        rings = rings_of(shape)
        if rings:
            countries.append({"name": attrs.get("name"), "iso": attrs.get("iso_a3"), "rings": rings})
    countries.sort(key=lambda c: c["name"] or "")
    doc = {"source": "Natural Earth 1:110m Admin 0 Countries (via geopandas 0.14 naturalearth_lowres)",
           "licence": "public domain (Natural Earth terms of use)", "countries": countries}
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
