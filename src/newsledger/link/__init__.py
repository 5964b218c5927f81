"""Linking across articles: entities by key, articles into stories, figures into series.

:mod:`.entities` decides when two mentions in two articles are one thing;
:mod:`.stories` groups articles that report one real-world event;
:mod:`.figures` groups the numbers sources give for one measure, unit, place
and period and flags disagreement beyond rounding. All three are pure
functions over typed inputs; the store gathers the inputs and writes results.
Names load lazily so that reading a store does not import scikit-learn.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "entity_key": "entities", "place_key": "entities",
    "FigureInput": "figures", "SeriesOut": "figures", "agree": "figures", "build_series": "figures",
    "StoryDoc": "stories", "StoryParams": "stories", "cluster_stories": "stories",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(name)
