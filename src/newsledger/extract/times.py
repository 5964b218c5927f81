"""Temporal expressions (TIMEX3) resolved against the publication date.

Candidates come from the rules in ``resources/en/times/`` (see
:mod:`newsledger.temporal`); this module adds what needs the parse:

- ambiguity checks: "may" the modal verb, "fall" the verb, "1500" troops;
- tense: a weekday, month or season without a year is resolved by the tense
  of the verb that governs it (``past`` -> on or before the anchor,
  ``future`` -> after it), read from spaCy's fine-grained tags;
- the narrative reference time: "the next day" follows the last date the
  text set, not the publication date.

What it does not do: event anchoring beyond the reference time, times of day
relative to an unknown publication hour ("two hours ago" resolves to the
publication date), or non-English text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import resources
from ..model import Time
from ..temporal import Candidate, Grammar, Period, Resolver, choose, find_candidates, load_grammar
from .base import Context, Extractor, assign_ids
from .docindex import doc_text

_NUMERIC_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


@dataclass(frozen=True, slots=True)
class TenseCues:
    """Words that say which way a date lies (``resources/en/times/tense_cues.yaml``)."""

    future_aux: frozenset[str]
    #: prepositions that introduce a deadline or a bound rather than the event's own time
    deadline_preps: frozenset[str]
    #: verbs whose object or adjunct date lies ahead of the verb ("scheduled talks for Friday")
    schedule: frozenset[str]
    #: participles that schedule what they describe ("a summit set for April")
    schedule_acl: frozenset[str]
    #: governors under which an infinitive refers to the future ("expected to report Friday")
    forward: frozenset[str]
    #: (phrase just before a date, direction), checked in order: "as soon as Tuesday",
    #: "until 9 a.m. Tuesday"
    cues: tuple[tuple[re.Pattern, str], ...]
    #: "the quarter ended Sept. 30": the closing day only bounds the period under discussion
    period_end: re.Pattern


def _phrases(words: list[str]) -> str:
    """Alternation of phrases whose spaces match any run of white space."""
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in words)


@lru_cache(maxsize=1)
def load_tense_cues() -> TenseCues:
    """Read the tense cue words once per process."""
    data = resources.load_yaml("times/tense_cues.yaml")
    schedule = frozenset(data["schedule_verbs"])
    end = data["period_end"]
    return TenseCues(
        future_aux=frozenset(data["future_aux"]),
        deadline_preps=frozenset(data["deadline_preps"]),
        schedule=schedule,
        schedule_acl=schedule | frozenset(data["schedule_participles"]),
        forward=frozenset(data["forward_governors"]),
        cues=tuple((re.compile(r"\b(?:" + _phrases(words) + r")\s+(?:on\s+)?$", re.I), direction)
                   for direction, words in data["cues"].items()),
        period_end=re.compile(r"\b(?P<unit>" + _phrases(end["units"]) + r")\s+(?:that\s+)?(?:"
                              + _phrases(end["verbs"]) + r")\s+(?:on\s+)?$", re.I),
    )


def _period_closed_by(text: str, start: int, value: str | None, ref: Period | None) -> str | None:
    """The reference a date sets: the quarter (or year) it closes, else the date itself.

    After "the quarter ended Sept. 30", "a year earlier" is that quarter a year before
    (1988-Q3), not Sept. 30, 1988; when the text has just named the quarter ("its fiscal
    first quarter ended Sept. 30") that name stays the reference (fiscal quarters are
    numbered by the company, not the calendar).
    """
    m = load_tense_cues().period_end.search(text[max(0, start - 40):start])
    period = Period.parse(value) if value and m else None
    if m is None or period is None or period.gran != "day":
        return value
    unit = m.group("unit").lower()
    if ref is not None and ref.gran == unit:
        return ref.format()
    return Period.containing(period.start, unit).format()


def cue_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 24):start]
    for rx, direction in load_tense_cues().cues:
        if rx.search(before):
            return direction
    return None


def tense_of(doc: Doc, start: int, end: int) -> str | None:
    """'past', 'present' or 'future' of the verb governing the span, or None if there is none.

    The verb is found by walking up the parse from the span's root. When it is more
    than a preposition away ("the dividend payable Dec. 1" under "said"), the answer
    is marked weak ("weak-past"): the resolver then prefers the nearest date.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok: Token = span.root
    hops = 0
    # a date that is a deadline or the object of the verb ("respond by Oct. 31", "set Nov. 10
    # as the deadline") is not the time of the verb's event: its tense does not bind it
    loose = tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "appos", "conj")
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            if tok.dep_ == "advcl" and tok.head.lower_ in ("soon", "early") and tok.head.head.pos_ in ("VERB", "AUX"):
                tok = tok.head.head  # "buy as soon as trading opened Monday": the time of "buy"
            tense = _verb_tense(tok)
            return tense if hops <= 1 and not loose else "weak-" + tense
        if tok.head.i == tok.i:
            return _verb_tense(tok) if tok.pos_ in ("VERB", "AUX") else None
        if tok.pos_ == "ADP":
            loose = loose or tok.lower_ in load_tense_cues().deadline_preps
        else:
            hops += 1
        tok = tok.head
    return None


