"""Settings of the HTTP service, built by the entry point (``newsledger serve``
or a test) and passed to :func:`newsledger.api.create_app`.

Nothing here reads the environment on import: :meth:`ApiSettings.from_env`
is called by the entry point, once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

#: Request bodies larger than this are refused with 413 before they are read
#: whole. It must admit every body the schema accepts, or a valid request is
#: refused: 200,000 characters of text (schemas.MAX_TEXT_CHARS), each at most
#: 12 bytes as JSON escapes (a surrogate pair), plus the short metadata
#: fields, is < 2.5 MB.
DEFAULT_MAX_BODY_BYTES = 3_000_000


@dataclass(frozen=True, slots=True)
class ApiSettings:
    #: the embedded database; None means "no store": only /extract and the
    #: reading page work (useful for a quick look and for tests)
    db: Path | None = None
    #: write endpoints (ingest) exist only when a token is configured
    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    default_page_size: int = 50
    max_page_size: int = 500
    #: spaCy pipeline name for /extract and ingest (None: the default list)
    model: str | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> "ApiSettings":
        """Settings from ``NEWSLEDGER_TOKEN`` plus explicit overrides (e.g. ``db``)."""
        env = os.environ if environ is None else environ
        token = env.get("NEWSLEDGER_TOKEN") or None
        return replace(cls(token=token), **overrides)  # type: ignore[arg-type]
