"""What every scorer shares: gold documents, predictions, spans, counts.

The scorers are deliberately independent of the extractors: they read gold
JSON Lines (the eval-dev format) and newsledger-record-v1 records, whether
produced by this package, read from a file, or produced by another tool in
the same JSON shape. Nothing here imports spaCy or an extractor, so scoring
is cheap and its tests run anywhere.

Matching conventions, used the same way by every task:

* spans are half-open character ranges ``[start, end)`` into the document
  text; two spans *overlap* when they share at least one character;
* where an item may be credited only once, matching is one-to-one with
  as many pairs as possible, preferring the largest overlaps
  (:func:`match_one_to_one`); it is deterministic.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..model import Record


# -- gold documents --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One line of an eval-dev file. ``gold`` stays raw: each task types its own part."""

    id: str
    text: str
    published: str | None
    split: str | None
    gold: Mapping[str, Any]
    title: str | None = None
    url: str | None = None
    #: the raw JSON line, handed to the ingest reader so the pipeline sees
    #: exactly what ``newsledger extract --input-format jsonl`` would
    line: str = ""

    @classmethod
    def from_json(cls, line: str) -> "GoldDoc":
        obj = json.loads(line)
        return cls(id=str(obj["id"]), text=obj["text"], published=obj.get("published"),
                   split=obj.get("split"), gold=obj.get("gold") or {}, title=obj.get("title"),
                   url=obj.get("url"), line=line.rstrip("\n"))


def read_gold(path: str | Path, split: str | None = None, limit: int | None = None) -> list[GoldDoc]:
    """Gold documents in file order; ``split`` filters first, then ``limit`` keeps the first N.

    File order (not a sample) makes a ``--limit`` subset the same every run,
    which is what lets the gate pin a subset.
    """
    docs: list[GoldDoc] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = GoldDoc.from_json(line)
            if split is not None and doc.split != split:
                continue
            docs.append(doc)
            if limit is not None and len(docs) >= limit:
                break
    return docs


# -- predictions -----------------------------------------------------------------

Prediction = Record | Mapping[str, Any]


def as_record(pred: Prediction) -> Record:
    """A record from either the typed form or its JSON dict (other tools' output)."""
    if isinstance(pred, Record):
        return pred
    return Record.from_dict(dict(pred))


def index_predictions(preds: Iterable[Prediction] | Mapping[str, Prediction]) -> dict[str, Record]:
    """Predictions by record id. Error objects (``{"error": ...}``) are dropped: a
    document without a record scores as one where nothing was found."""
    if isinstance(preds, Mapping):
        items: Iterable[Prediction] = preds.values()
    else:
        items = preds
    out: dict[str, Record] = {}
    for pred in items:
        if isinstance(pred, Mapping) and ("error" in pred or "text" not in pred):
            continue
        record = as_record(pred)
        out[str(record.id)] = record
    return out


def read_predictions(path: str | Path) -> dict[str, Record]:
    """Records from a JSON Lines file (``newsledger extract --format jsonl`` output)."""
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return index_predictions(rows)


@dataclass(frozen=True, slots=True)
class Joined:
    """A gold document and the record predicted for it (empty if none)."""

    gold: GoldDoc
    record: Record
    missing: bool


def join(gold: Sequence[GoldDoc], preds: Iterable[Prediction] | Mapping[str, Prediction]) -> list[Joined]:
    """Pair every gold document with its prediction by id.

    A gold document without a prediction is scored against an empty record,
    so failures and omissions cost recall instead of silently vanishing.
    """
    by_id = index_predictions(preds)
    out: list[Joined] = []
    for doc in gold:
        record = by_id.get(doc.id)
        if record is None:
            out.append(Joined(doc, Record(id=doc.id, text=doc.text), True))
        else:
            out.append(Joined(doc, record, False))
    return out


# -- counts ----------------------------------------------------------------------


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


@dataclass(slots=True)
class PRF:
    """Detection counts. ``matched_sys``/``matched_gold`` differ only when a
    scorer allows one item to match several on the other side."""

    n_sys: int = 0
    n_gold: int = 0
    matched_sys: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        return _div(self.matched_sys, self.n_sys)

    @property
    def recall(self) -> float:
        return _div(self.matched_gold, self.n_gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _div(2 * p * r, p + r)

    def add(self, n_sys: int, n_gold: int, matched: int, matched_gold: int | None = None) -> None:
        self.n_sys += n_sys
        self.n_gold += n_gold
        self.matched_sys += matched
        self.matched_gold += matched if matched_gold is None else matched_gold

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "n_sys": self.n_sys, "n_gold": self.n_gold,
                "matched_sys": self.matched_sys, "matched_gold": self.matched_gold}


