"""An independent, slow and obviously-correct journey planner, for tests only.

It reads the feed's CSV text itself (nothing from ``routing.kernel.timetable``), expands every trip
run of the days around the query date, and runs a Dijkstra over states

* ``("stop", stop, rides, how)``: standing at a stop after ``rides`` rides; ``how`` is
  ``"access"``, ``"vehicle"`` (just alighted: a same-stop change needs the slack) or ``"walk"``;
* ``("ride", run, position, rides)``: on a run, arrived at a position.

Rules (the same the engine promises): walk metres = ceil(haversine x 1.3), seconds =
ceil(metres / speed); access and egress walks up to ``max_walk_m``; after a ride one walk to a
stop within 500 m straight line (and ``max_walk_m``); no slack after a walk, ``slack_s`` after
alighting at the same stop; at most ``max_transfers + 1`` rides; whether a transfer walk may
also follow the access walk or precede the egress walk is a query flag (the engine allows
neither: two walks in a row never appear); boarding only where pickup is
allowed, alighting only where drop-off is; wheelchair queries skip stops with
``wheelchair_boarding=2`` and trips with ``wheelchair_accessible=2``. Times are seconds since
midnight of the query date.

transfers.txt (types 0-3), read here from the rows themselves: a change from a vehicle at stop
``a`` to one at ``b`` (``a == b`` for a change at one stop, else after the one walk) follows the
most specific row that fits (both trips > a trip and a route > one trip > both routes > one
route > stops only; a row naming the stop > one naming its parent station): type 1 needs no
slack, type 2 ``min_transfer_time`` after alighting (instead of the slack; a walk at least that
long), type 3 forbids it, type 0 or no row: the slack (same stop) or nothing (walk).

Blocks: after the last stop of a run, a passenger rides on in-seat (no ride counted, no slack)
into the next run of the same block and service day (runs of a block ordered by first
departure) when it leaves that stop no earlier, unless a type 5 row names the two trips; a
type 4 row pairs two trips the same way without a block. Frequency runs never continue.
"""

from __future__ import annotations

import csv
import heapq
import io
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "RefFeed", "RefQuery", "Run", "earliest_arrival_s", "latest_departure_s", "walk_ends",
]

DAY_S = 86_400
DETOUR = 1.3
RADIUS_M = 500.0
EARTH_RADIUS_M = 6_371_008.8
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _rows(files: dict[str, str], name: str) -> list[dict[str, str]]:
    text = files.get(name)
    if text is None:
        return []
    return [{k.strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text))]


def _clock(text: str) -> int:
    h, m, s = (int(x) for x in text.split(":"))
    return h * 3600 + m * 60 + s


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle metres (written out here, not imported from routing.geo)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Run:
    """One vehicle run: stop ids, times (query-date seconds), pickup/drop-off flags."""

    trip_id: str
    route_id: str
    stops: tuple[str, ...]
    arr_s: tuple[int, ...]
    dep_s: tuple[int, ...]
    pickup: tuple[bool, ...]
    drop_off: tuple[bool, ...]
    wheelchair: int
    block: tuple[str, int] | None = None   # (block_id, day offset) of a run with fixed times


