"""The JSON endpoints under ``/api``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as Path_
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..model import CERTAINTIES, PLOVER_TYPES, Article, ErrorRecord, Record
from ..store.base import (
    COUNT_CAP, ArticleSummary, ClaimRow, EntitySummary, EventRow, FigureSeries, PlaceSummary, PutResult, QuoteRow,
    SearchFilters, SearchHit, Story, StorySummary, TimelineEntry,
)
from .schemas import MAX_TEXT_CHARS, ExtractRequest, Health, Page, Problem
from .settings import ApiSettings

#: documented on every operation: a malformed request, and no database configured
router = APIRouter(responses={400: {"model": Problem, "description": "malformed request"},
                              503: {"model": Problem, "description": "no database is configured"}})


def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


def get_store(request: Request) -> Any:
    store = request.app.state.store
    if store is None:
        raise HTTPException(503, "no database is configured (start with --db)")
    return store


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
StoreDep = Annotated[Any, Depends(get_store)]


@router.get("/health", response_model=Health, tags=["service"])
def health(request: Request, settings: SettingsDep) -> Health:
    return Health(status="ok", version=__version__, store=request.app.state.store is not None,
                  ingest=bool(settings.token))


@router.post("/extract", response_model=Record, tags=["extract"],
             responses={413: {"model": Problem}, 422: {"model": Problem}})
def extract(body: ExtractRequest, request: Request) -> Record:
    """The record of the posted text. Nothing is stored."""
    if not body.text.strip():
        raise HTTPException(422, "E001 empty document: no text after cleaning")
    result = request.app.state.extractor(Article(text=body.text, title=body.title, published=body.published,
                                                 url=body.url, origin="<api>"))
    if isinstance(result, ErrorRecord):
        raise HTTPException(422, f"{result.code} {result.message}")
    return result


# -- reading the store --------------------------------------------------------------

CertaintyParam = Literal[CERTAINTIES]  # type: ignore[valid-type]
EventTypeParam = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


#: the deepest page a listing serves: skipping rows costs time, and totals are
#: counted up to this many (``total_exact`` false past it). Narrow with filters,
#: or read everything with /api/export.
MAX_OFFSET = COUNT_CAP


class Paging:
    """``limit``/``offset`` query parameters, bounded by the settings."""

    def __init__(self, request: Request,
                 limit: Annotated[int | None, Query(ge=1, le=1000, description="items per page")] = None,
                 offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description=(
                     f"items to skip, at most {MAX_OFFSET:,}: narrow with filters, or use /api/export"
                     " for everything"))] = 0) -> None:
        settings: ApiSettings = request.app.state.settings
        self.limit = min(limit or settings.default_page_size, settings.max_page_size)
        self.offset = offset


def search_filters(
    entity: Annotated[str | None, Query(max_length=300, description="canonical name or entity id")] = None,
    place: Annotated[str | None, Query(max_length=300, description="place name or id")] = None,
    type: Annotated[EventTypeParam | None, Query(description="PLOVER event type")] = None,  # noqa: A002
    certainty: Annotated[CertaintyParam | None, Query()] = None,
    since: Annotated[str | None, Query(pattern=_DATE, description="published on or after (ISO date)")] = None,
    until: Annotated[str | None, Query(pattern=_DATE, description="published on or before (ISO date)")] = None,
    source: Annotated[str | None, Query(max_length=300, description="outlet name or URL host")] = None,
) -> SearchFilters:
    """The CLI's search filters as query parameters."""
    return SearchFilters(entity=entity or None, place=place or None, event_type=type, certainty=certainty,
                         date_from=since, date_to=until, source=source or None)


PagingDep = Annotated[Paging, Depends()]
FiltersDep = Annotated[SearchFilters, Depends(search_filters)]


def _page(page: Any) -> dict[str, Any]:
    nxt = page.offset + len(page.items)
    exact = getattr(page, "exact", True)
    more = nxt < page.total or (not exact and len(page.items) == page.limit)
    return {"items": page.items, "total": page.total, "total_exact": exact, "limit": page.limit,
            "offset": page.offset, "next_offset": nxt if more and nxt <= MAX_OFFSET else None}


@router.get("/articles", response_model=Page[ArticleSummary], tags=["read"])
def list_articles(store: StoreDep, paging: PagingDep, filters: FiltersDep) -> dict[str, Any]:
    """Stored articles (current versions), newest first."""
    return _page(store.list_articles(limit=paging.limit, offset=paging.offset, filters=filters))


