"""A learned cue detector: which verbs introduce attributed content, and which of their dependents it is.

The rule lexicon (``cues.tsv``) covers the reporting verbs; news attributes
much more than speech ("Clinton attacked her opponent as a fraud", "the
campaign agreed to share ...", "critics see the program as ..."). PolNeAR
annotates those too, and a list cannot anticipate them all. This module
proposes, for every verb, its possible contents (:func:`candidates`: the
clausal complement, the object, the object with its "as/for/of" phrase, a
prepositional object, the to-infinitive, the clause a parenthetical verb
interrupts) and scores each with a logistic regression over small symbolic
features (:func:`features`: the verb's lemma, the dependency relation, the
kind of subject, the content's length and first word, whether the verb sits
inside a direct quote).

The weights are in ``resources/en/attribution/cue_model.tsv``, trained by
``tools/train_attribution_cues.py`` on the PolNeAR training split (the data
stays outside the repository; only feature weights are shipped). Finding the
candidates and choosing among them are separate; the attribution module keeps
the best candidate per verb when the rules found nothing for that verb.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spacy.tokens import Doc, Token

#: prepositions after an object that belong to the attributed content ("accused X of Y", "described X as Y")
OBJECT_PREPS = frozenset({"as", "for", "of", "over", "on", "about", "with"})
#: dependents that can be the content of a cue verb
CLAUSAL = ("ccomp", "xcomp", "dobj", "nsubjpass", "advcl", "oprd")
_PRONOUN_CLASSES = {"i": "i", "we": "we", "you": "you", "he": "he", "she": "he", "they": "they",
                    "it": "it", "who": "who", "that": "who", "which": "who"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A verb and one possible content: tokens [start, end) and how they hang off the verb."""

    verb: int
    rel: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))


def load_model(rows: tuple[tuple[str, ...], ...]) -> CueModel:
    """Rows of ``cue_model.tsv``: ``feature<TAB>weight``; ``__bias__`` and ``__threshold__`` rows."""
    weights: dict[str, float] = {}
    bias, threshold = 0.0, 0.5
    for row in rows:
        name, value = row[0], float(row[1])
        if name == "__bias__":
            bias = value
        elif name == "__threshold__":
            threshold = value
        else:
            weights[name] = value
    return CueModel(weights, bias, threshold)


def _range(tokens: list[Token]) -> tuple[int, int]:
    idx = [t.i for t in tokens]
    return min(idx), max(idx) + 1


def candidates(doc: Doc) -> list[Candidate]:
    """Every (verb, content) pair the parse allows; most are not attributions."""
    out: list[Candidate] = []
    for v in doc:
        if v.pos_ != "VERB":
            continue
        children = list(v.children)
        for c in children:
            dep = c.dep_
            if dep in CLAUSAL:
                if dep in ("xcomp", "advcl") and c.i < v.i:
                    continue
                s, e = _range(list(c.subtree))
                out.append(Candidate(v.i, dep, s, e))
                if dep == "dobj":
                    # the object with its 'as ...' / 'for ...' phrase: 'accused X of Y'
                    preps = [p for p in children if p.dep_ == "prep" and p.i > c.i and p.lower_ in OBJECT_PREPS]
                    if preps:
                        e2 = max(t.i for t in preps[0].subtree) + 1
                        out.append(Candidate(v.i, "dobj+" + preps[0].lower_, s, e2))
            elif dep == "prep" and c.i > v.i:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    s, e = _range(list(objs[0].subtree))
                    out.append(Candidate(v.i, "prep:" + c.lower_, s, e))
        # a parenthetical verb: 'CONTENT, sources said' / 'But, he said, CONTENT'
        if v.dep_ in ("parataxis", "ccomp", "advcl") and v.head.i != v.i:
            head = v.head
            own = [t.i for t in v.subtree]
            sub = [t.i for t in head.subtree]
            lo, hi = min(own), max(own) + 1
            left, right = min(sub), max(sub) + 1
            if lo - left >= 2 and right - hi <= 2:
                out.append(Candidate(v.i, "paren_end", left, lo))
            elif lo - left >= 1 and right - hi >= 2:
                out.append(Candidate(v.i, "paren_mid", left, right))
    return out


def _bucket(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= limit:
            return name
    return "21+"


def subject_class(subj: Token | None, person_nouns: frozenset[str], org_nouns: frozenset[str]) -> str:
    """What kind of source the verb has: a name, a pronoun, a role noun, something else, none."""
    if subj is None:
        return "none"
    low = subj.lower_
    if low in _PRONOUN_CLASSES:
        return "pron_" + _PRONOUN_CLASSES[low]
    if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return "ent_" + subj.ent_type_
    lemma = subj.lemma_.lower()
    if lemma in person_nouns:
        return "person_noun"
    if lemma in org_nouns:
        return "org_noun"
    return "other_" + subj.pos_


def features(doc: Doc, cand: Candidate, subj_class: str, lex_kind: str, in_quote: bool) -> list[str]:
    """Symbolic features of one candidate (strings; the model holds a weight per string)."""
    v = doc[cand.verb]
    lemma = v.lemma_.lower()
    rel = cand.rel
    n = cand.end - cand.start
    first = doc[cand.start]
    first_word = first.lower_ if first.pos_ in ("SCONJ", "PART", "ADP", "DET", "PRON", "PUNCT") else first.pos_
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in doc[cand.start:cand.end])
    neg = any(c.dep_ == "neg" for c in v.children)
    length = _bucket(n)
    return [
        "lem=" + lemma,
        "rel=" + rel,
        "lem|rel=" + lemma + "|" + rel,
        "vdep=" + v.dep_,
        "vtag=" + v.tag_,
        "rel|vdep=" + rel + "|" + v.dep_,
        "lex=" + lex_kind,
        "lex|rel=" + lex_kind + "|" + rel,
        "subj=" + subj_class,
        "subj|rel=" + subj_class + "|" + rel,
        "len=" + length,
        "rel|len=" + rel + "|" + length,
        "first=" + first_word,
        "rel|first=" + rel + "|" + first_word,
        "verb_in_content=" + str(has_verb),
        "rel|verb_in_content=" + rel + "|" + str(has_verb),
        "neg=" + str(neg),
        "in_quote=" + str(in_quote),
        "lem|in_quote=" + lemma + "|" + str(in_quote),
    ]
