"""Attribution: who is said to say, think or intend what, found once per document.

Both the quotes and the claims extractors read the same attributions, so they
are computed here once and cached on the spaCy doc (``doc.user_data``, which
belongs to that one document; no global state).

Method (rules over spaCy's dependency parse, lexicons as data under
``resources/en/attribution/``):

1. *Cues* (:func:`cue_candidates`): a verb whose lemma (plus particle, for
   "call for") is in ``cues.tsv``; "according to X"; and the structural cue of
   a direct quote followed or preceded by a short clause with a verb
   ('“...,” the text collects').
2. *Content* (:func:`content_of`): the cue's clausal complement (that-clause,
   quote, to-infinitive for intentions), its noun-phrase object for cues that
   take one ("announced the capture of ..."), or, for a parenthetical cue
   ("..., sources said"), the clause it interrupts.
3. *Speaker* (:func:`resolve_speaker`): the cue's subject (or passive agent,
   or the subject it inherits as a participle or conjunct), widened to its
   name when the subject is a role noun with an apposition; pronouns, relative
   pronouns, role nouns ("the ministry") and statement nouns ("the text")
   resolve to the nearest compatible earlier actor.
4. *Direct quotes* come from :mod:`marks` (paired marks, unclosed ones
   reported, never guessed). A quoted stretch that is short and has no verb is
   a name or a term ('the newspaper ‘Chosun Ilbo’'), not a quote, unless a cue
   takes it as its complement. A quote with no cue of its own continues the
   previous speaker when it follows closely (the next paragraph of a speech).

Does not: resolve speakers across documents, or detect attributions whose cue
is a noun ("his claim that ..."), except "according to".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import resources
from ..model import Party, Span
from . import cuemodel, marks, parties
from .base import Context
# per-document indexes, shared with the other extractors (re-exported for claims)
from .docindex import doc_ents, doc_text, sent_bounds, sentences, token_starts, tokens_in  # noqa: F401

CACHE_KEY = "newsledger.attributions"

QUOTE_CHARS = "\"'“”‘’«»„‚‹›"
_EDGE_PUNCT = " \n\t,;:—–-"


# -- resources ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    particle: str | None
    kind: str  # speech | cognition | intent
    certainty: str
    takes: str  # clause | np | quote


@dataclass(slots=True)
class Lexicon:
    cues: dict[str, list[CueEntry]]
    precedence: tuple[str, ...]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    negations: frozenset[str]
    person_pronouns: frozenset[str]
    statement_nouns: frozenset[str]
    org_nouns: frozenset[str]
    person_nouns: frozenset[str]
    not_speakers: frozenset[str]
    according_not_sources: frozenset[str]
    not_colon_sources: frozenset[str] = frozenset()
    #: lower-case words allowed inside a "NAME:" line label ("Secretary of State")
    name_particles: frozenset[str] = frozenset()
    #: the learned cue detector (None when its weights are not installed)
    cue_model: cuemodel.CueModel | None = None


def load_lexicon() -> Lexicon:
    """Read the attribution data files once (the extractors' ``load`` hook)."""
    cues: dict[str, list[CueEntry]] = {}
    for row in resources.load_tsv("attribution/cues.tsv"):
        lemma, particle, kind, certainty, takes = row[:5]
        cues.setdefault(lemma, []).append(
            CueEntry(lemma, None if particle == "-" else particle, kind, certainty, takes))
    m = resources.load_yaml("attribution/markers.yaml")
    phrases = {name: tuple(tuple(str(p).lower().split()) for p in m.get(name, []))
               for name in ("unverified", "hedged", "estimated", "planned", "proposed", "according_to")}
    s = resources.load_yaml("attribution/speakers.yaml")
    return Lexicon(
        cues=cues,
        precedence=tuple(m["precedence"]),
        phrases=phrases,
        negations=frozenset(m["negations"]),
        person_pronouns=frozenset(s["pronouns"]["person"]),
        statement_nouns=frozenset(s["statement_nouns"]),
        org_nouns=frozenset(s["org_nouns"]),
        person_nouns=frozenset(s["person_nouns"]),
        not_speakers=frozenset(s["not_speakers"]),
        according_not_sources=frozenset(s["according_not_sources"]),
        not_colon_sources=frozenset(str(x).lower() for x in s.get("not_colon_sources", [])),
        name_particles=frozenset(str(x).lower() for x in s["name_particles"]),
        cue_model=_load_cue_model(),
    )


def _load_cue_model() -> cuemodel.CueModel | None:
    try:
        rows = resources.load_tsv("attribution/cue_model.tsv")
    except FileNotFoundError:
        return None
    return cuemodel.load_model(rows)


def lexicon(ctx: Context) -> Lexicon:
    for name in ("quotes", "claims"):
        lex = ctx.resources.get(name)
        if isinstance(lex, Lexicon):
            return lex
    return load_lexicon()


# -- the attribution ---------------------------------------------------------


@dataclass(slots=True)
class Attribution:
    """One source-cue-content triple, before it becomes a Quote or a Claim."""

    start: int
    end: int
    cue: Span | None
    speaker: Party | None
    #: speech | cognition | intent | according | structural | continued
    cue_kind: str
    cue_certainty: str
    kind: str = "indirect"  # direct | indirect | mixed
    cue_token: int | None = None


def find(doc: Doc, ctx: Context) -> list[Attribution]:
    """All attributions of the document, cached on the doc."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is not None:
        return cached
    lex = lexicon(ctx)
    found = _find(doc, ctx, lex)
    doc.user_data[CACHE_KEY] = found
    return found


def _find(doc: Doc, ctx: Context, lex: Lexicon) -> list[Attribution]:
    scan = marks.scan(doc_text(doc))
    doc.user_data["newsledger.unclosed_quotes"] = list(scan.unclosed)
    quoted = [p for p in scan.pairs if p.end - p.start > 2]
    resolver = SpeakerResolver(doc, ctx, lex)

    found: list[Attribution] = []
    for tok, entry in cue_candidates(doc, lex):
        span = content_of(tok, entry, quoted, lex)
        if span is None:
            continue
        start, end = span
        if not _content_is_other(doc, tok, start, end, lex):
            continue
        subj = subject_of(tok)
        if entry.kind != "speech" and not _attributes_to_other(tok, subj, quoted):
            continue
        found.append(Attribution(start, end, cue=_cue_span(doc, tok, entry), speaker=None,
                                 cue_kind=entry.kind, cue_certainty=entry.certainty,
                                 cue_token=tok.i))
        found[-1].speaker = resolver.pending(subj)  # resolved in document order below
    found.extend(according_to(doc, lex))
    found.extend(colon_leads(doc, ctx, lex))
    found = _attach_direct_quotes(doc, quoted, found, lex)
    scores = verb_scores(doc, lex, quoted)
    found = [a for a in found if not vetoed(a, lex, scores)]
    found.extend(learned(doc, lex, quoted, found, resolver, scores))
    found.sort(key=lambda a: (a.start, a.end))
    _dedupe(found)
    found = merge_quote_runs(doc_text(doc), found)
    found = drop_quote_fragments(found, quoted)
    found = drop_nested_beliefs(found)
    resolver.resolve_all(found)
    return found


def _enclosing_last(out: list[Attribution]) -> Attribution | None:
    """The last attribution not nested inside an earlier one (what a following quote may continue)."""
    if not out:
        return None
    last = out[-1]
    for a in reversed(out[:-1]):
        if a.start <= last.start and last.end <= a.end:
            last = a
        elif a.end <= last.start:
            break
    return last


def merge_quote_runs(text: str, found: list[Attribution], max_gap: int = 250) -> list[Attribution]:
    """'“A,” said Caddell. “B.”' is one attribution: a direct quote with no cue of its own (or
    the same cue) that follows another in the same paragraph extends it."""
    out: list[Attribution] = []
    for a in found:
        prev = _enclosing_last(out)
        if (prev is not None and prev.kind in ("direct", "mixed") and a.kind == "direct" and a.start >= prev.end
                and a.start - prev.end <= max_gap and "\n" not in text[prev.end:a.start]
                and (a.cue_kind == "continued" or (a.cue_token is not None and a.cue_token == prev.cue_token))):
            prev.end = a.end
            continue
        out.append(a)
    return out


def drop_quote_fragments(found: list[Attribution], quoted: list[marks.MarkPair]) -> list[Attribution]:
    """Indirect readings of part of a direct quote: the quote is the attribution, not the fragment.

    '“It’s not what worked in 2012. Those are just distractions,” he said' is
    parsed as 'said' taking the last quoted sentence as its content; the direct
    quote already carries the whole of it, with the same speaker. A cue inside
    the quotation marks ('“... he wants a diverse delegation ...”') is the
    quoted speaker reporting someone else, and stays.
    """
    direct = [a for a in found if a.kind == "direct"]
    if not direct:
        return found
    out = []
    for a in found:
        if a.kind != "direct" and a.cue is not None and any(
                d.start <= a.start and a.end <= d.end for d in direct) and not any(
                p.open < a.cue.start < p.close for p in quoted):
            continue
        out.append(a)
    return out


def drop_nested_beliefs(found: list[Attribution]) -> list[Attribution]:
    """A belief or aim inside reported content is part of what was reported, not a new attribution.

    'Mr. Murray said he expected to sell the coal for $50 a ton': what Murray
    said is that he expected it; the expectation is the content's own hedge
    (claims keep it in the certainty), not a second source.
    """
    reported = [a for a in found if a.cue_kind in ("speech", "according", "structural")]
    return [a for a in found if not (
        a.cue_kind in ("cognition", "intent") and a.cue is not None
        and any(b.start <= a.cue.start < b.end for b in reported))]


# -- cues ----------------------------------------------------------------------


def candidate_features(doc: Doc, cand: cuemodel.Candidate, lex: Lexicon,
                       quoted: list[marks.MarkPair],
                       verb_cache: dict[int, tuple[str, str, bool]] | None = None) -> list[str]:
    """The learned model's features for one candidate (shared with the training script).

    What depends only on the verb (its lexicon kind, its subject, whether it is
    quoted) is computed once per verb when a ``verb_cache`` is given.
    """
    per_verb = verb_cache.get(cand.verb) if verb_cache is not None else None
    if per_verb is None:
        v = doc[cand.verb]
        entries = lex.cues.get(v.lemma_.lower())
        lex_kind = entries[0].kind if entries else "none"
        subj_class = cuemodel.subject_class(subject_of(v), lex.person_nouns, lex.org_nouns)
        in_quote = any(p.open < v.idx < p.close for p in quoted)
        per_verb = (lex_kind, subj_class, in_quote)
        if verb_cache is not None:
            verb_cache[cand.verb] = per_verb
    lex_kind, subj_class, in_quote = per_verb
    return cuemodel.features(doc, cand, subj_class, lex_kind, in_quote)


def _in_question(doc: Doc, i: int, cache: dict[int, bool]) -> bool:
    s, e = sent_bounds(doc, i)
    if s not in cache:
        last = next((t for t in reversed(doc[s:e]) if not t.is_space and t.text not in QUOTE_CHARS), None)
        cache[s] = last is not None and last.text == "?"
    return cache[s]


def verb_scores(doc: Doc, lex: Lexicon, quoted: list[marks.MarkPair]) -> dict[int, tuple[float, cuemodel.Candidate]]:
    """For each verb, the learned model's best candidate content and its probability."""
    model = lex.cue_model
    best: dict[int, tuple[float, cuemodel.Candidate]] = {}
    if model is None:
        return best
    verb_cache: dict[int, tuple[str, str, bool]] = {}
    for cand in cuemodel.candidates(doc):
        p = model.probability(candidate_features(doc, cand, lex, quoted, verb_cache))
        if cand.verb not in best or p > best[cand.verb][0]:
            best[cand.verb] = (p, cand)
    return best


def vetoed(a: Attribution, lex: Lexicon, scores: dict[int, tuple[float, cuemodel.Candidate]]) -> bool:
    """A lexicon cue's indirect attribution the learned model rejects for every content of its verb.

    Reporting verbs have other uses ('the report said nothing new', 'add
    water', 'Trump's stated plan'): when the model, which sees the verb's
    subject and complements, gives none of the verb's possible contents the
    probability it needs to propose one itself, the rule's reading is dropped.
    Direct quotes and 'according to' are kept: their evidence is not the verb.
    """
    if lex.cue_model is None or a.kind != "indirect" or a.cue_token is None:
        return False
    if a.cue_kind not in ("speech", "cognition", "intent"):
        return False
    score = scores.get(a.cue_token)
    return score is not None and score[0] < lex.cue_model.threshold


def candidate_tokens(doc: Doc, cand: cuemodel.Candidate, lex: Lexicon) -> tuple[int, int]:
    """The tokens a learned candidate's content covers: its dependent, extended as a rule content is.

    Shared with the training script, which labels a candidate by this span.
    """
    if cand.start > cand.verb and not cand.rel.startswith("paren"):
        return cand.start, extend_right(doc[cand.verb], cand.start, cand.end, lex)
    return cand.start, cand.end


def learned(doc: Doc, lex: Lexicon, quoted: list[marks.MarkPair], found: list[Attribution],
            resolver: "SpeakerResolver", scores: dict[int, tuple[float, cuemodel.Candidate]]) -> list[Attribution]:
    """Attributions the learned cue detector finds where the rules found none.

    For each verb that is not already a cue, its best-scoring candidate content
    is kept when the model is confident enough and the content is not (mostly)
    the content of an attribution already found. A verb in a question ('Did the
    government know about the plan?') asks, it does not attribute.
    """
    model = lex.cue_model
    if model is None:
        return []
    taken = {a.cue_token for a in found if a.cue_token is not None}
    questions: dict[int, bool] = {}
    best = {v: pc for v, pc in scores.items()
            if pc[0] >= model.threshold and v not in taken and not _in_question(doc, v, questions)}
    out: list[Attribution] = []
    for _, cand in sorted(best.values(), key=lambda x: -x[0]):
        span = _trim_chars(doc, *candidate_tokens(doc, cand, lex))
        if span is None:
            continue
        start, end = span
        if any(min(a.end, end) - max(a.start, start) > 0.5 * min(end - start, a.end - a.start)
               for a in [*found, *out]):
            continue
        v = doc[cand.verb]
        entries = lex.cues.get(v.lemma_.lower())
        certainty = entries[0].certainty if entries else "reported"
        kind = entries[0].kind if entries else "learned"
        cue = Span(doc_text(doc)[v.idx:v.idx + len(v)], v.idx, v.idx + len(v))
        mixed = any(start <= q.start and q.end <= end for q in quoted)
        a = Attribution(start, end, cue=cue, speaker=None, cue_kind=kind, cue_certainty=certainty,
                        kind="mixed" if mixed else "indirect", cue_token=v.i)
        a.speaker = resolver.pending(subject_of(v))
        out.append(a)
    return out


def cue_candidates(doc: Doc, lex: Lexicon) -> list[tuple[Token, CueEntry]]:
    """Verbs whose lemma (and particle) is a cue in the lexicon."""
    out: list[tuple[Token, CueEntry]] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
            continue
        entries = lex.cues.get(tok.lemma_.lower())
        if not entries:
            continue
        particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep")}
        chosen = None
        for e in entries:
            if e.particle and e.particle in particles:
                chosen = e
                break
        if chosen is None:
            plain = [e for e in entries if not e.particle]
            if not plain:
                continue
            chosen = plain[0]
        out.append((tok, chosen))
    return out


def _cue_span(doc: Doc, tok: Token, entry: CueEntry) -> Span:
    """The cue verb with its auxiliaries and particle ('has estimated', 'called for')."""
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("aux", "auxpass") and c.i >= tok.i - 3:
            left = min(left, c.i)
            break
    right = tok.i
    if entry.particle:
        for c in tok.rights:
            if c.lower_ == entry.particle and c.i <= tok.i + 3:
                right = c.i
                break
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    return Span(doc_text(doc)[start:end], start, end)


def according_to(doc: Doc, lex: Lexicon) -> list[Attribution]:
    """'according to X, CONTENT' and 'CONTENT, according to X'."""
    out: list[Attribution] = []
    phrases = lex.phrases.get("according_to", ())
    lowered = [t.lower_ for t in doc]
    for i in range(len(doc)):
        for ph in phrases:
            if tuple(lowered[i:i + len(ph)]) != ph:
                continue
            last = doc[i + len(ph) - 1]
            objs = [c for c in last.children if c.dep_ == "pobj"] or [c for c in doc[i].subtree if c.dep_ == "pobj"]
            if not objs:
                continue
            src = objs[0]
            if src.lemma_.lower() in lex.according_not_sources or src.ent_type_ == "LAW":
                continue
            span = _around_pp(doc, i, max(t.i for t in src.subtree) + 1)
            if span is None:
                continue
            cue = Span(doc_text(doc)[doc[i].idx:last.idx + len(last)], doc[i].idx, last.idx + len(last))
            a = Attribution(span[0], span[1], cue=cue, speaker=None, cue_kind="according",
                            cue_certainty="reported", cue_token=i)
            a.speaker = _Pending(src)  # type: ignore[assignment]
            out.append(a)
            break
    return out


_COLON_LEAD = re.compile(r"^[ \t]*([A-Z][^\n:]{0,45}?):[ \t]+(?=\S)", re.M)


def colon_leads(doc: Doc, ctx: Context, lex: Lexicon) -> list[Attribution]:
    """'Graham: Trump's Rhetoric Destroying GOP's Chances' and 'WALLACE: Let's start with ...'.

    A line that opens with a short capitalised name and a colon gives the rest
    of the line to that name: the headline convention of political news and the
    speaker labels of a transcript. The label must look like a name (at most
    five capitalised words, no verb) and not be one of the section labels in
    ``speakers.yaml`` ('Correction:', 'Q:', 'The Latest:').
    """
    text = doc_text(doc)
    out: list[Attribution] = []
    for m in _COLON_LEAD.finditer(text):
        label = m.group(1)
        words = label.split()
        if not words or len(words) > 5 or label.strip().lower() in lex.not_colon_sources:
            continue
        if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in lex.name_particles for w in words):
            continue
        src_start = m.start(1)
        src_end = src_start + len(label.rstrip())
        if any(t.pos_ in ("VERB", "AUX") for t in tokens_in(doc, src_start, src_end)):
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        first, last = _token_at_or_after(doc, m.end()), _token_before(doc, line_end)
        if first is None or last is None or last.i < first.i:
            continue
        if sum(1 for t in doc[first.i:last.i + 1] if not t.is_punct and not t.is_space) < 3:
            continue
        span = _trim_chars(doc, first.i, last.i + 1)
        if span is None:
            continue
        colon = m.end(1)
        a = Attribution(span[0], span[1], cue=Span(":", colon, colon + 1), speaker=None, cue_kind="speech",
                        cue_certainty="reported")
        a.speaker = parties.resolve(ctx, src_start, src_end)  # type: ignore[assignment]
        out.append(a)
    return out


