"""Quotes: quotation marks, direct/indirect/mixed quotes, cues and speakers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsledger.extract import marks, quotes
from newsledger.extract.marks import MarkPair


@pytest.mark.parametrize("text,expected", [
    ("“We will not back down,” he said.", [(0, 24)]),
    ("Il a dit « non » hier.", [(9, 16)]),
    ("„Wir schaffen das“, sagte sie.", [(0, 18)]),
    ("She called it ‘a betrayal’ of voters.", [(14, 26)]),
    ('He said "it is over" and left.', [(8, 20)]),
    ("He said 'it is over' and left.", [(8, 20)]),
])
def test_marks_pair_every_style(text, expected):
    scan = marks.scan(text)
    assert [(p.start, p.end) for p in scan.pairs] == expected
    assert scan.unclosed == []


@pytest.mark.parametrize("text,quoted", [
    ("''I haven't seen it yet, but I'm going to,'' he said.", "''I haven't seen it yet, but I'm going to,''"),
    ("One reader wrote: ”Fear. I am truly afraid of what comes next.”", "”Fear. I am truly afraid of what comes next.”"),
])
def test_marks_doubled_and_reversed_styles(text, quoted):
    scan = marks.scan(text)
    assert [text[p.start:p.end] for p in scan.pairs] == [quoted]


@pytest.mark.parametrize("text", [
    "The soldiers’ families don’t know where they are.",
    "It's the company's first loss since the '90s.",
])
def test_marks_apostrophes_are_not_quotes(text):
    assert marks.scan(text).pairs == []


def test_marks_multi_paragraph_quote_reopens():
    text = "“The first paragraph of a long statement.\n\n“The second paragraph ends it,” she said."
    scan = marks.scan(text)
    assert len(scan.pairs) == 1
    pair = scan.pairs[0]
    assert pair.start == 0 and text[pair.close] == "”" and "second" in text[pair.start:pair.end]
    assert scan.unclosed == []


def test_marks_unclosed_quote_is_reported_not_guessed():
    text = "“This sentence opens a quote that never closes, the minister said.\n\nThe next paragraph is plain."
    scan = marks.scan(text)
    assert scan.pairs == []
    assert scan.unclosed == [0]
    assert quotes.unclosed(text) == [0]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n“”‘’«»„\"'")), max_size=80))
def test_marks_pairs_are_ordered_disjoint_and_grounded(text):
    scan = marks.scan(text)
    last_end = 0
    for p in scan.pairs:
        assert isinstance(p, MarkPair)
        assert 0 <= p.start < p.close < len(text)
        assert text[p.open] in marks.OPENERS and text[p.close] in marks.CLOSERS
        assert p.start >= last_end
        last_end = p.end
    for u in scan.unclosed:
        assert text[u] in marks.OPENERS


def _record(pipeline, text):
    from newsledger.model import Article

    return pipeline(Article(text=text))


# real news sentences (Reuters/AP/BBC style wire copy), kind, a word of the content, a word of the speaker
QUOTE_CASES = [
    ("“We are not going to negotiate with terrorists,” Foreign Minister Sergei Lavrov said on Tuesday.",
     "direct", "negotiate", "lavrov"),
    ("Secretary-General Antonio Guterres said: “The world cannot afford another war.”",
     "direct", "afford", "guterres"),
    ("The White House said that the president would sign the bill on Friday.",
     "indirect", "sign the bill", "white house"),
    ("According to the United Nations, more than two million people have fled the country.",
     "indirect", "fled", "united nations"),
    ("Police said the suspect had been arrested near the border.",
     "indirect", "arrested", "police"),
    ("The prime minister told reporters that the government had “no intention” of raising taxes.",
     "mixed", "raising taxes", "minister"),
    ("A spokeswoman indicated in an interview that the company plans to close the plant.",
     "indirect", "close the plant", "spokeswoman"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,kind,content,speaker", QUOTE_CASES)
def test_quotes_kind_content_and_speaker(pipeline, text, kind, content, speaker):
    rec = _record(pipeline, text)
    hits = [q for q in rec.quotes if content in q.text.lower()]
    assert hits, [q.text for q in rec.quotes]
    q = hits[0]
    assert q.kind == kind
    assert q.speaker is not None and speaker in (q.speaker.text + " " + (q.speaker.canonical or "")).lower()
    assert q.cue is not None and rec.text[q.cue.start:q.cue.end] == q.cue.text


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A soldier told the newspaper ‘Chosun Ilbo’ that he wants to stay.",
    "The film “Oppenheimer” won seven awards.",
    "Residents call the district “the Green Zone” because of its parks.",
])
def test_quotes_names_in_marks_are_not_quotes(pipeline, text):
    rec = _record(pipeline, text)
    assert not any(q.kind == "direct" for q in rec.quotes), [q.text for q in rec.quotes]


@pytest.mark.slow
def test_quotes_pronoun_speaker_resolves_to_earlier_actor(pipeline):
    text = ("The Foreign Ministry of Japan issued a statement on Monday. "
            "In it, it said that “the islands are an inherent part of Japanese territory.”")
    rec = _record(pipeline, text)
    q = next(q for q in rec.quotes if "inherent" in q.text)
    assert q.speaker is not None and "ministry" in (q.speaker.canonical or "").lower()


@pytest.mark.slow
def test_quotes_continuation_paragraph_keeps_speaker(pipeline):
    text = ("“We have lost everything,” said Maria Lopez, a farmer from the valley.\n\n"
            "“The water came at night and took the house, the animals, all of it.”")
    rec = _record(pipeline, text)
    second = next(q for q in rec.quotes if "animals" in q.text)
    assert second.kind == "direct" and second.speaker is not None
    assert "lopez" in (second.speaker.canonical or second.speaker.text).lower()


@pytest.mark.slow
def test_quotes_run_split_by_cue_is_one_quote(pipeline):
    text = ('"By locking in China," Mr. Obama said, "it now allowed me to go to India and Brazil and say '
            'to them: look at this."')
    rec = _record(pipeline, text)
    direct = [q for q in rec.quotes if q.kind == "direct"]
    assert len(direct) == 1 and "Brazil" in direct[0].text and "locking" in direct[0].text
    assert "obama" in (direct[0].speaker.canonical or direct[0].speaker.text).lower()


@pytest.mark.slow
def test_quotes_unclosed_mark_gives_no_quote(pipeline):
    text = "“This sentence opens a quote that never closes, the minister said in a statement.\n\nThe next paragraph is plain."
    rec = _record(pipeline, text)
    assert not any(q.kind == "direct" for q in rec.quotes)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from([
    "“It is over,” he said.", "She said that the talks failed.", "According to police, two men died.",
    "The ‘Times’ reported it.", "“Unclosed", "\n\n", "They will vote on Monday.", "Why?",
]), min_size=1, max_size=6))
def test_quotes_spans_point_into_text(pipeline, parts):
    rec = _record(pipeline, " ".join(parts))
    if not hasattr(rec, "quotes"):
        return  # an empty document is an error record
    for q in rec.quotes:
        assert rec.text[q.start:q.end] == q.text
        if q.cue is not None:
            assert rec.text[q.cue.start:q.cue.end] == q.cue.text
        if q.speaker is not None:
            assert rec.text[q.speaker.start:q.speaker.end] == q.speaker.text


@pytest.mark.slow
def test_quotes_role_noun_with_its_own_country_is_not_an_anaphor(pipeline):
    text = ("The South Korean government said on Monday that it would host the soldiers. "
            "The Ukrainian government has proposed to return them to North Korea.")
    rec = _record(pipeline, text)
    q = next(q for q in rec.quotes if "return them" in q.text)
    assert q.speaker is not None and q.speaker.country == "UA"


@pytest.mark.slow
def test_quotes_run_continues_past_a_belief_inside_the_quote(pipeline):
    text = ("“Why won’t he release his tax returns? I think there may be a couple of reasons,” she said. "
            "“First, maybe he’s not as rich as he says he is. Second, maybe he’s not as charitable as he claims.”")
    rec = _record(pipeline, text)
    direct = [q for q in rec.quotes if q.kind == "direct"]
    assert len(direct) == 1 and "reasons" in direct[0].text and "charitable" in direct[0].text


@pytest.mark.slow
def test_quotes_next_paragraph_cue_belongs_to_what_follows(pipeline):
    text = ("“The health issue has affected this race,” said Caddell. “Yesterday, there were two polls.”\n\n"
            "Caddell continued:\n\n“The health issue overall is very much a factor in this election.”")
    rec = _record(pipeline, text)
    first = next(q for q in rec.quotes if "two polls" in q.text)
    assert "affected this race" in first.text  # one run: the quote after the cue continues it


@pytest.mark.slow
def test_quotes_relative_pronoun_speaker_keeps_its_own_span(pipeline):
    text = "The plan was backed by Senator Mary Landrieu, who said that the levees would be rebuilt by June."
    rec = _record(pipeline, text)
    q = next(q for q in rec.quotes if "levees" in q.text)
    assert q.speaker is not None and q.speaker.text == "who"
    assert "landrieu" in (q.speaker.canonical or "").lower()