@dataclass
class RefFeed:
    """The feed's facts, read from its CSV text; ids are local (not feed-qualified)."""

    files: dict[str, str]
    stops: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    parent: dict[str, str] = field(default_factory=dict)
    continues: dict[int, int] = field(default_factory=dict)   # run -> run ridden on in-seat

    def __post_init__(self) -> None:
        for row in _rows(self.files, "stops.txt"):
            if row.get("location_type", "") in ("", "0"):
                self.stops[row["stop_id"]] = (float(row["stop_lat"]), float(row["stop_lon"]),
                                              int(row.get("wheelchair_boarding") or 0))
            if row.get("parent_station"):
                self.parent[row["stop_id"]] = row["parent_station"]

    def active(self, day: date) -> set[str]:
        """Service ids running on ``day`` (calendar.txt, then calendar_dates.txt)."""
        ymd = day.strftime("%Y%m%d")
        on = {r["service_id"] for r in _rows(self.files, "calendar.txt")
              if r[WEEKDAYS[day.weekday()]] == "1" and r["start_date"] <= ymd <= r["end_date"]}
        for r in _rows(self.files, "calendar_dates.txt"):
            if r["date"] == ymd:
                (on.add if r["exception_type"] == "1" else on.discard)(r["service_id"])
        return on

    def expand(self, query_date: date, days: range = range(-2, 2)) -> None:
        """Every run of the service days ``query_date + days``, in query-date seconds."""
        trips = {r["trip_id"]: r for r in _rows(self.files, "trips.txt")}
        times: dict[str, list[dict[str, str]]] = {}
        for r in _rows(self.files, "stop_times.txt"):
            times.setdefault(r["trip_id"], []).append(r)
        freqs: dict[str, list[dict[str, str]]] = {}
        for r in _rows(self.files, "frequencies.txt"):
            freqs.setdefault(r["trip_id"], []).append(r)
        self.runs = []
        for offset in days:
            services = self.active(query_date + timedelta(days=offset))
            for trip_id, trip in trips.items():
                if trip["service_id"] not in services:
                    continue
                rows = sorted(times.get(trip_id, []), key=lambda r: int(r["stop_sequence"]))
                arr = [_clock(r["arrival_time"]) for r in rows]
                dep = [_clock(r["departure_time"]) for r in rows]
                starts = [0]
                if trip_id in freqs:
                    arr = [a - dep[0] for a in arr]
                    dep = [d - dep[0] for d in dep]
                    starts = [t for f in freqs[trip_id]
                              for t in range(_clock(f["start_time"]), _clock(f["end_time"]),
                                             int(f["headway_secs"]))]
                for start in starts:
                    shift = start + offset * DAY_S
                    block = trip.get("block_id", "")
                    self.runs.append(Run(
                        trip_id, trip["route_id"], tuple(r["stop_id"] for r in rows),
                        tuple(a + shift for a in arr), tuple(d + shift for d in dep),
                        tuple(r.get("pickup_type", "") != "1" for r in rows),
                        tuple(r.get("drop_off_type", "") != "1" for r in rows),
                        int(trip.get("wheelchair_accessible") or 0),
                        (block, offset) if block and trip_id not in freqs else None,
                    ))
        self._link_blocks()

    def _link_blocks(self) -> None:
        """``continues``: each run's in-seat successor (see the module docstring)."""
        pairs = {(r["from_trip_id"], r["to_trip_id"]): r["transfer_type"]
                 for r in _rows(self.files, "transfers.txt")
                 if r.get("transfer_type") in ("4", "5") and r.get("from_trip_id")}
        self.continues = {}
        taken: set[int] = set()

        def joins(i: int, j: int) -> bool:
            a, b = self.runs[i], self.runs[j]
            return (a.stops[-1] == b.stops[0] and b.dep_s[0] >= a.arr_s[-1]
                    and pairs.get((a.trip_id, b.trip_id)) != "5"
                    and i not in self.continues and j not in taken and i != j)

        fixed = [i for i, run in enumerate(self.runs) if run.block is not None or any(
            run.trip_id in pair for pair in pairs)]
        for i in fixed:
            for j in fixed:
                key = (self.runs[i].trip_id, self.runs[j].trip_id)
                same_day = self.runs[i].block is None or self.runs[j].block is None or \
                    self.runs[i].block[1] == self.runs[j].block[1]
                if pairs.get(key) == "4" and same_day and joins(i, j):
                    self.continues[i] = j
                    taken.add(j)
        blocks: dict[tuple[str, int], list[int]] = {}
        for i, run in enumerate(self.runs):
            if run.block is not None:
                blocks.setdefault(run.block, []).append(i)
        for members in blocks.values():
            members.sort(key=lambda i: (self.runs[i].dep_s[0], self.runs[i].trip_id))
            for i, j in zip(members, members[1:], strict=False):
                if joins(i, j):
                    self.continues[i] = j
                    taken.add(j)

    def change(self, a: str, b: str, arrived: Run, boarding: Run) -> tuple[int, int]:
        """The transfers.txt rule for leaving ``arrived`` at stop ``a`` and boarding
        ``boarding`` at ``b``: (transfer_type, min_transfer_time), (-1, 0) when no row fits."""
        best: tuple[tuple[int, int], int, int] | None = None
        for r in _rows(self.files, "transfers.txt"):
            kind = int(r.get("transfer_type") or 0)
            if kind > 3:
                continue
            ends = []
            for field_, stop in (("from_stop_id", a), ("to_stop_id", b)):
                if r[field_] == stop:
                    ends.append(0)
                elif r[field_] == self.parent.get(stop):
                    ends.append(1)
                else:
                    break
            if len(ends) < 2:
                continue
            names = {k: r.get(k, "") for k in
                     ("from_trip_id", "to_trip_id", "from_route_id", "to_route_id")}
            if any(v and v != want for v, want in (
                    (names["from_trip_id"], arrived.trip_id),
                    (names["to_trip_id"], boarding.trip_id),
                    (names["from_route_id"], arrived.route_id),
                    (names["to_route_id"], boarding.route_id))):
                continue
            trips = bool(names["from_trip_id"]) + bool(names["to_trip_id"])
            routes = bool(names["from_route_id"]) + bool(names["to_route_id"])
            level = {(2, 0): 0, (2, 1): 0, (2, 2): 0, (1, 1): 1, (1, 0): 2,
                     (0, 2): 3, (0, 1): 4, (0, 0): 5}[(trips, routes)]
            key = (level, max(ends))
            if best is None or key < best[0]:
                best = (key, kind, int(r.get("min_transfer_time") or 0))
        return (-1, 0) if best is None else (best[1], best[2])


