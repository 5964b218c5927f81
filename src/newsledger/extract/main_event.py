"""The article's main event as 5W1H answers (who, what, when, where, why, how).

Method, after Giveme5W1H (Hamborg et al. 2019): news puts its main event in
the headline and the lead, so candidates come from the title and the first
sentences; each clause (subject + predicate) is scored by

* position: earlier is better (inverted pyramid), the title counting as first;
* frequency: how often the actor named by the subject recurs in the article;
* eventness: the clause carries an event of :attr:`Record.events`;
* naming: the subject is a named entity (or a noun phrase around one),
  while a reporting clause ("..., said the ministry") is weaker than what it
  reports.

The best clause gives who (its subject; for a passive with a "by" agent,
the agent, also when the parser hangs it on an event noun: "station
bombed in attack by Islamic State") and what (its verb phrase: the verb
with its objects, particles and prepositional phrases up to the next
clause, or a time or cause clause: "wins after surviving a fall"). A headline kicker ("Ferry
disaster: Coastguard names missing crew") is a topic label, not the actor; a
headline verb the tagger took for a plural noun ("chancellor lands in Kyiv")
is read as the verb.
When is the best-scored time of the record's times: position (the chosen
sentence, the lead), granularity (clock time, day, month, year) and
closeness to the publication date; beyond the lead only a written-out day
near publication counts, and a time over a year old is background. Where is
the best-scored place the lead uses as a location (locative preposition or
dateline): position, frequency in the article and specificity (city over
country). A day that owns an event ("Sunday's runoff") is answered
with it. Why comes from a headline's "after" ("Airline shares tumble after
fuel prices surge": headlines compress cause into it), then causal and
purpose markers ("because", "due to", "in retaliation for", "in an effort
to", purpose "to", "for" + a gerund: "fined for fielding an ineligible
player"), how from means
adverbials ("using", "with" + an instrument noun, "by" + a gerund); both
stay empty without a marker. Weights and word lists are data
(``resources/en/events/5w1h.yaml``).

What it does not do: merge answers across outlets, or answer from the
publication date when the text names no time (a missing answer is better
than a guessed one).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import resources
from ..model import Event, MainEvent, PlaceSpan, Span, TimeSpan
from .base import Context, Extractor
from .docindex import doc_text
from .events import load as events_load, segments

_SUBJ = ("nsubj", "nsubjpass")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DIGIT_DATE = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:1[89]|20)\d{2}\b")
_ACTOR_ENTS = ("PERSON", "ORG", "NORP", "GPE")
_VP_STOP = ("advcl", "conj", "cc", "parataxis", "relcl", "mark", "ccomp", "dep", "npadvmod")


def load() -> dict[str, Any]:
    return resources.load_yaml("events/5w1h.yaml")


@dataclass(slots=True)
class Candidate:
    """A clause of the lead: its verb, subject and where it stands."""

    verb: Token
    subject: Token
    position: int
    title: bool = False
    score: float = 0.0
    seg_start: int = 0
    seg_end: int = 0


def _lead(doc: Doc, ctx: Context, size: int) -> tuple[list[SpacySpan], int]:
    """The first sentences, and where the title ends if the text carries it."""
    segs = [s for s in segments(doc) if any(t.is_alpha for t in s)]
    title_end = -1
    title = " ".join((ctx.record.title or "").split())
    if title:
        at = doc_text(doc).find(title[:60])
        if 0 <= at < 400:
            title_end = at + len(title)
    return segs[:size], title_end


def _subject_span(subj: Token) -> tuple[int, int]:
    """Subject noun phrase: left modifiers, the head, an "of"-complement, an
    appositive and coordinated heads, without relative clauses."""
    start = subj.left_edge.i
    end = subj.i + 1
    for child in subj.rights:
        if child.dep_ in ("prep",) and child.lower_ == "of" or child.dep_ in ("appos", "conj", "cc", "compound"):
            end = max(end, child.right_edge.i + 1)
    doc = subj.doc
    # a hyphenated name the parser split ("Al-Shabaab"): the whole word
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _predicate_span(verb: Token, max_tokens: int, reporting: frozenset[str] = frozenset()) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and core complement, trimmed;
    for a reporting verb, what it reports."""
    doc = verb.doc
    if verb.lemma_.lower() in reporting:
        content = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
        if content is not None:
            start = content.left_edge.i
            while start < content.i and (doc[start].is_punct or doc[start].dep_ == "mark"):
                start += 1
            end = min(content.right_edge.i + 1, start + max_tokens)
            while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return start, end
    start = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i >= start - 3:
            start = min(start, child.i)
    # the verb phrase as Giveme5W1H takes it: the verb with everything it
    # governs to its right (objects, particles, prepositional phrases), up to
    # the first clause boundary (a conjoined or subordinate clause, a comma)
    return start, _vp_end(verb, start, max_tokens)


