"""Toponyms geoparsed to GeoNames, offline.

Two steps, kept apart:

* :func:`find_toponyms` - which spans name places: the GPE and LOC entities
  (after the NER repair pass, so "Kursk" and "kyiv" are there), demonyms used
  as places ("Ukrainian territory", "the Turkish capital"), and region names
  written out ("Rapides Parish", "the Kursk region");
* :func:`resolve` - which gazetteer entry each span means. Every candidate
  gets a score from evidence, not from population alone:

  - population as a prior (regions and countries get the prior of a large
    city, so "Georgia" is a country or a state before a town);
  - the document's own geography: countries and first-level regions named in
    it, and the places already resolved with confidence (anchors), so a town
    in a Louisiana story is the Louisiana one, and "Kursk" in a story about
    Russia is Russia's;
  - feature cues next to the name ("province of", "river", "county", "city
    of") and spaCy's label (LOC leans to regions and features);
  - a following region ("Alexandria, La.", "Paris, Texas");
  - the outlet's country from the URL's country-code domain, when it has one;
  - the outlet's home region, when the batch taught one
    (:mod:`newsledger.link.outlets`): a weak prior for towns and counties in
    that state, below the article's own evidence ("Richmond, Va.", a state
    named in the story, its other towns);
  - one sense per document: the same name is resolved once.

A toponym with no gazetteer entry is kept, with null coordinates: it never
removes the other places. A name that is also a person or a month is only a
place when the NER pass says it is one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from .. import resources
from ..link.outlets import OutletHome, Reading
from ..model import Place
from .actors import ActorTables, load_actor_tables, lookup_actor
from .base import Context, Extractor, assign_ids
from .docindex import doc_text
from .entities import person_title_alternation
from .gazetteer import GeoEntry, Gazetteer, load_gazetteer
from .parties import org_sector

_FEATURE_GROUP = {
    "PCLI": "country", "ADM1": "admin1", "ADM2": "admin2", "PPL": "city", "PPLC": "city",
    "STM": "water", "SEA": "water", "LK": "water", "OCN": "water", "GULF": "water", "BAY": "water",
    "STRT": "water", "CHN": "water", "LKS": "water", "MTS": "mountain", "MT": "mountain", "CONT": "region",
    "RGN": "region", "PEN": "region", "PLN": "region", "ISL": "island",
}
#: population-like prior for entries without a population
_PRIOR_POP = {"country": 50_000_000, "admin1": 1_000_000, "admin2": 150_000, "water": 1_000_000,
              "mountain": 500_000, "region": 5_000_000, "island": 100_000}
_CC_TLD = re.compile(r"^https?://[^/]*\.([a-z]{2})(?::\d+)?(?:/|$)", re.I)
_TLD_COUNTRY_EXCEPTIONS = {"uk": "GB", "tv": None, "io": None, "co": None, "me": None, "fm": None, "ly": None}
#: outlets on generic domains are mostly American; a weak prior, weaker than a country-code domain
_GENERIC_TLD = re.compile(r"^https?://[^/]*\.(?:com|gov|edu|us)(?::\d+)?(?:/|$)", re.I)
#: a short all-capitals word: an acronym ("FDA") unless it is a country's or region's own short name
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
#: an unresolvable all-capitals or digit-bearing name is an acronym or a code, not a place
_CODE_LIKE = re.compile(r"^(?:[A-Z0-9.&-]+|.*\d.*)$")


@dataclass(frozen=True, slots=True)
class NameWords:
    """The words inside and around place names (``resources/en/places/name_words.yaml``), compiled
    into the patterns :func:`find_toponyms` and :func:`_candidates` use. The words are data; the
    shapes around them (a capitalised run before a feature word, a preposition before a name) are
    code. Built once per process by :func:`load_name_words`, never per document."""

    #: an institution word inside an organisation's name: "the Alexandria Police Department"
    institution: re.Pattern
    #: words before a place inside a name that are not part of the place's own name
    name_modifiers: frozenset[str]
    #: a direction before a place: "Northeast Georgia", "South Arlington"
    direction: re.Pattern
    #: a name that places a region only relative to something ("the Northwest", "Western", "the
    #: Gulf"): read as some country's region of that name only when the story names that country
    relative_names: frozenset[str]
    #: a first word that is never the place inside a name by itself ("New", "North")
    incomplete_heads: frozenset[str]
    #: what is left after cutting a name down must be more than a direction or a feature word
    generic_heads: frozenset[str]
    #: words after a place name that leave it that place: "Fargo City", "Lansing Township"
    name_tails: frozenset[str]
    #: state abbreviations that are also titles or words when they stand alone ("Miss.", "Del.")
    title_like_abbreviations: frozenset[str]
    #: "in Ripley", "near Taylor": a locative preposition right before a name
    locative_before: re.Pattern
    #: "the Kursk region": a first-level region written with its kind
    region_suffix: re.Pattern
    #: "West Nile virus", "Ebola fever": a disease named after a place is not that place
    disease_after: re.Pattern
    #: a one-word name before a speech verb ("Petrova said"): a person somewhere in the story
    speaker: re.Pattern
    #: a memorial-type name after a one-word head ("Webb Center", "Lee Academy")
    named_after: re.Pattern
    #: a landform or water named by its last word: "Kanawha River", "Canaan Valley"
    natural: re.Pattern
    #: a water feature's last word ("Kanawha River", "Cabin Creek")
    water_tail: re.Pattern
    #: a protected area: "Monongahela National Forest", "Dolly Sods Wilderness" (no gazetteer point)
    natural_area: re.Pattern
    #: a street, road or highway name (US and UK usage): "Main Street", "Highway 19"
    street: re.Pattern
    #: "City of Montreal", "County of Brant": an administrative prefix before the name
    admin_prefix: re.Pattern
    #: a feature cue word right after a name ("Kherson region") -> the feature group it points to
    cues_after: Mapping[str, str]
    #: feature cue words right before a name ("the province of Kursk") -> feature group, in file order
    cues_before: tuple[tuple[str, str], ...]


def _alternation(phrases: Iterable[str], suffix: str = "") -> str:
    """A regex alternation of literal words or phrases (a space between words matching any one
    whitespace character, ``suffix`` after each), longest first so that no word is cut short by a
    shorter one it starts with."""
    return "|".join(r"\s".join(map(re.escape, p.split())) + suffix
                    for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


def build_name_words(data: Mapping[str, Any]) -> NameWords:
    """Compile the name-word lists (the parsed ``places/name_words.yaml``) into :class:`NameWords`."""
    def words(key: str) -> list[str]:
        return [str(w) for w in data[key]]

    def alt(key: str) -> str:
        return _alternation(words(key))

    disease, natural, streets = data["disease_after"], data["natural_features"], data["streets"]
    return NameWords(
        institution=re.compile(r"\b(?:" + alt("institution_words") + r")\b", re.I),
        name_modifiers=frozenset(w.lower() for w in words("name_modifiers")),
        direction=re.compile(r"^(?:" + alt("directions") + r")\s+", re.I),
        relative_names=frozenset(w.lower() for w in [*words("directions"), *words("relative_names")]),
        incomplete_heads=frozenset(w.lower() for w in words("incomplete_heads")),
        generic_heads=frozenset(w.lower() for w in words("generic_heads")),
        name_tails=frozenset(w.lower() for w in words("name_tails")),
        title_like_abbreviations=frozenset(w.lower() for w in words("title_like_abbreviations")),
        locative_before=re.compile(r"\b(?:" + alt("locative_before") + r")\s+(?:the\s+)?$", re.I),
        region_suffix=re.compile(r"\s+(?:" + alt("region_suffixes") + r")$", re.I),
        disease_after=re.compile(r"^[\s-]+(?:\w*(?:" + _alternation(disease["word_endings"]) + r")|"
                                 + _alternation(disease["words"]) + r")\b", re.I),
        speaker=re.compile(r"\b([A-Z][a-z]+)(?:'s|’s)?\s+(?:" + alt("speaker_verbs") + r")\b"),
        named_after=re.compile(r"^\s+(?:" + alt("named_after") + r")\b"),
        natural=re.compile(r"^[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}\s(?:"
                           + _alternation([*natural["water"], *natural["land"]]) + r")$"),
        water_tail=re.compile(r"(?:" + _alternation(natural["water"]) + r")$", re.I),
        natural_area=re.compile(r"^[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}\s(?:" + alt("natural_areas") + r")$"),
        street=re.compile(r"(?:\s(?:" + _alternation(streets["words"]) + "|"
                          + _alternation(streets["abbreviations"], r"\.?") + r")|^(?:"
                          + _alternation(streets["numbered"]) + r")\s+\d+[A-Z]?)$"),
        admin_prefix=re.compile(r"^(?:" + alt("admin_prefixes") + r")\s+of\s+"),
        cues_after={str(k).lower(): str(v) for k, v in data["feature_cues"]["after"].items()},
        cues_before=tuple((str(k).lower(), str(v)) for k, v in data["feature_cues"]["before"].items()),
    )


@lru_cache(maxsize=1)
def load_name_words() -> NameWords:
    """Read and compile ``places/name_words.yaml`` once per process."""
    return build_name_words(resources.load_yaml("places/name_words.yaml"))


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    #: feature group a cue word points to (admin1, water, city...), if any
    cue: str | None = None
    #: an adjectival use of a country ("Ukrainian territory")
    demonym: str | None = None
    #: the cue is a plural noun after a list: "Harvey, Harper and Kingman counties"
    plural_cue: bool = False
    #: the name is also, under its own name, a region, country or curated feature ("Oregon", "Middle East")
    well_known: bool = False


@dataclass(slots=True)
class PlacesResources:
    gazetteer: Gazetteer
    tables: ActorTables
    #: words that are never a place on their own (place_stopwords.tsv, scope "always")
    never: frozenset[str] = frozenset()
    #: the words inside and around place names (places/name_words.yaml)
    words: NameWords = field(default_factory=load_name_words)


@dataclass(slots=True)
class _Geo:
    """What the document says about its own geography, from its unambiguous places."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    anchors: list[tuple[float, float]] = field(default_factory=list)
    outlet: str | None = None
    outlet_weight: float = 0.0
    #: the outlet's home (country, admin1), learned from its own articles
    home: tuple[str, str] | None = None

    def foreign(self, country: str | None) -> bool:
        """Is ``country`` absent from a story whose other places (three or more) are nearly all
        in one other country?"""
        total = sum(self.countries.values())
        if total < 3 or country in self.countries:
            return False
        return self.countries.most_common(1)[0][1] >= 0.75 * total


