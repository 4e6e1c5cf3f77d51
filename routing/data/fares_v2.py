"""GTFS-Fares v2 for one feed: fare_products, fare_leg_rules, fare_transfer_rules, timeframes,
rider_categories, fare_media, areas/stop_areas and networks/route_networks (GTFS reference,
"Fares" files).

A ride (one transit leg) is matched against ``fare_leg_rules.txt``:

- ``network_id`` (the route's network from ``route_networks.txt`` or ``routes.network_id``),
  ``from_area_id``/``to_area_id`` (the areas of the boarding/alighting stop or its station):
  a value must equal the ride's; an empty value matches any ride when the file has
  ``rule_priority``, otherwise only rides that no rule names a value for (the spec's default
  matching);
- ``from_timeframe_group_id``/``to_timeframe_group_id``: the ride's departure/arrival, as local
  wall-clock time in the feed's zone, lies in one of the group's ``timeframes.txt`` rows
  (start included, end excluded) on a date whose services include the row's ``service_id``;
  empty matches any time;
- with ``rule_priority``, only the highest-priority matches count. Of the matching rules the
  cheapest product wins. A product's price is its cheapest ``fare_products.txt`` row for a
  default rider (``rider_category_id`` empty or ``is_default_fare_category`` 1).

Consecutive rides of this feed form transfer sub-journeys through ``fare_transfer_rules.txt``
(from/to leg group, with the same default matching for empty groups). A rule applies while the
sub-journey's transfers stay within ``transfer_count`` (-1: unlimited; only for a rule from a
group to itself) and within ``duration_limit`` measured by ``duration_limit_type`` from the
sub-journey's first ride (its departure for types 0/1, its arrival for 2/3) to the next ride's
departure (1, 2) or arrival (0, 3). The next ride then adds, by ``fare_transfer_type``:
0 the transfer product (A + AB), 1 the transfer product and its own product (A + AB + B),
2 the transfer product in place of the first ride's (AB; later transfers add theirs).
Without a matching rule a new sub-journey starts and the ride pays its own product.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from routing.clock import JAKARTA_TZ
from routing.data.compile import active_services
from routing.data.gtfs import LoadedFeed, parse_time_s
from routing.data.timezones import zone
from routing.errors import FeedError
from routing.journeys import FareProduct, Leg

__all__ = ["FaresV2"]

_DAY_S = 86_400
_EPOCH = date(2000, 1, 3)   # stands for an unknown service date (no DST in ASEAN zones)


@dataclass(frozen=True)
class _LegRule:
    leg_group: str | None
    network: str | None
    from_area: str | None
    to_area: str | None
    from_timeframe: str | None
    to_timeframe: str | None
    product: FareProduct
    priority: int


@dataclass(frozen=True)
class _TransferRule:
    from_group: str | None
    to_group: str | None
    transfer_count: int | None
    duration_limit_s: int | None
    duration_type: int
    transfer_type: int
    product: FareProduct | None


@dataclass(frozen=True)
class _Timeframe:
    start_s: int
    end_s: int
    service_id: str


@dataclass
class _SubJourney:
    """The rides linked by transfer rules so far."""

    first: Leg
    first_cost: float
    group: str | None
    transfers: int


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _rows(frame: pd.DataFrame | None) -> list[tuple[int, dict]]:
    """(file row, record) pairs; header is row 1."""
    if frame is None:
        return []
    return [(i + 2, rec) for i, rec in enumerate(frame.to_dict("records"))]


class FaresV2:
    """The v2 fare model of one feed."""

    @staticmethod
    def present(feed: LoadedFeed) -> bool:
        """True when ``feed`` has v2 fares (fare_products.txt and fare_leg_rules.txt)."""
        return {"fare_products", "fare_leg_rules"} <= set(feed.fares_v2)

    def __init__(self, feed: LoadedFeed) -> None:
        """Read and cross-check the v2 tables; FeedError (file, row, column) on an unknown
        reference, a bad time or a missing conditionally required value."""
        self.feed_id = feed.feed_id
        self.zone = feed.timezone
        self._feed = feed
        self._services: dict[date, set[str]] = {}
        tables = feed.fares_v2
        self._products = self._read_products(tables)
        self._service_ids = {
            str(s) for t in (feed.tables.calendar, feed.tables.calendar_dates) if t is not None
            for s in t["service_id"]}
        self._timeframes = self._read_timeframes(tables.get("timeframes"))
        self._network = self._read_networks(feed)
        self._areas = self._read_areas(feed, tables.get("stop_areas"))
        rules = tables["fare_leg_rules"]
        self._has_priority = "rule_priority" in rules.columns
        self._leg_rules = [self._leg_rule(row, rec, rules) for row, rec in _rows(rules)]
        self._named = {
            name: {getattr(r, name) for r in self._leg_rules} - {None}
            for name in ("network", "from_area", "to_area")
        }
        transfers = tables.get("fare_transfer_rules")
        self._transfer_rules = [self._transfer_rule(row, rec, transfers)
                                for row, rec in _rows(transfers)]
        self._from_groups = {r.from_group for r in self._transfer_rules} - {None}
        self._to_groups = {r.to_group for r in self._transfer_rules} - {None}

    # --- reading ----------------------------------------------------------------------

    @staticmethod
    def _fail(frame: pd.DataFrame, row: int, column: str, message: str) -> FeedError:
        return FeedError(message, file=frame.attrs.get("display"), row=row, column=column)

    def _read_products(self, tables: dict[str, pd.DataFrame]) -> dict[str, FareProduct]:
        media: dict[str, str] = {}
        for _, rec in _rows(tables.get("fare_media")):
            media[rec["fare_media_id"]] = _text(rec.get("fare_media_name")) or str(
                rec["fare_media_id"]).split(":", 1)[-1]
        categories = tables.get("rider_categories")
        default = {rec["rider_category_id"] for _, rec in _rows(categories)
                   if _text(rec.get("is_default_fare_category")) == "1"}
        known = {rec["rider_category_id"] for _, rec in _rows(categories)}
        frame = tables["fare_products"]
        best: dict[str, FareProduct] = {}
        for row, rec in _rows(frame):
            pid = rec["fare_product_id"]
            for column in ("amount", "currency"):
                if _text(rec[column]) is None:
                    raise self._fail(frame, row, column, f"{column} is empty")
            medium = _text(rec.get("fare_media_id"))
            if medium is not None and medium not in media:
                raise self._fail(frame, row, "fare_media_id", f"unknown fare_media_id {medium!r}")
            category = _text(rec.get("rider_category_id"))
            if category is not None and categories is not None and category not in known:
                raise self._fail(frame, row, "rider_category_id",
                                 f"unknown rider_category_id {category!r}")
            if category is not None and categories is not None and category not in default:
                continue   # a fare for a particular rider (student, senior ...), not the default
            offer = FareProduct(pid, _text(rec.get("fare_product_name")) or pid.split(":", 1)[-1],
                                float(rec["amount"]), str(rec["currency"]).upper(),
                                media.get(medium) if medium else None)
            if pid not in best or offer.amount < best[pid].amount:
                best[pid] = offer
        self._all_products = {rec["fare_product_id"] for _, rec in _rows(frame)}
        return best

    def _product(self, frame: pd.DataFrame, row: int, pid: object) -> FareProduct | None:
        product_id = _text(pid)
        if product_id is None:
            return None
        if product_id not in self._all_products:
            raise self._fail(frame, row, "fare_product_id",
                             f"unknown fare_product_id {product_id!r}")
        return self._products.get(product_id)

    def _read_timeframes(self, frame: pd.DataFrame | None) -> dict[str, list[_Timeframe]]:
        groups: dict[str, list[_Timeframe]] = {}
        for row, rec in _rows(frame):
            bounds = []
            for column, default in (("start_time", 0), ("end_time", _DAY_S)):
                text = _text(rec.get(column))
                try:
                    bounds.append(default if text is None else parse_time_s(text))
                except ValueError as exc:
                    raise self._fail(frame, row, column, str(exc)) from exc
            if not 0 <= bounds[0] < bounds[1] <= _DAY_S:
                raise self._fail(frame, row, "end_time",
                                 "a timeframe needs 00:00:00 <= start_time < end_time <= 24:00:00")
            if rec["service_id"] not in self._service_ids:
                raise self._fail(frame, row, "service_id",
                                 f"unknown service_id {rec['service_id']!r}")
            groups.setdefault(rec["timeframe_group_id"], []).append(
                _Timeframe(bounds[0], bounds[1], rec["service_id"]))
        return groups

    @staticmethod
    def _read_networks(feed: LoadedFeed) -> dict[str, str]:
        network: dict[str, str] = {}
        routes = feed.tables.routes
        if "network_id" in routes.columns:
            network.update({r: n for r, n in zip(routes["route_id"], routes["network_id"],
                                                 strict=True) if pd.notna(n)})
        frame = feed.fares_v2.get("route_networks")
        known = set(routes["route_id"])
        for row, rec in _rows(frame):
            if rec["route_id"] not in known:
                raise FaresV2._fail(frame, row, "route_id", f"unknown route_id {rec['route_id']!r}")
            network[rec["route_id"]] = rec["network_id"]
        return network

    @staticmethod
    def _read_areas(feed: LoadedFeed, frame: pd.DataFrame | None) -> dict[str, set[str]]:
        areas: dict[str, set[str]] = {}
        stops = feed.tables.stops
        known = set(stops["stop_id"])
        for row, rec in _rows(frame):
            if rec["stop_id"] not in known:
                raise FaresV2._fail(frame, row, "stop_id", f"unknown stop_id {rec['stop_id']!r}")
            areas.setdefault(rec["stop_id"], set()).add(rec["area_id"])
        for stop_id, parent in zip(stops["stop_id"], stops["parent_station"], strict=True):
            if pd.notna(parent) and parent in areas:   # a platform is in its station's areas
                areas.setdefault(stop_id, set()).update(areas[parent])
        return areas

    def _leg_rule(self, row: int, rec: dict, frame: pd.DataFrame) -> _LegRule:
        for column in ("from_timeframe_group_id", "to_timeframe_group_id"):
            group = _text(rec.get(column))
            if group is not None and group not in self._timeframes:
                raise self._fail(frame, row, column, f"unknown timeframe_group_id {group!r}")
        if _text(rec["fare_product_id"]) is None:
            raise self._fail(frame, row, "fare_product_id", "fare_product_id is empty")
        product = self._product(frame, row, rec["fare_product_id"])
        if product is None:   # only rider-specific offers: not a default rider's fare
            product = FareProduct("", "", float("inf"), "")
        priority = rec.get("rule_priority")
        return _LegRule(
            _text(rec.get("leg_group_id")), _text(rec.get("network_id")),
            _text(rec.get("from_area_id")), _text(rec.get("to_area_id")),
            _text(rec.get("from_timeframe_group_id")), _text(rec.get("to_timeframe_group_id")),
            product, 0 if priority is None or pd.isna(priority) else int(priority))

    def _transfer_rule(self, row: int, rec: dict, frame: pd.DataFrame) -> _TransferRule:
        kind = rec["fare_transfer_type"]
        if pd.isna(kind) or int(kind) not in (0, 1, 2):
            raise self._fail(frame, row, "fare_transfer_type", "must be 0, 1 or 2")
        limit, limit_type = rec.get("duration_limit"), rec.get("duration_limit_type")
        limit_s = None if limit is None or pd.isna(limit) else int(limit)
        has_limit = limit_s is not None
        limit_kind = -1 if limit_type is None or pd.isna(limit_type) else int(limit_type)
        if has_limit and limit_kind not in (0, 1, 2, 3):
            raise self._fail(frame, row, "duration_limit_type",
                             "must be 0-3 when duration_limit is given")
        count = rec.get("transfer_count")
        return _TransferRule(
            _text(rec.get("from_leg_group_id")), _text(rec.get("to_leg_group_id")),
            None if count is None or pd.isna(count) else int(count),
            limit_s, limit_kind if has_limit else 0, int(kind),
            self._product(frame, row, rec.get("fare_product_id")))

    # --- matching ---------------------------------------------------------------------

    def _field(self, value: str | None, ride: set[str], named: set[str]) -> bool:
        """One rule field against the ride's values, with the spec's empty-field matching."""
        if value is not None:
            return value in ride
        return self._has_priority or not (ride & named)

    def _local(self, seconds: int, service_date: date | None) -> tuple[date, int]:
        """Jakarta seconds of ``service_date`` -> (local date, local seconds of that day)."""
        day = service_date or _EPOCH
        instant = datetime.combine(day, time(0), JAKARTA_TZ) + timedelta(seconds=seconds)
        local = instant.astimezone(zone(self.zone))
        return local.date(), local.hour * 3600 + local.minute * 60 + local.second

    def _in_timeframe(self, group: str, seconds: int, service_date: date | None) -> bool:
        day, clock_s = self._local(seconds, service_date)
        for frame in self._timeframes.get(group, ()):
            if not frame.start_s <= clock_s < frame.end_s:
                continue
            if service_date is None:
                return True
            if day not in self._services:
                self._services[day] = active_services(self._feed, day)
            if frame.service_id in self._services[day]:
                return True
        return False

    def leg_rule(self, leg: Leg, service_date: date | None) -> _LegRule | None:
        """The cheapest matching leg rule of a ride, or None."""
        ride_network = {n} if (n := self._network.get(leg.route_id or "")) else set()
        from_areas = self._areas.get(leg.origin.stop_id or "", set())
        to_areas = self._areas.get(leg.destination.stop_id or "", set())
        matches = [
            rule for rule in self._leg_rules
            if self._field(rule.network, ride_network, self._named["network"])
            and self._field(rule.from_area, from_areas, self._named["from_area"])
            and self._field(rule.to_area, to_areas, self._named["to_area"])
            and (rule.from_timeframe is None
                 or self._in_timeframe(rule.from_timeframe, leg.dep_s, service_date))
            and (rule.to_timeframe is None
                 or self._in_timeframe(rule.to_timeframe, leg.arr_s, service_date))
        ]
        if matches and self._has_priority:
            top = max(r.priority for r in matches)
            matches = [r for r in matches if r.priority == top]
        matches = [r for r in matches if np.isfinite(r.product.amount)]
        return min(matches, key=lambda r: r.product.amount, default=None)

    def _transfer(self, sub: _SubJourney, rule: _LegRule, leg: Leg
                  ) -> tuple[_TransferRule, float] | None:
        """The transfer rule that lets ``leg`` continue sub-journey ``sub`` most cheaply, with
        what ``leg`` then adds to the fare; None when no rule applies."""
        start = {0: sub.first.dep_s, 1: sub.first.dep_s, 2: sub.first.arr_s, 3: sub.first.arr_s}
        end = {0: leg.arr_s, 1: leg.dep_s, 2: leg.dep_s, 3: leg.arr_s}
        from_ride = {sub.group} if sub.group is not None else set()
        to_ride = {rule.leg_group} if rule.leg_group is not None else set()
        best: tuple[_TransferRule, float] | None = None
        for candidate in self._transfer_rules:
            if candidate.from_group is not None and candidate.from_group not in from_ride:
                continue
            if candidate.from_group is None and from_ride & self._from_groups:
                continue
            if candidate.to_group is not None and candidate.to_group not in to_ride:
                continue
            if candidate.to_group is None and to_ride & self._to_groups:
                continue
            if candidate.transfer_count is not None and candidate.transfer_count >= 0 \
                    and sub.transfers + 1 > candidate.transfer_count:
                continue
            if candidate.duration_limit_s is not None and (
                    end[candidate.duration_type] - start[candidate.duration_type]
                    > candidate.duration_limit_s):
                continue
            extra = _cost(candidate.product)
            if candidate.transfer_type == 0:       # A + AB
                cost = extra
            elif candidate.transfer_type == 1:     # A + AB + B
                cost = extra + rule.product.amount
            else:                                  # AB in place of A (later: S + BC)
                cost = extra - sub.first_cost if sub.transfers == 0 else extra
            if best is None or cost < best[1]:
                best = (candidate, cost)
        return best

    def price(self, legs: list[Leg], service_date: date | None) -> int | None:
        """Price this feed's rides among ``legs`` (transit legs of a journey, in order);
        set their ``fare_idr``/``fare_product`` and return their total in IDR (None when a
        ride matches no rule or a product is not in IDR)."""
        total = 0.0
        known = True
        sub: _SubJourney | None = None
        previous: Leg | None = None
        for leg in legs:
            if leg.feed_id != self.feed_id:
                sub, previous = None, leg
                continue
            rule = self.leg_rule(leg, service_date)
            if rule is None:
                leg.fare_idr, leg.fare_product = None, None
                known, sub, previous = False, None, leg
                continue
            leg.fare_product = rule.product
            own = rule.product.amount
            found = self._transfer(sub, rule, leg) if sub is not None and previous is not None \
                and previous.feed_id == self.feed_id else None
            transfer = found[0] if found is not None else None
            if found is None or sub is None:
                cost = own
                sub = _SubJourney(leg, own, rule.leg_group, 0)
            else:
                cost = found[1]
                sub.transfers += 1
                sub.group = rule.leg_group
                if found[0].product is not None:
                    leg.fare_product = found[0].product
            if leg.fare_product.currency != "IDR" or (
                    transfer is not None and transfer.product is not None
                    and transfer.product.currency != "IDR"):
                leg.fare_idr = None
                known = False
            else:
                leg.fare_idr = int(round(cost))
                total += cost
            previous = leg
        return int(round(total)) if known else None


def _cost(product: FareProduct | None) -> float:
    return 0.0 if product is None else product.amount
