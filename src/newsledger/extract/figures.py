"""Figures: numbers with what is counted, the measure and the carrying claim.

A figure is a count or an amount the article states: "some 4,000 North Korean
soldiers", "$40 billion", "15-20%", "dozens of protesters", "between 10 and
20". Each becomes a :class:`~newsledger.model.Figure` with

* ``value`` (and ``value_max`` for a range), parsed from digits ("4,000",
  "1.2", "$15bn") and words ("twenty six", "two hundred", "a dozen");
* ``approximate``: an approximator before or after the number ("some",
  "about", "more than", "at least", "up to", "30-odd") or a vague plural count
  ("dozens" -> 12, "hundreds" -> 100, the ACLED Codebook convention);
* ``unit``: the counted noun phrase, found with spaCy's dependencies (the
  noun a number modifies as ``nummod``, or the ``pobj`` of "of" after a vague
  count); for money the ISO 4217 currency code, for percentages "percent";
* ``measure``: killed, injured, killed_or_injured, captured, missing,
  displaced, deployed, arrested, money or other, decided from the word that
  governs the counted noun (its participle modifier, the verb it is subject
  or object of, the noun whose "of" it follows) through the lexicon
  ``resources/en/figures/measures.tsv``; "died or have been injured" names two
  measures and so gives killed_or_injured; the people measures apply only to
  counts of people (``people.yaml``) or bare numbers, and never to the agent
  of an active verb ("5,000 troops killed dozens": the dozens were killed);
* ``claim``: the innermost claim in ``record.claims`` whose span contains it.

What it does not do: it does not emit dates, times, years, ordinals, ages,
phone numbers, labels ("Flight 370", "Boeing 737", "KC-45") or the numbers
inside time expressions (those are the times extractor's, and spaCy's DATE,
TIME and ORDINAL entities are respected too); it does not resolve anaphoric
figures ("the figure") or add figures up; "from 10 to 20" is two figures (a
change), not a range. Vocabulary (number words, scales, currencies,
approximators, label words) is data in ``resources/en/figures/numbers.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from spacy.tokens import Doc, Token

from .. import resources
from ..model import Claim, Figure
from .base import Context, Extractor, assign_ids

VERSION = "1.3"

# -- vocabulary ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The figures vocabulary, loaded once from the data files."""

    units: Mapping[str, Decimal]
    scales: Mapping[str, Decimal]
    suffixes: Mapping[str, Decimal]
    vague: Mapping[str, Decimal]
    vague_prefixes: Mapping[tuple[str, ...], Decimal]
    approximators: tuple[tuple[str, ...], ...]
    approximators_after: tuple[tuple[str, ...], ...]
    connectors: frozenset[str]
    currency_prefixes: Mapping[str, str]
    currency_words: Mapping[str, str]
    percent: tuple[tuple[str, ...], ...]
    label_words: frozenset[str]
    measurement_units: frozenset[str]
    time_units: frozenset[str]
    invariant_plurals: frozenset[str]
    measures: Mapping[str, str]
    #: lemmas that name the measure as the object of the counted subject's verb ("lost their lives")
    object_measures: Mapping[str, str]
    #: nouns and plural endings that count people (see resources/en/figures/people.yaml)
    people: frozenset[str] = frozenset()
    people_suffixes: tuple[str, ...] = ()
    not_people_suffixes: tuple[str, ...] = ()
    #: verbs of change or state whose subject names what a number measures ("the death toll rose to 30")
    state_verbs: frozenset[str] = frozenset()
    #: words after a number that make it a ratio ("five times as many people"): nothing counted
    ratio_words: frozenset[str] = frozenset()

    @property
    def start_words(self) -> frozenset[str]:
        """Words that may begin a spelled number or vague count ("twenty", "a", "dozens", "several")."""
        return frozenset(self.units) | frozenset(self.vague) | {"a", "an"} \
            | {k[0] for k in self.vague_prefixes}


