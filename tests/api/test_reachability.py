"""``GET /v1/venues/{id}/reachability``: GeoJSON bands, the SVG map, errors (issue 16)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
import pytest
import shapely
from shapely.geometry import shape

from tests.api.conftest import DAY, assert_problem

pytestmark = pytest.mark.anyio
URL = "/v1/venues/asean-secretariat/reachability"


async def test_geojson_bands(api: httpx.AsyncClient) -> None:
    response = await api.get(URL, params={"time": f"{DAY}T08:00"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/geo+json"
    assert response.headers["etag"] and "max-age" in response.headers["cache-control"]
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["venue"]["id"] == "asean-secretariat"
    assert body["time"] == f"{DAY}T08:00:00+07:00" and body["arrive_by"] is False
    assert "earliest arrival" in body["definition"] and body["edge_m"] > 0
    minutes = [f["properties"]["minutes"] for f in body["features"]]
    assert minutes == [60, 45, 30, 15]   # largest first: drawn in order, shorter on top
    shapes = [shape(f["geometry"]) for f in body["features"]]
    assert all(f["geometry"]["type"] == "MultiPolygon" for f in body["features"])
    assert all(s.is_valid and not s.is_empty for s in shapes)
    for outer, inner in zip(shapes, shapes[1:], strict=False):
        # nested, up to the 6-decimal rounding of GeoJSON coordinates (0.1 m)
        assert inner.difference(outer.buffer(2e-6)).area < 1e-12
    areas = [f["properties"]["area_km2"] for f in body["features"]]
    stops = [f["properties"]["stops"] for f in body["features"]]
    assert areas == sorted(areas, reverse=True) and areas[-1] > 0
    assert stops == sorted(stops, reverse=True) and stops[-1] > 0
    # the venue itself is inside the shortest band
    assert shapely.contains_xy(shapes[-1], body["venue"]["lon"], body["venue"]["lat"])
    again = await api.get(URL, params={"time": f"{DAY}T08:00"},
                          headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


async def test_arrive_by_and_steps(api: httpx.AsyncClient) -> None:
    response = await api.get(URL, params={"time": f"{DAY}T09:00", "arrive_by": "true",
                                          "max_minutes": 50, "step_minutes": 20})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [f["properties"]["minutes"] for f in body["features"]] == [50, 40, 20]
    assert body["arrive_by"] is True and "latest departure" in body["definition"]


async def test_wheelchair_is_answered(api: httpx.AsyncClient) -> None:
    plain = (await api.get(URL, params={"time": f"{DAY}T08:00", "max_minutes": 30})).json()
    step_free = (await api.get(URL, params={"time": f"{DAY}T08:00", "max_minutes": 30,
                                            "wheelchair": "true"})).json()
    assert step_free["wheelchair"] is True
    assert step_free["features"][0]["properties"]["area_km2"] <= \
        plain["features"][0]["properties"]["area_km2"]


async def test_svg_map(api: httpx.AsyncClient) -> None:
    response = await api.get(URL, params={"time": f"{DAY}T08:00", "format": "svg",
                                          "lang": "en"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.text)   # well-formed XML
    assert root.tag.endswith("svg")
    text = response.text
    assert "ASEAN Secretariat" in text and "≤ 60 min" in text
    assert text.count('fill-rule="evenodd"') == 4      # four bands
    assert text.count("<polyline") >= 2                 # MRT and BRT lines
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")   # no tiles


@pytest.mark.parametrize(("query", "parameter"), [
    ({"max_minutes": 500}, "max_minutes"),
    ({"max_minutes": 0}, "max_minutes"),
    ({"step_minutes": "x"}, "step_minutes"),
    ({"max_minutes": 120, "step_minutes": 5}, "step_minutes"),
    ({"time": "tomorrow"}, "time"),
    ({"format": "png"}, "format"),
    ({"arrive_by": "maybe"}, "arrive_by"),
])
async def test_bad_parameters_are_400(api: httpx.AsyncClient, query: dict,
                                      parameter: str) -> None:
    assert_problem(await api.get(URL, params=query), 400, parameter)


async def test_unknown_venue_is_404_and_no_service_422(api: httpx.AsyncClient) -> None:
    body = assert_problem(await api.get("/v1/venues/monas/reachability"), 404)
    assert "asean-secretariat" in body["detail"]
    assert_problem(await api.get(URL, params={"time": "2035-01-01T08:00"}), 422, "time")
