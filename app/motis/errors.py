"""MOTIS's error shape on ``/api`` paths: ``{"error": "..."}`` with the status kept (400 bad
parameter, 404 unknown stop, venue, trip or path, 422 no service, 503 still loading, 500).

The app's handlers (:mod:`app.errors`) write every error once, as an RFC 9457 problem; this
middleware rewrites those under ``/api/`` to MOTIS's ``Error`` schema, keeping the problem's
``detail`` as the message, so both APIs say the same thing. Add it inside the gzip
middleware (it reads the plain body) and outside ``CatchAllMiddleware`` (so a 500 is rewritten
too).
"""

from __future__ import annotations

import json

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PROBLEM_MEDIA_TYPE

__all__ = ["MotisErrorMiddleware", "motis_error_body"]


def motis_error_body(problem: bytes) -> bytes:
    """``{"error": detail}`` for a problem+json body (the title when it has no detail)."""
    try:
        parsed = json.loads(problem)
        message = parsed.get("detail") or parsed.get("title") or "Error"
    except (ValueError, AttributeError):
        message = problem.decode("utf-8", "replace")[:500] or "Error"
    return json.dumps({"error": str(message)}, ensure_ascii=False).encode()


class MotisErrorMiddleware:
    """Rewrite problem+json answers to ``{"error": ...}`` for paths under ``/api/``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = MutableHeaders(scope=message).get("content-type", "")
                if content_type.startswith(PROBLEM_MEDIA_TYPE):
                    start = message
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = motis_error_body(b"".join(chunks))
            headers = MutableHeaders(scope=start)
            headers["content-type"] = "application/json"
            headers["content-length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, rewrite)
