"""Realtime as an overlay on a dataset's timetables.

:class:`RealtimeState` holds the last good realtime data (trip updates, alerts, vehicle
positions) published by a poller, with a version number. :func:`attach` wraps a dataset's
timetable source in a :class:`RealtimeSource`: for a date the trip updates touch (their
service date is that day, the day before or the day after: the night bridge) it answers an
:class:`routing.realtime.overlay.OverlayTimetable`, built once per version and date (copies;
the served arrays are never written); for any other date, the served timetable itself.

A search asks for the forward table and later the reversed one; a new version published in
between must not mix the two (their route numbers differ). So one request sees one version:
:func:`pinned` (the service opens it per HTTP request) holds the entry first handed out per
date; outside it (library, CLI) each thread keeps its last entry per date for :data:`PIN_S`
seconds. Code that needs the timetable itself (venue profiles: built once, read by trip
numbers) runs inside :func:`schedule_only`.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date

from routing.data.dataset import Dataset, TimetableSource
from routing.kernel.timetable import Timetable, reverse_timetable
from routing.realtime.alerts import AlertIndex
from routing.realtime.catalog import TableIndex, TripCatalog
from routing.realtime.decode import Alert, TripUpdate, VehiclePosition
from routing.realtime.overlay import OverlayReport, build_overlay

__all__ = ["RealtimeSource", "RealtimeState", "Snapshot", "alert_index", "attach", "pinned",
           "realtime_of",
           "realtime_touches", "schedule_only"]

PIN_S = 2.0
log = logging.getLogger("routing.realtime")
_PINS: ContextVar[dict | None] = ContextVar("menuju_realtime_pins", default=None)
_SCHEDULE_ONLY: ContextVar[bool] = ContextVar("menuju_schedule_only", default=False)


@contextmanager
def pinned() -> Iterator[None]:
    """Within: every timetable handed out for a date is the same version (one request)."""
    token = _PINS.set({})
    try:
        yield
    finally:
        _PINS.reset(token)


@contextmanager
def schedule_only() -> Iterator[None]:
    """Within: the served timetables, never a realtime overlay (e.g. to build profiles)."""
    token = _SCHEDULE_ONLY.set(True)
    try:
        yield
    finally:
        _SCHEDULE_ONLY.reset(token)


@dataclass(frozen=True)
class Snapshot:
    """One published state: every realtime feed's last good records together."""

    version: int = 0
    trip_updates: tuple[TripUpdate, ...] = ()
    alerts: tuple[Alert, ...] = ()
    vehicles: tuple[VehiclePosition, ...] = ()
    dates: frozenset[date] = frozenset()   # service dates the trip updates name


@dataclass
class RealtimeState:
    """What the poller publishes and every dataset's :class:`RealtimeSource` reads.
    ``unavailable`` is set while some realtime feed is failing or older than allowed (plans
    then carry a note)."""

    snapshot: Snapshot = field(default_factory=Snapshot)
    unavailable: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def publish(self, trip_updates: list[TripUpdate], alerts: list[Alert],
                vehicles: list[VehiclePosition]) -> Snapshot:
        """Replace the records (trip updates must carry their ``start_date``)."""
        with self._lock:
            dates = frozenset(t.start_date for t in trip_updates if t.start_date is not None)
            self.snapshot = Snapshot(self.snapshot.version + 1, tuple(trip_updates),
                                     tuple(alerts), tuple(vehicles), dates)
            return self.snapshot


@dataclass
class _Entry:
    version: int
    forward: Timetable
    report: OverlayReport
    reverse: Timetable | None = None


