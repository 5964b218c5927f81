"""Scoring political event coding against the PLOVER gold standard records.

Gold: one sentence per document, ``gold.event`` (a PLOVER type),
``gold.sources[]`` / ``gold.targets[]`` (text span, country ``code`` —
ISO 3166-1 alpha-3 or an organisation code such as ``IGO`` — and sector).
System: ``record.events`` (``type``, ``actor``, ``target``).

* type: a sentence is correct if newsledger reports an event of the gold
  type (other events in the sentence are not held against it here, but
  count as false positives of their type in the macro-F1);
* macro-F1 over the types seen in gold or output, per sentence;
* actor / target: over sentences whose gold names one, correct if the
  actor (target) of an event of the gold type — or of any event, if none has
  the gold type — overlaps a gold source (target) span or carries its
  country code. newsledger's country is alpha-2; the gold's alpha-3 is
  converted with pycountry, and codes such as ``IGO`` compare as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Event, Party
from .common import GoldDoc, Prediction, Ratio, Row, TaskResult, join, overlap

TASK = "plover"


@dataclass(frozen=True, slots=True)
class GoldActor:
    start: int | None
    end: int | None
    text: str
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    type: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


@dataclass(slots=True)
class TypeCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


@dataclass(slots=True)
class PloverResult(TaskResult):
    task: str = TASK
    type_accuracy: Ratio = field(default_factory=Ratio)
    by_type: dict[str, TypeCounts] = field(default_factory=dict)
    actor: Ratio = field(default_factory=Ratio)
    target: Ratio = field(default_factory=Ratio)

    @property
    def macro_f1(self) -> float:
        if not self.by_type:
            return 0.0
        return sum(c.f1 for c in self.by_type.values()) / len(self.by_type)

    def rows(self) -> list[Row]:
        rows = [
            Row("type_accuracy", self.type_accuracy.value,
                f"{self.type_accuracy.correct}/{self.type_accuracy.total} sentences", headline=True),
            Row("macro_f1", self.macro_f1, f"{len(self.by_type)} types", headline=True),
            Row("actor_accuracy", self.actor.value, f"{self.actor.correct}/{self.actor.total}", headline=True),
            Row("target_accuracy", self.target.value, f"{self.target.correct}/{self.target.total}"),
        ]
        for name in sorted(self.by_type):
            c = self.by_type[name]
            rows.append(Row(f"f1_{name}", c.f1, f"tp {c.tp} fp {c.fp} fn {c.fn}"))
        return rows


@lru_cache(maxsize=512)
def country_codes(code: str) -> frozenset[str]:
    """The code as given plus its ISO alpha-2 / alpha-3 twins, upper-case."""
    code = code.strip().upper()
    if not code:
        return frozenset()
    out = {code}
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else pycountry.countries.get(alpha_2=code)
    except (ImportError, KeyError, LookupError):
        country = None
    if country is not None:
        out.update({country.alpha_2, country.alpha_3})
    return frozenset(out)


def _actors(raw: Iterable[Mapping]) -> tuple[GoldActor, ...]:
    out = []
    for a in raw or []:
        start, end = a.get("start"), a.get("end")
        out.append(GoldActor(None if start is None else int(start), None if end is None else int(end),
                             a.get("text") or "", country_codes(str(a.get("code") or ""))))
    return tuple(out)


def gold_sentence(doc: GoldDoc) -> GoldSentence:
    g = doc.gold
    return GoldSentence(str(g.get("event") or "").upper(), _actors(g.get("sources") or []),
                        _actors(g.get("targets") or []))


def party_matches(party: Party | None, gold: Sequence[GoldActor]) -> bool:
    if party is None:
        return False
    for p in (party, *party.members):
        codes = country_codes(p.country) if p.country else frozenset()
        for g in gold:
            if g.start is not None and g.end is not None and overlap(p.start, p.end, g.start, g.end):
                return True
            if codes & g.codes:
                return True
    return False


def score_doc(gold: GoldSentence, events: Sequence[Event], result: PloverResult) -> None:
    predicted = {e.type.upper() for e in events if e.type}
    result.type_accuracy.add(gold.type in predicted)
    for name in predicted | {gold.type}:
        counts = result.by_type.setdefault(name, TypeCounts())
        if name == gold.type and name in predicted:
            counts.tp += 1
        elif name == gold.type:
            counts.fn += 1
        else:
            counts.fp += 1
    candidates = [e for e in events if e.type.upper() == gold.type] or list(events)
    if gold.sources:
        result.actor.add(any(party_matches(e.actor, gold.sources) for e in candidates))
    if gold.targets:
        result.target.add(any(party_matches(e.target, gold.targets) for e in candidates))


def score(gold: Sequence[GoldDoc], predictions: Iterable[Prediction] | Mapping[str, Prediction]) -> PloverResult:
    """Score predicted records' events against PLOVER gold sentences."""
    result = PloverResult()
    for joined in join(gold, predictions):
        result.docs += 1
        result.missing += joined.missing
        score_doc(gold_sentence(joined.gold), joined.record.events, result)
    return result


def _party(actor: GoldActor, doc: GoldDoc) -> dict | None:
    start, end = (actor.start, actor.end) if actor.start is not None and actor.end is not None else (0, 0)
    code = min(actor.codes, key=len) if actor.codes else None
    return {"text": doc.text[start:end], "start": start, "end": end, "country": code}


def gold_as_prediction(doc: GoldDoc) -> dict:
    """One event of the gold type, its first source as actor and first target as target."""
    g = gold_sentence(doc)
    trigger = (doc.gold.get("triggers") or [{"text": "", "start": 0, "end": 0}])[0]
    event = {"id": "ev1", "type": g.type, "trigger": {k: trigger[k] for k in ("text", "start", "end")},
             "actor": _party(g.sources[0], doc) if g.sources else None,
             "target": _party(g.targets[0], doc) if g.targets else None,
             "place": None, "time": None, "certainty": "asserted",
             "sentence": {"start": 0, "end": len(doc.text)}}
    return {"id": doc.id, "text": doc.text, "events": [event]}
