"""Train and cross-validate the statistical event-type re-ranker.

Usage: python tools/train_event_types.py PLOVER.jsonl [--folds 5] [--write]

For every head trigger the rule-based extractor finds in a sentence, the
features are the trigger's lemma, its lexicon type and mode, the lemmas and
types it absorbed, its governing word, dependency label and modality. A head
trigger whose span overlaps a gold trigger is labelled with the gold PLOVER
type. A multinomial logistic regression (scikit-learn) learns to re-type.

Reports k-fold cross-validated sentence accuracy (gold type among the
predicted types) for the lexicon alone and with the re-ranker, splitting by
sentence so that no sentence is ever both trained and tested on. ``--write``
fits on all sentences and writes the weights to
``src/newsledger/resources/en/events/type_model.json`` (coefficients per
feature string; no text).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsledger.extract import events as E  # noqa: E402
from newsledger.nlp import load_pipeline  # noqa: E402


def sentence_items(nlp, lex, rows):
    out = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows])):
        gold = row["gold"]
        spans = [(t["start"], t["end"]) for t in gold.get("triggers", []) if t.get("start") is not None]
        items = []
        for seg in E.segments(doc):
            heads = E.choose_heads(E.find_triggers(seg, lex), lex)
            for trig in heads:
                local, shift = E.local_certainty(trig, lex)
                rule = E.event_type(trig, local, shift, lex)
                feats = E.type_features(trig, local, rule)
                a, b = trig.token.idx, trig.token.idx + len(trig.token)
                hit = any(s < b and a < e for s, e in spans) or any(
                    s < t.token.idx + len(t.token) and t.token.idx < e for t in trig.absorbed for s, e in spans)
                items.append((feats, rule, gold["event"] if hit else None))
        out.append((gold["event"], items))
    return out


def evaluate(data, model_for):
    rule_ok = rr_ok = 0
    for gold, items in data:
        rule_types = {r for _, r, _ in items}
        rule_ok += gold in rule_types
        rr_types = {model_for(f, r) for f, r, _ in items}
        rr_ok += gold in rr_types
    return rule_ok, rr_ok


def fit(train):
    X = [f for _, items in train for f, _, lab in items if lab]
    y = [lab for _, items in train for f, _, lab in items if lab]
    vec = DictVectorizer()
    clf = LogisticRegression(max_iter=2000, C=1.0)
    clf.fit(vec.fit_transform(X), y)
    return vec, clf


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.file, encoding="utf-8")]
    nlp = load_pipeline()
    lex = E.load()
    data = sentence_items(nlp, lex, rows)
    order = list(range(len(data)))
    random.Random(13).shuffle(order)
    tot_rule = tot_rr = 0
    for k in range(args.folds):
        test_idx = set(order[k::args.folds])
        train = [d for i, d in enumerate(data) if i not in test_idx]
        test = [d for i, d in enumerate(data) if i in test_idx]
        vec, clf = fit(train)
        model = E.TypeModel.from_sklearn(vec, clf)
        r, m = evaluate(test, lambda f, rule: model.retype(f, rule))
        tot_rule += r
        tot_rr += m
    n = len(data)
    print(f"{args.folds}-fold CV sentence type accuracy: lexicon {tot_rule / n:.3f}, with re-ranker {tot_rr / n:.3f} (n={n})")
    if args.write:
        vec, clf = fit(data)
        model = E.TypeModel.from_sklearn(vec, clf)
        target = Path(__file__).resolve().parent.parent / "src/newsledger/resources/en/events/type_model.json"
        target.write_text(json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
