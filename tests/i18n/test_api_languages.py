"""`lang` everywhere: the 12 codes, Accept-Language as fallback, a 400 listing the codes
for an unknown one; Thai instructions and notes on /v1/plan; venue names per language."""

from __future__ import annotations

import httpx
import pytest

from routing.i18n import LANGS
from tests.api.conftest import DAY, assert_problem

pytestmark = pytest.mark.anyio
PLAN = {"from": "stop:mrt-jakarta:SLBB", "to": "venue:asean-secretariat",
        "time": f"{DAY}T08:00", "num_itineraries": 1}
THAI = range(0x0E00, 0x0E80)


def _has_script(text: str, block: range) -> bool:
    return any(ord(ch) in block for ch in text)


async def test_plan_in_thai_has_thai_instructions_and_notes(api: httpx.AsyncClient) -> None:
    body = (await api.get("/v1/plan", params={**PLAN, "lang": "th"})).json()
    legs = body["itineraries"][0]["legs"]
    assert all(_has_script(leg["instruction"], THAI) for leg in legs), legs
    assert body["notes"] and all(_has_script(note, THAI) for note in body["notes"])
    assert body["to"]["name"] == "สำนักเลขาธิการอาเซียน"
    ride = next(leg for leg in legs if leg["mode"] != "WALK")
    assert "Lebak Bulus" in ride["instruction"]  # place names stay as the feeds write them


@pytest.mark.parametrize("lang", LANGS)
async def test_every_language_is_accepted(api: httpx.AsyncClient, lang: str) -> None:
    body = (await api.get("/v1/plan", params={**PLAN, "lang": lang})).json()
    assert body["itineraries"][0]["legs"][0]["instruction"]
    fare = body["itineraries"][0]["fare"]
    assert fare["text"] and fare["amount"] == 9000


async def test_accept_language_is_the_fallback(api: httpx.AsyncClient) -> None:
    answer = await api.get("/v1/plan", params=PLAN, headers={"Accept-Language": "vi-VN,en"})
    assert answer.json()["to"]["name"] == "Ban Thư ký ASEAN"
    chosen = await api.get("/v1/plan", params={**PLAN, "lang": "en"},
                           headers={"Accept-Language": "vi"})
    assert chosen.json()["to"]["name"] == "ASEAN Secretariat"
    default = await api.get("/v1/plan", params=PLAN, headers={"Accept-Language": "fr"})
    assert default.json()["to"]["name"] == "Sekretariat ASEAN"


@pytest.mark.parametrize("path", ["/v1/plan", "/v1/stops/mrt-jakarta:SASN/departures"])
async def test_unknown_language_is_a_400_listing_the_codes(api: httpx.AsyncClient,
                                                           path: str) -> None:
    body = assert_problem(await api.get(path, params={**PLAN, "lang": "fr"}), 400, "lang")
    assert all(code in body["detail"] for code in LANGS)


async def test_departures_say_every_n_min_in_the_language(api: httpx.AsyncClient) -> None:
    board = (await api.get("/v1/stops/transjakarta:H00265P/departures",
                           params={"time": f"{DAY}T08:00", "lang": "zh"})).json()
    texts = [d["frequency_text"] for d in board["departures"] if d["frequency_text"]]
    assert texts and all(t.startswith("每 ") for t in texts)
    assert {d["mode_name"] for d in board["departures"]} == {"公交"}


async def test_kiosk_and_phone_page_reject_an_unknown_language(api: httpx.AsyncClient) -> None:
    for path in ("/kiosk/asean", "/p?from=stop:mrt-jakarta:SASN&to=venue:taman-langsat"):
        page = await api.get(path, params={"lang": "xx"})
        assert page.status_code == 400 and "tet" in page.text and "<html" in page.text


def test_cli_speaks_the_language() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "route.py"), "--from", "lebak bulus", "--to",
         "asean", "--at", f"{DAY}T08:00", "--num", "1", "--lang", "th"],
        capture_output=True, text=True, timeout=300, cwd=root, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ออกเดินทาง" in out and "เวลา" in out and "IDR\xa09,000" in out
    assert "สำนักเลขาธิการอาเซียน" in out  # the venue in Thai, stations as the feed says
    bad = subprocess.run([sys.executable, str(root / "scripts" / "route.py"), "--lang", "fr"],
                         capture_output=True, text=True, timeout=120, cwd=root, check=False)
    assert bad.returncode == 2 and "tet" in bad.stderr
