"""Scoring newsledger against annotated news, the same way every time.

One module per task (:data:`TASKS`), each a pure function
``score(gold_docs, predictions) -> <Task>Result`` following the rules in the
dev data's README ("How newsledger should be scored"). The scorers never
import spaCy or an extractor: they read records, so output from other tools
in the newsledger-record-v1 shape can be scored side by side.
:mod:`newsledger.eval.runner` runs the pipeline (or reads ``--pred``) and
prints the table; ``eval/gate.py`` in the repository pins the floors.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: task name -> scorer module (each has ``score``, ``gold_as_prediction``, ``TASK``)
TASKS: dict[str, str] = {
    "times": "newsledger.eval.times",
    "places": "newsledger.eval.places",
    "attribution": "newsledger.eval.attribution",
    "5w1h": "newsledger.eval.fivew1h",
    "plover": "newsledger.eval.plover",
    "meantime": "newsledger.eval.meantime",
}


def scorer(task: str) -> ModuleType:
    """The scorer module for ``task``; ``KeyError`` names the known tasks."""
    try:
        return importlib.import_module(TASKS[task])
    except KeyError:
        raise KeyError(f"unknown task {task!r}; known: {', '.join(TASKS)}") from None
