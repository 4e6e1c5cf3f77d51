"""scripts/bench.py runs end to end on the bundled feeds; its helpers refuse what they must."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from routing.geo import haversine_m
from scripts.bench_load import check_local_url
from scripts.bench_queries import QueryFileError, jitter, read_queries

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = (f"mrt-jakarta={ROOT / 'data/gtfs/mrt-jakarta'},"
           f"transjakarta={ROOT / 'data/gtfs/transjakarta'}")
KEYS = {"queries", "answered", "venue_p50_ms", "venue_p95_ms", "general_p50_ms",
        "general_p95_ms", "compile_s", "profiles_s", "peak_rss_mb"}


def run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, check=False)


def test_library_run_ends_with_the_figures_line() -> None:
    done = run_bench("--feeds", BUNDLED, "--queries", "10", "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert KEYS <= figures.keys()
    assert figures["queries"] == 10
    assert 0 < figures["answered"] <= 10
    assert figures["raised"] == 0
    assert figures["compile_s"] > 0 and figures["peak_rss_mb"] > 0
    assert figures["venue_p50_ms"] <= figures["venue_p95_ms"]
    assert any(line.strip().startswith("answered") for line in done.stdout.splitlines())


def test_queries_file_is_read_and_timed(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        "# two queries\n"
        '{"from": "stop:mrt-jakarta:SLBB", "to": "venue:asean-secretariat", '
        '"time": "2026-03-03T08:00:00"}\n'
        '{"from": "-6.2001,106.8230", "to": "-6.2445,106.7981", '
        '"time": "2026-03-03T09:30:00+07:00"}\n', encoding="utf-8")
    done = run_bench("--feeds", BUNDLED, "--queries-file", str(path), "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["queries"] == 2 and figures["answered"] == 2
    assert figures["venue_n"] == 1 and figures["general_n"] == 1


def test_remote_hosts_are_refused() -> None:
    assert check_local_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert check_local_url("http://localhost:9") == "http://localhost:9"
    for url in ("http://example.com", "http://10.0.0.1:8000", "ftp://127.0.0.1", "localhost"):
        with pytest.raises(ValueError):
            check_local_url(url)
    done = run_bench("--http", "http://example.com:8000")
    assert done.returncode == 2
    assert "refusing" in done.stderr and "Traceback" not in done.stderr


def test_bad_query_lines_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"from": "stop:x:A", "to": "venue:v", "time": "2026-03-03T08:00"}\n'
                    '{"from": "stop:x:A", "time": "2026-03-03T08:00"}\n', encoding="utf-8")
    with pytest.raises(QueryFileError, match=r"q\.jsonl:2"):
        read_queries(path)
    path.write_text('{"from": "stop:x:A", "to": "venue:v", "time": "2026-03-03T01:00:00Z"}\n',
                    encoding="utf-8")
    assert read_queries(path)[0].time_s == 8 * 3600  # converted to Jakarta time


def test_jittered_points_stay_within_the_radius() -> None:
    rng = random.Random(5)
    distances = [haversine_m(-6.2, 106.8, *jitter(rng, -6.2, 106.8)) for _ in range(500)]
    assert max(distances) <= 500.5
    assert min(distances) < 100 < 400 < max(distances)


def test_the_cache_options_are_gone() -> None:
    """The pickle timetable cache is gone (the artefact replaced it): its options are refused
    instead of silently doing nothing."""
    for option in ("--cache-dir=/tmp/x", "--warm"):
        done = run_bench("--feeds", BUNDLED, "--queries", "1", option)
        assert done.returncode == 2, option
        assert "unrecognized arguments" in done.stderr and "Traceback" not in done.stderr
