"""HTML pages: the article body, headline, dates, author and site via trafilatura.

trafilatura drops navigation, comments and boilerplate; what remains is the
text the record carries. Publication and update times are read first from the
page's own metadata (Open Graph / schema.org / ``<time>``), which carries the
hour, then from trafilatura's date finder.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError

from ..errors import Errors, NewsledgerError
from ..model import Article
from .dates import normalize_datetime
from .text import clean_body

_PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished", "pubdate",
                   "publishdate", "dc.date.issued", "date", "sailthru.date", "parsely-pub-date")
_UPDATED_META = ("article:modified_time", "og:updated_time", "dateModified", "last-modified")


def parse_html(raw: str, origin: str = "<html>", url: str | None = None) -> Article:
    if not raw.strip():
        raise NewsledgerError(Errors.E001)
    try:
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except (ValueError, TypeError, ParserError) as err:  # trafilatura re-raises lxml's parse errors
        raise NewsledgerError(Errors.E005) from err
    if doc is None or not (doc.text or "").strip():
        raise NewsledgerError(Errors.E005)
    title = (doc.title or "").strip() or None
    text = doc.text
    if title and text.startswith(title):
        text = text[len(title):]
    body = clean_body(text)
    if not body:
        raise NewsledgerError(Errors.E001)
    published, updated = _meta_dates(raw)
    return Article(
        text=body,
        title=title,
        published=published or normalize_datetime(doc.date),
        updated=updated,
        url=url or doc.url,
        source=doc.sitename or doc.hostname,
        author=doc.author,
        origin=origin,
    )


def _meta_dates(raw: str) -> tuple[str | None, str | None]:
    try:
        tree = lxml_html.fromstring(raw[:500_000])
    except (ParserError, ValueError):
        return None, None
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip()
        if key and el.get("content"):
            found.setdefault(key.lower(), el.get("content"))
    for el in tree.iter("time"):
        if el.get("datetime"):
            found.setdefault("<time>", el.get("datetime"))
    published = next((found[k.lower()] for k in _PUBLISHED_META if k.lower() in found), found.get("<time>"))
    updated = next((found[k.lower()] for k in _UPDATED_META if k.lower() in found), None)
    return normalize_datetime(published), normalize_datetime(updated)


def looks_like_html(raw: str) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(html|head|body|article)\b", head))