@router.get("/articles/{article_id}", response_model=Record, tags=["read"], responses={404: {"model": Problem}})
def get_article(store: StoreDep, article_id: Annotated[str, Path_(max_length=200)],
                version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None) -> Record:
    """One article's full record (the current version unless ``version`` is given)."""
    record = store.get_article(article_id, version)
    if record is None:
        raise HTTPException(404, "article not found")
    return record


@router.get("/search", response_model=Page[SearchHit], tags=["read"])
def search(store: StoreDep, paging: PagingDep, filters: FiltersDep,
           q: Annotated[str, Query(max_length=500, description="words; word* for a prefix")] = "") -> dict[str, Any]:
    """Full-text search with the same filters as ``newsledger search``."""
    return _page(store.search(q, filters=filters, limit=paging.limit, offset=paging.offset))


@router.get("/stories", response_model=Page[StorySummary], tags=["read"])
def list_stories(store: StoreDep, paging: PagingDep) -> dict[str, Any]:
    """Stories (one per real-world event), newest first."""
    return _page(store.stories(limit=paging.limit, offset=paging.offset))


@router.get("/stories/{story_id}", response_model=Story, tags=["read"], responses={404: {"model": Problem}})
def get_story(store: StoreDep, story_id: Annotated[str, Path_(max_length=200)]) -> Story:
    story = store.story(story_id)
    if story is None:
        raise HTTPException(404, "story not found")
    return story


@router.get("/events", response_model=Page[EventRow], tags=["read"])
def list_events(store: StoreDep, paging: PagingDep, filters: FiltersDep,
                story: Annotated[str | None, Query(max_length=200)] = None,
                actor: Annotated[str | None, Query(max_length=300, description=(
                    "the event's actor is this entity (id or name), however the article named it"))] = None,
                target: Annotated[str | None, Query(max_length=300, description=(
                    "the event's target is this entity (id or name)"))] = None) -> dict[str, Any]:
    """Events, oldest first, flattened with their actor, target, place and sentence.

    ``entity`` keeps events of articles that mention the entity; ``actor`` and
    ``target`` keep events in which it acts or is acted on (members of a group
    count), matched by the entity the article's words resolved to."""
    filters.actor = actor or None
    filters.target = target or None
    return _page(store.events(filters=filters, limit=paging.limit, offset=paging.offset, story_id=story))


