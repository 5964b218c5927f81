"""eval/gate.py's rules: what fails, what may be pinned, and skipping without data.
(The gate's real run, on the dev data, is CI's job, not a unit test's.)"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field

import pytest

from conftest import ROOT


def _load_gate():
    spec = importlib.util.spec_from_file_location("newsledger_gate", ROOT / "eval" / "gate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


gate = _load_gate()


@pytest.mark.parametrize("measured,floor,failed,status", [
    (0.70, 0.70, False, "ok"),
    (0.695, 0.70, False, "ok (within margin)"),
    (0.689, 0.70, True, "FAIL"),
    (0.75, 0.70, False, "ok, raise floor?"),
    (0.10, None, False, "new"),
])
def test_gate_check_fails_only_below_floor_minus_margin(measured, floor, failed, status):
    check = gate.Check("times", "value_f1", floor, measured, 0.01)
    assert check.failed is failed
    assert check.status == status


@pytest.mark.parametrize("value,expected", [(0.56498, 0.5649), (0.7, 0.7), (1.0, 1.0), (0.0, 0.0)])
def test_gate_floor_rounds_down(value, expected):
    assert gate.floor_of(value) == expected


def test_gate_baseline_is_numbers_for_every_task():
    baseline = gate.load_baseline()
    tasks = {e.task for e in gate.entries(baseline)}
    assert tasks == {"times", "places", "attribution", "5w1h", "plover", "meantime"}
    for entry in gate.entries(baseline):
        assert entry.floors, f"{entry.name} has no floors"
        assert all(isinstance(v, float | int) and 0.0 <= v <= 1.0 for v in entry.floors.values())
        assert entry.sha256 and len(entry.sha256) == 64


def test_gate_select_by_task_or_name():
    baseline = gate.load_baseline()
    names = [e.name for e in gate.select(gate.entries(baseline), ["places"])]
    assert names and all(n.startswith("places") for n in names)
    with pytest.raises(SystemExit):
        gate.select(gate.entries(baseline), ["nonsense"])


@dataclass
class _Result:
    values: dict[str, float]
    docs: int = 10

    def headline(self):
        return self.values


@dataclass
class _Report:
    result: _Result
    sha256: str = "0" * 64
    extractors: dict[str, str] = field(default_factory=lambda: {"times": "1.0"})


def _baseline():
    return {"noise_margin": 0.01, "entries": {"times": {"task": "times", "file": "t.jsonl", "split": None,
                                                        "limit": 5, "floors": {"value_f1": 0.5}}}}


def test_gate_update_raises_floor():
    baseline = _baseline()
    selected = gate.entries(baseline)
    changes = gate.update(baseline, selected, {"times": _Report(_Result({"value_f1": 0.61239}))}, False, None)
    assert baseline["entries"]["times"]["floors"] == {"value_f1": 0.6123}
    assert changes == ["times value_f1: 0.5000 -> 0.6123"]


def test_gate_update_refuses_to_lower_without_flag_and_reason():
    baseline = _baseline()
    selected = gate.entries(baseline)
    report = {"times": _Report(_Result({"value_f1": 0.45}))}
    with pytest.raises(SystemExit):
        gate.update(baseline, selected, report, False, None)
    with pytest.raises(SystemExit):
        gate.update(baseline, selected, report, True, None)
    gate.update(baseline, selected, report, True, "new tokenizer splits hyphenated dates")
    assert baseline["entries"]["times"]["floors"] == {"value_f1": 0.45}
    assert baseline["lowered"][0]["reason"] == "new tokenizer splits hyphenated dates"


def test_gate_skips_cleanly_without_dev_data(tmp_path, capsys):
    assert gate.main(["--eval-dev", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out
