"""The CLI as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "newsledger", *args], input=stdin, capture_output=True, timeout=300)


def test_extract_seed_json_passes_first_checks(seed_text, tmp_path):
    from conftest import SEED, SHARED

    out = run("extract", str(SEED), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    record = json.loads(out.stdout)
    assert record["schema"] == "newsledger-record-v1"
    check = SHARED / "acceptance" / "check_seed.py"
    res = subprocess.run([sys.executable, str(check), "--groups", "contract,metadata", "-"],
                         input=out.stdout, capture_output=True, timeout=60)
    assert res.returncode == 0, res.stdout.decode()


def test_batch_goes_on_after_bad_documents(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Ukraine said on Monday that talks would resume in Geneva.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 100)
    out = run("extract", str(tmp_path), "--format", "jsonl")
    assert out.returncode == 1
    lines = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [("error" in line) for line in lines] == [True, True, False]  # binary, empty, good (sorted)
    assert {line["error"]["code"] for line in lines if "error" in line} == {"E001", "E002"}
    stderr = out.stderr.decode().strip().splitlines()
    assert len(stderr) == 2 and all(line.startswith("newsledger: E00") for line in stderr)


def test_stdin_and_markdown_report():
    out = run("extract", "-", stdin="Officials in Kyiv said on Monday that 12 soldiers were captured.".encode())
    assert out.returncode == 0, out.stderr.decode()
    text = out.stdout.decode()
    for heading in ("## Main event", "## Quotes", "## Claims", "## Figures", "## Events", "## Times", "## Places", "## Entities"):
        assert heading in text


def test_unknown_model_is_a_clear_error():
    out = run("extract", "-", "--model", "no_such_model_xyz", stdin=b"Some text.")
    assert out.returncode == 2
    assert b"no_such_model_xyz" in out.stderr


def test_jsonl_keeps_ids(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "doc-7", "text": "Rain fell in Paris on Monday.", "published": "2025-01-06"}) + "\n")
    out = run("extract", str(path), "--format", "jsonl")
    assert json.loads(out.stdout)["id"] == "doc-7"
