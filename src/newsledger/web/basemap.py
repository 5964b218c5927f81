"""The offline basemap: Natural Earth 1:110m countries (public domain), shipped
in ``static/countries-110m.json`` (built by ``tools/make_basemap.py``), drawn
as SVG paths in an equirectangular projection: x = longitude, y = -latitude,
viewBox ``-180 -90 360 180``. No tile server, nothing fetched.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "static" / "countries-110m.json"
SOURCE = "Natural Earth 1:110m Admin 0 Countries, public domain"


@lru_cache(maxsize=1)
def basemap_paths() -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) for every country, read once."""
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    out = []
    for country in doc["countries"]:
        d = []
        for ring in country["rings"]:
            pts = [f"{ring[i]:g} {-ring[i + 1]:g}" for i in range(0, len(ring), 2)]
            d.append("M" + "L".join(pts) + "Z")
        out.append((country["name"] or "", "".join(d)))
    return tuple(out)
