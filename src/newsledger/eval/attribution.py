"""Scoring attribution (who said what) against PolNeAR.

Gold: ``gold.attributions[]``, each with ``source``, ``cue`` and ``content``
as lists of spans (content may be discontinuous). System: ``record.quotes``
plus the ``record.claims`` whose ``source`` is not null — a claim the
article makes in its own voice is not an attribution.

* Content match: a system item matches a gold attribution when its span
  covers at least half of the gold content's word tokens (a token counts as
  covered when it shares a character with the system span). Matching is
  one-to-one, by tokens covered, so one paragraph-long item cannot collect
  several attributions. A claim on exactly the span of a quote counts as
  the same system item: newsledger may report a quote and the claim it
  carries, and that is one attribution, not a false positive.
* Source accuracy, over matched items whose gold has a source: the system
  speaker overlaps a gold source span, or names the same entity — its name
  equals the gold source's text, or a record entity with the speaker's
  entity id / canonical name overlaps a gold source span (so "Mr Smith"
  earlier in the article counts for a gold "Smith"). A missing speaker is wrong.
* Direct vs indirect: content that starts with a quotation mark is direct,
  on both sides; P/R/F1 and source accuracy are reported for each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Party, Record
from .common import (PRF, Extent, GoldDoc, Prediction, Ratio, Row, TaskResult, join, match_one_to_one,
                     overlap, tokens_with_offsets)

TASK = "attribution"
QUOTE_MARKS = frozenset("\"“”„‟«»‘’‚‛'「『")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[Extent, ...]
    tokens: tuple[Extent, ...]
    sources: tuple[Extent, ...]
    source_texts: tuple[str, ...]
    direct: bool


@dataclass(frozen=True, slots=True)
class SysAttribution:
    start: int
    end: int
    speaker: Party | None
    direct: bool


@dataclass(slots=True)
class KindResult:
    content: PRF = field(default_factory=PRF)
    source: Ratio = field(default_factory=Ratio)


@dataclass(slots=True)
class AttributionResult(TaskResult):
    task: str = TASK
    content: PRF = field(default_factory=PRF)
    source: Ratio = field(default_factory=Ratio)
    direct: KindResult = field(default_factory=KindResult)
    indirect: KindResult = field(default_factory=KindResult)

    def rows(self) -> list[Row]:
        c = self.content
        rows = [
            Row("content_p", c.precision, f"{c.matched_sys}/{c.n_sys}"),
            Row("content_r", c.recall, f"{c.matched_gold}/{c.n_gold}"),
            Row("content_f1", c.f1, headline=True),
            Row("source_accuracy", self.source.value, f"{self.source.correct}/{self.source.total} matched",
                headline=True),
        ]
        for name in ("direct", "indirect"):
            kind: KindResult = getattr(self, name)
            rows += [
                Row(f"{name}_p", kind.content.precision, f"{kind.content.matched_sys}/{kind.content.n_sys}"),
                Row(f"{name}_r", kind.content.recall, f"{kind.content.matched_gold}/{kind.content.n_gold}"),
                Row(f"{name}_f1", kind.content.f1),
                Row(f"{name}_source_accuracy", kind.source.value, f"{kind.source.correct}/{kind.source.total}"),
            ]
        return rows


def starts_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in QUOTE_MARKS


def gold_attributions(doc: GoldDoc) -> list[GoldAttribution]:
    out = []
    for a in doc.gold.get("attributions") or []:
        content = tuple(sorted(Extent(int(s["start"]), int(s["end"])) for s in a.get("content") or []
                               if s.get("start") is not None))
        if not content:
            continue
        tokens = tuple(t for e in content for t in tokens_with_offsets(doc.text[e.start:e.end], e.start))
        if not tokens:  # content made of punctuation only: nothing to cover
            tokens = content
        sources = tuple(Extent(int(s["start"]), int(s["end"])) for s in a.get("source") or []
                        if s.get("start") is not None)
        out.append(GoldAttribution(content, tokens, sources,
                                   tuple(doc.text[e.start:e.end] for e in sources),
                                   starts_with_quote(doc.text[content[0].start:content[0].end])))
    return out


def system_attributions(record: Record) -> list[SysAttribution]:
    """Every quote, plus each sourced claim that does not repeat a quote's span
    (if it does, the claim's source fills in a quote without a speaker)."""
    out = [SysAttribution(q.start, q.end, q.speaker, starts_with_quote(record.text[q.start:q.end]))
           for q in record.quotes]
    by_span = {(item.start, item.end): n for n, item in enumerate(out)}
    for claim in record.claims:
        if claim.source is None:
            continue
        n = by_span.get((claim.start, claim.end))
        if n is None:
            out.append(SysAttribution(claim.start, claim.end, claim.source,
                                      starts_with_quote(record.text[claim.start:claim.end])))
        elif out[n].speaker is None:
            out[n] = SysAttribution(out[n].start, out[n].end, claim.source, out[n].direct)
    return out


def covered_tokens(item: SysAttribution, gold: GoldAttribution) -> int:
    return sum(1 for t in gold.tokens if overlap(item.start, item.end, t.start, t.end) > 0)


def content_matches(item: SysAttribution, gold: GoldAttribution) -> float:
    """Tokens covered if at least half the gold content is covered, else 0 (no match)."""
    covered = covered_tokens(item, gold)
    return float(covered) if covered * 2 >= len(gold.tokens) and covered > 0 else 0.0


def _name(text: str | None) -> str:
    if not text:
        return ""
    name = " ".join(text.split())
    name = _ARTICLE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    return name.strip(" ,.;:\"'“”‘’«»").casefold()


def source_correct(speaker: Party | None, gold: GoldAttribution, record: Record) -> bool:
    if speaker is None:
        return False
    parties = [speaker, *speaker.members]
    for party in parties:
        if any(overlap(party.start, party.end, s.start, s.end) for s in gold.sources):
            return True
    gold_names = {_name(t) for t in gold.source_texts} - {""}
    names = {_name(p.canonical) for p in parties} | {_name(p.text) for p in parties}
    if gold_names & (names - {""}):
        return True
    entity_ids = {p.entity for p in parties if p.entity}
    canonicals = {_name(p.canonical) for p in parties if p.canonical}
    for ent in record.entities:
        if ent.id in entity_ids or (ent.canonical and _name(ent.canonical) in canonicals):
            if any(overlap(ent.start, ent.end, s.start, s.end) for s in gold.sources):
                return True
    return False


def score_doc(gold: Sequence[GoldAttribution], system: Sequence[SysAttribution], record: Record,
              result: AttributionResult) -> None:
    pairs = match_one_to_one(system, gold, content_matches)
    result.content.add(len(system), len(gold), len(pairs))
    for kind_name, is_direct in (("direct", True), ("indirect", False)):
        kind: KindResult = getattr(result, kind_name)
        n_sys = sum(1 for s in system if s.direct == is_direct)
        n_gold = sum(1 for g in gold if g.direct == is_direct)
        matched_sys = sum(1 for i, _ in pairs if system[i].direct == is_direct)
        matched_gold = sum(1 for _, j in pairs if gold[j].direct == is_direct)
        kind.content.add(n_sys, n_gold, matched_sys, matched_gold)
    for i, j in pairs:
        if not gold[j].sources:
            continue
        ok = source_correct(system[i].speaker, gold[j], record)
        result.source.add(ok)
        (result.direct if gold[j].direct else result.indirect).source.add(ok)


def score(gold: Sequence[GoldDoc],
          predictions: Iterable[Prediction] | Mapping[str, Prediction]) -> AttributionResult:
    """Score predicted records against PolNeAR-style gold documents."""
    result = AttributionResult()
    for joined in join(gold, predictions):
        result.docs += 1
        result.missing += joined.missing
        score_doc(gold_attributions(joined.gold), system_attributions(joined.record), joined.record, result)
    return result


def gold_as_prediction(doc: GoldDoc) -> dict:
    """Each gold attribution as a quote spanning its content, spoken by its first source."""
    quotes = []
    for n, a in enumerate(gold_attributions(doc), start=1):
        start, end = a.content[0].start, a.content[-1].end
        speaker = None
        if a.sources:
            s = a.sources[0]
            speaker = {"text": doc.text[s.start:s.end], "start": s.start, "end": s.end}
        quotes.append({"id": f"q{n}", "text": doc.text[start:end], "start": start, "end": end,
                       "kind": "direct" if a.direct else "indirect", "speaker": speaker})
    return {"id": doc.id, "text": doc.text, "quotes": quotes}
