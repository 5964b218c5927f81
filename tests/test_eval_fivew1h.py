"""The 5W1H scorer: token F1 >= 0.5 against agreed phrases; silence right only when agreed."""

from __future__ import annotations

import pytest

from newsledger.eval import fivew1h
from newsledger.model import MainEvent, PlaceSpan, Record, Span, TimeSpan

from eval_helpers import gold_doc, span

TEXT = ("A tram derailed in Croydon, south London, at around 6am on Wednesday, killing seven people "
        "and injuring more than 50, after it took a sharp bend at high speed.")


def _answers(**kw):
    out = []
    for text, agreement in kw.get("answers", []):
        if text is None:
            out.append({"text": None, "coder_agreement": agreement, "start": None, "end": None})
        else:
            s, e = span(TEXT, text)
            out.append({"text": text, "coder_agreement": agreement, "start": s, "end": e})
    return out


def _gold() -> list:
    g = {
        "who": _answers(answers=[("A tram", 3)]),
        "what": _answers(answers=[("derailed", 2), ("killing seven people", 1)]),
        "when": _answers(answers=[("at around 6am on Wednesday", 3)]),
        "where": _answers(answers=[("Croydon, south London", 2)]),
        "why": _answers(answers=[(None, 3)]),                    # agreed: no answer
        "how": _answers(answers=[("took a sharp bend at high speed", 1)]),  # one coder only: unscorable
    }
    return [gold_doc("tram", TEXT, {"5w1h": g})]


def _span(phrase: str, cls=Span):
    s, e = span(TEXT, phrase)
    return cls(text=phrase, start=s, end=e)


def test_fivew1h_gold_scored_against_itself_is_perfect():
    gold = _gold()
    result = fivew1h.score(gold, [fivew1h.gold_as_prediction(d) for d in gold])
    assert result.accuracy == 1.0 and result.precision.value == 1.0
    assert result.questions["how"].unscorable == 1


def test_fivew1h_known_accuracy_precision_answered():
    main = MainEvent(
        who=_span("seven people"),                         # wrong: no overlap with "A tram"
        what=None,                                         # missing, coders gave an answer: wrong
        when=_span("6am on Wednesday", TimeSpan),          # F1 vs "at around 6am on Wednesday" = 0.75: right
        where=_span("Croydon", PlaceSpan),                 # F1 vs "Croydon, south London" = 0.5: right
        why=_span("at high speed"),                        # answered although coders agreed none: wrong
        how=_span("a sharp bend"),                         # unscorable: ignored
    )
    result = fivew1h.score(_gold(), [Record(id="tram", text=TEXT, main_event=main)])
    assert result.micro.total == 5 and result.micro.correct == 2
    assert result.accuracy == pytest.approx(2 / 5)      # each of the five scorable questions has one document
    assert (result.precision.correct, result.precision.total) == (2, 4)
    assert result.headline() == {"accuracy": pytest.approx(0.4)}


def test_fivew1h_silence_scores_only_agreed_no_answer():
    result = fivew1h.score(_gold(), [Record(id="tram", text=TEXT)])
    assert result.micro.correct == 1  # why
    assert result.precision.total == 0


@pytest.mark.parametrize("answer,phrase,ok", [
    ("Croydon", "Croydon, south London", True),             # F1 exactly 0.5 counts
    ("in Croydon", "Croydon, south London, at 6am", False),  # F1 0.33
    ("A tram", "the tram", True),
])
def test_fivew1h_answer_threshold(answer, phrase, ok):
    gold = fivew1h.GoldQuestion(phrases=(phrase,), no_answer=False)
    assert fivew1h.answer_correct(answer, gold) is ok
