"""MOTIS's request forms: places, modes, languages, paging cursors, trip ids of frequency
runs, stop-time windows and directions, CORS as MOTIS does it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.motis.modes import allowed_transit_modes, check_direct_modes, motis_mode
from app.motis.params import make_cursor, parse_cursor
from routing.clock import JAKARTA_TZ
from tests.motis.conftest import MORNING

pytestmark = pytest.mark.anyio
PLAN = f"/api/v6/plan?fromPlace=mrt-jakarta:SLBB&toPlace=venue:taman-ayodya&time={MORNING}"


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


@pytest.mark.parametrize(("route_type", "mode"), [
    (1, "SUBWAY"), (401, "SUBWAY"), (3, "BUS"), (700, "BUS"), (704, "BUS"), (2, "SUBURBAN"),
    (109, "SUBURBAN"), (106, "REGIONAL_RAIL"), (100, "RAIL"), (0, "TRAM"), (900, "TRAM"),
    (4, "FERRY"), (1100, "AIRPLANE"), (11, "BUS"), (1700, "OTHER"),
])
def test_route_types_map_to_motis_modes(route_type, mode):
    assert motis_mode(route_type) == mode


def test_mode_lists():
    served = {"BUS", "SUBWAY"}
    assert allowed_transit_modes(None, served) == served
    assert allowed_transit_modes(["TRANSIT"], served) == served
    assert allowed_transit_modes(["RAIL"], served) == {"SUBWAY"}
    assert allowed_transit_modes(["bus"], served) == {"BUS"}
    assert allowed_transit_modes([], served) == set()
    for bad in (["FERRY"], ["BIKE"], ["SPACESHIP"], ["SUBURBAN"]):
        with pytest.raises(ValueError):
            allowed_transit_modes(bad, served)
    assert check_direct_modes(None) and check_direct_modes(["WALK"])
    assert not check_direct_modes([])
    with pytest.raises(ValueError):
        check_direct_modes(["WALK", "CAR"])


def test_cursor_round_trip_and_tampering():
    when = datetime(2026, 12, 1, 8, 5, tzinfo=UTC)
    cursor = parse_cursor(make_cursor("LATER", when))
    assert cursor.direction == "LATER" and cursor.when == when
    for bad in ("", "menuju1:!!!", "menuju1:" + "QQ", make_cursor("SIDEWAYS", when)):
        with pytest.raises(ValueError):
            parse_cursor(bad)


async def test_transit_modes_restrict_the_rides(api):
    kebayoran = PLAN.replace("mrt-jakarta:SLBB", "transjakarta:H00101P").replace(
        "taman-ayodya", "asean-secretariat")
    bus = (await api.get(f"{kebayoran}&transitModes=BUS")).json()
    subway = (await api.get(f"{PLAN}&transitModes=RAIL,SUBWAY")).json()
    for body, mode in ((bus, "BUS"), (subway, "SUBWAY")):
        assert body["itineraries"], mode
        for it in body["itineraries"]:
            assert {leg["mode"] for leg in it["legs"]} <= {"WALK", mode}
    none = (await api.get(f"{PLAN}&transitModes=")).json()
    assert none["itineraries"] == []
    assert (await api.get(f"{PLAN}&directModes=BIKE")).status_code == 400


async def test_places_accept_levels_stop_prefixes_and_venues(api):
    plain = (await api.get(PLAN)).json()
    for origin in ("stop:mrt-jakarta:SLBB", "-6.2892744,106.7749355,0"):
        other = await api.get(PLAN.replace("mrt-jakarta:SLBB", origin))
        assert other.status_code == 200, other.text
        assert other.json()["itineraries"]
    assert plain["to"]["name"] and plain["to"]["vertexType"] == "NORMAL"
    assert plain["from"]["stopId"] == "mrt-jakarta:SLBB"


async def test_language_names_the_venue(api):
    english = (await api.get(f"{PLAN}&language=en-GB")).json()
    assert english["to"]["name"].startswith("Ayodya Park")
    german = (await api.get(f"{PLAN}&language=de,en")).json()
    assert german["to"]["name"].startswith("Ayodya Park")
    indonesian = (await api.get(f"{PLAN}&language=id")).json()
    assert indonesian["to"]["name"].startswith("Taman Ayodya")
    thai = await api.get(f"{PLAN}&language=th-TH&language=en")
    assert thai.status_code == 200 and thai.json()["to"]["name"]
    geocoded = (await api.get("/api/v1/geocode?text=ayodya&language=en")).json()
    assert any(m["name"].startswith("Ayodya Park") for m in geocoded)


async def test_search_window_answers_every_itinerary_in_it(api):
    now = _utc(MORNING)
    narrow = (await api.get(f"{PLAN}&numItineraries=1&searchWindow=0")).json()["itineraries"]
    wide = (await api.get(f"{PLAN}&numItineraries=1&searchWindow=2700")).json()["itineraries"]
    assert len(narrow) == 1 and 3 <= len(wide) <= 10
    starts = [_utc(i["startTime"]) for i in wide]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(0 <= (s - now).total_seconds() <= 2700 for s in starts)
    arrive = (await api.get(f"{PLAN}&arriveBy=true&numItineraries=1&searchWindow=2700")
              ).json()["itineraries"]
    ends = [_utc(i["endTime"]) for i in arrive]
    assert len(ends) >= 2 and all(0 <= (now - e).total_seconds() <= 2700 for e in ends)


async def test_next_and_previous_pages_move_in_time(api):
    first = (await api.get(f"{PLAN}&numItineraries=2")).json()
    starts = [_utc(i["startTime"]) for i in first["itineraries"]]
    later = (await api.get(f"{PLAN}&numItineraries=2&pageCursor={first['nextPageCursor']}"
                           )).json()
    assert later["itineraries"]
    assert min(_utc(i["startTime"]) for i in later["itineraries"]) > max(starts)
    earlier = (await api.get(f"{PLAN}&numItineraries=2"
                             f"&pageCursor={first['previousPageCursor']}")).json()
    assert earlier["itineraries"]
    assert max(_utc(i["startTime"]) for i in earlier["itineraries"]) < min(starts)


async def test_frequency_runs_have_their_own_trip_ids(api):
    body = (await api.get(f"/api/v6/stoptimes?stopId=transjakarta:H00014P&time={MORNING}"
                          "&n=30&mode=BUS")).json()
    by_template: dict[str, list[dict]] = {}
    for st in body["stopTimes"]:
        by_template.setdefault(st["tripId"].split("_", 2)[2], []).append(st)
    runs = next(v for v in by_template.values() if len(v) >= 2)
    assert len({st["tripId"] for st in runs}) == len(runs)
    for st in runs[:2]:
        trip = (await api.get(f"/api/v6/trip?tripId={st['tripId']}")).json()
        leg = trip["legs"][0]
        start = st["tripId"].split("_")[1]
        assert _utc(leg["startTime"]).astimezone(JAKARTA_TZ).strftime("%H:%M") == start
        assert leg["tripId"] == st["tripId"]
        stops = [leg["from"], *leg["intermediateStops"], leg["to"]]
        assert any(s.get("stopId") == st["place"]["stopId"]
                   and s.get("departure") == st["place"]["departure"] for s in stops)


async def test_plan_legs_name_runs_that_trip_finds(api):
    body = (await api.get(PLAN)).json()
    ride = next(leg for it in body["itineraries"] for leg in it["legs"] if leg["mode"] != "WALK")
    trip = (await api.get(f"/api/v6/trip?tripId={ride['tripId']}")).json()
    stops = [trip["legs"][0]["from"], *trip["legs"][0]["intermediateStops"],
             trip["legs"][0]["to"]]
    assert any(s["stopId"] == ride["from"]["stopId"] and s.get("departure") == ride["startTime"]
               for s in stops)


async def test_stoptimes_directions_windows_and_pages(api):
    base = f"/api/v6/stoptimes?stopId=mrt-jakarta:SBKM&time={MORNING}"
    later = (await api.get(f"{base}&n=4")).json()["stopTimes"]
    earlier = (await api.get(f"{base}&n=4&direction=EARLIER")).json()["stopTimes"]
    now = _utc(MORNING)
    assert len(later) >= 4 and all(_utc(s["place"]["departure"]) >= now for s in later)
    assert len(earlier) >= 4 and all(_utc(s["place"]["departure"]) <= now for s in earlier)
    times = [_utc(s["place"]["departure"]) for s in later]
    assert times == sorted(times)
    window = (await api.get(f"{base}&n=1&window=1800")).json()["stopTimes"]
    assert len(window) > 1
    assert all((_utc(s["place"]["departure"]) - now).total_seconds() <= 1800 for s in window)
    page = (await api.get(f"{base}&n=4")).json()
    following = (await api.get(f"{base}&n=4&pageCursor={page['nextPageCursor']}")).json()
    assert min(_utc(s["place"]["departure"]) for s in following["stopTimes"]) > max(times)
    arrivals = (await api.get(f"{base}&n=3&arriveBy=true")).json()["stopTimes"]
    assert all("arrival" in s["place"] for s in arrivals)


async def test_cors_as_motis_does_it(api):
    preflight = await api.options("/api/v6/plan", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]
    error = await api.get("/api/v6/trip?tripId=garbage", headers={"Origin": "https://x.org"})
    assert error.status_code == 400
    assert error.headers["access-control-allow-origin"] == "*"
    assert "Authorization" in error.headers["access-control-allow-headers"]


async def test_geocode_types_and_modes_filter(api):
    places = (await api.get("/api/v1/geocode?text=asean&type=PLACE")).json()
    assert places and all(m["type"] == "PLACE" and m["id"].startswith("venue:") for m in places)
    stops = (await api.get("/api/v1/geocode?text=asean&type=STOP")).json()
    assert stops and all(m["type"] == "STOP" and m["modes"] for m in stops)
    subway = (await api.get("/api/v1/geocode?text=asean&type=STOP&mode=SUBWAY")).json()
    assert subway and all("SUBWAY" in m["modes"] for m in subway)
    assert (await api.get("/api/v1/geocode?text=asean&type=ADDRESS")).json() == []
    near = (await api.get("/api/v1/reverse-geocode?place=-6.2444,106.7981&numResults=3")).json()
    assert len(near) == 3
