"""Which itineraries an answer keeps: distinct, not dominated, worth a person's while, nearest
the asked time.

Two stages. :func:`best_candidates` works on cheap candidate figures (times, transfers, metres
walked): Pareto dominance, where walking counts as time (waiting at the nearest stop beats
walking ahead to board the same way, case "wait vs walk ahead"), and a transit itinerary must
beat a short direct walk by ``limits.MIN_SAVING_OVER_WALK_S``. :func:`drop_useless` adds the
fares (priced from the rides, the legs are built only for the itineraries returned): an
itinerary that costs more (a transfer more, more walking, a higher fare) must save a
noticeable time, as OpenTripPlanner's itinerary filters ask (its "transit generalized cost"
and "remove transit if walking is better" filters). The thresholds are in
:mod:`routing.limits`.

Venue profiles hand in :class:`~routing.plan.candidates.Sketch` es (exact times, legs not
followed yet): only those that can change the answer are followed
(:func:`_followed_undominated`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from routing import limits
from routing.journeys import Journey, Query
from routing.kernel.timetable import DAY_S
from routing.plan.reconstruct import Candidate, Sketch

__all__ = ["absolute_times", "best_candidates", "choose_journeys", "drop_useless"]

J = TypeVar("J", Candidate, Journey)


def absolute_times(journey: Candidate | Sketch | Journey, base: date) -> tuple[int, int]:
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


def best_candidates(found: Sequence[Candidate | Sketch], query: Query, limit: int | None = None
                    ) -> list[Candidate]:
    """Distinct, non-dominated candidates, the ``limit`` (default ``num_itineraries``)
    nearest the asked time, in chronological order. Sketches in ``found`` are followed as
    far as the answer needs them."""
    n = query.num_itineraries if limit is None else limit
    return _nearest(_followed_undominated(found, query, n), query, n)


def _undominated(found: list[Candidate], query: Query) -> list[Candidate]:
    """Distinct (by signature; the least walking, then the first, of a kind), walking beaten
    as :func:`best_candidates` says, and dominated by no other; in ``found``'s order."""
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
    return [b for i, b in enumerate(items)
            if not any(j != i and _dominates(a, figures[i], query)
                       for j, a in enumerate(figures))]


def _followed_undominated(found: Sequence[Candidate | Sketch], query: Query, n: int
                          ) -> list[Candidate]:
    """:func:`_undominated` of the candidates of ``found`` (in its order) that
    :func:`best_candidates` needs for its ``n`` nearest. Sketches are followed by arrival
    (depart-after) until ``n`` undominated ones arrive by the last arrival followed, T. What
    is left cannot change those ``n``: a dominating candidate arrives no later than the one
    it dominates, the nearest are the earliest arrivals, and a later twin (same rides, so the
    same first ride) is followed too. Every sketch is followed for arrive-by, or when one's
    figures prove inexact."""
    sketches = [s for s in found if isinstance(s, Sketch)]
    if sketches and not query.arrive_by:
        base = query.service_date
        arrival = {id(s): absolute_times(s, base)[1] for s in sketches}
        pending = sorted(sketches, key=lambda s: arrival[id(s)])
        done, step = 0, n
        while done < len(pending):
            done = min(len(pending), done + step)
            while done < len(pending) and \
                    arrival[id(pending[done])] == arrival[id(pending[done - 1])]:
                done += 1
            for sketch in pending[:done]:
                sketch.follow()
            if not all(s.exact for s in pending[:done]):
                break
            firsts = {_first_ride(c, base) for c in _resolved(found) if c.rides}
            for sketch in pending[done:]:
                if (sketch.first_ride[0], sketch.first_ride[1] + _shift(sketch, base)) \
                        in firsts:
                    sketch.follow()
            if not all(s.exact for s in pending):
                break
            last = arrival[id(pending[done - 1])]
            undominated = _undominated(_resolved(found), query)
            kept = sum(absolute_times(c, base)[1] <= last for c in undominated)
            if kept >= n:
                return undominated
            step = n - kept
    for sketch in sketches:
        sketch.follow()
    return _undominated(_resolved(found), query)


def _resolved(found: Sequence[Candidate | Sketch]) -> list[Candidate]:
    """The candidates and followed sketches of ``found``, in its order."""
    out: list[Candidate] = []
    for item in found:
        candidate = item.candidate if isinstance(item, Sketch) else item
        if candidate is not None:
            out.append(candidate)
    return out


def _shift(journey: Candidate | Sketch, base: date) -> int:
    return (journey.service_date - base).days * DAY_S


def _first_ride(candidate: Candidate, base: date) -> tuple[str, int]:
    """(trip id, boarding time from ``base``'s midnight) of the first ride."""
    trip_id, dep_s = candidate.rides[0]
    return trip_id, dep_s + _shift(candidate, base)


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


def choose_journeys(found: Sequence[Candidate | Sketch], query: Query) -> list[Journey]:
    """Take the best candidates and drop the useless ones, taking more candidates while
    some were dropped and others remain; builds the legs of at most ``query.num_itineraries``
    kept, chronological."""
    wanted = query.num_itineraries
    while True:
        chosen = best_candidates(found, query, limit=wanted)
        kept = drop_useless(chosen, query)
        if len(kept) >= query.num_itineraries or len(chosen) < wanted:
            return [c.journey() for c in _nearest(kept, query, query.num_itineraries)]
        wanted += query.num_itineraries - len(kept)


def _costs_more(x: Candidate | Journey, y: Candidate | Journey) -> bool:
    """``x`` is no cheaper than ``y`` on any count and dearer on one (transfers, metres
    walked beyond ``limits.WALK_TOLERANCE_M``, fare where both are known). Fares are read
    only when transfers and walking do not settle it."""
    if x.transfers < y.transfers or x.walk_m < y.walk_m - limits.WALK_TOLERANCE_M:
        return False
    fare_x, fare_y = x.fare_idr, y.fare_idr
    fares = fare_x is not None and fare_y is not None
    if fares and fare_x < fare_y:  # type: ignore[operator]
        return False
    return (x.transfers > y.transfers or x.walk_m > y.walk_m + limits.WALK_TOLERANCE_M
            or (fares and fare_x > fare_y))  # type: ignore[operator]


def _saving_s(x: Candidate | Journey, y: Candidate | Journey, base: date) -> int:
    """How much ``x`` gains over ``y``: the later of leaving later or arriving earlier."""
    xd, xa = absolute_times(x, base)
    yd, ya = absolute_times(y, base)
    return max(ya - xa, xd - yd)


def drop_useless(journeys: list[J], query: Query) -> list[J]:
    """The journeys (or candidates: the same figures) minus those that cost more than
    another one without saving a noticeable time (``limits.NOTICEABLE_SAVING_S`` or
    ``NOTICEABLE_SAVING_FRACTION`` of the other's duration, whichever is larger). Order is
    kept."""
    base = query.service_date

    def useless(x: J) -> bool:
        for y in journeys:
            if y is x or not _costs_more(x, y):
                continue
            needed = max(limits.NOTICEABLE_SAVING_S,
                         limits.NOTICEABLE_SAVING_FRACTION * y.duration_s)
            if _saving_s(x, y, base) < needed:
                return True
        return False

    return [j for j in journeys if not useless(j)]
