"""MOTIS's CORS habits on ``/api`` paths: every answer (errors and 404s too) carries
``Access-Control-Allow-Origin``, ``-Allow-Headers: X-Requested-With, Content-Type, Accept,
Authorization`` and ``-Allow-Methods: GET, POST, OPTIONS``, and ``OPTIONS`` on any ``/api``
path is an empty 200 (MOTIS's web server, motis-project/net ``enable_cors``).

The allowed origin is ``*`` as in MOTIS unless ``CORS_ORIGINS`` names origins: then a listed
``Origin`` is echoed (with ``Vary: Origin``) and others get no CORS headers.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MotisCorsMiddleware"]

ALLOW_HEADERS = "X-Requested-With, Content-Type, Accept, Authorization"
ALLOW_METHODS = "GET, POST, OPTIONS"


class MotisCorsMiddleware:
    """CORS as MOTIS does it, for paths under ``/api/`` only (others pass through)."""

    def __init__(self, app: ASGIApp, origins: list[str] | None = None) -> None:
        self.app = app
        self.origins = origins or ["*"]

    def _headers(self, scope: Scope) -> dict[str, str]:
        if "*" in self.origins:
            origin = "*"
        else:
            asked = dict(scope["headers"]).get(b"origin", b"").decode("latin-1")
            if asked not in self.origins:
                return {}
            origin = asked
        headers = {"Access-Control-Allow-Origin": origin,
                   "Access-Control-Allow-Headers": ALLOW_HEADERS,
                   "Access-Control-Allow-Methods": ALLOW_METHODS}
        if origin != "*":
            headers["Vary"] = "Origin"
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        headers = self._headers(scope)
        if scope["method"] == "OPTIONS":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(k.lower().encode(), v.encode()) for k, v in
                                    {**headers, "Content-Length": "0"}.items()]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start" and headers:
                mutable = MutableHeaders(scope=message)
                for key, value in headers.items():
                    mutable[key] = value
            await send(message)

        await self.app(scope, receive, send_with_cors)
