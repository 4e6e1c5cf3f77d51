"""GTFS-Realtime in the service: ``start_realtime`` (from the lifespan) polls the ``GTFS_RT``
feeds in a background thread and serves every loaded dataset (also after a hot reload) with
the realtime overlay; ``realtime_service`` is what ``/v1/feeds``, ``/v1/alerts`` and
``/metrics`` read. Without ``GTFS_RT`` nothing runs and answers are the timetable's."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from app.realtime.fetch import parse_rt_spec
from app.realtime.service import RealtimeService
from routing.data.dataset import Dataset
from routing.realtime.source import pinned

if TYPE_CHECKING:
    from app.config import Settings

__all__ = ["RealtimePinMiddleware", "realtime_service", "start_realtime"]

log = logging.getLogger("menuju.realtime")


def _serving_dataset(app: FastAPI) -> Callable[[], Dataset | None]:
    def get() -> Dataset | None:
        state = getattr(app.state, "menuju", None)
        return state.dataset if state is not None else None
    return get


def start_realtime(app: FastAPI) -> Callable[[], None]:
    """Start polling (when ``GTFS_RT`` names feeds); returns the function stopping it (the
    lifespan's shutdown). The first poll runs in the thread, never delaying start-up."""
    settings: Settings = app.state.settings
    specs = parse_rt_spec(settings.gtfs_rt)
    if not specs:
        app.state.realtime = None
        return lambda: None
    service = RealtimeService(specs, interval_s=settings.gtfs_rt_interval_s,
                              max_age_s=settings.gtfs_rt_max_age_s,
                              timeout_s=settings.gtfs_rt_timeout_s,
                              dataset=_serving_dataset(app))
    dataset = _serving_dataset(app)()
    if dataset is not None:
        service.bind(dataset)
        known = {f.feed_id for f in dataset.feeds}
        for spec in specs:
            if spec.feed_id not in known:
                log.warning("GTFS_RT names feed %r, which GTFS_FEEDS does not load (%s): its "
                            "trip updates will all be rejected as unknown", spec.feed_id,
                            ", ".join(sorted(known)))
    app.state.realtime = service
    service.start()
    log.info("polling %d realtime feeds every %.0f s: %s", len(specs),
             settings.gtfs_rt_interval_s, ", ".join(s.key for s in specs))

    def stop() -> None:
        service.stop()
        app.state.realtime = None

    return stop


def realtime_service(app: FastAPI) -> RealtimeService | None:
    """The app's realtime poller, or None without ``GTFS_RT``."""
    return getattr(app.state, "realtime", None)


class RealtimePinMiddleware:
    """One realtime version per HTTP request: a search's forward and reversed timetables
    (and its legs) never mix two updates published while it runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with pinned():
            await self.app(scope, receive, send)
