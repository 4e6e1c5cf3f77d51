"""The real MOTIS client, ``@motis-project/motis-client`` from npm, plans with a running
Menuju: one uvicorn server on the bundled feeds, one node process making every call (plan
from MRT Lebak Bulus, Blok M and Bundaran HI to each venue, stoptimes, trip, geocode).

Skipped, saying why, only where node or npm is missing or the npm registry cannot be
reached; ``scripts/dev.py test`` installs node and npm as root on Debian. The package is
installed once into ``.cache/motis-client`` (kept between runs).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.motis.conftest import MORNING, ORIGINS, VENUES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "@motis-project/motis-client@2"
CLIENT_DIR = ROOT / ".cache" / "motis-client"
ENTRY = CLIENT_DIR / "node_modules" / "@motis-project" / "motis-client" / "dist" / "index.js"
_OFFLINE = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET",
            "ENETUNREACH", "network")

SCRIPT = """
import { client, plan, stoptimes, trip, geocode } from %(entry)s;
client.setConfig({ baseUrl: %(base)s });
const out = { plans: [], errors: [] };
const check = (what, r) => {
  if (r.error || !r.data) { out.errors.push([what, r.response && r.response.status, r.error]); }
  return r.data;
};
for (const from of %(origins)s) {
  for (const venue of %(venues)s) {
    const data = check(`plan ${from} ${venue}`, await plan({ query: {
      fromPlace: from, toPlace: `venue:${venue}`, time: %(time)s, numItineraries: 2 } }));
    out.plans.push({ from, venue, to: data ? data.to : null,
                     itineraries: data ? [...data.itineraries, ...data.direct] : [] });
  }
}
const st = check('stoptimes', await stoptimes({ query: {
  stopId: 'mrt-jakarta:SBKM', time: %(time)s, n: 3 } }));
out.stopTimes = st ? st.stopTimes : [];
if (out.stopTimes.length) {
  out.trip = check('trip', await trip({ query: { tripId: out.stopTimes[0].tripId } }));
}
out.geocode = check('geocode', await geocode({ query: { text: 'taman ayodya' } }));
const bad = await plan({ query: { fromPlace: 'nowhere', toPlace: 'venue:taman-ayodya' } });
out.badStatus = bad.response.status;
out.badError = bad.error;
console.log(JSON.stringify(out));
"""


def _install_client() -> None:
    """npm-install the client into CLIENT_DIR unless it is there; skip when offline."""
    if ENTRY.exists():
        return
    CLIENT_DIR.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--no-save", PACKAGE],
            cwd=CLIENT_DIR, capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("the npm registry did not answer within 300 s")
    if result.returncode != 0:
        output = result.stderr + result.stdout
        if any(code in output for code in _OFFLINE):
            pytest.skip(f"the npm registry cannot be reached: {output.strip()[-300:]}")
        pytest.fail(f"npm install {PACKAGE} failed:\n{output[-2000:]}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def menuju_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Menuju server (uvicorn, bundled feeds, no venue profiles) on a free local port."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("GTFS_FEEDS", "VENUES_FILE")}
    env["PROFILES"] = "false"
    log = tmp_path_factory.mktemp("menuju-server") / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port",
             str(port), "--no-access-log"], cwd=ROOT, env=env, stdout=sink, stderr=sink,
            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"Menuju did not start: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("Menuju was not ready within 300 s")
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_npm_motis_client_plans_with_menuju(menuju_server, tmp_path):
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (scripts/dev.py test installs it as root)")
    _install_client()
    script = tmp_path / "calls.mjs"
    script.write_text(SCRIPT % {
        "entry": json.dumps(ENTRY.as_uri()), "base": json.dumps(menuju_server),
        "origins": json.dumps(list(ORIGINS)), "venues": json.dumps(list(VENUES)),
        "time": json.dumps(MORNING)}, encoding="utf-8")
    result = subprocess.run(["node", str(script)], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["errors"] == [], out["errors"]
    assert len(out["plans"]) == len(ORIGINS) * len(VENUES)
    assert sum(any(leg["mode"] != "WALK" for leg in f["itineraries"][0]["legs"])
               for f in out["plans"] if f["itineraries"]) >= len(out["plans"]) - 2
    for found in out["plans"]:
        assert found["itineraries"], (found["from"], found["venue"])
        legs = found["itineraries"][0]["legs"]  # a ride, or a direct walk (Blok M is close)
        assert {leg["mode"] for leg in legs} <= {"SUBWAY", "BUS", "WALK"}, legs
        assert found["from"] in (legs[0]["from"].get("stopId"), legs[0]["from"].get("parentId"))
        assert found["to"]["vertexType"] == "NORMAL"
    assert len(out["stopTimes"]) >= 3
    assert out["trip"]["legs"][0]["tripId"] == out["stopTimes"][0]["tripId"]
    assert any(m["id"] == "venue:taman-ayodya" for m in out["geocode"])
    assert out["badStatus"] == 404 and "nowhere" in out["badError"]["error"]


def test_a_real_server_answers_head_and_preflight(menuju_server):
    """Through uvicorn too: HEAD has GET's headers and no body; OPTIONS under /api is 200."""
    got = httpx.get(f"{menuju_server}/api/v1/health")
    head = httpx.head(f"{menuju_server}/api/v1/health")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    preflight = httpx.options(f"{menuju_server}/api/v6/plan",
                              headers={"Origin": "https://example.org"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
