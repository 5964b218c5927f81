"""The FastAPI application factory.

``create_app(settings)`` builds everything from the settings it is given: no
settings, store or spaCy pipeline exists at import time. The spaCy pipeline is
loaded on first use (``/api/extract``, ingest), so a server that only reads
its store starts in well under a second.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .. import __version__
from ..model import Article, ErrorRecord, Record
from .limits import BodyLimitMiddleware
from .security import HEADERS
from .settings import ApiSettings

#: what turns one article into a record (a :class:`~newsledger.pipeline.Pipeline`)
Extractor = Callable[[Article], Record | ErrorRecord]


class LazyPipeline:
    """The spaCy pipeline, built on first call (once, under a lock)."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self._pipeline is None:
            with self._lock:
                if self._pipeline is None:
                    from ..pipeline import Pipeline

                    self._pipeline = Pipeline(model=self.model)
        return self._pipeline

    def __call__(self, article: Article) -> Record | ErrorRecord:
        return self.get()(article)


def create_app(settings: ApiSettings, *, store: Any = None, extractor: Extractor | None = None) -> FastAPI:
    """The API (``/api/...``) and the pages, over ``store`` (or the one at ``settings.db``).

    ``extractor`` replaces the spaCy pipeline (tests use a fake one to stay fast).
    """
    from ..web import pages

    app = FastAPI(
        title="newsledger",
        version=__version__,
        description="Sourced, structured records of news articles: read the store, extract from text.",
        docs_url=None, redoc_url=None,  # the stock pages load scripts from a CDN; /docs is ours
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.extractor = extractor if extractor is not None else LazyPipeline(settings.model)
    app.state.store = store if store is not None else open_store(settings)

    from . import routes

    app.include_router(routes.router, prefix="/api")
    pages.install(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        started = time.perf_counter()
        response = await call_next(request)
        for name, value in HEADERS:
            response.headers.setdefault(name, value)
        # the time the app took to answer (to the response's headers; a page or a list is
        # complete by then): browsers' dev tools and bench/web.py read it
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    return app


def open_store(settings: ApiSettings) -> Any:
    """The store at ``settings.db``, or None when no database is configured."""
    if settings.db is None:
        return None
    from ..store import open_store as _open

    return _open(str(settings.db))
