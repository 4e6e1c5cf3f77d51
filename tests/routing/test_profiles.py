"""Venue profiles answer exactly as the general search does (R: profiles).

Property: on many generated feeds and queries to a venue, a plan answered from the venue's
profile has the same earliest arrival (per number of trips allowed) as the general search, and
every ride it shows is a real run of its trip.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routing.data.dataset import load_dataset
from routing.data.gtfs import parse_feeds_spec
from routing.journeys import Query, format_journey
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileSettings, ProfileStore
from tests.routing.feedtext import MONDAY, load, venue

REPO = Path(__file__).resolve().parents[2]

#   A ==R1== B ==R1== C           the venue's gate is 300 m from C
#            |
#            R2 (B -> D, slower)  and D is 400 m from the gate
LINE = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
C,Gamma,-6.2200,106.8000
D,Delta,-6.2200,106.8080
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
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T1,08:20:00,08:20:00,C,3
T2,08:12:00,08:12:00,B,1
T2,08:30:00,08:30:00,D,2
# frequencies.txt
trip_id,start_time,end_time,headway_secs
T1,07:00:00,10:00:00,900
T2,07:00:00,10:00:00,600
"""


def _pair(ds, store, query: Query) -> tuple[list[str], list[str], bool]:
    """(general lines, profile lines, whether the profile answered)."""
    general = plan(ds, query)
    profiled = plan(ds, query, profiles=store)
    return ([format_journey(j) for j in general.journeys],
            [format_journey(j) for j in profiled.journeys], profiled.used_profile)


def test_r1_profile_answers_like_the_search(tmp_path: Path) -> None:
    ds = load(tmp_path, LINE, [venue("park", [("gate", -6.2227, 106.8000)])])
    store = ProfileStore(ds)
    store.build(MONDAY, "park")
    query = Query("stop:f:A", "venue:park", MONDAY, 8 * 3600 - 60, num_itineraries=2)
    general, profiled, used = _pair(ds, store, query)
    assert used
    assert profiled == general == [
        "f:A ~ BUS R1 08:00 08:20 ~ f:C ~ Walk 5m [08:00 08:25 25m T0 Rp?]",
        "f:A ~ BUS R1 08:15 08:35 ~ f:C ~ Walk 5m [08:15 08:40 25m T0 Rp?]",
    ]


def test_r2_settings_outside_the_profile_fall_back(tmp_path: Path) -> None:
    ds = load(tmp_path, LINE, [venue("park", [("gate", -6.2227, 106.8000)])])
    store = ProfileStore(ds)
    store.build(MONDAY, "park")
    for query in (
        Query("stop:f:A", "venue:park", MONDAY, 8 * 3600, walk_speed=1.5),
        Query("stop:f:A", "venue:park", MONDAY, 9 * 3600, arrive_by=True),
        Query("stop:f:A", "venue:park", MONDAY, 8 * 3600, wheelchair=True),
    ):
        general, profiled, used = _pair(ds, store, query)
        assert not used and profiled == general


def test_r3_reading_never_builds_and_warming_is_explicit(tmp_path: Path) -> None:
    ds = load(tmp_path, LINE, [venue("park", [("gate", -6.2227, 106.8000)])])
    store = ProfileStore(ds)
    assert store.get(MONDAY, "park") is None
    assert store.get(MONDAY, "park") is None and store.ready_count == 0
    thread = store.warm([MONDAY])
    assert thread is not None
    thread.join(60)
    ready = store.get(MONDAY, "park")
    assert ready is not None and ready.n_entries > 0
    assert store.warm([MONDAY]) is None   # nothing left to build


