"""/v1/plan shows each transit leg's fare product (GTFS-Fares v2 on the bundled TransJakarta
feed: 2,000 IDR leaving 05:00-07:00, 3,500 IDR otherwise) and the itinerary's total."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import DAY

pytestmark = pytest.mark.anyio

# Corridor 1: MH Thamrin (G00038) -> Glodok (G00057), 24 min, no change and no MRT nearby
RIDE = {"from": "stop:transjakarta:G00038", "to": "stop:transjakarta:G00057",
        "num_itineraries": 1}


@pytest.mark.parametrize(("clock", "amount", "product"), [
    ("06:00", 2000, "transjakarta:TJ_PAGI"),
    ("09:00", 3500, "transjakarta:TJ_REGULER"),
])
async def test_a_tj_ride_carries_its_fare_product(api: httpx.AsyncClient, clock: str,
                                                  amount: int, product: str) -> None:
    response = await api.get("/v1/plan", params={**RIDE, "time": f"{DAY}T{clock}"})
    assert response.status_code == 200, response.text
    itinerary = response.json()["itineraries"][0]
    rides = [leg for leg in itinerary["legs"] if leg["mode"] != "WALK"]
    assert [leg["route"]["short_name"] for leg in rides] == ["1"]
    assert rides[0]["fare_product"] == {
        "id": product, "name": rides[0]["fare_product"]["name"], "amount": amount,
        "currency": "IDR", "media": "Kartu JakLingko / uang elektronik"}
    assert rides[0]["fare"]["amount"] == amount
    assert itinerary["fare"]["amount"] == amount


async def test_walk_legs_have_no_fare_product(api: httpx.AsyncClient) -> None:
    response = await api.get("/v1/plan", params={
        "from": "stop:mrt-jakarta:SLBB", "to": "venue:taman-ayodya", "time": f"{DAY}T08:00",
        "num_itineraries": 1})
    legs = response.json()["itineraries"][0]["legs"]
    assert all(leg.get("fare_product") is None for leg in legs if leg["mode"] == "WALK")
    assert all(leg["fare_product"]["currency"] == "IDR" for leg in legs
               if leg["mode"] != "WALK")
