"""The fast plan JSON (app.plan_json) against the pydantic reference (app.present.plan_response
dumped by PlanResponse): the same bytes for real answers of the bundled feeds (venue and
general searches, arrive-by, wheelchair, notes, languages, realtime delays and alerts), and
``geometry=polyline`` decoding to the default answer's coordinates."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import polyline
import pytest

from app import params, plan_json
from app.config import Settings
from app.present import iso_time, plan_response
from app.schemas import PlanResponse
from app.state import AppState
from routing.clock import local_datetime
from routing.data.dataset import Dataset
from routing.data.venues import OpeningHours
from routing.i18n import LANGS, msg, render
from routing.plan.planner import Planner, PlanResult
from tests.realtime.conftest import Producer, add_alert, add_delay, at, message, realtime_app

from .conftest import DAY, assert_problem

pytestmark = pytest.mark.anyio

#: (from, to, time, extra query parameters): venue and general searches, arrive-by,
#: wheelchair, a coordinate origin, an answer with no journey (notes only).
CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("stop:mrt-jakarta:SLBB", "venue:taman-ayodya", "08:00", {}),
    ("stop:mrt-jakarta:SASN", "venue:asean-secretariat", "07:30", {}),
    ("-6.2444,106.7981", "venue:asean-secretariat", "17:45", {}),
    ("stop:transjakarta:P00017", "stop:transjakarta:G00009", "08:00", {}),
    ("-6.2890,106.7745", "-6.2250,106.8010", "12:10", {"num_itineraries": 5}),
    ("stop:mrt-jakarta:SLBB", "stop:mrt-jakarta:SASN", "09:00", {"arrive_by": True}),
    ("stop:mrt-jakarta:SLBB", "venue:taman-ayodya", "08:00", {"wheelchair": True}),
    ("-6.2700,106.7800", "venue:asean-secretariat", "08:00", {"max_walk_m": 0}),
]


def _plan(ds: Dataset, planner: Planner, origin: str, destination: str, hhmm: str,
          extra: dict[str, Any]) -> PlanResult:
    return planner.plan(params.plan_query(ds, origin=origin, destination=destination,
                                          time=f"{DAY}T{hhmm}", **extra))


def _reference(ds: Dataset, result: PlanResult, lang: str) -> bytes:
    return plan_response(ds, result, lang).model_dump_json(by_alias=True).encode()


def _assert_same(ds: Dataset, result: PlanResult, lang: str) -> bytes:
    expected, fast = _reference(ds, result, lang), plan_json.plan_json(ds, result, lang)
    assert fast == expected, _first_difference(fast, expected)
    return fast


def _first_difference(a: bytes, b: bytes) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
             min(len(a), len(b)))
    return f"byte {i}: fast ...{a[i - 80:i + 80]!r}... reference ...{b[i - 80:i + 80]!r}..."


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}>{c[1]}@{c[2]}{c[3] or ''}")
def test_fast_json_is_the_pydantic_json_in_every_language(bundled_state: AppState,
                                                          case: tuple) -> None:
    ds = bundled_state.dataset
    result = _plan(ds, Planner(ds, bundled_state.profiles), *case)
    for lang in LANGS:
        _assert_same(ds, result, lang)


def test_the_cases_cover_legs_stops_fares_notes_and_empty_answers(
        bundled_state: AppState) -> None:
    """The comparison above means something: its answers hold rides with intermediate
    stops and fares, walks to venues, notes, and an answer with no itinerary."""
    ds = bundled_state.dataset
    planner = Planner(ds, bundled_state.profiles)
    answers = [PlanResponse.model_validate_json(_assert_same(ds, _plan(ds, planner, *c), "en"))
               for c in CASES]
    legs = [leg for a in answers for it in a.itineraries for leg in it.legs]
    assert any(leg.intermediate_stops for leg in legs)
    assert any(leg.fare is not None and leg.fare.text for leg in legs)
    assert any(leg.mode == "WALK" and leg.to.venue_id for leg in legs)
    assert any(a.notes for a in answers) and any(not a.itineraries for a in answers)
    assert any(leg.route is not None and leg.route.color for leg in legs)


def test_a_closed_venue_note_is_the_same(bundled_state: AppState,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ds = bundled_state.dataset
    venue = ds.venues["taman-ayodya"]
    office_hours = tuple(((8 * 3600, 16 * 3600),) for _ in range(7))
    monkeypatch.setitem(ds.venues, "taman-ayodya",
                        dataclasses.replace(venue, opening_hours=OpeningHours(office_hours)))
    result = _plan(ds, Planner(ds, bundled_state.profiles), "stop:mrt-jakarta:SLBB",
                   "venue:taman-ayodya", "19:00", {})
    for lang in ("en", "id", "th"):
        body = PlanResponse.model_validate_json(_assert_same(ds, result, lang))
        assert len(body.notes) >= 2, body.notes   # approximate location, closed at arrival


async def test_the_route_sends_the_fast_json_gzipped(api: httpx.AsyncClient,
                                                     bundled_state: AppState) -> None:
    ds = bundled_state.dataset
    result = _plan(ds, Planner(ds, bundled_state.profiles), *CASES[0])
    response = await api.get("/v1/plan", params={
        "from": CASES[0][0], "to": CASES[0][1], "time": f"{DAY}T{CASES[0][2]}", "lang": "ms"},
        headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-encoding"] == "gzip"
    assert response.content == _reference(ds, result, "ms")   # httpx has gunzipped it
    assert int(response.headers["content-length"]) < len(response.content) / 3


async def test_polyline_geometry_decodes_to_the_default_coordinates(
        api: httpx.AsyncClient) -> None:
    query = {"from": "stop:mrt-jakarta:SLBB", "to": "venue:taman-ayodya",
             "time": f"{DAY}T08:00", "lang": "en"}
    plain_response = await api.get("/v1/plan", params=query)
    encoded = await api.get("/v1/plan", params={**query, "geometry": "polyline"})
    assert encoded.status_code == 200
    assert len(encoded.content) < len(plain_response.content)
    default, compact = plain_response.json(), encoded.json()
    PlanResponse.model_validate(compact)       # the documented shape
    assert default["itineraries"]
    legs = [(a, b) for x, y in zip(default["itineraries"], compact["itineraries"], strict=True)
            for a, b in zip(x["legs"], y["legs"], strict=True)]
    for plain, small in legs:
        line = small["geometry"]
        assert (line["type"], line["precision"]) == ("EncodedPolyline", 6)
        decoded = polyline.decode(line["points"], 6)
        coordinates = plain["geometry"]["coordinates"]
        assert line["length"] == len(decoded) == len(coordinates) >= 2
        for (lat, lon), (lon0, lat0) in zip(decoded, coordinates, strict=True):
            assert abs(lat - lat0) <= 1e-6 and abs(lon - lon0) <= 1e-6
        plain.pop("geometry"), small.pop("geometry")
        assert plain == small                  # nothing else changes


async def test_geometry_parameter_is_checked_and_documented(api: httpx.AsyncClient) -> None:
    bad = await api.get("/v1/plan", params={"from": "stop:mrt-jakarta:SLBB",
                                            "to": "venue:taman-ayodya", "geometry": "wkt"})
    assert_problem(bad, 400 if bad.status_code == 400 else 422, parameter="geometry")
    spec = (await api.get("/openapi.json")).json()
    operation = spec["paths"]["/v1/plan"]["get"]
    described = {p["name"]: p for p in operation["parameters"]}
    assert "polyline" in described["geometry"]["description"]
    assert described["geometry"]["schema"].get("default") == "geojson"
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/PlanResponse"}
    geometry = spec["components"]["schemas"]["Leg"]["properties"]["geometry"]
    refs = {option["$ref"].rsplit("/", 1)[1] for option in geometry["oneOf"]}
    assert refs == {"LineString", "EncodedLineString"}


def test_iso_time_is_the_datetime_isoformat() -> None:
    for day in (date(2026, 12, 1), date(2026, 12, 31), date(2027, 2, 28), date(2028, 2, 28)):
        for seconds in (-86_401, -600, -1, 0, 59, 3599, 8 * 3600 + 7, 86_399, 86_400,
                        25 * 3600 + 30, 2 * 86_400 + 5):
            assert iso_time(day, seconds) == local_datetime(day, seconds).isoformat()
    assert iso_time(date(2026, 12, 1), 8 * 3600) == iso_time(date(2026, 11, 30), 32 * 3600)


def test_render_cached_is_render_and_tells_true_from_one() -> None:
    for lang in LANGS:
        for text in (msg("every {minutes} min", minutes=7),
                     msg("{venue}: the location is approximate; check on arrival.",
                         venue=msg("every {minutes} min", minutes=12)),
                     msg("every {minutes} min", minutes=True),
                     msg("every {minutes} min", minutes=1)):
            assert plan_json.render_cached(text, lang) == render(text, lang)
        assert plan_json.render_cached({"en": "Hi", "id": "Halo"}, lang) == render(
            {"en": "Hi", "id": "Halo"}, lang)
    assert plan_json.render_cached(msg("every {minutes} min", minutes=True), "en") != \
        plan_json.render_cached(msg("every {minutes} min", minutes=1), "en")


@pytest.fixture
def realtime_state(bundled_settings: Settings, bundled_state: AppState) -> Iterator[AppState]:
    """The bundled data with realtime: an MRT trip 6 minutes late and alerts on Halte ASEAN
    (stop and route), polled from a local producer."""
    producer = Producer()
    made = realtime_app(bundled_settings, bundled_state, producer,
                        "mrt-jakarta={url}/mrt.pb,transjakarta={url}/tj.pb")
    mrt, tj = message(), message()
    add_delay(mrt, "NS-WD-LBB-BHI-1000", 360)
    add_alert(tj, "asean-closed", stop_id="H00265P",   # the feed's own ids, in force always
              texts={"en": "Halte ASEAN closed", "id": "Halte ASEAN tutup"})
    add_alert(tj, "route-1", route_id="1", texts={"en": "Route 1 detour"},
              period=(at("00:00"), at("23:59")))
    producer.set("/mrt.pb", mrt)
    producer.set("/tj.pb", tj)
    made.poll()
    try:
        yield made.state
    finally:
        made.service.stop()
        producer.stop()


def test_realtime_times_and_alerts_are_the_same(realtime_state: AppState) -> None:
    ds = realtime_state.dataset
    planner = Planner(ds, realtime_state.profiles)
    seen: list[dict] = []
    for case in [("stop:mrt-jakarta:SLBB", "stop:mrt-jakarta:SASN", "09:59", {}),
                 ("stop:transjakarta:P00017", "stop:transjakarta:G00009", "08:00", {}),
                 ("stop:transjakarta:H00265P", "stop:transjakarta:G00009", "08:00", {}),
                 *CASES[:3]]:
        result = _plan(ds, planner, *case)
        for lang in ("en", "id", "zh"):
            seen.append(PlanResponse.model_validate_json(
                _assert_same(ds, result, lang)).model_dump())
    legs = [leg for a in seen for it in a["itineraries"] for leg in it["legs"]]
    assert any(leg["realtime"] and leg["delay_s"] == 360 for leg in legs)
    assert any(leg["alerts"] for leg in legs)
    assert any(a["from_"]["alerts"] for a in seen)
