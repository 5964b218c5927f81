"""NER repair: a gazetteer-backed pass after spaCy's recogniser.

The small English model mislabels some names (it tags "Kursk" as PRODUCT and
"Chosun Ilbo" as PERSON) and misses lower-cased names in machine-translated
text ("kyiv"). This component runs after ``ner`` and only touches what the
tables give evidence for, so the model's other labels stay as they were:

1. known actors (``actor_aliases.tsv``) get their table type (ORG, PERSON),
   replacing an overlapping entity of another type;
2. an entity labelled PRODUCT, WORK_OF_ART, LAW, EVENT or FAC whose whole
   text is a country, first-level region or city of 100,000+ people becomes
   GPE; a PERSON or ORG does too when a locative cue precedes it ("in",
   "province of") and no person or organisation of that name is known;
3. a name the model left untagged becomes GPE when it is a country, a
   demonym-free country alias, a capital or a city of 1,000,000+ people written
   in lower case (machine translation) or capitalised ("Remember Aleppo!"), a
   capitalised first-level region or 100,000+ city not opening a sentence on
   its own, or a gazetteer place of 10,000+ people after a locative cue ("in
   Kursk", "near Avdiivka").

It does not add patterns for every gazetteer name (that would tag "Mobile" or
"Reading" everywhere); the places extractor decides what an entity refers to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import resources
from .actors import ActorTables, load_actor_tables, lookup_actor
from .docindex import doc_text
from .gazetteer import Gazetteer, load_gazetteer

COMPONENT = "newsledger_ner_repair"

_WRONG_FOR_PLACES = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC"})
_MEMO_LIMIT = 200_000
#: "Gainesville and Lindsay", "Darfur and Malakal": a name coordinated with a tagged place
_COORDINATION = frozenset({"and", "or", ","})


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """Words around a name that make it a place (``resources/en/place_cues.yaml``): data,
    so a new cue is a line in a file."""

    locative: frozenset[str]
    directions: frozenset[str]
    region_nouns: frozenset[str]
    local_nouns: frozenset[str]
    local_after_article: frozenset[str]
    #: lower-case words inside a capitalised place name ("Rio de Janeiro")
    name_particles: frozenset[str]


@lru_cache(maxsize=1)
def load_place_cues() -> PlaceCues:
    """Read the place cue words once per process."""
    data = resources.load_yaml("place_cues.yaml")
    return PlaceCues(**{name: frozenset(data[name]) for name in PlaceCues.__slots__})


def _words() -> dict[str, str]:
    """word -> scope ('always' or 'lower'), from place_stopwords.tsv."""
    return {row[0].lower(): row[1] for row in resources.load_tsv("place_stopwords.tsv")[1:]}


class NerRepair:
    def __init__(self, tables: ActorTables, gazetteer: Gazetteer, stopwords: dict[str, str],
                 cues: PlaceCues | None = None) -> None:
        self.tables = tables
        self.cues = cues or load_place_cues()
        self.gz = gazetteer
        self.stopwords = stopwords
        # Gazetteer answers per surface string. The pass asks about nearly every
        # word of every article and word frequencies are Zipfian, so a memo
        # turns most lookups (case folding, diacritics, bisection) into one
        # dict hit. Bounded: cleared when it grows past _MEMO_LIMIT entries.
        self._memo: dict[tuple[str, str], int | bool] = {}

    def _ask(self, question: str, text: str) -> int | bool:
        k = (question, text)
        answer = self._memo.get(k)
        if answer is None:
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            answer = self._memo[k] = getattr(self.gz, question)(text)
        return answer

    # -- evidence ------------------------------------------------------------------
    def _place_strength(self, text: str) -> int:
        return self._ask("strength", text)  # type: ignore[return-value]

    def _locative_before(self, doc: Doc, start: int) -> bool:
        i = start - 1
        while i >= 0 and doc[i].lower_ in ("the",):
            i -= 1
        if i < 0:
            return False
        cues = self.cues
        if doc[i].lower_ in cues.locative:
            # "of" counts only after a region noun ("the province of Kursk") or in a news
            # identification ("Rebecca Sears, 41, of Grovetown")
            # or after a person's name ("driven by Larry Dunaway of Berea")
            return doc[i].lower_ != "of" or (i > 0 and (doc[i - 1].lower_ in cues.region_nouns or doc[i - 1].text == ","
                                                         or doc[i - 1].lower_ in cues.directions
                                                         or (doc[i - 1].ent_type_ == "PERSON" and i - 1 > 0
                                                             and doc[i - 2].ent_type_ == "PERSON")))
        return doc[i].lower_ in cues.region_nouns

    def _local_noun_after(self, doc: Doc, ent: Span) -> bool:
        """'Roswell police', 'Avondale Mayor', 'Danbury residents': a town's name before what a town has;
        'a Gainesville restaurant', 'an Independence teenager'."""
        return self._local_after(doc, ent.start, ent.end)

    def _local_after(self, doc: Doc, start: int, end: int) -> bool:
        if end >= len(doc):
            return False
        nxt = doc[end].lower_
        if nxt in self.cues.local_nouns:
            return True
        return nxt in self.cues.local_after_article and start > 0 and doc[start - 1].lower_ in ("a", "an")

    def _org_or_person_is_place(self, doc: Doc, ent: Span) -> bool:
        """The model often calls a bare place name ORG (local news) or PERSON ("Kiev")."""
        text = ent.text
        low = text.lower()
        if (self._local_noun_after(doc, ent) or self._dateline(doc, ent.start, ent.end) and text.isupper()) \
                and low not in self.stopwords and self._place_strength(text) >= 1:
            return True
        if ent.label_ == "ORG":
            # an organisation's own name rarely is exactly a gazetteer place of some size
            strength = self._place_strength(text)
            return strength >= 2 or (strength >= 1 and self._locative_before(doc, ent.start))
        if low in self.stopwords:
            return False
        strength = self._place_strength(text)
        if self._locative_before(doc, ent.start):
            return strength >= 1
        return strength >= 3 or (strength >= 2 and len(ent) > 1)

    # -- the pass --------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        keep: list[Span] = []
        forced: list[Span] = []
        for ent in doc.ents:
            text = ent.text
            actor = lookup_actor(self.tables, text, ent.label_ if ent.label_ == "PERSON" else None) \
                if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC") else None
            if actor is not None and actor.type != ent.label_ and not (
                    actor.type == "ORG" and ent.label_ in ("GPE", "NORP")):
                forced.append(Span(doc, ent.start, ent.end, label=actor.type))
                continue
            if ent.label_ in _WRONG_FOR_PLACES and self._place_strength(text) >= 2:
                forced.append(Span(doc, ent.start, ent.end, label="GPE"))
                continue
            if ent.label_ == "NORP" and text.lower() not in self.tables.demonyms and self._local_noun_after(doc, ent) \
                    and self._place_strength(text) >= 1:
                forced.append(Span(doc, ent.start, ent.end, label="GPE"))  # "a Kalamazoo woman"
                continue
            if ent.label_ in ("PERSON", "ORG") and actor is None and self._org_or_person_is_place(doc, ent):
                forced.append(Span(doc, ent.start, ent.end, label="GPE"))
                continue
            keep.append(ent)
        # one sense per document: a name tagged as a place once is a place everywhere in it
        place_texts = {s.text for s in keep + forced if s.label_ in ("GPE", "LOC")}
        for n, ent in enumerate(keep):
            if ent.label_ in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "NORP") and ent.text in place_texts \
                    and lookup_actor(self.tables, ent.text) is None:
                keep[n] = Span(doc, ent.start, ent.end, label="GPE")
        keep, forced = self._coordinated(doc, keep, forced)
        covered = set()
        for s in keep + forced:
            covered.update(range(s.start, s.end))
        forced.extend(self._untagged(doc, covered, place_texts))
        forced.extend(self._actor_mentions(doc, covered))
        doc.ents = filter_spans(forced + keep)
        return doc

    def _untagged(self, doc: Doc, covered: set[int], place_texts: set[str]) -> list[Span]:
        """Places the model left untagged: lower-cased major names, or names after a locative cue."""
        found: list[Span] = []
        tokens = list(doc)  # Doc.__getitem__ builds a new Token each time; this loop asks often
        text_of_doc = doc_text(doc)
        i = 0
        n = len(tokens)
        while i < n:
            if i in covered or not tokens[i].is_alpha:
                i += 1
                continue
            matched = False
            longest = min(4, n - i) if self._ask("continues", tokens[i].text) else 1
            for length in range(longest, 0, -1):
                if any(j in covered for j in range(i, i + length)):
                    continue
                words = tokens[i:i + length]
                last = words[-1]
                if not last.is_alpha:
                    continue
                text = text_of_doc[words[0].idx:last.idx + len(last.text)]
                low = text.lower()
                if len(low) < 3 or (length == 1 and words[0].is_stop) or self.stopwords.get(low) == "always":
                    continue
                if text in place_texts and not text.islower():
                    ok = True
                elif text.isupper() and self._dateline(doc, i, i + length):
                    ok = self._place_strength(text) >= 1
                elif text.islower() or text.isupper():
                    if low in self.stopwords:
                        continue
                    ok = self._place_strength(text) >= 3
                elif text[0].isupper() and all(t.is_title or t.lower_ in self.cues.name_particles for t in words):
                    # cheap token tests first: most capitalised words here are names the gazetteer is not asked about
                    if low in self.stopwords:
                        ok = False
                    elif (self._locative_before(doc, i) or self._local_after(doc, i, i + length)) and \
                            not (words[0].is_sent_start and length == 1):
                        ok = self._place_strength(text) >= 1
                    elif self._stands_alone(tokens, i, i + length, True):
                        # a country, a capital, a region or a 100k+ city by its own name needs no cue
                        strength = self._place_strength(text)
                        ok = (strength >= 3 or (strength == 2 and self._stands_alone(tokens, i, i + length, False))) \
                            and self._ask("primary", text)
                    else:
                        ok = False
                else:
                    ok = False
                if ok and not self._ask("has", text) and text not in place_texts:
                    ok = False
                if ok:
                    found.append(Span(doc, i, i + length, label="GPE"))
                    covered.update(range(i, i + length))
                    i += length
                    matched = True
                    break
            if not matched:
                i += 1
        return found

    @staticmethod
    def _stands_alone(tokens: list, start: int, end: int, major: bool) -> bool:
        """Not part of a longer capitalised name ("Manchester United", "Rio Tinto", "Television Sur")
        and not a one-word sentence opener ("Reading the report, ..."), which a major name (a
        country, a capital, a 1M+ city) may be: a name on its own."""
        if end < len(tokens) and tokens[end].text[:1].isupper() and tokens[end].is_alpha:
            return False
        before = tokens[start - 1] if start > 0 else None
        if before is not None and before.text[:1].isupper() and before.is_alpha and before.pos_ == "PROPN":
            return False  # "Real Madrid", "Television Sur"
        return major or not tokens[start].is_sent_start or end - start > 1

    def _coordinated(self, doc: Doc, keep: list[Span], forced: list[Span]) -> tuple[list[Span], list[Span]]:
        """'Gainesville and Lindsay', 'Cornwall and Kent', 'Darfur and Malakal': a one-word name the model
        called a person or an organisation, or left untagged, right after a place and 'and' / 'or' / a
        comma is a place too when the gazetteer has it (and no actor of that name is known)."""
        spans = sorted(keep + forced, key=lambda s: s.start)
        places = [s for s in spans if s.label_ in ("GPE", "LOC")]
        if not places:
            return keep, forced
        by_start = {s.start: s for s in spans}
        relabel: dict[int, Span] = {}
        for place in places:
            j = place.end
            if j + 1 >= len(doc) or doc[j].lower_ not in _COORDINATION:
                continue
            k = j + 1
            if doc[j].text == "," and k < len(doc) and doc[k].lower_ in ("and", "or"):
                k += 1
            other = by_start.get(k)
            if other is not None:
                if other.label_ not in ("PERSON", "ORG") or len(other) > 2 or \
                        lookup_actor(self.tables, other.text) is not None:
                    continue
                text = other.text
            else:
                if k >= len(doc) or not doc[k].is_title or doc[k].is_stop or any(
                        s.start <= k < s.end for s in spans):
                    continue
                other, text = None, doc[k].text
            if text.lower() in self.stopwords or self._place_strength(text) < 1 or not self._ask("has", text):
                continue
            relabel[k] = Span(doc, k, other.end if other is not None else k + 1, label="GPE")
        if not relabel:
            return keep, forced
        keep = [s for s in keep if s.start not in relabel]
        forced = [s for s in forced if s.start not in relabel] + list(relabel.values())
        return keep, forced

    @staticmethod
    def _dateline(doc: Doc, start: int, end: int) -> bool:
        """'MANSFIELD — ...', 'TORRINGTON, Conn. (AP) —': a capitalised place opening a story;
        after a byline and date too ('Advocate Reporter March 30, 2009 NEWARK --')."""
        first = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start].is_sent_start
        nxt = doc[end].text if end < len(doc) else ""
        if nxt in ("—", "--", "---") or (nxt == "(" and end + 2 < len(doc) and doc[end + 1].text == "AP"):
            return True
        return first and nxt in ("—", "–", "-", "--", ",", "(")

    def _actor_mentions(self, doc: Doc, covered: set[int]) -> list[Span]:
        """Known actors the model missed entirely (a newspaper in quotes, a sentence-initial surname)."""
        found: list[Span] = []
        for i in range(len(doc)):
            if i in covered or not doc[i].text[:1].isupper() or not doc[i].is_alpha:
                continue
            for length in (3, 2, 1):
                if i + length > len(doc) or any(j in covered for j in range(i, i + length)):
                    continue
                span = doc[i:i + length]
                if not span[-1].is_alpha or (length == 1 and (span[0].is_stop or len(span.text) < 3)):
                    continue
                actor = lookup_actor(self.tables, span.text)
                if actor is not None and actor.type in ("ORG", "PERSON"):
                    found.append(Span(doc, i, i + length, label=actor.type))
                    covered.update(range(i, i + length))
                    break
        return found


@Language.factory(COMPONENT)
def make_ner_repair(nlp: Language, name: str) -> NerRepair:
    return NerRepair(load_actor_tables(), load_gazetteer(), _words(), load_place_cues())


def add_ner_repair(nlp: Language) -> None:
    """Pipeline extension: put the repair pass right after the recogniser."""
    if COMPONENT in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return
    nlp.add_pipe(COMPONENT, after="ner")

