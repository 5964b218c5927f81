"""Scoring time expressions the TempEval-3 Task A way.

Gold: ``gold.timex3`` (TIMEX3 spans with ``type`` and ``value``); the DCT
(``gold.dct``) is not in the text and is not scored. System: ``record.times``.

* strict: a system time matches a gold TIMEX3 with exactly the same offsets;
* relaxed: they overlap (one-to-one, largest overlap first);
* type / value accuracy: over relaxed matches, the share with the same
  ``type`` / ``value`` — how well what was found is understood;
* value F1: relaxed F1 where a match also needs the same value — the one
  number that rewards finding *and* resolving, hence a headline.

Values are compared as strings after trimming; TIMEX3 values are
normalised by construction (``2025-02-17``, ``P3D``, ``PRESENT_REF``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .common import (PRF, GoldDoc, Prediction, Ratio, Row, TaskResult, join, match_one_to_one,
                     span_overlap_score)

TASK = "times"


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class SysTime:
    start: int
    end: int
    text: str
    type: str | None
    value: str | None


@dataclass(slots=True)
class TimesResult(TaskResult):
    task: str = TASK
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    type_accuracy: Ratio = field(default_factory=Ratio)
    value_accuracy: Ratio = field(default_factory=Ratio)
    value: PRF = field(default_factory=PRF)

    def rows(self) -> list[Row]:
        r, s, v = self.relaxed, self.strict, self.value
        return [
            Row("strict_p", s.precision, f"{s.matched_sys}/{s.n_sys}"),
            Row("strict_r", s.recall, f"{s.matched_gold}/{s.n_gold}"),
            Row("strict_f1", s.f1),
            Row("relaxed_p", r.precision, f"{r.matched_sys}/{r.n_sys}"),
            Row("relaxed_r", r.recall, f"{r.matched_gold}/{r.n_gold}"),
            Row("relaxed_f1", r.f1, headline=True),
            Row("type_accuracy", self.type_accuracy.value,
                f"{self.type_accuracy.correct}/{self.type_accuracy.total} relaxed matches"),
            Row("value_accuracy", self.value_accuracy.value,
                f"{self.value_accuracy.correct}/{self.value_accuracy.total} relaxed matches"),
            Row("value_f1", v.f1, f"{v.matched_gold} matches with the gold value", headline=True),
        ]


def gold_times(doc: GoldDoc) -> list[GoldTimex]:
    out = []
    for t in doc.gold.get("timex3") or []:
        if t.get("start") is None:
            continue
        out.append(GoldTimex(int(t["start"]), int(t["end"]), t.get("text", ""), str(t.get("type") or ""),
                             _norm_value(t.get("value"))))
    return out


def _norm_value(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def score_doc(gold: Sequence[GoldTimex], system: Sequence[SysTime], result: TimesResult) -> None:
    """Add one document's counts to ``result``."""
    strict = match_one_to_one(system, gold, lambda s, g: 1.0 if (s.start, s.end) == (g.start, g.end) else 0.0)
    result.strict.add(len(system), len(gold), len(strict))
    relaxed = match_one_to_one(system, gold, span_overlap_score)
    result.relaxed.add(len(system), len(gold), len(relaxed))
    same_value = 0
    for i, j in relaxed:
        s, g = system[i], gold[j]
        result.type_accuracy.add(s.type == g.type)
        ok = s.value is not None and s.value == g.value
        result.value_accuracy.add(ok)
        same_value += ok
    result.value.add(len(system), len(gold), same_value)


def score(gold: Sequence[GoldDoc], predictions: Iterable[Prediction] | Mapping[str, Prediction]) -> TimesResult:
    """Score predicted records against TimeBank/AQUAINT-style gold documents."""
    result = TimesResult()
    for joined in join(gold, predictions):
        result.docs += 1
        result.missing += joined.missing
        system = [SysTime(t.start, t.end, t.text, t.type, _norm_value(t.value)) for t in joined.record.times]
        score_doc(gold_times(joined.gold), system, result)
    return result


def gold_as_prediction(doc: GoldDoc) -> dict:
    """The gold annotation written as a record: scoring it must give 1.0 (a self-check)."""
    times = [{"id": f"t{n}", "text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
             for n, t in enumerate(gold_times(doc), start=1)]
    return {"id": doc.id, "text": doc.text, "times": times}
