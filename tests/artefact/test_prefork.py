"""gunicorn with app.prefork (issue 12: N workers share one loaded dataset): the master loads
the state once and forks the workers; a reload (POST /admin/reload in a worker, or SIGHUP to
the master) gives new workers on the new artefact, and a broken feed changes nothing."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import httpx

from app.state import JAKARTA
from tests.artefact.test_artefact import _backwards

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "prefork-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


@contextmanager
def gunicorn(tiny, tmp_path: Path, workers: int = 2) -> Iterator[tuple[subprocess.Popen, str,
                                                                      Path]]:
    """A gunicorn master with ``workers`` workers on the tiny feed; (process, base URL, the
    file its stderr goes to)."""
    sources, venues_file = tiny
    port = _free_port()
    env = {**os.environ, "GTFS_FEEDS": f"f={sources[0].path}", "VENUES_FILE": str(venues_file),
           "ARTEFACT_DIR": str(tmp_path / "art"), "ADMIN_TOKEN": TOKEN, "PROFILES": "false",
           "ARTEFACT_DAYS": "6", "LOG_LEVEL": "INFO", "MENUJU_ROOT": str(ROOT)}
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:app.prefork", "-w", str(workers),
             "-b", f"127.0.0.1:{port}", "app.main:app"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: len(_children(proc.pid)) == workers and _ready(base), proc, log_path)
        yield proc, base, log_path
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _ready(base: str) -> bool:
    try:
        return all(httpx.get(base + "/readyz", timeout=5).status_code == 200 for _ in range(4))
    except httpx.HTTPError:
        return False


def _wait(condition, proc: subprocess.Popen, log_path: Path, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, log_path.read_text()[-3000:]
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout_s} s; log:\n{log_path.read_text()[-3000:]}")


def _serving(base: str) -> set[str]:
    """The artefact ids 8 answers in a row came from (any worker may answer each)."""
    return {httpx.get(base + "/v1/feeds", timeout=10).json()["artefact"]["id"]
            for _ in range(8)}


def _plan(base: str) -> int:
    today = datetime.now(JAKARTA).date().isoformat()
    return httpx.get(f"{base}/v1/plan?from=stop:f:A&to=venue:park&time={today}T07:50",
                     timeout=30).status_code


def test_the_master_loads_once_and_its_workers_serve(tiny, tmp_path: Path) -> None:
    with gunicorn(tiny, tmp_path) as (proc, base, log_path):
        assert _plan(base) == 200
        loads = [line for line in log_path.read_text().splitlines()
                 if '"loaded 1 feeds' in line]
        assert len(loads) == 1, loads   # by the master, not once per worker
        assert f"master {proc.pid} loaded artefact" in log_path.read_text()


def test_a_reload_forks_new_workers_on_the_new_artefact(tiny, tmp_path: Path) -> None:
    _, venues_file = tiny
    with gunicorn(tiny, tmp_path) as (proc, base, log_path):
        (old_id,) = _serving(base)
        old_workers = _children(proc.pid)
        venues = json.loads(venues_file.read_text())
        venues["venues"][0]["name"]["en"] = "Park, renamed"   # new content: a new artefact
        venues_file.write_text(json.dumps(venues))
        answer = httpx.post(base + "/admin/reload?wait=true", timeout=120,
                            headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 200, answer.text
        outcome = answer.json()["reload"]
        assert outcome["status"] == "ok" and outcome["artefact"] != old_id, outcome
        _wait(lambda: _serving(base) == {outcome["artefact"]}, proc, log_path)
        _wait(lambda: len(_children(proc.pid)) == 2, proc, log_path)
        assert not _children(proc.pid) & old_workers   # every worker is a new process
        assert _plan(base) == 200
        feeds = httpx.get(base + "/v1/feeds", timeout=10).json()
        assert feeds["reload"]["status"] == "ok"   # the master's outcome, in the new workers


def test_a_broken_feed_on_sighup_keeps_the_old_dataset(tiny, tmp_path: Path) -> None:
    sources, _ = tiny
    with gunicorn(tiny, tmp_path) as (proc, base, log_path):
        (old_id,) = _serving(base)
        _backwards(sources[0].path)    # a trip's times go backwards: the build refuses it
        os.kill(proc.pid, signal.SIGHUP)
        _wait(lambda: "reload failed" in log_path.read_text(), proc, log_path)
        _wait(lambda: _ready(base), proc, log_path)
        assert _serving(base) == {old_id}
        assert _plan(base) == 200
        assert httpx.get(base + "/v1/feeds", timeout=10).json()["reload"]["status"] == "failed"
