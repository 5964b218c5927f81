"""The PLOVER scorer: event type per sentence, macro-F1, actor and target."""

from __future__ import annotations

import pytest

from newsledger.eval import plover
from newsledger.model import Event, Party, Record, SentenceRef, Span

from eval_helpers import gold_doc, span

AGREE = ("Senior Hungarian and Romanian officials agreed on Wednesday that their countries should "
         "cooperate to encourage Romanian refugees in Hungary to return home.")
PROTEST = "Thousands of Palestinians marched through Ramallah to protest against Israeli settlements."


def _actor(text: str, phrase: str, code: str) -> dict:
    s, e = span(text, phrase)
    return {"text": phrase, "code": code, "sector": "GOV", "start": s, "end": e}


def _gold() -> list:
    return [
        gold_doc("agree", AGREE, {"event": "AGREE", "sources": [_actor(AGREE, "Hungarian", "HUN"),
                                                                 _actor(AGREE, "Romanian", "ROU")],
                                  "targets": [_actor(AGREE, "Romanian", "ROU")],
                                  "triggers": [{"text": "agreed", "start": 40, "end": 46}]}),
        gold_doc("protest", PROTEST, {"event": "PROTEST", "sources": [_actor(PROTEST, "Palestinians", "PSE")],
                                      "targets": [_actor(PROTEST, "Israeli", "ISR")],
                                      "triggers": [{"text": "protest", "start": 51, "end": 58}]}),
    ]


def _event(text: str, type_: str, actor: Party | None, target: Party | None) -> Event:
    return Event(id="ev1", type=type_, trigger=Span("x", 0, 1), actor=actor, target=target, place=None,
                 time=None, certainty="asserted", sentence=SentenceRef(0, len(text)))


def test_plover_gold_scored_against_itself_is_perfect():
    gold = _gold()
    result = plover.score(gold, [plover.gold_as_prediction(d) for d in gold])
    assert result.type_accuracy.value == 1.0 and result.macro_f1 == 1.0
    assert result.actor.value == 1.0 and result.target.value == 1.0


def test_plover_known_counts():
    officials = Party(text="officials", start=AGREE.index("officials"), end=AGREE.index("officials") + 9,
                      country="HU")                      # no overlap, but the gold country (HUN = HU)
    records = [
        Record(id="agree", text=AGREE, events=[_event(AGREE, "AGREE", officials, None)]),
        Record(id="protest", text=PROTEST, events=[_event(PROTEST, "ASSAULT", Party("Ramallah", 42, 50), None)]),
    ]
    result = plover.score(_gold(), records)
    assert (result.type_accuracy.correct, result.type_accuracy.total) == (1, 2)
    # AGREE: tp 1 -> F1 1; PROTEST: fn 1 -> 0; ASSAULT: fp 1 -> 0
    assert result.macro_f1 == pytest.approx(1 / 3)
    assert (result.actor.correct, result.actor.total) == (1, 2)
    assert (result.target.correct, result.target.total) == (0, 2)


@pytest.mark.parametrize("code,expected", [("HUN", {"HUN", "HU"}), ("PS", {"PS", "PSE"}), ("IGO", {"IGO"}),
                                           ("", set())])
def test_plover_country_codes_are_iso_twins(code, expected):
    assert plover.country_codes(code) == frozenset(expected)
