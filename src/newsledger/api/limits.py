"""Request-body size limit as a small ASGI middleware.

A declared ``Content-Length`` over the limit is refused at once; a body sent
without one (chunked) is counted as it streams and refused as soon as it
passes the limit, so an oversized upload is never held in memory whole.
"""

from __future__ import annotations

import json
from typing import Any, Callable


class BodyLimitMiddleware:
    def __init__(self, app: Callable[..., Any], max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _refuse(send, 400, "invalid Content-Length")
                    return
                if declared > self.max_bytes:
                    await _refuse(send, 413, f"request body over {self.max_bytes} bytes")
                    return
        seen = 0
        refused = False

        async def counted_receive() -> dict:
            # Over the limit: answer 413 ourselves, then tell the app the client
            # left, so whatever it was reading stops; its later output is dropped.
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    refused = True
                    await _refuse(send, 413, f"request body over {self.max_bytes} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:
                raise


async def _refuse(send: Callable, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
