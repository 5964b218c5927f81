"""Linking: figure agreement and series, story clustering, entity keys."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsledger.link import FigureInput, StoryDoc, StoryParams, agree, build_series, cluster_stories
from newsledger.link.entities import entity_key, place_key
from newsledger.link.figures import granularity


def fig(value, article="a", value_max=None, approximate=False, published="2016-11-10", **kw) -> FigureInput:
    base = dict(rowid=0, article=article, item="f1", measure="killed", unit="people", place="Kabul",
                period="2016-11-10", value=value, value_max=value_max, approximate=approximate,
                published=published)
    base.update(kw)
    return FigureInput(**base)


@pytest.mark.parametrize("value,expected", [(40, 10), (43, 1), (6, 1), (1.13e9, 1e7), (2.5, 0.1), (1000, 1000),
                                            (0, 1)])
def test_link_granularity(value, expected):
    assert granularity(value) == pytest.approx(expected)


@pytest.mark.parametrize("a,b,same", [
    (fig(6), fig(2), False),                                   # "six killed" vs "two killed"
    (fig(6), fig(6.0), True),
    (fig(40), fig(43), True),                                  # 40 is a rounded 43
    (fig(40), fig(46), False),
    (fig(40, approximate=True), fig(46), True),                # "about 40"
    (fig(1.13e9), fig(1.1e9), True),                           # $1.13bn vs $1.1bn
    (fig(1.13e9), fig(1.3e9), False),
    (fig(100, value_max=120), fig(110), True),                 # "100 to 120"
    (fig(100, value_max=120), fig(150), False),
    (fig(7), fig(8), False),
])
def test_link_agree(a, b, same):
    assert agree(a, b) is same
    assert agree(b, a) is same


@given(st.integers(min_value=0, max_value=10**9), st.booleans())
def test_link_agree_reflexive(value, approximate):
    assert agree(fig(value, approximate=approximate), fig(value))


def test_link_series_conflict_needs_two_sources():
    same_article = build_series([fig(6, article="a"), fig(2, article="a", item="f2")])
    assert len(same_article) == 1 and not same_article[0].conflict
    across = build_series([fig(6, article="a", published="2016-11-10T09:00"),
                           fig(2, article="b", published="2016-11-10T08:00"),
                           fig(6, article="c", published="2016-11-11")])
    s = across[0]
    assert s.conflict and s.n_sources == 3 and s.first_article == "b" and (s.low, s.high) == (2, 6)


def test_link_series_keys_split_measure_unit_place_period():
    out = build_series([fig(6), fig(6, measure="injured"), fig(6, unit="soldiers"), fig(6, place="Kunduz"),
                        fig(6, period="2016-11-12"), fig(9, article="b")])
    assert len(out) == 5
    assert sum(s.conflict for s in out) == 1


CONSULATE = [
    ("Taliban attack German consulate in Mazar-i-Sharif", "A Taliban suicide bomber rammed a truck into the German "
     "consulate in Mazar-i-Sharif, killing six people and wounding more than 100.", "2016-11-10"),
    ("Suicide bomber hits German consulate in northern Afghanistan", "The German consulate in the Afghan city of "
     "Mazar-i-Sharif was hit by a Taliban truck bomb late on Thursday; two people died, police said.", "2016-11-11"),
    ("Germany condemns consulate attack", "German foreign minister said the attack on the consulate in "
     "Mazar-i-Sharif by the Taliban was cowardly; the bomb killed at least four Afghans.", "2016-11-11"),
]
TRAM = [
    ("Croydon tram derailment: seven dead", "Seven people died and dozens were injured after a tram derailed and "
     "overturned near Sandilands in Croydon, south London, on Wednesday morning.", "2016-11-09"),
    ("Tram driver arrested after Croydon crash", "British Transport Police arrested the driver of the tram that "
     "overturned in Croydon, killing seven passengers near Sandilands station.", "2016-11-09"),
]
OTHER = [("Toblerone changes shape", "Toblerone has widened the gaps between its chocolate triangles to cut costs, "
          "angering fans of the bar in Britain.", "2016-11-08")]


def _docs(items, start=0):
    """StoryDocs with the actors and places an entity extractor finds in these texts (capitalised names)."""
    import re

    out = []
    for i, (t, b, d) in enumerate(items):
        names = frozenset("name:" + n.lower() for n in re.findall(r"(?<!^)(?<![.] )\b[A-Z][\w-]+", b))
        places = frozenset(n for n in names if n[5:] in {"mazar-i-sharif", "afghanistan", "croydon", "sandilands",
                                                        "london", "britain"})
        out.append(StoryDoc(key=start + i, text=f"{t}\n{b}", published=d, actors=names - places, places=places))
    return out


def test_link_stories_groups_reports_of_one_event():
    docs = _docs(CONSULATE) + _docs(TRAM, 10) + _docs(OTHER, 20)
    groups = sorted(sorted(g) for g in cluster_stories(docs))
    assert groups == [[0, 1, 2], [10, 11], [20]]


def test_link_stories_time_window_splits_distant_reports():
    docs = _docs(TRAM)
    docs[1].published = "2017-03-01"
    assert len(cluster_stories(docs, StoryParams(window_days=7))) == 2
    assert len(cluster_stories(docs, StoryParams(window_days=365))) == 1


def test_link_stories_event_type_clash_penalised():
    docs = _docs(TRAM)
    docs[0].event_type, docs[1].event_type = "ASSAULT", "PROTEST"
    tight = StoryParams(type_penalty=0.0)
    assert len(cluster_stories(docs, tight)) == 2


def test_link_stories_is_deterministic_and_total():
    docs = _docs(CONSULATE) + _docs(TRAM, 10) + _docs(OTHER, 20)
    a = cluster_stories(docs)
    b = cluster_stories(list(reversed(docs)))
    assert sorted(map(sorted, a)) == sorted(map(sorted, b))
    assert sorted(k for g in a for k in g) == sorted(d.key for d in docs)
    assert cluster_stories([]) == []


@pytest.mark.parametrize("canonical,kb,key", [
    ("Foreign  Ministry", None, "name:foreign ministry"),
    ("Angela Merkel", {"wikidata": "Q567"}, "wikidata:Q567"),
])
def test_link_entity_key(canonical, kb, key):
    assert entity_key(canonical, kb)[0] == key


def test_link_place_key_prefers_geonames():
    assert place_key("Paris", "FR", 2988507) == "gn:2988507"
    assert place_key("Paris", "US", None) != place_key("Paris", "FR", None)
