"""What the API and the pages read from the store on a large corpus: the entity and
place summaries, the events' parties (filter by actor and target), capped and cached
counts, and that the schema-3 migration fills all of it for a store written before."""

from __future__ import annotations

import pytest

from newsledger.model import Entity, Event, Party, Place, Quote, Record, SentenceRef, Span
from newsledger.store import SearchFilters, SQLiteStore
from newsledger.store import sqlite as sqlite_store
from newsledger.store.export import iter_events

# Real news sentences (Reuters, 2023): the actor is named "Moscow" and "Russian forces"
# in the text while the entities extractor resolved both to one knowledge-base entity.
TEXT_1 = ("Russian forces shelled the city of Kherson on Sunday, killing two people, the regional governor said. "
          "Ukraine's army said it had repelled attacks near Bakhmut.")
TEXT_2 = ("Moscow launched a wave of drones at Kyiv overnight, and Ukrainian air defences and the city's police "
          "shot most of them down, officials said.")


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def _party(text: str, needle: str, canonical: str | None = None, entity: str | None = None,
           members: list[Party] | None = None) -> Party:
    s, e = _span(text, needle)
    return Party(needle, s, e, canonical=canonical, entity=entity, members=members or [])


def record_1(rid: str = "r1", published: str = "2023-05-07") -> Record:
    t = f"{TEXT_1} ({rid})"
    ents = [Entity("ent1", "Russian", *_span(t, "Russian"), "NORP", "Russia", kb={"wikidata": "Q159"}),
            Entity("ent2", "Kherson", *_span(t, "Kherson"), "GPE", "Kherson"),
            Entity("ent3", "Ukraine", *_span(t, "Ukraine"), "GPE", "Ukraine", kb={"wikidata": "Q212"})]
    return Record(
        id=rid, text=t, title="Russian shelling kills two in Kherson", published=published, source="reuters",
        url=f"https://www.reuters.com/{rid}", entities=ents,
        places=[Place("p1", "Kherson", *_span(t, "Kherson"), "Kherson", "UA", 46.64, 32.61, 706448)],
        events=[Event("ev1", "ASSAULT", Span.of(t, *_span(t, "shelled")),
                      _party(t, "Russian forces", entity="ent1"), _party(t, "the city of Kherson", "Kherson", "ent2"),
                      "p1", None, "reported", SentenceRef(0, t.index(" Ukraine's"))),
                Event("ev2", "FIGHT", Span.of(t, *_span(t, "repelled")), _party(t, "Ukraine's army", entity="ent3"),
                      None, None, None, "reported", SentenceRef(t.index("Ukraine's"), len(t)))],
    )


def record_2(rid: str = "r2", published: str = "2023-05-08") -> Record:
    t = f"{TEXT_2} ({rid})"
    ents = [Entity("ent1", "Moscow", *_span(t, "Moscow"), "GPE", "Moscow", kb={"wikidata": "Q159"}),
            Entity("ent2", "Kyiv", *_span(t, "Kyiv"), "GPE", "Kyiv"),
            Entity("ent3", "Ukrainian", *_span(t, "Ukrainian"), "NORP", "Ukraine", kb={"wikidata": "Q212"})]
    defenders = _party(t, "Ukrainian air defences and the city's police", members=[
        _party(t, "Ukrainian air defences", entity="ent3"), _party(t, "the city's police", "police")])
    return Record(
        id=rid, text=t, title="Drones over Kyiv", published=published, source="ap", url=f"https://apnews.com/{rid}",
        entities=ents, quotes=[Quote("q1", "shot most of them down", *_span(t, "shot most of them down"),
                                     "indirect", _party(t, "officials", "officials"))],
        events=[Event("ev1", "ASSAULT", Span.of(t, *_span(t, "launched")), _party(t, "Moscow", entity="ent1"),
                      _party(t, "Kyiv", "Kyiv", "ent2"), None, None, "asserted", SentenceRef(0, len(t))),
                Event("ev2", "ASSAULT", Span.of(t, *_span(t, "shot")), defenders, None, None, None, "reported",
                      SentenceRef(0, len(t)))],
    )


@pytest.fixture()
def store(tmp_path):
    s = SQLiteStore(tmp_path / "t.db")
    s.put(record_1())
    s.put(record_2())
    yield s
    s.close()


def _events(store: SQLiteStore, **kw) -> list[tuple[str, str]]:
    return [(e.article_id, e.event_id) for e in store.events(SearchFilters(**kw)).items]


