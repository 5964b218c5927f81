"""Named entities with one canonical name per real actor.

spaCy's NER (after the gazetteer repair pass of :mod:`.ner_repair`) gives the
mentions and their types. This module then chooses, for each mention, the
name of the actor behind it, so that every mention of one actor in a record
shares a ``canonical``:

* spelling and transliteration variants match through
  :func:`.actors.name_key` ("Zelenski" / "Zelenskiy", "Kim Jong-un" /
  "Kim Jong Un") and the alias table of well-known actors gives their usual
  English name ("Volodymyr Zelensky");
* a surname-only mention ("Putin") takes the canonical name of the full name
  mentioned elsewhere in the document, and titles ("President", "Mr.") are
  not part of a person's name;
* countries take their common English name ("U.S." -> "United States"),
  places their current spelling ("Kiev" -> "Kyiv"), lower-cased names of
  machine-translated text their capitals ("kyiv" -> "Kyiv").

Finding mentions and choosing names are separate steps
(:func:`find_mentions`, :func:`canonicalize`). Linking a role noun or a title
("the ministry", "the Russian president") to an actor is the job of
:mod:`.parties`, which works on any span, not only on entities.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Doc

from .. import resources
from ..model import Entity
from .actors import ActorTables, country_of, load_actor_tables, lookup_actor, name_key
from .base import Context, Extractor, assign_ids
from .docindex import doc_text

#: spaCy labels that name things; numeric labels (DATE, MONEY, CARDINAL...)
#: are handled by the times and figures extractors instead.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@lru_cache(maxsize=1)
def person_title_alternation() -> str:
    """The titles of ``resources/en/person_titles.tsv`` as a regex alternation (abbreviations
    with an optional dot), for every pattern that looks for a title before a name."""
    abbreviations, words = [], []
    for title, form in resources.load_tsv("person_titles.tsv")[1:]:
        (abbreviations if form == "abbreviation" else words).append(re.escape(title))
    return r"(?:(?:" + "|".join(abbreviations) + r")\.?|" + "|".join(words) + r")"


@lru_cache(maxsize=1)
def person_titles() -> re.Pattern:
    """Titles before a person's name, as one pattern that matches a leading title and the space
    after it; read once per process."""
    return re.compile(r"^" + person_title_alternation() + r"\s+", re.I)


def surface_canonical(text: str) -> str:
    """The mention as a name: 'the Foreign Ministry's' -> 'Foreign Ministry'."""
    name = " ".join(text.split())
    name = _LEADING_ARTICLE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    if _ABBREVIATION.match(name):
        return name
    return name.strip(" ,.;:\"'“”‘’«»")


def person_name(text: str) -> str:
    """A person's name without titles: 'President Vladimir Putin' -> 'Vladimir Putin'."""
    name = surface_canonical(text)
    titles = person_titles()
    while True:
        stripped = titles.sub("", name)
        if stripped == name or not stripped:
            return name
        name = stripped


def load() -> ActorTables:
    return load_actor_tables()


def find_mentions(doc: Doc) -> list[Entity]:
    """Name-like entities of the doc, trimmed of the punctuation NER sometimes swallows."""
    found: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        text = doc_text(doc)[start:end]
        stripped = text.strip(" \n\t,.;:'\"“”‘’«»")
        if not stripped:
            continue
        start += text.index(stripped)
        end = start + len(stripped)
        if _ABBREVIATION.search(stripped + ".") and doc_text(doc)[end:end + 1] == ".":
            end += 1  # "U.S." keeps its last full stop
            stripped = doc_text(doc)[start:end]
        found.append(Entity(id="", text=stripped, start=start, end=end, type=ent.label_,
                            canonical=surface_canonical(stripped) or stripped, extractor=EXTRACTOR.name))
    return found


def canonicalize(mentions: list[Entity], tables: ActorTables, place_names: dict[str, str]) -> list[Entity]:
    """Give each mention the canonical name of its actor (see the module docstring)."""
    people = [m for m in mentions if m.type == "PERSON"]
    for m in mentions:
        if m.type != "PERSON":
            m.canonical = _other_name(m, tables, place_names)
    # people: full names first, so that surnames can take their canonical name
    by_key: dict[str, str] = {}
    by_last: dict[str, set[str]] = defaultdict(set)
    for m in people:
        name = person_name(m.text)
        actor = lookup_actor(tables, name, "PERSON")
        m.canonical = actor.canonical if actor is not None else name
        if len(name.split()) > 1:
            by_key.setdefault(name_key(name), m.canonical)
            by_last[name_key(name.split()[-1])].add(m.canonical)
    for m in people:
        name = person_name(m.text)
        if len(name.split()) == 1:
            full = by_last.get(name_key(name), set())
            if len(full) == 1:
                m.canonical = next(iter(full))
        elif name_key(name) in by_key and lookup_actor(tables, name, "PERSON") is None:
            m.canonical = by_key[name_key(name)]
    return mentions


def _other_name(m: Entity, tables: ActorTables, place_names: dict[str, str]) -> str:
    name = m.canonical or m.text
    actor = lookup_actor(tables, name, m.type)
    if actor is not None and (actor.type == m.type or m.type in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC")):
        return actor.canonical
    if m.type in ("GPE", "LOC"):
        iso = country_of(tables, name)
        if iso is not None and name.lower() not in tables.capitals:
            return tables.country_names.get(iso, name)
        alias = place_names.get(name.lower())
        if alias:
            return alias
        if name.islower() or name.isupper() and len(name) > 4:
            return name.title()
    return name


def extract(doc: Doc, ctx: Context) -> list[Entity]:
    tables = ctx.resources.get(EXTRACTOR.name)
    if not isinstance(tables, ActorTables):
        tables = load_actor_tables()
    place_names = {alias.lower(): name for alias, name in resources.load_tsv("place_aliases.tsv")[1:]}
    return assign_ids(canonicalize(find_mentions(doc), tables, place_names), "ent")


EXTRACTOR = Extractor(name="entities", version="2.6", field="entities", run=extract, load=load)