def _around_pp(doc: Doc, pp_start: int, pp_end: int) -> tuple[int, int] | None:
    """The clause an 'according to X' phrase attaches to, without the phrase itself."""
    head = doc[pp_start].head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    sub = [t.i for t in head.subtree]
    left, right = min(sub), max(sub) + 1
    s_start, s_end = sent_bounds(doc, pp_start)
    left, right = max(left, s_start), min(right, s_end)
    before = (left, pp_start) if pp_start > left else None
    after = (pp_end, right) if right > pp_end else None
    # the content is the larger side; a PP in the middle keeps both sides only if the left side is short
    if before and after and pp_start - left <= 3:
        return _trim_chars(doc, left if pp_start - left > 1 else pp_end, right)
    if before and after and doc[pp_start - 1].text in (",", "—", "–", "(") and _words(doc, *before) >= 4:
        # 'CONTENT, according to X, more than twice ...': what precedes the phrase is what X says
        return _trim_chars(doc, *before)
    best = max((s for s in (before, after) if s), key=lambda s: s[1] - s[0], default=None)
    return _trim_chars(doc, *best) if best else None


def _words(doc: Doc, start_i: int, end_i: int) -> int:
    return sum(1 for t in doc[start_i:end_i] if not t.is_punct and not t.is_space)


