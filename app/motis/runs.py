"""Runs of vehicles for the MOTIS routes: MOTIS trip ids, the run behind a journey's ride, and
the departures or arrivals at a stop.

A *run* is one trip of a compiled timetable (one GTFS trip, or one expansion of a
frequency-based template). MOTIS names a run ``<YYYYMMDD>_<HH:MM>_<tag>_<trip id>`` (service
date, first departure, dataset tag, GTFS trip id); Menuju uses the same form with the feed id
as the tag: ``20261201_08:05_transjakarta_1-R07``. The time is the run's first departure in
seconds since midnight of its service date (it may pass 24:00, ``24:35``), so each run of a
frequency template has its own id. Times here are seconds since midnight of ``service_date``.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from starlette.exceptions import HTTPException

from app.errors import InvalidParameterError
from app.motis.modes import motis_mode
from routing.data.dataset import Dataset
from routing.journeys import Leg
from routing.kernel.timetable import DAY_S, Timetable, TripInfo

__all__ = [
    "Event",
    "Run",
    "RouteFacts",
    "find_run",
    "parse_trip_id",
    "route_facts",
    "served_modes",
    "run_of_leg",
    "stop_events",
    "trip_direction",
]

_TRIP_ID = re.compile(r"^(\d{8})_(\d{1,3}):(\d{2})_(.+)$")
_INDEX: dict[int, tuple[weakref.ref, dict[str, list[tuple[int, int]]]]] = {}


@dataclass(frozen=True)
class Run:
    """One run: ``trip`` (global index) of ``route`` in ``table`` (of ``table.service_date``),
    read through the timetable's accessors."""

    table: Timetable
    route: int
    trip: int

    @property
    def info(self) -> TripInfo:
        """Ids, headsign and flags of the run's trip."""
        return self.table.info_of(self.trip)

    @property
    def length(self) -> int:
        """Number of stop positions of the run."""
        return self.table.route_length(self.route)

    def stops(self) -> np.ndarray:
        """Stop indices along the run, by position."""
        return self.table.route_stops_of(self.route)

    def times(self) -> tuple[np.ndarray, np.ndarray]:
        """(arr_s, dep_s) at each position."""
        return self.table.trip_row(self.route, self.trip)

    @property
    def first_dep_s(self) -> int:
        """The run's first departure (s since midnight of its service date)."""
        return int(self.times()[1][0])

    def trip_id(self) -> str:
        """MOTIS trip id ``<YYYYMMDD>_<HH:MM>_<feed>_<trip>``; a run starting before midnight of
        the previous day's table is named on that previous day."""
        day, start_s = self.table.service_date, self.first_dep_s
        if start_s < 0:
            day, start_s = day - timedelta(days=1), start_s + DAY_S
        feed, _, trip = self.info.trip_id.partition(":")
        minutes = start_s // 60
        return f"{day:%Y%m%d}_{minutes // 60:02d}:{minutes % 60:02d}_{feed}_{trip}"


def _runs_of(table: Timetable, route: int) -> list[Run]:
    return [Run(table, route, trip) for trip in table.trips_of(route)]


@dataclass(frozen=True)
class Event:
    """A run calling at a stop: ``time_s`` (arrival or departure) at position ``pos``."""

    run: Run
    pos: int
    stop: int
    time_s: int

    @property
    def service_date(self) -> date:
        return self.run.table.service_date


@dataclass(frozen=True)
class RouteFacts:
    """What MOTIS shows of a route beyond ``Dataset.route``: agency id and URL."""

    agency_id: str
    agency_name: str
    agency_url: str


def _runs_by_trip(table: Timetable) -> dict[str, list[tuple[int, int]]]:
    """trip_id -> [(route, global trip)] of ``table`` (built once per table)."""
    cached = _INDEX.get(id(table))
    if cached is not None and cached[0]() is table:
        return cached[1]
    index: dict[str, list[tuple[int, int]]] = {}
    for route in range(table.n_routes):
        for run in _runs_of(table, route):
            index.setdefault(run.info.trip_id, []).append((route, run.trip))
    for key in [k for k, (ref, _) in _INDEX.items() if ref() is None]:
        del _INDEX[key]
    _INDEX[id(table)] = (weakref.ref(table), index)
    return index


def parse_trip_id(ds: Dataset, text: str) -> Run:
    """The run a MOTIS trip id names; 400 for a malformed id, 404 for no such run."""
    match = _TRIP_ID.match(text.strip())
    if not match:
        raise InvalidParameterError(
            "'tripId' must be a trip id from an itinerary leg or a stop time, like "
            f"20261201_08:05_transjakarta_1-R07; got {text[:80]!r}.", parameter="tripId")
    raw_day, hours, minutes, rest = match.groups()
    try:
        day = datetime.strptime(raw_day, "%Y%m%d").date()
    except ValueError:
        raise InvalidParameterError(f"'tripId' has no valid date: {raw_day!r}.",
                                    parameter="tripId") from None
    feed = next((f.feed_id for f in sorted(ds.feeds, key=lambda f: -len(f.feed_id))
                 if rest.startswith(f.feed_id + "_")), None)
    if feed is None:
        raise HTTPException(404, f"No loaded feed matches trip id {text[:80]!r}; feeds: "
                            f"{', '.join(f.feed_id for f in ds.feeds)}.")
    trip_id = f"{feed}:{rest[len(feed) + 1:]}"
    run = find_run(ds, day, trip_id, (int(hours) * 60 + int(minutes)) * 60)
    if run is None:
        raise HTTPException(404, f"There is no run of trip {trip_id[:80]!r} starting at "
                            f"{hours}:{minutes} on {day.isoformat()}.")
    return run