@dataclass(slots=True)
class Ratio:
    """A proportion with its denominator, so a 1.0 over 2 items is not mistaken for news."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return _div(self.correct, self.total)

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def to_dict(self) -> dict[str, float | int]:
        return {"value": self.value, "correct": self.correct, "total": self.total}


@dataclass(slots=True)
class Mean:
    total: float = 0.0
    n: int = 0

    @property
    def value(self) -> float:
        return _div(self.total, self.n)

    def add(self, x: float) -> None:
        self.total += x
        self.n += 1

    def to_dict(self) -> dict[str, float | int]:
        return {"value": self.value, "n": self.n}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the printed table: a metric, its value, and what it counts."""

    metric: str
    value: float
    support: str = ""
    headline: bool = False


@dataclass(slots=True)
class TaskResult:
    """Base of every task's result: the counts, how to print them, which ones gate."""

    task: str
    docs: int = 0
    #: gold documents for which no record was given (pipeline error or absent from --pred)
    missing: int = 0
    notes: list[str] = field(default_factory=list)

    def rows(self) -> list[Row]:  # pragma: no cover - every task overrides
        raise NotImplementedError

    def headline(self) -> dict[str, float]:
        """The numbers the gate pins: ``{name: value}``."""
        return {row.metric: row.value for row in self.rows() if row.headline}

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "docs": self.docs, "missing": self.missing,
                "metrics": {row.metric: row.value for row in self.rows()},
                "support": {row.metric: row.support for row in self.rows() if row.support},
                "headline": self.headline(), "notes": list(self.notes)}


# -- spans and tokens ------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Extent:
    start: int
    end: int


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters shared by two half-open spans (0 if disjoint)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


A = TypeVar("A")
B = TypeVar("B")


def match_one_to_one(sys_items: Sequence[A], gold_items: Sequence[B],
                     score: Callable[[A, B], float]) -> list[tuple[int, int]]:
    """Pairs (sys index, gold index), each item used at most once, as many as possible.

    ``score`` > 0 means the two may match. Pairs are first taken greedily,
    largest score first (so an item goes to the gold it overlaps most), then
    augmenting paths add every pair the greedy pass blocked: the result has
    maximum cardinality, so no scorer under-counts because of matching order.
    Deterministic: ties go to the earlier system item, then the earlier gold.
    """
    candidates: list[tuple[float, int, int]] = []
    options: list[list[int]] = [[] for _ in sys_items]
    for i, s in enumerate(sys_items):
        for j, g in enumerate(gold_items):
            value = score(s, g)
            if value > 0:
                candidates.append((-value, i, j))
    candidates.sort()
    for _, i, j in candidates:
        options[i].append(j)
    gold_of: dict[int, int] = {}
    sys_of: dict[int, int] = {}
    for _, i, j in candidates:
        if i not in gold_of and j not in sys_of:
            gold_of[i], sys_of[j] = j, i

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in sys_of or augment(sys_of[j], seen):
                gold_of[i], sys_of[j] = j, i
                return True
        return False

    for i in range(len(sys_items)):
        if i not in gold_of and options[i]:
            augment(i, set())
    return sorted(gold_of.items())


def span_overlap_score(a: Any, b: Any) -> float:
    """Overlap in characters between two objects with ``start``/``end``."""
    return float(overlap(a.start, a.end, b.start, b.end))


_WORD = re.compile(r"\w+", re.UNICODE)


def tokens_with_offsets(text: str, base: int = 0) -> list[Extent]:
    """Word tokens (punctuation excluded) as character extents, shifted by ``base``.

    Punctuation is left out so that whether a span includes its closing
    quotation mark or full stop does not decide a match.
    """
    return [Extent(base + m.start(), base + m.end()) for m in _WORD.finditer(text)]


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens, for bag-of-words overlap."""
    return [t.lower() for t in _WORD.findall(text)]


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 between two phrases (the SQuAD answer measure)."""
    ta, tb = word_tokens(a), word_tokens(b)
    if not ta or not tb:
        return 0.0
    counts: dict[str, int] = {}
    for t in tb:
        counts[t] = counts.get(t, 0) + 1
    common = 0
    for t in ta:
        if counts.get(t, 0) > 0:
            counts[t] -= 1
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def iter_docs(joined: Sequence[Joined]) -> Iterator[tuple[GoldDoc, Record]]:
    for j in joined:
        yield j.gold, j.record