def _phrases(words: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Multi-word phrases as token tuples, longest first (longest match wins)."""
    split = {tuple(str(w).lower().split()) for w in words}
    return tuple(sorted(split, key=lambda p: (-len(p), p)))


def _decimals(table: Mapping[str, object]) -> dict[str, Decimal]:
    return {str(k).lower(): Decimal(str(v)) for k, v in table.items()}


def load() -> Lexicon:
    data = resources.load_yaml("figures/numbers.yaml")
    rows = resources.load_tsv("figures/measures.tsv")
    measures = {row[0].lower(): row[1] for row in rows if len(row) < 3 or row[2] != "object"}
    object_measures = {row[0].lower(): row[1] for row in rows if len(row) >= 3 and row[2] == "object"}
    people = resources.load_yaml("figures/people.yaml")
    return Lexicon(
        units=_decimals(data["units"]),
        scales=_decimals(data["scales"]),
        suffixes=_decimals(data["scale_suffixes"]),
        vague=_decimals(data["vague"]),
        vague_prefixes={tuple(k.lower().split()): Decimal(str(v)) for k, v in data["vague_prefixes"].items()},
        approximators=_phrases(data["approximators"]),
        approximators_after=_phrases(data["approximators_after"]),
        connectors=frozenset(str(c).lower() for c in data["range_connectors"]),
        currency_prefixes={str(k): str(v) for k, v in data["currency_prefixes"].items()},
        currency_words={str(k).lower(): str(v) for k, v in data["currency_words"].items()},
        percent=_phrases(data["percent"]),
        label_words=frozenset(str(w).lower() for w in data["label_words"]),
        measurement_units=frozenset(str(w).lower() for w in data["measurement_units"]),
        time_units=frozenset(str(w).lower() for w in data["time_units"]),
        invariant_plurals=frozenset(str(w).lower() for w in data["invariant_plurals"]),
        measures=measures,
        object_measures=object_measures,
        people=frozenset(str(w).lower() for w in people["nouns"]),
        people_suffixes=tuple(str(w).lower() for w in people["suffixes"]),
        not_people_suffixes=tuple(str(w).lower() for w in people["not_suffixes"]),
        state_verbs=frozenset(str(w).lower() for w in data["state_verbs"]),
        ratio_words=frozenset(str(w).lower() for w in data["ratio_words"]),
    )


# -- numbers ------------------------------------------------------------------

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")
_BARE_M = re.compile(r"^\d[\d,]*(?:\.\d+)?m\.?$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
#: three or more digit groups separated by spaces, dots, dashes: phone numbers, codes
_PHONE = re.compile(r"(?<![\w,.])\+?\(?\d{2,5}\)?(?:[ .\-/]\(?\d{2,5}\)?){2,}(?![\w,])")
#: spaCy entity labels whose numbers are not figures
_TIME_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
#: entity labels whose numbers are part of a name ("Boeing 737", "Apollo 11")
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class NumberToken:
    value: Decimal
    #: "digit" (written in digits), "word" (a cardinal word), "scale" (hundred, million, bn)
    kind: str


def number_token(tok: Token, lex: Lexicon) -> NumberToken | None:
    """What a single token contributes to a number, if anything."""
    text = tok.text
    low = text.lower()
    if _DIGITS.match(text):
        try:
            return NumberToken(Decimal(text.replace(",", "")), "digit")
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            return None
    m = _DIGITS_SUFFIX.match(low)
    if m and m.group(2) in lex.suffixes:
        return NumberToken(Decimal(m.group(1).replace(",", "")) * lex.suffixes[m.group(2)], "digit")
    if low in lex.units:
        return NumberToken(lex.units[low], "word")
    if low in lex.scales:
        return NumberToken(lex.scales[low], "scale")
    return None


@dataclass(slots=True)
class Candidate:
    """A number phrase found in the doc, before it is checked and described.

    ``start``/``end`` are token indices of the whole figure (approximators and
    currency included); ``core`` are the token indices of the numbers themselves.
    """

    start: int
    end: int
    core: list[int]
    value: Decimal
    value_max: Decimal | None = None
    approximate: bool = False
    vague: bool = False
    currency: str | None = None
    percent: bool = False
    scaled: bool = False
    #: the range was opened by "between", so "and" may close it
    between: bool = False
    #: two numbers joined by a hyphen that are no range ("2-1", "555-1234"): a score or a code
    code: bool = False
    #: the digits carry a bare "m" ("400m"): millions with money or before a plural noun, else metres
    bare_m: Decimal | None = None
    #: characters to drop from the end of the last token ("£400m." tokenized as "m.")
    trim: int = 0


def _match_phrase(doc: Doc, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase starting at token ``i`` (0 if none)."""
    for phrase in phrases:
        n = len(phrase)
        if i + n <= len(doc) and all(doc[i + k].lower_ == phrase[k] for k in range(n)):
            return n
    return 0


def _match_phrase_before(doc: Doc, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase ending just before token ``i`` (0 if none)."""
    for phrase in phrases:
        n = len(phrase)
        if i - n >= 0 and all(doc[i - n + k].lower_ == phrase[k] for k in range(n)):
            return n
    return 0


def _glued(doc: Doc, i: int) -> bool:
    """True if token ``i`` follows token ``i-1`` with no space ("twenty-six", "KC-45")."""
    return i > 0 and not doc[i - 1].whitespace_


def _scan_number(doc: Doc, i: int, lex: Lexicon) -> tuple[int, Decimal, bool, bool] | None:
    """Read a spelled or written number from token ``i``.

    Returns (end token, value, approximate, scaled) or None. Handles "4,000",
    "1.2 million", "twenty six", "twenty-six", "two hundred and five", "a
    dozen", "$15bn" (the digits part), "dozens", "hundreds of thousands",
    "tens of thousands", "several hundred".
    """
    n = len(doc)
    low = doc[i].lower_
    # vague plural counts, multiplied through "of" ("hundreds of thousands")
    if low in lex.vague:
        if low == "tens" and not (i + 2 < n and doc[i + 1].lower_ == "of"
                                  and (doc[i + 2].lower_ in lex.vague or doc[i + 2].lower_ in lex.scales)):
            return None
        value = lex.vague[low]
        j = i + 1
        while j + 1 < n and doc[j].lower_ == "of" and doc[j + 1].lower_ in lex.vague \
                and lex.vague[doc[j + 1].lower_] >= Decimal(1000):
            value *= lex.vague[doc[j + 1].lower_]
            j += 2
        return j, value, True, True
    # "several hundred", "a few thousand"
    plen = _match_phrase(doc, i, tuple(lex.vague_prefixes)) if any(k[0] == low for k in lex.vague_prefixes) else 0
    if plen and i + plen < n and doc[i + plen].lower_ in lex.scales:
        prefix = tuple(t.lower_ for t in doc[i:i + plen])
        scale = lex.scales[doc[i + plen].lower_]
        j = i + plen + 1
        return j, lex.vague_prefixes[prefix] * scale, True, True

    total = Decimal(0)
    current: Decimal | None = None
    scaled = False
    last_kind = ""
    j = i
    # "a hundred", "a dozen", "a million"
    if low in ("a", "an") and i + 1 < n and doc[i + 1].lower_ in lex.scales:
        current = Decimal(1)
        last_kind = "word"
        j = i + 1
    while j < n:
        tok = doc[j]
        nt = number_token(tok, lex)
        suffix = tok.lower_[:-1] if tok.lower_.endswith(".") else tok.lower_
        if nt is None and last_kind == "digit" and suffix in lex.suffixes and current is not None \
                and (_glued(doc, j) or len(suffix) > 1) and suffix not in lex.scales:
            # "5m", "2bn" split by the tokenizer: the suffix scales the digits
            current *= lex.suffixes[suffix]
            scaled = True
            last_kind = "scale"
            j += 1
            continue
        if nt is None:
            # "two and a half"
            if tok.lower_ == "and" and last_kind in ("word", "digit") and j + 2 < n \
                    and doc[j + 1].lower_ in ("a", "one") and doc[j + 2].lower_ == "half" and current is not None:
                current += Decimal("0.5")
                j += 3
                continue
            # "two hundred and five"; "twenty-six"
            if tok.lower_ == "and" and last_kind == "scale" and j + 1 < n:
                nxt = number_token(doc[j + 1], lex)
                if nxt is not None and nxt.kind == "word" and nxt.value < 100:
                    j += 1
                    continue
            if tok.text == "-" and last_kind == "word" and j + 1 < n and _glued(doc, j) and _glued(doc, j + 1):
                nxt = number_token(doc[j + 1], lex)
                if nxt is not None and nxt.kind == "word" and nxt.value < 10 and current is not None \
                        and current % 10 == 0 and current < 100:
                    j += 1
                    continue
            break
        if nt.kind == "scale":
            if current is None and last_kind != "scale":
                if j == i:
                    return None  # a bare "million" or "score" is not a number
                break
            if current is None:
                break
            scaled = True
            if nt.value < 1000:
                current = current * nt.value
            else:
                total += current * nt.value
                current = None
            last_kind = "scale"
        elif nt.kind == "digit":
            if last_kind:  # "5 10": two numbers side by side are not one
                break
            current = nt.value
            if _DIGITS_SUFFIX.match(tok.lower_):
                scaled = True
            last_kind = "digit"
        else:  # word
            if last_kind == "digit":
                break
            if last_kind == "word":
                # "twenty six" continues a tens word with a unit; "five six" does not
                if current is None or not (current % 10 == 0 and current < 100 and nt.value < 10):
                    break
                current += nt.value
            elif last_kind == "scale" and current is not None and current >= 100 and nt.value >= 100:
                break
            else:
                current = (current or Decimal(0)) + nt.value if last_kind == "scale" else nt.value
            last_kind = "word"
        j += 1
    if j == i or not last_kind:
        return None
    value = total + (current or Decimal(0))
    return j, value, False, scaled


def _currency_before(doc: Doc, i: int, lex: Lexicon) -> tuple[int, str | None]:
    """Currency written just before token ``i`` ("$", "US$", "US $", "€"): (start, code)."""
    if i >= 2 and not doc[i - 2].whitespace_:
        code = lex.currency_prefixes.get(doc[i - 2].text + doc[i - 1].text)
        if code:
            return i - 2, code
    if i >= 1:
        code = lex.currency_prefixes.get(doc[i - 1].text)
        if code:
            return i - 1, code
    return i, None


def _currency_at(doc: Doc, k: int, lex: Lexicon) -> tuple[str | None, int]:
    """Currency written at token ``k`` (before a second number): (code, token after it)."""
    n = len(doc)
    if k + 1 < n and doc[k + 1].text and not doc[k].whitespace_:
        code = lex.currency_prefixes.get(doc[k].text + doc[k + 1].text)
        if code:
            return code, k + 2
    if k < n:
        code = lex.currency_prefixes.get(doc[k].text)
        if code:
            return code, k + 1
    return None, k


def _after_number(doc: Doc, j: int, lex: Lexicon, cand: Candidate) -> int:
    """Extend past a currency word, a percent sign or word, or "-odd"/"or so" after the number."""
    n = len(doc)
    # "23 billion dollar", "1.2 million US dollars"
    k = j
    if k + 1 < n and doc[k].text in ("US", "U.S.") and doc[k + 1].lower_ in lex.currency_words:
        k += 1
    if k < n and doc[k].lower_ in lex.currency_words and not doc[k].is_title:
        cand.currency = cand.currency or lex.currency_words[doc[k].lower_]
        return k + 1
    plen = _match_phrase(doc, j, lex.percent)
    if plen:
        cand.percent = True
        return j + plen
    start = j + 1 if j < n and doc[j].text == "-" and _glued(doc, j) else j
    alen = _match_phrase(doc, start, lex.approximators_after)
    if alen and (doc[start].is_alpha or _glued(doc, start)):
        cand.approximate = True
        return start + alen
    return j


def find_candidates(doc: Doc, lex: Lexicon) -> list[Candidate]:
    """Every number phrase in the doc, left to right, with its range and approximators.

    No filtering happens here: dates, labels and phone numbers are removed by
    :func:`choose`, which can see the context.
    """
    found: list[Candidate] = []
    n = len(doc)
    i = 0
    starts = lex.start_words
    while i < n:
        tok = doc[i]
        if not tok.text[:1].isdigit() and tok.lower_ not in starts:
            i += 1  # cheap test first: most tokens cannot start a number
            continue
        scanned = _scan_number(doc, i, lex)
        if scanned is None:
            i += 1
            continue
        end, value, vague, scaled = scanned
        cand = Candidate(start=i, end=end, core=list(range(i, end)), value=value,
                         approximate=vague, vague=vague, scaled=scaled)
        last = doc[end - 1].lower_
        if last.endswith(".") and not last[:-1].isdigit():
            cand.trim = 1  # "£400m." at a sentence end: the period is not part of the figure
        if _BARE_M.match(last) or (last in ("m", "m.") and end - 1 > i):
            cand.bare_m = value / Decimal(1_000_000)
        cand.start, cand.currency = _currency_before(doc, i, lex)
        if not cand.trim:
            cand.end = _after_number(doc, end, lex, cand)
        _extend_left(doc, cand, lex)
        _extend_range(doc, cand, lex)
        found.append(cand)
        i = max(cand.end, i + 1)
    return found


def _extend_left(doc: Doc, cand: Candidate, lex: Lexicon) -> None:
    """Take in "between" and approximators ("some", "more than", "at least") before the figure."""
    s = cand.start
    if s > 0 and doc[s - 1].lower_ == "between":
        cand.start = s - 1
        cand.between = True
        return
    alen = _match_phrase_before(doc, s, lex.approximators)
    if alen:
        cand.start = s - alen
        cand.approximate = True


def _extend_range(doc: Doc, cand: Candidate, lex: Lexicon) -> None:
    """Join "10-20", "1,500 to 2,000", "between $12 million and $20 million", "two or three"."""
    n = len(doc)
    j = cand.end
    if j >= n or doc[j].lower_ not in lex.connectors:
        return
    conn = doc[j].lower_
    if conn == "and" and not cand.between:
        return
    if conn == "to" and cand.start > 0 and doc[cand.start - 1].lower_ == "from":
        return  # "from 10 to 20": a change, two figures
    k = j + 1
    second_start = k
    code, k = _currency_at(doc, k, lex)
    if k >= n:
        return
    scanned = _scan_number(doc, k, lex)
    if scanned is None:
        return
    end, value2, vague2, scaled2 = scanned
    if vague2 or cand.vague:
        return
    second = Candidate(start=second_start, end=end, core=list(range(k, end)), value=value2, currency=code,
                       scaled=scaled2)
    second.end = _after_number(doc, end, lex, second)
    low = cand.value
    if not cand.scaled and scaled2 and not cand.currency and not cand.percent:
        # "between 10 and 20 million": the scale of the second applies to the first
        for t in doc[second.core[0]:second.core[-1] + 1]:
            nt = number_token(t, lex)
            if nt is not None and nt.kind == "scale" and nt.value >= 1000:
                if low * nt.value < value2:
                    low = low * nt.value
                break
    if value2 <= low:
        if conn == "-" and _glued(doc, j) and _glued(doc, j + 1):
            cand.code = True  # "won 2-1", "555-1234": neither number is a figure
            cand.end = second.end
        return
    cand.value = low
    cand.value_max = value2
    cand.end = second.end
    cand.core.extend(second.core)
    cand.currency = cand.currency or second.currency
    cand.percent = cand.percent or second.percent
    cand.scaled = cand.scaled or second.scaled
    if conn == "or":
        cand.approximate = True


# -- choosing -----------------------------------------------------------------


def _blocked_chars(doc: Doc, ctx: Context) -> list[tuple[int, int]]:
    """Character ranges whose numbers are not figures: time expressions and phone-like runs."""
    spans = [(t.start, t.end) for t in ctx.record.times]
    spans.extend((m.start(), m.end()) for m in _PHONE.finditer(ctx.record.text))
    return spans


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def is_figure(doc: Doc, cand: Candidate, lex: Lexicon, blocked: list[tuple[int, int]]) -> bool:
    """Whether a candidate is a count or amount, not a date, label, age or code."""
    core = [doc[i] for i in cand.core]
    first = core[0]
    measured = cand.currency is not None or cand.percent
    start_char = core[0].idx
    end_char = core[-1].idx + len(core[-1])
    if cand.code or _overlaps(start_char, end_char, blocked):
        return False
    if first.text.startswith("0") and len(first.text) > 1 and first.text[1].isdigit():
        return False  # "02", "007": clock digits and codes, not counts
    if not measured and any(t.ent_type_ in _TIME_LABELS for t in core):
        return False
    if any(t.ent_type_ in _NAME_LABELS for t in core) and not measured:
        return False  # inside a name: "Boeing 737", "Apollo 11"
    if len(core) == 1 and not measured and not cand.scaled and _YEAR.match(first.text) \
            and first.dep_ not in ("nummod", "quantmod"):
        return False
    # labels and ages: "Flight 370", "No. 10", "aged 25"
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if before == "." and cand.start > 1:
        before = doc[cand.start - 2].lower_ + "."  # "No. 10"
    if before in lex.label_words and not cand.approximate:
        return False
    # glued to a word: "KC-45", "COVID-19", "G7"
    if first.i >= 2 and doc[first.i - 1].text in ("-", "/") and _glued(doc, first.i) \
            and _glued(doc, first.i - 1) and doc[first.i - 2].is_alpha \
            and number_token(doc[first.i - 2], lex) is None:
        return False
    if first.i == cand.start and first.i > 0 and _glued(doc, first.i) and doc[first.i - 1].is_alpha:
        return False
    # "one" as a pronoun ("no one", "one of the", "the one"), not a count
    if len(core) == 1 and first.lower_ == "one" and first.dep_ != "nummod" and cand.value_max is None:
        return False
    return True


def _bare_label(doc: Doc, cand: Candidate) -> bool:
    """A bare number after a determiner with nothing counted: a model name ("the 787", "its 747")."""
    if cand.currency or cand.percent or cand.approximate or cand.value_max is not None or cand.start == 0 \
            or cand.scaled:
        return False
    before = doc[cand.start - 1]
    return before.pos_ in ("DET", "PRON") and before.dep_ in ("det", "poss") \
        and counted_noun(doc, cand) is None and "," not in doc[cand.core[0]].text


def _plain(cand: Candidate) -> bool:
    """A lone number with nothing that marks it as an amount (currency, percent, approximator)."""
    return not (cand.currency or cand.percent or cand.approximate or cand.vague)


def is_label(doc: Doc, cand: Candidate, lex: Lexicon) -> bool:
    """Whether a number names something rather than counts it: "Boeing 737", "iPhone 4",
    "the 737-800 range", "777-200LR", "3G", "iLife '11", "a 747 jet".

    The strongest general cue is grammatical number: a count above one takes a
    plural noun ("five aircraft" aside), a model number a singular one ("the 787
    Dreamliner"), unless the noun is a unit of measurement ("500km").
    """
    if not _plain(cand):
        return False
    core = [doc[i] for i in cand.core]
    first, last = core[0], core[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if prev is not None and prev.pos_ == "PROPN" and prev.i == cand.start - 1 \
            and "," not in first.text and prev.text[:1].isalpha():
        return True
    if first.is_title and first.lower_ in lex.units and not first.is_sent_start and nxt is not None \
            and nxt.pos_ == "PROPN" and nxt.is_title:
        return True  # "the Six Nations", "the Big Four": a capitalised number inside a name
    if prev is not None and prev.lower_ in ("'s", "’s") and prev.i >= 1 and doc[prev.i - 1].pos_ == "PROPN" \
            and counted_noun(doc, cand) is None:
        return True  # "Boeing's 787"
    if prev is not None and prev.text in ("'", "’") and _glued(doc, first.i):
        return True  # "'11": a year
    if nxt is not None and _glued(doc, nxt.i) and nxt.is_alpha and not _is_unit(nxt.text, lex) \
            and nxt.lower_ not in lex.suffixes and nxt.lower_ not in lex.scales:
        return True  # "3G", "4K"
    if nxt is not None and nxt.text == "-" and _glued(doc, nxt.i) and nxt.i + 1 < len(doc) \
            and _glued(doc, nxt.i + 1) and any(ch.isalpha() for ch in doc[nxt.i + 1].text) \
            and not _is_unit(doc[nxt.i + 1].text, lex):
        return True  # "777-200LR"; compound adjectives "one-off", "five-star", "10-point"
    # a single bare digit token right before a singular noun: "the 787 Dreamliner", "a 747 jet"
    if len(core) == 1 and first.text.isdigit() and cand.value > 1 and nxt is not None \
            and nxt.pos_ in ("NOUN", "PROPN") and not _is_unit(nxt.text, lex):
        head = nxt  # the noun phrase's head: "787 Dreamliner aircraft" counts aircraft
        while head.dep_ in ("compound", "nmod", "amod") and head.i < head.head.i <= head.i + 4:
            head = head.head
        if head.tag_ in ("NN", "NNP") and head.lower_ not in lex.invariant_plurals \
                and not _is_unit(head.text, lex) and not head.lower_.endswith("s"):
            return True
    return False


def _is_unit(word: str, lex: Lexicon) -> bool:
    """A unit of measurement; one-letter units only in lower case ("5 m" yes, "3G" no)."""
    if len(word) == 1:
        return word in lex.measurement_units
    return word.lower() in lex.measurement_units


def _is_duration(doc: Doc, cand: Candidate, lex: Lexicon) -> bool:
    """A number counting time units ("two and a half years") belongs to the times extractor."""
    if cand.currency or cand.percent:
        return False
    noun = counted_noun(doc, cand)
    return noun is not None and noun.lower_ in lex.time_units


def _anaphoric(doc: Doc, cand: Candidate, lex: Lexicon) -> bool:
    """"the two companies": a definite reference to things already counted, not a new figure."""
    if not _plain(cand) or cand.value_max is not None or cand.start == 0:
        return False
    words = all(doc[i].lower_ in lex.units for i in cand.core)
    return words and doc[cand.start - 1].lower_ in ("the", "these", "those", "both")


def choose(doc: Doc, candidates: list[Candidate], lex: Lexicon, ctx: Context) -> list[Candidate]:
    """The candidates that are figures.

    A number that names something once ("Boeing 737") names it throughout
    the article (one sense per discourse), so "five new 737 aircraft" keeps
    only "five". Candidates never overlap: the scan consumes tokens.
    """
    blocked = _blocked_chars(doc, ctx)
    labels = {doc[i].text for c in candidates if is_label(doc, c, lex) for i in c.core if doc[i].text.isdigit()}
    chosen = []
    for c in candidates:
        if not is_figure(doc, c, lex, blocked) or _bare_label(doc, c) or _is_duration(doc, c, lex) \
                or _anaphoric(doc, c, lex) or is_label(doc, c, lex):
            continue
        if _plain(c) and any(doc[i].text in labels for i in c.core):
            continue
        chosen.append(c)
    return chosen


# -- describing ---------------------------------------------------------------

_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos", "advmod"})
_CLIMB_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "appos", "conj", "prep",
                         "agent", "npadvmod", "dative", "acomp"})


def counted_noun(doc: Doc, cand: Candidate) -> Token | None:
    """The noun a figure counts: the head it modifies, or the pobj of a following "of"."""
    inside = set(range(cand.start, cand.end))
    for i in reversed(cand.core):
        tok = doc[i]
        head = tok.head
        if head.i not in inside and head.i >= cand.end and head.i - cand.end <= 6 \
                and head.pos_ in ("NOUN", "PROPN") and tok.dep_ in _MODIFIER_DEPS \
                and not any(t.is_punct and t.text != "-" for t in doc[cand.end:head.i]):
            return head
    # "dozens of protesters", "4,000 of them", "two of the soldiers"
    for i in range(cand.start, min(cand.end + 1, len(doc))):
        for child in doc[i].children:
            if child.lower_ == "of" and child.i >= cand.end - 1:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                        return pobj
    return None


def unit_text(doc: Doc, cand: Candidate, noun: Token) -> str:
    """The counted noun with its adjectival and compound modifiers ("North Korean soldiers")."""
    start = noun.i
    floor = max(cand.end, noun.left_edge.i)
    while start - 1 >= floor:
        prev = doc[start - 1]
        if prev.pos_ in ("ADJ", "NOUN", "PROPN") or (prev.text == "-" and _glued(doc, start)):
            start -= 1
        else:
            break
    while start < noun.i and doc[start].text == "-":
        start += 1
    return doc[start:noun.i + 1].text


def _lemma_measures(tokens: Sequence[Token], lex: Lexicon) -> list[str]:
    """Measures named by these tokens: verbs by lemma only ("missing forecasts" is not "missing")."""
    found: list[str] = []
    for tok in tokens:
        adjectival = tok.pos_ not in ("VERB", "AUX") or (
            tok.tag_ in ("VBG", "VBN") and not any(c.dep_ == "dobj" for c in tok.children))
        keys = (tok.lemma_.lower(), tok.lower_) if adjectival else (tok.lemma_.lower(),)
        for key in keys:
            measure = lex.measures.get(key)
            if measure:
                found.append(measure)
                break
    return found


def _combine(found: list[str]) -> str | None:
    """One measure from several: killed and injured together are killed_or_injured."""
    if not found:
        return None
    kinds = set(found)
    if "killed_or_injured" in kinds or {"killed", "injured"} <= kinds:
        return "killed_or_injured"
    return found[0]


def _agentive(verb: Token) -> bool:
    """An active verb with a direct object: its subject does it ("troops killed 12"), not undergoes it."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "dobj" for c in verb.children) \
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def _verb_group(verb: Token) -> list[Token]:
    """A verb with the verbs that share its subject and its complements.

    "have died or have been injured" (coordinated, one subject) gives both
    verbs; "191 were killed and 2,000 injured" keeps each verb to its own
    subject. Complements carry the measure for raising and resultative verbs:
    "are feared to be dead", "were left homeless", "thought to have died".
    """
    root = verb
    while root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX", "ADJ") and not _has_subject(root):
        root = root.head
    group = [root]
    stack = [root]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX", "ADJ") and not _has_subject(child):
                group.append(child)
                stack.append(child)
    complements = []
    frontier = list(group)
    for _ in range(3):
        frontier = [c for v in frontier for c in v.children if c.dep_ in ("xcomp", "acomp", "oprd")]
        complements.extend(frontier)
    return [verb] + [v for v in group + complements if v is not verb]


def counts_people(noun: Token, lex: Lexicon) -> bool:
    """Whether a counted noun counts people: listed, an agent plural, a nationality, or a casualty noun."""
    low = noun.lower_
    if low in lex.people or noun.lemma_.lower() in lex.people or low in lex.measures:
        return True
    if noun.ent_type_ in ("NORP", "PERSON"):
        return True
    if noun.tag_ in ("NNS", "NNPS") and low.endswith(lex.people_suffixes) \
            and not low.endswith(lex.not_people_suffixes):
        return True
    return False


def measure_of(doc: Doc, cand: Candidate, noun: Token | None, lex: Lexicon) -> str:
    """What the figure measures, from the words that govern it (see the module docstring).

    Casualty, capture, arrest, displacement and deployment measures are
    counts of people: a figure counting anything else ("seize 12,900 acres")
    measures "other" whatever its verb.
    """
    if cand.currency:
        return "money"
    if cand.percent:
        return "other"
    if noun is not None and not counts_people(noun, lex):
        return "other"
    anchor = noun if noun is not None else doc[cand.core[-1]]
    # the counted noun itself and its modifiers: "casualties", "captured soldiers", "12 dead"
    own = [anchor] + [c for c in anchor.children if c.dep_ in ("amod", "compound", "relcl", "acl")
                      and c.i not in cand.core]
    if noun is None and anchor.head.pos_ == "ADJ" and anchor.dep_ in ("nummod", "npadvmod"):
        own.append(anchor.head)
    for rel in [c for c in anchor.children if c.dep_ in ("relcl", "acl")]:
        if _agentive(rel):
            own.remove(rel)  # "gunmen who killed five": the counted are the agents
            continue
        own.extend(_verb_group(rel)[1:])
    measure = _combine(_lemma_measures(own, lex))
    if measure:
        return measure
    node = anchor
    for _ in range(4):
        if node.dep_ not in _CLIMB_DEPS or node.head is node:
            break
        gov = node.head
        if gov.pos_ in ("VERB", "AUX") or (gov.pos_ == "ADJ" and node.dep_ != "prep"):
            group = _verb_group(gov)
            if node.dep_ == "nsubj" and _agentive(gov):
                group = [v for v in group if v is not gov and not _agentive(v)]  # the agent, not the victim
            measure = _combine(_lemma_measures(group, lex))
            if measure:
                return measure
            if node.dep_ in ("nsubj", "nsubjpass"):
                objects = [c for c in gov.children if c.dep_ == "dobj"]
                found = [lex.object_measures[o.lemma_.lower()] for o in objects
                         if o.lemma_.lower() in lex.object_measures]
                if found:
                    return found[0]
            if gov.lemma_.lower() in lex.state_verbs:
                subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass") and c is not node]
                for subj in subjects:
                    mods = [subj] + [c for c in subj.children if c.dep_ in ("compound", "amod")]
                    measure = _combine(_lemma_measures(mods, lex))
                    if measure:
                        return measure
            if gov.pos_ == "VERB" and node.dep_ != "prep":
                break
        elif gov.pos_ in ("NOUN", "PROPN"):
            mods = [gov] + [c for c in gov.children if c.dep_ in ("compound", "amod")]
            measure = _combine(_lemma_measures(mods, lex))
            if measure:
                return measure
        node = gov
    return "other"


def carrying_claim(claims: Sequence[Claim], start: int, end: int) -> str | None:
    """The id of the innermost claim whose span contains [start, end)."""
    best: Claim | None = None
    for claim in claims:
        if claim.start <= start and end <= claim.end:
            if best is None or claim.end - claim.start < best.end - best.start:
                best = claim
    return best.id if best is not None else None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def describe(doc: Doc, cand: Candidate, lex: Lexicon, ctx: Context) -> Figure:
    text = ctx.record.text  # the doc's text; Doc.text would rebuild the string on every call
    start = doc[cand.start].idx
    last = doc[cand.end - 1]
    end = last.idx + len(last.text) - (cand.trim if cand.end - 1 == cand.core[-1] else 0)
    noun = counted_noun(doc, cand)
    if noun is not None and cand.end < len(doc) and doc[cand.end].lower_ in lex.ratio_words:
        noun = None  # "five times as many people": a ratio, nothing counted
    if noun is not None and not cand.currency and noun.lower_ in lex.currency_words and not noun.is_title \
            and noun.i - cand.end <= 2:
        cand.currency = lex.currency_words[noun.lower_]  # "millions of dollars", "30 trillion rupiah"
    if cand.bare_m is not None and not cand.currency and cand.value_max is None \
            and (noun is None or noun.tag_ != "NNS"):
        # "the 400m", "1000m": metres, not millions ("2m people" keeps millions)
        cand.value = cand.bare_m
        return Figure(id="", text=text[start:end], start=start, end=end, value=_number(cand.value),
                      approximate=cand.approximate, unit="m", measure="other",
                      claim=carrying_claim(ctx.record.claims, start, end), extractor=EXTRACTOR.name)
    if cand.currency:
        unit: str | None = cand.currency
    elif cand.percent:
        unit = "percent"
    elif noun is not None:
        unit = unit_text(doc, cand, noun)
    else:
        unit = None
    return Figure(
        id="",
        text=text[start:end],
        start=start,
        end=end,
        value=_number(cand.value),
        value_max=_number(cand.value_max),
        approximate=cand.approximate,
        unit=unit,
        measure=measure_of(doc, cand, noun, lex),
        claim=carrying_claim(ctx.record.claims, start, end),
        extractor=EXTRACTOR.name,
    )


def extract(doc: Doc, ctx: Context) -> list[Figure]:
    lex: Lexicon = ctx.resources.get("figures") or load()
    chosen = choose(doc, find_candidates(doc, lex), lex, ctx)
    return assign_ids([describe(doc, c, lex, ctx) for c in chosen], "f")


EXTRACTOR = Extractor(name="figures", version=VERSION, field="figures", run=extract, load=load)
