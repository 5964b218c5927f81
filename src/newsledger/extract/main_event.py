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

The best clause gives who (its subject) and what (its predicate, trimmed to
the verb and its core complement). When and where come from the record's
times and places (spaCy's DATE/GPE entities when those extractors found
nothing), preferring those attached to the chosen clause, then the lead;
why from causal markers ("because", "due to", "after ...ing", purpose "to"),
how from means and manner ("by ...ing", "with", "using") in the chosen
sentence. Weights and word lists are data (``resources/en/events/5w1h.yaml``).

What it does not do: merge answers across outlets, or answer from the
publication date when the text names no time (a missing answer is better
than a guessed one).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import resources
from ..model import Event, MainEvent, PlaceSpan, Span, TimeSpan
from .base import Context, Extractor
from .events import load as events_load, segments

_SUBJ = ("nsubj", "nsubjpass")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DIGIT_DATE = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:1[89]|20)\d{2}\b")
_CORE = ("dobj", "attr", "acomp", "oprd", "xcomp", "prt", "dative", "ccomp", "agent")


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
        at = doc.text.find(title[:60])
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
    end = verb.i + 1
    comp = None
    for child in verb.rights:
        if child.dep_ in _CORE:
            comp = child
            break
    if comp is None:
        comp = next((c for c in verb.rights if c.dep_ == "prep"), None)
    if comp is not None:
        end = _phrase_end(comp)
    end = min(end, start + max_tokens)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ in ("cc", "det", "prep", "mark")):
        end -= 1
    return start, end


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
        # headline noun-verb: the word and the noun phrase after it, up to a preposition
        end = best.verb.i + 1
        while end < best.seg_end and end - best.verb.i < max_tokens and doc[end].pos_ in ("ADJ", "NOUN", "PROPN", "DET", "NUM", "PART"):
            end += 1
        return best.verb.i, end
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
    """The means: a "by ...ing" / "using" / "with" phrase of the chosen sentence
    if there is one, else how the lead tells the action: the main verb of the
    best clause after the one chosen for what (the body's retelling)."""
    marked = pick_marked(doc, best, lead, cfg["how"], cfg["how_max_tokens"], cfg["how_reach"])
    if marked is not None:
        return marked
    if best is None:
        return None
    verb = best.verb
    content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if verb.lemma_.lower() in cfg["reporting_verbs"] and content is not None and content.pos_ == "VERB":
        verb = content
    start = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg", "advmod") and child.i >= start - 2:
            start = min(start, child.i)
    nxt = Candidate(verb, best.subject, best.position)
    return _span(doc, start, nxt.verb.i + 1)


