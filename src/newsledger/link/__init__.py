"""Linking across articles: entities by key, articles into stories, figures into series.

:mod:`.entities` decides when two mentions in two articles are one thing;
:mod:`.stories` groups articles that report one real-world event;
:mod:`.figures` groups the numbers sources give for one measure, unit, place
and period and flags disagreement beyond rounding. All three are pure
functions over typed inputs; the store gathers the inputs and writes results.
"""

from __future__ import annotations

from .entities import entity_key, place_key
from .figures import FigureInput, SeriesOut, agree, build_series
from .stories import StoryDoc, StoryParams, cluster_stories

__all__ = ["FigureInput", "SeriesOut", "StoryDoc", "StoryParams", "agree", "build_series", "cluster_stories",
           "entity_key", "place_key"]
