"""Drive wrk (the Debian package ``wrk``) with ``scripts/wrk/mix.lua`` and read its figures.

The Lua script sends a weighted mix of GET requests drawn from a paths file (one
``kind<TAB>path`` per line) and ends wrk's output with one ``WRK_JSON {...}`` line; this module
writes that file, builds the command line, and parses the line into a :class:`WrkResult`.
Only ever used against services on this machine (callers check the URL).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

__all__ = [
    "MIX_SCRIPT",
    "WrkError",
    "WrkResult",
    "departures_path",
    "find_wrk",
    "parse_wrk_output",
    "plan_path",
    "run_wrk",
    "wrk_command",
    "write_paths",
]

MIX_SCRIPT = Path(__file__).resolve().parent / "wrk" / "mix.lua"
MARKER = "WRK_JSON "


class WrkError(RuntimeError):
    """wrk could not run, or its output has no ``WRK_JSON`` line."""


@dataclass
class WrkResult:
    """What one wrk run counted. Latencies in milliseconds, counts of requests."""

    requests: int                      # completed responses
    duration_s: float
    non2xx: int                        # answers outside 200-299
    socket_errors: dict[str, int]      # connect, read, write, timeout (wrk's counters)
    latency_ms: dict[str, float]       # p50, p90, p99, max, mean
    sent: dict[str, int] = field(default_factory=dict)      # requests sent, by kind
    statuses: dict[str, int] = field(default_factory=dict)  # non-2xx answers, by status

    @property
    def failed(self) -> int:
        """Non-2xx answers plus socket errors (connect, read, write, timeout)."""
        return self.non2xx + sum(self.socket_errors.values())

    @property
    def ok_per_s(self) -> float:
        """2xx answers per second over the run."""
        return (self.requests - self.non2xx) / self.duration_s if self.duration_s else 0.0


def find_wrk() -> str | None:
    """Path of the ``wrk`` executable, or None when it is not installed."""
    return shutil.which("wrk")


def plan_path(origin: str, destination: str, when_iso: str | None, num: int = 3) -> str:
    """``/v1/plan?...`` for the given API place strings and local ISO time (None: now)."""
    params: dict[str, str | int] = {"from": origin, "to": destination, "num_itineraries": num}
    if when_iso is not None:
        params["time"] = when_iso
    return "/v1/plan?" + urlencode(params)


def departures_path(stop_id: str) -> str:
    """``/v1/stops/{id}/departures`` with the id percent-encoded (``:`` kept)."""
    return f"/v1/stops/{quote(stop_id, safe=':')}/departures"


def write_paths(path: Path, entries: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Write ``kind<TAB>path`` lines; returns the number of lines per kind.

    Raises ValueError for a kind that is not a word or a path that does not start with ``/``
    or holds a tab or newline (the Lua reader would skip it silently)."""
    counts: dict[str, int] = {}
    lines: list[str] = []
    for kind, url_path in entries:
        if not kind.replace("_", "").isalnum() or not url_path.startswith("/") or any(
                c in url_path for c in "\t\r\n "):
            raise ValueError(f"bad wrk paths entry {kind!r} {url_path!r}")
        lines.append(f"{kind}\t{url_path}\n")
        counts[kind] = counts.get(kind, 0) + 1
    path.write_text("".join(lines), encoding="utf-8")
    return counts


def wrk_command(wrk: str, url: str, paths_file: Path, mix: Mapping[str, float], *,
                duration_s: float, connections: int, threads: int, timeout_s: float = 10.0
                ) -> list[str]:
    """The wrk command line for a mixed run (``threads`` is capped at ``connections``)."""
    return [wrk, f"-t{max(1, min(threads, connections))}", f"-c{connections}",
            f"-d{max(1, round(duration_s))}s", f"--timeout={max(1, round(timeout_s))}s",
            "--latency", "-s", str(MIX_SCRIPT), url, "--", str(paths_file),
            *(f"{kind}={weight:g}" for kind, weight in mix.items())]


def parse_wrk_output(text: str) -> WrkResult:
    """The figures of the ``WRK_JSON`` line in wrk's standard output; WrkError if absent."""
    for line in reversed(text.splitlines()):
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER):])
            errors = data["errors"]
            return WrkResult(
                requests=int(data["requests"]),
                duration_s=data["duration_us"] / 1e6,
                non2xx=int(data["non2xx"]),
                socket_errors={k: int(errors[k]) for k in ("connect", "read", "write",
                                                            "timeout")},
                latency_ms={k: round(v / 1000, 3) for k, v in data["latency_us"].items()},
                sent={k: int(v) for k, v in data["sent"].items()},
                statuses={k: int(v) for k, v in data["statuses"].items()})
    tail = " | ".join(text.strip().splitlines()[-3:])
    raise WrkError(f"wrk printed no {MARKER.strip()} line (last lines: {tail or 'none'})")


def run_wrk(url: str, paths_file: Path, mix: Mapping[str, float], *, duration_s: float,
            connections: int, threads: int = 2, timeout_s: float = 10.0,
            wrk: str | None = None) -> WrkResult:
    """Run wrk to completion (bounded by ``duration_s`` plus a margin) and parse it."""
    wrk = wrk or find_wrk()
    if wrk is None:
        raise WrkError("wrk is not installed")
    command = wrk_command(wrk, url, paths_file, mix, duration_s=duration_s,
                          connections=connections, threads=threads, timeout_s=timeout_s)
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=duration_s + timeout_s + 30)
    except subprocess.TimeoutExpired as exc:
        raise WrkError(f"wrk did not finish: {' '.join(command)}") from exc
    if done.returncode != 0:
        raise WrkError(f"wrk exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return parse_wrk_output(done.stdout)
