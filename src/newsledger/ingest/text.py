"""Plain-text articles, including the common 'header lines, then body' layout.

Recognised header, in any order before the body::

     date 2025-02-20 <title>          (a crawl line: date, then the headline)
    <title>                           (a first line followed by a blank line)
    02/19/2025                        (a date line: first publication)
    Updated 02/20/2025 at 02: 22h.    (an update line)

The header lines are removed; the body keeps its words exactly, with runs of
blank lines folded to one blank line and surrounding whitespace trimmed, and
that cleaned body is the ``text`` every offset points into.
"""

from __future__ import annotations

import re

from ..errors import Errors, NewsledgerError
from ..model import Article
from .dates import is_dateline, is_update_line, normalize_datetime

_CRAWL_LINE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<title>.+?)\s*$", re.I)
_MAX_TITLE = 250


def parse_text(raw: str, origin: str = "<text>") -> Article:
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title: str | None = None
    crawl_date: str | None = None
    published: str | None = None
    updated: str | None = None

    i = _skip_blank(lines, 0)
    if i < len(lines):
        m = _CRAWL_LINE.match(lines[i])
        if m:
            crawl_date, title = m["date"], m["title"]
            i += 1
        elif _looks_like_title(lines, i):
            title = lines[i].strip()
            i += 1
    # date and update lines directly under the headline
    while True:
        j = _skip_blank(lines, i)
        if j >= len(lines):
            break
        line = lines[j]
        if is_update_line(line) and is_dateline(line):
            updated = updated or normalize_datetime(line)
        elif is_dateline(line):
            published = published or normalize_datetime(line)
        else:
            break
        i = j + 1

    body = clean_body("\n".join(lines[i:]))
    if not body:
        raise NewsledgerError(Errors.E001)
    return Article(text=body, title=title, published=published or crawl_date,
                   updated=updated, origin=origin)


def clean_body(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _looks_like_title(lines: list[str], i: int) -> bool:
    """A short first line standing alone above the body."""
    line = lines[i].strip()
    followed_by_blank = i + 1 < len(lines) and not lines[i + 1].strip()
    return (followed_by_blank and 0 < len(line) <= _MAX_TITLE and not line.endswith(".")
            and not is_dateline(line))
