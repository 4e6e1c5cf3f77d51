"""Which itineraries an answer keeps: distinct, not dominated, worth a person's while, nearest
the asked time.

Two stages. :func:`best_candidates` works on cheap candidate figures (times, transfers, metres
walked): Pareto dominance, where walking counts as time (waiting at the nearest stop beats
walking ahead to board the same way, case "wait vs walk ahead"), and a transit itinerary must
beat a short direct walk by ``limits.MIN_SAVING_OVER_WALK_S``. :func:`drop_useless` works on
built journeys, whose fares are known: an itinerary that costs more (a transfer more, more
walking, a higher fare) must save a noticeable time, as OpenTripPlanner's itinerary filters
ask (its "transit generalized cost" and "remove transit if walking is better" filters). The
thresholds are in :mod:`routing.limits`.
"""

from __future__ import annotations

from datetime import date

from routing import limits
from routing.journeys import Journey, Query
from routing.kernel.timetable import DAY_S
from routing.plan.reconstruct import Candidate

__all__ = ["absolute_times", "best_candidates", "choose_journeys", "drop_useless"]


def absolute_times(journey: Candidate | Journey, base: date) -> tuple[int, int]:
    """(departure, arrival) in seconds since midnight of ``base``."""
    shift = (journey.service_date - base).days * DAY_S
    return journey.dep_s + shift, journey.arr_s + shift


def _figures(journey: Candidate, base: date) -> tuple[int, int, int, int]:
    """(departure, arrival, transfers, metres walked), times from ``base``'s midnight."""
    dep, arr = absolute_times(journey, base)
    return dep, arr, journey.transfers, journey.walk_m


def _dominates(a: tuple[int, int, int, int], b: tuple[int, int, int, int], query: Query
               ) -> bool:
    """True when ``a`` is at least as good as ``b`` on every count and better on one (both
    as :func:`_figures`).

    Metres walked count as time too: ``a`` may leave earlier (depart-after) or arrive later
    (arrive-by) than ``b`` by at most the walking time it saves, since waiting at a stop is no
    worse than walking ahead to catch the same connection."""
    ad, aa, at, aw = a
    bd, ba, bt, bw = b
    if at > bt or aw > bw:
        return False
    saved_s = (bw - aw) / query.walk_speed
    if query.arrive_by:
        ok = ad >= bd and aa <= ba + saved_s
    else:
        ok = aa <= ba and ad >= bd - saved_s
    return ok and a != b


def best_candidates(found: list[Candidate], query: Query, limit: int | None = None
                    ) -> list[Candidate]:
    """Distinct, non-dominated candidates, the ``limit`` (default ``num_itineraries``)
    nearest the asked time, in chronological order."""
    unique: dict[tuple, Candidate] = {}
    for journey in found:
        key = journey.signature(query.service_date)
        if key not in unique or journey.walk_m < unique[key].walk_m:
            unique[key] = journey
    items = list(unique.values())
    base = query.service_date
    walks = [j for j in items if j.is_walk]
    walk = min(walks, key=lambda j: j.duration_s, default=None)
    # transit must beat walking; a short walk must be beaten by a noticeable margin
    beat_walk_s = None
    if walk is not None:
        margin = (limits.MIN_SAVING_OVER_WALK_S
                  if walk.walk_m <= limits.DIRECT_WALK_PREFERRED_M else 0)
        beat_walk_s = walk.duration_s - margin

    if beat_walk_s is not None:
        items = [j for j in items if j.is_walk or j.duration_s < beat_walk_s]
    figures = [_figures(j, base) for j in items]
    kept = [b for i, b in enumerate(items)
            if not any(j != i and _dominates(a, figures[i], query)
                       for j, a in enumerate(figures))]
    return _nearest(kept, query, query.num_itineraries if limit is None else limit)


def _nearest(items: list, query: Query, n: int) -> list:
    """The ``n`` items nearest the asked time (earliest arrivals; arrive-by: latest
    departures), in chronological order."""
    base = query.service_date
    if query.arrive_by:
        items = sorted(items, key=lambda j: (-absolute_times(j, base)[1],
                                             -absolute_times(j, base)[0]))
    else:
        items = sorted(items, key=lambda j: (absolute_times(j, base)[1],
                                             -absolute_times(j, base)[0]))
    return sorted(items[:n], key=lambda j: absolute_times(j, base))


def choose_journeys(found: list[Candidate], query: Query) -> list[Journey]:
    """Build the best candidates and drop the useless ones, building more candidates while
    some were dropped and others remain; at most ``query.num_itineraries``, chronological."""
    built: dict[int, Journey] = {}
    wanted = query.num_itineraries
    while True:
        chosen = best_candidates(found, query, limit=wanted)
        for candidate in chosen:
            if id(candidate) not in built:
                built[id(candidate)] = candidate.build()
        journeys = [built[id(candidate)] for candidate in chosen]
        kept = drop_useless(journeys, query)
        if len(kept) >= query.num_itineraries or len(chosen) < wanted:
            return _nearest(kept, query, query.num_itineraries)
        wanted += query.num_itineraries - len(kept)


def _costs_more(x: Journey, y: Journey) -> bool:
    """``x`` is no cheaper than ``y`` on any count and dearer on one (transfers, metres
    walked beyond ``limits.WALK_TOLERANCE_M``, fare where both are known)."""
    fare_x, fare_y = x.fare_idr, y.fare_idr
    fares = fare_x is not None and fare_y is not None
    if x.transfers < y.transfers or x.walk_m < y.walk_m - limits.WALK_TOLERANCE_M:
        return False
    if fares and fare_x < fare_y:  # type: ignore[operator]
        return False
    return (x.transfers > y.transfers or x.walk_m > y.walk_m + limits.WALK_TOLERANCE_M
            or (fares and fare_x > fare_y))  # type: ignore[operator]


def _saving_s(x: Journey, y: Journey, base: date) -> int:
    """How much ``x`` gains over ``y``: the later of leaving later or arriving earlier."""
    xd, xa = absolute_times(x, base)
    yd, ya = absolute_times(y, base)
    return max(ya - xa, xd - yd)


def drop_useless(journeys: list[Journey], query: Query) -> list[Journey]:
    """The journeys minus those that cost more than another one without saving a noticeable
    time (``limits.NOTICEABLE_SAVING_S`` or ``NOTICEABLE_SAVING_FRACTION`` of the other's
    duration, whichever is larger). Order is kept."""
    base = query.service_date

    def useless(x: Journey) -> bool:
        for y in journeys:
            if y is x or not _costs_more(x, y):
                continue
            needed = max(limits.NOTICEABLE_SAVING_S,
                         limits.NOTICEABLE_SAVING_FRACTION * y.duration_s)
            if _saving_s(x, y, base) < needed:
                return True
        return False

    return [j for j in journeys if not useless(j)]
