"""Scoring entities, figures and factuality against NewsReader MEANTIME.

Gold: ``gold.entity_mentions`` (with ``instance.ent_type`` PER, ORG, LOC,
PRO, FIN, MIX and a ``syntactic_type``), ``gold.values`` (MONEY, PERCENT,
QUANTITY) and ``gold.event_mentions`` (with ``certainty`` and ``polarity``).
System: ``record.entities``, ``record.figures``, ``record.events`` and
``record.claims``. MEANTIME annotates only the opening sentences of each
article, so system entities and figures past the sentence holding the last
gold span (:func:`annotated_extent`) are neither right nor wrong: not scored.

* entities: P/R/F1 by type against the *named* gold mentions (syntactic
  type NAM or PRE.NAM); MEANTIME also marks pronouns and common-noun
  mentions, which a named-entity extractor does not claim to find, so they
  are reported only as ``mention_recall_all``. spaCy-style system labels are
  mapped (PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, PRODUCT→PRO); other labels
  (NORP, EVENT, LAW, WORK_OF_ART) have no MEANTIME type and are not scored.
  Matching is by overlap within a type, one-to-one.
* figures: detection P/R/F1 of ``record.figures`` against gold values, by overlap.
* factuality: for each gold event mention with a certainty, the newsledger
  event whose trigger overlaps it or else the smallest claim containing it;
  agreement means CERTAIN ↔ asserted/reported, PROBABLE ↔ estimated/hedged,
  POSSIBLE ↔ hedged/unverified, and negative polarity ↔ denied. Coverage
  (how many gold mentions had a counterpart) is reported beside it, because
  agreement over a handful of mentions says little.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Record
from .common import (PRF, GoldDoc, Prediction, Ratio, Row, TaskResult, join, match_one_to_one, overlap,
                     span_overlap_score)

TASK = "meantime"
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "PRO", "FIN", "MIX")
NAMED = frozenset({"NAM", "PRE.NAM"})
#: system (spaCy) label -> MEANTIME type; MEANTIME types map to themselves
TYPE_MAP: dict[str, str] = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                            "PRODUCT": "PRO", **{t: t for t in ENTITY_TYPES}}
#: gold certainty -> newsledger certainties that agree with it
CERTAINTY_AGREES: dict[str, frozenset[str]] = {
    "CERTAIN": frozenset({"asserted", "reported"}),
    "PROBABLE": frozenset({"estimated", "hedged"}),
    "POSSIBLE": frozenset({"hedged", "unverified"}),
}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class GoldFactuality:
    start: int
    end: int
    certainty: str
    negative: bool


@dataclass(slots=True)
class MeantimeResult(TaskResult):
    task: str = TASK
    entities: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in ENTITY_TYPES})
    mentions_all: PRF = field(default_factory=PRF)
    figures: PRF = field(default_factory=PRF)
    figures_by_type: dict[str, Ratio] = field(default_factory=dict)
    factuality: Ratio = field(default_factory=Ratio)
    polarity: Ratio = field(default_factory=Ratio)
    #: gold event mentions with a certainty / those that had a newsledger counterpart
    factuality_gold: int = 0

    @property
    def entity_micro(self) -> PRF:
        out = PRF()
        for prf in self.entities.values():
            out.add(prf.n_sys, prf.n_gold, prf.matched_sys, prf.matched_gold)
        return out

    def rows(self) -> list[Row]:
        e, f = self.entity_micro, self.figures
        rows = [
            Row("entity_p", e.precision, f"{e.matched_sys}/{e.n_sys}"),
            Row("entity_r", e.recall, f"{e.matched_gold}/{e.n_gold} named mentions"),
            Row("entity_f1", e.f1, headline=True),
        ]
        for t, prf in self.entities.items():
            if prf.n_gold or prf.n_sys:
                rows.append(Row(f"entity_f1_{t}", prf.f1, f"p {prf.precision:.3f} r {prf.recall:.3f} "
                                f"({prf.matched_gold}/{prf.n_gold})"))
        rows.append(Row("mention_recall_all", self.mentions_all.recall,
                        f"{self.mentions_all.matched_gold}/{self.mentions_all.n_gold} incl. pronouns, nominals"))
        rows += [
            Row("figure_p", f.precision, f"{f.matched_sys}/{f.n_sys}"),
            Row("figure_r", f.recall, f"{f.matched_gold}/{f.n_gold}"),
            Row("figure_f1", f.f1, headline=True),
        ]
        for t in sorted(self.figures_by_type):
            r = self.figures_by_type[t]
            rows.append(Row(f"figure_r_{t}", r.value, f"{r.correct}/{r.total}"))
        rows += [
            Row("factuality_agreement", self.factuality.value,
                f"{self.factuality.correct}/{self.factuality.total} compared", headline=True),
            Row("factuality_coverage", self.factuality.total / self.factuality_gold if self.factuality_gold else 0.0,
                f"{self.factuality.total}/{self.factuality_gold} gold event mentions"),
            Row("polarity_agreement", self.polarity.value, f"{self.polarity.correct}/{self.polarity.total}"),
        ]
        return rows


def gold_mentions(doc: GoldDoc, named_only: bool = True) -> list[Mention]:
    out = []
    for m in doc.gold.get("entity_mentions") or []:
        ent_type = ((m.get("instance") or {}).get("ent_type") or "").upper()
        if m.get("start") is None or ent_type not in ENTITY_TYPES:
            continue
        if named_only and m.get("syntactic_type") not in NAMED:
            continue
        out.append(Mention(int(m["start"]), int(m["end"]), ent_type))
    return out


def gold_values(doc: GoldDoc) -> list[Mention]:
    return [Mention(int(v["start"]), int(v["end"]), str(v.get("type") or ""))
            for v in doc.gold.get("values") or [] if v.get("start") is not None]


def gold_factuality(doc: GoldDoc) -> list[GoldFactuality]:
    out = []
    for m in doc.gold.get("event_mentions") or []:
        certainty = (m.get("certainty") or "").upper()
        if m.get("start") is None or certainty not in CERTAINTY_AGREES:
            continue
        out.append(GoldFactuality(int(m["start"]), int(m["end"]), certainty,
                                  (m.get("polarity") or "").upper() == "NEG"))
    return out


def system_certainty(record: Record, start: int, end: int) -> str | None:
    """Certainty of the event whose trigger overlaps most (the tighter trigger on a tie),
    else of the smallest claim containing the mention."""
    best, best_key = None, (0, 0)
    for ev in record.events:
        key = (overlap(ev.trigger.start, ev.trigger.end, start, end), -(ev.trigger.end - ev.trigger.start))
        if key[0] > 0 and (best is None or key > best_key):
            best, best_key = ev, key
    if best is not None:
        return best.certainty
    containing = [c for c in record.claims if c.start <= start and end <= c.end]
    if containing:
        return min(containing, key=lambda c: c.end - c.start).certainty
    return None


def agrees(gold: GoldFactuality, certainty: str) -> bool:
    if gold.negative:
        return certainty == "denied"
    return certainty in CERTAINTY_AGREES[gold.certainty]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?:\s|$)|\n")
_LAYERS = ("entity_mentions", "event_mentions", "timex3", "values")


def annotated_extent(doc: GoldDoc) -> int:
    """Where annotation stops: the end of the sentence holding the last gold span of any layer.

    MEANTIME annotates only the opening sentences of each article (every layer
    stops within the first few hundred characters), so system items past that
    point can be neither right nor wrong and are not scored.
    """
    ends = [int(x["end"]) for layer in _LAYERS for x in doc.gold.get(layer) or [] if x.get("end") is not None]
    if not ends:
        return len(doc.text)
    last = max(ends)
    m = _SENTENCE_END.search(doc.text, last)
    return m.end() if m else len(doc.text)


def score_doc(doc: GoldDoc, record: Record, result: MeantimeResult) -> None:
    extent = annotated_extent(doc)
    system = [Mention(e.start, e.end, TYPE_MAP[e.type.upper()]) for e in record.entities
              if e.type and e.type.upper() in TYPE_MAP and e.start < extent]
    gold = gold_mentions(doc)
    for t in ENTITY_TYPES:
        s_t = [m for m in system if m.type == t]
        g_t = [m for m in gold if m.type == t]
        result.entities[t].add(len(s_t), len(g_t), len(match_one_to_one(s_t, g_t, span_overlap_score)))
    every = gold_mentions(doc, named_only=False)
    result.mentions_all.add(len(system), len(every), len(match_one_to_one(system, every, span_overlap_score)))

    values = gold_values(doc)
    figures = [f for f in record.figures if f.start < extent]
    pairs = match_one_to_one(figures, values, span_overlap_score)
    result.figures.add(len(figures), len(values), len(pairs))
    found = {j for _, j in pairs}
    for j, v in enumerate(values):
        result.figures_by_type.setdefault(v.type, Ratio()).add(j in found)

    for g in gold_factuality(doc):
        result.factuality_gold += 1
        certainty = system_certainty(record, g.start, g.end)
        if certainty is None:
            continue
        result.factuality.add(agrees(g, certainty))
        result.polarity.add(g.negative == (certainty == "denied"))


def score(gold: Sequence[GoldDoc], predictions: Iterable[Prediction] | Mapping[str, Prediction]) -> MeantimeResult:
    """Score predicted records against MEANTIME gold documents."""
    result = MeantimeResult()
    for joined in join(gold, predictions):
        result.docs += 1
        result.missing += joined.missing
        score_doc(joined.gold, joined.record, result)
    return result


#: a newsledger certainty that agrees with each gold certainty, for the self-check
_CERTAINTY_FOR = {"CERTAIN": "asserted", "PROBABLE": "estimated", "POSSIBLE": "unverified"}


def gold_as_prediction(doc: GoldDoc) -> dict:
    """Named mentions as entities, values as figures, event mentions as events with agreeing certainty."""
    text = doc.text
    entities = [{"id": f"ent{n}", "text": text[m.start:m.end], "start": m.start, "end": m.end, "type": m.type,
                 "canonical": text[m.start:m.end]} for n, m in enumerate(gold_mentions(doc), start=1)]
    figures = [{"id": f"f{n}", "text": text[v.start:v.end], "start": v.start, "end": v.end, "value": None,
                "approximate": False, "unit": None, "measure": None}
               for n, v in enumerate(gold_values(doc), start=1)]
    events = [{"id": f"ev{n}", "type": "OTHER", "trigger": {"text": text[g.start:g.end], "start": g.start,
                                                            "end": g.end},
               "actor": None, "target": None, "place": None, "time": None,
               "certainty": "denied" if g.negative else _CERTAINTY_FOR[g.certainty],
               "sentence": {"start": g.start, "end": g.end}}
              for n, g in enumerate(gold_factuality(doc), start=1)]
    return {"id": doc.id, "text": text, "entities": entities, "figures": figures, "events": events}
