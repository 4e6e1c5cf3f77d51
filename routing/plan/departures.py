"""The next departures from a stop or a whole station, for boards and kiosks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from routing.data.dataset import Dataset
from routing.journeys import MODE_BY_ROUTE_TYPE
from routing.kernel.timetable import DAY_S, Timetable
from routing.realtime.overlay import departure_schedule

__all__ = ["Departure", "departures"]


@dataclass(frozen=True)
class Departure:
    """One vehicle leaving a stop; ``dep_s`` is seconds since midnight of ``service_date``."""

    stop_id: str
    platform: str | None
    route_id: str
    short_name: str
    long_name: str
    color: str | None
    text_color: str | None
    mode: str
    headsign: str
    trip_id: str
    service_date: date
    dep_s: int
    frequency_based: bool
    headway_s: int
    wheelchair: int
    realtime: bool = False                 # dep_s from a GTFS-RT trip update
    scheduled_dep_s: int | None = None     # realtime: the timetable's departure


def departures(ds: Dataset, place_id: str, service_date: date, time_s: int, *,
               window_s: int = 3600, limit: int = 20) -> list[Departure]:
    """Departures at or after ``time_s`` within ``window_s``, soonest first, across midnight
    into the next service date. Vehicles that end here (no boarding) are left out."""
    stops = ds.network.platforms_of(place_id)
    found: list[tuple[int, Departure]] = []
    for day, shift in ((service_date, 0), (service_date + timedelta(days=1), DAY_S)):
        if not ds.covers(day):
            continue
        start = time_s - shift
        if start + window_s < -DAY_S:
            continue
        table = ds.timetable(day)
        for stop in stops:
            found.extend((d.dep_s + shift, d) for d in _at_stop(ds, table, stop, start,
                                                                start + window_s, day))
    found.sort(key=lambda item: (item[0], item[1].short_name))
    unique: dict[tuple, Departure] = {}
    for absolute, dep in found:
        unique.setdefault((absolute, dep.trip_id, dep.stop_id), dep)
    return list(unique.values())[:limit]


def _at_stop(ds: Dataset, table: Timetable, stop: int, start_s: int, end_s: int,
             day: date) -> list[Departure]:
    result: list[Departure] = []
    stop_id = ds.network.stops.ids[stop]
    platform = ds.network.stops.platform[stop]
    for r, p in table.routes_at(stop):
        if not table.can_board(r, p) or p == table.route_length(r) - 1:
            continue
        column = table.departures_at(r, p)
        trips = table.trips_of(r)
        for i in range(int(column.searchsorted(start_s)), len(column)):
            dep_s = int(column[i])
            if dep_s > end_s:
                break
            info = table.info_of(trips[i])
            route = ds.route(info.route_id)
            scheduled_s, realtime = departure_schedule(table, r, trips[i], p)
            result.append(Departure(
                stop_id=stop_id, platform=platform, route_id=info.route_id,
                short_name=route["short_name"], long_name=route["long_name"],
                color=route["color"], text_color=route["text_color"],
                mode=MODE_BY_ROUTE_TYPE.get(route["route_type"], "BUS"),
                headsign=info.headsign, trip_id=info.trip_id, service_date=day, dep_s=dep_s,
                frequency_based=info.frequency_based,
                headway_s=(_window_headway_s(table, column, trips, i) or info.headway_s)
                if info.frequency_based else 0,
                wheelchair=info.wheelchair, realtime=realtime, scheduled_dep_s=scheduled_s,
            ))
    return result


def _window_headway_s(table: Timetable, column, trips: range, i: int,
                      reach: int = 64) -> int:
    """The headway of the frequencies.txt window that run ``i`` of ``column`` belongs to: the
    gap to the same trip's neighbouring runs at this stop, preferring a gap that repeats (so
    a run next to a window boundary takes its own window's headway); 0 when alone."""
    info = int(table.trip_info[trips[i]])

    def gaps(step: int) -> list[int]:
        found: list[int] = []
        last, j = int(column[i]), i + step
        while 0 <= j < len(column) and abs(j - i) <= reach and len(found) < 2:
            if int(table.trip_info[trips[j]]) == info:
                found.append(abs(int(column[j]) - last))
                last = int(column[j])
            j += step
        return found

    after, before = gaps(1), gaps(-1)
    for side in (before, after):  # a window's last run looks back, its first run ahead
        if len(side) == 2 and side[0] == side[1]:
            return side[0]
    return (after or before or [0])[0]
