"""The ASGI app: ``create_app`` wires settings, lifespan, middleware, errors and routes.

Run it with ``uvicorn app.main:app``. The lifespan loads feeds and venues once, in a worker
thread; a broken file stops start-up with one line naming the file, row and column.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings, get_settings
from app.docs import install_offline_docs
from app.errors import CatchAllMiddleware, install_error_handlers, install_problem_openapi
from app.hardening import install_hardening
from app.http_head import HeadAsGetMiddleware
from app.kiosk import routes as kiosk
from app.metrics import Metrics
from app.motis.cors import MotisCorsMiddleware
from app.motis.errors import MotisErrorMiddleware
from app.motis.legacy import MotisLegacyMiddleware
from app.realtime import RealtimePinMiddleware, start_realtime
from app.reload import start_reloading
from app.routes import (
    alerts,
    events,
    feeds,
    health,
    motis,
    motis_reach,
    plan,
    reachability,
    stops,
    venues,
)
from app.routes.admin import router as admin_router
from app.state import load_state, start_background
from routing.errors import RoutingError

__all__ = ["app", "create_app", "lifespan"]

log = logging.getLogger("menuju")
access_log = logging.getLogger("menuju.access")


class JsonFormatter(logging.Formatter):
    """One JSON object per line; ``extra={"fields": {...}}`` adds members."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """Send ``menuju.*`` logs to stderr as JSON lines (once per process), and the warnings of
    ``routing.*`` and Python's ``warnings`` module too."""
    log.setLevel(level.upper())
    logging.captureWarnings(True)
    for logger in (log, logging.getLogger("routing"), logging.getLogger("py.warnings")):
        if logger is not log:
            logger.setLevel(min(logging.WARNING, log.level))
        if not any(getattr(h, "menuju", False) for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonFormatter())
            handler.menuju = True  # type: ignore[attr-defined]
            logger.addHandler(handler)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load everything once (CPU work in a thread); refuse to start on broken data. A worker
    forked by :mod:`app.prefork` finds the state its master loaded and starts only the
    background checks."""
    if app.state.menuju is not None:
        start_background(app.state.menuju)
    else:
        try:
            app.state.menuju = await anyio.to_thread.run_sync(load_state, app.state.settings)
        except RoutingError as exc:
            app.state.startup_error = f"Menuju cannot start: {exc}"
            raise
        await anyio.to_thread.run_sync(app.openapi)   # not on the first request
    stop_reloading = start_reloading(app)
    stop_realtime = start_realtime(app)
    try:
        yield
    finally:
        stop_realtime()
        stop_reloading()
        app.state.menuju = None


class RequestContextMiddleware:
    """``X-Request-ID`` on every answer, one JSON access-log line per request, and a
    one-line start-up failure message instead of a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, self._lifespan_send(scope, send))
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming[:128] if incoming.strip() else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            fields = {
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "request_id": request_id,
            }
            access_log.info(
                "%s %s %s", scope["method"], scope["path"], status, extra={"fields": fields}
            )
            route = scope.get("route")
            metrics = getattr(getattr(scope.get("app"), "state", None), "metrics", None)
            if metrics is not None:
                metrics.observe(getattr(route, "path", "unmatched"), status,
                                time.perf_counter() - started)

    @staticmethod
    def _lifespan_send(scope: Scope, send: Send) -> Send:
        async def lifespan_send(message: Message) -> None:
            error = getattr(scope.get("app"), "state", None)
            error = getattr(error, "startup_error", None)
            if message["type"] == "lifespan.startup.failed" and error:
                message = {**message, "message": error}
            await send(message)

        return lifespan_send


def create_app(settings: Settings | None = None) -> FastAPI:
    """A Menuju app for ``settings`` (default: from the environment); loads nothing yet."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(
        title="Menuju",
        summary="Journey planner for Jakarta: MRT, TransJakarta and walking to the ASEAN "
        "Secretariat and the parks beside it.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served offline by install_offline_docs
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.menuju = None
    app.state.metrics = Metrics()
    install_error_handlers(app)
    install_problem_openapi(app)
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(MotisErrorMiddleware)
    app.add_middleware(MotisLegacyMiddleware)  # /api/v1..v5 through /api/v6
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origin_list,
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-Request-ID", "ETag"],
    )
    app.add_middleware(MotisCorsMiddleware, origins=settings.cors_origin_list)
    app.add_middleware(HeadAsGetMiddleware)  # outside gzip: HEAD gets GET's headers
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(RealtimePinMiddleware)   # one realtime version per request
    install_offline_docs(app)
    for module in (health, feeds, venues, events, stops, plan, motis, reachability,
                   motis_reach, alerts):
        app.include_router(module.router)
    app.include_router(kiosk.router)
    app.include_router(admin_router)
    app.mount("/kiosk/static", StaticFiles(directory=kiosk.STATIC_DIR), name="kiosk-static")
    install_hardening(app, settings)
    return app


app = create_app()