def load() -> PlacesResources:
    never = frozenset(row[0].lower() for row in resources.load_tsv("place_stopwords.tsv")[1:]
                      if row[1] == "always")
    return PlacesResources(load_gazetteer(), load_actor_tables(), never, load_name_words())


# -- finding toponyms ---------------------------------------------------------------


def find_toponyms(doc: Doc, ctx: Context, res: PlacesResources) -> list[Mention]:
    """Spans that name places (see the module docstring); no resolution here."""
    text = doc_text(doc)
    out: list[Mention] = []
    person_tokens = {w for e in ctx.record.entities if e.type == "PERSON" for w in e.text.split()}
    # "Ripley" after "coach Jim Ripley": a surname the model also tagged GPE is still the person
    surnames = {e.text.split()[-1] for e in ctx.record.entities if e.type == "PERSON" and len(e.text.split()) > 1}
    words = res.words
    speakers = _person_like(text, words)
    for ent in ctx.record.entities:
        start, end, name = ent.start, ent.end, ent.text
        if ent.type in ("GPE", "LOC", "FAC"):
            lead = re.match(r"(?i)the\s+", name)
            if lead:
                start += lead.end()
                name = text[start:end]
            if name.endswith(("'s", "’s")):
                end -= 2
                name = text[start:end]
            if not name:
                continue
        if ent.type in ("GPE", "LOC"):
            if name in person_tokens and not res.gazetteer.has(name):
                continue  # "Hartmann" after "Tom Hartmann": a person the model called a place
            if name in surnames and res.gazetteer.strength(name) < 3 and not words.locative_before.search(
                    text[max(0, start - 12):start]):
                continue
            if words.disease_after.match(text[end:end + 12]) or name.lower() in res.never:
                continue
            if name in speakers and res.gazetteer.strength(name) <= 1:
                continue  # "Petrova said", "President Saakashvili": a person the model called a place
            if _CODE_LIKE.match(name) and not res.gazetteer.has(name) and name.replace(".", "") not in \
                    _US_STATE_CODES_UPPER():
                continue
            if _ACRONYM.match(name) and name not in _US_STATE_CODES_UPPER() and \
                    res.tables.countries.get(name.lower()) is None and not any(
                    p or e.feature in ("PCLI", "ADM1") for e, p in res.gazetteer.lookup(name)):
                continue  # "the FDA": an alternate spelling of a village is no reading of an acronym
            longer = _extended_end(res.gazetteer, text, start, end)
            if longer is not None:
                end, name = longer, text[start:longer]
            plural = _LIST_OF_REGIONS.match(text[end:end + 80])
            if plural:
                out.append(Mention(start, end, name, ent.type, "admin2", plural_cue=True))
            else:
                out.append(Mention(start, end, name, ent.type, _cue(text, start, end, words)))
        elif ent.type == "NORP":
            low = name.lower()
            iso = res.tables.demonyms.get(low)
            if iso is not None:
                out.append(Mention(start, end, name, ent.type, None, demonym=iso))
            elif any(e.feature in ("ADM1", "RGN", "PEN") for e, _ in res.gazetteer.lookup(name)):
                # a region's adjective: "South Ossetian fighters", "Ohioans" (place_aliases.tsv)
                out.append(Mention(start, end, name, ent.type, None))
        elif ent.type in ("FAC", "ORG") and words.street.search(name) and name[:1].isupper() and not \
                _REGION_IN_STREET.search(name):
            # "Main Street", "Cabin Creek Road", "Highway 19": a toponym without a gazetteer point
            out.append(Mention(start, end, name, "FAC", "street"))
        elif ent.type in ("FAC", "ORG", "PERSON") and (words.natural.search(_strip_the(name)) or
                                                       words.natural_area.search(_strip_the(name))):
            # "the Monongahela National Forest", "Kanawha River", "Spice Run Wilderness": a named natural
            # feature the model called an organisation or a facility
            lead = re.match(r"(?i)the\s+", name)
            s0 = start + (lead.end() if lead else 0)
            cue = "water" if words.natural.search(name) and words.water_tail.search(name) else None
            out.append(Mention(s0, end, text[s0:end], "LOC", "street" if words.natural_area.search(name) else cue))
        elif ent.type in ("ORG", "FAC", "PERSON") and lookup_actor(res.tables, name) is None:
            organ = _state_organ(res.tables, text, ent.start, ent.end) if ent.type != "PERSON" else None
            if organ is not None:
                # "the Georgian Interior Ministry", "the South Korean Navy": the country whose organ it is
                out.append(Mention(organ[0], organ[1], text[organ[0]:organ[1]], "NORP", None, demonym=organ[2]))
                continue
            inner = _place_in_name(res.gazetteer, words, text, ent.start, ent.end, ent.type)
            if inner is None and ent.type == "ORG":
                inner = _country_at_end(res.tables, text, ent.start, ent.end)
            if inner is not None and text[inner[0]:inner[1]].lower() not in res.never:  # "Chamber of Commerce"
                out.append(Mention(inner[0], inner[1], text[inner[0]:inner[1]], "GPE", None))
    return _with_party_hometowns(text, _with_region_lists(text, out, res.gazetteer), res.gazetteer)


