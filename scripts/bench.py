#!/usr/bin/env python3
"""Benchmark the planner on real feeds (a benchmark, not a test).

    python scripts/bench.py --queries 200 --json                 # library, cold compile
    python scripts/bench.py --http http://127.0.0.1:8000 --json  # a running service

Library mode loads the dataset, compiles one service date (``compile_s``), warms up (numba
JIT, per-venue lower bounds: ``warmup_s``) and times ``routing.plan.planner.plan`` on a seeded set
of venue and general (coordinate to coordinate) queries. ``--http`` times ``/healthz`` and
``/v1/plan`` one at a time, then, with wrk installed (Debian ``wrk``; scripts/bench_wrk.py),
times ``/healthz`` and venue plans from ``--origins`` distinct origins on one connection and
venue plans on ``--concurrency`` connections (``plans_per_s``); without wrk a mixed load of
Python clients runs instead. It also reports each server worker's RSS (``rss_per_worker_mb``).
``--json`` ends the output with one JSON line of the figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from routing.data.dataset import Dataset, load_dataset  # noqa: E402
from routing.data.gtfs import parse_feeds_spec  # noqa: E402
from routing.errors import RoutingError  # noqa: E402
from routing.journeys import Query  # noqa: E402
from routing.plan.planner import plan  # noqa: E402
from routing.plan.profile_store import ProfileStore, build_profiles  # noqa: E402
from scripts.bench_load import (  # noqa: E402
    LoadPools,
    check_local_url,
    run_load,
    server_peak_rss_mb,
    time_healthz_and_plans,
    warm_workers,
)
from scripts.bench_queries import (  # noqa: E402
    BenchQuery,
    QueryFileError,
    generate_queries,
    read_queries,
    served_stops,
    warmup_queries,
)
from scripts.bench_wrk import run_wrk_bench, server_pss_mb, worker_rss_mb  # noqa: E402
from scripts.wrk_run import find_wrk  # noqa: E402

REAL_FEEDS = (("tj", "transjakarta/gtfs-transjakarta.zip"),
              ("mrt", "mrt-jakarta/gtfs-mrt-jakarta.zip"))
SHARED_FEEDS = ROOT.parent / "shared" / "feeds"
TUESDAY = 1


def default_feeds() -> str | None:
    """The real feeds in ../shared when present, else None (the bundled data/gtfs)."""
    paths = [(fid, SHARED_FEEDS / rel) for fid, rel in REAL_FEEDS]
    if all(p.exists() for _, p in paths):
        return ",".join(f"{fid}={p}" for fid, p in paths)
    return None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", default=default_feeds(),
                        help="GTFS_FEEDS form id=path,...; default the real feeds in "
                             "../shared/feeds, else the bundled data/gtfs")
    parser.add_argument("--date", type=date.fromisoformat,
                        help="service date YYYY-MM-DD; default the next Tuesday the feeds cover")
    parser.add_argument("--queries", type=int, default=200, help="generated queries (200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--queries-file", type=Path,
                        help='JSON lines {"from": ..., "to": ..., "time": ...} instead')
    parser.add_argument("--num", type=int, default=3, help="itineraries per plan (3)")
    parser.add_argument("--http", metavar="URL", help="time a running service on this host")
    parser.add_argument("--duration", type=float, default=30.0,
                        help="seconds of the --http load run (30; 0 skips it)")
    parser.add_argument("--concurrency", type=int, default=32, help="--http load clients (32)")
    parser.add_argument("--slowest-out", type=Path,
                        help="write the 10 slowest queries here as JSON lines (for profiling)")
    parser.add_argument("--load-generator", choices=("auto", "wrk", "python"), default="auto",
                        help="--http load generator: wrk when installed (auto), or force one")
    parser.add_argument("--origins", type=int, default=20000,
                        help="--http with wrk: venue plans from this many generated origins")
    parser.add_argument("--sequential-s", type=float, default=5.0,
                        help="--http with wrk: seconds of each one-connection run (5)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args(argv)
    if (args.queries < 1 or args.num < 1 or args.concurrency < 1 or args.duration < 0
            or args.origins < 1 or args.sequential_s <= 0):
        parser.error("--queries, --num, --concurrency and --origins must be >= 1, "
                     "--duration >= 0, --sequential-s > 0")
    return args


def pick_date(ds: Dataset) -> date:
    """The first Tuesday after today that every feed covers (else any feed covers)."""
    for strict in (True, False):
        day = date.today() + timedelta(days=1)
        for _ in range(2 * 366):
            if day.weekday() == TUESDAY and _covered(ds, day, strict):
                return day
            day += timedelta(days=1)
    starts = [f.start_date for f in ds.feeds if f.start_date]
    day = max(starts) if starts else date.today()
    return day + timedelta(days=(TUESDAY - day.weekday()) % 7)


def _covered(ds: Dataset, day: date, every: bool) -> bool:
    if not every:
        return ds.covers(day)
    return all((f.start_date is None or f.start_date <= day)
               and (f.end_date is None or day <= f.end_date) for f in ds.feeds)


def percentiles(values: list[float]) -> dict[str, float | None]:
    """p50, p95 and max, rounded to 0.01; None for an empty list."""
    if not values:
        return {"p50": None, "p95": None, "max": None}
    arr = np.asarray(values)
    return {"p50": round(float(np.percentile(arr, 50)), 2),
            "p95": round(float(np.percentile(arr, 95)), 2),
            "max": round(float(arr.max()), 2)}


def peak_rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@dataclass
class Outcome:
    """One timed plan call."""

    query: BenchQuery
    ms: float
    itineraries: int
    error: str | None = None


def run_plan(ds: Dataset, query: BenchQuery, num: int,
             profiles: ProfileStore | None = None) -> Outcome:
    """Time one ``plan`` call; an exception is recorded, not raised."""
    q = Query(query.origin, query.destination, query.service_date, query.time_s,
              num_itineraries=num)
    start = time.perf_counter()
    try:
        result = plan(ds, q, profiles=profiles)
    except (RoutingError, LookupError, ValueError) as exc:
        return Outcome(query, (time.perf_counter() - start) * 1000, 0,
                       f"{type(exc).__name__}: {exc}")
    return Outcome(query, (time.perf_counter() - start) * 1000, len(result.journeys))


def load(args: argparse.Namespace) -> tuple[Dataset, float]:
    """The dataset of ``--feeds`` (timetables compiled in memory on first use) and the
    seconds it took to load."""
    sources = parse_feeds_spec(args.feeds, ROOT / "data" / "gtfs")
    start = time.perf_counter()
    ds = load_dataset(sources, ROOT / "data" / "venues.json")  # timetables compiled in memory
    return ds, time.perf_counter() - start


def build_queries(args: argparse.Namespace, ds: Dataset, day: date) -> list[BenchQuery]:
    if args.queries_file is not None:
        return read_queries(args.queries_file)
    return generate_queries(ds, ds.timetable(day), args.queries, args.seed)


def time_profiles(ds: Dataset, day: date) -> tuple[float, ProfileStore]:
    """Seconds to build every venue's profile for ``day``, and the store holding them and the
    next day's (as the service's artefact holds a week: late venue plans bridge the night on
    the next day's profile)."""
    start = time.perf_counter()
    store = build_profiles(ds, day)
    seconds = round(time.perf_counter() - start, 3)
    if ds.covers(day + timedelta(days=1)):
        build_profiles(ds, day + timedelta(days=1), store)
    return seconds, store


