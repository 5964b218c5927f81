"""The --db option every corpus command shares."""

from __future__ import annotations

import argparse
import os


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, metavar="PATH",
                   help="SQLite database (default: $NEWSLEDGER_DB, else $XDG_DATA_HOME/newsledger/newsledger.db)")


def open_db(args: argparse.Namespace):
    from ..store.sqlite import SQLiteStore, default_path

    path = args.db or os.environ.get("NEWSLEDGER_DB") or str(default_path())
    return SQLiteStore(path)


def add_similarity_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--similarity", choices=("tfidf", "embeddings"),
                   default=os.environ.get("NEWSLEDGER_SIMILARITY") or "tfidf",
                   help="how story linking compares texts: tfidf (default) or embeddings (sentence embeddings,"
                        " needs the optional extra: pip install 'newsledger[embeddings]'); default"
                        " $NEWSLEDGER_SIMILARITY, else tfidf")


def story_params(args: argparse.Namespace):
    """StoryParams for --similarity; raises EmbeddingsUnavailable (with how to install it)
    before any work starts when embeddings are asked for but not installed."""
    from ..link.stories import StoryParams

    similarity = getattr(args, "similarity", None) or "tfidf"
    if similarity not in ("tfidf", "embeddings"):
        raise SystemExit(f"newsledger: unknown similarity {similarity!r} (tfidf or embeddings)")
    if similarity == "embeddings":
        from ..link.embeddings import require

        require()
    return StoryParams(similarity=similarity)
