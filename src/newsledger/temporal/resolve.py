"""Turn a rule's value template into a TIMEX3 value.

Two steps, as in HeidelTime: the rule's groups are normalized by their names
(``month`` "Sept." -> ``09``, ``num`` "twenty four" -> ``24``), then the
resolver functions in the template (``@weekday(3,tense)``) are evaluated
against the anchor (the publication date) and the narrative reference time
(the last date the text itself set, so "the next day" follows "On March 3").

Direction arguments: ``last``/``this``/``next`` from the text, or ``tense``,
which the caller replaces with ``past``/``present``/``future`` read from the
governing verb (a past-tense "Wednesday" is the Wednesday on or before the
anchor, a future one the Wednesday after it). Without an anchor, values stay
underspecified (``XXXX-WXX-3``) or null; they are never guessed.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

#: granularities from fine to coarse
GRAN = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 4, "half": 5, "year": 6, "decade": 7, "century": 8}
#: duration letters per unit name: (letter, multiplier, time part?)
DURATION_UNITS = {
    "year": ("Y", 1, False), "month": ("M", 1, False), "week": ("W", 1, False), "day": ("D", 1, False),
    "hour": ("H", 1, True), "minute": ("M", 1, True), "second": ("S", 1, True),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "quarter": ("M", 3, False),
    "weekend": ("D", 2, False), "fortnight": ("W", 2, False),
}
#: where the fraction of a unit goes: "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
SMALLER_UNIT = {"year": ("month", 12), "week": ("day", 7), "day": ("hour", 24), "hour": ("minute", 60),
                "minute": ("second", 60)}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_MONTH_SEASON = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                 9: "FA", 10: "FA", 11: "FA"}
STEP_WORDS = {"this past": "past", "last": "last", "past": "last", "previous": "last", "the past": "last", "this": "this",
              "current": "this", "next": "next", "coming": "next", "following": "next"}
STEP_OFFSET = {"last": -1, "past": -1, "this": 0, "next": 1}
RSTEP = {"next": 1, "following": 1, "after": 1, "succeeding": 1, "previous": -1, "preceding": -1, "prior": -1,
         "before": -1}
DAYWORD = {"yesterday": -1, "today": 0, "tomorrow": 1, "this": 0, "last": -1}


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: its granularity and first day."""

    gran: str
    start: date

    @classmethod
    def containing(cls, d: date, gran: str) -> Period:
        if gran == "day":
            return cls(gran, d)
        if gran == "week":
            return cls(gran, d - timedelta(days=d.weekday()))
        if gran == "month":
            return cls(gran, d.replace(day=1))
        if gran == "season":
            code = _MONTH_SEASON[d.month]
            year = d.year - 1 if d.month < 3 else d.year
            return cls(gran, date(year, SEASON_START[code], 1))
        if gran == "quarter":
            return cls(gran, date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
        if gran == "half":
            return cls(gran, date(d.year, 1 if d.month <= 6 else 7, 1))
        if gran == "year":
            return cls(gran, date(d.year, 1, 1))
        if gran == "decade":
            return cls(gran, date(d.year // 10 * 10 or 1, 1, 1))
        if gran == "century":
            return cls(gran, date(d.year // 100 * 100 or 1, 1, 1))
        raise ValueError(gran)

    def shift(self, unit: str, n: int) -> Period:
        """The period n units later (earlier if n < 0), same granularity."""
        if unit in ("day", "week", "fortnight", "weekend"):
            days = {"day": 1, "week": 7, "fortnight": 14, "weekend": 7}[unit] * n
            return Period.containing(self.start + timedelta(days=days), self.gran)
        months = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
        return Period.containing(_add_months(self.start, months * n), self.gran)

    def format(self) -> str:
        s = self.start
        if self.gran == "day":
            return s.isoformat()
        if self.gran == "week":
            y, w, _ = s.isocalendar()
            return f"{y:04d}-W{w:02d}"
        if self.gran == "month":
            return f"{s.year:04d}-{s.month:02d}"
        if self.gran == "season":
            return f"{s.year:04d}-{_MONTH_SEASON[s.month]}"
        if self.gran == "quarter":
            return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{s.year:04d}-H{1 if s.month <= 6 else 2}"
        if self.gran == "year":
            return f"{s.year:04d}"
        if self.gran == "decade":
            return f"{s.year // 10:03d}"
        return f"{s.year // 100:02d}"

    @classmethod
    def parse(cls, value: str) -> Period | None:
        """The period a TIMEX3 date value names, if it names one."""
        m = _VALUE.match(value)
        if not m:
            return None
        y = int(m["y"])
        try:
            if m["d"]:
                return cls("day", date(y, int(m["m"]), int(m["d"])))
            if m["m"]:
                return cls("month", date(y, int(m["m"]), 1))
            if m["w"]:
                return cls("week", date.fromisocalendar(y, int(m["w"]), 1))
            if m["q"]:
                return cls("quarter", date(y, int(m["q"]) * 3 - 2, 1))
            if m["h"]:
                return cls("half", date(y, 1 if m["h"] == "1" else 7, 1))
            if m["s"]:
                return cls("season", date(y, SEASON_START[m["s"]], 1))
            return cls("year", date(y, 1, 1))
        except ValueError:
            return None


_VALUE = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)|Q(?P<q>[1-4])|H(?P<h>[12])"
                    r"|(?P<s>SP|SU|FA|WI)))?(?:$|T)")


# ---------------------------------------------------------------------------------------------
# group normalization


def parse_number(raw: str, lexicon: dict[str, Any]) -> str:
    """'24', 'twenty four', 'twenty-four', 'a hundred', 'several' -> '24', '24', '24', '100', 'X'."""
    s = " ".join(raw.lower().replace("-", " ").split())
    vague = lexicon["vague_numbers"]
    if s in vague:
        return str(vague[s])
    if s in ("a", "an", "one"):
        return "1"
    if s == "half":
        return "0.5"
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return s
    words = lexicon["number_words"]
    total, current = 0, 0
    for w in s.split():
        if w in ("and", "a", "an"):
            current = current or (1 if w != "and" else 0)
            continue
        if w not in words:
            return "X"
        n = int(words[w])
        if n == 100:
            current = (current or 1) * 100
        elif n == 1000:
            total += (current or 1) * 1000
            current = 0
        else:
            current += n
    return str(total + current)


_FRACTION_CHARS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


def parse_fraction(raw: str) -> str:
    """The fraction after a count: '1/2', '½', 'and a half' -> '0.5'; '' when none."""
    s = raw.strip().lower()
    if not s:
        return ""
    if s in _FRACTION_CHARS:
        return f"{_FRACTION_CHARS[s]:.4g}"
    m = re.fullmatch(r"(\d+)\s*/\s*(\d+)", s)
    if m and 0 < int(m.group(1)) < int(m.group(2)):
        return f"{int(m.group(1)) / int(m.group(2)):.4g}"
    if s.endswith("half"):
        return "0.5"
    raise ValueError(f"not a fraction: {raw!r}")


def _year_words(raw: str, lexicon: dict[str, Any]) -> str:
    words = raw.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return str(2000 + (int(parse_number(" ".join(rest), lexicon)) if rest else 0))
    head = int(lexicon["number_words"][words[0]])
    tail = parse_number(" ".join(words[1:]), lexicon)
    return f"{head:02d}{int(tail):02d}" if tail.isdigit() and int(tail) < 100 else "X"


def normalize_groups(groups: dict[str, str | None], lexicon: dict[str, Any]) -> dict[str, str]:
    """Normal form of every matched group, keyed by group name (plus derived keys)."""
    out: dict[str, str] = {}
    for name, raw in groups.items():
        if raw is None:
            out[name] = ""
            continue
        base = name.rstrip("0123456789")
        low = " ".join(raw.lower().strip().rstrip(".").split())
        if base == "month":
            out[name] = f"{int(low):02d}" if low.isdigit() else f"{int(lexicon['months'][low]):02d}"
        elif base == "day":
            out[name] = f"{int(low):02d}"
        elif base == "year":
            out[name] = low
        elif base == "yearwords":
            out[name] = _year_words(low, lexicon)
        elif base == "weekday":
            out[name] = str(lexicon["weekdays"][low])
        elif base == "weekdays":
            out[name] = str(lexicon["weekdays_plural"][low])
        elif base == "season":
            out[name] = lexicon["seasons"][low]
        elif base == "pod":
            out[name] = lexicon["parts_of_day"][low]
        elif base == "pods":
            out[name] = lexicon["parts_of_day"][low.rstrip("s")]
        elif base == "frac":
            out[name] = parse_fraction(low)
        elif base == "num":
            out[name] = parse_number(low, lexicon)
        elif base == "unit":
            out[name] = lexicon["units"].get(low, low)
        elif base == "ord":
            digits = re.match(r"\d+", low)
            n = int(digits.group(0)) if digits else int(lexicon["ordinal_words"][low])
            out[name] = str(n)
            out["quarter"] = str(n)
            out["century"] = f"{n - 1:02d}"
        elif base == "step":
            out[name] = STEP_WORDS.get(low, low)
        elif base == "rstep":
            out[name] = str(RSTEP[low])
        elif base == "dayword":
            out[name] = str(DAYWORD[low])
        elif base == "decade":
            out[name] = low[:3]
        elif base == "decadeyy":
            out[name] = "19" + low[0]
        elif base == "holiday":
            out[name] = str(lexicon["holidays"][low.replace("’", "'")])
        elif base == "decadeword":
            out[name] = str(lexicon["decade_words"][low.split()[-1]])
        else:
            out[name] = low
    return out


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_CALL = re.compile(r"@(\w+)\(([^()]*)\)")


def fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)


# ---------------------------------------------------------------------------------------------
# resolution


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


class Unresolvable(Exception):
    """The value needs an anchor (or reference) the document does not give."""


class Resolver:
    """Evaluates value templates for one document, keeping its narrative reference time."""

    def __init__(self, anchor: date | None) -> None:
        self.anchor = anchor
        self.ref: Period | None = Period("day", anchor) if anchor else None

    def value(self, template: str, tense: str | None) -> tuple[str | None, bool]:
        """(TIMEX3 value or None, whether it came from the reference time)."""
        used_ref = any(f"@{name}(" in template for name in ("ref", "ago", "refweekday"))
        text = template
        try:
            for _ in range(5):
                new = _CALL.sub(lambda m: self._call(m.group(1), m.group(2).split(","), tense), text)
                if new == text:
                    break
                text = new
        except Unresolvable:
            return None, used_ref
        return text, used_ref

    def observe(self, value: str | None) -> None:
        """A date the text set itself becomes the reference for 'the next day'."""
        if value:
            period = Period.parse(value)
            if period is not None:
                self.ref = period

    # -- helpers -------------------------------------------------------------------------------

    def _need_anchor(self) -> date:
        if self.anchor is None:
            raise Unresolvable()
        return self.anchor

    def _call(self, name: str, args: list[str], tense: str | None) -> str:
        args = [a.strip() for a in args]
        args = [(tense or "present") if a == "tense" else a for a in args]
        return getattr(self, "fn_" + name)(*args)

    @staticmethod
    def _offset(step: str) -> int | str:
        if step in STEP_OFFSET:
            return STEP_OFFSET[step]
        if step.lstrip("+-") in ("X", ""):
            return "-X" if step.startswith("-") else "X"
        return int(float(step))

    @staticmethod
    def _fuzzy(offset: int | str) -> str | None:
        if offset == "-X":
            return "PAST_REF"
        if offset == "X":
            return "FUTURE_REF"
        return None

    # -- resolver functions (named in rules.yaml as @name) -------------------------------------

    def fn_rel(self, unit: str, step: str) -> str:
        """The anchor's period of ``unit``, moved ``step`` units ("last year", "yesterday")."""
        offset = self._offset(step)
        fuzzy = self._fuzzy(offset)
        if fuzzy:
            return fuzzy
        anchor = self._need_anchor()
        assert isinstance(offset, int)
        if unit in ("hour", "minute", "second"):
            return anchor.isoformat()
        if unit == "weekend":
            return Period.containing(anchor, "week").shift("week", offset).format() + "-WE"
        if unit == "fortnight":
            unit, offset = "week", offset * 2
        return Period.containing(anchor, unit).shift(unit, offset).format()

    def fn_ref(self, unit: str, step: str) -> str:
        """The reference time moved ``step`` units ("the next day", "a year earlier")."""
        offset = self._offset(step)
        fuzzy = self._fuzzy(offset)
        if fuzzy:
            return fuzzy
        assert isinstance(offset, int)
        base = self.ref
        if base is None:
            raise Unresolvable()
        if unit in ("hour", "minute", "second"):
            unit, offset = "day", 0
        if unit in ("weekend", "fortnight"):
            unit, offset = "week", offset * (2 if unit == "fortnight" else 1)
        if GRAN[base.gran] > GRAN[unit]:
            # a day after "1990" is not a day we know: fall back to the anchor
            base = Period("day", self._need_anchor())
        moved = base.shift(unit, offset)
        # "a year earlier" after "the third quarter" is that quarter a year before
        if unit == "year" and offset and base.gran in ("month", "season", "quarter", "half"):
            return moved.format()
        return Period.containing(moved.start, unit).format()

    def fn_inyear(self, year: str) -> str:
        """'the 1988 quarter': the period under discussion, in that year."""
        if self.ref is not None and self.ref.gran in ("month", "season", "quarter", "half"):
            return Period(self.ref.gran, self.ref.start.replace(year=int(year))).format()
        return year

    def fn_ago(self, unit: str, step: str) -> str:
        """'N units ago': from the anchor, except a year-on-year comparison of a period.

        Only "a year ago" compares a period with its year-earlier twin ("sales fell from
        a year ago" after "in the third quarter"); "41 years ago" counts back from the
        anchor. Decades and centuries ago name a year ("a decade ago" in 1999: 1989).
        """
        if (unit == "year" and step == "-1" and self.ref is not None
                and self.ref.gran in ("month", "quarter", "half")):
            return self.fn_ref(unit, step)
        if unit in ("decade", "century") and step.lstrip("-").isdigit():
            years = int(step) * (10 if unit == "decade" else 100)
            return f"{self._need_anchor().year + years:04d}"
        return self.fn_rel(unit, step)

    def _pick(self, cands: list[Period], direction: str) -> str:
        direction = direction.removeprefix("weak-")
        """Choose among the same calendar name in neighbouring years (or weeks).

        ``past``/``future`` take the latest on or before / the earliest on or after
        the anchor; ``last``/``next`` the one before / after the anchor's own period;
        anything else the nearest to the anchor.
        """
        anchor = self._need_anchor()
        gran = cands[0].gran
        current = Period.containing(anchor, gran)
        cands = sorted(cands, key=lambda p: p.start)
        if direction == "past":
            pool = [p for p in cands if p.start <= anchor]
            return (pool[-1] if pool else cands[0]).format()
        if direction == "last":
            pool = [p for p in cands if p.start < current.start]
            return (pool[-1] if pool else cands[0]).format()
        if direction == "future":
            pool = [p for p in cands if p.start >= current.start]
            return (pool[0] if pool else cands[-1]).format()
        if direction == "next":
            pool = [p for p in cands if p.start > current.start]
            return (pool[0] if pool else cands[-1]).format()
        return min(cands, key=lambda p: (abs((p.start - current.start).days), p.start > anchor)).format()

    def _nearest_or_tense(self, cands: list[Period], direction: str, window: int = 90) -> str:
        """The one consistent with the tense; with only a distant verb, the nearest one.

        A verb the expression hangs on directly ("was in March") decides: past -> on or
        before the anchor, future -> after. When the verb is farther up the parse
        ("said the dividend is payable Dec. 1") the tense is weak: the nearest date
        wins unless it is more than ``window`` days away.
        """
        anchor = self._need_anchor()
        current = Period.containing(anchor, cands[0].gran)
        nearest = min(cands, key=lambda p: (abs((p.start - current.start).days), p.start > anchor))
        if direction in ("past", "future", "weak-future"):
            # a distant future verb still decides ("will be named commander for a mission
            # in December"); a distant past one is usually a reporting verb ("said")
            return self._pick(cands, direction)
        if abs((nearest.start - current.start).days) <= window or direction not in ("weak-past", "weak-future"):
            return nearest.format()
        return self._pick(cands, direction[5:])

    def fn_weekday(self, day: str, direction: str) -> str:
        if self.anchor is None:
            return f"XXXX-WXX-{day}"
        anchor = self.anchor
        wd = int(day)
        cands = [Period("day", anchor + timedelta(days=k)) for k in range(-7, 8)
                 if (anchor + timedelta(days=k)).isoweekday() == wd]
        if direction == "nearest":
            return min(cands, key=lambda p: (abs((p.start - anchor).days), p.start > anchor)).format()
        direction = direction.removeprefix("weak-")
        if direction == "future":  # a future "Wednesday" said on a Wednesday is that day or the next
            return next(p for p in cands if p.start >= anchor).format()
        if direction == "this":
            week = Period.containing(anchor, "week").start
            return Period("day", week + timedelta(days=wd - 1)).format()
        if direction in ("last", "next"):
            return self._pick(cands, direction)
        # news reports what happened: a weekday without a future verb is the latest one
        return self._pick(cands, "past")

    def fn_refweekday(self, day: str, step: str) -> str:
        """'the previous Friday', 'the following Monday': counted from the narrative time."""
        base = self.ref.start if self.ref is not None and self.ref.gran == "day" else self._need_anchor()
        wd, n = int(day), int(step)
        k = next(k for k in range(1, 8) if (base + timedelta(days=k * n)).isoweekday() == wd)
        return (base + timedelta(days=k * n)).isoformat()

    def _year_step(self, direction: str) -> int | None:
        """'last April', 'next summer': the previous / following year's (as HeidelTime reads them)."""
        return {"last": -1, "this": 0, "next": 1}.get(direction)

    def fn_month(self, month: str, direction: str) -> str:
        if self.anchor is None:
            return f"XXXX-{month}"
        y = self.anchor.year
        if direction == "this":
            return f"{y:04d}-{month}"
        if direction in ("last", "next"):  # "last April": the latest April before this month
            return self._pick([Period("month", date(y + k, int(month), 1)) for k in (-1, 0, 1)], direction)
        return self._nearest_or_tense([Period("month", date(y + k, int(month), 1)) for k in (-1, 0, 1)], direction,
                                      window=125)

    def fn_monthday(self, month: str, day: str, direction: str, weekday: str = "") -> str:
        if self.anchor is None:
            return f"XXXX-{month}-{day}"
        y = self.anchor.year
        cands = []
        for k in (-1, 0, 1):
            try:
                cands.append(Period("day", date(y + k, int(month), int(day))))
            except ValueError:
                continue
        if weekday:  # "Saturday, April 25": the year in which that day is a Saturday
            cands = [p for p in cands if p.start.isoweekday() == int(weekday)] or cands
        if not cands:
            raise Unresolvable()
        step = self._year_step(direction)
        if step is not None:
            return self._pick(cands, "past" if step < 0 else "future")
        return self._nearest_or_tense(cands, direction)

    def fn_season(self, season: str, direction: str) -> str:
        if self.anchor is None:
            return f"XXXX-{season}"
        y = self.anchor.year
        step = self._year_step(direction)
        if step is not None:
            return f"{y + step:04d}-{season}"
        return self._pick([Period("season", date(y + k, SEASON_START[season], 1)) for k in (-1, 0, 1)], direction)

    def fn_quarter(self, quarter: str, direction: str) -> str:
        if self.anchor is None:
            return f"XXXX-Q{quarter}"
        y, q = self.anchor.year, int(quarter)
        if not 1 <= q <= 4:
            raise Unresolvable()
        cands = [Period("quarter", date(y + k, q * 3 - 2, 1)) for k in (-1, 0, 1)]
        if direction in ("last", "next"):
            return self._pick(cands, direction)
        # quarters are reported within the (fiscal) year: this year's, unless a past verb
        # speaks of a quarter that has not begun yet ("the fourth quarter" in January)
        if direction.removeprefix("weak-") == "past" and q > (self.anchor.month - 1) // 3 + 1:
            y -= 1
        return f"{y:04d}-Q{q}"

    def fn_half(self, half: str, year: str, direction: str) -> str:
        h = 1 if half in ("1", "first", "1st") else 2
        if year:
            return f"{year}-H{h}"
        if self.anchor is None:
            return f"XXXX-H{h}"
        y = self.anchor.year
        return self._pick([Period("half", date(y + k, 1 if h == 1 else 7, 1)) for k in (-1, 0, 1)], direction)

    def fn_period(self, unit: str, direction: str) -> str:
        """'the quarter' in a report: the one just ended, unless the verb looks ahead."""
        anchor = self._need_anchor()
        current = Period.containing(anchor, unit)
        return (current if direction in ("future", "next", "this") else current.shift(unit, -1)).format()

    def fn_weekend(self, direction: str) -> str:
        anchor = self._need_anchor()
        week = Period.containing(anchor, "week")
        if direction in ("future", "next", "this"):
            target = week if anchor.isoweekday() < 6 or direction == "this" else week.shift("week", 1)
        else:
            target = week if anchor.isoweekday() >= 6 else week.shift("week", -1)
        return target.format() + "-WE"

    @staticmethod
    def holiday_date(spec: str, year: int) -> date | None:
        """The date of a holiday rule (lexicon ``holidays``) in a given year."""
        if spec == "election":  # US: the Tuesday after the first Monday of November
            first = date(year, 11, 1)
            monday = first + timedelta(days=(7 - first.weekday()) % 7)
            return monday + timedelta(days=1)
        if spec.startswith("easter"):
            return easter_sunday(year) + timedelta(days=int(spec[6:] or 0))
        if spec.startswith("nth-"):
            month, rest = spec[4:6], spec[7:]
            n_str, wd_str = rest.rsplit("-", 1)
            n, wd, m = int(n_str), int(wd_str), int(month)
            if n > 0:
                first = date(year, m, 1)
                return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
            last = date(year, m, monthrange(year, m)[1])
            return last - timedelta(days=(last.isoweekday() - wd) % 7)
        month, day = spec.split("-")
        return date(year, int(month), int(day))

    def fn_holiday(self, spec: str, direction: str) -> str:
        if direction.isdigit():
            d = self.holiday_date(spec, int(direction))
            return d.isoformat() if d else direction
        if self.anchor is None:
            raise Unresolvable()
        y = self.anchor.year
        cands = [Period("day", d) for k in (-1, 0, 1) if (d := self.holiday_date(spec, y + k)) is not None]
        if direction in ("last", "next"):
            return self._pick(cands, "past" if direction == "last" else "future") if not any(
                p.start == self.anchor for p in cands) else self._pick(cands, direction)
        if direction == "this":
            return next(p for p in cands if p.start.year == y).format()
        return self._nearest_or_tense(cands, direction, window=60)

    def fn_holidayweek(self, spec: str, direction: str) -> str:
        """'Easter week', 'Christmas week': the (ISO) week the holiday falls in."""
        day = Period.parse(self.fn_holiday(spec, direction))
        if day is None or day.gran != "day":
            raise Unresolvable()
        return Period.containing(day.start, "week").format()

    def fn_dur(self, num: str, unit: str, frac: str = "") -> str:
        """'three days' -> P3D; with ``frac`` ("2 1/2 years": 0.5) the fraction goes to the
        next smaller unit (P2Y6M, PT5H30M), as TIMEX3 writes it."""
        letter, mult, timepart = DURATION_UNITS.get(unit, ("X", 1, False))
        if num in ("X", ""):
            qty = "X"
            if unit == "decade":
                letter = "DE"
            elif unit == "century":
                letter = "CE"
            elif unit == "quarter":
                letter = "Q"
        else:
            value = (float(num) + (float(frac) if frac else 0.0)) * mult
            whole = int(value)
            if value != whole and unit in SMALLER_UNIT:
                small, factor = SMALLER_UNIT[unit]
                rest = round((value - whole) * factor)
                s_letter, _, s_time = DURATION_UNITS[small]
                head = f"{whole}{letter}" if whole else ""
                if timepart or not s_time:
                    return ("PT" if timepart else "P") + head + f"{rest}{s_letter}"
                return "P" + head + f"T{rest}{s_letter}"
            qty = str(whole) if value == whole else f"{value:g}"
        return ("PT" if timepart else "P") + qty + letter

    def fn_clock(self, hour: str, minute: str, ampm: str, noon: str) -> str:
        if noon:
            return "24:00" if noon.startswith("midn") else "12:00"
        h = int(hour)
        a = ampm.replace(".", "").replace(" ", "").lower()
        if a.startswith("p") and h < 12:
            h += 12
        if a.startswith("a") and h == 12:
            h = 0
        return f"{h:02d}:{int(minute or 0):02d}"

    def fn_pod(self, pod: str) -> str:
        return f"T{pod}" if pod else ""
