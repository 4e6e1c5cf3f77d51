"""Request counters and timings in the Prometheus text format, for ``GET /metrics``."""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict

__all__ = ["Metrics"]


class Metrics:
    """Per-process counters: requests by route and status, seconds spent by route."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: Counter[tuple[str, int]] = Counter()
        self._seconds: defaultdict[str, float] = defaultdict(float)
        self._started = time.time()

    def observe(self, route: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        with self._lock:
            self._requests[(route, status)] += 1
            self._seconds[route] += seconds

    def render(self, gauges: dict[str, float]) -> str:
        """The exposition text, with ``gauges`` (name -> value) appended."""
        lines = [
            "# HELP menuju_requests_total Requests answered, by route template and status.",
            "# TYPE menuju_requests_total counter",
        ]
        with self._lock:
            requests = sorted(self._requests.items())
            seconds = sorted(self._seconds.items())
        lines += [f'menuju_requests_total{{route="{route}",status="{status}"}} {count}'
                  for (route, status), count in requests]
        lines += ["# HELP menuju_request_seconds_total Seconds spent answering, by route.",
                  "# TYPE menuju_request_seconds_total counter"]
        lines += [f'menuju_request_seconds_total{{route="{route}"}} {total:.6f}'
                  for route, total in seconds]
        lines += ["# HELP menuju_uptime_seconds Seconds since this process started.",
                  "# TYPE menuju_uptime_seconds gauge",
                  f"menuju_uptime_seconds {time.time() - self._started:.1f}"]
        for name, value in sorted(gauges.items()):
            lines += [f"# TYPE {name} gauge", f"{name} {value:g}"]
        return "\n".join(lines) + "\n"
