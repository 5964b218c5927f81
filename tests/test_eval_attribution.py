"""The attribution scorer: content by half the gold tokens, source, direct/indirect."""

from __future__ import annotations

import pytest

from newsledger.eval import attribution
from newsledger.model import Claim, Entity, Party, Quote, Record

from eval_helpers import gold_doc, span

TEXT = ("Kremlin spokesman Dmitry Peskov said the talks had been useful. "
        "“We are ready to continue,” Peskov told reporters in Moscow. "
        "Ukraine’s foreign minister said Kyiv would not accept any deal made without it.")


def _spans(*phrases: str) -> list[dict]:
    out = []
    for phrase in phrases:
        s, e = span(TEXT, phrase)
        out.append({"start": s, "end": e, "text": phrase})
    return out


def _second(phrase: str) -> dict:
    s, e = span(TEXT, phrase, 1)
    return {"start": s, "end": e, "text": phrase}


def _gold() -> list:
    attributions = [
        {"id": "E1", "source": _spans("Kremlin spokesman Dmitry Peskov"), "cue": _spans("said"),
         "content": _spans("the talks had been useful")},
        {"id": "E2", "source": [_second("Peskov")], "cue": _spans("told"),
         "content": _spans("“We are ready to continue,”")},
        {"id": "E3", "source": _spans("Ukraine’s foreign minister"), "cue": [_second("said")],
         "content": _spans("Kyiv would not accept any deal made without it")},
    ]
    return [gold_doc("polnear-1", TEXT, {"attributions": attributions})]


def _party(phrase: str, nth: int = 0, **kw) -> Party:
    s, e = span(TEXT, phrase, nth)
    return Party(text=phrase, start=s, end=e, **kw)


def test_attribution_gold_scored_against_itself_is_perfect():
    gold = _gold()
    result = attribution.score(gold, [attribution.gold_as_prediction(d) for d in gold])
    assert all(v == 1.0 for v in result.to_dict()["metrics"].values())


def test_attribution_gold_content_direct_is_by_opening_quotation_mark():
    kinds = [a.direct for a in attribution.gold_attributions(_gold()[0])]
    assert kinds == [False, True, False]


def _quote(n: int, phrase: str, speaker: Party | None) -> Quote:
    s, e = span(TEXT, phrase)
    return Quote(id=f"q{n}", text=phrase, start=s, end=e, kind="direct", speaker=speaker)


def _claim(n: int, phrase: str, source: Party | None) -> Claim:
    s, e = span(TEXT, phrase)
    return Claim(id=f"c{n}", text=phrase, start=s, end=e, source=source, certainty="reported")


def test_attribution_known_counts():
    record = Record(id="polnear-1", text=TEXT, quotes=[
        _quote(1, "“We are ready to continue,”", _party("Peskov", 1)),          # match, source right
    ], claims=[
        _claim(1, "the talks had been", _party("Moscow")),                      # 4 of 5 tokens: match, source wrong
        _claim(2, "Kyiv would not", _party("Ukraine’s foreign minister")),      # 3 of 9 tokens: no match
        _claim(3, "the talks had been useful", None),                            # unsourced: not an attribution
    ])
    result = attribution.score(_gold(), [record])
    assert (result.content.matched_sys, result.content.n_sys, result.content.n_gold) == (2, 3, 3)
    assert (result.source.correct, result.source.total) == (1, 2)
    assert (result.direct.content.matched_gold, result.direct.content.n_gold) == (1, 1)
    assert (result.indirect.content.n_sys, result.indirect.content.matched_sys) == (2, 1)
    assert result.indirect.content.recall == pytest.approx(1 / 2)


def test_attribution_claim_repeating_a_quote_span_is_one_item():
    peskov = _party("Peskov", 1)
    record = Record(id="polnear-1", text=TEXT,
                    quotes=[_quote(1, "“We are ready to continue,”", None)],
                    claims=[_claim(1, "“We are ready to continue,”", peskov)])
    result = attribution.score(_gold(), [record])
    assert result.content.n_sys == 1
    assert (result.source.correct, result.source.total) == (1, 1)


@pytest.mark.parametrize("speaker,entities,expected", [
    (_party("Dmitry Peskov"), [], True),                                     # overlaps the gold source
    (_party("Peskov", 1), [], False),                                        # another mention, no entity link
    (_party("Peskov", 1, canonical="Dmitry Peskov"), [], False),             # name differs from the gold span
    (_party("Peskov", 1, entity="ent1"),
     [Entity(id="ent1", text="Dmitry Peskov", start=TEXT.index("Dmitry"), end=TEXT.index("Dmitry") + 13,
             type="PERSON", canonical="Dmitry Peskov")], True),              # same entity as a gold-overlapping mention
    (None, [], False),
])
def test_attribution_source_same_entity_rules(speaker, entities, expected):
    gold = attribution.gold_attributions(_gold()[0])[0]
    record = Record(id="polnear-1", text=TEXT, entities=entities)
    assert attribution.source_correct(speaker, gold, record) is expected


def test_attribution_source_same_name_elsewhere_counts():
    gold = attribution.gold_attributions(_gold()[0])[1]  # source "Peskov" in the second sentence
    speaker = _party("Peskov", 0, canonical="Peskov")     # the first mention
    assert attribution.source_correct(speaker, gold, Record(id="x", text=TEXT)) is True
