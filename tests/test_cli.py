"""The CLI as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsledger

pytestmark = pytest.mark.slow


#: the subprocess runs the newsledger under test (this checkout's src/), not an installed one
_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    p for p in (str(Path(newsledger.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH")) if p)}


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "newsledger", *args], input=stdin, capture_output=True, timeout=300,
                          env=_ENV)


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


def test_extract_batch_learns_outlet_home_in_a_second_pass(tmp_path):
    """Three articles of one made-up Kentucky paper: the first two name the state, so the third's
    bare "Richmond" is Richmond, Ky. (two passes); --one-pass streams without a home."""
    url = "https://www.valleycourier.example/news/{}"
    docs = [
        {"id": "a1", "url": url.format(1), "text": "Kentucky lawmakers approved a new road budget on Monday, "
         "and the governor said Kentucky roads would be repaved by fall."},
        {"id": "a2", "url": url.format(2), "text": "Schools across Kentucky will open late on Wednesday "
         "because of snow, Kentucky education officials said."},
        {"id": "a3", "url": url.format(3), "text": "Richmond police arrested two men on Friday after a "
         "break-in at a downtown pharmacy."},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")

    def richmond(out):
        assert out.returncode == 0, out.stderr.decode()
        records = [json.loads(line) for line in out.stdout.decode().splitlines()]
        assert [r["id"] for r in records] == ["a1", "a2", "a3"]
        place = next(p for p in records[2]["places"] if p["text"] == "Richmond")
        return round(place["lat"]), round(place["lon"])

    two = run("extract", str(path), "--input-format", "jsonl", "--format", "jsonl")
    assert richmond(two) == (38, -84)  # Richmond, Kentucky
    assert b"1 home regions learned so far; second pass on 3 of 3 articles" in two.stderr
    one = run("extract", str(path), "--input-format", "jsonl", "--format", "jsonl", "--one-pass")
    assert richmond(one) == (38, -77)  # Richmond, Virginia
    assert b"second pass" not in one.stderr
