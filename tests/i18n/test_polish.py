"""Kiosk and phone page polish found when tried as a visitor (issue 17, part 3)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import httpx
import numpy as np
import pytest

from app.kiosk.svgmap import WIDTH, journey_svg, label_width
from app.kiosk.view import journey_model, service_headway_s
from routing.clock import JAKARTA_TZ
from routing.journeys import Journey, Leg, PlaceRef
from routing.plan.departures import _window_headway_s
from routing.plan.stopsearch import _score, normalize
from tests.api.conftest import DAY

REAL_FEEDS = Path(__file__).resolve().parents[3] / "shared" / "feeds"


def test_a_journey_leaving_tomorrow_says_so() -> None:
    here = PlaceRef("Stasiun MRT ASEAN", -6.2388, 106.7984, stop_id="mrt-jakarta:SASN")
    there = PlaceRef("Taman Ayodya", -6.2454, 106.7944)
    leg = Leg("WALK", here, there, 5 * 3600, 5 * 3600 + 600, 700, [])
    now = datetime(2026, 12, 1, 23, 50, tzinfo=JAKARTA_TZ)
    model = journey_model(Journey(date(2026, 12, 2), [leg]), now, ("en", "id"))
    assert model["depart_day"] == {"en": "tomorrow", "id": "besok"}
    same_day = journey_model(Journey(date(2026, 12, 1), [leg]), now.replace(hour=4))
    assert same_day["depart_day"] is None


@pytest.mark.anyio
async def test_english_phone_page_names_the_venue_in_english(api: httpx.AsyncClient) -> None:
    page = await api.get("/p", params={"from": "stop:mrt-jakarta:SASN",
                                       "to": "venue:asean-secretariat",
                                       "time": f"{DAY}T08:00", "lang": "en"})
    assert page.status_code == 200
    assert "ASEAN Secretariat" in page.text and "Sekretariat ASEAN" not in page.text
    thai = await api.get("/p", params={"from": "stop:mrt-jakarta:SASN",
                                       "to": "venue:asean-secretariat",
                                       "time": f"{DAY}T08:00", "lang": "th"})
    assert "สำนักเลขาธิการอาเซียน" in thai.text and 'lang="th"' in thai.text


@pytest.mark.anyio
async def test_no_walk_leg_between_a_station_and_its_own_platform(
        api: httpx.AsyncClient) -> None:
    body = (await api.get("/v1/plan", params={"from": "stop:transjakarta:H00275P",
                                              "to": "venue:asean-secretariat",
                                              "time": f"{DAY}T08:00", "lang": "en"})).json()
    assert body["itineraries"]
    for itinerary in body["itineraries"]:
        first = itinerary["legs"][0]
        assert first["mode"] != "WALK", first["instruction"]  # was "Walk 7 m to Kota"
        assert first["from"]["stop_id"].startswith("transjakarta:")


@pytest.mark.anyio
async def test_departures_and_stop_page_agree_on_step_free(api: httpx.AsyncClient) -> None:
    for station in ("mrt-jakarta:SASN", "transjakarta:H00265P"):
        stop = (await api.get(f"/v1/stops/{station}")).json()
        board = (await api.get(f"/v1/stops/{station}/departures",
                               params={"time": f"{DAY}T08:00"})).json()
        assert board["stop"]["step_free"] == stop["step_free"]
        assert stop["step_free"] is not None


class _Table:
    """The two Timetable fields the headway helper reads."""

    def __init__(self, infos: list[int]) -> None:
        self.trip_info = np.asarray(infos)


def test_headway_is_the_window_of_the_departure() -> None:
    # one frequencies.txt trip: every 7 min from 06:00, every 20 min from 07:00
    runs = [6 * 3600 + k * 420 for k in range(9)] + [7 * 3600 + k * 1200 for k in range(5)]
    column = np.asarray(runs)
    table = _Table([0] * len(runs))
    trips = range(len(runs))
    assert _window_headway_s(table, column, trips, 0) == 420
    assert _window_headway_s(table, column, trips, 8) == 420  # the 7-min window's last run
    assert _window_headway_s(table, column, trips, 9) == 1200  # the first of the 20-min one
    assert _window_headway_s(table, column, trips, 13) == 1200
    # two trips of one route interleaved: each keeps its own window's headway
    mixed = _Table([0, 1, 0, 1, 0, 1])
    column = np.asarray([0, 100, 1200, 1300, 2400, 2500])
    assert _window_headway_s(mixed, column, range(6), 2) == 1200


def test_kiosk_says_how_often_the_route_leaves_all_trips_together() -> None:
    # two frequencies.txt trips of one route, every 20 and every 10 min: a bus every ~7 min
    times = sorted([0, 1200, 2400, 3600] + [300, 900, 1500, 2100, 2700, 3300])
    assert round(service_headway_s(times, 1200) / 60) == 5
    assert service_headway_s([600], 1200) == 1200


@pytest.mark.anyio
async def test_kiosk_rows_use_the_current_headway(api: httpx.AsyncClient) -> None:
    data = (await api.get("/kiosk/transjakarta:H00265P/data.json",
                          params={"time": f"{DAY}T08:00", "lang": "en"})).json()
    every = {row["route"]: row["every_min"] for group in data["departures"]
             for row in group["rows"] if row["every_min"]}
    assert every.get("1") == 7  # 1-R07/1-R08 run every 400 s


def test_lebak_bulus_prefix_stays_in_the_top_band() -> None:
    mrt = _score("lebak bulus", normalize("Stasiun MRT Lebak Bulus Bank Syariah Indonesia"))
    underpass = _score("lebak bulus", normalize("Underpass Lebak Bulus"))
    assert mrt >= 95 > underpass


@pytest.mark.slow
@pytest.mark.skipif(not (REAL_FEEDS / "mrt-jakarta").is_dir(), reason="real feeds absent")
def test_real_feeds_rank_mrt_lebak_bulus_above_lone_stops() -> None:
    from routing.data.dataset import load_dataset
    from routing.data.gtfs import parse_feeds_spec
    from routing.plan.stopsearch import search_places

    spec = (f"tj={REAL_FEEDS}/transjakarta/gtfs-transjakarta.zip,"
            f"mrt={REAL_FEEDS}/mrt-jakarta/gtfs-mrt-jakarta.zip")
    root = Path(__file__).resolve().parents[2]
    ds = load_dataset(parse_feeds_spec(spec, root / "data" / "gtfs"),
                      root / "data" / "venues.json")
    found = search_places(ds, "lebak bulus", limit=6, include_venues=False)
    ids = [m.id for m in found]
    assert "mrt:SLBB" in ids[:2], ids
    assert all(m.kind == "station" for m in found[:ids.index("mrt:SLBB") + 1])


def test_map_labels_stay_inside_the_drawing() -> None:
    here = (-6.2388, 106.7984)
    for venue_point in ((-6.2388, 106.8090), (-6.2388, 106.7890)):  # east, then west
        for label in ("Sekretariat ASEAN", "สำนักเลขาธิการอาเซียน",
                      "Kalihiman ng ASEAN (Jl. Sisingamangaraja gate) and more words"):
            svg = journey_svg(None, here=here, here_label="ASEAN", venue_point=venue_point,
                              venue_label=label, title="t")
            for x, size, text in re.findall(
                    r'<text x="([\d.-]+)" y="[\d.-]+" text-anchor="start" '
                    r'font-size="([\d.]+)"[^>]*>([^<]*)</text>', svg):
                assert 0 <= float(x) and float(x) + label_width(text, float(size)) <= WIDTH
