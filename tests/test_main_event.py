"""Main event (5W1H): who, what, when, where, why, how as spans of the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsledger.extract import main_event
from newsledger.model import Article

pytestmark = pytest.mark.slow

ARTICLES = [
    # (title, body, who, what-needle, when-needle, where-needle)
    ("Taliban attack German consulate in Mazar-i-Sharif",
     "Taliban attack German consulate in Mazar-i-Sharif\n\nA Taliban suicide bomber rammed a truck into the German "
     "consulate in the northern Afghan city of Mazar-i-Sharif late on Thursday, killing at least four people. "
     "The Taliban said the attack was revenge for air strikes in Kunduz province.",
     "Taliban", "attack", "Thursday", None),
    ("Tram derails in Croydon",
     "Tram derails in Croydon\n\nSeven people died and dozens were injured after a tram derailed and overturned "
     "in Croydon on Wednesday morning. The driver was arrested at the scene.",
     "people", "died", "Wednesday", "Croydon"),
    (None,
     "The authorities of South Korea said on Wednesday they were willing to host North Korean soldiers captured "
     "in Ukraine. The Foreign Ministry said the soldiers are South Korean citizens under the constitution.",
     "South Korea", "host", "Wednesday", None),
]


@pytest.mark.parametrize("title,text,who,what,when,where", ARTICLES)
def test_main_event_answers_from_title_and_lead(pipeline, title, text, who, what, when, where):
    rec = pipeline(Article(text=text, title=title))
    me = rec.main_event
    assert me.who is not None and who.lower() in me.who.text.lower()
    assert me.what is not None and what in me.what.text.lower()
    assert me.when is not None and when in me.when.text
    if where is not None:
        assert me.where is not None and where in me.where.text


def test_main_event_links_the_event_it_describes(pipeline):
    rec = pipeline(Article(text="Israeli troops arrested 12 Palestinians in Hebron on Monday, the army said."))
    ev = {e.id: e for e in rec.events}[rec.main_event.event]
    assert ev.trigger.text == "arrested"
    assert "Israeli troops" in rec.main_event.who.text


def test_main_event_why_from_causal_marker(pipeline):
    rec = pipeline(Article(text="Thousands of farmers blocked roads in Paris on Monday because of new fuel taxes."))
    assert rec.main_event.why is not None and "fuel taxes" in rec.main_event.why.text


def test_main_event_no_time_in_text_gives_no_when(pipeline):
    rec = pipeline(Article(text="Rebels captured the town after heavy fighting, a spokesman said."))
    assert rec.main_event.when is None


def test_main_event_empty_text(pipeline):
    rec = pipeline(Article(text="   "))
    assert rec.main_event.who is None and rec.main_event.what is None


def test_main_event_settings_are_data():
    cfg = main_event.load()
    assert {"position", "frequency", "event", "title"} <= set(cfg["weights"])
    assert "because" in cfg["why"]["phrases"]


@settings(max_examples=20, deadline=None)
@given(noise=st.text(max_size=40))
def test_main_event_spans_point_into_text(pipeline, noise):
    text = noise + "\n\nPolice arrested two men in Leeds on Friday after a robbery at a jewellery shop."
    rec = pipeline(Article(text=text, title=noise or None))
    for name in ("who", "what", "when", "where", "why", "how"):
        span = getattr(rec.main_event, name)
        if span is not None:
            assert text[span.start:span.end] == span.text, name
