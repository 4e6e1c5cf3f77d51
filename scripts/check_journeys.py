#!/usr/bin/env python3
"""Check the journeys of seeded real-feed queries for the issue 11 promises (a check, not a
test: it needs the real feeds):

* no itinerary has two walk legs in a row;
* no walk leg is longer than the query's ``max_walk_m``;
* none is "useless" next to another of the same answer (routing.plan.choose.drop_useless
  keeps it) and none is dominated when walking counts as time (choose's dominance rule).

    F=../shared/feeds
    python scripts/check_journeys.py --queries 300 \\
        --feeds tj=$F/transjakarta/gtfs-transjakarta.zip,mrt=$F/mrt-jakarta/gtfs-mrt-jakarta.zip

Queries are those of ``scripts/compare_answers.py`` (same generator and seed: venues and
coordinates, 05:00-23:00, some arrive-by and wheelchair, several dates), with venue profiles
for the bench date. Prints one line per failure and a summary; exit status 1 on a failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.compare_answers import Engine, draw_queries, pick_date  # noqa: E402


def problems(journeys: list, query) -> list[str]:
    """What is wrong with one answer (empty: nothing)."""
    from routing.journeys import format_journey
    from routing.plan.choose import absolute_times, drop_useless

    found: list[str] = []
    for journey in journeys:
        line = format_journey(journey)
        legs = journey.legs
        for before, after in zip(legs, legs[1:], strict=False):
            if not before.is_transit and not after.is_transit:
                found.append(f"two walks in a row: {line}")
        for leg in legs:
            if not leg.is_transit and leg.distance_m > query.max_walk_m:
                found.append(f"walk of {leg.distance_m} m > {query.max_walk_m} m: {line}")
    kept = drop_useless(journeys, query)
    for journey in journeys:
        if journey not in kept:
            found.append(f"not worth showing: {format_journey(journey)}")
    base = query.service_date
    for a in journeys:
        for b in journeys:
            if a is b or a.transfers > b.transfers or a.walk_m > b.walk_m:
                continue
            ad, aa = absolute_times(a, base)
            bd, ba = absolute_times(b, base)
            saved_s = (b.walk_m - a.walk_m) / query.walk_speed
            better = (ad >= bd and aa <= ba + saved_s) if query.arrive_by else (
                aa <= ba and ad >= bd - saved_s)
            if better and (ad, aa, a.transfers, a.walk_m) != (bd, ba, b.transfers, b.walk_m):
                found.append(f"dominated: {format_journey(b)} by {format_journey(a)}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", required=True, help="GTFS_FEEDS form id=path,...")
    parser.add_argument("--venues", type=Path, default=ROOT / "data" / "venues.json")
    parser.add_argument("--date", type=date.fromisoformat, help="default: the bench's Tuesday")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    engine = Engine(args.feeds, args.venues, None)
    day = args.date or pick_date(engine)
    engine.build_profiles(day)
    started = time.perf_counter()
    failures = answered = errors = 0
    for item in draw_queries(engine, day, args.queries, args.seed):
        query = engine.Query(item["from"], item["to"], date.fromisoformat(item["date"]),
                             item["time_s"], arrive_by=item["arrive_by"],
                             wheelchair=item["wheelchair"])
        try:
            journeys = engine.plan(query).journeys
        except Exception as exc:  # noqa: BLE001 - reported, the check goes on
            errors += 1
            print(f"error {type(exc).__name__}: {exc} for {item}")
            continue
        answered += bool(journeys)
        for problem in problems(journeys, query):
            failures += 1
            print(f"{problem}  [{item}]")
    print(f"{args.queries} queries on {day}, {answered} answered, {errors} errors, "
          f"{failures} problems ({time.perf_counter() - started:.0f} s)")
    return 1 if failures or errors else 0


if __name__ == "__main__":
    sys.exit(main())
