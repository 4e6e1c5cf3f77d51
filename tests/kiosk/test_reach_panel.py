"""The kiosk's "who can get here in 30 min" panel and the phone page's reachability map
(issue 16)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import date
from urllib.parse import urljoin

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.deps import get_state
from app.main import create_app
from app.state import AppState
from routing.plan.profile_store import ProfileStore

pytestmark = pytest.mark.anyio
DAY = date(2026, 12, 1)
AT = "2026-12-01T08:00"


@pytest.fixture(scope="module")
def profiled_state(bundled_state: AppState) -> AppState:
    """The bundled state with the ASEAN Secretariat's profile for DAY ready (one venue
    only, to keep the build short)."""
    store = ProfileStore(bundled_state.dataset)
    store.build(DAY, "asean-secretariat")
    return dataclasses.replace(bundled_state, profiles=store)


@pytest.fixture
async def kiosk(bundled_settings: Settings, profiled_state: AppState
                ) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(bundled_settings)
    app.dependency_overrides[get_state] = lambda: profiled_state
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://menuju.test") as client:
        yield client


async def test_panel_shows_ready_venues(kiosk: httpx.AsyncClient) -> None:
    page = await kiosk.get("/kiosk/asean", params={"time": AT, "lang": "en"})
    assert page.status_code == 200, page.text
    html = page.text
    assert 'href="/kiosk/static/reach.css"' in html
    panel = html[html.index('<section id="reach"'):]
    panel = panel[:panel.index("</section>")]
    assert "Who can get here in 30 min" in panel
    assert 'id="reach-asean-secretariat"' in panel        # the venue with a ready profile
    assert 'id="reach-taman-ayodya"' not in panel         # no profile: left out, not waited for
    area = re.search(r"<b>([\d.]+) km²</b>", panel)
    assert area and float(area.group(1)) > 1
    assert re.search(r"\d+ stops", panel) and "<svg" in panel
    data = (await kiosk.get("/kiosk/asean/data.json", params={"time": AT, "lang": "en"})).json()
    assert 'id="reach-asean-secretariat"' in data["html"]["reach"]
    assert data["reach"]["tiles"][0]["id"] == "asean-secretariat"


async def test_panel_is_empty_without_profiles(client: httpx.AsyncClient) -> None:
    page = await client.get("/kiosk/asean", params={"time": AT})
    assert page.status_code == 200
    assert '<section id="reach" class="reach"></section>' in page.text
    data = (await client.get("/kiosk/asean/data.json", params={"time": AT})).json()
    assert data["html"]["reach"] == "" and data["reach"] is None


async def test_phone_page_shows_the_venue_map(client: httpx.AsyncClient) -> None:
    page = await client.get("/p", params={"from": "stop:mrt-jakarta:SASN",
                                          "to": "venue:taman-ayodya", "time": AT,
                                          "lang": "en"})
    assert page.status_code == 200, page.text
    found = re.search(r'<img src="([^"]+)"', page.text)
    assert found, page.text
    src = found.group(1).replace("&amp;", "&")
    assert src.startswith("v1/venues/taman-ayodya/reachability?format=svg")
    image = await client.get(urljoin(str(page.url), src))
    assert image.status_code == 200
    assert image.headers["content-type"].startswith("image/svg+xml")
    assert re.search(r"<figcaption[^>]*>From where you reach [^<]+ in 15-60 min<", page.text)
    walk_only = await client.get("/p", params={"from": "venue:taman-ayodya",
                                               "to": "stop:mrt-jakarta:SASN", "time": AT})
    assert "reachability" not in walk_only.text    # only towards a venue
