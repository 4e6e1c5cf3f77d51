"""The OpenAPI document: every /v1 parameter described, and its examples really work."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.anyio

RANGED = {"num_itineraries": "1-10", "max_transfers": "0-6", "max_walk_m": "0-3000",
          "walk_speed": "0.5-2.0", "limit": "1-", "window_min": "1-1440"}


async def openapi(api: httpx.AsyncClient) -> dict[str, Any]:
    response = await api.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def v1_parameters(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{method.upper()} {path}", parameter)
            for path, operations in schema["paths"].items() if path.startswith("/v1/")
            for method, operation in operations.items()
            for parameter in operation.get("parameters", [])]


async def test_every_v1_parameter_has_a_description(api: httpx.AsyncClient) -> None:
    parameters = v1_parameters(await openapi(api))
    assert {"from", "to", "time", "arrive_by", "num_itineraries", "max_transfers", "max_walk_m",
            "walk_speed", "wheelchair", "lang", "q", "near", "limit", "window_min", "stop_id"
            } <= {p["name"] for _, p in parameters}
    for where, parameter in parameters:
        assert len(parameter.get("description", "")) > 15, (where, parameter["name"])


async def test_numeric_parameters_state_range_default_and_unit(api: httpx.AsyncClient) -> None:
    for where, parameter in v1_parameters(await openapi(api)):
        name, text = parameter["name"], parameter.get("description", "")
        if name in RANGED:
            assert RANGED[name] in text and "default" in text, (where, name)
    described = {p["name"]: p["description"] for _, p in v1_parameters(await openapi(api))}
    assert "metres" in described["max_walk_m"]
    assert "metres per second" in described["walk_speed"]
    assert "minutes" in described["window_min"]


async def test_plan_answer_fields_are_described(api: httpx.AsyncClient) -> None:
    components = (await openapi(api))["components"]["schemas"]
    for model in ("Place", "Leg", "Itinerary", "PlanResponse", "Stop", "Departure"):
        for name, field in components[model]["properties"].items():
            assert field.get("description"), (model, name)
    assert "from" in components["PlanResponse"]["properties"]


async def test_documented_examples_work(api: httpx.AsyncClient) -> None:
    operation = (await openapi(api))["paths"]["/v1/plan"]["get"]
    examples = {p["name"]: p["examples"] for p in operation["parameters"] if "examples" in p}
    assert examples["from"]["asean-station"]["value"] == "stop:mrt-jakarta:SASN"
    assert examples["to"]["taman-ayodya"]["value"] == "venue:taman-ayodya"
    for place_from, place_to in [("asean-station", "secretariat"),
                                 ("lebak-bulus", "taman-ayodya")]:
        response = await api.get("/v1/plan", params={
            "from": examples["from"][place_from]["value"],
            "to": examples["to"][place_to]["value"], "time": "2026-12-01T08:00"})
        assert response.status_code == 200 and response.json()["itineraries"]
    assert "from=stop:mrt-jakarta:SLBB&to=venue:taman-ayodya" in operation["description"]
