"""newsledger: news articles in, sourced and structured records out.

>>> import newsledger
>>> record = newsledger.extract("Ukraine said on Monday ...", published="2025-02-19")
>>> record.to_dict()["schema"]
'newsledger-record-v1'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from . import extract as _extract_package  # noqa: F401  (bound first, so the function below wins)
from .model import Article, ErrorRecord, Record

__version__ = "0.1.0"
__all__ = ["Article", "ErrorRecord", "Record", "extract", "extract_many", "__version__"]


# ``newsledger.extract`` is both the extractor subpackage and this function.
# The subpackage is imported above, before the function is defined, so the
# package attribute is the function while ``import newsledger.extract.x``
# still finds the subpackage through sys.modules.


@lru_cache(maxsize=4)
def _pipeline(model: str | None):
    from .pipeline import Pipeline

    return Pipeline(model=model)


def extract(text: str, published: str | None = None, title: str | None = None,
            model: str | None = None) -> Record:
    """Read one article. Raises ``ValueError`` if it cannot be read (e.g. empty)."""
    if not text or not text.strip():
        raise ValueError("E001 empty document: no text after cleaning")
    result = _pipeline(model)(Article(text=text, published=published, title=title))
    if isinstance(result, ErrorRecord):
        raise ValueError(f"{result.code} {result.message}")
    return result


def extract_many(items: Iterable[str | Article | dict], n_process: int = 1,
                 model: str | None = None, batch_size: int = 16) -> Iterator[Record | ErrorRecord]:
    """Read many articles with ``nlp.pipe``; bad ones yield an ``ErrorRecord``."""
    from .ingest.readers import parse_json_document
    import json

    def articles() -> Iterator[Article | ErrorRecord]:
        for n, item in enumerate(items, start=1):
            if isinstance(item, Article):
                yield item
            elif isinstance(item, dict):
                yield parse_json_document(json.dumps(item), f"<item {n}>", n)
            elif isinstance(item, str) and item.strip():
                yield Article(text=item, origin=f"<item {n}>")
            else:
                yield ErrorRecord(code="E001", message="empty document: no text after cleaning", input=f"<item {n}>")

    yield from _pipeline(model).process_many(articles(), n_process=n_process, batch_size=batch_size)
