#!/usr/bin/env python3
"""Answers before and after a change to the engine: run seeded queries, write the answers as
JSON, compare two such files (a check for behaviour-preserving refactors, not a test).

    # in each tree (PYTHONPATH=<tree>, this script copied into <tree>/scripts/ if missing)
    python scripts/compare_answers.py run --out before.json --feeds tj=...,mrt=...
    python scripts/compare_answers.py run --out after.json --queries-from before.json ...
    python scripts/compare_answers.py compare before.json after.json

``run`` draws ``--queries`` (300) queries with :func:`scripts.bench_queries.generate_queries`
(half to the venues from a stop or a coordinate, half coordinate to coordinate, 05:00-23:00)
and varies them with a second seeded generator: the service date (the bench date, the next
day, the weekend), arrive-by (1 in 5), wheelchair (1 in 7). Venue profiles are built for the
bench date, so depart-after venue queries on it are answered from them. Per query it writes
the earliest arrival and each itinerary's (departure, arrival, transfers, trips), or the error.
``--queries-from`` reuses another answers file's queries, so that both runs ask the same even
if the two trees number their stops differently. It works with the layout before the
redesign (``routing.dataset``, ``routing.planner``, ``ds.profiles``) and after it
(``routing.data.dataset``, ``routing.plan.planner``, ``plan(..., profiles=...)``).
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WEEKDAY_SHIFTS = (0, 0, 0, 1, 4, 5)   # bench date (most), next day, Saturday, Sunday
ARRIVE_BY_EVERY = 5
WHEELCHAIR_EVERY = 7


class Engine:
    """The planner of whichever tree is on the path: load, build profiles, plan."""

    def __init__(self, feeds: str, venues: Path, cache_dir: Path | None) -> None:
        try:  # after the redesign
            from routing.data.dataset import load_dataset
            from routing.data.gtfs import parse_feeds_spec
            from routing.plan import planner
            from routing.plan.profile_store import build_profiles
            self.layout = "redesign"
        except ImportError:  # before it
            from routing.dataset import load_dataset  # type: ignore[no-redef]
            from routing.gtfs import parse_feeds_spec  # type: ignore[no-redef]
            from routing.profiles import build_profiles  # type: ignore[no-redef]

            from routing import planner  # type: ignore[no-redef]
            self.layout = "wave1"
        from routing.journeys import Query
        self.Query, self._plan, self._build_profiles = Query, planner.plan, build_profiles
        sources = parse_feeds_spec(feeds, ROOT / "data" / "gtfs")
        kwargs = {}
        if "cache_dir" in inspect.signature(load_dataset).parameters:
            kwargs["cache_dir"] = cache_dir
        self.ds = load_dataset(sources, venues, **kwargs)
        self.profiles: Any = None

    def build_profiles(self, day: date) -> None:
        self.profiles = self._build_profiles(self.ds, day)

    def plan(self, query: Any) -> Any:
        if "profiles" in inspect.signature(self._plan).parameters:
            return self._plan(self.ds, query, profiles=self.profiles)
        return self._plan(self.ds, query)


def pick_date(engine: Engine) -> date:
    """The bench's date: the first Tuesday after today that every feed covers."""
    from scripts.bench import pick_date as bench_pick_date
    return bench_pick_date(engine.ds)


def draw_queries(engine: Engine, day: date, n: int, seed: int) -> list[dict]:
    """``n`` seeded query descriptions (see the module docstring)."""
    from scripts.bench_queries import generate_queries
    base = generate_queries(engine.ds, engine.ds.timetable(day), n, seed)
    rng = random.Random(seed * 7919 + 17)
    queries = []
    for q in base:
        shift = rng.choice(WEEKDAY_SHIFTS)
        queries.append({
            "from": q.origin, "to": q.destination,
            "date": (q.service_date + timedelta(days=shift)).isoformat(), "time_s": q.time_s,
            "arrive_by": rng.randrange(ARRIVE_BY_EVERY) == 0,
            "wheelchair": rng.randrange(WHEELCHAIR_EVERY) == 0,
        })
    return queries


