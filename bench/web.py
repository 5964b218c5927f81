"""Web benchmarks: page loads and API list latency on a large store.

Not a test. Run from the repository root (the dev data sits in ../shared/eval-dev):

  PYTHONPATH=src python bench/web.py [--size 100000] [--seed-docs 300] [--cache RECORDS.jsonl] [--requests 400]
  PYTHONPATH=src python bench/web.py --db STORE.db [--complete-copies] [--relink] [--browser] [--markdown]

Building (no --db): --seed-docs BBC articles are extracted with the current
pipeline (or read back from --cache, the JSON Lines records ``bench/corpus.py
--cache`` writes), stored with put(), then copied inside SQLite up to --size
articles as ``bench/corpus.py search`` does (each copy a new id, content hash,
date, outlet and marker sentence), this time with every derived row (events,
claims, quotes, figures, event parties), and linked once.

--db reuses a store; --complete-copies first gives the copies of a store built
by ``bench/corpus.py search`` (which copies only mentions and places) the
events, claims, quotes and figures of their seed article. Opening a store
applies pending migrations. It is linked when it has no stories (or with
--relink).

Timing: the real server (``python -m newsledger serve``) on the store, over HTTP
with keep-alive from this process. Each response's ``Server-Timing`` header
gives the app's own time (routing, store queries, rendering); the client time
adds the HTTP round trip. p50/p95 of both, per page and per endpoint:

* pages: ``/articles/ID`` for random articles, the claims board's first page and
  random later pages, an entity page, the timeline;
* API: every list endpoint at random offsets within the first 100 pages (50 a
  page), and with filters (outlet, entity, event type, actor);
* with --browser, the article page and the claims board in headless Chromium:
  navigation to the ``load`` event (HTML, CSS, JS).

The load average is printed before and after: the machine is shared, absolute
figures move with it; ``/api/health`` is timed in the same run as a reference.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _corpus import copy_articles  # bench/ is the script's folder, so on sys.path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
BBC = ROOT.parent / "shared" / "eval-dev" / "corpus-bbc-news.jsonl"
DAYS = [f"200{y}-{m:02d}-{d:02d}" for y in (4, 5) for m in range(1, 13) for d in (3, 14, 25)]
OUTLETS = ["bbc", "reuters", "guardian", "ap", "afp", "telegraph", "independent", "cnn"]
#: the derived tables copied with an article (mentions and places first: the copies'
#: summaries are rebuilt from them)
DERIVED = ("mentions", "places", "events", "claims", "quotes", "figures")


def _seed_records(seed_docs: int, cache: str | None) -> list:
    from newsledger.ingest import read_paths
    from newsledger.model import Article, Record
    from newsledger.pipeline import Pipeline

    if cache and Path(cache).exists():
        with Path(cache).open(encoding="utf-8") as fh:
            return [Record.from_dict(json.loads(line)) for line in fh][:seed_docs]
    articles = [a for a in read_paths([str(BBC)]) if isinstance(a, Article)]
    random.Random(7).shuffle(articles)
    return [r for r in Pipeline().process_many(articles[:seed_docs]) if isinstance(r, Record)]


def _copy_derived(c, pairs_sql: str, params: tuple, tables: tuple[str, ...] = DERIVED) -> None:
    """Copy every derived row of seed articles to their copies. ``pairs_sql`` selects
    (copy, seed, pub): the copy's rowid, its seed's rowid, the copy's published date."""
    c.execute("DROP TABLE IF EXISTS temp.pairs")
    c.execute(f"CREATE TEMP TABLE pairs AS {pairs_sql}", params)
    c.execute("CREATE INDEX temp.pairs_seed ON pairs(seed)")
    for table in tables:
        names = [r[1] for r in c.execute(f"PRAGMA table_info({table})")]
        cols = ", ".join("p.copy" if n == "article" else "coalesce(x.date, p.pub)" if n in ("date", "sort_date")
                         else "p.pub" if n == "published" else "NULL" if n == "series_key" else f'x."{n}"'
                         for n in names)
        c.execute(f"INSERT INTO {table} SELECT {cols} FROM pairs p JOIN {table} x ON x.article = p.seed")
    c.execute("INSERT INTO event_parties (event, article, role, entity_key, name)"
              " SELECT ne.rowid, p.copy, x.role, x.entity_key, x.name FROM pairs p"
              " JOIN event_parties x ON x.article = p.seed JOIN events oe ON oe.rowid = x.event"
              " JOIN events ne ON ne.article = p.copy AND ne.item = oe.item")


def build_store(path: Path, size: int, seed_docs: int, cache: str | None) -> dict:
    from newsledger.store import SQLiteStore

    t0 = time.perf_counter()
    seeds = _seed_records(seed_docs, cache)
    t_extract = time.perf_counter() - t0
    store = SQLiteStore(path)
    t0 = time.perf_counter()
    for r in seeds:
        store.put(r)
    n_seeds = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    copy_articles(store, size, DAYS, OUTLETS, lambda c, base, take, date: _copy_derived(
        c, "SELECT ? + rowid AS copy, rowid AS seed, ? AS pub FROM articles WHERE rowid <= ?", (base, date, take)))
    t_put = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.relink()
    t_link = time.perf_counter() - t0
    store.close()
    return {"seed_docs": n_seeds, "extract_s": round(t_extract, 1), "copy_s": round(t_put, 1),
            "relink_s": round(t_link, 1)}


