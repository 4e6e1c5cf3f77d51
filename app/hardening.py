"""What a client cannot use against the service: the Host header (ALLOWED_HOSTS: any other
Host gets a 400 problem+json; public URLs from PUBLIC_BASE_URL, never from Host), oversized
requests (MAX_REQUEST_BYTES: 414 for a long URL, 413 for a long body), floods of plans
(RATE_LIMIT, per client, counted by ``limits``, slowapi's engine), and echoes of long input
(:func:`clip_echoes`: at most ``MAX_ECHO`` characters of any input value)."""

from __future__ import annotations

import math
import time
from urllib.parse import urlsplit, urlunsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings

__all__ = ["MAX_ECHO", "PLAN_PATHS", "AllowedHostsMiddleware", "clip_echoes", "host_name",
           "install_hardening", "public_base_url"]

MAX_ECHO = 100
#: The routes that plan journeys (CPU per request): rate limited when RATE_LIMIT is set.
PLAN_PATHS = ("/v1/plan", "/api/v1/plan", "/api/v5/plan", "/api/v6/plan", "/p")


def public_base_url(scope: Scope, settings: Settings) -> str:
    """The service's public URL for links, QR codes and redirects: PUBLIC_BASE_URL, else the
    address the server listens on (``scope["server"]``, never the client's Host header)."""
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/")
    host, port = scope.get("server") or ("127.0.0.1", 8000)
    if host in ("0.0.0.0", "::", "", None):  # noqa: S104 - a listening address, not a bind
        host = "127.0.0.1"
    if ":" in str(host):
        host = f"[{host}]"
    root = str(scope.get("root_path", "")).rstrip("/")
    return f"http://{host}{'' if port in (80, None) else f':{port}'}{root}"


def clip_echoes(text: str, request: Request | None) -> str:
    """``text`` with every query value, path parameter and the path of ``request`` that is
    longer than MAX_ECHO characters cut to MAX_ECHO (and '…')."""
    if request is None:
        return text
    values = [request.url.path, *request.query_params.values(),
              *(str(v) for v in request.path_params.values())]
    for value in sorted({v for v in values if len(v) > MAX_ECHO}, key=len, reverse=True):
        text = text.replace(value, value[:MAX_ECHO] + "…")
        text = text.replace(repr(value)[1:-1], value[:MAX_ECHO] + "…")
    if len(text) > 20 * MAX_ECHO:   # whatever else came through: never kilobytes
        text = text[: 20 * MAX_ECHO] + "…"
    return text


def _problem(status: int, slug: str, title: str, detail: str,
             headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"type": f"https://menuju.id/problems/{slug}", "title": title,
                         "status": status, "detail": detail}, status_code=status,
                        media_type="application/problem+json", headers=headers)


class RequestLimitMiddleware:
    """414 for a URL (path + query) over ``max_bytes``, 413 for a body over it (by
    Content-Length, or counted while it streams); Location headers of redirects are rebuilt
    on the public base URL, whatever Host the request named."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.max_bytes = settings.max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b""))
        if url_bytes > self.max_bytes:
            await _problem(414, "uri-too-long", "URI too long",
                           f"The request URL has {url_bytes} bytes; at most {self.max_bytes} "
                           "are accepted.")(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge
            return message

        base = public_base_url(scope, self.settings)

        async def public_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, _rebase(v, base) if k.lower() == b"location" else v)
                           for k, v in message.get("headers", [])]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, public_send)
        except _BodyTooLarge:
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _problem(413, "content-too-large", "Content too large",
                       f"The request body is larger than {self.max_bytes} bytes.")(
            scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def _rebase(location: bytes, base: str) -> bytes:
    """An absolute Location moved onto ``base`` (scheme and host), path and query kept."""
    parts = urlsplit(location.decode("latin-1"))
    if not parts.netloc:
        return location
    public = urlsplit(base)
    return urlunsplit((public.scheme, public.netloc, parts.path, parts.query,
                       parts.fragment)).encode("latin-1")


def install_hardening(app: FastAPI, settings: Settings) -> None:
    """Add the request limits, the trusted hosts and (when RATE_LIMIT is set) the per-client
    rate limit of the plan routes to ``app`` (call after the routes are included)."""
    if settings.rate_limit.strip():
        app.add_middleware(RateLimitMiddleware, spec=settings.rate_limit.strip())
    hosts = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    if hosts and "*" not in hosts:
        app.add_middleware(AllowedHostsMiddleware, allowed_hosts=hosts)
    app.add_middleware(RequestLimitMiddleware, settings=settings)


class AllowedHostsMiddleware:
    """400 problem+json for a request whose Host header names none of ``allowed_hosts``
    (exact names, or ``*.example.id`` for any subdomain; the port is ignored; starlette's
    TrustedHostMiddleware matches the same way but answers in plain text). The host is
    echoed at most MAX_ECHO characters. A websocket with such a Host is closed (1008)."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.exact = {h.lower() for h in allowed_hosts if not h.startswith("*.")}
        self.suffixes = tuple(h[1:].lower() for h in allowed_hosts if h.startswith("*."))

    def allows(self, host: str) -> bool:
        """True when ``host`` (a Host header's name, without the port) is allowed."""
        host = host.lower()
        return host in self.exact or (bool(self.suffixes) and host.endswith(self.suffixes))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = next((v for k, v in scope["headers"] if k.lower() == b"host"), b"")
        raw = header.decode("latin-1")
        if self.allows(host_name(raw)):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        shown = raw if len(raw) <= MAX_ECHO else raw[:MAX_ECHO] + "…"
        detail = (f"The Host {shown!r} is not served here; use one of the service's own "
                  "host names (ALLOWED_HOSTS)." if raw else
                  "The request names no Host; use one of the service's own host names "
                  "(ALLOWED_HOSTS).")
        await _problem(400, "host-not-allowed", "Host not allowed", detail)(
            scope, receive, send)


def host_name(header: str) -> str:
    """The name in a Host header value, without its port: ``example.id:8000`` ->
    ``example.id``, ``[::1]:8000`` -> ``::1``."""
    header = header.strip()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class RateLimitMiddleware:
    """Per-client limits on PLAN_PATHS (client = the connection's address, as slowapi's
    ``get_remote_address``), counted in moving windows by ``limits`` (the engine slowapi
    wraps; slowapi's own middleware cannot find endpoints inside this FastAPI's included
    routers, so it would never limit anything). Over the limit: 429 problem+json with
    Retry-After."""

    def __init__(self, app: ASGIApp, spec: str) -> None:
        from limits import parse_many, storage, strategies

        self.app = app
        self.limits = parse_many(spec)
        self.window = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
        self.spec = spec

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in PLAN_PATHS:
            client = (scope.get("client") or ("unknown", 0))[0]
            for item in self.limits:
                if not self.window.hit(item, client, "plan"):
                    reset = self.window.get_window_stats(item, client, "plan").reset_time
                    wait_s = max(1, math.ceil(reset - time.time()))
                    await _problem(429, "rate-limited", "Too many requests",
                                   f"This client asked for more plans than {self.spec} "
                                   f"allows; try again in {wait_s} s.",
                                   headers={"Retry-After": str(wait_s)})(scope, receive, send)
                    return
        await self.app(scope, receive, send)
