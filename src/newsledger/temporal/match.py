"""Find temporal-expression candidates with the rules, then choose among them.

Finding is pure regex over the text; choosing keeps the longest of
overlapping candidates (ties: the earlier rule), trims a sentence-final dot
and widens a candidate over a modifier before it ("early", "more than").
Checks that need linguistic context (is "May" a month or a modal verb?) are
passed in as a ``keep`` callback so this module does not depend on spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .grammar import Grammar, Rule


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str | None]
    order: int
    mod: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


def find_candidates(text: str, grammar: Grammar) -> list[Candidate]:
    """Every match of every rule (overlaps included).

    A rule whose ``needs`` (a word it cannot match without) is absent from the
    text is skipped: one cheap search instead of a full regex scan.
    """
    found: list[Candidate] = []
    present: dict[str, bool] = {}
    low = text.lower()
    for order, rule in enumerate(grammar.rules):
        if rule.needs is not None:
            key = rule.needs.pattern
            if key not in present:
                words = rule.needs_words
                present[key] = ((words is None or any(all(w in low for w in alt) for alt in words))
                                and rule.needs.search(text) is not None)
            if not present[key]:
                continue
        for m in rule.regex.finditer(text):
            if m.end() == m.start():
                continue
            if rule.require is not None and not rule.require.search(m.group(0)):
                continue
            found.append(Candidate(m.start(), m.end(), rule, m.groupdict(), order))
    return found


_LAST_WORD = re.compile(r"([a-z]+)\.$", re.I)
_CLOCK_END = re.compile(r"[ap]\.\s?m\.$", re.I)


def choose(text: str, candidates: list[Candidate], grammar: Grammar,
           keep: Callable[[Candidate], bool] | None = None) -> list[Candidate]:
    """Non-overlapping candidates in text order: longest first, then earliest rule."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-c.length, c.order, c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        if keep is not None and not keep(cand):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    chosen.sort(key=lambda c: c.start)
    for cand in chosen:
        _trim_dot(text, cand, grammar)
        _widen_modifier(text, cand, grammar, taken)
    return chosen


def _trim_dot(text: str, cand: Candidate, grammar: Grammar) -> None:
    """'March.' at a sentence end loses its dot; 'Jan.' and 'p.m.' keep theirs."""
    surface = text[cand.start:cand.end]
    if not surface.endswith(".") or _CLOCK_END.search(surface):
        return
    m = _LAST_WORD.search(surface)
    if m and m.group(1).lower() in grammar.abbreviations:
        return
    cand.end -= 1


def _widen_modifier(text: str, cand: Candidate, grammar: Grammar, taken: list[tuple[int, int]]) -> None:
    before = text[max(0, cand.start - 24):cand.start]
    surface = text[cand.start:cand.end].lower()
    for mod in grammar.modifiers:
        if cand.rule.type not in mod.applies:
            continue
        m = mod.regex.search(before)
        if not m:
            continue
        if mod.mod not in ("START", "END", "MID") and surface.startswith("the "):
            continue  # "over the past two weeks": a preposition, not an approximation
        new_start = cand.start - (len(before) - m.start())
        if any(new_start < e and s < cand.start for s, e in taken):
            continue
        cand.start, cand.mod = new_start, mod.mod
        return
