#!/usr/bin/env python3
"""The accuracy gate: newsledger's headline numbers may not silently get worse.

Runs ``newsledger eval`` on pinned subsets of the dev files in
``../shared/eval-dev`` (beside the repository), compares every headline
metric with its floor in ``eval/baseline.json`` and exits 1 if one is below
``floor - noise_margin``. Where the dev data is absent (a clone without
../shared) it says so and exits 0: the gate cannot judge what it cannot read.

Why pinned subsets: the first N documents of each file (``limit``), always the
same, keep the run to a few minutes on two cores and make numbers comparable
between commits; the pipeline is deterministic, so the margin absorbs only
deliberate trade-offs (one metric giving a little for another), not noise.

Usage:
  python eval/gate.py                          # check every entry (CI)
  python eval/gate.py --only times places      # check some entries or tasks
  python eval/gate.py --update times           # re-measure and pin new floors (raising is normal)
  python eval/gate.py --update places --allow-lower --reason "geonames cities15000 -> 5000: 40 MB smaller"

Lowering a floor needs both flags; the reason is kept in baseline.json
(``lowered``) and must go into the commit message.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "baseline.json"
DEFAULT_EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
#: absolute, in metric units (0.01 = one point of F1 or accuracy)
DEFAULT_MARGIN = 0.01
FLOOR_DECIMALS = 4


@dataclass(frozen=True, slots=True)
class Entry:
    """One pinned measurement: a task on the first ``limit`` documents of a dev file."""

    name: str
    task: str
    file: str
    split: str | None
    limit: int | None
    sha256: str | None
    floors: dict[str, float]
    margin: float
    extractors: dict[str, str]

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any], margin: float) -> "Entry":
        return cls(name=name, task=data["task"], file=data["file"], split=data.get("split"),
                   limit=data.get("limit"), sha256=data.get("sha256"), floors=dict(data.get("floors") or {}),
                   margin=float(data.get("margin", margin)), extractors=dict(data.get("extractors") or {}))


@dataclass(slots=True)
class Check:
    entry: str
    metric: str
    floor: float | None
    measured: float
    margin: float

    @property
    def failed(self) -> bool:
        return self.floor is not None and self.measured < self.floor - self.margin - 1e-12

    @property
    def status(self) -> str:
        if self.floor is None:
            return "new"
        if self.failed:
            return "FAIL"
        if self.measured < self.floor:
            return "ok (within margin)"
        if self.measured > self.floor + self.margin:
            return "ok, raise floor?"
        return "ok"


@dataclass(slots=True)
class Outcome:
    checks: list[Check] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems) or any(c.failed for c in self.checks)


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def save_baseline(data: dict[str, Any], path: Path = BASELINE) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def entries(baseline: dict[str, Any]) -> list[Entry]:
    margin = float(baseline.get("noise_margin", DEFAULT_MARGIN))
    return [Entry.from_dict(name, data, margin) for name, data in baseline["entries"].items()]


def select(all_entries: list[Entry], names: list[str] | None) -> list[Entry]:
    """Entries named directly or through their task (``places`` selects every places file)."""
    if not names:
        return all_entries
    known = {e.name for e in all_entries} | {e.task for e in all_entries}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"gate: unknown entry or task {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [e for e in all_entries if e.name in names or e.task in names]


def floor_of(value: float) -> float:
    """Round down, so a floor pinned from a measurement never exceeds it."""
    scale = 10 ** FLOOR_DECIMALS
    return math.floor(value * scale + 1e-9) / scale


def run_entries(selected: list[Entry], eval_dev: Path, repin: bool = False) -> tuple[dict[str, Any], Outcome]:
    """Evaluate each entry once with one shared pipeline; returns reports by entry name.

    A dev file whose sha256 differs from the pinned one is not scored (its
    numbers would not be comparable) unless ``repin`` — an update — asks to.
    """
    from newsledger.eval.runner import evaluate, sha256_of
    from newsledger.pipeline import Pipeline

    outcome = Outcome()
    reports: dict[str, Any] = {}
    pipeline = None
    for entry in selected:
        path = eval_dev / entry.file
        if not path.is_file():
            outcome.notes.append(f"{entry.name}: {entry.file} not found in {eval_dev}; skipped")
            continue
        digest = sha256_of(path)
        if entry.sha256 and digest != entry.sha256 and not repin:
            outcome.problems.append(
                f"{entry.name}: {entry.file} changed (sha256 {digest[:12]}…, pinned {entry.sha256[:12]}…); "
                f"numbers are not comparable: re-pin with --update {entry.name}")
            continue
        if pipeline is None:
            pipeline = Pipeline()
        started = time.perf_counter()
        report = evaluate(entry.task, path, split=entry.split, limit=entry.limit, pipeline=pipeline)
        report.seconds = time.perf_counter() - started
        reports[entry.name] = report
        for metric, value in report.result.headline().items():
            outcome.checks.append(Check(entry.name, metric, entry.floors.get(metric), value, entry.margin))
        changed = {k: v for k, v in report.extractors.items() if entry.extractors.get(k) not in (None, v)}
        rose = [c.metric for c in outcome.checks if c.entry == entry.name and c.status == "ok, raise floor?"]
        if rose:
            why = (f" (extractors changed since pinned: "
                   f"{', '.join(f'{k} {entry.extractors[k]}→{v}' for k, v in sorted(changed.items()))})"
                   if changed else "")
            outcome.notes.append(f"{entry.name}: {', '.join(rose)} rose above floor + margin{why}; "
                                 f"pin them: python eval/gate.py --update {entry.name}")
    return reports, outcome


def format_checks(outcome: Outcome, reports: dict[str, Any]) -> str:
    lines = []
    width = max([len(f"{c.entry} {c.metric}") for c in outcome.checks] + [20])
    lines.append(f"{'entry metric'.ljust(width)}  measured   floor  margin  status")
    lines.append(f"{'-' * width}  --------  ------  ------  ------")
    for c in outcome.checks:
        floor = "-" if c.floor is None else f"{c.floor:.4f}"
        lines.append(f"{f'{c.entry} {c.metric}'.ljust(width)}  {c.measured:8.4f}  {floor:>6}  {c.margin:6.3f}  {c.status}")
    timing = ", ".join(f"{name} {r.result.docs} docs {r.seconds:.1f}s" for name, r in reports.items())
    if timing:
        lines.append(f"\nran: {timing}")
    for note in outcome.notes:
        lines.append(f"note: {note}")
    for problem in outcome.problems:
        lines.append(f"ERROR: {problem}")
    return "\n".join(lines)


def update(baseline: dict[str, Any], selected: list[Entry], reports: dict[str, Any], allow_lower: bool,
           reason: str | None) -> list[str]:
    """Pin the measured numbers as floors; refuse to lower one unless allowed with a reason.

    Returns the lines describing what changed (for the commit message).
    """
    from newsledger import __version__

    changes: list[str] = []
    lowered: list[dict[str, Any]] = []
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    for entry in selected:
        report = reports.get(entry.name)
        if report is None:
            continue
        new_floors = {metric: floor_of(value) for metric, value in report.result.headline().items()}
        for metric, new in new_floors.items():
            old = entry.floors.get(metric)
            if old is not None and new < old:
                if not allow_lower or not reason:
                    raise SystemExit(
                        f"gate: {entry.name} {metric} would drop from {old:.4f} to {new:.4f}. Lowering a floor "
                        f"needs --allow-lower --reason \"why\" (and the reason in the commit message).")
                lowered.append({"date": today, "entry": entry.name, "metric": metric, "from": old, "to": new,
                                "reason": reason, "newsledger_version": __version__})
            if old != new:
                changes.append(f"{entry.name} {metric}: {'-' if old is None else f'{old:.4f}'} -> {new:.4f}")
        data = baseline["entries"][entry.name]
        data["sha256"] = report.sha256
        data["floors"] = new_floors
        data["extractors"] = dict(report.extractors)
        data["docs"] = report.result.docs
        data["updated"] = today
    baseline["newsledger_version"] = __version__
    baseline.setdefault("lowered", []).extend(lowered)
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--eval-dev", type=Path, default=DEFAULT_EVAL_DEV,
                        help="folder with the dev files (default: ../shared/eval-dev beside the repository)")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--only", nargs="+", metavar="NAME", help="check only these entries or tasks")
    parser.add_argument("--update", nargs="+", metavar="NAME", help="re-measure these entries or tasks and pin floors")
    parser.add_argument("--allow-lower", action="store_true", help="with --update: allow a floor to go down")
    parser.add_argument("--reason", help="with --allow-lower: why (kept in baseline.json; put it in the commit message)")
    parser.add_argument("--json", action="store_true", help="print the checks as JSON")
    args = parser.parse_args(argv)

    src = ROOT / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))  # this checkout's newsledger, whatever is installed

    if not args.eval_dev.is_dir():
        print(f"eval gate skipped: {args.eval_dev} not found (the dev data sits in ../shared/eval-dev beside "
              f"the repository; without it there is nothing to measure)")
        return 0
    baseline = load_baseline(args.baseline)
    selected = select(entries(baseline), args.update or args.only)
    reports, outcome = run_entries(selected, args.eval_dev, repin=bool(args.update))
    if args.update:
        if not reports:
            print("gate: nothing measured, baseline unchanged")
            return 1
        changes = update(baseline, selected, reports, args.allow_lower, args.reason)
        save_baseline(baseline, args.baseline)
        print(format_checks(Outcome(checks=outcome.checks), reports))
        print(f"\nupdated {args.baseline.name}:" + ("".join(f"\n  {c}" for c in changes) if changes else " no change"))
        if args.allow_lower and args.reason:
            print(f"commit message must say: Lower eval floor(s): {args.reason}")
        return 0
    if args.json:
        print(json.dumps({"failed": outcome.failed, "checks": [
            {"entry": c.entry, "metric": c.metric, "floor": c.floor, "measured": c.measured, "margin": c.margin,
             "status": c.status} for c in outcome.checks], "notes": outcome.notes, "problems": outcome.problems},
            indent=2))
    else:
        print(format_checks(outcome, reports))
        print("\neval gate: " + ("FAILED (a headline number fell below its floor minus the margin, or data "
                                 "changed)" if outcome.failed else "passed"))
    return 1 if outcome.failed else 0


if __name__ == "__main__":
    sys.exit(main())
