"""Venue plans follow profile sketches lazily and price rides without legs (S: sketches).

Feature under test: a venue plan gets :class:`~routing.plan.candidates.Sketch` es from the
profile (exact times, legs not followed) and :mod:`routing.plan.choose` follows only those
that can change the answer; fares for the "useless alternative" rule are priced from the
rides (:func:`~routing.plan.candidates.fare_legs`), legs are built only for the answer.
Neither may change an answer: S1 compares with every sketch followed first, S2 compares the
fare priced from rides with the built journey's, ride by ride.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from unittest import mock

import pytest

from routing.data.dataset import Dataset, load_dataset
from routing.data.gtfs import parse_feeds_spec
from routing.journeys import Query, format_journey
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