def answer(engine: Engine, item: dict) -> dict:
    """One query's answer figures (or its error)."""
    query = engine.Query(item["from"], item["to"], date.fromisoformat(item["date"]),
                         item["time_s"], arrive_by=item["arrive_by"],
                         wheelchair=item["wheelchair"])
    started = time.perf_counter()
    try:
        result = engine.plan(query)
    except Exception as exc:  # noqa: BLE001 - the error is part of the answer
        return {"error": type(exc).__name__, "ms": (time.perf_counter() - started) * 1000}
    journeys = [{"dep_s": j.dep_s, "arr_s": j.arr_s, "transfers": j.transfers,
                 "trips": [leg.trip_id for leg in j.legs if leg.trip_id]}
                for j in result.journeys]
    return {"earliest_arrival_s": min((j["arr_s"] for j in journeys), default=None),
            "journeys": journeys, "used_profile": bool(getattr(result, "used_profile", False)),
            "ms": round((time.perf_counter() - started) * 1000, 2)}


def run(args: argparse.Namespace) -> None:
    engine = Engine(args.feeds, args.venues, args.cache_dir)
    if args.queries_from is not None:
        previous = json.loads(args.queries_from.read_text(encoding="utf-8"))
        day = date.fromisoformat(previous["meta"]["date"])
        queries = previous["queries"]
    else:
        day = args.date or pick_date(engine)
        queries = draw_queries(engine, day, args.queries, args.seed)
    engine.build_profiles(day)
    answers = [answer(engine, item) for item in queries]
    out = {"meta": {"layout": engine.layout, "date": day.isoformat(), "feeds": args.feeds,
                    "seed": args.seed, "written": datetime.now().isoformat(timespec="seconds")},
           "queries": queries, "answers": answers}
    args.out.write_text(json.dumps(out, indent=1), encoding="utf-8")
    errors = sum("error" in a for a in answers)
    print(f"{len(answers)} queries ({engine.layout}), {errors} errors, "
          f"{sum(a.get('used_profile', False) for a in answers)} from profiles -> {args.out}")


def figures(a: dict, trips: bool) -> Any:
    """What must agree: the error, or the earliest arrival and each itinerary's departure,
    arrival and transfers (and trips with ``trips``)."""
    if "error" in a:
        return ("error", a["error"])
    rows = [(j["dep_s"], j["arr_s"], j["transfers"]) + ((tuple(j["trips"]),) if trips else ())
            for j in a["journeys"]]
    return (a["earliest_arrival_s"], rows)


def compare(args: argparse.Namespace) -> int:
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = json.loads(args.after.read_text(encoding="utf-8"))
    if before["queries"] != after["queries"]:
        print("the two files asked different queries")
        return 2
    n = len(before["queries"])
    same = [figures(a, False) == figures(b, False)
            for a, b in zip(before["answers"], after["answers"], strict=True)]
    same_trips = [figures(a, True) == figures(b, True)
                  for a, b in zip(before["answers"], after["answers"], strict=True)]
    print(f"identical (earliest arrival; departure, arrival, transfers of every itinerary): "
          f"{sum(same)}/{n}")
    print(f"identical including the trips ridden: {sum(same_trips)}/{n}")
    for i, ok in enumerate(same):
        if not ok:
            print(f"  differs: {json.dumps(before['queries'][i])}\n"
                  f"    before {figures(before['answers'][i], False)}\n"
                  f"    after  {figures(after['answers'][i], False)}")
    return 0 if all(same) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="answer seeded queries and write them as JSON")
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--feeds", required=True, help="GTFS_FEEDS form id=path,...")
    r.add_argument("--venues", type=Path, default=ROOT / "data" / "venues.json")
    r.add_argument("--date", type=date.fromisoformat, help="default: the bench's Tuesday")
    r.add_argument("--queries", type=int, default=300)
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--queries-from", type=Path, help="ask the queries of this answers file")
    r.add_argument("--cache-dir", type=Path, help="timetable cache (layouts that have one)")
    c = sub.add_parser("compare", help="compare two answers files")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "run":
        run(args)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
