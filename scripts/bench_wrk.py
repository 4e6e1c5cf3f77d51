"""``scripts/bench.py --http`` with wrk as the load generator, and the server's RSS per worker.

wrk (Debian package ``wrk``) runs in C on its own threads, so the timings are the server's,
not a Python client's competing for the same two cores. Three runs, all through
``scripts/wrk/mix.lua`` on one paths file of venue plans from many distinct origins:
``/healthz`` on one connection, venue plans on one connection (both sequential, p50 from
wrk's latency histogram), then venue plans on ``concurrency`` connections (plans/s).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scripts.bench_load import _listening_inodes
from scripts.bench_queries import BenchQuery
from scripts.wrk_run import WrkResult, plan_path, run_wrk, write_paths

__all__ = ["WrkFigures", "distinct_origins", "run_wrk_bench", "worker_rss_mb"]


@dataclass
class WrkFigures:
    """What the wrk runs measured: JSON-line figures and report lines."""

    figures: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


def distinct_origins(queries: list[BenchQuery]) -> int:
    """How many different ``from`` places the queries have."""
    return len({q.origin for q in queries})


def run_wrk_bench(base_url: str, venue_queries: list[BenchQuery], *, num: int,
                  sequential_s: float, duration_s: float, concurrency: int,
                  wrk: str) -> WrkFigures:
    """Sequential healthz and venue-plan p50 (1 connection each, ``sequential_s``), then
    ``concurrency`` connections of venue plans for ``duration_s`` (skipped when 0).

    Figures: ``http_plan_p50_ms``, ``http_healthz_p50_ms``, ``plans_per_s``, ``load_errors``
    (non-2xx + socket errors of the load run), ``wrk_errors`` (of all three runs),
    ``load_plan_p50_ms``/``load_plan_p99_ms`` and ``plan_origins``."""
    out = WrkFigures()
    with tempfile.TemporaryDirectory(prefix="menuju-wrk-") as tmp:
        paths = Path(tmp) / "paths.txt"
        write_paths(paths, [("healthz", "/healthz")] + [
            ("plan", plan_path(q.origin, q.destination, q.when.isoformat(timespec="seconds"),
                               num)) for q in venue_queries])
        healthz = run_wrk(base_url, paths, {"healthz": 1}, duration_s=sequential_s,
                          connections=1, threads=1, wrk=wrk)
        plans = run_wrk(base_url, paths, {"plan": 1}, duration_s=sequential_s,
                        connections=1, threads=1, wrk=wrk)
        runs: list[tuple[str, WrkResult]] = [("healthz x1", healthz), ("plan x1", plans)]
        load = None
        if duration_s > 0:
            load = run_wrk(base_url, paths, {"plan": 1}, duration_s=duration_s,
                           connections=concurrency, threads=2, wrk=wrk)
            runs.append((f"plan x{concurrency}", load))
    out.figures.update(
        http_healthz_p50_ms=healthz.latency_ms["p50"], http_plan_p50_ms=plans.latency_ms["p50"],
        plans_per_s=None if load is None else round(load.ok_per_s, 1),
        load_errors=None if load is None else load.failed,
        load_plan_p50_ms=None if load is None else load.latency_ms["p50"],
        load_plan_p99_ms=None if load is None else load.latency_ms["p99"],
        wrk_errors=sum(r.failed for _, r in runs), plan_origins=distinct_origins(venue_queries))
    for label, r in runs:
        out.lines.append(
            f"wrk {label:<10} {r.requests:>7} requests in {r.duration_s:.1f} s "
            f"({r.requests / max(r.duration_s, 1e-9):.0f}/s), p50 {r.latency_ms['p50']} ms, "
            f"p99 {r.latency_ms['p99']} ms, failed {r.failed}"
            + (f" {r.statuses} {r.socket_errors}" if r.failed else ""))
    return out


def worker_rss_mb(base_url: str) -> list[float] | None:
    """Current RSS (MB) of each server worker: the processes holding the listening socket of
    ``base_url``'s port, less a supervisor whose children also hold it (uvicorn --workers,
    the gunicorn master); sorted. None when the server is not on this machine or /proc does
    not show it. RSS counts pages shared between workers once per worker: see
    :func:`server_pss_mb` for the server's total."""
    holders = _socket_holders(base_url)
    if not holders:
        return None
    parents = {ppid for ppid, _ in holders.values()}
    workers = [rss for pid, (_, rss) in holders.items() if pid not in parents]
    return sorted(round(kb / 1024, 1) for kb in workers) or None


def server_pss_mb(base_url: str) -> float | None:
    """The server's memory (MB): the summed PSS (/proc/<pid>/smaps_rollup, each shared page
    divided among the processes mapping it) of every process holding its listening socket,
    supervisor included. None when not readable here."""
    total_kb = 0
    for pid in _socket_holders(base_url) or {}:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            return None
        total_kb += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    return round(total_kb / 1024, 1) if total_kb else None


def _socket_holders(base_url: str) -> dict[int, tuple[int, int]] | None:
    """pid -> (parent pid, RSS kB) of this machine's processes holding ``base_url``'s
    listening socket; None when it is not a local server."""
    parts = urlsplit(base_url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    holders: dict[int, tuple[int, int]] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            links = _fd_links(proc)
            if not any(f"socket:[{inode}]" in links for inode in inodes):
                continue
            status = dict(line.split(":", 1) for line in
                          (proc / "status").read_text().splitlines() if ":" in line)
            holders[int(proc.name)] = (int(status["PPid"]), int(status["VmRSS"].split()[0]))
        except (OSError, KeyError, ValueError):
            continue
    return holders


def _fd_links(proc: Path) -> set[str]:
    """Targets of a process's open fds (an fd closed while listing is skipped)."""
    links: set[str] = set()
    for fd in (proc / "fd").iterdir():
        try:
            links.add(fd.readlink().as_posix())
        except OSError:
            continue
    return links
