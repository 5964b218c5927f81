"""Parties: a span of text resolved to who it names.

Quotes (speakers), claims (sources) and events (actors, targets) all need the
same thing: from a stretch of text such as "the ministry", "Zelenski" or
"Pyongyang", the entity of this record it refers to, its canonical name, its
country (ISO 3166-1 alpha-2) and its sector. This module is the one place
that does that, so every extractor resolves parties the same way.

How a span is resolved, in order of the evidence used:

1. a record entity it overlaps: its canonical name; country and sector from
   the actor tables (well-known people and organisations), from a country,
   demonym or capital (a capital or country acting is its government:
   "Pyongyang" -> North Korea, KP, government), or from the place the
   places extractor resolved for it;
2. words inside the span: demonyms and country names give the country
   ("Ukrainian authorities" -> UA), role nouns give the sector ("troops" ->
   military, "ministry" -> government);
3. a role noun without a country ("the ministry") takes the country of the
   nearest mention of the same role that has one, earlier first, then later;
   "the Asian country" style anaphors take the nearest country before them;
4. a title ("the Russian president") takes the person in apposition
   (", Vladimir Putin,") or the known person of that country in the record;
   "he"/"she" take the nearest person before them;
5. "A and B" becomes a compound party with both as members.

What it does not do: full coreference, or resolving "they"/"it". The span is
never changed: ``text`` is always ``record.text[start:end]``.
"""

from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass

from .. import resources
from ..model import Entity, Party
from .actors import ActorTables, country_of, load_actor_tables, lookup_actor, may_name_country
from .base import Context

_COMPOUND = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")


@dataclass(frozen=True, slots=True)
class RoleWords:
    """The resolver's role vocabulary (``resources/en/parties/``): data, so a new office or
    sector word is a line in a file, not a code change."""

    #: role nouns naming the whole state: the party is the country itself
    state_roles: frozenset[str]
    #: role nouns naming one person holding an office
    title_roles: frozenset[str]
    #: "the country", "the nation": refers back to a country named earlier
    anaphor: re.Pattern
    #: a party that is only a pronoun stands for the nearest person named before it
    person_pronoun: re.Pattern
    #: (words in an organisation's name, sector), first match wins
    org_sectors: tuple[tuple[re.Pattern, str], ...]
    #: (continent adjective, continent code) in file order: "the Asian country" -> AS
    continent_adjectives: tuple[tuple[str, str], ...]


def _word_pattern(words: list[str]) -> re.Pattern:
    """Whole-word alternation of ``words``; a trailing ``*`` means more letters, ``?`` an optional letter."""
    alternatives = [re.escape(w).replace(r"\*", r"\w*").replace(r"\?", "?") for w in words]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


@lru_cache(maxsize=1)
def load_role_words() -> RoleWords:
    """Read the role words once per process."""
    roles = resources.load_yaml("parties/roles.yaml")
    continents = resources.load_tsv("parties/continent_adjectives.tsv")
    by_sector: dict[str, list[str]] = {}
    for word, sector in resources.load_tsv("parties/org_sectors.tsv")[1:]:
        by_sector.setdefault(sector, []).append(word)
    return RoleWords(
        state_roles=frozenset(roles["state_roles"]),
        title_roles=frozenset(roles["title_roles"]),
        anaphor=_word_pattern(roles["anaphor_nouns"]),
        person_pronoun=re.compile(r"^(?:" + "|".join(map(re.escape, roles["person_pronouns"])) + r")$", re.I),
        org_sectors=tuple((_word_pattern(words), sector) for sector, words in by_sector.items()),
        continent_adjectives=tuple((row[0], row[1]) for row in continents[1:]),
    )


@dataclass(slots=True)
class _Found:
    canonical: str | None = None
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    #: True when the actor tables named it (its canonical name is authoritative)
    known: bool = False


