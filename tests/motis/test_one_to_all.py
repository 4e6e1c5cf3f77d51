"""MOTIS ``/api/v6/one-to-all`` towards a venue (issue 16): MOTIS's ``Reachable`` schema, the
same numbers as ``/v1/venues/{id}/reachability``, MOTIS's error shape."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from routing.journeys import Query
from routing.plan.planner import plan
from tests.motis.conftest import MotisSchemas

pytestmark = pytest.mark.anyio
URL = "/api/v6/one-to-all"
ARRIVE = "2026-12-01T02:00:00Z"   # 09:00 in Jakarta
DAY = date(2026, 12, 1)


async def test_all_stops_to_the_venue(api: httpx.AsyncClient,
                                      motis_schemas: MotisSchemas) -> None:
    response = await api.get(URL, params={"one": "venue:asean-secretariat",
                                          "maxTravelTime": 45, "arriveBy": "true",
                                          "time": ARRIVE})
    assert response.status_code == 200, response.text
    body = response.json()
    motis_schemas.response(URL, 200, body)
    assert body["one"]["arrival"] == ARRIVE and body["one"]["name"] == "ASEAN Secretariat"
    found = body["all"]
    assert len(found) > 20
    arrive = datetime.fromisoformat(ARRIVE)
    for item in found:
        assert 0 < item["duration"] <= 45 and 0 <= item["k"] <= 5
        leave = datetime.fromisoformat(item["place"]["departure"])
        assert arrive - leave == timedelta(minutes=item["duration"])
        assert leave.tzinfo == UTC
    assert [i["duration"] for i in found] == sorted(i["duration"] for i in found)
    # the same count as the 45-minute band of the /v1 answer (stops whose time fits)
    v1 = (await api.get("/v1/venues/asean-secretariat/reachability",
                        params={"time": "2026-12-01T09:00", "arrive_by": "true",
                                "max_minutes": 45, "step_minutes": 45})).json()
    assert v1["features"][0]["properties"]["stops"] == len(found)
    fewer = (await api.get(URL, params={"one": "venue:asean-secretariat",
                                        "maxTravelTime": 45, "arriveBy": "true",
                                        "time": ARRIVE, "maxTransfers": 0})).json()["all"]
    assert 0 < len(fewer) <= len(found) and all(i["k"] <= 1 for i in fewer)


async def test_from_the_venue_to_all_stops(api: httpx.AsyncClient,
                                           motis_schemas: MotisSchemas,
                                           bundled_state) -> None:
    """arriveBy=false: leaving the venue at ``time``, each stop's earliest arrival, as the
    planner finds it (its fastest journey to that stop, in whole minutes rounded up)."""
    leave = "2026-12-01T01:00:00Z"   # 08:00 in Jakarta
    response = await api.get(URL, params={"one": "venue:asean-secretariat",
                                          "maxTravelTime": 30, "time": leave})
    assert response.status_code == 200, response.text
    body = response.json()
    motis_schemas.response(URL, 200, body)
    assert body["one"]["departure"] == leave and "arrival" not in body["one"]
    found = body["all"]
    assert len(found) > 20 and any(i["k"] >= 1 for i in found)
    start = datetime.fromisoformat(leave)
    for item in found:
        arrive = datetime.fromisoformat(item["place"]["arrival"])
        assert arrive - start == timedelta(minutes=item["duration"]) and item["duration"] <= 30
    ds = bundled_state.dataset
    for item in found[::max(1, len(found) // 8)]:
        query = Query("venue:asean-secretariat", f"stop:{item['place']['stopId']}", DAY,
                      8 * 3600, num_itineraries=3)
        best = min(j.arr_s for j in plan(ds, query).journeys) - 8 * 3600
        assert item["duration"] == -(-best // 60) or item["k"] == 0, (item, best)


@pytest.mark.parametrize(("query", "status", "words"), [
    ({"one": "mrt-jakarta:SASN", "maxTravelTime": 30, "arriveBy": "true"}, 400, "venue"),
    ({"one": "venue:asean-secretariat", "maxTravelTime": 500, "arriveBy": "true"}, 400,
     "maxTravelTime"),
    ({"one": "venue:asean-secretariat", "arriveBy": "true"}, 400, "maxTravelTime"),
    ({"one": "venue:monas", "maxTravelTime": 30, "arriveBy": "true"}, 404, "monas"),
    ({"one": "venue:asean-secretariat", "maxTravelTime": 30, "arriveBy": "true",
      "time": "2035-01-01T01:00:00Z"}, 422, "2035"),
])
async def test_errors_are_motis_shaped(api: httpx.AsyncClient, query: dict, status: int,
                                       words: str) -> None:
    response = await api.get(URL, params=query)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and words in body["error"]
