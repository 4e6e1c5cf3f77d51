"""Hot reload: build a new artefact off the serving path, check it, swap it in atomically.

``Reloader.request`` (from ``POST /admin/reload`` or ``SIGHUP``) runs ``scripts/build.py`` in
a child process for the configured feeds (a broken feed fails there, with one line, and never
reaches the service), opens and checks every file of the result, loads a new ``AppState``
from it in a thread, and replaces ``app.state.menuju`` in one assignment: a request holds the
state it started with, so requests in flight finish on the old dataset. The new artefact's id
is written to ``<ARTEFACT_DIR>/current.json``; the other worker processes of the service
follow it within a few seconds (``watch``). At most two artefacts stay on disk.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from app.config import Settings
from app.prefork import master_pid
from app.state import AppState, build_settings, feed_sources, state_from_artefact
from routing.data.artefact import ArtefactError, open_artefact, prune_artefacts
from routing.errors import RoutingError

__all__ = ["CURRENT", "Reloader", "start_reloading"]

log = logging.getLogger("menuju.reload")
BUILD_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build.py"
CURRENT = "current.json"
BUILD_TIMEOUT_S = 3600
WATCH_EVERY_S = 5.0


class Reloader:
    """One reload at a time for one app; ``outcome`` describes the last one."""

    def __init__(self, app: FastAPI, *, in_master: bool = False) -> None:
        self.app = app
        #: True in a gunicorn master about to fork workers (app.prefork): load with no threads
        self.in_master = in_master
        #: the last reload's outcome (a worker forked after a reload starts with the master's)
        self.outcome: dict[str, Any] | None = getattr(app.state, "reload_outcome", None)
        self._running: threading.Thread | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()

    @property
    def settings(self) -> Settings:
        settings: Settings = self.app.state.settings
        return settings

    def request(self, reason: str) -> bool:
        """Start a reload in a background thread unless one is running; True if started."""
        with self._lock:
            # a run that has set _done is over (its thread may still be returning)
            if (self._running is not None and self._running.is_alive()
                    and not self._done.is_set()):
                return False
            self._done.clear()
            self.outcome = {"status": "running", "reason": reason,
                            "started_at": _now(), "finished_at": None}
            self._running = threading.Thread(target=self._run, args=(reason,),
                                             name="menuju-reload", daemon=True)
            self._running.start()
        log.warning("reload started (%s)", reason, extra={"fields": {"reason": reason}})
        return True

    def run_now(self, reason: str) -> dict[str, Any] | None:
        """Reload in this thread (the gunicorn master's SIGHUP); returns the outcome."""
        self._done.clear()
        self._run(reason)
        return self.outcome

    def wait(self, timeout_s: float) -> dict[str, Any] | None:
        """Wait up to ``timeout_s`` for the running reload; returns the outcome."""
        self._done.wait(timeout_s)
        return self.outcome

    def _run(self, reason: str) -> None:
        started = time.perf_counter()
        old: AppState | None = getattr(self.app.state, "menuju", None)
        outcome: dict[str, Any] = {"status": "failed", "reason": reason,
                                   "started_at": (self.outcome or {}).get("started_at")}
        try:
            path = self._handed_over(old) or self._build(old)
            artefact = open_artefact(path)
            if old is not None and old.artefact is not None and old.artefact.id == artefact.id:
                outcome.update(status="unchanged", artefact=artefact.id)
            elif (master := master_pid(self.app)) is not None:
                # a prefork worker: the master loads it once and forks new workers on it
                artefact.files.verify_all()
                _write_current(self.settings.artefact_dir, artefact.id)
                os.kill(master, signal.SIGHUP)
                outcome.update(status="ok", artefact=artefact.id,
                               detail="checked; the workers restart on it")
            else:
                artefact.files.verify_all()
                new = state_from_artefact(self.settings, artefact,
                                          threads=not self.in_master)
                self.app.state.menuju = new          # the swap: one assignment
                _write_current(self.settings.artefact_dir, artefact.id)
                keep = {artefact.id} | ({old.artefact.id} if old and old.artefact else set())
                deleted = prune_artefacts(self.settings.artefact_dir, keep)
                outcome.update(status="ok", artefact=artefact.id, deleted=deleted)
        except (RoutingError, OSError, ValueError) as exc:
            outcome["detail"] = _one_line(str(exc))
        except Exception as exc:  # noqa: BLE001 - a reload must never take the service down
            log.exception("reload failed unexpectedly")
            outcome["detail"] = _one_line(f"{type(exc).__name__}: {exc}")
        outcome.update(finished_at=_now(), seconds=round(time.perf_counter() - started, 1))
        self.outcome = outcome
        level = logging.INFO if outcome["status"] != "failed" else logging.WARNING
        log.log(level, "reload %s: %s", outcome["status"],
                outcome.get("detail") or outcome.get("artefact"), extra={"fields": outcome})
        self._done.set()

    def _handed_over(self, old: AppState | None) -> Path | None:
        """In a gunicorn master: the artefact a worker has just built and checked (named by
        ``current.json``, other than the one served), so it is not built again; else None."""
        if not self.in_master:
            return None
        try:
            wanted = json.loads((self.settings.artefact_dir / CURRENT).read_text())["id"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        path = self.settings.artefact_dir / str(wanted)
        serving = old.artefact.id if old is not None and old.artefact is not None else None
        return path if wanted != serving and path.is_dir() else None

    def _build(self, old: AppState | None) -> Path:
        """Run scripts/build.py in a child process; the new artefact's folder."""
        settings = self.settings
        build = build_settings(settings)
        spec = ",".join(f"{s.feed_id}={s.path}" for s in feed_sources(settings))
        command = [sys.executable, str(BUILD_SCRIPT), "--json", "--feeds", spec,
                   "--venues", str(settings.venues_file),
                   "--artefact-dir", str(settings.artefact_dir),
                   "--days", str(build.days), "--profile-days", str(build.profile_days)]
        if old is not None and old.artefact is not None:
            command += ["--keep", old.artefact.id]
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                timeout=BUILD_TIMEOUT_S, cwd=settings.root_dir,
                                env={**os.environ, "PYTHONPATH": str(BUILD_SCRIPT.parents[1])})
        if result.returncode != 0:
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            raise ArtefactError(lines[-1] if lines else f"build exited {result.returncode}")
        return Path(json.loads(result.stdout.strip().splitlines()[-1])["path"])

    async def watch(self) -> None:
        """Follow ``current.json`` (written by a reload in any worker process): when it names
        another artefact than the one served, load and swap it. Runs until cancelled."""
        if master_pid(self.app) is not None:
            return   # a prefork worker: the master forks new workers after a reload
        path = self.settings.artefact_dir / CURRENT
        seen = _mtime(path)
        while True:
            await asyncio.sleep(WATCH_EVERY_S)
            mtime = _mtime(path)
            if mtime == seen:
                continue
            seen = mtime
            await asyncio.to_thread(self._follow, path)

    def _follow(self, path: Path) -> None:
        try:
            wanted = json.loads(path.read_text())["id"]
            state: AppState | None = self.app.state.menuju
            if state is None or (state.artefact is not None and state.artefact.id == wanted):
                return
            if self._running is not None and self._running.is_alive():
                return
            artefact = open_artefact(self.settings.artefact_dir / wanted)
            artefact.files.verify_all()
            self.app.state.menuju = state_from_artefact(self.settings, artefact)
            self.outcome = {"status": "ok", "reason": "another worker reloaded",
                            "artefact": wanted, "finished_at": _now()}
            log.info("now serving artefact %s (reloaded by another worker)", wanted)
        except (RoutingError, OSError, ValueError, KeyError) as exc:
            log.warning("cannot follow %s: %s", path, _one_line(str(exc)))


def _write_current(artefact_dir: Path, artefact_id: str) -> None:
    tmp = artefact_dir / f".{CURRENT}.{os.getpid()}"
    tmp.write_text(json.dumps({"id": artefact_id, "at": _now()}))
    os.replace(tmp, artefact_dir / CURRENT)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 300 else line[:297] + "..."


def start_reloading(app: FastAPI) -> Callable[[], None]:
    """Give ``app`` its reloader, reload on SIGHUP (where the platform has it) and follow the
    reloads of other workers; returns the function that stops all that (at shutdown)."""
    reloader = app.state.reloader = Reloader(app)
    loop = asyncio.get_running_loop()
    watcher = loop.create_task(reloader.watch(), name="menuju-artefact-watch")
    hup = getattr(signal, "SIGHUP", None)
    handled = False
    if hup is not None:
        try:
            loop.add_signal_handler(hup, reloader.request, "SIGHUP")
            handled = True
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            handled = False

    def stop() -> None:
        watcher.cancel()
        if handled and hup is not None:
            loop.remove_signal_handler(hup)

    return stop
