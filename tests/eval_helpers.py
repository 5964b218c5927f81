"""Builders for hand-made gold documents and records in the scorer tests."""

from __future__ import annotations

import json
from typing import Any

from newsledger.eval.common import GoldDoc


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``phrase`` in ``text`` (a test fails loudly if absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def gold_doc(doc_id: str, text: str, gold: dict[str, Any], published: str | None = None,
             split: str | None = None) -> GoldDoc:
    line = json.dumps({"id": doc_id, "text": text, "published": published, "split": split, "gold": gold})
    return GoldDoc.from_json(line)
