"""Entities and places across articles: one key per real-world thing.

An entity's key is its knowledge-base id when the record carries one (a
Wikidata id, a GeoNames id), else its canonical name, case- and
space-folded: "Foreign Ministry" in two articles is one entity. Resolving
spelling variants into one canonical name is the entities extractor's job;
this module only decides what "the same" means between articles, so every
article the extractor has normalised links without a second pass.
"""

from __future__ import annotations

from typing import Any


def fold(name: str) -> str:
    return " ".join(name.casefold().split())


def entity_key(canonical: str, kb: dict[str, Any] | None) -> tuple[str, str | None]:
    """(cross-article key, knowledge-base id or None)."""
    if kb:
        for field in ("wikidata", "id", "geonameid"):
            value = kb.get(field)
            if value:
                kid = str(value) if field == "id" else f"{field}:{value}"
                return kid, kid
    return "name:" + fold(canonical), None


def place_key(name: str, country: str | None, geonameid: int | None) -> str:
    """GeoNames id when geocoded; else the folded name with the country, so Paris|FR != Paris|US."""
    if geonameid:
        return f"gn:{geonameid}"
    return "name:" + fold(name) + (f"|{country.upper()}" if country else "")
