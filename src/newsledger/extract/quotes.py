"""Direct, indirect and mixed quotes with cue and speaker.

A quote is an attribution whose cue is speech (said, told, announced,
according to) or a direct quotation in marks; thoughts and intentions
("believes", "wants") are claims, not quotes. The finding is shared with the
claims extractor in :mod:`attribution` (method, lexicons and limits there).

``text`` is the content: for a direct quote it includes the quotation marks
(as PolNeAR annotates it), for an indirect one it is the reported clause
("that It plans to ask for asylum"). ``kind`` is ``mixed`` when a quoted
fragment sits inside indirect speech.

Unclosed quotation marks are not guessed into quotes: they are left out, and
their offsets are kept on the doc (``doc.user_data["newsledger.unclosed_quotes"]``)
and available from :func:`unclosed` for diagnostics. The record has no
warnings field to carry them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Quote
from . import attribution, marks
from .base import Context, Extractor, assign_ids
from .docindex import doc_text

SPEECH_KINDS = frozenset({"speech", "according", "structural", "continued"})


def extract(doc: Doc, ctx: Context) -> list[Quote]:
    text = doc_text(doc)
    quotes: list[Quote] = []
    for a in choose(attribution.find(doc, ctx)):
        quotes.append(Quote(id="", text=text[a.start:a.end], start=a.start, end=a.end, kind=a.kind,  # type: ignore[arg-type]
                            speaker=a.speaker, cue=a.cue, extractor=EXTRACTOR.name))
    return assign_ids(quotes, "q")


def choose(found: list[attribution.Attribution]) -> list[attribution.Attribution]:
    """The attributions that are quotes: speech cues and any direct quotation."""
    return [a for a in found if a.cue_kind in SPEECH_KINDS or a.kind in ("direct", "mixed")]


def unclosed(text: str) -> list[int]:
    """Offsets of quotation marks that open and are never closed (not reported as quotes)."""
    return marks.scan(text).unclosed


EXTRACTOR = Extractor(name="quotes", version="1.10", field="quotes", run=extract,
                      load=attribution.load_lexicon)
