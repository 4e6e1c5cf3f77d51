"""``HEAD`` on every ``GET`` route: the request runs as ``GET`` and the body is dropped, so
status and headers (``Content-Length``, ``ETag``, ...) are what a ``GET`` would get (RFC 9110
9.3.2). Health checkers and link checkers send ``HEAD``; FastAPI routes alone answer 405.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGetMiddleware"]


class HeadAsGetMiddleware:
    """Serve ``HEAD`` as ``GET`` without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        done = False

        async def send_headers_only(message: Message) -> None:
            # the answer ends right after its headers, so even a streaming body (which
            # sees the client gone once the answer is complete) stops at once
            nonlocal done
            if done:
                return
            await send(message)
            if message["type"] == "http.response.start":
                done = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
