"""Scenarios U: which itineraries are worth showing (routing.plan.choose).

Feature under test: a person's view of alternatives. Waiting at the stop beside you beats
walking ahead to board the same bus (U1); a dearer itinerary (a transfer more, a higher fare)
must save a noticeable time (U2, U3); a short direct walk beats transit that saves too little
(U4). Stops lie on lon 106.8; 0.001 deg of latitude is 145 m / 121 s of walking.
"""

from __future__ import annotations

import pytest

from routing.journeys import Query, format_journey
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileStore
from tests.routing.feedtext import MONDAY, hhmm, plan_lines, venue

# A (origin) --R1 08:10--> B (5 min walk ahead, 08:17) --R1--> D 08:40
WAIT_OR_WALK = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Bravo,-6.2025,106.8000
D,Delta,-6.2300,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:10:00,08:10:00,A,1
T1,08:17:00,08:17:00,B,2
T1,08:40:00,08:40:00,D,3
"""


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("way", ["search", "profile"])
def test_u1_wait_at_the_nearest_stop_rather_than_walk_ahead(feed, way, n):
    # shared case 11: boarding at B leaves the origin 2 min later (08:12 + 5 min walk) but
    # walks 5 min more for the same arrival: a visitor should see "wait at A". The venue's
    # gate is exactly at D, so the venue profile prints the same line.
    ds = feed(WAIT_OR_WALK, [venue("v", [("gate", -6.2300, 106.8000)])])
    store = None
    if way == "profile":
        store = ProfileStore(ds)
        store.build(MONDAY, "v")
    result = plan(ds, Query("-6.2,106.8", "venue:v" if store else "stop:f:D", MONDAY,
                            hhmm("08:00"), num_itineraries=n), profiles=store)
    assert result.used_profile == (store is not None)
    assert [format_journey(j) for j in result.journeys] == [
        "f:A ~ BUS R1 08:10 08:40 ~ f:D [08:10 08:40 30m T0 Rp?]"
    ]


# A --R1 (direct, slow)--> C 08:40 ; A --R2--> B --R3--> C 08:39:48 (12 s sooner, 1 transfer)
SLOW_DIRECT = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Bravo,-6.2200,106.8000
C,Charlie,-6.2400,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
R3,R3,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,S,T2
R3,S,T3
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:40:00,08:40:00,C,2
T2,08:00:00,08:00:00,A,1
T2,08:20:00,08:20:00,B,2
T3,08:22:00,08:22:00,B,1
T3,08:39:48,08:39:48,C,2
"""


def test_u2_a_transfer_more_must_save_noticeable_time(feed):
    # one transfer more to arrive 12 s sooner is not worth showing
    ds = feed(SLOW_DIRECT)
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:55", num_itineraries=3) == [
        "f:A ~ BUS R1 08:00 08:40 ~ f:C [08:00 08:40 40m T0 Rp?]"
    ]


def test_u3_a_transfer_more_that_saves_ten_minutes_is_kept(feed):
    ds = feed(SLOW_DIRECT.replace("T3,08:39:48,08:39:48,C,2", "T3,08:30:00,08:30:00,C,2"))
    assert plan_lines(ds, "stop:f:A", "stop:f:C", "07:55", num_itineraries=3) == [
        "f:A ~ BUS R2 08:00 08:20 ~ f:B ~ BUS R3 08:22 08:30 ~ f:C [08:00 08:30 30m T1 Rp?]",
        "f:A ~ BUS R1 08:00 08:40 ~ f:C [08:00 08:40 40m T0 Rp?]",
    ]


# A and B 0.005 deg apart (725 m walked, 10 min); a bus from A at 08:01 reaches B at 08:07
SHORT_WALK = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Bravo,-6.2050,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:01:00,08:01:00,A,1
T1,08:07:00,08:07:00,B,2
"""


def test_u4_a_short_walk_beats_a_bus_saving_under_five_minutes(feed):
    # the bus takes 7 min door to door (waiting included), the walk 10 min: 3 min saved is
    # not worth a bus ride when the walk is this short
    ds = feed(SHORT_WALK)
    assert plan_lines(ds, "stop:f:A", "stop:f:B", "08:00", num_itineraries=3) == [
        "Walk 10m [08:00 08:10 10m T0 Rp0]"
    ]
