"""Broken, stale, unknown and missing realtime: nothing changes but counters and the note;
/readyz stays ready; an update is applied within one poll interval."""

from __future__ import annotations

import dataclasses
import time
from datetime import date

import pytest

from app.deps import get_state
from tests.realtime.conftest import Realtime, add_delay, message

pytestmark = pytest.mark.anyio

TRIP = "NS-WD-LBB-BHI-1000"
PLAN = {"from": "stop:mrt-jakarta:SLBB", "to": "stop:mrt-jakarta:SASN",
        "time": "2026-12-01T09:59", "lang": "en"}


async def _first_departure(client) -> tuple[str, list[str]]:
    body = (await client.get("/v1/plan", params=PLAN)).json()
    ride = next(leg for leg in body["itineraries"][0]["legs"] if leg["mode"] != "WALK")
    return ride["departure"], body["notes"]


def _feed(rt: Realtime, key: str = "mrt-jakarta/all"):
    return rt.service.feeds[key]


async def test_garbage_and_stale_messages_change_nothing(rt: Realtime, client):
    msg = message()
    add_delay(msg, TRIP, 360)
    rt.push("/mrt.pb", msg)
    delayed, notes = await _first_departure(client)
    assert delayed == "2026-12-01T10:06:00+07:00" and notes == []
    version = rt.service.state.snapshot.version

    rt.push("/mrt.pb", b"\x08\x96\x01 this is not a GTFS-RT message \xff\x00")
    assert _feed(rt).state == "broken" and _feed(rt).broken == 1
    assert rt.service.state.snapshot.version == version
    assert (await _first_departure(client))[0] == delayed

    stale = message(stamp=time.time() - 3600)
    add_delay(stale, TRIP, 900)
    rt.push("/mrt.pb", stale)
    assert _feed(rt).state == "stale" and _feed(rt).stale == 1
    departure, notes = await _first_departure(client)
    assert departure == delayed
    assert any("Realtime information is unavailable" in n for n in notes)

    fine = message()
    add_delay(fine, TRIP, 360)
    add_delay(fine, "NO-SUCH-TRIP", 120)
    rt.push("/mrt.pb", fine)
    assert _feed(rt).state == "ok"
    assert (_feed(rt).applied, _feed(rt).rejected) == (1, 1)
    departure, notes = await _first_departure(client)
    assert departure == delayed and notes == []
    feeds = (await client.get("/v1/feeds")).json()["realtime"]
    mrt = next(f for f in feeds if f["id"] == "mrt-jakarta/all")
    assert (mrt["broken"], mrt["stale"], mrt["applied"], mrt["rejected"]) == (1, 1, 1, 1)
    assert mrt["age_s"] is not None and mrt["last_fetch"]


async def test_the_producer_going_down_changes_only_the_note(rt: Realtime, client):
    msg = message()
    add_delay(msg, TRIP, 360)
    rt.push("/mrt.pb", msg)
    before = (await client.get("/v1/plan", params=PLAN)).json()
    rt.producer.stop()
    rt.poll()
    assert _feed(rt).state == "error" and _feed(rt).errors >= 1
    after = (await client.get("/v1/plan", params=PLAN)).json()
    assert after["itineraries"] == before["itineraries"]
    assert [n for n in after["notes"] if n not in before["notes"]] == [
        "Realtime information is unavailable just now: times are as scheduled or as last "
        "reported."]
    assert (await client.get("/readyz")).status_code == 200
    metrics = (await client.get("/metrics")).text
    assert "menuju_realtime_unavailable 1" in metrics
    assert 'menuju_realtime_failures_total{feed="mrt-jakarta/all"} 1' in metrics
    assert 'menuju_realtime_entities_applied{feed="mrt-jakarta/all"} 1' in metrics


async def test_not_modified_answers_keep_the_state(rt: Realtime):
    msg = message()
    add_delay(msg, TRIP, 360)
    rt.push("/mrt.pb", msg)
    version = rt.service.state.snapshot.version
    rt.poll()   # same body: the producer answers 304 to If-None-Match
    assert _feed(rt).state == "not-modified"
    assert rt.service.state.snapshot.version == version


def test_an_update_is_applied_within_one_poll_interval(rt: Realtime):
    interval_s = 1.0
    for status in rt.service.feeds.values():
        status.due = time.time() + interval_s   # just polled
    rt.service.start()
    version = rt.service.state.snapshot.version
    msg = message()
    add_delay(msg, TRIP, 360)
    rt.producer.set("/mrt.pb", msg)
    changed = time.monotonic()
    while rt.service.state.snapshot.version == version and time.monotonic() - changed < 5:
        time.sleep(0.02)
    waited = time.monotonic() - changed
    assert rt.service.state.snapshot.version > version
    assert waited <= interval_s + 0.5, waited    # one interval (+ fetch and decode time)
    assert rt.state.dataset.timetables.touches(date(2026, 12, 1))


async def test_a_reloaded_dataset_gets_realtime_at_the_next_tick(rt: Realtime, client):
    msg = message()
    add_delay(msg, TRIP, 360)
    rt.push("/mrt.pb", msg)
    fresh = dataclasses.replace(rt.state, dataset=dataclasses.replace(
        rt.state.dataset, timetables=rt.state.dataset.timetables.base))   # as after a reload
    rt.app.state.menuju = fresh
    rt.app.dependency_overrides[get_state] = lambda: fresh
    assert (await _first_departure(client))[0] == "2026-12-01T10:00:00+07:00"   # not yet
    rt.service.refresh()   # what the poller thread does every second
    assert (await _first_departure(client))[0] == "2026-12-01T10:06:00+07:00"


async def test_one_request_sees_one_realtime_version(rt: Realtime, client):
    """A version published while a request runs is not mixed into it (the pin)."""
    from routing.realtime.source import _PINS

    seen = []

    @rt.app.get("/_test/pins")
    def probe() -> dict:
        seen.append(_PINS.get())
        ds = rt.state.dataset
        first = ds.timetable(date(2026, 12, 1))
        msg = message()
        add_delay(msg, TRIP, 120)
        rt.push("/mrt.pb", msg)   # a new version meanwhile
        again = ds.timetable(date(2026, 12, 1))
        reverse = ds.timetable(date(2026, 12, 1), reverse=True)
        return {"same": first is again, "reverse_trips": reverse.n_trips == first.n_trips}

    msg = message()
    add_delay(msg, TRIP, 360)
    rt.push("/mrt.pb", msg)
    assert (await client.get("/_test/pins")).json() == {"same": True, "reverse_trips": True}
    assert seen[0] is not None
    assert (await _first_departure(client))[0] == "2026-12-01T10:02:00+07:00"   # next request
