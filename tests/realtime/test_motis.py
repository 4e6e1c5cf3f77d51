"""Realtime in the MOTIS-compatible plan: realTime, scheduled times, alerts (valid against
MOTIS's OpenAPI schemas)."""

from __future__ import annotations

import pytest

from tests.motis.conftest import motis_schemas  # noqa: F401 - the fixture
from tests.realtime.conftest import Realtime, add_alert, add_delay, message

pytestmark = pytest.mark.anyio


async def test_motis_plan_shows_realtime_and_alerts(rt: Realtime, client, motis_schemas):  # noqa: F811
    mrt = message()
    add_delay(mrt, "NS-WD-LBB-BHI-1000", 360)
    rt.push("/mrt.pb", mrt)
    tj = message()
    add_alert(tj, "asean", stop_id="H00265P", texts={"en": "Halte ASEAN closed"})
    rt.push("/tj.pb", tj)
    response = await client.get("/api/v6/plan", params={
        "fromPlace": "mrt-jakarta:SLBB", "toPlace": "mrt-jakarta:SASN",
        "time": "2026-12-01T02:59:00Z"})
    assert response.status_code == 200, response.text
    body = response.json()
    motis_schemas.response("/api/v6/plan", 200, body)
    ride = next(leg for leg in body["itineraries"][0]["legs"] if leg["mode"] != "WALK")
    assert ride["realTime"] is True
    assert ride["scheduledStartTime"] == "2026-12-01T03:00:00Z"
    assert ride["startTime"] == "2026-12-01T03:06:00Z"
    assert ride["from"]["scheduledDeparture"] == "2026-12-01T03:00:00Z"

    through = (await client.get("/api/v6/plan", params={
        "fromPlace": "transjakarta:P00017", "toPlace": "transjakarta:G00009",
        "time": "2026-12-01T01:00:00Z"})).json()
    motis_schemas.response("/api/v6/plan", 200, through)
    bus = next(leg for leg in through["itineraries"][0]["legs"] if leg["mode"] == "BUS")
    assert bus["alerts"][0]["headerText"] == "Halte ASEAN closed"
    assert bus["alerts"][0]["descriptionText"] == ""


async def test_motis_stoptimes_show_realtime(rt: Realtime, client, motis_schemas):  # noqa: F811
    mrt = message()
    add_delay(mrt, "NS-WD-LBB-BHI-1000", 360)
    rt.push("/mrt.pb", mrt)
    response = await client.get("/api/v6/stoptimes", params={
        "stopId": "mrt-jakarta:SLBB", "time": "2026-12-01T02:59:00Z", "n": 3})
    assert response.status_code == 200, response.text
    body = response.json()
    motis_schemas.response("/api/v6/stoptimes", 200, body)
    mine = [s for s in body["stopTimes"] if s["tripId"].endswith("NS-WD-LBB-BHI-1000")]
    assert mine and mine[0]["realTime"] is True
    assert mine[0]["place"]["departure"] == "2026-12-01T03:06:00Z"
    assert mine[0]["place"]["scheduledDeparture"] == "2026-12-01T03:00:00Z"
    others = [s for s in body["stopTimes"] if s not in mine]
    assert others and not any(s["realTime"] for s in others)