def complete_copies(store) -> int:
    """Give copies that ``bench/corpus.py search`` made (``<seed id>-copy<n>``, only mentions
    and places copied) their seed's events, claims, quotes and figures; returns how many."""
    c = store.conn
    with store.bulk():
        c.execute("DROP TABLE IF EXISTS temp.todo")
        c.execute("CREATE TEMP TABLE todo AS SELECT a.rowid AS copy, s.rowid AS seed, a.published AS pub"
                  " FROM articles a JOIN articles s ON s.id = substr(a.id, 1, instr(a.id, '-copy') - 1)"
                  " AND s.is_current = 1 WHERE a.id LIKE '%-copy%' AND a.is_current = 1 AND s.n_events > 0"
                  " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.article = a.rowid)")
        n = c.execute("SELECT count(*) FROM temp.todo").fetchone()[0]
        if n:  # mentions and places are there already: copy the rest
            _copy_derived(c, "SELECT copy, seed, pub FROM temp.todo", (), ("events", "claims", "quotes", "figures"))
    if n:
        store.rebuild_summaries()
    return n


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(client, url: str, n: int = 1) -> tuple[list[float], list[float]]:
    """(client ms, server ms) for ``n`` GETs of ``url``."""
    wall, server = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(url)
        r.read()
        wall.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
        server.append(float(r.headers["server-timing"].split("dur=")[1]))
    return wall, server


def summary(wall: list[float], server: list[float]) -> dict:
    def p95(xs: list[float]) -> float:
        xs = sorted(xs)
        return round(xs[max(0, int(0.95 * len(xs)) - 1)], 1)

    return {"n": len(wall), "server_p50_ms": round(statistics.median(server), 1), "server_p95_ms": p95(server),
            "client_p50_ms": round(statistics.median(wall), 1), "client_p95_ms": p95(wall),
            "max_ms": round(max(wall), 1)}


def run_many(client, make, n: int) -> dict:
    wall, server = [], []
    for _ in range(n):
        w, s = timed(client, make())
        wall += w
        server += s
    return summary(wall, server)


