"""Claims: every sentence-level assertion, with its source and certainty.

A claim is either the content of an attribution (someone said, estimated,
believes, plans it; see :mod:`attribution`) or, for a sentence with no
attribution cue, the sentence itself asserted by the article (``source`` null).

Certainty follows FactBank-style factuality mapped to the schema values. Each
claim gathers candidate certainties (:func:`certainty_candidates`): its cue's
own value from ``cues.tsv`` (estimated for "estimate", proposed for "call
for"), markers inside the content from ``markers.yaml`` (modal hedges, "will",
"plans to", "should"), negation of the content's main verb (denied), a
question mark (question), and "has not been verified"-type phrases anywhere in
the sentence (unverified: such a phrase usually sits in a subordinate clause
outside the reported content). :func:`choose_certainty` keeps the least certain
by the precedence in ``markers.yaml``; ``cues`` are the spans that decided it,
the attribution cue first.

Does not: split one attribution's content into several claims, or give
different certainties to coordinated clauses of one sentence.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan

from ..model import Claim, Party, Span
from . import attribution
from .attribution import Attribution, Lexicon, doc_text, sent_bounds, sentences
from .docindex import token_lowers
from .base import Context, Extractor, assign_ids

#: a sentence needs this many word tokens and a verb to be an assertion
MIN_WORDS = 4


def extract(doc: Doc, ctx: Context) -> list[Claim]:
    lex = attribution.lexicon(ctx)
    found = attribution.find(doc, ctx)
    claims: list[Claim] = []
    for a in found:
        claims.append(_claim(doc, lex, a.start, a.end, a.speaker, a))
    # a sentence whose cue is a reporting verb is the attribution; one whose cue the learned
    # detector found outside the lexicon ('the union agreed to ...', 'Clinton attacked X as ...')
    # also asserts, in the article's voice, that the act took place
    cue_tokens = {a.cue_token for a in found if a.cue_token is not None and a.cue_kind != "learned"}
    for sent in sentences(doc):
        if any(sent.start <= i < sent.end for i in cue_tokens):
            continue
        if _inside_attribution(sent, [a for a in found if a.cue_kind != "learned"]):
            continue
        span = _sentence_span(sent)
        if span is None:
            continue
        claims.append(_claim(doc, lex, span[0], span[1], None, None))
    return assign_ids(claims, "c")


def _inside_attribution(sent: SpacySpan, found: list[Attribution]) -> bool:
    """The sentence is (mostly) part of a quoted content already claimed."""
    s, e = sent.start_char, sent.end_char
    for a in found:
        if min(a.end, e) - max(a.start, s) >= 0.5 * (e - s):
            return True
    return False


def _sentence_span(sent: SpacySpan) -> tuple[int, int] | None:
    """The sentence as an assertion, or None for headings, datelines and fragments."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < MIN_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return None
    start, end = sent.start_char, sent.end_char
    text = doc_text(sent.doc)
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if end > start else None


def _claim(doc: Doc, lex: Lexicon, start: int, end: int, source: Party | None,
           a: Attribution | None) -> Claim:
    cands = certainty_candidates(doc, lex, start, end, a)
    certainty, cues = choose_certainty(lex, cands, a)
    return Claim(id="", text=doc_text(doc)[start:end], start=start, end=end, source=source,
                 certainty=certainty, cues=cues, extractor=EXTRACTOR.name)  # type: ignore[arg-type]


