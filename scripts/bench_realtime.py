#!/usr/bin/env python3
"""What the realtime overlay costs (issue 15): plan p50/p95 on the served timetable versus on
the realtime overlay with N trip updates applied (delays at a random stop, propagating
downstream, exponentially distributed by default, and some cancellations), interleaved
query by query on the same machine; plus the time to decode the GTFS-RT messages and to
build the overlay (forward and reversed).

    .venv/bin/python scripts/bench_realtime.py                 # real TJ + MRT feeds
    .venv/bin/python scripts/bench_realtime.py --updates 1000 --queries 80 --seed 7

The messages are made here with gtfs-realtime-bindings and go through the same decoder as
the poller's; venue profiles are off on both sides (the general search is compared).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from pathlib import Path

from google.transit import gtfs_realtime_pb2 as pb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from routing.data.dataset import load_dataset  # noqa: E402
from routing.data.gtfs import parse_feeds_spec  # noqa: E402
from routing.kernel.timetable import DAY_S, Timetable  # noqa: E402
from routing.realtime.catalog import TableIndex, TripCatalog  # noqa: E402
from routing.realtime.decode import decode_feed  # noqa: E402
from routing.realtime.source import RealtimeState, attach  # noqa: E402
from scripts.bench import default_feeds, percentiles, pick_date, run_plan  # noqa: E402
from scripts.bench_queries import generate_queries  # noqa: E402


def messages(table: Timetable, catalog: TripCatalog, n: int, seed: int,
             cancel_share: float, max_delay_s: int, mean_delay_s: float) -> dict[str, bytes]:
    """One FeedMessage per feed with ``n`` trip updates over distinct runs of ``table``'s
    own service date."""
    rng = random.Random(seed)
    index = TableIndex(table)
    runs = []
    for trip in range(table.n_trips):
        info = table.info_of(trip)
        dep0 = int(index.dep0[trip])
        facts = catalog.get(info.trip_id)
        if facts is None or not 0 <= dep0 < DAY_S:
            continue
        if not info.frequency_based and facts.first_dep_s != dep0:
            continue   # a run of the day before or after
        runs.append((trip, info, dep0, facts))
    chosen = rng.sample(runs, min(n, len(runs)))
    day = table.service_date.strftime("%Y%m%d")
    out: dict[str, pb.FeedMessage] = {}
    for _trip, info, dep0, facts in chosen:
        feed_id, trip_id = info.trip_id.split(":", 1)
        msg = out.get(feed_id)
        if msg is None:
            msg = out[feed_id] = pb.FeedMessage()
            msg.header.gtfs_realtime_version = "2.0"
            msg.header.timestamp = int(time.time())
        entity = msg.entity.add(id=f"tu-{len(msg.entity)}")
        trip = entity.trip_update.trip
        trip.trip_id, trip.start_date = trip_id, day
        if info.frequency_based:
            trip.start_time = f"{dep0 // 3600:02d}:{dep0 % 3600 // 60:02d}:{dep0 % 60:02d}"
        if rng.random() < cancel_share:
            trip.schedule_relationship = pb.TripDescriptor.CANCELED
            continue
        stu = entity.trip_update.stop_time_update.add(
            stop_sequence=int(rng.choice(facts.stop_sequences.tolist())))
        if mean_delay_s > 0:   # most delays short, a few long
            delay = min(max_delay_s, int(rng.expovariate(1 / mean_delay_s)))
        else:
            delay = rng.randint(60, max(60, max_delay_s))
        stu.departure.delay = delay
    return {feed: m.SerializeToString() for feed, m in out.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", default=default_feeds(),
                        help="id=path GTFS feeds (default: the real TJ + MRT in ../shared)")
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=80)
    parser.add_argument("--cancel-share", type=float, default=0.03)
    parser.add_argument("--max-delay-s", type=int, default=900,
                        help="longest delay drawn")
    parser.add_argument("--mean-delay-s", type=float, default=120,
                        help="delays drawn exponentially with this mean (capped at "
                        "--max-delay-s); 0: uniformly from 60 s to --max-delay-s")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    ds = load_dataset(parse_feeds_spec(args.feeds, ROOT / "data" / "gtfs"),
                      ROOT / "data" / "venues.json")
    day = pick_date(ds)
    table = ds.timetable(day)
    print(f"feeds: {args.feeds}\nloaded in {time.perf_counter() - started:.1f} s; "
          f"{day} has {table.n_routes} routes, {table.n_trips} runs")
    rt_ds = dataclasses.replace(ds)
    state = RealtimeState()
    source = attach(rt_ds, state)
    catalog = TripCatalog(ds.feeds)

    bodies = messages(table, catalog, args.updates, args.seed, args.cancel_share,
                      args.max_delay_s, args.mean_delay_s)
    t0 = time.perf_counter()
    decoded = [decode_feed(feed, body, now=time.time(), max_age_s=300)
               for feed, body in bodies.items()]
    decode_ms = (time.perf_counter() - t0) * 1000
    updates = [u for d in decoded for u in d.trip_updates]
    state.publish(updates, [], [])
    source.entry(day)   # catalog and index of the table: once per dataset / table
    state.publish(updates, [], [])
    t0 = time.perf_counter()
    entry = source.entry(day)
    forward_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    rt_ds.timetable(day, reverse=True)
    reverse_ms = (time.perf_counter() - t0) * 1000
    report = entry.report
    print(f"{len(updates)} trip updates ({sum(len(b) for b in bodies.values()) / 1024:.0f} "
          f"KiB): decoded in {decode_ms:.0f} ms; applied {sum(report.applied.values())}, "
          f"unknown {sum(report.unknown.values())}, cancelled {report.cancelled}; overlay "
          f"built in {forward_ms:.0f} ms (+{reverse_ms:.0f} ms reversed); "
          f"{entry.forward.n_routes - table.n_routes} routes split off")

    queries = generate_queries(ds, table, args.queries, args.seed)
    for q in queries[:5]:   # compile the kernel and warm both sides
        run_plan(ds, q, 3)
        run_plan(rt_ds, q, 3)
    base_ms, rt_ms = [], []
    for i, q in enumerate(queries):   # interleaved, alternating who goes first
        pair = [(ds, base_ms), (rt_ds, rt_ms)]
        for dataset, out in (pair if i % 2 == 0 else pair[::-1]):
            out.append(run_plan(dataset, q, 3).ms)
    base, real = percentiles(base_ms), percentiles(rt_ms)
    ratio = real["p50"] / base["p50"] if base["p50"] else float("nan")
    print(f"plan, {len(queries)} queries, 3 itineraries, no venue profiles:\n"
          f"  timetable  p50 {base['p50']:8.1f} ms  p95 {base['p95']:8.1f} ms\n"
          f"  realtime   p50 {real['p50']:8.1f} ms  p95 {real['p95']:8.1f} ms\n"
          f"  overlay cost on p50: {100 * (ratio - 1):+.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
