"""parties.resolve: a span of real news text resolved to who it names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract import parties
from newsledger.extract.base import Context
from newsledger.model import Article, Party


def _ctx(pipeline, text: str) -> Context:
    article = Article(text=text)
    record = pipeline(article)
    return Context(article=article, record=record, resources=pipeline.resources)


def _resolve(pipeline, text: str, needle: str, nth: int = 0) -> Party:
    ctx = _ctx(pipeline, text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return parties.resolve(ctx, start, start + len(needle))


CASES = [
    # (text, span, canonical, country, sector)
    ("The Kremlin said on Monday that talks with Washington had stalled.",
     "The Kremlin", "Kremlin", "RU", "government"),
    ("Pyongyang fired a ballistic missile into the sea off its east coast, South Korea's military said.",
     "Pyongyang", "North Korea", "KP", "government"),
    ("Pyongyang fired a ballistic missile into the sea off its east coast, South Korea's military said.",
     "South Korea's military", None, "KR", "military"),
    ("Ukrainian authorities said Russian troops shelled the city overnight.",
     "Ukrainian authorities", "Ukraine", "UA", "government"),
    ("Ukrainian authorities said Russian troops shelled the city overnight.",
     "Russian troops", None, "RU", "military"),
    ("Zelenskiy said Kyiv would not cede any territory in exchange for a ceasefire.",
     "Zelenskiy", "Volodymyr Zelensky", "UA", "government"),
    ("The Russian president, Vladimir Putin, met Kim Jong-un in Pyongyang on Wednesday.",
     "The Russian president", "Vladimir Putin", "RU", "government"),
    ("The Russian president, Vladimir Putin, met Kim Jong-un in Pyongyang on Wednesday.",
     "Kim Jong-un", "Kim Jong Un", "KP", "government"),
    ("Reuters reported that the negotiations had collapsed late on Friday.",
     "Reuters", "Reuters", "GB", "media"),
    ("The foreign ministry of Japan protested on Tuesday. The ministry said it would summon the ambassador.",
     "The ministry", "Foreign Ministry (Japan)", "JP", "government"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,span,canonical,country,sector", CASES)
def test_parties_resolve_real_sentences(pipeline, text, span, canonical, country, sector):
    party = _resolve(pipeline, text, span)
    assert party.text == span
    if canonical is not None:
        assert party.canonical == canonical
    assert party.country == country
    assert party.sector == sector


@pytest.mark.slow
@pytest.mark.parametrize("text,span,names", [
    ("Putin and Xi Jinping signed a joint statement in Moscow on Tuesday.",
     "Putin and Xi Jinping", ["Vladimir Putin", "Xi Jinping"]),
    ("The Russian President, Vladimir Putin, and the North Korean leader, Kim Jong Un, signed the treaty.",
     "The Russian President, Vladimir Putin, and the North Korean leader, Kim Jong Un",
     ["Vladimir Putin", "Kim Jong Un"]),
])
def test_parties_resolve_compound_members(pipeline, text, span, names):
    party = _resolve(pipeline, text, span)
    assert [m.canonical for m in party.members] == names
    assert all(text[m.start:m.end] == m.text for m in party.members)


@pytest.mark.slow
def test_parties_seed_ministry_is_south_korean(pipeline, seed_text):
    from newsledger.ingest.text import parse_text

    article = parse_text(seed_text)
    record = pipeline(article)
    ctx = Context(article=article, record=record, resources=pipeline.resources)
    start = record.text.index("the ministry defends")
    party = parties.resolve(ctx, start, start + len("the ministry"))
    assert party.country == "KR"
    assert "foreign ministry" in party.canonical.lower()


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 120), st.integers(0, 40))
def test_parties_resolve_span_always_matches_text(pipeline, start, length):
    text = ("The Ukrainian government has proposed to return them to North Korea in case Pyongyang "
            "lends itself to an exchange, Zelensky said.")
    ctx = _ctx(pipeline, text)
    end = min(len(text), start + length)
    party = parties.resolve(ctx, start, end)
    assert party.text == text[start:end]
    assert (party.start, party.end) == (start, end)
    for m in party.members:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text,expected", [
    ("the Foreign Ministry", False),
    ("Mr Smith's lawyer", False),
    ("the South Korean Navy", True),
    ("U.S.-led forces", True),
    ("officials in Kyiv", True),
])
def test_parties_country_prefilter_never_hides_a_country(text, expected):
    """The key-word set answers 'no country here' only when the full pattern finds none."""
    from newsledger.extract.actors import load_actor_tables, may_name_country

    tables = load_actor_tables()
    assert may_name_country(tables, text) is expected
    assert tables.country_pattern.search(text) is not None or not expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Korea", "korean", "U.S.", "Kiev", "Kyiv", "Russian", "the", "Navy", "South",
                                  "x", " ", ".", "-", "'", "é"]), max_size=12).map("".join))
def test_parties_country_prefilter_agrees_with_the_pattern(text):
    from newsledger.extract.actors import load_actor_tables, may_name_country

    tables = load_actor_tables()
    if tables.country_pattern.search(text) is not None:
        assert may_name_country(tables, text)
