"""The HTTP API through FastAPI's test client, over a real SQLite store."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from newsledger.api import ApiSettings, create_app
from newsledger.model import Article, ErrorRecord, Record
from newsledger.store import SQLiteStore, content_hash
from web_records import capture_reports, empty_record, hostile_record


def fake_extractor(article: Article) -> Record | ErrorRecord:
    """Stands in for spaCy: the record of an article with one entity per capitalised word."""
    if "FAIL" in article.text:
        return ErrorRecord(code="E010", message="extraction failed in extractor test: boom", input=article.origin)
    from newsledger.model import Entity
    from newsledger.pipeline import record_id

    ents = []
    pos = 0
    for word in article.text.split():
        start = article.text.index(word, pos)
        pos = start + len(word)
        if word[:1].isupper():
            ents.append(Entity(id=f"ent{len(ents) + 1}", text=word, start=start, end=pos, type="X", canonical=word))
    return Record(id=article.id or record_id(article), text=article.text, title=article.title,
                  published=article.published, url=article.url, source=article.source, entities=ents)


@pytest.fixture()
def store(tmp_path):
    s = SQLiteStore(tmp_path / "web.db")
    for r in [*capture_reports(), hostile_record(), empty_record()]:
        s.put(r, content_hash(r.text, r.title))
    s.relink()
    yield s
    s.close()


def client(store=None, **settings) -> TestClient:
    return TestClient(create_app(ApiSettings(**settings), store=store, extractor=fake_extractor))


def test_api_health_reports_store_and_ingest(store):
    assert client().get("/api/health").json() == {"status": "ok", "version": "0.1.0", "store": False, "ingest": False}
    assert client(store, token="t").get("/api/health").json()["ingest"] is True


def test_api_extract_returns_record_without_storing(store):
    c = client(store)
    r = c.post("/api/extract", json={"text": "Kim Jong Un visited Moscow.", "published": "2024-06-19"})
    assert r.status_code == 200
    body = r.json()
    assert body["schema"] == "newsledger-record-v1"
    assert [e["text"] for e in body["entities"]] == ["Kim", "Jong", "Un", "Moscow."]
    assert c.get("/api/articles").json()["total"] == 5  # nothing stored


@pytest.mark.parametrize("payload,status", [
    ({"text": ""}, 422),
    ({"text": "   "}, 422),
    ({"title": "no text"}, 422),
    ({"text": "FAIL here"}, 422),
    ({"text": "x" * 250_000}, 422),
])
def test_api_extract_refuses_bad_input(payload, status):
    r = client(max_body_bytes=2_000_000).post("/api/extract", json=payload)
    assert r.status_code == status


def test_api_body_limit_refuses_large_bodies():
    c = client(max_body_bytes=1000)
    assert c.post("/api/extract", json={"text": "a" * 2000}).status_code == 413
    # without Content-Length (chunked), counted as it streams
    def chunks():
        for _ in range(10):
            yield b"a" * 500

    r = c.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert c.post("/api/extract", json={"text": "small"}).status_code == 200


def test_api_articles_list_paginates(store):
    c = client(store)
    first = c.get("/api/articles", params={"limit": 2}).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["next_offset"] == 2
    rest = c.get("/api/articles", params={"limit": 2, "offset": 4}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    ids = {a["id"] for a in first["items"]} | {a["id"] for a in rest["items"]}
    assert len(ids) == 3


@pytest.mark.parametrize("params,expected", [
    ({"entity": "Volodymyr Zelensky"}, {"nl-web-a1", "nl-web-a2", "nl-web-a3"}),
    ({"place": "Kursk"}, {"nl-web-a1", "nl-web-a2", "nl-web-a3"}),
    ({"type": "PROTEST"}, {"nl-web-xss"}),
    ({"certainty": "hedged"}, {"nl-web-a1", "nl-web-a2", "nl-web-a3"}),
    ({"since": "2025-01-12", "until": "2025-01-31"}, {"nl-web-a2", "nl-web-a3"}),
    ({"source": "Agency Two"}, {"nl-web-a2"}),
])
def test_api_articles_filters_match_cli(store, params, expected):
    items = client(store).get("/api/articles", params=params).json()["items"]
    assert {a["id"] for a in items} == expected


@pytest.mark.parametrize("params", [{"type": "DANCE"}, {"certainty": "sure"}, {"since": "yesterday"},
                                    {"limit": 0}, {"limit": 5000}, {"offset": -1}])
def test_api_rejects_invalid_filters(store, params):
    assert client(store).get("/api/articles", params=params).status_code == 422


def test_api_article_one_returns_full_record(store):
    c = client(store)
    body = c.get("/api/articles/nl-web-a1").json()
    rec = Record.from_dict(body)
    assert rec.figures[0].value == 2 and rec.places[0].lat == pytest.approx(51.7373)
    assert c.get("/api/articles/nope").status_code == 404


def test_api_search_stories_events_claims_quotes(store):
    c = client(store)
    hits = c.get("/api/search", params={"q": "captured soldiers"}).json()
    assert {h["article"]["id"] for h in hits["items"]} == {"nl-web-a1", "nl-web-a2", "nl-web-a3"}
    assert "[" in hits["items"][0]["snippet"]
    stories = c.get("/api/stories").json()["items"]
    capture = next(s for s in stories if s["n_articles"] == 3)
    story = c.get(f"/api/stories/{capture['id']}").json()
    assert {a["id"] for a in story["articles"]} == {"nl-web-a1", "nl-web-a2", "nl-web-a3"}
    assert c.get("/api/stories/st-nope").status_code == 404
    events = c.get("/api/events", params={"type": "FIGHT"}).json()
    assert events["total"] == 3 and events["items"][0]["lat"] == pytest.approx(51.7373)
    claims = c.get("/api/claims", params={"certainty": "hedged"}).json()["items"]
    assert {x["certainty"] for x in claims} == {"hedged"} and len(claims) == 3
    quotes = c.get("/api/quotes", params={"article": "nl-web-a1"}).json()["items"]
    assert quotes[0]["speaker"] == "Volodymyr Zelensky"


def test_api_figure_series_mark_conflicts(store):
    series = client(store).get("/api/figures/series").json()["items"]
    captured = next(s for s in series if s["measure"] == "captured")
    assert captured["conflict"] is True
    assert sorted(r["value"] for r in captured["reports"]) == [2, 2, 5]
    only = client(store).get("/api/figures/series", params={"conflicts": True}).json()
    assert all(s["conflict"] for s in only["items"])


def test_api_entities_places_timeline(store):
    c = client(store)
    ents = c.get("/api/entities", params={"q": "Zelensky"}).json()["items"]
    assert ents[0]["canonical"] == "Volodymyr Zelensky" and ents[0]["n_articles"] == 3
    places = c.get("/api/places", params={"q": "Kursk"}).json()["items"]
    assert places[0]["lat"] == pytest.approx(51.7373)
    tl = c.get("/api/timeline", params={"name": "Volodymyr Zelensky"}).json()
    assert tl["total"] >= 3
    assert c.get("/api/timeline").status_code == 422


def test_api_export_streams_jsonl(store):
    r = client(store).get("/api/export")
    assert r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert {x["id"] for x in lines} == {"nl-web-a1", "nl-web-a2", "nl-web-a3", "nl-web-xss", "nl-web-empty"}


def test_api_read_endpoints_need_a_store():
    assert client().get("/api/articles").status_code == 503


def test_api_ingest_is_off_without_token(store):
    r = client(store).post("/api/ingest", json={"text": "Rain fell on Oslo."})
    assert r.status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret", "Bearer ", "s3cret"])
def test_api_ingest_refuses_wrong_token(store, header):
    headers = {"Authorization": header} if header is not None else {}
    r = client(store, token="s3cret").post("/api/ingest", json={"text": "Rain fell on Oslo."}, headers=headers)
    assert r.status_code == 401


def test_api_ingest_stores_with_token_once(store):
    c = client(store, token="s3cret")
    auth = {"Authorization": "Bearer s3cret"}
    doc = {"text": "Snow closed roads in Oslo on Monday.", "title": "Snow in Oslo", "published": "2025-01-06"}
    first = c.post("/api/ingest", json=doc, headers=auth).json()
    assert first["status"] == "stored"
    assert c.post("/api/ingest", json=doc, headers=auth).json()["status"] == "duplicate"
    assert c.get(f"/api/articles/{first['article_id']}").json()["title"] == "Snow in Oslo"
    assert c.post("/api/ingest", json={"text": "FAIL"}, headers=auth).status_code == 422


def test_api_security_headers_and_openapi(store):
    c = client(store)
    r = c.get("/api/health")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    spec = c.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/events", "/api/claims",
                 "/api/quotes", "/api/figures/series", "/api/entities", "/api/places", "/api/search",
                 "/api/export", "/api/extract", "/api/ingest", "/api/timeline"):
        assert path in spec["paths"], path
    assert "Record" in spec["components"]["schemas"]


def test_api_app_factory_builds_nothing_at_import():
    import importlib
    import sys

    for name in [m for m in sys.modules if m.startswith("newsledger.api") or m.startswith("newsledger.web")]:
        del sys.modules[name]
    mod = importlib.import_module("newsledger.api.app")
    assert not any(isinstance(v, (SQLiteStore,)) for v in vars(mod).values())
    assert "newsledger.pipeline" not in {type(v).__module__ for v in vars(mod).values()}


@pytest.mark.parametrize("fmt,what,check", [
    ("csv", "events", lambda t: t.splitlines()[0].startswith("event_id,") and t.count("\n") == 5),
    ("geojson", "articles", lambda t: json.loads(t)["type"] == "FeatureCollection"),
    ("plover", "articles", lambda t: {json.loads(x)["event"] for x in t.splitlines()} == {"FIGHT", "PROTEST"}),
    ("jsonl", "claims", lambda t: len(t.splitlines()) == 7),
])
def test_api_export_formats_match_cli(store, fmt, what, check):
    r = client(store).get("/api/export", params={"format": fmt, "what": what})
    assert r.status_code == 200
    assert check(r.text), r.text[:300]


def test_api_export_rejects_unknown_format(store):
    assert client(store).get("/api/export", params={"format": "xml"}).status_code == 422