def _content_is_other(doc: Doc, tok: Token, start: int, end: int, lex: Lexicon) -> bool:
    """Content must not be the attribution clause itself ('Clinton now says', 'The campaign says'):
    a cue inside its own content is allowed only in the middle ('But, he said, officials ...')."""
    toks = [t for t in tokens_in(doc, start, end) if not t.is_punct and not t.is_space]
    if not toks:
        return False
    inside = [n for n, t in enumerate(toks) if t.i == tok.i]
    if inside and (inside[0] < 3 or len(toks) - inside[0] <= 3):
        return False
    last = toks[-1]
    return not (last.lemma_.lower() in lex.cues and last.pos_ == "VERB" and last.i != tok.i)


def _attributes_to_other(tok: Token, subj: Token | None, quoted: list[marks.MarkPair]) -> bool:
    """A belief or intention is an attribution when the article reports someone else's.

    Inside a direct quote ("I think ...", "we want ...") it is the speaker's own
    hedge or aim: part of the quoted claim (its certainty), not a new source.
    """
    if any(p.open < tok.idx < p.close for p in quoted):
        return False
    return not (subj is not None and subj.lower_ in ("i", "we", "you"))


# -- content -------------------------------------------------------------------


def extend_right(cue: Token, start_i: int, end_i: int, lex: Lexicon) -> int:
    """Where content to the right of its cue ends: the complement, plus what the parse hung on the cue after it.

    The parser often attaches the rest of the reported clause to the cue verb
    instead of the complement ('pointed out that one shooting may have more than
    one victim, so thousands ... does not translate', 'says she hopes to be
    elected, but she knows that ...', 'discovered that attempts ... were made by
    ...'): PolNeAR's content runs on to the end of what the source says. The
    cue's later dependents are taken in while they follow on without a gap; a
    coordinated clause with a cue of its own ('..., and added that') is a new
    attribution and stops it.
    """
    if start_i <= cue.i:
        return end_i
    doc = cue.doc
    s_end = sent_bounds(doc, cue.i)[1]
    for c in cue.rights:
        if c.i < end_i:
            continue
        sub = list(c.subtree)
        lo, hi = sub[0].i, sub[-1].i + 1
        gap = [t for t in doc[end_i:lo] if not (t.is_punct or t.is_space or t.dep_ == "cc")]
        if gap:
            break
        if c.is_punct or c.is_space or c.dep_ == "cc":
            continue
        if any(t.pos_ == "VERB" and any(e.kind == "speech" for e in lex.cues.get(t.lemma_.lower(), ())) for t in sub):
            break
        end_i = min(hi, s_end)
    return end_i


