"""Pieces of ``scripts/replicas.py``: the nginx config, child processes that are always cleaned
up, readiness polling, the request pool for the load, and nginx's JSON access log.

Everything here talks only to 127.0.0.1.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import httpx

from scripts.wrk_run import departures_path, plan_path

__all__ = [
    "NGINX_TEMPLATE",
    "analyse",
    "probe_rotation",
    "Processes",
    "RequestPool",
    "build_request_pool",
    "find_nginx",
    "free_port",
    "read_access_log",
    "render_nginx_conf",
    "wait_http_ok",
]

ROOT = Path(__file__).resolve().parents[1]
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "menuju.conf.template"
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
TEMP_SUBDIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
METRES_PER_DEG = 111_320.0
TUESDAY = 1
JAKARTA = timezone(timedelta(hours=7), "Asia/Jakarta")  # no DST
#: X-Request-ID prefix of the probe's requests, to tell them apart in nginx's log
PROBE_ID_PREFIX = "replicas-probe-"


def find_nginx() -> str | None:
    """The nginx executable (PATH, then /usr/sbin where Debian puts it), or None."""
    found = shutil.which("nginx")
    if found:
        return found
    candidate = Path("/usr/sbin/nginx")
    return str(candidate) if os.access(candidate, os.X_OK) else None


def render_nginx_conf(template: str, *, run_dir: Path, listen: str, upstreams: list[str],
                      worker_processes: int = 1) -> str:
    """The nginx config for ``upstreams`` (``host:port`` each) listening on ``listen``, every
    path under ``run_dir`` (whose ``logs/`` and ``tmp/*`` folders are created here).

    Run as root, nginx's workers would switch to ``nobody`` and lose access to ``run_dir``,
    so then the workers stay as the current user (``user`` line). ValueError for an empty
    upstream list or a placeholder left unfilled."""
    if not upstreams:
        raise ValueError("at least one upstream server is needed")
    (run_dir / "logs").mkdir(parents=True, exist_ok=True)
    for name in TEMP_SUBDIRS:
        (run_dir / "tmp" / name).mkdir(parents=True, exist_ok=True)
    user_line = ""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import grp
        import pwd

        entry = pwd.getpwuid(os.geteuid())
        user_line = f"user {entry.pw_name} {grp.getgrgid(entry.pw_gid).gr_name};"
    servers = "\n".join(f"        server {u} max_fails=1 fail_timeout=1s;" for u in upstreams)
    values = {"@USER_LINE@": user_line, "@WORKER_PROCESSES@": str(worker_processes),
              "@RUN_DIR@": str(run_dir), "@LISTEN@": listen, "@UPSTREAM_SERVERS@": servers}
    text = PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), template)
    left = sorted(set(PLACEHOLDER.findall(text)))
    if left:
        raise ValueError(f"nginx template placeholders without a value: {', '.join(left)}")
    return text


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Processes:
    """Child processes started by this run, each in its own session (process group), so
    that :meth:`stop_all` ends them and their children, and nothing else."""

    def __init__(self) -> None:
        self._procs: dict[str, subprocess.Popen[bytes]] = {}
        self._logs: list[object] = []

    def start(self, name: str, command: list[str], *, log_path: Path,
              env: dict[str, str] | None = None, cwd: Path = ROOT,
              stdout_pipe: bool = False) -> subprocess.Popen[bytes]:
        """Start ``command`` with stderr (and stdout unless piped) appended to ``log_path``."""
        log = open(log_path, "ab")  # noqa: SIM115 - closed in stop_all
        self._logs.append(log)
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE if stdout_pipe else log, stderr=log,
                                start_new_session=True)
        self._procs[name] = proc
        return proc

    def get(self, name: str) -> subprocess.Popen[bytes]:
        """The process last started under ``name`` (KeyError if none)."""
        return self._procs[name]

    def send(self, name: str, sig: signal.Signals) -> None:
        """Send ``sig`` to the process group of ``name`` (ignored once it has exited)."""
        proc = self._procs[name]
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                pass

    def stop(self, name: str, sig: signal.Signals = signal.SIGTERM, grace_s: float = 5.0
             ) -> None:
        """``sig``, then SIGKILL after ``grace_s``; waits until the process is gone."""
        proc = self._procs.get(name)
        if proc is None:
            return
        self.send(name, sig)
        try:
            proc.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            self.send(name, signal.SIGKILL)
            proc.wait(timeout=grace_s)

    def stop_all(self) -> None:
        """Stop every process started here (SIGTERM, nginx SIGQUIT, then SIGKILL)."""
        for name in list(self._procs):
            try:
                self.stop(name, signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
            except (OSError, subprocess.TimeoutExpired):
                pass
        for log in self._logs:
            log.close()  # type: ignore[attr-defined]
        self._logs.clear()


def wait_http_ok(url: str, *, timeout_s: float, proc: subprocess.Popen[bytes] | None = None,
                 interval_s: float = 0.1) -> float:
    """Poll ``url`` until it answers 200; returns the epoch time it did. RuntimeError when
    ``proc`` exits first or ``timeout_s`` passes."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"process for {url} exited with code {proc.returncode}")
            try:
                if client.get(url).status_code == 200:
                    return time.time()
            except httpx.HTTPError:
                pass
            time.sleep(interval_s)
    raise RuntimeError(f"{url} did not answer 200 within {timeout_s:.0f} s")


@dataclass
class RequestPool:
    """The requests of the load: plan paths (distinct origins), departures paths, probes."""

    plans: list[str]
    departures: list[str]
    service_date: date | None
    distinct_origins: int
    venues: int

    def entries(self) -> list[tuple[str, str]]:
        """``(kind, path)`` pairs for :func:`scripts.wrk_run.write_paths`."""
        return ([("plan", p) for p in self.plans] + [("departures", p) for p in self.departures]
                + [("healthz", "/healthz")])


def build_request_pool(base_url: str, *, origins: int, seed: int) -> RequestPool:
    """Venue plans from ``origins`` origins (points up to 500 m from stops found with
    ``/v1/stops?near=`` around every venue, a quarter of them ``stop:`` ids) at 06:00-21:00 of
    today in Jakarta (the day replicas build venue profiles for first) when every feed covers
    it, else the next Tuesday every feed covers, and departures of those stops. RuntimeError
    when the service lists no venue or no stop."""
    rng = random.Random(seed)
    with httpx.Client(base_url=base_url, timeout=10.0) as client:
        venues = client.get("/v1/venues").raise_for_status().json()["venues"]
        feeds = client.get("/v1/feeds").raise_for_status().json()["feeds"]
        stops: dict[str, tuple[float, float]] = {}
        for venue in venues:
            for ring_m in (0.0, 2000.0, 5000.0):
                for k in range(1 if ring_m == 0 else 6):
                    lat, lon = _offset(venue["lat"], venue["lon"], ring_m, k * math.pi / 3)
                    found = client.get("/v1/stops", params={"near": f"{lat:.6f},{lon:.6f}",
                                                            "limit": 50})
                    if found.status_code != 200:
                        continue
                    for stop in found.json()["stops"]:
                        stops[stop["id"]] = (stop["lat"], stop["lon"])
    if not venues or not stops:
        raise RuntimeError(f"{base_url} lists {len(venues)} venues and {len(stops)} stops")
    day = _service_day(feeds)
    stop_ids = sorted(stops)
    plans: list[str] = []
    seen: set[str] = set()
    for i in range(origins):
        stop_id = rng.choice(stop_ids)
        if rng.random() < 0.25:
            origin = f"stop:{stop_id}"
        else:
            lat, lon = _offset(*stops[stop_id], 500.0 * math.sqrt(rng.random()),
                               rng.uniform(0, 2 * math.pi))
            origin = f"{lat:.6f},{lon:.6f}"
        seen.add(origin)
        when = None
        if day is not None:
            moment = datetime.combine(day, datetime.min.time()) + timedelta(
                minutes=rng.randrange(6 * 60, 21 * 60))
            when = moment.isoformat(timespec="minutes")
        plans.append(plan_path(origin, f"venue:{venues[i % len(venues)]['id']}", when))
    departures = [departures_path(s) for s in stop_ids]
    return RequestPool(plans=plans, departures=departures, service_date=day,
                       distinct_origins=len(seen), venues=len(venues))


def _offset(lat: float, lon: float, distance_m: float, bearing: float) -> tuple[float, float]:
    dlat = distance_m * math.cos(bearing) / METRES_PER_DEG
    dlon = distance_m * math.sin(bearing) / (METRES_PER_DEG * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def _service_day(feeds: list[dict]) -> date | None:
    """Today in Jakarta when every feed covers it, else the first Tuesday after today inside
    every feed's validity, else None (plan "now")."""
    try:
        starts = [date.fromisoformat(f["start_date"]) for f in feeds if f.get("start_date")]
        ends = [date.fromisoformat(f["end_date"]) for f in feeds if f.get("end_date")]
    except (TypeError, ValueError):
        return None
    today = datetime.now(JAKARTA).date()
    if all(s <= today for s in starts) and all(today <= e for e in ends):
        return today
    day = today + timedelta(days=1)
    day += timedelta(days=(TUESDAY - day.weekday()) % 7)
    day = max([day, *(s + timedelta(days=(TUESDAY - s.weekday()) % 7) for s in starts)])
    return day if all(day <= e for e in ends) else None


def read_access_log(path: Path) -> list[dict]:
    """nginx's JSON access lines (format ``menuju_json``); unparsable lines are skipped."""
    entries: list[dict] = []
    if not path.exists():
        return entries
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    return entries


@dataclass
class ProbeResult:
    """The sequential requests after the load: failures, and what the first answer showed."""

    failures: list[str]
    gzip_passthrough: bool      # a plan answer arrived gzipped through nginx
    request_id_echoed: bool     # the client's X-Request-ID came back, exactly once


def probe_rotation(base_url: str, pool: RequestPool, count: int = 60) -> ProbeResult:
    """``count`` sequential GETs through nginx (plans and /healthz in turn; the first a plan
    with ``Accept-Encoding: gzip`` and an ``X-Request-ID``); a failure is a non-2xx answer or
    a transport error."""
    failures: list[str] = []
    gzip_ok = id_ok = False
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        for i in range(count):
            path = pool.plans[i % len(pool.plans)] if i % 2 == 0 else "/healthz"
            headers = {"Accept-Encoding": "gzip", "X-Request-ID": f"{PROBE_ID_PREFIX}{i}"}
            try:
                response = client.get(path, headers=headers)
            except httpx.HTTPError as exc:
                failures.append(f"probe {type(exc).__name__} GET {path}")
                continue
            if not response.is_success:
                failures.append(f"probe HTTP {response.status_code} GET {path}")
            elif i == 0:
                gzip_ok = response.headers.get("content-encoding") == "gzip"
                id_ok = response.headers.get_list("x-request-id") == [headers["X-Request-ID"]]
    return ProbeResult(failures, gzip_ok, id_ok)


def analyse(entries: list[dict], *, victim: str, ready_at: float, started: float,
            load_end: float, probe_end: float) -> dict:
    """Counts from nginx's access log: per replica over the load (``started``-``load_end``),
    requests the ``victim`` answered after ``ready_at`` during the load and during the
    probe (its requests carry ``PROBE_ID_PREFIX`` ids), retries, and non-2xx answers over the
    whole run (499, the client closing first, apart: wrk does so for requests in flight when
    its time is up)."""
    served: Counter = Counter()
    plans: Counter = Counter()
    after_ready = probe_total = probe_victim = 0
    first_after: float | None = None
    retried = non2xx = client_closed = 0
    window = [e for e in entries if started <= float(e.get("msec", 0)) <= probe_end + 1]
    for e in window:
        msec = float(e["msec"])
        last = str(e.get("upstream", "")).split(",")[-1].strip()
        answered = str(e.get("upstream_status", "")).split(",")[-1].strip().startswith("2")
        retried += "," in str(e.get("upstream", ""))
        status = int(e.get("status", 0))
        client_closed += status == 499
        non2xx += not 200 <= status <= 299 and status != 499
        if str(e.get("request_id", "")).startswith(PROBE_ID_PREFIX):
            # the probe's own requests (load requests still closing may be logged later)
            probe_total += 1
            probe_victim += answered and last == victim
            continue
        if not answered or msec > load_end + 1:
            continue
        served[last] += 1
        plans[last] += str(e.get("uri", "")).startswith("/v1/plan")
        if last == victim and msec >= ready_at:
            after_ready += 1
            first_after = msec if first_after is None else min(first_after, msec)
    seconds = max(load_end - started, 1e-9)
    return {"nginx_requests": len(window), "nginx_non2xx": non2xx, "retried": retried,
            "client_closed": client_closed, "served": dict(served),
            "plans_per_s_by_replica": {k: round(v / seconds, 1) for k, v in plans.items()},
            "plans_per_s": round(sum(plans.values()) / seconds, 1),
            "served_after_ready": after_ready,
            "first_after_ready_s": None if first_after is None
            else round(first_after - ready_at, 2),
            "probe_requests": probe_total, "probe_served_by_victim": probe_victim}
