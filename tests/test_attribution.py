"""Attribution content spans: where reported content begins and ends."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsledger.extract import attribution
from newsledger.model import Article


def _parsed(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A doc with a given parse: (word, pos, lemma, dep, head index) per token."""
    words, pos, lemmas, deps, heads = (list(x) for x in zip(*rows))
    return Doc(spacy.blank("en").vocab, words=words, pos=pos, lemmas=lemmas, deps=deps, heads=heads)


# the parse the statistical parser gives the sentence: the 'so ...' clause hangs on the cue, not on
# the reported clause (a real parse of this shape, from the pipeline's model on wire copy)
POINTED_OUT = [
    ("Fact-checkers", "NOUN", "fact-checker", "nsubj", 1), ("pointed", "VERB", "point", "ROOT", 1),
    ("out", "ADP", "out", "prt", 1), ("that", "SCONJ", "that", "mark", 7), ("one", "NUM", "one", "nummod", 5),
    ("storm", "NOUN", "storm", "nsubj", 7), ("may", "AUX", "may", "aux", 7), ("cause", "VERB", "cause", "ccomp", 1),
    ("several", "ADJ", "several", "amod", 9), ("floods", "NOUN", "flood", "dobj", 7), (",", "PUNCT", ",", "punct", 1),
    ("so", "SCONJ", "so", "mark", 14), ("the", "DET", "the", "det", 13), ("counts", "NOUN", "count", "nsubj", 14),
    ("differ", "VERB", "differ", "advcl", 1), (".", "PUNCT", ".", "punct", 1),
]

# 'and added that ...' is a second attribution with its own cue: the first content ends before it
WARNED_AND_ADDED = [
    ("The", "DET", "the", "det", 1), ("ministry", "NOUN", "ministry", "nsubj", 2), ("warned", "VERB", "warn", "ROOT", 2),
    ("that", "SCONJ", "that", "mark", 7), ("the", "DET", "the", "det", 5), ("storm", "NOUN", "storm", "nsubj", 7),
    ("could", "AUX", "could", "aux", 7), ("hit", "VERB", "hit", "ccomp", 2), ("the", "DET", "the", "det", 9),
    ("coast", "NOUN", "coast", "dobj", 7), (",", "PUNCT", ",", "punct", 2), ("and", "CCONJ", "and", "cc", 2),
    ("added", "VERB", "add", "conj", 2), ("that", "SCONJ", "that", "mark", 16), ("roads", "NOUN", "road", "nsubj", 16),
    ("would", "AUX", "would", "aux", 16), ("close", "VERB", "close", "ccomp", 12), (".", "PUNCT", ".", "punct", 2),
]


# '..., but she knows that ...': a belief coordinated with what the source says is still what she says
SAYS_BUT_KNOWS = [
    ("Clinton", "PROPN", "Clinton", "nsubj", 1), ("says", "VERB", "say", "ROOT", 1), ("she", "PRON", "she", "nsubj", 3),
    ("hopes", "VERB", "hope", "ccomp", 1), ("to", "PART", "to", "aux", 5), ("win", "VERB", "win", "xcomp", 3),
    (",", "PUNCT", ",", "punct", 1), ("but", "CCONJ", "but", "cc", 1), ("she", "PRON", "she", "nsubj", 9),
    ("knows", "VERB", "know", "conj", 1), ("that", "SCONJ", "that", "mark", 13), ("the", "DET", "the", "det", 12),
    ("race", "NOUN", "race", "nsubj", 13), ("is", "AUX", "be", "ccomp", 9), ("close", "ADJ", "close", "acomp", 13),
    (".", "PUNCT", ".", "punct", 1),
]


