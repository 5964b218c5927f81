from __future__ import annotations

import jsonschema
import pytest

from newsledger.model import Record, item_spans
from newsledger.pipeline import EXTRACTORS


def test_extractor_list_is_pinned():
    """Changing what an extractor outputs bumps its version; this test makes that visible."""
    assert [(e.name, e.version) for e in EXTRACTORS] == [
        ("entities", "2.6"),
        ("times", "1.3"),
        ("places", "1.22"),
        ("quotes", "1.10"),
        ("claims", "1.12"),
        ("figures", "1.4"),
        ("events", "1.3"),
        ("main_event", "1.10"),
    ]


@pytest.mark.slow
def test_seed_record_validates_against_schema(seed_record, schema):
    jsonschema.validate(seed_record.to_dict(), schema)


@pytest.mark.slow
def test_seed_metadata_golden(seed_record):
    assert seed_record.schema == "newsledger-record-v1"
    assert seed_record.published == "2025-02-19"
    assert seed_record.updated == "2025-02-20T02:22"
    assert "north korean soldiers are south korean citizens" in seed_record.title.lower()


@pytest.mark.slow
def test_seed_entities_golden(seed_record):
    people = {e.canonical for e in seed_record.entities if e.type == "PERSON"}
    assert {"Vladimir Putin", "Kim Jong Un"} <= people
    assert any(e.type == "GPE" and e.canonical == "South Korea" for e in seed_record.entities)


@pytest.mark.slow
def test_every_span_points_into_text(seed_record):
    for kind, span in item_spans(seed_record):
        assert seed_record.text[span.start:span.end] == span.text, kind


@pytest.mark.slow
def test_same_input_same_bytes(pipeline, seed_text):
    from newsledger.ingest.text import parse_text

    a = pipeline(parse_text(seed_text)).to_json()
    b = pipeline(parse_text(seed_text)).to_json()
    assert a == b


@pytest.mark.slow
def test_round_trip_from_dict(seed_record):
    again = Record.from_dict(seed_record.to_dict())
    assert again.to_json() == seed_record.to_json()
