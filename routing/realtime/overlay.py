"""Apply GTFS-RT TripUpdates to a compiled timetable: a new :class:`OverlayTimetable` whose
arrays are copies (the served, memory-mapped arrays are never written), built once per update
cycle and date.

What is applied (GTFS-RT reference, "TripUpdate"):

* delays and absolute times per stop; a delay propagates downstream to the next updated stop
  (and to the end), a trip-level ``delay`` applies from the first stop; ``NO_DATA`` resets to
  the schedule; times are then made monotonic (no arrival before the previous departure);
* ``SKIPPED`` stops: the run moves to a route of its own with no boarding or alighting there;
* ``CANCELED`` runs are left out of the overlay (never boarded, never on a board);
* ``ADDED`` runs: a static ``trip_id`` with a ``start_time`` repeats that trip's pattern; an
  unknown ``trip_id`` is added when its stop_time_updates name every stop (with times) of a
  pattern of its ``route_id``; anything else is rejected as unknown.

Runs are matched by ``trip_id`` + ``start_date`` (default: the table's date) and, for
frequency-based trips, ``start_time`` (nearest expanded run within half a headway). Runs whose
order changes are re-sorted, and split into further routes where one would overtake another,
so that the kernel's "earliest trip" binary search stays right.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TypedDict

import numpy as np

from routing.clock import JAKARTA_TZ
from routing.kernel.timetable import DAY_S, Timetable, TripInfo
from routing.realtime.assemble import (
    RT_ADDED,
    RT_NONE,
    RT_UPDATED,
    OverlayTimetable,
    Row,
    assemble,
)
from routing.realtime.catalog import TableIndex, TripCatalog
from routing.realtime.decode import StopUpdate, TripUpdate

__all__ = ["RT_ADDED", "RT_NONE", "RT_UPDATED", "OverlayReport", "OverlayTimetable",
           "build_overlay", "day_epoch_s", "departure_schedule", "realtime_fields",
           "scheduled_row"]

JAKARTA = JAKARTA_TZ  # routing.clock: the one Jakarta zone


@dataclass
class OverlayReport:
    """What one overlay build did, per realtime feed id: ``applied`` and ``unknown`` counts
    (updates for the table's own date only), cancelled and added runs."""

    applied: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unknown: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unknown_ids: list[str] = field(default_factory=list)   # the first few, for the log
    cancelled: int = 0
    added: int = 0
    seconds: float = 0.0


def day_epoch_s(day: date) -> int:
    """POSIX seconds of midnight of ``day`` in Jakarta (the origin of the table's seconds)."""
    return int(datetime.combine(day, time(0), tzinfo=JAKARTA).timestamp())


def scheduled_row(table: Timetable, route: int, trip: int
                  ) -> tuple[np.ndarray, np.ndarray, int]:
    """(scheduled arr_s, scheduled dep_s, RT_* flag) of a run, by position; a plain table's
    times are its schedule (flag RT_NONE)."""
    if isinstance(table, OverlayTimetable):
        start = table._time_index(route, trip, 0)
        end = start + table.route_length(route)
        return (table.sched_arr_s[start:end], table.sched_dep_s[start:end],
                int(table.trip_rt[trip]))
    arr, dep = table.trip_row(route, trip)
    return arr, dep, RT_NONE


class RealtimeLegFields(TypedDict):
    """What :func:`realtime_fields` adds to a ``Leg``."""

    realtime: bool
    scheduled_dep_s: int | None
    scheduled_arr_s: int | None


def realtime_fields(table: Timetable, route: int, trip: int, board_pos: int, alight_pos: int
                    ) -> RealtimeLegFields:
    """``Leg`` fields of a ride: ``realtime`` and, when true, the scheduled departure and
    arrival (``scheduled_dep_s``/``scheduled_arr_s``); an added run has no schedule (its
    own times are given)."""
    if not isinstance(table, OverlayTimetable) or not table.trip_rt[trip]:
        return {"realtime": False, "scheduled_dep_s": None, "scheduled_arr_s": None}
    sched_arr, sched_dep, _ = scheduled_row(table, route, trip)
    return {"realtime": True, "scheduled_dep_s": int(sched_dep[board_pos]),
            "scheduled_arr_s": int(sched_arr[alight_pos])}


def departure_schedule(table: Timetable, route: int, trip: int, pos: int
                       ) -> tuple[int | None, bool]:
    """(scheduled departure at ``pos`` or None, realtime) of a run, for boards."""
    if not isinstance(table, OverlayTimetable) or not table.trip_rt[trip]:
        return None, False
    return int(scheduled_row(table, route, trip)[1][pos]), True


def build_overlay(base: Timetable, index: TableIndex, catalog: TripCatalog,
                  stop_index: dict[str, int], updates: list[TripUpdate]
                  ) -> tuple[OverlayTimetable, OverlayReport]:
    """The timetable ``base`` (forward, one service date) with ``updates`` applied; see the
    module docstring. Updates for other dates than the table's day, the day before or after
    are ignored; those of the table's date that match no run are counted as unknown."""
    day = base.service_date
    epoch = day_epoch_s(day)
    report = OverlayReport()
    infos = list(base.infos)
    changed: dict[int, dict[int, Row | None]] = defaultdict(dict)   # route -> trip -> row
    added: dict[int, list[Row]] = defaultdict(list)
    for tu in updates:
        offset = (tu.start_date - day).days if tu.start_date is not None else 0
        if abs(offset) > 1:
            continue
        try:
            ok = _apply_one(base, index, catalog, stop_index, tu, offset * DAY_S, epoch, infos,
                            changed, added, report)
        except (ValueError, IndexError, OverflowError):   # an update that makes no sense
            ok = False
        if offset != 0:   # counted with the table of its own date
            continue
        if ok:
            report.applied[tu.feed_id] += 1
        else:
            report.unknown[tu.feed_id] += 1
            if len(report.unknown_ids) < 5:
                report.unknown_ids.append(tu.trip_id or tu.entity_id)
    return assemble(base, infos, changed, added), report


def _apply_one(base: Timetable, index: TableIndex, catalog: TripCatalog,
               stop_index: dict[str, int], tu: TripUpdate, shift_s: int, epoch: int,
               infos: list[TripInfo], changed: dict, added: dict, report: OverlayReport
               ) -> bool:
    trip_id = tu.trip_id
    facts = catalog.get(trip_id) if trip_id else None
    if tu.relationship == "ADDED":
        return _add(base, index, stop_index, tu, facts, shift_s, epoch, infos, added, report)
    if facts is None or trip_id is None:
        return False
    if facts.frequency_based:
        if tu.start_time_s is None:
            return False
        model = index.any_run(trip_id)
        tolerance = base.info_of(model).headway_s // 2 if model is not None else 0
        trip = index.find_run(trip_id, tu.start_time_s + shift_s, tolerance)
    else:
        trip = index.find_run(trip_id, facts.first_dep_s + shift_s)
    if trip is None:
        return False
    route = int(index.route_of[trip])
    if tu.relationship == "CANCELED":
        changed[route][trip] = None
        report.cancelled += 1
        return True
    arr, dep = base.trip_row(route, trip)
    row = Row(arr.astype(np.int64), dep.astype(np.int64), arr, dep,
               int(base.trip_info[trip]), RT_UPDATED)
    if not _times(row, base.route_stops_of(route), facts.stop_sequences, stop_index, tu,
                  epoch):
        return False
    changed[route][trip] = row
    return True


def _add(base: Timetable, index: TableIndex, stop_index: dict[str, int], tu: TripUpdate,
         facts, shift_s: int, epoch: int, infos: list[TripInfo], added: dict,
         report: OverlayReport) -> bool:
    """An ADDED run: a repeat of a static trip at ``start_time``, or a new trip on a known
    pattern of its route with every stop timed."""
    if facts is not None and tu.trip_id is not None:
        model = index.any_run(tu.trip_id)
        if model is None or tu.start_time_s is None:
            return False
        route = int(index.route_of[model])
        arr, dep = base.trip_row(route, model)
        move = tu.start_time_s + shift_s - int(dep[0])
        row = Row(arr.astype(np.int64) + move, dep.astype(np.int64) + move,
                   arr + move, dep + move, int(base.trip_info[model]), RT_ADDED)
        if not _times(row, base.route_stops_of(route), facts.stop_sequences, stop_index, tu,
                      epoch):
            return False
    else:
        stops = tuple(stop_index.get(s.stop_id or "", -1) for s in tu.stops)
        times = [(_abs(s.arr_time, epoch), _abs(s.dep_time, epoch)) for s in tu.stops]
        if -1 in stops or not stops or any(a is None and d is None for a, d in times):
            return False
        routes = [r for r in index.routes_with_stops(stops)
                  if index.any_route_id(r) == tu.route_id]
        if not routes:
            return False
        route = routes[0]
        arr = np.array([a if a is not None else d for a, d in times], dtype=np.int64)
        dep = np.array([d if d is not None else a for a, d in times], dtype=np.int64)
        like = infos[int(base.trip_info[base.trips_of(route)[0]])]
        infos.append(dataclasses.replace(   # the pattern's route and headsign, its own id
            like, trip_id=tu.trip_id or f"{tu.feed_id}:{tu.entity_id}", wheelchair=0,
            frequency_based=False, headway_s=0, **_plain_trip_fields(like)))
        row = Row(arr, dep, arr.copy(), dep.copy(), len(infos) - 1, RT_ADDED)
        _monotonic(row)
        if not _plausible(row):
            infos.pop()
            return False
    added[route].append(row)
    report.added += 1
    return True


def _plain_trip_fields(info: TripInfo) -> dict:
    """Fields of ``info`` that belong to its own GTFS trip, not the pattern: reset for an
    added one (no in-seat parts, no transfers.txt trip code), where TripInfo has them."""
    names = {f.name for f in dataclasses.fields(info)}
    return {k: v for k, v in (("parts", ()), ("trip_code", -1)) if k in names}


def _abs(posix: int | None, epoch: int) -> int | None:
    return None if posix is None else int(posix) - epoch


def _times(row: Row, stops: np.ndarray, sequences: np.ndarray, stop_index: dict[str, int],
           tu: TripUpdate, epoch: int) -> bool:
    """Apply ``tu``'s stop time updates to ``row`` (in place); False when a stop_sequence or
    stop_id is not on the run."""
    m = len(stops)
    events: list[tuple[int, StopUpdate]] = []
    cursor = 0
    for su in tu.stops:
        pos = _position(su, stops, sequences, stop_index, cursor)
        if pos is None:
            return False
        events.append((pos, su))
        cursor = pos
    events.sort(key=lambda e: e[0])
    delay = np.zeros(m, dtype=np.int64)
    current, start = int(tu.delay_s or 0), 0
    for pos, su in events:
        delay[start:pos] = current
        start = pos + 1
        if su.no_data:
            current = 0
            delay[pos] = 0
            continue
        if su.skipped:
            if row.skipped is None:
                row.skipped = np.zeros(m, dtype=bool)
            row.skipped[pos] = True
            delay[pos] = current
            continue
        a = _abs(su.arr_time, epoch)
        d = _abs(su.dep_time, epoch)
        a_given = a - int(row.sched_arr[pos]) if a is not None else su.arr_delay_s
        d_given = d - int(row.sched_dep[pos]) if d is not None else su.dep_delay_s
        if a_given is None and d_given is None:
            delay[pos] = current
            continue
        a_delay = int(a_given if a_given is not None else d_given)  # type: ignore[arg-type]
        d_delay = int(d_given if d_given is not None else a_delay)
        if max(abs(a_delay), abs(d_delay)) > DAY_S:   # a day off the schedule: nonsense
            return False
        row.arr[pos] = int(row.arr[pos]) + a_delay   # row.arr holds the schedule here
        row.dep[pos] = int(row.dep[pos]) + d_delay
        delay[pos] = 0
        current = d_delay
    delay[start:] = current
    timed = np.zeros(m, dtype=bool)
    for pos, su in events:
        timed[pos] = not (su.no_data or su.skipped) and any(
            v is not None for v in (su.arr_time, su.dep_time, su.arr_delay_s, su.dep_delay_s))
    row.arr = np.where(timed, row.arr, row.arr + delay)
    row.dep = np.where(timed, row.dep, row.dep + delay)
    _monotonic(row)
    return _plausible(row)


def _plausible(row: Row) -> bool:
    """Times within the table's reach (two days either side; int32 safe)."""
    return bool(row.arr.min() > -2 * DAY_S and row.dep.max() < 3 * DAY_S)


def _position(su: StopUpdate, stops: np.ndarray, sequences: np.ndarray,
              stop_index: dict[str, int], cursor: int) -> int | None:
    if su.stop_sequence is not None and len(sequences) == len(stops):
        hits = np.flatnonzero(sequences == su.stop_sequence)
        return int(hits[0]) if len(hits) else None
    stop = stop_index.get(su.stop_id or "")
    if stop is None:
        return None
    hits = np.flatnonzero(stops[cursor:] == stop)
    return cursor + int(hits[0]) if len(hits) else None


def _monotonic(row: Row) -> None:
    """No arrival before the previous departure, no departure before its arrival."""
    both = np.empty(2 * len(row.arr), dtype=np.int64)
    both[0::2], both[1::2] = row.arr, row.dep
    both = np.maximum.accumulate(both)
    row.arr, row.dep = both[0::2].copy(), both[1::2].copy()
