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
from app.motis.body import rewriting_send

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
        send_json = rewriting_send(send, wanted=_is_problem, rewrite=motis_error_body,
                                   content_type="application/json")
        await self.app(scope, receive, send_json)


def _is_problem(start: Message) -> bool:
    content_type = MutableHeaders(scope=start).get("content-type", "")
    return content_type.startswith(PROBLEM_MEDIA_TYPE)
