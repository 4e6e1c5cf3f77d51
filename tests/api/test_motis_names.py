"""The MOTIS answer's names and notes (app.motis.present.v1_names, made without building the
/v1 answer) equal the /v1 pydantic answer's, on the bundled feeds' plan cases."""

from __future__ import annotations

from app import params
from app.motis.present import v1_names
from app.present import plan_response
from app.state import AppState
from routing.plan.planner import Planner

from .conftest import DAY
from .test_plan_json import CASES


def test_motis_names_and_notes_are_the_v1_answers(bundled_state: AppState) -> None:
    ds = bundled_state.dataset
    planner = Planner(ds, bundled_state.profiles)
    for origin, destination, hhmm, extra in CASES:
        result = planner.plan(params.plan_query(ds, origin=origin, destination=destination,
                                                time=f"{DAY}T{hhmm}", **extra))
        for lang in ("en", "id", "vi"):
            reference = plan_response(ds, result, lang)
            names, notes, from_name, to_name = v1_names(ds, result, lang)
            assert names == [[(leg.from_.name, leg.to.name) for leg in it.legs]
                             for it in reference.itineraries]
            assert (notes, from_name, to_name) == (reference.notes, reference.from_.name,
                                                   reference.to.name)
