"""Per-document indexes shared by the extractors.

spaCy rebuilds ``Doc.text`` (joining every token), ``Doc.ents`` and each
``Token.sent`` from the whole document on every access; an extractor that
reads them per mention turns a linear pass into a quadratic one. These are
computed once per doc and kept in ``doc.user_data`` (the pipeline seeds the
text with the article's, which is the same string).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span as SpacySpan, Token

TEXT_KEY = "newsledger.text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[SpacySpan, ...]:
    ents = doc.user_data.get("newsledger.ents")
    if ents is None:
        ents = doc.user_data["newsledger.ents"] = tuple(doc.ents)
    return ents


def _sent_index(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    index = doc.user_data.get("newsledger.sents")
    if index is None:
        of_token = [0] * len(doc)
        bounds: list[tuple[int, int]] = []
        for n, sent in enumerate(doc.sents):
            bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                of_token[i] = n
        index = doc.user_data["newsledger.sents"] = (of_token, bounds)
    return index


def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds [start, end) of the sentence holding token ``i``."""
    of_token, bounds = _sent_index(doc)
    return bounds[of_token[i]]


def sentences(doc: Doc) -> list[SpacySpan]:
    return [doc[s:e] for s, e in _sent_index(doc)[1]]


def token_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get("newsledger.starts")
    if starts is None:
        starts = doc.user_data["newsledger.starts"] = [t.idx for t in doc]
    return starts


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens that begin inside [start, end)."""
    starts = token_starts(doc)
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return [doc[i] for i in range(lo, hi)]


def token_lowers(doc: Doc) -> list[str]:
    """Every token's lower-case form, for phrase matching over many spans."""
    lowers = doc.user_data.get("newsledger.lowers")
    if lowers is None:
        lowers = doc.user_data["newsledger.lowers"] = [t.lower_ for t in doc]
    return lowers
