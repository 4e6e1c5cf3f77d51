"""Reachability bands agree with the planner (issue 16).

Property, on the bundled feeds, for random points around the ASEAN Secretariat: a point inside
the band of ``m`` minutes is reached by the planner's best journey (same settings) within ``m``
minutes; a point farther than ``REACH_EDGE_M`` outside it takes more than ``m`` minutes. Bands
are nested.

Tolerances, stated: the bands' edges are drawn inside the exact ones by at most
``REACH_EDGE_M`` metres (polygons inscribed in the walking disks), so only the outside check
skips a strip that wide. The inside check allows the planner's display rule on top (it may
show, instead of the fastest journey, one that saves a transfer or some walking and is slower
by less than ``max(NOTICEABLE_SAVING_S, NOTICEABLE_SAVING_FRACTION x duration)``): the bands
count every journey the planner searches, not only those it shows (e.g. at 17:10 a point near
Halte G00426 is 43.9 min away with a change of bus; the planner shows the direct bus, 45.7).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routing import limits
from routing.data.dataset import Dataset, load_dataset
from routing.data.gtfs import parse_feeds_spec
from routing.journeys import Coordinate, Query, VenueRef
from routing.plan.planner import plan
from routing.plan.profile_store import ProfileStore
from routing.plan.profiles import ProfileSettings
from routing.plan.reach_points import point_times
from routing.plan.reach_shapes import REACH_EDGE_M
from routing.plan.reachability import Reach, band_minutes, reachability, walk_reach_m
from tests.routing.feedtext import MONDAY, load, venue
from tests.routing.test_profiles import LINE  # A ==R1== B ==R1== C, R2 B -> D

REPO = Path(__file__).resolve().parents[2]
DAY = date(2026, 12, 1)   # a Tuesday in both bundled feeds
VENUE = "asean-secretariat"
MINUTES = [15, 30, 45, 60]
_M_PER_DEG = 111_320.0


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    sources = parse_feeds_spec(None, REPO / "data" / "gtfs")
    return load_dataset(sources, REPO / "data" / "venues.json")


@pytest.fixture(scope="module")
def answers(bundled: Dataset) -> dict[bool, Reach]:
    """Depart at 08:00 and arrive by 08:45, from the general search (no profile)."""
    return {arrive_by: reachability(bundled, VENUE, DAY, (8 * 60 + 45 * arrive_by) * 60,
                                    MINUTES, arrive_by=arrive_by)
            for arrive_by in (False, True)}


def _planner_s(ds: Dataset, reach: Reach, lat: float, lon: float) -> float:
    """Travel seconds of the planner's best journey from (lat, lon), as the bands define
    it; inf when it finds none."""
    query = Query(Coordinate(lat, lon), VenueRef(VENUE), DAY, reach.time_s,
                  arrive_by=reach.arrive_by, num_itineraries=3)
    journeys = plan(ds, query).journeys
    if not journeys:
        return float("inf")
    if reach.arrive_by:
        return reach.time_s - max(j.dep_s for j in journeys)
    return min(j.arr_s for j in journeys) - reach.time_s


def _check_point(ds: Dataset, reach: Reach, u: float, v: float) -> None:
    west, south, east, north = reach.bands[-1].shape.bounds
    lon = west - 0.01 + u * (east - west + 0.02)
    lat = south - 0.01 + v * (north - south + 0.02)
    took_s = _planner_s(ds, reach, lat, lon)
    edge_deg = REACH_EDGE_M / (_M_PER_DEG * np.cos(np.radians(lat)))
    for band in reach.bands:
        limit_s = 60 * band.minutes
        if shapely.contains_xy(band.shape, lon, lat):
            allowance = max(limits.NOTICEABLE_SAVING_S,
                            limits.NOTICEABLE_SAVING_FRACTION * limit_s)
            assert took_s <= limit_s + allowance, (lat, lon, band.minutes, took_s)
        elif not shapely.contains_xy(band.shape.buffer(edge_deg), lon, lat):
            assert took_s > limit_s, (lat, lon, band.minutes, took_s)


_POINTS = settings(max_examples=40, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


@_POINTS
@given(u=st.floats(0, 1), v=st.floats(0, 1))
def test_a1_points_depart_at(bundled: Dataset, answers: dict[bool, Reach], u: float,
                             v: float) -> None:
    _check_point(bundled, answers[False], u, v)


@_POINTS
@given(u=st.floats(0, 1), v=st.floats(0, 1))
def test_a2_points_arrive_by(bundled: Dataset, answers: dict[bool, Reach], u: float,
                             v: float) -> None:
    _check_point(bundled, answers[True], u, v)


def test_a3_points_inside_each_band(bundled: Dataset, answers: dict[bool, Reach]) -> None:
    """Seeded points drawn inside the 30-min band (not merely near it): all within 30."""
    reach = answers[False]
    band = reach.bands[1]
    rng = np.random.default_rng(16)
    west, south, east, north = band.shape.bounds
    lon = rng.uniform(west, east, 400)
    lat = rng.uniform(south, north, 400)
    inside = np.flatnonzero(shapely.contains_xy(band.shape, lon, lat))[:25]
    assert len(inside) >= 10
    for i in inside.tolist():
        assert _planner_s(bundled, reach, lat[i], lon[i]) <= 30 * 60 + limits.NOTICEABLE_SAVING_S


@_POINTS
@given(u=st.floats(0, 1), v=st.floats(0, 1), arrive_by=st.booleans())
def test_a4_point_times_are_the_planners(bundled: Dataset, answers: dict[bool, Reach],
                                         u: float, v: float, arrive_by: bool) -> None:
    """The travel time of a single place (reach_points) is the planner's fastest journey:
    never slower than the planner's best shown, slower by at most its display allowance."""
    reach = answers[arrive_by]
    west, south, east, north = reach.bands[-1].shape.bounds
    lon = west - 0.01 + u * (east - west + 0.02)
    lat = south - 0.01 + v * (north - south + 0.02)
    mine = int(point_times(bundled, reach, np.array([lat]), np.array([lon]))[0])
    took_s = _planner_s(bundled, reach, lat, lon)
    if mine < 0:
        assert took_s > 60 * MINUTES[-1]
        return
    allowance = max(limits.NOTICEABLE_SAVING_S, limits.NOTICEABLE_SAVING_FRACTION * took_s)
    assert mine <= took_s <= mine + allowance, (lat, lon, mine, took_s)
    for band in reach.bands:   # the bands agree with the point's own time
        if shapely.contains_xy(band.shape, lon, lat):
            assert mine <= 60 * band.minutes