@st.composite
def networks(draw: st.DrawFn) -> tuple[str, tuple[float, float]]:
    """A random feed: 5-9 stops on a grid 450-900 m apart, 2-5 routes of 2-5 stops with a
    few trips or a frequency each, some without boarding or alighting at a stop."""
    n_stops = draw(st.integers(5, 9))
    spacing = draw(st.sampled_from([0.004, 0.006, 0.008]))
    coords = [(-6.2 - (i % 3) * spacing, 106.8 + (i // 3) * spacing) for i in range(n_stops)]
    rows = ["# stops.txt", "stop_id,stop_name,stop_lat,stop_lon"]
    rows += [f"S{i},Stop {i},{lat:.5f},{lon:.5f}" for i, (lat, lon) in enumerate(coords)]
    routes, trips, times, freqs = [], [], [], []
    for r in range(draw(st.integers(2, 5))):
        stops = draw(st.lists(st.integers(0, n_stops - 1), min_size=2, max_size=5, unique=True))
        runs = draw(st.lists(st.integers(60, 900), min_size=len(stops) - 1,
                             max_size=len(stops) - 1))
        routes.append(f"R{r},R{r},3")
        for t in range(draw(st.integers(1, 3))):
            trip = f"T{r}_{t}"
            trips.append(f"R{r},S,{trip}")
            clock = 7 * 3600 + draw(st.integers(0, 7200))
            for seq, stop in enumerate(stops):
                if seq:
                    clock += runs[seq - 1]
                hms = f"{clock // 3600:02d}:{clock // 60 % 60:02d}:{clock % 60:02d}"
                pickup = 1 if seq and draw(st.integers(0, 9)) == 0 else 0
                times.append(f"{trip},{hms},{hms},S{stop},{seq + 1},{pickup},0")
            if draw(st.booleans()):
                freqs.append(f"{trip},07:00:00,09:30:00,{draw(st.sampled_from([300, 600, 1200]))}")
    rows += ["# routes.txt", "route_id,route_short_name,route_type", *routes]
    rows += ["# trips.txt", "route_id,service_id,trip_id", *trips]
    rows += ["# stop_times.txt",
             "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,"
             "drop_off_type", *times]
    if freqs:
        rows += ["# frequencies.txt", "trip_id,start_time,end_time,headway_secs", *freqs]
    gate = coords[draw(st.integers(0, n_stops - 1))]
    return "\n".join(rows), (gate[0] - 0.002, gate[1])


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(network=networks(), seed=st.integers(0, 10_000))
def test_r4_profiles_agree_with_the_general_search(tmp_path_factory, network, seed) -> None:
    text, gate = network
    folder = tmp_path_factory.mktemp("feed")
    ds = load(folder, text, [venue("v", [("g", *gate)])])
    store = ProfileStore(ds)
    store.build(MONDAY, "v")
    rng = random.Random(seed)
    for _ in range(6):
        origin = f"stop:f:S{rng.randrange(len(ds.network.stops))}"
        query = Query(origin, "venue:v", MONDAY, 7 * 3600 + rng.randrange(0, 3 * 3600),
                      num_itineraries=rng.choice([1, 2, 3]), max_transfers=rng.choice([0, 1, 4]))
        general = plan(ds, query)
        profiled = plan(ds, query, profiles=store)
        assert profiled.used_profile
        assert min((j.arr_s for j in profiled.journeys), default=None) == min(
            (j.arr_s for j in general.journeys), default=None), format_journey
        for journey in profiled.journeys:
            assert journey.dep_s >= query.time_s
            assert journey.transfers <= query.max_transfers
            for a, b in zip(journey.legs, journey.legs[1:], strict=False):
                assert a.arr_s <= b.dep_s
                assert (a.destination.stop_id or a.destination.name) == (
                    b.origin.stop_id or b.origin.name)


def test_r5_bundled_feeds_profiles_agree() -> None:
    ds = load_dataset(parse_feeds_spec(None, REPO / "data" / "gtfs"), REPO / "data/venues.json")
    day = date(2026, 12, 1)
    store = ProfileStore(ds, ProfileSettings())
    for venue_id in ds.venues:
        store.build(day, venue_id)
    rng = random.Random(11)
    stops = ds.network.stops
    for _ in range(40):
        s = rng.randrange(len(stops))
        query = Query(f"{stops.lat[s]:.6f},{stops.lon[s]:.6f}",
                      f"venue:{rng.choice(sorted(ds.venues))}", day,
                      rng.randrange(5 * 3600, 22 * 3600))
        general = plan(ds, query)
        profiled = plan(ds, query, profiles=store)
        assert profiled.used_profile
        assert min((j.arr_s for j in profiled.journeys), default=None) == min(
            (j.arr_s for j in general.journeys), default=None), query


def test_r6_the_night_bridge_reads_the_next_days_profile() -> None:
    # at 23:55 from Lebak Bulus the first MRT leaves the next morning (the bridge, answered
    # from the next day's profile); from Bundaran HI night buses of the day itself run
    ds = load_dataset(parse_feeds_spec(None, REPO / "data" / "gtfs"), REPO / "data/venues.json")
    day = date(2026, 12, 1)
    store = ProfileStore(ds, ProfileSettings())
    for d in (day, date(2026, 12, 2)):
        for venue_id in ds.venues:
            store.build(d, venue_id)
    for origin, leaves_on in (("stop:mrt-jakarta:SLBB", date(2026, 12, 2)),
                              ("-6.1920,106.8230", day)):
        query = Query(origin, "venue:taman-ayodya", day, 23 * 3600 + 55 * 60)
        general = plan(ds, query)
        profiled = plan(ds, query, profiles=store)
        assert profiled.used_profile
        assert [format_journey(j) for j in profiled.journeys] == [
            format_journey(j) for j in general.journeys]
        assert profiled.journeys[0].service_date == leaves_on
