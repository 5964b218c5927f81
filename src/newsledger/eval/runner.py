"""Run newsledger on gold documents (or read records made elsewhere) and score them.

This is the only part of :mod:`newsledger.eval` that may load the pipeline,
and it does so lazily: scoring a ``--pred`` file never imports spaCy.
Gold lines reach the pipeline through the same JSON reader as
``newsledger extract --input-format jsonl``, so what is scored is what a user
gets.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Record
from . import scorer
from .common import GoldDoc, TaskResult, read_gold, read_predictions


@dataclass(slots=True)
class EvalReport:
    """One scored run: what was scored, with what, and the result."""

    task: str
    gold_file: str
    sha256: str
    split: str | None
    limit: int | None
    result: TaskResult
    newsledger_version: str = __version__
    #: extractor name -> version, when the pipeline ran here (empty with --pred)
    extractors: dict[str, str] = field(default_factory=dict)
    predictions: str = "pipeline"
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "gold_file": self.gold_file, "sha256": self.sha256, "split": self.split,
                "limit": self.limit, "newsledger_version": self.newsledger_version,
                "extractors": dict(self.extractors), "predictions": self.predictions,
                "seconds": round(self.seconds, 2), **self.result.to_dict()}


def sha256_of(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run_pipeline(docs: Sequence[GoldDoc], pipeline: Any = None, n_process: int = 1,
                 origin: str = "<gold>") -> tuple[dict[str, Record], dict[str, str]]:
    """Records for the gold documents, by id, and the extractor versions used.

    A document the pipeline fails on is left out (the scorer then counts it
    as found nothing) and reported on stderr by the caller's reader.
    """
    from ..ingest.readers import parse_json_document
    from ..pipeline import Pipeline

    pipe = pipeline if pipeline is not None else Pipeline()
    articles = [parse_json_document(doc.line, f"{origin}:{n}", n) for n, doc in enumerate(docs, start=1)]
    records: dict[str, Record] = {}
    for item in pipe.process_batch(articles, n_process=n_process):
        if isinstance(item, Record):
            records[item.id] = item
    return records, dict(pipe.versions)


def evaluate(task: str, gold_path: str | Path, split: str | None = None, limit: int | None = None,
             pred_path: str | Path | None = None, pipeline: Any = None, n_process: int = 1) -> EvalReport:
    """Score ``task`` on a gold file: the pipeline's output, or the records in ``pred_path``."""
    module = scorer(task)
    docs = read_gold(gold_path, split=split, limit=limit)
    started = time.perf_counter()
    extractors: dict[str, str] = {}
    if pred_path is not None:
        preds = read_predictions(pred_path)
        source = str(pred_path)
    else:
        preds, extractors = run_pipeline(docs, pipeline, n_process, origin=Path(gold_path).name)
        source = "pipeline"
    result = module.score(docs, preds)
    return EvalReport(task=task, gold_file=Path(gold_path).name, sha256=sha256_of(gold_path), split=split,
                      limit=limit, result=result, extractors=extractors, predictions=source,
                      seconds=time.perf_counter() - started)


def format_table(report: EvalReport) -> str:
    """A plain-text table: metric, value, what it counts; headline metrics marked ``*``."""
    res = report.result
    subset = []
    if report.split:
        subset.append(f"split={report.split}")
    if report.limit:
        subset.append(f"limit={report.limit}")
    title = (f"newsledger {report.newsledger_version} · {report.task} · {report.gold_file}"
             f"{' (' + ', '.join(subset) + ')' if subset else ''} · {res.docs} docs")
    if res.missing:
        title += f" ({res.missing} without a record)"
    rows = res.rows()
    width = max([len(r.metric) for r in rows] + [6])
    lines = [title, f"predictions: {report.predictions}, {report.seconds:.1f} s", ""]
    lines.append(f"  {'metric'.ljust(width)}   value  support")
    lines.append(f"  {'-' * width}  ------  -------")
    for row in rows:
        mark = "*" if row.headline else " "
        value = f"{row.value:7.1f}" if row.metric.endswith("_km") else f"{row.value:6.3f}"
        lines.append(f"{mark} {row.metric.ljust(width)}  {value.rjust(6)}  {row.support}")
    lines.append("")
    lines.append("* headline (pinned by eval/gate.py)")
    for note in res.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def to_json(report: EvalReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