def library_run(args: argparse.Namespace) -> dict:
    """Load, compile, warm up and time every query in process."""
    ds, load_s = load(args)
    day = args.date or pick_date(ds)
    start = time.perf_counter()
    ds.timetable(day)
    compile_s = time.perf_counter() - start
    queries = build_queries(args, ds, day)
    start = time.perf_counter()
    dates = {q.service_date for q in queries}
    for other in sorted((dates | {d + timedelta(days=1) for d in dates}) - {day}):
        ds.timetable(other)  # queries late in the day also search the next date
    other_compile_s = time.perf_counter() - start
    profiles_s, store = time_profiles(ds, day)
    start = time.perf_counter()
    for query in warmup_queries(ds, ds.timetable(day), args.seed):
        run_plan(ds, query, args.num, store)
    warmup_s = time.perf_counter() - start
    outcomes = [run_plan(ds, query, args.num, store) for query in queries]
    figures = summarize(outcomes)
    figures.update(mode="library", date=day.isoformat(), feeds=[f.feed_id for f in ds.feeds],
                   load_s=round(load_s, 3), compile_s=round(compile_s, 3),
                   other_dates_compile_s=round(other_compile_s, 3),
                   profiles_s=profiles_s, warmup_s=round(warmup_s, 3),
                   peak_rss_mb=peak_rss_mb())
    return {"figures": figures, "outcomes": outcomes}


