"""What the bench scripts share: finding the BBC corpus and reading it as articles.

The corpus is read through the same JSON reader as ``newsledger extract
--input-format jsonl``, so the benchmarked input is what users feed in.
"""

from __future__ import annotations

import platform
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval-dev" / "corpus-bbc-news.jsonl"

if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # this checkout's newsledger, whatever is installed


def load_articles(path: Path, limit: int) -> list:
    """The first ``limit`` documents of ``path`` as Articles (errors dropped)."""
    from newsledger.ingest.readers import parse_json_document
    from newsledger.model import Article

    out = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            item = parse_json_document(line, f"{path.name}:{number}", number)
            if isinstance(item, Article):
                out.append(item)
            if len(out) >= limit:
                break
    return out


def require_corpus(path: Path) -> None:
    if not path.is_file():
        sys.exit(f"bench: {path} not found (the BBC corpus sits in ../shared/eval-dev beside the repository)")


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size in MB of this process (or of the largest waited-for child)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux reports KB


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def plain_spacy():
    """spaCy's own pipeline, as installed, without newsledger's additions.

    newsledger adds components to the loaded pipeline (see
    ``newsledger.nlp.PIPELINE_EXTENSIONS``); the baseline must not include
    them, or their cost would vanish from the ratio.
    """
    import spacy

    from newsledger.settings import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit(f"bench: none of {', '.join(DEFAULT_MODELS)} is installed")


def copy_articles(store, size: int, dates: list[str], outlets: list[str], copy_derived) -> None:
    """Grow a store of seed articles (rowids 1..n) to ``size`` articles by copying them inside
    SQLite, as put() would store them: each copy gets a new rowid, id, content hash, date,
    outlet and a marker sentence, its full-text row and its search-filter rows.
    ``copy_derived(conn, base, take, date)`` copies what else the bench needs of seeds
    1..take to rowids base+1..base+take. The summaries are rebuilt at the end."""
    c = store.conn
    n_seeds = c.execute("SELECT count(*) FROM articles").fetchone()[0]
    copy = 0
    while n_seeds * (copy + 1) < size:
        copy += 1
        take = min(n_seeds, size - n_seeds * copy)
        date, outlet = dates[copy % len(dates)], outlets[copy % len(outlets)]
        with store.bulk():
            base = c.execute("SELECT max(rowid) FROM articles").fetchone()[0]
            c.execute(
                "INSERT INTO articles (rowid, id, doc_key, version, content_hash, is_current, title, published,"
                " source, url, host, origin, stored_at, extractors, text, record, n_entities, n_events, n_claims,"
                " n_quotes, n_figures) SELECT ? + rowid, id || '-copy' || ?, doc_key || '-copy' || ?, 1,"
                " content_hash || '-' || ?, 1, title, ?, ?, url, host, origin, stored_at, extractors,"
                " text || char(10) || 'Archive copy ' || ?, record, n_entities, n_events, n_claims, n_quotes,"
                " n_figures FROM articles WHERE rowid <= ?",
                (base, copy, copy, copy, date, outlet, copy, take))
            c.execute("INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles"
                      " WHERE rowid > ?", (base,))
            # the search filters' tables (what put() writes): same keys but the copy's outlet
            c.execute("INSERT INTO article_meta SELECT rowid, published FROM articles WHERE rowid > ?", (base,))
            c.execute("INSERT INTO article_keys SELECT key, ? + article FROM article_keys"
                      " WHERE article <= ? AND key NOT LIKE 's:%'", (base, take))
            c.execute("INSERT OR IGNORE INTO article_keys SELECT 's:' || source, rowid FROM articles"
                      " WHERE rowid > ?", (base,))
            copy_derived(c, base, take, date)
    store.rebuild_summaries()  # the entity and place summaries count the copied mentions too
