"""Fixtures of the language, event and polish tests: the API's app and client, and an
events file set through the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import api, api_app  # noqa: F401  (fixtures shared with tests/api)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ICS = ROOT / "data" / "events" / "sample.ics"


@pytest.fixture
def sample_events(monkeypatch: pytest.MonkeyPatch) -> Path:
    """EVENTS_FILES = the bundled sample calendar, EVENT_BUFFER_MIN = 10."""
    monkeypatch.setenv("EVENTS_FILES", "data/events/sample.ics")
    monkeypatch.setenv("EVENT_BUFFER_MIN", "10")
    return SAMPLE_ICS