def _vp_end(verb: Token, start: int, max_tokens: int) -> int:
    """End (exclusive) of the verb phrase headed by ``verb``, at most ``max_tokens`` from ``start``."""
    doc = verb.doc
    stop_words = load()["vp_stop_words"]
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ in _VP_STOP or (child.is_punct and child.dep_ == "punct") or child.is_space:
            break
        if child.lower_ in stop_words and not (child.lower_ == "as" and any(
                c.dep_ == "dobj" and c.i < child.i for c in verb.children)):
            break  # a time or cause clause ("wins after surviving"), not "hails X as Y"
        end = max(end, _phrase_end(child))
    end = min(end, start + max_tokens)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ in ("cc", "det", "prep", "mark", "case", "poss", "amod", "compound")):
        end -= 1
    return end


def _phrase_end(tok: Token) -> int:
    """End (exclusive) of ``tok``'s phrase without relative clauses or asides."""
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ not in ("relcl", "acl", "advcl", "punct", "appos", "cc", "conj", "parataxis"):
            end = max(end, _phrase_end(child))
    return end


def _token(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _what_span(doc: Doc, best: Candidate, events: list[Event], event_id: str | None,
               cfg: dict[str, Any]) -> tuple[int, int]:
    """The predicate of the chosen clause; when the event it carries sits
    further down ("were shown willing to host the soldiers"), the part of the
    predicate from the event's own clause on."""
    max_tokens = cfg["what_max_tokens"]
    if best.verb.pos_ in ("NOUN", "PROPN"):
        # headline noun-verb: the word and the noun phrase after it, or what it governs
        end = best.verb.i + 1
        while end < best.seg_end and end - best.verb.i < max_tokens and doc[end].pos_ in ("ADJ", "NOUN", "PROPN", "DET", "NUM", "PART"):
            end += 1
        return best.verb.i, max(end, _vp_end(best.verb, best.verb.i, max_tokens))
    start, end = _predicate_span(best.verb, max_tokens, frozenset(cfg["reporting_verbs"]))
    ev = next((e for e in events if e.id == event_id), None)
    if ev is None:
        return start, end
    trig = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if trig is None or start <= trig.root.i < end or trig.root.i < best.verb.i:
        return start, end
    # climb from the trigger to the child of the chosen verb on the path
    node = trig.root
    while node.head.i != best.verb.i and node.head.i != node.i:
        node = node.head
    if node.head.i != best.verb.i:
        return start, end
    t_start, t_end = _predicate_span(trig.root, max_tokens)
    lo = node.left_edge.i if node.i <= trig.root.i else t_start
    lo = max(lo, node.i) if node.pos_ in ("ADJ", "VERB", "AUX") else lo
    return lo, min(max(t_end, trig.root.i + 1), lo + max_tokens)


def pick_how(doc: Doc, best: Candidate | None, cands: list[Candidate], lead: list[SpacySpan],
             cfg: dict[str, Any]) -> Span | None:
    """The means: a marker phrase ("using", "armed with"), "with" + an
    instrument or "by" + a gerund in the chosen sentence or the first ones of
    the lead. With ``how_fallback`` set, else the body's retelling of the
    action (the best clause after the one chosen for what); it is off: on the
    Giveme5W1H training split that guess was right less often than silence."""
    marked = pick_marked(doc, best, lead, cfg["how"], cfg["how_max_tokens"], cfg["how_reach"])
    if marked is not None:
        return marked
    order = []
    if best is not None:
        order.append(next(s for s in lead if s.start <= best.verb.i < s.end))
    order += [s for s in lead[:cfg["how_reach"]] if s not in order]
    for sent in order:
        found = _means_phrase(sent, cfg)
        if found is not None:
            return _span(doc, *found)
    if best is None or not cfg["how_fallback"]:
        return None
    # the lead retells the headline's action in its own words ("Airline
    # sparks fury" -> "it cut the baggage allowance"):
    # the best clause of the body after the one chosen for what
    body = [c for c in cands if not c.title and c.verb.i != best.verb.i and c.verb.pos_ in ("VERB", "AUX")
            and c.verb.lemma_.lower() not in cfg["reporting_verbs"]]
    chosen = max(body, key=lambda c: (c.score, -c.verb.i)) if body else best
    verb = chosen.verb
    content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if verb.lemma_.lower() in cfg["reporting_verbs"] and content is not None and content.pos_ == "VERB":
        verb = content
    start = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i >= start - 2:
            start = min(start, child.i)
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ == "prt" or (child.dep_ == "dobj" and cfg["how_object"]):
            end = max(end, child.i + 1)
        else:
            break
    return _span(doc, start, min(end, start + cfg["how_max_tokens"]))


def _means_phrase(sent: SpacySpan, cfg: dict[str, Any]) -> tuple[int, int] | None:
    """An instrument or a method: "with" (or "laden/packed with") an
    instrument noun ("with a suicide car bomb"), or "by" + a gerund ("by
    storming home"): Giveme5W1H's means adverbials."""
    instruments = cfg["how_instruments"]
    doc = sent.doc
    for tok in sent:
        if tok.lower_ == "with":
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in instruments:
                return tok.i, min(_phrase_end(obj), tok.i + cfg["how_max_tokens"], sent.end)
        elif tok.lower_ == "by":
            comp = next((c for c in tok.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
            if comp is not None:
                end = min(_phrase_end(comp), tok.i + cfg["how_max_tokens"], sent.end)
                while end > comp.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                return tok.i, end
    return None


def find_candidates(lead: list[SpacySpan], cfg: dict[str, Any], title_end: int = -1,
                    triggers: frozenset[int] = frozenset()) -> list[Candidate]:
    """Every clause in the lead with a nominal subject."""
    out: list[Candidate] = []
    for pos, sent in enumerate(lead):
        in_title = sent.start_char < title_end
        kicker = _kicker_end(sent) if in_title else sent.start
        for tok in sent:
            if tok.i < kicker:
                continue
            if in_title and tok.i in triggers and tok.pos_ in ("NOUN", "PROPN"):
                # a headline verb the parser took for a noun ("Rebels attack convoy")
                before = [t for t in sent if kicker <= t.i < tok.i and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "nmod"]
                if before:
                    out.append(Candidate(tok, before[-1], pos, True, seg_start=sent.start, seg_end=sent.end))
                continue
            if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass", "amod") or tok.lower_ in cfg["skip_verbs"]:
                continue
            subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
            if subj is None and tok.dep_ == "conj":
                subj = next((c for c in tok.head.children if c.dep_ in _SUBJ), None)
            if subj is not None and not (kicker <= subj.i < sent.end):
                subj = None
            if subj is None and tok.pos_ == "VERB" and tok.dep_ not in ("acl", "relcl", "advcl", "xcomp", "pcomp", "ccomp"):
                # headlines drop articles and the parser glues them onto the next
                # sentence: take the noun just before the verb as its subject
                before = [t for t in sent if kicker <= t.i < tok.i and t.pos_ in ("NOUN", "PROPN")]
                subj = before[-1] if before else None
            # counted people are actors too ("Dozens of rescuers", "Five shot in Seattle")
            if (subj is None or subj.lower_ in cfg["skip_subjects"] or subj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM")
                    or subj.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY")):
                continue
            out.append(Candidate(tok, subj, pos, in_title, seg_start=kicker, seg_end=sent.end))
        if in_title:
            verb = _headline_noun_verb(sent, kicker)
            if verb is not None:
                out.append(Candidate(verb[0], verb[1], pos, True, seg_start=kicker, seg_end=sent.end))
    return out


def _headline_noun_verb(seg: SpacySpan, start: int) -> tuple[Token, Token] | None:
    """A headline verb the tagger read as a plural noun: "Sports world reacts
    to ...", "Minister lands in Kyiv for talks" parse as one noun phrase
    headed by "reacts"/"lands". Taken as the verb (with the noun before it
    as subject) only when it heads the headline, ends in -s, follows a noun
    and governs a complement to its right."""
    root = next((t for t in seg if t.dep_ == "ROOT" and t.i >= start), None)
    if root is None or root.tag_ != "NNS" or not root.lower_.endswith("s") or root.i == start:
        return None
    before = root.doc[root.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ != "compound":
        return None
    if not any(c.dep_ in ("prep", "dobj") and c.i > root.i for c in root.children):
        return None
    return root, before


def _kicker_end(seg: SpacySpan) -> int:
    """Where a headline's kicker ends: "Ferry disaster: Coastguard names
    missing crew" reports the clause after the colon; the label before it is a
    topic, neither actor nor action. Without a colon, with nothing after it
    or with a clause of its own before it ("Pope meets Patriarch: what ..."),
    the segment's start."""
    for tok in seg:
        if tok.text in (":", "|") and any(t.is_alpha for t in seg[tok.i - seg.start + 1:]):
            clause = any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJ and seg.start <= c.i < tok.i for c in t.children)
                         for t in seg[:tok.i - seg.start])
            return seg.start if clause else tok.i + 1
    return seg.start


def _actor_token(c: Candidate) -> Token:
    """Who acted: the subject, or for a passive clause with a "by" agent
    ("station bombed in attack by rebels"), the agent."""
    if c.subject.dep_ == "nsubjpass" or any(t.dep_ == "auxpass" for t in c.verb.children) or c.verb.tag_ == "VBN":
        for child in c.verb.rights:
            if child.dep_ == "agent":
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None and c.seg_start <= obj.i < c.seg_end:
                    return obj
        # the agent of the event noun that restates the verb: "station
        # bombed in attack by Islamic State" (the parser hangs "by" on the noun)
        for prep in c.verb.rights:
            if prep.dep_ != "prep":
                continue
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                by = next((g for g in noun.rights if g.lower_ == "by" and g.dep_ in ("prep", "agent")), None)
                obj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
                if obj is not None and c.seg_start <= obj.i < c.seg_end and obj.ent_type_ in _ACTOR_ENTS:
                    return obj
    return c.subject


def _actor_key(tok: Token) -> str:
    """What counts as 'the same actor' for frequency: the entity text or the head lemma."""
    if tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return ent.text.lower()
    for child in tok.children:
        if child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return child.text.lower()
    return tok.lemma_.lower()


def score_candidates(cands: list[Candidate], doc: Doc, events: list[Event], cfg: dict[str, Any],
                     quoted: list[tuple[int, int]] = ()) -> None:
    """Giveme5W1H-style score: position, actor frequency, eventness, naming."""
    w = cfg["weights"]
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        counts[ent.text.lower()] += 1
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN"):
            counts[tok.lemma_.lower()] += 1
    top = max(counts.values(), default=1)
    triggers = {ev.trigger.start for ev in events}
    reporting = set(cfg["reporting_verbs"])
    n = max(1, max((c.position for c in cands), default=0) + 1)
    for c in cands:
        score = w["position"] * (1 - c.position / n)
        score += w["frequency"] * counts.get(_actor_key(c.subject), 0) / top
        if c.verb.idx in triggers or any(t.idx in triggers for t in c.verb.children if t.dep_ in ("dobj", "xcomp")):
            score += w["event"]
        if c.subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or any(
                t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in c.subject.subtree):
            score += w["named"]
        if c.verb.lemma_.lower() in reporting:
            score -= w["reporting"]
        if c.subject.pos_ == "PRON":
            score -= w["pronoun"]
        if c.verb.dep_ == "ROOT":
            score += w["root"]
        if c.title:
            score += w["title"]
        if any(a <= c.verb.idx < b for a, b in quoted):
            score -= w["quoted"]  # a quotation's content is the speaker's, the event is the saying
        c.score = score


def _span(doc: Doc, start: int, end: int) -> Span:
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Span(doc_text(doc)[a:b], a, b)


def _in(tok_start: int, tok_end: int, sent: SpacySpan) -> bool:
    return sent.start_char <= tok_start and tok_end <= sent.end_char


def _specific(text: str, value: str | None, cfg: dict[str, Any]) -> bool:
    """A time that dates the event (a day, a date, a clock time), not a vague span."""
    if value and _DATED.match(value):
        return True
    low = text.lower()
    return any(w in low for w in cfg["specific_time_words"]) or bool(_DIGIT_DATE.search(low))


def pick_when(doc: Doc, ctx: Context, best: Candidate | None, lead: list[SpacySpan],
              cfg: dict[str, Any]) -> TimeSpan | None:
    """The time of the main event, scored as Giveme5W1H scores dates: its
    position (the chosen sentence, then the lead), its granularity (a clock
    time or a day dates an event, a bare year hardly) and its closeness to the
    publication date (news reports what happened in the last days; "1908" in
    a story about a club's first title since then is history). Beyond the lead only an explicit
    date near publication counts (a dated update or post: "March 4, 2024")."""
    text = doc_text(doc)
    wc = cfg["when"]
    items: list[tuple[int, int, str | None]] = [(t.start, t.end, t.value) for t in ctx.record.times
                                                 if t.type in ("DATE", "TIME")]
    if not items:
        items = [(e.start_char, e.end_char, None) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "WORK_OF_ART")]
    lead_end = lead[-1].end_char if lead else 0
    best_sent = next((s for s in lead if s.start <= best.verb.i < s.end), None) if best is not None else None
    scored: list[tuple[float, int, tuple[int, int, str | None]]] = []
    for it in items:
        start, end, value = it
        phrase = text[start:end]
        if not _specific(phrase, value, cfg) or any(a < end and start < b for a, b in names) or _in_name(doc, start, phrase):
            continue  # vague ("recently") or part of a name ("ABC NEWS")
        when = _value_date(value)
        age = (ctx.anchor - when).days if (when is not None and ctx.anchor is not None) else None
        if start >= lead_end:
            if not (age is not None and -1 <= age <= wc["late_max_days"]
                    and _granularity(value, phrase) in ("day", "part", "clock") and _named_day(phrase, cfg)):
                continue
            score = 0.0
        else:
            rank = next((n for n, s in enumerate(lead) if s.start_char <= start < s.end_char), len(lead))
            score = wc["lead"] + wc["position"] * (1 - rank / max(1, len(lead)))
            if best_sent is not None and _in(start, end, best_sent):
                score += wc["sentence"]
        score += wc["granularity"].get(_granularity(value, phrase), 0.0)
        if age is not None:
            if -1 <= age <= wc["recent_days"]:
                score += wc["recent"]
            elif age > wc["old_days"]:
                continue
        scored.append((score, -start, it))
    if not scored:
        return None
    start, end, value = max(scored)[2]
    start = _time_phrase_start(doc, start, cfg)
    end = _time_phrase_end(doc, end)
    return TimeSpan(text[start:end], start, end, value)


def _time_phrase_end(doc: Doc, end: int) -> int:
    """Widen "Sunday" to "Sunday's presidential runoff": a time that owns
    the event ("Tuesday's vote") is dated by that event, and names it."""
    tok = _token(doc, end - 1)
    if tok is None or tok.dep_ != "poss" or not (tok.i < tok.head.i <= tok.i + 5) or tok.head.pos_ not in ("NOUN", "PROPN"):
        return end
    if any(t.is_punct and t.dep_ != "case" or t.is_space for t in doc[tok.i + 1:tok.head.i + 1]):
        return end
    return tok.head.idx + len(tok.head)


def _time_phrase_start(doc: Doc, start: int, cfg: dict[str, Any]) -> int:
    """Widen "Wednesday" to "the early hours of Wednesday": a part-of-day noun
    with "of" before the time belongs to the answer."""
    tok = _token(doc, start)
    if tok is None or tok.i < 2:
        return start
    of = doc[tok.i - 1]
    noun = of.head if of.lower_ == "of" else None
    if noun is None or noun.i >= tok.i or noun.lemma_.lower() not in cfg["when"]["part_of_day"]:
        return start
    return doc[noun.left_edge.i].idx


def _named_day(phrase: str, cfg: dict[str, Any]) -> bool:
    """A date written out (a weekday, a month, digits), not deixis ("today", "last night")."""
    low = phrase.lower()
    return bool(re.search(r"\d", low)) or any(w in low.split() for w in cfg["when"]["named_days"])


def _in_name(doc: Doc, start: int, phrase: str) -> bool:
    """An all-capitals word right after a proper noun is part of a name ("ABC NEWS")."""
    if not (phrase.isupper() and " " not in phrase):
        return False
    tok = _token(doc, start)
    return tok is not None and tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].text[:1].isupper()


_VALUE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_VALUE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_VALUE_YEAR = re.compile(r"^(\d{4})$")


def _value_date(value: str | None) -> date | None:
    """The day a TIMEX3 value falls on (a month or a year: its first day)."""
    if not value:
        return None
    try:
        if m := _VALUE_DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _VALUE_MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1)
        if m := _VALUE_YEAR.match(value):
            return date(int(m[1]), 1, 1)
    except ValueError:
        return None
    return None


