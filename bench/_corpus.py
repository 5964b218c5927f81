"""What the bench scripts share: finding the BBC corpus and reading it as articles.

The corpus is read through the same JSON reader as ``newsledger extract
--input-format jsonl``, so the benchmarked input is what users feed in.
"""

from __future__ import annotations

import platform
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval-dev" / "corpus-bbc-news.jsonl"

if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # this checkout's newsledger, whatever is installed


def load_articles(path: Path, limit: int) -> list:
    """The first ``limit`` documents of ``path`` as Articles (errors dropped)."""
    from newsledger.ingest.readers import parse_json_document
    from newsledger.model import Article

    out = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            item = parse_json_document(line, f"{path.name}:{number}", number)
            if isinstance(item, Article):
                out.append(item)
            if len(out) >= limit:
                break
    return out


def require_corpus(path: Path) -> None:
    if not path.is_file():
        sys.exit(f"bench: {path} not found (the BBC corpus sits in ../shared/eval-dev beside the repository)")


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size in MB of this process (or of the largest waited-for child)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux reports KB


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def plain_spacy():
    """spaCy's own pipeline, as installed, without newsledger's additions.

    newsledger adds components to the loaded pipeline (see
    ``newsledger.nlp.PIPELINE_EXTENSIONS``); the baseline must not include
    them, or their cost would vanish from the ratio.
    """
    import spacy

    from newsledger.settings import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit(f"bench: none of {', '.join(DEFAULT_MODELS)} is installed")
