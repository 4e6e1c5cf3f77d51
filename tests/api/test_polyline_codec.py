"""app.polyline_codec against the ``polyline`` package: the same characters for paths of every
length (both sides of NUMPY_FROM), rounding ties, both hemispheres, and the bundled feeds'
real leg paths (short ones: the long paths are the random ones); and the MOTIS names of a plan
(app.motis.present.v1_names) against the /v1 pydantic answer's."""

from __future__ import annotations

import random

import polyline
import pytest

from app import params, polyline_codec
from app.motis.present import v1_names
from app.present import plan_response
from app.state import AppState
from routing.plan.planner import Planner

from .conftest import DAY
from .test_plan_json import CASES


@pytest.mark.parametrize("precision", [5, 6])
def test_random_paths_encode_as_the_package_does(precision: int) -> None:
    rng = random.Random(13)
    sizes = [1, 2, polyline_codec.NUMPY_FROM - 1, polyline_codec.NUMPY_FROM, 60, 700]
    for size in sizes:
        for _ in range(40):
            path = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(size)]
            ties = [(round(lat, 2) + 5 * 10 ** -(precision + 1), -round(lon, 2)
                     - 5 * 10 ** -(precision + 1)) for lat, lon in path]   # x.5 steps
            near = [(-6.2 + rng.uniform(-1e-4, 1e-4), 106.8 + i * 1e-5)
                    for i in range(size)]                                   # tiny deltas
            for points in (path, ties, near):
                assert polyline_codec.encode(points, precision) == polyline.encode(
                    points, precision), (size, points[:3])


def test_an_empty_path_is_refused() -> None:
    with pytest.raises(ValueError):
        polyline_codec.encode([], 6)


def test_real_leg_paths_and_motis_names(bundled_state: AppState) -> None:
    ds = bundled_state.dataset
    planner = Planner(ds, bundled_state.profiles)
    for origin, destination, hhmm, extra in CASES:
        result = planner.plan(params.plan_query(ds, origin=origin, destination=destination,
                                                time=f"{DAY}T{hhmm}", **extra))
        for journey in result.journeys:
            for leg in journey.legs:
                points = [(lat, lon) for lon, lat in leg.geometry] or [(0.0, 0.0)]
                assert polyline_codec.encode(points, 6) == polyline.encode(points, 6)
        for lang in ("en", "id", "vi"):
            reference = plan_response(ds, result, lang)
            names, notes, from_name, to_name = v1_names(ds, result, lang)
            assert names == [[(leg.from_.name, leg.to.name) for leg in it.legs]
                             for it in reference.itineraries]
            assert (notes, from_name, to_name) == (reference.notes, reference.from_.name,
                                                   reference.to.name)