def find_candidates(lead: list[SpacySpan], cfg: dict[str, Any], title_end: int = -1,
                    triggers: frozenset[int] = frozenset()) -> list[Candidate]:
    """Every clause in the lead with a nominal subject."""
    out: list[Candidate] = []
    for pos, sent in enumerate(lead):
        in_title = sent.start_char < title_end
        for tok in sent:
            if in_title and tok.i in triggers and tok.pos_ in ("NOUN", "PROPN"):
                # a headline verb the parser took for a noun ("Taliban attack consulate")
                before = [t for t in sent if t.i < tok.i and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "nmod"]
                if before:
                    out.append(Candidate(tok, before[-1], pos, True, seg_start=sent.start, seg_end=sent.end))
                continue
            if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass", "amod"):
                continue
            subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
            if subj is None and tok.dep_ == "conj":
                subj = next((c for c in tok.head.children if c.dep_ in _SUBJ), None)
            if subj is not None and not (sent.start <= subj.i < sent.end):
                subj = None
            if subj is None and tok.pos_ == "VERB" and tok.dep_ not in ("acl", "relcl", "advcl", "xcomp", "pcomp", "ccomp"):
                # headlines drop articles and the parser glues them onto the next
                # sentence: take the noun just before the verb as its subject
                before = [t for t in sent if t.i < tok.i and t.pos_ in ("NOUN", "PROPN")]
                subj = before[-1] if before else None
            if (subj is None or subj.lower_ in cfg["skip_subjects"] or subj.pos_ not in ("NOUN", "PROPN", "PRON")
                    or subj.ent_type_ in ("DATE", "TIME", "CARDINAL")):
                continue
            out.append(Candidate(tok, subj, pos, in_title, seg_start=sent.start, seg_end=sent.end))
    return out


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
    return Span(doc.text[a:b], a, b)


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
    """A specific time of the chosen sentence, else the first one of the lead."""
    times = [t for t in ctx.record.times if t.type in ("DATE", "TIME")]
    items: list[tuple[int, int, str | None]] = [(t.start, t.end, t.value) for t in times]
    if not items:
        items = [(e.start_char, e.end_char, None) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    items = [it for it in items if _specific(doc.text[it[0]:it[1]], it[2], cfg)]
    return _first_in(doc, items, best, lead, lambda s, e, v: TimeSpan(doc.text[s:e], s, e, v))


def pick_where(doc: Doc, ctx: Context, best: Candidate | None, lead: list[SpacySpan],
               cfg: dict[str, Any]) -> PlaceSpan | None:
    """A place the clause happens in: the object of a locative preposition
    ("in Croydon", "at the White House") or a dateline, not a place used as
    a modifier ("U.S. election") or as an actor."""
    items: list[tuple[int, int, str | None]] = [(p.start, p.end, p.id) for p in ctx.record.places]
    # facilities and landmarks ("the White House") are answers too, gazetteer or not
    items += [(e.start_char, e.end_char, None) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")
              and not any(a < e.end_char and e.start_char < b for a, b, _ in items)]
    locative = set(cfg["locative_preps"])
    place_nouns = set(cfg["place_nouns"])
    kept = []
    for start, end, pid in items:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        head = root.head
        if (root.dep_ == "pobj" and head.lower_ in locative) or (
                root.dep_ == "compound" and head.dep_ == "pobj" and head.head.lower_ in locative
                and head.lemma_.lower() in place_nouns):
            np_start = min(root.left_edge.i, span.start) if root.dep_ == "pobj" else head.left_edge.i
            np_end = max(span.end, (head.i + 1) if root.dep_ == "compound" else span.end)
            a, b = doc[np_start].idx, doc[np_end - 1].idx + len(doc[np_end - 1])
            kept.append((a, b, pid))
        elif (root.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "pobj"
              and head.head.head.lower_ in locative):
            # "in the northern Afghan city of Mazar-i-Sharif": the whole phrase
            outer = head.head
            a, b = doc[outer.left_edge.i].idx, span.end_char
            kept.append((a, b, pid))
        elif span.start == root.sent.start and span.text.isupper():
            kept.append((start, end, pid))
    return _first_in(doc, kept, best, lead, lambda s, e, v: PlaceSpan(doc.text[s:e], s, e, v))


def _first_in(doc: Doc, items: list[tuple[int, int, Any]], best: Candidate | None,
              lead: list[SpacySpan], make: Any) -> Any:
    ordered = sorted(items)
    if best is not None:
        sent = next(s for s in lead if s.start <= best.verb.i < s.end)
        here = [it for it in ordered if _in(it[0], it[1], sent)]
        if here:
            return make(*here[0])
    for sent in lead:
        here = [it for it in ordered if _in(it[0], it[1], sent)]
        if here:
            return make(*here[0])
    return None


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
                if first.dep_ == "mark" and first.head.i > first.i:
                    end = _phrase_end(first.head)  # "because they ...": the clause it marks
                else:
                    end = max(max(t.right_edge.i for t in sent[i:i + len(parts)]) + 1, last.i + 2)
                end = min(end, start + max_tokens, sent.end)
                while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                if end > start and not doc[start].is_punct:
                    return (start if markers.get("drop_marker", True) else first.i), end
    for tok in sent:
        if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and markers.get("purpose"):
            start = tok.i
            end = min(tok.right_edge.i + 1, start + max_tokens)
            return start, end
    return None


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
        w0, w1 = _subject_span(best.subject)
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
    me.why = pick_marked(doc, best, lead, cfg["why"], cfg["why_max_tokens"], cfg["why_reach"])
    me.how = pick_how(doc, best, cands, lead, cfg)
    return me


EXTRACTOR = Extractor(name="main_event", version="1.1", field="main_event", run=extract, load=load)
