"""Pages over the store: articles, the claims board, stories, the timeline,
the map, entities and search.

Handlers ask the store for typed rows (:mod:`newsledger.store.base`) and hand
them to templates; they never format HTML. Every list is paginated with the
same ``limit``/``offset`` the API uses, so a page costs a bounded number of
queries whatever the size of the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..model import CERTAINTIES, PLOVER_TYPES
from ..store.base import COUNT_CAP, SearchFilters
from .article import article_view
from .basemap import basemap_paths

#: stories per page of the claims board: each costs a few indexed queries
BOARD_PAGE = 10
#: per story on the board: the first claims and figure series (the story page has all)
BOARD_CLAIMS = 20
BOARD_SERIES = 5
BOARD_REPORTS = 8
#: rows per list on an entity page (articles, quotes, events per role); each list links to all
ENTITY_ROWS = 50
TIMELINE_PAGE = 200
MAP_POINTS = 5000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Pager:
    offset: int
    limit: int
    total: int
    #: False when total is a cap (the listing has at least that many)
    exact: bool = True

    @property
    def prev(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        nxt = self.offset + self.limit
        return nxt if nxt < self.total and nxt <= COUNT_CAP else None


def _int(value: str | None, default: int, lo: int = 0, hi: int = COUNT_CAP) -> int:
    try:
        return min(hi, max(lo, int(value))) if value not in (None, "") else default
    except ValueError:
        return default


def filters_from(request: Request) -> SearchFilters:
    """The search filters from query parameters; invalid values are dropped, not fatal."""
    q = request.query_params

    def text(name: str) -> str | None:
        v = (q.get(name) or "").strip()
        return v[:300] or None

    etype = (text("type") or "").upper()
    cert = text("certainty")
    since, until = text("since"), text("until")
    return SearchFilters(entity=text("entity"), place=text("place"),
                         event_type=etype if etype in PLOVER_TYPES else None,
                         certainty=cert if cert in CERTAINTIES else None,
                         date_from=since if since and _DATE.match(since) else None,
                         date_to=until if until and _DATE.match(until) else None,
                         source=text("source"), actor=text("actor"), target=text("target"))


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split an FTS snippet with [matched] terms into (text, matched) parts for the template to escape."""
    parts: list[tuple[str, bool]] = []
    for piece in re.split(r"(\[[^\[\]]*\])", snippet or ""):
        if not piece:
            continue
        if piece.startswith("[") and piece.endswith("]"):
            parts.append((piece[1:-1], True))
        else:
            parts.append((piece, False))
    return parts


def _store(request: Request) -> Any:
    store = request.app.state.store
    if store is None:
        raise HTTPException(503, "no database is configured (start with --db)")
    return store


