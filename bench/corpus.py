"""Corpus benchmarks: ingest overhead, search latency, WARC memory, story clustering quality.

Run from the repository root (the dev data sits in ../shared/eval-dev):

  PYTHONPATH=src python bench/corpus.py ingest  [--limit N] [--n-process 2]
  PYTHONPATH=src python bench/corpus.py search  [--size 100000] [--seed-docs 300]
  PYTHONPATH=src python bench/corpus.py warc    [--sizes 500 5000]
  PYTHONPATH=src python bench/corpus.py stories [--sweep]

ingest: extraction alone (Pipeline.process_batch as ingest reads, --n-process workers) is timed
first; then the same records go through the ingest command's own code
(commands.ingest.ingest: duplicate check, put in groups of 16, relink) into a
fresh database, store and link timed separately. The target is store+link
<= 10% of extraction time.

search: a store of --size articles is built by resampling extracted BBC
records (each copy gets a unique id and a marker sentence, so its content
hash differs), then 300 queries (one or two title words, half with a filter)
are timed; p50/p95/max in ms.

warc: a WARC of N HTML responses is written, then read by the ingest reader in
a fresh subprocess; peak RSS for two sizes shows memory does not grow with N.

stories: the Giveme5W1H training articles, whose ``category`` names the story
(several outlets per story), are extracted, stored and linked; pairwise
precision/recall/F1 of same-story decisions against the categories. --sweep
also reports other thresholds (for information: the default is not tuned on
this set).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from _corpus import copy_articles  # bench/ is the script's folder, so on sys.path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
BBC = EVAL_DEV / "corpus-bbc-news.jsonl"
G5 = EVAL_DEV / "5w1h-giveme5w1h-train.jsonl"


def _articles(path: Path, limit: int | None = None):
    from newsledger.ingest import read_paths
    from newsledger.model import Article

    out = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    return out[:limit] if limit else out


def _extract(articles, n_process: int):
    from newsledger.pipeline import Pipeline

    pipeline = Pipeline()
    t0 = time.perf_counter()
    records = list(pipeline.process_batch(articles, n_process=n_process, log=False))  # as ingest reads
    return records, time.perf_counter() - t0


def bench_ingest(args) -> dict:
    from newsledger.model import Record
    from newsledger.store import SQLiteStore, content_hash

    articles = _articles(BBC, args.limit)
    load_before = os.getloadavg()
    cpu0 = _cpu()
    records, t_extract = _extract(articles, args.n_process)
    cpu_extract = _cpu() - cpu0  # this process and its (joined) spaCy workers
    records = [r for r in records if isinstance(r, Record)]
    if args.cache:
        with Path(args.cache).open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(r.to_json() + "\n")
    load_mid = os.getloadavg()

    class Extracted:
        """The ingest command's own code path, fed the records extracted above."""

        def process_batch(self, items, **_kw):
            by_hash = {content_hash(r.text, r.title): r for r in records}
            for item in items:
                yield by_hash[content_hash(item.text, item.title)]

    from newsledger.commands.ingest import ingest

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        cpu0 = _cpu()
        summary = ingest(store, Extracted(), articles, link=True)
        cpu_store_link = _cpu() - cpu0
        t_store, t_link = summary.seconds_extract_store, summary.seconds_link
        stats = store.stats()
        store.close()
    return {"articles": len(records), "stored": summary.stored, "n_process": args.n_process,
            "extract_s": round(t_extract, 2), "store_s": round(t_store, 2), "link_s": round(t_link, 2),
            "overhead_pct": round(100 * (t_store + t_link) / t_extract, 2),
            "cpu_extract_s": round(cpu_extract, 2), "cpu_store_link_s": round(cpu_store_link, 2),
            "overhead_cpu_pct": round(100 * cpu_store_link / cpu_extract, 2),
            "stories": stats.stories, "entities": stats.entities,
            "load_average_1min": [round(load_before[0], 2), round(load_mid[0], 2), round(os.getloadavg()[0], 2)]}


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (spaCy's workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _copy_mentions_and_places(c, base: int, take: int, date: str) -> None:
    """What search reads of a copy besides its text: entity mentions and places."""
    c.execute("INSERT INTO mentions SELECT ? + article, item, entity_key, canonical, type, kb_id, text,"
              " start, \"end\" FROM mentions WHERE article <= ?", (base, take))
    c.execute("INSERT INTO places SELECT ? + article, item, place_key, name, country, lat, lon,"
              " geonameid, text, start, \"end\" FROM places WHERE article <= ?", (base, take))


def bench_search(args) -> dict:
    from newsledger.model import Record
    from newsledger.store import SearchFilters, SQLiteStore

    rng = random.Random(7)
    articles = _articles(BBC)
    titles = [a.title for a in articles if a.title]
    words = [w for t in titles for w in t.split() if w.isalpha() and len(w) > 3]
    months = [f"200{y}-{m:02d}-{d:02d}" for y in (4, 5) for m in range(1, 13) for d in (3, 14, 25)]
    outlets = ["bbc", "reuters", "guardian", "ap", "afp", "telegraph", "independent", "cnn"]
    tmp = tempfile.TemporaryDirectory(dir=args.tmp)
    path = Path(args.db) if args.db else Path(tmp.name) / "search.db"
    built = path.exists()
    store = SQLiteStore(path)
    t_build = None
    if not built:
        rng.shuffle(articles)
        seeds = _cached_records(BBC, args.cache, args.n_process) if args.cache else [
            r for r in _extract(articles[: args.seed_docs], args.n_process)[0] if isinstance(r, Record)]
        seeds = seeds[: args.seed_docs]
        t0 = time.perf_counter()
        # the seeds go in through put(); copies are made inside SQLite (same rows, new rowid, id,
        # content hash, date, outlet and a marker sentence), which is what put() would write for them
        for r in seeds:
            store.put(r)
        copy_articles(store, args.size, months, outlets, _copy_mentions_and_places)
        t_build = round(time.perf_counter() - t0, 1)
    n_articles = store.conn.execute("SELECT count(*) FROM articles WHERE is_current = 1").fetchone()[0]
    entities = [e.canonical for e in store.entities(limit=500).items]
    places = [p.name for p in store.places(limit=300).items]
    queries = []
    for q in range(args.queries):
        terms = " ".join(rng.sample(words, 1 if q % 2 else 2))
        f, kind = None, "no filter"
        if q % 4 == 1:
            f, kind = SearchFilters(entity=rng.choice(entities)), "entity"
        elif q % 4 == 2:
            f, kind = SearchFilters(date_from="2004-06-01", date_to="2004-12-31", source=rng.choice(outlets)), \
                "date range + source"
        elif q % 4 == 3:
            f, kind = SearchFilters(place=rng.choice(places)), "place"
        queries.append((terms, f, kind))
    store.search("warm up")
    load_before = os.getloadavg()
    times, cpu, totals, by_kind = [], [], [], {}
    for terms, f, kind in queries:
        c0, t0 = time.process_time(), time.perf_counter()
        page = store.search(terms, f, limit=20)
        ms = (time.perf_counter() - t0) * 1000
        cpu.append((time.process_time() - c0) * 1000)  # this process's CPU: what load on other cores does not add
        times.append(ms)
        by_kind.setdefault(kind, []).append(ms)
        totals.append(page.total)
    load_after = os.getloadavg()
    store.close()
    size_mb = path.stat().st_size / 1e6
    tmp.cleanup()
    return {"articles": n_articles, "build_s": t_build, "db_mb": round(size_mb), "queries": len(times),
            **_latency(times), "cpu": _latency(cpu), "median_hits": statistics.median(totals),
            "queries_with_hits": sum(1 for t in totals if t),
            # an empty result is cheap; the latency of queries that find something is the one users feel
            "with_hits": _latency([ms for ms, t in zip(times, totals) if t]),
            "by_filter": {k: {"queries": len(v), **_latency(v)} for k, v in by_kind.items()},
            "load_average_1min": [round(load_before[0], 2), round(load_after[0], 2)]}


def _latency(times: list[float]) -> dict:
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 2), "max_ms": round(times[-1], 2)}


