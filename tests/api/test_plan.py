"""GET /v1/plan: the answer's shape, times, languages, arrive-by, wheelchair and notes."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import httpx
import pytest

from app.params import parse_time
from app.present import iso_time
from app.state import AppState
from routing.data.venues import OpeningHours

from .conftest import DAY

pytestmark = pytest.mark.anyio

LEBAK_BULUS_TO_AYODYA = {"from": "stop:mrt-jakarta:SLBB", "to": "venue:taman-ayodya",
                         "time": f"{DAY}T08:00"}
LEG_KEYS = {"mode", "mode_name", "from", "to", "departure", "arrival", "duration_s",
            "distance_m", "instruction", "geometry"}
TRANSIT_KEYS = {"feed_id", "trip_id", "route", "headsign", "intermediate_stops"}


async def plan(api: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await api.get("/v1/plan", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_iso_time_handles_past_midnight_and_negative_seconds() -> None:
    day = date(2026, 12, 1)
    assert iso_time(day, 8 * 3600) == "2026-12-01T08:00:00+07:00"
    assert iso_time(day, 25 * 3600 + 30) == "2026-12-02T01:00:30+07:00"
    assert iso_time(day, -600) == "2026-11-30T23:50:00+07:00"


def test_parse_time_converts_offsets_to_jakarta() -> None:
    assert parse_time("2026-12-01T08:00").isoformat() == "2026-12-01T08:00:00+07:00"
    assert parse_time("2026-12-01T01:00Z").isoformat() == "2026-12-01T08:00:00+07:00"
    assert parse_time("2026-12-01T10:00+09:00").isoformat() == "2026-12-01T08:00:00+07:00"
    # an unescaped '+' in a query string arrives as a space
    assert parse_time("2026-12-01T08:00 07:00").isoformat() == "2026-12-01T08:00:00+07:00"


async def test_lebak_bulus_to_taman_ayodya_is_mrt_to_blok_m_then_walk_or_bus(
    api: httpx.AsyncClient,
) -> None:
    body = await plan(api, **LEBAK_BULUS_TO_AYODYA, lang="en")
    assert set(body) == {"from", "to", "itineraries", "notes"}
    assert body["from"]["stop_id"] == "mrt-jakarta:SLBB"
    assert body["to"]["venue_id"] == "taman-ayodya"
    assert body["itineraries"], body["notes"]
    first = body["itineraries"][0]
    assert first["departure"].startswith(f"{DAY}T08:")
    mrt, *rest = first["legs"]
    assert (mrt["mode"], mrt["mode_name"]) == ("SUBWAY", "MRT")
    assert mrt["from"]["stop_id"].startswith("mrt-jakarta:GLBB")
    assert mrt["to"]["stop_id"].startswith("mrt-jakarta:GBKM")
    assert rest and all(leg["mode"] in {"WALK", "BUS"} for leg in rest)
    assert rest[-1]["to"]["venue_id"] == "taman-ayodya" and rest[-1]["to"]["entrance"]
    assert first["walk_distance_m"] <= 1000
    assert first["duration_s"] <= 40 * 60
    amount = first["fare"]["amount"]
    assert first["fare"] == {"amount": amount, "currency": "IDR",
                             "text": f"IDR\xa0{amount:,}"}  # lang=en: CLDR format
    assert first["fare"]["amount"] > 0


async def test_itinerary_and_leg_shape(api: httpx.AsyncClient) -> None:
    body = await plan(api, **LEBAK_BULUS_TO_AYODYA, num_itineraries=2)
    assert 1 <= len(body["itineraries"]) <= 2
    for itinerary in body["itineraries"]:
        assert set(itinerary) == {"departure", "arrival", "duration_s", "transfers",
                                  "walk_distance_m", "fare", "legs"}
        start = datetime.fromisoformat(itinerary["departure"])
        end = datetime.fromisoformat(itinerary["arrival"])
        assert (end - start).total_seconds() == itinerary["duration_s"]
        assert itinerary["departure"].endswith("+07:00")
        for leg in itinerary["legs"]:
            assert LEG_KEYS <= set(leg)
            assert leg["geometry"]["type"] == "LineString"
            assert len(leg["geometry"]["coordinates"]) >= 2
            lon, lat = leg["geometry"]["coordinates"][0]
            assert 106 < lon < 108 and -7 < lat < -5  # [lon, lat] order
            if leg["mode"] != "WALK":
                assert all(leg[key] is not None for key in TRANSIT_KEYS)
                assert set(leg["route"]) >= {"id", "short_name", "long_name", "color", "agency"}
                assert leg["feed_id"] == "mrt-jakarta"
                stop = leg["intermediate_stops"][0]
                assert stop["stop_id"] and stop["arrival"] <= stop["departure"]
            else:
                assert leg["trip_id"] is None and leg["route"] is None


async def test_lang_switches_instructions_mode_names_and_notes(api: httpx.AsyncClient) -> None:
    english = await plan(api, **LEBAK_BULUS_TO_AYODYA, lang="en", num_itineraries=1)
    indonesian = await plan(api, **LEBAK_BULUS_TO_AYODYA, num_itineraries=1)
    en_legs, id_legs = english["itineraries"][0]["legs"], indonesian["itineraries"][0]["legs"]
    assert en_legs[0]["instruction"].startswith("Take MRT NS towards Bundaran HI")
    assert id_legs[0]["instruction"].startswith("Naik MRT NS arah Bundaran HI")
    assert en_legs[-1]["mode_name"] == "Walk" and id_legs[-1]["mode_name"] == "Jalan kaki"
    assert en_legs[-1]["to"]["name"].startswith("Ayodya Park (")
    assert en_legs[-1]["instruction"].startswith("Walk ")
    assert "to Ayodya Park (" in en_legs[-1]["instruction"]
    assert "ke Taman Ayodya (" in id_legs[-1]["instruction"]
    assert any("approximate" in note for note in english["notes"])
    assert any("perkiraan" in note for note in indonesian["notes"])


async def test_venue_place_says_location_is_approximate(api: httpx.AsyncClient) -> None:
    body = await plan(api, **LEBAK_BULUS_TO_AYODYA, num_itineraries=1)
    assert body["to"]["location_quality"] == "approximate"
    assert body["from"]["location_quality"] is None


async def test_arrive_by_arrives_no_later_than_time(api: httpx.AsyncClient) -> None:
    body = await plan(api, **{**LEBAK_BULUS_TO_AYODYA, "time": f"{DAY}T09:00"}, arrive_by="true")
    deadline = datetime.fromisoformat(f"{DAY}T09:00:00+07:00")
    assert body["itineraries"]
    arrivals = [datetime.fromisoformat(i["arrival"]) for i in body["itineraries"]]
    assert all(arrival <= deadline for arrival in arrivals)
    assert max(arrivals) >= datetime.fromisoformat(f"{DAY}T08:45:00+07:00")


async def test_wheelchair_avoids_stops_that_are_not_step_free(api: httpx.AsyncClient) -> None:
    params = {"from": "stop:mrt-jakarta:SBHI", "to": "venue:taman-langsat",
              "time": f"{DAY}T08:00"}

    def step_free_flags(body: dict[str, Any]) -> set[bool | None]:
        return {leg[end]["step_free"] for i in body["itineraries"] for leg in i["legs"]
                if leg["mode"] != "WALK" for end in ("from", "to")}

    anyone = await plan(api, **params)
    wheelchair = await plan(api, **params, wheelchair="true")
    assert False in step_free_flags(anyone)  # the fastest uses a TransJakarta halte with steps
    assert wheelchair["itineraries"]
    assert False not in step_free_flags(wheelchair)


async def test_trailing_offset_is_converted_to_jakarta_time(api: httpx.AsyncClient) -> None:
    body = await plan(api, **{**LEBAK_BULUS_TO_AYODYA, "time": f"{DAY}T01:00:00Z"},
                      num_itineraries=1)
    assert body["itineraries"][0]["departure"].startswith(f"{DAY}T08:0")


async def test_default_time_is_now(api: httpx.AsyncClient) -> None:
    body = await plan(api, **{"from": "stop:mrt-jakarta:SASN", "to": "venue:asean-secretariat"})
    assert body["itineraries"]  # the Secretariat is a short walk from the station at any hour
    assert body["itineraries"][0]["departure"].endswith("+07:00")


async def test_no_journey_is_200_with_notes(api: httpx.AsyncClient) -> None:
    body = await plan(api, **{"from": "-6.2700,106.7800", "to": "venue:asean-secretariat",
                              "time": f"{DAY}T08:00", "max_walk_m": 0})
    assert body["itineraries"] == []
    assert body["notes"] and "Tidak ada halte dalam jarak jalan kaki 0 m" in body["notes"][0]


async def test_arrival_outside_opening_hours_adds_a_note(
    api: httpx.AsyncClient, bundled_state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    venue = bundled_state.dataset.venues["taman-ayodya"]
    office_hours = tuple(((8 * 3600, 16 * 3600),) for _ in range(7))
    monkeypatch.setitem(bundled_state.dataset.venues, "taman-ayodya",
                        dataclasses.replace(venue, opening_hours=OpeningHours(office_hours)))
    evening = await plan(api, **{**LEBAK_BULUS_TO_AYODYA, "time": f"{DAY}T19:00"}, lang="en")
    morning = await plan(api, **LEBAK_BULUS_TO_AYODYA, lang="en")
    assert any("closed at the arrival time" in note for note in evening["notes"])
    assert not any("closed" in note for note in morning["notes"])
