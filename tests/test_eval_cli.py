"""`newsledger eval` as a user runs it, on records given with --pred (no spaCy needed),
and every scorer's self-check on the dev files when they are beside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import EVAL_DEV, ROOT
from newsledger.eval import TASKS, scorer
from newsledger.eval.common import read_gold
from newsledger.model import Record, Time

TEXT = "Talks resumed in Geneva on Monday, a week after they broke down."


def run(*args: str) -> subprocess.CompletedProcess:
    # this checkout's code, whatever newsledger the interpreter has installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "newsledger", "eval", *args], capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture()
def files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    s = TEXT.index("Monday")
    w = TEXT.index("a week")
    gold.write_text(json.dumps({"id": "d1", "text": TEXT, "published": "2025-02-17", "split": "dev", "gold": {
        "timex3": [{"start": s, "end": s + 6, "text": "Monday", "type": "DATE", "value": "2025-02-17"},
                   {"start": w, "end": w + 6, "text": "a week", "type": "DURATION", "value": "P1W"}]}}) + "\n",
        encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    record = Record(id="d1", text=TEXT, times=[Time(id="t1", text="Monday", start=s, end=s + 6, type="DATE",
                                                    value="2025-02-17")])
    pred.write_text(record.to_json() + "\n" + json.dumps({"error": {"code": "E001"}, "id": None}) + "\n",
                    encoding="utf-8")
    return gold, pred


def test_eval_cli_pred_prints_table(files):
    gold, pred = files
    out = run("times", str(gold), "--pred", str(pred))
    assert out.returncode == 0, out.stderr
    assert "relaxed_f1" in out.stdout and "* value_f1" in out.stdout
    assert "1/2" in out.stdout  # relaxed recall support


def test_eval_cli_pred_json(files):
    gold, pred = files
    out = run("times", str(gold), "--pred", str(pred), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["headline"]["relaxed_f1"] == pytest.approx(2 / 3)
    assert data["metrics"]["relaxed_p"] == 1.0
    assert len(data["sha256"]) == 64


def test_eval_cli_split_without_documents_is_usage_error(files):
    gold, pred = files
    out = run("times", str(gold), "--pred", str(pred), "--split", "test")
    assert out.returncode == 2
    assert "no gold documents" in out.stderr


def test_eval_cli_missing_file_is_usage_error(tmp_path):
    out = run("times", str(tmp_path / "absent.jsonl"), "--pred", str(tmp_path / "absent.jsonl"))
    assert out.returncode == 2 and "E008" in out.stderr


DEV_FILES = {
    "times": ["times-timebank-aquaint.jsonl"],
    "places": ["places-lgl.jsonl", "places-trnews.jsonl", "places-geovirus.jsonl"],
    "attribution": ["attribution-polnear-dev.jsonl"],
    "5w1h": ["5w1h-giveme5w1h-train.jsonl"],
    "plover": ["events-plover-gsr-dev.jsonl"],
    "meantime": ["events-meantime-airbus-apple.jsonl"],
}


@pytest.mark.parametrize("task,name", [(t, f) for t, fs in DEV_FILES.items() if t in TASKS for f in fs])
def test_eval_gold_against_itself_on_dev_file_is_perfect(task, name):
    path = EVAL_DEV / name
    if not path.exists():
        pytest.skip(f"../shared/eval-dev/{name} is not beside this checkout")
    module = scorer(task)
    docs = read_gold(path)
    result = module.score(docs, [module.gold_as_prediction(d) for d in docs])
    assert result.headline() and all(v == pytest.approx(1.0) for v in result.headline().values())