def _granularity(value: str | None, phrase: str) -> str:
    if value:
        if re.match(r"^\d{4}-\d{2}-\d{2}T\d", value):
            return "clock"  # "T06:10"
        if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
            return "part"  # a part of the day ("TMO": morning)
        if _VALUE_DAY.match(value):
            return "day"
        if _VALUE_MONTH.match(value):
            return "month"
        if _VALUE_YEAR.match(value):
            return "year"
    return "clock" if _DIGIT_DATE.search(phrase.lower()) and ":" in phrase else "day"


def pick_where(doc: Doc, ctx: Context, best: Candidate | None, lead: list[SpacySpan],
               cfg: dict[str, Any]) -> PlaceSpan | None:
    """The place of the main event, scored as Giveme5W1H scores locations:
    position in the lead, frequency in the article and specificity (a city
    over its country: "Kharkiv" over "Ukraine"). Only a place the
    lead uses as a location can answer: the object of a locative preposition
    ("in Leeds", "at the White House", "in the city of Kharkiv") or a
    dateline ("LONDON --"), not a modifier ("U.S. election") or an actor."""
    text = doc_text(doc)
    wc = cfg["where"]
    places = [(p.start, p.end, p.id, p.feature, (p.name or p.text).lower()) for p in ctx.record.places]
    # facilities and landmarks ("the White House") are answers too, gazetteer or not
    places += [(e.start_char, e.end_char, None, "FAC" if e.label_ == "FAC" else None, e.text.lower())
               for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")
               and not any(a < e.end_char and e.start_char < b for a, b, *_ in places)]
    counts = Counter(key for *_, key in places)
    top = max(counts.values(), default=1)
    lead_end = lead[-1].end_char if lead else 0
    best_sent = next((s for s in lead if s.start <= best.verb.i < s.end), None) if best is not None else None
    scored: list[tuple[float, int, int, int, str | None]] = []
    for start, end, pid, feature, key in places:
        if start >= lead_end:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.root.pos_ == "ADJ" or span.root.ent_type_ == "NORP":
            continue  # "German consulate": a demonym, not a location
        use = _locative_use(span, cfg)
        if use is None:
            continue
        a, b = _name_extent(doc, span)
        rank = next((n for n, sg in enumerate(lead) if sg.start_char <= start < sg.end_char), len(lead))
        score = wc["position"] * (1 - rank / max(1, len(lead)))
        score += wc["frequency"] * counts[key] / top
        score += wc["specificity"].get(_place_level(feature), 0.0)
        score += wc["dateline"] if use == "dateline" else 0.0
        if best_sent is not None and _in(start, end, best_sent):
            score += wc["sentence"]
        scored.append((score, -a, a, b, pid))
    if not scored:
        return None
    _, _, a, b, pid = max(scored)
    return PlaceSpan(text[a:b], a, b, pid)


