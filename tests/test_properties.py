"""Property tests: any text gives a record whose spans point into it, deterministically."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.model import Article, ErrorRecord, item_spans

pytestmark = pytest.mark.slow

news_like = st.lists(
    st.sampled_from([
        "Ukraine said on Wednesday that", " 4,000 soldiers", " were captured in Kursk", ". ",
        "“We will not leave,” he said.", " According to Reuters,", "\n\n", " President Zelensky", " «quoted» ",
        " last summer", " some 300 people", " Kyiv", " the ministry", "\u00a0", "‘", "”", " 02: 22h",
    ]) | st.text(min_size=1, max_size=30),
    min_size=1, max_size=25,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400) | news_like)
def test_spans_match_text_and_output_is_deterministic(pipeline, text):
    first = pipeline(Article(text=text, published="2025-02-20"))
    if isinstance(first, ErrorRecord):
        pytest.fail(f"pipeline failed on {text!r}: {first.code} {first.message}")
    for kind, span in item_spans(first):
        assert 0 <= span.start <= span.end <= len(text), kind
        assert text[span.start:span.end] == span.text, kind
    second = pipeline(Article(text=text, published="2025-02-20"))
    assert first.to_json() == second.to_json()
