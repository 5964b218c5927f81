"""Figure series: every source's number for one measure, unit, place and period.

Forty outlets report one attack with death tolls that drift ("at least 6",
"six", "2"). A series gathers them under (measure, unit, place, period),
keeps each report's value, certainty, date and sentence, marks the first
report, and raises ``conflict`` when two *sources* (different articles)
disagree beyond rounding. Agreement (:func:`agree`) allows for the precision
a number was written with: "40" covers 35-45, "about 40" 30-50, "1.13bn"
1.125-1.135bn, ranges their whole span. What it does not do: decide which
figure is right; ACLED-style, :attr:`SeriesOut.low` is the most conservative
value and every report is kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(slots=True)
class FigureInput:
    """One figure of one article, with what the series key needs already resolved."""

    rowid: int
    article: str
    item: str
    measure: str
    unit: str | None
    place: str | None
    period: str | None
    value: float
    value_max: float | None
    approximate: bool
    published: str | None
    order: int = 0
    story_id: str | None = None


@dataclass(slots=True)
class SeriesOut:
    key: str
    measure: str
    unit: str | None
    place: str | None
    period: str | None
    story_id: str | None
    conflict: bool
    low: float
    high: float
    n_sources: int
    first_article: str
    members: list[FigureInput] = field(default_factory=list)


def granularity(value: float) -> float:
    """The unit of the last significant digit as written: 40 -> 10, 43 -> 1, 1.13e9 -> 1e7, 2.5 -> 0.1."""
    if value == 0:
        return 1.0
    d = Decimal(repr(abs(float(value)))).normalize()
    exponent = d.as_tuple().exponent
    assert isinstance(exponent, int)
    return float(Decimal(1).scaleb(exponent))


def _interval(value: float, value_max: float | None, approximate: bool) -> tuple[float, float]:
    hi = value_max if value_max is not None and value_max >= value else value
    tol = granularity(value) * (1.0 if approximate else 0.5)
    tol_hi = granularity(hi) * (1.0 if approximate else 0.5)
    return value - tol, hi + tol_hi


def agree(a: FigureInput, b: FigureInput) -> bool:
    """Whether two reports can be the same number written with different rounding."""
    a_lo, a_hi = _interval(a.value, a.value_max, a.approximate)
    b_lo, b_hi = _interval(b.value, b.value_max, b.approximate)
    # strict: 7 and 8 (each +-0.5) only touch, they do not overlap
    return a_lo < b_hi and b_lo < a_hi


def series_key(measure: str, unit: str | None, place: str | None, period: str | None) -> str:
    return "|".join([measure, unit or "", (place or "").casefold(), period or ""])


def build_series(figures: list[FigureInput]) -> list[SeriesOut]:
    """Group figures by key; a conflict needs two different articles that do not :func:`agree`."""
    groups: dict[str, list[FigureInput]] = defaultdict(list)
    for f in figures:
        groups[series_key(f.measure, f.unit, f.place, f.period)].append(f)
    out: list[SeriesOut] = []
    for key, members in sorted(groups.items()):
        members.sort(key=lambda f: (f.published or "9999", f.order, f.item))
        conflict = any(x.article != y.article and not agree(x, y)
                       for i, x in enumerate(members) for y in members[i + 1:])
        first = members[0]
        stories = {m.story_id for m in members if m.story_id}
        out.append(SeriesOut(
            key=key, measure=first.measure, unit=first.unit, place=first.place, period=first.period,
            story_id=stories.pop() if len(stories) == 1 else None, conflict=conflict,
            low=min(m.value for m in members), high=max(m.value_max or m.value for m in members),
            n_sources=len({m.article for m in members}), first_article=first.article, members=members))
    return out