def _locative_use(span: SpacySpan, cfg: dict[str, Any]) -> str | None:
    """How the lead uses a place: "locative" (object of in/at/near..., also
    through a place noun: "in the city of X", "at Victoria bus station"),
    "dateline" (capitals opening a segment, or before "--" / a comma and a
    date), or ``None``."""
    locative = cfg["locative_preps"]
    place_nouns = cfg["place_nouns"]
    root = span.root
    node = root
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in locative:
            return "locative"
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in place_nouns:
            node = node.head.head  # "the city of X"
            continue
        if node.dep_ in ("compound", "appos", "conj") and (node.head.lemma_.lower() in place_nouns
                                                           or node.head.ent_type_ in ("GPE", "LOC", "FAC")
                                                           or node.head.pos_ == "PROPN"):
            node = node.head  # "Victoria bus station", "Shijiazhuang, Hebei"
            continue
        break
    upper = [t for t in span if t.text.isupper() and len(t.text) > 2]
    if upper:
        first_up = upper[0]
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        first = first_up.i == 0 or span.doc[first_up.i - 1].is_space or span.doc[first_up.i - 1].is_title
        if first and nxt is not None and nxt.text in (",", "--", "-", "\u2014", "(", "\u2013"):
            return "dateline"
    return None


def _name_extent(doc: Doc, span: SpacySpan) -> tuple[int, int]:
    """The place's whole name: a gazetteer hit widened to the entity around it ("Stratford" -> "Stratford-upon-Avon")."""
    a, b = span.start_char, span.end_char
    tok = span.root
    while tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and 0 < tok.head.i - tok.i <= 4:
        tok = tok.head  # "Stratford - upon - Avon": the name's head
    if tok is not span.root and all(not t.is_space for t in doc[span.root.i:tok.i + 1]):
        b = max(b, tok.idx + len(tok))
    for ent in doc.ents:
        if ent.start_char < b and a < ent.end_char and ent.label_ in ("GPE", "LOC", "FAC"):
            a, b = min(a, ent.start_char), max(b, ent.end_char)
    while a < b and not doc_text(doc)[a].isalnum():
        a += 1
    while b > a and doc_text(doc)[b - 1].isspace():
        b -= 1  # an entity that swallowed the blank line after a headline
    return a, b


