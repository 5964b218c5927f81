"""The store interface: what the CLI, the HTTP API and the web pages may ask of a corpus.

A store keeps article records (newsledger-record-v1) with their versions, the
failures met while ingesting, and what linking derived from them: entities
across articles, stories (one per real-world event), and figure series (every
source's number for one measure, unit, place and period).

:class:`Store` is a :class:`typing.Protocol`: the SQLite implementation
(:mod:`newsledger.store.sqlite`) is the only one now; a PostgreSQL backend
implements the same methods. Everything returned is a typed dataclass from
this module or a :class:`~newsledger.model.Record`; no SQL row or untyped dict
crosses this boundary. Every listing takes ``limit``/``offset`` and returns a
:class:`Page` with the total count, so callers can paginate.

Names here are stable: the API helper builds on them. Fields may be added;
none is renamed or removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypeVar, runtime_checkable

from ..model import ErrorRecord, Record

T = TypeVar("T")

PutStatus = Literal["stored", "new_version", "duplicate"]

#: Listings count at most this many matching rows: past it ``Page.total`` is
#: the cap and ``Page.exact`` is False ("this many or more"). Counting every
#: claim of a 100,000-article store costs more than reading a page of them;
#: the HTTP API does not page past this depth either (export reads everything).
COUNT_CAP = 10_000


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a listing: ``items`` plus the ``total`` across all pages."""

    items: list[T]
    total: int
    limit: int
    offset: int
    #: False when ``total`` is a cap ("this many or more"): large listings are not counted to the end
    exact: bool = True


@dataclass(slots=True)
class PutResult:
    """What :meth:`Store.put` did with one record."""

    status: PutStatus
    article_id: str
    version: int


@dataclass(slots=True)
class ArticleSummary:
    """An article as listings show it (the full record is :meth:`Store.get_article`)."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    version: int
    stored_at: str
    n_entities: int = 0
    n_events: int = 0
    n_claims: int = 0
    n_quotes: int = 0
    n_figures: int = 0
    story_id: str | None = None


@dataclass(slots=True)
class SearchFilters:
    """Filters of :meth:`Store.search`; ``None`` means no filter.

    ``entity`` and ``place`` match canonical names (case-insensitive) or entity
    ids; ``date_from``/``date_to`` are ISO dates compared with ``published``
    (inclusive); ``source`` matches the outlet name or the URL's host.
    """

    entity: str | None = None
    place: str | None = None
    event_type: str | None = None
    certainty: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    #: events only: the event's actor / target is this entity (key or name; members of a
    #: group count), however the article worded it; other listings ignore these
    actor: str | None = None
    target: str | None = None


@dataclass(slots=True)
class SearchHit:
    article: ArticleSummary
    #: a stretch of text around the match, matched terms marked with [ and ]
    snippet: str
    #: bm25 relevance, lower is better (SQLite's convention); 0.0 without a query
    score: float


@dataclass(slots=True)
class EventRow:
    """One event of one article, flattened for tables and maps."""

    article_id: str
    event_id: str
    type: str
    date: str | None
    published: str | None
    source: str | None
    url: str | None
    trigger: str
    sentence: str
    certainty: str
    mode: str | None = None
    actor: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    target: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    place: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    story_id: str | None = None
    figures: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ClaimRow:
    article_id: str
    claim_id: str
    text: str
    certainty: str
    speaker: str | None
    published: str | None
    source: str | None


@dataclass(slots=True)
class QuoteRow:
    article_id: str
    quote_id: str
    text: str
    kind: str
    speaker: str | None
    published: str | None
    source: str | None


@dataclass(slots=True)
class FigureReport:
    """One source's figure within a series, with the sentence it came from."""

    article_id: str
    figure_id: str
    source: str | None
    published: str | None
    value: float | None
    value_max: float | None
    approximate: bool
    certainty: str | None
    text: str
    sentence: str
    first: bool = False


@dataclass(slots=True)
class FigureSeries:
    """Every report of one measure, unit, place and period.

    ``conflict`` is true when two reports disagree beyond rounding (see
    :func:`newsledger.link.figures.agree`); ``low``/``high`` bound what was
    reported.
    """

    key: str
    measure: str
    unit: str | None
    place: str | None
    period: str | None
    story_id: str | None
    conflict: bool
    low: float | None
    high: float | None
    n_sources: int
    first_article: str | None
    reports: list[FigureReport] = field(default_factory=list)
    #: reports in the store; ``reports`` holds at most the listing's bound of them
    n_reports: int = 0


@dataclass(slots=True)
class StorySummary:
    """A story: the articles that report one real-world event."""

    id: str
    title: str | None
    event_type: str | None
    place: str | None
    first_date: str | None
    last_date: str | None
    n_articles: int
    n_sources: int
    n_conflicts: int


@dataclass(slots=True)
class Story:
    summary: StorySummary
    articles: list[ArticleSummary]
    events: list[EventRow]
    series: list[FigureSeries]


