#!/usr/bin/env python3
"""Menuju replicas behind nginx, under load, with one replica killed and restarted.

    .venv/bin/python scripts/replicas.py                       # bundled feeds, 30 s
    .venv/bin/python scripts/replicas.py --duration 15 --kill-at 4 --json
    GTFS_FEEDS=tj=...zip,mrt=...zip .venv/bin/python scripts/replicas.py --json

Starts N ``uvicorn app.main:app`` processes on free 127.0.0.1 ports (same feeds, one shared
cache folder for ARTEFACT_DIR: the first replica builds the dataset, the others find it; by
default PROFILES=false, which keeps that build short), then nginx (Debian package
``nginx``, config from deploy/nginx/menuju.conf.template, every path in a temp folder) in
front of them. It waits for each replica's /readyz, runs a bounded load through nginx (wrk
with scripts/wrk/mix.lua when installed: venue plans from many distinct origins, departures
and /healthz; else the Python client of scripts/bench_load.py), SIGKILLs one replica at
``--kill-at`` seconds, restarts it on the same port and polls its /readyz; after the load,
60 sequential requests go through nginx. It passes when no request failed (non-2xx or socket
error) and nginx's access log shows the restarted replica answering after its /readyz said
ready (during the load, or at least in those 60). Prints a short report and, with
``--json``, one JSON line. Every process it started is ended on exit, also on Ctrl-C,
SIGTERM or an error.
Exit codes: 0 passed, 1 a check failed, 2 could not run (no nginx, a replica did not start).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.replicas_support import (  # noqa: E402
    NGINX_TEMPLATE,
    Processes,
    RequestPool,
    analyse,
    build_request_pool,
    find_nginx,
    free_port,
    probe_rotation,
    read_access_log,
    render_nginx_conf,
    wait_http_ok,
)
from scripts.wrk_run import WrkError, find_wrk, parse_wrk_output, write_paths, wrk_command  # noqa: E402,E501

MIX = {"plan": 70, "departures": 20, "healthz": 10}


@dataclass
class LoadOutcome:
    """Client-side counts of the load run, whichever generator ran it."""

    generator: str
    duration_s: float = 0.0
    requests: int = 0
    non2xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.non2xx + sum(self.socket_errors.values())


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=3, help="replicas (3)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (30)")
    parser.add_argument("--kill-at", type=float, default=10.0,
                        help="seconds into the load when one replica is SIGKILLed (10)")
    parser.add_argument("--restart-after", type=float, default=1.0,
                        help="seconds between the kill and the restart (1)")
    parser.add_argument("--connections", type=int, default=32, help="load clients (32)")
    parser.add_argument("--origins", type=int, default=2000,
                        help="venue plans from this many generated origins (2000)")
    parser.add_argument("--load", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator: wrk if installed (auto), or force one")
    parser.add_argument("--cache-dir", type=Path,
                        help="CACHE_DIR shared by the replicas; default a fresh temp folder")
    parser.add_argument("--profiles", action="store_true",
                        help="let replicas build venue profiles (PROFILES=true); the load "
                        "starts once every replica reports them ready in /metrics")
    parser.add_argument("--start-timeout", type=float, default=300.0,
                        help="seconds a replica may take to become ready (300)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (logs)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args(argv)
    if args.replicas < 2 or args.connections < 1 or args.origins < 1:
        parser.error("--replicas must be >= 2, --connections and --origins >= 1")
    if not 0 < args.kill_at < args.duration:
        parser.error("--kill-at must lie inside the load run (0 < kill-at < duration)")
    return args


def replica_env(cache_dir: Path, profiles: bool) -> dict[str, str]:
    """The replicas' environment: ours (GTFS_FEEDS etc.) plus the shared cache (compiled
    timetables, CACHE_DIR; the dataset artefact, ARTEFACT_DIR: whichever the app reads)."""
    return {**os.environ, "CACHE_DIR": str(cache_dir / "menuju"),
            "ARTEFACT_DIR": str(cache_dir / "artefacts"), "LOG_LEVEL": "WARNING",
            "PROFILES": "true" if profiles else "false"}


def start_replica(procs: Processes, run_dir: Path, index: int, port: int,
                  env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log"]
    procs.start(f"replica{index}", command, env=env,
                log_path=run_dir / "logs" / f"replica{index}.log")


def warm(base_url: str, pool: RequestPool, count: int = 8) -> None:
    """A few untimed plans straight to one replica (JIT, per-venue bounds)."""
    import httpx

    with httpx.Client(base_url=base_url, timeout=60.0) as client:
        for path in pool.plans[:count]:
            client.get(path)


def wait_profiles(base_url: str, venues: int, timeout_s: float) -> float | None:
    """Seconds until the replica's ``menuju_venue_profiles_ready`` gauge reaches ``venues``;
    None when its /metrics has no such gauge. RuntimeError after ``timeout_s``."""
    import httpx

    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        text = httpx.get(f"{base_url}/metrics", timeout=10.0).text
        values = [float(line.split()[-1]) for line in text.splitlines()
                  if line.startswith("menuju_venue_profiles_ready ")]
        if not values:
            return None
        if values[0] >= venues:
            return time.monotonic() - start
        time.sleep(1.0)
    raise RuntimeError(f"{base_url}: venue profiles not ready within {timeout_s:.0f} s")


@dataclass
class PythonLoad:
    """The fallback load running in a thread of this process."""

    thread: threading.Thread | None = None
    result: Any = None                     # scripts.bench_load.LoadResult once done
    error: BaseException | None = None


def start_load(procs: Processes, args: argparse.Namespace, run_dir: Path, url: str,
               pool: RequestPool) -> subprocess.Popen[bytes] | PythonLoad:
    """Start the load in the background: wrk as a child process, else the Python client."""
    wrk = find_wrk() if args.load in ("auto", "wrk") else None
    if args.load == "wrk" and wrk is None:
        raise RuntimeError("--load wrk: wrk is not installed (apt-get install wrk)")
    if wrk is not None:
        paths = run_dir / "paths.txt"
        write_paths(paths, pool.entries())
        command = wrk_command(wrk, url, paths, MIX, duration_s=args.duration,
                              connections=args.connections, threads=2, timeout_s=10.0)
        return procs.start("wrk", command, log_path=run_dir / "logs" / "wrk.log",
                           stdout_pipe=True)
    why = "--load python" if args.load == "python" else "wrk not found"
    print(f"note: {why}; the load runs with the Python client (plan, departures, stop "
          "search) on the same cores", flush=True)
    load = PythonLoad()
    load.thread = threading.Thread(target=_python_load, args=(url, pool, args, load),
                                   daemon=True)
    load.thread.start()
    return load


def _python_load(url: str, pool: RequestPool, args: argparse.Namespace,
                 load: PythonLoad) -> None:
    from datetime import datetime
    from urllib.parse import parse_qs, urlsplit

    from scripts.bench_load import LoadPools, run_load
    from scripts.bench_queries import BenchQuery

    plans = []
    for path in pool.plans:
        q = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        when = datetime.fromisoformat(q["time"]) if "time" in q else datetime.now()
        plans.append(BenchQuery(q["from"], q["to"], when))
    stop_ids = [p.split("/")[3] for p in pool.departures]
    try:
        load.result = run_load(url, LoadPools(plans, stop_ids, ["blok", "asean", "bundaran"]),
                                 duration_s=args.duration, concurrency=args.connections,
                                 num=3, seed=args.seed)
    except Exception as exc:  # noqa: BLE001 - reported by the main thread
        load.error = exc


def finish_load(handle: subprocess.Popen[bytes] | PythonLoad, timeout_s: float
                ) -> LoadOutcome:
    """Wait for the load to end and collect its client-side counts."""
    if isinstance(handle, subprocess.Popen):
        out, _ = handle.communicate(timeout=timeout_s)
        result = parse_wrk_output(out.decode("utf-8", "replace"))
        return LoadOutcome("wrk", result.duration_s, result.requests, result.non2xx,
                           result.socket_errors,
                           result.latency_ms, [f"HTTP {s}: {n}" for s, n in
                                               result.statuses.items()])
    if handle.thread is not None:
        handle.thread.join(timeout_s)
    if handle.result is None:
        raise RuntimeError(f"Python load failed: {handle.error or 'it did not finish'}")
    res = handle.result
    return LoadOutcome("python", res.duration_s, sum(res.requests.values()), res.total_errors,
                       {}, {}, list(res.error_samples))


def run(args: argparse.Namespace, procs: Processes, run_dir: Path) -> dict:
    """Start replicas and nginx, load, kill, restart, probe; returns the report's figures.
    RuntimeError (or OSError, WrkError) when something cannot start or run."""
    nginx = find_nginx()
    if nginx is None:
        raise RuntimeError("nginx not found (apt-get install nginx)")
    cache_dir = args.cache_dir or run_dir / "cache"
    env = replica_env(cache_dir, args.profiles)
    ports = [free_port() for _ in range(args.replicas)]
    t0 = time.time()
    start_replica(procs, run_dir, 0, ports[0], env)  # builds the shared dataset
    wait_http_ok(f"http://127.0.0.1:{ports[0]}/readyz", timeout_s=args.start_timeout,
                 proc=procs.get("replica0"))
    for i in range(1, args.replicas):
        start_replica(procs, run_dir, i, ports[i], env)
    for i in range(1, args.replicas):
        wait_http_ok(f"http://127.0.0.1:{ports[i]}/readyz", timeout_s=args.start_timeout,
                     proc=procs.get(f"replica{i}"))
    startup_s = time.time() - t0
    listen = free_port()
    conf = render_nginx_conf(NGINX_TEMPLATE.read_text(encoding="utf-8"), run_dir=run_dir,
                             listen=f"127.0.0.1:{listen}",
                             upstreams=[f"127.0.0.1:{p}" for p in ports])
    (run_dir / "nginx.conf").write_text(conf, encoding="utf-8")
    procs.start("nginx", [nginx, "-p", str(run_dir), "-e", str(run_dir / "logs/error.log"),
                          "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"],
                log_path=run_dir / "logs" / "nginx.out")
    url = f"http://127.0.0.1:{listen}"
    wait_http_ok(f"{url}/nginx-healthz", timeout_s=10, proc=procs.get("nginx"))
    pool = build_request_pool(url, origins=args.origins, seed=args.seed)
    for port in ports:
        warm(f"http://127.0.0.1:{port}", pool)
        if args.profiles:
            wait_profiles(f"http://127.0.0.1:{port}", pool.venues, args.start_timeout)
    victim_index = 1
    victim = f"127.0.0.1:{ports[victim_index]}"
    handle = start_load(procs, args, run_dir, url, pool)
    started = time.time()
    time.sleep(max(0.0, started + args.kill_at - time.time()))
    procs.send(f"replica{victim_index}", signal.SIGKILL)
    killed_at = time.time()
    procs.get(f"replica{victim_index}").wait(timeout=10)
    time.sleep(args.restart_after)
    start_replica(procs, run_dir, victim_index, ports[victim_index], env)
    ready_at = wait_http_ok(f"http://127.0.0.1:{ports[victim_index]}/readyz",
                            timeout_s=args.start_timeout,
                            proc=procs.get(f"replica{victim_index}"), interval_s=0.05)
    load = finish_load(handle, timeout_s=args.duration + 60)
    load_end = started + (load.duration_s or args.duration)
    # after the load: sequential requests through nginx, the restarted replica among them
    probe = probe_rotation(url, pool, count=60)
    probe_end = time.time()
    procs.stop("nginx", signal.SIGQUIT)  # flushes and closes the access log
    figures = analyse(read_access_log(run_dir / "logs" / "access.log"), victim=victim,
                      ready_at=ready_at, started=started, load_end=load_end,
                      probe_end=probe_end)
    back = figures["served_after_ready"] + figures["probe_served_by_victim"]
    ok = (load.failed == 0 and not probe.failures and figures["nginx_non2xx"] == 0
          and back > 0 and probe.gzip_passthrough and probe.request_id_echoed)
    notes = []
    if ready_at >= load_end:
        notes.append(f"the restarted replica was ready {ready_at - killed_at:.1f} s after the "
                     "kill, after the load ended: only the probe shows it in rotation")
    return {"ok": ok, "replicas": args.replicas, "load_generator": load.generator,
            "connections": args.connections, "duration_s": round(load_end - started, 1),
            "startup_s": round(startup_s, 1), "requests": load.requests,
            "requests_per_s": round(load.requests / max(load_end - started, 1e-9), 1),
            "probe_failed": len(probe.failures), "gzip_passthrough": probe.gzip_passthrough,
            "request_id_echoed": probe.request_id_echoed,
            "failed": load.failed, "non2xx": load.non2xx, "socket_errors": load.socket_errors,
            "latency_ms": load.latency_ms,
            "failure_samples": (load.samples + probe.failures)[:6], "notes": notes,
            "distinct_origins": pool.distinct_origins, "victim": victim,
            "kill_at_s": round(killed_at - started, 2),
            "ready_after_kill_s": round(ready_at - killed_at, 2), **figures}


def print_report(r: dict) -> None:
    print(f"Menuju: {r['replicas']} replicas behind nginx, {r['connections']} connections "
          f"({r['load_generator']}), {r['duration_s']} s, venue plans from "
          f"{r['distinct_origins']} origins")
    print(f"  requests {r['requests']} ({r['requests_per_s']}/s), failed {r['failed']} "
          f"(non-2xx {r['non2xx']}, socket {r['socket_errors']}), latency {r['latency_ms']}")
    print(f"  plans/s {r['plans_per_s']} in all; by replica {r['plans_per_s_by_replica']}")
    print(f"  nginx: {r['nginx_requests']} requests, {r['retried']} retried on another "
          f"replica, {r['nginx_non2xx']} non-2xx, {r['client_closed']} closed by the client "
          f"(499); answered by {r['served']}")
    print(f"  {r['victim']} SIGKILLed at {r['kill_at_s']} s, ready again "
          f"{r['ready_after_kill_s']} s later, then answered {r['served_after_ready']} "
          f"requests of the load (first {r['first_after_ready_s']} s after ready) and "
          f"{r['probe_served_by_victim']} of {r['probe_requests']} sequential requests after "
          f"it ({r['probe_failed']} failed)")
    print(f"  through nginx: gzip passed through {r['gzip_passthrough']}, X-Request-ID "
          f"echoed once {r['request_id_echoed']}")
    for sample in r["failure_samples"]:
        print(f"  failure: {sample}")
    for note in r["notes"]:
        print(f"  note: {note}")
    print("  PASS" if r["ok"] else "  FAIL: failed requests, or the replica did not return")


def _raise_exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_exit)
    procs = Processes()
    tmp = tempfile.mkdtemp(prefix="menuju-replicas-")
    run_dir = Path(tmp)
    (run_dir / "logs").mkdir()
    try:
        report = run(args, procs, run_dir)
    except (RuntimeError, WrkError, OSError, ValueError) as exc:
        print(f"replicas: {exc} (logs in {run_dir}/logs)", file=sys.stderr)
        args.keep = True
        return 2
    except KeyboardInterrupt:
        print("replicas: interrupted; every process started here is stopped", file=sys.stderr)
        return 130
    finally:
        procs.stop_all()
        if not args.keep:
            import shutil

            shutil.rmtree(run_dir, ignore_errors=True)
    print_report(report)
    if args.keep:
        print(f"  logs in {run_dir}/logs")
    if args.json:
        print(json.dumps(report, separators=(",", ":")))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
