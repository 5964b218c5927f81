"""Bytes to text, refusing what is not text.

Why not just ``errors="replace"``: a mis-decoded article silently corrupts
every name in it; a clear error is better than a wrong record.
"""

from __future__ import annotations

import unicodedata

from ..errors import Errors, NewsledgerError


def decode(data: bytes, max_bytes: int, declared: str | None = None) -> str:
    """Decode ``data`` or raise a :class:`NewsledgerError` with E002/E003/E004."""
    if len(data) > max_bytes:
        raise NewsledgerError(Errors.E004, size=len(data), limit=max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NewsledgerError(Errors.E003) from None
    if b"\x00" in data[:8192]:
        raise NewsledgerError(Errors.E002)
    # After UTF-8, Windows-1252 (a superset of Latin-1): the usual encoding of
    # undeclared Western news pages, and what statistical guessers most often
    # confuse with Central European code pages.
    for encoding in ("utf-8-sig", declared, "cp1252"):
        if not encoding:
            continue
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return _check_textual(text)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise NewsledgerError(Errors.E003)
    return _check_textual(str(best))


def _check_textual(text: str) -> str:
    sample = text[:4096]
    if not sample:
        return text
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    if controls / len(sample) > 0.05:
        raise NewsledgerError(Errors.E002)
    return text