@router.get("/claims", response_model=Page[ClaimRow], tags=["read"])
def list_claims(store: StoreDep, paging: PagingDep, filters: FiltersDep,
                article: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    return _page(store.claims(filters=filters, limit=paging.limit, offset=paging.offset, article_id=article))


@router.get("/quotes", response_model=Page[QuoteRow], tags=["read"])
def list_quotes(store: StoreDep, paging: PagingDep, filters: FiltersDep,
                article: Annotated[str | None, Query(max_length=200)] = None,
                speaker: Annotated[str | None, Query(max_length=300, description=(
                    "the speaker's name as the record gives it (case-insensitive)"))] = None) -> dict[str, Any]:
    return _page(store.quotes(filters=filters, limit=paging.limit, offset=paging.offset, article_id=article,
                              speaker=speaker or None))


@router.get("/figures/series", response_model=Page[FigureSeries], tags=["read"])
def list_series(store: StoreDep, paging: PagingDep, conflicts: bool = False,
                story: Annotated[str | None, Query(max_length=200)] = None,
                reports: Annotated[int, Query(ge=1, le=1000, description=(
                    "reports per series at most: the earliest, plus the lowest and highest value"))] = 10,
                ) -> dict[str, Any]:
    """Figure series: every source's number for one measure, unit, place and period; conflicts first.
    ``n_reports`` counts a series' reports, ``reports`` holds the first of them."""
    return _page(store.figure_series(limit=paging.limit, offset=paging.offset, conflicts_only=conflicts,
                                     story_id=story, reports=reports))


@router.get("/entities", response_model=Page[EntitySummary], tags=["read"])
def list_entities(store: StoreDep, paging: PagingDep,
                  q: Annotated[str | None, Query(max_length=300)] = None) -> dict[str, Any]:
    return _page(store.entities(query=q or None, limit=paging.limit, offset=paging.offset))


@router.get("/places", response_model=Page[PlaceSummary], tags=["read"])
def list_places(store: StoreDep, paging: PagingDep,
                q: Annotated[str | None, Query(max_length=300)] = None) -> dict[str, Any]:
    return _page(store.places(query=q or None, limit=paging.limit, offset=paging.offset))


@router.get("/timeline", response_model=Page[TimelineEntry], tags=["read"])
def timeline(store: StoreDep, paging: PagingDep,
             name: Annotated[str, Query(min_length=1, max_length=300, description="entity or place")]) -> dict[str, Any]:
    """Dated events and articles mentioning an entity or place, oldest first."""
    return _page(store.timeline(name, limit=paging.limit, offset=paging.offset))


ExportFormat = Literal["jsonl", "csv", "geojson", "plover", "parquet"]
ExportWhat = Literal["articles", "events", "claims", "stories"]
_MEDIA = {"jsonl": "application/x-ndjson", "plover": "application/x-ndjson", "csv": "text/csv",
          "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}


@router.get("/export", tags=["read"], response_class=StreamingResponse,
            responses={200: {"content": {m: {} for m in sorted(set(_MEDIA.values()))}}})
def export(store: StoreDep, format: ExportFormat = "jsonl",  # noqa: A002 - the CLI's option name
           what: ExportWhat = "articles") -> StreamingResponse:
    """The store as ``newsledger export`` writes it: JSON Lines records (default), ACLED-like CSV,
    GeoJSON, PLOVER records or Parquet. Article records stream as they are read; other
    formats are written to a temporary file first (spilled to disk when large), then sent."""
    import tempfile

    from ..store import export as exports

    name = f"newsledger-{what}.{ {'plover': 'jsonl', 'geojson': 'geojson'}.get(format, format) }"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "jsonl" and what == "articles":
        def lines() -> Any:
            for record in store.iter_records():
                yield record.to_json() + "\n"

        return StreamingResponse(lines(), media_type=_MEDIA[format], headers=headers)
    if format == "parquet":
        tmp = tempfile.NamedTemporaryFile(suffix=".parquet", delete=False)
        tmp.close()
        exports.write(store, format, what, path=tmp.name)
        return StreamingResponse(_file_chunks(tmp.name, binary=True), media_type=_MEDIA[format], headers=headers)
    spool = tempfile.SpooledTemporaryFile(max_size=8_000_000, mode="w+", encoding="utf-8", newline="")
    exports.write(store, format, what, out=spool)
    spool.seek(0)

    def chunks() -> Any:
        try:
            while True:
                block = spool.read(65536)
                if not block:
                    return
                yield block
        finally:
            spool.close()

    return StreamingResponse(chunks(), media_type=_MEDIA[format], headers=headers)


def _file_chunks(path: str, binary: bool) -> Any:
    import os

    try:
        with open(path, "rb") as fh:
            while True:
                block = fh.read(65536)
                if not block:
                    return
                yield block
    finally:
        os.unlink(path)


# -- writing (only with a token) ---------------------------------------------------------


class IngestRequest(BaseModel):
    model_config = ConfigDict(strict=True)

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=40)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=300)
    id: str | None = Field(default=None, max_length=200)
    relink: bool = Field(default=True, description="recompute stories and figure series afterwards")


def require_token(request: Request) -> None:
    from .security import token_matches

    settings: ApiSettings = request.app.state.settings
    if not settings.token:
        raise HTTPException(404, "ingest is disabled: start the server with NEWSLEDGER_TOKEN set")
    if not token_matches(settings.token, request.headers.get("authorization")):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", response_model=PutResult, tags=["write"], dependencies=[Depends(require_token)],
             responses={401: {"model": Problem}, 404: {"model": Problem}, 413: {"model": Problem},
                        422: {"model": Problem}})
def ingest(body: IngestRequest, request: Request, store: StoreDep) -> PutResult:
    """Extract one article and store it. Needs ``Authorization: Bearer <NEWSLEDGER_TOKEN>``."""
    from ..store.base import content_hash

    if not body.text.strip():
        raise HTTPException(422, "E001 empty document: no text after cleaning")
    result = request.app.state.extractor(Article(text=body.text, title=body.title, published=body.published,
                                                 url=body.url, source=body.source, id=body.id, origin="<api>"))
    if isinstance(result, ErrorRecord):
        store.record_failure(result)
        raise HTTPException(422, f"{result.code} {result.message}")
    put = store.put(result, content_hash(body.text, body.title), origin="<api>")
    if body.relink and put.status != "duplicate":
        store.relink()
    return put