_WARC_CHILD = r"""
import resource, sys
from pathlib import Path
from newsledger.ingest.sources import read_warc
n = 0
for item in read_warc(Path(sys.argv[1])):
    n += 1
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_warc(args) -> dict:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    docs = [json.loads(line) for line in BBC.open(encoding="utf-8")]
    out = {}
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"bench-{size}.warc.gz"
            with path.open("wb") as fh:
                writer = WARCWriter(fh, gzip=True)
                for i in range(size):
                    d = docs[i % len(docs)]
                    title, _, body = d["text"].partition("\n")
                    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
                    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}" \
                           f"<p>Copy {i}.</p></article></body></html>"
                    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                               protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(
                        f"https://news.example.org/{i}", "response", payload=io.BytesIO(html.encode()),
                        http_headers=headers))
            env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
            t0 = time.perf_counter()
            res = subprocess.run([sys.executable, "-c", _WARC_CHILD, str(path)], capture_output=True, text=True,
                                 env=env, check=True)
            n, rss_kb = res.stdout.split()
            out[size] = {"records": int(n), "warc_mb": round(path.stat().st_size / 1e6, 1),
                         "peak_rss_mb": round(int(rss_kb) / 1024, 1), "seconds": round(time.perf_counter() - t0, 1)}
    return out


def pairwise(labels_true: dict, labels_pred: dict) -> dict:
    keys = sorted(labels_true)
    tp = fp = fn = 0
    for a, b in combinations(keys, 2):
        same_t = labels_true[a] == labels_true[b]
        same_p = labels_pred[a] == labels_pred[b]
        tp += same_t and same_p
        fp += same_p and not same_t
        fn += same_t and not same_p
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "true_pairs": tp + fn, "predicted_pairs": tp + fp}


def _cached_records(path: Path, cache: str | None, n_process: int, patch=None):
    """Extract the articles of ``path`` once; with --cache, later runs read the records back."""
    from newsledger.model import Record

    if cache and Path(cache).exists():
        return [Record.from_dict(json.loads(line)) for line in Path(cache).open(encoding="utf-8")]
    articles = _articles(path)
    if patch:
        patch(articles)
    records = [r for r in _extract(articles, n_process)[0] if isinstance(r, Record)]
    if cache:
        with Path(cache).open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(r.to_json() + "\n")
    return records


def bench_stories(args) -> dict:
    """Pairwise P/R/F1; thresholds chosen by 2-fold cross-validation over stories, so no figure
    reported for a fold comes from a threshold chosen on that fold."""
    import hashlib

    from newsledger.link.stories import StoryParams
    from newsledger.store import SQLiteStore

    rows = [json.loads(line) for line in G5.open(encoding="utf-8")]
    # an article without a category is not labelled: it is clustered with the others but not scored
    gold = {r["id"]: r["category"] for r in rows if r.get("category")}
    publisher = {r["id"]: r.get("publisher") for r in rows}

    def patch(articles):  # the outlet, so source counts mean something
        for a in articles:
            a.source = a.source or publisher.get(a.id)

    records = _cached_records(G5, args.cache, args.n_process, patch)
    fold = {cat: int(hashlib.sha1(cat.encode()).hexdigest(), 16) % 2 for cat in set(gold.values())}

    def score(params: StoryParams, part: int | None = None) -> dict:
        store = SQLiteStore(":memory:")
        for r in records:
            if part is None or (r.id in gold and fold[gold[r.id]] == part):
                store.put(r)
        store.relink(params)
        pred = {row[0]: row[1] for row in store.conn.execute("SELECT id, story_id FROM articles")}
        store.close()
        out = pairwise({k: v for k, v in gold.items() if k in pred}, pred)
        out["stories"] = len(set(pred.values()))
        out["gold_stories"] = len({gold[k] for k in pred if k in gold})
        return out

    if args.similarity == "embeddings":
        # cosines of sentence embeddings run higher than TF-IDF's, so the grid does too
        grid = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
        from newsledger.link import embeddings

        memo: dict[str, object] = {}
        embed = embeddings.embed

        def embed_once(texts, batch_size=32):  # every scoring run embeds the same articles: once
            missing = [t for t in dict.fromkeys(texts) if t not in memo]
            if missing:
                memo.update(zip(missing, embed(missing, batch_size)))
            import numpy as np

            return np.stack([memo[t] for t in texts])

        embeddings.embed = embed_once

        def params(**kw) -> StoryParams:
            if "threshold" in kw:
                kw["embedding_threshold"] = kw.pop("threshold")
            return StoryParams(similarity="embeddings", **kw)
    else:
        grid = [0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3]

        def params(**kw) -> StoryParams:
            return StoryParams(**kw)
    cv = {}
    for part in (0, 1):
        best = max(grid, key=lambda t: (score(params(threshold=t), 1 - part)["f1"], -t))
        cv[f"fold{part}"] = {"threshold_from_other_fold": best, **score(params(threshold=best), part)}
    result = {"similarity": args.similarity, "articles": len(records), "gold_stories": len(set(gold.values())),
              "default": score(params()), "cross_validated": cv,
              "text_only_default_threshold": score(params(actor_weight=0.0, place_weight=0.0, text_weight=1.0)),
              "no_time_window": score(params(window_days=100_000))}
    if args.sweep:
        result["sweep_all_articles"] = {str(t): score(params(threshold=t)) for t in grid}
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="what", required=True)
    s = sub.add_parser("ingest")
    s.add_argument("--limit", type=int, default=None)
    s.add_argument("--cache", default=None, help="also write the extracted records here (for search)")
    s.add_argument("--n-process", type=int, default=2)
    s.add_argument("--tmp", default=None, help="where to build the database")
    s = sub.add_parser("search")
    s.add_argument("--size", type=int, default=100_000)
    s.add_argument("--seed-docs", type=int, default=300)
    s.add_argument("--queries", type=int, default=300)
    s.add_argument("--n-process", type=int, default=1)
    s.add_argument("--tmp", default=None, help="where to build the database")
    s.add_argument("--db", default=None, help="keep the built database here and reuse it on later runs")
    s.add_argument("--cache", default=None, help="JSONL of extracted BBC records (from `ingest --cache`)")
    s = sub.add_parser("warc")
    s.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    s.add_argument("--tmp", default=None)
    s = sub.add_parser("stories")
    s.add_argument("--sweep", action="store_true")
    s.add_argument("--similarity", choices=("tfidf", "embeddings"), default="tfidf")
    s.add_argument("--cache", default=None, help="JSONL file to keep extracted records between runs")
    s.add_argument("--n-process", type=int, default=1)
    args = p.parse_args()
    if not EVAL_DEV.exists():
        print("bench/corpus.py: ../shared/eval-dev not found", file=sys.stderr)
        return 2
    fn = {"ingest": bench_ingest, "search": bench_search, "warc": bench_warc, "stories": bench_stories}[args.what]
    print(json.dumps({args.what: fn(args)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
