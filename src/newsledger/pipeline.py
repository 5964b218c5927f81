"""The extraction pipeline: spaCy once, then the extractors in a fixed order.

Data flows one way: an :class:`~newsledger.model.Article` is parsed by spaCy,
then each extractor in :data:`EXTRACTORS` reads the doc and the draft record
(what earlier extractors found) and fills its own field. The order is the
dependency order: names before the places and parties that use them, times
before events that are dated by them, claims before the figures and events
they carry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors
from .extract import claims, entities, events, figures, main_event, places, quotes, times
from .extract.base import Context, Extractor
from .extract.docindex import TEXT_KEY
from .model import Article, ErrorRecord, Record
from .nlp import load_pipeline

#: Every extractor, in the order it runs. A test pins names and versions.
EXTRACTORS: tuple[Extractor, ...] = (
    entities.EXTRACTOR,
    times.EXTRACTOR,
    places.EXTRACTOR,
    quotes.EXTRACTOR,
    claims.EXTRACTOR,
    figures.EXTRACTOR,
    events.EXTRACTOR,
    main_event.EXTRACTOR,
)


class Pipeline:
    """spaCy plus the extractors, with their resources loaded once."""

    def __init__(self, nlp: Language | None = None, model: str | None = None,
                 extractors: Iterable[Extractor] = EXTRACTORS) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(model)
        self.extractors = tuple(extractors)
        self.resources: dict[str, Any] = {}
        for ex in self.extractors:
            if ex.load is not None:
                self.resources[ex.name] = ex.load()

    @property
    def versions(self) -> dict[str, str]:
        return {ex.name: ex.version for ex in self.extractors}

    def __call__(self, article: Article) -> Record | ErrorRecord:
        return self.annotate(self.nlp(article.text), article)

    def process_many(self, articles: Iterable[Article | ErrorRecord], n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Record | ErrorRecord]:
        """Records in input order; errors pass through untouched."""
        buffered: list[Article | ErrorRecord] = []

        def texts() -> Iterator[str]:
            for item in articles:
                buffered.append(item)
                if isinstance(item, Article):
                    yield item.text

        docs = self.nlp.pipe(texts(), n_process=n_process, batch_size=batch_size)
        for doc in docs:
            while buffered and isinstance(buffered[0], ErrorRecord):
                yield buffered.pop(0)
            yield self.annotate(doc, buffered.pop(0))  # type: ignore[arg-type]
        while buffered:
            yield buffered.pop(0)

    def annotate(self, doc: Doc, article: Article) -> Record | ErrorRecord:
        """Run every extractor on a parsed doc; an extractor failure fails this document only."""
        record = Record(
            id=article.id or record_id(article),
            text=article.text,
            title=article.title,
            published=article.published,
            updated=article.updated,
            source=article.source,
            url=article.url,
            extractors=self.versions,
        )
        # the doc was parsed from article.text, so this is doc.text without spaCy's rebuild
        doc.user_data.setdefault(TEXT_KEY, article.text)
        ctx = Context(article=article, record=record, resources=self.resources, anchor=anchor_date(article))
        for ex in self.extractors:
            try:
                setattr(record, ex.field, ex.run(doc, ctx))
            except Exception as err:  # noqa: BLE001 - reported as E010 for this document, batch goes on
                return ErrorRecord(code="E010", message=Errors.E010.split(" ", 1)[1].format(
                    name=ex.name, detail=f"{type(err).__name__}: {err}"), input=article.origin, id=record.id)
        return record


def record_id(article: Article) -> str:
    """Stable id from what defines the article: the same input gives the same id."""
    h = hashlib.sha256()
    for part in (article.url or "", article.title or "", article.published or "", article.text):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return "nl-" + h.hexdigest()[:20]


def anchor_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None
