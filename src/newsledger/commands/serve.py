"""Serve the store as an HTTP API and a web interface.

Examples:
  newsledger serve                                   # the default database, http://127.0.0.1:8000
  newsledger serve --db news.db --port 8080
  newsledger serve --ingest ../shared/examples/seed-article.txt   # ingest first, then serve
  NEWSLEDGER_TOKEN=secret newsledger serve           # also enables POST /api/ingest

Binds to 127.0.0.1 unless --host says otherwise. API reference: /docs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, default=None, help="database file (default: the per-user database)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--ingest", nargs="+", metavar="PATH", default=None,
                   help="ingest these files or folders into the database before serving")
    p.add_argument("--model", default=None, help="spaCy pipeline for /api/extract and ingest")
    p.add_argument("--max-body-bytes", type=int, default=None, help="refuse larger request bodies (413)")
    p.add_argument("--no-store", action="store_true", help="serve without a database (only /read and /api/extract)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..api import ApiSettings, create_app

    overrides: dict[str, object] = {"model": args.model}
    if args.max_body_bytes:
        overrides["max_body_bytes"] = args.max_body_bytes
    if not args.no_store:
        overrides["db"] = _db_path(args.db)
    settings = ApiSettings.from_env(**overrides)
    if args.ingest:
        if settings.db is None:
            print("newsledger: --ingest needs a database (drop --no-store)", file=sys.stderr)
            return 2
        code = _ingest(settings, args.ingest)
        if code:
            return code
    app = create_app(settings)
    host_shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newsledger: serving {settings.db or 'no database'} at http://{host_shown}:{args.port}/ "
          f"(API reference: /docs; Ctrl-C stops)", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("newsledger: warning: listening beyond this machine; the API has no authentication for reads",
              file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _db_path(given: Path | None) -> Path:
    """--db, else $NEWSLEDGER_DB, else the per-user database (as every corpus command)."""
    if given is not None:
        return given
    env = os.environ.get("NEWSLEDGER_DB")
    if env:
        return Path(env)
    from ..store import default_path

    return default_path()


def _ingest(settings, paths: list[str]) -> int:
    """Ingest with the ``ingest`` command itself, so both behave the same; failures are reported, not fatal."""
    from ..cli import main

    code = main(["ingest", *paths, "--db", str(settings.db), "--quiet"]
                + (["--model", settings.model] if settings.model else []))
    if code == 2:
        return 2
    return 0
