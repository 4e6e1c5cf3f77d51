"""``menuju reach`` (issue 16): bands on the terminal, the SVG and GeoJSON files, exit 2 for bad
input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _reach(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GTFS_FEEDS", "VENUES_FILE")}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "menuju.py"), "reach", *args],
                          capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)


def test_reach_writes_svg_and_geojson(tmp_path: Path) -> None:
    svg, geojson = tmp_path / "out.svg", tmp_path / "out.json"
    done = _reach("--venue", "asean-secretariat", "--at", "2026-12-01T09:00", "--minutes",
                  "30,45,60", "--svg", str(svg), "--geojson", str(geojson))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0].strip() for line in lines[:3]] == ["<=  30 min", "<=  45 min",
                                                                  "<=  60 min"]
    assert "km2" in lines[0] and "stops" in lines[0] and "answer from the search" in lines[3]
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and "leaving at 09:00, Tue 01 Dec 2026" in svg.read_text()
    body = json.loads(geojson.read_text())
    assert [f["properties"]["minutes"] for f in body["features"]] == [60, 45, 30]


def test_reach_bad_input_is_exit_2() -> None:
    for args in (["--venue", "monas", "--at", "2026-12-01T09:00"],
                 ["--venue", "asean-secretariat", "--minutes", "30,abc"],
                 ["--venue", "asean-secretariat", "--minutes", "500"],
                 ["--venue", "asean-secretariat", "--at", "yesterday"]):
        done = _reach(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "error" in done.stderr and "Traceback" not in done.stderr
