"""Events typed in PLOVER with actor, target, place, time, figures, source and certainty.

What it does: finds event triggers (verbs and event nouns such as "the capture
of two soldiers", "a military operation") with a trigger lexicon that is data
(``resources/en/events/triggers.tsv``: PLOVER type and mode per lemma, with
multi-word entries such as "open fire" or "hunger strike"), then reads the
arguments off the dependency parse: nsubj/agent -> actor, dobj/nsubjpass/pobj
-> target, the possessor or the light verb's subject for nominal events.
Parties are resolved by :func:`newsledger.extract.parties.resolve`, the one
place that knows names, countries and sectors.

Finding and choosing are separate: :func:`find_triggers` lists every lexicon
hit; :func:`choose_heads` folds a trigger into the one that governs it when
that one is a speech act over it ("demanded a truce" is one DEMAND event,
"proposed to return them" one AGREE event), and :func:`build_event` fills
the arguments.

Certainty is the least certain of what the sentence itself says (future or
intention: planned; offer: proposed; negation: denied; may/could: hedged)
and of the claim that carries the trigger (the claims extractor's certainty
and source: "Zelensky estimated 4,000 died ... not verified" makes the death
event unverified and sourced to Zelensky). Intended or offered material
actions are coded as PLOVER codes them: a cooperative one as AGREE, a hostile
one as THREATEN (``types.yaml``).

A statistical re-typer (:class:`TypeModel`, logistic regression over
trigger features, trained by ``tools/train_event_types.py``) is used when
``resources/en/events/type_model.json`` exists. No weights are shipped: on
the PLOVER GSR dev file (the only labelled data here) 5-fold cross-validation
gave no gain over the lexicon (0.756 vs 0.756 sentence type accuracy at the
best setting), so the lexicon decides.

Type decisions follow the CAMEO categories as PLOVER maps them
(openeventdata/PLOVER CAMEO2PLOVER): an apology or a signed treaty is
SUPPORT, receiving observers or declaring a ceasefire RETREAT, withdrawing
inspectors SANCTION, an official complaint DISAPPROVE; these are multi-word
lexicon entries (verb + object), not rules. An attempt hedges the action
("attempted to assassinate" is an ASSAULT whose outcome is open), an oath
plans it. What a condition clause says ("... unless Baghdad accepted its
terms", "if he gave them a veto") is not an event, nor is a participle
naming people ("evacuated the wounded").

What it does not do: coreference beyond the subject of a reporting verb for a
pronoun in its complement ("a soldier indicated that it plans ..."), events
spanning sentences, or events without a lexicon trigger.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import resources
from ..model import CERTAINTY_ORDER, Claim, Event, Party, SentenceRef, Span
from . import parties
from .base import Context, Extractor
from .docindex import doc_text

# -- resources -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    lemma: str
    with_: str
    pos: str
    type: str
    mode: str | None
    certainty: str | None


@dataclass(frozen=True, slots=True)
class ArgumentWords:
    """Words that find an event's actor and target (``resources/en/events/arguments.yaml``):
    the prepositions that introduce them, each tuple in order of preference, and the
    pronouns that stand for a party named elsewhere."""

    verb_target: tuple[str, ...]
    noun_target: tuple[str, ...]
    clause_target: tuple[str, ...]
    event_noun_argument: tuple[str, ...]
    patient_subject_actor: tuple[str, ...]
    pronouns: frozenset[str]
    relative_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def load_argument_words() -> ArgumentWords:
    """Read the argument words once per process."""
    data = resources.load_yaml("events/arguments.yaml")
    return ArgumentWords(
        verb_target=tuple(data["verb_target"]),
        noun_target=tuple(data["noun_target"]),
        clause_target=tuple(data["clause_target"]),
        event_noun_argument=tuple(data["event_noun_argument"]),
        patient_subject_actor=tuple(data["patient_subject_actor"]),
        pronouns=frozenset(data["pronouns"]),
        relative_pronouns=frozenset(data["relative_pronouns"]),
    )


@dataclass(slots=True)
class Lexicon:
    """The event resources, loaded once: triggers, modality, light verbs, types."""

    triggers: dict[tuple[str, str], list[TriggerEntry]]
    modality: dict[str, tuple[str, str, str]]
    light: frozenset[str]
    types: dict[str, dict[str, Any]]
    patient_subject: frozenset[str] = frozenset()
    classifier: Any = None
    arguments: ArgumentWords = field(default_factory=load_argument_words)


def load() -> Lexicon:
    triggers: dict[tuple[str, str], list[TriggerEntry]] = {}
    for row in resources.load_tsv("events/triggers.tsv"):
        if row[0] == "lemma":
            continue
        lemma, with_, pos, type_, mode, cert = (list(row) + [""] * 6)[:6]
        entry = TriggerEntry(lemma.lower(), with_.lower(), pos, type_, mode or None, cert or None)
        triggers.setdefault((entry.lemma, pos), []).append(entry)
    for entries in triggers.values():
        entries.sort(key=lambda e: e.with_ == "")  # multi-word entries first
    modality = {row[0]: (row[1], row[2], row[3] if len(row) > 3 else "")
                for row in resources.load_tsv("events/modality.tsv") if row[0] != "lemma"}
    light = frozenset(row[0] for row in resources.load_tsv("events/light_verbs.tsv") if row[0] != "lemma")
    types = resources.load_yaml("events/types.yaml")["types"]
    patient = frozenset(row[0] for row in resources.load_tsv("events/patient_subject.tsv") if row[0] != "lemma")
    model_path = resources.path("events/type_model.json")
    model = TypeModel.from_json(json.loads(model_path.read_text(encoding="utf-8"))) if model_path.exists() else None
    return Lexicon(triggers, modality, light, types, patient, model, load_argument_words())


# -- candidates ----------------------------------------------------------------

#: dependency labels through which a complement hangs under the word that governs it
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "attr", "oprd", "pcomp", "advcl", "relcl", "conj"})
#: folding stops at these: a relative clause or a coordinated verb is its own event
_FOLD_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "attr", "oprd", "compound", "amod", "nsubj"})
_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_NOT_PARTY = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
_PARTY_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ"})


@dataclass(slots=True)
class Trigger:
    """A lexicon hit: the token, what the lexicon says, and which tokens it spans."""

    token: Token
    entry: TriggerEntry
    tokens: list[Token]
    absorbed: list["Trigger"] = field(default_factory=list)

    @property
    def nominal(self) -> bool:
        return self.entry.pos == "N"


def _lemma_forms(tok: Token) -> set[str]:
    """The lemma and the word form, plus a plain -ed/-s/-ing strip: the
    statistical lemmatizer errs on news verbs ("staged" -> "stag")."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            forms.add(low[: len(low) - len(suffix)] + repl)
    return forms


