"""Dates the feeds run on but the served artefact holds no timetable for (issue 12): the
answer names the real cause (the artefact's dates, and ARTEFACT_DAYS), in the library, the
API (problem+json 422) and the CLI asking a server (``route.py --api``); a date outside
every feed still says that the feeds end."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn

from app.main import create_app
from routing.data.artefact import ArtefactTimetables, window_note
from routing.data.dataset import load_dataset
from routing.errors import NoServiceError
from routing.journeys import Query
from routing.plan.planner import plan
from routing.plan.reachability import reachability
from scripts import route
from tests.artefact.test_artefact import _build
from tests.artefact.test_reload import _settings, serving

pytestmark = pytest.mark.anyio


def _window(art_dir: Path) -> tuple[date, date]:
    """(first, last) date of the one artefact under ``art_dir``."""
    from routing.data.artefact import open_artefact

    (folder,) = [p for p in art_dir.iterdir() if not p.name.startswith(".")]
    art = open_artefact(folder)
    return art.first_date, art.last_date


def test_the_library_names_the_artefact_window(tiny, tmp_path: Path) -> None:
    art = _build(tiny, tmp_path / "art")
    sources, venues_file = tiny
    served = dataclasses.replace(load_dataset(sources, venues_file),
                                 timetables=ArtefactTimetables(art))
    later = art.last_date + timedelta(days=30)          # the tiny feed runs to 2030
    assert not served.covers(later)
    note = window_note(served, later)
    assert note == (f"The served dataset holds no timetable for {later}: it holds timetables "
                    f"for {art.first_date} to {art.last_date}; ask within those dates or "
                    "rebuild it with a longer ARTEFACT_DAYS.")
    with pytest.raises(NoServiceError, match="longer ARTEFACT_DAYS") as caught:
        served.timetable(later)
    assert caught.value.parameter == "time"
    earlier = art.first_date - timedelta(days=3)       # rebuilding longer would not help
    assert window_note(served, earlier) is not None
    assert "ARTEFACT_DAYS" not in window_note(served, earlier)
    assert window_note(served, date(2031, 3, 1)) is None   # no feed runs then: not the window
    assert window_note(served, art.last_date) is None
    # the planner and reachability say the same, not "no feed covers"
    with pytest.raises(NoServiceError, match="longer ARTEFACT_DAYS"):
        plan(served, Query("stop:f:A", "venue:park", later, 8 * 3600))
    with pytest.raises(NoServiceError, match="longer ARTEFACT_DAYS"):
        reachability(served, "park", later, 8 * 3600, [30])
    with pytest.raises(NoServiceError, match="no feed covers 2031-03-01"):
        plan(served, Query("stop:f:A", "venue:park", date(2031, 3, 1), 8 * 3600))


async def test_the_api_answers_422_naming_the_artefact_window(tiny, tmp_path: Path) -> None:
    settings = _settings(tiny, tmp_path)
    async with serving(settings) as (_, client):
        first, last = _window(tmp_path / "art")
        inside_feed = last + timedelta(days=20)
        answer = await client.get("/v1/plan", params={
            "from": "stop:f:A", "to": "venue:park", "time": f"{inside_feed}T07:50"})
        assert answer.status_code == 422
        assert answer.headers["content-type"].startswith("application/problem+json")
        problem = answer.json()
        assert f"holds timetables for {first} to {last}" in problem["detail"]
        assert "ARTEFACT_DAYS" in problem["detail"] and "no feed" not in problem["detail"]
        # a date no feed runs on keeps the feeds' message
        answer = await client.get("/v1/plan", params={
            "from": "stop:f:A", "to": "venue:park", "time": "2031-03-01T07:50"})
        assert answer.status_code == 422
        assert "ARTEFACT_DAYS" not in answer.json()["detail"]
        assert "2030-12-31" in answer.json()["detail"]


@contextmanager
def _live_server(settings) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180   # the lifespan builds the tiny artefact first
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(30)


def test_the_cli_asking_a_server_names_the_artefact_window(tiny, tmp_path: Path,
                                                           capsys) -> None:
    settings = _settings(tiny, tmp_path)
    with _live_server(settings) as base:
        first, last = _window(tmp_path / "art")
        assert httpx.get(f"{base}/readyz").status_code == 200
        day = last + timedelta(days=20)
        code = route.main(["--api", base, "--from", "stop:f:A", "--to", "venue:park",
                           "--at", f"{day}T07:50"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"holds timetables for {first} to {last}" in err and "ARTEFACT_DAYS" in err
