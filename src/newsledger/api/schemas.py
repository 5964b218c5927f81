"""Request and response models of the HTTP API.

The article record itself is served as the typed dataclasses of
:mod:`newsledger.model` (pydantic validates and documents them directly), so
the OpenAPI schema and the record's JSON Schema cannot drift apart.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

#: the longest text /api/extract accepts (characters); the byte limit on the
#: whole body applies as well
MAX_TEXT_CHARS = 200_000


class ExtractRequest(BaseModel):
    model_config = ConfigDict(strict=True)

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="the article text")
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=40, description="ISO date or date-time")
    url: str | None = Field(default=None, max_length=4000)


class Health(BaseModel):
    status: str
    version: str
    store: bool
    ingest: bool = Field(description="whether the write endpoints are enabled (a token is configured)")


class Problem(BaseModel):
    """An error: a message (with the stable code first, for extraction errors),
    or FastAPI's list of validation errors for a malformed request."""

    detail: str | list[dict[str, Any]]


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items``, and where it sits in the whole."""

    items: list[T]
    total: int | None = Field(default=None, description="matching rows, when the store can count them cheaply")
    total_exact: bool = Field(default=True, description="false when ``total`` is a cap: at least this many match")
    limit: int
    offset: int
    next_offset: int | None = None
