"""Venue plans follow profile sketches lazily and price rides without legs (S: sketches).

Feature under test: a venue plan gets :class:`~routing.plan.candidates.Sketch` es from the
profile (exact times, legs not followed) and :mod:`routing.plan.choose` follows only those
that can change the answer; fares for the "useless alternative" rule are priced from the
rides (:func:`~routing.plan.candidates.fare_legs`), legs are built only for the answer.
Neither may change an answer: S1 compares with every sketch followed first, S2 compares the
fare priced from rides with the built journey's, ride by ride, S3 checks the compiled pick
of profile rows against the steps it replaced.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from routing.data.dataset import Dataset, load_dataset
from routing.data.gtfs import parse_feeds_spec
from routing.journeys import Query, format_journey
from routing.kernel.profile import pareto_keep, pick_candidates, pick_entries
from routing.plan import choose
from routing.plan.candidates import Candidate, Sketch
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileSettings, ProfileStore

REPO = Path(__file__).resolve().parents[2]
DAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def bundled() -> tuple[Dataset, ProfileStore]:
    ds = load_dataset(parse_feeds_spec(None, REPO / "data" / "gtfs"), REPO / "data/venues.json")
    store = ProfileStore(ds, ProfileSettings())
    for venue_id in ds.venues:
        store.build(DAY, venue_id)
    return ds, store


def _queries(ds: Dataset, n: int, seed: int) -> list[Query]:
    """Venue plans from random stops' coordinates, 05:00-22:00, 1 to 5 itineraries."""
    rng = random.Random(seed)
    stops = ds.network.stops
    out = []
    for _ in range(n):
        s = rng.randrange(len(stops))
        out.append(Query(f"{stops.lat[s]:.6f},{stops.lon[s]:.6f}",
                         f"venue:{rng.choice(sorted(ds.venues))}", DAY,
                         rng.randrange(5 * 3600, 22 * 3600),
                         num_itineraries=rng.choice((1, 3, 5))))
    return out


def _follow_all_first(found, query):
    """choose_journeys with every sketch followed before choosing (the eager reference)."""
    eager = [item.follow() if isinstance(item, Sketch) else item for item in found]
    return real_choose([c for c in eager if c is not None], query)


real_choose = choose.choose_journeys


def test_s1_lazy_following_answers_as_following_everything(bundled) -> None:
    ds, store = bundled
    followed = offered = 0
    for query in _queries(ds, 60, seed=5):
        lazy = plan(ds, query, profiles=store)
        assert lazy.used_profile
        with mock.patch("routing.plan.planner.choose_journeys", _follow_all_first):
            eager = plan(ds, query, profiles=store)
        assert [format_journey(j) for j in lazy.journeys] == [
            format_journey(j) for j in eager.journeys], query
        # how many sketches the lazy plan followed (the reason for being lazy)
        sketches: list[Sketch] = []
        spy = _collecting(sketches)
        with mock.patch("routing.plan.planner.profile_candidates", spy):
            plan(ds, query, profiles=store)
        offered += len(sketches)
        followed += sum(s.followed for s in sketches)
    assert 0 < followed < offered


def _collecting(into: list[Sketch]):
    from routing.plan.profiles import profile_candidates

    def spy(*args, **kwargs):
        out = profile_candidates(*args, **kwargs)
        into.extend(out)
        return out
    return spy


def test_s2_fares_priced_from_rides_match_the_built_journeys(bundled) -> None:
    ds, store = bundled
    checked = 0
    for query in _queries(ds, 30, seed=9):
        sketches: list[Sketch] = []
        with mock.patch("routing.plan.planner.profile_candidates", _collecting(sketches)):
            plan(ds, query, profiles=store)
        for sketch in sketches:
            candidate = sketch.follow()
            if candidate is None:
                continue
            assert sketch.exact, sketch
            fresh = Candidate(candidate.service_date, candidate.dep_s, candidate.arr_s,
                              candidate.transfers, candidate.walk_m, candidate.rides, False,
                              candidate.build)
            built = fresh.journey()   # priced on its own legs (no price hook)
            assert candidate.fare_idr == built.fare_idr
            copied = candidate.journey()   # fare copied from the rides' pricing
            assert [(leg.fare_idr, leg.fare_product) for leg in copied.legs] == [
                (leg.fare_idr, leg.fare_product) for leg in built.legs]
            assert (copied.dep_s, copied.arr_s, copied.transfers, copied.walk_m) == (
                candidate.dep_s, candidate.arr_s, candidate.transfers, candidate.walk_m)
            checked += 1
    assert checked > 20


def _reference_pick(index, leave_s, arrive_s, rounds, stops, access_s, time_s, max_round,
                    per_round, latest_s, per_rides):
    """The rows profile_candidates chose before pick_candidates (pick_entries, two
    pareto_keep calls, lexsort, a quota per number of rides), as (row, access, rides)."""
    rows = pick_entries(index, leave_s, arrive_s, rounds, stops, access_s, time_s, max_round,
                        per_round, latest_s)
    if not len(rows):
        return []
    keys = np.searchsorted(index, rows, side="right") - 1
    at = np.searchsorted(stops, keys // rounds)
    rides = keys % rounds
    dep = leave_s[rows] - access_s[at]
    arr = arrive_s[rows]
    keep = np.flatnonzero(
        pareto_keep(dep.astype(np.int32), arr.astype(np.int32), rides.astype(np.int32), rounds)
        | pareto_keep((dep - access_s[at]).astype(np.int32), arr.astype(np.int32),
                      rides.astype(np.int32), rounds))
    keep = keep[np.lexsort((-dep[keep], arr[keep]))]
    taken = [0] * (rounds + 1)
    out = []
    for i in keep.tolist():
        if taken[rides[i]] < per_rides:
            taken[rides[i]] += 1
            out.append((int(rows[i]), int(at[i]), int(rides[i])))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_s3_pick_candidates_picks_as_pareto_keep_did(seed) -> None:
    # coarse times (many ties of arrival and departure) so that identical rows, rows that
    # tie on arrival and rows dominated only within a tie all occur
    rng = np.random.default_rng(seed)
    n_stops, rounds = 12, 4
    counts = rng.integers(0, 9, size=n_stops * rounds)
    index = np.zeros(n_stops * rounds + 1, dtype=np.int64)
    index[1:] = np.cumsum(counts)
    n = int(index[-1])
    leave_s = np.empty(n, dtype=np.int32)
    for k in range(n_stops * rounds):
        lo, hi = index[k], index[k + 1]
        leave_s[lo:hi] = np.sort(rng.integers(0, 20, size=hi - lo) * 60)
    arrive_s = (leave_s + rng.integers(1, 8, size=n) * 300).astype(np.int32)
    stops = np.sort(rng.choice(n_stops, size=rng.integers(1, n_stops), replace=False)
                    ).astype(np.int32)
    access_s = (rng.integers(0, 4, size=len(stops)) * 60).astype(np.int32)
    for time_s, per_round, per_rides in ((0, 10, 4), (300, 3, 2), (600, 6, 1)):
        args = (index, leave_s, arrive_s, rounds, stops, access_s, np.int32(time_s),
                rounds - 1, per_round, np.int32(time_s + 3000), per_rides)
        rows, at, rides, dep, arr = pick_candidates(*args)
        assert list(zip(rows.tolist(), at.tolist(), rides.tolist(), strict=True)) == \
            _reference_pick(*args)
        assert (dep == leave_s[rows] - access_s[at]).all() and (arr == arrive_s[rows]).all()
