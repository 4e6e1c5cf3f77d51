"""Kiosk screens in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Starts uvicorn on a free localhost port, opens two stations at portrait and landscape sizes,
checks what a visitor sees, and saves screenshots to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
WHEN = "2026-12-01T08:00"
SIZES = [(1080, 1920), (1920, 1080)]
STATIONS = ["asean", "blok-m"]
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]

pytestmark = pytest.mark.slow


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = _chromium()
if CHROMIUM is None:
    pytest.skip("Chromium is not installed: run `apt-get install chromium` (Debian/Ubuntu) "
                "to run the kiosk browser test", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="pip install playwright (python package only)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """uvicorn serving the bundled data on 127.0.0.1; yields its base URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("GTFS_FEEDS", "VENUES_FILE")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            raise RuntimeError("uvicorn did not become ready within 120 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if proc.stderr:
            proc.stderr.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("station", STATIONS)
def test_kiosk_screen_in_chromium(server: str, browser, station: str, width: int,
                                  height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    origin = urlsplit(server).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).scheme not in ("data", "blob")
            and urlsplit(r.url).netloc != origin else None)
    try:
        response = page.goto(f"{server}/kiosk/{station}?time={WHEN}", wait_until="load")
        assert response is not None and response.status == 200
        page.wait_for_timeout(300)
        assert page.locator(".dep").count() >= 1
        cards = page.locator("article.venue")
        assert cards.count() == 4
        times = page.locator("article.venue .arrive-time").all_inner_texts()
        assert len(times) == 4 and all(len(t) == 5 and t[2] == ":" for t in times), times
        body_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        if width == 1080:
            assert body_px >= 28
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"kiosk-{station}-{width}x{height}.png"))
        cards.first.click()
        assert page.locator("article.venue.open .steps li").count() >= 1
        page.screenshot(path=str(ARTIFACTS / f"kiosk-{station}-{width}x{height}-open.png"))
        assert errors == []
        assert foreign == []
    finally:
        context.close()