@dataclass(frozen=True)
class RefQuery:
    """Origin/destination: ``("stop", id)`` or ``("point", lat, lon)``."""

    origin: tuple
    destination: tuple
    max_transfers: int = 4
    max_walk_m: int = 1000
    walk_speed: float = 1.2
    wheelchair: bool = False
    slack_s: int = 60
    horizon_s: int | None = None      # stop times must lie within this of the query time
    walk_after_access: bool = False   # an access walk may go on with one transfer walk
    walk_before_egress: bool = False  # an egress walk may follow a transfer walk


def _walk_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    return distance_m(a[0], a[1], b[0], b[1]) * DETOUR


def _position(feed: RefFeed, place: tuple) -> tuple[float, float]:
    if place[0] == "stop":
        lat, lon, _ = feed.stops[place[1]]
        return lat, lon
    return place[1], place[2]


def walk_ends(feed: RefFeed, q: RefQuery, place: tuple) -> dict[str, int]:
    """Stops reachable on foot from/to a place: stop id -> walking seconds."""
    speed = q.walk_speed
    out: dict[str, int] = {}
    if place[0] == "stop":
        home = feed.stops[place[1]][:2]
        out[place[1]] = 0
        for other, (lat, lon, _) in feed.stops.items():
            d = distance_m(*home, lat, lon)
            if other != place[1] and d <= RADIUS_M and math.ceil(d * DETOUR) <= q.max_walk_m:
                out[other] = math.ceil(math.ceil(d * DETOUR) / speed)
        return out
    for stop, (lat, lon, _) in feed.stops.items():
        metres = _walk_m(place[1:], (lat, lon))
        if metres <= q.max_walk_m:
            out[stop] = math.ceil(math.ceil(metres) / speed)
    return out


def _walks(feed: RefFeed, q: RefQuery, stop: str) -> list[tuple[str, int]]:
    """Transfer walks from a stop: (other stop, seconds)."""
    lat, lon, _ = feed.stops[stop]
    out = []
    for other, (olat, olon, _) in feed.stops.items():
        d = distance_m(lat, lon, olat, olon)
        metres = math.ceil(d * DETOUR)
        if other != stop and d <= RADIUS_M and metres <= q.max_walk_m:
            out.append((other, math.ceil(metres / q.walk_speed)))
    return out


def _direct_walk_s(feed: RefFeed, q: RefQuery) -> int | None:
    metres = math.ceil(_walk_m(_position(feed, q.origin), _position(feed, q.destination)))
    return math.ceil(metres / q.walk_speed) if metres <= q.max_walk_m else None


