"""The corpus commands as a user runs them: real subprocesses on a real database file.

Includes the crash test: an ingest killed with SIGKILL in the middle leaves a
consistent database, and running it again completes it with no duplicates.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SRC = str(Path(__file__).resolve().parent.parent / "src")

SENTENCES = [
    "Floods closed {n} schools in the river valley on Monday, officials in Dhaka said.",
    "The central bank in Ankara raised its main interest rate to {n} percent on Thursday.",
    "Police in Nairobi said {n} protesters were arrested after clashes near parliament.",
    "Rescue teams in Manila pulled {n} survivors from a collapsed building on Sunday.",
    "Lawmakers in Ottawa approved a budget of {n} billion dollars for hospital repairs.",
]


def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = SRC + os.pathsep + e.get("PYTHONPATH", "")
    e["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    e.pop("NEWSLEDGER_DB", None)
    return e


def run(tmp_path: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsledger", *args], capture_output=True, timeout=timeout,
                          env=env(tmp_path), text=True)


def make_jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(s.format(n=i + k) for k, s in enumerate(SENTENCES[i % 5:] + SENTENCES[: i % 5]))
            fh.write(json.dumps({"id": f"doc-{i}", "title": f"Report number {i}", "text": text,
                                 "published": f"2024-0{1 + i % 9}-1{i % 10}"}) + "\n")


def check_consistent(db: Path) -> sqlite3.Connection:
    """Integrity, foreign keys, one FTS row per current article, derived rows matching counts."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    cur = con.execute("SELECT count(*) FROM articles WHERE is_current = 1").fetchone()[0]
    assert con.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == cur
    bad = con.execute("SELECT count(*) FROM articles a WHERE is_current = 1 AND n_entities != "
                      "(SELECT count(*) FROM mentions m WHERE m.article = a.rowid)").fetchone()[0]
    assert bad == 0
    assert con.execute("SELECT count(*) - count(DISTINCT content_hash) FROM articles").fetchone()[0] == 0
    return con


def test_cli_corpus_kill_9_mid_ingest_then_rerun_completes_without_duplicates(tmp_path):
    docs = tmp_path / "docs.jsonl"
    n = 400
    make_jsonl(docs, n)
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, "-m", "newsledger", "ingest", str(docs), "--db", str(db), "-q",
                             "--no-link"], env=env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.time() + 300
    try:
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if not db.exists():
                continue
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # schema not created yet
            if stored >= 20:
                break
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()}"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    con = check_consistent(db)
    at_kill = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 20 <= at_kill < n

    again = run(tmp_path, "ingest", str(docs), "--db", str(db))
    assert again.returncode == 0, again.stderr
    con = check_consistent(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == n
    assert con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == n
    con.close()
    summary = again.stderr.strip().splitlines()[-1]
    assert f"stored {n - at_kill} " in summary and f"skipped duplicate {at_kill}," in summary, summary

    third = run(tmp_path, "ingest", str(docs), "--db", str(db))
    assert third.returncode == 0 and f"stored 0 (new versions: 0), skipped duplicate {n}, failed 0" in third.stderr


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Bomb hits consulate</title><link>https://wire.example.org/1</link>
<pubDate>Fri, 11 Nov 2016 08:00:00 GMT</pubDate>
<description>A Taliban suicide bomber attacked the German consulate in Mazar-i-Sharif, killing two people, police said on Friday.</description></item>
<item><title>Broken</title><link>https://wire.example.org/2</link></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder (text + JSONL + a bad file) and a feed ingested with the default per-user database."""
    tmp = tmp_path_factory.mktemp("corpus")
    folder = tmp / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Taliban attack German consulate\n\nTaliban fighters attacked the German consulate in Mazar-i-Sharif "
        "late on Thursday, killing at least six people and wounding more than 100, Afghan officials said.",
        encoding="utf-8")
    make_jsonl(folder / "b.jsonl", 5)
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp / "wire.rss").write_text(RSS, encoding="utf-8")
    out = run(tmp, "ingest", str(folder), str(tmp / "wire.rss"))
    return tmp, out


def test_cli_corpus_ingest_summary_and_default_db(corpus):
    tmp, out = corpus
    assert out.returncode == 1  # two inputs failed
    summary = out.stderr
    assert "stored 7 (new versions: 0), skipped duplicate 0, failed 2" in summary
    assert "E002" in summary and "E001" in summary and "bad.txt" in summary
    db = tmp / "xdg" / "newsledger" / "newsledger.db"
    assert db.exists()
    con = check_consistent(db)
    assert {r[0] for r in con.execute("SELECT code FROM failures")} == {"E001", "E002"}


