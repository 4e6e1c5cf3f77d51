"""Fixtures for the dataset artefact: a tiny feed valid 2024-2030 with one venue, written to
a temporary folder, and helpers to build artefacts from it fast."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from routing.data.gtfs import FeedSource
from routing.plan.build import BuildSettings
from tests.routing.feedtext import venue, write_feed

TODAY = date(2026, 12, 1)   # a Tuesday
CALENDAR = ("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,"
            "end_date\nS,1,1,1,1,1,0,0,20240101,20301231\nW,0,0,0,0,0,1,1,20240101,20301231\n")

#   A ==R1== B ==R1== C      the venue's gate is 300 m from C; R2 runs at weekends only
LINE = """
# stops.txt
stop_id,stop_name,stop_lat,stop_lon
A,Alpha,-6.2000,106.8000
B,Beta,-6.2100,106.8000
C,Gamma,-6.2200,106.8000
D,Delta,-6.2200,106.8080
# routes.txt
route_id,route_short_name,route_type
R1,R1,3
R2,R2,3
# trips.txt
route_id,service_id,trip_id
R1,S,T1
R2,W,T2
# stop_times.txt
trip_id,arrival_time,departure_time,stop_id,stop_sequence
T1,08:00:00,08:00:00,A,1
T1,08:10:00,08:10:00,B,2
T1,08:20:00,08:20:00,C,3
T2,08:12:00,08:12:00,B,1
T2,08:30:00,08:30:00,D,2
# frequencies.txt
trip_id,start_time,end_time,headway_secs
T1,07:00:00,10:00:00,900
T2,07:00:00,10:00:00,600
"""

FAST = BuildSettings(days=8, profile_days=2)


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[list[FeedSource], Path]:
    """(feed sources, venues file) of the tiny feed under ``tmp_path``."""
    folder = write_feed(tmp_path / "feeds" / "f", LINE)
    (folder / "calendar.txt").write_text(CALENDAR, encoding="utf-8")
    venues_file = tmp_path / "venues.json"
    venues_file.write_text(json.dumps({"venues": [venue("park", [("gate", -6.2227, 106.8)])]}),
                           encoding="utf-8")
    return [FeedSource("f", folder)], venues_file
