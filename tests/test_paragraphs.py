"""Blank lines (headline / paragraph breaks) are sentence boundaries for the parser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# without the boundary the parser makes "Sinks" the subject of the lead's "said"
HEADLINE = "Ferry Sinks off Crete, Near Heraklion, Leaving 12 Missing"
LEAD = "The coastguard said that the captain had been detained after the accident."


@pytest.mark.parametrize("text,first", [
    (f"{HEADLINE}\n\n{LEAD}", HEADLINE),
    ("Dockers strike at Antwerp port\n\n \nUnion leaders said the walkout would last until Friday.",
     "Dockers strike at Antwerp port"),
])
def test_paragraphs_blank_line_starts_a_sentence(nlp, text, first):
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == first
    # no dependency arc crosses the break
    cut = len(first)
    assert all((t.idx < cut) == (t.head.idx < cut) for t in doc if not t.is_space)


def test_paragraphs_headline_verb_heads_its_own_clause(nlp):
    doc = nlp(f"{HEADLINE}\n\n{LEAD}")
    sinks = next(t for t in doc if t.text == "Sinks")
    assert sinks.dep_ == "ROOT"
    assert next(t for t in doc if t.text == "Leaving").head == sinks


def test_paragraphs_single_line_break_left_to_the_parser(nlp):
    # hard-wrapped lines inside one sentence stay one sentence
    doc = nlp("The senator said the campaign had a limited effect on getting supporters to participate\n"
              "in caucuses and primaries.")
    assert len(list(doc.sents)) == 1


def test_paragraphs_component_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("newsledger_paragraphs") < names.index("parser")
