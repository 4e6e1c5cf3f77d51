"""An ASGI ``send`` that rewrites whole response bodies: the MOTIS middlewares' one buffering
step (legacy answers through /api/v6, problem+json as MOTIS ``{"error": ...}``)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Send

__all__ = ["rewriting_send"]


def rewriting_send(send: Send, *, wanted: Callable[[Message], bool],
                   rewrite: Callable[[bytes], bytes], content_type: str | None = None) -> Send:
    """A ``send`` that holds back an answer whose ``http.response.start`` message ``wanted``
    accepts, collects its body, and sends ``rewrite(body)`` in one message with its
    Content-Length (and Content-Type ``content_type`` when given). Other answers pass
    through unchanged. Use it inside gzip (it reads the plain body)."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def rewriting(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            if wanted(message):
                start = message
            else:
                await send(message)
            return
        if start is None or message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = rewrite(b"".join(chunks))
        headers = MutableHeaders(scope=start)
        if content_type is not None:
            headers["content-type"] = content_type
        headers["content-length"] = str(len(body))
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})

    return rewriting
