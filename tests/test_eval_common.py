"""The shared scoring machinery: matching, counts, joining, reading."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from newsledger.eval.common import (PRF, Extent, index_predictions, join, match_one_to_one, overlap,
                                    read_gold, read_predictions, span_overlap_score, token_f1)
from newsledger.model import Record, Time

from eval_helpers import gold_doc


@pytest.mark.parametrize("a,b,expected", [
    ((0, 5), (5, 9), 0),      # touching is not overlapping: end is exclusive
    ((0, 5), (4, 9), 1),
    ((2, 3), (0, 10), 1),
    ((0, 10), (20, 30), 0),
])
def test_common_overlap_counts_shared_characters(a, b, expected):
    assert overlap(*a, *b) == expected


def test_common_prf_known_values():
    prf = PRF()
    prf.add(n_sys=4, n_gold=5, matched=3)
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.6)
    assert prf.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_common_prf_empty_is_zero_not_error():
    assert PRF().f1 == 0.0


def test_common_match_one_to_one_prefers_largest_overlap():
    sys_items = [Extent(0, 10)]
    gold = [Extent(0, 3), Extent(2, 10)]
    assert match_one_to_one(sys_items, gold, span_overlap_score) == [(0, 1)]


def test_common_match_one_to_one_finds_maximum_matching():
    # greedy alone would give s0 to g0 (largest overlap) and leave s1 unmatched
    sys_items = [Extent(0, 10), Extent(8, 9)]
    gold = [Extent(0, 9), Extent(9, 20)]
    pairs = match_one_to_one([Extent(0, 10), Extent(0, 2)], [Extent(0, 10), Extent(50, 60)], span_overlap_score)
    assert pairs == [(0, 0)]
    assert len(match_one_to_one(sys_items, gold, span_overlap_score)) == 2


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=8),
       st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=8))
def test_common_match_one_to_one_uses_each_item_once(sys_raw, gold_raw):
    sys_items = [Extent(s, s + n) for s, n in sys_raw]
    gold = [Extent(s, s + n) for s, n in gold_raw]
    pairs = match_one_to_one(sys_items, gold, span_overlap_score)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(overlap(sys_items[i].start, sys_items[i].end, gold[j].start, gold[j].end) for i, j in pairs)


@pytest.mark.parametrize("a,b,expected", [
    ("the Kremlin", "The Kremlin", 1.0),
    ("on Monday", "Monday", pytest.approx(2 / 3)),
    ("in Geneva", "Kyiv", 0.0),
    ("", "Kyiv", 0.0),
])
def test_common_token_f1_is_bag_of_words(a, b, expected):
    assert token_f1(a, b) == expected


def test_common_join_scores_missing_prediction_as_empty():
    docs = [gold_doc("a", "Talks resumed in Geneva.", {}), gold_doc("b", "Nothing happened.", {})]
    record = Record(id="a", text="Talks resumed in Geneva.")
    joined = join(docs, [record])
    assert [j.missing for j in joined] == [False, True]
    assert joined[1].record.times == []


def test_common_index_predictions_accepts_dicts_and_skips_errors():
    rec = Record(id="x", text="Talks resumed on Monday.",
                 times=[Time(id="t1", text="Monday", start=17, end=23, type="DATE", value="2025-02-17")])
    preds = index_predictions([rec.to_dict(), {"error": {"code": "E001"}, "id": "y"}])
    assert list(preds) == ["x"]
    assert preds["x"].times[0].value == "2025-02-17"


def test_common_read_gold_split_then_limit(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [{"id": str(n), "text": f"Story {n}.", "split": "dev" if n % 2 else "train", "gold": {}}
             for n in range(10)]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = read_gold(path, split="dev", limit=3)
    assert [d.id for d in docs] == ["1", "3", "5"]


def test_common_read_predictions_joins_by_id(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text(Record(id="7", text="A story.").to_json() + "\n\n", encoding="utf-8")
    assert list(read_predictions(path)) == ["7"]
