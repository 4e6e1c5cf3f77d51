"""Gaps a new user meets: HEAD on GET routes, /docs offline, ``route.py ... | head -1`` and
``dev.py serve --port N``."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", ["/healthz", "/v1/venues", "/api/v1/health", "/docs",
                                  "/v1/stops?q=blok%20m", "/openapi.json"])
async def test_head_answers_like_get_without_a_body(api, path):
    got = await api.get(path)
    head = await api.head(path)
    assert got.status_code == head.status_code == 200, head.text
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]


async def test_docs_work_offline(api):
    page = await api.get("/docs")
    assert page.status_code == 200
    html = page.text
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html), \
        "the docs page must not load anything from another host"
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        response = await api.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 100, asset
    assert '"validatorUrl": null' in html  # no badge fetched from the online validator
    assert (await api.get("/redoc")).status_code == 404


def test_route_cli_piped_into_head_exits_quietly():
    """Like ``route.py ... | head -1``: the reader stops after one line while the CLI still
    has output; a 4 KiB pipe makes the CLI block, so the reader closes before it finishes."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    cli = subprocess.Popen(
        [sys.executable, "scripts/route.py", "--list-venues", "--json"],  # ~18 kB
        cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE,
        env={**os.environ, "PROFILES": "false"})
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        first = reader.readline()
        assert first.strip() == b"["
        time.sleep(0.5)
    _, stderr = cli.communicate(timeout=300)
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr, stderr.decode()
    assert cli.returncode in (0, 141), (cli.returncode, stderr.decode())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_dev_serve_prints_the_port_it_serves_on():
    """``dev.py serve --port N`` says N and starts uvicorn with N, once (dev.py becomes the
    uvicorn process, so its command line is read from /proc; no data load is waited for)."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "scripts/dev.py", "serve", "--port", str(port)], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "PROFILES": "false"})
    try:
        deadline = time.monotonic() + 240
        line = ""
        assert server.stdout is not None
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if "serving on" in line or not line:
                break
        assert f"serving on http://127.0.0.1:{port} " in line, line
        command: list[str] = []
        while time.monotonic() < deadline and "uvicorn" not in command:
            command = Path(f"/proc/{server.pid}/cmdline").read_text().split("\0")
            time.sleep(0.1)
        assert command.count("--port") == 1, command
        assert command[command.index("--port") + 1] == str(port)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()
