"""Data files that drive the extractors (lexicons, patterns, tables).

Rules are data: word lists and patterns live here as YAML or TSV, each with a
header comment stating its source and licence, and are loaded once through
:func:`load_yaml` / :func:`load_tsv`. Extractors receive what they need
through their context instead of reading files themselves.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import yaml

LANG = "en"


def path(name: str, lang: str | None = LANG) -> Path:
    """Filesystem path of a resource (``name`` relative to ``resources/<lang>/``)."""
    base = importlib_resources.files(__name__)
    target = base / lang / name if lang else base / name
    return Path(str(target))


@lru_cache(maxsize=None)
def load_yaml(name: str, lang: str | None = LANG) -> Any:
    with path(name, lang).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def load_tsv(name: str, lang: str | None = LANG) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV file, skipping blank lines and ``#`` comments."""
    rows: list[tuple[str, ...]] = []
    with path(name, lang).open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            rows.append(tuple(cell.strip() for cell in row))
    return tuple(rows)
