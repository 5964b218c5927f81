"""newsledger as a spaCy pipeline component, for people who already run spaCy.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("newsledger")          # registered through spaCy's entry points
    doc = nlp(text)
    doc._.record                         # a newsledger Record

Set ``doc._.published`` (ISO date) before the component runs, e.g. with
``nlp.make_doc`` then the pipeline, to resolve relative dates.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import Article

if not Doc.has_extension("record"):
    Doc.set_extension("record", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("title"):
    Doc.set_extension("title", default=None)


class NewsledgerComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        from .pipeline import Pipeline

        self.name = name
        self._pipeline = Pipeline(nlp=nlp)

    def __call__(self, doc: Doc) -> Doc:
        article = Article(text=doc.text, published=doc._.published, title=doc._.title)
        doc._.record = self._pipeline.annotate(doc, article)
        return doc


@Language.factory("newsledger")
def make_newsledger_component(nlp: Language, name: str) -> NewsledgerComponent:
    return NewsledgerComponent(nlp, name)