@pytest.mark.parametrize("value", ["wikidata:Q159", "Russia", "russia", "Moscow"])
def test_store_events_by_actor_follow_the_resolved_entity(store, value):
    # "Russian forces" and "Moscow" both resolved to Q159: either name finds both events
    assert _events(store, actor=value) == [("r1", "ev1"), ("r2", "ev1")]


def test_store_events_by_actor_and_target_keep_roles_apart(store):
    assert _events(store, target="Kherson") == [("r1", "ev1")]
    assert _events(store, actor="Kherson") == []
    assert _events(store, actor="wikidata:Q212") == [("r1", "ev2"), ("r2", "ev2")]  # a member of a group counts
    assert _events(store, actor="police") == [("r2", "ev2")]  # a party that is no entity, by its name
    assert _events(store, actor="Ukraine", target="Kyiv") == []
    assert _events(store, actor="Russia", target="Kyiv") == [("r2", "ev1")]
    assert _events(store, actor="nobody at all") == []


def test_store_entity_looks_up_key_then_name(store):
    assert store.entity("wikidata:Q159").n_articles == 2
    assert store.entity("kherson").key == "name:kherson"
    assert store.entity("no such thing") is None


def _summaries(s: SQLiteStore) -> tuple[list[tuple], list[tuple]]:
    ents = sorted(tuple(r) for r in s.conn.execute("SELECT * FROM entity_summary"))
    places = sorted(tuple(r) for r in s.conn.execute("SELECT * FROM place_summary"))
    return ents, places


def test_store_summaries_follow_new_versions_and_match_a_rebuild(store):
    assert [(e.key, e.n_articles, e.n_mentions) for e in store.entities(limit=2).items] == [
        ("wikidata:Q159", 2, 2), ("wikidata:Q212", 2, 2)]
    # r2 changes: Kyiv leaves the article, so its key leaves the summary
    changed = record_2()
    changed.text = changed.text.replace("overnight", "at night")
    changed.entities = [e for e in changed.entities if e.canonical != "Kyiv"]
    changed.events = changed.events[1:]
    changed.quotes = []
    for e in changed.entities:
        e.start, e.end = _span(changed.text, e.text)
    assert store.put(changed).status == "new_version"
    assert store.entity("Kyiv") is None
    assert _events(store, target="Kyiv") == []
    assert store.entity("wikidata:Q159").n_articles == 2
    running = _summaries(store)
    store.rebuild_summaries()
    assert _summaries(store) == running