def _verb_tense(verb: Token, depth: int = 0) -> str:
    lex = load_tense_cues()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if "had" in words or "'d" in words and verb.tag_ == "VBN":
        return "past"  # past perfect: "had been due to expire Friday"
    if words & lex.future_aux or "going" in words:
        return "future"
    if (verb.lemma_.lower() in lex.schedule_acl and verb.dep_ == "acl" and not auxes and depth < 3
            and (verb.lemma_.lower() in lex.schedule or any(c.lower_ == "for" for c in verb.children))):
        # "a service planned for Saturday was canceled", "a summit set for April": a bare
        # participle has no tense; the clause it sits in says whether the plan still lies ahead
        clause = verb.head
        for _ in range(6):
            if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
                break
            clause = clause.head
        if clause.pos_ in ("VERB", "AUX"):
            tense = _verb_tense(clause, depth + 1)
            return "nearest" if tense == "past" else tense
    if verb.lemma_.lower() in lex.schedule:
        return "future"  # "has scheduled a news conference Thursday": the event lies ahead
    if "to" in words and depth < 3:
        # an infinitive looks ahead only under a verb that does ("plans to meet Friday");
        # under "agreed to sell" it shares the tense of its governor
        head = verb.head
        head_auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        if head.i != verb.i and ("had" in head_auxes or head.tag_ == "VBD" and head.lemma_ == "be"):
            # "had been set to expire Nov. 6", "was to meet Monday": planned before, due around now
            return "nearest"
        if head.lemma_.lower() in lex.forward or head.lower_ in lex.forward or head.lemma_ == "be":
            return "future"  # "is to resume trading Tuesday"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX", "ADJ"):
            if head.pos_ == "ADJ":
                return "present"
            tense = _verb_tense(head, depth + 1)
            # "subpoenaed Elian to testify on Feb. 10", "decided to admit Poland in March": the
            # infinitive's event follows its governor's, which may lie before or after the anchor
            return "nearest" if tense == "past" else tense
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return "past"  # present perfect, or a participle: "products introduced in April"
    if verb.tag_ == "VBG" and any(a.lemma_ == "have" for a in auxes):
        return "past"  # "have been searching for him since the Oct. 23 slaying"
    if verb.tag_ == "MD" and verb.lower_ in lex.future_aux:
        return "future"
    return "present"


def _tokens(doc: Doc, cand: Candidate) -> list[Token]:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return list(span) if span is not None else []


