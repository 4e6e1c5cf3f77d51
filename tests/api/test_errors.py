"""Errors of /v1/plan as RFC 9457 problems; nothing a caller sends gives a 500."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import DAY, PROBLEM, assert_problem

pytestmark = pytest.mark.anyio

GOOD = {"from": "stop:mrt-jakarta:SASN", "to": "venue:asean-secretariat", "time": f"{DAY}T08:00"}


async def problem(api: httpx.AsyncClient, status: int, parameter: str | None,
                  **params: Any) -> dict[str, Any]:
    query = {k: v for k, v in {**GOOD, **params}.items() if v is not None}
    return assert_problem(await api.get("/v1/plan", params=query), status, parameter)


@pytest.mark.parametrize(("name", "value"), [
    ("num_itineraries", "0"), ("num_itineraries", "11"), ("max_transfers", "7"),
    ("max_walk_m", "-1"), ("max_walk_m", "3001"), ("walk_speed", "0.4"), ("walk_speed", "2.5"),
    ("walk_speed", "inf"), ("lang", "fr"), ("arrive_by", "maybe"), ("wheelchair", "2"),
])
async def test_out_of_range_parameters_are_400(api: httpx.AsyncClient, name: str,
                                               value: str) -> None:
    body = await problem(api, 400, name, **{name: value})
    assert name in body["detail"]


async def test_missing_from_is_400(api: httpx.AsyncClient) -> None:
    body = await problem(api, 400, "from", **{"from": None})
    assert "required" in body["detail"]


async def test_malformed_place_lists_the_accepted_forms(api: httpx.AsyncClient) -> None:
    body = await problem(api, 400, "to", to="Blok M")
    assert "'lat,lon'" in body["detail"] and "stop:<feed>:<stop_id>" in body["detail"]
    assert "venue:<id>" in body["detail"]


async def test_malformed_time_is_400(api: httpx.AsyncClient) -> None:
    body = await problem(api, 400, "time", time="tomorrow 8am")
    assert "2026-12-01T08:00" in body["detail"]


async def test_coordinates_outside_service_area_are_400(api: httpx.AsyncClient) -> None:
    body = await problem(api, 400, "from", **{"from": "-6.9175,107.6191"})  # Bandung
    assert "outside the service area" in body["detail"]
    body = await problem(api, 400, "to", to="106.8,-6.2")  # lon,lat swapped
    assert "latitude first" in body["detail"]


async def test_unknown_stop_and_venue_are_404(api: httpx.AsyncClient) -> None:
    body = await problem(api, 404, "from", **{"from": "stop:mrt-jakarta:XXX"})
    assert "mrt-jakarta:XXX" in body["detail"]
    body = await problem(api, 404, "to", to="venue:monas")
    assert "asean-secretariat" in body["detail"]  # lists the known venues


async def test_date_outside_every_feed_is_422(api: httpx.AsyncClient) -> None:
    body = await problem(api, 422, "time", time="2031-06-01T08:00")
    assert body["type"].endswith("/no-service") and "2030-12-31" in body["detail"]


async def test_from_equal_to_is_422(api: httpx.AsyncClient) -> None:
    await problem(api, 422, "to", to="stop:mrt-jakarta:SASN")
    await problem(api, 422, "to", **{"from": "-6.2388,106.7984", "to": "-6.2388,106.7984"})


NASTY = [
    {"from": ""}, {"to": ""}, {"from": " "}, {"from": "nan,nan"}, {"from": "inf,inf"},
    {"from": "1e308,1e308"}, {"from": "99999999999999999999,1"}, {"from": "-6.2,106.8,1"},
    {"from": "1,2,3"}, {"from": "stop:"}, {"to": "venue:"}, {"from": "stop:stop:"},
    {"from": "venue:../../etc/passwd"}, {"to": "stop:mrt-jakarta:"}, {"from": "ジャカルタ"},
    {"from": "\u202e\u0000x"}, {"from": "x" * 5000}, {"time": "2026-13-40T99:00"},
    {"time": ""}, {"time": "9999-12-31T23:59"}, {"time": "0001-01-01T00:00"},
    {"time": "2026-12-01T08:00+99:00"}, {"num_itineraries": "1e9"},
    {"max_walk_m": "99999999999999999999999"}, {"walk_speed": "nan"}, {"lang": ""},
    {"max_transfers": "-0x1"}, {"from": "stop:mrt-jakarta:SASN", "to": "stop:mrt-jakarta:SASN"},
    {"from": "-90,180"}, {"from": "90.0000001,0"},
]


@pytest.mark.parametrize("params", NASTY, ids=[str(i) for i in range(len(NASTY))])
async def test_nasty_inputs_are_4xx_problems_never_500(api: httpx.AsyncClient,
                                                       params: dict[str, str]) -> None:
    response = await api.get("/v1/plan", params={**GOOD, **params})
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"]


async def test_nasty_stop_ids_are_4xx(api: httpx.AsyncClient) -> None:
    for stop_id in ["%00", "stop:", "x" * 300, "ジャカルタ"]:
        for suffix in ("", "/departures"):
            response = await api.get(f"/v1/stops/{stop_id}{suffix}")
            assert 400 <= response.status_code < 500, (stop_id, response.text)
            assert response.headers["content-type"] == PROBLEM
    response = await api.get("/v1/stops/mrt-jakarta:SASN/departures",
                             params={"time": "2026-13-40T99:00", "window_min": "0"})
    assert_problem(response, 400)
