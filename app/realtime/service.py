"""The realtime poller: fetches every ``GTFS_RT`` feed in a background thread, decodes it,
publishes the last good records of all feeds to one :class:`routing.realtime.source.RealtimeState`
and keeps per-feed counters for ``/v1/feeds`` and ``/metrics``.

A message that cannot be fetched, decoded, or is stale is logged and counted and changes
nothing: the feed's last good message stays in use (for at most :data:`KEEP_S` seconds) and
plans carry a "realtime unavailable" note while any feed is failing or older than
``GTFS_RT_MAX_AGE_S``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.realtime.fetch import FeedSpec, Fetcher
from routing.clock import JAKARTA_TZ
from routing.data.dataset import Dataset
from routing.realtime.decode import DecodedFeed, RealtimeMessageError, decode_feed
from routing.realtime.source import RealtimeSource, RealtimeState, attach

__all__ = ["KEEP_S", "FeedStatus", "RealtimeService"]

log = logging.getLogger("menuju.realtime")
JAKARTA = JAKARTA_TZ  # routing.clock: the one Jakarta zone
#: A feed's last good message is used at most this long after its header time.
KEEP_S = 3600.0


@dataclass
class FeedStatus:
    """Counters and times (POSIX s) of one realtime feed."""

    spec: FeedSpec
    state: str = "never"       # never, ok, not-modified, error, broken, stale
    detail: str | None = None
    last_fetch_at: float | None = None
    last_success_at: float | None = None
    message_at: float | None = None     # header timestamp of the message in use
    fetches: int = 0
    errors: int = 0
    broken: int = 0
    stale: int = 0
    entities: int = 0
    applied: int = 0
    rejected: int = 0
    fetcher: Fetcher | None = field(default=None, repr=False)
    due: float = 0.0

    def summary(self, now: float) -> dict[str, Any]:
        """The feed as ``/v1/feeds`` shows it."""
        def iso(t: float | None) -> str | None:
            return None if t is None else datetime.fromtimestamp(t, UTC).isoformat(
                timespec="seconds")
        return {
            "id": self.spec.key, "feed_id": self.spec.feed_id, "kind": self.spec.kind,
            "url": self.spec.public_url, "state": self.state, "detail": self.detail,
            "last_fetch": iso(self.last_fetch_at), "last_success": iso(self.last_success_at),
            "message_time": iso(self.message_at),
            "age_s": None if self.message_at is None else round(now - self.message_at, 1),
            "fetches": self.fetches, "errors": self.errors, "broken": self.broken,
            "stale": self.stale, "entities": self.entities, "applied": self.applied,
            "rejected": self.rejected,
        }


class RealtimeService:
    """Polls ``specs`` every ``interval_s`` (per feed, with backoff after failures)."""

    def __init__(self, specs: list[FeedSpec], *, interval_s: float, max_age_s: float,
                 timeout_s: float = 10.0,
                 dataset: Callable[[], Dataset | None] = lambda: None) -> None:
        self.interval_s, self.max_age_s = interval_s, max_age_s
        self.state = RealtimeState()
        self.client = httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=True,
                                   headers={"User-Agent": "Menuju GTFS-RT poller"})
        self.feeds = {s.key: FeedStatus(s, fetcher=Fetcher(s, self.client, interval_s))
                      for s in specs}
        self._dataset = dataset
        self._decoded: dict[str, DecodedFeed] = {}
        self._published: tuple = ()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> None:
        """Poll in a daemon thread until :meth:`stop`."""
        self._thread = threading.Thread(target=self._run, name="menuju-realtime", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop polling, wait for the thread, close the HTTP client."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
        self.client.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.time()
            try:
                for status in self.feeds.values():
                    if status.due <= now:
                        self.poll(status.spec.key)
                self.refresh()
            except Exception:  # noqa: BLE001 - the poller must survive anything
                log.exception("realtime poller failed; going on")
            due = min((s.due for s in self.feeds.values()), default=now + 1.0)
            self._stop.wait(max(0.05, min(1.0, due - time.time())))

    # -- one feed ------------------------------------------------------------------------
    def poll(self, key: str) -> None:
        """Fetch and decode one feed now; publish when its records changed."""
        status = self.feeds[key]
        fetcher = status.fetcher
        assert fetcher is not None
        now = time.time()
        status.last_fetch_at, status.fetches = now, status.fetches + 1
        try:
            result = fetcher.fetch()
            if result.body is None:
                status.state, status.detail = "not-modified", None
                status.last_success_at = now
                fetcher.failures = 0
            else:
                decoded = decode_feed(status.spec.feed_id, result.body, now=now,
                                      max_age_s=self.max_age_s)
                status.state, status.detail = "ok", None
                status.last_success_at, status.message_at = now, float(decoded.timestamp)
                status.entities = (len(decoded.trip_updates) + len(decoded.alerts)
                                   + len(decoded.vehicles) + decoded.rejected)
                fetcher.failures = 0
                with self._lock:
                    self._decoded[key] = decoded
                self._publish()
        except RealtimeMessageError as exc:
            setattr(status, exc.kind, getattr(status, exc.kind) + 1)
            self._failed(status, exc.kind, str(exc))
        except (httpx.HTTPError, ValueError, OSError) as exc:
            status.errors += 1
            self._failed(status, "error", f"{type(exc).__name__}: {exc}")
        status.due = time.time() + fetcher.next_delay_s()

    def _failed(self, status: FeedStatus, state: str, detail: str) -> None:
        assert status.fetcher is not None
        status.state = state
        status.detail = status.spec.redact(" ".join(detail.split()))[:300]
        status.fetcher.failures += 1
        if state != "error":
            status.fetcher.forget_validators()
        log.warning("realtime feed %s %s (kept the last good state): %s", status.spec.key,
                    state, status.detail,
                    extra={"fields": {"feed": status.spec.key, "state": state}})

    # -- publishing ----------------------------------------------------------------------
    def _publish(self) -> None:
        """Merge the last good message of every feed (younger than KEEP_S) into the state."""
        now = time.time()
        with self._lock:
            live = {k: d for k, d in self._decoded.items() if now - d.timestamp <= KEEP_S}
        trips, alerts, vehicles = [], [], []
        for key, decoded in sorted(live.items()):
            kind = self.feeds[key].spec.kind
            today = datetime.fromtimestamp(decoded.timestamp, JAKARTA).date()
            if kind in ("trip-updates", "all"):
                trips += [t if t.start_date is not None else replace(t, start_date=today)
                          for t in decoded.trip_updates]
            if kind in ("alerts", "all"):
                alerts += decoded.alerts
            if kind in ("vehicle-positions", "all"):
                vehicles += decoded.vehicles
        self._published = tuple((k, d.timestamp) for k, d in sorted(live.items()))
        self.state.publish(trips, alerts, vehicles)
        self._count()

    def refresh(self) -> None:
        """Attach the serving dataset (a reload brings a new one), drop messages older than
        KEEP_S, and update the "unavailable" flag."""
        now = time.time()
        with self._lock:
            live = tuple((k, d.timestamp) for k, d in sorted(self._decoded.items())
                         if now - d.timestamp <= KEEP_S)
        if live != self._published:
            self._publish()
        dataset = self._dataset()
        if dataset is not None and not self._is_attached(dataset):
            self.bind(dataset)
        self.state.unavailable = self.unavailable(now)

    def _is_attached(self, dataset: Dataset) -> bool:
        source = dataset.timetables
        return isinstance(source, RealtimeSource) and source.state is self.state

    def bind(self, dataset: Dataset) -> RealtimeSource:
        """Serve ``dataset`` with realtime (idempotent) and count what applies to it."""
        source = attach(dataset, self.state)
        self._count(source)
        return source

    def _count(self, source: RealtimeSource | None = None) -> None:
        """Per feed: entities applied (trip updates matched today, alerts, vehicles) and
        rejected (unreadable entities, trip updates of today matching no run)."""
        if source is None:
            dataset = self._dataset()
            if dataset is None or not self._is_attached(dataset):
                return
            source = dataset.timetables  # type: ignore[assignment]
        assert isinstance(source, RealtimeSource)
        applied: dict[str, int] = {}
        unknown_by: dict[str, int] = {}
        examples: list[str] = []
        for day in sorted(self.state.snapshot.dates):   # each update counts on its own date
            if not source.covers(day):
                continue
            try:
                report = source.report(day)   # also builds the overlay off the request path
            except Exception:  # noqa: BLE001 - never let counting break the poller
                log.exception("cannot apply the trip updates to %s", day)
                continue
            if report is None:
                continue
            for fid, n in report.applied.items():
                applied[fid] = applied.get(fid, 0) + n
            for fid, n in report.unknown.items():
                unknown_by[fid] = unknown_by.get(fid, 0) + n
            examples += report.unknown_ids
        today = datetime.now(JAKARTA).date()
        for day in (today, today + timedelta(days=1)):   # the night bridge, off the requests
            if source.covers(day) and source.touches(day):
                try:
                    source.entry(day)
                except Exception:  # noqa: BLE001 - the request path builds it then
                    log.exception("cannot prebuild the realtime overlay of %s", day)
        with self._lock:
            decoded = dict(self._decoded)
        for key, status in self.feeds.items():
            d = decoded.get(key)
            if d is None:
                continue
            kind, fid = status.spec.kind, status.spec.feed_id
            takes_trips = kind in ("trip-updates", "all") and bool(d.trip_updates)
            n_applied = applied.get(fid, 0) if takes_trips else 0
            unknown = unknown_by.get(fid, 0) if takes_trips else 0
            n_applied += len(d.alerts) if kind in ("alerts", "all") else 0
            n_applied += len(d.vehicles) if kind in ("vehicle-positions", "all") else 0
            status.applied, status.rejected = n_applied, d.rejected + unknown
            if unknown:
                log.warning("realtime feed %s: %d trip updates match no trip (e.g. %s); not "
                            "applied", key, unknown, ", ".join(examples[:5]),
                            extra={"fields": {"feed": key, "unknown": unknown}})

    # -- views ---------------------------------------------------------------------------
    def unavailable(self, now: float | None = None) -> bool:
        """True while a feed that carries trip updates (kind ``trip-updates`` or ``all``)
        failed its last fetch or its message is older than allowed: the times of plans may
        then be out of date (alerts or vehicle feeds failing do not change times)."""
        now = time.time() if now is None else now
        return any(
            s.state in ("never", "error", "broken", "stale") or s.message_at is None
            or now - s.message_at > self.max_age_s
            for s in self.feeds.values() if s.spec.kind in ("trip-updates", "all")
        )

    def summaries(self) -> list[dict[str, Any]]:
        """Every feed's status for ``/v1/feeds``."""
        now = time.time()
        return [s.summary(now) for s in self.feeds.values()]

    def metrics_text(self) -> str:
        """Prometheus exposition lines per feed (label ``feed``), appended to /metrics."""
        now = time.time()
        series = [
            ("menuju_realtime_last_fetch_timestamp_seconds", "gauge",
             "POSIX time of the last fetch of the realtime feed.",
             lambda s: s.last_fetch_at or 0),
            ("menuju_realtime_message_age_seconds", "gauge",
             "Age of the realtime message in use (-1: none yet).",
             lambda s: now - s.message_at if s.message_at is not None else -1),
            ("menuju_realtime_fetches_total", "counter", "Fetches of the realtime feed.",
             lambda s: s.fetches),
            ("menuju_realtime_failures_total", "counter",
             "Fetches not used: network errors, broken or stale messages.",
             lambda s: s.errors + s.broken + s.stale),
            ("menuju_realtime_entities_applied", "gauge",
             "Entities of the message in use that apply (today's trip updates matched, "
             "alerts, vehicle positions).", lambda s: s.applied),
            ("menuju_realtime_entities_rejected", "gauge",
             "Entities of the message in use not applied (unreadable, unknown ids).",
             lambda s: s.rejected),
        ]
        lines = ["# HELP menuju_realtime_unavailable 1 while a trip-updates feed is failing "
                 "or stale (plans carry the note).", "# TYPE menuju_realtime_unavailable gauge",
                 f"menuju_realtime_unavailable {int(self.unavailable(now))}"]
        for name, kind, text, value in series:
            lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}"]
            lines += [f'{name}{{feed="{key}"}} {_number(value(s))}'
                      for key, s in self.feeds.items()]
        return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    """A sample value: integers as such, others to the millisecond (no 1.8e+09 rounding)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"
