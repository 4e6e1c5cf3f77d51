"""The overlay itself (routing level, bundled feeds): delays and propagation, NO_DATA,
absolute times, SKIPPED stops, CANCELED and ADDED runs, the night bridge, unknown ids; the
served arrays are never written."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np
import pytest

from routing.kernel.timetable import DAY_S
from routing.plan import profile_store
from routing.plan.profile_store import ProfileStore
from routing.realtime.catalog import TableIndex
from routing.realtime.decode import StopUpdate, TripUpdate
from routing.realtime.overlay import (
    RT_ADDED,
    RT_UPDATED,
    OverlayTimetable,
    day_epoch_s,
    scheduled_row,
)
from routing.realtime.source import RealtimeState, attach, schedule_only

DAY = date(2026, 12, 1)
MRT = "mrt-jakarta:NS-WD-LBB-BHI-1000"   # 10:00 from Lebak Bulus, stop_sequence 0, 1, ...
TJ = "transjakarta:1-R07"                # every 400 s, 05:00-29:00


def tu(trip_id: str | None, *stops: StopUpdate, start_time_s: int | None = None,
       relationship: str = "SCHEDULED", day: date = DAY, delay_s: int | None = None,
       route_id: str | None = None, feed: str = "mrt-jakarta") -> TripUpdate:
    return TripUpdate("e", feed, trip_id, route_id, day, start_time_s, relationship, delay_s,
                      tuple(stops))


@pytest.fixture
def world(bundled_state):
    ds = dataclasses.replace(bundled_state.dataset)
    state = RealtimeState()
    source = attach(ds, state)
    return ds, state, source


def run_of(table, trip_id: str, dep0: int):
    index = TableIndex(table)
    trip = index.find_run(trip_id, dep0)
    assert trip is not None, (trip_id, dep0)
    route = int(index.route_of[trip])
    arr, dep = table.trip_row(route, trip)
    return route, trip, arr.copy(), dep.copy()


def test_delays_propagate_until_the_next_update_and_no_data_resets(world):
    ds, state, _ = world
    base = ds.timetables.base.timetable(DAY)
    before = base.dep_s.copy()
    state.publish([tu(MRT, StopUpdate(1, None, dep_delay_s=120),
                      StopUpdate(3, None, arr_delay_s=300),
                      StopUpdate(6, None, no_data=True))], [], [])
    table = ds.timetable(DAY)
    route, trip, arr, dep = run_of(table, MRT, 36000)
    s_arr, s_dep, flag = scheduled_row(table, route, trip)
    assert flag == RT_UPDATED
    delay = dep - s_dep
    assert delay[0] == 0 and delay[1] == 120 and delay[2] == 120
    assert delay[3] == 300 and delay[4] == 300 and delay[5] == 300
    assert delay[6] < 300 and (delay[8:] == 0).all()   # schedule again, as soon as it can
    assert (np.diff(np.ravel(np.column_stack([arr, dep]))) >= 0).all()   # never backwards
    assert np.array_equal(base.dep_s, before)                             # served arrays kept


def test_absolute_times_and_a_trip_delay(world):
    ds, state, _ = world
    epoch = day_epoch_s(DAY)
    state.publish([tu(MRT, StopUpdate(2, None, arr_time=epoch + 36000 + 900,
                                      dep_time=epoch + 36000 + 960), delay_s=60)], [], [])
    table = ds.timetable(DAY)
    route, trip, arr, dep = run_of(table, MRT, 36060)   # the trip delay moved position 0
    s_arr, s_dep, _ = scheduled_row(table, route, trip)
    assert dep[0] - s_dep[0] == 60 and arr[2] == 36900 and dep[2] == 36960
    assert dep[3] - s_dep[3] == dep[2] - s_dep[2]


def test_a_skipped_stop_can_be_neither_boarded_nor_left(world):
    ds, state, _ = world
    state.publish([tu(MRT, StopUpdate(3, None, skipped=True))], [], [])
    table = ds.timetable(DAY)
    route, trip, *_ = run_of(table, MRT, 36000)
    assert not table.can_board(route, 3)
    assert table.route_alight[table.route_stop_ptr[route] + 3] == 0
    assert table.n_trips_of(route) == 1 and table.can_board(route, 2)


def test_cancelled_frequency_run_and_the_night_bridge(world):
    ds, state, _ = world
    # yesterday's 1-R07 run leaving at 24:26:40 (00:26:40 today): today's table, 1600 s
    state.publish([tu(TJ, start_time_s=88000, day=DAY - timedelta(days=1),
                      relationship="CANCELED", feed="transjakarta"),
                   tu(TJ, StopUpdate(None, "transjakarta:G00012", dep_delay_s=200),
                      start_time_s=8 * 3600 + 400, feed="transjakarta")], [], [])
    table = ds.timetable(DAY)
    index = TableIndex(table)
    assert index.find_run(TJ, 1600) is None and index.find_run(TJ, 2000) is not None
    assert TableIndex(ds.timetables.base.timetable(DAY)).find_run(TJ, 1600) is not None
    route, trip, arr, dep = run_of(table, TJ, 8 * 3600 + 400)
    assert dep[1] - scheduled_row(table, route, trip)[1][1] == 200
    assert ds.timetables.report(DAY).unknown == {}


def test_added_runs_on_known_patterns_and_unknown_ids(world):
    ds, state, source = world
    epoch = day_epoch_s(DAY)
    base = ds.timetables.base.timetable(DAY)
    route0, trip0, arr0, dep0 = run_of(base, MRT, 36000)
    stops = [ds.network.stops.ids[s] for s in base.route_stops_of(route0)]
    new_stops = [StopUpdate(None, s, arr_time=epoch + int(a) + 120, dep_time=epoch + int(d) + 120)
                 for s, a, d in zip(stops, arr0, dep0, strict=True)]
    state.publish([
        tu(MRT, start_time_s=36000 + 150, relationship="ADDED"),         # a repeat of MRT
        tu("mrt-jakarta:EXTRA-1", *new_stops, relationship="ADDED",
           route_id="mrt-jakarta:MRTJ_NS"),                               # a new trip
        tu("mrt-jakarta:NOPE", StopUpdate(0, None, dep_delay_s=60)),       # unknown
        tu(MRT, StopUpdate(99, None, dep_delay_s=60)),                    # no such stop
    ], [], [])
    table = ds.timetable(DAY)
    index = TableIndex(table)
    repeat = index.find_run(MRT, 36150)
    extra = index.find_run("mrt-jakarta:EXTRA-1", 36120)
    assert repeat is not None and extra is not None
    assert table.trip_rt[repeat] == RT_ADDED and table.trip_rt[extra] == RT_ADDED
    assert table.info_of(extra).route_id == "mrt-jakarta:MRTJ_NS"
    report = source.report(DAY)
    assert report.added == 2 and report.unknown == {"mrt-jakarta": 2}
    assert table.n_trips == base.n_trips + 2
    assert not source.touches(DAY + timedelta(days=5))
    assert ds.timetable(DAY + timedelta(days=5)) is not table
    assert DAY_S == 86_400


def test_absurd_updates_are_rejected_not_applied(world):
    ds, state, source = world
    epoch = day_epoch_s(DAY)
    state.publish([
        tu(MRT, StopUpdate(2, None, dep_delay_s=2**31 - 1)),                  # int32 overflow
        tu(MRT, StopUpdate(1, None, dep_time=epoch - 9 * DAY_S)),             # days before
        tu("mrt-jakarta:X", StopUpdate(None, "mrt-jakarta:GLBB02", dep_time=0),
           relationship="ADDED", route_id="mrt-jakarta:MRTJ_NS"),             # no pattern
        tu(None, relationship="ADDED"),
        tu(TJ, feed="transjakarta"),                                          # no start_time
    ], [], [])
    table = ds.timetable(DAY)
    base = ds.timetables.base.timetable(DAY)
    assert table.n_trips == base.n_trips and not table.trip_rt.any()
    assert source.report(DAY).unknown == {"mrt-jakarta": 4, "transjakarta": 1}


def test_profiles_are_built_on_the_timetable_not_the_overlay(world, monkeypatch):
    ds, state, _ = world
    state.publish([tu(MRT, StopUpdate(0, None, dep_delay_s=300))], [], [])
    assert isinstance(ds.timetable(DAY), OverlayTimetable)
    with schedule_only():
        assert not isinstance(ds.timetable(DAY), OverlayTimetable)
        assert not isinstance(ds.timetable(DAY, reverse=True), OverlayTimetable)
    used = []
    monkeypatch.setattr(profile_store, "build_profile",
                        lambda ds_, venue, day, settings: used.append(ds_.timetable(day)))
    ProfileStore(ds).build(DAY, "asean-secretariat")
    assert used and not isinstance(used[0], OverlayTimetable)