@dataclass(slots=True)
class EntitySummary:
    """An entity across articles, keyed by its id or canonical name."""

    key: str
    canonical: str
    type: str | None
    n_articles: int
    n_mentions: int
    kb_id: str | None = None


@dataclass(slots=True)
class PlaceSummary:
    key: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    n_articles: int
    geonameid: int | None = None


@dataclass(slots=True)
class TimelineEntry:
    """A dated line in an entity's or place's timeline: an event, or the article itself."""

    date: str | None
    kind: Literal["event", "article"]
    article_id: str
    title: str | None
    source: str | None
    text: str
    event_type: str | None = None
    event_id: str | None = None
    story_id: str | None = None


@dataclass(slots=True)
class Failure:
    id: int
    origin: str
    code: str
    message: str
    doc_id: str | None
    at: str


@dataclass(slots=True)
class StoreStats:
    articles: int
    versions: int
    failures: int
    entities: int
    places: int
    events: int
    claims: int
    quotes: int
    figures: int
    stories: int
    series: int
    conflicts: int


@runtime_checkable
class Store(Protocol):
    """A corpus of records. Implementations are safe to use from one thread at a time."""

    # -- writing ---------------------------------------------------------------
    def put(self, record: Record, content_hash: str | None = None, origin: str | None = None) -> PutResult:
        """Store one record in one transaction: stored once per content; a changed
        article (same URL or id, other content) becomes a new version."""
        ...

    def has_content(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored (see :func:`content_hash`)."""
        ...

    def record_failure(self, error: ErrorRecord) -> None: ...

    def relink(self) -> None:
        """Recompute cross-article links (entities, stories, figure series)."""
        ...

    def stale(self, versions: dict[str, str]) -> Iterator[str]:
        """Ids of current articles whose extractor versions differ from ``versions``."""
        ...

    def close(self) -> None: ...

    # -- reading ---------------------------------------------------------------
    def get_article(self, article_id: str, version: int | None = None) -> Record | None: ...

    def article_summary(self, article_id: str) -> ArticleSummary | None: ...

    def list_articles(self, limit: int = 20, offset: int = 0,
                      filters: SearchFilters | None = None) -> Page[ArticleSummary]: ...

    def iter_records(self) -> Iterator[Record]:
        """Every current record, oldest stored first (for export)."""
        ...

    def search(self, query: str, filters: SearchFilters | None = None,
               limit: int = 20, offset: int = 0) -> Page[SearchHit]: ...

    def events(self, filters: SearchFilters | None = None, limit: int = 100, offset: int = 0,
               story_id: str | None = None) -> Page[EventRow]: ...

    def claims(self, filters: SearchFilters | None = None, limit: int = 100, offset: int = 0,
               article_id: str | None = None, story_id: str | None = None) -> Page[ClaimRow]: ...

    def quotes(self, filters: SearchFilters | None = None, limit: int = 100, offset: int = 0,
               article_id: str | None = None, speaker: str | None = None) -> Page[QuoteRow]: ...

    def stories(self, limit: int = 20, offset: int = 0, min_articles: int = 1,
                conflicts_only: bool = False) -> Page[StorySummary]: ...

    def story(self, story_id: str) -> Story | None: ...

    def figure_series(self, limit: int = 20, offset: int = 0, conflicts_only: bool = False,
                      story_id: str | None = None, reports: int = 100,
                      outside_stories: bool = False) -> Page[FigureSeries]: ...

    def entities(self, query: str | None = None, limit: int = 20, offset: int = 0) -> Page[EntitySummary]: ...

    def entity(self, key: str) -> EntitySummary | None:
        """One entity by key, else by canonical name (case-insensitive; the most mentioned)."""
        ...

    def places(self, query: str | None = None, limit: int = 20, offset: int = 0) -> Page[PlaceSummary]: ...

    def timeline(self, name: str, limit: int = 100, offset: int = 0) -> Page[TimelineEntry]:
        """Dated events and articles that mention an entity or place (by name or key), oldest first."""
        ...

    def failures(self, limit: int = 20, offset: int = 0) -> Page[Failure]: ...

    def stats(self) -> StoreStats: ...


def content_hash(text: str, title: str | None = None) -> str:
    """What makes two articles the same content: title and text, whitespace-normalised."""
    import hashlib

    h = hashlib.sha256()
    h.update(" ".join((title or "").split()).encode("utf-8"))
    h.update(b"\x1f")
    h.update(" ".join(text.split()).encode("utf-8"))
    return h.hexdigest()


def open_store(path: str | None = None) -> "Store":
    """The default store: SQLite at ``path`` or the per-user default path."""
    from .sqlite import SQLiteStore

    return SQLiteStore(path)


__all__: Iterable[str] = [
    "COUNT_CAP", "ArticleSummary", "ClaimRow", "EntitySummary", "EventRow", "Failure", "FigureReport", "FigureSeries",
    "Page", "PlaceSummary", "PutResult", "QuoteRow", "SearchFilters", "SearchHit", "Store", "StoreStats",
    "Story", "StorySummary", "TimelineEntry", "content_hash", "open_store",
]