def earliest_arrival_s(feed: RefFeed, q: RefQuery, time_s: int) -> int | None:
    """Earliest arrival at the destination leaving the origin at ``time_s`` (None: never)."""
    ok_stop = {s: not (q.wheelchair and wb == 2) for s, (_, _, wb) in feed.stops.items()}
    access, egress = walk_ends(feed, q, q.origin), walk_ends(feed, q, q.destination)
    walks = {stop: _walks(feed, q, stop) for stop in feed.stops}
    boardings: dict[str, list[tuple[int, int]]] = {}
    for i, run in enumerate(feed.runs):
        if q.wheelchair and run.wheelchair == 2:
            continue
        for p, stop in enumerate(run.stops[:-1]):
            if run.pickup[p]:
                boardings.setdefault(stop, []).append((i, p))
    max_rides = q.max_transfers + 1
    best = math.inf
    direct = _direct_walk_s(feed, q)
    if direct is not None:
        best = time_s + direct
    last_s = math.inf if q.horizon_s is None else time_s + q.horizon_s
    heap: list[tuple[int, tuple]] = []
    for stop, seconds in access.items():
        if ok_stop[stop]:
            heapq.heappush(heap, (time_s + seconds, ("stop", stop, 0, "access", None)))
    seen: set[tuple] = set()
    while heap:
        t, state = heapq.heappop(heap)
        if t >= best:
            break
        if state in seen or t > last_s:
            continue
        seen.add(state)
        if state[0] == "stop":
            # ``came``: (run alighted from, stop alighted at, time) for a vehicle or walk
            _, stop, rides, how, came = state
            if rides > 0 and stop in egress and (how == "vehicle" or q.walk_before_egress):
                best = min(best, t + egress[stop])
            if how == "vehicle" or (how == "access" and q.walk_after_access):
                for other, seconds in walks[stop]:
                    if ok_stop[other]:
                        heapq.heappush(heap, (t + seconds,
                                              ("stop", other, rides, "walk", came)))
            if rides < max_rides:
                for i, p in boardings.get(stop, ()):
                    run = feed.runs[i]
                    ready = _ready(feed, q, stop, t, how, came, run)
                    if ready is not None and run.dep_s[p] >= ready:
                        heapq.heappush(heap, (run.arr_s[p + 1], ("ride", i, p + 1, rides + 1)))
        else:
            _, i, p, rides = state
            run = feed.runs[i]
            # p == 0 only on a run ridden into in-seat: one leaves it where the last one ended
            if p > 0 and run.drop_off[p] and ok_stop[run.stops[p]]:
                heapq.heappush(heap, (t, ("stop", run.stops[p], rides, "vehicle",
                                          (i, run.stops[p], t))))
            if p + 1 < len(run.stops):
                heapq.heappush(heap, (run.arr_s[p + 1], ("ride", i, p + 1, rides)))
            elif i in feed.continues:
                heapq.heappush(heap, (t, ("ride", feed.continues[i], 0, rides)))
    return None if best == math.inf else int(best)


def _ready(feed: RefFeed, q: RefQuery, stop: str, t: int, how: str, came: tuple | None,
           run: Run) -> int | None:
    """When one standing at ``stop`` since ``t`` may board ``run`` (None: never)."""
    if how == "access" or came is None:
        return t
    arrived_run, arrived_stop, arrived_s = came
    kind, min_s = feed.change(arrived_stop, stop, feed.runs[arrived_run], run)
    if kind == 3:
        return None
    if kind == 1:
        return t
    if kind == 2:
        return max(t, arrived_s + min_s)
    return t + q.slack_s if how == "vehicle" else t


def latest_departure_s(feed: RefFeed, q: RefQuery, arrive_by_s: int) -> int | None:
    """Latest time one can leave the origin and arrive by ``arrive_by_s`` (None: never).

    Earliest arrival is non-decreasing in the departure time, so a binary search over the
    only departure times that matter (first boardings minus the access walk, and the direct
    walk) finds it.
    """
    reach: dict[str, set[int]] = {}   # stop -> walking seconds from the origin, each way
    for stop, seconds in walk_ends(feed, q, q.origin).items():
        reach.setdefault(stop, set()).add(seconds)
        if q.walk_after_access:
            for other, more in _walks(feed, q, stop):
                reach.setdefault(other, set()).add(seconds + more)
    first_s = -math.inf if q.horizon_s is None else arrive_by_s - q.horizon_s
    candidates = {run.dep_s[p] - seconds
                  for run in feed.runs for p, stop in enumerate(run.stops)
                  if stop in reach and run.pickup[p] and run.dep_s[p] >= first_s
                  for seconds in reach[stop]}
    direct = _direct_walk_s(feed, q)
    if direct is not None:
        candidates.add(arrive_by_s - direct)
    ordered = sorted(t for t in candidates if t <= arrive_by_s)
    lo, hi = 0, len(ordered)   # find the last index whose earliest arrival is in time
    while lo < hi:
        mid = (lo + hi) // 2
        arrival = earliest_arrival_s(feed, q, ordered[mid])
        if arrival is not None and arrival <= arrive_by_s:
            lo = mid + 1
        else:
            hi = mid
    return ordered[lo - 1] if lo else None
