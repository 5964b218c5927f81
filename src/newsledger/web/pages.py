"""Server-rendered pages.

Every page is a Jinja2 template rendered with autoescape on; article text
reaches the browser only as escaped template output or inside
``<script type="application/json">`` blocks written with ``tojson`` (which
escapes ``<``, ``>``, ``&`` and quotes). The bundled scripts read those blocks
with ``JSON.parse`` and build elements with ``textContent``, never
``innerHTML``. Static files are served from the package: nothing is fetched
from elsewhere, so the pages work offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..model import Article, ErrorRecord
from .article import KIND_LABELS, KIND_PLURALS, KINDS, article_view

HERE = Path(__file__).resolve().parent


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(KINDS=KINDS, KIND_LABELS=KIND_LABELS, KIND_PLURALS=KIND_PLURALS, fmt=fmt_number)
    return env


def fmt_number(value: object) -> str:
    """1200.0 -> '1,200'; None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


class Pages:
    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.env = make_env()

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        template = self.env.get_template(name)
        context.setdefault("has_store", request.app.state.store is not None)
        context.setdefault("path", request.url.path)
        params = dict(request.query_params)
        context.setdefault("query_with", lambda **kw: urlencode({**params, **{k: str(v) for k, v in kw.items()}}))
        return HTMLResponse(template.render(**context), status_code=status)


def install(app: FastAPI) -> None:
    """Mount the static files and register the page routes on ``app``."""
    pages = Pages(app)
    app.state.pages = pages
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/read", response_class=HTMLResponse, include_in_schema=False)
    def read_form(request: Request) -> HTMLResponse:
        return pages.render(request, "read.html", text="", title="", published="", error=None)

    @app.post("/read", response_class=HTMLResponse, include_in_schema=False)
    async def read_post(request: Request) -> HTMLResponse:
        """Extract from pasted text and show it as an article page; nothing is stored."""
        form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
        text = (form.get("text") or [""])[0]
        title = (form.get("title") or [""])[0].strip() or None
        published = (form.get("published") or [""])[0].strip() or None
        if not text.strip():
            return pages.render(request, "read.html", status=422, text=text, title=title or "",
                                published=published or "", error="E001 empty document: no text after cleaning")
        from starlette.concurrency import run_in_threadpool

        result = await run_in_threadpool(request.app.state.extractor,
                                         Article(text=text, title=title, published=published, origin="<form>"))
        if isinstance(result, ErrorRecord):
            return pages.render(request, "read.html", status=422, text=text, title=title or "",
                                published=published or "", error=f"{result.code} {result.message}")
        return pages.render(request, "article.html", view=article_view(result), stored=False)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        """The API reference, rendered from the OpenAPI schema (no CDN-hosted Swagger UI)."""
        spec = request.app.openapi()
        ops = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                            "description": op.get("description", ""), "tags": op.get("tags", []),
                            "parameters": op.get("parameters", []),
                            "responses": sorted(op.get("responses", {}))})
        return pages.render(request, "docs.html", ops=ops, version=spec["info"]["version"])

    from . import corpus_pages

    corpus_pages.install(app, pages)


