"""Scenarios W and N: walking legs and the notes that say why (issue 11, points 7 and 10).

Feature under test: a journey never has two walk legs in a row and each walk is within
``max_walk_m`` (W1 access, W2 egress, general search and venue profile alike); a journey that
leaves on a later day says so (N1); "no journey" names the real cause: a feed whose timetable
has ended (N2), a route that is not step-free (N3). Stops lie on lon 106.8; 0.001 deg of
latitude is 111 m straight, 145 m walked, 121 s at 1.2 m/s.
"""

from __future__ import annotations

import pytest

from routing.errors import NoServiceError
from routing.journeys import Query, format_journey
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileStore
from tests.routing.feedtext import MONDAY, hhmm, venue

# o (origin) ~~300 m~~ A ~~450 m~~ B ==R1 08:10==> C ==> D 08:30; the venue gate is at D
# o -> B straight is 750 m walked: with max_walk_m 600 the only way to B is two walks
WALK_THEN_WALK = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2020,106.8000
B,Bravo,-6.2051,106.8000
D,Delta,-6.2300,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:10:00,08:10:00,B,1
T1,08:30:00,08:30:00,D,2
"""
ORIGIN = "-6.2000,106.8000"


@pytest.mark.parametrize("way", ["search", "profile"])
def test_w1_no_walk_on_after_the_access_walk(feed, way):
    ds = feed(WALK_THEN_WALK, [venue("v", [("gate", -6.2300, 106.8000)])])
    store = None
    if way == "profile":
        store = ProfileStore(ds)
        store.build(MONDAY, "v")
    to = "venue:v" if store else "stop:f:D"
    for max_walk_m, expected in ((600, []), (1000, [
            "Walk 10m ~ f:B ~ BUS R1 08:10 08:30 ~ f:D [07:59 08:30 30m T0 Rp?]"])):
        result = plan(ds, Query(ORIGIN, to, MONDAY, hhmm("07:55"), max_walk_m=max_walk_m),
                      profiles=store if max_walk_m == 1000 else None)
        assert [format_journey(j) for j in result.journeys] == expected, max_walk_m


# A ==R1 08:00==> B 08:10; the destination d is 300 m past C, C is 450 m past B
WALK_BEFORE_EGRESS = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.1900,106.8000
B,Bravo,-6.2000,106.8000
C,Charlie,-6.2031,106.8000
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
"""


@pytest.mark.parametrize("arrive_by", [False, True])
def test_w2_no_transfer_walk_before_the_egress_walk(feed, arrive_by):
    # B -> C -> d would be two walks (450 m + 300 m); B -> d is 750 m walked, over 600
    ds = feed(WALK_BEFORE_EGRESS)
    time = "08:40" if arrive_by else "07:55"
    for max_walk_m, expected in ((600, []), (1000, [
            "f:A ~ BUS R1 08:00 08:10 ~ f:B ~ Walk 10m [08:00 08:20 20m T0 Rp?]"])):
        result = plan(ds, Query("stop:f:A", "-6.2052,106.8000", MONDAY, hhmm(time),
                                arrive_by=arrive_by, max_walk_m=max_walk_m))
        assert [format_journey(j) for j in result.journeys] == expected, max_walk_m


# one trip a day, at 06:00
MORNING_ONLY = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding
A,Alpha,-6.2000,106.8000,1
B,Bravo,-6.2200,106.8000,2
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,06:00:00,06:00:00,A,1
T1,06:20:00,06:20:00,B,2
"""


def test_n1_a_journey_on_a_later_day_says_so(feed):
    ds = feed(MORNING_ONLY)
    result = plan(ds, Query("stop:f:A", "stop:f:B", MONDAY, hhmm("22:00"), num_itineraries=1))
    assert [format_journey(j) for j in result.journeys] == [
        "f:A ~ BUS R1 06:00 06:20 ~ f:B [06:00 06:20 20m T0 Rp?]"]
    assert [n.render("en") for n in result.notes] == [
        "Nothing leaves sooner on 2024-06-03: the first journey leaves on 2024-06-04."]
    assert [n.render("en") for n in result.journeys[0].notes] == ["Leaves on 2024-06-04."]


def test_n2_no_journey_names_the_feed_that_ended(feed):
    ended = MORNING_ONLY + """
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
S,1,1,1,1,1,1,1,20240101,20240531
"""
    ds = feed(ended)
    with pytest.raises(NoServiceError, match="Test Agency timetable ends 2024-05-31"):
        plan(ds, Query("stop:f:A", "stop:f:B", MONDAY, hhmm("05:00")))


def test_n2_a_lapsed_feed_beside_a_running_one_is_named(feed):
    ended = MORNING_ONLY + """
# calendar.txt
service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
S,1,1,1,1,1,1,1,20240101,20240531
"""
    other = MORNING_ONLY.replace("A,Alpha,-6.2000", "A,Alpha,-6.3000").replace(
        "B,Bravo,-6.2200", "B,Bravo,-6.3200")
    ds = feed({"f": ended, "g": other})
    result = plan(ds, Query("stop:f:A", "stop:f:B", MONDAY, hhmm("05:00")))
    assert result.journeys == []
    assert [n.render("en") for n in result.notes][0] == "Test Agency timetable ends 2024-05-31."


def test_n3_no_step_free_route_is_named(feed):
    # B is not step-free (wheelchair_boarding 2): the journey exists, but not step-free
    ds = feed(MORNING_ONLY)
    result = plan(ds, Query("stop:f:A", "stop:f:B", MONDAY, hhmm("05:00"), wheelchair=True))
    assert result.journeys == []
    assert [n.render("en") for n in result.notes][0] == (
        "No step-free journey found; there are journeys with steps.")
