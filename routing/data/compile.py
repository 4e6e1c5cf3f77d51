"""Compile the trips of one service date (GTFS calendar, frequencies, the night bridge) into
a :class:`routing.kernel.timetable.Timetable`.

Times are converted from each trip's agency time zone to Jakarta time here, with the offset of
the trip's own service date (:func:`routing.data.timezones.service_day_shift_s`); a converted
time may fall before midnight (negative) or past 24:00, as the night bridge's times do.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from routing.data.blocks import TripRun, chain_trips, in_seat_rules, merge_chain
from routing.data.gtfs import LoadedFeed
from routing.data.timezones import service_day_shift_s
from routing.data.transfer_rules import id_codes
from routing.errors import FeedError
from routing.kernel.timetable import (
    DAY_S,
    NEXT_DAY_EARLY_S,
    Timetable,
    TripInfo,
    flatten_routes,
)

__all__ = ["active_services", "compile_timetable"]


def active_services(feed: LoadedFeed, day: date) -> set[str]:
    """Service ids running on ``day`` by calendar.txt and calendar_dates.txt."""
    ymd = day.strftime("%Y%m%d")
    active: set[str] = set()
    calendar = feed.tables.calendar
    if calendar is not None and len(calendar):
        weekday = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday")[day.weekday()]
        on = (calendar[weekday] == 1) & (calendar["start_date"] <= ymd) & (
            calendar["end_date"] >= ymd)
        active.update(calendar.loc[on.fillna(False), "service_id"])
    exceptions = feed.tables.calendar_dates
    if exceptions is not None and len(exceptions):
        today = exceptions[exceptions["date"] == ymd]
        active.update(today.loc[today["exception_type"] == 1, "service_id"])
        active.difference_update(today.loc[today["exception_type"] == 2, "service_id"])
    return active


@dataclass
class _Runs:
    """Runs of one template trip: a matrix of times, one row per run."""

    info: int
    arr: np.ndarray   # int64[runs, stops]
    dep: np.ndarray


def compile_timetable(
    feeds: list[LoadedFeed], stop_index: dict[str, int], service_date: date
) -> Timetable:
    """Compile the trips running on ``service_date``, the day before's still running after
    midnight, and the next day's leaving in its first hours."""
    infos: list[TripInfo] = []
    patterns: dict[tuple, list[_Runs]] = defaultdict(list)
    codes = id_codes(feeds)
    for feed in feeds:
        for day_offset in (0, -1, 1):
            day = service_date + timedelta(days=day_offset)
            services = active_services(feed, day)
            if services:
                _collect(feed, services, day, day_offset, stop_index, infos, patterns, codes)
    return _assemble(service_date, len(stop_index), infos, patterns)


def _collect(
    feed: LoadedFeed, services: set[str], day: date, day_offset: int,
    stop_index: dict[str, int], infos: list[TripInfo], patterns: dict[tuple, list[_Runs]],
    codes: tuple[dict[str, int], dict[str, int]],
) -> None:
    """Add the runs of every trip of ``services`` (running on ``day``, ``day_offset`` days from
    the compiled date) to ``patterns``, in Jakarta seconds since the compiled date's midnight.

    Raises FeedError for a trip the loader's checks should have refused (fewer than two calls,
    or a call at a stop that is not boardable): no trip is dropped silently.
    """
    tables = feed.tables
    trips = tables.trips[tables.trips["service_id"].isin(services)]
    if trips.empty:
        return
    stop_times = tables.stop_times[tables.stop_times["trip_id"].isin(trips["trip_id"])]
    freq = tables.frequencies
    freq_by_trip = (
        {k: g for k, g in freq.groupby("trip_id")} if freq is not None and len(freq) else {}
    )
    routes = tables.routes.set_index("route_id")
    trip_rows = trips.set_index("trip_id")
    stop_idx = stop_times["stop_id"].map(stop_index)
    frame = pd.DataFrame({
        "trip_id": stop_times["trip_id"].to_numpy(),
        "stop": stop_idx.to_numpy(dtype="float64"),
        "arr": stop_times["arr_s"].to_numpy(),
        "dep": stop_times["dep_s"].to_numpy(),
        "pickup": stop_times["pickup_type"].to_numpy(dtype="int64"),
        "dropoff": stop_times["drop_off_type"].to_numpy(dtype="int64"),
    })
    zone_shift = {zone: service_day_shift_s(str(zone), day)
                  for zone in trips["agency_tz"].dropna().unique()}
    single: list[TripRun] = []   # trips not run from a frequency template (may chain)
    for trip_id, group in frame.groupby("trip_id", sort=False):
        if len(group) < 2 or group["stop"].isna().any():
            raise FeedError(f"trip {trip_id!r} calls at fewer than two boardable stops "
                            "(location_type 0); the loader should have refused it",
                            file=str(feed.path))
        row = trip_rows.loc[trip_id]
        shift_s = day_offset * DAY_S + zone_shift.get(row["agency_tz"], 0)
        stops = group["stop"].to_numpy(dtype=np.int64)
        board = tuple((group["pickup"].to_numpy() != 1).astype(np.uint8))
        alight = tuple((group["dropoff"].to_numpy() != 1).astype(np.uint8))
        arr, dep = group["arr"].to_numpy(np.int64), group["dep"].to_numpy(np.int64)
        freq_rows = freq_by_trip.get(trip_id)
        headway = int(freq_rows["headway_secs"].min()) if freq_rows is not None else 0
        route = routes.loc[row["route_id"]]
        headsign = row["trip_headsign"]
        if pd.isna(headsign):
            headsign = route["route_long_name"] if pd.notna(route["route_long_name"]) else ""
        infos.append(TripInfo(
            trip_id=str(trip_id), route_id=str(row["route_id"]), headsign=str(headsign),
            shape_id=None if pd.isna(row["shape_id"]) else str(row["shape_id"]),
            wheelchair=int(row["wheelchair_accessible"]),
            frequency_based=freq_rows is not None, headway_s=headway,
            trip_code=codes[0].get(str(trip_id), -1),
            route_code=codes[1].get(str(row["route_id"]), -1),
        ))
        if freq_rows is None:
            block = row.get("block_id", pd.NA)
            single.append(TripRun(str(trip_id), None if pd.isna(block) else str(block),
                                  len(infos) - 1, stops, board, alight, arr + shift_s,
                                  dep + shift_s))
            continue
        arr_rel, dep_rel = arr - dep[0], dep - dep[0]
        starts = np.concatenate([
            np.arange(int(r.start_s), int(r.end_s), int(r.headway_secs), dtype=np.int64)
            for r in freq_rows.itertuples()
        ])
        _add_runs(patterns, day_offset, len(infos) - 1, stops, board, alight,
                  starts[:, None] + arr_rel[None, :] + shift_s,
                  starts[:, None] + dep_rel[None, :] + shift_s)
    allowed, forbidden = in_seat_rules(tables.transfers)
    for chain in chain_trips(single, allowed, forbidden):
        if len(chain) == 1:
            run = chain[0]
            _add_runs(patterns, day_offset, run.info, run.stops, run.board, run.alight,
                      run.arr[None, :], run.dep[None, :])
            continue
        stops, board, alight, arr, dep, parts = merge_chain(chain)
        infos.append(dataclasses.replace(infos[chain[0].info], parts=tuple(parts)))
        _add_runs(patterns, day_offset, len(infos) - 1, stops, board, alight, arr[None, :],
                  dep[None, :])


