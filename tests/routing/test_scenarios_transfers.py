"""Scenarios C: transfers.txt and block_id (issue 11, points 1 and 2; shared cases 01, 04, 05).

Feature under test: the rules of a change of vehicle. A same-stop ``min_transfer_time``
replaces the default slack (C1, case 01), a timed transfer (type 1) needs no slack (C2, case
04), a forbidden change (type 3) is never made (C3), a route-specific row binds only that
route (C4), and trips of one block are ridden through in-seat, with no transfer counted and no
slack (C5, case 05), unless a type 5 row forbids it (C6).

Each scenario is one expected line, run three ways: the general search depart-after, the
general search arrive-by (arriving by the expected arrival), and the venue profile (a venue
entrance exactly at the destination stop, so the line is the same). Stops lie on lon 106.8,
1.1 km apart: no walking between them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from routing.journeys import Query, format_journey
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileStore
from tests.routing.feedtext import MONDAY, hhmm, load, venue

WAYS = ("depart", "arrive_by", "profile")

STOPS = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
X,Xray,-6.2100,106.8000
C,Charlie,-6.2200,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
R3,R3,3
"""

# A --R1 08:00--> X 08:10;  X --R2 T2 08:12--> C 08:22;  X --R2 T3 08:20--> C 08:30
CHANGE_AT_X = STOPS + """
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,T2
R2,S,T3
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,X,2
T2,08:12:00,08:12:00,X,1
T2,08:22:00,08:22:00,C,2
T3,08:20:00,08:20:00,X,1
T3,08:30:00,08:30:00,C,2
"""

# A --R1 08:00--> X 08:10;  T2 leaves X as T1 arrives (08:10), T3 at 08:40
MEETS_AT_X = STOPS + """
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,X,2
T2,08:10:00,08:10:00,X,1
T2,08:20:00,08:20:00,C,2
T3,08:40:00,08:40:00,X,1
T3,08:50:00,08:50:00,C,2
"""


def answer(tmp_path: Path, text: str, way: str, start: str, end: str) -> list[str]:
    """The one journey A -> C, asked ``way``: leaving at ``start``, or arriving by ``end``."""
    ds = load(tmp_path, text, [venue("v", [("gate", -6.2200, 106.8000)])])
    if way == "arrive_by":
        query = Query("stop:f:A", "stop:f:C", MONDAY, hhmm(end), arrive_by=True,
                      num_itineraries=1)
        return [format_journey(j) for j in plan(ds, query).journeys]
    if way == "depart":
        query = Query("stop:f:A", "stop:f:C", MONDAY, hhmm(start), num_itineraries=1)
        return [format_journey(j) for j in plan(ds, query).journeys]
    store = ProfileStore(ds)
    store.build(MONDAY, "v")
    result = plan(ds, Query("stop:f:A", "venue:v", MONDAY, hhmm(start), num_itineraries=1),
                  profiles=store)
    assert result.used_profile
    return [format_journey(j) for j in result.journeys]


@pytest.mark.parametrize("way", WAYS)
def test_c1_same_stop_min_transfer_time_replaces_the_slack(tmp_path, way):
    # case 01: X->X type 2, 300 s: T2 (2 min after arriving) is missed, T3 (10 min) is not
    text = CHANGE_AT_X + "# transfers.txt\nfrom_stop_id,to_stop_id,transfer_type," \
        "min_transfer_time\nX,X,2,300\n"
    assert answer(tmp_path, text, way, "07:55", "08:30") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:X ~ BUS R2 08:20 08:30 ~ f:C [08:00 08:30 30m T1 Rp?]"]


@pytest.mark.parametrize("way", WAYS)
def test_c2_timed_transfer_needs_no_slack(tmp_path, way):
    # case 04: X->X type 1: T2 waits for T1 (both at 08:10), though the slack is 60 s
    text = MEETS_AT_X + """
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,T2
R2,S,T3
# transfers.txt
from_stop_id,to_stop_id,transfer_type
X,X,1
"""
    assert answer(tmp_path, text, way, "07:55", "08:20") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:X ~ BUS R2 08:10 08:20 ~ f:C [08:00 08:20 20m T1 Rp?]"]


@pytest.mark.parametrize("way", WAYS)
def test_c3_forbidden_change_is_never_made(tmp_path, way):
    # X->X type 3: no change at X at all, so C is only reached on... nothing: no journey
    text = CHANGE_AT_X + "# transfers.txt\nfrom_stop_id,to_stop_id,transfer_type\nX,X,3\n"
    assert answer(tmp_path, text, way, "07:55", "09:00") == []


