"""Scoring the main event's 5W1H answers against Giveme5W1H.

Gold: ``gold["5w1h"][question]`` — answer phrases with ``coder_agreement``
(how many of three coders chose it); ``text: null`` with agreement >= 2
means the coders agreed there is no answer. System: ``record.main_event``
(``who``, ``what``, ``when``, ``where``, ``why``, ``how``).

For each document and question:

* an answer is correct if its token-overlap F1 with some gold phrase chosen
  by at least 2 coders is >= 0.5;
* a missing answer is correct only when the coders agreed there is none;
* a question with neither (only single-coder phrases, or no annotation) has
  no gold to score against: it is left out and counted as ``unscorable``.

Headline: **accuracy** as the mean of the six per-question accuracies (each
question weighs the same, whatever its number of scorable documents).
Beside it: precision on the questions answered and the answered rate —
precision alone would reward staying silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import MainEvent
from .common import GoldDoc, Prediction, Ratio, Row, TaskResult, join, token_f1

TASK = "5w1h"
QUESTIONS: tuple[str, ...] = ("who", "what", "when", "where", "why", "how")
MIN_AGREEMENT = 2
MIN_F1 = 0.5


@dataclass(frozen=True, slots=True)
class GoldQuestion:
    """The usable gold for one question: agreed phrases, or an agreed 'no answer'."""

    phrases: tuple[str, ...]
    no_answer: bool

    @property
    def scorable(self) -> bool:
        return bool(self.phrases) or self.no_answer


@dataclass(slots=True)
class QuestionResult:
    accuracy: Ratio = field(default_factory=Ratio)
    #: correct among the questions the system answered
    precision: Ratio = field(default_factory=Ratio)
    unscorable: int = 0


@dataclass(slots=True)
class FiveW1HResult(TaskResult):
    task: str = TASK
    questions: dict[str, QuestionResult] = field(default_factory=lambda: {q: QuestionResult() for q in QUESTIONS})

    @property
    def accuracy(self) -> float:
        """Mean over the questions that had anything to score."""
        values = [r.accuracy.value for r in self.questions.values() if r.accuracy.total]
        return sum(values) / len(values) if values else 0.0

    @property
    def micro(self) -> Ratio:
        out = Ratio()
        for r in self.questions.values():
            out.correct += r.accuracy.correct
            out.total += r.accuracy.total
        return out

    @property
    def precision(self) -> Ratio:
        out = Ratio()
        for r in self.questions.values():
            out.correct += r.precision.correct
            out.total += r.precision.total
        return out

    def rows(self) -> list[Row]:
        micro, prec = self.micro, self.precision
        unscorable = sum(r.unscorable for r in self.questions.values())
        rows = [
            Row("accuracy", self.accuracy, "mean over who/what/when/where/why/how", headline=True),
            Row("accuracy_micro", micro.value, f"{micro.correct}/{micro.total} questions"
                + (f" ({unscorable} unscorable left out)" if unscorable else "")),
            Row("precision", prec.value, f"{prec.correct}/{prec.total} answered"),
            Row("answered_rate", prec.total / micro.total if micro.total else 0.0,
                f"{prec.total}/{micro.total}"),
        ]
        for q, r in self.questions.items():
            rows.append(Row(f"{q}_accuracy", r.accuracy.value, f"{r.accuracy.correct}/{r.accuracy.total}"))
        for q, r in self.questions.items():
            rows.append(Row(f"{q}_precision", r.precision.value, f"{r.precision.correct}/{r.precision.total}"))
        return rows


def gold_questions(doc: GoldDoc) -> dict[str, GoldQuestion]:
    raw = doc.gold.get("5w1h") or {}
    out = {}
    for q in QUESTIONS:
        answers = raw.get(q) or []
        phrases = tuple(a["text"] for a in answers
                        if a.get("text") is not None and int(a.get("coder_agreement") or 0) >= MIN_AGREEMENT)
        no_answer = any(a.get("text") is None and int(a.get("coder_agreement") or 0) >= MIN_AGREEMENT
                        for a in answers)
        out[q] = GoldQuestion(phrases, no_answer)
    return out


def system_answers(main_event: MainEvent) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for q in QUESTIONS:
        span = getattr(main_event, q, None)
        text = getattr(span, "text", None) if span is not None else None
        out[q] = text if text and text.strip() else None
    return out


def answer_correct(answer: str | None, gold: GoldQuestion) -> bool:
    if answer is None:
        return gold.no_answer
    return any(token_f1(answer, phrase) >= MIN_F1 for phrase in gold.phrases)


def score(gold: Sequence[GoldDoc], predictions: Iterable[Prediction] | Mapping[str, Prediction]) -> FiveW1HResult:
    """Score predicted records' main events against Giveme5W1H-style gold documents."""
    result = FiveW1HResult()
    for joined in join(gold, predictions):
        result.docs += 1
        result.missing += joined.missing
        answers = system_answers(joined.record.main_event)
        for q, g in gold_questions(joined.gold).items():
            r = result.questions[q]
            if not g.scorable:
                r.unscorable += 1
                continue
            ok = answer_correct(answers[q], g)
            r.accuracy.add(ok)
            if answers[q] is not None:
                r.precision.add(ok)
    return result


def gold_as_prediction(doc: GoldDoc) -> dict:
    """The most agreed phrase per question as a main event (``None`` where coders agreed there is none)."""
    raw = doc.gold.get("5w1h") or {}
    main: dict[str, dict | None] = {}
    for q in QUESTIONS:
        best = None
        for a in sorted(raw.get(q) or [], key=lambda a: -int(a.get("coder_agreement") or 0)):
            if a.get("text") is not None and int(a.get("coder_agreement") or 0) >= MIN_AGREEMENT:
                # a few gold phrases were not found in the text (no offsets); answers are compared by text
                best = {"text": a["text"], "start": a.get("start") or 0, "end": a.get("end") or 0}
                break
        main[q] = best
    return {"id": doc.id, "text": doc.text, "main_event": main}
