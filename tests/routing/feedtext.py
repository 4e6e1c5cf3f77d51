"""Inline feeds for routing tests: GTFS files written as text blocks, loaded as a Dataset.

A feed is one string of blocks, each a ``# <file>.txt`` line followed by its CSV rows::

    # stops.txt
    stop_id,stop_name,stop_lat,stop_lon
    A,A,-6.2000,106.8000

``agency.txt`` and ``calendar.txt`` (service ``S``, every day of 2024) are added when a feed
does not give them (``calendar.txt`` only when ``calendar_dates.txt`` is absent too).
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

from routing.data.dataset import Dataset, load_dataset
from routing.data.gtfs import FeedSource
from routing.journeys import Query, format_journey
from routing.plan.planner import PlanResult, plan

__all__ = ["MONDAY", "hhmm", "load", "parse_blocks", "plan_lines", "run", "venue", "write_feed"]

MONDAY = date(2024, 6, 3)

DEFAULT_AGENCY = "agency_id,agency_name,agency_url,agency_timezone\n" \
    "AG,Test Agency,https://example.org,Asia/Jakarta\n"
DEFAULT_CALENDAR = (
    "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
    "S,1,1,1,1,1,1,1,20240101,20241231\n"
)


def parse_blocks(text: str) -> dict[str, str]:
    """``# name.txt`` blocks -> {file name: CSV text}; blank lines and indentation dropped."""
    files: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in textwrap.dedent(text).splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            name = line.lstrip("#").strip()
            if not name.endswith(".txt"):
                raise ValueError(f"block header {line!r} must name a .txt file")
            current = files.setdefault(name, [])
            continue
        if current is None:
            raise ValueError(f"row {line!r} comes before any '# file.txt' header")
        current.append(line)
    return {name: "\n".join(rows) + "\n" for name, rows in files.items()}


def write_feed(folder: Path, text: str, *, defaults: bool = True) -> Path:
    """Write the blocks of ``text`` as GTFS files into ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = parse_blocks(text)
    if defaults:
        files.setdefault("agency.txt", DEFAULT_AGENCY)
        if "calendar_dates.txt" not in files:
            files.setdefault("calendar.txt", DEFAULT_CALENDAR)
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def venue(vid: str, entrances: list[tuple[str, float, float]], *,
          step_free: bool | None = None) -> dict:
    """One venue in the venues-file format, with the given (id, lat, lon) entrances."""
    lat = sum(e[1] for e in entrances) / len(entrances)
    lon = sum(e[2] for e in entrances) / len(entrances)
    return {
        "id": vid, "name": {"id": vid, "en": vid}, "description": {"id": vid, "en": vid},
        "lat": lat, "lon": lon,
        "entrances": [{"id": e, "name": {"id": e, "en": e}, "lat": a, "lon": o,
                       "step_free": step_free} for e, a, o in entrances],
        "opening_hours": None, "opening_note": None, "location_quality": "surveyed",
        "location_note": {"id": "uji", "en": "test"},
    }


def load(tmp_path: Path, feeds: dict[str, str] | str, venues: list[dict] | None = None
         ) -> Dataset:
    """Write the feeds (``{feed_id: text}``, or one text as feed ``f``) and load them."""
    if isinstance(feeds, str):
        feeds = {"f": feeds}
    sources = [FeedSource(fid, write_feed(tmp_path / fid, text)) for fid, text in feeds.items()]
    venues_file = tmp_path / "venues.json"
    venues_file.write_text(json.dumps({"venues": venues or []}), encoding="utf-8")
    return load_dataset(sources, venues_file)


def hhmm(text: str) -> int:
    """``"08:05"`` or ``"25:00:30"`` -> seconds since midnight."""
    parts = [int(p) for p in text.split(":")]
    parts += [0] * (3 - len(parts))
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def run(ds: Dataset, origin: str, destination: str, time: str = "08:00",
        day: date = MONDAY, **options: object) -> PlanResult:
    """Plan one query given with a clock time."""
    return plan(ds, Query(origin, destination, day, hhmm(time), **options))  # type: ignore[arg-type]


def plan_lines(ds: Dataset, origin: str, destination: str, time: str = "08:00",
               day: date = MONDAY, **options: object) -> list[str]:
    """The planner's journeys, each printed on one line by ``format_journey``."""
    return [format_journey(j) for j in run(ds, origin, destination, time, day, **options).journeys]
