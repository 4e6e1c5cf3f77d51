"""Service alerts from a local GTFS-RT producer: /v1/alerts, plans, boards and kiosks."""

from __future__ import annotations

import time

import pytest

from tests.realtime.conftest import Realtime, add_alert, add_vehicle, message

pytestmark = pytest.mark.anyio

TEXTS = {"id": "Halte ASEAN ditutup sementara", "en": "Halte ASEAN is closed for now",
         "zh-Hans": "东盟站暂时关闭"}


def _asean_alert(rt: Realtime, **kwargs) -> None:
    msg = message()
    add_alert(msg, "asean-closed", stop_id="H00265P", texts=TEXTS, **kwargs)
    rt.push("/tj.pb", msg)


async def test_alerts_list_picks_the_language_and_filters(rt: Realtime, client):
    assert (await client.get("/v1/alerts")).json()["alerts"] == []
    _asean_alert(rt)
    for lang, text in (("en", TEXTS["en"]), ("id", TEXTS["id"]), ("zh", TEXTS["zh-Hans"]),
                       ("th", TEXTS["en"])):
        body = (await client.get("/v1/alerts", params={"lang": lang})).json()
        assert [a["header"] for a in body["alerts"]] == [text], lang
    alert = body["alerts"][0]
    assert alert["id"] == "transjakarta:asean-closed"
    assert alert["informed_entities"] == [{"agency_id": None, "route_id": None,
                                           "stop_id": "transjakarta:H00265P", "trip_id": None}]
    by_platform = await client.get("/v1/alerts", params={"stop": "transjakarta:G00012"})
    assert len(by_platform.json()["alerts"]) == 1      # a platform of the halte
    other = await client.get("/v1/alerts", params={"stop": "mrt-jakarta:SLBB"})
    assert other.json()["alerts"] == []
    assert (await client.get("/v1/alerts", params={"lang": "xx"})).status_code == 400
    assert (await client.get("/v1/alerts", params={"time": "soon"})).status_code == 400


async def test_an_alert_on_halte_asean_shows_on_plans_boards_and_the_kiosk(rt: Realtime,
                                                                           client):
    _asean_alert(rt)
    through = (await client.get("/v1/plan", params={
        "from": "stop:transjakarta:P00017", "to": "stop:transjakarta:G00009",
        "time": "2026-12-01T08:00", "lang": "en"})).json()
    ride = next(leg for leg in through["itineraries"][0]["legs"] if leg["mode"] == "BUS")
    assert [a["header"] for a in ride["alerts"]] == [TEXTS["en"]]
    assert through["notes"] == [] or all("Realtime" not in n for n in through["notes"])

    start = (await client.get("/v1/plan", params={
        "from": "stop:transjakarta:H00265P", "to": "stop:transjakarta:G00009",
        "time": "2026-12-01T08:00", "lang": "id"})).json()
    assert [a["header"] for a in start["from"]["alerts"]] == [TEXTS["id"]]
    first = start["itineraries"][0]["legs"][0]
    assert first["from"]["alerts"][0]["header"] == TEXTS["id"]

    board = (await client.get("/v1/stops/transjakarta:H00265P/departures",
                              params={"time": "2026-12-01T08:00", "lang": "en"})).json()
    assert [a["header"] for a in board["alerts"]] == [TEXTS["en"]]
    assert board["departures"] and all(d["alerts"] for d in board["departures"])

    html = (await client.get("/kiosk/asean", params={"time": "2026-12-01T08:00",
                                                     "lang": "en"})).text
    assert 'class="rt-banner"' in html and TEXTS["en"] in html
    data = (await client.get("/kiosk/asean/data.json",
                             params={"time": "2026-12-01T08:00"})).json()
    assert TEXTS["id"] in data["html"]["alerts"]
    far = (await client.get("/kiosk/lebak-bulus", params={"time": "2026-12-01T08:00"})).text
    assert "rt-banner" not in far


async def test_an_alert_out_of_its_period_is_not_shown(rt: Realtime, client):
    later = int(time.time()) + 3 * 86_400
    _asean_alert(rt, period=(later, later + 3600))
    assert (await client.get("/v1/alerts")).json()["alerts"] == []
    board = (await client.get("/v1/stops/transjakarta:H00265P/departures")).json()
    assert board["alerts"] is None


async def test_vehicles_of_the_station_lines_are_drawn_on_the_kiosk(rt: Realtime, client):
    html = (await client.get("/kiosk/asean")).text
    assert "rt-vehicles" not in html
    msg = message()
    add_vehicle(msg, "train-07", route_id="MRTJ_NS", lat=-6.2444, lon=106.7981)   # Blok M
    add_vehicle(msg, "train-99", route_id="MRTJ_NS", lat=-6.40, lon=106.70)       # far away
    rt.push("/mrt.pb", msg)
    html = (await client.get("/kiosk/asean")).text
    svg = html[html.index('class="rt-vehicles"'):]
    svg = svg[:svg.index("</svg>")]
    assert svg.count("<circle") == 3 and "train-07" not in svg   # ring, station, one train
    assert svg.count('fill="#CA1F47"') == 1 and svg.count(">NS</text>") == 1   # line colour
    data = (await client.get("/kiosk/asean/data.json")).json()
    assert "rt-vehicles" in data["html"]["vehicles"]
    feeds = (await client.get("/v1/feeds")).json()["realtime"]
    assert next(f for f in feeds if f["id"] == "mrt-jakarta/all")["applied"] == 2


async def test_agency_route_and_trip_alerts_reach_the_rides(rt: Realtime, client):
    msg = message()
    add_alert(msg, "tije", texts={"en": "TransJakarta fares change"})
    msg.entity[-1].alert.informed_entity[0].agency_id = "Tije"
    add_alert(msg, "corridor-13", route_id="13", texts={"en": "Corridor 13 detour"})
    add_alert(msg, "this-run", texts={"en": "This bus is full"})
    msg.entity[-1].alert.informed_entity[0].trip.trip_id = "1-R07"
    rt.push("/tj.pb", msg)
    body = (await client.get("/v1/plan", params={
        "from": "stop:transjakarta:P00017", "to": "stop:transjakarta:G00009",
        "time": "2026-12-01T08:00", "lang": "en"})).json()
    ride = next(leg for leg in body["itineraries"][0]["legs"] if leg["mode"] == "BUS")
    assert ride["route"]["id"] == "transjakarta:1"
    assert [a["header"] for a in ride["alerts"]] == ["TransJakarta fares change",
                                                     "This bus is full"]
    mrt = (await client.get("/v1/plan", params={
        "from": "stop:mrt-jakarta:SLBB", "to": "stop:mrt-jakarta:SASN",
        "time": "2026-12-01T08:00"})).json()
    assert all(leg.get("alerts") is None for leg in mrt["itineraries"][0]["legs"])
    only_13 = (await client.get("/v1/alerts", params={"route": "transjakarta:13"})).json()
    assert [a["header"] for a in only_13["alerts"]] == ["Corridor 13 detour"]
