"""GET /v1/stops, /v1/stops/{id} and /v1/stops/{id}/departures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from .conftest import DAY, assert_problem

pytestmark = pytest.mark.anyio


async def get(api: httpx.AsyncClient, url: str, **params: Any) -> dict[str, Any]:
    response = await api.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(("q", "expected"), [
    ("Stasiun MRT ASEAN", "mrt-jakarta:SASN"),
    ("blok m", "transjakarta:H00014P"),
    ("Halte CSW", "transjakarta:H00041P"),
])
async def test_search_by_name_puts_stations_first(api: httpx.AsyncClient, q: str,
                                                  expected: str) -> None:
    stops = (await get(api, "/v1/stops", q=q, limit=5))["stops"]
    assert stops[0]["id"] == expected
    assert stops[0]["kind"] == "station" and stops[0]["platforms"]


async def test_search_groups_platforms_under_stations(api: httpx.AsyncClient) -> None:
    stops = (await get(api, "/v1/stops", q="blok m", limit=5))["stops"]
    mrt = next(s for s in stops if s["id"] == "mrt-jakarta:SBKM")
    assert {p["id"] for p in mrt["platforms"]} == {"mrt-jakarta:GBKM01", "mrt-jakarta:GBKM02"}
    assert {p["platform"] for p in mrt["platforms"]} == {"1", "2"}


async def test_search_near_is_nearest_first(api: httpx.AsyncClient) -> None:
    stops = (await get(api, "/v1/stops", near="-6.2388,106.7984", limit=4))["stops"]
    distances = [s["distance_m"] for s in stops]
    assert stops[0]["id"] == "mrt-jakarta:SASN"
    assert distances == sorted(distances) and distances[0] < 100


async def test_search_without_q_or_near_is_400(api: httpx.AsyncClient) -> None:
    assert_problem(await api.get("/v1/stops"), 400, "q")
    assert_problem(await api.get("/v1/stops", params={"q": "  "}), 400, "q")
    assert_problem(await api.get("/v1/stops", params={"near": "0,0"}), 400, "near")


async def test_stops_are_cacheable_with_etag(api: httpx.AsyncClient) -> None:
    first = await api.get("/v1/stops/mrt-jakarta:SASN")
    assert first.headers["cache-control"].startswith("public, max-age=")
    again = await api.get("/v1/stops/mrt-jakarta:SASN",
                          headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    search = await api.get("/v1/stops", params={"q": "asean"})
    assert search.headers["etag"]


async def test_station_details_platforms_and_routes(api: httpx.AsyncClient) -> None:
    stop = await get(api, "/v1/stops/mrt-jakarta:SASN")
    assert (stop["kind"], stop["name"], stop["feed_id"]) == (
        "station", "Stasiun MRT ASEAN", "mrt-jakarta")
    assert [p["id"] for p in stop["platforms"]] == ["mrt-jakarta:GASN01", "mrt-jakarta:GASN02"]
    assert stop["step_free"] is True
    assert [(r["short_name"], r["color"]) for r in stop["routes"]] == [("NS", "CA1F47")]


async def test_halte_details_list_bus_routes(api: httpx.AsyncClient) -> None:
    stop = await get(api, "/v1/stops/stop:transjakarta:H00041P")  # the plan form works too
    assert stop["id"] == "transjakarta:H00041P"
    assert stop["step_free"] is False
    assert len(stop["platforms"]) >= 3 and "13" in {r["short_name"] for r in stop["routes"]}


async def test_unknown_stop_is_404(api: httpx.AsyncClient) -> None:
    body = assert_problem(await api.get("/v1/stops/mrt-jakarta:NOPE"), 404)
    assert "/v1/stops?q=" in body["detail"]
    assert_problem(await api.get("/v1/stops/mrt-jakarta:EASN01"), 404)  # an entrance
    assert_problem(await api.get("/v1/stops/transjakarta:NOPE/departures"), 404)


async def test_mrt_asean_departure_board(api: httpx.AsyncClient) -> None:
    board = await get(api, "/v1/stops/mrt-jakarta:SASN/departures", time=f"{DAY}T08:00",
                      limit=10, lang="en")
    assert board["stop"]["id"] == "mrt-jakarta:SASN"
    assert board["time"] == f"{DAY}T08:00:00+07:00"
    deps = board["departures"]
    assert len(deps) == 10
    assert {d["headsign"] for d in deps} == {"Bundaran HI", "Lebak Bulus"}
    assert {d["platform"] for d in deps} == {"1", "2"}
    times = [datetime.fromisoformat(d["departure"]) for d in deps]
    assert times == sorted(times)
    assert all(t.isoformat().startswith(f"{DAY}T08:") for t in times)
    assert [d["minutes"] for d in deps] == [t.minute for t in times]
    first = deps[0]
    assert (first["mode"], first["mode_name"], first["route"]["color"]) == (
        "SUBWAY", "MRT", "CA1F47")
    assert first["headway_min"] is None and first["frequency_text"] is None


@pytest.mark.parametrize("halte", ["transjakarta:H00041P", "transjakarta:H00264P"])
async def test_halte_csw_board_says_how_often(api: httpx.AsyncClient, halte: str) -> None:
    english = await get(api, f"/v1/stops/{halte}/departures", time=f"{DAY}T08:00", lang="en")
    indonesian = await get(api, f"/v1/stops/{halte}/departures", time=f"{DAY}T08:00")
    frequent = [d for d in english["departures"] if d["headway_min"]]
    assert frequent
    assert all(d["mode"] == "BUS" and d["stop_id"].startswith("transjakarta:")
               for d in english["departures"])
    assert frequent[0]["frequency_text"] == f"every {frequent[0]['headway_min']} min"
    first_id = next(d for d in indonesian["departures"] if d["headway_min"])
    assert first_id["frequency_text"] == f"setiap {first_id['headway_min']} menit"
    assert all(0 <= d["minutes"] <= 60 for d in english["departures"])


async def test_board_window_and_limit(api: httpx.AsyncClient) -> None:
    board = await get(api, "/v1/stops/mrt-jakarta:SASN/departures", time=f"{DAY}T08:00",
                      window_min=10, limit=100)
    assert board["departures"] and all(d["minutes"] <= 10 for d in board["departures"])


async def test_board_outside_feed_validity_is_422(api: httpx.AsyncClient) -> None:
    response = await api.get("/v1/stops/mrt-jakarta:SASN/departures",
                             params={"time": "2035-01-01T08:00"})
    assert_problem(response, 422, "time")
