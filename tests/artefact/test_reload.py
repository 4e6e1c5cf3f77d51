"""Hot reload (issue 12, item 4): POST /admin/reload and SIGHUP build a new artefact in a
child process, check it and swap it in; a broken feed never replaces the serving one, and
requests keep being answered during a reload. Start-up with a damaged artefact rebuilds it."""

from __future__ import annotations

import asyncio
import os
import signal
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.state import JAKARTA
from tests.artefact.test_artefact import EVIL, _backwards, _truncate_stop_times

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]
TOKEN = "s3cret-token"


def _settings(tiny, tmp_path: Path, *, token: str = TOKEN, feed: Path | None = None
              ) -> Settings:
    sources, venues_file = tiny
    return Settings(root_dir=ROOT, gtfs_feeds=f"f={feed or sources[0].path}",
                    venues_file=venues_file, artefact_dir=tmp_path / "art", admin_token=token,
                    profiles=False, artefact_days=6)


@asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://menuju.test") as c:
            yield app, c


def _plan_url() -> str:
    today = datetime.now(JAKARTA).date().isoformat()
    return f"/v1/plan?from=stop:f:A&to=venue:park&time={today}T07:50"


async def _reload_under_load(client: httpx.AsyncClient) -> tuple[dict, list[int]]:
    """POST /admin/reload?wait=true while 4 clients keep planning; (outcome, statuses)."""
    statuses: list[int] = []
    done = asyncio.Event()

    async def load() -> None:
        while not done.is_set():
            statuses.append((await client.get(_plan_url())).status_code)
            await asyncio.sleep(0.01)

    clients = [asyncio.create_task(load()) for _ in range(4)]
    answer = await client.post("/admin/reload?wait=true",
                               headers={"Authorization": f"Bearer {TOKEN}"})
    done.set()
    await asyncio.gather(*clients)
    assert answer.status_code == 200, answer.text
    return answer.json()["reload"], statuses


async def test_admin_reload_is_404_without_a_token_and_401_with_a_wrong_one(
        tiny, tmp_path: Path) -> None:
    async with serving(_settings(tiny, tmp_path, token="")) as (_, client):
        assert (await client.post("/admin/reload")).status_code == 404
        assert (await client.post("/admin/reload", headers={
            "Authorization": "Bearer anything"})).status_code == 404
    async with serving(_settings(tiny, tmp_path)) as (_, client):
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                        {"Authorization": f"Basic {TOKEN}"}):
            answer = await client.post("/admin/reload", headers=headers)
            assert answer.status_code == 401, headers
            assert answer.headers["www-authenticate"] == "Bearer"
            assert TOKEN not in answer.text


@pytest.mark.parametrize("damage", ["truncated", "backwards", "bad zip"])
async def test_a_broken_feed_never_replaces_the_serving_artefact(
        tiny, tmp_path: Path, damage: str) -> None:
    sources, _ = tiny
    folder = sources[0].path
    feed = folder
    if damage == "bad zip":
        feed = tmp_path / "f.zip"
        with zipfile.ZipFile(feed, "w") as zf:
            for member in folder.glob("*.txt"):
                zf.write(member, member.name)
    async with serving(_settings(tiny, tmp_path, feed=feed)) as (app, client):
        serving_id = app.state.menuju.artefact.id
        if damage == "truncated":
            _truncate_stop_times(folder)
        elif damage == "backwards":
            _backwards(folder)
        else:
            feed.write_bytes(feed.read_bytes()[: feed.stat().st_size // 2])
        outcome, statuses = await _reload_under_load(client)
        assert outcome["status"] == "failed" and "\n" not in outcome["detail"]
        assert statuses and set(statuses) == {200}
        assert app.state.menuju.artefact.id == serving_id
        feeds = (await client.get("/v1/feeds")).json()
        assert feeds["artefact"]["id"] == serving_id
        assert feeds["reload"]["status"] == "failed"
        assert (await client.get(_plan_url())).status_code == 200


async def test_a_good_feed_is_swapped_in_and_two_artefacts_stay(tiny, tmp_path: Path) -> None:
    folder = tiny[0][0].path
    async with serving(_settings(tiny, tmp_path)) as (app, client):
        ids = [app.state.menuju.artefact.id]
        for minute in (1, 2):
            stop_times = folder / "stop_times.txt"
            stop_times.write_text(stop_times.read_text().replace(
                f"08:1{minute - 1}:00,08:1{minute - 1}:00,B", f"08:1{minute}:00,08:1{minute}:00,B"))
            outcome, statuses = await _reload_under_load(client)
            assert outcome["status"] == "ok", outcome
            assert set(statuses) == {200}
            ids.append(app.state.menuju.artefact.id)
        assert len(set(ids)) == 3
        feeds = (await client.get("/v1/feeds")).json()
        assert feeds["artefact"]["id"] == ids[-1] and feeds["reload"]["status"] == "ok"
        on_disk = {p.name for p in (tmp_path / "art").iterdir()
                   if p.is_dir() and not p.name.startswith(".")}
        assert on_disk == set(ids[1:])
        unchanged, _ = await _reload_under_load(client)
        assert unchanged["status"] == "unchanged"


async def test_sighup_reloads(tiny, tmp_path: Path) -> None:
    if not hasattr(signal, "SIGHUP"):
        pytest.skip("no SIGHUP on this platform")
    async with serving(_settings(tiny, tmp_path)) as (app, client):
        assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, None)
        os.kill(os.getpid(), signal.SIGHUP)
        for _ in range(100):
            await asyncio.sleep(0.05)
            if app.state.reloader.outcome is not None:
                break
        outcome = await asyncio.to_thread(app.state.reloader.wait, 120)
        assert outcome is not None and outcome["reason"] == "SIGHUP"
        assert outcome["status"] == "unchanged"
        assert (await client.get(_plan_url())).status_code == 200


async def test_start_up_rebuilds_a_damaged_artefact(tiny, tmp_path: Path) -> None:
    settings = _settings(tiny, tmp_path)
    async with serving(settings) as (app, _):
        art = app.state.menuju.artefact
    marker = tmp_path / "pwned"
    payload = EVIL.replace(b"{marker}", str(marker).encode())
    for npy in art.root.rglob("*.npy"):   # every array replaced by a same-size pickle
        size = npy.stat().st_size
        npy.write_bytes(payload + b" " * (size - len(payload)))
    async with serving(settings) as (app, client):
        assert (await client.get(_plan_url())).status_code == 200
        assert app.state.menuju.artefact.files.files   # rebuilt and checked
    assert not marker.exists()


async def test_disk_use_stays_bounded_after_asking_30_dates(tiny, tmp_path: Path) -> None:
    def usage() -> tuple[int, int]:
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        return len(files), sum(p.stat().st_size for p in files)

    async with serving(_settings(tiny, tmp_path)) as (app, client):
        before = usage()
        today = datetime.now(JAKARTA).date()
        statuses = []
        for offset in range(-10, 20):
            day = today.fromordinal(today.toordinal() + offset).isoformat()
            answer = await client.get(f"/v1/plan?from=stop:f:A&to=venue:park&time={day}T07:50")
            statuses.append(answer.status_code)
        assert usage() == before
        assert set(statuses) <= {200, 422} and 422 in statuses and 200 in statuses
        assert app.state.menuju.dataset.timetables_in_memory <= 2 * len(
            app.state.menuju.artefact.manifest["patterns"])
