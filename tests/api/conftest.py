"""API test fixtures: one app over the session's loaded bundled data, and a client for it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.deps import get_state
from app.main import create_app
from app.state import AppState

PROBLEM = "application/problem+json"
DAY = "2026-12-01"  # a Tuesday inside both bundled feeds


@pytest.fixture(scope="session")
def api_app(bundled_settings: Settings, bundled_state: AppState) -> FastAPI:
    """One app for every API test, serving the session's bundled data."""
    app = create_app(bundled_settings)
    app.dependency_overrides[get_state] = lambda: bundled_state
    return app


@pytest.fixture
async def api(api_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client for ``api_app``."""
    transport = httpx.ASGITransport(app=api_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://menuju.test") as client:
        yield client


def assert_problem(response: httpx.Response, status: int, parameter: str | None = None
                   ) -> dict[str, Any]:
    """The response is an RFC 9457 problem with ``status`` (and ``parameter``)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://menuju.id/problems/")
    assert len(body["detail"]) > 10
    assert "Traceback" not in response.text
    if parameter is not None:
        assert body.get("parameter") == parameter, body
    return body
