"""The SQLite store: idempotent put, versions, search with filters, listings, migrations."""

from __future__ import annotations

import sqlite3

import pytest

from newsledger.model import Claim, Entity, Event, Figure, Party, Place, Record, SentenceRef, Span
from newsledger.store import SearchFilters, SQLiteStore, Store, content_hash

TEXT_A = ("Taliban fighters attacked the German consulate in Mazar-i-Sharif late on Thursday, killing at least "
          "six people and wounding more than 100, Afghan officials said.")
TEXT_B = ("A Taliban suicide bomber struck the German consulate in the northern Afghan city of Mazar-i-Sharif, "
          "killing two people, police said on Friday.")


def record_a(**kw) -> Record:
    t = TEXT_A
    s = t.index("German consulate")
    m = t.index("Mazar-i-Sharif")
    six = t.index("six")
    rec = Record(
        id="a", text=t, title="Taliban attack German consulate", published="2016-11-10",
        url="https://www.telegraph.co.uk/news/a", source="telegraph",
        entities=[Entity("ent1", "Taliban", 0, 7, "ORG", "Taliban"),
                  Entity("ent2", "Mazar-i-Sharif", m, m + 14, "GPE", "Mazar-i-Sharif")],
        places=[Place("p1", "Mazar-i-Sharif", m, m + 14, "Mazar-i-Sharif", "AF", 36.7, 67.1, 1133453)],
        claims=[Claim("c1", t[:-1], 0, len(t) - 1, Party("Afghan officials", t.index("Afghan officials"),
                                                         t.index("Afghan officials") + 16), "reported")],
        figures=[Figure("f1", "six", six, six + 3, 6, True, "people", "killed", claim="c1")],
        events=[Event("ev1", "ASSAULT", Span("attacked", 17, 25), Party("Taliban", 0, 7, "Taliban"),
                      Party("the German consulate", s - 4, s + 16), "p1", None, "reported",
                      SentenceRef(0, len(t)), figures=["f1"])],
        extractors={"entities": "1.0"},
    )
    for k, v in kw.items():
        setattr(rec, k, v)
    return rec


def record_b() -> Record:
    t = TEXT_B
    m = t.index("Mazar-i-Sharif")
    two = t.index("two")
    return Record(
        id="b", text=t, title="Bomber hits German consulate in Afghanistan", published="2016-11-11",
        url="https://www.independent.co.uk/b", source="independent",
        entities=[Entity("ent1", "Taliban", 2, 9, "ORG", "Taliban")],
        places=[Place("p1", "Mazar-i-Sharif", m, m + 14, "Mazar-i-Sharif", "AF", 36.7, 67.1, 1133453)],
        figures=[Figure("f1", "two", two, two + 3, 2, False, "people", "killed")],
        events=[Event("ev1", "ASSAULT", Span("struck", t.index("struck"), t.index("struck") + 6),
                      Party("Taliban suicide bomber", 2, 24, "Taliban"), None, "p1", None, "reported",
                      SentenceRef(0, len(t)), figures=["f1"])],
        extractors={"entities": "1.0"},
    )


@pytest.fixture()
def store(tmp_path):
    s = SQLiteStore(tmp_path / "t.db")
    yield s
    s.close()


def test_store_is_a_store(store):
    assert isinstance(store, Store)


