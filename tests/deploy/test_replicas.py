"""Menuju replicas behind nginx survive losing one under load (scripts/replicas.py)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.replicas_support import (
    NGINX_TEMPLATE,
    PLACEHOLDER,
    find_nginx,
    render_nginx_conf,
)
from scripts.wrk_run import WrkError, parse_wrk_output

ROOT = Path(__file__).resolve().parents[2]
NGINX = find_nginx()
needs_nginx = pytest.mark.skipif(
    NGINX is None, reason="nginx not installed: `apt-get install nginx` (scripts/dev.py test "
    "does it when run as root)")


def render(run_dir: Path, upstreams: list[str]) -> str:
    return render_nginx_conf(NGINX_TEMPLATE.read_text(encoding="utf-8"), run_dir=run_dir,
                             listen="127.0.0.1:18080", upstreams=upstreams)


def test_template_renders_every_placeholder(tmp_path: Path) -> None:
    text = render(tmp_path, ["127.0.0.1:9001", "127.0.0.1:9002"])
    assert not PLACEHOLDER.search(text)
    assert "server 127.0.0.1:9002 max_fails=1 fail_timeout=1s;" in text
    assert f"pid {tmp_path}/nginx.pid;" in text
    assert "proxy_next_upstream error timeout http_502 http_503;" in text
    assert (tmp_path / "tmp" / "proxy").is_dir() and (tmp_path / "logs").is_dir()
    with pytest.raises(ValueError, match="upstream"):
        render(tmp_path, [])
    with pytest.raises(ValueError, match="@EXTRA@"):
        render_nginx_conf("@EXTRA@ @LISTEN@", run_dir=tmp_path, listen="x", upstreams=["a"])


@needs_nginx
def test_nginx_accepts_the_rendered_config(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(render(tmp_path, ["127.0.0.1:9001"]), encoding="utf-8")
    done = subprocess.run([str(NGINX), "-t", "-p", str(tmp_path), "-e",
                           str(tmp_path / "logs/error.log"), "-c", str(conf)],
                          capture_output=True, text=True, timeout=20, check=False)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


def test_wrk_output_without_the_figures_line_is_an_error() -> None:
    line = ('WRK_JSON {"requests":10,"duration_us":2000000,"bytes":1,"non2xx":1,'
            '"errors":{"connect":0,"read":2,"write":0,"status":1,"timeout":0},'
            '"latency_us":{"p50":1500,"p90":2000,"p99":3000,"max":4000,"mean":1600.0},'
            '"sent":{"plan":7,"healthz":3},"statuses":{"503":1}}')
    result = parse_wrk_output("Running 2s test\n" + line + "\n")
    assert result.failed == 3 and result.latency_ms["p50"] == 1.5
    assert result.ok_per_s == pytest.approx(4.5)
    with pytest.raises(WrkError, match="no WRK_JSON"):
        parse_wrk_output("Running 2s test\nRequests/sec: 0\n")


@needs_nginx
def test_killing_a_replica_under_load_fails_no_request() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "replicas.py"), "--duration", "20",
         "--kill-at", "2", "--origins", "500", "--json"],
        capture_output=True, text=True, timeout=240, cwd=ROOT, check=False,
        env={k: v for k, v in os.environ.items() if k != "GTFS_FEEDS"})  # bundled feeds
    assert done.stdout.strip(), done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    summary = "\n".join(done.stdout.splitlines()[:-1])
    assert report["failed"] == 0, summary
    assert report["nginx_non2xx"] == 0, summary
    assert report["requests"] > 500, summary
    # the killed replica was retried elsewhere, restarted, and took traffic once ready
    assert len(report["served"]) == 3, summary
    assert report["served_after_ready"] > 0, summary  # under load, not only the probe
    assert report["probe_failed"] == 0 and report["probe_requests"] == 60, summary
    assert report["gzip_passthrough"] and report["request_id_echoed"], summary
    assert report["ok"] and done.returncode == 0, summary
    # every process was ended: the restarted replica's port is closed again
    host, port = report["victim"].rsplit(":", 1)
    with socket.socket() as sock, pytest.raises(OSError):
        sock.settimeout(2)
        sock.connect((host, int(port)))
