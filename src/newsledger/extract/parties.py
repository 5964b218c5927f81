"""Parties: a span of text resolved to who it names.

Quotes (speakers), claims (sources) and events (actors, targets) all need the
same thing: from a stretch of text such as "the ministry", "Zelenski" or
"Pyongyang", the entity of this record it refers to, its canonical name, its
country (ISO 3166-1 alpha-2) and its sector. This module is the one place
that does that, so every extractor resolves parties the same way.

Current state: links a span to the record entity it overlaps and copies the
entity's canonical name. Country and sector resolution (demonyms, capitals,
role nouns, pronouns) arrive with the canonical-entities work.
"""

from __future__ import annotations

from ..model import Entity, Party
from .base import Context


def entity_at(ctx: Context, start: int, end: int) -> Entity | None:
    """The record entity overlapping [start, end) the most, if any."""
    best: Entity | None = None
    best_overlap = 0
    for ent in ctx.record.entities:
        overlap = min(end, ent.end) - max(start, ent.start)
        if overlap > best_overlap:
            best, best_overlap = ent, overlap
    return best


def resolve(ctx: Context, start: int, end: int) -> Party:
    """A :class:`Party` for text[start:end], resolved as far as the record allows."""
    text = ctx.record.text[start:end]
    ent = entity_at(ctx, start, end)
    if ent is None:
        return Party(text=text, start=start, end=end, canonical=None)
    return Party(text=text, start=start, end=end, canonical=ent.canonical, entity=ent.id)
