"""Venue profiles built for wheelchair settings answer wheelchair queries exactly as the
general search does (R: profiles, wheelchair).

Feature under test: the profile sweep honours the same stop filter (``wheelchair_boarding`` 2
is never used) and trip filter (``wheelchair_accessible`` 2 is never boarded) as the search.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routing.journeys import Query, format_journey
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileSettings, ProfileStore
from tests.routing.feedtext import MONDAY, load, venue

#   A ==R1 (not accessible)== B ==R1== C       the venue's gate is 300 m from C
#   A ==R2 (accessible, later)========= C
#   B has no step-free boarding: a wheelchair user can neither change nor start there
LINE = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding
A,Alpha,-6.2000,106.8000,1
B,Beta,-6.2100,106.8000,2
C,Gamma,-6.2200,106.8000,1
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
# trips.txt
route_id,service_id,trip_id,wheelchair_accessible
R1,S,T1,2
R2,S,T2,1
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T1,08:20:00,08:20:00,C,3
T2,08:05:00,08:05:00,A,1
T2,08:30:00,08:30:00,C,2
"""

WHEELCHAIR = ProfileSettings(wheelchair=True)


def test_w1_wheelchair_profile_skips_inaccessible_trips(tmp_path) -> None:
    ds = load(tmp_path, LINE, [venue("park", [("gate", -6.2227, 106.8000)], step_free=True)])
    store = ProfileStore(ds, WHEELCHAIR)
    store.build(MONDAY, "park")
    query = Query("stop:f:A", "venue:park", MONDAY, 8 * 3600 - 60, wheelchair=True,
                  num_itineraries=1)
    general = [format_journey(j) for j in plan(ds, query).journeys]
    answered = plan(ds, query, profiles=store)
    assert answered.used_profile
    # T1 (08:00, faster) is not accessible: the accessible T2 at 08:05 is the answer
    assert [format_journey(j) for j in answered.journeys] == general == [
        "f:A ~ BUS R2 08:05 08:30 ~ f:C ~ Walk 5m [08:05 08:35 30m T0 Rp?]",
    ]


def test_w2_wheelchair_profile_does_not_serve_other_queries(tmp_path) -> None:
    ds = load(tmp_path, LINE, [venue("park", [("gate", -6.2227, 106.8000)], step_free=True)])
    store = ProfileStore(ds, WHEELCHAIR)
    store.build(MONDAY, "park")
    query = Query("stop:f:A", "venue:park", MONDAY, 8 * 3600 - 60)
    answered = plan(ds, query, profiles=store)
    assert not answered.used_profile
    assert answered.journeys[0].legs[0].route_short_name == "R1"   # 08:00, not accessible


@st.composite
def networks(draw: st.DrawFn) -> tuple[str, tuple[float, float]]:
    """A random feed: 5-9 stops on a grid 450-900 m apart, some without step-free boarding;
    2-5 routes of 2-5 stops with a few trips or a frequency each, some not accessible."""
    n_stops = draw(st.integers(5, 9))
    spacing = draw(st.sampled_from([0.004, 0.006, 0.008]))
    coords = [(-6.2 - (i % 3) * spacing, 106.8 + (i // 3) * spacing) for i in range(n_stops)]
    rows = ["# stops.txt", "stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding"]
    rows += [f"S{i},Stop {i},{lat:.5f},{lon:.5f},{draw(st.sampled_from([0, 1, 1, 2]))}"
             for i, (lat, lon) in enumerate(coords)]
    routes, trips, times, freqs = [], [], [], []
    for r in range(draw(st.integers(2, 5))):
        stops = draw(st.lists(st.integers(0, n_stops - 1), min_size=2, max_size=5, unique=True))
        runs = draw(st.lists(st.integers(60, 900), min_size=len(stops) - 1,
                             max_size=len(stops) - 1))
        routes.append(f"R{r},R{r},3")
        for t in range(draw(st.integers(1, 3))):
            trip = f"T{r}_{t}"
            trips.append(f"R{r},S,{trip},{draw(st.sampled_from([0, 1, 2]))}")
            clock = 7 * 3600 + draw(st.integers(0, 7200))
            for seq, stop in enumerate(stops):
                if seq:
                    clock += runs[seq - 1]
                hms = f"{clock // 3600:02d}:{clock // 60 % 60:02d}:{clock % 60:02d}"
                times.append(f"{trip},{hms},{hms},S{stop},{seq + 1}")
            if draw(st.booleans()):
                freqs.append(f"{trip},07:00:00,09:30:00,{draw(st.sampled_from([300, 600, 1200]))}")
    rows += ["# routes.txt", "route_id,route_short_name,route_type", *routes]
    rows += ["# trips.txt", "route_id,service_id,trip_id,wheelchair_accessible", *trips]
    rows += ["# stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence",
             *times]
    if freqs:
        rows += ["# frequencies.txt", "trip_id,start_time,end_time,headway_secs", *freqs]
    gate = coords[draw(st.integers(0, n_stops - 1))]
    return "\n".join(rows), (gate[0] - 0.002, gate[1])


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(network=networks(), seed=st.integers(0, 10_000))
def test_w3_wheelchair_profiles_agree_with_the_general_search(tmp_path_factory, network,
                                                              seed) -> None:
    text, gate = network
    ds = load(tmp_path_factory.mktemp("feed"), text, [venue("v", [("g", *gate)])])
    store = ProfileStore(ds, WHEELCHAIR)
    store.build(MONDAY, "v")
    rng = random.Random(seed)
    for _ in range(6):
        origin = f"stop:f:S{rng.randrange(len(ds.network.stops))}"
        query = Query(origin, "venue:v", MONDAY, 7 * 3600 + rng.randrange(0, 3 * 3600),
                      wheelchair=True, num_itineraries=rng.choice([1, 2, 3]),
                      max_transfers=rng.choice([0, 1, 4]))
        general = plan(ds, query)
        profiled = plan(ds, query, profiles=store)
        assert profiled.used_profile
        assert min((j.arr_s for j in profiled.journeys), default=None) == min(
            (j.arr_s for j in general.journeys), default=None), query
        for journey in profiled.journeys:
            assert journey.transfers <= query.max_transfers
            for leg in journey.legs:
                if leg.is_transit:
                    assert leg.wheelchair != 2
                    assert leg.origin.wheelchair != 2 and leg.destination.wheelchair != 2
