"""The MEANTIME scorer: named entities by type, figures, factuality agreement."""

from __future__ import annotations

import pytest

from newsledger.eval import meantime
from newsledger.model import Claim, Entity, Figure, Party, Record

from eval_helpers import gold_doc, span

TEXT = ("Northrop Grumman and EADS defeated Boeing for a $40 billion tanker contract, the Pentagon said, "
        "and Boeing may not appeal.")


def _mention(phrase: str, ent_type: str, syntactic: str | None = "NAM", nth: int = 0) -> dict:
    s, e = span(TEXT, phrase, nth)
    m = {"start": s, "end": e, "text": phrase, "instance": {"ent_type": ent_type}}
    if syntactic:
        m["syntactic_type"] = syntactic
    return m


def _event(phrase: str, certainty: str, polarity: str = "POS") -> dict:
    s, e = span(TEXT, phrase)
    return {"start": s, "end": e, "text": phrase, "certainty": certainty, "polarity": polarity}


def _gold() -> list:
    gold = {
        "entity_mentions": [_mention("Northrop Grumman", "ORG"), _mention("EADS", "ORG"),
                            _mention("Boeing", "ORG"), _mention("Pentagon", "ORG"),
                            _mention("Boeing", "ORG", nth=1), _mention("tanker contract", "FIN", None)],
        "values": [dict(zip(("start", "end"), span(TEXT, "$40 billion")), text="$40 billion", type="MONEY")],
        "event_mentions": [_event("defeated", "CERTAIN"), _event("said", "CERTAIN"),
                           _event("appeal", "POSSIBLE", "NEG")],
    }
    return [gold_doc("airbus", TEXT, gold)]


def _entity(n: int, phrase: str, type_: str, nth: int = 0) -> Entity:
    s, e = span(TEXT, phrase, nth)
    return Entity(id=f"ent{n}", text=phrase, start=s, end=e, type=type_, canonical=phrase)


def test_meantime_gold_scored_against_itself_is_perfect():
    gold = _gold()
    result = meantime.score(gold, [meantime.gold_as_prediction(d) for d in gold])
    assert all(v == 1.0 for v in result.headline().values())


def test_meantime_known_entity_and_figure_counts():
    s, e = span(TEXT, "$40 billion")
    record = Record(id="airbus", text=TEXT, entities=[
        _entity(1, "Northrop Grumman", "ORG"), _entity(2, "EADS", "ORG"),
        _entity(3, "Boeing", "PERSON"),                 # wrong type: a PER false positive, ORG miss
        _entity(4, "Pentagon", "ORG"),
        _entity(5, "Boeing", "NORP", nth=1),            # no MEANTIME type: not scored
    ], figures=[Figure(id="f1", text="$40 billion", start=s, end=e, value=4e10, approximate=False, unit="USD",
                       measure="money")])
    result = meantime.score(_gold(), [record])
    org = result.entities["ORG"]
    assert (org.matched_sys, org.n_sys, org.n_gold) == (3, 3, 5)
    assert (result.entities["PER"].n_sys, result.entities["PER"].matched_sys) == (1, 0)
    assert result.entity_micro.precision == pytest.approx(3 / 4)
    assert result.entity_micro.recall == pytest.approx(3 / 5)
    assert result.figures.f1 == 1.0
    assert result.mentions_all.n_gold == 6


def test_meantime_factuality_from_claims():
    whole = TEXT.index("Northrop"), TEXT.index(", the Pentagon")
    tail = TEXT.index("Boeing may"), len(TEXT) - 1
    record = Record(id="airbus", text=TEXT, claims=[
        Claim(id="c1", text=TEXT[whole[0]:whole[1]], start=whole[0], end=whole[1],
              source=Party("the Pentagon", 81, 93), certainty="reported"),          # "defeated": agrees
        Claim(id="c2", text=TEXT[tail[0]:tail[1]], start=tail[0], end=tail[1], source=None,
              certainty="hedged"),                                                   # "appeal" NEG: disagrees
    ])
    result = meantime.score(_gold(), [record])
    assert (result.factuality.correct, result.factuality.total, result.factuality_gold) == (1, 2, 3)
    assert (result.polarity.correct, result.polarity.total) == (1, 2)


@pytest.mark.parametrize("later", ["It has 179 tankers on order and 44,000 staff.",
                                   "\n\nBoeing said 44,000 jobs were at stake."])
def test_meantime_items_past_the_annotated_sentences_are_not_scored(later):
    """MEANTIME annotates only an article's opening sentences: later figures are neither right nor wrong."""
    text = TEXT + " " + later
    s, e = span(TEXT, "$40 billion")
    doc = gold_doc("airbus", text, {"values": [{"start": s, "end": e, "text": "$40 billion", "type": "MONEY"}]})
    assert meantime.annotated_extent(doc) == len(TEXT) + 1
    n = text.index("44,000")
    figs = [Figure(id="f1", text="$40 billion", start=s, end=e, value=4e10, approximate=False, unit="USD",
                   measure="money"),
            Figure(id="f2", text="44,000", start=n, end=n + 6, value=44000, approximate=False, unit=None,
                   measure="other")]
    result = meantime.score([doc], {doc.id: Record(id=doc.id, text=text, figures=figs)})
    assert (result.figures.n_sys, result.figures.matched_sys) == (1, 1)