def _pos_class(tok: Token) -> str | None:
    if tok.pos_ == "VERB":
        return "V"
    if tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ in ("compound",)):
        return "N"
    return None


def _match_entry(tok: Token, entries: Sequence[TriggerEntry]) -> tuple[TriggerEntry, list[Token]] | None:
    """The most specific entry that fits ``tok``: a multi-word one needs its partner word nearby."""
    for entry in entries:
        if not entry.with_:
            return entry, [tok]
        near = list(tok.children) + [tok.head]
        for child in tok.children:
            if child.dep_ in ("prep", "prt", "dobj"):
                near.extend(child.children)
            if child.dep_ == "dobj":
                # a measure or group noun before "of": "a mission of observers", "700 kg of medicine"
                near.extend(g for of in child.children if of.dep_ == "prep" and of.lower_ == "of"
                            for g in of.children if g.dep_ == "pobj")
        for other in near:
            if other.i != tok.i and other.lemma_.lower() in (entry.with_, entry.with_ + "s") or other.lower_ == entry.with_:
                return entry, sorted({tok, other}, key=lambda t: t.i)
    return None


def find_triggers(sent: SpacySpan, lex: Lexicon) -> list[Trigger]:
    """Every token of the sentence the lexicon names as an event, with its entry."""
    found: list[Trigger] = []
    hypothetical = _condition_tokens(sent, lex)
    for tok in sent:
        pos = _pos_class(tok)
        if pos is None or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        if tok.i in hypothetical:
            continue  # "... unless Baghdad accepted its conditions": a condition, not an event
        if pos == "V" and tok.tag_ == "VBN" and any(c.dep_ == "det" for c in tok.children):
            continue  # "evacuated the wounded": a participle naming people
        lemma = tok.lemma_.lower()
        if pos == "V" and lemma in lex.modality and (lemma, "V") not in lex.triggers:
            continue
        entries = lex.triggers.get((lemma, pos)) or lex.triggers.get((tok.lower_, pos))
        if not entries and pos == "V":
            entries = next((lex.triggers[(f, pos)] for f in sorted(_lemma_forms(tok)) if (f, pos) in lex.triggers), None)
        if not entries:
            continue
        hit = _match_entry(tok, entries)
        if hit is not None:
            found.append(Trigger(tok, hit[0], hit[1]))
    have = {t.token.i for t in found}
    for tok in sent:
        if tok.pos_ == "VERB" and tok.i not in have and _obligation(tok, lex) is not None:
            found.append(Trigger(tok, TriggerEntry(tok.lemma_.lower(), "", "V", "DEMAND", None, "proposed"), [tok]))
    return found


