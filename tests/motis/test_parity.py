"""``/api/v6/plan`` and ``/v1/plan`` give the same journeys for the same query: the same
departures and arrivals, and leg for leg the same modes, routes, stops and times."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.motis.conftest import DAY, ORIGINS, VENUES

pytestmark = pytest.mark.anyio


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _v1_journeys(body: dict) -> list[tuple]:
    return [(_utc(it["departure"]), _utc(it["arrival"]), tuple(
        (leg["mode"] == "WALK", leg["route"]["id"] if leg.get("route") else None,
         leg["from"].get("stop_id"), leg["to"].get("stop_id"),
         _utc(leg["departure"]), _utc(leg["arrival"])) for leg in it["legs"]))
        for it in body["itineraries"]]


def _motis_journeys(body: dict) -> list[tuple]:
    found = [(_utc(it["startTime"]), _utc(it["endTime"]), tuple(
        (leg["mode"] == "WALK", leg.get("routeId"), leg["from"].get("stopId"),
         leg["to"].get("stopId"), _utc(leg["startTime"]), _utc(leg["endTime"]))
        for leg in it["legs"]))
        for it in body["itineraries"] + body["direct"]]
    return sorted(found, key=lambda j: (j[0], j[1]))


QUERIES = [
    *((f"from=stop:{o}&to=venue:{v}&time={DAY}T08:00",
       f"fromPlace={o}&toPlace=venue:{v}&time={DAY}T01:00:00Z") for o in ORIGINS for v in VENUES),
    (f"from=-6.2444,106.7981&to=venue:taman-ayodya&time={DAY}T17:30&arrive_by=true"
     "&wheelchair=true&walk_speed=1.0&max_transfers=2",
     f"fromPlace=-6.2444,106.7981&toPlace=venue:taman-ayodya&time={DAY}T10:30:00Z"
     "&arriveBy=true&pedestrianProfile=WHEELCHAIR&pedestrianSpeed=1.0&maxTransfers=2"),
    (f"from=stop:mrt-jakarta:SASN&to=venue:asean-secretariat&time={DAY}T12:00",
     f"fromPlace=mrt-jakarta:SASN&toPlace=venue:asean-secretariat&time={DAY}T12:00:00%2B07:00"),
]


@pytest.mark.parametrize(("v1", "motis"), QUERIES)
async def test_same_journeys_on_both_apis(api, v1, motis):
    old = await api.get(f"/v1/plan?{v1}&num_itineraries=3")
    new = await api.get(f"/api/v6/plan?{motis}&numItineraries=3&searchWindow=0")
    assert old.status_code == new.status_code == 200, (old.text, new.text)
    expected = sorted(_v1_journeys(old.json()), key=lambda j: (j[0], j[1]))
    assert expected, "the query should have journeys"
    assert _motis_journeys(new.json()) == expected
