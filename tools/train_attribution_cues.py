"""Train the learned cue detector (newsledger.extract.cuemodel) on PolNeAR.

Usage:
    python tools/train_attribution_cues.py TRAIN.jsonl [--docs TRAIN.spacy] [--folds 5] [--C 0.3] [--write]

TRAIN.jsonl is PolNeAR's training split in the eval-dev format
(``attribution-polnear-train.jsonl``: text plus ``gold.attributions[]`` with
source, cue and content spans; Newell, Margolin & Ruths, LREC 2018). It is
read from outside the repository and never copied into it.

Every candidate (verb, content) that :func:`cuemodel.candidates` proposes is
labelled positive when the verb lies inside a gold cue span and the
candidate covers at least half of that attribution's content tokens (the
evaluation's match rule). A logistic regression (scikit-learn) learns the
weights; the threshold is the one that maximises F1 over candidates in k-fold
cross-validation by document. ``--write`` fits on all documents and writes
``src/newsledger/resources/en/attribution/cue_model.tsv`` (a weight per
feature string, rounded, small weights dropped; no text from the corpus).
``--docs`` reads parsed documents from a spaCy DocBin made with the same
pipeline (it is written there when missing), to avoid re-parsing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsledger.extract import attribution as A  # noqa: E402
from newsledger.extract import cuemodel as M  # noqa: E402
from newsledger.extract import marks  # noqa: E402
from newsledger.extract.docindex import tokens_in  # noqa: E402
from newsledger.nlp import load_pipeline  # noqa: E402

OUT = ROOT / "src" / "newsledger" / "resources" / "en" / "attribution" / "cue_model.tsv"
HEADER = """# Learned attribution-cue detector: logistic-regression weights over symbolic features
# (see newsledger.extract.cuemodel.features), one "feature<TAB>weight" per line.
# Source: trained by tools/train_attribution_cues.py on the training split of PolNeAR
# (networkdynamics/PolNeAR, Newell, Margolin & Ruths, LREC 2018; {docs} articles, {pos} positive of
# {n} candidates). Only feature weights are stored, no corpus text. Licence of the weights: CC0.
# Cross-validated ({folds}-fold by document) candidate F1 {cv_f1:.3f} at threshold {threshold}.
"""


def read_rows(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parsed(rows: list[dict], cache: str | None):
    nlp = load_pipeline()
    from spacy.tokens import DocBin

    if cache and Path(cache).exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) >= len(rows):
            return docs[:len(rows)]
    docs = list(nlp.pipe((r["text"] for r in rows), batch_size=16))
    if cache:
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return docs


def gold_items(row: dict, doc) -> list[tuple[list[tuple[int, int]], set[int]]]:
    """(cue char spans, content token ids) per gold attribution."""
    out = []
    for a in row["gold"].get("attributions") or []:
        cues = [(s["start"], s["end"]) for s in a.get("cue") or [] if s.get("start") is not None]
        content: set[int] = set()
        for s in a.get("content") or []:
            if s.get("start") is None:
                continue
            content.update(t.i for t in tokens_in(doc, s["start"], s["end"]) if not t.is_punct and not t.is_space)
        if cues and content:
            out.append((cues, content))
    return out


def examples(row: dict, doc, lex: A.Lexicon) -> list[tuple[list[str], int, str, int]]:
    """(features, label, doc id, verb) per candidate."""
    quoted = [p for p in marks.scan(row["text"]).pairs if p.end - p.start > 2]
    gold = gold_items(row, doc)
    out = []
    for cand in M.candidates(doc):
        v = doc[cand.verb]
        feats = A.candidate_features(doc, cand, lex, quoted)
        vs, ve = v.idx, v.idx + len(v)
        span = set(range(*A.candidate_tokens(doc, cand, lex)))
        label = 0
        for cues, content in gold:
            if any(s < ve and vs < e for s, e in cues) and 2 * len(content & span) >= len(content):
                label = 1
                break
        out.append((feats, label, row["id"], cand.verb))
    return out


def best_threshold(probs, labels) -> tuple[float, float]:
    best = (0.0, 0.5)
    for th in [x / 100 for x in range(20, 81, 5)]:
        tp = sum(1 for p, y in zip(probs, labels) if p >= th and y)
        fp = sum(1 for p, y in zip(probs, labels) if p >= th and not y)
        fn = sum(1 for p, y in zip(probs, labels) if p < th and y)
        f1 = 2 * tp / max(2 * tp + fp + fn, 1)
        best = max(best, (f1, th))
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train")
    ap.add_argument("--docs", help="spaCy DocBin cache of the parsed training texts")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-weight", type=float, default=0.01)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)

    from sklearn.feature_extraction import FeatureHasher  # noqa: F401  (scikit-learn present)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = read_rows(args.train)
    docs = parsed(rows, args.docs)
    lex = A.load_lexicon()
    data = [examples(r, d, lex) for r, d in zip(rows, docs)]
    n = sum(len(x) for x in data)
    pos = sum(y for x in data for _, y, _, _ in x)
    print(f"{len(rows)} docs, {n} candidates, {pos} positive", file=sys.stderr)

    def fit(parts):
        X = [{f: 1 for f in feats} for part in parts for feats, _, _, _ in part]
        y = [lab for part in parts for _, lab, _, _ in part]
        vec = DictVectorizer()
        clf = LogisticRegression(C=args.C, max_iter=3000)
        clf.fit(vec.fit_transform(X), y)
        return vec, clf

    order = list(range(len(data)))
    random.Random(13).shuffle(order)
    probs, labels = [], []
    for k in range(args.folds):
        test = [data[i] for n_, i in enumerate(order) if n_ % args.folds == k]
        train = [data[i] for n_, i in enumerate(order) if n_ % args.folds != k]
        vec, clf = fit(train)
        X = [{f: 1 for f in feats} for part in test for feats, _, _, _ in part]
        probs += list(clf.predict_proba(vec.transform(X))[:, 1])
        labels += [lab for part in test for _, lab, _, _ in part]
    cv_f1, threshold = best_threshold(probs, labels)
    print(f"cross-validated candidate F1 {cv_f1:.3f} at threshold {threshold}", file=sys.stderr)

    if args.write:
        vec, clf = fit(data)
        names = vec.get_feature_names_out()
        coefs = clf.coef_[0]
        lines = [HEADER.format(docs=len(rows), pos=pos, n=n, folds=args.folds, cv_f1=cv_f1, threshold=threshold)]
        lines.append(f"__bias__\t{clf.intercept_[0]:.4f}\n")
        lines.append(f"__threshold__\t{threshold}\n")
        kept = sorted(((name, w) for name, w in zip(names, coefs) if abs(w) >= args.min_weight),
                      key=lambda x: x[0])
        lines += [f"{name}\t{w:.4f}\n" for name, w in kept]
        OUT.write_text("".join(lines), encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}: {len(kept)} weights", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
