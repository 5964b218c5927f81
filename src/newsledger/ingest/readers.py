"""Where articles come from: paths, folders, stdin; text, HTML or JSON Lines.

:func:`read_paths` yields one item per document, an
:class:`~newsledger.model.Article` or an :class:`~newsledger.model.ErrorRecord`,
in a stable order (arguments as given, folders sorted), so the same inputs
give the same output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Errors, NewsledgerError
from ..model import Article, ErrorRecord
from ..settings import DEFAULT_MAX_BYTES
from .decode import decode
from .html import looks_like_html, parse_html
from .text import parse_text

FORMATS = ("auto", "text", "html", "jsonl")
_BY_SUFFIX = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
              ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: JSON Lines files are read line by line, so their own size is not limited;
#: each line (one document) is.
Item = Article | ErrorRecord


def read_paths(paths: Iterable[str], fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    if fmt not in FORMATS:
        raise ValueError(Errors.E009.format(fmt=fmt))
    for name in paths:
        if name == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", fmt, max_bytes)
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from _read_file(child, fmt, max_bytes)
        elif path.is_file():
            yield from _read_file(path, fmt, max_bytes)
        else:
            yield _error(NewsledgerError(Errors.E008, path=name), name)


def read_stream(stream, origin: str, fmt: str, max_bytes: int) -> Iterator[Item]:
    if fmt == "jsonl":
        yield from read_jsonl_lines(stream, origin, max_bytes)
        return
    data = stream.read(max_bytes + 1)
    yield read_bytes(data, origin, fmt, max_bytes)


def _read_file(path: Path, fmt: str, max_bytes: int) -> Iterator[Item]:
    chosen = fmt if fmt != "auto" else _BY_SUFFIX.get(path.suffix.lower(), "auto")
    if chosen == "jsonl":
        with path.open("rb") as fh:
            yield from read_jsonl_lines(fh, str(path), max_bytes)
        return
    size = path.stat().st_size
    if size > max_bytes:
        yield _error(NewsledgerError(Errors.E004, size=size, limit=max_bytes), str(path))
        return
    yield read_bytes(path.read_bytes(), str(path), chosen, max_bytes)


def read_bytes(data: bytes, origin: str, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
               url: str | None = None) -> Item:
    """One document from raw bytes; never raises for bad content."""
    try:
        raw = decode(data, max_bytes)
        if not raw.strip():
            raise NewsledgerError(Errors.E001)
        chosen = fmt
        if fmt == "auto":
            chosen = "html" if looks_like_html(raw) else "text"
        if chosen == "html":
            return parse_html(raw, origin, url=url)
        if chosen == "jsonl":
            items = list(_jsonl_from_text(raw, origin, max_bytes))
            if len(items) != 1:
                return items[0] if items else _error(NewsledgerError(Errors.E001), origin)
            return items[0]
        article = parse_text(raw, origin)
        article.url = article.url or url
        return article
    except NewsledgerError as err:
        return _error(err, origin)


def read_jsonl_lines(stream, origin: str, max_bytes: int) -> Iterator[Item]:
    for number, line in enumerate(stream, start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        try:
            raw = decode(line, max_bytes)
        except NewsledgerError as err:
            yield _error(err, where)
            continue
        yield from _jsonl_from_text(raw, where, max_bytes, number)


def _jsonl_from_text(raw: str, where: str, max_bytes: int, number: int = 1) -> Iterator[Item]:
    # JSON Lines ends a line at "\n" only: str.splitlines() would also cut at a U+0085 or U+2028
    # left raw inside a JSON string, breaking one document into two malformed lines
    for offset, line in enumerate(raw.split("\n")):
        if not line.strip():
            continue
        yield parse_json_document(line, where, number + offset)


def parse_json_document(line: str, where: str, number: int = 1) -> Item:
    """One ``{id, text, title, published, url}`` object (other keys are ignored)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        return _error(NewsledgerError(Errors.E006, line=number, detail=err.msg), where)
    if not isinstance(obj, dict):
        return _error(NewsledgerError(Errors.E006, line=number, detail="not a JSON object"), where)
    doc_id = obj.get("id")
    doc_id = str(doc_id) if doc_id is not None else None
    text = obj.get("text")
    if not isinstance(text, str):
        return _error(NewsledgerError(Errors.E007, line=number), where, doc_id)
    if not text.strip():
        return _error(NewsledgerError(Errors.E001), where, doc_id)

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return str(value) if value not in (None, "") else None

    # JSON documents carry their text verbatim: gold offsets of evaluation data point into it.
    return Article(text=text, title=opt("title"), published=opt("published"), updated=opt("updated"),
                   id=doc_id, url=opt("url"), source=opt("source"), origin=where)


def _error(err: NewsledgerError, origin: str, doc_id: str | None = None) -> ErrorRecord:
    return ErrorRecord(code=err.code, message=err.message, input=origin, id=doc_id)
