"""Kiosk pages rendered server-side (in process, bundled data, a fixed time)."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.kiosk import slugs
from app.kiosk.slugs import kiosk_places, resolve_station, short_station_name, slugify
from app.kiosk.view import badge, contrast_ratio

pytestmark = pytest.mark.anyio
WHEN = "2026-12-01T08:00"
BASE = "http://menuju.test"
VENUES = {"asean-secretariat", "taman-langsat", "taman-ayodya", "taman-leuser"}


def _external_urls(html: str) -> list[str]:
    return [u for u in re.findall(r"https?://[^\s\"'<>]+", html) if not u.startswith(BASE)]


@pytest.mark.parametrize("station", ["asean", "blok-m", "bundaran-hi", "lebak-bulus",
                                     "mrt-jakarta:SASN", "mrt:SBKM"])
async def test_station_screen_renders(client: httpx.AsyncClient, station: str) -> None:
    answer = await client.get(f"/kiosk/{station}", params={"time": WHEN})
    assert answer.status_code == 200
    html = answer.text
    assert html.count('<article class="venue"') == 4
    assert html.count('class="dep"') >= 1
    assert html.count('<svg viewBox="0 0 400 300" class="map"') == 4
    assert html.count('class="segno"') == 4
    assert "08:00" in html
    assert _external_urls(html) == []


async def test_asean_screen_content(client: httpx.AsyncClient) -> None:
    html = (await client.get("/kiosk/asean", params={"time": WHEN})).text
    assert "Stasiun MRT ASEAN" in html
    assert "Lebak Bulus" in html and "Bundaran HI" in html
    assert "Lokasi perkiraan" in html  # the venues' positions are approximate
    assert "Rp\xa03.500" in html  # the bus to the parks has a fare (CLDR format)
    assert 'style="background:#CA1F47;color:#FFFFFF"' in html  # MRT badge, feed colours


async def test_unknown_station_is_a_friendly_404(client: httpx.AsyncClient) -> None:
    answer = await client.get("/kiosk/atlantis")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "Unknown station" in answer.text and "Traceback" not in answer.text


async def test_bad_time_is_a_friendly_400(client: httpx.AsyncClient) -> None:
    answer = await client.get("/kiosk/asean", params={"time": "tomorrow-ish"})
    assert answer.status_code == 400
    assert "2026-12-01T08:00" in answer.text


async def test_station_list(client: httpx.AsyncClient) -> None:
    html = (await client.get("/kiosk/")).text
    for slug in ("asean", "blok-m", "bundaran-hi", "lebak-bulus", "dukuh-atas"):
        assert f'href="/kiosk/{slug}"' in html
    assert len(re.findall(r'href="/kiosk/[a-z-]+"', html)) == 13
    assert _external_urls(html) == []


async def test_data_json_shape(client: httpx.AsyncClient) -> None:
    answer = await client.get("/kiosk/blok-m/data.json", params={"time": WHEN})
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    data = answer.json()
    assert data["station"]["id"] == "mrt-jakarta:SBKM"
    assert data["as_of"] == "2026-12-01T08:00+07:00"
    assert data["clock"] == "08:00"
    assert {v["id"] for v in data["venues"]} == VENUES
    group = data["departures"][0]
    assert {"platform", "headsign", "rows"} <= set(group)
    row = group["rows"][0]
    assert re.fullmatch(r"\d\d:\d\d", row["time"]) and row["minutes"] >= 0
    for card in data["venues"]:
        assert re.fullmatch(r"\d\d:\d\d", card["journey"]["arrive"])
        assert card["qr_svg"].startswith("<svg") and card["map_svg"].startswith("<svg")
        assert urlsplit(card["phone_url"]).netloc == "menuju.test"
    assert data["html"]["venues"].count('<article class="venue"') == 4
    assert 'class="dep"' in data["html"]["departures"]


async def test_data_json_unknown_station(client: httpx.AsyncClient) -> None:
    answer = await client.get("/kiosk/atlantis/data.json")
    assert answer.status_code == 404 and "error" in answer.json()


async def test_qr_target_is_the_phone_page(client: httpx.AsyncClient) -> None:
    data = (await client.get("/kiosk/asean/data.json", params={"time": WHEN})).json()
    url = urlsplit(data["venues"][1]["phone_url"])
    query = parse_qs(url.query)
    assert url.path == "/p"
    assert query == {"from": ["stop:mrt-jakarta:SASN"], "to": ["venue:taman-langsat"],
                     "time": [WHEN], "lang": ["id"]}
    page = await client.get(f"/p?{url.query}")
    assert page.status_code == 200
    assert "Taman Langsat" in page.text and "Tiba" in page.text
    assert "<script" not in page.text and 'rel="stylesheet"' not in page.text
    assert _external_urls(page.text) == []


async def test_phone_page_in_english(client: httpx.AsyncClient) -> None:
    page = await client.get("/p", params={"from": "stop:mrt-jakarta:SBKM",
                                          "to": "venue:asean-secretariat", "time": WHEN,
                                          "lang": "en"})
    assert page.status_code == 200
    assert "ASEAN Secretariat" in page.text and "Arrive" in page.text


@pytest.mark.parametrize("params", [
    {},
    {"from": "stop:mrt-jakarta:SASN"},
    {"from": "stop:nowhere:X", "to": "venue:taman-langsat"},
    {"from": "stop:mrt-jakarta:SASN", "to": "venue:atlantis"},
    {"from": "stop:mrt-jakarta:SASN", "to": "venue:taman-langsat", "time": "25:99"},
])
async def test_phone_page_errors_are_friendly(client: httpx.AsyncClient,
                                              params: dict[str, str]) -> None:
    page = await client.get("/p", params=params)
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert "Traceback" not in page.text


def test_badge_text_meets_aa_contrast() -> None:
    assert badge("005AA9", "FFFFFF") == {"bg": "#005AA9", "fg": "#FFFFFF"}
    assert badge("FFD500", None)["fg"] == "#000000"
    assert badge("1A1A1A", "222222")["fg"] == "#FFFFFF"  # feed's own text colour fails AA
    assert badge(None, None)["bg"] == "#333333"
    assert round(contrast_ratio("000000", "FFFFFF"), 1) == 21.0


def test_slugs_from_station_names() -> None:
    assert short_station_name("Stasiun MRT Bundaran HI Bank Jakarta") == "Bundaran HI"
    assert short_station_name("Stasiun MRT Blok M BCA") == "Blok M"
    assert slugify("Bundaran HI") == "bundaran-hi"


def test_a_slug_that_begins_one_station_name_finds_it(bundled_state, monkeypatch) -> None:
    """Sponsors in real station names change ("ASEAN Headquarters", "Lebak Bulus Bank Syariah
    Indonesia"): the short slug still finds the station, unless it begins several."""
    ds = bundled_state.dataset
    places = kiosk_places(ds)
    renamed = [dataclasses.replace(p, slug=p.slug + "-headquarters") if p.slug == "asean" else p
               for p in places]
    monkeypatch.setattr(slugs, "kiosk_places", lambda _ds: renamed)
    found = resolve_station(ds, "asean")
    assert found is not None and found.id == "mrt-jakarta:SASN"
    assert resolve_station(ds, "blok") is None  # Blok A and Blok M