def summarize(outcomes: list[Outcome]) -> dict:
    """Counts and latency percentiles by kind."""
    figures: dict = {"queries": len(outcomes),
                     "answered": sum(o.itineraries > 0 for o in outcomes),
                     "raised": sum(o.error is not None for o in outcomes)}
    for kind in ("venue", "general"):
        stats = percentiles([o.ms for o in outcomes if o.query.kind == kind])
        figures[f"{kind}_n"] = sum(o.query.kind == kind for o in outcomes)
        for name, value in stats.items():
            figures[f"{kind}_{name}_ms"] = value
    figures["failures"] = [{**o.query.to_dict(), "error": o.error}
                           for o in outcomes if o.error][:5]
    return figures


def http_run(args: argparse.Namespace) -> dict:
    """Sequential /healthz and /v1/plan timings, then the mixed load run."""
    base = check_local_url(args.http)
    ds, _ = load(args)
    day = args.date or pick_date(ds)
    queries = build_queries(args, ds, day)
    extra = [_feed_check(base, ds)]
    warmup = warmup_queries(ds, ds.timetable(day), args.seed)
    healthz_ms, plans = time_healthz_and_plans(base, queries, args.num, warmup)
    outcomes = [Outcome(t.query, t.ms, t.itineraries, t.error) for t in plans]
    figures = summarize(outcomes)
    sequential_errors = sum(t.error is not None for t in plans)
    figures.update(mode="http", date=day.isoformat(), feeds=[f.feed_id for f in ds.feeds],
                   compile_s=None, profiles_s=None, peak_rss_mb=None,
                   http_plan_p50_ms=percentiles(
                       [t.ms for t in plans if t.query.kind == "venue"])["p50"],
                   http_healthz_p50_ms=percentiles(healthz_ms)["p50"],
                   plans_per_s=None, errors=sequential_errors,
                   sequential_errors=sequential_errors, load_errors=None)
    wrk = None if args.load_generator == "python" else find_wrk()
    if args.load_generator == "wrk" and wrk is None:
        raise ValueError("--load-generator wrk: wrk is not installed (apt-get install wrk)")
    figures["load_generator"] = "wrk" if wrk else "python"
    if wrk is not None:
        warm_workers(base, warmup, args.num)
        venue = [q for q in generate_queries(ds, ds.timetable(day), 2 * args.origins,
                                             args.seed + 1) if q.kind == "venue"]
        run = run_wrk_bench(base, venue, num=args.num, sequential_s=args.sequential_s,
                            duration_s=args.duration, concurrency=args.concurrency, wrk=wrk)
        figures.update(python_plan_p50_ms=figures["http_plan_p50_ms"],
                       python_healthz_p50_ms=figures["http_healthz_p50_ms"], **run.figures)
        figures["errors"] = sequential_errors + run.figures["wrk_errors"]
        extra.extend(run.lines)
    elif args.duration > 0:
        extra.append("note: wrk not found (apt-get install wrk): the load runs on Python "
                     "clients sharing the server's cores")
        table = ds.timetable(day)
        served = served_stops(table).tolist()
        stops = ds.network.stops
        pools = LoadPools(plans=[q for q in queries if q.kind == "venue"] or queries,
                          stop_ids=[stops.ids[s] for s in served],
                          search_texts=_search_texts([stops.names[s] for s in served]))
        warm_workers(base, warmup, args.num)
        result = run_load(base, pools, duration_s=args.duration,
                          concurrency=args.concurrency, num=args.num, seed=args.seed)
        figures.update(plans_per_s=round(result.plans_per_s, 1),
                       load_errors=result.total_errors,
                       errors=sequential_errors + result.total_errors,
                       load_requests=dict(result.requests))
        extra.append(f"load: {args.concurrency} clients x {result.duration_s:.1f} s, "
                     f"{sum(result.requests.values())} requests "
                     f"({sum(result.requests.values()) / result.duration_s:.0f}/s), "
                     f"{result.plans_per_s:.1f} plans/s, {result.total_errors} errors")
        for kind, values in sorted(result.latency_ms.items()):
            stats = percentiles(values)
            extra.append(f"  {kind:<10} n={result.requests[kind]:<6} "
                         f"errors={result.errors[kind]:<6} p50 {stats['p50']} ms "
                         f"p95 {stats['p95']} ms")
        extra.extend(f"  error: {sample}" for sample in result.error_samples)
    figures["peak_rss_mb"] = server_peak_rss_mb(base)
    figures["rss_per_worker_mb"] = worker_rss_mb(base)
    figures["server_pss_mb"] = server_pss_mb(base)
    plan_ms, healthz_ms_p50 = figures["http_plan_p50_ms"], figures["http_healthz_p50_ms"]
    figures["plan_healthz_ratio"] = (round(plan_ms / healthz_ms_p50, 2)
                                     if plan_ms and healthz_ms_p50 else None)
    extra.insert(0, f"healthz p50 {healthz_ms_p50} ms, venue plan p50 {plan_ms} ms "
                    f"(sequential, {figures['load_generator']}): ratio "
                    f"{figures['plan_healthz_ratio']}; RSS per worker "
                    f"{figures['rss_per_worker_mb']} MB; server PSS in all "
                    f"{figures['server_pss_mb']} MB")
    if figures["peak_rss_mb"] is None:
        extra.append("server peak RSS: unknown (listening process not readable in /proc)")
    else:
        extra.append("peak RSS above: largest VmHWM among the server's processes")
    return {"figures": figures, "outcomes": outcomes, "extra": extra}