def find_run(ds: Dataset, day: date, trip_id: str, start_s: int) -> Run | None:
    """The run of ``trip_id`` whose first departure falls in the minute of ``start_s`` on
    service date ``day``, or None (also when no feed covers ``day``)."""
    if not ds.covers(day):
        return None
    table = ds.timetable(day)
    for route, trip in _runs_by_trip(table).get(trip_id, ()):
        run = Run(table, route, trip)
        if run.first_dep_s // 60 == start_s // 60:
            return run
    return None


def run_of_leg(ds: Dataset, service_date: date, leg: Leg) -> tuple[Run, int, int] | None:
    """(run, boarding position, alighting position) of a journey's ride, or None when the
    leg is a walk or its run cannot be found."""
    if not leg.is_transit or leg.trip_id is None or not ds.covers(service_date):
        return None
    table = ds.timetable(service_date)
    index = ds.network.stops.index
    board, alight = index.get(leg.origin.stop_id or ""), index.get(leg.destination.stop_id or "")
    if board is None or alight is None:
        return None
    for route, trip in _runs_by_trip(table).get(leg.trip_id, ()):
        run = Run(table, route, trip)
        stops, dep = run.stops().tolist(), run.times()[1]
        for b, stop in enumerate(stops):
            if stop == board and int(dep[b]) == leg.dep_s:
                tail = stops[b + 1:]
                if alight in tail:
                    return run, b, b + 1 + tail.index(alight)
    return None


def stop_events(ds: Dataset, stop_id: str, day: date, start_s: int, end_s: int, *,
                arrivals: bool) -> list[Event]:
    """Departures (or ``arrivals``) at the platforms of ``stop_id`` with ``start_s <= time <=
    end_s`` (seconds since midnight of ``day``; runs of the day before and after included),
    soonest first. Departures leave out runs ending there, arrivals runs starting there."""
    found: dict[tuple, Event] = {}
    for shift_days in (-1, 0, 1):
        table_day = day + timedelta(days=shift_days)
        if not ds.covers(table_day):
            continue
        shift = shift_days * DAY_S
        table = ds.timetable(table_day)
        for stop in ds.network.platforms_of(stop_id):
            for route, pos in table.routes_at(int(stop)):
                last = table.route_length(route) - 1
                if (pos == 0) if arrivals else (pos == last or not table.can_board(route, pos)):
                    continue
                for run in _runs_of(table, route):
                    t = int(run.times()[0 if arrivals else 1][pos]) + shift
                    if start_s <= t <= end_s:
                        key = (t, run.info.trip_id, int(stop))
                        found.setdefault(key, Event(run, pos, int(stop), t - shift))
    return [found[k] for k in sorted(found, key=lambda k: (k[0], k[1]))]


_FACTS: dict[int, tuple[weakref.ref, dict[str, RouteFacts], dict[str, str]]] = {}


def _facts(ds: Dataset) -> tuple[dict[str, RouteFacts], dict[str, str]]:
    cached = _FACTS.get(id(ds))
    if cached is not None and cached[0]() is ds:
        return cached[1], cached[2]
    routes: dict[str, RouteFacts] = {}
    directions: dict[str, str] = {}
    for feed in ds.feeds:
        agencies: dict[str, tuple[str, str, str]] = {}
        for row in feed.tables.agency.itertuples(index=False):
            agency_id = str(getattr(row, "agency_id", "") or "")
            agencies[agency_id] = (agency_id or feed.feed_id, str(row.agency_name),
                                   str(getattr(row, "agency_url", "") or ""))
        first = next(iter(agencies.values()), (feed.feed_id, feed.agency_name, ""))
        for row in feed.tables.routes.itertuples(index=False):
            agency = agencies.get(str(getattr(row, "agency_id", "") or ""), first)
            routes[row.route_id] = RouteFacts(*agency)
        trips = feed.tables.trips
        if "direction_id" in trips.columns:
            for trip_id, direction in zip(trips.trip_id, trips.direction_id, strict=True):
                if direction == direction:  # not NaN
                    directions[trip_id] = str(int(direction))
    _FACTS.clear()
    _FACTS[id(ds)] = (weakref.ref(ds), routes, directions)
    return routes, directions


def route_facts(ds: Dataset, route_id: str) -> RouteFacts:
    """Agency id, name and URL of a route (feed-qualified ``route_id``)."""
    routes, _ = _facts(ds)
    return routes.get(route_id) or RouteFacts(route_id.split(":", 1)[0],
                                              ds.route(route_id)["agency"], "")


def trip_direction(ds: Dataset, trip_id: str) -> str:
    """GTFS ``direction_id`` of a trip as MOTIS writes it (``"0"``/``"1"``), ``""`` unknown."""
    _, directions = _facts(ds)
    return directions.get(trip_id, "")


def served_modes(ds: Dataset) -> set[str]:
    """The MOTIS modes of every loaded route (e.g. {"BUS", "SUBWAY"} on the bundled feeds)."""
    return {motis_mode(int(t)) for feed in ds.feeds for t in feed.tables.routes.route_type}