def test_cli_corpus_search_with_filters(corpus):
    tmp, _ = corpus
    out = run(tmp, "search", "consulate", "--format", "jsonl")
    hits = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(hits) == 2
    assert {h["article"]["title"] for h in hits} == {"Taliban attack German consulate", "Bomb hits consulate"}
    out = run(tmp, "search", "consulate", "--source", "wire.example.org", "--format", "jsonl")
    assert [json.loads(line)["article"]["title"] for line in out.stdout.splitlines()] == ["Bomb hits consulate"]
    out = run(tmp, "search", "consulate", "--from", "2016-11-11")
    assert "Bomb hits consulate" in out.stdout and "1 match" in out.stderr
    out = run(tmp, "search", "Dhaka", "--entity", "Dhaka")
    assert "5 matches" in out.stderr


def test_cli_corpus_stories_and_timeline(corpus):
    tmp, _ = corpus
    out = run(tmp, "stories", "--min-articles", "1", "--format", "jsonl")
    assert out.returncode == 0
    stories = [json.loads(line) for line in out.stdout.splitlines()]
    assert sum(s["n_articles"] for s in stories) == 7
    assert stories == sorted(stories, key=lambda s: s["last_date"] or "", reverse=True)
    show = run(tmp, "stories", "--show", stories[0]["id"])
    assert show.returncode == 0 and stories[0]["id"] in show.stdout
    out = run(tmp, "timeline", "Dhaka", "--format", "jsonl")
    entries = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(entries) == 5 and all("Dhaka" in e["text"] for e in entries)
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)


def test_cli_corpus_export_formats(corpus, tmp_path):
    tmp, _ = corpus
    out = run(tmp, "export")
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 7 and all(r["schema"] == "newsledger-record-v1" for r in records)
    from newsledger.model import Record

    assert Record.from_dict(records[0]).to_dict() == records[0]
    out = run(tmp, "export", "--format", "csv")
    header = next(csv.reader(io.StringIO(out.stdout)))
    assert header[:3] == ["event_id", "event_date", "event_type"] and "notes" in header and "certainty" in header
    out = run(tmp, "export", "--format", "geojson")
    assert json.loads(out.stdout)["type"] == "FeatureCollection"
    out = run(tmp, "export", "--format", "plover")
    assert out.returncode == 0
    for line in out.stdout.splitlines():
        rec = json.loads(line)
        assert {"id", "date", "source", "target", "event", "mode", "context", "eventText", "text", "language",
                "publication"} <= set(rec)
    target = tmp_path / "articles.parquet"
    out = run(tmp, "export", "--format", "parquet", "--what", "articles", "-o", str(target))
    assert out.returncode == 0, out.stderr
    import pyarrow.parquet as pq

    assert pq.read_table(target).num_rows == 7
    out = run(tmp, "export", "--format", "jsonl", "--what", "stories")
    assert sum(len(json.loads(line)["articles"]) for line in out.stdout.splitlines()) == 7


def test_cli_corpus_changed_article_is_a_new_version_and_reprocess(tmp_path):
    docs = tmp_path / "d.jsonl"
    docs.write_text(json.dumps({"id": "x1", "text": "Floods closed 40 schools in Dhaka on Monday."}) + "\n")
    db = str(tmp_path / "v.db")
    assert run(tmp_path, "ingest", str(docs), "--db", db).returncode == 0
    docs.write_text(json.dumps({"id": "x1", "text": "Floods closed 45 schools in Dhaka on Monday."}) + "\n")
    out = run(tmp_path, "ingest", str(docs), "--db", db)
    assert "stored 1 (new versions: 1)" in out.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), sum(is_current) FROM articles").fetchone() == (2, 1)
    con.execute("UPDATE articles SET extractors = '{\"entities\": \"0.1\"}'")
    con.commit()
    con.close()
    out = run(tmp_path, "reprocess", "--db", db)
    assert out.returncode == 0 and "re-extracted 1" in out.stderr, out.stderr
    out = run(tmp_path, "reprocess", "--db", db, "--dry-run")
    assert "reprocess: 0 record(s)" in out.stderr
    out = run(tmp_path, "export", "--db", db)
    assert json.loads(out.stdout)["text"].startswith("Floods closed 45")
