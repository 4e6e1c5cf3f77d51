"""Pruning of the general search's twin search (feature under test: ``stop_cutoffs``).

In each pair of :func:`routing.plan.search.range_search` the twin search must keep only
journeys within the first search's clock (``hard``), so the first search's labels tell it
which stops are of no use (:func:`routing.plan.search.stop_cutoffs`). The twin must find
exactly the same journeys with and without that pruning, both ways round, on random feeds
(the generator of :mod:`tests.routing.test_property`); and on a line where the pruning
bites, a named case shows it does prune.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routing.journeys import Query
from routing.kernel.query import INF
from routing.plan.places import resolve_place
from routing.plan.search import _Search, stop_cutoffs
from tests.routing.feedtext import MONDAY, load
from tests.routing.test_property import feeds

HORIZON_S = 6 * 3600


def _figures(batch: list) -> list[tuple]:
    """What must agree: each candidate's departure, arrival, transfers and rides."""
    return [(c.dep_s, c.arr_s, c.transfers, c.rides) for c in batch]


def _search(ds, origin: str, destination: str, time_s: int, **options) -> _Search:
    query = Query(origin, destination, MONDAY, time_s, **options)
    ends = [resolve_place(ds.network, place, max_walk_m=query.max_walk_m,
                          wheelchair=query.wheelchair, role=role)
            for place, role in ((query.origin, "from"), (query.destination, "to"))]
    return _Search(ds, query, ends[0], ends[1], MONDAY)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=feeds(), data=st.data())
def test_p1_twin_finds_the_same_journeys_with_stop_cutoffs(text: str, data) -> None:
    stops = [f"stop:f:S{i}" for i in range(5)]
    origin = data.draw(st.sampled_from(stops))
    destination = data.draw(st.sampled_from([s for s in stops if s != origin]))
    time_s = data.draw(st.integers(5 * 60, 20 * 60)) * 60
    options = dict(max_transfers=data.draw(st.sampled_from([0, 1, 6])),
                   wheelchair=data.draw(st.integers(0, 4)) == 0)
    with tempfile.TemporaryDirectory() as tmp:
        ds = load(Path(tmp), text)
        search = _search(ds, origin, destination, time_s, **options)
        # depart after: forward first, then the latest departure arriving as early
        batch = search.departing_after(time_s, latest_arr_s=time_s + HORIZON_S)
        if batch:
            reach = search.reach
            arrival = min(c.arr_s for c in batch)
            pruned = search.arriving_by(arrival, earliest_dep_s=time_s, hard=True,
                                        stop_cutoff_s=reach)
            plain = search.arriving_by(arrival, earliest_dep_s=time_s, hard=True)
            assert _figures(pruned) == _figures(plain)
        # arrive by: backward first, then the earliest arrival leaving as late
        clock = time_s + 3 * 3600
        batch = search.arriving_by(clock, earliest_dep_s=clock - HORIZON_S)
        if batch:
            reach = search.reach
            leave = max(c.dep_s for c in batch)
            pruned = search.departing_after(leave, latest_arr_s=clock, hard=True,
                                            stop_cutoff_s=reach)
            plain = search.departing_after(leave, latest_arr_s=clock, hard=True)
            assert _figures(pruned) == _figures(plain)


# A -> B -> C on R1 (A 08:00, C 08:20); R2 runs from far-off D (08:02) to B (08:06), within
# the window but of no use from A: the twin search must not spend a label on D.
LINE = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,A,-6.200,106.800
B,B,-6.210,106.800
C,C,-6.220,106.800
D,D,-6.300,106.800
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R1,S,T2
R2,S,T3
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T1,08:20:00,08:20:00,C,3
T2,09:00:00,09:00:00,A,1
T2,09:10:00,09:10:00,B,2
T2,09:20:00,09:20:00,C,3
T3,08:02:00,08:02:00,D,1
T3,08:06:00,08:06:00,B,2
"""


def test_p2_the_twin_prunes_what_the_first_search_cannot_reach(tmp_path: Path) -> None:
    ds = load(tmp_path, LINE)
    clock = 7 * 3600 + 55 * 60
    search = _search(ds, "stop:f:A", "stop:f:C", clock)
    batch = search.departing_after(clock, latest_arr_s=clock + HORIZON_S)
    assert [(c.dep_s, c.arr_s) for c in batch] == [(8 * 3600, 8 * 3600 + 20 * 60)]
    assert search._last is not None
    cut = stop_cutoffs(*search._last)
    b = ds.network.platforms_of("f:B")[0]
    d = ds.network.platforms_of("f:D")[0]
    # B is reached at 08:10 leaving A at 07:55 or later; D never, so it is capped by the
    # target bound (C at 08:20); both as leave-by times in the twin's reversed clock
    assert cut[b] == -(8 * 3600 + 10 * 60)
    assert cut[d] == -(8 * 3600 + 20 * 60)
    reach = search.reach
    labels_at_d = []
    for stop_cutoff_s in (None, reach):
        twins = search.arriving_by(8 * 3600 + 20 * 60, earliest_dep_s=clock, hard=True,
                                   stop_cutoff_s=stop_cutoff_s)
        assert [(c.dep_s, c.arr_s) for c in twins] == [(8 * 3600, 8 * 3600 + 20 * 60)]
        assert search._last is not None
        labels_at_d.append(int(search._last[0].ride_s[:, d].min()))
    # without the cutoff the twin rides T3 back from B to D (leave D by 08:02, later than
    # A's 08:00, so the target bound keeps it); with it, not: nobody leaving A at 07:55 or
    # later is at D by then
    assert labels_at_d == [-(8 * 3600 + 120), INF]
