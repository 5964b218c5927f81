"""Figure series: every source's number for one measure, unit, place and period.

Forty outlets report one attack with death tolls that drift ("at least 6",
"six", "2"). A series gathers them under (measure, unit, place, period),
keeps each report's value, certainty, date and sentence, marks the first
report, and raises ``conflict`` when two *sources* (different articles)
disagree beyond rounding. Agreement (:func:`agree`, :func:`tolerance`) allows
only for rounding a number can have had: a count written to the unit ("2",
"43", "1,234") is exact, so two small counts agree only when equal; a round
number ("40", "4,000", "$1.1bn") may stand for a value within half its last
digit and at most 5% of it ("4,000" covers 3,800-4,200, "40" 38-42); a
decimal covers its written precision ("2.5" 2.45-2.55); "about", "at least"
and the like widen that to 10% ("about 4,000" 3,600-4,400; "about 6" is still
only 6); ranges their whole span. What it does not do: decide which figure
is right; ACLED-style, :attr:`SeriesOut.low` is the most conservative value
and every report is kept.
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


#: how far a round number may be from what it rounds, relative to it
ROUND_SHARE = 0.05
#: how far "about N" may be from N, relative to it
APPROXIMATE_SHARE = 0.10


def tolerance(value: float, approximate: bool) -> float:
    """How far the true number may lie from ``value`` as written (see the module docstring).

    Relative, so that a small count never stretches to its neighbour (2 is not 3,
    "about 6" is not 7) while "4,000" and "4,100" can be one figure.
    """
    size = abs(float(value))
    g = granularity(value)
    if g < 1:  # a decimal: the digits it was written with ("2.5", "1.13bn" is 1.13e9 and integral)
        tol = g / 2
    elif g >= 10:  # a round number: 40, 4,000, 1.1e9
        tol = min(g / 2, ROUND_SHARE * size)
    else:  # a count to the unit is exact
        tol = 0.0
    if approximate:
        tol = max(tol, APPROXIMATE_SHARE * size)
    return tol


def _interval(value: float, value_max: float | None, approximate: bool) -> tuple[float, float]:
    hi = value_max if value_max is not None and value_max >= value else value
    return value - tolerance(value, approximate), hi + tolerance(hi, approximate)


def agree(a: FigureInput, b: FigureInput) -> bool:
    """Whether two reports can be the same number written with different rounding."""
    a_lo, a_hi = _interval(a.value, a.value_max, a.approximate)
    b_lo, b_hi = _interval(b.value, b.value_max, b.approximate)
    eps = 1e-9 * max(abs(a_hi), abs(b_hi), 1.0)  # float noise at 1e9 scale
    if a_lo == a_hi or b_lo == b_hi:
        # an exact count agrees with what it equals or what covers it ("40" covers 42)
        return a_lo <= b_hi + eps and b_lo <= a_hi + eps
    # two roundings that only touch ("2.5" is 2.45-2.55, "2.6" 2.55-2.65) are two values
    return a_lo < b_hi - eps and b_lo < a_hi - eps


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