def _place_level(feature: str | None) -> str:
    """GeoNames feature code -> how specific the place is."""
    if not feature:
        return "unknown"
    if feature == "FAC" or feature.startswith(("PPL", "S", "R", "H", "T", "L")) and not feature.startswith(("PCL",)):
        return "local"
    if feature in ("ADM2", "ADM3", "ADM4", "ADM5"):
        return "district"
    if feature == "ADM1":
        return "region"
    if feature.startswith("PCL"):
        return "country"
    return "unknown"


def _marker_phrase(sent: SpacySpan, markers: dict[str, list[str]], max_tokens: int) -> tuple[int, int] | None:
    """The phrase a causal or manner marker introduces in ``sent``, if any."""
    doc = sent.doc
    words = [t.lower_ for t in sent]
    for phrase in markers.get("phrases", []):
        parts = phrase.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i:i + len(parts)] == parts:
                first = sent[i]
                last = sent[i + len(parts) - 1]
                start = last.i + 1
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if first.dep_ == "mark" and first.head.i > first.i:
                    end = _phrase_end(first.head)  # "because they ...": the clause it marks
                elif obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    end = _np_core_end(obj)  # "due to price rises (in recent months)": the cause itself
                else:
                    end = max(max(t.right_edge.i for t in sent[i:i + len(parts)]) + 1, last.i + 2)
                end = min(end, start + max_tokens, sent.end)
                while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                if end > start and not doc[start].is_punct:
                    return (start if markers.get("drop_marker", True) else first.i), end
    gerund_preps = markers.get("gerund_preps", ())
    for tok in sent:
        comp = next((c for c in tok.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None) \
            if tok.lower_ in gerund_preps else None
        if comp is not None:
            # "fined for fielding an ineligible player": the act blamed or praised
            start = comp.i
            end = min(comp.right_edge.i + 1, start + max_tokens, sent.end)
            while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return start, end
    for tok in sent:
        if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and markers.get("purpose"):
            start = tok.i
            end = min(tok.right_edge.i + 1, start + max_tokens, sent.end)
            while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return start, end
    return None


def _np_core_end(noun: Token) -> int:
    """End of a noun phrase without its attachments (prepositional phrases, clauses)."""
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ in ("compound", "nummod", "case") and child.i == end:
            end = child.i + 1
        else:
            break
    return end


def _headline_cause(seg: SpacySpan, words: list[str], max_tokens: int) -> tuple[int, int] | None:
    """What a headline says its event followed from: "Airline shares tumble
    after fuel prices surge", "Motorway closed after lorry sheds its load".
    Headlines compress cause into "after" (a lead sentence
    uses it for sequence: "resigned after three years in office"), so this
    reads only the title. The cause runs to the next clause break (a comma,
    a colon, "and"); the parser's attachment is not trusted here, since it
    often takes a headline's verb for a noun ("after fuel prices surge")."""
    doc = seg.doc
    for tok in seg:
        if tok.lower_ not in words or tok.i + 1 >= seg.end:
            continue
        start = tok.i + 1
        end = start
        while end < min(seg.end, start + max_tokens):
            t = doc[end]
            if t.is_space or t.dep_ == "cc" or (t.is_punct and t.text not in ("'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "-")):
                break
            end += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end > start and any(t.is_alpha for t in doc[start:end]):
            return start, end
    return None


def pick_why(doc: Doc, best: Candidate | None, lead: list[SpacySpan], title_end: int,
             cfg: dict[str, Any]) -> Span | None:
    """A causal or purpose marker in the chosen sentence or the first ones of
    the lead; failing that, the cause a headline gives with "after"."""
    for seg in lead:
        if seg.start_char >= title_end:
            break
        cause = _headline_cause(seg, cfg["why"].get("headline", []), cfg["why_max_tokens"])
        if cause is not None:
            return _span(doc, *cause)
    return pick_marked(doc, best, lead, cfg["why"], cfg["why_max_tokens"], cfg["why_reach"])


def pick_marked(doc: Doc, best: Candidate | None, lead: list[SpacySpan], markers: dict[str, Any],
                max_tokens: int, reach: int) -> Span | None:
    order = []
    if best is not None:
        order.append(next(s for s in lead if s.start <= best.verb.i < s.end))
    order += [s for s in lead[:reach] if s not in order]
    for sent in order:
        found = _marker_phrase(sent, markers, max_tokens)
        if found is not None:
            return _span(doc, *found)
    return None


def linked_event(events: list[Event], best: Candidate) -> str | None:
    """The event whose trigger is the chosen verb or sits in its predicate."""
    sent = best.verb.sent
    lo, hi = best.verb.idx, best.verb.right_edge.idx + len(best.verb.right_edge)
    inside = [ev for ev in events if lo <= ev.trigger.start < hi]
    if inside:
        return min(inside, key=lambda ev: abs(ev.trigger.start - best.verb.idx)).id
    same = [ev for ev in events if sent.start_char <= ev.trigger.start < sent.end_char]
    return same[0].id if same else None


def extract(doc: Doc, ctx: Context) -> MainEvent:
    cfg = ctx.resources.get(EXTRACTOR.name) or load()
    lead, title_end = _lead(doc, ctx, cfg["lead_sentences"])
    if not lead:
        return MainEvent()
    lex = ctx.resources.get("events") or events_load()
    verbs = frozenset(t.i for seg in lead if seg.start_char < title_end for t in seg
                      if (t.lemma_.lower(), "V") in lex.triggers or (t.lower_, "V") in lex.triggers)
    cands = find_candidates(lead, cfg, title_end, verbs)
    quoted = [(q.start, q.end) for q in ctx.record.quotes if q.kind == "direct"]
    score_candidates(cands, doc, ctx.record.events, cfg, quoted)
    best = max(cands, key=lambda c: (c.score, -c.verb.i)) if cands else None
    me = MainEvent()
    if best is not None:
        w0, w1 = _subject_span(_actor_token(best))
        w0, w1 = max(w0, best.seg_start), min(w1, best.seg_end)
        if w1 <= w0:
            w0, w1 = best.subject.i, best.subject.i + 1
        me.who = _span(doc, w0, w1)
        me.event = linked_event(ctx.record.events, best)
        p0, p1 = _what_span(doc, best, ctx.record.events, me.event, cfg)
        p0, p1 = max(p0, best.seg_start), min(p1, best.seg_end)
        if p1 <= p0:
            p0, p1 = best.verb.i, best.verb.i + 1
        me.what = _span(doc, p0, p1)
    me.when = pick_when(doc, ctx, best, lead, cfg)
    me.where = pick_where(doc, ctx, best, lead, cfg)
    me.why = pick_why(doc, best, lead, title_end, cfg)
    me.how = pick_how(doc, best, cands, lead, cfg)
    return me


EXTRACTOR = Extractor(name="main_event", version="1.10", field="main_event", run=extract, load=load)
