"""Headers every response carries, and the token check for write endpoints."""

from __future__ import annotations

import hmac

#: Scripts and styles only from newsledger itself: even if some text slipped
#: through unescaped, an injected inline script would not run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)


def token_matches(configured: str | None, authorization: str | None) -> bool:
    """``Authorization: Bearer <token>`` against the configured token, in constant time."""
    if not configured or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), configured.encode("utf-8"))
