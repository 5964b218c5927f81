"""Schemathesis against the OpenAPI schema: every operation, generated
requests, responses checked against the documented status codes and models.

Bounded (a few examples per operation) so it stays a test, not a fuzzing run.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from newsledger.api import ApiSettings, create_app
from newsledger.store import SQLiteStore, content_hash
from test_web_api import fake_extractor
from web_records import capture_reports, empty_record, hostile_record


def _app():
    import tempfile
    from pathlib import Path

    db = Path(tempfile.mkdtemp(prefix="newsledger-schema-")) / "schema.db"
    store = SQLiteStore(db)
    for r in [*capture_reports(), hostile_record(), empty_record()]:
        store.put(r, content_hash(r.text, r.title))
    store.relink()
    return create_app(ApiSettings(token="s3cret"), store=store, extractor=fake_extractor)


pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_asgi("/api/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_web_schema_conforms(case):
    if case.path == "/api/ingest":
        case.headers = {**(case.headers or {}), "Authorization": "Bearer s3cret"}
    response = case.call(timeout=120)  # a loaded CI machine can be slow; a timeout is not a finding
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
    case.validate_response(response)


def test_web_schema_covers_every_endpoint():
    ops = {(op.method.upper(), op.path) for op in (r.ok() for r in schema.get_all_operations())}
    assert ("GET", "/api/articles") in ops and ("POST", "/api/extract") in ops and len(ops) >= 15
