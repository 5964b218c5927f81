"""The HTTP API: :func:`create_app` builds a FastAPI application from :class:`ApiSettings`."""

from .app import create_app
from .settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
