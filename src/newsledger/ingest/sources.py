"""More places news is kept: RSS/Atom feeds, WARC archives, URLs; plus everything :mod:`.readers` reads.

:func:`read_sources` takes what a user types after ``newsledger ingest`` and
yields :class:`~newsledger.model.Article` or
:class:`~newsledger.model.ErrorRecord`, one per document, in a stable order:

- a feed (file or URL; RSS 0.9x/1.0/2.0, Atom): one article per entry, from
  the entry's full content or summary (HTML stripped), dated by the entry.
  The XML is first parsed with defusedxml, which refuses entity-expansion
  and external-entity attacks, then read by feedparser;
- a WARC (``.warc``, ``.warc.gz``, e.g. Common Crawl's CC-NEWS): HTML
  ``response`` records only, read as a stream (one record in memory at a
  time, so an archive of any size runs in bounded memory);
- an http(s) URL: fetched with httpx (timeout, size limit while streaming,
  content type checked: HTML, plain text or a feed);
- files, folders and ``-``: as :func:`~newsledger.ingest.readers.read_paths`
  (a folder's feed and WARC files are recognised too).

Nothing here does NLP.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, NewsledgerError
from ..model import Article, ErrorRecord
from ..settings import DEFAULT_MAX_BYTES
from .dates import normalize_datetime
from .decode import decode
from .readers import Item, read_bytes, read_paths
from .text import clean_body

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)


@dataclass(frozen=True, slots=True)
class FetchOptions:
    timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str = "newsledger (+https://github.com/newsledger)"
    max_redirects: int = 5


def read_sources(sources: Iterable[str], fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
                 fetch: FetchOptions | None = None) -> Iterator[Item]:
    fetch = fetch or FetchOptions(max_bytes=max_bytes)
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield from read_url(source, fetch)
            continue
        path = Path(source)
        if source != "-" and path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from _read_path(child, fmt, max_bytes)
        elif source != "-" and path.is_file():
            yield from _read_path(path, fmt, max_bytes)
        else:
            yield from read_paths([source], fmt=fmt, max_bytes=max_bytes)


def _read_path(path: Path, fmt: str, max_bytes: int) -> Iterator[Item]:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, max_bytes)
    elif fmt == "auto" and is_feed_file(path):
        if path.stat().st_size > max_bytes * 10:
            yield _error(NewsledgerError(Errors.E004, size=path.stat().st_size, limit=max_bytes * 10), str(path))
            return
        yield from read_feed(path.read_bytes(), str(path))
    else:
        yield from read_paths([str(path)], fmt=fmt, max_bytes=max_bytes)


def is_feed_file(path: Path) -> bool:
    """A feed by suffix, or an XML file whose root is rss, feed or rdf:RDF."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if path.suffix.lower() in FEED_SUFFIXES or head.lstrip().startswith(b"<?xml"):
        return bool(_FEED_ROOT.search(head))
    return False


# -- feeds -----------------------------------------------------------------------


def read_feed(data: bytes, origin: str) -> Iterator[Item]:
    """One article per feed entry. Malformed or hostile XML is one E011 failure."""
    import feedparser
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    try:
        SafeET.fromstring(data)
    except DefusedXmlException as err:
        yield _error(NewsledgerError(Errors.E011, detail=f"refused: {type(err).__name__}"), origin)
        return
    except SafeET.ParseError as err:
        yield _error(NewsledgerError(Errors.E011, detail=str(err)), origin)
        return
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    site = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{number}"
        raw = ""
        if entry.get("content"):
            raw = max((c.get("value") or "" for c in entry.content), key=len)
        raw = raw or entry.get("summary") or entry.get("description") or ""
        text = clean_body(html_to_text(raw)) if raw else ""
        title = " ".join((entry.get("title") or "").split()) or None
        if not text.strip():
            yield _error(NewsledgerError(Errors.E001), where, entry.get("id"))
            continue
        yield Article(text=text, title=title,
                      published=normalize_datetime(entry.get("published") or entry.get("updated")),
                      updated=normalize_datetime(entry.get("updated")) if entry.get("published") else None,
                      id=None, url=entry.get("link") or None, source=site,
                      author=entry.get("author") or None, origin=where)


