"""The article's main event as 5W1H answers.

PLACEHOLDER (version 0.0): returns an empty MainEvent until its issue lands.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import MainEvent
from .base import Context, Extractor


def extract(doc: Doc, ctx: Context) -> MainEvent:
    return MainEvent()


EXTRACTOR = Extractor(name="main_event", version="0.0", field="main_event", run=extract)
