"""Taman Bendera Pusaka: the parks' new name and facts, with sources, where people look."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.state import AppState
from routing.plan.stopsearch import resolve_name, search_places
from tests.api.conftest import DAY

PARKS = ("taman-langsat", "taman-ayodya", "taman-leuser")
pytestmark = pytest.mark.anyio


async def test_venue_api_has_the_alias_and_sourced_facts(api: httpx.AsyncClient) -> None:
    for park in PARKS:
        venue = (await api.get(f"/v1/venues/{park}")).json()
        assert "Taman Bendera Pusaka" in venue["aliases"]
        assert venue["also_known_as"]["en"] == "part of Taman Bendera Pusaka"
        assert venue["location_quality"] == "approximate"  # positions stay approximate
        facts = " ".join(f["text"]["en"] for f in venue["facts"])
        for figure in ("8 August 2025", "38,125 m²", "7,606 m²", "9,550 m²", "1.2-2.5 km",
                       "link bridge", "tunnel"):
            assert figure in facts
        assert all(f["sources"] and f["text"]["id"] for f in venue["facts"])
    secretariat = (await api.get("/v1/venues/asean-secretariat")).json()
    assert secretariat["aliases"] == [] and secretariat["facts"] == []


def test_search_by_the_new_name_finds_the_parks(bundled_state: AppState) -> None:
    found = search_places(bundled_state.dataset, "bendera pusaka", limit=5)
    assert {m.id for m in found if m.kind == "venue"} == set(PARKS)
    assert resolve_name(bundled_state.dataset, "taman bendera pusaka").removeprefix(
        "venue:") in PARKS


async def test_kiosk_card_shows_the_new_name(api: httpx.AsyncClient) -> None:
    page = await api.get("/kiosk/asean", params={"time": f"{DAY}T08:00"})
    assert page.text.count("bagian dari Taman Bendera Pusaka") == 3
    english = await api.get("/kiosk/asean", params={"time": f"{DAY}T08:00", "lang": "en"})
    assert english.text.count("part of Taman Bendera Pusaka") == 3


async def test_kiosk_lists_todays_events_with_leave_by(api: httpx.AsyncClient,
                                                       sample_events: Path) -> None:
    page = await api.get("/kiosk/asean", params={"time": f"{DAY}T08:00", "lang": "en"})
    assert "Today at the venues" in page.text
    assert "[Sample] ASEAN Gallery guided tour" in page.text
    assert "leave by 13:" in page.text or "leave by 12:" in page.text
    data = (await api.get("/kiosk/asean/data.json",
                          params={"time": f"{DAY}T08:00", "lang": "th"})).json()
    tour = next(e for e in data["events"] if e["uid"].startswith("sample-asean-gallery"))
    assert tour["start"] == "14:00" and tour["leave_by"]["th"].startswith("ออกเดินทางภายใน")
    assert "ASEAN Gallery" in data["html"]["events"]
