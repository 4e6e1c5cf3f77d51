"""The service foundation: probes, feeds, venues, problem+json errors, caching, start-up."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import httpx
import pytest
from fastapi import FastAPI, Query

from app.config import Settings
from app.main import create_app
from app.state import AppState, feed_sources
from routing.errors import FeedError, NoServiceError, QueryError, VenueFileError

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.anyio

PROBLEM = "application/problem+json"
VENUE_IDS = {"asean-secretariat", "taman-langsat", "taman-ayodya", "taman-leuser"}


def asgi_client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://menuju.test")


# A: probes and start-up


async def test_a1_healthz_ok_and_readyz_503_before_loading(bundled_settings: Settings) -> None:
    async with asgi_client(create_app(bundled_settings)) as client:
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert ready.status_code == 503
    assert ready.headers["content-type"] == PROBLEM
    assert ready.json()["type"] == "https://menuju.id/problems/not-ready"
    assert ready.headers["retry-after"] == "5"


async def test_a2_lifespan_loads_bundled_data_then_ready(bundled_settings: Settings) -> None:
    app = create_app(bundled_settings)
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        ready = await client.get("/readyz")
        venues = await client.get("/v1/venues")
    assert ready.status_code == 200
    assert ready.json()["feeds"] == ["mrt-jakarta", "transjakarta"]
    assert ready.json()["venues"] == 4
    assert {v["id"] for v in venues.json()["venues"]} == VENUE_IDS
    assert app.state.menuju is None  # released at shutdown


async def test_a3_broken_feed_stops_lifespan_naming_file_row_column() -> None:
    settings = Settings(root_dir=ROOT, gtfs_feeds=f"bad={FIXTURES / 'broken-time'}")
    app = create_app(settings)
    with pytest.raises(FeedError) as caught:
        async with app.router.lifespan_context(app):
            pass  # pragma: no cover
    assert (caught.value.row, caught.value.column) == (3, "arrival_time")
    assert caught.value.file is not None and caught.value.file.endswith("stop_times.txt")
    assert "stop_times.txt, row 3, column arrival_time" in app.state.startup_error


async def test_a4_missing_venues_file_stops_lifespan(tmp_path: Path) -> None:
    app = create_app(Settings(root_dir=ROOT, venues_file=tmp_path / "nope.json"))
    with pytest.raises(VenueFileError):
        async with app.router.lifespan_context(app):
            pass  # pragma: no cover
    assert "nope.json" in app.state.startup_error


def test_a5_uvicorn_exits_with_one_clear_line_on_a_broken_feed() -> None:
    env = {**os.environ, "GTFS_FEEDS": "bad=tests/fixtures/broken-time"}
    result = subprocess.run(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", "0", "--no-access-log"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "cannot start" in line]
    assert len(lines) == 1, result.stderr
    assert "broken-time/stop_times.txt, row 3, column arrival_time: bad time '08:7:00'" in lines[0]


def test_a6_relative_feed_paths_resolve_against_the_repository() -> None:
    settings = Settings(root_dir=ROOT, gtfs_feeds="bad=tests/fixtures/broken-time")
    assert [(s.feed_id, s.path) for s in feed_sources(settings)] == [
        ("bad", FIXTURES / "broken-time")
    ]
    assert settings.venues_file == ROOT / "data" / "venues.json"


# B: feeds and venues


async def test_b1_feeds_give_agency_validity_counts_and_hash(
    client: httpx.AsyncClient, bundled_state: AppState
) -> None:
    response = await client.get("/v1/feeds")
    assert response.status_code == 200
    feeds = {f["feed_id"]: f for f in response.json()["feeds"]}
    assert feeds["mrt-jakarta"]["agency"] == "PT MRT Jakarta"
    assert feeds["transjakarta"]["agency"] == "PT Transportasi Jakarta"
    for loaded in bundled_state.feeds:
        feed = feeds[loaded.feed_id]
        assert feed["start_date"] <= "2026-01-01" <= feed["end_date"]
        assert all(feed["counts"][k] > 0 for k in ("stops", "routes", "trips"))
        assert feed["content_hash"] == loaded.content_hash


async def test_b2_venues_list_all_four(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/venues")
    assert response.status_code == 200
    venues = response.json()["venues"]
    assert {v["id"] for v in venues} == VENUE_IDS
    assert all({"id", "en"} <= set(v["name"]) and v["entrances"] for v in venues)


async def test_b3_one_venue_says_when_its_location_is_approximate(
    client: httpx.AsyncClient,
) -> None:
    leuser = (await client.get("/v1/venues/taman-leuser")).json()
    assert leuser["id"] == "taman-leuser"
    assert leuser["location_quality"] == "approximate"
    assert leuser["location_note"]
    ayodya = (await client.get("/v1/venues/taman-ayodya")).json()
    assert ayodya["location_quality"] in {"surveyed", "approximate"}


async def test_b4_unknown_venue_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/venues/monas")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == "https://menuju.id/problems/unknown-place"
    assert body["status"] == 404 and body["instance"] == "/v1/venues/monas"
    assert "'monas'" in body["detail"] and "asean-secretariat" in body["detail"]


@pytest.mark.parametrize("path", ["/v1/feeds", "/v1/venues", "/v1/venues/asean-secretariat"])
async def test_b5_etag_and_304(client: httpx.AsyncClient, path: str) -> None:
    first = await client.get(path)
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = await client.get(path, headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    changed = await client.get(path, headers={"If-None-Match": 'W/"other"'})
    assert changed.status_code == 200


# C: cross-cutting HTTP behaviour


async def test_c1_request_id_generated_or_echoed(client: httpx.AsyncClient) -> None:
    generated = await client.get("/healthz")
    assert len(generated.headers["x-request-id"]) == 32
    echoed = await client.get("/v1/venues/monas", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"


async def test_c2_one_json_access_log_line_per_request(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="menuju.access"):
        await client.get("/v1/feeds", headers={"X-Request-ID": "log-me"})
    (record,) = [r for r in caplog.records if r.name == "menuju.access"]
    fields = record.fields  # type: ignore[attr-defined]
    assert fields["method"] == "GET" and fields["path"] == "/v1/feeds"
    assert fields["status"] == 200 and fields["request_id"] == "log-me"
    assert fields["duration_ms"] >= 0


async def test_c3_cors_and_gzip(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/v1/venues", headers={"Origin": "https://app.example", "Accept-Encoding": "gzip"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["venues"]


async def test_c4_unknown_path_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert "/v1/nothing-here" in response.json()["detail"]


# D: error mapping (app/errors.py), on throwaway routes


@pytest.fixture
def error_app(app: FastAPI) -> FastAPI:
    @app.get("/t/validate")
    def validate(n: Annotated[int, Query(ge=1, le=10)], lang: str = "id") -> dict[str, int]:
        return {"n": n}

    @app.get("/t/query")
    def query() -> None:
        raise QueryError("'from' and 'to' are the same place.", parameter="to")

    @app.get("/t/no-service")
    def no_service() -> None:
        raise NoServiceError("No feed runs on 2040-01-01; feeds cover 2024-01-01 to 2030-12-31.")

    @app.get("/t/feed")
    def feed() -> None:
        raise FeedError("bad time", file="stop_times.txt", row=3, column="arrival_time")

    @app.get("/t/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    return app


@pytest.mark.parametrize(
    ("url", "status", "parameter", "detail"),
    [
        ("/t/validate?n=12", 400, "n", "Query parameter 'n': input should be less than or equal"),
        ("/t/validate?n=x", 400, "n", "valid integer"),
        ("/t/validate", 400, "n", "Query parameter 'n' is required."),
        ("/t/query", 422, "to", "same place"),
        ("/t/no-service", 422, None, "2040-01-01"),
        ("/t/feed", 503, None, "stop_times.txt, row 3, column arrival_time"),
    ],
)
async def test_d1_errors_are_problems_naming_the_parameter(
    error_app: FastAPI, url: str, status: int, parameter: str | None, detail: str
) -> None:
    async with asgi_client(error_app) as client:
        response = await client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["type"].startswith("https://menuju.id/problems/")
    assert body.get("parameter") == parameter
    assert detail in body["detail"]


async def test_d2_unexpected_error_is_500_without_internals(
    error_app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    async with asgi_client(error_app) as client:
        response = await client.get("/t/boom", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["x-request-id"] == "req-42"
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "req-42" in response.json()["detail"]
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records)


async def test_d3_openapi_documents_problems_not_fastapi_422(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    venue = schema["paths"]["/v1/venues/{venue_id}"]["get"]["responses"]
    assert "422" not in venue
    for status in ("400", "404"):
        assert list(venue[status]["content"]) == [PROBLEM]
    assert "HTTPValidationError" not in schema["components"]["schemas"]


@pytest.mark.anyio
async def test_metrics_count_requests_by_route(client: httpx.AsyncClient) -> None:
    await client.get("/v1/venues/asean-secretariat")
    await client.get("/v1/venues/nowhere")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'menuju_requests_total{route="/v1/venues/{venue_id}",status="200"} 1' in text
    assert 'menuju_requests_total{route="/v1/venues/{venue_id}",status="404"} 1' in text
    assert "menuju_uptime_seconds" in text