def test_b1_bands_are_nested_and_counted(answers: dict[bool, Reach]) -> None:
    for reach in answers.values():
        shapes = [band.shape for band in reach.bands]
        for inner, outer in zip(shapes, shapes[1:], strict=False):
            assert inner.difference(outer).area <= 1e-12
        areas = [band.area_km2 for band in reach.bands]
        stops = [band.stops for band in reach.bands]
        assert areas == sorted(areas) and areas[0] > 0
        assert stops == sorted(stops) and stops[0] > 0
        assert [band.minutes for band in reach.bands] == MINUTES
        within = reach.stop_s[reach.stop_s >= 0]
        assert len(within) == stops[-1] and within.max() <= 60 * 60


def test_b2_profile_and_search_agree(tmp_path: Path) -> None:
    """The ready venue profile and the windowed search give the same bands and stop
    times (small line, so the profile build is quick)."""
    ds = load(tmp_path, LINE, [venue("park", [("gate", -6.2227, 106.8000)])])
    store = ProfileStore(ds)
    store.build(MONDAY, "park")
    for arrive_by in (False, True):
        a = reachability(ds, "park", MONDAY, 8 * 3600, [15, 30], arrive_by=arrive_by,
                         profiles=store)
        b = reachability(ds, "park", MONDAY, 8 * 3600, [15, 30], arrive_by=arrive_by)
        assert (a.source, b.source) == ("profile", "search")
        assert np.array_equal(a.stop_s, b.stop_s)
        assert [x.shape.equals(y.shape) for x, y in zip(a.bands, b.bands, strict=True)] == \
            [True, True]


def test_b3_stop_times_on_a_line(tmp_path: Path) -> None:
    """A ==R1== B ==R1== C, the gate 300 m from C, R1 every 15 min from 07:00: leaving A at
    08:01 one waits for the 08:15, rides 20 min and walks 5 min."""
    ds = load(tmp_path, LINE, [venue("park", [("gate", -6.2227, 106.8000)])])
    reach = reachability(ds, "park", MONDAY, 8 * 3600 + 60, [15, 30, 45])
    a = ds.network.stops.index["f:A"]
    walk_m = ds.network.walk_m(-6.2200, 106.8000, -6.2227, 106.8000)   # 300 m x 1.3: 391
    assert reach.stop_s[a] == 14 * 60 + 20 * 60 + int(np.ceil(walk_m / 1.2))
    journey = plan(ds, Query("stop:f:A", "venue:park", MONDAY, 8 * 3600 + 60)).journeys[0]
    assert reach.stop_s[a] == journey.arr_s - (8 * 3600 + 60)
    assert [band.stops for band in reach.bands][-1] >= 2


def test_c1_minutes_and_walk_bounds() -> None:
    assert band_minutes(60, 15) == [15, 30, 45, 60]
    assert band_minutes(50, 20) == [20, 40, 50]
    for bad in ((500, 15), (60, 1), (120, 5)):
        with pytest.raises(ValueError):
            band_minutes(*bad)
    speed = ProfileSettings()
    got = walk_reach_m(np.array([-1, 0, 1, 100, 10_000]), speed)
    assert got.tolist() == [-1, 0, 1, 120, 1000]


