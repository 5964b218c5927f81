"""Where a corpus lives: the :class:`~newsledger.store.base.Store` interface and its SQLite implementation."""

from __future__ import annotations

from .base import (
    ArticleSummary, ClaimRow, EntitySummary, EventRow, Failure, FigureReport, FigureSeries, Page, PlaceSummary,
    PutResult, QuoteRow, SearchFilters, SearchHit, Store, StoreStats, Story, StorySummary, TimelineEntry,
    content_hash, open_store,
)
from .sqlite import SQLiteStore, default_path

__all__ = [
    "ArticleSummary", "ClaimRow", "EntitySummary", "EventRow", "Failure", "FigureReport", "FigureSeries", "Page",
    "PlaceSummary", "PutResult", "QuoteRow", "SQLiteStore", "SearchFilters", "SearchHit", "Store", "StoreStats",
    "Story", "StorySummary", "TimelineEntry", "content_hash", "default_path", "open_store",
]
