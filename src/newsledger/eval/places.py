"""Scoring places: geotagging (finding toponyms) and geocoding (placing them).

Gold: ``gold.toponyms`` (LGL, TR-News: GeoNames ids and coordinates;
GeoVirus: coordinates). System: ``record.places``.

* geotagging P/R/F1: a system place matches a gold toponym it overlaps
  (one-to-one, largest overlap first);
* geocoding, over gold toponyms that have coordinates:
  - **acc@161 km end-to-end**: a gold toponym counts only if a system place
    matched it *and* lies within 161 km (100 miles, the field's usual
    threshold); missed toponyms count as wrong, so the number cannot be
    raised by detecting less;
  - accuracy conditional on detection: the same over detected toponyms only
    (a system place without coordinates is wrong);
  - mean error in km over detected toponyms where the system gave coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .common import (PRF, GoldDoc, Mean, Prediction, Ratio, Row, TaskResult, join, match_one_to_one,
                     span_overlap_score)

TASK = "places"
#: 100 miles: the threshold used by LGL, TR-News and GeoVirus evaluations
ACCURACY_KM = 161.0
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class SysPlace:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class PlacesResult(TaskResult):
    task: str = TASK
    geotag: PRF = field(default_factory=PRF)
    acc161: Ratio = field(default_factory=Ratio)
    acc161_detected: Ratio = field(default_factory=Ratio)
    error_km: Mean = field(default_factory=Mean)

    def rows(self) -> list[Row]:
        g = self.geotag
        return [
            Row("geotag_p", g.precision, f"{g.matched_sys}/{g.n_sys}"),
            Row("geotag_r", g.recall, f"{g.matched_gold}/{g.n_gold}"),
            Row("geotag_f1", g.f1, headline=True),
            Row("acc161", self.acc161.value, f"{self.acc161.correct}/{self.acc161.total} gold with coordinates",
                headline=True),
            Row("acc161_detected", self.acc161_detected.value,
                f"{self.acc161_detected.correct}/{self.acc161_detected.total} detected"),
            Row("mean_error_km", self.error_km.value, f"{self.error_km.n} located"),
        ]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _coord(value: object) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def gold_toponyms(doc: GoldDoc) -> list[GoldToponym]:
    out = []
    for t in doc.gold.get("toponyms") or []:
        if t.get("start") is None:
            continue
        out.append(GoldToponym(int(t["start"]), int(t["end"]), t.get("text", ""),
                               _coord(t.get("lat")), _coord(t.get("lon"))))
    return out


def score_doc(gold: Sequence[GoldToponym], system: Sequence[SysPlace], result: PlacesResult) -> None:
    pairs = match_one_to_one(system, gold, span_overlap_score)
    result.geotag.add(len(system), len(gold), len(pairs))
    matched = {j: i for i, j in pairs}
    for j, g in enumerate(gold):
        if g.lat is None or g.lon is None:
            continue
        i = matched.get(j)
        if i is None:
            result.acc161.add(False)
            continue
        s = system[i]
        if s.lat is None or s.lon is None:
            ok = False
        else:
            km = haversine_km(g.lat, g.lon, s.lat, s.lon)
            result.error_km.add(km)
            ok = km <= ACCURACY_KM
        result.acc161.add(ok)
        result.acc161_detected.add(ok)


def score(gold: Sequence[GoldDoc], predictions: Iterable[Prediction] | Mapping[str, Prediction]) -> PlacesResult:
    """Score predicted records against LGL / TR-News / GeoVirus-style gold documents."""
    result = PlacesResult()
    for joined in join(gold, predictions):
        result.docs += 1
        result.missing += joined.missing
        system = [SysPlace(p.start, p.end, p.text, _coord(p.lat), _coord(p.lon)) for p in joined.record.places]
        score_doc(gold_toponyms(joined.gold), system, result)
    return result


def gold_as_prediction(doc: GoldDoc) -> dict:
    places = [{"id": f"p{n}", "text": t.text, "start": t.start, "end": t.end, "name": t.text,
               "country": None, "lat": t.lat, "lon": t.lon}
              for n, t in enumerate(gold_toponyms(doc), start=1)]
    return {"id": doc.id, "text": doc.text, "places": places}
