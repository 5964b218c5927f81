"""Header dates ("Updated 02/20/2025 at 02: 22h.", "19 February 2025, 14:30") read with the times rules.

Article metadata and running text are normalized by one set of rules
(``resources/en/times/``): the first absolute calendar date in the string is
taken, and a clock time after it is attached to it. Nothing is resolved
against an anchor here: a header that says only "Wednesday" gives no date.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .grammar import Grammar, load_grammar
from .match import choose, find_candidates
from .resolve import Resolver, Unresolvable, fill, normalize_groups

_FULL_DATE = re.compile(r"^\d{4}-\d\d-\d\d(?:T\d\d:\d\d)?$")


@lru_cache(maxsize=1)
def _grammar() -> Grammar:
    return load_grammar()


def header_datetime(text: str, grammar: Grammar | None = None) -> str | None:
    """``2025-02-19`` or ``2025-02-20T02:22`` from a short header string, or None."""
    grammar = grammar or _grammar()
    resolver = Resolver(None)
    found: str | None = None
    for cand in choose(text, find_candidates(text, grammar), grammar):
        try:
            value, _ = resolver.value(fill(cand.rule.value, normalize_groups(cand.groups, grammar.lexicon)), None)
        except (Unresolvable, KeyError, ValueError, IndexError, StopIteration):
            continue
        if not value:
            continue
        if found is None and _FULL_DATE.match(value):
            if "T" in value:
                return value
            found = value
            resolver.observe(value)  # a clock time after the date is on that date
        elif found is not None and value.startswith(found + "T") and _FULL_DATE.match(value):
            return value
    return found
