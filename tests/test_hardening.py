"""Hardening (issue 12, item 5): the Host header never reaches a link, QR code or Location
header; long input is echoed at most 100 characters; oversized requests are refused; plan
routes can be rate limited per client; warnings are JSON log lines."""

from __future__ import annotations

import io
import json
import logging
import re
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.deps import get_state
from app.hardening import host_name
from app.main import create_app
from app.state import AppState

pytestmark = pytest.mark.anyio
WHEN = "2026-12-01T08:00"
EVIL = {"Host": "evil.example"}


def _app(settings: Settings, state: AppState, **changes: object) -> FastAPI:
    app = create_app(settings.model_copy(update=changes))
    app.dependency_overrides[get_state] = lambda: state
    return app


def _client(app: FastAPI, base: str = "http://menuju.test") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base)


async def test_host_header_never_reaches_qr_codes_links_or_location(
        bundled_settings: Settings, bundled_state: AppState) -> None:
    app = _app(bundled_settings, bundled_state, public_base_url="https://menuju.example.id")
    async with _client(app) as client:
        data = (await client.get("/kiosk/asean/data.json", params={"time": WHEN},
                                 headers=EVIL)).json()
        page = (await client.get("/kiosk/asean", params={"time": WHEN}, headers=EVIL)).text
        redirect = await client.get("/v1/feeds/", headers=EVIL)
    for card in data["venues"]:
        assert urlsplit(card["phone_url"]).netloc == "menuju.example.id"
    assert "evil.example" not in json.dumps(data) and "evil.example" not in page
    assert redirect.status_code in (307, 308)
    assert redirect.headers["location"].startswith("https://menuju.example.id/v1/feeds")
    default = _app(bundled_settings, bundled_state)
    async with _client(default, "http://127.0.0.1:8000") as client:
        data = (await client.get("/kiosk/asean/data.json", params={"time": WHEN},
                                 headers=EVIL)).json()
    assert {urlsplit(c["phone_url"]).netloc for c in data["venues"]} == {"127.0.0.1:8000"}


async def test_allowed_hosts_refuses_other_hosts_with_a_problem(
        bundled_settings: Settings, bundled_state: AppState) -> None:
    app = _app(bundled_settings, bundled_state,
               allowed_hosts="menuju.test,localhost,*.menuju.example.id")
    long_host = "h" * 5000 + ".example"
    async with _client(app) as client:
        for host in ("menuju.test", "menuju.test:8000", "LOCALHOST", "kiosk.menuju.example.id"):
            assert (await client.get("/healthz", headers={"Host": host})).status_code == 200
        refused = {host: await client.get("/v1/feeds", headers={"Host": host})
                   for host in ("evil.example", "evil.example:8000", "menuju.example.id",
                                "menuju.test.evil.example", long_host)}
    for host, answer in refused.items():
        assert answer.status_code == 400, host
        assert answer.headers["content-type"] == "application/problem+json", host
        problem = answer.json()
        assert problem["status"] == 400 and problem["title"] == "Host not allowed"
        assert "ALLOWED_HOSTS" in problem["detail"]
    assert "'evil.example'" in refused["evil.example"].json()["detail"]
    assert "h" * 101 not in refused[long_host].text and "h" * 100 in refused[long_host].text
    assert len(refused[long_host].text) < 500


def test_host_name_drops_the_port_only() -> None:
    assert [host_name(h) for h in ("a.id", "a.id:8000", "[::1]:8000", "[::1]", "::1", "")] \
        == ["a.id", "a.id", "::1", "::1", "::1", ""]


async def test_long_input_is_echoed_at_most_100_characters(client: httpx.AsyncClient) -> None:
    long_id = "x" * 5000
    for url in (f"/v1/stops/{long_id}", f"/v1/plan?from={long_id}&to=venue:taman-ayodya",
                f"/nothing/{long_id}"):
        answer = await client.get(url)
        assert 400 <= answer.status_code < 500, url
        assert "x" * 101 not in answer.text, url
        assert len(answer.text) < 2000


async def test_oversized_url_and_body_are_refused(client: httpx.AsyncClient) -> None:
    answer = await client.get("/v1/stops", params={"q": "y" * 20_000})
    assert answer.status_code == 414
    assert answer.headers["content-type"] == "application/problem+json"
    answer = await client.post("/admin/reload", content=b"z" * 100_000)
    assert answer.status_code == 413


async def test_plan_routes_are_rate_limited_per_client_when_configured(
        bundled_settings: Settings, bundled_state: AppState) -> None:
    app = _app(bundled_settings, bundled_state, rate_limit="2/minute")
    url = f"/v1/plan?from=stop:mrt-jakarta:SBKM&to=venue:taman-ayodya&time={WHEN}"
    async with _client(app) as client:
        statuses = [(await client.get(url)).status_code for _ in range(3)]
        limited = await client.get(url)
        feeds = [(await client.get("/v1/feeds")).status_code for _ in range(5)]
    assert statuses[:2] == [200, 200] and statuses[2] == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert int(limited.headers["retry-after"]) > 0
    assert set(feeds) == {200}


def test_rate_limit_is_off_by_default() -> None:
    assert Settings().rate_limit == "" or Settings().rate_limit is None


def test_warnings_are_json_lines(bundled_settings: Settings) -> None:
    create_app(bundled_settings)
    for name in ("routing.data.artefact", "menuju.reload", "py.warnings"):
        logger = logging.getLogger(name)
        handler = next(h for h in _handlers(logger) if getattr(h, "menuju", False))
        stream = io.StringIO()
        old = handler.setStream(stream)
        try:
            logger.warning("something odd: %s", "x" * 3)
        finally:
            handler.setStream(old)
        line = json.loads(stream.getvalue().strip())
        assert line["level"] == "WARNING" and re.match("something odd", line["message"])


def _handlers(logger: logging.Logger) -> list[logging.Handler]:
    found: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        found += current.handlers
        current = current.parent if current.propagate else None
    return found
