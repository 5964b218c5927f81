"""Exports of a store: JSON Lines, CSV, GeoJSON, Parquet and PLOVER records.

- ``jsonl`` + articles: the stored records, one newsledger-record-v1 per line,
  current versions only (what :meth:`Store.iter_records` yields);
- ``csv``/``parquet`` + events: an ACLED-like table, one row per event with
  date, type, actors, place and coordinates, the source sentence (``notes``)
  and certainty; other ``--what`` give their own flat tables;
- ``geojson``: places and events with coordinates as a FeatureCollection;
- ``plover``: events as PLOVER JSON records with the field names of PLOVER's
  gold-standard records (id, date, source, target as [{actorText, code
  (ISO 3166-1 alpha-3), sector}], event, mode, context, eventText, text,
  language, publication), so event-data tools load them as they load POLECAT.

Rows are built from the store's typed results; writing is streamed page by
page, so exports of large stores run in bounded memory (Parquet excepted:
pyarrow writes per page-sized row group).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict
from functools import lru_cache
from typing import IO, Any

from .base import EventRow, SearchFilters, Store

FORMATS = ("jsonl", "csv", "geojson", "parquet", "plover")
WHAT = ("articles", "events", "claims", "stories")
PAGE = 1000

EVENT_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor1_country",
                 "actor1_sector", "actor2", "actor2_country", "actor2_sector", "country", "location",
                 "latitude", "longitude", "certainty", "trigger", "notes", "fatalities", "source", "source_url",
                 "published", "article_id", "story_id")


def _pages(fetch) -> Iterator[Any]:
    offset = 0
    while True:
        page = fetch(PAGE, offset)
        yield from page.items
        offset += len(page.items)
        if not page.items or (offset >= page.total and getattr(page, "exact", True)):
            return


def iter_events(store: Store, filters: SearchFilters | None = None) -> Iterator[EventRow]:
    return _pages(lambda limit, offset: store.events(filters, limit=limit, offset=offset))


@lru_cache(maxsize=512)
def alpha3(code: str | None) -> str | None:
    """ISO 3166-1 alpha-2 (as records carry) to alpha-3 (as PLOVER wants); alpha-3 passes through."""
    if not code:
        return None
    import pycountry

    code = code.upper()
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return found.alpha_3 if found else None


@lru_cache(maxsize=1)
def _sector_codes() -> dict[str, str]:
    from ..resources import load_tsv

    return {row[0]: (row[1] if len(row) > 1 else "") for row in load_tsv("plover_sectors.tsv", lang=None)}


def event_table_row(e: EventRow, fatalities: float | None = None) -> dict[str, Any]:
    return {
        "event_id": f"{e.article_id}:{e.event_id}", "event_date": (e.date or e.published or "")[:10] or None,
        "event_type": e.type, "sub_event_type": e.mode, "actor1": e.actor, "actor1_country": alpha3(e.actor_country),
        "actor1_sector": e.actor_sector, "actor2": e.target, "actor2_country": alpha3(e.target_country),
        "actor2_sector": e.target_sector, "country": alpha3(e.country), "location": e.place,
        "latitude": e.lat, "longitude": e.lon, "certainty": e.certainty, "trigger": e.trigger, "notes": e.sentence,
        "fatalities": fatalities, "source": e.source, "source_url": e.url, "published": e.published,
        "article_id": e.article_id, "story_id": e.story_id,
    }


def plover_record(e: EventRow, context: str | None = None) -> dict[str, Any]:
    sectors = _sector_codes()

    def actor(name: str | None, country: str | None, sector: str | None) -> list[dict[str, Any]]:
        if not name:
            return []
        return [{"actorText": name, "code": alpha3(country) or "", "sector": sectors.get(sector or "", "")}]

    return {
        "id": f"{e.article_id}:{e.event_id}", "date": (e.date or e.published or "")[:10],
        "source": actor(e.actor, e.actor_country, e.actor_sector),
        "target": actor(e.target, e.target_country, e.target_sector),
        "event": e.type, "mode": e.mode or "", "context": context or "", "eventText": e.trigger,
        "text": e.sentence, "language": "en", "publication": e.source or e.url or "",
        "location": ([{"placeText": e.place, "country": alpha3(e.country), "lat": e.lat, "lon": e.lon}]
                     if e.place else []),
        "certainty": e.certainty,
    }


def rows(store: Store, what: str, fmt: str) -> Iterator[dict[str, Any]]:
    """Flat rows of ``what`` (for csv, parquet and jsonl of non-article tables)."""
    if what == "events":
        fatalities = _fatalities(store)
        for e in iter_events(store):
            yield event_table_row(e, fatalities.get((e.article_id, e.event_id)))
    elif what == "claims":
        for c in _pages(lambda limit, offset: store.claims(limit=limit, offset=offset)):
            yield asdict(c)
    elif what == "stories":
        for s in _pages(lambda limit, offset: store.stories(limit=limit, offset=offset)):
            row = asdict(s)
            if fmt == "jsonl":
                story = store.story(s.id)
                row["articles"] = [a.id for a in story.articles] if story else []
                row["series"] = [asdict(x) for x in story.series] if story else []
            yield row
    else:
        for a in _pages(lambda limit, offset: store.list_articles(limit=limit, offset=offset)):
            yield asdict(a)


def _fatalities(store: Store) -> dict[tuple[str, str], float]:
    """Killed-figure value per event (the lowest when several), ACLED's conservative choice."""
    out: dict[tuple[str, str], float] = {}
    for e in iter_events(store):
        if not e.figures:
            continue
        record = None
        for fid in e.figures:
            record = record or store.get_article(e.article_id)
            fig = next((f for f in record.figures if f.id == fid), None) if record else None
            if fig is not None and fig.measure == "killed" and fig.value is not None:
                key = (e.article_id, e.event_id)
                out[key] = min(out.get(key, float(fig.value)), float(fig.value))
    return out


