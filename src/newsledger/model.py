"""The typed article record, newsledger-record-v1.

Every interface (CLI, API, store, exports) speaks this record; inside the
package it travels as these dataclasses and becomes JSON only at the edges,
through :func:`Record.to_dict` / :func:`Record.from_dict`.

Every extracted item is grounded: ``start``/``end`` are Python ``str``
offsets into :attr:`Record.text` (end exclusive) and ``text`` is exactly
``record.text[start:end]``. Ids are unique within one record and are how
items refer to each other (a figure names its claim, an event its place).

The JSON Schema lives in ``resources/record.schema.json`` (a copy of the
project's contract); a test checks that what these classes produce validates.
Fields may be added; none may be renamed or dropped without a new version.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

SCHEMA_TAG = "newsledger-record-v1"

Certainty = Literal[
    "asserted", "reported", "estimated", "hedged", "unverified",
    "denied", "planned", "proposed", "question",
]
#: From most to least certain; when several apply, the least certain wins
#: (unverified > hedged > estimated > reported > asserted), per the schema.
CERTAINTY_ORDER: tuple[str, ...] = (
    "asserted", "reported", "estimated", "hedged", "unverified",
)
CERTAINTIES: tuple[str, ...] = (
    "asserted", "reported", "estimated", "hedged", "unverified",
    "denied", "planned", "proposed", "question",
)
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "mixed"]
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION",
    "PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT",
)
MEASURES: tuple[str, ...] = (
    "killed", "injured", "killed_or_injured", "captured", "missing",
    "displaced", "deployed", "arrested", "money", "other",
)
SECTORS: tuple[str, ...] = (
    "government", "military", "rebel", "civilian", "media", "business",
    "international", "other",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> "Span":
        return cls(doc_text[start:end], start, end)


@dataclass(slots=True)
class Party:
    """Who says, does or undergoes something, resolved as far as the text allows."""

    text: str
    start: int
    end: int
    canonical: str | None = None
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    members: list["Party"] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    id: str
    text: str
    start: int
    end: int
    type: str
    canonical: str | None
    kb: dict[str, Any] | None = None
    extractor: str | None = None


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Party | None
    cue: Span | None = None
    extractor: str | None = None


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    start: int
    end: int
    source: Party | None
    certainty: Certainty
    cues: list[Span] = field(default_factory=list)
    extractor: str | None = None


@dataclass(slots=True)
class Figure:
    id: str
    text: str
    start: int
    end: int
    value: float | int | None
    approximate: bool
    unit: str | None
    measure: str | None
    value_max: float | int | None = None
    claim: str | None = None
    extractor: str | None = None


@dataclass(slots=True)
class Time:
    id: str
    text: str
    start: int
    end: int
    type: TimexType
    value: str | None
    mod: str | None = None
    extractor: str | None = None


@dataclass(slots=True)
class Place:
    id: str
    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    feature: str | None = None
    extractor: str | None = None


@dataclass(slots=True)
class SentenceRef:
    start: int
    end: int


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    actor: Party | None
    target: Party | None
    place: str | None
    time: str | None
    certainty: Certainty
    sentence: SentenceRef
    mode: str | None = None
    figures: list[str] = field(default_factory=list)
    source: Party | None = None
    extractor: str | None = None


@dataclass(slots=True)
class TimeSpan:
    """A 5W1H 'when' answer: a span that may carry a TIMEX3 value."""

    text: str
    start: int
    end: int
    value: str | None = None


@dataclass(slots=True)
class PlaceSpan:
    """A 5W1H 'where' answer: a span that may name an item in places."""

    text: str
    start: int
    end: int
    place: str | None = None


@dataclass(slots=True)
class MainEvent:
    who: Span | None = None
    what: Span | None = None
    when: TimeSpan | None = None
    where: PlaceSpan | None = None
    why: Span | None = None
    how: Span | None = None
    event: str | None = None


@dataclass(slots=True)
class Record:
    """One article and everything newsledger read out of it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    main_event: MainEvent = field(default_factory=MainEvent)
    #: extractor name -> version, so a store can tell what must be re-run
    extractors: dict[str, str] = field(default_factory=dict)
    schema: str = SCHEMA_TAG

    # -- JSON edge -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record, with ``schema`` and ``id`` first."""
        raw = dataclasses.asdict(self)
        ordered: dict[str, Any] = {"schema": raw.pop("schema"), "id": raw.pop("id")}
        ordered.update(raw)
        return ordered

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        """Rebuild a record from its JSON form (as stored or exported)."""
        return _build(cls, data)


# -- input ---------------------------------------------------------------------


@dataclass(slots=True)
class Article:
    """A document as ingest hands it to extraction: cleaned text plus metadata.

    ``text`` is final: every offset in the resulting record points into it.
    """

    text: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    id: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    #: where it came from (file path, URL, "<stdin>", "file.jsonl:12"), for messages
    origin: str = "<text>"


# -- error records ------------------------------------------------------------


@dataclass(slots=True)
class ErrorRecord:
    """What a batch emits for an input it could not read: the batch goes on."""

    code: str
    message: str
    input: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message,
                          "input": self.input}, "id": self.id}


# -- dict -> dataclass ---------------------------------------------------------

T = TypeVar("T")

_NESTED: dict[type, dict[str, Any]] = {}


def _field_builders(cls: type) -> dict[str, Any]:
    """For each field of ``cls``, how to rebuild it from JSON (cached)."""
    if cls in _NESTED:
        return _NESTED[cls]
    party_list = ("list", Party)
    table: dict[type, dict[str, Any]] = {
        Party: {"members": party_list},
        Quote: {"speaker": Party, "cue": Span},
        Claim: {"source": Party, "cues": ("list", Span)},
        Event: {"trigger": Span, "actor": Party, "target": Party,
                "source": Party, "sentence": SentenceRef},
        MainEvent: {"who": Span, "what": Span, "when": TimeSpan,
                    "where": PlaceSpan, "why": Span, "how": Span},
        Record: {"entities": ("list", Entity), "quotes": ("list", Quote),
                 "claims": ("list", Claim), "figures": ("list", Figure),
                 "times": ("list", Time), "places": ("list", Place),
                 "events": ("list", Event), "main_event": MainEvent},
    }
    _NESTED.update(table)
    return _NESTED.get(cls, {})


def _build(cls: type[T], data: dict[str, Any] | None) -> T:
    if data is None:
        return None  # type: ignore[return-value]
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    nested = _field_builders(cls)
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            continue  # fields added by a later version are ignored, not fatal
        how = nested.get(key)
        if how is None or value is None:
            kwargs[key] = value
        elif isinstance(how, tuple):
            kwargs[key] = [_build(how[1], v) for v in value]
        else:
            kwargs[key] = _build(how, value)
    return cls(**kwargs)


def item_spans(record: Record) -> list[tuple[str, Span | Party | Entity]]:
    """Every grounded span in a record, with the list it came from; for checks."""
    out: list[tuple[str, Any]] = []

    def visit(kind: str, obj: Any) -> None:
        if dataclasses.is_dataclass(obj):
            if all(hasattr(obj, a) for a in ("text", "start", "end")) and isinstance(getattr(obj, "text"), str):
                out.append((kind, obj))
            for f in dataclasses.fields(obj):
                visit(kind, getattr(obj, f.name))
        elif isinstance(obj, list):
            for v in obj:
                visit(kind, v)

    for kind in ("entities", "quotes", "claims", "figures", "times", "places", "events"):
        visit(kind, getattr(record, kind))
    visit("main_event", record.main_event)
    return out