@lru_cache(maxsize=1)
def _titled() -> re.Pattern:
    """A title from ``person_titles.tsv`` (the one list entities strip) before a lone name."""
    return re.compile(r"\b(?i:" + person_title_alternation() + r")\s+([A-Z][a-z]+)\b(?![.,]?\s+[A-Z][a-z]+\b)")


def _person_like(text: str, words: NameWords) -> frozenset[str]:
    """One-word names used as a person somewhere in the story: before a speech verb ("Petrova said")
    or after a title ("President Saakashvili", "Gov. Pawlenty")."""
    spoken = (m.group(1) for m in words.speaker.finditer(text))
    titled = (m.group(1) for m in _titled().finditer(text) if m.group(0)[0].isupper())  # "Gov.", not "gov"
    return frozenset((*spoken, *titled))


def _strip_the(name: str) -> str:
    return re.sub(r"(?i)^the\s+", "", name)


#: a US legislator's party and hometown or state: "Torrey Westrom, R-Elbow Lake", "D-S.C."
_PARTY_HOMETOWN = re.compile(r"(?<![\w-])(?:D|R|I|DFL)-([A-Z][\w.]*(?:\s[A-Z][a-z]+)?)")


def _with_party_hometowns(text: str, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """The place after a party letter in a legislator's identification is a toponym, tagged or not."""
    if "-" not in text:
        return mentions
    out = list(mentions)
    for m in _PARTY_HOMETOWN.finditer(text):
        start, name = m.start(1), m.group(1).rstrip(".,")
        if name.endswith(("S.C", "N.C", "N.Y", "N.J", "N.H", "N.M", "N.D", "S.D", "W.Va", "R.I")):
            name += "."
        end = start + len(name)
        if any(o.start < end and start < o.end for o in out):
            continue
        if gz.has(name) or _US_STATE_CODES().get(name.replace(".", "").replace(" ", "").lower()):
            out.append(Mention(start, end, name, "GPE", None))
    return out


_REGION_LIST = re.compile(
    r"((?:[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+|,\s+or\s+)){1,12}"
    r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)\s+(counties|parishes)\b")
_LIST_ITEM = re.compile(r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?")


def _with_region_lists(text: str, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """'Barrow, Jackson and Madison counties': each name of the list is a county, whatever label the
    model gave it (it often calls them people or organisations). Items become county mentions,
    replacing an overlapping mention of another reading."""
    if "counties" not in text and "parishes" not in text:
        return mentions
    found: list[Mention] = []
    for lst in _REGION_LIST.finditer(text):
        suffix = " County" if lst.group(2) == "counties" else " Parish"
        for item in _LIST_ITEM.finditer(lst.group(1)):
            name = item.group(0)
            if name in ("And", "Or") or not gz.has(name + suffix):
                continue
            start = lst.start(1) + item.start()
            found.append(Mention(start, start + len(name), name, "GPE", "admin2", plural_cue=True))
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < f.end and f.start < m.end for f in found)]
    return kept + found


#: "Otter Tail County Road 80", "Twin Lakes - Highway 10": the road is named after a region or
#: follows a place; the place is the toponym
_REGION_IN_STREET = re.compile(r"\b(?:County|Parish|State)\s+(?:Road|Highway|Route)|\s[-–—]\s")
#: the rest of a list that ends in a plural region noun: ", Harper and Kingman counties"
_LIST_OF_REGIONS = re.compile(
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)*,?\s+(?:(?:and|or)\s+[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?\s+)?"
    r"(?:counties|parishes)\b")
_OF_PLACE = re.compile(r"\b(?:of|in|for)\s+((?:[A-Z][\w.'-]*\s?){1,3})$")
#: "Friends of the Mansfield Public Library": "of (the)" followed by a capitalised run inside a name
_OF_PLACE_INSIDE = re.compile(r"\bof\s+(?:the\s+)?((?:[A-Z][\w.'-]*\s?){1,3})")
def _place_in_name(gz: Gazetteer, nw: NameWords, text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """A place named inside an organisation's or facility's name: 'University of Minnesota',
    'the Alexandria Police Department', 'Douglas County Sheriff's Office', 'Fargo-Moorhead'."""
    name = text[start:end]
    lead = re.match(r"(?i)the\s+", name)
    if lead:
        start += lead.end()
        name = text[start:end]
    m = _OF_PLACE.search(name) or _OF_PLACE_INSIDE.search(name)
    if m:
        # "University of Minnesota", "Association of Georgia Educators", "United Way of Metropolitan
        # Atlanta": the longest leading run of the words after "of" that is a place
        words = m.group(1).split()
        for skip in (0, 1):
            for n in range(len(words), skip, -1):
                candidate = " ".join(words[skip:n])
                if skip and words[0].lower() not in nw.name_modifiers:
                    break
                if gz.strength(candidate) >= 1 and not nw.institution.fullmatch(candidate) and \
                        candidate.lower() not in nw.name_modifiers:
                    s = start + m.start(1) + m.group(1).index(candidate)
                    return s, s + len(candidate)
    institution = bool(nw.institution.search(name))
    first = re.match(r"[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,2}", name)
    if not first:
        return None
    tokens = first.group(0).split()
    if "." in tokens[0] and len(tokens) > 1 and _US_STATE_CODES().get(tokens[0].replace(".", "").lower()):
        return start, start + len(tokens[0])  # "the S.C. Highway Patrol", "the Ga. Department of Labor"
    # "Alexandria’s Circuit Court", "Edmonton’s second appliance": a possessive ends the place's
    # name, and the whole name before it must be the place ("Nelson Mandela's", "St. Paul's" are not)
    for k, tok in enumerate(tokens):
        if tok.endswith(("'s", "’s")):
            head = " ".join(tokens[:k] + [tok[:-2]])
            if label != "PERSON" and not head.startswith(("St.", "St ", "Saint")) and gz.strength(head) >= 2:
                return start, start + len(head)
            if k == 0:
                return None
            tokens = tokens[:k]  # "Douglas County Sheriff's Office": the place is in what comes before
            break
    if len(tokens) > 1 and tokens[0].lower() in nw.name_modifiers and gz.strength(" ".join(tokens)) == 0:
        # "Northern Illinois University", "Northeast Georgia Medical Center", "Metropolitan Atlanta"
        rest_tokens = tokens[1:]
        for n in range(len(rest_tokens), 0, -1):
            head = " ".join(rest_tokens[:n])
            if gz.strength(head) >= 2:
                s = start + name.index(head)
                return s, s + len(head)
    for n in range(len(tokens), 0, -1):
        head = " ".join(tokens[:n])
        rest = name[len(head):]
        if not rest.strip() or head.lower() in nw.incomplete_heads:
            continue
        if n == 1 and nw.institution.fullmatch(head):
            continue  # "University of Kentucky": the institution word is no place
        separator = rest[:1] in ("/", "-", "–")
        # a one-word head of a memorial-type name ("Webb Center", "Lee Academy") is often a person's name
        memorial = n == 1 and nw.named_after.search(rest)
        need = 1 if (n > 1 or (institution and not memorial) or separator or
                     head.endswith(("County", "Parish"))) else 2
        if label == "PERSON" and not (institution or separator):
            continue
        if gz.strength(head) >= need:
            return start, start + len(head)
    return None


#: words that may continue a place name the model cut short: "Democratic Republic | of the Congo",
#: "Bosnia | and Herzegovina"
_CONTINUATION = re.compile(r"\s+(?:of|the|and|de|del|da|do|[A-Z][\w'’.-]*)")


def _extended_end(gz: Gazetteer, text: str, start: int, end: int) -> int | None:
    """The end of the longest region, country or feature name (gazetteer strength 2+) that starts
    where the mention does and runs on past it by up to four words, ending in a capitalised one;
    None when the mention is not a cut-short name."""
    pos, best = end, None
    for _ in range(4):
        m = _CONTINUATION.match(text, pos)
        if not m:
            break
        pos = m.end()
        if text[m.start():pos].strip()[:1].isupper() and gz.strength(text[start:pos]) >= 2:
            best = pos
    return best


def _state_organ(tables: ActorTables, text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The demonym opening a government or military body's name ("the Georgian Interior Ministry",
    "the South Korean Navy"), with its country: the body belongs to that country. Sectors come from
    parties/org_sectors.tsv, as for the parties of events; a company ("American Airlines") has none."""
    name = text[start:end]
    lead = re.match(r"(?i)the\s+", name)
    if lead:
        start += lead.end()
        name = text[start:end]
    words = name.split()
    for n in (2, 1):
        if len(words) <= n:
            continue
        head = " ".join(words[:n])
        iso = tables.demonyms.get(head.lower())
        if iso is None:
            continue
        rest = " ".join(words[n:])
        return (start, start + len(head), iso) if org_sector(rest) in ("government", "military") else None
    return None


def _country_at_end(tables: ActorTables, text: str, start: int, end: int) -> tuple[int, int] | None:
    """A country named at the end of an organisation's name: "SOS Children's Villages Sudan",
    "Save the Children UK" (the branch's country). Not a region: "Real Madrid", "Radio Pyongyang"
    and "Operation Falcon" end in first-level region names too."""
    words = list(re.finditer(r"[\w'’.-]+", text[start:end]))
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        s = start + words[-n].start()
        if tables.countries.get(text[s:end].lower()) is not None:
            return s, end
    return None


def _cue(text: str, start: int, end: int, words: NameWords) -> str | None:
    """The feature group a cue word next to the name points to: after it ("Kherson region"), before
    it ("the province of Kursk"), or ending the name itself ("Rapides Parish")."""
    after = re.match(r"\s+([A-Za-z]+)", text[end:end + 16])
    if after and after.group(1).lower() in words.cues_after:
        return words.cues_after[after.group(1).lower()]
    before = text[max(0, start - 20):start].lower().rstrip()
    before = re.sub(r"\bthe$", "", before).rstrip()
    for cue, group in words.cues_before:
        if before.endswith(cue):
            return group
    name_tail = text[start:end].lower().rsplit(" ", 1)[-1]
    return words.cues_after.get(name_tail)


# -- choosing an entry --------------------------------------------------------------


def _state_abbreviation(text: str, m: Mention, words: NameWords) -> str | None:
    """The USPS code of a state written as US news abbreviates it: 'Salina, Kan.', 'D-S.C.',
    'Orlando, Fla.' (after a comma or a party letter, or with its full stop and not a title)."""
    bare = m.text.replace(".", "").replace(" ", "")
    code = _US_STATE_CODES().get(bare.lower())
    if code is None or not m.text[:1].isupper() or (bare.isupper() and len(bare) == 2 and "." not in m.text):
        return None
    before = text[max(0, m.start - 3):m.start]
    if before.endswith((", ", ",", "D-", "R-", "I-")):
        return code
    dotted = m.text.endswith(".") or text[m.end:m.end + 1] == "."
    return code if dotted and bare.lower() not in words.title_like_abbreviations else None


def _candidates(gz: Gazetteer, tables: ActorTables, words: NameWords, m: Mention,
                text: str = "") -> list[tuple[GeoEntry, bool]]:
    """Gazetteer readings of a mention; may narrow ``m`` to the part that names the place
    ("Otter Tail County Road" -> "Otter Tail County")."""
    if m.demonym is not None:
        i = gz.country_entry.get(m.demonym)
        return [(gz.entry(i), True)] if i is not None else []
    if m.cue == "street":
        return []  # no street gazetteer: kept unresolved, never read as a namesake town
    state = _state_abbreviation(text, m, words) if text else None
    if state is not None and ("US", state) in gz.admin1_entry:
        return [(gz.entry(gz.admin1_entry[("US", state)]), True)]
    if m.cue == "admin2" and m.plural_cue:
        # "Harvey, Harper and Kingman counties": each is "<name> County"
        found = [c for suffix in (" County", " Parish") for c in _lookup(gz, tables, words, m.text + suffix)]
        if found:
            return found
    found = _lookup(gz, tables, words, m.text)
    if found:
        return found
    # "Northeast Georgia", "South Arlington": the place is what follows the direction
    direction = words.direction.match(m.text)
    if direction and m.text[direction.end():].lower() not in words.generic_heads:
        found = _lookup(gz, tables, words, m.text[direction.end():])
        if found:
            return found
    # "Fargo City", "Douglas County Road": the longest leading part that is a place
    tokens = m.text.split()
    for n in range(len(tokens) - 1, 0, -1):
        head = " ".join(tokens[:n])
        if n == 1 and head.lower().rstrip(".") in words.generic_heads:
            break
        tail = tokens[n]
        if len(tokens) == 2 and tail[:1].isupper() and not (
                words.institution.fullmatch(tail) or tail.lower() in words.name_tails or
                tail.lower() in words.cues_after):
            continue  # "Tennessee Colony" is not Tennessee; "Fargo City" and "Neches River" are Fargo, Neches
        found = _lookup(gz, tables, words, head)
        if found:
            m.end = m.start + len(head)
            m.text = head
            return found
    # "City of Montreal", "County of Brant": the name after an administrative prefix
    prefix = words.admin_prefix.match(m.text)
    if prefix:
        found = _lookup(gz, tables, words, m.text[prefix.end():])
        if found:
            m.start += prefix.end()
            m.text = m.text[prefix.end():]
            return found
    # "SOS Children's Villages Sudan", "North-Western Sydney", "Mid-Jutland", "Central and South America":
    # a well-known place (a region, a country, a large city or a curated feature) ending the span
    tail_words = re.split(r"(?<=[\s-])", m.text)
    for n in range(len(tail_words) - 1, 0, -1):
        tail = "".join(tail_words[-n:]).strip()
        if tail[:1].isupper() and gz.strength(tail) >= 2 and tail.lower() not in words.generic_heads:
            found = _lookup(gz, tables, words, tail)
            if found:
                m.start = m.end - len(tail)
                m.text = tail
                return found
    return []


def _lookup(gz: Gazetteer, tables: ActorTables, words: NameWords, text: str) -> list[tuple[GeoEntry, bool]]:
    found = gz.lookup(text)
    if found:
        return found
    stripped = words.region_suffix.sub("", text)
    if stripped != text:
        found = [(e, p) for e, p in gz.lookup(stripped) if e.feature == "ADM1"]
        if found:
            return found
    low = text.lower()
    if low in tables.demonyms:
        i = gz.country_entry.get(tables.demonyms[low])
        return [(gz.entry(i), True)] if i is not None else []
    code = _US_STATE_CODES().get(text.replace(".", "").replace(" ", "").lower())
    if code is not None and (text[:1].isupper()):
        i = gz.admin1_entry.get(("US", code))
        return [(gz.entry(i), True)] if i is not None else []
    return []


def _group(entry: GeoEntry) -> str:
    return _FEATURE_GROUP.get(entry.feature, "city" if entry.feature.startswith("PPL") else "region")


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dl = math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _compat(a: GeoEntry, b: GeoEntry) -> float:
    """How much one reading supports another: same first-level region or within 100 km, 1;
    same country, a little."""
    if a.country and a.country == b.country:
        if a.admin1 and a.admin1 == b.admin1:
            if _inside_county(a, b) or _inside_county(b, a):
                return CONTAINED
            return 1.0
        if a.lat is not None and b.lat is not None and _distance_km((a.lat, a.lon), (b.lat, b.lon)) < 100:
            return 1.0
        return 0.15
    return 0.0


#: how much a county supports a town inside it ("Huntsville" and "Walker County": Texas, not Alabama)
CONTAINED = 2.0
#: a town within this distance of a county's representative point (the median of its towns) is
#: taken to be in it; US counties are mostly 30-60 km across
COUNTY_RADIUS_KM = 35.0


def _inside_county(town: GeoEntry, county: GeoEntry) -> bool:
    return (_group(town) == "city" and county.feature == "ADM2" and town.lat is not None
            and county.lat is not None
            and _distance_km((town.lat, town.lon), (county.lat, county.lon)) < COUNTY_RADIUS_KM)


def _support(cands: list[list[tuple[GeoEntry, bool]]], names: list[str], top: int = 5) -> list[list[float]]:
    """For each candidate of each mention, the corroboration from the other names' plausible
    readings (their ``top`` by prior): towns in one story tend to share a region."""
    plausible: dict[str, list[GeoEntry]] = {}
    for name, cs in zip(names, cands):
        if name not in plausible and cs:
            ranked = sorted(cs, key=lambda c: -(math.log10((c[0].population or _PRIOR_POP.get(_group(c[0]), 1000)) + 10)
                                                 + (1.5 if c[1] else 0)))
            plausible[name] = [e for e, _ in ranked[:top]]
    out: list[list[float]] = []
    for name, cs in zip(names, cands):
        row = []
        for entry, _ in cs:
            total = 0.0
            for other, readings in plausible.items():
                if other == name:
                    continue
                total += max((_compat(entry, d) for d in readings), default=0.0)
            row.append(total)
        out.append(row)
    return out


#: a country's capital before a first-level region of the same name in that country ("Washington" is
#: the capital unless the text says "Washington state"; "Moscow", "Tokyo", "Beijing")
CAPITAL_OVER_REGION = 1.5
CAP_WELL_KNOWN = 4.0
DEMONYM_VOTE = 0.25
CURATED_BONUS = 2.0
#: the outlet's home region, for that region itself or a town or county there: less than the story
#: naming that region (2.5) or the state after the name (6), so the article's own evidence wins
HOME_WEIGHT = 2.0


def score(entry: GeoEntry, primary: bool, m: Mention, geo: _Geo, following_admin1: str | None,
          support: float = 0.0, sibling: str | None = None) -> float:
    """Evidence for ``entry`` being what mention ``m`` means; higher is better."""
    group = _group(entry)
    s = 0.0
    if sibling is not None and following_admin1 is None and group == sibling:
        s += 2.5  # "Arizona, California, Colorado": the items of a list are of one kind
    pop = (entry.population or _PRIOR_POP["admin1"]) if group == "admin1" else \
        entry.population or _PRIOR_POP.get(group, 1000)
    s += math.log10(pop + 10)
    if primary:
        s += 1.5
    elif entry.population < 100_000 and group == "city":
        s -= 2.0  # a small town's alternate name is weak evidence ("Egypt" for a village)
    if group == "country":
        # a country's own name means the country unless the text says otherwise ("Norway, Maine"),
        # or the whole story is in another country that has a region or town of that name
        # ("Georgia residents" in an American local paper)
        if primary and following_admin1 is None and m.cue in (None, "admin1"):
            s += 4.0 if geo.foreign(entry.country) else 7.0
        else:
            s += 2.0
    elif group == "admin1":
        s += 0.8
    if entry.feature == "PPLC":
        s += 1.0
    if entry.country and geo.countries:
        share = geo.countries[entry.country] / max(1, sum(geo.countries.values()))
        s += 3.0 * share + (1.0 if entry.country in geo.countries else 0.0)
    # the story's own geography near this reading: its region named, places nearby, co-occurring
    # names that fit it (added up below; capped for names that are also a region or a country)
    local = 0.0
    if entry.admin1 and (entry.country, entry.admin1) in geo.admin1 and group != "admin1":
        local += 2.5
    if following_admin1 is not None:
        s += 6.0 if entry.admin1 == following_admin1 else -3.0
    if entry.country and entry.country == geo.outlet:
        s += geo.outlet_weight
    if geo.home is not None and group in ("city", "admin2", "admin1") and (entry.country, entry.admin1) == geo.home:
        s += HOME_WEIGHT  # a local paper's own region and towns ("Georgia" in an Atlanta paper)
    if geo.anchors and entry.lat is not None and group in ("city", "admin2"):
        near = min(_distance_km((entry.lat, entry.lon), a) for a in geo.anchors)
        if near < 100:
            local += 2.0
        elif near < 400:
            local += 1.0
    if m.cue is not None:
        s += 4.0 if m.cue == group else (-1.0 if m.cue in ("water", "admin1", "admin2") else 0.0)
    if m.label == "LOC" and group in ("water", "mountain", "region", "admin1"):
        s += 1.0
    if group not in ("country", "region", "water"):
        # nearby towns make a town likely, but do not by themselves outweigh a region or feature of
        # that name ("Oregon" in a story full of Ohio towns is still the state; "Florida" in a story
        # that names New York is not the village of Florida, N.Y.)
        local += min(6.0, 1.5 * support)
        if m.well_known and group in ("city", "admin2"):
            local = min(local, CAP_WELL_KNOWN)
    elif primary and not entry.population and group != "country":
        s += CURATED_BONUS  # a curated sea, river or region under its own name, not a hamlet's alternate name
    s += local
    if entry.lat is None:
        s -= 5.0
    return s


def _following_admin1(text: str, m: Mention, gz: Gazetteer) -> str | None:
    """The admin1 code of a region right after the name: 'Alexandria, La.', 'Paris, Texas'."""
    nxt = re.match(r",\s*([A-Z][A-Za-z.]+(?:\s[A-Z][a-z]+)?)", text[m.end:m.end + 30])
    if not nxt:
        return None
    name = nxt.group(1).rstrip(".,")
    for entry, _ in gz.lookup(name):
        if entry.feature == "ADM1" and entry.admin1:
            return entry.admin1
    return _US_STATE_CODES().get(name.replace(".", "").lower())


@lru_cache(maxsize=1)
def _US_STATE_CODES_UPPER() -> frozenset[str]:  # noqa: N802 - a constant table, loaded once
    return frozenset(row[0].upper() for row in resources.load_tsv("us_state_abbreviations.tsv")[1:])


@lru_cache(maxsize=1)
def _US_STATE_CODES() -> dict[str, str]:  # noqa: N802 - a constant table, loaded once
    return {row[0].lower(): row[1] for row in resources.load_tsv("us_state_abbreviations.tsv")[1:]}


def outlet_country(url: str | None) -> str | None:
    """The country an outlet's country-code domain names ('.co.uk' -> GB), if it has one."""
    return _outlet_country(url)[0] if url and _CC_TLD.match(url) else None


def likely_outlet_country(url: str | None) -> str | None:
    """The country an outlet's domain suggests: its country code, or the United States for a
    generic domain (.com, .gov, .edu), the weak prior places use."""
    return _outlet_country(url)[0]


def _outlet_country(url: str | None) -> tuple[str | None, float]:
    """The outlet's likely country and how much to trust it, from its domain."""
    if not url:
        return None, 0.0
    m = _CC_TLD.match(url)
    if m:
        tld = m.group(1).lower()
        if tld in _TLD_COUNTRY_EXCEPTIONS:
            country = _TLD_COUNTRY_EXCEPTIONS[tld]
            return country, (1.5 if country else 0.0)
        return tld.upper(), 1.5
    if _GENERIC_TLD.match(url):
        return "US", 0.8
    return None, 0.0


def _context(chosen: list[GeoEntry | None], mentions: list[Mention], skip: str, outlet: tuple,
             home: tuple[str, str] | None = None) -> _Geo:
    """The document's geography from the chosen readings of every mention except those named ``skip``
    (a name must not vote for its own reading)."""
    geo = _Geo(outlet=outlet[0], outlet_weight=outlet[1], home=home)
    for m, e in zip(mentions, chosen):
        if e is None or m.text.lower() == skip:
            continue
        if e.country:
            # "Irish" in a St Patrick's Day story is weaker evidence of Ireland than "Dublin, Ireland"
            geo.countries[e.country] += DEMONYM_VOTE if m.demonym is not None else 1
        if _group(e) == "admin1":
            geo.admin1[(e.country, e.admin1)] += 1
        elif e.admin1:
            geo.admin1[(e.country, e.admin1)] += 0.5
        if _group(e) in ("city", "admin2", "admin1") and e.lat is not None:
            geo.anchors.append((e.lat, e.lon))
    return geo


_LIST_SEPARATOR = re.compile(r"^\s*(?:,|;|/|&|and|or|,\s*and|,\s*or)\s*$")


def _list_neighbours(mentions: list[Mention], text: str) -> list[list[int]]:
    """For each mention, the mentions next to it in a list ("Arizona, California and Colorado")."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    out: list[list[int]] = [[] for _ in mentions]
    for a, b in zip(order, order[1:]):
        between = text[mentions[a].end:mentions[b].start]
        if len(between) <= 7 and _LIST_SEPARATOR.match(between):
            out[a].append(b)
            out[b].append(a)
    return out


def resolve(mentions: list[Mention], text: str, res: PlacesResources, url: str | None = None,
            home: OutletHome | None = None) -> list[Place]:
    """Choose a gazetteer entry for each mention (see the module docstring)."""
    home_region = (home.country, home.admin1) if home is not None else None
    gz = res.gazetteer
    outlet = _outlet_country(url)
    cands = [_candidates(gz, res.tables, res.words, m, text) for m in mentions]
    for m, cs in zip(mentions, cands):
        m.well_known = any(p and (e.feature in ("ADM1", "PCLI") or (not e.population and _group(e) in (
            "region", "water", "mountain"))) for e, p in cs)
    # "Paris, Texas" but not "Arizona, California, Colorado": a name that is itself a region or a
    # country is an item of a list, not a town followed by its state
    following = [None if any(p and e.feature in ("ADM1", "PCLI") for e, p in cs) else _following_admin1(text, m, gz)
                 for m, cs in zip(mentions, cands)]
    support = _support(cands, [m.text.lower() for m in mentions])
    # 1. a first reading of each mention from its own evidence (prior, cues, outlet)
    bare = _Geo(outlet=outlet[0], outlet_weight=outlet[1], home=home_region)
    def best(cs, m, geo, f, sup, sibling=None):
        capitals = {e.country for e, p in cs if p and e.feature == "PPLC"}
        return max(range(len(cs)), key=lambda k: score(cs[k][0], cs[k][1], m, geo, f, sup[k], sibling) - (
            CAPITAL_OVER_REGION if cs[k][0].feature == "ADM1" and cs[k][0].country in capitals else 0.0))

    neighbours = _list_neighbours(mentions, text)

    chosen: list[GeoEntry | None] = [
        cs[best(cs, m, bare, f, sup)][0] if cs else None
        for m, cs, f, sup in zip(mentions, cands, following, support)]
    # 2. re-read each mention in the light of the others' readings, twice
    for _ in range(2):
        contexts: dict[str, _Geo] = {}
        new: list[GeoEntry | None] = []
        for i, (m, cs, f, sup) in enumerate(zip(mentions, cands, following, support)):
            if not cs:
                new.append(None)
                continue
            key = m.text.lower()
            if key not in contexts:
                contexts[key] = _context(chosen, mentions, key, outlet, home_region)
            kinds = Counter(_group(chosen[j]) for j in neighbours[i] if chosen[j] is not None)
            sibling = kinds.most_common(1)[0][0] if kinds else None
            new.append(cs[best(cs, m, contexts[key], f, sup, sibling)][0])
        chosen = new
    # one sense per document for names without a cue of their own
    sense: dict[str, GeoEntry] = {}
    for i, (m, e) in enumerate(zip(mentions, chosen)):
        if e is None or m.cue is not None or following[i] is not None:
            continue
        sense.setdefault(m.text.lower(), e)
    places: list[Place] = []
    for i, (m, e) in enumerate(zip(mentions, chosen)):
        if e is not None and m.cue is None and following[i] is None:
            e = sense.get(m.text.lower(), e)
        if e is not None and e.feature == "ADM1" and _strip_the(m.text).lower() in res.words.relative_names and \
                e.country not in _context(chosen, mentions, m.text.lower(), outlet, home_region).countries:
            e = None  # "the Northwest" in an American paper is not Iceland's Northwest region
        if e is None:
            places.append(Place(id="", text=m.text, start=m.start, end=m.end, name=None, country=None,
                                lat=None, lon=None, geonameid=None, feature=None, extractor=EXTRACTOR.name))
        else:
            places.append(Place(id="", text=m.text, start=m.start, end=m.end, name=e.name, country=e.country,
                                lat=e.lat, lon=e.lon, geonameid=e.geonameid, feature=e.feature,
                                extractor=EXTRACTOR.name))
    return places


def extract(doc: Doc, ctx: Context) -> list[Place]:
    res = ctx.resources.get(EXTRACTOR.name)
    if not isinstance(res, PlacesResources):
        res = load()
    mentions = find_toponyms(doc, ctx, res)
    return assign_ids(resolve(mentions, doc_text(doc), res, ctx.article.url, ctx.outlet_home), "p")


def first_level_readings(res: PlacesResources) -> Callable[[str], list[Reading]]:
    """Every gazetteer reading of a name (as :func:`resolve` looks names up, "Ky." included), for
    :func:`newsledger.link.outlets.learn_homes`."""
    def readings(name: str) -> list[Reading]:
        return [Reading(e.geonameid, e.feature, e.country, e.admin1)
                for e, _ in _lookup(res.gazetteer, res.tables, res.words, name)]
    return readings


EXTRACTOR = Extractor(name="places", version="1.22", field="places", run=extract, load=load)
