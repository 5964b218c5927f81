"""Paragraph breaks as sentence boundaries, set before spaCy's parser.

News text reaches the pipeline as headline, blank line, body; photo captions
and bylines sit on lines of their own. spaCy's parser does not treat a blank
line as a boundary, so it glues the headline onto the first sentence ("Ferry
Sinks off Crete, Near Heraklion, Leaving 12 Missing The coastguard said
...") and parses both as one clause: the headline's verb becomes the subject
of the lead's. A sentence start set before
the parser is respected by it, so marking the first token after a blank
line keeps each paragraph's parse to itself. Only starts are set: within a
paragraph the parser still decides. A single line break is left alone:
some sources hard-wrap lines inside sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "newsledger_paragraphs"


@Language.component(COMPONENT)
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at the first word after a blank line."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def add_paragraphs(nlp: Language) -> None:
    """Pipeline extension: the component goes right before the parser."""
    if COMPONENT in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    nlp.add_pipe(COMPONENT, before="parser")