def content_of(tok: Token, entry: CueEntry, quoted: list[marks.MarkPair], lex: Lexicon) -> tuple[int, int] | None:
    """Character span of what the cue introduces, or None if it introduces nothing."""
    doc = tok.doc
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if entry.kind == "intent" or entry.certainty in ("planned", "proposed", "denied"):
        comps += [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
    # "urged X to do", "told officials that": the complement may hang off the object
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "dative")):
        comps += [c for c in obj.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i]
    comps = [c for c in comps if not _is_quote_cue_clause(c, tok)]
    if comps:
        first = min(comps, key=lambda c: abs(c.i - tok.i))
        sub = list(first.subtree)
        return _trim_chars(doc, sub[0].i, extend_right(tok, sub[0].i, sub[-1].i + 1, lex))
    if entry.takes == "np":
        for c in tok.children:
            if c.dep_ == "dobj" or (entry.particle and c.dep_ == "prep" and c.lower_ == entry.particle):
                target = c if c.dep_ == "dobj" else next((g for g in c.children if g.dep_ == "pobj"), None)
                if target is None or target.pos_ == "PRON":
                    continue
                sub = list(target.subtree)
                end_i = sub[-1].i + 1
                if c.dep_ == "dobj":
                    # the object with its 'as'/'for' phrase: 'described X as Y', 'blamed X for Y'
                    prep = next((p for p in tok.children if p.dep_ == "prep" and p.i > c.i
                                 and p.lower_ in cuemodel.OBJECT_PREPS), None)
                    if prep is not None:
                        end_i = max(t.i for t in prep.subtree) + 1
                if end_i - sub[0].i >= 2:
                    return _trim_chars(doc, sub[0].i, extend_right(tok, sub[0].i, end_i, lex))
    # parenthetical cue: "CONTENT, sources said." / "CONTENT, he added"
    if tok.dep_ in ("ccomp", "parataxis", "advcl", "conj") and tok.head.i < tok.i and _has_subject(tok):
        head = tok.head
        own = {t.i for t in tok.subtree}
        left = min(t.i for t in head.subtree)
        cue_left = min(own)
        right = max(t.i for t in head.subtree) + 1
        cue_right = max(own) + 1
        if cue_left - left >= 3 and right - cue_right <= 2:
            return _trim_chars(doc, left, cue_left)
        if cue_left - left >= 1 and right - cue_right >= 3:
            # 'But to prevent problems, he said, local officials should be vigilant'
            return _trim_chars(doc, left, right)
    return None