def tables_of(ctx: Context) -> ActorTables:
    """The actor tables: loaded by the entities extractor, or loaded here once."""
    tables = ctx.resources.get("entities")
    return tables if isinstance(tables, ActorTables) else load_actor_tables()


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
    party = Party(text=text, start=start, end=end, canonical=None)
    if not text.strip():
        return party
    tables = tables_of(ctx)
    members = _compound_members(ctx, tables, start, end)
    if members:
        party.members = members
        names = [m.canonical or m.text for m in members]
        party.canonical = " and ".join(names)
        countries = {m.country for m in members}
        sectors = {m.sector for m in members}
        party.country = countries.pop() if len(countries) == 1 else None
        party.sector = sectors.pop() if len(sectors) == 1 else None
        return party
    found = _resolve_span(ctx, tables, start, end)
    party.canonical, party.entity, party.country, party.sector = (
        found.canonical, found.entity, found.country, found.sector)
    return party


def names_country(ctx: Context, text: str) -> bool:
    """Does the phrase itself name a country ('the Ukrainian government', 'UK firm')?"""
    return _country_in(tables_of(ctx), text) is not None


# -- one span --------------------------------------------------------------------


def _resolve_span(ctx: Context, tables: ActorTables, start: int, end: int) -> _Found:
    doc_text = ctx.record.text
    text = doc_text[start:end]
    if load_role_words().person_pronoun.match(text.strip()):
        person = _nearest_entity(ctx, start, lambda e: e.type == "PERSON", before=True)
        return _from_entity(ctx, tables, person) if person else _Found()

    ent = entity_at(ctx, start, end)
    role, role_sector = _role_in(tables, text)
    inner_country = _country_in(tables, text)

    if ent is not None and (role is None or _covers(ent, start, end, text)):
        found = _from_entity(ctx, tables, ent)
        # "Ukrainian authorities", "the North Korean army": the NORP names the country only
        if ent.type == "NORP" and role is not None:
            found.sector = role_sector
            found.canonical = _role_canonical(tables, role, found.country, text)
            found.entity = None
        else:
            if found.sector is None and role_sector is not None:
                found.sector = role_sector
            if role is not None and not found.known and ent.type in ("ORG", "FAC"):
                # an institution named by its role: "the foreign ministry of the Asian country"
                country, role = _role_country(ctx, tables, role, text, start, end)
                found.country = found.country or country
                found.canonical = _role_canonical(tables, role, found.country, text)
        return found

    if role is None or ent is None:
        actor = lookup_actor(tables, _surface(text))
        if actor is not None:
            return _Found(canonical=actor.canonical, country=actor.country, sector=actor.sector, known=True)
    if role is None:
        if inner_country is not None:
            return _Found(canonical=tables.country_names.get(inner_country), country=inner_country,
                          sector="government")
        return _Found(canonical=_surface(text) or None)

    if role in load_role_words().title_roles:
        person = _title_holder(ctx, tables, start, end, inner_country)
        if person is not None:
            found = _from_entity(ctx, tables, person)
            found.sector = found.sector or role_sector
            return found

    country, role = _role_country(ctx, tables, role, text, start, end)
    return _Found(canonical=_role_canonical(tables, role, country, text), country=country, sector=role_sector)


def _role_country(ctx: Context, tables: ActorTables, role: str, text: str, start: int,
                  end: int) -> tuple[str | None, str]:
    """Country of a role noun (named in the span, an anaphor such as 'the Asian country', or
    an antecedent mention of the same role), with the fullest name of the role."""
    country = _country_in(tables, text)
    if country is None and load_role_words().anaphor.search(text):
        country = _nearest_country_in(tables, ctx.record.text, start, _continent_in(text))
    if country is None:
        return _antecedent(ctx, tables, role, start, end)
    return country, role


def _covers(ent: Entity, start: int, end: int, text: str) -> bool:
    """Does the entity cover the span's substance (not just a modifier of it)?"""
    return ent.end - ent.start >= 0.6 * len(text.strip())


