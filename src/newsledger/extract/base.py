"""What every extractor shares: its declaration, its context, and id helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from spacy.tokens import Doc, Span as SpacySpan

from ..link.outlets import OutletHome
from ..model import Article, Record, Span
from .docindex import doc_text


@dataclass(slots=True)
class Context:
    """What an extractor may read besides the spaCy doc.

    ``record`` is the draft record: the fields filled by the extractors that
    ran before this one (entities before places, claims before events).
    """

    article: Article
    record: Record
    resources: dict[str, Any] = field(default_factory=dict)
    #: the date relative expressions resolve against (publication date), if known
    anchor: date | None = None
    #: the outlet's home region learned from its own articles in the batch
    #: (:func:`newsledger.link.outlets.learn_homes`), if the batch gave one
    outlet_home: OutletHome | None = None


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    version: str
    #: the Record attribute this extractor fills (a list, or ``main_event``)
    field: str
    run: Callable[[Doc, Context], Any]
    load: Callable[[], Any] | None = None


class HasStart(Protocol):
    id: str
    start: int
    end: int


T = TypeVar("T", bound=HasStart)


def assign_ids(items: Sequence[T], prefix: str) -> list[T]:
    """Sort by position and number them ``prefix1, prefix2, ...``: stable ids."""
    ordered = sorted(items, key=lambda it: (it.start, it.end))
    for number, item in enumerate(ordered, start=1):
        item.id = f"{prefix}{number}"
    return ordered


def span_of(s: SpacySpan) -> Span:
    return Span(s.text, s.start_char, s.end_char)


def char_span(doc: Doc, start: int, end: int) -> Span:
    return Span(doc_text(doc)[start:end], start, end)
