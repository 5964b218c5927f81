"""Web benchmarks: page loads and API list latency on a large store.

Not a test. Run from the repository root (the dev data sits in ../shared/eval-dev):

  PYTHONPATH=src python bench/web.py [--size 100000] [--seed-docs 200] [--requests 200] [--browser] [--analyze]

The store is built as the corpus bench builds its search store: --seed-docs
BBC articles are extracted with the current pipeline, then resampled to
--size articles (each copy gets a unique id, a marker sentence, a date and an
outlet), and linked once (stories, figure series). The real server
(``python -m newsledger serve``) is then started on it, and timed over HTTP
with keep-alive from this process:

* page loads: ``/articles/ID`` for random articles and ``/claims`` (first and
  later pages): server time for the full HTML (p50/p95);
* with --browser, the same pages in headless Chromium: navigation to the
  ``load`` event (HTML, CSS, JS), p50/p95;
* API: every list endpoint at random offsets within the first 100 pages,
  with and without filters: p50/p95 per endpoint.

Every figure is also given as a ratio to ``/api/health`` timed in the same
run (the cost of one HTTP round trip through the app), so runs on different
machines compare.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
BBC = ROOT.parent / "shared" / "eval-dev" / "corpus-bbc-news.jsonl"


def build_store(path: Path, size: int, seed_docs: int) -> dict:
    from newsledger.ingest import read_paths
    from newsledger.model import Article, Record
    from newsledger.pipeline import Pipeline
    from newsledger.store import SQLiteStore, content_hash

    rng = random.Random(7)
    articles = [a for a in read_paths([str(BBC)]) if isinstance(a, Article)]
    rng.shuffle(articles)
    t0 = time.perf_counter()
    seeds = [r for r in Pipeline().process_many(articles[:seed_docs]) if isinstance(r, Record)]
    t_extract = time.perf_counter() - t0
    days = [f"200{y}-{m:02d}-{d:02d}" for y in (4, 5) for m in range(1, 13) for d in (3, 14, 25)]
    outlets = ["bbc", "reuters", "guardian", "ap", "afp", "telegraph", "independent", "cnn"]
    store = SQLiteStore(path)
    t0 = time.perf_counter()
    for i in range(size):
        base = seeds[i % len(seeds)]
        r = Record.from_dict(base.to_dict())
        r.id = f"{base.id}-copy{i}"
        r.text = base.text + f"\n\nArchive copy {i}."
        r.published = days[i % len(days)]
        r.source = outlets[i % len(outlets)]
        store.put(r, content_hash(r.text, r.title))
    t_put = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.relink()
    t_link = time.perf_counter() - t0
    stats = store.stats()
    store.close()
    return {"seed_docs": len(seeds), "extract_s": round(t_extract, 1), "put_s": round(t_put, 1),
            "relink_s": round(t_link, 1), "stats": {k: getattr(stats, k) for k in stats.__slots__}}


def timed(client, url: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(url)
        r.read()
        out.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
    return out


def summary(times: list[float], base: float) -> dict:
    times = sorted(times)
    p95 = times[max(0, int(0.95 * len(times)) - 1)]
    return {"n": len(times), "p50_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2),
            "max_ms": round(times[-1], 2), "p95_vs_health": round(p95 / base, 1)}


def bench(args) -> dict:
    import httpx

    from newsledger.store import SQLiteStore
    from test_web_browser import Server

    if args.db:
        # an existing store (e.g. one an earlier run built): link it and time it
        db = Path(args.db)
        store = SQLiteStore(db)
        t0 = time.perf_counter()
        store.relink()
        result: dict = {"build": {"reused": str(db), "relink_s": round(time.perf_counter() - t0, 1),
                                  "articles": store.stats().articles}}
        store.close()
    else:
        tmp = Path(tempfile.mkdtemp(prefix="newsledger-webbench-", dir=args.tmp))
        db = tmp / "web.db"
        result = {"build": build_store(db, args.size, args.seed_docs)}
    if args.analyze:
        # what the store does not do yet: give SQLite's planner statistics
        import sqlite3

        conn = sqlite3.connect(db)
        conn.execute("ANALYZE")
        conn.commit()
        conn.close()
    store = SQLiteStore(db)
    ids = [a.id for a in store.list_articles(limit=5000).items]
    ents = [e.canonical for e in store.entities(limit=200).items]
    store.close()
    rng = random.Random(11)
    server = Server(db)
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            timed(c, "/api/health", 20)
            health = timed(c, "/api/health", args.requests)
            base = statistics.median(health)
            result["health"] = summary(health, base)
            pages: dict[str, list[float]] = {"article": [], "claims": [], "claims_page_5": []}
            for _ in range(args.requests // 4):
                pages["article"] += timed(c, f"/articles/{rng.choice(ids)}", 1)
            pages["claims"] = timed(c, "/claims", args.requests // 4)
            pages["claims_page_5"] = timed(c, "/claims?offset=40", args.requests // 4)
            result["pages"] = {k: summary(v, base) for k, v in pages.items()}
            api: dict[str, list[float]] = {}
            endpoints = {
                "articles": lambda: f"/api/articles?offset={50 * rng.randrange(100)}",
                "articles?source": lambda: f"/api/articles?source=reuters&offset={50 * rng.randrange(100)}",
                "articles?entity": lambda: f"/api/articles?entity={rng.choice(ents)}",
                "events": lambda: f"/api/events?offset={50 * rng.randrange(100)}",
                "events?type": lambda: "/api/events?type=" + rng.choice(["ASSAULT", "AGREE", "CONSULT", "PROTEST"]),
                "claims": lambda: f"/api/claims?offset={50 * rng.randrange(100)}",
                "quotes": lambda: f"/api/quotes?offset={50 * rng.randrange(100)}",
                "stories": lambda: f"/api/stories?offset={50 * rng.randrange(20)}",
                "figures/series": lambda: f"/api/figures/series?offset={50 * rng.randrange(20)}",
                "entities": lambda: f"/api/entities?offset={50 * rng.randrange(20)}",
                "places": lambda: f"/api/places?offset={50 * rng.randrange(20)}",
                "search": lambda: "/api/search?q=" + rng.choice(["government", "election", "music", "shares",
                                                                 "minister", "film", "growth", "match"]),
            }
            for name, make in endpoints.items():
                api[name] = []
                for _ in range(args.requests // 4):
                    api[name] += timed(c, make(), 1)
            result["api"] = {k: summary(v, base) for k, v in api.items()}
        if args.browser:
            result["browser"] = browser_loads(server.url, ids, rng, max(5, args.requests // 20))
    finally:
        server.stop()
    return result


def browser_loads(url: str, ids: list[str], rng: random.Random, n: int) -> dict:
    from playwright.sync_api import sync_playwright

    from test_web_browser import ARGS, CHROMIUM

    out: dict[str, list[float]] = {"article": [], "claims": []}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = b.new_page()
        page.goto(url + "/claims")  # warm the static files
        for _ in range(n):
            for name, path in (("article", f"/articles/{rng.choice(ids)}"), ("claims", "/claims")):
                page.goto(url + path, wait_until="load")
                nav = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
                out[name].append(json.loads(nav)["loadEventEnd"])
        b.close()
    res = {}
    for k, v in out.items():
        v.sort()
        res[k] = {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(v[max(0, int(0.95 * len(v)) - 1)], 1)}
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--seed-docs", type=int, default=200)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--browser", action="store_true", help="also time page loads in headless Chromium")
    ap.add_argument("--tmp", default=None, help="folder for the temporary database")
    ap.add_argument("--db", default=None, help="time this existing store instead of building one")
    ap.add_argument("--analyze", action="store_true", help="run SQLite's ANALYZE on the store before timing")
    args = ap.parse_args()
    if not BBC.exists():
        print("bench/web.py needs ../shared/eval-dev/corpus-bbc-news.jsonl", file=sys.stderr)
        return 2
    print(json.dumps(bench(args), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