def _from_entity(ctx: Context, tables: ActorTables, ent: Entity) -> _Found:
    name = ent.canonical or ent.text
    found = _Found(canonical=name, entity=ent.id)
    actor = lookup_actor(tables, name, ent.type) or lookup_actor(tables, ent.text, ent.type)
    if actor is not None:
        found.canonical, found.country, found.sector = actor.canonical, actor.country, actor.sector
        found.known = True
        return found
    if ent.type in ("GPE", "NORP", "LOC"):
        iso = country_of(tables, name) or country_of(tables, ent.text)
        if iso is not None:
            found.country = iso
            if ent.type != "NORP":
                # a country or its capital acting is its government
                found.canonical = tables.country_names.get(iso, name)
                found.sector = "government"
            return found
        place = _place_at(ctx, ent.start, ent.end)
        if place is not None:
            found.country = place
        return found
    if ent.type == "ORG":
        found.country = _country_in(tables, name)
        found.sector = org_sector(name)
        return found
    if ent.type == "PERSON":
        # a title just before the name: "President X", "the Russian Defence Minister X"
        before = ctx.record.text[max(0, ent.start - 40):ent.start]
        role, sector = _role_in(tables, before)
        if role is not None:
            found.sector = sector
            found.country = _country_in(tables, before)
    return found


def _place_at(ctx: Context, start: int, end: int) -> str | None:
    for place in ctx.record.places:
        if place.start < end and start < place.end:
            return place.country
    return None


# -- words in a span -----------------------------------------------------------


def _role_in(tables: ActorTables, text: str) -> tuple[str | None, str | None]:
    """The last (head-most) role noun in the text and its sector."""
    assert tables.role_pattern is not None
    best = None
    for m in tables.role_pattern.finditer(text):
        if best is None or m.start() >= best.start():
            best = m
    if best is None:
        return None, None
    noun = best.group(0).lower()
    return noun, tables.roles.get(noun)


def org_sector(name: str) -> str | None:
    """The sector an organisation's name gives ("Interior Ministry" -> government), from
    parties/org_sectors.tsv (the first sector with a word in the name); None for a company."""
    return next((sector for pattern, sector in load_role_words().org_sectors if pattern.search(name)), None)


def _country_in(tables: ActorTables, text: str) -> str | None:
    """The first demonym, country or capital named in the text."""
    assert tables.country_pattern is not None
    if not may_name_country(tables, text):
        return None
    for m in tables.country_pattern.finditer(text):
        iso = country_of(tables, m.group(0))
        if iso is not None:
            return iso
    return None


def _surface(text: str) -> str:
    from .entities import surface_canonical

    return surface_canonical(text)


def _role_canonical(tables: ActorTables, role: str, country: str | None, text: str) -> str:
    """'Foreign Ministry (South Korea)'; 'Ukraine' for the state itself."""
    country_name = tables.country_names.get(country) if country else None
    if role in load_role_words().state_roles and country_name:
        return country_name
    if role in tables.roles and tables.roles[role] in ("government", "military", "media") and country_name \
            and not role.endswith("s"):
        return f"{role.title()} ({country_name})"
    return _surface(text) or role


# -- looking around the span ---------------------------------------------------


def _nearest_entity(ctx: Context, pos: int, accept, before: bool = True) -> Entity | None:
    best: Entity | None = None
    for ent in ctx.record.entities:
        if not accept(ent):
            continue
        if before and ent.end <= pos and (best is None or ent.end > best.end):
            best = ent
        if not before and ent.start >= pos and (best is None or ent.start < best.start):
            best = ent
    return best


def _continent_in(text: str) -> str | None:
    low = text.lower()
    for adj, code in load_role_words().continent_adjectives:
        if adj in low:
            return code
    return None


def _mention_country(tables: ActorTables, text: str, m_start: int, m_end: int) -> str | None:
    """Country of one role-noun mention: a modifier before it or an 'of X' after it."""
    before = text[max(0, m_start - 30):m_start]
    words = re.findall(r"[\w'’.-]+", before)[-3:]
    for i in range(len(words)):
        chunk = " ".join(words[i:]).removesuffix("'s").removesuffix("’s")
        iso = country_of(tables, chunk)
        if iso is not None:
            return iso
    after = re.match(r"\s+of\s+(?:the\s+)?([\w .'-]{2,40})", text[m_end:m_end + 50])
    if after:
        tail = after.group(1)
        assert tables.country_pattern is not None
        m = tables.country_pattern.match(tail)
        if m and country_of(tables, m.group(0)):
            return country_of(tables, m.group(0))
        if load_role_words().anaphor.search(tail.split(",")[0]):
            return _nearest_country_in(tables, text, m_start, _continent_in(tail.split(",")[0]))
    return None