_BLOCK = re.compile(r"(?i)<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*/?>")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, with paragraph breaks kept; scripts and styles dropped."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return _unescape(fragment)
    marked = _BLOCK.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        root = lxml_html.fragment_fromstring(marked, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return root.text_content()


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


# -- WARC -------------------------------------------------------------------------


def read_warc(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """HTML ``response`` records of a WARC, streamed; other records are skipped silently."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    try:
        if not _looks_like_warc(path):
            yield _error(NewsledgerError(Errors.E015, detail="no WARC/ARC header"), origin)
            return
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{origin}#{url}"
                http = record.http_headers
                if http is None:
                    continue
                ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if ctype not in ("text/html", "application/xhtml+xml"):
                    continue
                status = (http.get_statuscode() or "")
                if not status.startswith("2"):
                    continue
                stream = record.content_stream()
                data = stream.read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield _error(NewsledgerError(Errors.E004, size=f">{max_bytes}", limit=max_bytes), where)
                    continue
                item = read_bytes(data, where, "html", max_bytes, url=url)
                if isinstance(item, Article) and not item.published:
                    item.published = normalize_datetime(record.rec_headers.get_header("WARC-Date"))
                yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        yield _error(NewsledgerError(Errors.E015, detail=f"{type(err).__name__}: {err}"), origin)


def _looks_like_warc(path: Path) -> bool:
    """The file starts (after gzip, if compressed) with a WARC or ARC header."""
    import gzip
    import zlib

    with path.open("rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == b"\x1f\x8b":
            try:
                with gzip.GzipFile(fileobj=fh) as gz:
                    head = gz.read(16)
            except (OSError, EOFError, zlib.error):
                return False
        else:
            head = fh.read(16)
    return head.startswith((b"WARC/", b"filedesc://"))


# -- URLs ---------------------------------------------------------------------------


def read_url(url: str, options: FetchOptions) -> Iterator[Item]:
    """Fetch one URL: a page becomes one article, a feed one per entry."""
    import httpx

    try:
        with httpx.Client(timeout=options.timeout, follow_redirects=True, max_redirects=options.max_redirects,
                          headers={"User-Agent": options.user_agent}) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise NewsledgerError(Errors.E012, detail=f"HTTP {resp.status_code}")
                ctype = (resp.headers.get("content-type") or "").split(";")[0].strip().lower()
                if ctype not in PAGE_TYPES and ctype not in FEED_TYPES:
                    raise NewsledgerError(Errors.E013, detail=ctype or "none")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > options.max_bytes:
                    raise NewsledgerError(Errors.E004, size=int(declared), limit=options.max_bytes)
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > options.max_bytes:
                        raise NewsledgerError(Errors.E004, size=f">{options.max_bytes}", limit=options.max_bytes)
                    chunks.append(chunk)
                data = b"".join(chunks)
                final_url = str(resp.url)
                charset = resp.charset_encoding
    except NewsledgerError as err:
        yield _error(err, url)
        return
    except httpx.HTTPError as err:
        yield _error(NewsledgerError(Errors.E012, detail=f"{type(err).__name__}: {err}"), url)
        return
    if ctype in FEED_TYPES or (ctype == "text/plain" and _FEED_ROOT.search(data[:4096])):
        if _FEED_ROOT.search(data[:4096]):
            yield from read_feed(data, url)
            return
        if ctype in FEED_TYPES:
            yield _error(NewsledgerError(Errors.E013, detail=f"{ctype} that is not a feed"), url)
            return
    if charset:
        try:
            data = decode(data, options.max_bytes, declared=charset).encode("utf-8")
        except NewsledgerError as err:
            yield _error(err, url)
            return
    yield read_bytes(data, url, "html" if ctype != "text/plain" else "text", options.max_bytes, url=final_url)


def _error(err: NewsledgerError, origin: str, doc_id: str | None = None) -> ErrorRecord:
    return ErrorRecord(code=err.code, message=err.message, input=origin, id=doc_id)