def bench(args) -> dict:
    import httpx

    from newsledger.store import SQLiteStore
    from test_web_browser import Server

    result: dict = {"load_before": load()}
    if args.db:
        db = Path(args.db)
        t0 = time.perf_counter()
        store = SQLiteStore(db)  # applies pending migrations
        build: dict = {"reused": db.name, "open_migrate_s": round(time.perf_counter() - t0, 1)}
        if args.complete_copies:
            t0 = time.perf_counter()
            build["completed_copies"] = complete_copies(store)
            build["complete_s"] = round(time.perf_counter() - t0, 1)
        if args.relink or store.stats().stories == 0:
            t0 = time.perf_counter()
            store.relink()
            build["relink_s"] = round(time.perf_counter() - t0, 1)
        store.close()
    else:
        tmp = Path(tempfile.mkdtemp(prefix="newsledger-webbench-", dir=args.tmp))
        db = tmp / "web.db"
        build = build_store(db, args.size, args.seed_docs, args.cache)
    store = SQLiteStore(db)
    stats = store.stats()
    build["stats"] = {k: getattr(stats, k) for k in stats.__slots__}
    rng = random.Random(11)
    ids = [r[0] for r in store.conn.execute("SELECT id FROM articles WHERE is_current = 1 AND rowid % 97 = 0")]
    ents = [e.key for e in store.entities(limit=200).items]
    actors = [r[0] for r in store.conn.execute(
        "SELECT entity_key FROM event_parties WHERE role = 'actor' GROUP BY entity_key"
        " ORDER BY count(*) DESC LIMIT 200")]
    n_board = (store.stories().total + 9) // 10
    store.close()
    result["build"] = build
    n = args.requests
    server = Server(db)
    try:
        with httpx.Client(base_url=server.url, timeout=120) as c:
            timed(c, "/api/health", 20)
            result["health"] = summary(*timed(c, "/api/health", n))
            for u in ("/claims", f"/articles/{ids[0]}", "/api/articles", "/api/events", "/api/claims"):
                timed(c, u, 2)  # warm the page cache and the templates
            pages = {
                "article": lambda: f"/articles/{rng.choice(ids)}",
                "claims board, page 1": lambda: "/claims",
                "claims board, random page": lambda: f"/claims?offset={10 * rng.randrange(min(n_board, 1000))}",
                "claims board, conflicts": lambda: "/claims?conflicts=1",
                "entity": lambda: f"/entities/{rng.choice(ents[:50])}",
                "timeline": lambda: f"/timeline?offset={200 * rng.randrange(20)}",
            }
            result["pages"] = {k: run_many(c, make, max(20, n // 4)) for k, make in pages.items()}
            off = lambda pages=100: 50 * rng.randrange(pages)  # noqa: E731
            api = {
                "articles": lambda: f"/api/articles?limit=50&offset={off()}",
                "stories": lambda: f"/api/stories?limit=50&offset={off()}",
                "events": lambda: f"/api/events?limit=50&offset={off()}",
                "claims": lambda: f"/api/claims?limit=50&offset={off()}",
                "quotes": lambda: f"/api/quotes?limit=50&offset={off()}",
                "figures/series": lambda: f"/api/figures/series?limit=50&offset={off()}",
                "entities": lambda: f"/api/entities?limit=50&offset={off(20)}",
                "places": lambda: f"/api/places?limit=50&offset={off(5)}",
                "search": lambda: "/api/search?limit=50&q=" + rng.choice(
                    ["government", "election", "music", "shares", "minister", "film", "growth", "match"]),
                "articles?source": lambda: f"/api/articles?limit=50&source={rng.choice(OUTLETS)}&offset={off(20)}",
                "articles?entity": lambda: f"/api/articles?limit=50&entity={rng.choice(ents)}",
                "events?type": lambda: "/api/events?limit=50&type=" + rng.choice(
                    ["ASSAULT", "AGREE", "CONSULT", "PROTEST"]) + f"&offset={off(10)}",
                "events?actor": lambda: f"/api/events?limit=50&actor={rng.choice(actors)}",
                "events?entity": lambda: f"/api/events?limit=50&entity={rng.choice(ents)}",
                "claims?entity": lambda: f"/api/claims?limit=50&entity={rng.choice(ents)}",
            }
            result["api"] = {k: run_many(c, make, n // 2) for k, make in api.items()}
        if args.browser:
            result["browser"] = browser_loads(server.url, ids, rng, max(5, n // 20))
    finally:
        server.stop()
    result["load_after"] = load()
    return result


def browser_loads(url: str, ids: list[str], rng: random.Random, n: int) -> dict:
    from playwright.sync_api import sync_playwright

    from test_web_browser import ARGS, CHROMIUM

    out: dict[str, list[float]] = {"article": [], "claims board": []}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = b.new_page()
        page.goto(url + "/claims")  # warm the static files
        for _ in range(n):
            for name, path in (("article", f"/articles/{rng.choice(ids)}"), ("claims board", "/claims")):
                page.goto(url + path, wait_until="load")
                nav = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
                out[name].append(json.loads(nav)["loadEventEnd"])
        b.close()
    res = {}
    for k, v in out.items():
        v.sort()
        res[k] = {"n": len(v), "p50_ms": round(statistics.median(v), 1),
                  "p95_ms": round(v[max(0, int(0.95 * len(v)) - 1)], 1)}
    return res


def markdown(result: dict) -> str:
    lines = ["| | n | server p50 ms | server p95 ms | client p50 ms | client p95 ms |", "|---|---:|---:|---:|---:|---:|"]
    for group in ("pages", "api"):
        for name, s in result.get(group, {}).items():
            label = f"page: {name}" if group == "pages" else f"`/api/{name}`"
            lines.append(f"| {label} | {s['n']} | {s['server_p50_ms']} | {s['server_p95_ms']} | {s['client_p50_ms']}"
                         f" | {s['client_p95_ms']} |")
    h = result["health"]
    lines.append(f"| `/api/health` (reference) | {h['n']} | {h['server_p50_ms']} | {h['server_p95_ms']} |"
                 f" {h['client_p50_ms']} | {h['client_p95_ms']} |")
    for name, s in result.get("browser", {}).items():
        lines.append(f"| Chromium load event: {name} | {s['n']} | | | {s['p50_ms']} | {s['p95_ms']} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--seed-docs", type=int, default=300)
    ap.add_argument("--cache", default=None, help="JSON Lines records of the seed articles (bench/corpus.py --cache)")
    ap.add_argument("--requests", type=int, default=400, help="requests per page kind / 4 and per endpoint / 2")
    ap.add_argument("--browser", action="store_true", help="also time page loads in headless Chromium")
    ap.add_argument("--tmp", default=None, help="folder for the temporary database")
    ap.add_argument("--db", default=None, help="time this existing store instead of building one")
    ap.add_argument("--complete-copies", action="store_true",
                    help="copy derived rows to the copies of a bench/corpus.py search store first")
    ap.add_argument("--relink", action="store_true", help="relink the --db store before timing")
    ap.add_argument("--markdown", action="store_true", help="also print the figures as a Markdown table")
    args = ap.parse_args()
    if not args.db and not BBC.exists() and not args.cache:
        print("bench/web.py needs ../shared/eval-dev/corpus-bbc-news.jsonl (or --cache, or --db)", file=sys.stderr)
        return 2
    result = bench(args)
    print(json.dumps(result, indent=2))
    if args.markdown:
        print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
