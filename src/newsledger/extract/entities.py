"""Named entities with a first canonical name.

spaCy's NER gives the mentions and their types; the canonical name is the
mention stripped of what varies between mentions of one actor (a leading
article, a possessive, line breaks). Resolving spelling variants and
surname-only mentions to one actor is the job of the canonical-entities step.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Entity
from .base import Context, Extractor, assign_ids

#: spaCy labels that name things; numeric labels (DATE, MONEY, CARDINAL...)
#: are handled by the times and figures extractors instead.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def surface_canonical(text: str) -> str:
    """The mention as a name: 'the Foreign Ministry's' -> 'Foreign Ministry'."""
    name = " ".join(text.split())
    name = _LEADING_ARTICLE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    return name.strip(" ,.;:\"'“”‘’«»")


def extract(doc: Doc, ctx: Context) -> list[Entity]:
    found: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        # trim whitespace and punctuation that NER occasionally swallows
        start, end = ent.start_char, ent.end_char
        text = doc.text[start:end]
        stripped = text.strip(" \n\t,.;:")
        if not stripped:
            continue
        start += text.index(stripped)
        end = start + len(stripped)
        found.append(Entity(id="", text=stripped, start=start, end=end, type=ent.label_,
                            canonical=surface_canonical(stripped) or stripped, extractor=EXTRACTOR.name))
    return assign_ids(found, "ent")


EXTRACTOR = Extractor(name="entities", version="1.0", field="entities", run=extract)
