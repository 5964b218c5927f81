"""From bytes a user has (files, folders, stdin, JSON Lines, HTML) to articles.

Each reader yields :class:`~newsledger.model.Article` or, for an input it
cannot read, :class:`~newsledger.model.ErrorRecord`; one bad input never stops
the others. Readers do no NLP.
"""

from __future__ import annotations

from .readers import FORMATS, read_bytes, read_paths

__all__ = ["FORMATS", "read_bytes", "read_paths"]
