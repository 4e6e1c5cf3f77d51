"""Walks out of a station go through its exits (X: exits)."""

from __future__ import annotations

from pathlib import Path

from tests.routing.feedtext import load, plan_lines, run, venue

#   A (platform of station SA) ==R1==> B (platform of station SB, exits B1 west, B2 east)
#   the park's gate is 250 m east of B: one leaves through B2, not straight through the wall
EXITS = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,wheelchair_boarding
SA,Station A,-6.2000,106.8000,1,,1
A,Station A platform,-6.2000,106.8000,0,SA,1
SB,Station B,-6.2200,106.8000,1,,1
B,Station B platform,-6.2200,106.8000,0,SB,1
B1,Station B Exit West,-6.2200,106.7990,2,SB,2
B2,Station B Exit East,-6.2205,106.8008,2,SB,1
# routes.txt
route_id,route_short_name,route_type
R1,R1,1
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
"""


def test_x1_egress_walk_goes_through_the_nearest_exit(tmp_path: Path) -> None:
    ds = load(tmp_path, EXITS, [venue("park", [("gate", -6.2200, 106.8023)])])
    result = run(ds, "stop:f:SA", "venue:park", "07:55", num_itineraries=1)
    walk = result.journeys[0].legs[-1]
    assert walk.via is not None and walk.via.stop_id == "f:B2"
    assert walk.instruction["en"].startswith(f"Walk {walk.distance_m} m")
    assert "via Exit East to park (gate)" in walk.instruction["en"]
    assert "lewat Exit East ke park (gate)" in walk.instruction["id"]
    # straight from the platform it would be 251 m x 1.3 = 327 m; through exit B2 it is longer
    assert walk.distance_m > 327
    assert plan_lines(ds, "stop:f:SA", "venue:park", "07:55", num_itineraries=1) == [
        f"f:A ~ SUBWAY R1 08:00 08:10 ~ f:B ~ Walk {round(walk.duration_s / 60)}m "
        f"[08:00 08:{10 + round(walk.duration_s / 60):02d} "
        f"{10 + round(walk.duration_s / 60)}m T0 Rp?]"
    ]


def test_x2_wheelchair_users_leave_by_a_step_free_exit(tmp_path: Path) -> None:
    ds = load(tmp_path, EXITS, [venue("park", [("gate", -6.2200, 106.7960)])])
    walk = run(ds, "stop:f:SA", "venue:park", "07:55", num_itineraries=1).journeys[0].legs[-1]
    assert walk.via is not None and walk.via.stop_id == "f:B1"   # west, nearest
    step_free = run(ds, "stop:f:SA", "venue:park", "07:55", num_itineraries=1,
                    wheelchair=True).journeys[0].legs[-1]
    assert step_free.via is not None and step_free.via.stop_id == "f:B2"  # the only lift
    assert step_free.distance_m > walk.distance_m


def test_x3_a_direct_walk_from_a_station_leaves_by_an_exit(tmp_path: Path) -> None:
    ds = load(tmp_path, EXITS, [venue("park", [("gate", -6.2200, 106.8023)])])
    journeys = run(ds, "stop:f:SB", "venue:park", "08:00", num_itineraries=1).journeys
    assert len(journeys) == 1 and len(journeys[0].legs) == 1
    assert journeys[0].legs[0].via is not None
    assert journeys[0].legs[0].via.stop_id == "f:B2"
