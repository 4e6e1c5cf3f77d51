#!/usr/bin/env python3
"""From where a venue is reached by transit and on foot within so many minutes.

    menuju reach --venue asean-secretariat --at 2026-12-01T09:00 --minutes 30,45,60 --svg out.svg
    python scripts/reach.py --venue taman-ayodya --at 08:00 --arrive-by --geojson bands.json

Travel time: leaving at ``--at``, the earliest arrival minus ``--at`` (waiting included); with
``--arrive-by``, ``--at`` minus the latest departure that arrives by ``--at``. Runs in-process
on the feeds of ``--feeds`` (``id=path,...``), else ``GTFS_FEEDS``, else data/gtfs. Without
``--profile`` the answer comes from a profile sweep over the minutes asked (seconds on the real
feeds); ``--profile`` first builds the day's venue profile, as the service holds it, and
``--repeat N`` then times N answers from it (the service's warm-profile latency).
Exit status: 0 done, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from routing.errors import RoutingError
from scripts.route import UsageError, _load, _Parser, parse_at

__all__ = ["build_parser", "main"]


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Reachability bands of a venue (GeoJSON, SVG).",
                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--venue", required=True, help="venue id, e.g. asean-secretariat")
    parser.add_argument("--at", metavar="TIME",
                        help="HH:MM today or ISO date-time, Asia/Jakarta (default: now)")
    parser.add_argument("--minutes", default="30,45,60",
                        help="band limits in minutes, comma-separated, rising (at most 8)")
    parser.add_argument("--arrive-by", action="store_true",
                        help="travel time = --at minus the latest departure arriving by --at")
    parser.add_argument("--wheelchair", action="store_true", help="step-free journeys only")
    parser.add_argument("--svg", metavar="FILE", help="write the map as SVG")
    parser.add_argument("--geojson", metavar="FILE", help="write the bands as GeoJSON")
    parser.add_argument("--feeds", metavar="SPEC", help="id=path,... (default: GTFS_FEEDS)")
    parser.add_argument("--profile", action="store_true",
                        help="build the day's venue profile first and answer from it")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="answer N times and print the timings (with --profile: warm)")
    return parser


def _minutes(text: str) -> list[int]:
    from routing import limits

    try:
        minutes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise UsageError(f"--minutes {text!r}: give whole minutes like 30,45,60") from None
    high = int(limits.REACH_MAX_MINUTES.high)
    if not minutes or minutes[0] < 1 or minutes[-1] > high or \
            len(minutes) > limits.REACH_MAX_BANDS:
        raise UsageError(f"--minutes: 1 to {limits.REACH_MAX_BANDS} values within 1-{high}")
    return minutes


def run(args: argparse.Namespace) -> int:
    """Answer, print one line per band and the timings, write the files asked for."""
    from app.reach_geojson import feature_collection
    from app.reach_svg import reach_svg
    from routing.plan.profile_store import ProfileStore
    from routing.plan.profiles import ProfileSettings
    from routing.plan.reachability import reachability

    minutes = _minutes(args.minutes)
    day, time_s = parse_at(args.at)
    if args.repeat < 1:
        raise UsageError("--repeat must be at least 1")
    ds = _load(args)
    if args.venue not in ds.venues:
        raise UsageError(f"unknown venue {args.venue!r}; venues: {', '.join(sorted(ds.venues))}")
    settings = ProfileSettings(wheelchair=args.wheelchair)
    store = None
    if args.profile:
        store = ProfileStore(ds, settings)
        started = time.perf_counter()
        store.build(day, args.venue)
        print(f"profile of {args.venue} for {day} built in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    timings: list[float] = []
    cpu: list[float] = []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        reach = reachability(ds, args.venue, day, time_s, minutes, arrive_by=args.arrive_by,
                             settings=settings, profiles=store)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    for band in reach.bands:
        print(f"<= {band.minutes:3d} min: {band.area_km2:8.2f} km2, {band.stops:5d} stops")
    shown = sorted(timings)
    print(f"answer from the {reach.source}: {len(timings)} run(s), first {timings[0]:.0f} ms, "
          f"median {statistics.median(shown):.0f} ms, max {shown[-1]:.0f} ms; CPU median "
          f"{statistics.median(cpu):.0f} ms (last run, cumulative ms: {reach.timings_ms})")
    venue = ds.venues[args.venue]
    if args.svg:
        clock = f"{time_s // 3600:02d}:{time_s % 3600 // 60:02d}"
        title = (f"{venue.name.get('en', args.venue)}: "
                 f"{'arriving by' if args.arrive_by else 'leaving at'} {clock}, "
                 f"{day:%a %d %b %Y}")
        Path(args.svg).write_text(reach_svg(ds, reach, title=title,
                                            venue_label=venue.name.get("en", args.venue)),
                                  encoding="utf-8")
    if args.geojson:
        Path(args.geojson).write_text(json.dumps(feature_collection(ds, reach)),
                                      encoding="utf-8")
    return 0


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """Parse ``argv`` and run; one-line errors with exit status 2."""
    try:
        return run(build_parser(prog).parse_args(argv))
    except (UsageError, RoutingError) as exc:
        print(f"{prog or 'reach'}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
