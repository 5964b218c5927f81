"""The API and pages over the listings a large store serves: events by actor and target,
bounded paging with capped totals, the entity page's roles, the bounded claims board."""

from __future__ import annotations

import importlib

import pytest
from fastapi.testclient import TestClient

from newsledger.api import ApiSettings, create_app
from newsledger.store import SQLiteStore
from newsledger.store import sqlite as sqlite_store
from test_store_listings import record_1, record_2
from web_records import capture_reports


@pytest.fixture()
def store(tmp_path):
    s = SQLiteStore(tmp_path / "web.db")
    for r in (record_1(), record_2(), *capture_reports()):
        s.put(r)
    s.relink()
    yield s
    s.close()


@pytest.fixture()
def client(store):
    return TestClient(create_app(ApiSettings(), store=store))


def _ids(body: dict) -> list[tuple[str, str]]:
    return [(e["article_id"], e["event_id"]) for e in body["items"]]


def test_api_events_filter_by_actor_and_target(client):
    assert _ids(client.get("/api/events", params={"actor": "Russia"}).json()) == [("r1", "ev1"), ("r2", "ev1")]
    assert _ids(client.get("/api/events", params={"actor": "wikidata:Q159", "target": "Kyiv"}).json()) == [
        ("r2", "ev1")]
    assert _ids(client.get("/api/events", params={"target": "Kherson"}).json()) == [("r1", "ev1")]
    body = client.get("/api/events", params={"actor": "Ukraine", "type": "FIGHT"}).json()
    # the capture reports' "Ukrainian forces" resolve to Ukraine by canonical name, r1's army by Wikidata id
    assert ("r1", "ev2") in _ids(body) and ("nl-web-a1", "ev1") in _ids(body)
    assert client.get("/api/events", params={"actor": "x" * 301}).status_code == 422


def test_api_offset_is_bounded_and_totals_say_when_capped(client, monkeypatch):
    from newsledger.api.routes import MAX_OFFSET

    assert client.get("/api/articles", params={"offset": MAX_OFFSET + 1}).status_code == 422
    assert client.get("/api/articles", params={"offset": MAX_OFFSET}).status_code == 200
    body = client.get("/api/events", params={"limit": 2}).json()
    assert body["total_exact"] is True and body["next_offset"] == 2
    monkeypatch.setattr(sqlite_store, "COUNT_CAP", 3)
    body = client.get("/api/claims", params={"limit": 3}).json()
    assert (body["total"], body["total_exact"], body["next_offset"]) == (3, False, 3)
    body = client.get("/api/claims", params={"limit": 3, "offset": 3}).json()
    assert body["items"] and body["offset"] == 3


def test_pages_entity_lists_events_by_role_whatever_the_words(client):
    html = client.get("/entities/wikidata:Q159").text
    assert "Events as actor (2)" in html and "Events as target (0)" in html
    assert "Moscow launched a wave of drones" in html and "Russian forces shelled the city" in html
    html = client.get("/entities/Kyiv").text
    assert "Events as target (1)" in html and "Moscow launched a wave of drones" in html


def test_pages_timeline_filters_by_actor_and_target(client):
    html = client.get("/timeline", params={"actor": "Russia"}).text
    assert 'name="actor" value="Russia"' in html
    assert "Moscow launched" in html and "Russian forces shelled" in html and "repelled" not in html
    html = client.get("/timeline", params={"target": "Kherson"}).text
    assert "Russian forces shelled" in html and "Moscow launched" not in html


def test_pages_claims_board_shows_a_bounded_page(client, monkeypatch):
    # the module the app uses (another test re-imports the web modules)
    corpus_pages = importlib.import_module("newsledger.web.corpus_pages")
    monkeypatch.setattr(corpus_pages, "BOARD_CLAIMS", 1)
    html = client.get("/claims").text
    assert "First 1 shown" in html  # the capture reports' story has more claims than one
    monkeypatch.setattr(corpus_pages, "BOARD_PAGE", 1)
    first, second = client.get("/claims").text, client.get("/claims?offset=1").text
    assert first.count('<section class="story"') == 1 and 'rel="next"' in first
    assert 'rel="prev"' in second


def test_store_series_reports_are_bounded_but_keep_both_ends(store):
    series = store.figure_series(conflicts_only=True, reports=1).items[0]
    assert series.n_reports == 3 and (series.low, series.high) == (2, 5)
    # the earliest report, then the highest value, which the earliest did not show
    assert [(r.article_id, r.value) for r in series.reports] == [("nl-web-a1", 2), ("nl-web-a3", 5)]
    assert len(store.figure_series(conflicts_only=True).items[0].reports) == 3


def test_api_series_reports_param(client):
    body = client.get("/api/figures/series", params={"conflicts": "true", "reports": 1}).json()
    assert body["items"][0]["n_reports"] == 3 and len(body["items"][0]["reports"]) == 2
    assert client.get("/api/figures/series", params={"reports": 0}).status_code == 422


def test_api_quotes_by_speaker(client):
    body = client.get("/api/quotes", params={"speaker": "OFFICIALS"}).json()
    assert [(q["article_id"], q["quote_id"]) for q in body["items"]] == [("r2", "q1")]
    assert client.get("/api/quotes", params={"speaker": "Volodymyr Zelensky"}).json()["total"] == 3