def install(app: FastAPI, pages: Any) -> None:
    render = pages.render

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        store = request.app.state.store
        if store is None:
            return render(request, "home.html", articles=[], pager=None, filters=SearchFilters())
        offset = _int(request.query_params.get("offset"), 0)
        filters = filters_from(request)
        page = store.list_articles(limit=50, offset=offset, filters=filters)
        return render(request, "home.html", articles=page.items, pager=Pager(offset, 50, page.total, page.exact),
                      filters=filters)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> HTMLResponse:
        store = _store(request)
        version = request.query_params.get("version")
        record = store.get_article(article_id, _int(version, 1, 1, 1_000_000) if version else None)
        if record is None:
            return render(request, "error.html", status=404, message="No article with this id.")
        summary = store.article_summary(article_id)
        return render(request, "article.html", view=article_view(record), stored=True, summary=summary)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_board(request: Request) -> HTMLResponse:
        """Claims and figure series, grouped by story; conflicting series first within a story."""
        store = _store(request)
        offset = _int(request.query_params.get("offset"), 0)
        conflicts_only = request.query_params.get("conflicts") == "1"
        # one page of stories; per story a bounded number of rows, each list one indexed query
        stories = store.stories(limit=BOARD_PAGE, offset=offset, conflicts_only=conflicts_only)
        groups = []
        for s in stories.items:
            series = store.figure_series(limit=BOARD_SERIES, story_id=s.id, conflicts_only=conflicts_only,
                                         reports=BOARD_REPORTS)
            claims = store.claims(limit=BOARD_CLAIMS, story_id=s.id)
            groups.append({"story": s, "series": series.items, "n_series": series.total, "claims": claims.items,
                           "n_claims": claims.total, "claims_exact": claims.exact})
        loose = store.figure_series(limit=BOARD_SERIES, conflicts_only=conflicts_only, reports=BOARD_REPORTS,
                                    outside_stories=True) if offset == 0 else None
        loose_series = loose.items if loose else []
        return render(request, "claims.html", groups=groups,
                      pager=Pager(offset, BOARD_PAGE, stories.total, stories.exact),
                      loose_series=loose_series, conflicts_only=conflicts_only)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        store = _store(request)
        story = store.story(story_id)
        if story is None:
            return render(request, "error.html", status=404, message="No story with this id.")
        claims = store.claims(story_id=story_id, limit=1000).items
        return render(request, "story.html", story=story, claims=claims)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline(request: Request) -> HTMLResponse:
        """Events (oldest first) and stories, filterable by entity, place and event type."""
        store = _store(request)
        filters = filters_from(request)
        offset = _int(request.query_params.get("offset"), 0)
        events = store.events(filters=filters, limit=TIMELINE_PAGE, offset=offset)
        entries: list[dict[str, Any]] = [
            {"kind": "event", "date": (e.date or e.published or "")[:10], "row": e} for e in events.items]
        if offset == 0 and not (filters.entity or filters.place or filters.actor or filters.target):
            for s in store.stories(limit=100).items:
                if filters.event_type and s.event_type != filters.event_type:
                    continue
                entries.append({"kind": "story", "date": (s.first_date or "")[:10], "row": s})
        entries.sort(key=lambda x: (x["date"] or "9999", x["kind"] != "story"))
        return render(request, "timeline.html", entries=entries, filters=filters, types=PLOVER_TYPES,
                      pager=Pager(offset, TIMELINE_PAGE, events.total, events.exact), show_parties=True)

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        store = _store(request)
        filters = filters_from(request)
        points: list[dict[str, Any]] = []
        for p in store.places(limit=MAP_POINTS).items:
            if p.lat is not None and p.lon is not None:
                points.append({"k": "place", "lat": p.lat, "lon": p.lon, "name": p.name, "country": p.country,
                               "n": p.n_articles, "key": p.key})
        for e in store.events(filters=filters, limit=MAP_POINTS).items:
            if e.lat is not None and e.lon is not None:
                points.append({"k": "event", "lat": e.lat, "lon": e.lon, "name": e.place or "", "type": e.type,
                               "date": e.date or e.published, "text": e.sentence[:300], "article": e.article_id,
                               "actor": e.actor, "target": e.target})
        return render(request, "map.html", points=points, filters=filters,
                      types=PLOVER_TYPES)

    @app.get("/basemap.svg", include_in_schema=False)
    def basemap_svg() -> Response:
        return Response(pages.env.get_template("basemap.svg").render(land=basemap_paths()),
                        media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities(request: Request) -> HTMLResponse:
        store = _store(request)
        q = (request.query_params.get("q") or "").strip()[:300] or None
        offset = _int(request.query_params.get("offset"), 0)
        page = store.entities(query=q, limit=100, offset=offset)
        return render(request, "entities.html", entities=page.items, q=q or "",
                      pager=Pager(offset, 100, page.total, page.exact))

    @app.get("/entities/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity(request: Request, key: str) -> HTMLResponse:
        """Mentions of one entity, the quotes it gave, and the events it took part in as actor or target."""
        store = _store(request)
        ent = store.entity(key)
        k = ent.key if ent else key
        articles = store.list_articles(limit=ENTITY_ROWS, filters=SearchFilters(entity=k))
        quotes = store.quotes(speaker=ent.canonical if ent else key, limit=ENTITY_ROWS)
        # by the entity each party resolved to, so "Pernod" acting counts for Pernod Ricard
        as_actor = store.events(filters=SearchFilters(actor=k), limit=ENTITY_ROWS)
        as_target = store.events(filters=SearchFilters(target=k), limit=ENTITY_ROWS)
        if ent is None and not (articles.items or quotes.items or as_actor.items or as_target.items):
            return render(request, "error.html", status=404, message="No entity with this name.")
        return render(request, "entity.html", ent=ent, key=key, articles=articles, quotes=quotes,
                      as_actor=as_actor, as_target=as_target)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request) -> HTMLResponse:
        store = _store(request)
        q = (request.query_params.get("q") or "").strip()[:500]
        filters = filters_from(request)
        offset = _int(request.query_params.get("offset"), 0)
        searched = bool(q) or any(getattr(filters, f) for f in filters.__slots__)  # type: ignore[attr-defined]
        page = store.search(q, filters=filters, limit=25, offset=offset) if searched else None
        hits = [{"hit": h, "parts": snippet_parts(h.snippet)} for h in (page.items if page else [])]
        return render(request, "search.html", q=q, filters=filters, hits=hits, searched=searched,
                      types=PLOVER_TYPES, certainties=CERTAINTIES,
                      pager=Pager(offset, 25, page.total, page.exact) if page else None)
