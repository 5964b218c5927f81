"""Publication and update date-times from article headers and HTML metadata.

Header dates are short, isolated strings ("02/19/2025", "Updated 02/20/2025 at
02: 22h.", "2025-02-19T08:00:00+01:00", "19 February 2025"); they are read by
the machine formats below (ISO, numeric), then by the times extractor's own
rules and month table (:mod:`newsledger.temporal.header`, so metadata and
running text are normalized the same way), and only then by dateparser, for
headers in other languages. Times in running text are the times extractor's job.

Numeric dates are read month-first (US order) unless the first number cannot
be a month; ISO order always wins.
"""

from __future__ import annotations

import re
from datetime import datetime

_TIME = r"(?:\s*(?:at|,|-)?\s*(?P<hh>\d{1,2})\s*[:.h]\s*(?P<mm>\d{2})(?:\s*[:.]\s*(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?|h(?:rs?)?\b)?)?"
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::(?P<ss>\d{2}))?)?")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})" + _TIME, re.I)
_UPDATED = re.compile(r"^\s*(?:last\s+)?(?:updated|modified|actualizado|mis à jour)\b[:\s]*(?:on\s+)?", re.I)
_PUBLISHED = re.compile(r"^\s*(?:published|posted|first published)\b[:\s]*(?:on\s+)?", re.I)


def normalize_datetime(raw: str | None) -> str | None:
    """ISO 8601 date (``2025-02-19``) or minute date-time (``2025-02-20T02:22``)."""
    if not raw:
        return None
    s = raw.strip()
    s = _UPDATED.sub("", s)
    s = _PUBLISHED.sub("", s)
    m = _ISO.search(s)
    if m:
        return _iso(int(m["y"]), int(m["m"]), int(m["d"]), m["hh"], m["mm"], None)
    m = _NUMERIC.search(s)
    if m:
        a, b = int(m["a"]), int(m["b"])
        month, day = (a, b) if a <= 12 else (b, a)
        return _iso(int(m["y"]), month, day, m["hh"], m["mm"], m["ampm"])
    from ..temporal.header import header_datetime

    return header_datetime(s) or _dateparser_fallback(s)


def is_dateline(line: str) -> bool:
    """A header line that holds a date and little else (a byline date)."""
    s = line.strip()
    if not s or len(s) > 80:
        return False
    rest = _UPDATED.sub("", _PUBLISHED.sub("", s))
    if not (_ISO.search(rest) or _NUMERIC.search(rest) or _MONTH_DATE.search(rest)):
        return False
    leftover = _ISO.sub("", _NUMERIC.sub("", _MONTH_DATE.sub("", rest)))
    leftover = re.sub(r"\b(at|on|h|hrs?|am|pm|gmt|utc|cet|est|edt)\b|[\d:.,/()+\-\s]", "", leftover, flags=re.I)
    return len(leftover) <= 3


def is_update_line(line: str) -> bool:
    return bool(_UPDATED.match(line))


def _month_alternation() -> str:
    """Month names and abbreviations from the times lexicon (one table for both uses)."""
    from ..resources import load_yaml

    names = sorted(load_yaml("times/lexicon.yaml")["months"], key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_MONTHS = _month_alternation()
_MONTH_DATE = re.compile(
    rf"(?:\b\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})", re.I)


def _iso(y: int, mo: int, d: int, hh: str | None, mm: str | None, ampm: str | None) -> str | None:
    try:
        if hh is None or mm is None:
            return datetime(y, mo, d).date().isoformat()
        hour = int(hh)
        if ampm and ampm.lower().startswith("p") and hour < 12:
            hour += 12
        if ampm and ampm.lower().startswith("a") and hour == 12:
            hour = 0
        return datetime(y, mo, d, hour, int(mm)).strftime("%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def _dateparser_fallback(s: str) -> str | None:
    """Other languages ("19 de febrero de 2025"), which the English rules do not read."""
    if not _MONTH_DATE.search(s) and not re.search(r"\d{4}", s):
        return None
    import dateparser  # slow import; only for the rare header it is needed for

    parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                                           "REQUIRE_PARTS": ["year", "month", "day"]})
    if parsed is None:
        return None
    if parsed.hour or parsed.minute:
        return parsed.strftime("%Y-%m-%dT%H:%M")
    return parsed.date().isoformat()
