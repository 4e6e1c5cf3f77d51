"""Engine bugs found by the property test, each shrunk to a scenario (all fixed).

Walking: 0.0035 deg -> 506 m; 0.003 deg -> 434 m / 362 s; 0.004 deg -> 579 m / 483 s.
"""

from __future__ import annotations

from routing.journeys import format_clock, format_journey
from tests.routing.feedtext import plan_lines, run

RIDE_THEN_WALK = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2035,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:05:00,08:05:00,B,2
"""


def test_bug1_ride_to_a_stop_also_within_walking_reach_of_the_origin(feed):
    # A ==R1== B ~~434 m~~ d ; A ~~506 m~~ B is an access walk too; A ~~940 m~~ d is over 600
    ds = feed(RIDE_THEN_WALK)
    assert plan_lines(ds, "stop:f:A", "-6.2065,106.8000", "07:55", max_walk_m=600) == [
        "f:A ~ BUS R1 08:00 08:05 ~ f:B ~ Walk 6m [08:00 08:11 11m T0 Rp?]"
    ]


MIDNIGHT = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
C,Gamma,-6.2200,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,T2
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,23:45:00,23:45:00,A,1
T1,23:55:00,23:55:00,B,2
T2,00:05:00,00:05:00,B,1
T2,00:15:00,00:15:00,C,2
"""


def test_bug2_change_across_midnight_between_service_days(feed):
    # A ==R1 23:45-23:55== B ==R2 00:05-00:15 (every day, so also Tuesday 00:05)== C
    ds = feed(MIDNIGHT)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "23:40", num_itineraries=1) == [
        "f:A ~ BUS R1 23:45 23:55 ~ f:B ~ BUS R2 24:05 24:15 ~ f:C [23:45 24:15 30m T1 Rp?]"
    ]


TRAILING_WALK = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.1900,106.8000
B,Beta,-6.2000,106.8000
B2,Beta Two,-6.2040,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:05:00,08:05:00,B,2
"""


def test_bug3_trailing_transfer_walk_keeps_max_walk_and_its_time(feed):
    # A ==R1== B ~~579 m~~ B2 ~~579 m~~ d   (B -> d is 1157 m, over max_walk_m 600)
    # Walking B -> B2 -> d would be two walk legs in a row, one walk of 1157 m: neither is
    # offered (issue 11, point 7), so there is no journey within max_walk_m
    ds = feed(TRAILING_WALK)
    result = run(ds, "stop:f:A", "-6.2080,106.8000", "07:55", max_walk_m=600)
    assert result.journeys == []
    with_longer_walks = run(ds, "stop:f:A", "-6.2080,106.8000", "07:55", max_walk_m=1200)
    assert [format_journey(j) for j in with_longer_walks.journeys] == [
        "f:A ~ BUS R1 08:00 08:05 ~ f:B ~ Walk 16m [08:00 08:21 21m T0 Rp?]"]


ACCESS_THEN_WALK = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2040,106.8000
A2,Alpha Two,-6.2080,106.8000
B,Beta,-6.2200,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A2,1
T1,08:10:00,08:10:00,B,2
"""


def test_bug4_arrive_by_and_depart_at_agree(feed):
    # o (-6.200) ~~579 m~~ A ~~579 m~~ A2 ==R1 08:00-08:10== B ; o -> A2 is 1157 m (> 600)
    ds = feed(ACCESS_THEN_WALK)
    backward = run(ds, "-6.2000,106.8000", "stop:f:B", "08:10", arrive_by=True,
                   max_walk_m=600, num_itineraries=1)
    forward = run(ds, "-6.2000,106.8000", "stop:f:B",
                  format_clock(backward.journeys[0].dep_s) if backward.journeys else "07:00",
                  max_walk_m=600, num_itineraries=1)
    assert [j.arr_s for j in forward.journeys] == [j.arr_s for j in backward.journeys]


OVERNIGHT = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,23:50:00,23:50:00,A,1
T1,25:10:00,25:10:00,B,2
"""


def test_bug6_run_past_midnight_is_not_returned_twice(feed):
    # A ==R1 23:50 -> 25:10 (every day)== B ; asked at 23:45 for three itineraries
    ds = feed(OVERNIGHT)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "23:45", num_itineraries=3) == [
        "f:A ~ BUS R1 23:50 25:10 ~ f:B [23:50 25:10 1h20m T0 Rp?]"
    ]


RIDE_WALK_RIDE_STOP = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.1900,106.8000
X,Ex,-6.2000,106.8000
Y,Why,-6.2040,106.8000
Z,Zed,-6.2075,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,X,2
T1,08:20:00,08:20:00,Y,3
"""


def test_bug5_walk_on_from_a_stop_reached_earlier_on_foot(feed):
    # A ==R1== X ==R1 (slow)== Y ~~506 m~~ Z ~~434 m~~ d      (max_walk_m 600)
    # X ~~579 m, 483 s~~ Y on foot beats the bus to Y (08:18:03 < 08:20), but from Y one
    # may still walk on to Z only after arriving by bus; X -> Z is 834 m, beyond the radius.
    # Bus to Y 08:20, walk to Z, walk to d would be two walk legs in a row, which are never
    # offered (issue 11, point 7); Y -> d (940 m) and X -> d are over max_walk_m: no journey.
    # With max_walk_m 1000, the one walk Y -> d (940 m, 784 s): 08:33:04.
    ds = feed(RIDE_WALK_RIDE_STOP)
    result = run(ds, "stop:f:A", "-6.2105,106.8000", "07:55", max_walk_m=600,
                 num_itineraries=1)
    assert result.journeys == []
    result = run(ds, "stop:f:A", "-6.2105,106.8000", "07:55", max_walk_m=1000,
                 num_itineraries=1)
    assert [j.arr_s for j in result.journeys] == [8 * 3600 + 33 * 60 + 4]