def keep(doc: Doc, text: str, grammar: Grammar, cand: Candidate) -> bool:
    """Reject candidates that the parse shows are not temporal ("may" as a verb, "1,500" troops)."""
    toks = _tokens(doc, cand)
    if not toks:
        return False
    content = [t for t in toks if t.lower_ not in ("the", "a", "an", "this", "last", "next")]
    for t in toks:
        allowed = grammar.ambiguous.get(t.lower_.rstrip("."))
        if allowed is None:
            continue
        if t.pos_ in ("AUX", "VERB") or (len(content) == 1 and t.pos_ not in allowed):
            return False
    guard = cand.rule.guard
    if guard in ("year", "yearwords"):
        first = toks[0]
        if len(toks) == 1 or guard == "yearwords":
            prev = doc[first.i - 1] if first.i > 0 else None
            cue = prev is not None and prev.lower_ in grammar.year_cues
            before = text[max(0, cand.start - 2):cand.start]
            if any(ch in before for ch in "$£€#") or re.search(r"\d[,.]$", before):
                return False
            if re.match(r"\s*(?:%|percent|per\s+cent)|[.,]\d", text[cand.end:cand.end + 10], re.I):
                return False  # "12%", "1462.93" (an index level), "2,500"
            if first.ent_type_ == "DATE" or cue:
                return True
            if first.ent_type_ in _NUMERIC_ENTS or guard == "yearwords":
                return False
            nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and not nxt.lower_.startswith("'"):
                return False  # "1500 troops"
    elif guard == "clock":
        surface = text[cand.start:cand.end]
        if not re.search(r":|[ap]\.?\s?m\b|\d\s?h|o.clock|noon|midday|midnight", surface, re.I):
            return False
        before = text[max(0, cand.start - 1):cand.start]
        if before in ("$", ":", "/") or re.match(r"[:/]\d", text[cand.end:cand.end + 2]):
            return False  # "10:30:45" handled whole, "1:2" ratios, verse numbers
    elif guard == "duration":
        low = text[cand.start:cand.end].lower()
        after = text[cand.end:cand.end + 8].lower()
        if re.search(r"\b(?:a|an|the)\s+second$", low) or after.lstrip().startswith(("old", "-old")):
            return False
        num = cand.groups.get("num") or ""
        if re.fullmatch(r"1\d{3}|20\d\d", num):
            return False  # "the 1988 quarter" is a date, not 1988 quarters
    elif guard == "plural_unit":
        after = text[cand.end:cand.end + 8].lower()
        if after.lstrip().startswith(("old", "of age")):
            return False
    elif guard == "month_alone":
        surface = text[cand.start:cand.end]
        word = surface.rstrip(".").lower()
        if word in grammar.abbreviations and not surface.endswith("."):
            return False  # "Jan" the name, "Dec" in a code; "Jan." is a month
        if word in grammar.ambiguous and surface[:1].islower() and not text.islower():
            return False  # "the march", "may": a month name is capitalized in ordinary text
    return True




def extract(doc: Doc, ctx: Context) -> list[Time]:
    grammar: Grammar = ctx.resources.get("times") or load_grammar()
    text = doc_text(doc)
    chosen = choose(text, find_candidates(text, grammar), grammar, keep=lambda c: keep(doc, text, grammar, c))
    return assign_ids(resolve_all(doc, text, chosen, grammar, ctx), "t")


def resolve_all(doc: Doc, text: str, chosen: list[Candidate], grammar: Grammar, ctx: Context) -> list[Time]:
    """Values in text order, so that each explicit date becomes the reference for what follows."""
    from ..temporal.resolve import fill, normalize_groups

    resolver = Resolver(ctx.anchor)
    out: list[Time] = []
    for cand in chosen:
        try:
            values = normalize_groups(cand.groups, grammar.lexicon)
        except (KeyError, ValueError):
            continue  # a group outside the tables: the rule over-matched; skip this candidate
        template = fill(cand.rule.value, values)
        tense = None
        if "tense" in template:
            tense = cue_before(text, cand.start) or tense_of(doc, cand.start, cand.end)
            if tense == "deadline":
                tense = tense_of(doc, cand.start, cand.end)
                tense = tense if tense == "future" else "nearest"
        try:
            value, from_ref = resolver.value(template, tense)
        except (ValueError, KeyError, IndexError, StopIteration, OverflowError):
            value, from_ref = None, False  # found but not resolvable (e.g. "Feb. 30"): keep the span
        # a deadline or target ("by 1992", "until March") is not a time the story is told at
        if cand.rule.type == "DATE" and not from_ref and cue_before(text, cand.start) != "deadline":
            resolver.observe(_period_closed_by(text, cand.start, value, resolver.ref))
        out.append(Time(id="", text=text[cand.start:cand.end], start=cand.start, end=cand.end,
                        type=cand.rule.type, value=value, mod=cand.mod, extractor=EXTRACTOR.name))
    return out


EXTRACTOR = Extractor(name="times", version="1.3", field="times", run=extract, load=load_grammar)
