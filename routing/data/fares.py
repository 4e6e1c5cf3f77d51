"""Fares: the front for GTFS-Fares v1 and v2, in IDR.

A feed with v2 files (``fare_products.txt`` and ``fare_leg_rules.txt``) is priced by v2
(:mod:`routing.data.fares_v2`); any other feed by v1, ``fare_attributes.txt`` + ``fare_rules.txt``:

- a ride costs the cheapest fare one of whose rules matches it. A rule is the set of
  ``fare_rules.txt`` rows sharing ``fare_id``, ``route_id``, ``origin_id`` and
  ``destination_id``; its ``contains_id`` values form a set that must EQUAL the set of zones
  the ride passes through (boarding, alighting and every intermediate stop's zone): the fare
  applies only if the itinerary passes through every zone listed and no others (GTFS
  reference, fare_rules.txt ``contains_id``). A rule without ``contains_id`` ignores the zones
  passed; empty ``route_id``/``origin_id``/``destination_id`` match any.
- a ride on the same fare as the ticket in hand rides free while that ticket's ``transfers``
  (empty: unlimited) and ``transfer_duration`` (from the ticket's first departure) allow.

A ride with no matching rule, or a fare in another currency than IDR, makes the journey's
fare unknown (None). Each priced leg gets ``fare_idr`` (what it adds to the total) and
``fare_product`` (the fare or product covering it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd

from routing.data.fares_v2 import FaresV2
from routing.data.gtfs import LoadedFeed
from routing.journeys import FareProduct, Leg

__all__ = ["FareTable"]


@dataclass(frozen=True)
class _Fare:
    fare_id: str
    price_idr: int
    transfers: int | None      # None: unlimited
    transfer_duration_s: int | None

    @cached_property
    def product(self) -> FareProduct:
        """The fare as a product (made once; FareProduct is immutable)."""
        return FareProduct(self.fare_id, self.fare_id.split(":", 1)[-1], float(self.price_idr),
                           "IDR")


@dataclass(frozen=True)
class _Rule:
    fare_id: str
    route_id: str | None
    origin: str | None
    destination: str | None
    contains: frozenset[str]   # empty: zones passed do not matter


class FareTable:
    """Fare lookup for every loaded feed (v2 where a feed has it, else v1)."""

    def __init__(self, feeds: list[LoadedFeed]) -> None:
        self._fares: dict[str, _Fare] = {}
        self._rules: dict[str, list[_Rule]] = {}   # by route id, "<feed>:" for any route
        self._zone: dict[str, str] = {}
        self._v2: dict[str, FaresV2] = {}
        for feed in feeds:
            if FaresV2.present(feed):
                self._v2[feed.feed_id] = FaresV2(feed)
            else:
                self._load(feed)
        self._reads_passed = any(rule.contains for rules in self._rules.values()
                                 for rule in rules)
        #: leg_fare answers by (route id, stops that matter): plans price the same rides
        self._leg_fares: dict[tuple, _Fare | None] = {}

    def _load(self, feed: LoadedFeed) -> None:
        stops = feed.tables.stops
        zones = dict(zip(stops["stop_id"], stops["zone_id"], strict=True))
        for stop_id, parent in zip(stops["stop_id"], stops["parent_station"], strict=True):
            zone = zones.get(stop_id)
            if pd.isna(zone) and pd.notna(parent):
                zone = zones.get(parent)
            if zone is not None and pd.notna(zone):
                self._zone[stop_id] = str(zone)
        attributes = feed.tables.fare_attributes
        if attributes is None or not len(attributes):
            return
        for row in attributes.itertuples(index=False):
            if str(row.currency_type).upper() != "IDR":
                continue
            self._fares[row.fare_id] = _Fare(
                row.fare_id, int(round(float(row.price))),
                None if pd.isna(getattr(row, "transfers", pd.NA)) else int(row.transfers),
                None if pd.isna(getattr(row, "transfer_duration", pd.NA))
                else int(row.transfer_duration),
            )
        rules = feed.tables.fare_rules
        if rules is None or not len(rules):
            return
        grouped: dict[tuple, set[str]] = {}
        for row in rules.itertuples(index=False):
            key = (row.fare_id, *(_text(getattr(row, c, pd.NA))
                                  for c in ("route_id", "origin_id", "destination_id")))
            contains = grouped.setdefault(key, set())
            zone = _text(getattr(row, "contains_id", pd.NA))
            if zone is not None:
                contains.add(zone)
        for (fare_id, route_id, origin, destination), contains in grouped.items():
            rule = _Rule(fare_id, route_id, origin, destination, frozenset(contains))
            self._rules.setdefault(route_id or f"{feed.feed_id}:", []).append(rule)

    @property
    def reads_passed_stops(self) -> bool:
        """Whether a price depends on the stops a ride passes (a v1 rule with
        ``contains_id``); else legs may be priced without their intermediate stops."""
        return self._reads_passed

    def leg_fare(self, route_id: str, stop_ids: list[str]) -> _Fare | None:
        """The cheapest v1 fare matching a ride along ``stop_ids`` (boarding first, alighting
        last, the stops passed between), or None when no rule matches; remembered by route
        and the stops the rules read (only the ends without a ``contains_id`` rule)."""
        key = (route_id, *stop_ids) if self._reads_passed else (
            route_id, stop_ids[0], stop_ids[-1])
        if key in self._leg_fares:
            return self._leg_fares[key]
        fare = self._match(route_id, stop_ids)
        if len(self._leg_fares) < 200_000:
            self._leg_fares[key] = fare
        return fare

    def _match(self, route_id: str, stop_ids: list[str]) -> _Fare | None:
        """:meth:`leg_fare` without the memory."""
        origin, destination = self._zone.get(stop_ids[0]), self._zone.get(stop_ids[-1])
        passed: frozenset[str] | None = None   # zones passed: read only by contains rules
        feed = route_id.split(":", 1)[0] + ":"
        best: _Fare | None = None
        for rule in [*self._rules.get(route_id, ()), *self._rules.get(feed, ())]:
            if rule.origin is not None and rule.origin != origin:
                continue
            if rule.destination is not None and rule.destination != destination:
                continue
            if rule.contains and passed is None:
                passed = frozenset(z for s in stop_ids if (z := self._zone.get(s)) is not None)
            if rule.contains and rule.contains != passed:
                continue
            fare = self._fares.get(rule.fare_id)
            if fare is not None and (best is None or fare.price_idr < best.price_idr):
                best = fare
        return best

    def price_legs(self, legs: list[Leg], service_date: date | None = None) -> int | None:
        """Set ``fare_idr`` and ``fare_product`` on each transit leg; return the total in IDR
        (None if any ride's fare is unknown). ``service_date`` (the date the legs' seconds
        count from) lets v2 timeframes check their service; without it only the clock time
        is checked."""
        total: int | None = self._price_v1([
            leg for leg in legs if leg.is_transit and leg.feed_id not in self._v2])
        for fares in self._v2.values():
            part = fares.price([leg for leg in legs if leg.is_transit], service_date)
            total = None if total is None or part is None else total + part
        return total

    def _price_v1(self, legs: list[Leg]) -> int | None:
        total: int | None = 0
        ticket: _Fare | None = None
        ticket_start_s = 0
        rides_on_ticket = 0
        for leg in legs:
            stop_ids = [leg.origin.stop_id or "",
                        *(s.place.stop_id for s in leg.intermediate if s.place.stop_id),
                        leg.destination.stop_id or ""]
            fare = self.leg_fare(leg.route_id or "", stop_ids)
            if fare is None:
                leg.fare_idr, leg.fare_product = None, None
                total = None
                ticket = None
                continue
            leg.fare_product = fare.product
            free = (
                ticket is not None and ticket.fare_id == fare.fare_id
                and (ticket.transfers is None or rides_on_ticket <= ticket.transfers)
                and (ticket.transfer_duration_s is None
                     or leg.dep_s - ticket_start_s <= ticket.transfer_duration_s)
            )
            if free:
                leg.fare_idr = 0
                rides_on_ticket += 1
                continue
            leg.fare_idr = fare.price_idr
            ticket, ticket_start_s, rides_on_ticket = fare, leg.dep_s, 1
            if total is not None:
                total += fare.price_idr
        return total


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)
