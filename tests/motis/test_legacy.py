"""MOTIS's older versions (/api/v1../api/v5) of plan, stoptimes and trip, as KDE's
KPublicTransport asks them: ``date=MM-DD-YYYY&time=HH:MM`` (UTC), ``mode=TRANSIT,WALK``,
precision-7 polylines in v1, a ``level`` on every place before v6, METRO before v5."""

from __future__ import annotations

import polyline
import pytest

from app.motis.legacy import legacy_answer, legacy_query
from tests.motis.conftest import MORNING

pytestmark = pytest.mark.anyio
KDE_PLAN = ("/api/v1/plan?fromPlace=-6.2892744,106.7749355,0&toPlace=venue:taman-ayodya"
            "&date=12-01-2026&time=01:00&mode=TRANSIT,WALK&numItineraries=3&arriveBy=false")


def test_legacy_query_rewrites_date_time_mode_and_transfers():
    v1 = dict(legacy_query(1, [("date", "12-01-2026"), ("time", "01:00"),
                               ("mode", "TRANSIT,WALK"), ("maxTransfers", "2"),
                               ("fromPlace", "a")]))
    assert v1 == {"time": "2026-12-01T01:00:00Z", "transitModes": "TRANSIT",
                  "directModes": "WALK", "maxTransfers": "1", "fromPlace": "a"}
    v3 = dict(legacy_query(3, [("time", MORNING), ("maxTransfers", "2")]))
    assert v3 == {"time": MORNING, "maxTransfers": "2"}
    bad = dict(legacy_query(1, [("date", "13-45-2026"), ("time", "01:00")]))
    assert bad["time"] == "13-45-2026 01:00"  # v6 answers it with a 400


def test_legacy_answer_levels_metro_and_precision():
    line = polyline.encode([(-6.2, 106.8), (-6.25, 106.81)], 6)
    body = {"from": {"name": "a", "lat": -6.2, "lon": 106.8}, "legs": [
        {"mode": "SUBURBAN", "legGeometry": {"points": line, "precision": 6, "length": 2}}]}
    old = legacy_answer(1, body)
    assert old["from"]["level"] == 0 and old["legs"][0]["mode"] == "METRO"
    geometry = old["legs"][0]["legGeometry"]
    assert geometry["precision"] == 7
    assert polyline.decode(geometry["points"], 7) == [(-6.2, 106.8), (-6.25, 106.81)]
    assert legacy_answer(5, {"mode": "SUBURBAN"})["mode"] == "SUBURBAN"


async def test_kde_itinerary_plan_request(api, motis_schemas):
    old = await api.get(KDE_PLAN)
    assert old.status_code == 200, old.text
    body = old.json()
    motis_schemas.response("/api/v6/plan", 200, body)
    new = (await api.get("/api/v6/plan?fromPlace=-6.2892744,106.7749355&toPlace=venue:"
                         f"taman-ayodya&time={MORNING}&numItineraries=3")).json()
    assert [i["startTime"] for i in body["itineraries"]] == [
        i["startTime"] for i in new["itineraries"]]
    assert body["itineraries"]
    for itinerary in body["itineraries"]:
        for leg in itinerary["legs"]:
            assert leg["from"]["level"] == 0 and leg["to"]["level"] == 0
            line = leg["legGeometry"]
            assert line["precision"] == 7
            first = polyline.decode(line["points"], 7)[0]
            assert first == pytest.approx((leg["from"]["lat"], leg["from"]["lon"]), abs=1e-6)
    v2 = (await api.get(KDE_PLAN.replace("/v1/", "/v2/"))).json()
    assert v2["itineraries"][0]["legs"][0]["legGeometry"]["precision"] == 6


async def test_legacy_stoptimes_trip_and_errors(api, motis_schemas):
    old = await api.get("/api/v1/stoptimes?stopId=mrt-jakarta:SBKM&date=12-01-2026"
                        "&time=01:00&n=3&arriveBy=false")
    assert old.status_code == 200, old.text
    motis_schemas.response("/api/v6/stoptimes", 200, old.json())
    stop_times = old.json()["stopTimes"]
    assert len(stop_times) >= 3 and stop_times[0]["place"]["level"] == 0
    trip = await api.get(f"/api/v5/trip?tripId={stop_times[0]['tripId']}")
    assert trip.status_code == 200
    assert trip.json()["legs"][0]["tripId"] == stop_times[0]["tripId"]
    missing = await api.get("/api/v1/plan?fromPlace=nowhere&toPlace=venue:taman-ayodya")
    assert missing.status_code == 404 and set(missing.json()) == {"error"}