def certainty_candidates(doc: Doc, lex: Lexicon, start: int, end: int,
                         a: Attribution | None) -> list[tuple[str, Span]]:
    """Every certainty the text supports for the claim [start, end), with the span that says so."""
    out: list[tuple[str, Span]] = []
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return out
    sent_start = sent_bounds(doc, span[0].i)[0]
    sent_end = max(sent_bounds(doc, span[0].i)[1], sent_bounds(doc, span[-1].i)[1])
    sentence = doc[sent_start:sent_end]
    attributed = a is not None
    # phrases inside the content
    for name in ("hedged", "estimated", "planned", "proposed"):
        for s, e in _phrase_hits(span, lex.phrases[name]):
            toks = doc[s:e]
            if name == "hedged" and not _hedge_applies(toks, attributed):
                continue
            if name in ("planned", "proposed") and not _plans_the_claim(toks):
                continue
            if name == "estimated" and not any(t.lower_.startswith("estimat") for t in toks):
                continue
            out.append((name, _sp(doc, s, e)))
    # unverified: anywhere in the sentence
    for s, e in _phrase_hits(sentence, lex.phrases["unverified"]):
        out.append(("unverified", _sp(doc, s, e)))
    # negation of the content's main predicate
    root = _content_root(span)
    if root is not None:
        for c in root.children:
            if c.dep_ == "neg" or (c.lower_ in lex.negations and c.dep_ in ("neg", "advmod")):
                out.append(("denied", _sp(doc, c.i, c.i + 1)))
                break
    # a question
    last = doc_text(doc)[start:end].rstrip(" ”’\"»)")
    if last.endswith("?"):
        q = end - 1
        out.append(("question", Span(doc_text(doc)[q:end], q, end)))
    return out


def _hedge_applies(toks: SpacySpan, attributed: bool) -> bool:
    """A modal is a hedge; bare 'would' in reported speech is the source's 'will', said earlier."""
    words = [t.lower_ for t in toks]
    if words in (["may"], ["might"], ["could"], ["would"], ["must"]):
        if toks[0].tag_ != "MD":
            return False
        if words == ["would"] and attributed:
            return False
        if words == ["must"]:
            return False
    if words == ["likely"] or words == ["unlikely"]:
        return toks[0].pos_ in ("ADJ", "ADV")
    return True


def _plans_the_claim(toks: SpacySpan) -> bool:
    """An intention or offer marker counts when it is a verb of the sentence ("plans to ask");
    a nominal or modifier ("the plan to assemble", "the proposed merger") names a plan the
    claim is about without making the claim itself one."""
    head = toks[0]
    if head.pos_ in ("NOUN", "PROPN", "ADJ") or head.dep_ in ("amod", "compound"):
        return False
    return len(toks) > 1 or head.tag_ in ("MD", "VBZ", "VBD", "VB", "VBP")


def _content_root(span: SpacySpan) -> object | None:
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else (roots[0] if roots else None)


@lru_cache(maxsize=64)
def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases grouped by their first word, longest first, so a span is scanned once."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for ph in sorted(phrases, key=len, reverse=True):
        table.setdefault(ph[0], []).append(ph)
    return {k: tuple(v) for k, v in table.items()}


def _phrase_hits(span: SpacySpan, phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of the phrases in the span (longest match first)."""
    lowered = token_lowers(span.doc)[span.start:span.end]
    table = _by_first_word(phrases)
    hits: list[tuple[int, int]] = []
    i = 0
    while i < len(lowered):
        for ph in table.get(lowered[i], ()):
            n = len(ph)
            if tuple(lowered[i:i + n]) == ph:
                hits.append((span.start + i, span.start + i + n))
                i += n - 1
                break
        i += 1
    return hits


def _sp(doc: Doc, s: int, e: int) -> Span:
    start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
    return Span(doc_text(doc)[start:end], start, end)


def choose_certainty(lex: Lexicon, cands: list[tuple[str, Span]],
                     a: Attribution | None) -> tuple[str, list[Span]]:
    """The least certain candidate wins; its spans (after the attribution cue) are the cues."""
    base = "asserted" if a is None else (a.cue_certainty if a.cue_certainty else "reported")
    options = [base] + [c for c, _ in cands]
    rank = {c: i for i, c in enumerate(lex.precedence)}
    winner = min(options, key=lambda c: rank.get(c, len(rank)))
    cues: list[Span] = []
    if a is not None and a.cue is not None:
        cues.append(a.cue)
    cues.extend(s for c, s in cands if c == winner and s not in cues)
    return winner, cues


EXTRACTOR = Extractor(name="claims", version="1.12", field="claims", run=extract,
                      load=attribution.load_lexicon)
