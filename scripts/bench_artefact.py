#!/usr/bin/env python3
"""Figures of the dataset artefact on a running machine (issue 12): start uvicorn on an
artefact that is already built and report the time until ``/readyz`` answers, the memory of
1 and of N workers (RSS and PSS from /proc/<pid>/smaps_rollup: PSS counts each shared mmap
page once over the processes sharing it), 16 concurrent plans for 16 different dates (p95),
and a reload under a concurrent load (seconds, failed requests).

    GTFS_FEEDS=tj=/feeds/tj.zip,mrt=/feeds/mrt.zip ARTEFACT_DIR=/tmp/art \\
        python3 scripts/bench_artefact.py --workers 4 --reload

Build the artefact first (``python3 scripts/build.py``); the service must find it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

ROOT = Path(__file__).resolve().parents[1]
JAKARTA = ZoneInfo("Asia/Jakarta")


def mrt_feed_id() -> str:
    """The id ``GTFS_FEEDS`` gives the MRT Jakarta feed (its path names it), else the bundled
    feed's ``mrt-jakarta``."""
    for entry in os.environ.get("GTFS_FEEDS", "").split(","):
        feed_id, _, path = entry.partition("=")
        if path and "mrt" in Path(path).name.lower():
            return feed_id.strip()
    return "mrt-jakarta"


MRT = mrt_feed_id()
PLAN = f"/v1/plan?from=stop:{MRT}:SLBB&to=venue:asean-secretariat&time={{day}}T08:00"


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(server: str, workers: int, port: int) -> list[str]:
    """The command line of ``server``: ``gunicorn`` (app.prefork: the master loads once and
    forks) or ``uvicorn`` (each worker a fresh interpreter that loads everything itself)."""
    if server == "gunicorn":
        return [sys.executable, "-m", "gunicorn", "-c", "python:app.prefork", "-w",
                str(workers), "-b", f"127.0.0.1:{port}", "app.main:app"]
    return [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port",
            str(port), "--workers", str(workers), "--no-access-log"]


def start(workers: int, env: dict[str, str], server: str = "gunicorn"
          ) -> tuple[subprocess.Popen, str, float]:
    """Start the server; (process, base URL, seconds until /readyz answered 200)."""
    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        server_command(server, workers, port),
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < 600:
        if proc.poll() is not None:
            raise SystemExit(f"uvicorn exited: {proc.stderr.read()[-2000:]}")  # type: ignore[union-attr]
        try:
            if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                if workers == 1 and server == "uvicorn":
                    return proc, base, time.perf_counter() - started
                if _all_workers_ready(proc, workers, base, started):
                    return proc, base, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    stop(proc)
    raise SystemExit("not ready in 600 s (is the artefact built for these feeds and this code?)")


def _all_workers_ready(proc: subprocess.Popen, workers: int, base: str, started: float) -> bool:
    """True once every worker process has loaded (all children past their lifespan)."""
    return len(_children(proc.pid)) >= workers and all(
        httpx.get(base + "/readyz", timeout=2).status_code == 200 for _ in range(workers * 2))


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def memory_mb(pids: list[int]) -> dict[str, float]:
    """Summed memory (MB) of ``pids`` from /proc/<pid>/smaps_rollup: RSS, PSS, and PSS split
    into anonymous (heap: what each process holds) and file-backed pages (mostly the
    memory-mapped artefact, in the page cache, shared and evictable)."""
    fields = {"Rss": "rss_mb", "Pss": "pss_mb", "Pss_Anon": "pss_anon_mb",
              "Pss_File": "pss_file_mb"}
    sums = dict.fromkeys(fields.values(), 0)
    for pid in pids:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in fields:
                sums[fields[name]] += int(value.split()[0])
    return {key: round(kb / 1024, 1) for key, kb in sums.items()}


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group and wait."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


