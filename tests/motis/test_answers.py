"""Every answer of the MOTIS-compatible routes validates against MOTIS's own OpenAPI schemas,
and every leg's polyline runs from the leg's ``from`` to its ``to``."""

from __future__ import annotations

import math

import polyline
import pytest

from tests.motis.conftest import MORNING, ORIGINS, VENUES

pytestmark = pytest.mark.anyio

PLANS = [
    *(f"fromPlace={o}&toPlace=venue:{v}&time={MORNING}" for o in ORIGINS for v in VENUES),
    f"fromPlace=-6.2444,106.7981,0&toPlace=venue:taman-ayodya&time={MORNING}&withFares=true",
    f"fromPlace=-6.2444,106.7981&toPlace=mrt-jakarta:SBHI&time={MORNING}&arriveBy=true",
    f"fromPlace=stop:mrt-jakarta:SASN&toPlace=venue:asean-secretariat&time={MORNING}",
    f"fromPlace=mrt-jakarta:SLBB&toPlace=venue:asean-secretariat&time={MORNING}"
    "&language=en&detailedLegs=false&pedestrianSpeed=1.5",
]


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111_320
    dx = (lon2 - lon1) * 111_320 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)


def check_geometry(leg: dict) -> None:
    """The precision-6 polyline decodes to ``length`` points from ``from`` to ``to``."""
    line = leg["legGeometry"]
    assert line["precision"] == 6
    points = polyline.decode(line["points"], 6)
    assert len(points) == line["length"]
    if line["length"] == 0:
        return
    assert line["length"] >= 2
    (lat0, lon0), (lat1, lon1) = points[0], points[-1]
    assert _metres(lat0, lon0, leg["from"]["lat"], leg["from"]["lon"]) < 0.5, leg["from"]
    assert _metres(lat1, lon1, leg["to"]["lat"], leg["to"]["lon"]) < 0.5, leg["to"]


@pytest.mark.parametrize("query", PLANS)
async def test_plan_answers_validate_and_geometries_join_the_places(api, motis_schemas, query):
    response = await api.get(f"/api/v6/plan?{query}")
    assert response.status_code == 200, response.text
    body = response.json()
    motis_schemas.response("/api/v6/plan", 200, body)
    itineraries = body["itineraries"] + body["direct"]
    assert itineraries, body
    for itinerary in itineraries:
        motis_schemas.response("/api/v6/trip", 200, itinerary)
        for leg in itinerary["legs"]:
            check_geometry(leg)
            if "detailedLegs=false" in query:
                assert leg["legGeometry"]["length"] == 0
        if "withFares=true" in query and any(leg["mode"] != "WALK" for leg in itinerary["legs"]):
            assert itinerary["fareTransfers"], itinerary
    later = await api.get(f"/api/v6/plan?{query}&pageCursor={body['nextPageCursor']}")
    motis_schemas.response("/api/v6/plan", 200, later.json())


async def test_every_plan_from_the_three_stations_reaches_each_venue(api):
    """Transit itineraries, or a direct walk where the venue is that close (Blok M)."""
    for origin in ORIGINS:
        for venue in VENUES:
            body = (await api.get(f"/api/v6/plan?fromPlace={origin}&toPlace=venue:{venue}"
                                  f"&time={MORNING}")).json()
            found = body["itineraries"] + body["direct"]
            assert found, (origin, venue)
            start = found[0]["legs"][0]["from"]
            assert origin in (start.get("stopId"), start.get("parentId")), start
            last = found[0]["legs"][-1]
            assert abs(last["to"]["lat"] - body["to"]["lat"]) < 0.003, (origin, venue)


async def test_stoptimes_trip_and_geocode_answers_validate(api, motis_schemas):
    for query in (f"stopId=mrt-jakarta:SBKM&time={MORNING}&n=5",
                  f"stopId=mrt-jakarta:SBKM&time={MORNING}&n=3&arriveBy=true",
                  f"stopId=mrt-jakarta:SASN&time={MORNING}&n=4&direction=EARLIER",
                  f"stopId=transjakarta:H00014P&time={MORNING}&window=1800&mode=BUS"):
        response = await api.get(f"/api/v6/stoptimes?{query}")
        assert response.status_code == 200, (query, response.text)
        body = response.json()
        motis_schemas.response("/api/v6/stoptimes", 200, body)
        assert body["stopTimes"], query
        trip = await api.get(f"/api/v6/trip?tripId={body['stopTimes'][0]['tripId']}")
        assert trip.status_code == 200, trip.text
        motis_schemas.response("/api/v6/trip", 200, trip.json())
        for leg in trip.json()["legs"]:
            check_geometry(leg)
    for path, query in (("/api/v1/geocode", "text=taman ayodya"),
                        ("/api/v1/geocode", "text=Bundaran HI&type=STOP&numResults=3"),
                        ("/api/v1/reverse-geocode", "place=-6.2444,106.7981")):
        response = await api.get(f"{path}?{query}")
        assert response.status_code == 200, response.text
        motis_schemas.response(path, 200, response.json())
        assert response.json(), query
    health = await api.get("/api/v1/health")
    motis_schemas.response("/api/v1/health", 200, health.json())


@pytest.mark.parametrize(("url", "status"), [
    ("/api/v6/plan?fromPlace=nowhere&toPlace=venue:taman-ayodya", 404),
    ("/api/v6/plan?fromPlace=mrt-jakarta:SLBB&toPlace=venue:atlantis", 404),
    ("/api/v6/plan?fromPlace=mrt-jakarta:SLBB", 400),
    ("/api/v6/plan?fromPlace=91,200&toPlace=venue:taman-ayodya", 400),
    ("/api/v6/plan?fromPlace=mrt-jakarta:SLBB&toPlace=venue:taman-ayodya&transitModes=FERRY",
     400),
    ("/api/v6/plan?fromPlace=mrt-jakarta:SLBB&toPlace=venue:taman-ayodya&pageCursor=abc", 400),
    ("/api/v6/plan?fromPlace=mrt-jakarta:SLBB&toPlace=venue:taman-ayodya"
     "&time=2031-06-01T01:00:00Z", 422),
    ("/api/v6/plan?fromPlace=venue:taman-ayodya&toPlace=venue:taman-ayodya"
     f"&time={MORNING}", 422),
    ("/api/v6/trip?tripId=20261201_08:00_mrt-jakarta_NO-SUCH-TRIP", 404),
    ("/api/v6/trip?tripId=garbage", 400),
    ("/api/v6/stoptimes?stopId=mrt-jakarta:NOPE", 404),
    ("/api/v6/stoptimes", 400),
    ("/api/v1/reverse-geocode?place=0,0", 400),
    ("/api/v1/geocode?text=blok&type=BOAT", 400),
])
async def test_errors_are_motis_errors(api, motis_schemas, url, status):
    response = await api.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and len(body["error"]) > 10, body
    assert "Traceback" not in response.text
    path = url.split("?")[0]
    if status in (400, 404, 422) and path != "/api/v1/reverse-geocode":
        motis_schemas.response(path, status, body)
