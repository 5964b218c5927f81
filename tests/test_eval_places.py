"""The places scorer: geotagging by overlap, geocoding within 161 km."""

from __future__ import annotations

import pytest

from newsledger.eval import places
from newsledger.model import Place, Record

from eval_helpers import gold_doc, span

TEXT = ("Flooding closed roads from Alexandria to Pineville in Rapides Parish on Friday, "
        "and the governor in Baton Rouge declared an emergency.")
ALEXANDRIA = (31.3113, -92.4451)
PINEVILLE = (31.3224, -92.4343)
RAPIDES = (31.1669, -92.4835)
BATON_ROUGE = (30.4507, -91.1545)
SHREVEPORT = (32.5252, -93.7502)


def _gold() -> list:
    tops = []
    for phrase, coords in (("Alexandria", ALEXANDRIA), ("Pineville", PINEVILLE), ("Rapides Parish", RAPIDES),
                           ("Baton Rouge", BATON_ROUGE)):
        s, e = span(TEXT, phrase)
        tops.append({"start": s, "end": e, "text": phrase, "lat": coords[0], "lon": coords[1]})
    tops.append({"start": 0, "end": 8, "text": "Flooding", "lat": None, "lon": None})  # no coordinates
    return [gold_doc("lgl-1", TEXT, {"toponyms": tops})]


def _place(n: int, phrase: str, coords: tuple[float, float] | None) -> Place:
    s, e = span(TEXT, phrase)
    lat, lon = coords if coords else (None, None)
    return Place(id=f"p{n}", text=phrase, start=s, end=e, name=phrase, country="US", lat=lat, lon=lon)


def test_places_gold_scored_against_itself_is_perfect():
    gold = _gold()
    result = places.score(gold, [places.gold_as_prediction(d) for d in gold])
    assert result.geotag.f1 == 1.0 and result.acc161.value == 1.0 and result.error_km.value == 0.0


@pytest.mark.parametrize("a,b,km", [
    (ALEXANDRIA, BATON_ROUGE, 156.0),   # just under 100 miles: within the threshold
    ((40.7128, -74.0060), (34.0522, -118.2437), 3936.0),  # New York-Los Angeles
    ((51.5074, -0.1278), (48.8566, 2.3522), 343.5),  # London-Paris
])
def test_places_haversine_known_distances(a, b, km):
    assert places.haversine_km(*a, *b) == pytest.approx(km, rel=0.01)


def test_places_known_geotag_and_geocode_counts():
    record = Record(id="lgl-1", text=TEXT, places=[
        _place(1, "Alexandria", ALEXANDRIA),        # right
        _place(2, "Pineville in Rapides", RAPIDES),  # overlaps two golds, matched to one, ~17 km off: right
        _place(3, "Baton Rouge", SHREVEPORT),       # detected, placed ~330 km away: wrong
        _place(4, "governor", None),                # spurious
    ])
    result = places.score(_gold(), [record])
    assert (result.geotag.matched_sys, result.geotag.n_sys, result.geotag.n_gold) == (3, 4, 5)
    # 4 gold toponyms have coordinates; 3 detected; 2 within 161 km
    assert (result.acc161.correct, result.acc161.total) == (2, 4)
    assert (result.acc161_detected.correct, result.acc161_detected.total) == (2, 3)
    assert result.error_km.n == 3


def test_places_detected_without_coordinates_is_wrong_not_skipped():
    record = Record(id="lgl-1", text=TEXT, places=[_place(1, "Alexandria", None)])
    result = places.score(_gold(), [record])
    assert (result.acc161_detected.correct, result.acc161_detected.total) == (0, 1)
    assert result.error_km.n == 0
