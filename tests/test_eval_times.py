"""The times scorer: TempEval-3 strict/relaxed spans, type, value."""

from __future__ import annotations

import pytest

from newsledger.eval import times
from newsledger.model import Record, Time

from eval_helpers import gold_doc, span

TEXT = ("Russian and US officials met in Riyadh on Tuesday, and talks will continue "
        "over the next two weeks, the Kremlin said on 18 February 2025.")


def _gold() -> list:
    timexes = []
    for phrase, typ, value in (("Tuesday", "DATE", "2025-02-18"), ("the next two weeks", "DURATION", "P2W"),
                               ("18 February 2025", "DATE", "2025-02-18")):
        s, e = span(TEXT, phrase)
        timexes.append({"tid": f"t{len(timexes) + 1}", "start": s, "end": e, "text": phrase, "type": typ,
                        "value": value})
    return [gold_doc("riyadh", TEXT, {"timex3": timexes, "dct": {"value": "2025-02-18"}}, "2025-02-18")]


def _record(*items: tuple[str, str, str | None]) -> Record:
    out = []
    for n, (phrase, typ, value) in enumerate(items, start=1):
        s, e = span(TEXT, phrase)
        out.append(Time(id=f"t{n}", text=phrase, start=s, end=e, type=typ, value=value))  # type: ignore[arg-type]
    return Record(id="riyadh", text=TEXT, times=out)


def test_times_gold_scored_against_itself_is_perfect():
    gold = _gold()
    result = times.score(gold, [times.gold_as_prediction(d) for d in gold])
    assert all(v == 1.0 for v in result.to_dict()["metrics"].values())


def test_times_relaxed_strict_and_value_known_counts():
    record = _record(("on Tuesday", "DATE", "2025-02-18"),          # relaxed only, right value
                     ("two weeks", "DURATION", "P1W"),              # relaxed only, wrong value
                     ("18 February 2025", "DATE", "2025-02-18"),    # strict, right value
                     ("Riyadh", "DATE", None))                      # spurious
    result = times.score(_gold(), [record])
    assert (result.strict.matched_sys, result.strict.n_sys, result.strict.n_gold) == (1, 4, 3)
    assert result.relaxed.precision == pytest.approx(3 / 4)
    assert result.relaxed.recall == pytest.approx(1.0)
    assert result.type_accuracy.value == pytest.approx(1.0)
    assert result.value_accuracy.value == pytest.approx(2 / 3)
    assert result.value.precision == pytest.approx(2 / 4)
    assert result.value.recall == pytest.approx(2 / 3)
    assert result.headline() == {"relaxed_f1": pytest.approx(6 / 7), "value_f1": pytest.approx(4 / 7)}


def test_times_missing_record_costs_recall():
    result = times.score(_gold(), [])
    assert result.missing == 1
    assert result.relaxed.recall == 0.0 and result.relaxed.n_gold == 3


def test_times_wrong_type_counts_against_type_accuracy_only():
    result = times.score(_gold(), [_record(("Tuesday", "TIME", "2025-02-18"))])
    assert result.type_accuracy.value == 0.0
    assert result.value_accuracy.value == 1.0