def _condition_tokens(sent: SpacySpan, lex: Lexicon) -> set[int]:
    """Tokens of a condition clause ("if he gave them a veto", "unless the
    Kremlin closed its base"): what a threat or an offer depends on has not
    happened and is not reported as happening (marks: ``condition`` rows of
    modality.tsv)."""
    marks = {w for w, (kind, _, _) in lex.modality.items() if kind == "condition"}
    out: set[int] = set()
    for tok in sent:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            out.update(t.i for t in tok.subtree)
    return out


def _obligation(tok: Token, lex: Lexicon) -> Token | None:
    """For "X said (that) Y must/should do Z": the speaker X, whose demand on
    Y this is (PLOVER DEMAND). Only inside reported speech."""
    if tok.dep_ != "ccomp" or not any(
            c.dep_ == "aux" and lex.modality.get(c.lower_, ("", "", ""))[2] == "DEMAND" for c in tok.children):
        return None
    if not any(c.dep_ in _SUBJ for c in tok.children):
        return None
    return _child(tok.head, _SUBJ)


def _quad(lex: Lexicon, type_: str) -> str:
    return lex.types.get(type_, {}).get("quad", "mk")


def choose_heads(triggers: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """Fold triggers into the trigger that governs them; return the heads.

    A trigger folds into a governing one when it is the content of a speech
    act ("demanded a truce", "rejected calls for aid", "agreed to cooperate"),
    the object of a material verb ("suspended military aid", "set fire to
    the offices"), or a noun naming the means ("a roadside bombing killed").
    Light verbs ("launched an operation") are not triggers, so their noun
    stands alone. Coordinated verbs and relative clauses stay separate events.
    """
    by_index = {t.token.i: t for t in triggers}
    parent: dict[int, int] = {}
    for trig in triggers:
        tok = trig.token
        path_deps: list[str] = []
        cur = tok
        for _ in range(4):
            if cur.head.i == cur.i:
                break
            path_deps.append(cur.dep_)
            cur = cur.head
            gov = by_index.get(cur.i)
            if gov is None or gov is trig:
                if cur.dep_ in ("relcl", "conj", "advcl", "ROOT") and gov is None:
                    pass
                continue
            if not set(path_deps) <= _FOLD_DEPS and not (gov.entry.pos == "N" and set(path_deps) <= _FOLD_DEPS | {"acl"}):
                break
            verbal_gov = _quad(lex, gov.entry.type).startswith("v")
            direct_obj = len(path_deps) <= 2 and path_deps[0] in ("dobj", "pobj", "compound", "amod", "nsubj", "attr")
            if (trig.nominal and "nsubj" in path_deps and len(path_deps) == 1 and not gov.nominal):
                parent[tok.i] = gov.token.i
            elif "nsubj" in path_deps:
                break
            elif verbal_gov or (trig.nominal and direct_obj) or path_deps[0] in ("compound", "amod"):
                parent[tok.i] = gov.token.i
            break
    heads: list[Trigger] = []
    for trig in triggers:
        if trig.token.i in parent:
            root = parent[trig.token.i]
            seen = {trig.token.i}
            while root in parent and root not in seen:
                seen.add(root)
                root = parent[root]
            by_index[root].absorbed.append(trig)
        else:
            heads.append(trig)
    return heads


# -- arguments -----------------------------------------------------------------


def _child(tok: Token, deps: Iterable[str]) -> Token | None:
    deps = tuple(deps)
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def _prep_object(tok: Token, preps: Sequence[str]) -> Token | None:
    """The object of the first preposition in ``preps`` order hanging under ``tok``."""
    found: dict[str, Token] = {}
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            obj = _child(child, ("pobj",))
            if obj is not None and child.lower_ not in found:
                found[child.lower_] = obj
    for prep in preps:
        if prep in found:
            return found[prep]
    return None


def _clause_subject(tok: Token, allow_passive: bool = False) -> Token | None:
    """The subject of the clause ``tok`` heads, climbing xcomp/advcl/conj links."""
    cur = tok
    for _ in range(5):
        subj = _child(cur, _SUBJ) or (_child(cur, _PASS_SUBJ) if allow_passive else None)
        if subj is not None:
            return subj
        if cur.dep_ in ("xcomp", "advcl", "conj", "acomp", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
            allow_passive = True  # "have been shown willing to host": the raised subject acts
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.i != cur.i and cur.dep_ == "acl":
            return None
        return None
    return None


def _antecedent(tok: Token) -> Token:
    """Resolve a relative pronoun to its noun, a pronoun subject of a reported
    clause to the reporter ("a soldier indicated that it plans ...")."""
    low = tok.lower_
    words = load_argument_words()
    if low in words.relative_pronouns:
        clause = tok.head
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ in ("relcl", "acl"):
            return clause.head
        return tok
    if low in words.pronouns and tok.dep_ in _SUBJ:
        clause = tok.head
        while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp":
            reporter = _child(clause.head, _SUBJ)
            if reporter is not None and reporter.lower_ not in words.pronouns:
                return reporter
    return tok


def _party_tokens(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase a party head names: left modifiers, the
    head, an appositive name and an "of"-complement ("the authorities of South
    Korea"), but not relative clauses or other trailing material."""
    left = head
    for child in head.lefts:
        if child.dep_ in ("det", "predet") and child.i == head.left_edge.i and child.lower_ in ("the", "a", "an", "those", "these", "this", "that"):
            continue
        if child.dep_ in ("punct", "cc", "case") or child.pos_ == "PUNCT":
            continue
        if child.left_edge.i < left.i:
            left = child.left_edge
            if left.dep_ in ("det", "predet") and left.lower_ in ("the", "a", "an", "those", "these", "this", "that"):
                left = left.doc[left.i + 1]
    right = head.i
    for child in head.rights:
        if child.dep_ == "appos" and child.i - head.i <= 6:
            right = max(right, child.i)
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == right + 1:
            obj = _child(child, ("pobj",))
            if obj is not None and obj.i - head.i <= 6:
                right = obj.i
        elif child.dep_ == "compound":
            right = max(right, child.i)
    if head.dep_ == "poss" or head.tag_ == "POS":
        right = head.i
    # a trailing possessive marker is not part of the name
    while right > left.i and head.doc[right].tag_ == "POS":
        right -= 1
    return left.i, right + 1


def _conjuncts(head: Token) -> list[Token]:
    """The heads of a coordination, also when the parser hangs the next
    conjunct under an appositive ("the President, Vladimir Putin, and ...")."""
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in _PARTY_HEAD_POS:
            out.extend(_conjuncts(child))
        elif child.dep_ == "appos":
            for grand in child.children:
                if grand.dep_ == "conj" and grand.pos_ in _PARTY_HEAD_POS:
                    out.extend(_conjuncts(grand))
    return out


def party_of(doc: Doc, head: Token, ctx: Context) -> Party:
    """A (possibly compound) party for the noun phrase headed by ``head``."""
    head = _antecedent(head)
    heads = _conjuncts(head)
    spans = [_party_tokens(h) for h in heads]
    start_tok = min(s for s, _ in spans)
    end_tok = max(e for _, e in spans)
    for i in range(head.i - 1, start_tok - 1, -1):  # never across a line break
        if doc[i].is_space and "\n" in doc[i].text:
            start_tok = i + 1
            break
    start, end = doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1])
    party = parties.resolve(ctx, start, end)
    if len(heads) > 1:
        party.members = [parties.resolve(ctx, doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in spans]
    return party


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ in ("amod", "acl", "relcl"))


@dataclass(slots=True)
class Arguments:
    actor: Token | None = None
    target: Token | None = None


def find_arguments(trig: Trigger, lex: Lexicon) -> Arguments:
    """Actor and target heads from dependency paths."""
    tok = trig.token
    args = Arguments()
    info = lex.types.get(trig.entry.type, {})
    preps = lex.arguments
    if not trig.nominal:
        passive = _is_passive(tok)
        if passive:
            agent = _prep_object(tok, ("by",))
            args.actor = agent
            patient = _child(tok, _PASS_SUBJ)
            if patient is None and tok.dep_ in ("amod", "acl", "relcl"):
                patient = tok.head
            if args.actor is None and info.get("self_actor"):
                args.actor = patient
                args.target = _prep_object(tok, preps.verb_target)
            else:
                args.target = patient
        elif trig.entry.lemma in lex.patient_subject:
            args.target = _child(tok, _SUBJ)
            args.actor = _prep_object(tok, preps.patient_subject_actor)
        else:
            args.actor = _clause_subject(tok)
            candidates = [_child(tok, ("dobj",)), _child(tok, ("dative",)), _prep_object(tok, preps.verb_target)]
            for inner in trig.absorbed:
                inner_preps = preps.noun_target if inner.nominal else preps.verb_target
                candidates += [_child(inner.token, ("dobj", "nsubj")), _prep_object(inner.token, inner_preps)]
            args.target = next((h for h in (_party_head(c, lex) for c in candidates) if h is not None), None)
        if args.actor is None and tok.dep_ == "relcl" and not passive:
            args.actor = tok.head
    else:
        poss = _child(tok, ("poss",))
        by = _prep_object(tok, ("by",))
        args.actor = by or poss
        if args.actor is None:
            for child in tok.lefts:
                if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG") and not (
                        tok.ent_iob_ in ("B", "I") and child.ent_iob_ == "B" and tok.ent_type_ == child.ent_type_
                        or tok.ent_iob_ == "I"):
                    args.actor = child
                    break
        args.target = _prep_object(tok, preps.noun_target)
        if args.target is None:
            for acl in tok.children:
                if acl.dep_ == "acl":
                    args.target = _prep_object(acl, preps.clause_target)
                    if args.target is not None:
                        break
        if args.actor is None or args.target is None:
            np, gov = _noun_slot(tok)
            if gov.pos_ in ("VERB", "AUX") and np.dep_ in ("dobj", "pobj", "attr", "nsubjpass") and (
                    _lemma_forms(gov) & lex.light):
                if args.actor is None:
                    args.actor = _clause_subject(gov)
                if args.target is None:
                    args.target = _child(gov, ("dative",)) or _prep_object(gov, preps.verb_target)
        if args.actor is not None and args.target is not None and args.actor.i == args.target.i:
            args.target = None
    args.target = _party_head(args.target, lex)
    if args.actor is not None and (args.actor.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X")
                                   or args.actor.ent_type_ in _NOT_PARTY):
        args.actor = None
    return args


def _noun_slot(tok: Token) -> tuple[Token, Token]:
    """The noun phrase an event noun heads or sits in ("25,000 tons of food
    aid": the quantity noun takes the slot) and the word governing it."""
    np = tok
    for _ in range(2):
        if np.dep_ == "pobj" and np.head.lower_ == "of" and np.head.head.pos_ in ("NOUN", "PROPN", "NUM"):
            np = np.head.head
        else:
            break
    gov = np.head
    if np.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    return np, gov


def _party_head(tok: Token | None, lex: Lexicon) -> Token | None:
    """A party is named by a noun or pronoun; an event noun in that slot
    ("demanded the resignation of the prime minister") points to its own
    argument, and anything else (an adverb, a bare preposition) is no party."""
    for _ in range(3):
        if tok is None or tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X") or tok.ent_type_ in _NOT_PARTY:
            return None
        if (tok.lemma_.lower(), "N") in lex.triggers and not tok.ent_type_:
            tok = _prep_object(tok, lex.arguments.event_noun_argument)
            continue
        return tok
    return None


# -- time, place, figures -------------------------------------------------------


def _depth(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def tree_distance(a: Token, b: Token) -> int:
    """Edges on the dependency path between two tokens of one sentence."""
    pa = _depth(a)
    pb_index = {t.i: n for n, t in enumerate(_depth(b))}
    for n, t in enumerate(pa):
        if t.i in pb_index:
            return n + pb_index[t.i]
    return 99


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _nearest(item_tok: Token, triggers: Sequence[Trigger]) -> Trigger | None:
    best = None
    best_key = (99, 99)
    for trig in triggers:
        key = (tree_distance(item_tok, trig.token), abs(item_tok.i - trig.token.i))
        if key < best_key:
            best, best_key = trig, key
    return best


# -- certainty -----------------------------------------------------------------


def local_certainty(trig: Trigger, lex: Lexicon) -> tuple[str | None, str | None]:
    """What the clause itself says about whether the action happened, and the
    type the modality turns it into ("must": DEMAND, "refused to": REJECT)."""
    found: list[str] = []
    shift: str | None = None
    for t in [trig] + trig.absorbed:
        if t.entry.certainty:
            found.append(t.entry.certainty)
    cur = trig.token
    if trig.nominal:
        np, gov = _noun_slot(cur)
        if np.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and gov.pos_ in ("VERB", "AUX"):
            cur = gov  # "will give a grant": the verb carries the modality of its noun
    for _ in range(4):
        for child in cur.children:
            low = child.lower_
            if child.dep_ == "neg":
                found.append("denied")
            elif child.dep_ == "aux" and low in lex.modality and lex.modality[low][0] == "aux":
                if low == "would" and any(c.lower_ == "have" and c.dep_ == "aux" for c in cur.children):
                    continue  # "would have been injured": a hedge, left to the claim
                found.append(lex.modality[low][1])
                shift = shift or lex.modality[low][2] or None
        # the parser sometimes takes an infinitival complement for an adverbial
        # clause ("have sworn to fight"): the control verb decides either way
        if cur.dep_ in ("xcomp", "acomp", "advcl") and cur.head.i != cur.i:
            head = cur.head
            kind = lex.modality.get(head.lemma_.lower()) or lex.modality.get(head.lower_)
            if cur.dep_ == "advcl" and not (kind and kind[0] == "control"):
                break
            if kind and kind[0] == "control" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                found.append(kind[1])
                shift = shift or kind[2] or None
                if any(c.dep_ == "neg" for c in head.children):
                    found.append("denied")
            cur = head
            continue
        break
    if not found:
        return None, shift
    for pref in ("denied", "proposed", "planned", "hedged"):
        if pref in found:
            return pref, shift
    return found[0], shift


def combine_certainty(local: str | None, claim: Claim | None) -> str:
    """Local modality first (planned/proposed/denied are about the event itself);
    otherwise the least certain of the local hedge and the claim's certainty."""
    claim_cert = claim.certainty if claim is not None else "asserted"
    if local in ("denied", "proposed", "planned", "question"):
        return local
    if local is None:
        return claim_cert
    if claim_cert in CERTAINTY_ORDER and local in CERTAINTY_ORDER:
        return max(claim_cert, local, key=CERTAINTY_ORDER.index)
    return claim_cert


def carrying_claim(claims: Sequence[Claim], start: int, end: int) -> Claim | None:
    """The narrowest claim whose span contains the trigger."""
    inside = [c for c in claims if c.start <= start and end <= c.end]
    return min(inside, key=lambda c: c.end - c.start) if inside else None


# -- statistical re-typing -------------------------------------------------------


def type_features(trig: Trigger, certainty: str | None, rule_type: str) -> dict[str, float]:
    """What the re-ranker sees of a trigger: words and lexicon facts, no text spans."""
    tok = trig.token
    feats = {
        f"lemma={tok.lemma_.lower()}": 1.0,
        f"rule={rule_type}": 1.0,
        f"lex={trig.entry.type}": 1.0,
        f"mode={trig.entry.mode}": 1.0,
        f"pos={trig.entry.pos}": 1.0,
        f"dep={tok.dep_}": 1.0,
        f"head={tok.head.lemma_.lower()}": 1.0,
        f"cert={certainty}": 1.0,
    }
    for inner in trig.absorbed:
        feats[f"abs_lemma={inner.token.lemma_.lower()}"] = 1.0
        feats[f"abs_type={inner.entry.type}"] = 1.0
    for child in tok.children:
        if child.dep_ in ("dobj", "prep", "prt", "nsubj", "nsubjpass", "agent"):
            feats[f"{child.dep_}={child.lemma_.lower()}"] = 1.0
            if child.ent_type_:
                feats[f"{child.dep_}_ent={child.ent_type_}"] = 1.0
    return feats


@dataclass(slots=True)
class TypeModel:
    """A multinomial logistic regression over :func:`type_features`, as plain
    numbers (trained by ``tools/train_event_types.py``; see its docstring for
    the data). It overrides the lexicon's type only when confident."""

    classes: list[str]
    coef: dict[str, list[float]]
    intercept: list[float]
    threshold: float = 0.5

    @classmethod
    def from_sklearn(cls, vec: Any, clf: Any, threshold: float = 0.5) -> "TypeModel":
        names = vec.get_feature_names_out()
        coef = {str(n): [float(clf.coef_[k][j]) for k in range(len(clf.classes_))] for j, n in enumerate(names)}
        if len(clf.classes_) == 2:  # binary sklearn models keep one row
            coef = {n: [-v[0], v[0]] for n, v in coef.items()}
            intercept = [-float(clf.intercept_[0]), float(clf.intercept_[0])]
        else:
            intercept = [float(b) for b in clf.intercept_]
        return cls([str(c) for c in clf.classes_], coef, intercept, threshold)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "TypeModel":
        return cls(data["classes"], data["coef"], data["intercept"], data.get("threshold", 0.5))

    def to_json(self) -> dict[str, Any]:
        return {"classes": self.classes, "coef": {k: [round(x, 4) for x in v] for k, v in self.coef.items()},
                "intercept": [round(x, 4) for x in self.intercept], "threshold": self.threshold}

    def probabilities(self, feats: dict[str, float]) -> list[float]:
        import math

        scores = list(self.intercept)
        for name, value in feats.items():
            row = self.coef.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exp = [math.exp(x - top) for x in scores]
        total = sum(exp)
        return [x / total for x in exp]

    def retype(self, feats: dict[str, float], rule_type: str) -> str:
        probs = self.probabilities(feats)
        best = max(range(len(probs)), key=probs.__getitem__)
        if self.classes[best] != rule_type and probs[best] >= self.threshold:
            return self.classes[best]
        return rule_type


# -- assembling ----------------------------------------------------------------


def event_type(trig: Trigger, certainty: str | None, shift: str | None, lex: Lexicon) -> str:
    """The lexicon type, recoded as PLOVER codes modality: an intended or offered
    action is AGREE or THREATEN, an obligation put on others a DEMAND, refused
    or failed cooperation a REJECT."""
    type_ = trig.entry.type
    info = lex.types.get(type_, {})
    verbal = info.get("quad", "mk").startswith("v")
    if shift and not (verbal and shift == "DEMAND"):
        return shift
    if certainty == "denied" and info.get("quad") in ("vc", "mc"):
        return "REJECT"
    if certainty in ("planned", "proposed"):
        type_ = info.get("intent", type_)
        if type_ == "AGREE" and _conditional(trig.token):
            type_ = "THREATEN"
    return type_


def _conditional(tok: Token) -> bool:
    """'... will withdraw unless ...': an intention made conditional is a threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless",) for m in c.children)
               for c in tok.children)


def _trigger_span(doc: Doc, trig: Trigger) -> Span:
    toks = trig.tokens
    start = toks[0].idx
    end = toks[-1].idx + len(toks[-1])
    if end - start > 40 or any(t.i - toks[0].i > 3 for t in toks):
        start, end = trig.token.idx, trig.token.idx + len(trig.token)
    return Span(doc_text(doc)[start:end], start, end)


def _sentence_ref(sent: SpacySpan) -> SentenceRef:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return SentenceRef(sent.start_char + lead, sent.end_char - trail)


def build_events(doc: Doc, sent: SpacySpan, heads: list[Trigger], ctx: Context, lex: Lexicon,
                 items_in_sentence: dict[str, list[tuple[Any, Token]]]) -> list[Event]:
    """One event per head trigger, with arguments, setting and certainty."""
    events: list[Event] = []
    # times and figures belong to the nearest trigger; places are shared
    owner_time: dict[str, Trigger | None] = {t.id: _nearest(tok, heads) for t, tok in items_in_sentence["times"]}
    owner_fig: dict[str, Trigger | None] = {f.id: _nearest(tok, heads) for f, tok in items_in_sentence["figures"]}
    for trig in heads:
        args = find_arguments(trig, lex)
        speaker = _obligation(trig.token, lex) if not trig.nominal else None
        if speaker is not None:
            args = Arguments(actor=speaker, target=_child(trig.token, _SUBJ))
        actor = party_of(doc, args.actor, ctx) if args.actor is not None else None
        target = party_of(doc, args.target, ctx) if args.target is not None else None
        local, shift = local_certainty(trig, lex)
        type_ = "DEMAND" if speaker is not None else event_type(trig, local, shift, lex)
        if lex.classifier is not None and speaker is None:
            type_ = lex.classifier.retype(type_features(trig, local, type_), type_)
        mode = trig.entry.mode if type_ == trig.entry.type else None
        if mode is None and type_ == trig.entry.type:
            mode = next((a.entry.mode for a in trig.absorbed if a.entry.type == type_ and a.entry.mode), None)
        info = lex.types.get(type_, {})
        if info.get("reciprocal") and actor is not None and len(actor.members) >= 2 and target is None:
            actor, target = actor.members[0], actor.members[1]
        elif info.get("reciprocal") and actor is None and target is not None and len(target.members) >= 2:
            actor, target = target.members[0], target.members[1]
        trigger = _trigger_span(doc, trig)
        claim = carrying_claim(ctx.record.claims, trigger.start, trigger.end)
        certainty = combine_certainty(local, claim)
        taken = [p for p in (actor, target) if p is not None]
        place = _pick_place(trig, items_in_sentence["places"], taken)
        times = [(t, tok) for t, tok in items_in_sentence["times"] if owner_time.get(t.id) is trig]
        time = min(times, key=lambda it: tree_distance(it[1], trig.token))[0].id if times else None
        figs = [f.id for f, _ in items_in_sentence["figures"] if owner_fig.get(f.id) is trig]
        events.append(Event(
            id="", type=type_, trigger=trigger, actor=actor, target=target, place=place, time=time,
            certainty=certainty, sentence=_sentence_ref(sent), mode=mode, figures=figs,
            source=claim.source if claim is not None else None, extractor=EXTRACTOR.name,
        ))
    return events


def _pick_place(trig: Trigger, places: list[tuple[Any, Token]], taken: list[Party]) -> str | None:
    """The place nearest the trigger in the parse that is not itself a party;
    a place named as a modifier ("Russian troops", "Ukrainian territory")
    only when no place is named as such."""
    best, best_key = None, (9, 99, 99)
    for place, tok in places:
        if any(p.start <= place.start and place.end <= p.end for p in taken):
            continue
        modifier = tok.dep_ in ("amod", "compound", "poss", "nmod") and tok.head.pos_ == "NOUN"
        key = (int(modifier), tree_distance(tok, trig.token), abs(tok.i - trig.token.i))
        if key < best_key:
            best, best_key = place.id, key
    return best


def _items_by_sentence(doc: Doc, ctx: Context, segs: Sequence[SpacySpan]) -> dict[int, dict[str, list[tuple[Any, Token]]]]:
    """Times, places and figures of the record, grouped by the segment they fall in."""
    seg_of: dict[int, int] = {}
    for seg in segs:
        for tok in seg:
            seg_of[tok.i] = seg.start
    table: dict[int, dict[str, list[tuple[Any, Token]]]] = {}
    for kind in ("times", "places", "figures"):
        for item in getattr(ctx.record, kind):
            tok = _token_at(doc, item.start, item.end)
            if tok is None or tok.i not in seg_of:
                continue
            slot = table.setdefault(seg_of[tok.i], {"times": [], "places": [], "figures": []})
            slot[kind].append((item, tok))
    return table


def extract(doc: Doc, ctx: Context) -> list[Event]:
    lex: Lexicon = ctx.resources.get(EXTRACTOR.name) or load()
    segs = segments(doc)
    by_sent = _items_by_sentence(doc, ctx, segs)
    empty: dict[str, list[tuple[Any, Token]]] = {"times": [], "places": [], "figures": []}
    events: list[Event] = []
    for sent in segs:
        triggers = find_triggers(sent, lex)
        if not triggers:
            continue
        heads = choose_heads(triggers, lex)
        built = build_events(doc, sent, heads, ctx, lex, by_sent.get(sent.start, empty))
        events.extend(ev for ev in _drop_argument_nouns(built, heads) if ev.actor is not None or ev.target is not None)
    return _number(_dedupe(events))


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[int, int]] = set()
    out = []
    for ev in events:
        key = (ev.trigger.start, ev.trigger.end)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def _drop_argument_nouns(events: list[Event], heads: list[Trigger]) -> list[Event]:
    """Events need a participant: PLOVER codes who did what to whom, and a
    mention with neither ("after days of war") is background, not a report.

    An event noun that names a party of another event ("protesters rallied",
    "a suicide bomber killed") is that party, not an event of its own."""
    nominal = {t.token.idx for t in heads if t.nominal}
    spans = [(p.start, p.end) for ev in events for p in (ev.actor, ev.target) if p is not None]
    return [ev for ev in events if not (ev.trigger.start in nominal and any(
        s <= ev.trigger.start and ev.trigger.end <= e for s, e in spans))]


def segments(doc: Doc) -> list[SpacySpan]:
    """spaCy's sentences, cut again at line breaks: a headline or dateline
    glued to the next sentence by the parser is not part of its clause."""
    out: list[SpacySpan] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    out.append(doc[start:tok.i])
                start = tok.i + 1
        if start < sent.end:
            out.append(doc[start:sent.end])
    return out


def _number(events: list[Event]) -> list[Event]:
    """Events in text order, ids ev1, ev2, ... (by trigger position)."""
    ordered = sorted(events, key=lambda ev: (ev.trigger.start, ev.trigger.end))
    for n, ev in enumerate(ordered, start=1):
        ev.id = f"ev{n}"
    return ordered


EXTRACTOR = Extractor(name="events", version="1.3", field="events", run=extract, load=load)