def _is_quote_cue_clause(c: Token, cue: Token) -> bool:
    return False


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _trim_chars(doc: Doc, start_i: int, end_i: int) -> tuple[int, int] | None:
    """Char span of tokens [start_i, end_i) without edge commas, dashes and spaces.

    A final full stop is dropped unless a closing quote mark follows it.
    """
    if end_i <= start_i:
        return None
    start = doc[start_i].idx
    last = doc[end_i - 1]
    end = last.idx + len(last)
    text = doc_text(doc)
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or (text[end - 1] in ".!?" and end - 2 >= start
                                                           and text[end - 2] not in QUOTE_CHARS)):
        if text[end - 1] in "!?":
            break
        end -= 1
    if end - start < 2:
        return None
    return _balance(text, start, end)


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a closing quote mark just outside the span when the span opens one."""
    inner = text[start:end]
    if end < len(text) and text[end] in "”»’\"" and sum(inner.count(ch) for ch in "“«‘\"") > sum(
            inner.count(ch) for ch in "”»’\""):
        end += 1
    return start, end


# -- direct quotes -------------------------------------------------------------


def looks_like_speech(doc: Doc, pair: marks.MarkPair) -> bool:
    """A quoted stretch is speech unless it is a short verbless name or term."""
    span = doc.char_span(pair.start + 1, pair.close, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    if len(words) >= 8:
        return True
    if has_verb and len(words) >= 3:
        return True
    # "Absolutely not." inside its own sentence with a cue is handled by the cue attachment
    return False


def _attach_direct_quotes(doc: Doc, quoted: list[marks.MarkPair], found: list[Attribution],
                          lex: Lexicon) -> list[Attribution]:
    """Mark attributions whose content is (or contains) a direct quote; add cue-less quotes."""
    out = list(found)
    for pair in quoted:
        qs, qe = pair.start, pair.end
        speech = looks_like_speech(doc, pair)
        host = _best_host(out, qs, qe)
        if host is not None and not speech:
            # a name or term in marks inside reported speech: the attribution is mixed, not direct
            if host.kind == "indirect" and host.start <= qs and qe <= host.end:
                host.kind = "mixed"
            continue
        if host is not None:
            inner_len = qe - qs
            content_len = host.end - host.start
            if _covers(host, qs, qe) and (inner_len >= 0.8 * content_len or _only_glue(doc, host, qs, qe)):
                host.kind = "direct"
                host.start, host.end = min(host.start, qs), max(host.end, qe)
                if _only_glue(doc, host, qs, qe):
                    host.start, host.end = qs, qe
            elif host.start <= qs and qe <= host.end:
                if host.kind != "direct":
                    host.kind = "mixed"
            elif host.start < qs and _words_between(doc, host.start, qs) >= 2:
                # reported speech that ends in a quotation the parse cut short ('found that the agency
                # could not be sure ... "the drug trade, human trafficking ..."'): the content runs to
                # the closing mark, and the indirect part stays in it
                host.end = max(host.end, qe)
                if host.kind != "direct":
                    host.kind = "mixed"
            elif speech:
                # the quote runs past the cue's content ('“A. B,” he said' parsed short): take the quote
                host.start, host.end, host.kind = qs, qe, "direct"
            continue
        if not speech:
            continue
        cue_tok = structural_cue(doc, pair, lex)
        if cue_tok is not None:
            cue = Span(doc_text(doc)[cue_tok.idx:cue_tok.idx + len(cue_tok)], cue_tok.idx, cue_tok.idx + len(cue_tok))
            a = Attribution(qs, qe, cue=cue, speaker=None, cue_kind="structural",
                            cue_certainty="reported", kind="direct", cue_token=cue_tok.i)
            a.speaker = _Pending(subject_of(cue_tok))  # type: ignore[assignment]
        else:
            a = Attribution(qs, qe, cue=None, speaker=None, cue_kind="continued",
                            cue_certainty="reported", kind="direct")
            a.speaker = _Pending(None)  # type: ignore[assignment]
        out.append(a)
    return out


def _words_between(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in tokens_in(doc, start, end) if not t.is_punct and not t.is_space)


def _covers(a: Attribution, qs: int, qe: int) -> bool:
    return min(a.end, qe) - max(a.start, qs) > 0.5 * (qe - qs)


def _only_glue(doc: Doc, a: Attribution, qs: int, qe: int) -> bool:
    """The content outside the quote is only 'that', 'the', punctuation: it is a direct quote."""
    outside = (doc_text(doc)[a.start:qs] + " " + doc_text(doc)[qe:a.end]).lower()
    words = [w.strip(".,;:!?") for w in outside.split()]
    return all(w in ("", "that", "the", "a", "an", "to") for w in words)


def _best_host(found: list[Attribution], qs: int, qe: int) -> Attribution | None:
    """The attribution whose content overlaps the quote the most (ties: the tightest)."""
    best, best_key = None, None
    for a in found:
        overlap = min(a.end, qe) - max(a.start, qs)
        if overlap <= 0 or overlap < 0.5 * (qe - qs):
            continue
        key = (overlap, -(a.end - a.start))
        if best_key is None or key > best_key:
            best, best_key = a, key
    return best


def _token_at_or_after(doc: Doc, char: int) -> Token | None:
    starts = token_starts(doc)
    for i in range(bisect_left(starts, char), len(doc)):
        if not doc[i].is_space:
            return doc[i]
    return None


def _token_before(doc: Doc, char: int) -> Token | None:
    starts = token_starts(doc)
    for i in range(bisect_left(starts, char) - 1, -1, -1):
        if not doc[i].is_space:
            return doc[i]
    return None


def structural_cue(doc: Doc, pair: marks.MarkPair, lex: Lexicon) -> Token | None:
    """The verb that takes the quote: '“...,” the text collects', 'X defends that “...”', 'X: “...”'.

    Any verb whose clausal complement is a quotation, or that stands in a short
    clause right after a quotation, introduces it; the lexicon is not needed.
    """
    inside = tokens_in(doc, pair.open + 1, pair.close)
    for t in inside:
        h = t.head
        if (h.idx < pair.open or h.idx > pair.close) and t.dep_ in ("ccomp", "dobj", "xcomp") and h.pos_ == "VERB":
            return h
    first = _token_at_or_after(doc, pair.end)
    if first is not None and first.text[:1] in marks.OPENERS and first.text[:1] not in "”’":
        first = None  # another quotation follows: the clause after it is not this one's
    if first is not None and "\n" in doc_text(doc)[pair.end:first.idx]:
        first = None  # the next paragraph ('Caddell continued:') introduces what follows it
    if first is not None:
        s_start, s_end = sent_bounds(doc, first.i)
        if first.i > s_start or first.text in (",", ".") or doc_text(doc)[pair.close - 1] in ",.!?":
            # the clause after the quote, up to the next quotation mark or the sentence end
            window: list[Token] = []
            for t in doc[first.i:s_end]:
                if t.text in QUOTE_CHARS or t.text.strip(QUOTE_CHARS) == "":
                    if window:
                        break
                    continue
                window.append(t)
            words = [t for t in window if not t.is_punct]
            verbs = [t for t in window[:8] if t.pos_ == "VERB" and t.dep_ != "amod"]
            if verbs and len(words) <= 8:
                return verbs[0]
    last = _token_before(doc, pair.start)
    if last is not None and last.text in (":", ","):
        verbs = [t for t in doc[sent_bounds(doc, last.i)[0]:last.i + 1] if t.pos_ == "VERB"]
        if verbs and (verbs[-1].lemma_.lower() in lex.cues or last.text == ":"):
            return verbs[-1]
    return None


# -- speakers --------------------------------------------------------------------


def subject_of(tok: Token) -> Token | None:
    """The cue's subject: nsubj, the passive agent, or the subject it inherits."""
    seen = 0
    cur = tok
    while cur is not None and seen < 4:
        seen += 1
        for c in cur.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and cur is not tok):
                return c
        for c in cur.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        for c in cur.children:
            if c.dep_ == "nsubj" and c.i > cur.i:  # inverted: 'said the ministry'
                return c
        if cur.dep_ in ("xcomp", "advcl", "conj", "acl") and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        break
    return None


