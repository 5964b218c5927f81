"""Blank lines (headline / paragraph breaks) are sentence boundaries for the parser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,first", [
    # a headline glued to the lead: the parser used to read "Derails" as a noun subject of "said"
    ("Tram Derails in Croydon, Near London, Killing at Least 7\n\nThe police said that the driver had "
     "been arrested after the deadly accident.", "Tram Derails in Croydon, Near London, Killing at Least 7"),
    ("Lady Gaga protests outside Trump Tower\n\n \nThe singer stood on a sanitation truck on Tuesday night.",
     "Lady Gaga protests outside Trump Tower"),
])
def test_paragraphs_blank_line_starts_a_sentence(nlp, text, first):
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == first
    # no dependency arc crosses the break
    cut = len(first)
    assert all((t.idx < cut) == (t.head.idx < cut) for t in doc if not t.is_space)


def test_paragraphs_headline_verb_heads_its_own_clause(nlp):
    doc = nlp("Tram Derails in Croydon, Near London, Killing at Least 7\n\nThe police said the driver was arrested.")
    killing = next(t for t in doc if t.text == "Killing")
    assert killing.head.text == "Derails"


def test_paragraphs_single_line_break_left_to_the_parser(nlp):
    # hard-wrapped lines inside one sentence stay one sentence
    doc = nlp("The senator said the campaign had a limited effect on getting supporters to participate\n"
              "in caucuses and primaries.")
    assert len(list(doc.sents)) == 1


def test_paragraphs_component_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("newsledger_paragraphs") < names.index("parser")
