"""Shared fixtures: the bundled data loaded once per session, and in-process API clients.

Async tests run on anyio's pytest plugin: mark them ``pytest.mark.anyio``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.deps import get_state
from app.main import create_app
from app.state import AppState, load_state

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio only."""
    return "asyncio"


@pytest.fixture(scope="session")
def bundled_settings() -> Settings:
    """Settings for the bundled feeds and venues, whatever the environment says (no venue
    profiles: answers must not change when a background build finishes mid-test)."""
    return Settings(root_dir=ROOT, gtfs_feeds=None, venues_file=Path("data/venues.json"),
                    profiles=False)


@pytest.fixture(scope="session")
def bundled_state(bundled_settings: Settings) -> AppState:
    """Bundled feeds and venues, loaded once per test session."""
    return load_state(bundled_settings)


@pytest.fixture
def app(bundled_settings: Settings, bundled_state: AppState) -> FastAPI:
    """A fresh app serving the session's loaded bundled data (no lifespan needed)."""
    app = create_app(bundled_settings)
    app.dependency_overrides[get_state] = lambda: bundled_state
    return app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client talking to ``app`` in process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://menuju.test") as client:
        yield client