def _add_runs(patterns: dict[tuple, list[_Runs]], day_offset: int, info: int,
              stops: np.ndarray, board: tuple, alight: tuple, runs_arr: np.ndarray,
              runs_dep: np.ndarray) -> None:
    """Add runs (rows of compiled-date seconds) of one stop pattern, keeping of the day
    before only those still going after midnight, of the day after those leaving early."""
    if day_offset < 0:  # the day before: only runs still going after midnight
        keep = runs_arr[:, -1] >= 0
        runs_arr, runs_dep = runs_arr[keep], runs_dep[keep]
    elif day_offset > 0:  # the day after: only runs leaving in its first hours, for changes
        keep = runs_dep[:, 0] < DAY_S + NEXT_DAY_EARLY_S  # across midnight
        runs_arr, runs_dep = runs_arr[keep], runs_dep[keep]
    if len(runs_arr):
        key = (tuple(stops.tolist()), tuple(board), tuple(alight))
        patterns[key].append(_Runs(info, runs_arr, runs_dep))


def _assemble(
    service_date: date, n_stops: int, infos: list[TripInfo], patterns: dict[tuple, list[_Runs]]
) -> Timetable:
    """Sort runs into non-overtaking RAPTOR routes and flatten them."""
    route_stops: list[np.ndarray] = []
    route_board: list[np.ndarray] = []
    route_alight: list[np.ndarray] = []
    arr_blocks: list[np.ndarray] = []
    dep_blocks: list[np.ndarray] = []
    info_blocks: list[np.ndarray] = []
    for (stops, board, alight), runs in patterns.items():
        arr = np.concatenate([r.arr for r in runs])
        dep = np.concatenate([r.dep for r in runs])
        info = np.concatenate([np.full(len(r.arr), r.info, dtype=np.int32) for r in runs])
        order = np.lexsort((arr[:, -1], dep[:, 0]))
        arr, dep, info = arr[order], dep[order], info[order]
        for members in _split_overtaking(arr, dep):
            route_stops.append(np.asarray(stops, dtype=np.int32))
            route_board.append(np.asarray(board, dtype=np.uint8))
            route_alight.append(np.asarray(alight, dtype=np.uint8))
            arr_blocks.append(arr[members])
            dep_blocks.append(dep[members])
            info_blocks.append(info[members])
    return flatten_routes(service_date, n_stops, infos, route_stops, route_board, route_alight,
                    arr_blocks, dep_blocks, info_blocks)


def _split_overtaking(arr: np.ndarray, dep: np.ndarray) -> list[np.ndarray]:
    """Partition sorted runs into groups in which no run overtakes another."""
    if len(arr) < 2 or (
        (np.diff(arr, axis=0) >= 0).all() and (np.diff(dep, axis=0) >= 0).all()
    ):
        return [np.arange(len(arr))]
    groups: list[list[int]] = []
    for i in range(len(arr)):
        for group in groups:
            last = group[-1]
            if (arr[i] >= arr[last]).all() and (dep[i] >= dep[last]).all():
                group.append(i)
                break
        else:
            groups.append([i])
    return [np.asarray(g) for g in groups]
