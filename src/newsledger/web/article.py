"""The article view: the text cut into segments, each knowing which extracted
items cover it, plus a short table of details per item.

Why segments rather than nested tags: items overlap freely (an entity inside
a quote inside a claim, a figure straddling a time), and nested ``<span>``s
cannot express crossing ranges. Cutting the text at every item boundary gives
flat segments; each carries the ids of all items that cover it, so a click on
any word can show every item that word supports. All values here are plain
strings: escaping is the template's job (Jinja2 autoescape), never this
module's, and no HTML is built from article text anywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import Event, Party, Record

#: highlighted kinds, in the order of the legend; the first listed wins the
#: background colour when several cover one segment, except that the
#: shortest covering item decides (see :func:`segments`)
KINDS: tuple[str, ...] = ("entities", "quotes", "claims", "figures", "times", "places", "events")

KIND_PLURALS: dict[str, str] = {
    "entities": "entities", "quotes": "quotes", "claims": "claims", "figures": "figures",
    "times": "times", "places": "places", "events": "events",
}
KIND_LABELS: dict[str, str] = {
    "entities": "entity", "quotes": "quote", "claims": "claim", "figures": "figure",
    "times": "time", "places": "place", "events": "event",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlightable item: where it is and what it is."""

    kind: str
    id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    #: ids of the items covering this segment, shortest first
    items: tuple[str, ...] = ()
    #: kinds of those items, same order
    kinds: tuple[str, ...] = ()

    @property
    def kind(self) -> str | None:
        """The kind that colours the segment: the innermost item's."""
        return self.kinds[0] if self.kinds else None


@dataclass(frozen=True, slots=True)
class ItemView:
    kind: str
    id: str
    text: str
    rows: tuple[tuple[str, str], ...]


def marks(record: Record) -> list[Mark]:
    """Every item with a usable span; an item whose offsets do not fit the text is skipped."""
    n = len(record.text)
    out: list[Mark] = []
    for kind in KINDS:
        for item in getattr(record, kind):
            span = item.trigger if isinstance(item, Event) else item
            start, end = getattr(span, "start", None), getattr(span, "end", None)
            if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= n:
                continue
            out.append(Mark(kind, item.id, start, end))
    return out


def segments(text: str, found: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each piece lists the marks covering it."""
    cuts = {0, len(text)}
    for m in found:
        cuts.add(m.start)
        cuts.add(m.end)
    bounds = sorted(cuts)
    by_start = sorted(found, key=lambda m: (m.start, m.end))
    out: list[Segment] = []
    active: list[Mark] = []
    j = 0
    for a, b in zip(bounds, bounds[1:]):
        if a == b:
            continue
        while j < len(by_start) and by_start[j].start <= a:
            active.append(by_start[j])
            j += 1
        active = [m for m in active if m.end > a]
        covering = sorted((m for m in active if m.start <= a and m.end >= b),
                          key=lambda m: (m.end - m.start, KINDS.index(m.kind)))
        out.append(Segment(text[a:b], a, tuple(m.id for m in covering), tuple(m.kind for m in covering)))
    return out


def party_label(p: Party | None) -> str:
    if p is None:
        return ""
    label = p.canonical or p.text
    extra = [x for x in (p.country, p.sector) if x]
    return f"{label} ({', '.join(extra)})" if extra else label


def _num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, int) else str(v)


def item_views(record: Record) -> list[ItemView]:
    """Readable details for every item (including ones whose span could not be shown)."""
    places = {p.id: p for p in record.places}
    times = {t.id: t for t in record.times}
    out: list[ItemView] = []

    def add(kind: str, item: Any, text: str, rows: list[tuple[str, Any]]) -> None:
        rows.append(("extractor", getattr(item, "extractor", None)))
        clean = tuple((k, v if isinstance(v, str) else _num(v) if isinstance(v, (int, float)) else
                       json.dumps(v, ensure_ascii=False) if v is not None else "")
                      for k, v in rows if v not in (None, "", [], {}))
        out.append(ItemView(kind, item.id, text, clean))

    for e in record.entities:
        add("entities", e, e.text, [("type", e.type), ("canonical", e.canonical), ("knowledge base", e.kb)])
    for q in record.quotes:
        add("quotes", q, q.text, [("speaker", party_label(q.speaker)), ("kind", q.kind),
                                  ("cue", q.cue.text if q.cue else None)])
    for c in record.claims:
        add("claims", c, c.text, [("source", party_label(c.source)), ("certainty", c.certainty),
                                  ("cues", ", ".join(s.text for s in c.cues))])
    for f in record.figures:
        value = _num(f.value) + (f"–{_num(f.value_max)}" if f.value_max is not None else "")
        add("figures", f, f.text, [("value", ("≈ " if f.approximate else "") + value), ("unit", f.unit),
                                   ("measure", f.measure), ("claim", f.claim)])
    for t in record.times:
        add("times", t, t.text, [("type", t.type), ("normalized", t.value), ("modifier", t.mod)])
    for p in record.places:
        coords = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else None
        add("places", p, p.text, [("name", p.name), ("country", p.country), ("coordinates", coords),
                                  ("GeoNames id", p.geonameid), ("feature", p.feature)])
    for ev in record.events:
        place = places.get(ev.place or "")
        when = times.get(ev.time or "")
        add("events", ev, ev.trigger.text, [
            ("type", ev.type), ("mode", ev.mode), ("actor", party_label(ev.actor)),
            ("target", party_label(ev.target)), ("certainty", ev.certainty),
            ("place", (place.name or place.text) if place else ev.place),
            ("time", (when.value or when.text) if when else ev.time),
            ("source", party_label(ev.source)), ("figures", ", ".join(ev.figures)),
            ("sentence", record.text[ev.sentence.start:ev.sentence.end] if ev.sentence else None)])
    return out


@dataclass(frozen=True, slots=True)
class ArticleView:
    record: Record
    segments: list[Segment]
    items: list[ItemView]
    counts: dict[str, int]
    record_json: str


def article_view(record: Record) -> ArticleView:
    found = marks(record)
    return ArticleView(
        record=record,
        segments=segments(record.text, found),
        items=item_views(record),
        counts={k: len(getattr(record, k)) for k in KINDS},
        record_json=record.to_json(indent=2),
    )