def write(store: Store, fmt: str, what: str, out: IO[str] | None = None, path: str | None = None) -> int:
    """Write the export; returns the number of items written. Parquet needs ``path``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if what not in WHAT:
        raise ValueError(f"unknown export selection {what!r}")
    n = 0
    if fmt == "jsonl":
        assert out is not None
        if what == "articles":
            for record in store.iter_records():
                out.write(record.to_json() + "\n")
                n += 1
        else:
            for row in rows(store, what, fmt):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    elif fmt == "plover":
        assert out is not None
        for e in iter_events(store):
            out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        assert out is not None
        writer = None
        for row in rows(store, what, fmt):
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
                writer.writeheader()
            writer.writerow({k: _cell(v) for k, v in row.items()})
            n += 1
        if writer is None and what == "events":
            csv.DictWriter(out, fieldnames=list(EVENT_COLUMNS)).writeheader()
    elif fmt == "geojson":
        assert out is not None
        n = _geojson(store, what, out)
    else:
        if path is None:
            raise ValueError("parquet export needs an output file (-o)")
        n = _parquet(store, what, path)
    return n


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _geojson(store: Store, what: str, out: IO[str]) -> int:
    """Places (unless only events are asked for) and events with coordinates, streamed."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0

    def emit(feature: dict[str, Any]) -> None:
        nonlocal n
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1

    if what != "events":
        for p in _pages(lambda limit, offset: store.places(limit=limit, offset=offset)):
            if p.lat is None or p.lon is None:
                continue
            emit({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                  "properties": {"kind": "place", "key": p.key, "name": p.name, "country": p.country,
                                 "geonameid": p.geonameid, "n_articles": p.n_articles}})
    for e in iter_events(store):
        if e.lat is None or e.lon is None:
            continue
        props = event_table_row(e)
        props.pop("latitude")
        props.pop("longitude")
        emit({"type": "Feature", "geometry": {"type": "Point", "coordinates": [e.lon, e.lat]},
              "properties": {"kind": "event", **props}})
    out.write("\n]}\n")
    return n


def _parquet(store: Store, what: str, path: str) -> int:
    """Events stream in row groups under a fixed schema; the smaller tables are written at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if what != "events":
        table_rows = [{k: _cell(v) for k, v in r.items()} for r in rows(store, what, "parquet")]
        pq.write_table(pa.Table.from_pylist(table_rows) if table_rows else pa.table({"id": pa.array([], pa.string())}),
                       path)
        return len(table_rows)
    floats = {"latitude", "longitude", "fatalities"}
    schema = pa.schema([(c, pa.float64() if c in floats else pa.string()) for c in EVENT_COLUMNS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows(store, what, "parquet"):
            batch.append(row)
            n += 1
            if len(batch) >= PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch.clear()
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n