class RealtimeSource:
    """A :class:`routing.data.dataset.TimetableSource` answering realtime overlays over
    ``base`` for the dates the trip updates touch; also the dataset's alert index."""

    def __init__(self, base: TimetableSource, dataset: Dataset, state: RealtimeState) -> None:
        self.base = base
        self.state = state
        self._dataset = dataset
        self._catalog = TripCatalog(dataset.feeds)
        self._indexes: dict[int, tuple[object, TableIndex]] = {}
        self._entries: dict[date, _Entry] = {}
        self._alerts: tuple[int, AlertIndex] | None = None
        self._agencies: dict[str, str] | None = None
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._pin = threading.local()

    # -- TimetableSource -----------------------------------------------------------------
    def covers(self, day: date) -> bool:
        """As the served source."""
        return self.base.covers(day)

    @property
    def in_memory(self) -> int:
        """Timetables of the served source plus realtime overlays held."""
        return self.base.in_memory + len(self._entries)

    def timetable(self, day: date, *, reverse: bool = False) -> Timetable:
        """The realtime overlay of ``day`` when trip updates touch it, else the served one."""
        if _SCHEDULE_ONLY.get() or not self.touches(day):
            return self.base.timetable(day, reverse=reverse)
        entry = self._pinned_entry(day)
        if not reverse:
            return entry.forward
        if entry.reverse is None:
            entry.reverse = reverse_timetable(entry.forward)
        return entry.reverse

    def _pinned_entry(self, day: date) -> _Entry:
        """The entry this request (or, outside one, this thread lately) got for ``day``."""
        request = _PINS.get()
        if request is not None:
            entry = request.get((id(self), day))
            if entry is None:
                entry = request[(id(self), day)] = self.entry(day)
            return entry
        pins: dict = getattr(self._pin, "days", None) or {}
        held = pins.get(day)
        now = time.monotonic()
        if held is not None and now - held[0] < PIN_S:
            return held[1]
        entry = self.entry(day)
        pins[day] = (now, entry)
        self._pin.days = pins
        return entry

    # -- realtime ------------------------------------------------------------------------
    def touches(self, day: date) -> bool:
        """Whether the published trip updates change ``day``'s timetable."""
        dates = self.state.snapshot.dates
        return bool(dates) and any(abs((d - day).days) <= 1 for d in dates)

    def entry(self, day: date) -> _Entry:
        """The overlay of ``day`` for the current version (built here when missing: one
        builder at a time)."""
        snap = self.state.snapshot
        entry = self._entries.get(day)
        if entry is not None and entry.version == snap.version:
            return entry
        with self._build_lock:
            entry = self._entries.get(day)
            if entry is not None and entry.version == snap.version:
                return entry
            started = time.perf_counter()
            base = self.base.timetable(day)
            table: Timetable
            try:
                table, report = build_overlay(base, self._index(base), self._catalog,
                                              self._dataset.network.stops.index,
                                              list(snap.trip_updates))
                table = dataclasses.replace(table, service_date=day)
            except Exception:  # noqa: BLE001 - realtime must never break an answer
                log.exception("cannot apply realtime to %s; serving the timetable", day)
                table, report = base, OverlayReport()
            report.seconds = time.perf_counter() - started
            entry = _Entry(snap.version, table, report)
            with self._lock:
                self._entries[day] = entry
                for old in [d for d in self._entries if abs((d - day).days) > 7]:
                    del self._entries[old]
            return entry

    def report(self, day: date) -> OverlayReport | None:
        """What applying the current trip updates to ``day`` did (built if needed), or None
        when they do not touch it."""
        return self.entry(day).report if self.touches(day) else None

    def _index(self, base: Timetable) -> TableIndex:
        key = id(base.dep_s)
        held = self._indexes.get(key)
        if held is None or held[0] is not base.dep_s:
            held = (base.dep_s, TableIndex(base))
            with self._lock:
                self._indexes[key] = held
                while len(self._indexes) > 8:
                    self._indexes.pop(next(iter(self._indexes)))
        return held[1]

    def alerts(self) -> AlertIndex:
        """The alert index of the current version (stops expanded to their stations)."""
        snap = self.state.snapshot
        held = self._alerts
        if held is not None and held[0] == snap.version:
            return held[1]
        index = AlertIndex(snap.alerts, related=self._related, route_agency=self._agency)
        self._alerts = (snap.version, index)
        return index

    def _related(self, stop_id: str) -> list[str]:
        """The stop, its station, and the station's platforms and entrances."""
        stops = self._dataset.network.stops
        i = stops.index.get(stop_id)
        station = (stops.parent[i] if i is not None else None) or stop_id
        children = self._dataset.network.children.get(station, [])
        return list(dict.fromkeys([stop_id, station, *children]))

    def _agency(self, route_id: str) -> str | None:
        """The feed-qualified agency id of a route (a feed's only agency when unnamed)."""
        if self._agencies is None:
            agencies: dict[str, str] = {}
            for feed in self._dataset.feeds:
                for row in feed.tables.routes.itertuples(index=False):
                    agency = getattr(row, "agency_id", None)
                    agency = "" if agency is None or agency != agency else str(agency)
                    if not agency:
                        ids = feed.tables.agency.get("agency_id")
                        agency = str(ids.iloc[0]) if ids is not None and len(ids) else ""
                    prefix = f"{feed.feed_id}:"
                    agencies[str(row.route_id)] = (agency if agency.startswith(prefix)
                                                   else prefix + agency)
            self._agencies = agencies
        return self._agencies.get(route_id)


def attach(dataset: Dataset, state: RealtimeState) -> RealtimeSource:
    """Wrap ``dataset``'s timetable source (once; again after a reload's new dataset) so that
    its searches, boards and legs see realtime; returns the wrapper."""
    source = dataset.timetables
    if isinstance(source, RealtimeSource) and source.state is state:
        return source
    if isinstance(source, RealtimeSource):
        source = source.base
    assert source is not None
    wrapped = RealtimeSource(source, dataset, state)
    dataset.timetables = wrapped
    return wrapped


def realtime_touches(dataset: Dataset, day: date) -> bool:
    """Whether realtime trip updates change ``dataset``'s timetable of ``day``."""
    source = dataset.timetables
    return isinstance(source, RealtimeSource) and source.touches(day)


def realtime_of(dataset: Dataset) -> RealtimeSource | None:
    """The dataset's realtime wrapper, or None when no realtime feed is configured."""
    source = dataset.timetables
    return source if isinstance(source, RealtimeSource) else None


def alert_index(dataset: Dataset) -> AlertIndex | None:
    """The service alerts in use for ``dataset``, or None when there are none (no realtime
    configured, or no alert in the last message)."""
    source = realtime_of(dataset)
    index = source.alerts() if source is not None else None
    return index if index is not None and len(index) else None
