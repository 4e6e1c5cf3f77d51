"""wrk plumbing of scripts/bench.py --http and scripts/replicas.py, against a stub server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.bench_queries import BenchQuery
from scripts.bench_wrk import run_wrk_bench, server_pss_mb, worker_rss_mb
from scripts.wrk_run import find_wrk, plan_path, run_wrk, write_paths

WRK = find_wrk()
needs_wrk = pytest.mark.skipif(WRK is None, reason="wrk not installed: `apt-get install wrk` "
                               "(scripts/dev.py test does it when run as root)")


class Stub(BaseHTTPRequestHandler):
    """200 with a small JSON body, 503 for paths containing "fail"."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b'{"status": "ok"}'
        self.send_response(503 if "fail" in self.path else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


@pytest.fixture
def stub_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@needs_wrk
def test_the_mix_counts_kinds_and_non_2xx(stub_url: str, tmp_path: Path) -> None:
    paths = tmp_path / "paths.txt"
    counts = write_paths(paths, [("ok", "/healthz"), ("ok", "/v1/stops"),
                                 ("bad", "/fail/x?y=1")])
    assert counts == {"ok": 2, "bad": 1}
    result = run_wrk(stub_url, paths, {"ok": 3, "bad": 1}, duration_s=1, connections=2,
                     threads=1, wrk=WRK)
    assert result.requests > 20
    assert set(result.sent) == {"ok", "bad"} and result.sent["ok"] > result.sent["bad"] > 0
    assert result.non2xx == result.statuses["503"] > 0
    assert result.failed >= result.non2xx
    clean = run_wrk(stub_url, paths, {"ok": 1}, duration_s=1, connections=2, threads=1,
                    wrk=WRK)
    assert clean.failed == 0 and clean.sent.keys() == {"ok"}


@needs_wrk
def test_bench_figures_from_wrk(stub_url: str) -> None:
    when = datetime(2026, 12, 1, 8, 0)
    queries = [BenchQuery(f"-6.2{i:03d},106.8", "venue:asean-secretariat", when)
               for i in range(50)]
    assert WRK is not None
    run = run_wrk_bench(stub_url, queries, num=3, sequential_s=1, duration_s=1,
                        concurrency=4, wrk=WRK)
    figures = run.figures
    assert figures["plan_origins"] == 50
    assert figures["wrk_errors"] == 0 and figures["load_errors"] == 0
    assert figures["plans_per_s"] > 0
    assert 0 < figures["http_healthz_p50_ms"] and 0 < figures["http_plan_p50_ms"]
    assert len(run.lines) == 3


def test_plan_paths_are_encoded_and_bad_entries_refused(tmp_path: Path) -> None:
    path = plan_path("stop:mrt:SLBB", "venue:asean-secretariat", "2026-12-01T08:00", 3)
    assert path == ("/v1/plan?from=stop%3Amrt%3ASLBB&to=venue%3Aasean-secretariat"
                    "&num_itineraries=3&time=2026-12-01T08%3A00")
    for kind, bad in (("plan", "v1/plan"), ("plan", "/a b"), ("pl an", "/x")):
        with pytest.raises(ValueError):
            write_paths(tmp_path / "p.txt", [(kind, bad)])


def test_worker_rss_of_a_local_server(stub_url: str) -> None:
    rss = worker_rss_mb(stub_url)  # this test process holds the listening socket
    assert rss is not None and len(rss) == 1 and rss[0] > 10
    assert worker_rss_mb("http://example.com:80") is None
    pss = server_pss_mb(stub_url)   # PSS <= RSS: shared pages are divided among mappers
    assert pss is not None and 10 < pss <= rss[0] + 1
    assert server_pss_mb("http://example.com:80") is None
