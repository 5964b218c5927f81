"""Score newsledger on annotated news (times, places, attribution, 5w1h, plover, meantime).

Examples:
  newsledger eval times ../shared/eval-dev/times-timebank-aquaint.jsonl --limit 20
  newsledger eval attribution polnear.jsonl --split dev --json
  newsledger extract gold.jsonl --input-format jsonl --format jsonl > out.jsonl
  newsledger eval places gold.jsonl --pred out.jsonl     # score records made elsewhere

The gold file is JSON Lines in the eval-dev format ({id, text, published,
gold, ...}); records are joined to gold by id. Without --pred the newsledger
pipeline runs on the gold texts. Headline metrics (marked *) are the ones
eval/gate.py pins. Exit status: 0 scored, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..eval import TASKS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("task", choices=tuple(TASKS), help="what to score")
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold documents (eval-dev JSON Lines)")
    p.add_argument("--split", default=None, help="only documents whose 'split' is NAME")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N documents (after --split)")
    p.add_argument("--pred", default=None, metavar="FILE", help="score these records (JSON Lines) instead of running newsledger")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--model", default=None, help="spaCy pipeline name or path")
    p.add_argument("--n-process", type=int, default=1, help="worker processes for spaCy")


def run(args: argparse.Namespace) -> int:
    from ..errors import ModelNotFound
    from ..eval.runner import evaluate, format_table, to_json

    for path in (args.gold, args.pred):
        if path is not None and not Path(path).is_file():
            print(f"newsledger: E008 input not found: {path}", file=sys.stderr)
            return 2
    if args.limit is not None and args.limit < 1:
        print("newsledger: --limit must be at least 1", file=sys.stderr)
        return 2
    pipeline = None
    if args.pred is None:
        from ..pipeline import Pipeline

        try:
            pipeline = Pipeline(model=args.model)
        except ModelNotFound as err:
            print(f"newsledger: {err}", file=sys.stderr)
            return 2
    report = evaluate(args.task, args.gold, split=args.split, limit=args.limit, pred_path=args.pred,
                      pipeline=pipeline, n_process=args.n_process)
    if report.result.docs == 0:
        print(f"newsledger: no gold documents in {args.gold}"
              + (f" with split {args.split!r}" if args.split else ""), file=sys.stderr)
        return 2
    print(to_json(report) if args.json else format_table(report))
    return 0