@pytest.mark.parametrize("way", WAYS)
def test_c4_route_specific_row_binds_only_its_route(tmp_path, way):
    # "no change from R1 to R3 at X" says nothing about R2: the 08:12 is caught as usual
    text = CHANGE_AT_X + ("# transfers.txt\nfrom_stop_id,to_stop_id,from_route_id,to_route_id,"
                          "transfer_type\nX,X,R1,R3,3\n")
    assert answer(tmp_path, text, way, "07:55", "08:22") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:X ~ BUS R2 08:12 08:22 ~ f:C [08:00 08:22 22m T1 Rp?]"]


@pytest.mark.parametrize("way", WAYS)
def test_c5_block_rides_through_in_seat(tmp_path, way):
    # case 05: T1 and T2 share block BLK1 and T2 leaves X as T1 arrives: one vehicle, no
    # transfer, no slack (two legs, the second marked interline_with_previous_leg)
    text = MEETS_AT_X + """
# trips.txt
route_id,service_id,trip_id,block_id
R1,S,T1,BLK1
R2,S,T2,BLK1
R2,S,T3,
"""
    assert answer(tmp_path, text, way, "07:55", "08:20") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:X ~ BUS R2 08:10 08:20 ~ f:C [08:00 08:20 20m T0 Rp?]"]


@pytest.mark.parametrize("way", WAYS)
def test_c6_in_seat_not_allowed_makes_it_a_change(tmp_path, way):
    # the same block, but a type 5 row forbids staying on: a change needing the slack, so
    # T2 (leaving as T1 arrives) is missed and T3 at 08:40 taken
    text = MEETS_AT_X + """
# trips.txt
route_id,service_id,trip_id,block_id
R1,S,T1,BLK1
R2,S,T2,BLK1
R2,S,T3,
# transfers.txt
from_stop_id,to_stop_id,from_trip_id,to_trip_id,transfer_type
X,X,T1,T2,5
"""
    assert answer(tmp_path, text, way, "07:55", "08:50") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:X ~ BUS R2 08:40 08:50 ~ f:C [08:00 08:50 50m T1 Rp?]"]


def test_c5_legs_are_marked_interline(tmp_path):
    text = MEETS_AT_X + """
# trips.txt
route_id,service_id,trip_id,block_id
R1,S,T1,BLK1
R2,S,T2,BLK1
R2,S,T3,
"""
    ds = load(tmp_path, text)
    journey = plan(ds, Query("stop:f:A", "stop:f:C", MONDAY, hhmm("07:55"))).journeys[0]
    assert [(leg.trip_id, leg.interline_with_previous_leg) for leg in journey.legs] == [
        ("f:T1", False), ("f:T2", True)]


# a station XS with platforms X1 (R1 arrives) and X2 (R2 leaves), 11 m apart
STATION = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
A,Alpha,-6.2000,106.8000,0,
XS,Xray,-6.2100,106.8000,1,
X1,Xray 1,-6.2100,106.8000,0,XS
X2,Xray 2,-6.2101,106.8000,0,XS
C,Charlie,-6.2200,106.8000,0,
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,T2
R2,S,T3
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,X1,2
T2,08:12:00,08:12:00,X2,1
T2,08:22:00,08:22:00,C,2
T3,08:20:00,08:20:00,X2,1
T3,08:30:00,08:30:00,C,2
"""


@pytest.mark.parametrize("way", WAYS)
def test_c7_station_level_row_binds_every_platform(tmp_path, way):
    # XS->XS type 2, 480 s, names the station: the walk X1 -> X2 (a few seconds) does not
    # bypass it, so the 08:12 is missed and the 08:20 taken
    text = STATION + ("# transfers.txt\nfrom_stop_id,to_stop_id,transfer_type,min_transfer_time"
                      "\nXS,XS,2,480\n")
    assert answer(tmp_path, text, way, "07:55", "08:30") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:X1 ~ Walk 0m ~ f:X2 ~ BUS R2 08:20 08:30 ~ f:C "
        "[08:00 08:30 30m T1 Rp?]"]


@pytest.mark.parametrize("way", WAYS)
def test_c8_trip_row_beats_stop_row(tmp_path, way):
    # the stop row forbids changing at X, but a row for the trip pair T1 -> T3 allows it
    # (type 0): the most specific row wins, so T3 is caught and T2 is not
    text = CHANGE_AT_X + ("# transfers.txt\nfrom_stop_id,to_stop_id,from_trip_id,to_trip_id,"
                          "transfer_type\nX,X,,,3\nX,X,T1,T3,0\n")
    assert answer(tmp_path, text, way, "07:55", "08:30") == [
        "f:A ~ BUS R1 08:00 08:10 ~ f:X ~ BUS R2 08:20 08:30 ~ f:C [08:00 08:30 30m T1 Rp?]"]
