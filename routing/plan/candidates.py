"""Candidates: journeys known by their figures before their legs are built.

A :class:`Candidate` holds what the choice of itineraries compares (times, transfers, metres
walked, rides) and builds its Journey, or prices its rides, on demand. A :class:`Sketch` is
less still: a venue-profile entry's exact departure, arrival and first ride, followed to a
Candidate only when the choice needs it (:mod:`routing.plan.choose`). Rides and walks are
forward-time steps (:class:`RawRide`, :class:`RawWalk`), as :mod:`routing.plan.reconstruct`
rebuilds them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from routing.data.dataset import Dataset
from routing.journeys import Journey, Leg, Stopover
from routing.kernel.timetable import Timetable
from routing.plan.places import stop_ref

__all__ = ["Candidate", "PricedRides", "RawRide", "RawWalk", "Sketch", "fare_legs"]


@dataclass(frozen=True)
class RawRide:
    """A ride in forward time: route, global trip index, boarding and alighting positions."""

    route: int
    trip: int
    board_pos: int
    alight_pos: int


@dataclass(frozen=True)
class RawWalk:
    """A walk between two boardable stops (forward time)."""

    from_stop: int
    to_stop: int


@dataclass
class Candidate:
    """A journey's figures, cheap to compare (times in seconds of ``service_date``); ``build()``
    makes the full Journey, ``price()`` (when given) its fare without building the legs.
    :meth:`journey` and :attr:`fare_idr` compute each once."""

    service_date: date
    dep_s: int
    arr_s: int
    transfers: int
    walk_m: int
    rides: tuple        # (trip id, boarding time) of each ride
    is_walk: bool
    build: Callable[[], Journey] = field(repr=False)
    price: Callable[[], int | None] | None = field(default=None, repr=False)
    _journey: Journey | None = field(default=None, init=False, repr=False, compare=False)
    _fare: tuple[int | None] | None = field(default=None, init=False, repr=False,
                                             compare=False)

    @property
    def duration_s(self) -> int:
        return self.arr_s - self.dep_s

    def journey(self) -> Journey:
        """The full Journey, built on the first call."""
        if self._journey is None:
            self._journey = self.build()
        return self._journey

    @property
    def fare_idr(self) -> int | None:
        """The journey's fare in IDR (None: unknown), as the built journey has it; priced
        on the first read, from the rides alone where ``price`` is given."""
        if self._fare is None:
            if self.price is not None and self._journey is None:
                self._fare = (self.price(),)
            else:
                self._fare = (self.journey().fare_idr,)
        return self._fare[0]

    def signature(self, base: date) -> tuple:
        """What makes two candidates the same journey, in seconds from ``base``'s midnight
        (a run past midnight is found on two service dates: it is one journey)."""
        shift = (self.service_date - base).days * 86_400
        if not self.rides:
            return (("walk", self.dep_s + shift),)
        return tuple((trip_id, dep_s + shift) for trip_id, dep_s in self.rides)


@dataclass
class Sketch:
    """A candidate known by its departure, arrival (seconds of ``service_date``, exact) and
    first ride (trip id, boarding time) before its legs are followed: ``follow()`` makes the
    Candidate (None when the chain breaks), once. :func:`routing.plan.choose.best_candidates`
    follows only the sketches that can change its answer."""

    service_date: date
    dep_s: int
    arr_s: int
    first_ride: tuple[str, int]
    rebuild: Callable[[], Candidate | None] = field(repr=False)
    followed: bool = field(default=False, init=False)
    _candidate: Candidate | None = field(default=None, init=False, repr=False)

    def follow(self) -> Candidate | None:
        """The Candidate, rebuilt on the first call."""
        if not self.followed:
            self._candidate, self.followed = self.rebuild(), True
        return self._candidate

    @property
    def candidate(self) -> Candidate | None:
        """The Candidate if followed already, else None."""
        return self._candidate

    @property
    def exact(self) -> bool:
        """False when the followed candidate's figures differ from the sketch's (then every
        sketch of the answer is followed)."""
        c = self._candidate
        return c is None or (c.dep_s == self.dep_s and c.arr_s == self.arr_s
                             and c.service_date == self.service_date
                             and c.rides[:1] == (self.first_ride,))


class PricedRides:
    """The fare of a candidate's rides, priced on :func:`fare_legs` once; the legs keep
    what pricing set on them (``fare_idr``, ``fare_product``) for
    :func:`routing.plan.reconstruct.build_journey` to copy."""

    def __init__(self, ds: Dataset, table: Timetable, steps: list[RawRide | RawWalk]) -> None:
        self.ds, self.table, self.steps = ds, table, steps
        self.legs: list[Leg] | None = None
        self.fare_idr: int | None = None

    def price(self) -> int | None:
        """The total in IDR (None: unknown)."""
        if self.legs is None:
            legs = fare_legs(self.ds, self.table, self.steps)
            self.fare_idr = self.ds.fares.price_legs(legs, self.table.service_date)
            self.legs = legs
        return self.fare_idr


def fare_legs(ds: Dataset, table: Timetable, steps: list[RawRide | RawWalk]) -> list[Leg]:
    """The transit legs of forward ``steps`` with only what the fare rules read (trip and
    route ids, stops boarded and left, times, and the stops passed where a rule reads them),
    cut at in-seat junctions as :func:`routing.plan.reconstruct.build_journey` cuts them:
    pricing these gives the built journey's fare and each ride's share."""
    net = ds.network
    passed = ds.fares.reads_passed_stops
    legs: list[Leg] = []
    for step in steps:
        if isinstance(step, RawWalk):
            continue
        stops = table.route_stops_of(step.route)
        arr_s, dep_s = table.trip_row(step.route, step.trip)
        cuts = [pos for pos, _ in table.info_of(step.trip).parts
                if step.board_pos < pos < step.alight_pos]
        ends = [step.board_pos, *cuts, step.alight_pos]
        for a, b in zip(ends, ends[1:], strict=False):
            info = table.info_at(step.trip, a)
            legs.append(Leg(
                mode="TRANSIT", origin=stop_ref(net, int(stops[a])),
                destination=stop_ref(net, int(stops[b])), dep_s=int(dep_s[a]),
                arr_s=int(arr_s[b]), distance_m=0, geometry=[], trip_id=info.trip_id,
                route_id=info.route_id,
                intermediate=[Stopover(stop_ref(net, int(stops[p])), int(arr_s[p]),
                                       int(dep_s[p])) for p in range(a + 1, b)]
                if passed else []))
    return legs
