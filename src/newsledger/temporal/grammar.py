"""Compile the times rules (``resources/en/times/rules.yaml``) with their word tables.

A rule's pattern uses ``%NAME`` macros: the ``macros`` of rules.yaml, or an
alternation built from a lexicon table (``%MONTH`` from ``months`` ...). Every
pattern is compiled case-insensitively and bounded so that it never starts or
ends inside a word. Fixed phrases (``fixed.tsv``) become rules too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import resources

#: lexicon tables that become pattern macros
TABLE_MACROS = {
    "MONTH": "months",
    "WEEKDAY": "weekdays",
    "WEEKDAYS": "weekdays_plural",
    "SEASON": "seasons",
    "POD": "parts_of_day",
    "NUMWORD": "number_words",
    "ORDWORD": "ordinal_words",
    "UNIT": "units",
    "VAGUE": "vague_numbers",
    "DECADEWORD": "decade_words",
    "HOLIDAY": "holidays",
}

_MACRO = re.compile(r"%([A-Z_]+)")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    regex: re.Pattern[str]
    value: str
    guard: str | None = None
    require: re.Pattern[str] | None = None
    #: a word without which the rule cannot match: when absent from a text the rule is skipped
    needs: re.Pattern[str] | None = None
    #: the same condition as plain lower-case substrings (any alternative, all its words),
    #: checked before ``needs`` because ``in`` on a string is far cheaper than a regex scan
    needs_words: tuple[tuple[str, ...], ...] | None = None


@dataclass(frozen=True, slots=True)
class Modifier:
    regex: re.Pattern[str]
    mod: str
    applies: frozenset[str]


@dataclass(slots=True)
class Grammar:
    rules: list[Rule]
    lexicon: dict[str, Any]
    modifiers: list[Modifier] = field(default_factory=list)
    ambiguous: dict[str, frozenset[str]] = field(default_factory=dict)
    year_cues: frozenset[str] = frozenset()
    #: month and weekday abbreviations, which keep a following dot ("Jan.")
    abbreviations: frozenset[str] = frozenset()


def _alternation(words: Any) -> str:
    # longest first, so "september" is tried before "sep"
    keys = sorted((str(k) for k in words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys) + ")"


def expand(pattern: str, macros: dict[str, str]) -> str:
    """Replace %NAME macros until none is left (macros may use macros)."""
    for _ in range(10):
        new = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
        if new == pattern:
            return new
        pattern = new
    raise ValueError(f"macro expansion does not terminate: {pattern[:80]}")


def bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + pattern + r")(?![\w])", re.IGNORECASE)


def _needs(spec: str | None, macros: dict[str, str]) -> re.Pattern[str] | None:
    """The rule's prefilter; a lexicon macro is matched as whole words ("may" not in "mayor")."""
    if not spec:
        return None
    pattern = expand(spec, macros)
    if "%" in spec:
        pattern = r"\b(?:" + pattern + r")\b"
    return re.compile(pattern, re.I)


def _split_top(pattern: str, sep: str = "|") -> list[str] | None:
    """Split a regex on ``sep`` outside groups; None if the groups do not balance."""
    parts, depth, cur, i = [], 0, [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts if depth == 0 else None


def word_alternatives(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """The words a simple alternation of phrases needs: 'from\\s+now|hence' -> (('from', 'now'), ('hence',)).

    None when the pattern is more than plain words (digits, classes, nested groups):
    such rules keep only their regex prefilter.
    """
    s = pattern.replace(r"\b", "")
    while s.startswith("(?:") and s.endswith(")") and _split_top(s[3:-1]) is not None \
            and _split_top(s[3:-1], ")") == [s[3:-1]]:
        s = s[3:-1]
    alts = _split_top(s)
    if alts is None:
        return None
    out = []
    for alt in alts:
        words = [re.sub(r"\\([^\w])", r"\1", w) for w in re.split(r"\\s[+*]|\s+", alt) if w]
        if not words or not all(re.fullmatch(r"[a-z'’-]+", w) for w in words):
            return None
        out.append(tuple(words))
    return tuple(out)


def load_grammar() -> Grammar:
    """Read and compile the rules and tables (call once, through the extractor's load hook)."""
    lexicon = resources.load_yaml("times/lexicon.yaml")
    spec = resources.load_yaml("times/rules.yaml")
    macros: dict[str, str] = {name: _alternation(lexicon[table]) for name, table in TABLE_MACROS.items()}
    macros.update(spec.get("macros") or {})
    rules: list[Rule] = []
    for r in spec["rules"]:
        rules.append(Rule(
            name=r["name"], type=r["type"], regex=bounded(expand(r["pattern"], macros)), value=str(r["value"]),
            guard=r.get("guard"), require=re.compile(r["require"], re.I) if r.get("require") else None,
            needs=_needs(r.get("needs"), macros),
            needs_words=word_alternatives(expand(r["needs"], macros).lower()) if r.get("needs") else None))
    for row in resources.load_tsv("times/fixed.tsv"):
        phrase, typ, value = row[0], row[1], row[2]
        guard = row[3] if len(row) > 3 and row[3] else None
        literal = re.escape(phrase).replace(r"\ ", r"\s+")
        rules.append(Rule(name="fixed:" + phrase, type=typ, regex=bounded(literal), value=value, guard=guard,
                          needs=re.compile(literal, re.I), needs_words=(tuple(phrase.lower().split()),)))
    modifiers = []
    for m in lexicon.get("modifiers", []):
        phrase = m["phrase"]
        sep = "" if phrase.endswith("-") else r"\s+"
        rx = re.compile(r"(?<![\w-])" + re.escape(phrase).replace(r"\ ", r"\s+") + sep + r"$", re.I)
        modifiers.append(Modifier(rx, m["mod"], frozenset(m["applies"])))
    ambiguous = {w.lower(): frozenset(pos) for w, pos in (lexicon.get("ambiguous") or {}).items()}
    full_names = {k for table in ("months", "weekdays") for k, v in lexicon[table].items() if len(k) > 4}
    abbreviations = frozenset(k for table in ("months", "weekdays") for k in lexicon[table]
                              if k not in full_names and k not in ("may", "june", "july"))
    return Grammar(rules=rules, lexicon=lexicon, modifiers=modifiers, ambiguous=ambiguous,
                   year_cues=frozenset(str(w).lower() for w in lexicon.get("year_cues", [])),
                   abbreviations=abbreviations)