def test_store_sets_wal_foreign_keys_and_migrations(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version >= 1
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO claims VALUES (424242, 'c1', 'x', 'asserted', NULL)")


def test_store_reopen_keeps_data_and_does_not_rerun_migrations(tmp_path):
    path = tmp_path / "t.db"
    with SQLiteStore(path) as s:
        s.put(record_a())
    with SQLiteStore(path) as s:
        assert s.stats().articles == 1
        assert s.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(
            __import__("newsledger.store.sqlite", fromlist=["MIGRATIONS"]).MIGRATIONS)


def test_store_put_same_article_twice_stores_once(store):
    assert store.put(record_a()).status == "stored"
    again = store.put(record_a())
    assert again.status == "duplicate" and again.version == 1
    assert store.stats().versions == 1
    assert store.has_content(content_hash(TEXT_A, "Taliban attack German consulate"))


def test_store_changed_article_at_same_url_is_a_new_version(store):
    store.put(record_a())
    changed = record_a(text=TEXT_A.replace("six", "seven"), figures=[], events=[], claims=[])
    result = store.put(changed)
    assert result.status == "new_version" and result.version == 2
    assert store.stats().articles == 1 and store.stats().versions == 2
    assert "seven" in store.get_article("a").text
    assert "six" in store.get_article("a", version=1).text
    # superseded text is no longer searchable
    assert store.search("six").total == 0
    assert store.search("seven").total == 1
    assert [v.version for v in store.article_versions("a")] == [1, 2]


def test_store_get_article_round_trips_the_record(store):
    store.put(record_a())
    assert store.get_article("a").to_dict() == record_a().to_dict()
    assert store.get_article("missing") is None
    assert store.get_article("a", version=2**70) is None and store.get_article("a", version=-1) is None


@pytest.mark.parametrize("query,filters,expected", [
    ("consulate", None, {"a", "b"}),
    ("German consulate", SearchFilters(source="telegraph"), {"a"}),
    ("consulate", SearchFilters(source="independent.co.uk"), {"b"}),
    ("consulate", SearchFilters(entity="taliban"), {"a", "b"}),
    ("consulate", SearchFilters(place="Mazar-i-Sharif"), {"a", "b"}),
    ("consulate", SearchFilters(event_type="assault"), {"a", "b"}),
    ("consulate", SearchFilters(certainty="reported"), {"a", "b"}),
    ("consulate", SearchFilters(date_from="2016-11-11"), {"b"}),
    ("consulate", SearchFilters(date_to="2016-11-10"), {"a"}),
    ("wounding", None, {"a"}),
    ("consul*", None, {"a", "b"}),
    ("Mazar-i-Sharif's \"consulate\" (", None, {"a", "b"}),
    ("wounding OR bomber", None, {"a", "b"}),
    ("consulate NOT wounding", None, {"b"}),
    ("OR", None, {"a", "b"}),
    ("elephants", None, set()),
])
def test_store_search_filters(store, query, filters, expected):
    store.put(record_a())
    store.put(record_b())
    page = store.search(query, filters)
    assert {h.article.id for h in page.items} == expected
    assert page.total == len(expected)


def test_store_search_snippet_marks_terms(store):
    store.put(record_a())
    hit = store.search("wounding").items[0]
    assert "[wounding]" in hit.snippet


def test_store_pagination(store):
    for i in range(7):
        store.put(Record(id=f"n{i}", text=f"Floods hit the valley, report number {i}.", title=f"Floods {i}",
                         published=f"2020-01-0{i + 1}"))
    first = store.list_articles(limit=3, offset=0)
    second = store.list_articles(limit=3, offset=3)
    assert first.total == 7 and len(first.items) == 3 and len(second.items) == 3
    assert first.items[0].id == "n6"  # newest first
    assert not {a.id for a in first.items} & {a.id for a in second.items}
    assert store.search("floods", limit=5, offset=5).total == 7
    assert len(store.search("floods", limit=5, offset=5).items) == 2


def test_store_listings_of_derived_rows(store):
    store.put(record_a())
    store.put(record_b())
    events = store.events().items
    assert {(e.article_id, e.type, e.place) for e in events} == {("a", "ASSAULT", "Mazar-i-Sharif"),
                                                                  ("b", "ASSAULT", "Mazar-i-Sharif")}
    assert events[0].actor == "Taliban"
    claims = store.claims().items
    assert claims[0].speaker == "Afghan officials" and claims[0].certainty == "reported"
    ents = store.entities().items
    assert ents[0].canonical == "Taliban" and ents[0].n_articles == 2
    places = store.places().items
    assert places[0].key == "gn:1133453" and places[0].n_articles == 2


def test_store_claim_and_quote_rows_carry_every_field_oldest_article_first(store):
    """Each listed row is its item's article, id, text, certainty or kind, speaker, date and outlet."""
    from newsledger.model import Quote
    from newsledger.store import ClaimRow, QuoteRow

    t = TEXT_B
    police = t.index("police")
    b = record_b()
    b.claims = [Claim("c1", t[:-1], 0, len(t) - 1, Party("police", police, police + 6), "asserted")]
    b.quotes = [Quote("q1", t[:police - 2], 0, police - 2, "indirect", Party("police", police, police + 6))]
    a = record_a(quotes=[Quote("q1", TEXT_A[:-1], 0, len(TEXT_A) - 1, "indirect", None)])
    store.put(b)
    store.put(a)
    assert store.claims().items == [
        ClaimRow("a", "c1", TEXT_A[:-1], "reported", "Afghan officials", "2016-11-10", "telegraph"),
        ClaimRow("b", "c1", t[:-1], "asserted", "police", "2016-11-11", "independent")]
    assert store.quotes().items == [
        QuoteRow("a", "q1", TEXT_A[:-1], "indirect", None, "2016-11-10", "telegraph"),
        QuoteRow("b", "q1", t[:police - 2], "indirect", "police", "2016-11-11", "independent")]
    assert [q.article_id for q in store.quotes(speaker="POLICE").items] == ["b"]
    assert [c.article_id for c in store.claims(article_id="b").items] == ["b"]

def test_store_relink_builds_story_and_conflicting_series(store):
    store.put(record_a())
    store.put(record_b())
    store.relink()
    stories = store.stories().items
    assert len(stories) == 1
    assert stories[0].n_articles == 2 and stories[0].n_sources == 2 and stories[0].n_conflicts == 1
    story = store.story(stories[0].id)
    assert {a.id for a in story.articles} == {"a", "b"}
    series = store.figure_series(conflicts_only=True).items
    assert len(series) == 1
    s = series[0]
    assert (s.measure, s.unit, s.place, s.conflict) == ("killed", "people", "Mazar-i-Sharif", True)
    assert (s.low, s.high, s.n_sources, s.first_article) == (2, 6, 2, "a")
    assert [r.first for r in s.reports] == [True, False]
    assert s.reports[0].certainty == "reported" and "six" in s.reports[0].sentence


def test_store_timeline_orders_by_date(store):
    store.put(record_b())
    store.put(record_a())
    entries = store.timeline("Taliban").items
    assert [e.article_id for e in entries] == ["a", "b"]
    assert entries[0].kind == "event" and entries[0].event_type == "ASSAULT"
    assert store.timeline("Mazar-i-Sharif").total == 2
    assert store.timeline("Nowhere").total == 0


def test_store_stale_lists_records_of_older_extractors(store):
    store.put(record_a())
    assert list(store.stale({"entities": "1.0"})) == []
    assert list(store.stale({"entities": "1.1"})) == ["a"]


def test_store_failures_are_kept(store):
    from newsledger.model import ErrorRecord

    store.record_failure(ErrorRecord("E001", "empty document", "x.txt"))
    page = store.failures()
    assert page.total == 1 and page.items[0].code == "E001" and page.items[0].origin == "x.txt"


def test_store_search_ranks_then_pages_and_caps_its_count(store, monkeypatch):
    import newsledger.store.sqlite as sqlite_store

    for i in range(6):
        store.put(Record(id=f"r{i}", text="Floods hit the valley. " + "Floods again. " * i, title=f"Report {i}",
                         published=f"2020-02-0{i + 1}"))
    ranked = [h.article.id for h in store.search("floods", limit=6).items]
    assert ranked[0] == "r5"  # most mentions ranks first
    paged = [h.article.id for off in (0, 2, 4) for h in store.search("floods", limit=2, offset=off).items]
    assert paged == ranked
    assert all("[Floods]" in h.snippet for h in store.search("floods", limit=6).items)
    monkeypatch.setattr(sqlite_store, "SEARCH_COUNT_CAP", 4)
    page = store.search("floods", limit=2)
    assert page.total == 4 and len(page.items) == 2  # "4 or more"


def test_store_relink_refreshes_planner_statistics(store):
    store.put(record_a())
    store.put(record_b())
    store.relink()
    assert store.conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0


def test_store_search_ranks_within_the_newest_matches_past_the_rank_cap(store, monkeypatch):
    import newsledger.store.sqlite as sqlite_store

    for i in range(6):  # the oldest articles mention floods most often
        store.put(Record(id=f"r{i}", text="Floods hit the valley. " + "Floods again. " * (6 - i),
                         title=f"Report {i}", published=f"2020-02-0{i + 1}"))
    assert store.search("floods", limit=1).items[0].article.id == "r0"
    monkeypatch.setattr(sqlite_store, "SEARCH_RANK_CAP", 3)
    monkeypatch.setattr(sqlite_store, "SEARCH_COUNT_CAP", 3)
    page = store.search("floods", limit=6)
    # ranked among the three most recently stored matches, best first; "3 or more"
    assert [h.article.id for h in page.items] == ["r3", "r4", "r5"]
    assert page.total == 3


@pytest.mark.parametrize("n_other", [0, 6])
def test_store_search_filter_plans_agree(store, n_other):
    """A filter smaller than the text matches is read as a set, a larger one probed per match:
    the same articles either way."""
    store.put(record_a())
    store.put(record_b())
    for i in range(n_other):  # more Taliban articles that do not say "consulate"
        t = f"Taliban fighters were seen near the border, report {i}."
        store.put(Record(id=f"o{i}", text=t, title=f"Border {i}", published="2016-11-12",
                         entities=[Entity("ent1", "Taliban", 0, 7, "ORG", "Taliban")]))
    assert {h.article.id for h in store.search("consulate", SearchFilters(entity="Taliban")).items} == {"a", "b"}
    assert {h.article.id for h in store.search("consulate", SearchFilters(entity="TALIBAN", source="telegraph",
                                                                          date_to="2016-11-10")).items} == {"a"}
    assert store.search("border", SearchFilters(entity="Taliban")).total == n_other


def test_store_search_filters_follow_the_current_version(store):
    store.put(record_a())
    store.put(record_a(text=TEXT_A.replace("six", "seven"), entities=[], places=[], events=[], claims=[],
                       figures=[], source="reuters"))
    assert store.search("consulate", SearchFilters(entity="Taliban")).total == 0
    assert store.search("consulate", SearchFilters(source="telegraph")).total == 0  # the outlet changed
    assert store.search("consulate", SearchFilters(source="telegraph.co.uk")).total == 1  # its host did not
    assert store.search("consulate", SearchFilters(source="reuters")).total == 1
    assert store.conn.execute("SELECT count(*) FROM article_meta").fetchone()[0] == 1


def test_store_migration_2_backfills_search_filters_of_an_older_store(tmp_path, monkeypatch):
    import newsledger.store.sqlite as sqlite_store

    path = tmp_path / "old.db"
    full = sqlite_store.MIGRATIONS
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", full[:1])
    monkeypatch.setattr(SQLiteStore, "_put_derived", _put_derived_v1(SQLiteStore._put_derived))
    with SQLiteStore(path) as old:
        old.put(record_a())
        old.put(record_b())
        assert old.schema_version == 1
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", full)
    monkeypatch.undo()
    with SQLiteStore(path) as s:
        assert s.schema_version == len(full)
        with SQLiteStore(":memory:") as fresh:
            fresh.put(record_a())
            fresh.put(record_b())
            keys = "SELECT key, (SELECT id FROM articles WHERE rowid = article) FROM article_keys ORDER BY 1, 2"
            assert s.conn.execute(keys).fetchall() == fresh.conn.execute(keys).fetchall()
        assert {h.article.id for h in s.search("consulate", SearchFilters(place="mazar-i-sharif")).items} == {"a", "b"}
        assert {h.article.id for h in s.search("consulate", SearchFilters(source="co.uk",
                                                                          date_from="2016-11-11")).items} == {"b"}


def _put_derived_v1(put_derived):
    """_put_derived as a schema-1 store wrote it: no filter tables yet."""
    def run(c, rowid, record):
        class NoKeys:
            def __init__(self, conn):
                self.conn = conn

            # nor the tables and columns of schemas 3 and 4 (summaries, parties, sort date, published)
            def execute(self, sql, *a):
                return None if "article_" in sql or "_summary" in sql else self.conn.execute(sql, *a)

            def executemany(self, sql, rows):
                for table, n in (("events", 20), ("figures", 13)):  # columns schema 3 and 4 added
                    if sql.startswith(f"INSERT INTO {table} VALUES"):
                        return self.conn.executemany(f"INSERT INTO {table} VALUES (" + ",".join("?" * n) + ")",
                                                     [r[:n] for r in rows])
                return None if "article_keys" in sql or "event_parties" in sql else self.conn.executemany(sql, rows)
        return put_derived(NoKeys(c), rowid, record)
    return staticmethod(run)


def test_store_record_json_is_to_json(seed_record):
    from newsledger.store.sqlite import record_json

    for rec in (record_a(), record_b(), seed_record, Record(id="empty", text="x")):
        assert record_json(rec) == rec.to_json()
