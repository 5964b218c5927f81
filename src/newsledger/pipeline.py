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
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors
from .extract import claims, entities, events, figures, main_event, places, quotes, times
from .extract.base import Context, Extractor
from .extract.docindex import TEXT_KEY
from .link.outlets import HomeLearner, OutletHome, outlet_domain
from .model import Article, ErrorRecord, Record
from .nlp import load_pipeline

#: articles read per window of a two-pass batch (:meth:`Pipeline.process_batch`): enough for an
#: outlet's home to show (a local paper's few hundred stories), small enough that a window's spaCy
#: docs stay well under the memory a long archive would need
BATCH_WINDOW = 1000

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
                 extractors: Iterable[Extractor] = EXTRACTORS,
                 outlet_homes: Mapping[str, OutletHome] | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(model)
        self.extractors = tuple(extractors)
        #: outlet domain -> home region, given from outside (e.g. learned from an earlier batch)
        self.outlet_homes: dict[str, OutletHome] = dict(outlet_homes or {})
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
        """Records in input order; errors pass through untouched. One pass: outlet homes only
        as given to the pipeline."""
        for item, doc in self._parsed(articles, n_process, batch_size):
            yield item if doc is None else self.annotate(doc, item)  # type: ignore[arg-type]

    def process_batch(self, articles: Iterable[Article | ErrorRecord], n_process: int = 1,
                      batch_size: int = 16, log: bool = True,
                      window: int = BATCH_WINDOW) -> Iterator[Record | ErrorRecord]:
        """Records in input order, in two passes over each window of ``window`` articles: the
        first learns each outlet's home region from its own articles seen so far
        (:class:`~newsledger.link.outlets.HomeLearner`), the second re-reads the window's articles
        of outlets that have one. spaCy parses each article once (a window's docs are kept for its
        second pass; only the extractors run again). Windows bound memory and let records out
        as each window ends, however long the batch."""
        readings = places.first_level_readings(self.resources[places.EXTRACTOR.name]) \
            if places.EXTRACTOR.name in self.resources else None
        learner = HomeLearner(readings, places.outlet_country, places.likely_outlet_country) \
            if readings is not None else None
        source = iter(articles)
        while chunk := list(islice(source, max(1, window))):
            firsts: list[tuple[Article | ErrorRecord, Doc | None, Record | ErrorRecord]] = []
            for item, doc in self._parsed(chunk, n_process, batch_size):
                firsts.append((item, doc, item if doc is None else self.annotate(doc, item)))  # type: ignore[arg-type]
            if learner is not None:
                for _, _, record in firsts:
                    if isinstance(record, Record):
                        learner.add(record)
            learned = learner.homes() if learner is not None else {}
            homes = {**learned, **self.outlet_homes}
            again = [i for i, (item, doc, _) in enumerate(firsts) if doc is not None
                     and isinstance(item, Article) and outlet_domain(item.url) in homes]
            if log and learned:
                print(f"newsledger: outlets: {len(learned)} home regions learned so far; second pass on "
                      f"{len(again)} of {len(firsts)} articles", file=sys.stderr)
            out = [r for _, _, r in firsts]
            for i in again:
                item, doc, _ = firsts[i]
                out[i] = self.annotate(doc, item, homes)  # type: ignore[arg-type]
            yield from out

    def _parsed(self, articles: Iterable[Article | ErrorRecord], n_process: int,
                batch_size: int) -> Iterator[tuple[Article | ErrorRecord, Doc | None]]:
        """Each input with its spaCy doc (None for an error, which passes through), in input order."""
        buffered: list[Article | ErrorRecord] = []

        def texts() -> Iterator[str]:
            for item in articles:
                buffered.append(item)
                if isinstance(item, Article):
                    yield item.text

        docs = self.nlp.pipe(texts(), n_process=n_process, batch_size=batch_size)
        for doc in docs:
            while buffered and isinstance(buffered[0], ErrorRecord):
                yield buffered.pop(0), None
            yield buffered.pop(0), doc
        while buffered:
            yield buffered.pop(0), None

    def annotate(self, doc: Doc, article: Article,
                 outlet_homes: Mapping[str, OutletHome] | None = None) -> Record | ErrorRecord:
        """Run every extractor on a parsed doc; an extractor failure fails this document only.
        ``outlet_homes`` (default: the pipeline's own) gives the article's outlet home, if any."""
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
        homes = self.outlet_homes if outlet_homes is None else outlet_homes
        ctx = Context(article=article, record=record, resources=self.resources, anchor=anchor_date(article),
                      outlet_home=homes.get(outlet_domain(article.url) or "") if homes else None)
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