async def dates_at_once(base: str, n: int = 16) -> dict:
    """``n`` concurrent plans for ``n`` different dates: statuses and latency p50/p95 (ms)."""
    today = datetime.now(JAKARTA).date()
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        async def one(day: str) -> tuple[int, float]:
            t0 = time.perf_counter()
            answer = await client.get(PLAN.format(day=day))
            return answer.status_code, (time.perf_counter() - t0) * 1000

        results = await asyncio.gather(*(one((today + timedelta(days=7 + 3 * i)).isoformat())
                                         for i in range(n)))
    ms = sorted(r[1] for r in results)
    return {"statuses": sorted({r[0] for r in results}), "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[max(0, int(len(ms) * 0.95) - 1)], 1), "max_ms": round(ms[-1], 1)}


async def reload_under_load(base: str, token: str, clients: int = 32) -> dict:
    """POST /admin/reload?wait=true while ``clients`` clients plan; seconds and failures."""
    today = datetime.now(JAKARTA).date()
    statuses: list[int] = []
    failures: dict[str, int] = {}
    done = asyncio.Event()
    async with httpx.AsyncClient(base_url=base, timeout=60,
                                 limits=httpx.Limits(max_connections=clients + 4)) as client:
        async def load(i: int) -> None:
            while not done.is_set():
                day = (today + timedelta(days=i % 7)).isoformat()
                try:
                    status = (await client.get(PLAN.format(day=day))).status_code
                    kind = str(status)
                except httpx.HTTPError as exc:
                    status, kind = 0, type(exc).__name__
                statuses.append(status)
                if status != 200:
                    failures[kind] = failures.get(kind, 0) + 1

        tasks = [asyncio.create_task(load(i)) for i in range(clients)]
        await asyncio.sleep(3)
        t0 = time.perf_counter()
        answer = await client.post("/admin/reload", params={"wait": "true"}, timeout=3600,
                                   headers={"Authorization": f"Bearer {token}"})
        seconds = time.perf_counter() - t0
        wanted = (answer.json().get("reload") or {}).get("artefact")
        serving_s = None
        while wanted and time.perf_counter() - t0 < seconds + 60:
            ids = {(await client.get("/v1/feeds")).json()["artefact"]["id"] for _ in range(8)}
            if ids == {wanted}:   # 8 answers in a row (any worker) from the new artefact
                serving_s = round(time.perf_counter() - t0, 1)
                break
            await asyncio.sleep(0.5)
        await asyncio.sleep(3)
        done.set()
        await asyncio.gather(*tasks)
    return {"reload": answer.json().get("reload"), "seconds": round(seconds, 1),
            "all_serving_new_after_s": serving_s,
            "requests": len(statuses), "failed": sum(1 for s in statuses if s != 200),
            "failures": failures}


async def mixed_load(base: str, n: int = 400, clients: int = 8) -> int:
    """``n`` plans (venue plans from stops and coordinates, stop-to-stop and arrive-by plans,
    over 7 dates) from ``clients`` clients, so memory is measured on workers that have
    served a realistic mix; returns how many failed."""
    today = datetime.now(JAKARTA).date()
    stops = [f"{MRT}:{code}" for code in ("SLBB", "SBHI", "SBKM", "SDKA", "SFTM", "SIST")]
    venues = ["asean-secretariat", "taman-ayodya", "taman-langsat"]
    paths = []
    for i in range(n):
        day = (today + timedelta(days=i % 7)).isoformat()
        lat, lon = -6.30 + (i * 37 % 200) / 1000, 106.76 + (i * 53 % 120) / 1000
        origin = f"stop:{stops[i % len(stops)]}" if i % 2 else f"{lat:.4f},{lon:.4f}"
        target = (f"venue:{venues[i % 3]}" if i % 4 else
                  f"stop:{stops[(i + 3) % len(stops)]}")
        paths.append(f"/v1/plan?from={origin}&to={target}&time={day}T{7 + i % 12:02d}:10"
                     + ("&arrive_by=true" if i % 5 == 0 else ""))
    failed = 0
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        queue = list(reversed(paths))

        async def worker() -> None:
            nonlocal failed
            while queue:
                answer = await client.get(queue.pop())
                failed += answer.status_code != 200
        await asyncio.gather(*(worker() for _ in range(clients)))
    return failed


def _serving_figures(workers: int, env: dict[str, str], report: dict, server: str) -> None:
    """Ready time, memory and 16 dates with 1 worker, then with ``workers``; memory (all
    processes: a gunicorn master too) after 400 mixed plans."""
    proc, base, ready_s = start(1, env, server)
    try:
        report["ready_s_1_worker"] = round(ready_s, 2)
        time.sleep(2)
        pids = [proc.pid, *_children(proc.pid)]
        report["memory_1_worker"] = memory_mb(pids)
        report["dates_16_first"] = asyncio.run(dates_at_once(base))
        report["dates_16_again"] = asyncio.run(dates_at_once(base))
        report["failed_of_400_mixed_1_worker"] = asyncio.run(mixed_load(base))
        report["memory_1_worker_after_load"] = memory_mb(pids)
    finally:
        stop(proc)
    proc, base, ready_s = start(workers, env, server)
    try:
        report[f"ready_s_{workers}_workers"] = round(ready_s, 2)
        time.sleep(3)
        pids = [proc.pid, *_children(proc.pid)]
        report[f"memory_{workers}_workers"] = memory_mb(pids)
        asyncio.run(dates_at_once(base))
        report[f"failed_of_400_mixed_{workers}_workers"] = asyncio.run(mixed_load(base))
        report[f"memory_{workers}_workers_after_load"] = memory_mb(pids)
    finally:
        stop(proc)
    report["pss_ratio_after_load"] = round(
        report[f"memory_{workers}_workers_after_load"]["pss_mb"]
        / report["memory_1_worker_after_load"]["pss_mb"], 2)


def main() -> int:
    """Run the measurements and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4,
                        help="workers of the second run (0: skip the ready/memory/dates runs)")
    parser.add_argument("--reload", action="store_true",
                        help="also time a reload onto a new artefact (a changed copy of the "
                        "venues file) under a 32-client load")
    parser.add_argument("--server", choices=("gunicorn", "uvicorn"), default="gunicorn",
                        help="gunicorn -c python:app.prefork (one load, forked workers; "
                        "default) or uvicorn --workers (each worker loads everything)")
    args = parser.parse_args()
    env = {**os.environ, "LOG_LEVEL": "WARNING", "ADMIN_TOKEN": "bench-token"}
    report: dict = {"server": args.server}
    if args.workers:
        _serving_figures(args.workers, env, report, args.server)
    if args.reload:
        with tempfile.TemporaryDirectory() as tmp:
            venues = Path(tmp) / "venues.json"   # same content: the same artefact at start
            venues.write_bytes(Path(env.get("VENUES_FILE") or ROOT / "data/venues.json")
                               .read_bytes())
            proc, base, _ = start(2 if args.server == "gunicorn" else 1,
                                  {**env, "VENUES_FILE": str(venues)}, args.server)
            try:
                with venues.open("a") as handle:   # new content: the reload builds anew
                    handle.write("\n")
                report["reload_32_clients"] = asyncio.run(reload_under_load(base,
                                                                            "bench-token"))
            finally:
                stop(proc)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
