"""HTTP side of the benchmark: sequential probe/plan timings and a bounded async load run.

Only ever talks to a service on this machine (127.0.0.1, localhost, ::1).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from scripts.bench_queries import BenchQuery

__all__ = [
    "LoadPools",
    "LoadResult",
    "PlanTiming",
    "check_local_url",
    "run_load",
    "server_peak_rss_mb",
    "time_healthz_and_plans",
    "warm_workers",
]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MIX = (("plan", 0.70), ("departures", 0.15), ("stops", 0.15))
TIMEOUT_S = 30.0


def check_local_url(url: str) -> str:
    """The base URL without a trailing slash; ValueError unless it is http(s) on this host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--http {url!r} is not an http:// URL")
    if parts.hostname not in LOCAL_HOSTS:
        raise ValueError(
            f"--http {url!r}: refusing to load-test {parts.hostname!r}; only 127.0.0.1, "
            "localhost or ::1 may be targeted")
    return url.rstrip("/")


def plan_params(query: BenchQuery, num: int) -> dict[str, str | int]:
    """Query parameters of ``GET /v1/plan``."""
    return {"from": query.origin, "to": query.destination,
            "time": query.when.isoformat(timespec="seconds"), "num_itineraries": num}


@dataclass
class PlanTiming:
    """One sequential plan request."""

    query: BenchQuery
    ms: float
    status: int | None          # None when the request raised
    itineraries: int
    error: str | None = None


def warm_workers(base_url: str, warmup: list[BenchQuery], num: int, connections: int = 8
                 ) -> None:
    """Send the warm-up plans over several fresh connections, so that every worker process
    (a keep-alive connection stays with one) has compiled the dates and built its bounds."""
    for _ in range(connections):
        with httpx.Client(base_url=base_url, timeout=TIMEOUT_S) as client:
            for query in warmup:
                _get(client, "/v1/plan", plan_params(query, num))


def time_healthz_and_plans(base_url: str, queries: list[BenchQuery], num: int,
                           warmup: list[BenchQuery]) -> tuple[list[float], list[PlanTiming]]:
    """Alternate ``GET /healthz`` and ``GET /v1/plan`` one at a time on one connection (after
    the untimed ``warmup`` plans); returns healthz latencies (ms) and one timing per plan."""
    healthz_ms: list[float] = []
    plans: list[PlanTiming] = []
    with httpx.Client(base_url=base_url, timeout=TIMEOUT_S) as client:
        for query in warmup:
            _get(client, "/healthz", {})
            _get(client, "/v1/plan", plan_params(query, num))
        for query in queries:
            ms, _status, _body, _error = _get(client, "/healthz", {})
            healthz_ms.append(ms)
            ms, status, body, error = _get(client, "/v1/plan", plan_params(query, num))
            count = len(body.get("itineraries") or []) if isinstance(body, dict) else 0
            plans.append(PlanTiming(query, ms, status, count, error))
    return healthz_ms, plans


def _get(client: httpx.Client, path: str, params: dict
         ) -> tuple[float, int | None, object, str | None]:
    start = time.perf_counter()
    try:
        response = client.get(path, params=params)
    except httpx.HTTPError as exc:
        return (time.perf_counter() - start) * 1000, None, None, f"{type(exc).__name__}: {exc}"
    ms = (time.perf_counter() - start) * 1000
    try:
        body = response.json()
    except ValueError:
        body = None
    error = None if response.is_success else f"HTTP {response.status_code} {path}"
    return ms, response.status_code, body, error


@dataclass
class LoadPools:
    """What the load run draws its requests from."""

    plans: list[BenchQuery]
    stop_ids: list[str]
    search_texts: list[str]


@dataclass
class LoadResult:
    """Counts of one load run."""

    duration_s: float = 0.0
    concurrency: int = 0
    requests: Counter = field(default_factory=Counter)   # by kind
    errors: Counter = field(default_factory=Counter)     # by kind
    latency_ms: dict[str, list[float]] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    @property
    def plans_per_s(self) -> float:
        ok = self.requests["plan"] - self.errors["plan"]
        return ok / self.duration_s if self.duration_s else 0.0

    @property
    def total_errors(self) -> int:
        return sum(self.errors.values())


def run_load(base_url: str, pools: LoadPools, *, duration_s: float, concurrency: int,
             num: int, seed: int) -> LoadResult:
    """``concurrency`` clients sending the mixed requests back to back for ``duration_s``."""
    return asyncio.run(_load(base_url, pools, duration_s, concurrency, num, seed))


async def _load(base_url: str, pools: LoadPools, duration_s: float, concurrency: int,
                num: int, seed: int) -> LoadResult:
    result = LoadResult(concurrency=concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT_S, limits=limits) as client:
        start = time.perf_counter()
        deadline = start + duration_s
        await asyncio.gather(*(
            _worker(client, pools, num, random.Random(seed * 1000 + i), deadline, result)
            for i in range(concurrency)
        ))
        result.duration_s = time.perf_counter() - start
    return result


def _request(pools: LoadPools, num: int, rng: random.Random) -> tuple[str, str, dict]:
    kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
    if kind == "plan" or not (pools.stop_ids and pools.search_texts):
        return "plan", "/v1/plan", plan_params(rng.choice(pools.plans), num)
    if kind == "departures":
        return kind, f"/v1/stops/{rng.choice(pools.stop_ids)}/departures", {}
    return kind, "/v1/stops", {"q": rng.choice(pools.search_texts)}


async def _worker(client: httpx.AsyncClient, pools: LoadPools, num: int, rng: random.Random,
                  deadline: float, result: LoadResult) -> None:
    while time.perf_counter() < deadline:
        kind, path, params = _request(pools, num, rng)
        start = time.perf_counter()
        problem = None
        try:
            response = await client.get(path, params=params)
            if not response.is_success:
                problem = f"HTTP {response.status_code} GET {response.request.url}"
        except httpx.HTTPError as exc:
            problem = f"{type(exc).__name__} GET {path}: {exc}"
        result.latency_ms.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        result.requests[kind] += 1
        if problem is not None:
            result.errors[kind] += 1
            if len(result.error_samples) < 5:
                result.error_samples.append(problem)


def server_peak_rss_mb(base_url: str) -> float | None:
    """Largest peak RSS (VmHWM) among this user's processes holding the service's listening
    socket (the uvicorn workers), read from /proc; None where that is not possible."""
    port = urlsplit(base_url).port or (443 if base_url.startswith("https") else 80)
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    peak_kb = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            links = {p.readlink().as_posix() for p in (proc / "fd").iterdir()}
            if not any(f"socket:[{inode}]" in links for inode in inodes):
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kb = max(peak_kb, int(line.split()[1]))
        except OSError:
            continue
    return round(peak_kb / 1024, 1) if peak_kb else None


def _listening_inodes(port: int) -> set[str]:
    inodes: set[str] = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(cols[9])
    return inodes
