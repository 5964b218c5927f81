"""Shared fixtures. The spaCy pipeline loads once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "examples" / "seed-article.txt"
EVAL_DEV = SHARED / "eval-dev"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def pipeline():
    from newsledger.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/examples/seed-article.txt is not beside this checkout")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(seed_text):
    from newsledger.ingest.text import parse_text
    from newsledger.pipeline import Pipeline

    article = parse_text(seed_text, origin=str(SEED))
    return Pipeline()(article)


@pytest.fixture(scope="session")
def schema():
    import json

    from newsledger import resources

    return json.loads(resources.path("record.schema.json", lang=None).read_text(encoding="utf-8"))
