"""Trip updates from a local GTFS-RT producer move plans and boards (bundled feeds)."""

from __future__ import annotations

import pytest

from tests.realtime.conftest import Realtime, add_cancel, add_delay, message

pytestmark = pytest.mark.anyio

MRT_TRIP = "NS-WD-LBB-BHI-1000"       # leaves Lebak Bulus 10:00 (10-min headway then)


async def plan(client, origin: str, to: str, time: str, **extra) -> dict:
    response = await client.get("/v1/plan", params={"from": origin, "to": to, "time": time,
                                                    "lang": "en", **extra})
    assert response.status_code == 200, response.text
    return response.json()


def rides(answer: dict) -> list[dict]:
    return [leg for leg in answer["itineraries"][0]["legs"] if leg["mode"] != "WALK"]


async def test_a_six_minute_mrt_delay_moves_the_plan_and_the_boards(rt: Realtime, client):
    before = await plan(client, "stop:mrt-jakarta:SLBB", "stop:mrt-jakarta:SASN",
                        "2026-12-01T09:59")
    (ride,) = rides(before)
    assert ride["trip_id"] == f"mrt-jakarta:{MRT_TRIP}" and ride["realtime"] is False
    assert ride["departure"] == "2026-12-01T10:00:00+07:00"
    msg = message()
    add_delay(msg, MRT_TRIP, 360)
    rt.push("/mrt.pb", msg)

    after = await plan(client, "stop:mrt-jakarta:SLBB", "stop:mrt-jakarta:SASN",
                       "2026-12-01T09:59")
    (ride,) = rides(after)
    assert ride["trip_id"] == f"mrt-jakarta:{MRT_TRIP}"
    assert ride["departure"] == "2026-12-01T10:06:00+07:00"
    assert ride["scheduled_departure"] == "2026-12-01T10:00:00+07:00"
    assert ride["realtime"] is True and ride["delay_s"] == 360
    old_arrival = rides(before)[0]["arrival"]
    assert ride["arrival"] > old_arrival and ride["scheduled_arrival"] == old_arrival

    board = (await client.get("/v1/stops/mrt-jakarta:SLBB/departures",
                              params={"time": "2026-12-01T09:59", "lang": "en"})).json()
    mine = [d for d in board["departures"] if d["trip_id"] == f"mrt-jakarta:{MRT_TRIP}"]
    assert mine and mine[0]["departure"] == "2026-12-01T10:06:00+07:00"
    assert mine[0]["delay_s"] == 360 and mine[0]["realtime"] is True
    assert mine[0]["scheduled_departure"] == "2026-12-01T10:00:00+07:00"

    kiosk = (await client.get("/kiosk/lebak-bulus/data.json",
                              params={"time": "2026-12-01T09:59"})).json()
    times = [row["time"] for g in kiosk["departures"] for row in g["rows"]]
    assert "10:06" in times and "10:00" not in times


async def test_a_cancelled_transjakarta_run_is_skipped_for_the_next(rt: Realtime, client):
    args = ("stop:transjakarta:P00017", "stop:transjakarta:G00009", "2026-12-01T08:00")
    before = rides(await plan(client, *args))
    assert before[0]["trip_id"] == "transjakarta:1-R07"
    assert before[0]["departure"] == "2026-12-01T08:00:00+07:00"
    msg = message()
    add_cancel(msg, "1-R07", start_time="08:00:00")
    rt.push("/tj.pb", msg)
    after = rides(await plan(client, *args))
    assert after[0]["trip_id"] == "transjakarta:1-R07"
    assert after[0]["departure"] == "2026-12-01T08:06:40+07:00"   # the next run, 400 s on
    board = (await client.get("/v1/stops/transjakarta:P00017/departures",
                              params={"time": "2026-12-01T08:00"})).json()
    assert "2026-12-01T08:00:00+07:00" not in [d["departure"] for d in board["departures"]]
    feeds = (await client.get("/v1/feeds")).json()["realtime"]
    tj = next(f for f in feeds if f["feed_id"] == "transjakarta")
    assert tj["applied"] == 1 and tj["rejected"] == 0


async def test_a_transfer_broken_by_a_delay_is_replaced(rt: Realtime, client):
    args = ("stop:mrt-jakarta:SBHI", "stop:transjakarta:G00600", "2026-12-01T09:59")
    before = await plan(client, *args, max_transfers=1)
    legs = rides(before)
    assert [leg["mode"] for leg in legs] == ["SUBWAY", "BUS"], legs
    mrt, bus = legs
    slack_s = _s(bus["departure"]) - _s(mrt["arrival"])
    delay = slack_s + 60   # the train now arrives after the bus has left
    msg = message()
    add_delay(msg, mrt["trip_id"].split(":", 1)[1], delay)
    rt.push("/mrt.pb", msg)
    after = await plan(client, *args, max_transfers=1)
    for itinerary in after["itineraries"]:
        legs = [leg for leg in itinerary["legs"] if leg["mode"] != "WALK"]
        for a, b in zip(legs, legs[1:], strict=False):
            assert _s(b["departure"]) >= _s(a["arrival"]), (a, b)
        assert not any(leg["trip_id"] == bus["trip_id"] and leg["departure"] ==
                       bus["departure"] for leg in legs), "the missed bus is still offered"
    new = [leg for leg in after["itineraries"][0]["legs"] if leg["mode"] != "WALK"]
    assert any(leg.get("delay_s") == delay for leg in new) or new[0]["trip_id"] != \
        mrt["trip_id"]


def _s(iso: str) -> int:
    hh, mm, ss = iso[11:19].split(":")
    return int(hh) * 3600 + int(mm) * 60 + int(ss)
