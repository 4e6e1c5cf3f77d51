"""MOTIS-compatible API fixtures: one app over the session's bundled data, a client, and
MOTIS's OpenAPI schemas (``../shared/motis/openapi.yaml``) as a jsonschema validator."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi import FastAPI
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from app.config import Settings
from app.deps import get_state
from app.main import create_app
from app.state import AppState

OPENAPI = Path(__file__).resolve().parents[2].parent / "shared" / "motis" / "openapi.yaml"
DAY = "2026-12-01"  # a Tuesday inside both bundled feeds
#: 08:00 in Jakarta, as MOTIS clients send it (UTC)
MORNING = "2026-12-01T01:00:00Z"
UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
VENUES = ("asean-secretariat", "taman-langsat", "taman-ayodya", "taman-leuser")
#: The origins of the issue: MRT Lebak Bulus, MRT Blok M, MRT Bundaran HI
ORIGINS = ("mrt-jakarta:SLBB", "mrt-jakarta:SBKM", "mrt-jakarta:SBHI")


@pytest.fixture(scope="session")
def motis_app(bundled_settings: Settings, bundled_state: AppState) -> FastAPI:
    """One app for every MOTIS-route test, serving the session's bundled data."""
    app = create_app(bundled_settings)
    app.dependency_overrides[get_state] = lambda: bundled_state
    return app


@pytest.fixture
async def api(motis_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client for ``motis_app``."""
    transport = httpx.ASGITransport(app=motis_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://menuju.test") as client:
        yield client


class MotisSchemas:
    """Validate answers against MOTIS's own OpenAPI description ($refs resolved)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource("urn:motis", resource)

    def _validator(self, pointer: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": f"urn:motis#{pointer}"}, registry=self.registry)

    def response(self, path: str, status: int, body: Any) -> None:
        """``body`` is a valid ``status`` answer of MOTIS's ``GET path`` (AssertionError
        listing every violation otherwise); every date-time is UTC ``...Z``."""
        escaped = path.replace("~", "~0").replace("/", "~1")
        pointer = (f"/paths/{escaped}/get/responses/{status}/content/application~1json/"
                   "schema")
        errors = sorted(self._validator(pointer).iter_errors(body), key=lambda e: e.path)
        assert not errors, "\n".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:10])
        for key, value in _walk(body):
            if key in {"startTime", "endTime", "scheduledStartTime", "scheduledEndTime",
                       "arrival", "departure", "scheduledArrival", "scheduledDeparture"}:
                assert UTC_TIME.match(value), (key, value)


def _walk(node: Any) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((key, value))
            found.extend(_walk(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_walk(item))
    return found


@pytest.fixture(scope="session")
def motis_schemas() -> MotisSchemas:
    """MOTIS's schemas; the test is skipped where ../shared/motis/openapi.yaml is missing."""
    if not OPENAPI.exists():
        pytest.skip(f"MOTIS's OpenAPI description is not at {OPENAPI}")
    return MotisSchemas(yaml.safe_load(OPENAPI.read_text(encoding="utf-8")))
