"""scripts/route.py as a person runs it (subprocess on the bundled feeds), plus its helpers.

Each subprocess pays the imports and the feed load (about 2-3 s), so the cases are few and
each checks several things. ``--at 2026-12-01T08:00`` (a Tuesday) keeps them stable.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from routing.data.venues import JAKARTA_TZ
from scripts.cli_output import badge, render_table
from scripts.route import UsageError, _glue_negative, parse_at

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "route.py"
AT = "2026-12-01T08:00"


def route(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GTFS_FEEDS", "VENUES_FILE")}
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=env, check=False)


def test_station_by_loose_name_to_venue_by_name() -> None:
    result = route("--from", "lebak bulus", "--to", "taman ayodya", "--at", AT, "--num", "2")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Stasiun MRT Lebak Bulus BSI -> Taman Ayodya")
    assert "1. 08:00 -> 08:20" in out and "2. 08:05 -> 08:25" in out
    assert "MRT NS" in out and "Stasiun MRT Blok M BCA" in out and "Rp\xa08.000" in out
    assert ("mrt-jakarta:GLBB02 ~ SUBWAY NS 08:00 08:12 ~ mrt-jakarta:GBKM02 ~ Walk 7m "
            "[08:00 08:20 20m T0 Rp8000]") in out
    assert "lewat Akses A" in out  # out of Blok M station through its exit
    assert "\x1b[" not in out  # no colour when stdout is not a terminal
    assert "perkiraan" in out  # the venue's approximate location is said
    assert result.stderr == ""  # no progress output when stderr is not a terminal


def test_coordinates_arrive_by_in_english() -> None:
    result = route("--from", "-6.2000,106.8227", "--to", "asean", "--arrive-by", "--at", AT,
                   "--lang", "en", "--num", "1")
    assert result.returncode == 0, result.stderr
    heading = next(line for line in result.stdout.splitlines() if line.startswith("1. "))
    arrival = heading.split(" -> ")[1][:5]
    assert "07:30" <= arrival <= "08:00"
    assert "Walk 2m ~ mrt-jakarta:GDKA01 ~ SUBWAY NS" in result.stdout
    assert "ASEAN Secretariat" in result.stdout and "Walk" in result.stdout


def test_json_is_the_api_answer() -> None:
    result = route("--from", "stop:mrt-jakarta:SLBB", "--to", "venue:asean-secretariat",
                   "--at", AT, "--json", "--num", "1")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"from", "to", "itineraries", "notes"}
    (itinerary,) = answer["itineraries"]
    assert itinerary["departure"] == "2026-12-01T08:00:00+07:00"
    assert [leg["mode"] for leg in itinerary["legs"]] == ["SUBWAY", "WALK"]
    assert itinerary["legs"][0]["route"]["color"]
    assert answer["to"]["venue_id"] == "asean-secretariat"


def test_no_journey_exits_1_with_the_reason() -> None:
    result = route("--from", "-6.30,106.70", "--to", "asean", "--max-walk", "0", "--at", AT)
    assert result.returncode == 1
    assert "Tidak ada halte dalam jarak jalan kaki 0 m dari titik asal" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "lebak bulus", "--to", "asean", "--at", "25:00"], "is not HH:MM"),
    (["--from", "lebak bulus", "--to", "asean", "--num", "zero"], "invalid int value"),
    (["--from", "xyzzyq", "--to", "asean", "--at", AT], "no station, stop or venue matches"),
    (["--from", "lebak bulus", "--to", "asean", "--at", "2031-01-01T08:00"],
     "no feed covers 2031-01-01"),
])
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = route(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_ambiguous_name_lists_candidates() -> None:
    # "blok": Blok M and Blok A, 1.3 km apart ("senayan" is no longer ambiguous: the two
    # Senayan stations side by side begin with the word, Bundaran Senayan only contains it)
    result = route("--from", "blok", "--to", "asean", "--at", AT)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "error: 'blok' matches several places; say which one:"
    assert len(lines) >= 3 and all(line.strip().startswith("stop:") for line in lines[1:])
    assert "Traceback" not in result.stderr


def test_list_venues_and_find_stop() -> None:
    venues = route("--list-venues")
    assert venues.returncode == 0
    assert "venue:asean-secretariat" in venues.stdout and "venue:taman-leuser" in venues.stdout
    found = route("--find-stop", "-6.2388,106.7984", "--json")
    assert found.returncode == 0, found.stderr
    first = json.loads(found.stdout)[0]
    assert first["place"] == "stop:mrt-jakarta:SASN" and first["distance_m"] < 50


def test_menuju_command_dispatches() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "menuju.py"), "route",
                             "--find-stop", "halte csw"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert "stop:transjakarta:H00041P" in result.stdout


def test_parse_at() -> None:
    now = datetime(2026, 12, 1, 23, 0, tzinfo=JAKARTA_TZ)
    assert parse_at("08:05", now) == (date(2026, 12, 1), 8 * 3600 + 300)
    assert parse_at("2026-12-02T07:30", now) == (date(2026, 12, 2), 7 * 3600 + 1800)
    assert parse_at("2026-12-02T00:30:00Z", now) == (date(2026, 12, 2), 7 * 3600 + 1800)
    assert parse_at(None, now) == (date(2026, 12, 1), 23 * 3600)
    for bad in ("24:00", "8h", "2026-13-01T08:00", ""):
        with pytest.raises(UsageError):
            parse_at(bad, now)


def test_negative_coordinates_are_values_not_options() -> None:
    assert _glue_negative(["--from", "-6.2,106.8", "--to", "asean", "--num", "2"]) == [
        "--from=-6.2,106.8", "--to", "asean", "--num", "2"]


def test_badge_and_table_width() -> None:
    coloured = badge("MRT NS", "005AA9", None, True)
    assert coloured.startswith("\x1b[1;38;2;255;255;255m\x1b[48;2;0;90;169m")
    assert badge("MRT NS", "005AA9", None, False) == "MRT NS"
    assert badge("Bus", None, None, True) == "Bus"
    table = render_table(["a", "b"], [[coloured, "x"], ["longer cell", "y"]]).splitlines()
    visible = re.sub(r"\x1b\[[0-9;]*m", "", table[2])
    assert visible.index("x") == table[3].index("y") == len("longer cell  ")


def test_coordinates_outside_the_service_area_are_bad_input_in_text_mode_too() -> None:
    result = route("--from", "-7.5,110.4", "--to", "asean", "--at", AT)
    assert result.returncode == 2
    assert "outside the service area" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