@pytest.mark.parametrize("rows,cue,start,end,expected", [
    (POINTED_OUT, 1, 3, 10, 15),       # '... several floods, so the counts differ'
    (WARNED_AND_ADDED, 2, 3, 10, 10),  # '... hit the coast' (not ', and added ...')
    (POINTED_OUT, 7, 3, 7, 7),         # content left of its cue is never extended
    (SAYS_BUT_KNOWS, 1, 2, 6, 15),     # '... to win, but she knows that the race is close'
])
def test_attribution_content_end_takes_in_what_hangs_on_the_cue(rows, cue, start, end, expected):
    doc = _parsed(rows)
    lex = attribution.load_lexicon()
    assert attribution.extend_right(doc[cue], start, end, lex) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,content", [
    ("The newspaper reported that the governor had skipped the briefing in order to "
     "\"avoid questions about the budget.\"",
     "that the governor had skipped the briefing in order to \"avoid questions about the budget.\""),
])
def test_attribution_quote_ending_reported_speech_keeps_the_indirect_part(pipeline, text, content):
    rec = pipeline(Article(text=text))
    assert [(q.kind, q.text) for q in rec.quotes] == [("mixed", content)]


@pytest.mark.slow
@pytest.mark.parametrize("text,quote", [
    ("“We did not expect the river to rise this fast. It is the worst flood in fifty years,” "
     "the governor said on Sunday.",
     "“We did not expect the river to rise this fast. It is the worst flood in fifty years,”"),
    ("“The company knew about the defect for years. Its executives chose to say nothing,” "
     "the lawyer told reporters.",
     "“The company knew about the defect for years. Its executives chose to say nothing,”"),
])
def test_attribution_quote_is_not_repeated_as_its_last_sentence(pipeline, text, quote):
    rec = pipeline(Article(text=text))
    assert [(q.kind, q.text) for q in rec.quotes] == [("direct", quote)]
    assert [c.text for c in rec.claims if c.source is not None] == [quote]


@pytest.mark.slow
def test_attribution_colon_lead_gives_the_line_to_the_name(pipeline):
    text = ("Graham: Trump’s Rhetoric Is Hurting the Party\n\n"
            "Senator Lindsey Graham said on Sunday that the party had lost its way.\n\n"
            "TAPPER: Do you think the election is rigged?\n\n"
            "PENCE: We will accept the outcome of the election.\n\n"
            "Correction: An earlier version of this article misstated the date of the vote.")
    rec = pipeline(Article(text=text))
    got = {q.text: q.speaker.text if q.speaker else None for q in rec.quotes if q.cue and q.cue.text == ":"}
    assert got == {"Trump’s Rhetoric Is Hurting the Party": "Graham",
                   "Do you think the election is rigged?": "TAPPER",
                   "We will accept the outcome of the election": "PENCE"}


def test_attribution_learned_candidate_spans_extend_like_rule_contents():
    from newsledger.extract.cuemodel import Candidate

    doc = _parsed(POINTED_OUT)
    lex = attribution.load_lexicon()
    assert attribution.candidate_tokens(doc, Candidate(1, "ccomp", 3, 10), lex) == (3, 15)
    # a parenthetical candidate's content is left of its verb: as proposed
    assert attribution.candidate_tokens(doc, Candidate(14, "paren_end", 0, 10), lex) == (0, 10)


@pytest.mark.slow
def test_attribution_belief_inside_reported_speech_is_part_of_it(pipeline):
    text = "The chief executive said he expected to sell the coal for at least $50 a ton."
    rec = pipeline(Article(text=text))
    sourced = [(c.text, c.source.text) for c in rec.claims if c.source is not None]
    assert sourced == [("he expected to sell the coal for at least $50 a ton", "The chief executive")]


@pytest.mark.slow
def test_attribution_according_to_after_a_comma_sources_what_precedes(pipeline):
    text = ("The storm killed at least 12 people, according to local officials, "
            "and left thousands of homes without power across the region.")
    rec = pipeline(Article(text=text))
    q = next(q for q in rec.quotes if q.cue is not None and q.cue.text == "according to")
    assert q.text == "The storm killed at least 12 people"
    assert q.speaker is not None and q.speaker.text == "local officials"
