"""Claims: sentence-level assertions with source and certainty."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsledger import resources
from newsledger.extract import attribution, claims
from newsledger.model import CERTAINTIES, Span


def test_claims_lexicons_are_well_formed():
    lex = attribution.load_lexicon()
    assert set(lex.precedence) == set(CERTAINTIES)
    # the schema's order among the graded values is kept
    graded = [c for c in lex.precedence if c in ("asserted", "reported", "estimated", "hedged", "unverified")]
    assert graded == ["unverified", "hedged", "estimated", "reported", "asserted"]
    for entries in lex.cues.values():
        for e in entries:
            assert e.kind in ("speech", "cognition", "intent")
            assert e.certainty in CERTAINTIES
            assert e.takes in ("clause", "np", "quote")
    rows = resources.load_tsv("attribution/cues.tsv")
    keys = [(r[0], r[1], r[2]) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate cue rows"
    for name, phrases in lex.phrases.items():
        assert phrases, name


@pytest.mark.parametrize("cands,expected", [
    ([], "asserted"),
    (["hedged", "reported"], "hedged"),
    (["estimated", "unverified"], "unverified"),
    (["planned", "reported"], "planned"),
    (["question", "denied"], "question"),
])
def test_claims_least_certain_wins(cands, expected):
    lex = attribution.load_lexicon()
    spans = [(c, Span("x", 0, 1)) for c in cands]
    assert claims.choose_certainty(lex, spans, None)[0] == expected


def _record(pipeline, text):
    from newsledger.model import Article

    return pipeline(Article(text=text))


# real-style wire sentences: a word of the claim, certainty, a word of the source (None: the article)
CLAIM_CASES = [
    ("Officials said at least 12 people were killed in the blast.", "killed", "reported", "officials"),
    ("Police estimated that 5,000 people attended the rally.", "attended", "estimated", "police"),
    ("The group allegedly smuggled weapons across the border.", "smuggled", "hedged", None),
    ("The spokesman denied that troops had entered the city.", "entered", "denied", "spokesman"),
    ("The union called for an immediate ceasefire in the region.", "ceasefire", "proposed", "union"),
    ("The company did not pay its taxes in 2019.", "taxes", "denied", None),
    ("The president plans to travel to Paris on Monday for the summit.", "paris", "planned", "president"),
    # a future stated without doubt is certain (FactBank CT+, MEANTIME CERTAIN/FUTURE): the
    # claim keeps its source's certainty; only intention and schedule markers make it planned
    ("The president will travel to Paris on Monday for the summit.", "paris", "asserted", None),
    ("The ministry said the new rules would take effect in January.", "rules", "reported", "ministry"),
    ("The company is scheduled to release its results on Thursday.", "results", "planned", None),
    # a plan named as a noun is what the claim is about, not the claim's own certainty
    ("The ruling imperils the consortium's plan to assemble the jets in Alabama.", "assemble", "asserted", None),
    ("According to the United Nations, more than two million people have fled the country.",
     "fled", "reported", "united nations"),
    ("The army said 300 fighters had been captured, but the figure could not be independently verified.",
     "captured", "unverified", "army"),
    ("Did the government know about the plan before the vote?", "government", "question", None),
    ("Rescuers found the bodies of three climbers on the mountain.", "climbers", "asserted", None),
    ("Investigators believe the fire may have started in the kitchen.", "kitchen", "hedged", "investigators"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,needle,certainty,source", CLAIM_CASES)
def test_claims_certainty_and_source(pipeline, text, needle, certainty, source):
    rec = _record(pipeline, text)
    hits = [c for c in rec.claims if needle in c.text.lower()]
    assert hits, [c.text for c in rec.claims]
    c = hits[0]
    assert c.certainty == certainty, (c.text, c.certainty, [x.text for x in c.cues])
    if source is None:
        assert c.source is None
    else:
        assert c.source is not None and source in (c.source.text + " " + (c.source.canonical or "")).lower()
    for cue in c.cues:
        assert rec.text[cue.start:cue.end] == cue.text


@pytest.mark.slow
def test_claims_headings_are_not_claims(pipeline):
    rec = _record(pipeline, "Two captured soldiers\n\nThe army has captured two soldiers near the river.")
    assert all("captured two soldiers" in c.text for c in rec.claims)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from([
    "Officials said 12 people died.", "It may rain.", "The figure has not been verified.",
    "“We will win,” she said.", "Nobody knows why?", "Prices rose 3 percent in May.", "\n\n",
]), min_size=1, max_size=6))
def test_claims_spans_point_into_text_and_ids_are_ordered(pipeline, parts):
    rec = _record(pipeline, " ".join(parts))
    if not hasattr(rec, "claims"):
        return
    assert [c.id for c in rec.claims] == [f"c{i}" for i in range(1, len(rec.claims) + 1)]
    for c in rec.claims:
        assert rec.text[c.start:c.end] == c.text
        assert c.certainty in CERTAINTIES
        if c.source is not None:
            assert rec.text[c.source.start:c.source.end] == c.source.text
