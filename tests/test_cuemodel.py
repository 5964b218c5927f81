"""The learned attribution-cue detector: candidates, features, shipped weights."""

from __future__ import annotations

import pytest

from newsledger import resources
from newsledger.extract import attribution, cuemodel
from newsledger.model import Article


def test_cuemodel_weights_are_shipped_small_and_well_formed():
    path = resources.path("attribution/cue_model.tsv")
    assert path.stat().st_size < 2_000_000
    model = cuemodel.load_model(resources.load_tsv("attribution/cue_model.tsv"))
    assert 0.05 < model.threshold < 0.95
    assert len(model.weights) > 100
    # the reporting verb par excellence weighs for attribution, an ordinary verb does not
    assert model.weights.get("lem|rel=say|ccomp", 0) > model.weights.get("lem|rel=eat|ccomp", 0)


def test_cuemodel_probability_is_logistic():
    model = cuemodel.CueModel({"a": 2.0, "b": -2.0}, bias=0.0, threshold=0.5)
    assert model.probability([]) == pytest.approx(0.5)
    assert model.probability(["a"]) > 0.85
    assert model.probability(["a", "b"]) == pytest.approx(0.5)
    assert model.probability(["unknown"]) == pytest.approx(0.5)


@pytest.mark.parametrize("text,verb,rel,content", [
    ("Clinton attacked her opponent as a fraud.", "attacked", "dobj+as", "her opponent as a fraud"),
    ("The campaign agreed to share the data with reporters.", "agreed", "xcomp", "to share the data with reporters"),
    ("Officials said the bridge was closed.", "said", "ccomp", "the bridge was closed"),
    ("The senator called for an inquiry into the sale.", "called", "prep:for", "an inquiry into the sale"),
])
def test_cuemodel_candidates_cover_the_content(nlp, text, verb, rel, content):
    doc = nlp(text)
    cands = [c for c in cuemodel.candidates(doc) if doc[c.verb].text == verb]
    found = {(c.rel, doc[c.start:c.end].text) for c in cands}
    assert (rel, content) in found, found


def test_cuemodel_features_name_lemma_relation_and_subject(nlp):
    doc = nlp("Critics see the program as an easy way to gain citizenship.")
    lex = attribution.load_lexicon()
    cand = next(c for c in cuemodel.candidates(doc) if doc[c.verb].lemma_ == "see" and c.rel == "dobj+as")
    feats = attribution.candidate_features(doc, cand, lex, [])
    assert "lem|rel=see|dobj+as" in feats
    assert "subj=person_noun" in feats  # "critic" is a person role noun
    assert "in_quote=False" in feats


# attributions with verbs outside the reporting-verb lexicon, as news writes them
LEARNED_CASES = [
    ("Senator Elizabeth Warren accused the bank's chief executive of gutless leadership on Tuesday.",
     "the bank's chief executive of gutless leadership", "Warren"),
    ("The Democratic nominee attacked her opponent as a fraud and a scam artist.",
     "her opponent as a fraud and a scam artist", "nominee"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,content,source", LEARNED_CASES)
def test_cuemodel_finds_attributions_beyond_the_lexicon(pipeline, text, content, source):
    rec = pipeline(Article(text=text))
    hits = [c for c in rec.claims if c.source is not None and content in rec.text[c.start:c.end]]
    assert hits, [(c.text, c.source) for c in rec.claims]
    assert source in hits[0].source.text


@pytest.mark.slow
def test_cuemodel_ordinary_verbs_stay_claims_of_the_article(pipeline):
    rec = pipeline(Article(text="The storm destroyed two bridges and flooded the main road on Sunday."))
    assert all(c.source is None for c in rec.claims), [(c.text, c.source) for c in rec.claims]


@pytest.mark.slow
def test_cuemodel_vetoes_speech_nested_inside_a_direct_quote(pipeline):
    # the quote is the mayor's; the speech verb inside it is part of what the mayor said
    text = "“He says the plant will close unless the state steps in, and nobody believes him,” the mayor said."
    rec = pipeline(Article(text=text))
    assert [q.kind for q in rec.quotes] == ["direct"], [(q.kind, q.text) for q in rec.quotes]
    assert "mayor" in rec.quotes[0].speaker.text


def test_cuemodel_veto_keeps_direct_quotes_and_according_to():
    model = cuemodel.CueModel({}, bias=-5.0, threshold=0.3)
    lex = attribution.load_lexicon()
    lex.cue_model = model
    cand = cuemodel.Candidate(verb=3, rel="ccomp", start=4, end=8)
    scores = {3: (0.01, cand)}
    def att(kind, cue_kind):
        return attribution.Attribution(0, 10, cue=None, speaker=None, cue_kind=cue_kind,
                                       cue_certainty="reported", kind=kind, cue_token=3)
    assert attribution.vetoed(att("indirect", "speech"), lex, scores)
    assert not attribution.vetoed(att("direct", "speech"), lex, scores)
    assert not attribution.vetoed(att("indirect", "according"), lex, scores)
    assert not attribution.vetoed(att("indirect", "speech"), lex, {3: (0.9, cand)})