@dataclass(slots=True)
class _Pending:
    """A speaker token waiting for document-order resolution."""

    token: Token | None


@dataclass(slots=True)
class _Mention:
    tok: int
    party: Party
    person: bool
    org: bool
    head_lemma: str


class SpeakerResolver:
    """Turns speaker tokens into Parties; pronouns and role nouns to earlier actors."""

    def __init__(self, doc: Doc, ctx: Context, lex: Lexicon) -> None:
        self.doc, self.ctx, self.lex = doc, ctx, lex
        self.mentions = self._actor_mentions()

    def pending(self, tok: Token | None) -> Any:
        return _Pending(tok)

    def resolve_all(self, found: list[Attribution]) -> None:
        last: Party | None = None
        last_end = -1
        for a in found:
            pend = a.speaker
            tok = pend.token if isinstance(pend, _Pending) else None
            party: Party | None = pend if isinstance(pend, Party) else None
            if party is not None:
                pass  # named in place ('Graham: ...')
            elif tok is not None:
                party = self.resolve(tok, last)
            elif a.cue_kind == "continued" and last is not None and a.start - last_end < 1200:
                party = last
            a.speaker = party
            if party is not None and a.cue_kind not in ("cognition", "intent"):
                last, last_end = party, a.end

    # -- one token
    def resolve(self, tok: Token, last: Party | None) -> Party | None:
        lex = self.lex
        low = tok.lower_
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            # 'Mr. Obama, who said ...': the relative pronoun is the mention, its noun the identity
            ante = self.resolve(tok.head.head, last)
            return self._as(tok, ante) if ante is not None else None
        if tok.pos_ == "PRON" or low in lex.person_pronouns:
            if low in ("i", "me", "you", "we", "us") and last is not None:
                return self._as(tok, last)
            ante = self._antecedent(tok, person=low in ("he", "she", "him", "her"),
                                    org=low in ("it",), last=last)
            return self._as(tok, ante) if ante is not None else self._party(tok)
        if tok.lemma_.lower() in lex.not_speakers:
            return None
        np_start, np_end = self._np(tok)
        head_lemma = tok.lemma_.lower()
        if head_lemma in lex.statement_nouns and self._definite(tok) and last is not None:
            return self._as(tok, last, np=(np_start, np_end))
        party = self._party(tok)
        # "the ministry" points back to an earlier, fuller mention; "the Ukrainian
        # government" names its own country and is not an anaphor
        own_country = parties.names_country(self.ctx, party.text)
        if party.entity is None and not own_country and self._definite(tok) and (
                head_lemma in lex.org_nouns or head_lemma in lex.person_nouns):
            ante = self._same_head(tok)
            if ante is not None:
                return self._as(tok, ante, np=(np_start, np_end))
        return party

    def _definite(self, tok: Token) -> bool:
        return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their", "his", "her")
                   for c in tok.children)

    def _np(self, tok: Token) -> tuple[int, int]:
        """Char span of the noun phrase headed by ``tok``, without relative clauses."""
        keep = [tok]
        for c in tok.children:
            if c.dep_ in ("relcl", "acl", "punct", "cc", "conj", "advmod", "prep") and c.dep_ != "prep":
                continue
            if c.dep_ == "prep" and c.lower_ != "of":
                continue
            keep.extend(c.subtree)
        idx = sorted(t.i for t in keep)
        left, right = idx[0], idx[-1]
        # keep contiguous
        span = self.doc[left:right + 1]
        start, end = span.start_char, span.end_char
        text = doc_text(self.doc)
        cut = text.rfind("\n\n", start, tok.idx)
        if cut >= 0:  # a heading glued to the subject by the sentence splitter
            start = cut + 2
        while end > start and text[end - 1] in _EDGE_PUNCT + ".":
            end -= 1
        while start < end and text[start] in _EDGE_PUNCT:
            start += 1
        return start, end

    def _party(self, tok: Token) -> Party:
        start, end = self._np(tok)
        focus = self._name_in(tok)
        party = parties.resolve(self.ctx, start, end)
        if focus is not None:
            named = parties.resolve(self.ctx, focus[0], focus[1])
            party.canonical = named.canonical or party.canonical
            party.entity = named.entity or party.entity
            party.country = named.country or party.country
            party.sector = named.sector or party.sector
        return party

    def _name_in(self, tok: Token) -> tuple[int, int] | None:
        """A person's name (or an organisation's proper name) inside the subject's noun phrase.

        'the president of Ukraine, Volodimir Zelenski' -> 'Volodimir Zelenski'. A
        common-noun organisation the tagger marked ORG ('the foreign ministry')
        is not a name: its identity comes from the role noun and its country.
        """
        start, end = self._np(tok)
        best = None
        for ent in doc_ents(self.doc):
            if ent.start_char < start or ent.end_char > end:
                continue
            if ent.label_ == "PERSON":
                return ent.start_char, ent.end_char
            words = [t for t in ent if t.lower_ not in ("the", "a", "an")]
            if ent.label_ == "ORG" and ent.root.pos_ == "PROPN" and best is None and words and words[0].text[:1].isupper():
                best = (ent.start_char, ent.end_char)
        return best

    def _as(self, tok: Token, ante: Party, np: tuple[int, int] | None = None) -> Party:
        """The mention's own span, carrying the antecedent's identity."""
        start, end = np if np is not None else (tok.idx, tok.idx + len(tok))
        return Party(text=doc_text(self.doc)[start:end], start=start, end=end, canonical=ante.canonical
                     or ante.text, entity=ante.entity, country=ante.country, sector=ante.sector)

    # -- antecedents
    def _actor_mentions(self) -> list[_Mention]:
        """Subjects, passive agents and named actors, in document order."""
        out: list[_Mention] = []
        lex = self.lex
        seen: set[int] = set()
        for tok in self.doc:
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            is_agent = tok.dep_ == "pobj" and tok.head.dep_ == "agent"
            named = tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            if not (tok.dep_ in ("nsubj", "nsubjpass") or is_agent or (named and tok.dep_ in ("nsubj", "appos"))):
                continue
            if tok.i in seen:
                continue
            seen.add(tok.i)
            lemma = tok.lemma_.lower()
            person = tok.ent_type_ == "PERSON" or lemma in lex.person_nouns
            org = tok.ent_type_ in ("ORG", "GPE") or lemma in lex.org_nouns
            if not (person or org):
                continue
            if lemma in lex.statement_nouns:
                continue
            out.append(_Mention(tok.i, self._party(tok), person, org, lemma))
        return out

    def _antecedent(self, tok: Token, person: bool, org: bool, last: Party | None) -> Party | None:
        before = [m for m in self.mentions if m.tok < tok.i and m.tok != tok.i]
        for m in reversed(before):
            if tok.i - m.tok > 400:
                break
            if person and not m.person:
                continue
            if org and not m.org:
                continue
            return m.party
        return last

    def _same_head(self, tok: Token) -> Party | None:
        """An earlier, more informative mention with the same head noun ('the foreign ministry ...')."""
        lemma = tok.lemma_.lower()
        for m in reversed([m for m in self.mentions if m.tok < tok.i]):
            if m.head_lemma == lemma and (m.party.entity or m.party.country or len(m.party.text) > len(tok.text) + 4):
                return m.party
        return None


def _dedupe(found: list[Attribution]) -> None:
    """Two cues for the same content (a cue and a structural cue): keep the first."""
    seen: set[tuple[int, int]] = set()
    keep: list[Attribution] = []
    for a in found:
        key = (a.start, a.end)
        if key in seen:
            continue
        seen.add(key)
        keep.append(a)
    found[:] = keep


def sentence_of(doc: Doc, start: int, end: int) -> SpacySpan | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    s_start, s_end = sent_bounds(doc, span[0].i)
    return doc[s_start:s_end]
