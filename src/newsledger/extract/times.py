"""Temporal expressions (TIMEX3) resolved against the publication date.

PLACEHOLDER (version 0.0): returns nothing until its issue lands. The pinned
extractor list in tests/test_record.py shows which extractors are still 0.0.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .base import Context, Extractor


def extract(doc: Doc, ctx: Context) -> list:
    return []


EXTRACTOR = Extractor(name="times", version="0.0", field="times", run=extract)
