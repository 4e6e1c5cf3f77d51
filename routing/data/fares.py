"""Fares v1: ``fare_attributes.txt`` + ``fare_rules.txt`` (route and zones), in IDR.

A transit leg costs the cheapest fare whose rule matches its route and its boarding and
alighting zones. A leg on the same fare as the ticket in hand rides free while that ticket's
``transfers`` count (empty: unlimited) and ``transfer_duration`` allow. A leg with no
matching rule, or a fare in another currency, makes the journey's fare unknown (None).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from routing.data.gtfs import LoadedFeed
from routing.journeys import Leg

__all__ = ["FareTable"]


@dataclass(frozen=True)
class _Fare:
    fare_id: str
    price_idr: int
    transfers: int | None      # None: unlimited
    transfer_duration_s: int | None


@dataclass(frozen=True)
class _Rule:
    fare_id: str
    route_id: str | None
    origin: str | None
    destination: str | None
    contains: str | None


class FareTable:
    """Fare lookup for every loaded feed."""

    def __init__(self, feeds: list[LoadedFeed]) -> None:
        self._fares: dict[str, _Fare] = {}
        self._rules: dict[str, list[_Rule]] = {}   # by route id, "<feed>:" for any route
        self._zone: dict[str, str] = {}
        for feed in feeds:
            self._load(feed)

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
        for row in rules.itertuples(index=False):
            rule = _Rule(
                row.fare_id, *(None if pd.isna(getattr(row, c, pd.NA)) else str(getattr(row, c))
                               for c in ("route_id", "origin_id", "destination_id",
                                         "contains_id")))
            key = rule.route_id or f"{feed.feed_id}:"
            self._rules.setdefault(key, []).append(rule)

    def leg_fare(self, route_id: str, from_stop: str, to_stop: str) -> _Fare | None:
        """The cheapest fare matching a ride, or None when no rule matches."""
        origin, destination = self._zone.get(from_stop), self._zone.get(to_stop)
        feed = route_id.split(":", 1)[0] + ":"
        best: _Fare | None = None
        for rule in [*self._rules.get(route_id, ()), *self._rules.get(feed, ())]:
            if rule.origin is not None and rule.origin != origin:
                continue
            if rule.destination is not None and rule.destination != destination:
                continue
            if rule.contains is not None and rule.contains not in (origin, destination):
                continue
            fare = self._fares.get(rule.fare_id)
            if fare is not None and (best is None or fare.price_idr < best.price_idr):
                best = fare
        return best

    def price_legs(self, legs: list[Leg]) -> int | None:
        """Set ``fare_idr`` on each transit leg; return the total (None if any is unknown)."""
        total: int | None = 0
        ticket: _Fare | None = None
        ticket_start_s = 0
        rides_on_ticket = 0
        for leg in legs:
            if not leg.is_transit:
                continue
            fare = self.leg_fare(leg.route_id or "", leg.origin.stop_id or "",
                                 leg.destination.stop_id or "")
            if fare is None:
                leg.fare_idr = None
                total = None
                ticket = None
                continue
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
