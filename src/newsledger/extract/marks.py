"""Quotation marks: pair openers with closers, across paragraphs, and report the unclosed.

Works on the raw text only (no parse), so it is cheap and exact. Styles:
“…” (also „…“ and „…” ), ‘…’ (also ‚…‘), «…», ‹…›, straight "…" and
straight '…' (the last only at word boundaries, since ' is also an apostrophe).
A closing ’ between two letters is an apostrophe (don’t), not a closer.

Multi-paragraph quotes follow the typographic convention: an unclosed quote
continues when the next paragraph *reopens* with the same opening mark; the
pair then spans both paragraphs. An opener that is neither closed nor reopened
before its paragraph ends is *unclosed*: it is reported in
:attr:`MarkScan.unclosed` and never guessed into a quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: opening mark -> the closing marks that may end it
PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”",),
    "„": ("“", "”"),
    "‘": ("’",),
    "‚": ("‘", "’"),
    "«": ("»",),
    "‹": ("›",),
    '"': ('"',),
    "'": ("'",),
    "»": ("«",),  # Danish/German reversed guillemets; only used when nothing else fits
    "”": ("”", "“"),  # a right mark typed as an opener (”Mr. Trump ...”); only at a boundary
}
#: stands in for the second mark of a doubled straight quote (''...'', as in NYT copy)
_DOUBLED = "\x01"
OPENERS = frozenset(PAIRS)
CLOSERS = frozenset(c for cs in PAIRS.values() for c in cs)
ALL_MARKS = OPENERS | CLOSERS


@dataclass(frozen=True, slots=True)
class MarkPair:
    """A quoted stretch: ``open`` and ``close`` index the marks themselves."""

    open: int
    close: int

    @property
    def start(self) -> int:
        return self.open

    @property
    def end(self) -> int:
        """End (exclusive) of the span that includes both marks."""
        return self.close + 1


@dataclass(slots=True)
class MarkScan:
    pairs: list[MarkPair] = field(default_factory=list)
    #: offsets of opening marks that were never closed (reported, not guessed)
    unclosed: list[int] = field(default_factory=list)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _can_open(text: str, i: int) -> bool:
    """An opener stands before text and after a boundary (space, start, bracket, dash)."""
    ch = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev = text[i - 1] if i > 0 else ""
    if not nxt:
        return False
    if nxt.isspace():
        # French spacing: « non »; any other mark followed by a space opens nothing
        return ch in "«‹" and i + 2 < len(text) and not text[i + 2].isspace()
    if ch in "'’‘":
        # an apostrophe inside or after a word is not an opener ('90s is, rarely; accepted)
        return not _is_word(prev)
    if ch in ('"', "»", "”"):
        return not prev or prev.isspace() or prev in "([{—–-/:;,"
    return True


def _can_close(text: str, i: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in "'’":
        # don’t / it's: an apostrophe between letters; soldiers’ (possessive) is accepted as a closer
        if _is_word(prev) and _is_word(nxt):
            return False
        return bool(prev) and not prev.isspace()
    if ch == '"':
        return bool(prev) and not prev.isspace() and not _is_word(nxt)
    return True


def _paragraph_end(text: str, i: int) -> int:
    """Index of the newline that ends the paragraph containing ``i`` (or len(text))."""
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _next_paragraph_start(text: str, nl: int) -> int:
    j = nl
    while j < len(text) and text[j].isspace():
        j += 1
    return j


def scan(text: str) -> MarkScan:
    """Pair every quotation mark in ``text``; see the module docstring for the rules.

    A doubled straight single quote ('') counts as one double mark; the pair then
    covers both characters of each doubled mark.
    """
    original = text
    text = text.replace("''", '"' + _DOUBLED)
    result = MarkScan()
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in OPENERS or not _can_open(text, i):
            i += 1
            continue
        close = _find_close(text, i)
        if close is None:
            if ch not in ("'", "»", "’", "”"):  # these are too ambiguous to report as unclosed
                result.unclosed.append(i)
            i += 1
            continue
        end = close + 1 if original[close:close + 2] == "''" else close
        result.pairs.append(MarkPair(i, end))
        i = end + 1
    return result


def _find_close(text: str, start: int) -> int | None:
    """The closer matching the opener at ``start``, following reopened paragraphs."""
    opener = text[start]
    closers = PAIRS[opener]
    symmetric = opener in closers
    j = start + 1
    para_end = _paragraph_end(text, j)
    while j < len(text):
        if j >= para_end:
            # the paragraph ended inside the quote: it continues only if the next one reopens
            k = _next_paragraph_start(text, j)
            if k < len(text) and text[k] == opener and _can_open(text, k):
                j = k + 1
                para_end = _paragraph_end(text, j)
                continue
            return None
        ch = text[j]
        if ch in closers and _can_close(text, j):
            if not (symmetric and _can_open(text, j) and not _can_close_strict(text, j)):
                return j
        elif not symmetric and ch == opener and _can_open(text, j) and opener not in ("‘", "'"):
            # a second opener of the same style before any closer: the first was left open
            return None
        j += 1
    return None


def _can_close_strict(text: str, i: int) -> bool:
    """For symmetric marks: a mark followed by punctuation/space/end closes."""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return not nxt or nxt.isspace() or not _is_word(nxt)