def test_store_migration_fills_summaries_and_parties_of_an_older_store(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(sqlite_store, "MIGRATIONS", sqlite_store.MIGRATIONS[:2])
        old = SQLiteStore(path)
        old.conn.execute("PRAGMA foreign_keys=OFF")
        # what a schema-2 put wrote (no sort date, no parties, no summaries)
        m.setattr(SQLiteStore, "_put_parties", staticmethod(lambda *a: None))
        m.setattr(SQLiteStore, "_add_to_summaries", staticmethod(lambda *a: None))
        for r in (record_1(), record_2()):
            _put_schema_2(old, r)
        assert old.schema_version == 2
        old.close()
    migrated = SQLiteStore(path)
    fresh = SQLiteStore(tmp_path / "fresh.db")
    for r in (record_1(), record_2()):
        fresh.put(r)
    assert migrated.schema_version == fresh.schema_version
    assert _summaries(migrated) == _summaries(fresh)
    parties = ("SELECT a.id, e.item, p.role, p.entity_key, p.name FROM event_parties p"
               " JOIN events e ON e.rowid = p.event JOIN articles a ON a.rowid = p.article ORDER BY 1, 2, 3, 4, 5")
    assert [tuple(r) for r in migrated.conn.execute(parties)] == [tuple(r) for r in fresh.conn.execute(parties)]
    assert _events(migrated, actor="Russia") == _events(fresh, actor="Russia") == [("r1", "ev1"), ("r2", "ev1")]
    migrated.close()
    fresh.close()


def _put_schema_2(store: SQLiteStore, record: Record) -> None:
    """Store a record as schema 2 did: put() without the columns and tables schema 3 added."""
    from newsledger.store.sqlite import _record_hash, outlet

    c = store.conn
    cur = c.execute(
        "INSERT INTO articles (id, doc_key, version, content_hash, is_current, title, published, source, url, host,"
        " origin, stored_at, extractors, text, record, n_entities, n_events, n_claims, n_quotes, n_figures)"
        " VALUES (?,?,1,?,1,?,?,?,?,NULL,NULL,'2023-01-01T00:00:00Z','{}',?,?,?,?,?,?,?)",
        (record.id, f"url:{record.url}", _record_hash(record), record.title, record.published, outlet(record),
         record.url, record.text, record.to_json(), len(record.entities), len(record.events), len(record.claims),
         len(record.quotes), len(record.figures)))
    rowid = cur.lastrowid
    real = c.executemany

    class Conn:
        """Passes statements through, but events and figures get the columns of schema 2."""

        def __getattr__(self, name):
            return getattr(c, name)

        def execute(self, sql, params=()):
            return c.execute(sql, params)

        def executemany(self, sql, rows):
            for table, n in (("events", 20), ("figures", 13)):  # columns schema 3 and 4 added
                if sql.startswith(f"INSERT INTO {table} VALUES"):
                    return real(f"INSERT INTO {table} VALUES (" + ",".join("?" * n) + ")", [r[:n] for r in rows])
            return real(sql, rows)

    SQLiteStore._put_derived(Conn(), rowid, record)


def test_store_counts_are_capped_and_pages_go_on(store, monkeypatch):
    monkeypatch.setattr(sqlite_store, "COUNT_CAP", 2)
    page = store.events(limit=1)
    assert (page.total, page.exact) == (2, False)
    assert store.events(SearchFilters(actor="Russia")).exact is True  # exactly 2: not past the cap
    # export reads every event although the count stops at the cap
    assert len(list(iter_events(store))) == 4


def test_store_counts_are_cached_until_the_database_changes(store, tmp_path):
    assert store.events().total == 4
    other = SQLiteStore(store.path)  # another connection (an ingest process) adds an article
    other.put(record_1("r3", "2023-05-09"))
    other.close()
    assert store.events().total == 6
    store.put(record_2("r4", "2023-05-10"))
    assert store.events().total == 8


def test_store_listings_filter_and_order_without_reading_articles(store):
    store.put(record_1("r3", "2023-05-09"))
    arts = store.list_articles(filters=SearchFilters(source="reuters")).items
    assert [a.id for a in arts] == ["r3", "r1"]
    assert [a.id for a in store.list_articles(filters=SearchFilters(source="reuters.com")).items] == ["r3", "r1"]
    assert [a.id for a in store.list_articles(filters=SearchFilters(entity="Russia")).items] == ["r3", "r2", "r1"]
    assert store.list_articles(filters=SearchFilters(entity="Russia")).total == 3
    assert [a.id for a in store.list_articles(filters=SearchFilters(date_to="2023-05-08")).items] == ["r2", "r1"]
    assert [a.id for a in store.list_articles(filters=SearchFilters(date_to="2023-05")).items] == ["r3", "r2", "r1"]
    assert [(e.article_id, e.event_id) for e in store.events(SearchFilters(source="ap")).items] == [
        ("r2", "ev1"), ("r2", "ev2")]
    assert [e.date for e in store.events().items] == sorted(e.date for e in store.events().items)
    assert [q.article_id for q in store.quotes(SearchFilters(entity="Kyiv")).items] == ["r2"]


@pytest.mark.parametrize("small", [0, 10_000])
def test_store_pages_agree_whichever_side_drives(store, monkeypatch, small):
    """Few matches are read and sorted; many are found in index order: same pages."""
    for n in range(3, 9):
        store.put(record_1(f"r{n}", f"2023-05-{n + 6:02d}") if n % 2 else record_2(f"r{n}", f"2023-05-{n + 6:02d}"))
    monkeypatch.setattr(SQLiteStore, "_SMALL_SET", small)
    got = []
    for offset in range(0, 12, 3):
        got += [(e.article_id, e.event_id) for e in store.events(SearchFilters(actor="Russia"), limit=3,
                                                                  offset=offset).items]
    assert len(got) == len(set(got)) == 8
    arts = [a.id for a in store.list_articles(filters=SearchFilters(entity="wikidata:Q212"), limit=50).items]
    assert arts == ["r8", "r7", "r6", "r5", "r4", "r3", "r2", "r1"]
    monkeypatch.setattr(SQLiteStore, "_SMALL_SET", 10_000 - small)
    other = [(e.article_id, e.event_id) for e in store.events(SearchFilters(actor="Russia"), limit=20).items]
    assert other == got