def _feed_check(base: str, ds: Dataset) -> str:
    """Whether the service runs the same feeds (ids and content hashes) as --feeds."""
    import httpx

    try:
        served = httpx.get(f"{base}/v1/feeds", timeout=10).json()["feeds"]
        theirs = {f["feed_id"]: f["content_hash"] for f in served}
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        return f"feeds: could not read {base}/v1/feeds ({type(exc).__name__})"
    ours = {f.feed_id: f.content_hash for f in ds.feeds}
    if theirs == ours:
        return "feeds: the service runs the same feeds as --feeds"
    return f"feeds: WARNING the service runs {theirs}, --feeds are {ours}: ids may not match"


def _search_texts(names: list[str]) -> list[str]:
    """Stop-search inputs: full stop names and their first words."""
    texts = {n for n in names if n}
    texts |= {n.split()[0] for n in names if n.split()}
    return sorted(texts)


def print_table(figures: dict, outcomes: list, extra: list[str]) -> None:
    n = figures["queries"]
    print(f"Menuju benchmark ({figures['mode']}), feeds {','.join(figures['feeds'])}, "
          f"service date {figures['date']}")
    for key, label in (("load_s", "load dataset"), ("compile_s", "compile timetable"),
                       ("other_dates_compile_s", "compile next day"),
                       ("profiles_s", "venue profiles"), ("warmup_s", "warm-up")):
        if key in figures:
            value = figures[key]
            print(f"  {label:<18} {'n/a' if value is None else f'{value:.2f} s'}")
    print(f"  answered           {figures['answered']}/{n} "
          f"({100 * figures['answered'] / n:.1f}%), raised {figures['raised']}")
    print(f"  {'kind':<8} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for kind in ("venue", "general"):
        cells = [figures[f"{kind}_{s}_ms"] for s in ("p50", "p95", "max")]
        text = " ".join(f"{'-' if c is None else f'{c:.2f}':>9}" for c in cells)
        print(f"  {kind:<8} {figures[f'{kind}_n']:>5} {text}")
    if figures.get("peak_rss_mb") is not None:
        print(f"  peak RSS           {figures['peak_rss_mb']:.0f} MB")
    for line in extra:
        print(f"  {line}")
    for failure in figures["failures"]:
        print(f"  RAISED {failure}")
    unanswered = [o for o in outcomes if o.itineraries == 0 and o.error is None][:5]
    for o in unanswered:
        print(f"  no itinerary: {json.dumps(o.query.to_dict())}")
    slow = sorted(outcomes, key=lambda o: -o.ms)[:5]
    for o in slow:
        print(f"  slow {o.ms:8.1f} ms: {json.dumps(o.query.to_dict())}")


def write_slowest(path: Path, outcomes: list) -> None:
    slow = sorted(outcomes, key=lambda o: -o.ms)[:10]
    path.write_text("".join(json.dumps(o.query.to_dict()) + "\n" for o in slow),
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.http:
            report = http_run(args)
        else:
            report = library_run(args)
    except (QueryFileError, RoutingError, OSError, ValueError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print_table(report["figures"], report["outcomes"], report.get("extra", []))
    if args.slowest_out is not None:
        write_slowest(args.slowest_out, report["outcomes"])
    if args.json:
        print(json.dumps(report["figures"], separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