def _nearest_country_in(tables: ActorTables, text: str, pos: int, continent: str | None = None) -> str | None:
    """The nearest country named before ``pos``: a country name beats a demonym ('the Asian
    country' after 'South Korea ... Russian troops' is South Korea), and a continent
    adjective in the anaphor must agree."""
    assert tables.country_pattern is not None
    by_name: str | None = None
    by_any: str | None = None
    for m in tables.country_pattern.finditer(text, 0, pos):
        iso = country_of(tables, m.group(0))
        if iso is None or (continent and tables.continents.get(iso) != continent):
            continue
        by_any = iso
        if m.group(0).lower() not in tables.demonyms:
            by_name = iso
    return by_name or by_any


@lru_cache(maxsize=8)
def _role_mentions(pattern: re.Pattern, text: str) -> tuple[tuple[int, int, str], ...]:
    """Every role-noun mention in an article, found once however many parties ask."""
    return tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(text))


def _antecedent(ctx: Context, tables: ActorTables, role: str, start: int,
                end: int) -> tuple[str | None, str]:
    """Country and fuller role name ('foreign ministry') of the nearest other mention of the
    same role that names a country: earlier first, then later."""
    text = ctx.record.text
    assert tables.role_pattern is not None
    head = role.split()[-1]
    earlier: tuple[str, str] | None = None
    later: tuple[str, str] | None = None
    for m_start, m_end, mention in _role_mentions(tables.role_pattern, text):
        if m_start < end and start < m_end:
            continue
        if mention.lower().split()[-1] != head:
            continue
        iso = _mention_country(tables, text, m_start, m_end)
        if iso is None:
            continue
        if m_end <= start:
            earlier = (iso, mention.lower())
        elif later is None:
            later = (iso, mention.lower())
    best = earlier or later
    if best is None:
        return None, role
    return best[0], best[1] if len(best[1]) > len(role) else role


def _title_holder(ctx: Context, tables: ActorTables, start: int, end: int,
                  country: str | None) -> Entity | None:
    """The person a title names: in apposition, else the known person of that country."""
    after = ctx.record.text[end:end + 4]
    if re.match(r"\s*[,(]\s*", after) or after[:1] == " ":
        for ent in ctx.record.entities:
            if ent.type == "PERSON" and end <= ent.start <= end + 4:
                return ent
    if country is None:
        return None
    best: Entity | None = None
    for ent in ctx.record.entities:
        if ent.type != "PERSON":
            continue
        actor = lookup_actor(tables, ent.canonical or ent.text, "PERSON")
        if actor is not None and actor.country == country:
            if best is None or abs(ent.start - start) < abs(best.start - start):
                best = ent
    return best


def _compound_members(ctx: Context, tables: ActorTables, start: int, end: int) -> list[Party]:
    """Parts of 'A and B' when each part resolves on its own to an entity or country."""
    text = ctx.record.text[start:end]
    if " and " not in text and "&" not in text:
        return []
    parts: list[tuple[int, int]] = []
    pos = 0
    for m in _COMPOUND.finditer(text):
        if m.start() > pos:
            parts.append((start + pos, start + m.start()))
        pos = m.end()
    if pos < len(text):
        parts.append((start + pos, end))
    if len(parts) < 2:
        return []
    members = []
    for a, b in parts:
        found = _resolve_span(ctx, tables, a, b)
        if found.entity is None and found.country is None:
            return []
        members.append(Party(text=ctx.record.text[a:b], start=a, end=b, canonical=found.canonical,
                             entity=found.entity, country=found.country, sector=found.sector))
    # "the Russian President, Vladimir Putin": a title and its name in apposition are one member
    unique: list[Party] = []
    for m in members:
        if unique and m.entity is not None and unique[-1].entity == m.entity:
            unique[-1] = m
            continue
        unique.append(m)
    return unique if len(unique) >= 2 else []
