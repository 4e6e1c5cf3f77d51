"""Which candidate journeys an answer keeps: distinct, not dominated, nearest the asked time."""

from __future__ import annotations

from datetime import date

from routing.journeys import Query
from routing.kernel.timetable import DAY_S
from routing.plan.reconstruct import Candidate

__all__ = ["absolute_times", "best_candidates"]


def absolute_times(journey: Candidate, base: date) -> tuple[int, int]:
    shift = (journey.service_date - base).days * DAY_S
    return journey.dep_s + shift, journey.arr_s + shift


def best_candidates(found: list[Candidate], query: Query, limit: int | None = None
          ) -> list[Candidate]:
    """Distinct, non-dominated journeys, the ``limit`` (default ``num_itineraries``) nearest
    the asked time, in chronological order."""
    unique: dict[tuple, Candidate] = {}
    for journey in found:
        key = journey.signature(query.service_date)
        if key not in unique or journey.walk_m < unique[key].walk_m:
            unique[key] = journey
    items = list(unique.values())
    base = query.service_date
    walks = [j for j in items if j.is_walk]
    walk_s = min((j.duration_s for j in walks), default=None)

    def dominated(b: Candidate) -> bool:
        bd, ba = absolute_times(b, base)
        if walk_s is not None and b not in walks and b.duration_s >= walk_s:
            return True
        for a in items:
            if a is b:
                continue
            ad, aa = absolute_times(a, base)
            if ad >= bd and aa <= ba and a.transfers <= b.transfers and (
                (ad, aa, a.transfers, a.walk_m) != (bd, ba, b.transfers, b.walk_m)
                and (ad > bd or aa < ba or a.transfers < b.transfers or a.walk_m < b.walk_m)
            ):
                return True
        return False

    kept = [j for j in items if not dominated(j)]
    if query.arrive_by:
        kept.sort(key=lambda j: (-absolute_times(j, base)[1], -absolute_times(j, base)[0]))
    else:
        kept.sort(key=lambda j: (absolute_times(j, base)[1], -absolute_times(j, base)[0]))
    chosen = kept[:query.num_itineraries if limit is None else limit]
    chosen.sort(key=lambda j: absolute_times(j, base))
    return chosen
